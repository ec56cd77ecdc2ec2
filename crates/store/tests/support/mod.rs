//! Helpers for the store tests: damaging files and making folders read-only.

use std::path::{Path, PathBuf};
use std::process::Command;

/// A cheap fingerprint of a file's bytes, to prove a file was not touched.
pub fn fingerprint(path: &Path) -> (u64, Vec<u8>) {
    let bytes = std::fs::read(path).unwrap();
    (bytes.len() as u64, bytes)
}

pub fn flip_byte(path: &Path, offset: usize) {
    let mut bytes = std::fs::read(path).unwrap();
    bytes[offset] ^= 0xFF;
    std::fs::write(path, bytes).unwrap();
}

fn is_root() -> bool {
    Command::new("id").arg("-u").output().map(|o| o.stdout.starts_with(b"0\n")).unwrap_or(false)
}

/// Makes `dir` read-only until dropped. Root ignores permission bits, so as root
/// the folder is bind-mounted onto itself read-only instead.
pub struct ReadOnly(PathBuf, bool);

pub fn read_only_folder(dir: &Path) -> ReadOnly {
    if is_root() {
        let run = |args: &[&str]| {
            let status = Command::new("mount").args(args).status().unwrap();
            assert!(status.success(), "mount {args:?}");
        };
        let d = dir.to_str().unwrap();
        run(&["--bind", d, d]);
        run(&["-o", "remount,bind,ro", d]);
        ReadOnly(dir.to_path_buf(), true)
    } else {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o555)).unwrap();
        ReadOnly(dir.to_path_buf(), false)
    }
}

impl Drop for ReadOnly {
    fn drop(&mut self) {
        if self.1 {
            let _ = Command::new("umount").arg(&self.0).status();
        } else {
            use std::os::unix::fs::PermissionsExt;
            let _ = std::fs::set_permissions(&self.0, std::fs::Permissions::from_mode(0o755));
        }
    }
}
