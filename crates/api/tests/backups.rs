//! Backups, restore, verify and the recovery sheet through the `Session`, against
//! real encrypted databases in temporary folders.

use secretariat_api::backups::SetBackupFolder;
use secretariat_api::documents::Document;
use secretariat_api::types::*;
use secretariat_api::{ErrorKind, KdfParams, MemoryKeychain, Session, SessionConfig};
use secretariat_store::Keychain;
use std::path::Path;
use std::sync::Arc;

const PHRASE: &str = "a recovery passphrase";

fn session(dir: &Path, keychain: Arc<MemoryKeychain>) -> Session {
    Session::new(SessionConfig {
        data_dir: dir.to_path_buf(),
        keychain,
        passphrase: None,
        kdf: KdfParams::fast_for_tests(),
        today: Some(chrono::NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()),
        paper_checker: secretariat_api::PaperChecker::program(env!("CARGO_BIN_EXE_paper-check")),
    })
}

async fn with_group(dir: &Path, keychain: Arc<MemoryKeychain>, name: &str) -> (Session, i64) {
    let s = session(dir, keychain);
    let request = CreateGroupRequest {
        name: name.into(),
        template: "techuk-interop".into(),
        recovery_passphrase: Some(PHRASE.into()),
        recovery_passphrase_confirm: Some(PHRASE.into()),
        ..Default::default()
    };
    let id = s.create_group(request).await.unwrap().group.id;
    (s, id)
}

async fn add_group(s: &Session, name: &str) {
    s.create_group(CreateGroupRequest { name: name.into(), template: "techuk-interop".into(), ..Default::default() }).await.unwrap();
}

async fn names(s: &Session) -> Vec<String> {
    s.groups().await.unwrap().into_iter().map(|g| g.name).collect()
}

#[tokio::test]
async fn back_up_now_then_restore_the_chosen_file_and_carry_on_working() {
    let dir = tempfile::tempdir().unwrap();
    let (s, _) = with_group(dir.path(), Arc::new(MemoryKeychain::default()), "Interop WG").await;
    let made = s.back_up_now().await.unwrap();
    let view = s.backups().await.unwrap();
    assert_eq!(view.backups.len(), 1);
    assert_eq!(view.backups[0].file, made.backup);
    assert!(view.default_folder && !view.due);
    assert_eq!(Path::new(&view.folder), dir.path().join("backups"));

    add_group(&s, "After The Backup").await;
    let error = s.restore_chosen().await.unwrap_err();
    assert_eq!(error.field.as_deref(), Some("backup"), "nothing was chosen: {error:?}");

    let check = s.check_backup(Path::new(&made.backup.path)).await.unwrap();
    assert_eq!(check.file_name, made.backup.name);
    assert_eq!(Path::new(&check.database_file), dir.path().join("secretariat.db"));
    let restored = s.restore_chosen().await.unwrap();
    assert!(restored.set_aside.as_deref().unwrap().contains("secretariat.db.before-restore-"), "{restored:?}");
    assert_eq!(names(&s).await, vec!["Interop WG"]);
    // The session goes on with the restored database.
    add_group(&s, "After The Restore").await;
    assert!(s.verify().await.unwrap().is_ok());
    // A chosen file is used once.
    assert!(s.restore_chosen().await.is_err());
    s.close().await;
}

#[tokio::test]
async fn a_damaged_backup_is_refused_at_the_chooser_and_the_session_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let (s, _) = with_group(dir.path(), Arc::new(MemoryKeychain::default()), "Interop WG").await;
    let made = s.back_up_now().await.unwrap();
    let mut bytes = std::fs::read(&made.backup.path).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0xff;
    let damaged = dir.path().join("damaged.db");
    std::fs::write(&damaged, bytes).unwrap();

    let error = s.check_backup(&damaged).await.unwrap_err();
    assert_eq!((error.kind, error.field.as_deref()), (ErrorKind::Invalid, Some("backup")));
    assert!(error.message.contains("cannot be restored") && error.message.contains("Nothing was changed"), "{}", error.message);
    let error = s.restore(&damaged).await.unwrap_err();
    assert_eq!(error.field.as_deref(), Some("backup"));
    assert_eq!(names(&s).await, vec!["Interop WG"]);
    assert!(std::fs::read_dir(dir.path()).unwrap().all(|e| !e.unwrap().file_name().to_string_lossy().contains("before-restore")));
    s.close().await;
}

