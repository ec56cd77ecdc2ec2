//! Sub-groups in the store (ToR §18), against a real SQLCipher file: places and
//! leads over time, and report-backs that live on the due meeting's agenda.

use chrono::NaiveDate;
use secretariat_rules::tor::s18_subgroups::{Expertise, Place};
use secretariat_rules::{ManagerStatus, Template};
use secretariat_store::{
    DataPaths, KdfParams, MeetingInput, MemoryKeychain, Passphrase, PersonInput, PlaceInput, ReportBackInput, ReportPaper, Store, SubgroupInput, Writer,
};
use std::sync::Arc;

fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

async fn store(dir: &std::path::Path) -> Store {
    let keychain = Arc::new(MemoryKeychain::default());
    Store::create(&DataPaths::new(dir), &Passphrase::new("correct horse battery staple"), keychain, KdfParams::fast_for_tests()).await.unwrap().0
}

struct Setup {
    group: i64,
    ada: i64,
    bob: i64,
    ivy: i64,
    december: i64,
    january: i64,
    subgroup: i64,
}

async fn person(w: &mut Writer, group: i64, name: &str, email: &str) -> i64 {
    w.add_person(
        group,
        &PersonInput { name: name.into(), email: email.into(), job_title: String::new(), manager_status: ManagerStatus::Yes, sort_as: String::new() },
    )
    .await
    .unwrap()
}

async fn meeting(w: &mut Writer, group: i64, day: &str) -> i64 {
    let day = d(day);
    let input = MeetingInput {
        title: format!("Meeting {day}"),
        starts_at: day.and_hms_opt(14, 0, 0).unwrap(),
        ends_at: day.and_hms_opt(16, 0, 0).unwrap(),
        venue: String::new(),
        online_link: String::new(),
        compulsory: true,
    };
    w.add_meeting(group, &input).await.unwrap()
}

fn place(person_id: i64, place: Place, from: &str) -> PlaceInput {
    let expertise = if place == Place::Invitee { vec![Expertise::Api, Expertise::Data] } else { vec![] };
    PlaceInput { person_id, place, expertise, expertise_note: String::new(), from: d(from) }
}

async fn setup(store: &Store) -> Setup {
    let mut w = store.begin().await.unwrap();
    let group = w.create_group("Interop WG", Template::TechukInterop).await.unwrap();
    let ada = person(&mut w, group, "Ada Lead", "ada@example.org").await;
    let bob = person(&mut w, group, "Bob Member", "bob@example.org").await;
    let ivy = person(&mut w, group, "Ivy Invited", "ivy@force.example").await;
    let november = meeting(&mut w, group, "2026-11-10").await;
    let december = meeting(&mut w, group, "2026-12-08").await;
    let january = meeting(&mut w, group, "2027-01-12").await;
    let input = SubgroupInput {
        name: "Data standards".into(),
        remit: "Agree a common custody data model.".into(),
        start: d("2026-11-10"),
        decision_id: None,
        meeting_id: Some(november),
        created_by: "Minute 5.2".into(),
    };
    let subgroup = w.add_subgroup(group, &input).await.unwrap();
    w.add_place(group, subgroup, &place(ada, Place::Lead, "2026-11-10")).await.unwrap();
    w.add_place(group, subgroup, &place(ivy, Place::Invitee, "2026-11-10")).await.unwrap();
    w.commit().await.unwrap();
    Setup { group, ada, bob, ivy, december, january, subgroup }
}

fn request(topic: &str, due: i64) -> ReportBackInput {
    ReportBackInput { topic: topic.into(), requested_on: d("2026-11-10"), requested_at_meeting_id: None, due_meeting_id: due }
}

