//! Bad input on every text field of every write (issue #8): a bidirectional override
//! (U+202E, which makes "Smith" print as "htimS"), a control character (U+0007) and an
//! overlong string are each refused, the error names the field, and nothing is written.
//! Against a real SQLCipher file; each attempt is its own transaction, rolled back.

use chrono::{NaiveDate, NaiveDateTime};
use secretariat_rules::elections::Method;
use secretariat_rules::tor::s17_attendance::{Discretion, Presence};
use secretariat_rules::tor::s18_subgroups::{Expertise, Place};
use secretariat_rules::{ManagerStatus, Obtained, Role, SeatKind, TechukStatus, Template};
use secretariat_store::{
    ActionInput, AgendaItemInput, AttendanceInput, Capacity, DataPaths, DecisionInput, DecisionKind, DecisionOutcome, ElectionFor, ElectionInput, EndReason,
    KdfParams, MeetingInput, MemoryKeychain, NominationInput, OrganisationInput, Passphrase, PersonInput, PlaceInput, PositionInput, PublicPosition, Purpose,
    ReportBackInput, ReturnedPaperInput, Store, StoreError, StrikeDecisionInput, SubgroupInput, Writer,
};
use std::sync::Arc;

fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

fn at(text: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap()
}

/// The records the writes below refer to.
struct Fx {
    group: i64,
    person: i64,
    term: i64,
    meeting: i64,
    next_meeting: i64,
    item: i64,
    election: i64,
    voting: i64,
    position: i64,
    subgroup: i64,
    report_back: i64,
}

fn organisation(name: &str, sector: &str) -> OrganisationInput {
    OrganisationInput { name: name.into(), techuk_status: TechukStatus::Member, applied_on: None, sme: false, sme_confirmed_on: None, sector: sector.into() }
}

fn person(name: &str, email: &str, job_title: &str) -> PersonInput {
    PersonInput { name: name.into(), email: email.into(), job_title: job_title.into(), manager_status: ManagerStatus::Yes, sort_as: String::new() }
}

fn meeting(title: &str, day: &str, venue: &str, link: &str) -> MeetingInput {
    MeetingInput {
        title: title.into(),
        starts_at: at(&format!("{day} 14:00")),
        ends_at: at(&format!("{day} 16:00")),
        venue: venue.into(),
        online_link: link.into(),
        compulsory: true,
    }
}

fn election(title: &str, officer: &str, seat: i64) -> ElectionInput {
    ElectionInput {
        title: title.into(),
        fills: ElectionFor::Seats { seat_kind: SeatKind::Supplier, seat_ids: vec![seat] },
        call_issued_on: d("2026-01-01"),
        nominations_close: d("2026-01-20"),
        returning_officer: officer.into(),
    }
}

fn subgroup(name: &str, remit: &str, created_by: &str) -> SubgroupInput {
    SubgroupInput { name: name.into(), remit: remit.into(), start: d("2026-02-01"), decision_id: None, meeting_id: None, created_by: created_by.into() }
}

