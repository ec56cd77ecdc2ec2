//! The group's work through the `Session` (ToR §3, §5), against a real encrypted database:
//! the demo's registers, Home's list, an entry put on an agenda, and a declaration of
//! interest that reaches the minutes PDF (read back with pdftotext).

mod common;

use chrono::NaiveDate;
use common::pdftotext;
use secretariat_api::types::*;
use secretariat_api::work::*;
use secretariat_api::{KdfParams, MemoryKeychain, Session, SessionConfig};
use secretariat_rules::work::{WorkKind, WorkStatus};
use secretariat_store::{DeclarationInput, WorkEntryInput};
use std::sync::Arc;

fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

async fn demo(dir: &std::path::Path) -> (Session, i64) {
    let s = Session::new(SessionConfig {
        data_dir: dir.to_path_buf(),
        keychain: Arc::new(MemoryKeychain::default()),
        passphrase: Some(secretariat_api::Passphrase::new("a recovery passphrase")),
        kdf: KdfParams::fast_for_tests(),
        today: Some(d("2026-12-04")),
    });
    s.create_group(CreateGroupRequest { name: "Interop WG".into(), template: "techuk-interop".into(), ..Default::default() }).await.unwrap();
    s.load_demo(Default::default()).await.unwrap();
    let demo = s.groups().await.unwrap().into_iter().find(|g| g.name.starts_with("Demo")).unwrap().id;
    (s, demo)
}

#[tokio::test]
async fn the_demo_uses_every_register_and_home_lists_what_needs_the_secretariat() {
    let dir = tempfile::tempdir().unwrap();
    let (s, g) = demo(dir.path()).await;
    let view = s.work_view(g, None).await.unwrap();
    for kind in WorkKind::ALL {
        assert!(view.entries.iter().any(|e| e.kind == kind), "the demo has no {kind:?}");
    }
    assert!(view.entries.iter().any(|e| e.confidential), "one concern was raised in confidence");
    let home = s.group_home(g).await.unwrap();
    let kinds: Vec<WorkKind> = home.work.iter().map(|n| n.kind).collect();
    assert!(kinds.contains(&WorkKind::Consultation) && kinds.contains(&WorkKind::Concern) && kinds.contains(&WorkKind::Horizon), "{:?}", home.work);
    assert!(home.work.iter().all(|n| n.message.contains('\u{201c}') && n.tor.starts_with("ToR §")));
    let concerns = s.work_view(g, Some(WorkKind::Concern)).await.unwrap();
    assert!(concerns.entries.iter().all(|e| e.kind == WorkKind::Concern));
    s.close().await;
}

#[tokio::test]
async fn a_concern_put_on_the_agenda_and_a_declaration_at_the_meeting_are_in_the_minutes() {
    let dir = tempfile::tempdir().unwrap();
    let (s, g) = demo(dir.path()).await;
    let people = s.work_view(g, None).await.unwrap().people;
    let member = people.iter().find(|p| p.name == "Marcus Oyelaran").map_or(people[0].id, |p| p.id);
    let input = WorkEntryInput {
        kind: WorkKind::Concern,
        title: "Test harness access for small suppliers".into(),
        summary: "Small suppliers cannot reach the national test environment.".into(),
        source: "Two supplier members".into(),
        horizon_kind: None,
        opened_on: d("2026-12-01"),
        owner_id: None,
        subgroup_id: None,
        deadline: None,
        response_paper_id: None,
        assessment: String::new(),
        outcome: String::new(),
        confidential: false,
    };
    let page = s.save_work_entry(SaveWorkEntry { group_id: g, id: None, input }).await.unwrap();
    assert_eq!(page.detail.status, WorkStatus::Raised);
    assert_eq!(page.kind.tor, "ToR §3c");
    let meeting = page.meetings[0].id;
    let page = s.add_work_to_agenda(AddWorkToAgenda { group_id: g, entry_id: page.detail.id, meeting_id: meeting, presenter_id: None }).await.unwrap();
    let item = page.detail.items[0].agenda_item_id;
    assert_eq!(page.detail.items[0].title, "Concern: Test harness access for small suppliers");

    let record = s
        .declare_interest(DeclareInterest {
            group_id: g,
            meeting_id: meeting,
            input: DeclarationInput { agenda_item_id: item, person_id: member, interest: true, nature: "Employer runs a rival test service".into() },
        })
        .await
        .unwrap();
    assert_eq!(record.declarations.len(), 1);
    let wrong_meeting = s
        .declare_interest(DeclareInterest {
            group_id: g,
            meeting_id: meeting + 1,
            input: DeclarationInput { agenda_item_id: item, person_id: member, interest: false, nature: String::new() },
        })
        .await
        .unwrap_err();
    assert_eq!(wrong_meeting.field.as_deref(), Some("agenda_item_id"));

    let minutes = pdftotext(&s.make_document(g, DocumentKind::Minutes, Some(meeting), None).await.unwrap().bytes);
    let flat = minutes.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("Declarations of interest"), "{minutes}");
    assert!(flat.contains("Concern: Test harness access for small suppliers"), "{minutes}");
    assert!(flat.contains("Employer runs a rival test service"), "{minutes}");
    let person = s.person(g, member).await.unwrap();
    assert!(person.declarations.iter().any(|d| d.nature == "Employer runs a rival test service" && d.meeting.id == meeting), "the person's register of interests");
    s.close().await;
}