#[tokio::test]
async fn s18_a_requested_report_back_is_an_item_on_the_due_meeting_s_agenda_presented_by_the_lead() {
    let dir = tempfile::tempdir().unwrap();
    let store = store(dir.path()).await;
    let s = setup(&store).await;
    let mut w = store.begin().await.unwrap();
    let id = w.request_report_back(s.group, s.subgroup, &request("Custody data model", s.december)).await.unwrap();
    w.commit().await.unwrap();

    let agenda = store.meeting_detail(s.group, s.december).await.unwrap();
    let titles: Vec<&str> = agenda.items.iter().map(|i| i.input.title.as_str()).collect();
    assert_eq!(titles[titles.len() - 2], "Report-back: Data standards — Custody data model", "before Any other business: {titles:?}");
    let item = &agenda.items[titles.len() - 2];
    assert_eq!(item.presenter.as_deref(), Some("Ada Lead"));

    let backs = store.report_backs(s.group, Some(s.subgroup), d("2026-11-20")).await.unwrap();
    assert_eq!(backs.len(), 1);
    assert_eq!(backs[0].id, id);
    assert_eq!(backs[0].agenda_item_id, Some(item.id));
    assert_eq!(backs[0].due.id, s.december);

    // The report arrives with its paper: the paper is on the item, so in the pack.
    let paper = ReportPaper { title: "Custody data model v0.3".into(), file_name: "model.pdf".into(), bytes: b"%PDF-1.7 stand-in".to_vec(), pages: 3 };
    let mut w = store.begin().await.unwrap();
    w.record_report(s.group, id, d("2026-11-30"), "The model is ready for comment.", Some(&paper)).await.unwrap();
    w.commit().await.unwrap();
    let papers = store.meeting_papers(s.group, s.december).await.unwrap();
    assert_eq!(papers.len(), 1);
    assert_eq!((papers[0].item_id, papers[0].title.as_str()), (item.id, "Custody data model v0.3"));
    let back = &store.report_backs(s.group, None, d("2026-12-01")).await.unwrap()[0];
    assert_eq!(back.received_on, Some(d("2026-11-30")));
    assert_eq!(back.paper.as_ref().map(|p| p.version), Some(1));

    // Recording again keeps the old paper as a version.
    let mut w = store.begin().await.unwrap();
    w.record_report(s.group, id, d("2026-12-01"), "Revised.", Some(&paper)).await.unwrap();
    w.commit().await.unwrap();
    let back = &store.report_backs(s.group, None, d("2026-12-01")).await.unwrap()[0];
    assert_eq!(back.paper.as_ref().map(|p| p.version), Some(2));
    assert_eq!(store.meeting_papers(s.group, s.december).await.unwrap().len(), 1);

    let audit = store.audit_entries(s.group).await.unwrap();
    assert!(audit.iter().any(|e| e.entity == "report_back" && e.action == "request"));
    assert_eq!(audit.iter().filter(|e| e.entity == "report_back" && e.action == "report").count(), 2);
    store.close().await;
}

#[tokio::test]
async fn a_report_needs_text_or_a_paper() {
    let dir = tempfile::tempdir().unwrap();
    let store = store(dir.path()).await;
    let s = setup(&store).await;
    let mut w = store.begin().await.unwrap();
    let id = w.request_report_back(s.group, s.subgroup, &request("Roadmap", s.december)).await.unwrap();
    let error = w.record_report(s.group, id, d("2026-11-30"), "  ", None).await.unwrap_err();
    assert!(error.to_string().contains("attach its paper"), "{error}");
    let early = w.record_report(s.group, id, d("2026-11-01"), "Done.", None).await.unwrap_err();
    assert!(early.to_string().contains("requested on"), "{early}");
    w.record_report(s.group, id, d("2026-11-30"), "Done.", None).await.unwrap();
    w.commit().await.unwrap();
    store.close().await;
}

#[tokio::test]
async fn moving_a_report_back_moves_its_item_and_withdrawing_it_takes_the_item_off() {
    let dir = tempfile::tempdir().unwrap();
    let store = store(dir.path()).await;
    let s = setup(&store).await;
    let mut w = store.begin().await.unwrap();
    let id = w.request_report_back(s.group, s.subgroup, &request("Custody data model", s.december)).await.unwrap();
    w.commit().await.unwrap();
    let before = store.meeting_detail(s.group, s.december).await.unwrap().items.len();
    let mut w = store.begin().await.unwrap();
    w.move_report_back(s.group, id, s.january, d("2026-11-20")).await.unwrap();
    w.commit().await.unwrap();
    let december = store.meeting_detail(s.group, s.december).await.unwrap();
    let january = store.meeting_detail(s.group, s.january).await.unwrap();
    assert_eq!(december.items.len(), before - 1);
    assert!(january.items.iter().any(|i| i.input.title.starts_with("Report-back: Data standards")));

    let mut w = store.begin().await.unwrap();
    w.withdraw_report_back(s.group, id, d("2026-11-21")).await.unwrap();
    w.commit().await.unwrap();
    let january = store.meeting_detail(s.group, s.january).await.unwrap();
    assert!(!january.items.iter().any(|i| i.input.title.starts_with("Report-back")));
    assert_eq!(store.report_backs(s.group, None, d("2026-11-21")).await.unwrap()[0].withdrawn_on, Some(d("2026-11-21")));
    store.close().await;
}

