//! What the window is told when the data cannot be opened (issue #8): each fault
//! done for real against an encrypted database in a temporary folder, each its own
//! `ErrorKind` and message, and in none of them is anything deleted or recreated.

use secretariat_api::types::*;
use secretariat_api::{ErrorKind, KdfParams, MemoryKeychain, Passphrase, Session, SessionConfig};
use std::io::Write;
use std::path::Path;
use std::sync::Arc;

const PHRASE: &str = "a recovery passphrase";

fn config(dir: &Path, keychain: Arc<MemoryKeychain>, passphrase: Option<&str>) -> SessionConfig {
    SessionConfig {
        data_dir: dir.to_path_buf(),
        keychain,
        passphrase: passphrase.map(Passphrase::new),
        kdf: KdfParams::fast_for_tests(),
        today: Some(chrono::NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()),
        paper_checker: secretariat_api::PaperChecker::program(env!("CARGO_BIN_EXE_paper-check")),
    }
}

/// A data folder with one group in it, closed; the keychain that holds its key.
async fn data_folder(dir: &Path) -> Arc<MemoryKeychain> {
    let keychain = Arc::new(MemoryKeychain::default());
    let s = Session::new(config(dir, keychain.clone(), None));
    let request = CreateGroupRequest {
        name: "Interop WG".into(),
        template: "techuk-interop".into(),
        recovery_passphrase: Some(PHRASE.into()),
        recovery_passphrase_confirm: Some(PHRASE.into()),
        ..Default::default()
    };
    s.create_group(request).await.unwrap();
    s.close().await;
    keychain
}

/// The database and key file's bytes, to prove a refused open changed neither.
fn files(dir: &Path) -> (Vec<u8>, Vec<u8>) {
    (std::fs::read(dir.join("secretariat.db")).unwrap(), std::fs::read(dir.join("secretariat.key")).unwrap())
}

fn unavailable(state: AppState) -> secretariat_api::ApiError {
    match state {
        AppState::Unavailable { error, .. } => error,
        other => panic!("expected the unavailable screen, got {other:?}"),
    }
}

fn needs_recovery(state: AppState) -> secretariat_api::ApiError {
    match state {
        AppState::NeedsRecovery { error, .. } => error,
        other => panic!("expected the recovery screen, got {other:?}"),
    }
}

#[tokio::test]
async fn a_second_program_on_the_folder_is_its_own_error_and_the_window_opens_once_it_lets_go() {
    let dir = tempfile::tempdir().unwrap();
    let keychain = data_folder(dir.path()).await;
    let before = files(dir.path());
    // Another program's hold on the folder: a lock on `secretariat.lock` through a
    // descriptor of its own (flock conflicts between descriptors, as between processes).
    let mut other = std::fs::OpenOptions::new().read(true).write(true).open(dir.path().join("secretariat.lock")).unwrap();
    other.try_lock().unwrap();
    other.set_len(0).unwrap();
    write!(other, "424242").unwrap();

    let s = Session::new(config(dir.path(), keychain.clone(), None));
    let error = unavailable(s.app_state().await);
    assert_eq!(error.kind, ErrorKind::AlreadyOpen);
    assert!(error.message.contains("already open on the data folder"), "{}", error.message);
    assert!(error.message.contains("in another window or program (process 424242)"), "{}", error.message);
    assert!(error.message.contains("Close it there, then try again"), "{}", error.message);
    assert_eq!(files(dir.path()), before, "the refused open changed the files");

    other.unlock().unwrap();
    drop(other);
    assert!(matches!(s.app_state().await, AppState::Ready { .. }), "try again once the other program has closed");
    s.close().await;
}

#[tokio::test]
async fn a_missing_keychain_entry_asks_for_the_passphrase_and_invents_no_key() {
    let dir = tempfile::tempdir().unwrap();
    data_folder(dir.path()).await;
    let before = files(dir.path());
    let empty = Arc::new(MemoryKeychain::default());
    let s = Session::new(config(dir.path(), empty.clone(), None));
    let error = needs_recovery(s.app_state().await);
    assert_eq!(error.kind, ErrorKind::NeedsRecovery);
    assert!(error.message.contains("has no key for the database"), "{}", error.message);
    assert!(error.message.contains("the database has not been touched"), "{}", error.message);
    assert_eq!(files(dir.path()), before);
    assert!(empty.is_empty(), "no key may be invented");
    s.close().await;
}

