//! The group's work through the `Session` (ToR §3, §5), against a real encrypted database:
//! the demo's registers, Home's list, an entry put on an agenda, and a declaration of
//! interest that reaches the minutes PDF (read back with pdftotext).

mod common;

use chrono::NaiveDate;
use common::pdftotext;
use secretariat_api::documents::Document;
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
        paper_checker: secretariat_api::PaperChecker::program(env!("CARGO_BIN_EXE_paper-check")),
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

    let minutes = pdftotext(&s.make_document(g, Document::of(DocumentKind::Minutes, Some(meeting)).unwrap()).await.unwrap().bytes);
    let flat = minutes.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("Declarations of interest"), "{minutes}");
    assert!(flat.contains("Concern: Test harness access for small suppliers"), "{minutes}");
    assert!(flat.contains("Employer runs a rival test service"), "{minutes}");
    let person = s.person(g, member).await.unwrap();
    assert!(
        person.declarations.iter().any(|d| d.nature == "Employer runs a rival test service" && d.meeting.id == meeting),
        "the person's register of interests"
    );
    s.close().await;
}

#[tokio::test]
async fn the_digest_tells_suppliers_what_is_open_and_never_what_is_confidential_or_private() {
    let dir = tempfile::tempdir().unwrap();
    let (s, g) = demo(dir.path()).await;
    // A subject taken in private at the next meeting (ToR §21), and a concern raised in confidence.
    let next = s.work_page(g, s.work_view(g, None).await.unwrap().entries[0].id).await.unwrap().meetings[0].id;
    let private = secretariat_store::AgendaItemInput {
        title: "Supplier insolvency rumour".into(),
        purpose: secretariat_store::Purpose::Discussion,
        presenter_id: None,
        minutes: 10,
        private: true,
    };
    s.save_agenda_item(SaveAgendaItem { group_id: g, meeting_id: next, id: None, input: private }).await.unwrap();
    let confidential = WorkEntryInput {
        kind: WorkKind::Concern,
        title: "Whistleblower on the tender scoring".into(),
        summary: String::new(),
        source: "A member, in confidence".into(),
        horizon_kind: None,
        opened_on: d("2026-11-20"),
        owner_id: None,
        subgroup_id: None,
        deadline: None,
        response_paper_id: None,
        assessment: String::new(),
        outcome: String::new(),
        confidential: true,
    };
    let entry = s.save_work_entry(SaveWorkEntry { group_id: g, id: None, input: confidential }).await.unwrap().detail.id;
    s.set_work_status(SetWorkStatus { group_id: g, entry_id: entry, status: WorkStatus::Shared, on: d("2026-11-25"), note: String::new() }).await.unwrap();
    // Discussed at the next meeting: its agenda item is not named either.
    s.add_work_to_agenda(AddWorkToAgenda { group_id: g, entry_id: entry, meeting_id: next, presenter_id: None }).await.unwrap();

    let made = s.digest_document(DigestRequest { group_id: g, from: d("2026-11-01"), to: d("2026-11-30"), eml: false }).await.unwrap();
    let text = pdftotext(&made.bytes).split_whitespace().collect::<Vec<_>>().join(" ");
    for expected in [
        "Digest for the supplier community",
        "Sun 1 Nov 2026 to Mon 30 Nov 2026",
        "Consultations open (ToR §3a)",
        // Table cells wrap, so each is checked by a part that fits one line.
        "Person and custody record exchange",
        "Deadline Mon 14",
        "Horizon scanning (ToR §5a)",
        "Verifiable credentials for officer identity",
        "Meetings to come (ToR §19)",
        "Tue 8 Dec 2026,",
        "Concern: Licensing model",
    ] {
        assert!(text.contains(expected), "the digest lacks {expected:?}:\n{text}");
    }
    for never in ["Supplier insolvency rumour", "Whistleblower", "Regional custody procurement timetable", "in confidence"] {
        assert!(!text.contains(never), "the digest shows {never:?}:\n{text}");
    }

    let eml = s.digest_document(DigestRequest { group_id: g, from: d("2026-11-01"), to: d("2026-11-30"), eml: true }).await.unwrap();
    assert!(eml.file_name.ends_with(".eml"));
    let message = mail_parser::MessageParser::default().parse(&eml.bytes).unwrap();
    assert_eq!(message.header_raw("X-Unsent").map(str::trim), Some("1"));
    let id = message.message_id().expect("a Message-ID");
    assert!(id.ends_with("@secretariat.invalid"), "never the host name: {id}");
    let body = message.body_text(0).unwrap().into_owned();
    assert!(body.contains("Person and custody record exchange standard — Deadline Mon 14 Dec 2026"), "{body}");
    assert!(!body.contains("Whistleblower") && !body.contains("Supplier insolvency rumour"), "{body}");
    let attachments: Vec<_> = message.attachments().map(|a| a.contents().len()).collect();
    assert_eq!(attachments.len(), 1, "the PDF is attached");
    let backwards = s.digest_document(DigestRequest { group_id: g, from: d("2026-11-30"), to: d("2026-11-01"), eml: false }).await.unwrap_err();
    assert_eq!(backwards.field.as_deref(), Some("to"));
    s.close().await;
}