#[tokio::test]
async fn a_new_lead_replaces_the_old_one_and_presents_the_pending_report_backs() {
    let dir = tempfile::tempdir().unwrap();
    let store = store(dir.path()).await;
    let s = setup(&store).await;
    let mut w = store.begin().await.unwrap();
    w.add_place(s.group, s.subgroup, &place(s.bob, Place::Member, "2026-11-15")).await.unwrap();
    w.request_report_back(s.group, s.subgroup, &request("Custody data model", s.january)).await.unwrap();
    // Bob, a member, becomes the lead: his member place ends and so does Ada's lead.
    w.add_place(s.group, s.subgroup, &place(s.bob, Place::Lead, "2026-12-01")).await.unwrap();
    w.commit().await.unwrap();

    let detail = store.subgroup(s.group, s.subgroup, d("2026-12-02")).await.unwrap();
    let current: Vec<(&str, Place)> = detail.places.iter().filter(|p| p.to.is_none()).map(|p| (p.name.as_str(), p.place)).collect();
    assert_eq!(current, [("Bob Member", Place::Lead), ("Ivy Invited", Place::Invitee)]);
    let ada = detail.places.iter().find(|p| p.person_id == s.ada).unwrap();
    assert_eq!(ada.to, Some(d("2026-11-30")));
    let january = store.meeting_detail(s.group, s.january).await.unwrap();
    let item = january.items.iter().find(|i| i.input.title.starts_with("Report-back")).unwrap();
    assert_eq!(item.presenter.as_deref(), Some("Bob Member"));
    let summary = &store.subgroups(s.group, d("2026-12-02")).await.unwrap()[0];
    assert_eq!((summary.lead.as_deref(), summary.members, summary.invitees, summary.pending_report_backs), (Some("Bob Member"), 0, 1, 1));
    assert_eq!(summary.next_due, Some(d("2027-01-12")));
    store.close().await;
}

#[tokio::test]
async fn places_are_checked_one_open_place_per_person_and_invitees_bring_expertise() {
    let dir = tempfile::tempdir().unwrap();
    let store = store(dir.path()).await;
    let s = setup(&store).await;
    let mut w = store.begin().await.unwrap();
    let again = w.add_place(s.group, s.subgroup, &place(s.ivy, Place::Invitee, "2026-11-20")).await.unwrap_err();
    assert!(again.to_string().contains("already in the sub-group"), "{again}");
    let mut bare = place(s.bob, Place::Invitee, "2026-11-20");
    bare.expertise.clear();
    let error = w.add_place(s.group, s.subgroup, &bare).await.unwrap_err();
    assert!(error.to_string().contains("ToR §18"), "{error}");
    let early = w.add_place(s.group, s.subgroup, &place(s.bob, Place::Member, "2026-10-01")).await.unwrap_err();
    assert!(early.to_string().contains("started on"), "{early}");
    // The same person is found again by email, whatever the case.
    assert_eq!(w.same_person(s.group, "Ivy I.", "IVY@force.example").await.unwrap(), Some(s.ivy));
    assert_eq!(w.same_person(s.group, "Ivy Invited", "").await.unwrap(), None, "Ivy has an address, so a name alone is not her");
    w.rollback().await.unwrap();
    store.close().await;
}

#[tokio::test]
async fn closing_a_subgroup_ends_every_place_and_withdraws_what_is_awaited() {
    let dir = tempfile::tempdir().unwrap();
    let store = store(dir.path()).await;
    let s = setup(&store).await;
    let mut w = store.begin().await.unwrap();
    w.request_report_back(s.group, s.subgroup, &request("Custody data model", s.january)).await.unwrap();
    w.close_subgroup(s.group, s.subgroup, d("2026-12-15"), "Its work is done").await.unwrap();
    let late = w.add_place(s.group, s.subgroup, &place(s.bob, Place::Member, "2026-12-20")).await.unwrap_err();
    assert!(late.to_string().contains("closed on"), "{late}");
    w.commit().await.unwrap();
    let detail = store.subgroup(s.group, s.subgroup, d("2026-12-20")).await.unwrap();
    assert!(detail.places.iter().all(|p| p.to == Some(d("2026-12-15"))));
    assert_eq!(detail.closed_reason.as_deref(), Some("Its work is done"));
    let january = store.meeting_detail(s.group, s.january).await.unwrap();
    assert!(!january.items.iter().any(|i| i.input.title.starts_with("Report-back")));
    let rules = store.subgroups_for_rules(s.group).await.unwrap();
    assert_eq!(rules[0].closed, Some(d("2026-12-15")));
    store.close().await;
}
