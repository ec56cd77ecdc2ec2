//! The folder documents are written to for "Open in viewer": the viewer is another program,
//! so the document must be a file, outside the encrypted database, for as long as it is open.
//!
//! - **Private to the person.** Under the user's runtime folder where the OS has one
//!   (`$XDG_RUNTIME_DIR` on Linux: per user, mode 0700, emptied at log-out); otherwise under
//!   the temporary folder, which on macOS and Windows is already per user, and on Linux is
//!   shared, so the folder's name carries the user id. It is made with mode 0700.
//! - **Checked before each write** (Unix): a real folder, not a link; owned by us; no access
//!   for group or others. Anything else is refused rather than written to, so another user
//!   cannot plant a folder or a link where we write.
//! - **Emptied** when the app starts (what an earlier run left, e.g. after a crash) and when
//!   it closes. A viewer that still has a document open keeps reading it (Unix), or shows it
//!   from memory.

use crate::error::{ApiError, ErrorKind as ApiErrorKind};
use std::io::{Error, ErrorKind};
use std::path::{Path, PathBuf};

/// What the window says when no program opened `file_name` (issue #18): in words, not the
/// launcher's exit status ("gio open … failed with ExitStatus(512)"), which says nothing to a
/// secretariat. Whatever the launcher's reason, the remedy is the same: save the document
/// somewhere, or find it in its folder and open it from there.
pub fn no_viewer(file_name: &str) -> ApiError {
    let what = match file_name.rsplit_once('.').map(|(_, ext)| ext.to_ascii_lowercase()) {
        Some(ext) if ext == "pdf" => "PDF files".to_owned(),
        Some(ext) if ext == "csv" => "CSV files".to_owned(),
        Some(ext) => format!(".{ext} files"),
        None => "this document".to_owned(),
    };
    ApiError::new(
        ApiErrorKind::NoViewer,
        format!("No program to open {what} was found on this computer. Save the document with “Save as…” and open it from there, or use “Show in folder”."),
    )
}

/// What the window says when the file manager could not show `path`'s folder: where it is.
pub fn no_file_manager(path: &Path) -> ApiError {
    ApiError::new(ApiErrorKind::NoViewer, format!("No program to show folders was found on this computer. The document is at {}.", path.display()))
}

/// The private folder for documents opened in a viewer.
#[derive(Debug, Clone)]
pub struct ViewerFolder {
    path: PathBuf,
}

impl ViewerFolder {
    /// The folder for this user on this machine (not yet made).
    pub fn for_this_user() -> Self {
        let runtime = directories::BaseDirs::new().and_then(|dirs| dirs.runtime_dir().map(Path::to_path_buf));
        let path = match runtime {
            Some(dir) => dir.join("secretariat-documents"),
            None => std::env::temp_dir().join(format!("secretariat-documents-{}", user_tag())),
        };
        Self { path }
    }

