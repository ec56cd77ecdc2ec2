//! Sub-groups through the `Session` (ToR §18), against a real encrypted database:
//! a lead who must be a member, invited individuals who hold no seat (and are one
//! person record wherever they appear), report-backs that appear on the agenda of
//! the meeting they are due at with their paper in the pack, the home screen, the
//! compliance findings, and the roster PDF (its text extracted).

use base64::Engine;
use chrono::NaiveDate;
use secretariat_api::documents::Document;
use secretariat_api::subgroups::*;
use secretariat_api::types::*;
use secretariat_api::{ErrorKind, KdfParams, MemoryKeychain, Session, SessionConfig};
use secretariat_rules::tor::s18_subgroups::{Expertise, Place, ReportBackState};
use secretariat_rules::{ManagerStatus, Obtained, SeatKind, Severity};
use secretariat_store::{EndReason, PersonInput, ReportBackInput, SubgroupInput};
use std::sync::Arc;

fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

fn session_on(dir: &std::path::Path, today: &str) -> Session {
    Session::new(SessionConfig {
        data_dir: dir.to_path_buf(),
        keychain: Arc::new(MemoryKeychain::default()),
        passphrase: Some(secretariat_api::Passphrase::new("a recovery passphrase")),
        kdf: KdfParams::fast_for_tests(),
        today: Some(d(today)),
        paper_checker: secretariat_api::PaperChecker::program(env!("CARGO_BIN_EXE_paper-check")),
    })
}

fn pdftotext(bytes: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.pdf");
    std::fs::write(&path, bytes).unwrap();
    let out = std::process::Command::new("pdftotext").args(["-raw", path.to_str().unwrap(), "-"]).output().unwrap();
    String::from_utf8(out.stdout).unwrap().split_whitespace().collect::<Vec<_>>().join(" ")
}

struct World {
    session: Session,
    group: i64,
    /// Two members holding supplier seats from 2026-01-01.
    ada: i64,
    bob: i64,
    /// Someone in the register with no seat.
    olu: i64,
    november: i64,
    december: i64,
    january: i64,
    _dir: tempfile::TempDir,
}

async fn person(session: &Session, group: i64, name: &str, email: &str) -> i64 {
    let input = PersonInput { name: name.into(), email: email.into(), job_title: String::new(), manager_status: ManagerStatus::Yes, sort_as: String::new() };
    session.save_person(SavePerson { group_id: group, id: None, input, employer: None, change: None }).await.unwrap().id
}

async fn world() -> World {
    let dir = tempfile::tempdir().unwrap();
    let session = session_on(dir.path(), "2026-11-27");
    let group =
        session.create_group(CreateGroupRequest { name: "Interop WG".into(), template: "techuk-interop".into(), ..Default::default() }).await.unwrap().group.id;
    let seats: Vec<i64> = session.members(group).await.unwrap().seats.iter().filter(|s| s.kind == SeatKind::Supplier).map(|s| s.id).collect();
    let ada = person(&session, group, "Ada Lovelace", "ada@analytical.example").await;
    let bob = person(&session, group, "Bob Babbage", "bob@engines.example").await;
    let olu = person(&session, group, "Olu Outsider", "olu@elsewhere.example").await;
    for (seat, who) in seats.iter().zip([ada, bob]) {
        session.fill_seat(FillSeat { group_id: group, seat_id: *seat, person_id: who, start: d("2026-01-01"), obtained: Obtained::Election }).await.unwrap();
    }
    let meeting = |day: &str| {
        let day = d(day);
        session.add_meeting_quick(group, "Working group meeting", day.and_hms_opt(14, 0, 0).unwrap(), day.and_hms_opt(16, 0, 0).unwrap(), true)
    };
    let november = meeting("2026-11-10").await.unwrap().detail.meeting.id;
    let december = meeting("2026-12-08").await.unwrap().detail.meeting.id;
    let january = meeting("2027-01-12").await.unwrap().detail.meeting.id;
    World { session, group, ada, bob, olu, november, december, january, _dir: dir }
}

