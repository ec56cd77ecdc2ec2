//! Where a document the person asked for goes on disk, the same on Linux, Windows and macOS:
//! the name a Save dialog returned (with the document's extension when the person typed a name
//! without one: GTK's and macOS's dialogs add none), and the folder "Open in viewer" writes to.

use std::path::{Path, PathBuf};

/// The path to save to: `chosen` as the Save dialog returned it, with the extension of the
/// suggested file name added when `chosen` has none ("Minutes" → "Minutes.pdf"). A name with
/// an extension of its own is the person's choice and is kept.
pub fn save_path(chosen: &Path, suggested: &str) -> PathBuf {
    let extension = Path::new(suggested).extension();
    match (chosen.extension(), extension) {
        (None, Some(extension)) => {
            let mut name = chosen.as_os_str().to_owned();
            name.push(".");
            name.push(extension);
            PathBuf::from(name)
        }
        _ => chosen.to_path_buf(),
    }
}

/// The folder "Open in viewer" writes documents to: the user's own cache folder
/// (`~/.cache/secretariat/documents` on Linux, `%LOCALAPPDATA%\Secretariat\secretariat\cache\documents`
/// on Windows, `~/Library/Caches/uk.org.Secretariat.secretariat/documents` on macOS), not a
/// folder in a temporary directory every user of the machine shares (`/tmp` on Linux), where
/// another account could have made it first.
pub fn viewing_folder() -> PathBuf {
    directories::ProjectDirs::from("uk.org", "Secretariat", "secretariat")
        .map(|dirs| dirs.cache_dir().join("documents"))
        .unwrap_or_else(|| std::env::temp_dir().join("secretariat-documents"))
}

/// Writes a document to view into `folder` under `file_name`, or under "name (2).ext",
/// "name (3).ext" … when that name cannot be replaced — on Windows a viewer that still has the
/// earlier copy open locks it. Returns the path written.
pub fn write_for_viewing(folder: &Path, file_name: &str, bytes: &[u8]) -> std::io::Result<PathBuf> {
    std::fs::create_dir_all(folder)?;
    let first = folder.join(file_name);
    let error = match secretariat_documents::write_atomically(&first, bytes) {
        Ok(()) => return Ok(first),
        Err(error) => error,
    };
    let (stem, extension) = match file_name.rsplit_once('.') {
        Some((stem, extension)) => (stem, format!(".{extension}")),
        None => (file_name, String::new()),
    };
    for n in 2..=20 {
        let path = folder.join(format!("{stem} ({n}){extension}"));
        if secretariat_documents::write_atomically(&path, bytes).is_ok() {
            return Ok(path);
        }
    }
    Err(error)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_typed_without_an_extension_gets_the_documents() {
        assert_eq!(
            save_path(Path::new("/home/a/Minutes"), "WG 2026-12-09 - minutes.pdf"),
            Path::new("/home/a/Minutes.pdf")
        );
        assert_eq!(
            save_path(Path::new("/home/a/people"), "WG - people.csv"),
            Path::new("/home/a/people.csv")
        );
    }

    #[test]
    fn a_name_with_an_extension_is_kept_as_chosen() {
        assert_eq!(
            save_path(Path::new("/home/a/Minutes.pdf"), "x.pdf"),
            Path::new("/home/a/Minutes.pdf")
        );
        assert_eq!(
            save_path(Path::new("/home/a/export.txt"), "x.csv"),
            Path::new("/home/a/export.txt")
        );
        assert_eq!(
            save_path(Path::new("/home/a/v1.2 draft.eml"), "x.eml"),
            Path::new("/home/a/v1.2 draft.eml")
        );
    }

    #[test]
    fn a_windows_path_keeps_its_folder() {
        // Backslashes are separators only on Windows; either way the folder part is untouched.
        let chosen = Path::new(r"C:\Users\pm\Documents\Agenda pack");
        assert_eq!(
            save_path(chosen, "a.pdf").as_os_str(),
            r"C:\Users\pm\Documents\Agenda pack.pdf"
        );
    }

    #[test]
    fn viewing_writes_beside_a_copy_that_cannot_be_replaced() {
        let dir = tempfile::tempdir().unwrap();
        // A folder under the name stands in for a file a viewer holds locked: it cannot be replaced.
        std::fs::create_dir(dir.path().join("WG - agenda.pdf")).unwrap();
        let path = write_for_viewing(dir.path(), "WG - agenda.pdf", b"%PDF-1.7").unwrap();
        assert_eq!(path, dir.path().join("WG - agenda (2).pdf"));
        assert_eq!(std::fs::read(&path).unwrap(), b"%PDF-1.7");
        let again =
            write_for_viewing(dir.path(), "WG - agenda (2).pdf", b"%PDF-1.7 again").unwrap();
        assert_eq!(
            again,
            dir.path().join("WG - agenda (2).pdf"),
            "a name that can be replaced is reused"
        );
    }

    #[test]
    fn the_viewing_folder_is_the_users_own() {
        let folder = viewing_folder();
        assert!(
            folder.ends_with("documents") || folder.ends_with("secretariat-documents"),
            "{}",
            folder.display()
        );
        let cache_moved = std::env::var_os("XDG_CACHE_HOME").is_some();
        if let Some(home) =
            std::env::var_os("HOME").filter(|_| cfg!(target_os = "linux") && !cache_moved)
        {
            assert!(folder.starts_with(home), "{}", folder.display());
        }
    }
}
