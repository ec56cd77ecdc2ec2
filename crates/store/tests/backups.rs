//! Backups, restore, `verify` and the audit chain against real SQLCipher files in
//! temporary folders. Damage is done the way it would happen: through a second
//! connection holding the key, or by flipping bytes in a file.

#[allow(dead_code)]
mod support;

use secretariat_rules::Template;
use secretariat_store::{DataPaths, DatabaseKey, KdfParams, KeySource, Keychain, MemoryKeychain, Passphrase, Store, StoreError};
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, Connection, SqliteConnection};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use support::{fingerprint, flip_byte};

const PHRASE: &str = "correct horse battery staple";

struct Fixture {
    dir: tempfile::TempDir,
    keychain: Arc<MemoryKeychain>,
    store: Store,
}

impl Fixture {
    async fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let keychain = Arc::new(MemoryKeychain::default());
        let (store, _) = Store::create(&DataPaths::new(dir.path()), &Passphrase::new(PHRASE), keychain.clone(), KdfParams::fast_for_tests()).await.unwrap();
        Self { dir, keychain, store }
    }

    fn paths(&self) -> DataPaths {
        DataPaths::new(self.dir.path())
    }

    fn key(&self) -> DatabaseKey {
        self.keychain.get(self.store.database_id()).unwrap().unwrap()
    }

    async fn add_group(&self, name: &str) -> i64 {
        let mut w = self.store.begin().await.unwrap();
        let id = w.create_group(name, Template::TechukInterop).await.unwrap();
        w.commit().await.unwrap();
        id
    }

    /// A second connection to the live database, with the key: what someone
    /// tampering with the file through SQLite would have.
    async fn raw(&self) -> SqliteConnection {
        raw(&self.paths().database, &self.key()).await
    }
}

async fn raw(file: &Path, key: &DatabaseKey) -> SqliteConnection {
    SqliteConnectOptions::new()
        .filename(file)
        .pragma("key", format!("\"x'{}'\"", key.to_hex().to_uppercase()))
        .log_statements(log::LevelFilter::Off)
        .connect()
        .await
        .unwrap()
}

fn files_named(dir: &Path, part: &str) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).filter(|p| p.file_name().unwrap().to_string_lossy().contains(part)).collect();
    found.sort();
    found
}

#[tokio::test]
async fn a_backup_restores_with_its_data_and_the_replaced_database_is_kept_aside() {
    let f = Fixture::new().await;
    f.add_group("Interop WG").await;
    let made = f.store.back_up().await.unwrap();
    assert_eq!(Path::new(&made.backup.path).parent().unwrap(), f.dir.path().join("backups"));
    assert!(made.backup.name.starts_with("secretariat-") && made.backup.name.ends_with(".db"), "{}", made.backup.name);
    assert!(made.removed.is_empty());
    assert_eq!(f.store.backups().await.unwrap(), vec![made.backup.clone()]);

    // A change after the backup, then the restore.
    f.add_group("Made After The Backup").await;
    let paths = f.paths();
    let key = f.key();
    f.store.clone().close().await;
    let (store, restored) = Store::restore(&paths, KeySource::Keychain(f.keychain.clone()), Path::new(&made.backup.path)).await.unwrap();
    assert_eq!(store.groups().await.unwrap().into_iter().map(|g| g.name).collect::<Vec<_>>(), vec!["Interop WG"]);
    assert!(store.verify().await.unwrap().is_ok());

    // The database that was replaced is beside it, whole, with the later change.
    let aside = PathBuf::from(restored.set_aside.expect("the old database was set aside"));
    assert!(aside.file_name().unwrap().to_str().unwrap().starts_with("secretariat.db.before-restore-"), "{aside:?}");
    let mut old = raw(&aside, &key).await;
    let names: Vec<String> = sqlx::query_scalar("SELECT name FROM groups ORDER BY id").fetch_all(&mut old).await.unwrap();
    assert_eq!(names, vec!["Interop WG", "Made After The Backup"]);
    old.close().await.unwrap();
    // The backup itself is untouched and still listed.
    assert_eq!(store.backups().await.unwrap().len(), 1);
    store.close().await;
}