impl World {
    fn input(&self, name: &str) -> SubgroupInput {
        SubgroupInput {
            name: name.into(),
            remit: "Agree a common custody data model.".into(),
            start: d("2026-11-10"),
            decision_id: None,
            meeting_id: Some(self.november),
            created_by: "Minute 5.2".into(),
        }
    }

    async fn create(&self, name: &str, lead: i64) -> SubgroupPage {
        self.session.save_subgroup(SaveSubgroup { group_id: self.group, id: None, input: self.input(name), lead_id: Some(lead) }).await.unwrap()
    }

    fn invite(&self, subgroup: i64, name: &str, email: &str) -> AddPlace {
        AddPlace {
            group_id: self.group,
            subgroup_id: subgroup,
            place: Place::Invitee,
            person_id: None,
            new_name: name.into(),
            new_email: email.into(),
            new_job_title: "Data architect".into(),
            organisation_id: None,
            new_organisation: "Northshire Police".into(),
            expertise: vec![Expertise::Data, Expertise::Architecture],
            expertise_note: String::new(),
            from: d("2026-11-20"),
        }
    }

    fn request(&self, subgroup: i64, due: i64) -> RequestReportBack {
        RequestReportBack {
            group_id: self.group,
            subgroup_id: subgroup,
            input: ReportBackInput {
                topic: "Custody data model".into(),
                requested_on: d("2026-11-10"),
                requested_at_meeting_id: Some(self.november),
                due_meeting_id: due,
            },
        }
    }
}

#[tokio::test]
async fn s18_lead_must_be_a_member() {
    let w = world().await;
    let refused =
        w.session.save_subgroup(SaveSubgroup { group_id: w.group, id: None, input: w.input("Data standards"), lead_id: Some(w.olu) }).await.unwrap_err();
    assert_eq!(refused.kind, ErrorKind::Invalid);
    assert_eq!(refused.field.as_deref(), Some("lead_id"));
    assert!(refused.message.contains("Olu Outsider holds no seat") && refused.message.ends_with("(ToR §18)."), "{}", refused.message);
    assert!(w.session.subgroups_view(w.group).await.unwrap().subgroups.is_empty(), "nothing was created");

    let page = w.create("Data standards", w.ada).await;
    let lead = &page.detail.places[0];
    assert_eq!((lead.name.as_str(), lead.place), ("Ada Lovelace", Place::Lead));
    assert!(page.findings.is_empty());
    // A member of the sub-group must be a member of the group too.
    let member = AddPlace { place: Place::Member, person_id: Some(w.olu), ..w.invite(page.detail.id, "", "") };
    let refused = w.session.add_place(member).await.unwrap_err();
    assert_eq!(refused.field.as_deref(), Some("person_id"));
    assert!(refused.message.contains("add them as an invited individual instead (ToR §18)"), "{}", refused.message);
    w.session.close().await;
}

