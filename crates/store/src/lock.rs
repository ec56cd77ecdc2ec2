//! The data folder's lock: one process at a time has a database open.
//!
//! An open [`Store`](crate::Store) holds an exclusive advisory lock (`flock` on
//! Unix, `LockFileEx` on Windows, through std's `File::try_lock`) on
//! `secretariat.lock` in the data folder, and writes its process id into it. A
//! second process asking for the same folder is told which process has it,
//! rather than both writing and each backing up or restoring under the other.
//! The operating system drops the lock when the process ends, however it ends,
//! so a crash never leaves a stale lock behind; the file itself stays and is
//! never deleted (deleting it would race with a process about to lock it).
//!
//! Within one process the lock is shared: every store open on a folder holds the
//! same [`FolderLock`], and the last one dropped releases it. (`flock` conflicts
//! between two descriptors even in one process, and the app and its tests open a
//! folder again while a store is still open — for a restore, say.)

use crate::error::{Result, StoreError};
use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, Weak};

/// The lock file's name in the data folder.
pub const LOCK_FILE: &str = "secretariat.lock";

/// The folder locks this process holds, by canonical folder path (a list: a
/// process has a handful of folders, and a `Vec` can be built in a `static`).
static HELD: Mutex<Vec<(PathBuf, Weak<FolderLock>)>> = Mutex::new(Vec::new());

/// An exclusive hold on a data folder, released when the last clone is dropped.
pub(crate) struct FolderLock {
    _file: File,
}

impl std::fmt::Debug for FolderLock {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("FolderLock")
    }
}

/// Takes (or, in this process, shares) the lock on `dir`.
pub(crate) fn lock_folder(dir: &Path) -> Result<Arc<FolderLock>> {
    let canonical = dir.canonicalize().map_err(|e| crate::db::folder_error(dir, e))?;
    let mut held = HELD.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    held.retain(|(_, lock)| lock.strong_count() > 0);
    if let Some(lock) = held.iter().find(|(path, _)| *path == canonical).and_then(|(_, lock)| lock.upgrade()) {
        return Ok(lock);
    }

    let path = canonical.join(LOCK_FILE);
    let mut file = OpenOptions::new().read(true).write(true).create(true).truncate(false).open(&path).map_err(|e| crate::db::folder_error(dir, e))?;
    match file.try_lock() {
        Ok(()) => {}
        Err(TryLockError::WouldBlock) => {
            let mut text = String::new();
            let _ = file.read_to_string(&mut text);
            return Err(StoreError::AlreadyOpen { path: dir.to_path_buf(), process: text.trim().parse().ok() });
        }
        Err(TryLockError::Error(error)) => return Err(crate::db::folder_error(dir, error)),
    }
    // Who holds it, for the message the next process sees. Only a hint: the lock is what counts.
    let _ = file.set_len(0).and_then(|()| file.rewind()).and_then(|()| write!(file, "{}", std::process::id()));

    let lock = Arc::new(FolderLock { _file: file });
    held.push((canonical, Arc::downgrade(&lock)));
    Ok(lock)
}
