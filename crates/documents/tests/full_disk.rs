//! `write_atomically` on a disk that fills up: the file under the final name is the
//! old one or none, never half of the new one, and no temporary file is left behind.

use secretariat_documents::write_atomically;
use std::path::Path;
use std::process::{Command, Stdio};

/// A 1 MiB tmpfs over a temporary folder (root only), unmounted on drop.
struct SmallDisk(tempfile::TempDir);

impl SmallDisk {
    fn mount() -> Option<SmallDisk> {
        let dir = tempfile::tempdir().unwrap();
        let status = Command::new("mount").args(["-t", "tmpfs", "-o", "size=1m", "tmpfs"]).arg(dir.path()).stderr(Stdio::null()).status().ok()?;
        status.success().then_some(SmallDisk(dir))
    }

    fn path(&self) -> &Path {
        self.0.path()
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(self.0.path()).status();
    }
}

#[test]
fn a_pdf_too_big_for_the_disk_never_leaves_half_a_file_under_its_name() {
    let Some(disk) = SmallDisk::mount() else {
        eprintln!("skipped: mounting a small tmpfs needs root; the full-disk test did not run");
        return;
    };
    let pack = disk.path().join("agenda-pack.pdf");
    write_atomically(&pack, b"%PDF-1.7 the pack as it was\n%%EOF\n").unwrap();

    let too_big = vec![b'x'; 2 * 1024 * 1024];
    let error = write_atomically(&pack, &too_big).unwrap_err();
    assert_eq!(error.kind(), std::io::ErrorKind::StorageFull, "{error}");
    assert_eq!(std::fs::read(&pack).unwrap(), b"%PDF-1.7 the pack as it was\n%%EOF\n");

    let fresh = disk.path().join("minutes.pdf");
    assert!(write_atomically(&fresh, &too_big).is_err());
    assert!(!fresh.exists(), "a half-written file was left under the final name");

    let names: Vec<_> = std::fs::read_dir(disk.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names, ["agenda-pack.pdf"], "temporary files were left behind");
    drop(disk);
}
