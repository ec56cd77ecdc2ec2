//! Amendable Terms of Reference (issue #14) through the `Session`, against a real encrypted
//! database: each amendable number is read as in force on its date — the day before an
//! amendment the old number, on its first day the new one — by the check, the seats,
//! terms, meetings' deadlines, decisions, positions and elections; bad amendments are refused
//! at their field with nothing saved; the consolidated Terms of Reference PDF is checked by
//! extracting its text.

mod common;

use chrono::NaiveDate;
use common::{every_row, pdftotext};
use secretariat_api::documents::Document;
use secretariat_api::minutes::{AddDecision, AddPosition, SaveAttendance};
use secretariat_api::tor::{AmendTor, OfAmendment, TorView};
use secretariat_api::types::*;
use secretariat_api::{ApiError, KdfParams, MemoryKeychain, Session, SessionConfig};
use secretariat_rules::tor::s17_attendance::Presence;
use secretariat_rules::{ManagerStatus, Obtained, SeatKind, TechukStatus};
use secretariat_store::{
    AgendaItemInput, AttendanceInput, Capacity, DecisionInput, DecisionKind, DecisionOutcome, ElectionFor, ElectionInput, MeetingInput, OrganisationInput,
    PersonInput, PositionInput,
};
use std::sync::Arc;

const PASSPHRASE: &str = "a recovery passphrase";

fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

/// A data folder with one group; sessions are opened on it with whatever day is "today".
struct World {
    dir: tempfile::TempDir,
    keychain: Arc<MemoryKeychain>,
    group: i64,
    /// Supplier members, in seat order.
    members: Vec<i64>,
}

fn config(dir: &std::path::Path, keychain: &Arc<MemoryKeychain>, today: &str) -> SessionConfig {
    SessionConfig {
        data_dir: dir.to_path_buf(),
        keychain: keychain.clone(),
        passphrase: Some(secretariat_api::Passphrase::new(PASSPHRASE)),
        kdf: KdfParams::fast_for_tests(),
        today: Some(d(today)),
        paper_checker: secretariat_api::PaperChecker::program(env!("CARGO_BIN_EXE_paper-check")),
    }
}

/// `employers[i]` is the organisation of supplier member i (all from 2020); organisations named
/// "SME …" are SMEs. Every member's term starts on 2026-01-01.
async fn world(employers: &[&str]) -> World {
    let dir = tempfile::tempdir().unwrap();
    let keychain = Arc::new(MemoryKeychain::default());
    let s = Session::new(config(dir.path(), &keychain, "2026-06-01"));
    let group =
        s.create_group(CreateGroupRequest { name: "Interop WG".into(), template: "techuk-interop".into(), ..Default::default() }).await.unwrap().group.id;
    let seats: Vec<i64> = s.members(group).await.unwrap().seats.iter().filter(|x| x.kind == SeatKind::Supplier).map(|x| x.id).collect();
    let mut organisations: Vec<(String, i64)> = Vec::new();
    let mut members = Vec::new();
    for (i, name) in employers.iter().enumerate() {
        let org = match organisations.iter().find(|(n, _)| n == name) {
            Some((_, id)) => *id,
            None => {
                let input = OrganisationInput {
                    name: (*name).to_owned(),
                    techuk_status: TechukStatus::Member,
                    applied_on: None,
                    sme: name.starts_with("SME"),
                    sme_confirmed_on: None,
                    sector: String::new(),
                };
                let id = s.save_organisation(SaveOrganisation { group_id: group, id: None, input, change: None }).await.unwrap().id;
                organisations.push(((*name).to_owned(), id));
                id
            }
        };
        let person = add_person(&s, group, &format!("Member {i}"), Some(org)).await;
        s.fill_seat(FillSeat { group_id: group, seat_id: seats[i], person_id: person, start: d("2026-01-01"), obtained: Obtained::Election }).await.unwrap();
        members.push(person);
    }
    s.close().await;
    World { dir, keychain, group, members }
}

async fn add_person(s: &Session, group: i64, name: &str, employer: Option<i64>) -> i64 {
    let input = PersonInput { name: name.into(), email: String::new(), job_title: String::new(), manager_status: ManagerStatus::Yes, sort_as: String::new() };
    let employer = employer.map(|organisation_id| FirstEmployer { organisation_id, from: d("2020-01-01") });
    s.save_person(SavePerson { group_id: group, id: None, input, employer, change: None }).await.unwrap().id
}

