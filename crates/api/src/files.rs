//! Where a document the person asked for goes on disk, the same on Linux, Windows and macOS:
//! the name a Save dialog returned (with the document's extension when the person typed a name
//! without one: GTK's and macOS's dialogs add none). The folder "Open in viewer" writes to is
//! `viewer.rs`.

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_typed_without_an_extension_gets_the_documents() {
        assert_eq!(save_path(Path::new("/home/a/Minutes"), "WG 2026-12-09 - minutes.pdf"), Path::new("/home/a/Minutes.pdf"));
        assert_eq!(save_path(Path::new("/home/a/people"), "WG - people.csv"), Path::new("/home/a/people.csv"));
    }

    #[test]
    fn a_name_with_an_extension_is_kept_as_chosen() {
        assert_eq!(save_path(Path::new("/home/a/Minutes.pdf"), "x.pdf"), Path::new("/home/a/Minutes.pdf"));
        assert_eq!(save_path(Path::new("/home/a/export.txt"), "x.csv"), Path::new("/home/a/export.txt"));
        assert_eq!(save_path(Path::new("/home/a/v1.2 draft.eml"), "x.eml"), Path::new("/home/a/v1.2 draft.eml"));
    }

    #[test]
    fn a_windows_path_keeps_its_folder() {
        // Backslashes are separators only on Windows; either way the folder part is untouched.
        let chosen = Path::new(r"C:\Users\pm\Documents\Agenda pack");
        assert_eq!(save_path(chosen, "a.pdf").as_os_str(), r"C:\Users\pm\Documents\Agenda pack.pdf");
    }
}
