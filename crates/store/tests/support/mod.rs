//! Helpers for the store tests: damaging files, making folders read-only, and a database as
//! an earlier version left it.

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

/// A database as an earlier version left it: a new key, its key file wrapped under `passphrase`,
/// and every migration before the one described `upgrade` applied. The connection is open with
/// the key, to fill the old schema; close it before `Store::open` upgrades the file.
pub async fn database_before(
    paths: &secretariat_store::DataPaths,
    passphrase: &str,
    upgrade: &str,
) -> (secretariat_store::DatabaseKey, sqlx::SqliteConnection) {
    use sqlx::ConnectOptions;
    let key = secretariat_store::DatabaseKey::generate();
    secretariat_store::KeyFile::create("test-database", &key, &secretariat_store::Passphrase::new(passphrase), secretariat_store::KdfParams::fast_for_tests())
        .write(&paths.key_file)
        .unwrap();
    let all = sqlx::migrate!("../../migrations");
    let version = all.iter().find(|m| m.description == upgrade).unwrap_or_else(|| panic!("no migration described {upgrade:?}")).version;
    let earlier = sqlx::migrate::Migrator::with_migrations(all.iter().filter(|m| m.version < version).cloned().collect());
    let mut conn = sqlx::sqlite::SqliteConnectOptions::new()
        .filename(&paths.database)
        .create_if_missing(true)
        .pragma("key", format!("\"x'{}'\"", key.to_hex().to_uppercase()))
        .journal_mode(sqlx::sqlite::SqliteJournalMode::Wal)
        .connect()
        .await
        .unwrap();
    earlier.run(&mut conn).await.unwrap();
    (key, conn)
}