impl World {
    /// A session whose today is `today`; close it before opening another.
    fn on(&self, today: &str) -> Session {
        Session::new(config(self.dir.path(), &self.keychain, today))
    }

    async fn amend(&self, setting: TorSetting, value: u32, from: &str) -> Result<TorView, ApiError> {
        let s = self.on("2026-06-01");
        let input = AmendmentInput { setting, value, from: d(from), meeting_id: None, decision_id: None, note: "Agreed by email".into() };
        let result = s.amend_tor(AmendTor { group_id: self.group, input }).await;
        s.close().await;
        result
    }

    /// The findings of one paragraph on a day, as Home shows them: (severity, message).
    async fn findings(&self, tor: u8, on: &str) -> Vec<(Severity, String)> {
        let s = self.on("2026-06-01");
        let c = s.compliance(self.group, Some(d(on))).await.unwrap();
        s.close().await;
        c.findings.into_iter().filter(|f| f.tor.0 == tor).map(|f| (f.severity, f.message)).collect()
    }

    async fn has_breach(&self, tor: u8, on: &str) -> bool {
        self.findings(tor, on).await.iter().any(|(s, _)| *s == Severity::Breach)
    }

    async fn seats(&self, kind: SeatKind, today: &str) -> Vec<String> {
        let s = self.on(today);
        let seats = s.members(self.group).await.unwrap().seats;
        s.close().await;
        seats.into_iter().filter(|x| x.kind == kind).map(|x| x.title).collect()
    }

    async fn rows(&self) -> Vec<String> {
        every_row(self.dir.path(), PASSPHRASE).await
    }
}

/// Five supplier members from five member companies, two of them SMEs.
async fn five_suppliers() -> World {
    world(&["SME A", "SME B", "Large C", "Large D", "Large E"]).await
}

// Every amendable setting has its test here, named after its paragraph.
const COVERED: [(TorSetting, &str); 15] = [
    (TorSetting::Rule(RuleSwitch::SroRole), "s08_the_sro_role_switched_off_is_not_asked_for_from_its_date"),
    (TorSetting::TargetSize, "s10_the_group_size_amended_applies_from_its_date"),
    (TorSetting::StakeholderSeats, "s11_stakeholder_seats_added_by_amendment_exist_from_its_date"),
    (TorSetting::SupplierSeats, "s12_supplier_seats_retired_by_amendment_are_gone_from_its_date"),
    (TorSetting::MinSmeSuppliers, "s13_the_sme_minimum_amended_applies_from_its_date"),
    (TorSetting::Rule(RuleSwitch::SmeMinimum), "s13_the_sme_minimum_switched_off_is_not_checked_from_its_date"),
    (TorSetting::TermMonths, "s14_a_term_filled_after_the_term_length_is_amended_runs_the_new_length"),
    (TorSetting::MaxMembersPerOrganisation, "s14_members_per_organisation_amended_applies_from_its_date"),
    (TorSetting::Rule(RuleSwitch::OnePerCompany), "s14_the_one_per_company_rule_switched_off_is_not_checked_from_its_date"),
    (TorSetting::GraceMonths, "s15_the_grace_period_amended_applies_from_its_date"),
    (TorSetting::StrikeAbsences, "s17_the_strike_threshold_amended_applies_from_its_date"),
    (TorSetting::Rule(RuleSwitch::StrikePolicy), "s17_the_strike_policy_switched_off_is_not_applied_from_its_date"),
    (TorSetting::PublicationLeadDays, "s20_the_publication_lead_time_amended_applies_to_meetings_from_its_date"),
    (TorSetting::FundsConsensusPercent, "s22_the_consensus_amended_applies_to_decisions_from_its_date"),
    (TorSetting::PositionVolunteers, "s23_the_volunteers_needed_amended_apply_from_its_date"),
];

#[test]
fn every_amendable_setting_has_a_test_of_its_date() {
    for setting in TorSetting::ALL {
        assert!(COVERED.iter().any(|(s, _)| *s == setting), "{} has no test", setting.key());
    }
}

