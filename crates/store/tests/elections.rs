//! Elections in the store, against a real SQLCipher file: the secrecy of the
//! ballot is a property of the schema and of what the audit log is told.

use chrono::NaiveDate;
use secretariat_rules::elections::{Method, Rejection};
use secretariat_rules::{ManagerStatus, SeatKind, Template};
use secretariat_store::{
    DataPaths, ElectionFor, ElectionInput, KdfParams, MemoryKeychain, NominationInput, Passphrase, PersonInput, ReturnedPaperInput, Store,
};
use std::sync::Arc;

fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

async fn store(dir: &std::path::Path) -> Store {
    let keychain = Arc::new(MemoryKeychain::default());
    Store::create(&DataPaths::new(dir), &Passphrase::new("correct horse battery staple"), keychain, KdfParams::fast_for_tests()).await.unwrap().0
}

#[tokio::test]
async fn secrecy_no_table_links_a_voter_to_a_serial_number() {
    let dir = tempfile::tempdir().unwrap();
    let store = store(dir.path()).await;
    let columns = store.schema_columns().await.unwrap();
    let tables: std::collections::BTreeSet<&str> = columns.iter().map(|(t, _)| t.as_str()).collect();
    for table in tables {
        let cols: Vec<&str> = columns.iter().filter(|(t, _)| t == table).map(|(_, c)| c.as_str()).collect();
        let knows_serial = cols.contains(&"serial");
        let knows_person = cols.iter().any(|c| *c == "person_id" || *c == "elector" || *c == "voter");
        assert!(!(knows_serial && knows_person), "{table} holds both a serial and a person: {cols:?}");
    }
    // The serial tables reach people through no foreign key either.
    for table in ["ballot_papers", "returned_papers"] {
        let cols: Vec<&str> = columns.iter().filter(|(t, _)| t == table).map(|(_, c)| c.as_str()).collect();
        assert!(cols.iter().all(|c| !c.contains("person") && !c.contains("elector")), "{table}: {cols:?}");
    }
    let electors: Vec<&str> = columns.iter().filter(|(t, _)| t == "electors").map(|(_, c)| c.as_str()).collect();
    assert_eq!(electors, vec!["election_id", "person_id", "issued"]);
    store.close().await;
}

#[tokio::test]
async fn the_audit_log_records_a_paper_entered_but_never_its_marks() {
    let dir = tempfile::tempdir().unwrap();
    let store = store(dir.path()).await;
    let mut w = store.begin().await.unwrap();
    let group = w.create_group("Interop WG", Template::TechukInterop).await.unwrap();
    let seats = w.seat_ids(group, SeatKind::Supplier).await.unwrap();
    let person = |name: &str| PersonInput {
        name: name.into(),
        email: String::new(),
        job_title: String::new(),
        manager_status: ManagerStatus::Yes,
        sort_as: String::new(),
    };
    let a = w.add_person(group, &person("Ada")).await.unwrap();
    let b = w.add_person(group, &person("Bob")).await.unwrap();
    let voter = w.add_person(group, &person("Vera Voter")).await.unwrap();
    let input = ElectionInput {
        title: "Supplier seat".into(),
        fills: ElectionFor::Seats { seat_kind: SeatKind::Supplier, seat_ids: vec![seats[0]] },
        call_issued_on: d("2026-11-01"),
        nominations_close: d("2026-11-20"),
        returning_officer: "Pat".into(),
    };
    let election = w.create_election(group, &input).await.unwrap();
    let nomination =
        |person_id| NominationInput { person_id, organisation_id: None, proposer: String::new(), statement: String::new(), received_on: d("2026-11-02") };
    w.add_nomination(group, election, &nomination(a)).await.unwrap();
    let bob = w.add_nomination(group, election, &nomination(b)).await.unwrap();
    w.set_method(group, election, Method::Plurality).await.unwrap();
    w.open_voting(group, election, &[voter], d("2026-12-01")).await.unwrap();
    w.print_papers(group, election, 3).await.unwrap();
    w.issue_paper(group, election, voter).await.unwrap();
    let paper = ReturnedPaperInput { serial: Some(2), choices: vec![(bob, 1)], rejection: None, entered_by: "Pat".into() };
    w.enter_paper(group, election, &paper).await.unwrap();
    let rejected = ReturnedPaperInput { serial: None, choices: vec![], rejection: Some(Rejection::NoSerial), entered_by: "Pat".into() };
    w.enter_paper(group, election, &rejected).await.unwrap();
    w.commit().await.unwrap();

    let audit = store.audit_entries(group).await.unwrap();
    let entered: Vec<_> = audit.iter().filter(|e| e.entity == "returned_paper").collect();
    assert_eq!(entered.len(), 2);
    for entry in &entered {
        assert!(!entry.change.contains("choices"), "{}", entry.change);
        assert!(!entry.change.contains(&format!("{bob}")) || !entry.change.contains("nomination"), "{}", entry.change);
    }
    // Issuing a paper is audited against the election, naming neither the elector nor a serial.
    assert!(audit.iter().all(|e| e.entity != "elector"), "no audit row names an elector");
    let issued = audit.iter().find(|e| e.action == "issue_paper").unwrap();
    assert_eq!((issued.entity.as_str(), issued.entity_id), ("election", Some(election)));
    assert_eq!(issued.change, "{}");
    // The sequence is strictly increasing: order comes from it, never from the clock.
    assert!(audit.windows(2).all(|p| p[0].seq < p[1].seq));
    store.close().await;
}