#[tokio::test]
async fn a_backup_is_encrypted_like_the_database() {
    let f = Fixture::new().await;
    f.add_group("Zoë's Very Recognisable Group").await;
    let made = f.store.back_up().await.unwrap();
    f.store.close().await;
    let bytes = std::fs::read(&made.backup.path).unwrap();
    assert!(bytes.len() > 4096);
    assert_ne!(&bytes[..16], b"SQLite format 3\0", "the header must be encrypted");
    let needle = "Recognisable".as_bytes();
    assert!(!bytes.windows(needle.len()).any(|w| w == needle), "the group's name is readable in the backup");
    // Nothing is left beside it: no temporary file, no journal.
    let folder = Path::new(&made.backup.path).parent().unwrap();
    assert_eq!(files_named(folder, ""), vec![PathBuf::from(&made.backup.path)]);
}

#[tokio::test]
async fn a_damaged_backup_is_refused_and_the_database_is_left_as_it_was() {
    let f = Fixture::new().await;
    f.add_group("Interop WG").await;
    let made = f.store.back_up().await.unwrap();
    let damaged = f.dir.path().join("damaged.db");
    std::fs::copy(&made.backup.path, &damaged).unwrap();
    let middle = std::fs::metadata(&damaged).unwrap().len() as usize / 2;
    flip_byte(&damaged, middle);

    // Checked while the database is open: refused, with the reason.
    let error = f.store.check_backup(&damaged).await.unwrap_err();
    assert!(matches!(error, StoreError::BackupRefused { .. }), "{error:?}");

    let paths = f.paths();
    f.store.clone().close().await;
    let before = fingerprint(&paths.database);
    let error = Store::restore(&paths, KeySource::Keychain(f.keychain.clone()), &damaged).await.unwrap_err();
    let message = error.to_string();
    assert!(matches!(error, StoreError::BackupRefused { .. }), "{error:?}");
    assert!(message.starts_with(&format!("{} cannot be restored: ", damaged.display())), "{message}");
    assert!(message.ends_with("Nothing was changed."), "{message}");
    assert!(message.contains("it is damaged"), "{message}");
    assert_eq!(fingerprint(&paths.database), before, "the database must not be touched");
    assert!(files_named(f.dir.path(), "before-restore").is_empty());
    assert!(files_named(f.dir.path(), ".secretariat-restore").is_empty(), "the checked copy is cleaned up");

    // A damaged first page, and a file that is not a database at all, are refused too.
    let header = f.dir.path().join("header.db");
    std::fs::copy(&made.backup.path, &header).unwrap();
    flip_byte(&header, 100);
    let notes = f.dir.path().join("notes.db");
    std::fs::write(&notes, "these are not the droids you are looking for").unwrap();
    for file in [&header, &notes] {
        let error = Store::restore(&paths, KeySource::Keychain(f.keychain.clone()), file).await.unwrap_err();
        assert!(matches!(error, StoreError::BackupRefused { .. }), "{file:?}: {error:?}");
    }
    assert_eq!(fingerprint(&paths.database), before);

    let store = Store::open(&paths, KeySource::Keychain(f.keychain.clone())).await.unwrap();
    assert_eq!(store.groups().await.unwrap().len(), 1);
    store.close().await;
}