#[tokio::test]
async fn s08_the_sro_role_switched_off_is_not_asked_for_from_its_date() {
    let w = five_suppliers().await;
    w.amend(TorSetting::Rule(RuleSwitch::SroRole), 0, "2026-07-01").await.unwrap();
    assert_eq!(
        w.findings(8, "2026-06-30").await,
        [(Severity::Warning, "No Senior Responsible Officer (SRO) is appointed on Tue 30 Jun 2026 (ToR §8).".to_owned())]
    );
    assert_eq!(w.findings(8, "2026-07-01").await, []);
    assert_eq!(w.findings(9, "2026-07-01").await.len(), 2, "the Chair and Vice-Chair are still asked for");
}

#[tokio::test]
async fn s10_the_group_size_amended_applies_from_its_date() {
    let w = five_suppliers().await;
    w.amend(TorSetting::TargetSize, 5, "2026-07-01").await.unwrap();
    assert_eq!(w.findings(10, "2026-06-30").await, [(Severity::Notice, "The group has 5 members; ToR §10 expects approximately 12.".to_owned())]);
    assert_eq!(w.findings(10, "2026-07-01").await, []);
}

#[tokio::test]
async fn s11_stakeholder_seats_added_by_amendment_exist_from_its_date() {
    let w = five_suppliers().await;
    w.amend(TorSetting::StakeholderSeats, 5, "2026-07-01").await.unwrap();
    assert_eq!(w.seats(SeatKind::Stakeholder, "2026-06-30").await.len(), 4);
    let after = w.seats(SeatKind::Stakeholder, "2026-07-01").await;
    assert_eq!(after.len(), 5);
    assert_eq!(after.last().unwrap(), "Stakeholder seat 5");
    // A seat is filled only while it exists.
    let s = w.on("2026-07-01");
    let seat = s.members(w.group).await.unwrap().seats.into_iter().find(|x| x.title == "Stakeholder seat 5").unwrap().id;
    let person = add_person(&s, w.group, "Stakeholder", None).await;
    let early = s.fill_seat(FillSeat { group_id: w.group, seat_id: seat, person_id: person, start: d("2026-06-30"), obtained: Obtained::Appointment }).await;
    assert_eq!(early.unwrap_err().field.as_deref(), Some("start"));
    s.fill_seat(FillSeat { group_id: w.group, seat_id: seat, person_id: person, start: d("2026-07-01"), obtained: Obtained::Appointment }).await.unwrap();
    s.close().await;
}

#[tokio::test]
async fn s12_supplier_seats_retired_by_amendment_are_gone_from_its_date() {
    let w = five_suppliers().await;
    let view = w.amend(TorSetting::SupplierSeats, 6, "2026-07-01").await.unwrap();
    assert_eq!(view.amendments[0].change(), "Supplier seats: 8 \u{2192} 6");
    assert_eq!(w.seats(SeatKind::Supplier, "2026-06-30").await.len(), 8);
    let after = w.seats(SeatKind::Supplier, "2026-07-01").await;
    assert_eq!(after.len(), 6, "the two highest-numbered vacant seats are retired: {after:?}");
    assert!(!after.iter().any(|t| t.ends_with(" 7") || t.ends_with(" 8")), "{after:?}");
    // A retired seat is not there to fill: an election called after its retirement is refused.
    let s = w.on("2026-06-01");
    let eighth = s.members(w.group).await.unwrap().seats.iter().find(|x| x.title == "Supplier seat 8").unwrap().id;
    let call = |on: &str| ElectionInput {
        title: "Supplier seat 8".into(),
        fills: ElectionFor::Seats { seat_kind: SeatKind::Supplier, seat_ids: vec![eighth] },
        call_issued_on: d(on),
        nominations_close: d("2026-07-30"),
        returning_officer: String::new(),
    };
    let refused = s.create_election(secretariat_api::elections::CreateElection { group_id: w.group, input: call("2026-07-01") }).await.unwrap_err();
    assert_eq!(refused.field.as_deref(), Some("seat_ids"));
    assert!(refused.message.contains("retired from Wed 1 Jul 2026"), "{}", refused.message);
    s.close().await;
}