#[tokio::test]
async fn serial_numbers_are_consecutive_and_each_used_once() {
    let dir = tempfile::tempdir().unwrap();
    let store = store(dir.path()).await;
    let mut w = store.begin().await.unwrap();
    let group = w.create_group("Interop WG", Template::TechukInterop).await.unwrap();
    let input = ElectionInput {
        title: "Chair".into(),
        fills: ElectionFor::Role { role: secretariat_rules::Role::Chair },
        call_issued_on: d("2026-11-01"),
        nominations_close: d("2026-11-20"),
        returning_officer: String::new(),
    };
    let election = w.create_election(group, &input).await.unwrap();
    w.set_method(group, election, Method::InstantRunoff).await.unwrap();
    let voter = w
        .add_person(
            group,
            &PersonInput { name: "V".into(), email: String::new(), job_title: String::new(), manager_status: ManagerStatus::Yes, sort_as: String::new() },
        )
        .await
        .unwrap();
    w.open_voting(group, election, &[voter], d("2026-12-01")).await.unwrap();
    assert_eq!(w.print_papers(group, election, 3).await.unwrap(), vec![1, 2, 3]);
    w.spoil_papers(group, election, &[2]).await.unwrap();
    assert_eq!(w.print_papers(group, election, 1).await.unwrap(), vec![4], "a spoilt number is never reused");
    assert!(w.spoil_papers(group, election, &[2]).await.is_err(), "already spoilt");
    assert!(w.mark_unused(group, election, &[99]).await.is_err(), "never printed");
    // The method cannot change once papers are printed for it.
    assert!(w.set_method(group, election, Method::Plurality).await.is_err());
    w.commit().await.unwrap();
    assert_eq!(store.latest_batch(group, election).await.unwrap(), vec![4]);
    store.close().await;
}

#[tokio::test]
async fn s24_positions_have_no_place_for_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let store = store(dir.path()).await;
    let columns = store.schema_columns().await.unwrap();
    let of = |table: &str| columns.iter().filter(|(t, _)| t == table).map(|(_, c)| c.as_str()).collect::<Vec<_>>();
    // Ids, dates, text and one yes/no flag: no count, share or percentage is asked for or stored (ToR §24).
    assert_eq!(
        of("positions"),
        vec![
            "id",
            "group_id",
            "title",
            "summary",
            "proposed_on",
            "outline_started_on",
            "divided",
            "public_decision",
            "public_reason",
            "public_decided_by",
            "public_decided_on"
        ]
    );
    assert_eq!(of("position_viewpoints"), vec!["id", "position_id", "viewpoint"]);
    assert_eq!(of("position_volunteers"), vec!["position_id", "person_id", "volunteered_on"]);
    store.close().await;
}
