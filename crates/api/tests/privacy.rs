//! Privacy (UK GDPR) through the `Session`, on the demo group in a real encrypted
//! database: the subject access export (JSON and a PDF read back with pdftotext),
//! and erasure — the dry run changes nothing, the real one is preceded by a backup,
//! leaves the person shown as erased and the audit chain verifying.

mod common;

use chrono::NaiveDate;
use secretariat_api::privacy::ErasePerson;
use secretariat_api::types::*;
use secretariat_api::{ErrorKind, KdfParams, MemoryKeychain, Passphrase, Session, SessionConfig};
use std::sync::Arc;

const PHRASE: &str = "a recovery passphrase";

fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

async fn demo(dir: &std::path::Path) -> (Session, i64) {
    let s = Session::new(SessionConfig {
        data_dir: dir.to_path_buf(),
        keychain: Arc::new(MemoryKeychain::default()),
        passphrase: Some(Passphrase::new(PHRASE)),
        kdf: KdfParams::fast_for_tests(),
        today: Some(d("2026-11-27")),
        paper_checker: secretariat_api::PaperChecker::program(env!("CARGO_BIN_EXE_paper-check")),
    });
    let request = LoadDemoRequest { recovery_passphrase: Some(PHRASE.into()), recovery_passphrase_confirm: Some(PHRASE.into()) };
    let group = s.load_demo(request).await.unwrap().group.id;
    (s, group)
}

#[tokio::test]
async fn subject_access_exports_the_demo_invitee_as_json_and_a_readable_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let (s, g) = demo(dir.path()).await;
    let ruth = s.find_person(g, "ruth adebayo").await.unwrap();
    let files = s.subject_access_files(g, ruth).await.unwrap();
    assert!(files.stem.ends_with("subject access - Chief Inspector Ruth Adebayo"), "{}", files.stem);

    let json: serde_json::Value = serde_json::from_str(&files.json).unwrap();
    assert_eq!(json["person"]["email"], "ruth.adebayo@constabulary.example");
    assert!(!json["invitations"].as_array().unwrap().is_empty(), "she is a standing invitee (ToR §12)");
    assert!(!json["subgroups"].as_array().unwrap().is_empty(), "and invited to a sub-group (ToR §18)");
    assert!(!json["attendance"].as_array().unwrap().is_empty());
    let audit = json["audit"].as_array().unwrap();
    assert!(audit.iter().any(|a| a["entity"] == "person" && a["action"] == "create"), "{audit:?}");

    let text = common::pdftotext(&files.pdf).split_whitespace().collect::<Vec<_>>().join(" ");
    for expected in [
        "Subject access: Chief Inspector Ruth Adebayo",
        "Identity",
        "ruth.adebayo@constabulary.example",
        "Employment",
        "Terms and roles",
        "Attendance",
        "Nominations and elections",
        "Minutes, actions and decisions",
        "Sub-groups and invitations",
        "Standing invitee (ToR §12)",
        "Audit history",
    ] {
        assert!(text.contains(expected), "{expected:?} missing from:\n{text}");
    }
    // Someone not in the group, and words that name no one, are refused plainly.
    assert_eq!(s.find_person(g, "Nobody Atall").await.unwrap_err().kind, ErrorKind::NotFound);
    s.close().await;
}

#[tokio::test]
async fn erasing_the_demo_invitee_backs_up_first_and_leaves_her_shown_as_erased() {
    let dir = tempfile::tempdir().unwrap();
    let (s, g) = demo(dir.path()).await;
    let ruth = s.find_person(g, "Ruth Adebayo").await.unwrap();
    let request = |dry_run| ErasePerson { group_id: g, person_id: ruth, reason: "Request by email of 20 Nov 2026".into(), dry_run };

    let backups_before = s.backups().await.unwrap().backups.len();
    let plan = s.erase_person(request(true)).await.unwrap();
    assert_eq!(plan.backup, None);
    assert!(!plan.erasure.committed);
    assert!(plan.erasure.deleted.iter().any(|l| l.what.starts_with("Standing invitations")), "{:?}", plan.erasure.deleted);
    assert_eq!(s.backups().await.unwrap().backups.len(), backups_before, "a dry run takes no backup");
    assert_eq!(s.person(g, ruth).await.unwrap().input.name, "Chief Inspector Ruth Adebayo");

    // A reason is required.
    let empty = s.erase_person(ErasePerson { reason: " ".into(), ..request(false) }).await.unwrap_err();
    assert_eq!(empty.field.as_deref(), Some("reason"));

    let done = s.erase_person(request(false)).await.unwrap();
    assert!(done.erasure.committed);
    let backup = done.backup.expect("a backup is taken before erasing");
    assert!(s.backups().await.unwrap().backups.iter().any(|b| b.file.name == backup));
    let person = s.person(g, ruth).await.unwrap();
    assert_eq!(person.input.name, format!("Erased person {ruth}"));
    assert_eq!(person.erased_on, Some(d("2026-11-27")));
    let members = s.members(g).await.unwrap();
    assert!(!members.invitees.iter().any(|i| i.person_id == ruth), "her standing invitation is deleted");

    let access = s.subject_access(g, ruth).await.unwrap();
    assert!(!serde_json::to_string(&access).unwrap().contains("Adebayo"), "nothing about her keeps her name");
    let verify = s.verify().await.unwrap();
    assert!(verify.is_ok(), "{verify:?}");
    assert!(verify.audit.redacted_rows > 0);
    s.close().await;
}
