//! The encrypted store against real SQLCipher files in temporary folders.
//! Each test is one situation a secretariat can meet, and the error it must see.

#[allow(dead_code)]
mod support;

use secretariat_rules::Template;
use secretariat_store::{DataPaths, KdfParams, KeySource, Keychain, KeychainOutcome, MemoryKeychain, Passphrase, Store, StoreError};
use std::sync::Arc;
use support::{fingerprint, flip_byte, read_only_folder};

const PHRASE: &str = "correct horse battery staple";

async fn new_store(dir: &std::path::Path, keychain: Arc<MemoryKeychain>) -> Store {
    let (store, outcome) = Store::create(&DataPaths::new(dir), &Passphrase::new(PHRASE), keychain, KdfParams::fast_for_tests()).await.unwrap();
    assert_eq!(outcome, KeychainOutcome::Saved);
    store
}

#[tokio::test]
async fn a_new_database_is_encrypted_on_disk() {
    let dir = tempfile::tempdir().unwrap();
    let keychain = Arc::new(MemoryKeychain::default());
    let store = new_store(dir.path(), keychain.clone()).await;
    let mut w = store.begin().await.unwrap();
    w.create_group("Zoë's Very Recognisable Group", Template::TechukInterop).await.unwrap();
    w.commit().await.unwrap();
    assert!(store.cipher_version().await.unwrap().starts_with('4'));
    store.close().await;

    let bytes = std::fs::read(dir.path().join("secretariat.db")).unwrap();
    assert_ne!(&bytes[..16], b"SQLite format 3\0", "the header must be encrypted");
    let needle = "Recognisable".as_bytes();
    assert!(!bytes.windows(needle.len()).any(|w| w == needle), "group name visible in the file");
    assert_eq!(keychain.len(), 1);
}

#[tokio::test]
async fn the_database_reopens_with_the_key_from_the_keychain() {
    let dir = tempfile::tempdir().unwrap();
    let keychain = Arc::new(MemoryKeychain::default());
    let store = new_store(dir.path(), keychain.clone()).await;
    let mut w = store.begin().await.unwrap();
    let id = w.create_group("Interop WG", Template::TechukInterop).await.unwrap();
    w.commit().await.unwrap();
    store.close().await;

    let store = Store::open(&DataPaths::new(dir.path()), KeySource::Keychain(keychain)).await.unwrap();
    let group = store.group(id).await.unwrap();
    assert_eq!(group.name, "Interop WG");
    assert_eq!(group.settings, Template::TechukInterop.settings());
    let seats = store.seats(id, chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()).await.unwrap();
    assert_eq!(seats.len(), 12);
    assert!(seats.iter().all(|s| s.holder.is_none()));
    store.close().await;
}

#[tokio::test]
async fn the_database_does_not_open_with_another_key() {
    let dir = tempfile::tempdir().unwrap();
    let keychain = Arc::new(MemoryKeychain::default());
    let store = new_store(dir.path(), keychain.clone()).await;
    let id = store.database_id().to_owned();
    store.close().await;

    keychain.set(&id, &secretariat_store::DatabaseKey::generate()).unwrap();
    let error = Store::open(&DataPaths::new(dir.path()), KeySource::Keychain(keychain)).await.unwrap_err();
    assert!(matches!(error, StoreError::KeychainKeyMismatch { .. }), "{error:?}");
    assert!(error.to_string().contains("recovery passphrase"));
}

#[tokio::test]
async fn the_recovery_passphrase_opens_it_and_a_wrong_one_is_told_so() {
    let dir = tempfile::tempdir().unwrap();
    new_store(dir.path(), Arc::new(MemoryKeychain::default())).await.close().await;
    let paths = DataPaths::new(dir.path());

    let error = Store::open(&paths, KeySource::Passphrase(Passphrase::new("not the phrase at all"))).await.unwrap_err();
    assert!(matches!(error, StoreError::WrongPassphrase), "{error:?}");
    assert_eq!(error.to_string(), "That recovery passphrase is not the one this database was created with.");

    Store::open(&paths, KeySource::Passphrase(Passphrase::new(PHRASE))).await.unwrap().close().await;
}