#[tokio::test]
async fn a_backup_of_another_database_or_of_a_newer_secretariat_is_refused() {
    let f = Fixture::new().await;
    let other = Fixture::new().await;
    other.add_group("Someone Else's Group").await;
    let theirs = other.store.back_up().await.unwrap();
    let error = f.store.check_backup(Path::new(&theirs.backup.path)).await.unwrap_err();
    assert!(error.to_string().contains("does not open with this database's key"), "{error}");

    let ours = f.store.back_up().await.unwrap();
    let mut conn = raw(Path::new(&ours.backup.path), &f.key()).await;
    sqlx::query("INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time) VALUES (99991231000000, 'future', 1, x'00', 0)")
        .execute(&mut conn)
        .await
        .unwrap();
    conn.close().await.unwrap();
    let error = f.store.check_backup(Path::new(&ours.backup.path)).await.unwrap_err();
    assert!(error.to_string().contains("newer version of Secretariat"), "{error}");

    let error = f.store.check_backup(&f.paths().database).await.unwrap_err();
    assert!(error.to_string().contains("the database's own file"), "{error}");
    other.store.close().await;
    f.store.close().await;
}

#[tokio::test]
async fn a_backup_with_its_key_file_and_passphrase_restores_into_an_empty_folder() {
    let f = Fixture::new().await;
    f.add_group("Interop WG").await;
    let made = f.store.back_up().await.unwrap();
    f.store.clone().close().await;

    // A new machine: the key file and the backup, and the passphrase; no keychain entry.
    let elsewhere = tempfile::tempdir().unwrap();
    let paths = DataPaths::new(elsewhere.path());
    std::fs::copy(&f.paths().key_file, &paths.key_file).unwrap();
    let (store, restored) = Store::restore(&paths, KeySource::Passphrase(Passphrase::new(PHRASE)), Path::new(&made.backup.path)).await.unwrap();
    assert_eq!(restored.set_aside, None);
    assert_eq!(store.groups().await.unwrap()[0].name, "Interop WG");
    store.close().await;
}

#[tokio::test]
async fn backups_go_to_the_chosen_folder_and_rotation_keeps_one_a_day() {
    let f = Fixture::new().await;
    assert!(f.store.backup_folder_is_default().await.unwrap());
    let chosen = tempfile::tempdir().unwrap();
    let relative = f.store.set_backup_folder(Some(Path::new("backups-here"))).await.unwrap_err();
    assert!(matches!(relative, StoreError::Invalid { field: "backup_folder", .. }), "{relative:?}");
    assert_eq!(f.store.set_backup_folder(Some(chosen.path())).await.unwrap(), chosen.path());
    assert!(!f.store.backup_folder_is_default().await.unwrap());

    // Files rotation must leave alone: someone else's, and a pre-migration backup.
    std::fs::write(chosen.path().join("notes.txt"), "mine").unwrap();
    std::fs::write(chosen.path().join("secretariat-20200101-000000-before-migration.db"), "kept").unwrap();

    let first = f.store.back_up().await.unwrap();
    let second = f.store.back_up().await.unwrap();
    // Same day: the newer stays, the older goes.
    assert_eq!(second.removed, vec![first.backup.name.clone()]);
    let names: Vec<String> = f.store.backups().await.unwrap().into_iter().map(|b| b.name).collect();
    assert_eq!(names, vec![second.backup.name.clone(), "secretariat-20200101-000000-before-migration.db".to_owned()]);
    assert!(chosen.path().join("notes.txt").exists());
    assert!(!f.dir.path().join("backups").exists(), "nothing went to the default folder");

    // A backup is due only when the newest is a day old.
    assert!(f.store.back_up_if_due().await.unwrap().is_none());

    assert_eq!(f.store.set_backup_folder(None).await.unwrap(), f.dir.path().join("backups"));
    assert!(f.store.back_up_if_due().await.unwrap().is_some(), "the default folder has no backup yet");
    assert!(f.store.verify().await.unwrap().is_ok(), "setting the folder is audited in the chain");
    f.store.close().await;
}

#[tokio::test]
async fn a_backup_to_a_chosen_file_is_checked_and_never_overwrites_the_database() {
    let f = Fixture::new().await;
    f.add_group("Interop WG").await;
    let out = tempfile::tempdir().unwrap();
    let file = out.path().join("copy.db");
    f.store.back_up_to(&file).await.unwrap();
    f.store.check_backup(&file).await.unwrap();
    let error = f.store.back_up_to(&f.paths().database).await.unwrap_err();
    assert!(matches!(error, StoreError::Invalid { field: "output", .. }), "{error:?}");
    f.store.close().await;
}