#[tokio::test]
async fn s13_the_sme_minimum_amended_applies_from_its_date() {
    let w = five_suppliers().await;
    w.amend(TorSetting::MinSmeSuppliers, 3, "2026-07-01").await.unwrap();
    assert!(!w.has_breach(13, "2026-06-30").await);
    assert!(w.has_breach(13, "2026-07-01").await);
}

#[tokio::test]
async fn s13_the_sme_minimum_switched_off_is_not_checked_from_its_date() {
    let w = world(&["SME A", "Large C", "Large D"]).await;
    w.amend(TorSetting::Rule(RuleSwitch::SmeMinimum), 0, "2026-07-01").await.unwrap();
    assert!(w.has_breach(13, "2026-06-30").await);
    assert_eq!(w.findings(13, "2026-07-01").await, []);
    let s = w.on("2026-07-01");
    let tor = s.tor(w.group, None).await.unwrap();
    s.close().await;
    assert_eq!(tor.not_applying.iter().map(|r| r.tor.to_string()).collect::<Vec<_>>(), ["ToR §13"]);
    assert!(!tor.lines.iter().find(|l| l.key == "min_sme_suppliers").unwrap().applies);
}

#[tokio::test]
async fn s14_a_term_filled_after_the_term_length_is_amended_runs_the_new_length() {
    let w = five_suppliers().await;
    w.amend(TorSetting::TermMonths, 36, "2026-07-01").await.unwrap();
    let s = w.on("2026-07-02");
    let seats: Vec<i64> = s.members(w.group).await.unwrap().seats.iter().filter(|x| x.holder.is_none() && x.kind == SeatKind::Supplier).map(|x| x.id).collect();
    let before = add_person(&s, w.group, "Before", None).await;
    let after = add_person(&s, w.group, "After", None).await;
    s.fill_seat(FillSeat { group_id: w.group, seat_id: seats[0], person_id: before, start: d("2026-06-30"), obtained: Obtained::Election }).await.unwrap();
    let view =
        s.fill_seat(FillSeat { group_id: w.group, seat_id: seats[1], person_id: after, start: d("2026-07-01"), obtained: Obtained::Election }).await.unwrap();
    s.close().await;
    let end = |id: i64| view.seats.iter().find_map(|x| x.holder.as_ref().filter(|h| h.person_id == id)).unwrap().term_end;
    assert_eq!(end(before), d("2028-06-30"), "a term started the day before runs 24 months");
    assert_eq!(end(after), d("2029-07-01"), "a term started on the day runs 36 months");
}

#[tokio::test]
async fn s14_members_per_organisation_amended_applies_from_its_date() {
    let w = world(&["SME A", "SME A", "SME B"]).await;
    w.amend(TorSetting::MaxMembersPerOrganisation, 2, "2026-07-01").await.unwrap();
    assert!(w.has_breach(14, "2026-06-30").await);
    assert!(!w.has_breach(14, "2026-07-01").await);
}

#[tokio::test]
async fn s14_the_one_per_company_rule_switched_off_is_not_checked_from_its_date() {
    let w = world(&["SME A", "SME A", "SME B"]).await;
    w.amend(TorSetting::Rule(RuleSwitch::OnePerCompany), 0, "2026-07-01").await.unwrap();
    assert!(w.has_breach(14, "2026-06-30").await);
    assert!(!w.has_breach(14, "2026-07-01").await);
}

#[tokio::test]
async fn s15_the_grace_period_amended_applies_from_its_date() {
    let w = world(&["SME A", "SME B", "Large C"]).await;
    let s = w.on("2026-06-01");
    let input = OrganisationInput {
        name: "Outsider".into(),
        techuk_status: TechukStatus::NotMember,
        applied_on: None,
        sme: false,
        sme_confirmed_on: None,
        sector: String::new(),
    };
    let outsider = s.save_organisation(SaveOrganisation { group_id: w.group, id: None, input, change: None }).await.unwrap().id;
    s.change_employer(EmployerChange { group_id: w.group, person_id: w.members[2], organisation_id: outsider, from: d("2026-03-01") }).await.unwrap();
    s.close().await;
    // Three months' grace ended on 1 Jun; six, from 15 Jun, run to 1 Sep.
    w.amend(TorSetting::GraceMonths, 6, "2026-06-15").await.unwrap();
    assert!(w.has_breach(15, "2026-06-14").await);
    let on_the_day = w.findings(15, "2026-06-15").await;
    assert!(!on_the_day.is_empty() && !on_the_day.iter().any(|(s, _)| *s == Severity::Breach), "{on_the_day:?}");
}

