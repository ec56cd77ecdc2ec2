//! The retention purge on a real SQLCipher file: what the schedule lists goes, in one
//! audited transaction, and what the group must keep stays — the declared result,
//! the winner's nomination, approved minutes and the attendance they record.

use chrono::{NaiveDate, NaiveDateTime};
use secretariat_rules::elections::Method;
use secretariat_rules::retention::{self, RetentionCategory, RetentionSchedule};
use secretariat_rules::tor::s17_attendance::Presence;
use secretariat_rules::{ManagerStatus, SeatKind, Template};
use secretariat_store::{
    AgendaItemInput, AttendanceInput, Capacity, DataPaths, ElectionFor, ElectionInput, IssuedKind, KdfParams, MeetingInput, MemoryKeychain, NominationInput,
    Outcome, Passphrase, PersonInput, Purpose, ReturnedPaperInput, Store,
};
use std::sync::Arc;

fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

fn at(text: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap()
}

struct Fixture {
    store: Store,
    group: i64,
    election: i64,
    /// Minutes approved at the next meeting, and never minuted.
    minuted: i64,
    unminuted: i64,
}

/// A declared plurality election (Ada won, Bob lost, Cy withdrew) and two 2024 meetings,
/// each with a paper in two versions and attendance; the first one's minutes approved.
async fn fixture(dir: &std::path::Path) -> Fixture {
    let keychain = Arc::new(MemoryKeychain::default());
    let store = Store::create(&DataPaths::new(dir), &Passphrase::new("correct horse battery staple"), keychain, KdfParams::fast_for_tests()).await.unwrap().0;
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
    let ada = w.add_person(group, &person("Ada")).await.unwrap();
    let bob = w.add_person(group, &person("Bob")).await.unwrap();
    let cy = w.add_person(group, &person("Cy")).await.unwrap();
    let voter = w.add_person(group, &person("Vera Voter")).await.unwrap();
    let input = ElectionInput {
        title: "Supplier seat 2024".into(),
        fills: ElectionFor::Seats { seat_kind: SeatKind::Supplier, seat_ids: vec![seats[0]] },
        call_issued_on: d("2024-01-01"),
        nominations_close: d("2024-01-20"),
        returning_officer: "Pat".into(),
    };
    let election = w.create_election(group, &input).await.unwrap();
    let nomination = |person_id, statement: &str| NominationInput {
        person_id,
        organisation_id: None,
        proposer: "Quentin Proposer".into(),
        statement: statement.into(),
        received_on: d("2024-01-02"),
    };
    let a = w.add_nomination(group, election, &nomination(ada, "Ada's statement")).await.unwrap();
    w.add_nomination(group, election, &nomination(bob, "Bob's statement")).await.unwrap();
    let c = w.add_nomination(group, election, &nomination(cy, "Cy's statement")).await.unwrap();
    w.withdraw_nomination(group, election, c, d("2024-01-10")).await.unwrap();
    w.set_method(group, election, Method::Plurality).await.unwrap();
    w.open_voting(group, election, &[voter], d("2024-02-01")).await.unwrap();
    w.print_papers(group, election, 2).await.unwrap();
    w.issue_paper(group, election, voter).await.unwrap();
    let paper = ReturnedPaperInput { serial: Some(1), choices: vec![(a, 1)], rejection: None, entered_by: "Pat".into() };
    w.enter_paper(group, election, &paper).await.unwrap();
    // As the app stores it: standing candidates by name (Ada, Bob), Ada (index 0) elected.
    w.record_count(group, election, r#"{"count":{"candidates":["Ada","Bob"],"elected":[0]},"constraints":[]}"#).await.unwrap();
    w.declare(group, election, d("2024-02-05"), Outcome::Elected, "Pat").await.unwrap();

    let meeting = |title: &str, day: &str| MeetingInput {
        title: title.into(),
        starts_at: at(&format!("{day} 14:00")),
        ends_at: at(&format!("{day} 16:00")),
        venue: String::new(),
        online_link: String::new(),
        compulsory: true,
    };
    let minuted = w.add_meeting(group, &meeting("March meeting", "2024-03-12")).await.unwrap();
    let unminuted = w.add_meeting(group, &meeting("April meeting", "2024-04-09")).await.unwrap();
    for m in [minuted, unminuted] {
        let item = AgendaItemInput { title: "Standards".into(), purpose: Purpose::Discussion, presenter_id: None, minutes: 30, private: false };
        let item = w.add_agenda_item(group, m, &item).await.unwrap();
        let paper = w.add_paper(group, item, "Standards paper", "standards.pdf", b"%PDF-1.7 first", 1).await.unwrap();
        w.replace_paper(group, paper, "standards-v2.pdf", b"%PDF-1.7 second", 1).await.unwrap();
        w.store_pack(group, m, b"%PDF-1.7 pack", 3).await.unwrap();
        let row = |person_id, presence| AttendanceInput { person_id, capacity: Capacity::Member, presence, online: false, substitute: String::new() };
        w.set_attendance(group, m, &[row(ada, Presence::Present), row(bob, Presence::Apologies)]).await.unwrap();
    }
    w.set_minute_taker(group, minuted, "Pat").await.unwrap();
    w.approve_minutes(group, minuted, unminuted, "").await.unwrap();
    // The minuted meeting's pack as circulated, and its approved minutes, kept as they went out.
    w.keep_issued(group, IssuedKind::AgendaPack, minuted, "pack.pdf", Some(3), b"%PDF-1.7 pack as circulated").await.unwrap();
    w.keep_issued(group, IssuedKind::Minutes, minuted, "minutes.pdf", Some(2), b"%PDF-1.7 minutes").await.unwrap();
    w.commit().await.unwrap();
    Fixture { store, group, election, minuted, unminuted }
}

#[tokio::test]
async fn the_purge_removes_exactly_what_is_due_and_keeps_the_groups_record() {
    let dir = tempfile::tempdir().unwrap();
    let Fixture { store, group, election, minuted, unminuted } = fixture(dir.path()).await;
    let facts = store.retention_facts(group).await.unwrap();
    let schedule = RetentionSchedule::default();

    // Between the ballot papers' period and the nominations': only the papers are due.
    let early = retention::due(&schedule, &facts, d("2024-08-05"));
    assert_eq!(early.section(RetentionCategory::BallotsAndCounts).total, 4, "1 returned paper, 2 numbered papers, 1 elector");
    assert_eq!(early.section(RetentionCategory::CandidatesAndNominations).total, 0);
    let mut w = store.begin().await.unwrap();
    assert_eq!(w.purge_retention(group, &early).await.unwrap(), 4);
    w.commit().await.unwrap();
    let record = store.election(group, election).await.unwrap();
    assert!(record.returned.is_empty() && record.serials.is_empty() && record.electors.is_empty());
    // Nothing that held the marks is left, and the audit log never held them (ToR §12's
    // secret ballot): the fixture's one paper was marked `[[<Ada's nomination>,1]]`.
    let marks = format!("[[{},1]]", record.nominations.iter().find(|n| n.name == "Ada").unwrap().id);
    let everything = every_value(dir.path()).await;
    assert!(everything.iter().all(|v| !v.contains(&marks) && !v.contains("choices")), "the marks remain somewhere");
    assert!(everything.iter().any(|v| v.contains("\"ballot_records_removed\":4")), "the purge is audited by its counts");
    assert_eq!(record.nominations.len(), 3, "nominations are not due yet");
    assert!(record.count_json.unwrap().contains("\"elected\":[0]"), "the count is kept");
    assert!(record.summary.declared_on.is_some());

    // Years later, everything else.
    let facts = store.retention_facts(group).await.unwrap();
    let late = retention::due(&schedule, &facts, d("2030-04-09"));
    assert_eq!(late.section(RetentionCategory::BallotsAndCounts).total, 0, "already purged");
    assert_eq!(late.section(RetentionCategory::CandidatesAndNominations).total, 2, "Bob's statement and Cy's withdrawn nomination");
    assert_eq!(late.section(RetentionCategory::Attendance).total, 2, "the unminuted meeting's two rows");
    assert_eq!(late.section(RetentionCategory::MinutesAndPapers).total, 7, "two versions and a pack, per meeting, and one pack kept as circulated");
    let mut w = store.begin().await.unwrap();
    assert_eq!(w.purge_retention(group, &late).await.unwrap(), 11);
    w.commit().await.unwrap();

    let record = store.election(group, election).await.unwrap();
    let nominations: Vec<(String, String, String)> = record.nominations.iter().map(|n| (n.name.clone(), n.proposer.clone(), n.statement.clone())).collect();
    assert_eq!(
        nominations,
        vec![("Ada".to_owned(), "Quentin Proposer".to_owned(), "Ada's statement".to_owned()), ("Bob".to_owned(), String::new(), String::new()),],
        "the winner's nomination is kept, the loser's name stays without statement or proposer, the withdrawn one is gone"
    );
    for meeting in [minuted, unminuted] {
        assert!(store.meeting_papers(group, meeting).await.unwrap().is_empty());
        assert!(store.built_pack(group, meeting).await.unwrap().is_none());
        assert_eq!(store.meeting_detail(group, meeting).await.unwrap().items.len(), 6, "the agenda (the five standard items and ours) is kept");
    }
    assert_eq!(store.attendance(group, minuted).await.unwrap().len(), 2, "approved minutes keep their attendance");
    assert!(store.attendance(group, unminuted).await.unwrap().is_empty());
    assert!(store.minutes(group, minuted).await.unwrap().approved_on.is_some());
    let kept: Vec<IssuedKind> = store.issued_copies(group).await.unwrap().into_iter().map(|c| c.kind).collect();
    assert_eq!(kept, [IssuedKind::Minutes], "the pack kept as circulated holds the papers and goes with them; the approved minutes stay");
    assert_eq!(retention::due(&schedule, &store.retention_facts(group).await.unwrap(), d("2030-04-09")).total(), 0);

    // Audited with counts only, and the chain and both integrity checks still pass.
    let purges: Vec<_> = store.audit_entries(group).await.unwrap().into_iter().filter(|e| e.action == "retention_purge").collect();
    assert_eq!(purges.len(), 1 + 1 + 1 + 2, "one row per election, year and meeting purged");
    for entry in &purges {
        assert!(!entry.change.contains("statement\"") && !entry.change.contains("Bob") && !entry.change.contains("Quentin"), "{}", entry.change);
    }
    assert!(store.verify().await.unwrap().is_ok());
    store.close().await;
}

#[tokio::test]
async fn a_report_from_another_group_reaches_nothing_in_this_one() {
    let dir = tempfile::tempdir().unwrap();
    let Fixture { store, group, election, .. } = fixture(dir.path()).await;
    let facts = store.retention_facts(group).await.unwrap();
    let report = retention::due(&RetentionSchedule::default(), &facts, d("2030-04-09"));
    let mut w = store.begin().await.unwrap();
    let other = w.create_group("Another WG", Template::TechukInterop).await.unwrap();
    let error = w.purge_retention(other, &report).await.unwrap_err();
    assert!(error.to_string().contains("not found"), "{error}");
    drop(w);
    assert_eq!(store.election(group, election).await.unwrap().returned.len(), 1, "rolled back: nothing purged");
    store.close().await;
}

/// Every value in every table of the database in `dir`, as text, read with its key as anyone
/// holding the passphrase could.
async fn every_value(dir: &std::path::Path) -> Vec<String> {
    use sqlx::{ConnectOptions, Connection, Row};
    let key = secretariat_store::KeyFile::read(&dir.join("secretariat.key")).unwrap().unwrap_key(&Passphrase::new("correct horse battery staple")).unwrap();
    let mut conn = sqlx::sqlite::SqliteConnectOptions::new()
        .filename(dir.join("secretariat.db"))
        .pragma("key", format!("\"x'{}'\"", key.to_hex().to_uppercase()))
        .read_only(true)
        .connect()
        .await
        .unwrap();
    let columns: Vec<(String, String)> =
        sqlx::query_as("SELECT m.name, p.name FROM sqlite_schema m JOIN pragma_table_info(m.name) p WHERE m.type = 'table' ORDER BY m.name, p.cid")
            .fetch_all(&mut conn)
            .await
            .unwrap();
    let mut out = Vec::new();
    for (table, column) in columns {
        // Text and numbers; the papers' PDF bytes are not where marks are kept.
        let query = format!("SELECT CASE typeof(\"{column}\") WHEN 'blob' THEN '' ELSE coalesce(CAST(\"{column}\" AS TEXT), '') END FROM \"{table}\"");
        for row in sqlx::query(sqlx::AssertSqlSafe(query)).fetch_all(&mut conn).await.unwrap() {
            out.push(row.get::<String, _>(0));
        }
    }
    conn.close().await.unwrap();
    out
}
