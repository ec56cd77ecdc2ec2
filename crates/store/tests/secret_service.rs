//! The real OS keychain (Secret Service on Linux). The test suite runs this under
//! `dbus-run-session` with an unlocked gnome-keyring (see `scripts/test`), which
//! sets SECRETARIAT_TEST_SECRET_SERVICE=1; there it must pass. Run bare on a
//! desktop it uses that desktop's keychain; with neither it says so and stops.

use secretariat_rules::Template;
use secretariat_store::{DataPaths, KdfParams, KeySource, Keychain, Passphrase, Store, SystemKeychain};
use std::sync::Arc;

#[tokio::test]
async fn the_key_round_trips_through_the_real_keychain() {
    let required = std::env::var("SECRETARIAT_TEST_SECRET_SERVICE").as_deref() == Ok("1");
    let keychain = Arc::new(SystemKeychain);
    let probe = secretariat_store::DatabaseKey::generate();
    if let Err(error) = keychain.set("probe", &probe) {
        assert!(!required, "the Secret Service must be reachable here: {error}");
        eprintln!("no Secret Service on this machine ({error}); run the suite through scripts/test");
        return;
    }
    assert_eq!(keychain.get("probe").unwrap().as_ref(), Some(&probe));
    keychain.delete("probe").unwrap();
    assert_eq!(keychain.get("probe").unwrap(), None);

    let dir = tempfile::tempdir().unwrap();
    let paths = DataPaths::new(dir.path());
    let (store, outcome) =
        Store::create(&paths, &Passphrase::new("correct horse battery staple"), keychain.clone(), KdfParams::fast_for_tests()).await.unwrap();
    assert_eq!(outcome, secretariat_store::KeychainOutcome::Saved);
    let mut w = store.begin().await.unwrap();
    w.create_group("Keychain WG", Template::TechukInterop).await.unwrap();
    w.commit().await.unwrap();
    let id = store.database_id().to_owned();
    store.close().await;

    let store = Store::open(&paths, KeySource::Keychain(keychain.clone())).await.unwrap();
    assert_eq!(store.groups().await.unwrap()[0].name, "Keychain WG");
    store.close().await;
    keychain.delete(&id).unwrap();
}
