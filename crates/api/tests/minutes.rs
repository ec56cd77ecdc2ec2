//! Attendance and the strike policy (ToR §17), minutes and private sessions (ToR §21),
//! actions, decisions (ToR §22) and positions (ToR §23–§24) through the `Session`,
//! against a real encrypted database; the PDFs checked by extracting their text.

mod common;

use chrono::NaiveDate;
use common::pdftotext;
use secretariat_api::documents::Document;
use secretariat_api::minutes::*;
use secretariat_api::types::*;
use secretariat_api::{KdfParams, MemoryKeychain, Session, SessionConfig};
use secretariat_rules::tor::s17_attendance::{Discretion, Presence};
use secretariat_rules::{ManagerStatus, Obtained, SeatKind, TechukStatus};
use secretariat_store::{
    ActionInput, AttendanceInput, Capacity, DecisionInput, DecisionKind, DecisionOutcome, MeetingInput, OrganisationInput, PersonInput, PositionInput,
    StrikeDecisionInput,
};
use std::sync::Arc;

fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

struct World {
    s: Session,
    group: i64,
    members: Vec<i64>,
    meetings: Vec<i64>,
    _dir: tempfile::TempDir,
}

/// Four supplier members from 2026-01-01 and three compulsory meetings (Feb, Mar, Apr 2026) and one optional (May).
async fn world() -> World {
    let dir = tempfile::tempdir().unwrap();
    let s = Session::new(SessionConfig {
        data_dir: dir.path().to_path_buf(),
        keychain: Arc::new(MemoryKeychain::default()),
        passphrase: Some(secretariat_api::Passphrase::new("a recovery passphrase")),
        kdf: KdfParams::fast_for_tests(),
        today: Some(d("2026-06-01")),
        paper_checker: secretariat_api::PaperChecker::program(env!("CARGO_BIN_EXE_paper-check")),
    });
    let group =
        s.create_group(CreateGroupRequest { name: "Interop WG".into(), template: "techuk-interop".into(), ..Default::default() }).await.unwrap().group.id;
    let seats: Vec<i64> = s.members(group).await.unwrap().seats.iter().filter(|x| x.kind == SeatKind::Supplier).map(|x| x.id).collect();
    let mut members = Vec::new();
    for (i, &seat) in seats.iter().enumerate().take(4) {
        let input = OrganisationInput {
            name: format!("Co {i}"),
            techuk_status: TechukStatus::Member,
            applied_on: None,
            sme: false,
            sme_confirmed_on: None,
            sector: String::new(),
        };
        let org = s.save_organisation(SaveOrganisation { group_id: group, id: None, input, change: None }).await.unwrap().id;
        let person = s
            .save_person(SavePerson {
                group_id: group,
                id: None,
                input: PersonInput {
                    name: format!("Member {i}"),
                    email: String::new(),
                    job_title: String::new(),
                    manager_status: ManagerStatus::Yes,
                    sort_as: String::new(),
                },
                employer: Some(FirstEmployer { organisation_id: org, from: d("2020-01-01") }),
                change: None,
            })
            .await
            .unwrap()
            .id;
        s.fill_seat(FillSeat { group_id: group, seat_id: seat, person_id: person, start: d("2026-01-01"), obtained: Obtained::Election }).await.unwrap();
        members.push(person);
    }
    let mut meetings = Vec::new();
    for (day, compulsory) in [("2026-02-10", true), ("2026-03-10", true), ("2026-04-14", true), ("2026-05-12", false)] {
        let day = d(day);
        let input = MeetingInput {
            title: format!("Meeting {}", day.format("%B")),
            starts_at: day.and_hms_opt(14, 0, 0).unwrap(),
            ends_at: day.and_hms_opt(16, 0, 0).unwrap(),
            venue: String::new(),
            online_link: String::new(),
            compulsory,
        };
        meetings.push(s.save_meeting(SaveMeeting { group_id: group, id: None, input }).await.unwrap().detail.meeting.id);
    }
    World { s, group, members, meetings, _dir: dir }
}