#[tokio::test]
async fn s18_invitees_cannot_hold_seats_and_are_one_person_record_wherever_they_appear() {
    let w = world().await;
    let data = w.create("Data standards", w.ada).await.detail.id;
    let api = w.create("API and integration", w.bob).await.detail.id;

    // A member of the working group is refused as an invited individual.
    let refused = w.session.add_place(AddPlace { person_id: Some(w.bob), ..w.invite(data, "", "") }).await.unwrap_err();
    assert_eq!(refused.field.as_deref(), Some("person_id"));
    assert!(refused.message.contains("invited individuals hold no seat (ToR §18)"), "{}", refused.message);

    // A new invited person, with their organisation: a person record and an employment.
    let page = w.session.add_place(w.invite(data, "Dr Aisha Rahman", "aisha@northshire.example")).await.unwrap();
    let aisha = page.detail.places.iter().find(|p| p.place == Place::Invitee).unwrap();
    assert_eq!(aisha.organisation.as_deref(), Some("Northshire Police"));
    assert_eq!(aisha.expertise, [Expertise::Data, Expertise::Architecture]);
    // Invited to the second sub-group by the same address, typed differently: the same record.
    let again = w.session.add_place(AddPlace { expertise: vec![Expertise::Api], ..w.invite(api, "Aisha Rahman", "AISHA@northshire.example") }).await.unwrap();
    let same = again.detail.places.iter().find(|p| p.place == Place::Invitee).unwrap();
    assert_eq!(same.person_id, aisha.person_id);
    let people = w.session.members(w.group).await.unwrap().people;
    assert_eq!(people.iter().filter(|p| p.name.contains("Aisha")).count(), 1);
    // An invited individual brings expertise.
    let bare = w.session.add_place(AddPlace { expertise: vec![], ..w.invite(data, "Ben Carter", "ben@crestline.example") }).await.unwrap_err();
    assert_eq!(bare.field.as_deref(), Some("expertise"));
    w.session.close().await;
}

#[tokio::test]
async fn s18_due_report_appears_on_the_agenda_with_its_paper_in_the_pack() {
    let w = world().await;
    let data = w.create("Data standards", w.ada).await.detail.id;
    let page = w.session.request_report_back(w.request(data, w.december)).await.unwrap();
    assert_eq!(page.report_backs[0].state, ReportBackState::Due);

    let meeting = w.session.meeting_page(w.group, w.december).await.unwrap();
    let item = meeting.detail.items.iter().find(|i| i.input.title == "Report-back: Data standards — Custody data model").expect("on the agenda");
    assert_eq!(item.presenter.as_deref(), Some("Ada Lovelace"));
    let agenda = w.session.make_document(w.group, Document::of(DocumentKind::Agenda, Some(w.december)).unwrap()).await.unwrap();
    assert!(pdftotext(&agenda.bytes).contains("Report-back: Data standards — Custody data model"));

    // A report that is not a PDF is refused at the file field, and nothing is recorded.
    let report = |data_base64: String| RecordReport {
        group_id: w.group,
        subgroup_id: data,
        report_back_id: page.report_backs[0].report_back.id,
        received_on: d("2026-11-27"),
        report: "The model is ready for comment.".into(),
        paper_title: String::new(),
        file_name: Some("Custody data model v0.3.pdf".into()),
        data_base64: Some(data_base64),
    };
    let refused = w.session.record_report(report(base64::engine::general_purpose::STANDARD.encode(b"not a pdf"))).await.unwrap_err();
    assert_eq!(refused.field.as_deref(), Some("file"));
    assert_eq!(w.session.subgroup_page(w.group, data).await.unwrap().report_backs[0].state, ReportBackState::Due);

    let pdf = secretariat_documents::Documents::new().sample_paper("Custody data model v0.3", "Data standards sub-group", 2).unwrap();
    let page = w.session.record_report(report(base64::engine::general_purpose::STANDARD.encode(&pdf))).await.unwrap();
    let row = &page.report_backs[0];
    assert_eq!(row.state, ReportBackState::Received);
    assert_eq!(row.report_back.paper.as_ref().map(|p| (p.title.as_str(), p.pages)), Some(("Custody data model v0.3", 2)));
    let pack = w.session.make_document(w.group, Document::of(DocumentKind::AgendaPack, Some(w.december)).unwrap()).await.unwrap();
    let text = pdftotext(&pack.bytes);
    assert!(text.contains("Custody data model v0.3"), "{text}");
    assert!(text.contains("Author: Data standards sub-group"), "the paper itself is in the pack");
    w.session.close().await;
}