    /// A folder at `path` (tests).
    pub fn at(path: impl Into<PathBuf>) -> Self {
        Self { path: path.into() }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Writes `bytes` as `file_name` in the folder (made private first, or checked to be),
    /// and returns the file's path: under "name (2).ext", "name (3).ext" … when that name
    /// cannot be replaced (on Windows a viewer that still has the earlier copy open locks it).
    pub fn write(&self, file_name: &str, bytes: &[u8]) -> std::io::Result<PathBuf> {
        self.make_or_check()?;
        let name = Path::new(file_name).file_name().and_then(|n| n.to_str()).ok_or_else(|| Error::new(ErrorKind::InvalidInput, "no file name"))?;
        let first = self.path.join(name);
        let error = match secretariat_documents::write_atomically(&first, bytes) {
            Ok(()) => return Ok(first),
            Err(error) => error,
        };
        let (stem, extension) = match name.rsplit_once('.') {
            Some((stem, extension)) => (stem, format!(".{extension}")),
            None => (name, String::new()),
        };
        for n in 2..=20 {
            let path = self.path.join(format!("{stem} ({n}){extension}"));
            if secretariat_documents::write_atomically(&path, bytes).is_ok() {
                return Ok(path);
            }
        }
        Err(error)
    }

    /// Removes every file in the folder (and the folder); nothing when it does not exist or
    /// is not ours.
    pub fn clear(&self) -> std::io::Result<()> {
        match self.check() {
            Ok(()) => std::fs::remove_dir_all(&self.path),
            Err(e) if e.kind() == ErrorKind::NotFound => Ok(()),
            Err(e) => Err(e),
        }
    }

    fn make_or_check(&self) -> std::io::Result<()> {
        let mut builder = std::fs::DirBuilder::new();
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
        match builder.create(&self.path) {
            Ok(()) => {}
            Err(e) if e.kind() == ErrorKind::AlreadyExists => {}
            Err(e) => return Err(e),
        }
        self.check()
    }

    /// Refuses a folder that is a link, belongs to someone else, or others can reach.
    fn check(&self) -> std::io::Result<()> {
        let meta = std::fs::symlink_metadata(&self.path)?;
        if !meta.is_dir() {
            return Err(Error::new(ErrorKind::PermissionDenied, format!("{} is not a folder of ours", self.path.display())));
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            if meta.uid() != rustix::process::getuid().as_raw() {
                return Err(Error::new(ErrorKind::PermissionDenied, format!("{} belongs to another user", self.path.display())));
            }
            if meta.mode() & 0o077 != 0 {
                return Err(Error::new(ErrorKind::PermissionDenied, format!("{} can be read by other users", self.path.display())));
            }
        }
        Ok(())
    }
}

#[cfg(unix)]
fn user_tag() -> String {
    rustix::process::getuid().as_raw().to_string()
}

#[cfg(not(unix))]
fn user_tag() -> String {
    std::env::var("USERNAME").unwrap_or_else(|_| "user".into()).chars().filter(|c| c.is_alphanumeric()).collect()
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn a_missing_viewer_is_said_in_words_naming_the_kind_of_file() {
        let error = no_viewer("WG - ballot papers.pdf");
        assert_eq!(error.kind, ApiErrorKind::NoViewer);
        assert!(error.message.starts_with("No program to open PDF files was found"), "{}", error.message);
        assert!(error.message.contains("Save as…") && error.message.contains("Show in folder"), "{}", error.message);
        assert!(no_viewer("members.CSV").message.contains("CSV files"));
        let shown = no_file_manager(Path::new("/run/user/1000/secretariat-documents/pack.pdf"));
        assert!(shown.message.ends_with("The document is at /run/user/1000/secretariat-documents/pack.pdf."), "{}", shown.message);
    }

    #[test]
    fn the_folder_is_made_private_and_written_into() {
        let dir = tempfile::tempdir().unwrap();
        let folder = ViewerFolder::at(dir.path().join("docs"));
        let path = folder.write("pack.pdf", b"%PDF-1.7").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"%PDF-1.7");
        let mode = std::fs::metadata(folder.path()).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o700, "{mode:o}");
        assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o077, 0, "the file is the user's alone");
    }

    #[test]
    fn viewing_writes_beside_a_copy_that_cannot_be_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let folder = ViewerFolder::at(dir.path().join("docs"));
        folder.write("x.pdf", b"x").unwrap();
        // Where a copy cannot be replaced (a viewer holds it on Windows), a folder stands in for it.
        std::fs::create_dir(folder.path().join("WG - agenda.pdf")).unwrap();
        let path = folder.write("WG - agenda.pdf", b"%PDF-1.7").unwrap();
        assert_eq!(path, folder.path().join("WG - agenda (2).pdf"));
        assert_eq!(std::fs::read(&path).unwrap(), b"%PDF-1.7");
    }

    #[test]
    fn a_folder_others_can_read_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let shared = dir.path().join("docs");
        std::fs::create_dir(&shared).unwrap();
        std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o777)).unwrap();
        let error = ViewerFolder::at(&shared).write("pack.pdf", b"%PDF").unwrap_err();
        assert_eq!(error.kind(), ErrorKind::PermissionDenied);
        assert!(!shared.join("pack.pdf").exists());
    }

    #[test]
    fn a_link_planted_where_the_folder_goes_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let elsewhere = dir.path().join("elsewhere");
        std::fs::create_dir(&elsewhere).unwrap();
        std::fs::set_permissions(&elsewhere, std::fs::Permissions::from_mode(0o700)).unwrap();
        std::os::unix::fs::symlink(&elsewhere, dir.path().join("docs")).unwrap();
        let error = ViewerFolder::at(dir.path().join("docs")).write("pack.pdf", b"%PDF").unwrap_err();
        assert_eq!(error.kind(), ErrorKind::PermissionDenied);
        assert!(!elsewhere.join("pack.pdf").exists());
    }

    #[test]
    fn clearing_removes_what_was_written_and_is_quiet_when_there_is_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let folder = ViewerFolder::at(dir.path().join("docs"));
        folder.clear().unwrap();
        folder.write("a.pdf", b"a").unwrap();
        folder.write("b.csv", b"b").unwrap();
        folder.clear().unwrap();
        assert!(!folder.path().exists());
    }

    #[test]
    fn the_default_folder_is_per_user() {
        let path = ViewerFolder::for_this_user().path().to_path_buf();
        let per_user =
            std::env::var_os("XDG_RUNTIME_DIR").is_some_and(|r| path.starts_with(r)) || path.to_string_lossy().ends_with(&format!("-{}", user_tag()));
        assert!(per_user, "{}", path.display());
    }
}