impl World {
    async fn attend(&self, meeting: usize, absent: &[(usize, Presence)]) -> MeetingRecord {
        let rows = self
            .members
            .iter()
            .enumerate()
            .map(|(i, &person_id)| {
                let presence = absent.iter().find(|(k, _)| *k == i).map_or(Presence::Present, |(_, p)| *p);
                AttendanceInput { person_id, capacity: Capacity::Member, presence, online: false, substitute: String::new() }
            })
            .collect();
        self.s.save_attendance(SaveAttendance { group_id: self.group, meeting_id: self.meetings[meeting], rows }).await.unwrap()
    }

    async fn s17_findings(&self) -> Vec<String> {
        let c = self.s.compliance(self.group, None).await.unwrap();
        c.findings.into_iter().filter(|f| f.tor.0 == 17).map(|f| f.message).collect()
    }
}

#[tokio::test]
async fn s17_two_apologies_at_compulsory_meetings_ask_for_a_decision_and_ejection_opens_a_vacancy() {
    let w = world().await;
    w.attend(0, &[(1, Presence::Apologies)]).await;
    assert!(w.s17_findings().await.is_empty(), "one absence is below the threshold");
    // A substitute attended for Member 1: it does not clear the absence.
    let record = w.attend(1, &[(1, Presence::Apologies)]).await;
    let line = record.attendance.iter().find(|a| a.person_id == w.members[1]).unwrap();
    assert_eq!(line.strikes, 2);
    let findings = w.s17_findings().await;
    assert_eq!(findings.len(), 1, "{findings:?}");
    assert!(findings[0].contains("Member 1") && findings[0].contains("apologies count as absence"), "{}", findings[0]);
    // Non-compulsory meetings do not count.
    w.attend(3, &[(2, Presence::Absent)]).await;
    w.attend(2, &[(2, Presence::Absent)]).await;
    assert_eq!(w.s17_findings().await.len(), 1);

    let grid = w.s.attendance_year(w.group, 2026).await.unwrap();
    let row = grid.rows.iter().find(|r| r.person_id == w.members[1]).unwrap();
    assert!(row.needs_decision);
    assert_eq!(row.marks.iter().filter(|m| matches!(m, Some(x) if x.presence == Presence::Apologies)).count(), 2);

    // Nothing happens until the Chair, Vice-Chair and programme manager decide. A decision needs a reason.
    let decision = |reason: &str, decision| DecideStrike {
        group_id: w.group,
        input: StrikeDecisionInput {
            person_id: w.members[1],
            year: 2026,
            decision,
            reason: reason.into(),
            decided_on: d("2026-05-20"),
            decided_by: "Chair, Vice-Chair and programme manager".into(),
        },
    };
    let refused = w.s.decide_strike(decision("", Discretion::Eject)).await.unwrap_err();
    assert_eq!(refused.field.as_deref(), Some("reason"));
    assert!(w.s.members(w.group).await.unwrap().seats.iter().filter(|x| x.holder.is_some()).count() == 4, "no one was ejected");
    // Someone under the threshold cannot be decided on.
    let early =
        w.s.decide_strike(DecideStrike { input: StrikeDecisionInput { person_id: w.members[0], ..decision("x", Discretion::Eject).input }, group_id: w.group })
            .await
            .unwrap_err();
    assert!(early.message.contains("ToR §17"), "{}", early.message);

    w.s.decide_strike(decision("Two absences without engagement between meetings.", Discretion::Eject)).await.unwrap();
    assert!(w.s17_findings().await.is_empty(), "the decision answers the finding");
    let person = w.s.person(w.group, w.members[1]).await.unwrap();
    let term = person.terms.last().unwrap();
    assert_eq!(term.ended_on, Some(d("2026-05-20")));
    assert!(term.end_reason.as_deref().unwrap_or_default().contains("§17"), "{:?}", term.end_reason);
    let pdf = pdftotext(&w.s.make_document(w.group, Document::of(DocumentKind::AttendanceReport, Some(2026)).unwrap()).await.unwrap().bytes);
    assert!(pdf.contains("Member 1") && pdf.contains("ToR §17") && pdf.contains("Ejected"), "{pdf}");
    w.s.close().await;
}