#[tokio::test]
async fn overdue_report_backs_and_a_lead_who_left_reach_the_home_screen_and_the_check() {
    let w = world().await;
    let data = w.create("Data standards", w.ada).await.detail.id;
    w.session.request_report_back(w.request(data, w.december)).await.unwrap();
    let home = w.session.group_home(w.group).await.unwrap();
    assert_eq!(home.report_backs.len(), 1, "due at the next meeting");
    assert!(!home.report_backs[0].overdue);
    // Ada leaves the group: the sub-group needs a new lead (ToR §18).
    let term = w.session.person(w.group, w.ada).await.unwrap().terms[0].id;
    w.session.end_term(EndTerm { group_id: w.group, term_id: term, on: d("2026-11-25"), reason: EndReason::Resigned, note: String::new() }).await.unwrap();
    let compliance = w.session.compliance(w.group, None).await.unwrap();
    let lead = compliance.findings.iter().find(|f| f.tor.0 == 18).expect("a ToR §18 finding");
    assert_eq!(lead.severity, Severity::Breach);
    assert_eq!(lead.message, "The Data standards sub-group needs a new lead: Ada Lovelace left the working group on Wed 25 Nov 2026 (ToR §18).");
    let page = w.session.subgroup_page(w.group, data).await.unwrap();
    assert_eq!(page.findings.len(), 1);
    // Bob takes over; the report-back's agenda item now names him.
    let lead = AddPlace { place: Place::Lead, person_id: Some(w.bob), from: d("2026-11-27"), ..w.invite(data, "", "") };
    let page = w.session.add_place(lead).await.unwrap();
    assert!(page.findings.is_empty());
    let meeting = w.session.meeting_page(w.group, w.december).await.unwrap();
    assert!(meeting.detail.items.iter().any(|i| i.input.title.starts_with("Report-back") && i.presenter.as_deref() == Some("Bob Babbage")));
    w.session.close().await;

    // The meeting passes with no report: overdue on the home screen.
    let later = session_on(w._dir.path(), "2026-12-09");
    let home = later.group_home(w.group).await.unwrap();
    assert_eq!(home.report_backs.len(), 1);
    assert!(home.report_backs[0].overdue);
    assert_eq!(home.report_backs[0].due_on, d("2026-12-08"));
    // Moved to January, it is due again, and December's agenda no longer carries it.
    let id = home.report_backs[0].id;
    let page = later.move_report_back(MoveReportBack { group_id: w.group, subgroup_id: data, report_back_id: id, due_meeting_id: w.january }).await.unwrap();
    assert_eq!(page.report_backs[0].state, ReportBackState::Due);
    assert_eq!(page.report_backs[0].report_back.due.id, w.january);
    later.close().await;
}

#[tokio::test]
async fn s18_the_roster_pdf_lists_lead_members_and_invitees_with_their_expertise() {
    let w = world().await;
    let data = w.create("Data standards", w.ada).await.detail.id;
    w.session.add_place(AddPlace { place: Place::Member, person_id: Some(w.bob), ..w.invite(data, "", "") }).await.unwrap();
    w.session.add_place(AddPlace { expertise_note: "custody records".into(), ..w.invite(data, "Dr Aisha Rahman", "aisha@northshire.example") }).await.unwrap();
    w.session.request_report_back(w.request(data, w.december)).await.unwrap();
    let made = w.session.make_document(w.group, Document::of(DocumentKind::SubgroupRoster, Some(data)).unwrap()).await.unwrap();
    assert_eq!(made.file_name, "Interop WG - Data standards roster.pdf");
    let text = pdftotext(&made.bytes);
    for expected in [
        "Data standards",
        "Lead Ada Lovelace",
        "Member Bob Babbage",
        "Dr Aisha Rahman",
        "Northshire Police",
        "Data, Architecture — custody records",
        "Custody data model",
        "Due",
        "Minute 5.2",
    ] {
        assert!(text.contains(expected), "missing {expected:?}: {text}");
    }
    let none = Document::of(DocumentKind::SubgroupRoster, None).unwrap_err();
    assert_eq!(none.field.as_deref(), Some("subgroup"));
    w.session.close().await;
}