/// Member 1 absent with apologies at the compulsory meetings of February and March 2026.
async fn absences(w: &World) {
    let s = w.on("2026-06-01");
    for day in ["2026-02-10", "2026-03-10"] {
        let day = d(day);
        let input = MeetingInput {
            title: format!("Meeting {}", day.format("%B")),
            starts_at: day.and_hms_opt(14, 0, 0).unwrap(),
            ends_at: day.and_hms_opt(16, 0, 0).unwrap(),
            venue: String::new(),
            online_link: String::new(),
            compulsory: true,
        };
        let meeting = s.save_meeting(SaveMeeting { group_id: w.group, id: None, input }).await.unwrap().detail.meeting.id;
        let rows = w
            .members
            .iter()
            .enumerate()
            .map(|(i, &person_id)| AttendanceInput {
                person_id,
                capacity: Capacity::Member,
                presence: if i == 1 { Presence::Apologies } else { Presence::Present },
                online: false,
                substitute: String::new(),
            })
            .collect();
        s.save_attendance(SaveAttendance { group_id: w.group, meeting_id: meeting, rows }).await.unwrap();
    }
    s.close().await;
}

#[tokio::test]
async fn s17_the_strike_threshold_amended_applies_from_its_date() {
    let w = five_suppliers().await;
    absences(&w).await;
    w.amend(TorSetting::StrikeAbsences, 3, "2026-04-01").await.unwrap();
    assert!(!w.findings(17, "2026-03-31").await.is_empty(), "two absences reach the threshold of two");
    assert_eq!(w.findings(17, "2026-04-01").await, [], "two absences are below the threshold of three");
}

#[tokio::test]
async fn s17_the_strike_policy_switched_off_is_not_applied_from_its_date() {
    let w = five_suppliers().await;
    absences(&w).await;
    w.amend(TorSetting::Rule(RuleSwitch::StrikePolicy), 0, "2026-04-01").await.unwrap();
    assert!(!w.findings(17, "2026-03-31").await.is_empty());
    assert_eq!(w.findings(17, "2026-04-01").await, []);
}

#[tokio::test]
async fn s20_the_publication_lead_time_amended_applies_to_meetings_from_its_date() {
    let w = five_suppliers().await;
    let s = w.on("2026-06-01");
    for day in ["2026-07-07", "2026-07-14"] {
        let day = d(day);
        let input = MeetingInput {
            title: "Working group meeting".into(),
            starts_at: day.and_hms_opt(14, 0, 0).unwrap(),
            ends_at: day.and_hms_opt(16, 0, 0).unwrap(),
            venue: String::new(),
            online_link: String::new(),
            compulsory: true,
        };
        s.save_meeting(SaveMeeting { group_id: w.group, id: None, input }).await.unwrap();
    }
    s.close().await;
    w.amend(TorSetting::PublicationLeadDays, 14, "2026-07-14").await.unwrap();
    let s = w.on("2026-06-01");
    let rows = s.meeting_rows(w.group).await.unwrap();
    s.close().await;
    let deadlines: Vec<_> = rows.iter().map(|r| (r.meeting.starts_at.date(), r.deadline)).collect();
    assert_eq!(deadlines, [(d("2026-07-07"), d("2026-06-30")), (d("2026-07-14"), d("2026-06-30"))]);
}

#[tokio::test]
async fn s22_the_consensus_amended_applies_to_decisions_from_its_date() {
    let w = five_suppliers().await;
    w.amend(TorSetting::FundsConsensusPercent, 70, "2026-07-01").await.unwrap();
    let s = w.on("2026-07-01");
    let decision = |on: &str| AddDecision {
        group_id: w.group,
        input: DecisionInput {
            meeting_id: None,
            agenda_item_id: None,
            decided_on: d(on),
            kind: DecisionKind::CommissionFunds,
            text: "Commission the interface study".into(),
            in_favour: Some(7),
            base: Some(10),
            outcome: DecisionOutcome::Carried,
        },
    };
    let refused = s.add_decision(decision("2026-06-30")).await.unwrap_err();
    assert_eq!(refused.field.as_deref(), Some("outcome"), "70% is below the 80% in force the day before: {}", refused.message);
    let view = s.add_decision(decision("2026-07-01")).await.unwrap();
    s.close().await;
    assert_eq!(view.decisions.len(), 1);
    assert_eq!(view.consensus_percent, 70);
}