#[tokio::test]
async fn the_backup_folder_can_be_changed_and_set_back() {
    let dir = tempfile::tempdir().unwrap();
    let (s, _) = with_group(dir.path(), Arc::new(MemoryKeychain::default()), "Interop WG").await;
    let elsewhere = tempfile::tempdir().unwrap();
    let chosen = elsewhere.path().join("secretariat backups");
    let view = s.set_backup_folder(SetBackupFolder { folder: Some(chosen.display().to_string()) }).await.unwrap();
    assert_eq!(Path::new(&view.folder), chosen);
    assert!(!view.default_folder && view.due);
    s.back_up_now().await.unwrap();
    assert_eq!(std::fs::read_dir(&chosen).unwrap().count(), 1);
    let error = s.set_backup_folder(SetBackupFolder { folder: Some("relative/folder".into()) }).await.unwrap_err();
    assert_eq!(error.field.as_deref(), Some("backup_folder"));
    let view = s.set_backup_folder(SetBackupFolder { folder: None }).await.unwrap();
    assert!(view.default_folder);
    s.close().await;
}

#[tokio::test]
async fn the_window_takes_a_backup_in_the_background_when_one_is_due() {
    let dir = tempfile::tempdir().unwrap();
    let keychain = Arc::new(MemoryKeychain::default());
    let (s, _) = with_group(dir.path(), keychain.clone(), "Interop WG").await;
    s.close().await;
    assert!(!dir.path().join("backups").exists(), "the command line and tests take none unasked");

    let s = session(dir.path(), keychain.clone());
    s.schedule_backups();
    assert_eq!(names(&s).await, vec!["Interop WG"]);
    s.close().await; // waits for the background backup
    let first: Vec<_> = std::fs::read_dir(dir.path().join("backups")).unwrap().collect();
    assert_eq!(first.len(), 1);

    // Opened again within the day: none is due.
    let s = session(dir.path(), keychain);
    s.schedule_backups();
    let view = s.backups().await.unwrap();
    assert!(!view.due);
    s.close().await;
    assert_eq!(std::fs::read_dir(dir.path().join("backups")).unwrap().count(), 1);
}

#[tokio::test]
async fn the_open_window_takes_a_backup_when_the_newest_turns_a_day_old() {
    let dir = tempfile::tempdir().unwrap();
    let keychain = Arc::new(MemoryKeychain::default());
    let (s, _) = with_group(dir.path(), keychain.clone(), "Interop WG").await;
    // The command line schedules none: the check does nothing.
    s.scheduled_backup_check().await;
    assert!(!dir.path().join("backups").exists());
    s.close().await;

    let s = session(dir.path(), keychain);
    s.schedule_backups();
    let backups = || {
        let mut names: Vec<String> = std::fs::read_dir(dir.path().join("backups")).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
        names.sort();
        names
    };
    assert_eq!(names(&s).await, vec!["Interop WG"]); // opens: the backup on open
    s.scheduled_backup_check().await; // waits for it
    let first = backups();
    assert_eq!(first.len(), 1);

    // An hour later the newest is still fresh: nothing.
    s.scheduled_backup_check().await;
    assert_eq!(backups(), first);

    // The window stayed open for two days: the newest backup is now that old.
    let two_days_ago = (chrono::Utc::now() - chrono::Duration::hours(48)).format("secretariat-%Y%m%d-%H%M%S.db").to_string();
    std::fs::rename(dir.path().join("backups").join(&first[0]), dir.path().join("backups").join(&two_days_ago)).unwrap();
    s.scheduled_backup_check().await;
    let now = backups();
    assert_eq!(now.len(), 2, "{now:?}");
    assert_eq!(now[0], two_days_ago, "rotation keeps the older one (a daily backup of its own day)");
    s.scheduled_backup_check().await;
    assert_eq!(backups().len(), 2, "one backup per day, however often it checks");
    s.close().await;
}