#[tokio::test]
async fn closing_a_subgroup_withdraws_what_is_awaited_and_takes_it_off_the_agenda() {
    let w = world().await;
    let data = w.create("Data standards", w.ada).await.detail.id;
    w.session.request_report_back(w.request(data, w.january)).await.unwrap();
    let page =
        w.session.close_subgroup(CloseSubgroup { group_id: w.group, subgroup_id: data, on: d("2026-11-27"), reason: "Its work is done".into() }).await.unwrap();
    assert_eq!(page.detail.closed_on, Some(d("2026-11-27")));
    assert_eq!(page.report_backs[0].state, ReportBackState::Withdrawn);
    let january = w.session.meeting_page(w.group, w.january).await.unwrap();
    assert!(!january.detail.items.iter().any(|i| i.input.title.starts_with("Report-back")));
    let view = w.session.subgroups_view(w.group).await.unwrap();
    assert!(view.awaited.is_empty());
    assert_eq!(view.subgroups[0].closed_reason.as_deref(), Some("Its work is done"));
    w.session.close().await;
}

/// Issue #15: an address such as `a@example.org>,<b@example.net` would become a second
/// recipient of the circulation draft. The person form, a CSV import and an invited
/// individual all refuse it at the field, and nothing is stored.
#[tokio::test]
async fn email_with_angle_bracket_is_refused_at_every_way_in() {
    let w = world().await;
    let hostile = "a@example.org>,<b@example.net";
    let people_before = w.session.members(w.group).await.unwrap().people.len();

    // The person form, new and edited.
    let input =
        PersonInput { name: "Eve Example".into(), email: hostile.into(), job_title: String::new(), manager_status: ManagerStatus::Yes, sort_as: String::new() };
    let refused = w.session.save_person(SavePerson { group_id: w.group, id: None, input: input.clone(), employer: None, change: None }).await.unwrap_err();
    assert_eq!((refused.kind, refused.field.as_deref()), (ErrorKind::Invalid, Some("email")));
    assert!(refused.message.starts_with("\u{201c}a@example.org>,<b@example.net\u{201d} is not an email address"), "{}", refused.message);
    assert!(refused.message.ends_with("Give one address, such as name@example.org."), "{}", refused.message);
    let refused = w.session.save_person(SavePerson { group_id: w.group, id: Some(w.olu), input, employer: None, change: None }).await.unwrap_err();
    assert_eq!(refused.field.as_deref(), Some("email"));

    // A CSV import: the row is refused, with the column named.
    let csv = format!("name,email,job_title,manager_status,organisation,employed_since\nEve Example,\"{hostile}\",,yes,,\n");
    let preview = w.session.preview_import(ImportRequest { group_id: w.group, kind: RegisterKind::People, csv: csv.clone() }).await.unwrap();
    assert_eq!(preview.valid_rows, 0);
    assert!(
        preview.rows[0].errors.iter().any(|e| e.starts_with("email: \u{201c}a@example.org>,<b@example.net\u{201d} is not an email address")),
        "{:?}",
        preview.rows
    );
    assert!(w.session.import(ImportRequest { group_id: w.group, kind: RegisterKind::People, csv }).await.is_err());

    // An invited individual, new to the register.
    let data = w.create("Data standards", w.ada).await.detail.id;
    let refused = w.session.add_place(w.invite(data, "Eve Example", hostile)).await.unwrap_err();
    assert_eq!(refused.field.as_deref(), Some("new_email"));
    assert!(refused.message.contains("is not an email address"), "{}", refused.message);
    // Nor may such an address find someone already recorded.
    let refused = w.session.add_place(w.invite(data, "", "olu@elsewhere.example>")).await.unwrap_err();
    assert_eq!(refused.field.as_deref(), Some("new_email"));

    let people = w.session.members(w.group).await.unwrap().people;
    assert_eq!(people.len(), people_before, "nothing was stored");
    assert!(people.iter().all(|p| !p.email.contains('>')));
    w.session.close().await;
}