async fn fixture(store: &Store) -> Fx {
    let mut w = store.begin().await.unwrap();
    let group = w.create_group("Interop WG", Template::TechukInterop).await.unwrap();
    let seats = w.seat_ids(group, SeatKind::Supplier).await.unwrap();
    let org = w.add_organisation(group, &organisation("Kestrel Systems", "Records")).await.unwrap();
    let person_id = w.add_person(group, &person("Ada Lovelace", "ada@example.org", "Architect")).await.unwrap();
    let voter = w.add_person(group, &person("Vera Voter", "", "")).await.unwrap();
    w.add_employment(group, person_id, org, d("2020-01-01"), None).await.unwrap();
    let term = w.start_term(group, seats[0], person_id, d("2025-01-01"), Obtained::Election).await.unwrap();
    let meeting_id = w.add_meeting(group, &meeting("February meeting", "2026-02-10", "", "")).await.unwrap();
    let next_meeting = w.add_meeting(group, &meeting("March meeting", "2026-03-10", "", "")).await.unwrap();
    let item = AgendaItemInput { title: "Standards".into(), purpose: Purpose::Discussion, presenter_id: None, minutes: 30, private: false };
    let item = w.add_agenda_item(group, meeting_id, &item).await.unwrap();
    let election_id = w.create_election(group, &election("Supplier seat", "Pat", seats[1])).await.unwrap();
    let voting = w.create_election(group, &election("Another supplier seat", "Pat", seats[2])).await.unwrap();
    let nomination = NominationInput { person_id, organisation_id: None, proposer: String::new(), statement: String::new(), received_on: d("2026-01-02") };
    w.add_nomination(group, voting, &nomination).await.unwrap();
    w.set_method(group, voting, Method::Plurality).await.unwrap();
    w.open_voting(group, voting, &[voter], d("2026-02-01")).await.unwrap();
    w.print_papers(group, voting, 2).await.unwrap();
    let position = PositionInput { title: "Open APIs".into(), summary: String::new(), proposed_on: d("2026-02-10") };
    let position = w.add_position(group, &position).await.unwrap();
    let subgroup_id = w.add_subgroup(group, &subgroup("API sub-group", "Remit", "")).await.unwrap();
    let report_back = ReportBackInput { topic: "Progress".into(), requested_on: d("2026-02-10"), requested_at_meeting_id: None, due_meeting_id: next_meeting };
    let report_back = w.request_report_back(group, subgroup_id, &report_back).await.unwrap();
    w.commit().await.unwrap();
    Fx { group, person: person_id, term, meeting: meeting_id, next_meeting, item, election: election_id, voting, position, subgroup: subgroup_id, report_back }
}

/// Every text field of every write: (write, the field its error must name).
const FIELDS: &[(&str, &str)] = &[
    ("create_group", "name"),
    ("add_organisation.name", "name"),
    ("add_organisation.sector", "sector"),
    ("add_person.name", "name"),
    ("add_person.email", "email"),
    ("add_person.job_title", "job_title"),
    ("update_person.name", "name"),
    ("end_term.note", "note"),
    ("appoint.agreed_by", "agreed_by"),
    ("add_invitee.note", "note"),
    ("add_meeting.title", "title"),
    ("add_meeting.venue", "venue"),
    ("add_meeting.online_link", "online_link"),
    ("add_agenda_item.title", "title"),
    ("add_paper.title", "title"),
    ("add_paper.file_name", "file"),
    ("create_election.title", "title"),
    ("create_election.returning_officer", "returning_officer"),
    ("add_nomination.proposer", "proposer"),
    ("add_nomination.statement", "statement"),
    ("set_returning_officer", "returning_officer"),
    ("enter_paper.entered_by", "entered_by"),
    ("set_attendance.substitute", "substitute"),
    ("record_strike_decision.reason", "reason"),
    ("record_strike_decision.decided_by", "decided_by"),
    ("set_minute_taker", "minute_taker"),
    ("save_item_notes", "notes"),
    ("hold_in_private.requested_by", "requested_by"),
    ("approve_minutes.note", "note"),
    ("add_correction", "correction"),
    ("add_action.description", "description"),
    ("add_decision.text", "text"),
    ("add_position.title", "title"),
    ("add_position.summary", "summary"),
    ("add_viewpoint", "viewpoint"),
    ("decide_public_position.reason", "reason"),
    ("decide_public_position.decided_by", "decided_by"),
    ("add_subgroup.name", "name"),
    ("add_subgroup.remit", "remit"),
    ("add_subgroup.created_by", "created_by"),
    ("add_place.expertise_note", "expertise_note"),
    ("close_subgroup.reason", "reason"),
    ("request_report_back.topic", "topic"),
    ("record_report", "report"),
];