#[tokio::test]
async fn standing_items_list_the_horizon_changed_since_the_last_meeting_and_the_open_consultations() {
    let dir = tempfile::tempdir().unwrap();
    let (s, g) = demo(dir.path()).await;
    let next = s.next_meeting(g).await.unwrap().unwrap();
    let agenda = pdftotext(&s.make_document(g, Document::of(DocumentKind::Agenda, Some(next.id)).unwrap()).await.unwrap().bytes);
    let flat = agenda.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("Horizon scanning"), "{flat}");
    assert!(flat.contains("Verifiable credentials for officer identity across forces"), "changed since the last meeting: {flat}");
    assert!(!flat.contains("Draft code of practice on biometric data retention"), "unchanged since long before: {flat}");
    assert!(
        flat.contains("Person and custody record exchange standard (Home Office Police & Public Protection Technology; deadline Mon 14 Dec 2026; ToR §3a)"),
        "{flat}"
    );
    s.close().await;
}

#[tokio::test]
async fn s7_the_membership_report_charts_the_members_by_size_and_sector_over_two_years() {
    let dir = tempfile::tempdir().unwrap();
    let (s, g) = demo(dir.path()).await;
    let made = s.make_document(g, Document::of(DocumentKind::MembershipReport, None).unwrap()).await.unwrap();
    let text = pdftotext(&made.bytes).split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(text.contains("Range of companies by size and sector (ToR §7)"), "{text}");
    assert!(text.contains("Dec 2024") && text.contains("Dec 2026"), "a bar a quarter over two years: {text}");
    // Today two supplier members work for an SME (ToR §13); the stakeholders' employers are not SMEs.
    assert!(text.contains("2 SME, 10 large"), "{text}");
    assert!(text.contains("Data platforms") && text.contains("Analytics"), "the sectors' legend: {text}");
    s.close().await;
}