#[tokio::test]
async fn s21_a_private_session_has_no_minuted_content_and_needs_the_chairs_agreement() {
    let w = world().await;
    let meeting = w.meetings[0];
    let record = w.s.meeting_record(w.group, meeting).await.unwrap();
    let item = record.minutes.items[1].item_id;
    let other = record.minutes.items[0].item_id;
    let hold = |chair_agreed, requested_by: &str| HoldInPrivate {
        group_id: w.group,
        meeting_id: meeting,
        item_id: item,
        requested_by: requested_by.into(),
        chair_agreed,
    };
    let refused = w.s.hold_in_private(hold(false, "Member 2")).await.unwrap_err();
    assert_eq!(refused.field.as_deref(), Some("chair_agreed"));
    assert!(refused.message.contains("ToR §21"), "{}", refused.message);
    assert!(w.s.meeting_record(w.group, meeting).await.unwrap().minutes.items[1].private.is_none(), "nothing was saved");
    let record = w.s.hold_in_private(hold(true, "Member 2")).await.unwrap();
    assert_eq!(record.minutes.items[1].notes, None);
    // Notes for a private item are refused: there is no place for them.
    let notes = w.s.save_item_notes(SaveNotes { group_id: w.group, meeting_id: meeting, item_id: item, notes: "Zanzibar".into() }).await.unwrap_err();
    assert!(notes.message.contains("private session"), "{}", notes.message);
    w.s.save_item_notes(SaveNotes { group_id: w.group, meeting_id: meeting, item_id: other, notes: "Discussed the roadmap.".into() }).await.unwrap();
    let pdf = pdftotext(&w.s.make_document(w.group, Document::of(DocumentKind::Minutes, Some(meeting)).unwrap()).await.unwrap().bytes);
    assert!(pdf.contains("ToR §21") && pdf.contains("Discussed the roadmap") && pdf.contains("DRAFT"), "{pdf}");
    assert!(!pdf.contains("Zanzibar"));
    w.s.close().await;
}

#[tokio::test]
async fn approved_minutes_are_locked_and_changes_are_recorded_corrections() {
    let w = world().await;
    let (first, second) = (w.meetings[0], w.meetings[1]);
    let item = w.s.meeting_record(w.group, first).await.unwrap().minutes.items[0].item_id;
    w.s.save_item_notes(SaveNotes { group_id: w.group, meeting_id: first, item_id: item, notes: "Welcome.".into() }).await.unwrap();
    let at_second = w.s.meeting_record(w.group, second).await.unwrap();
    assert_eq!(at_second.previous_draft.as_ref().map(|m| m.id), Some(first), "the next meeting offers to approve them");
    // Minutes cannot be approved at the same or an earlier meeting.
    assert!(w.s.approve_minutes(w.group, second, first, String::new()).await.is_err());
    w.s.approve_minutes(w.group, first, second, "Spelling of a name corrected.".into()).await.unwrap();
    let locked = w.s.save_item_notes(SaveNotes { group_id: w.group, meeting_id: first, item_id: item, notes: "Changed.".into() }).await.unwrap_err();
    assert!(locked.message.contains("locked"), "{}", locked.message);
    let record = w.s.add_correction(w.group, first, Some(item), "The welcome was given by the Vice-Chair.".into()).await.unwrap();
    assert_eq!(record.minutes.corrections.len(), 1);
    assert!(w.s.meeting_record(w.group, second).await.unwrap().previous_draft.is_none());
    let pdf = pdftotext(&w.s.make_document(w.group, Document::of(DocumentKind::Minutes, Some(first)).unwrap()).await.unwrap().bytes);
    assert!(pdf.contains("Approved") && pdf.contains("Vice-Chair") && !pdf.contains("DRAFT"), "{pdf}");
    w.s.close().await;
}