/// Makes the write named `case` with `bad` in the field under test, the rest valid.
async fn attempt(w: &mut Writer, fx: &Fx, case: &str, bad: &str) -> secretariat_store::Result<()> {
    let g = fx.group;
    let item = |title: &str| AgendaItemInput { title: title.into(), purpose: Purpose::Noting, presenter_id: None, minutes: 5, private: false };
    let nomination = |proposer: &str, statement: &str| NominationInput {
        person_id: fx.person,
        organisation_id: None,
        proposer: proposer.into(),
        statement: statement.into(),
        received_on: d("2026-01-03"),
    };
    let strike = |reason: &str, decided_by: &str| StrikeDecisionInput {
        person_id: fx.person,
        year: 2026,
        decision: Discretion::Retain,
        reason: reason.into(),
        decided_on: d("2026-03-01"),
        decided_by: decided_by.into(),
    };
    let position = |title: &str, summary: &str| PositionInput { title: title.into(), summary: summary.into(), proposed_on: d("2026-02-10") };
    match case {
        "create_group" => w.create_group(bad, Template::TechukInterop).await.map(drop),
        "add_organisation.name" => w.add_organisation(g, &organisation(bad, "")).await.map(drop),
        "add_organisation.sector" => w.add_organisation(g, &organisation("Corvid Ltd", bad)).await.map(drop),
        "add_person.name" => w.add_person(g, &person(bad, "", "")).await.map(drop),
        "add_person.email" => w.add_person(g, &person("Bob", bad, "")).await.map(drop),
        "add_person.job_title" => w.add_person(g, &person("Bob", "", bad)).await.map(drop),
        "update_person.name" => w.update_person(g, fx.person, &person(bad, "", "")).await,
        "end_term.note" => w.end_term(g, fx.term, d("2026-03-01"), EndReason::Resigned, bad).await,
        "appoint.agreed_by" => w.appoint(g, Role::Chair, fx.person, d("2026-03-01"), bad).await.map(drop),
        "add_invitee.note" => w.add_invitee(g, fx.person, d("2026-03-01"), bad).await.map(drop),
        "add_meeting.title" => w.add_meeting(g, &meeting(bad, "2026-04-14", "", "")).await.map(drop),
        "add_meeting.venue" => w.add_meeting(g, &meeting("April", "2026-04-14", bad, "")).await.map(drop),
        "add_meeting.online_link" => w.add_meeting(g, &meeting("April", "2026-04-14", "", bad)).await.map(drop),
        "add_agenda_item.title" => w.add_agenda_item(g, fx.meeting, &item(bad)).await.map(drop),
        "add_paper.title" => w.add_paper(g, fx.item, bad, "paper.pdf", b"%PDF-1.7", 1).await.map(drop),
        "add_paper.file_name" => w.add_paper(g, fx.item, "Paper", bad, b"%PDF-1.7", 1).await.map(drop),
        "create_election.title" => {
            let seat = free_seat(w, g).await;
            w.create_election(g, &election(bad, "", seat)).await.map(drop)
        }
        "create_election.returning_officer" => {
            let seat = free_seat(w, g).await;
            w.create_election(g, &election("Seat", bad, seat)).await.map(drop)
        }
        "add_nomination.proposer" => w.add_nomination(g, fx.election, &nomination(bad, "")).await.map(drop),
        "add_nomination.statement" => w.add_nomination(g, fx.election, &nomination("", bad)).await.map(drop),
        "set_returning_officer" => w.set_returning_officer(g, fx.election, bad).await,
        "enter_paper.entered_by" => {
            let paper = ReturnedPaperInput {
                serial: Some(1),
                choices: vec![],
                rejection: Some(secretariat_rules::elections::Rejection::NoMark),
                entered_by: bad.into(),
            };
            w.enter_paper(g, fx.voting, &paper).await.map(drop)
        }
        "set_attendance.substitute" => {
            let row =
                AttendanceInput { person_id: fx.person, capacity: Capacity::Member, presence: Presence::Apologies, online: false, substitute: bad.into() };
            w.set_attendance(g, fx.meeting, &[row]).await
        }
        "record_strike_decision.reason" => w.record_strike_decision(g, &strike(bad, "The Chair"), 2).await.map(drop),
        "record_strike_decision.decided_by" => w.record_strike_decision(g, &strike("Reason", bad), 2).await.map(drop),
        "set_minute_taker" => w.set_minute_taker(g, fx.meeting, bad).await,
        "save_item_notes" => w.save_item_notes(g, fx.meeting, fx.item, bad).await,
        "hold_in_private.requested_by" => w.hold_in_private(g, fx.meeting, fx.item, bad, true).await,
        "approve_minutes.note" => {
            w.set_minute_taker(g, fx.meeting, "Pat").await?;
            w.approve_minutes(g, fx.meeting, fx.next_meeting, bad).await
        }
        "add_correction" => {
            w.set_minute_taker(g, fx.meeting, "Pat").await?;
            w.approve_minutes(g, fx.meeting, fx.next_meeting, "").await?;
            w.add_correction(g, fx.meeting, None, bad, d("2026-03-10")).await.map(drop)
        }
        "add_action.description" => {
            let action = ActionInput { meeting_id: fx.meeting, agenda_item_id: None, description: bad.into(), owner_id: fx.person, due_on: d("2026-03-01") };
            w.add_action(g, &action).await.map(drop)
        }
        "add_decision.text" => {
            let decision = DecisionInput {
                meeting_id: Some(fx.meeting),
                agenda_item_id: None,
                decided_on: d("2026-02-10"),
                kind: DecisionKind::General,
                text: bad.into(),
                in_favour: None,
                base: None,
                outcome: DecisionOutcome::Noted,
            };
            w.add_decision(g, &decision).await.map(drop)
        }
        "add_position.title" => w.add_position(g, &position(bad, "")).await.map(drop),
        "add_position.summary" => w.add_position(g, &position("Data quality", bad)).await.map(drop),
        "add_viewpoint" => w.add_viewpoint(g, fx.position, bad).await.map(drop),
        "decide_public_position.reason" => w.decide_public_position(g, fx.position, true, Some(PublicPosition::Take), bad, "The Chair", d("2026-03-01")).await,
        "decide_public_position.decided_by" => w.decide_public_position(g, fx.position, true, Some(PublicPosition::Take), "Reason", bad, d("2026-03-01")).await,
        "add_subgroup.name" => w.add_subgroup(g, &subgroup(bad, "Remit", "")).await.map(drop),
        "add_subgroup.remit" => w.add_subgroup(g, &subgroup("Data sub-group", bad, "")).await.map(drop),
        "add_subgroup.created_by" => w.add_subgroup(g, &subgroup("Data sub-group", "Remit", bad)).await.map(drop),
        "add_place.expertise_note" => {
            let place =
                PlaceInput { person_id: fx.person, place: Place::Member, expertise: vec![Expertise::Api], expertise_note: bad.into(), from: d("2026-02-01") };
            w.add_place(g, fx.subgroup, &place).await.map(drop)
        }
        "close_subgroup.reason" => w.close_subgroup(g, fx.subgroup, d("2026-03-01"), bad).await,
        "request_report_back.topic" => {
            let input = ReportBackInput { topic: bad.into(), requested_on: d("2026-02-10"), requested_at_meeting_id: None, due_meeting_id: fx.next_meeting };
            w.request_report_back(g, fx.subgroup, &input).await.map(drop)
        }
        "record_report" => w.record_report(g, fx.report_back, d("2026-03-10"), bad, None).await,
        other => panic!("no write for {other}"),
    }
}