fn sample_pdf(title: &str) -> String {
    use base64::Engine;
    let bytes = secretariat_documents::Documents::new().sample_paper(title, "Interop WG", 1).unwrap();
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

#[tokio::test]
async fn s3a_an_item_already_on_an_agenda_is_linked_unlinked_and_its_paper_chosen_as_the_response() {
    let dir = tempfile::tempdir().unwrap();
    let (s, g) = demo(dir.path()).await;
    let consultation = s.work_view(g, Some(WorkKind::Consultation)).await.unwrap().entries[0].id;
    let page = s.work_page(g, consultation).await.unwrap();
    // The response was drafted under an item of its own title at the next meeting.
    let next = page.meetings[0].id;
    let item = s
        .save_agenda_item(SaveAgendaItem {
            group_id: g,
            meeting_id: next,
            id: None,
            input: secretariat_store::AgendaItemInput {
                title: "Draft response on record exchange".into(),
                purpose: secretariat_store::Purpose::Decision,
                presenter_id: None,
                minutes: 20,
                private: false,
            },
        })
        .await
        .unwrap()
        .detail
        .items
        .into_iter()
        .find(|i| i.input.title == "Draft response on record exchange")
        .unwrap()
        .id;
    s.attach_paper(AttachPaper {
        group_id: g,
        item_id: item,
        paper_id: None,
        title: "The group's response".into(),
        file_name: "response.pdf".into(),
        data_base64: sample_pdf("The group's response"),
    })
    .await
    .unwrap();

    let page = s.work_page(g, consultation).await.unwrap();
    assert!(page.item_choices.iter().any(|c| c.agenda_item_id == item && c.meeting.id == next), "the item can be linked");
    let linked = s.link_work_item(LinkWorkItem { group_id: g, entry_id: consultation, agenda_item_id: item }).await.unwrap();
    assert!(linked.detail.items.iter().any(|i| i.agenda_item_id == item && i.title == "Draft response on record exchange"));
    assert!(!linked.item_choices.iter().any(|c| c.agenda_item_id == item), "not offered twice");
    let twice = s.link_work_item(LinkWorkItem { group_id: g, entry_id: consultation, agenda_item_id: item }).await.unwrap_err();
    assert_eq!(twice.field.as_deref(), Some("agenda_item_id"));

    // The paper on it becomes the group's response (ToR §3a).
    let paper = linked.paper_choices.iter().find(|p| p.title == "The group's response").expect("the paper is offered").id;
    let mut input = linked.detail.input.clone();
    input.response_paper_id = Some(paper);
    let saved = s.save_work_entry(SaveWorkEntry { group_id: g, id: Some(consultation), input }).await.unwrap();
    assert_eq!(saved.detail.response_paper.as_deref(), Some("The group's response"));

    let unlinked = s.unlink_work_item(LinkWorkItem { group_id: g, entry_id: consultation, agenda_item_id: item }).await.unwrap();
    assert!(!unlinked.detail.items.iter().any(|i| i.agenda_item_id == item));
    let agenda = s.meeting_page(g, next).await.unwrap();
    assert!(agenda.detail.items.iter().any(|i| i.id == item), "the item stays on its agenda");
    let again = s.unlink_work_item(LinkWorkItem { group_id: g, entry_id: consultation, agenda_item_id: item }).await.unwrap_err();
    assert_eq!(again.field.as_deref(), Some("agenda_item_id"));
    s.close().await;
}

#[tokio::test]
async fn declarations_of_interest_open_every_new_agenda_and_are_minuted_under_that_item() {
    let dir = tempfile::tempdir().unwrap();
    let (s, g) = demo(dir.path()).await;
    let meeting = s
        .save_meeting(SaveMeeting {
            group_id: g,
            id: None,
            input: secretariat_store::MeetingInput {
                title: "Extraordinary meeting".into(),
                starts_at: d("2027-02-02").and_hms_opt(14, 0, 0).unwrap(),
                ends_at: d("2027-02-02").and_hms_opt(16, 0, 0).unwrap(),
                venue: String::new(),
                online_link: String::new(),
                compulsory: false,
            },
        })
        .await
        .unwrap();
    let titles: Vec<&str> = meeting.detail.items.iter().map(|i| i.input.title.as_str()).collect();
    assert_eq!(titles[..2], ["Welcome and apologies", "Declarations of interest"], "{titles:?}");
    let m = meeting.detail.meeting.id;
    let agenda = pdftotext(&s.make_document(g, Document::of(DocumentKind::Agenda, Some(m)).unwrap()).await.unwrap().bytes);
    let flat = agenda.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("Members declare any interest in the business of this meeting"), "{flat}");

    let declarations = meeting.detail.items[1].id;
    let member = s.work_view(g, None).await.unwrap().people[0].id;
    s.declare_interest(DeclareInterest {
        group_id: g,
        meeting_id: m,
        input: DeclarationInput { agenda_item_id: declarations, person_id: member, interest: true, nature: "Adviser to a bidder".into() },
    })
    .await
    .unwrap();
    let minutes = pdftotext(&s.make_document(g, Document::of(DocumentKind::Minutes, Some(m)).unwrap()).await.unwrap().bytes);
    let flat = minutes.split_whitespace().collect::<Vec<_>>().join(" ");
    let under = &flat[flat.find("2. Declarations of interest").expect("the item is minuted")..flat.find("3. Minutes of the last meeting").unwrap()];
    assert!(under.contains("Adviser to a bidder"), "{flat}");
    assert_eq!(flat.matches("Declarations of interest").count(), 2, "the item's heading and its row, no section of their own: {flat}");
    s.close().await;
}