fn pdftotext(bytes: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.pdf");
    std::fs::write(&path, bytes).unwrap();
    let out = std::process::Command::new("pdftotext").args(["-raw", path.to_str().unwrap(), "-"]).output().unwrap();
    String::from_utf8(out.stdout).unwrap().split_whitespace().collect::<Vec<_>>().join(" ")
}

#[tokio::test]
async fn the_recovery_sheet_says_where_things_are_and_never_holds_a_secret() {
    let dir = tempfile::tempdir().unwrap();
    let keychain = Arc::new(MemoryKeychain::default());
    let (s, group) = with_group(dir.path(), keychain.clone(), "Interop WG").await;
    let made = s.back_up_now().await.unwrap();
    let sheet = s.make_document(group, Document::of(DocumentKind::RecoverySheet, None).unwrap()).await.unwrap();
    assert_eq!(sheet.file_name, "Secretariat recovery sheet.pdf");
    let text = pdftotext(&sheet.bytes);
    let data_dir = dir.path().display().to_string();
    for expected in
        ["Interop WG".to_owned(), format!("{data_dir}/secretariat.key"), format!("{data_dir}/backups"), made.backup.name.clone(), "Fri 27 Nov 2026".to_owned()]
    {
        assert!(text.contains(&expected), "missing {expected:?} in {text}");
    }
    let database_id = std::fs::read_to_string(dir.path().join("secretariat.key")).unwrap();
    let id: serde_json::Value = serde_json::from_str(&database_id).unwrap();
    let key = keychain.get(id["database_id"].as_str().unwrap()).unwrap().unwrap();
    for secret in [key.to_hex().to_string(), key.to_hex().to_uppercase(), PHRASE.to_owned()] {
        assert!(!text.contains(&secret), "the sheet holds a secret");
        assert!(!sheet.bytes.windows(secret.len()).any(|w| w == secret.as_bytes()), "the PDF holds a secret");
    }
    s.close().await;
}

#[tokio::test]
async fn restore_works_when_the_database_in_use_is_damaged() {
    let dir = tempfile::tempdir().unwrap();
    let keychain = Arc::new(MemoryKeychain::default());
    let (s, _) = with_group(dir.path(), keychain.clone(), "Interop WG").await;
    let made = s.back_up_now().await.unwrap();
    s.close().await;
    std::fs::write(dir.path().join("secretariat.db"), vec![0x5au8; 8192]).unwrap();

    let s = session(dir.path(), keychain);
    assert!(s.groups().await.is_err(), "the damaged database does not open");
    let check = s.check_backup(Path::new(&made.backup.path)).await.unwrap();
    assert_eq!(check.file_name, made.backup.name);
    let restored = s.restore_chosen().await.unwrap();
    let aside = restored.set_aside.unwrap();
    assert_eq!(std::fs::read(&aside).unwrap(), vec![0x5au8; 8192], "the damaged file is kept as it was");
    assert_eq!(names(&s).await, vec!["Interop WG"]);
    s.close().await;
}

/// The window's backups wait until after its first screen (issue #9): the store opened
/// for the first screen takes none; the first check, `first_after` later, takes the due one.
#[tokio::test]
async fn the_windows_first_backup_waits_until_after_its_first_screen() {
    let dir = tempfile::tempdir().unwrap();
    let keychain = Arc::new(MemoryKeychain::default());
    let (s, _) = with_group(dir.path(), keychain.clone(), "Interop WG").await;
    s.close().await;

    let s = Arc::new(session(dir.path(), keychain));
    let started = std::time::Instant::now();
    let window = s.clone();
    let task = tokio::spawn(async move { window.keep_backing_up(std::time::Duration::from_millis(1500)).await });
    assert_eq!(names(&s).await, vec!["Interop WG"]); // the first screen opens the store
    assert!(started.elapsed() < std::time::Duration::from_millis(1500), "the open took too long for this test");
    assert!(!dir.path().join("backups").exists(), "a backup was started with the first screen");
    let count = || std::fs::read_dir(dir.path().join("backups")).map(|d| d.count()).unwrap_or(0);
    while count() == 0 && started.elapsed() < std::time::Duration::from_secs(30) {
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert!(started.elapsed() >= std::time::Duration::from_millis(1500));
    task.abort();
    s.close().await; // waits for the backup
    assert_eq!(count(), 1);
}