/// A free supplier seat for a new election.
async fn free_seat(w: &mut Writer, group: i64) -> i64 {
    w.seat_ids(group, SeatKind::Supplier).await.unwrap()[5]
}

#[tokio::test]
async fn every_text_field_of_every_write_refuses_bidi_overrides_control_characters_and_overlong_text_naming_the_field() {
    let dir = tempfile::tempdir().unwrap();
    let keychain = Arc::new(MemoryKeychain::default());
    let store =
        Store::create(&DataPaths::new(dir.path()), &Passphrase::new("correct horse battery staple"), keychain, KdfParams::fast_for_tests()).await.unwrap().0;
    let fx = fixture(&store).await;
    let audit_before = store.audit_len().await.unwrap();

    // Each case is valid apart from the field under test: a good value goes through.
    for (case, _) in FIELDS {
        let good = if case.ends_with("email") {
            "bob@example.org"
        } else if case.ends_with("online_link") {
            "https://meet.example.org/x"
        } else {
            "Fine text"
        };
        let mut w = store.begin().await.unwrap();
        attempt(&mut w, &fx, case, good).await.unwrap_or_else(|e| panic!("{case} refused a good value: {e}"));
        w.rollback().await.unwrap();
    }

    let overlong = "x".repeat(25_000);
    let bad: [(&str, &str); 3] = [("U+202E", "Smith \u{202E}htimS"), ("U+0007", "Smith\u{0007}"), ("overlong", &overlong)];
    let mut refused = 0;
    for (case, field) in FIELDS {
        for (what, value) in &bad {
            let mut w = store.begin().await.unwrap();
            let result = attempt(&mut w, &fx, case, value).await;
            w.rollback().await.unwrap();
            match result {
                Err(StoreError::Invalid { field: named, message }) => {
                    assert_eq!(named, *field, "{case} with {what}: {message}");
                    let expected = if *what == "overlong" { "is longer than" } else { &what.to_string() };
                    assert!(message.contains(expected), "{case} with {what}: {message}");
                    refused += 1;
                }
                other => panic!("{case} with {what} was not refused at its field: {other:?}"),
            }
        }
    }
    assert_eq!(refused, FIELDS.len() * 3);
    assert_eq!(store.audit_len().await.unwrap(), audit_before, "a refused write left an audit row");
    store.close().await;
}

