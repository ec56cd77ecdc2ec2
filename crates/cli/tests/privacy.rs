//! `secretariat subject-access` and `secretariat erase` on the demo group in a real
//! encrypted database, with the keychain double; the PDF is read back with pdftotext.

use secretariat_api::{KdfParams, MemoryKeychain, Passphrase, Session, SessionConfig};
use secretariat_cli::{parse, run};
use std::sync::Arc;

fn session(dir: &std::path::Path) -> Session {
    Session::new(SessionConfig {
        data_dir: dir.to_path_buf(),
        keychain: Arc::new(MemoryKeychain::default()),
        passphrase: Some(Passphrase::new("a recovery passphrase")),
        kdf: KdfParams::fast_for_tests(),
        today: Some(chrono::NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()),
        paper_checker: secretariat_api::PaperChecker::this_program().unwrap(), // no command of the CLI adds a paper
    })
}

/// Output and the error's message, like the binary's stdout and stderr.
async fn run_args(session: &Session, args: &[&str]) -> (String, Result<i32, String>) {
    let invocation = parse(std::iter::once("secretariat").chain(args.iter().copied())).map_err(|e| e.to_string()).unwrap();
    let mut out = Vec::new();
    let result = run(session, invocation.command.expect("a command"), &mut out).await.map_err(|e| e.message);
    (String::from_utf8(out).unwrap(), result)
}

fn pdftotext(path: &std::path::Path) -> String {
    let out = std::process::Command::new("pdftotext").args(["-raw", path.to_str().unwrap(), "-"]).output().unwrap();
    String::from_utf8(out.stdout).unwrap().split_whitespace().collect::<Vec<_>>().join(" ")
}

#[tokio::test]
async fn subject_access_writes_a_pdf_or_json_for_a_person_named_by_words() {
    let dir = tempfile::tempdir().unwrap();
    let s = session(dir.path());
    run_args(&s, &["demo"]).await.1.unwrap();
    let pdf = dir.path().join("ruth.pdf");
    let (out, code) = run_args(&s, &["subject-access", "ruth adebayo", "-o", pdf.to_str().unwrap()]).await;
    assert_eq!(code, Ok(0));
    assert!(out.starts_with(&format!("Wrote {}", pdf.display())), "{out}");
    let text = pdftotext(&pdf);
    assert!(text.contains("Subject access: Chief Inspector Ruth Adebayo") && text.contains("Audit history"), "{text}");

    let json = dir.path().join("ruth.json");
    run_args(&s, &["subject-access", "Adebayo", "--json", "-o", json.to_str().unwrap()]).await.1.unwrap();
    let value: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    assert_eq!(value["person"]["name"], "Chief Inspector Ruth Adebayo");
    assert!(!value["audit"].as_array().unwrap().is_empty());

    let (_, missing) = run_args(&s, &["subject-access", "Nobody Atall", "-o", pdf.to_str().unwrap()]).await;
    assert!(missing.unwrap_err().contains("There is no person \u{201c}Nobody Atall\u{201d}"));
    s.close().await;
}

#[tokio::test]
async fn erase_lists_with_dry_run_refuses_without_yes_and_erases_with_it() {
    let dir = tempfile::tempdir().unwrap();
    let s = session(dir.path());
    run_args(&s, &["demo"]).await.1.unwrap();
    let reason = "Request by email of 20 Nov 2026";

    let (dry, code) = run_args(&s, &["erase", "Ruth Adebayo", "--reason", reason, "--dry-run"]).await;
    assert_eq!(code, Ok(0));
    assert!(dry.starts_with("Erasing Chief Inspector Ruth Adebayo would keep the record as \u{201c}Erased person"), "{dry}");
    assert!(dry.contains("Deleted:") && dry.contains("Standing invitations (ToR §12)") && dry.contains("Kept:"), "{dry}");
    assert!(dry.ends_with("Nothing was changed (dry run).\n"), "{dry}");

    let (listed, refused) = run_args(&s, &["erase", "Ruth Adebayo", "--reason", reason]).await;
    assert_eq!(refused.unwrap_err(), "Add --yes to erase Chief Inspector Ruth Adebayo (or --dry-run to only list it); nothing was changed.");
    assert!(listed.contains("Deleted:"), "the refusal shows what would happen: {listed}");
    let (_, still) = run_args(&s, &["erase", "Ruth Adebayo", "--reason", reason, "--dry-run"]).await;
    assert_eq!(still, Ok(0), "she is still there to erase");

    let (done, code) = run_args(&s, &["erase", "Ruth Adebayo", "--reason", reason, "--yes"]).await;
    assert_eq!(code, Ok(0));
    assert!(done.starts_with("Erased Chief Inspector Ruth Adebayo: the record is now \u{201c}Erased person"), "{done}");
    assert!(done.contains("A backup was taken first") && done.contains("still hold"), "{done}");
    let (_, gone) = run_args(&s, &["erase", "Ruth Adebayo", "--reason", reason, "--yes"]).await;
    assert!(gone.unwrap_err().contains("There is no person"), "her name is no longer in the register");

    let (verify, code) = run_args(&s, &["verify"]).await;
    assert_eq!(code, Ok(0), "{verify}");
    assert!(verify.contains("redacted by an erasure"), "{verify}");

    // The parser refuses --dry-run with --yes, and a missing reason.
    assert!(parse(["secretariat", "erase", "x", "--reason", "r", "--dry-run", "--yes"]).is_err());
    assert!(parse(["secretariat", "erase", "x"]).is_err());
    s.close().await;
}