#[tokio::test]
async fn a_wrong_passphrase_is_told_so_at_the_field_and_nothing_changes() {
    let dir = tempfile::tempdir().unwrap();
    data_folder(dir.path()).await;
    let before = files(dir.path());

    // Headless, with the passphrase configured: the recovery screen says which was wrong.
    let s = Session::new(config(dir.path(), Arc::new(MemoryKeychain::default()), Some("not the passphrase at all")));
    let error = needs_recovery(s.app_state().await);
    assert_eq!(error.kind, ErrorKind::WrongPassphrase);
    assert_eq!(error.message, "That recovery passphrase is not the one this database was created with.");
    s.close().await;

    // In the window: typed on the recovery screen, the error sits at the field.
    let s = Session::new(config(dir.path(), Arc::new(MemoryKeychain::default()), None));
    let error = s.recover(RecoverRequest { recovery_passphrase: "not the passphrase at all".into() }).await.unwrap_err();
    assert_eq!(error.kind, ErrorKind::WrongPassphrase);
    assert_eq!(error.field.as_deref(), Some("recovery_passphrase"));
    assert_eq!(files(dir.path()), before);
    s.close().await;
}

#[tokio::test]
async fn a_read_only_data_folder_is_its_own_error() {
    if is_root() {
        // Root ignores permission bits; the store's test covers root with a read-only bind mount.
        let dir = tempfile::tempdir().unwrap();
        let keychain = data_folder(dir.path()).await;
        let d = dir.path().to_str().unwrap();
        let mount = |args: &[&str]| std::process::Command::new("mount").args(args).status().unwrap().success();
        assert!(mount(&["--bind", d, d]) && mount(&["-o", "remount,bind,ro", d]));
        let s = Session::new(config(dir.path(), keychain, None));
        let error = unavailable(s.app_state().await);
        s.close().await;
        std::process::Command::new("umount").arg(d).status().unwrap();
        assert_read_only(&error);
        return;
    }
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let keychain = data_folder(dir.path()).await;
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o555)).unwrap();
    let s = Session::new(config(dir.path(), keychain, None));
    let error = unavailable(s.app_state().await);
    s.close().await;
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_read_only(&error);
}

fn assert_read_only(error: &secretariat_api::ApiError) {
    assert_eq!(error.kind, ErrorKind::DataFolderReadOnly);
    assert!(error.message.contains("is read-only, so Secretariat cannot save anything there"), "{}", error.message);
}

fn is_root() -> bool {
    std::process::Command::new("id").arg("-u").output().map(|o| o.stdout.starts_with(b"0\n")).unwrap_or(false)
}

#[tokio::test]
async fn a_truncated_database_is_reported_as_damaged_and_left_as_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let keychain = data_folder(dir.path()).await;
    let database = dir.path().join("secretariat.db");
    let length = std::fs::metadata(&database).unwrap().len();
    std::fs::OpenOptions::new().write(true).open(&database).unwrap().set_len(length / 2).unwrap();
    let before = files(dir.path());

    let s = Session::new(config(dir.path(), keychain, None));
    let error = unavailable(s.app_state().await);
    assert_eq!(error.kind, ErrorKind::NotADatabase);
    assert!(error.message.contains("restore it from a backup"), "{}", error.message);
    assert_eq!(files(dir.path()), before, "nothing is deleted or recreated");
    s.close().await;
}

/// The window opens the store ahead of the page's first request (issue #9). Ahead of
/// time it changes nothing a later `app_state` would not: with no database it creates
/// none; with no keychain entry the window is still asked for the passphrase and no
/// key is invented; with the key it leaves the store open, so `app_state` is Ready.
#[tokio::test]
async fn opening_ahead_of_the_window_changes_nothing_app_state_would_not() {
    let empty_dir = tempfile::tempdir().unwrap();
    let s = Session::new(config(empty_dir.path(), Arc::new(MemoryKeychain::default()), None));
    s.open_ahead().await;
    assert!(matches!(s.app_state().await, AppState::NoDatabase { .. }));
    assert_eq!(std::fs::read_dir(empty_dir.path()).unwrap().count(), 0, "opening ahead created files");
    s.close().await;

    let dir = tempfile::tempdir().unwrap();
    let keychain = data_folder(dir.path()).await;
    let before = files(dir.path());
    let empty = Arc::new(MemoryKeychain::default());
    let s = Session::new(config(dir.path(), empty.clone(), None));
    s.open_ahead().await;
    let error = needs_recovery(s.app_state().await);
    assert_eq!(error.kind, ErrorKind::NeedsRecovery);
    assert_eq!(files(dir.path()), before);
    assert!(empty.is_empty(), "no key may be invented");
    s.close().await;

    let s = Session::new(config(dir.path(), keychain, None));
    s.open_ahead().await;
    // The folder's lock is held from the early open: the store is open before the page asks.
    let lock = std::fs::OpenOptions::new().write(true).open(dir.path().join("secretariat.lock")).unwrap();
    assert!(lock.try_lock().is_err(), "the early open did not open the store");
    drop(lock);
    match s.app_state().await {
        AppState::Ready { groups, .. } => assert_eq!(groups.len(), 1),
        other => panic!("expected Ready, got {other:?}"),
    }
    s.close().await;
}