#[tokio::test]
async fn s23_the_volunteers_needed_amended_apply_from_its_date() {
    let w = five_suppliers().await;
    w.amend(TorSetting::PositionVolunteers, 3, "2026-07-01").await.unwrap();
    let s = w.on("2026-06-30");
    let input = PositionInput { title: "Data standards".into(), summary: String::new(), proposed_on: d("2026-06-01") };
    let position = s.add_position(AddPosition { group_id: w.group, input }).await.unwrap().positions[0].position.id;
    for &member in &w.members[..3] {
        s.volunteer(w.group, position, member).await.unwrap();
    }
    let refused = s.start_outline(w.group, position).await.unwrap_err();
    assert!(refused.message.contains("ToR §23"), "{}", refused.message);
    s.close().await;
    let s = w.on("2026-07-01");
    let view = s.start_outline(w.group, position).await.unwrap();
    s.close().await;
    assert_eq!(view.volunteers_needed, 3);
    assert!(view.positions[0].position.outline_started_on.is_some());
}

#[tokio::test]
async fn s13_an_election_opened_after_the_sme_minimum_is_amended_uses_the_new_minimum() {
    // Five suppliers, none from an SME: three supplier seats are vacant.
    let w = world(&["Large A", "Large B", "Large C", "Large D", "Large E"]).await;
    let s = w.on("2026-06-01");
    let seat_ids: Vec<i64> =
        s.members(w.group).await.unwrap().seats.iter().filter(|x| x.kind == SeatKind::Supplier && x.holder.is_none()).map(|x| x.id).collect();
    s.close().await;
    w.amend(TorSetting::MinSmeSuppliers, 1, "2026-06-01").await.unwrap();
    let s = w.on("2026-06-01");
    let input = ElectionInput {
        title: "Supplier seats".into(),
        fills: ElectionFor::Seats { seat_kind: SeatKind::Supplier, seat_ids },
        call_issued_on: d("2026-06-01"),
        nominations_close: d("2026-06-22"),
        returning_officer: String::new(),
    };
    let page = s.create_election(secretariat_api::elections::CreateElection { group_id: w.group, input }).await.unwrap();
    s.close().await;
    let sme: Vec<_> = page.constraints.iter().filter(|c| c.contains("ToR §13")).collect();
    assert_eq!(sme.len(), 1, "{:?}", page.constraints);
    assert!(sme[0].contains("At least 1 of the winners") && sme[0].contains("at least 1 are required"), "{}", sme[0]);
}

#[tokio::test]
async fn an_amendment_dated_before_the_group_existed_is_refused_at_its_date_and_nothing_is_saved() {
    let w = five_suppliers().await;
    let before = w.rows().await;
    let error = w.amend(TorSetting::MinSmeSuppliers, 3, "2025-12-31").await.unwrap_err();
    assert_eq!(error.field.as_deref(), Some("from"));
    assert!(error.message.contains("1 Jan 2026"), "{}", error.message);
    assert_eq!(w.rows().await, before);
}

#[tokio::test]
async fn s12_a_seat_count_below_the_seats_held_is_refused_at_the_value_and_nothing_is_saved() {
    let w = five_suppliers().await;
    let before = w.rows().await;
    let error = w.amend(TorSetting::SupplierSeats, 4, "2026-07-01").await.unwrap_err();
    assert_eq!(error.field.as_deref(), Some("value"));
    assert!(error.message.contains("5 supplier seats are held") && error.message.contains("ToR §12"), "{}", error.message);
    assert_eq!(w.rows().await, before);
    // The preview says the same, at the same field, before anything is saved.
    let s = w.on("2026-06-01");
    let input =
        AmendmentInput { setting: TorSetting::SupplierSeats, value: 4, from: d("2026-07-01"), meeting_id: None, decision_id: None, note: String::new() };
    let preview = s.preview_amendment(AmendTor { group_id: w.group, input }).await.unwrap();
    s.close().await;
    assert!(preview.effect.is_none());
    assert_eq!(preview.problem.unwrap().field.as_deref(), Some("value"));
}