#[tokio::test]
async fn verify_passes_on_a_sound_database() {
    let f = Fixture::new().await;
    f.add_group("Interop WG").await;
    f.add_group("Second WG").await;
    let report = f.store.verify().await.unwrap();
    assert!(report.integrity_problems.is_empty() && report.cipher_problems.is_empty(), "{report:?}");
    assert_eq!(report.audit.rows, 2);
    assert_eq!(report.audit.legacy_rows, 0);
    assert_eq!(report.audit.first_broken, None);
    assert_eq!(report.first_problem(), None);
    f.store.close().await;
}

#[tokio::test]
async fn the_audit_log_refuses_update_and_delete() {
    let f = Fixture::new().await;
    f.add_group("Interop WG").await;
    let mut conn = f.raw().await;
    for statement in ["UPDATE audit_log SET actor = 'mallory' WHERE seq = 1", "DELETE FROM audit_log WHERE seq = 1"] {
        let error = sqlx::query(statement).execute(&mut conn).await.unwrap_err();
        assert!(error.to_string().contains("The audit log is append-only"), "{statement}: {error}");
    }
    let error = sqlx::query("UPDATE audit_chain SET legacy_until = 100").execute(&mut conn).await.unwrap_err();
    assert!(error.to_string().contains("cannot be changed"), "{error}");
    conn.close().await.unwrap();
    assert!(f.store.verify().await.unwrap().is_ok());
    f.store.close().await;
}

/// Five audited changes, then `damage` through a raw connection with the triggers dropped.
async fn verify_after(damage: &[&str]) -> (Option<i64>, String) {
    let f = Fixture::new().await;
    for n in 1..=5 {
        f.add_group(&format!("Group {n}")).await;
    }
    let mut conn = f.raw().await;
    sqlx::query("DROP TRIGGER audit_log_refuses_update").execute(&mut conn).await.unwrap();
    sqlx::query("DROP TRIGGER audit_log_refuses_delete").execute(&mut conn).await.unwrap();
    for statement in damage {
        sqlx::query(sqlx::AssertSqlSafe(*statement)).execute(&mut conn).await.unwrap();
    }
    conn.close().await.unwrap();
    let report = f.store.verify().await.unwrap();
    f.store.close().await;
    let problem = report.first_problem().unwrap_or_default();
    (report.audit.first_broken.map(|b| b.seq), problem)
}

#[tokio::test]
async fn verify_names_the_first_row_changed_behind_its_back() {
    let (seq, problem) = verify_after(&["UPDATE audit_log SET change = '{}' WHERE seq = 3"]).await;
    assert_eq!(seq, Some(3));
    assert!(problem.starts_with("The audit log's chain is broken at row 3: its mac does not match"), "{problem}");

    // Changing the time alone is caught as well.
    let (seq, _) = verify_after(&["UPDATE audit_log SET at = '2020-01-01T00:00:00+00:00' WHERE seq = 4"]).await;
    assert_eq!(seq, Some(4));
}

#[tokio::test]
async fn verify_sees_rows_removed_inserted_or_cut_off() {
    // A row removed from the middle: the next row no longer follows.
    assert_eq!(verify_after(&["DELETE FROM audit_log WHERE seq = 2"]).await.0, Some(3));
    // A row slipped in without the writer: it has no mac.
    let (seq, problem) = verify_after(&["INSERT INTO audit_log (seq, group_id, at, actor, entity, entity_id, action, change) \
         VALUES (6, 1, '2026-11-27T00:00:00+00:00', 'mallory', 'group', 1, 'update', '{}')"])
    .await;
    assert_eq!(seq, Some(6));
    assert!(problem.contains("it has no mac"), "{problem}");
    // The last rows removed: SQLite's sequence remembers them.
    let (seq, problem) = verify_after(&["DELETE FROM audit_log WHERE seq >= 4"]).await;
    assert_eq!(seq, Some(4));
    assert!(problem.contains("rows 4 to 5 are missing"), "{problem}");
    // Renumbering a row breaks it too: seq is part of the mac.
    assert_eq!(verify_after(&["UPDATE audit_log SET seq = 10 WHERE seq = 5"]).await.0, Some(10));
}

