//! The work registers in the store (ToR §3, §5), against a real SQLCipher file: each
//! register's statuses and their history, links to agenda items (and through them
//! decisions and actions) and sub-groups, and declarations of interest per person.

use chrono::NaiveDate;
use secretariat_rules::work::{HorizonKind, WorkKind, WorkStatus};
use secretariat_rules::{ManagerStatus, Template};
use secretariat_store::{
    ActionInput, DataPaths, DecisionInput, DecisionKind, DecisionOutcome, DeclarationInput, KdfParams, MeetingInput, MemoryKeychain, Passphrase, PersonInput,
    Store, StoreError, SubgroupInput, WorkEntryInput, Writer,
};
use std::sync::Arc;

#[allow(dead_code)]
mod support;

fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

async fn store(dir: &std::path::Path) -> Store {
    let keychain = Arc::new(MemoryKeychain::default());
    Store::create(&DataPaths::new(dir), &Passphrase::new("correct horse battery staple"), keychain, KdfParams::fast_for_tests()).await.unwrap().0
}

async fn person(w: &mut Writer, group: i64, name: &str) -> i64 {
    let email = format!("{}@example.org", name.to_lowercase().replace(' ', "."));
    w.add_person(group, &PersonInput { name: name.into(), email, job_title: String::new(), manager_status: ManagerStatus::Yes, sort_as: String::new() })
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

pub fn entry(kind: WorkKind, title: &str, opened: &str) -> WorkEntryInput {
    WorkEntryInput {
        kind,
        title: title.into(),
        summary: String::new(),
        source: match kind {
            WorkKind::Consultation => "Home Office".into(),
            WorkKind::Representation => "National Policing Digital Board".into(),
            _ => String::new(),
        },
        horizon_kind: (kind == WorkKind::Horizon).then_some(HorizonKind::Legislation),
        opened_on: d(opened),
        owner_id: None,
        subgroup_id: None,
        deadline: None,
        response_paper_id: None,
        assessment: String::new(),
        outcome: String::new(),
        confidential: false,
    }
}

struct Setup {
    group: i64,
    ada: i64,
    december: i64,
}

async fn setup(store: &Store) -> Setup {
    let mut w = store.begin().await.unwrap();
    let group = w.create_group("Interop WG", Template::TechukInterop).await.unwrap();
    let ada = person(&mut w, group, "Ada Owner").await;
    let december = meeting(&mut w, group, "2026-12-08").await;
    w.commit().await.unwrap();
    Setup { group, ada, december }
}

#[tokio::test]
async fn each_register_opens_in_its_first_status_and_keeps_every_status_change_with_its_day() {
    let dir = tempfile::tempdir().unwrap();
    let store = store(dir.path()).await;
    let s = setup(&store).await;
    let mut w = store.begin().await.unwrap();
    let mut ids = Vec::new();
    for kind in WorkKind::ALL {
        ids.push((kind, w.add_work_entry(s.group, &entry(kind, &format!("A {}", kind.singular()), "2026-10-01")).await.unwrap()));
    }
    w.commit().await.unwrap();
    for (kind, id) in &ids {
        let detail = store.work_entry(s.group, *id).await.unwrap();
        assert_eq!(detail.status, kind.first_status(), "{kind:?}");
        assert_eq!(detail.tor, kind.tor());
        assert_eq!(detail.history.len(), 1);
        assert_eq!(detail.history[0].on, d("2026-10-01"));
    }

    // ToR §5a: watch → assess → act; a review keeps the status and counts as one.
    let horizon = ids.iter().find(|(k, _)| *k == WorkKind::Horizon).unwrap().1;
    let mut w = store.begin().await.unwrap();
    w.set_work_status(s.group, horizon, WorkStatus::Assess, d("2026-10-10"), "Bill published").await.unwrap();
    w.set_work_status(s.group, horizon, WorkStatus::Assess, d("2026-11-10"), "Reviewed: no change").await.unwrap();
    w.set_work_status(s.group, horizon, WorkStatus::Act, d("2026-11-20"), "").await.unwrap();
    let wrong = w.set_work_status(s.group, horizon, WorkStatus::Submitted, d("2026-11-21"), "").await.unwrap_err();
    assert!(matches!(&wrong, StoreError::Invalid { field: "status", message } if message.contains("ToR §5a")), "{wrong:?}");
    let early = w.set_work_status(s.group, horizon, WorkStatus::Closed, d("2026-11-01"), "").await.unwrap_err();
    assert!(matches!(&early, StoreError::Invalid { field: "on", .. }), "{early:?}");
    w.commit().await.unwrap();
    let detail = store.work_entry(s.group, horizon).await.unwrap();
    let history: Vec<(WorkStatus, NaiveDate)> = detail.history.iter().map(|h| (h.status, h.on)).collect();
    assert_eq!(
        history,
        vec![
            (WorkStatus::Watch, d("2026-10-01")),
            (WorkStatus::Assess, d("2026-10-10")),
            (WorkStatus::Assess, d("2026-11-10")),
            (WorkStatus::Act, d("2026-11-20"))
        ]
    );
    assert_eq!(detail.reviewed_on, d("2026-11-20"));

    // ToR §3a: submitting a consultation records the day it went in.
    let consultation = ids.iter().find(|(k, _)| *k == WorkKind::Consultation).unwrap().1;
    let mut w = store.begin().await.unwrap();
    w.set_work_status(s.group, consultation, WorkStatus::Submitted, d("2026-11-02"), "Response sent").await.unwrap();
    w.commit().await.unwrap();
    assert_eq!(store.work_entry(s.group, consultation).await.unwrap().submitted_on, Some(d("2026-11-02")));

    // One audit row per record: each entry, each status row.
    let audit = store.audit_entries(s.group).await.unwrap();
    assert_eq!(audit.iter().filter(|e| e.entity == "work_entry" && e.action == "create").count(), 4);
    assert_eq!(audit.iter().filter(|e| e.entity == "work_status").count(), 4 + 3 + 1);
    store.close().await;
}

#[tokio::test]
async fn the_registers_filter_by_kind_and_the_facts_feed_home() {
    let dir = tempfile::tempdir().unwrap();
    let store = store(dir.path()).await;
    let s = setup(&store).await;
    let mut w = store.begin().await.unwrap();
    let mut consultation = entry(WorkKind::Consultation, "Custody data standard v2", "2026-11-20");
    consultation.deadline = Some(d("2026-12-15"));
    consultation.owner_id = Some(s.ada);
    w.add_work_entry(s.group, &consultation).await.unwrap();
    w.add_work_entry(s.group, &entry(WorkKind::Concern, "Licence costs of the new API", "2026-11-25")).await.unwrap();
    w.commit().await.unwrap();
    let consultations = store.work_entries(s.group, Some(WorkKind::Consultation)).await.unwrap();
    assert_eq!(consultations.len(), 1);
    assert_eq!(consultations[0].owner.as_deref(), Some("Ada Owner"));
    assert_eq!(consultations[0].tor, "ToR §3a");
    assert_eq!(store.work_entries(s.group, None).await.unwrap().len(), 2);
    let needs = secretariat_rules::work::needs(&store.work_facts(s.group).await.unwrap(), d("2026-12-04"), Default::default());
    assert_eq!(needs.len(), 2, "{needs:?}");
    store.close().await;
}

#[tokio::test]
async fn each_register_refuses_what_does_not_belong_to_it_naming_the_field() {
    let dir = tempfile::tempdir().unwrap();
    let store = store(dir.path()).await;
    let s = setup(&store).await;
    let mut w = store.begin().await.unwrap();
    let mut horizon = entry(WorkKind::Horizon, "Data Act", "2026-10-01");
    horizon.horizon_kind = None;
    let e = w.add_work_entry(s.group, &horizon).await.unwrap_err();
    assert!(matches!(e, StoreError::Invalid { field: "horizon_kind", .. }), "{e:?}");
    let mut concern = entry(WorkKind::Concern, "Costs", "2026-10-01");
    concern.deadline = Some(d("2026-12-01"));
    let e = w.add_work_entry(s.group, &concern).await.unwrap_err();
    assert!(matches!(e, StoreError::Invalid { field: "deadline", .. }), "{e:?}");
    let mut consultation = entry(WorkKind::Consultation, "Standard", "2026-10-01");
    consultation.source = String::new();
    let e = w.add_work_entry(s.group, &consultation).await.unwrap_err();
    assert!(matches!(e, StoreError::Invalid { field: "source", .. }), "{e:?}");
    let mut representation = entry(WorkKind::Representation, "Board", "2026-10-01");
    representation.owner_id = Some(9999);
    let e = w.add_work_entry(s.group, &representation).await.unwrap_err();
    assert!(matches!(e, StoreError::Invalid { field: "owner_id", .. }), "{e:?}");
    w.rollback().await.unwrap();
    store.close().await;
}

#[tokio::test]
async fn an_entry_put_on_an_agenda_shows_its_item_decisions_actions_and_sub_group() {
    let dir = tempfile::tempdir().unwrap();
    let store = store(dir.path()).await;
    let s = setup(&store).await;
    let mut w = store.begin().await.unwrap();
    let subgroup = w
        .add_subgroup(
            s.group,
            &SubgroupInput {
                name: "Data standards".into(),
                remit: "Take on the data concerns.".into(),
                start: d("2026-11-01"),
                decision_id: None,
                meeting_id: None,
                created_by: String::new(),
            },
        )
        .await
        .unwrap();
    let mut concern = entry(WorkKind::Concern, "Licence costs of the new API", "2026-11-25");
    concern.subgroup_id = Some(subgroup);
    let id = w.add_work_entry(s.group, &concern).await.unwrap();
    let item = w.add_work_agenda_item(s.group, id, s.december, Some(s.ada)).await.unwrap();
    let again = w.link_work_item(s.group, id, item).await.unwrap_err();
    assert!(matches!(again, StoreError::Invalid { field: "agenda_item_id", .. }));
    w.add_decision(
        s.group,
        &DecisionInput {
            meeting_id: Some(s.december),
            agenda_item_id: Some(item),
            decided_on: d("2026-12-08"),
            kind: DecisionKind::General,
            text: "Share the concern with the standards board.".into(),
            in_favour: None,
            base: None,
            outcome: DecisionOutcome::Carried,
        },
    )
    .await
    .unwrap();
    w.add_action(
        s.group,
        &ActionInput { meeting_id: s.december, agenda_item_id: Some(item), description: "Write to the board".into(), owner_id: s.ada, due_on: d("2027-01-08") },
    )
    .await
    .unwrap();
    w.commit().await.unwrap();

    let agenda = store.meeting_detail(s.group, s.december).await.unwrap();
    assert!(agenda.items.iter().any(|i| i.id == item && i.input.title == "Concern: Licence costs of the new API"), "{:?}", agenda.items);
    let detail = store.work_entry(s.group, id).await.unwrap();
    assert_eq!(detail.items.len(), 1);
    assert_eq!(detail.items[0].meeting.id, s.december);
    assert_eq!(detail.decisions.len(), 1);
    assert_eq!(detail.actions[0].description, "Write to the board");
    assert_eq!(detail.subgroup.as_deref(), Some("Data standards"));
    assert_eq!(store.work_entries(s.group, Some(WorkKind::Concern)).await.unwrap()[0].items, 1);
    store.close().await;
}

#[tokio::test]
async fn a_declaration_of_interest_is_per_person_per_item_and_a_second_one_replaces_the_first() {
    let dir = tempfile::tempdir().unwrap();
    let store = store(dir.path()).await;
    let s = setup(&store).await;
    let mut w = store.begin().await.unwrap();
    let id = w.add_work_entry(s.group, &entry(WorkKind::Consultation, "Custody data standard v2", "2026-11-20")).await.unwrap();
    let item = w.add_work_agenda_item(s.group, id, s.december, None).await.unwrap();
    let none = DeclarationInput { agenda_item_id: item, person_id: s.ada, interest: false, nature: String::new() };
    w.declare_interest(s.group, &none, d("2026-12-08")).await.unwrap();
    let vague = DeclarationInput { interest: true, ..none.clone() };
    let e = w.declare_interest(s.group, &vague, d("2026-12-08")).await.unwrap_err();
    assert!(matches!(e, StoreError::Invalid { field: "nature", .. }), "{e:?}");
    let interest = DeclarationInput { interest: true, nature: "Employer is bidding to supply the standard".into(), ..none };
    w.declare_interest(s.group, &interest, d("2026-12-08")).await.unwrap();
    w.commit().await.unwrap();
    let at_meeting = store.declarations_of_meeting(s.group, s.december).await.unwrap();
    assert_eq!(at_meeting.len(), 1);
    assert!(at_meeting[0].interest);
    assert_eq!(at_meeting[0].nature, "Employer is bidding to supply the standard");
    let register = store.declarations_of_person(s.group, s.ada).await.unwrap();
    assert_eq!(register.len(), 1);
    assert_eq!(register[0].item_title, "Consultation: Custody data standard v2");

    // Subject access lists them; erasure keeps them with the minutes.
    let access = store.subject_access(s.group, s.ada).await.unwrap();
    assert_eq!(access.declarations.len(), 1);
    assert!(access.declarations[0].details.contains("Employer is bidding"));
    let erasure = store.erase_person(s.group, s.ada, "request by email", d("2026-12-20"), true).await.unwrap();
    assert!(erasure.kept.iter().any(|l| l.what.starts_with("Declarations of interest") && l.count == 1), "{:?}", erasure.kept);
    store.close().await;
}

#[tokio::test]
async fn a_database_from_before_the_work_settings_gets_the_declarations_item_and_the_default_thresholds() {
    use secretariat_store::KeySource;
    use sqlx::Connection;
    // A database as the previous version left it: two groups, one whose secretariat had
    // already added declarations to its standard agenda.
    let dir = tempfile::tempdir().unwrap();
    let paths = DataPaths::new(dir.path());
    let (_, mut conn) = support::database_before(&paths, "correct horse battery staple", "work settings").await;
    for (id, agenda) in [
        (1, r#"["Welcome and apologies","Minutes of the last meeting","Matters arising and open actions","Any other business"]"#),
        (2, r#"["Welcome","Declarations of Interest","Any other business"]"#),
    ] {
        sqlx::query("INSERT INTO groups (id, name, template, created_at) VALUES (?, ?, 'techuk-interop', '2026-01-01T00:00:00+00:00')")
            .bind(id)
            .bind(format!("Group {id}"))
            .execute(&mut conn)
            .await
            .unwrap();
        sqlx::query(
            "INSERT INTO group_settings (group_id, stakeholder_seats, supplier_seats, target_size, term_months, min_sme_suppliers, \
             max_members_per_organisation, strike_absences, grace_months, publication_lead_days, funds_consensus_percent, position_volunteers, \
             time_zone, standard_agenda) VALUES (?, 4, 8, 12, 24, 2, 1, 2, 3, 7, 80, 6, 'Europe/London', ?)",
        )
        .bind(id)
        .bind(agenda)
        .execute(&mut conn)
        .await
        .unwrap();
    }
    conn.close().await.unwrap();

    let store = Store::open(&paths, KeySource::Passphrase(Passphrase::new("correct horse battery staple"))).await.unwrap();
    let first = store.group(1).await.unwrap().settings;
    assert_eq!(
        first.standard_agenda,
        ["Welcome and apologies", "Declarations of interest", "Minutes of the last meeting", "Matters arising and open actions", "Any other business"]
    );
    assert_eq!(first.work, secretariat_rules::work::WorkThresholds { deadline_warning_days: 14, review_months: 3 });
    let second = store.group(2).await.unwrap().settings;
    assert_eq!(second.standard_agenda, ["Welcome", "Declarations of Interest", "Any other business"], "the group's own wording is kept");
    store.close().await;
}