#[tokio::test]
async fn s13_the_preview_names_the_new_breach_before_anything_is_saved() {
    let w = five_suppliers().await;
    let before = w.rows().await;
    let s = w.on("2026-06-01");
    let input =
        AmendmentInput { setting: TorSetting::MinSmeSuppliers, value: 3, from: d("2026-06-01"), meeting_id: None, decision_id: None, note: String::new() };
    let preview = s.preview_amendment(AmendTor { group_id: w.group, input }).await.unwrap();
    s.close().await;
    let effect = preview.effect.unwrap();
    assert_eq!(effect.on, d("2026-06-01"));
    assert!(effect.new.iter().any(|f| f.tor.0 == 13 && f.severity == Severity::Breach), "{:?}", effect.new);
    assert!(effect.cleared.is_empty(), "{:?}", effect.cleared);
    assert_eq!(w.rows().await, before);
}

#[tokio::test]
async fn an_amendment_names_the_meeting_and_decision_that_agreed_it_and_the_latest_can_be_withdrawn_with_its_seats() {
    let w = five_suppliers().await;
    let s = w.on("2026-06-01");
    let day = d("2026-05-12");
    let input = MeetingInput {
        title: "May meeting".into(),
        starts_at: day.and_hms_opt(14, 0, 0).unwrap(),
        ends_at: day.and_hms_opt(16, 0, 0).unwrap(),
        venue: String::new(),
        online_link: String::new(),
        compulsory: true,
    };
    let meeting = s.save_meeting(SaveMeeting { group_id: w.group, id: None, input }).await.unwrap().detail.meeting.id;
    let decision = s
        .add_decision(AddDecision {
            group_id: w.group,
            input: DecisionInput {
                meeting_id: Some(meeting),
                agenda_item_id: None,
                decided_on: day,
                kind: DecisionKind::General,
                text: "Two more supplier seats".into(),
                in_favour: None,
                base: None,
                outcome: DecisionOutcome::Carried,
            },
        })
        .await
        .unwrap()
        .decisions[0]
        .id;
    let input = AmendmentInput {
        setting: TorSetting::SupplierSeats,
        value: 10,
        from: d("2026-07-01"),
        meeting_id: Some(meeting),
        decision_id: Some(decision),
        note: String::new(),
    };
    let view = s.amend_tor(AmendTor { group_id: w.group, input }).await.unwrap();
    let amendment = &view.amendments[0];
    assert_eq!(
        (amendment.meeting.as_ref().unwrap().title.as_str(), amendment.decision.as_ref().unwrap().text.as_str()),
        ("May meeting", "Two more supplier seats")
    );
    assert_eq!(view.withdrawable, Some(amendment.id));
    s.close().await;
    assert_eq!(w.seats(SeatKind::Supplier, "2026-07-01").await.len(), 10);

    // A meeting of another group is refused.
    let foreign =
        AmendmentInput { setting: TorSetting::TargetSize, value: 10, from: d("2026-07-01"), meeting_id: Some(9999), decision_id: None, note: String::new() };
    let s = w.on("2026-06-01");
    assert_eq!(s.amend_tor(AmendTor { group_id: w.group, input: foreign }).await.unwrap_err().field.as_deref(), Some("meeting_id"));
    let view = s.withdraw_amendment(OfAmendment { group_id: w.group, amendment_id: amendment.id }).await.unwrap();
    s.close().await;
    assert!(view.amendments.is_empty());
    assert_eq!(w.seats(SeatKind::Supplier, "2026-07-01").await.len(), 8);
    let audit = w.rows().await.into_iter().filter(|r| r.starts_with("audit_log:") && r.contains("'tor_amendment'")).count();
    assert_eq!(audit, 2, "the amendment and its withdrawal are audited");
}

