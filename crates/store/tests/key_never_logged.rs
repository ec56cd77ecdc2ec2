//! The database key must never reach a log, even with every log level on:
//! sqlx logs statements, and `PRAGMA key` is a statement.

use secretariat_rules::Template;
use secretariat_store::{DataPaths, KdfParams, KeySource, Keychain, MemoryKeychain, Passphrase, Store};
use std::io::Write;
use std::sync::{Arc, Mutex};

#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn the_key_is_never_logged_at_any_level() {
    let captured = Captured::default();
    let writer = captured.clone();
    tracing_subscriber::fmt().with_max_level(tracing::Level::TRACE).with_writer(move || writer.clone()).with_ansi(false).init();

    let dir = tempfile::tempdir().unwrap();
    let paths = DataPaths::new(dir.path());
    let keychain = Arc::new(MemoryKeychain::default());
    let (store, _) = Store::create(&paths, &Passphrase::new("correct horse battery staple"), keychain.clone(), KdfParams::fast_for_tests()).await.unwrap();
    let mut w = store.begin().await.unwrap();
    w.create_group("Logged group", Template::TechukInterop).await.unwrap();
    w.commit().await.unwrap();
    let id = store.database_id().to_owned();
    store.close().await;
    Store::open(&paths, KeySource::Keychain(keychain.clone())).await.unwrap().close().await;
    Store::open(&paths, KeySource::Passphrase(Passphrase::new("correct horse battery staple"))).await.unwrap().close().await;
    // Backups attach a new file with the key, check it, and a restore opens it again.
    let store = Store::open(&paths, KeySource::Keychain(keychain.clone())).await.unwrap();
    let made = store.back_up().await.unwrap();
    let backup = std::path::PathBuf::from(&made.backup.path);
    store.check_backup(&backup).await.unwrap();
    assert!(store.verify().await.unwrap().is_ok());
    store.close().await;
    let (store, _) = Store::restore(&paths, KeySource::Keychain(keychain.clone()), &backup).await.unwrap();
    store.close().await;

    let key = keychain.get(&id).unwrap().unwrap();
    let log = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap().to_lowercase();
    assert!(log.contains("created database"), "the capture saw nothing, so it proves nothing:\n{log}");
    assert!(log.contains("backed up") && log.contains("restored a backup"), "the backup and restore were not seen:\n{log}");
    let debug = format!("{key:?}");
    assert_eq!(debug, "DatabaseKey(redacted)");
    for needle in key_forms(&key) {
        assert!(!log.contains(&needle), "the key appeared in the log");
    }
    assert!(!log.contains("pragma key"), "the key pragma was logged");
    assert!(!log.contains("correct horse"), "the passphrase was logged");
}

fn key_forms(key: &secretariat_store::DatabaseKey) -> Vec<String> {
    let hex = key.to_hex();
    vec![hex.to_lowercase(), hex.to_uppercase()]
}
