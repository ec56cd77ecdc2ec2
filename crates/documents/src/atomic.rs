//! Putting a finished document on disk without ever leaving a half-written
//! file under its final name.

use std::io::Write;
use std::path::Path;

/// Writes bytes to a temporary file in the same folder, syncs, then renames it
/// over `path` (never a half-written PDF under the final name).
///
/// The temporary file lives next to `path` because a rename is only atomic
/// within one file system. It is hidden (`.name.XXXX.tmp`) and removed if
/// anything fails. The new file is readable by its owner only (mode 0600 on
/// Unix): these documents carry people's contact details.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let name = path.file_name().ok_or_else(|| std::io::Error::new(std::io::ErrorKind::InvalidInput, format!("{} does not name a file", path.display())))?;

    let mut prefix = std::ffi::OsString::from(".");
    prefix.push(name);
    prefix.push(".");
    let mut temporary = tempfile::Builder::new().prefix(&prefix).suffix(".tmp").tempfile_in(folder)?;
    temporary.write_all(bytes)?;
    // Sync before the rename: otherwise a crash can leave the final name
    // pointing at a file whose contents never reached the disk.
    temporary.as_file().sync_all()?;
    temporary.persist(path).map_err(|err| err.error)?;

    // Make the rename itself durable. Directories can only be opened (and so
    // synced) this way on Unix.
    #[cfg(unix)]
    std::fs::File::open(folder)?.sync_all()?;
    Ok(())
}