#[tokio::test]
async fn rows_from_before_the_chain_are_a_legacy_prefix_and_the_database_was_backed_up_before_the_upgrade() {
    // A database as the previous version left it: every migration before the chain's.
    let dir = tempfile::tempdir().unwrap();
    let paths = DataPaths::new(dir.path());
    let (key, mut conn) = support::database_before(&paths, PHRASE, "audit chain").await;
    for n in 1..=2 {
        sqlx::query(
            "INSERT INTO audit_log (at, actor, entity, entity_id, action, change) VALUES ('2026-01-01T00:00:00+00:00', 'pat', 'test', ?, 'create', '{}')",
        )
        .bind(n)
        .execute(&mut conn)
        .await
        .unwrap();
    }
    conn.close().await.unwrap();

    // Opening it with this version upgrades it, after a backup of it as it was.
    let store = Store::open(&paths, KeySource::Passphrase(Passphrase::new(PHRASE))).await.unwrap();
    let backups = store.backups().await.unwrap();
    assert_eq!(backups.len(), 1);
    assert!(backups[0].before_migration && backups[0].name.ends_with("-before-migration.db"), "{backups:?}");
    let mut old = raw(Path::new(&backups[0].path), &key).await;
    let columns: Vec<String> = sqlx::query_scalar("SELECT name FROM pragma_table_info('audit_log')").fetch_all(&mut old).await.unwrap();
    assert!(!columns.contains(&"mac".to_owned()), "the backup has the schema as it was: {columns:?}");
    old.close().await.unwrap();

    let mut w = store.begin().await.unwrap();
    w.create_group("Interop WG", Template::TechukInterop).await.unwrap();
    w.commit().await.unwrap();
    let report = store.verify().await.unwrap();
    assert!(report.is_ok(), "{report:?}");
    assert_eq!((report.audit.rows, report.audit.legacy_rows), (3, 2));
    // Opening again: nothing pending, no further backup.
    store.close().await;
    let store = Store::open(&paths, KeySource::Passphrase(Passphrase::new(PHRASE))).await.unwrap();
    assert_eq!(store.backups().await.unwrap().len(), 1);
    store.close().await;
}

#[tokio::test]
async fn verify_reports_a_damaged_page_rather_than_failing() {
    let f = Fixture::new().await;
    for n in 1..=30 {
        f.add_group(&format!("Group {n}")).await;
    }
    let paths = f.paths();
    // The last page of the seats: data written late, not the schema a connection reads on
    // opening, and not the audit log's (asked of SQLite, since the layout moves as rows grow).
    let mut conn = f.raw().await;
    let page: i64 = sqlx::query_scalar("SELECT max(pageno) FROM dbstat WHERE name = 'seats'").fetch_one(&mut conn).await.unwrap();
    conn.close().await.unwrap();
    f.store.clone().close().await;
    flip_byte(&paths.database, (page as usize - 1) * 4096 + 2000);

    let store = Store::open(&paths, KeySource::Keychain(f.keychain.clone())).await.unwrap();
    let report = store.verify().await.unwrap();
    store.close().await;
    let problem = report.first_problem().expect("the damage is reported");
    assert!(problem.starts_with("The database's encrypted pages failed their check: HMAC verification failed for page "), "{problem}");
    assert_eq!(report.integrity_problems, vec!["it stopped at a page that cannot be read or decrypted"]);
    // The audit chain was walked on a connection of its own, undisturbed.
    assert_eq!((report.audit.rows, report.audit.first_broken.clone()), (30, None));
}