#[tokio::test]
async fn open_actions_are_matters_arising_at_the_next_meeting_and_overdue_ones_reach_home() {
    let w = world().await;
    let record = w.s.meeting_record(w.group, w.meetings[0]).await.unwrap();
    let input = ActionInput {
        meeting_id: w.meetings[0],
        agenda_item_id: Some(record.minutes.items[1].item_id),
        description: "Draft the survey".into(),
        owner_id: w.members[0],
        due_on: d("2026-03-01"),
    };
    w.s.add_action(AddAction { group_id: w.group, input: input.clone() }).await.unwrap();
    let early = w.s.add_action(AddAction { group_id: w.group, input: ActionInput { due_on: d("2026-01-01"), ..input } }).await.unwrap_err();
    assert_eq!(early.field.as_deref(), Some("due_on"));
    let next = w.s.meeting_record(w.group, w.meetings[1]).await.unwrap();
    assert_eq!(next.open_actions.len(), 1);
    assert_eq!(next.open_actions[0].description, "Draft the survey");
    let home = w.s.group_home(w.group).await.unwrap();
    assert_eq!(home.overdue_actions.len(), 1);
    let log = pdftotext(&w.s.make_document(w.group, Document::of(DocumentKind::ActionLog, None).unwrap()).await.unwrap().bytes);
    assert!(log.contains("Draft the survey") && log.contains("Overdue"), "{log}");
    let agenda = pdftotext(&w.s.make_document(w.group, Document::of(DocumentKind::Agenda, Some(w.meetings[1])).unwrap()).await.unwrap().bytes);
    assert!(agenda.contains("Draft the survey"), "open actions are listed under matters arising: {agenda}");
    w.s.set_action_status(w.group, next.open_actions[0].id, secretariat_store::ActionStatus::Done).await.unwrap();
    assert!(w.s.meeting_record(w.group, w.meetings[1]).await.unwrap().open_actions.is_empty());
    w.s.close().await;
}

#[tokio::test]
async fn s22_member_funds_need_the_threshold_to_be_carried() {
    let w = world().await;
    let funds = |in_favour, base, outcome| AddDecision {
        group_id: w.group,
        input: DecisionInput {
            meeting_id: Some(w.meetings[0]),
            agenda_item_id: None,
            decided_on: d("2026-02-10"),
            kind: DecisionKind::CommissionFunds,
            text: "Commission a survey".into(),
            in_favour: Some(in_favour),
            base: Some(base),
            outcome,
        },
    };
    let refused = w.s.add_decision(funds(7, 9, DecisionOutcome::Carried)).await.unwrap_err();
    assert_eq!(refused.field.as_deref(), Some("outcome"));
    assert!(refused.message.contains("not met") && refused.message.contains("ToR §22"), "{}", refused.message);
    w.s.add_decision(funds(7, 9, DecisionOutcome::NotCarried)).await.unwrap();
    let view = w.s.add_decision(funds(8, 10, DecisionOutcome::Carried)).await.unwrap();
    let carried = view.decisions.iter().find(|d| d.outcome == DecisionOutcome::Carried).unwrap();
    assert!(carried.consensus.as_ref().unwrap().met);
    // The base is a group setting: members present.
    let view = w.s.set_consensus_base(w.group, secretariat_rules::tor::s21_s24_decisions::ConsensusBase::Present).await.unwrap();
    assert_eq!(view.consensus_base, secretariat_rules::tor::s21_s24_decisions::ConsensusBase::Present);
    w.s.close().await;
}

