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
    assert_eq!(text(&out.stderr).trim_end(), "secretariat: That recovery passphrase is not the one this database was created with.");
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

/// The app's own executable is the paper-checking child (`secretariat __check-paper`,
/// issue #15): a PDF nested 100,000 deep ends that child, never the window, and the
/// parent reads "could not be read".
#[test]
fn the_secretariat_binary_checks_papers_in_a_child_of_itself() {
    let checker = secretariat_api::PaperChecker::program(env!("CARGO_BIN_EXE_secretariat"));
    let page = |extra: &str| {
        let content = "BT /F1 24 Tf 72 720 Td (A paper) Tj ET";
        let objects = [
            "<< /Type /Catalog /Pages 2 0 R >>".to_owned(),
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_owned(),
            format!("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> {extra} >>"),
            format!("<< /Length {} >>\nstream\n{content}\nendstream", content.len()),
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_owned(),
        ];
        let mut pdf = b"%PDF-1.7\n".to_vec();
        let mut offsets = Vec::new();
        for (index, object) in objects.iter().enumerate() {
            offsets.push(pdf.len());
            pdf.extend_from_slice(format!("{} 0 obj\n{object}\nendobj\n", index + 1).as_bytes());
        }
        let xref = pdf.len();
        pdf.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
        for offset in offsets {
            pdf.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
        }
        pdf.extend_from_slice(format!("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n", objects.len() + 1).as_bytes());
        pdf
    };
    assert_eq!(checker.check(&page(""), 1 << 20).map(|info| info.pages), Ok(1));
    let deep = format!("/X {}0{}", "[".repeat(100_000), "]".repeat(100_000));
    let refused = checker.check(&page(&deep), 1 << 20).unwrap_err();
    assert!(refused.to_string().starts_with("This PDF could not be read"), "{refused}");
}