/// Every date a person gives to a write: (write, the field its error must name).
const DATES: &[(&str, &str)] = &[
    ("add_meeting.starts_at", "starts_at"),
    ("add_series.from", "from"),
    ("add_series.until", "until"),
    ("create_election.call_issued_on", "call_issued_on"),
    ("create_election.nominations_close", "nominations_close"),
    ("open_voting.poll_closes", "poll_closes"),
    ("add_employment.from", "from"),
    ("add_employment.to", "to"),
    ("change_employer.from", "from"),
    ("start_term.start", "start"),
    ("appoint.from", "from"),
    ("add_invitee.from", "from"),
    ("record_strike_decision.decided_on", "decided_on"),
    ("record_strike_decision.year", "year"),
    ("add_action.due_on", "due_on"),
    ("add_decision.decided_on", "decided_on"),
    ("add_position.proposed_on", "proposed_on"),
    ("add_subgroup.start", "start"),
    ("add_place.from", "from"),
    ("request_report_back.requested_on", "requested_on"),
];

async fn attempt_date(w: &mut Writer, fx: &Fx, case: &str, day: NaiveDate) -> secretariat_store::Result<()> {
    let g = fx.group;
    let seat = free_seat(w, g).await;
    match case {
        "add_meeting.starts_at" => {
            let input = MeetingInput {
                starts_at: day.and_hms_opt(14, 0, 0).unwrap(),
                ends_at: day.and_hms_opt(16, 0, 0).unwrap(),
                ..meeting("M", "2026-04-14", "", "")
            };
            w.add_meeting(g, &input).await.map(drop)
        }
        "add_series.from" | "add_series.until" => {
            let (from, until) = if case.ends_with("from") { (day, d("2026-12-31")) } else { (d("2026-01-01"), day) };
            let input = secretariat_store::SeriesInput {
                title: "Monthly".into(),
                rule: secretariat_rules::meetings::MonthlyRule { week: 2, weekday: 1 },
                start_time: chrono::NaiveTime::from_hms_opt(14, 0, 0).unwrap(),
                end_time: chrono::NaiveTime::from_hms_opt(16, 0, 0).unwrap(),
                from,
                until,
                venue: String::new(),
                online_link: String::new(),
                compulsory: true,
            };
            w.add_series(g, &input).await.map(drop)
        }
        "create_election.call_issued_on" => {
            w.create_election(g, &ElectionInput { call_issued_on: day, nominations_close: d("2199-12-31"), ..election("E", "", seat) }).await.map(drop)
        }
        "create_election.nominations_close" => w.create_election(g, &ElectionInput { nominations_close: day, ..election("E", "", seat) }).await.map(drop),
        "open_voting.poll_closes" => {
            let e = w.create_election(g, &election("E", "", seat)).await?;
            w.set_method(g, e, Method::Plurality).await?;
            w.open_voting(g, e, &[fx.person], day).await
        }
        "add_employment.from" => {
            let org = w.add_organisation(g, &organisation("Corvid Ltd", "")).await?;
            w.add_employment(g, fx.person, org, day, Some(d("2199-12-31"))).await.map(drop)
        }
        "add_employment.to" => {
            let org = w.add_organisation(g, &organisation("Corvid Ltd", "")).await?;
            w.add_employment(g, fx.person, org, d("2000-01-01"), Some(day)).await.map(drop)
        }
        "change_employer.from" => {
            let org = w.add_organisation(g, &organisation("Corvid Ltd", "")).await?;
            w.change_employer(g, fx.person, org, day).await.map(drop)
        }
        "start_term.start" => {
            let person = w.add_person(g, &person("Bob", "", "")).await?;
            w.start_term(g, seat, person, day, Obtained::Election).await.map(drop)
        }
        "appoint.from" => w.appoint(g, Role::ViceChair, fx.person, day, "The group").await.map(drop),
        "add_invitee.from" => w.add_invitee(g, fx.person, day, "").await.map(drop),
        "record_strike_decision.decided_on" => {
            let input = StrikeDecisionInput {
                person_id: fx.person,
                year: 2026,
                decision: Discretion::Retain,
                reason: "Reason".into(),
                decided_on: day,
                decided_by: "The Chair".into(),
            };
            w.record_strike_decision(g, &input, 2).await.map(drop)
        }
        "record_strike_decision.year" => {
            use chrono::Datelike;
            let input = StrikeDecisionInput {
                person_id: fx.person,
                year: day.year(),
                decision: Discretion::Retain,
                reason: "Reason".into(),
                decided_on: d("2026-03-01"),
                decided_by: "The Chair".into(),
            };
            w.record_strike_decision(g, &input, 2).await.map(drop)
        }
        "add_action.due_on" => {
            let action = ActionInput { meeting_id: fx.meeting, agenda_item_id: None, description: "Do it".into(), owner_id: fx.person, due_on: day };
            w.add_action(g, &action).await.map(drop)
        }
        "add_decision.decided_on" => {
            let decision = DecisionInput {
                meeting_id: None,
                agenda_item_id: None,
                decided_on: day,
                kind: DecisionKind::General,
                text: "Agreed".into(),
                in_favour: None,
                base: None,
                outcome: DecisionOutcome::Noted,
            };
            w.add_decision(g, &decision).await.map(drop)
        }
        "add_position.proposed_on" => w.add_position(g, &PositionInput { title: "T".into(), summary: String::new(), proposed_on: day }).await.map(drop),
        "add_subgroup.start" => w.add_subgroup(g, &SubgroupInput { start: day, ..subgroup("Data sub-group", "Remit", "") }).await.map(drop),
        "add_place.from" => {
            let place = PlaceInput { person_id: fx.person, place: Place::Member, expertise: vec![], expertise_note: String::new(), from: day };
            w.add_place(g, fx.subgroup, &place).await.map(drop)
        }
        "request_report_back.requested_on" => {
            let input = ReportBackInput { topic: "T".into(), requested_on: day, requested_at_meeting_id: None, due_meeting_id: fx.next_meeting };
            w.request_report_back(g, fx.subgroup, &input).await.map(drop)
        }
        other => panic!("no write for {other}"),
    }
}

