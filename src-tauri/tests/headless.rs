//! The real `secretariat` binary run headless, as a script would: exit codes,
//! one-line errors on stderr, and JSON on stdout.

use std::process::{Command, Output};

const PHRASE: &str = "correct horse battery staple";

fn secretariat(dir: &std::path::Path, passphrase: Option<&str>, args: &[&str]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_secretariat"));
    command.arg("--data-dir").arg(dir).args(args).env_remove("SECRETARIAT_DATA_DIR");
    match passphrase {
        Some(p) => command.env("SECRETARIAT_PASSPHRASE", p),
        None => command.env_remove("SECRETARIAT_PASSPHRASE"),
    };
    command.output().expect("the secretariat binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

#[test]
fn init_then_status_reports_an_encrypted_database_with_twelve_vacant_seats() {
    let dir = tempfile::tempdir().unwrap();
    let init = secretariat(dir.path(), Some(PHRASE), &["init", "--group", "Interop WG", "--template", "techuk-interop"]);
    assert!(init.status.success(), "{}", text(&init.stderr));
    assert!(text(&init.stdout).starts_with("Created group #1 \u{201c}Interop WG\u{201d}"));

    let status = secretariat(dir.path(), Some(PHRASE), &["status", "--json"]);
    assert!(status.status.success(), "{}", text(&status.stderr));
    let json: serde_json::Value = serde_json::from_slice(&status.stdout).unwrap();
    assert_eq!(json["encrypted"], true);
    assert_eq!(json["groups"][0]["vacant_seats"], 12);
    let header = std::fs::read(dir.path().join("secretariat.db")).unwrap();
    assert_ne!(&header[..16], b"SQLite format 3\0");
}

#[test]
fn status_on_a_folder_with_no_database_yet_is_an_answer_and_exits_0() {
    let dir = tempfile::tempdir().unwrap();
    let out = secretariat(dir.path(), None, &["status"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("none yet. Create one with `secretariat init"), "{}", text(&out.stdout));
    assert!(out.stderr.is_empty());
    assert!(!dir.path().join("secretariat.db").exists());
}

#[test]
fn a_failure_exits_non_zero_with_one_line_on_stderr() {
    let dir = tempfile::tempdir().unwrap();
    let out = secretariat(dir.path(), None, &["export", "people"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.starts_with("secretariat: There is no Secretariat database"), "{stderr}");
    assert!(out.stdout.is_empty());
}

#[test]
fn a_wrong_passphrase_is_a_clear_error_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    assert!(secretariat(dir.path(), Some(PHRASE), &["init", "--group", "WG"]).status.success());
    let before = std::fs::read(dir.path().join("secretariat.key")).unwrap();
    let out = secretariat(dir.path(), Some("not the passphrase"), &["status"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stderr).trim_end(),
        "secretariat: That recovery passphrase is not the one this database was created with."
    );
    assert_eq!(std::fs::read(dir.path().join("secretariat.key")).unwrap(), before);
}

#[test]
fn every_command_answers_help() {
    let dir = tempfile::tempdir().unwrap();
    for args in [&["--help"][..], &["init", "--help"], &["demo", "--help"], &["status", "--help"]] {
        let out = secretariat(dir.path(), None, args);
        assert!(out.status.success(), "{args:?}");
        assert!(text(&out.stdout).contains("Usage: secretariat"), "{args:?}");
    }
}

#[test]
fn a_usage_error_is_refused_with_a_non_zero_exit() {
    let dir = tempfile::tempdir().unwrap();
    let out = secretariat(dir.path(), None, &["init"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("--group"));
}