#[tokio::test]
async fn a_missing_keychain_entry_leads_to_recovery_and_never_to_a_new_key() {
    let dir = tempfile::tempdir().unwrap();
    new_store(dir.path(), Arc::new(MemoryKeychain::default())).await.close().await;
    let paths = DataPaths::new(dir.path());
    let before = (fingerprint(&paths.database), fingerprint(&paths.key_file));

    let empty = Arc::new(MemoryKeychain::default());
    let error = Store::open(&paths, KeySource::Keychain(empty.clone())).await.unwrap_err();
    assert!(matches!(error, StoreError::KeychainEntryMissing { .. }), "{error:?}");
    assert!(error.to_string().contains("has not been touched"));
    assert_eq!((fingerprint(&paths.database), fingerprint(&paths.key_file)), before, "files changed");
    assert!(empty.is_empty(), "no key may be invented");

    // Recovery puts the key back, and the next start needs no passphrase.
    let (store, outcome) = Store::recover(&paths, &Passphrase::new(PHRASE), empty.clone()).await.unwrap();
    assert_eq!(outcome, KeychainOutcome::Saved);
    store.close().await;
    Store::open(&paths, KeySource::Keychain(empty)).await.unwrap().close().await;
}

#[tokio::test]
async fn an_unreachable_keychain_is_its_own_error() {
    let dir = tempfile::tempdir().unwrap();
    new_store(dir.path(), Arc::new(MemoryKeychain::default())).await.close().await;
    let error = Store::open(&DataPaths::new(dir.path()), KeySource::Keychain(Arc::new(MemoryKeychain::unavailable()))).await.unwrap_err();
    assert!(matches!(error, StoreError::KeychainUnavailable { .. }), "{error:?}");
    assert!(error.to_string().contains("SECRETARIAT_PASSPHRASE"));
}

#[tokio::test]
async fn a_database_created_without_a_keychain_still_opens_by_passphrase() {
    let dir = tempfile::tempdir().unwrap();
    let paths = DataPaths::new(dir.path());
    let (store, outcome) = Store::create(&paths, &Passphrase::new(PHRASE), Arc::new(MemoryKeychain::unavailable()), KdfParams::fast_for_tests()).await.unwrap();
    assert!(matches!(outcome, KeychainOutcome::NotSaved(_)));
    store.close().await;
    Store::open(&paths, KeySource::Passphrase(Passphrase::new(PHRASE))).await.unwrap().close().await;
}

#[tokio::test]
async fn a_damaged_file_is_reported_as_not_a_database() {
    let dir = tempfile::tempdir().unwrap();
    let keychain = Arc::new(MemoryKeychain::default());
    new_store(dir.path(), keychain.clone()).await.close().await;
    let paths = DataPaths::new(dir.path());
    flip_byte(&paths.database, 100);

    let error = Store::open(&paths, KeySource::Keychain(keychain)).await.unwrap_err();
    assert!(matches!(error, StoreError::NotADatabase { .. }), "{error:?}");
    assert!(error.to_string().contains("restore it from a backup"));
}

#[tokio::test]
async fn a_file_that_is_not_a_database_at_all_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let keychain = Arc::new(MemoryKeychain::default());
    new_store(dir.path(), keychain.clone()).await.close().await;
    let paths = DataPaths::new(dir.path());
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", paths.database.display()));
    }
    std::fs::write(&paths.database, "these are the minutes, typed into the wrong file\n".repeat(200)).unwrap();

    let error = Store::open(&paths, KeySource::Keychain(keychain)).await.unwrap_err();
    assert!(matches!(error, StoreError::NotADatabase { .. }), "{error:?}");
}

#[tokio::test]
async fn a_plain_sqlite_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let keychain = Arc::new(MemoryKeychain::default());
    new_store(dir.path(), keychain.clone()).await.close().await;
    let paths = DataPaths::new(dir.path());
    let mut plain = b"SQLite format 3\0".to_vec();
    plain.resize(4096, 0);
    std::fs::write(&paths.database, plain).unwrap();

    let error = Store::open(&paths, KeySource::Keychain(keychain)).await.unwrap_err();
    assert!(matches!(error, StoreError::Unencrypted { .. }), "{error:?}");
}