#[tokio::test]
async fn s23_the_outline_starts_at_six_volunteers_and_s24_viewpoints_are_never_counted() {
    let w = world().await;
    let view =
        w.s.add_position(AddPosition {
            group_id: w.group,
            input: PositionInput { title: "Open APIs".into(), summary: String::new(), proposed_on: d("2026-05-01") },
        })
        .await
        .unwrap();
    let position = view.positions[0].position.id;
    // Six volunteers: the four members and two more people.
    let mut people = w.members.clone();
    for name in ["Extra One", "Extra Two"] {
        let input =
            PersonInput { name: name.into(), email: String::new(), job_title: String::new(), manager_status: ManagerStatus::Unknown, sort_as: String::new() };
        people.push(w.s.save_person(SavePerson { group_id: w.group, id: None, input, employer: None, change: None }).await.unwrap().id);
    }
    for &p in &people[..5] {
        w.s.volunteer(w.group, position, p).await.unwrap();
    }
    let five = w.s.decisions_view(w.group).await.unwrap();
    assert!(!five.positions[0].outline_may_start);
    assert!(five.positions[0].gate.contains("1 more member must volunteer"), "{}", five.positions[0].gate);
    let refused = w.s.start_outline(w.group, position).await.unwrap_err();
    assert!(refused.message.contains("ToR §23"));
    w.s.volunteer(w.group, position, people[5]).await.unwrap();
    let started = w.s.start_outline(w.group, position).await.unwrap();
    assert!(started.positions[0].position.outline_started_on.is_some());

    let counted = w.s.add_viewpoint(w.group, position, "7 members oppose it".into()).await.unwrap_err();
    assert_eq!(counted.field.as_deref(), Some("viewpoint"));
    assert!(counted.message.contains("ToR §24"));
    w.s.add_viewpoint(w.group, position, "Some favour one national standard; others prefer local adapters.".into()).await.unwrap();
    let missing_reason =
        w.s.decide_public_position(PublicDecision {
            group_id: w.group,
            position_id: position,
            divided: true,
            decision: Some(secretariat_store::PublicPosition::NotTake),
            reason: String::new(),
            decided_by: "PM and Chair".into(),
        })
        .await
        .unwrap_err();
    assert_eq!(missing_reason.field.as_deref(), Some("reason"));
    let view =
        w.s.decide_public_position(PublicDecision {
            group_id: w.group,
            position_id: position,
            divided: true,
            decision: Some(secretariat_store::PublicPosition::NotTake),
            reason: "A public position now would not add to techUK's credibility.".into(),
            decided_by: "Programme manager and Chair".into(),
        })
        .await
        .unwrap();
    assert!(view.positions[0].position.divided);
    w.s.close().await;
}

#[tokio::test]
async fn observers_are_listed_apart_and_never_count_as_strikes() {
    let w = world().await;
    let input = PersonInput {
        name: "Olive Observer".into(),
        email: String::new(),
        job_title: String::new(),
        manager_status: ManagerStatus::Unknown,
        sort_as: String::new(),
    };
    let observer = w.s.save_person(SavePerson { group_id: w.group, id: None, input, employer: None, change: None }).await.unwrap().id;
    let mut rows: Vec<AttendanceInput> = w
        .members
        .iter()
        .map(|&person_id| AttendanceInput { person_id, capacity: Capacity::Member, presence: Presence::Present, online: false, substitute: String::new() })
        .collect();
    rows.push(AttendanceInput { person_id: observer, capacity: Capacity::Observer, presence: Presence::Present, online: true, substitute: String::new() });
    let record = w.s.save_attendance(SaveAttendance { group_id: w.group, meeting_id: w.meetings[0], rows }).await.unwrap();
    let line = record.attendance.iter().find(|a| a.person_id == observer).unwrap();
    assert_eq!(line.capacity, Capacity::Observer);
    assert!(line.online);
    let pdf = pdftotext(&w.s.make_document(w.group, Document::of(DocumentKind::Minutes, Some(w.meetings[0])).unwrap()).await.unwrap().bytes);
    assert!(pdf.contains("Olive Observer"), "in attendance: {pdf}");
    assert!(w.s.attendance_year(w.group, 2026).await.unwrap().rows.iter().all(|r| r.person_id != observer), "not a member's row");
    w.s.close().await;
}
