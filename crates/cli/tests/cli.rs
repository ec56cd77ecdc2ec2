//! The headless commands against a real encrypted database in a temporary
//! folder, with the keychain double (the real keychain is tested in the store).

use secretariat_api::{KdfParams, MemoryKeychain, Passphrase, Session, SessionConfig};
use secretariat_cli::{parse, run};
use std::sync::Arc;

fn session(dir: &std::path::Path, passphrase: Option<&str>) -> Session {
    Session::new(SessionConfig {
        data_dir: dir.to_path_buf(),
        keychain: Arc::new(MemoryKeychain::default()),
        passphrase: passphrase.map(Passphrase::new),
        kdf: KdfParams::fast_for_tests(),
        today: Some(chrono::NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()),
    })
}

async fn run_args(session: &Session, args: &[&str]) -> Result<String, String> {
    let invocation = parse(std::iter::once("secretariat").chain(args.iter().copied())).map_err(|e| e.to_string())?;
    let mut out = Vec::new();
    run(session, invocation.command.expect("a command"), &mut out).await.map_err(|e| e.message)?;
    Ok(String::from_utf8(out).unwrap())
}

#[tokio::test]
async fn init_creates_the_group_with_twelve_vacant_seats() {
    let dir = tempfile::tempdir().unwrap();
    let s = session(dir.path(), Some("a recovery passphrase"));
    let out = run_args(&s, &["init", "--group", "Interop WG", "--template", "techuk-interop"]).await.unwrap();
    assert_eq!(
        out.lines().next().unwrap(),
        "Created group #1 \u{201c}Interop WG\u{201d} from template techuk-interop: 12 seats (4 stakeholder, 8 supplier), 12 vacant."
    );

    let json: serde_json::Value = serde_json::from_str(&run_args(&s, &["status", "--json"]).await.unwrap()).unwrap();
    assert_eq!(json["encrypted"], true);
    assert!(json["cipher"].as_str().unwrap().starts_with("SQLCipher 4."));
    assert_eq!(json["groups"][0]["name"], "Interop WG");
    assert_eq!(json["groups"][0]["seats"], 12);
    assert_eq!(json["groups"][0]["vacant_seats"], 12);
    s.close().await;
}

#[tokio::test]
async fn init_on_a_new_folder_without_a_passphrase_says_how_to_give_one_and_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let s = session(dir.path(), None);
    let error = run_args(&s, &["init", "--group", "Interop WG"]).await.unwrap_err();
    assert!(error.contains("SECRETARIAT_PASSPHRASE"), "{error}");
    assert!(!dir.path().join("secretariat.db").exists());
    s.close().await;
}

#[tokio::test]
async fn an_unknown_template_is_named_in_the_error() {
    let dir = tempfile::tempdir().unwrap();
    let s = session(dir.path(), Some("a recovery passphrase"));
    let error = run_args(&s, &["init", "--group", "X", "--template", "parish-council"]).await.unwrap_err();
    assert_eq!(error, "There is no template called 'parish-council'. Known templates: techuk-interop.");
    assert!(!dir.path().join("secretariat.db").exists(), "a refused request must create nothing");
    s.close().await;
}

#[tokio::test]
async fn demo_fills_a_living_group() {
    let dir = tempfile::tempdir().unwrap();
    let s = session(dir.path(), Some("a recovery passphrase"));
    let out = run_args(&s, &["demo"]).await.unwrap();
    assert!(out.contains("11 organisations, 12 people, 15 meetings, 12 of 12 seats filled"), "{out}");

    let status = run_args(&s, &["status"]).await.unwrap();
    assert!(status.contains("encrypted, SQLCipher 4."), "{status}");
    assert!(status.contains("12 seats, 0 vacant"), "{status}");

    let again = run_args(&s, &["demo"]).await.unwrap_err();
    assert!(again.contains("already loaded"));
    s.close().await;
}

#[tokio::test]
async fn status_before_any_database_says_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let error = run_args(&session(dir.path(), None), &["status"]).await.unwrap_err();
    assert!(error.contains("secretariat init"), "{error}");
}

#[test]
fn every_command_has_help() {
    for command in ["init", "demo", "status"] {
        let error = parse(["secretariat", command, "--help"]).unwrap_err();
        assert_eq!(error.kind(), clap::error::ErrorKind::DisplayHelp);
        assert!(error.to_string().contains("--data-dir"), "{command} --help lacks the global option");
    }
    let help = parse(["secretariat", "init", "--help"]).unwrap_err().to_string();
    assert!(help.contains("--template"));
    assert!(help.contains("--group"));
}

#[test]
fn no_command_means_open_the_window() {
    let invocation = parse(["secretariat", "--data-dir", "/tmp/x"]).unwrap();
    assert!(invocation.command.is_none());
    assert_eq!(invocation.data_dir.unwrap(), std::path::PathBuf::from("/tmp/x"));
}