#[tokio::test]
async fn every_date_a_write_is_given_is_refused_outside_1900_to_2199_naming_the_field() {
    let dir = tempfile::tempdir().unwrap();
    let keychain = Arc::new(MemoryKeychain::default());
    let store =
        Store::create(&DataPaths::new(dir.path()), &Passphrase::new("correct horse battery staple"), keychain, KdfParams::fast_for_tests()).await.unwrap().0;
    let fx = fixture(&store).await;
    for (case, field) in DATES {
        for day in [NaiveDate::MAX, d("1066-10-14"), d("2200-01-01"), d("1899-12-31")] {
            let mut w = store.begin().await.unwrap();
            let result = attempt_date(&mut w, &fx, case, day).await;
            w.rollback().await.unwrap();
            match result {
                Err(StoreError::Invalid { field: named, message }) => {
                    assert_eq!(named, *field, "{case} on {day}: {message}");
                    assert!(message.ends_with("must fall between 1900 and 2199."), "{case} on {day}: {message}");
                }
                other => panic!("{case} on {day} was not refused at its field: {other:?}"),
            }
        }
        // The last day of the range is a date like any other.
        let mut w = store.begin().await.unwrap();
        let edge = attempt_date(&mut w, &fx, case, d("2199-12-31")).await;
        w.rollback().await.unwrap();
        assert!(!matches!(&edge, Err(StoreError::Invalid { message, .. }) if message.contains("must fall between")), "{case}: {edge:?}");
    }
    store.close().await;
}