#[tokio::test]
async fn the_consolidated_terms_of_reference_list_every_number_with_its_paragraph_and_the_amendments() {
    let w = five_suppliers().await;
    w.amend(TorSetting::MinSmeSuppliers, 3, "2026-07-01").await.unwrap();
    w.amend(TorSetting::Rule(RuleSwitch::StrikePolicy), 0, "2026-07-01").await.unwrap();
    let s = w.on("2026-07-01");
    s.set_tor_text(secretariat_api::tor::SetTorText { group_id: w.group, text: "13. At least three of the supplier members are from an SME.".into() })
        .await
        .unwrap();
    let made = s.make_document(w.group, Document::TermsOfReference { on: None }).await.unwrap();
    s.close().await;
    assert!(made.file_name.ends_with("terms of reference 2026-07-01.pdf"), "{}", made.file_name);
    let text = pdftotext(&made.bytes);
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    // Each number on its row, after its paragraph.
    for setting in TorSetting::ALL.into_iter().filter(|s| !s.is_switch()) {
        let start = setting.label().split_whitespace().take(2).collect::<Vec<_>>().join(" ");
        assert!(flat.contains(&format!("{} {start}", setting.tor())), "{} missing: {flat}", setting.label());
    }
    assert!(flat.contains("The strike policy on absences (ToR §17)"), "the rule that does not apply: {flat}");
    // The amendment table: from, paragraph, what changed (the setting, then was → now), who agreed.
    assert!(flat.contains("Wed 1 Jul 2026 ToR §13 Supplier members from an SME"), "the amendment table: {flat}");
    assert!(text.lines().any(|l| l.trim().replace(" ", "") == "2→3"), "{text}");
    assert!(flat.contains("Wed 1 Jul 2026 ToR §17 The strike policy on absences"), "{flat}");
    assert!(text.lines().any(|l| l.contains("applies → does not apply")), "{text}");
    assert!(flat.contains("Agreed by email"), "{flat}");
    assert!(flat.contains("At least three of the supplier members are from an SME."), "the kept text: {flat}");
}

#[tokio::test]
async fn the_pack_for_a_meeting_that_amends_the_terms_of_reference_carries_them_as_they_stand() {
    let w = five_suppliers().await;
    w.amend(TorSetting::MinSmeSuppliers, 3, "2026-07-01").await.unwrap();
    let s = w.on("2026-07-01");
    s.set_tor_text(secretariat_api::tor::SetTorText { group_id: w.group, text: "22. Consensus is at least 80% of the members present.".into() }).await.unwrap();
    let meeting_on = |day: &str| {
        let day = d(day);
        MeetingInput {
            title: "Working group meeting".into(),
            starts_at: day.and_hms_opt(14, 0, 0).unwrap(),
            ends_at: day.and_hms_opt(16, 0, 0).unwrap(),
            venue: String::new(),
            online_link: String::new(),
            compulsory: true,
        }
    };
    let meeting = s.save_meeting(SaveMeeting { group_id: w.group, id: None, input: meeting_on("2026-07-14") }).await.unwrap().detail.meeting.id;
    let item =
        AgendaItemInput { title: "Amendment of the Terms of Reference".into(), purpose: Purpose::Decision, presenter_id: None, minutes: 20, private: false };
    let page = s.save_agenda_item(SaveAgendaItem { group_id: w.group, meeting_id: meeting, id: None, input: item }).await.unwrap();
    let item = page.detail.items.iter().find(|i| i.input.title.contains("Terms of Reference")).unwrap().id;
    let other = s.save_meeting(SaveMeeting { group_id: w.group, id: None, input: meeting_on("2026-08-11") }).await.unwrap().detail.meeting.id;
    let elsewhere = s.attach_terms_of_reference(w.group, other, item).await.unwrap_err();
    assert_eq!(elsewhere.field.as_deref(), Some("item_id"), "an item of another meeting is refused");

    let page = s.attach_terms_of_reference(w.group, meeting, item).await.unwrap();
    let papers = &page.detail.items.iter().find(|i| i.id == item).unwrap().papers;
    assert_eq!(papers.iter().map(|p| p.title.as_str()).collect::<Vec<_>>(), ["Terms of Reference in force on Wed 1 Jul 2026"]);
    assert!(papers[0].pages >= 1);
    let pack = s.make_document(w.group, Document::AgendaPack { meeting_id: meeting }).await.unwrap();
    s.close().await;
    let flat = pdftotext(&pack.bytes).split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("Wed 1 Jul 2026 ToR §13 Supplier members from an SME"), "the amendment table in the pack: {flat}");
    assert!(flat.contains("Consensus is at least 80% of the members present."), "the text kept with them: {flat}");
}