#[tokio::test]
async fn creating_over_an_existing_database_is_refused_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let keychain = Arc::new(MemoryKeychain::default());
    new_store(dir.path(), keychain.clone()).await.close().await;
    let paths = DataPaths::new(dir.path());
    let before = fingerprint(&paths.key_file);
    let error = Store::create(&paths, &Passphrase::new(PHRASE), keychain.clone(), KdfParams::fast_for_tests()).await.unwrap_err();
    assert!(matches!(error, StoreError::AlreadyExists { .. }), "{error:?}");
    assert_eq!(fingerprint(&paths.key_file), before);
    assert_eq!(keychain.len(), 1);
}

#[tokio::test]
async fn a_short_recovery_passphrase_is_refused_before_anything_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let paths = DataPaths::new(dir.path().join("data"));
    let error = Store::create(&paths, &Passphrase::new("short"), Arc::new(MemoryKeychain::default()), KdfParams::fast_for_tests()).await.unwrap_err();
    assert!(matches!(error, StoreError::PassphraseTooShort { min: 12 }));
    assert!(!paths.dir.exists());
}

#[tokio::test]
async fn a_read_only_data_folder_is_reported_for_create_and_open() {
    let dir = tempfile::tempdir().unwrap();
    let keychain = Arc::new(MemoryKeychain::default());
    new_store(dir.path(), keychain.clone()).await.close().await;
    let paths = DataPaths::new(dir.path());

    let guard = read_only_folder(dir.path());
    let error = Store::open(&paths, KeySource::Keychain(keychain.clone())).await.unwrap_err();
    assert!(matches!(error, StoreError::DataFolderReadOnly { .. }), "{error:?}");
    assert!(error.to_string().contains("read-only"));

    let empty = tempfile::tempdir().unwrap();
    let empty_guard = read_only_folder(empty.path());
    let error = Store::create(&DataPaths::new(empty.path()), &Passphrase::new(PHRASE), keychain, KdfParams::fast_for_tests()).await.unwrap_err();
    assert!(matches!(error, StoreError::DataFolderReadOnly { .. }), "{error:?}");
    drop((guard, empty_guard));
}

#[tokio::test]
async fn a_change_that_fails_half_way_leaves_nothing_behind() {
    let dir = tempfile::tempdir().unwrap();
    let store = new_store(dir.path(), Arc::new(MemoryKeychain::default())).await;
    let mut w = store.begin().await.unwrap();
    w.create_group("First", Template::TechukInterop).await.unwrap();
    w.commit().await.unwrap();
    let audit_before = store.audit_len().await.unwrap();

    let mut w = store.begin().await.unwrap();
    w.create_group("Second", Template::TechukInterop).await.unwrap();
    let error = w.create_group("First", Template::TechukInterop).await.unwrap_err();
    assert!(matches!(error, StoreError::Invalid { field: "name", .. }));
    drop(w);

    let names: Vec<_> = store.groups().await.unwrap().into_iter().map(|g| g.name).collect();
    assert_eq!(names, ["First"]);
    assert_eq!(store.audit_len().await.unwrap(), audit_before);
    store.close().await;
}

#[tokio::test]
async fn a_change_right_after_an_abandoned_one_waits_for_it_and_succeeds() {
    let dir = tempfile::tempdir().unwrap();
    let store = new_store(dir.path(), Arc::new(MemoryKeychain::default())).await;
    for round in 0..20 {
        let mut abandoned = store.begin().await.unwrap();
        abandoned.create_group(&format!("Abandoned {round}"), Template::TechukInterop).await.unwrap();
        drop(abandoned); // rolled back in the background
        let mut next = store.begin().await.unwrap();
        next.create_group(&format!("Kept {round}"), Template::TechukInterop).await.unwrap();
        next.commit().await.unwrap();
    }
    let names: Vec<_> = store.groups().await.unwrap().into_iter().map(|g| g.name).collect();
    assert_eq!(names.len(), 20);
    assert!(names.iter().all(|n| n.starts_with("Kept")));
    store.close().await;
}
