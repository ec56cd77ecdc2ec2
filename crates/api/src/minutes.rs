//! What happens at meetings, through the `Session`: attendance and the strike policy
//! (ToR §17), minutes with private sessions (ToR §21), actions, decisions (ToR §22)
//! and positions (ToR §23–§24).

use crate::error::{ApiError, ApiResult};
use crate::session::Session;
use chrono::{Datelike, NaiveDate};
use secretariat_rules::register::Id;
use secretariat_rules::tor::s17_attendance::{self as s17, Discretion, Presence};
use secretariat_rules::tor::s21_s24_decisions::{ConsensusBase, outline_gate};
use secretariat_rules::uk_date;
use secretariat_store::{
    ActionInput, ActionStatus, ActionView, AttendanceInput, Capacity, DecisionInput, DecisionView, EndReason, MeetingSummary, MinutesView, PositionInput,
    PositionView, PublicPosition, StrikeDecisionInput, StrikeDecisionView,
};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// One person on a meeting's attendance sheet: every member on the day and every standing
/// invitee, with what was recorded (nothing yet: `presence` is None).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AttendanceLine {
    pub person_id: Id,
    pub name: String,
    pub organisation: Option<String>,
    pub capacity: Capacity,
    pub presence: Option<Presence>,
    pub online: bool,
    pub substitute: String,
    /// Strikes this calendar year up to and including this meeting (members only, ToR §17).
    pub strikes: u32,
}

/// A meeting's record: attendance, minutes, its actions and decisions, and what the next
/// agenda carries forward.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct MeetingRecord {
    pub meeting: MeetingSummary,
    pub attendance: Vec<AttendanceLine>,
    pub attendance_recorded: bool,
    pub strike_threshold: u32,
    pub minutes: MinutesView,
    /// Actions raised at this meeting.
    pub actions: Vec<ActionView>,
    /// Actions from earlier meetings still open: "matters arising".
    pub open_actions: Vec<ActionView>,
    pub decisions: Vec<DecisionView>,
    /// The earlier meeting whose draft minutes this one can approve.
    pub previous_draft: Option<MeetingSummary>,
    /// Everyone who can own an action: members and invitees.
    pub people: Vec<secretariat_store::PersonView>,
    pub consensus_base: ConsensusBase,
    pub consensus_percent: u32,
    /// Declarations of interest made at the meeting, in agenda order.
    pub declarations: Vec<secretariat_store::DeclarationView>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct SaveAttendance {
    pub group_id: i64,
    pub meeting_id: i64,
    pub rows: Vec<AttendanceInput>,
}

/// A member × meeting grid for a calendar year (ToR §17).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AttendanceYear {
    pub year: i32,
    pub threshold: u32,
    pub meetings: Vec<MeetingSummary>,
    pub rows: Vec<AttendanceYearRow>,
    pub decisions: Vec<StrikeDecisionView>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AttendanceYearRow {
    pub person_id: Id,
    pub name: String,
    /// Per meeting: what was recorded, or None (not a member then, or not recorded).
    pub marks: Vec<Option<AttendanceMark>>,
    pub strikes: u32,
    /// At or over the threshold with no decision covering it: the Chair, Vice-Chair and
    /// programme manager must decide (ToR §17).
    pub needs_decision: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
pub struct AttendanceMark {
    pub presence: Presence,
    pub online: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct DecideStrike {
    pub group_id: i64,
    pub input: StrikeDecisionInput,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct SaveNotes {
    pub group_id: i64,
    pub meeting_id: i64,
    pub item_id: i64,
    pub notes: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct HoldInPrivate {
    pub group_id: i64,
    pub meeting_id: i64,
    pub item_id: i64,
    pub requested_by: String,
    /// The Chair agreed (ToR §21); without it the item cannot be saved as private.
    pub chair_agreed: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct AddAction {
    pub group_id: i64,
    pub input: ActionInput,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct AddDecision {
    pub group_id: i64,
    pub input: DecisionInput,
}

/// The Decisions screen: the register (ToR §22) and positions (ToR §23–§24).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct DecisionsView {
    pub decisions: Vec<DecisionView>,
    pub positions: Vec<PositionLine>,
    pub consensus_base: ConsensusBase,
    pub consensus_percent: u32,
    pub volunteers_needed: u32,
    pub people: Vec<secretariat_store::PersonView>,
    pub actions: Vec<ActionView>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PositionLine {
    pub position: PositionView,
    /// Whether the outline may start, and if not how many more volunteers are needed (ToR §23).
    pub outline_may_start: bool,
    pub gate: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct AddPosition {
    pub group_id: i64,
    pub input: PositionInput,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct PublicDecision {
    pub group_id: i64,
    pub position_id: i64,
    pub divided: bool,
    pub decision: Option<PublicPosition>,
    pub reason: String,
    pub decided_by: String,
}

impl Session {
    pub async fn meeting_record(&self, group_id: i64, meeting_id: i64) -> ApiResult<MeetingRecord> {
        let store = self.open_store().await?;
        let detail = store.meeting_detail(group_id, meeting_id).await?;
        let meeting = detail.meeting;
        let day = meeting.starts_at.date();
        let register = store.register(group_id).await?;
        let on = register.on(day);
        let recorded = store.attendance(group_id, meeting_id).await?;
        // Strikes count per calendar year (ToR §17): only this meeting's year is read.
        let record = store.attendance_record_of_year(group_id, day.year()).await?;
        let people = store.people(group_id, day).await?;
        let organisation = |person: Id| people.iter().find(|p| p.id == person).and_then(|p| p.organisation.clone());
        let mut attendance: Vec<AttendanceLine> = on
            .members
            .iter()
            .map(|m| {
                let mark = recorded.iter().find(|r| r.person_id == m.person.id);
                AttendanceLine {
                    person_id: m.person.id,
                    name: m.person.name.clone(),
                    organisation: m.employer.map(|o| o.name.clone()),
                    capacity: Capacity::Member,
                    presence: mark.map(|r| r.presence),
                    online: mark.is_some_and(|r| r.online),
                    substitute: mark.map(|r| r.substitute.clone()).unwrap_or_default(),
                    strikes: s17::strikes(&on, &record, m.person.id, day.year(), day).len() as u32,
                }
            })
            .collect();
        for invitee in store.invitees(group_id, day).await? {
            let mark = recorded.iter().find(|r| r.person_id == invitee.person_id);
            attendance.push(AttendanceLine {
                person_id: invitee.person_id,
                name: invitee.person.clone(),
                organisation: invitee.organisation.clone(),
                capacity: Capacity::Invitee,
                presence: mark.map(|r| r.presence),
                online: mark.is_some_and(|r| r.online),
                substitute: String::new(),
                strikes: 0,
            });
        }
        // Observers and anyone else recorded who is neither a member nor an invitee that day.
        for r in &recorded {
            if !attendance.iter().any(|a| a.person_id == r.person_id) {
                attendance.push(AttendanceLine {
                    person_id: r.person_id,
                    name: r.name.clone(),
                    organisation: organisation(r.person_id),
                    capacity: r.capacity,
                    presence: Some(r.presence),
                    online: r.online,
                    substitute: r.substitute.clone(),
                    strikes: 0,
                });
            }
        }
        // Only this meeting's actions and the open ones are read, not the whole action log.
        let read_actions = store.actions_for_meeting(group_id, meeting_id).await?;
        let (actions, earlier): (Vec<_>, Vec<_>) = read_actions.into_iter().partition(|a| a.meeting_id == meeting_id);
        let open_actions = earlier.into_iter().filter(|a| a.status == ActionStatus::Open && a.meeting_starts_at < meeting.starts_at).collect();
        let decisions = store.decisions_of_meeting(group_id, meeting_id).await?;
        let previous_draft = match store.meeting_before(group_id, meeting_id).await? {
            Some(prev) if store.minutes(group_id, prev.id).await?.approved_on.is_none() => Some(prev),
            _ => None,
        };
        Ok(MeetingRecord {
            attendance_recorded: !recorded.is_empty(),
            attendance,
            // The rules in force on the meeting's day (ToR §17, §22 as amended by then).
            strike_threshold: on.settings().strike_absences,
            minutes: store.minutes(group_id, meeting_id).await?,
            actions,
            open_actions,
            decisions,
            previous_draft,
            people,
            consensus_base: store.consensus_base(group_id).await?,
            consensus_percent: on.settings().funds_consensus_percent,
            declarations: store.declarations_of_meeting(group_id, meeting_id).await?,
            meeting,
        })
    }

    pub async fn save_attendance(&self, request: SaveAttendance) -> ApiResult<MeetingRecord> {
        let store = self.open_store().await?;
        store.write(async |w| w.set_attendance(request.group_id, request.meeting_id, &request.rows).await).await?;
        self.meeting_record(request.group_id, request.meeting_id).await
    }

    /// The year's attendance grid, with each member's strikes (ToR §17).
    pub async fn attendance_year(&self, group_id: i64, year: i32) -> ApiResult<AttendanceYear> {
        let store = self.open_store().await?;
        let register = store.register(group_id).await?;
        // Strikes count per calendar year (ToR §17): only the year's meetings and marks are read.
        let record = store.attendance_record_of_year(group_id, year).await?;
        let meetings: Vec<MeetingSummary> = store.meeting_summaries_of_year(group_id, year).await?;
        let end = NaiveDate::from_ymd_opt(year, 12, 31).ok_or_else(|| ApiError::invalid("year", "That year is out of range."))?;
        let today = self.today();
        let last_day = end.min(today.max(NaiveDate::from_ymd_opt(year, 1, 1).expect("1 January")));
        let mut people: Vec<(Id, String)> = Vec::new();
        for m in &meetings {
            for member in register.on(m.starts_at.date()).members {
                if !people.iter().any(|(id, _)| *id == member.person.id) {
                    people.push((member.person.id, member.person.name.clone()));
                }
            }
        }
        people.sort_by_key(|a| a.1.to_lowercase());
        let decisions = store.strike_decisions(group_id).await?.into_iter().filter(|d| d.year == year).collect::<Vec<_>>();
        let day = register.on(last_day);
        // The strike policy as it stands at the end of the period (ToR §17, as amended by then).
        let (threshold, applies) = (day.settings().strike_absences, day.settings().applies(secretariat_rules::RuleSwitch::StrikePolicy));
        let rows = people
            .into_iter()
            .map(|(person_id, name)| {
                let marks = meetings
                    .iter()
                    .map(|m| {
                        let member_then = register.terms.iter().any(|t| t.person == person_id && t.runs_on(m.starts_at.date()));
                        record
                            .marks
                            .iter()
                            .find(|k| k.meeting == m.id && k.person == person_id && member_then)
                            .map(|k| AttendanceMark { presence: k.presence, online: false })
                    })
                    .collect();
                let strikes = s17::strikes(&day, &record, person_id, year, last_day).len() as u32;
                let decided = decisions.iter().filter(|d| d.person_id == person_id).map(|d| d.strikes).max();
                AttendanceYearRow { person_id, name, marks, strikes, needs_decision: applies && strikes >= threshold && decided.is_none_or(|d| d < strikes) }
            })
            .collect();
        Ok(AttendanceYear { year, threshold, meetings, rows, decisions })
    }

    /// Records the §17 discretion decision; ejecting ends the member's term ("§17"),
    /// which makes a vacancy. Nothing is ejected without this decision.
    pub async fn decide_strike(&self, request: DecideStrike) -> ApiResult<AttendanceYear> {
        let store = self.open_store().await?;
        let input = &request.input;
        let register = store.register(request.group_id).await?;
        let record = store.attendance_record(request.group_id).await?;
        let day = register.on(input.decided_on);
        let end = NaiveDate::from_ymd_opt(input.year, 12, 31).ok_or_else(|| ApiError::invalid("year", "That year is out of range."))?;
        let strikes = s17::strikes(&day, &record, input.person_id, input.year, end.min(input.decided_on)).len() as u32;
        // The threshold in force on the day of the decision (ToR §17, as amended by then).
        let threshold = day.settings().strike_absences;
        if !day.settings().applies(secretariat_rules::RuleSwitch::StrikePolicy) {
            return Err(ApiError::invalid(
                "person_id",
                format!("The group's Terms of Reference have no strike policy on {} (ToR §17).", uk_date(input.decided_on)),
            ));
        }
        if strikes < threshold {
            return Err(ApiError::invalid(
                "person_id",
                format!("They have {strikes} strike{} in {}; a decision is needed at {threshold} (ToR §17).", if strikes == 1 { "" } else { "s" }, input.year),
            ));
        }
        store
            .write(async |w| {
                w.record_strike_decision(request.group_id, input, strikes).await?;
                if input.decision == Discretion::Eject {
                    let member = day.members.iter().find(|m| m.person.id == input.person_id).ok_or_else(|| {
                        ApiError::invalid("person_id", format!("They hold no seat on {}, so there is no term to end.", uk_date(input.decided_on)))
                    })?;
                    w.end_term(
                        request.group_id,
                        member.term.id,
                        input.decided_on,
                        EndReason::EjectedS17,
                        &input.reason.lines().next().unwrap_or_default().chars().take(200).collect::<String>(),
                    )
                    .await?;
                }
                Ok::<_, ApiError>(())
            })
            .await?;
        self.attendance_year(request.group_id, input.year).await
    }

    pub async fn save_item_notes(&self, request: SaveNotes) -> ApiResult<MeetingRecord> {
        let store = self.open_store().await?;
        store.write(async |w| w.save_item_notes(request.group_id, request.meeting_id, request.item_id, &request.notes).await).await?;
        self.meeting_record(request.group_id, request.meeting_id).await
    }

    pub async fn hold_in_private(&self, request: HoldInPrivate) -> ApiResult<MeetingRecord> {
        let store = self.open_store().await?;
        store
            .write(async |w| w.hold_in_private(request.group_id, request.meeting_id, request.item_id, &request.requested_by, request.chair_agreed).await)
            .await?;
        self.meeting_record(request.group_id, request.meeting_id).await
    }

    pub async fn set_minute_taker(&self, group_id: i64, meeting_id: i64, name: String) -> ApiResult<MeetingRecord> {
        let store = self.open_store().await?;
        store.write(async |w| w.set_minute_taker(group_id, meeting_id, &name).await).await?;
        self.meeting_record(group_id, meeting_id).await
    }

    /// Approves the minutes of `meeting_id` at `at_meeting` (its "minutes of the last meeting" item).
    pub async fn approve_minutes(&self, group_id: i64, meeting_id: i64, at_meeting: i64, note: String) -> ApiResult<MeetingRecord> {
        let store = self.open_store().await?;
        store.write(async |w| w.approve_minutes(group_id, meeting_id, at_meeting, &note).await).await?;
        self.meeting_record(group_id, at_meeting).await
    }

    pub async fn add_correction(&self, group_id: i64, meeting_id: i64, item_id: Option<i64>, correction: String) -> ApiResult<MeetingRecord> {
        let store = self.open_store().await?;
        store.write(async |w| w.add_correction(group_id, meeting_id, item_id, &correction, self.today()).await).await?;
        self.meeting_record(group_id, meeting_id).await
    }

    pub async fn add_action(&self, request: AddAction) -> ApiResult<MeetingRecord> {
        let store = self.open_store().await?;
        store.write(async |w| w.add_action(request.group_id, &request.input).await).await?;
        self.meeting_record(request.group_id, request.input.meeting_id).await
    }

    pub async fn set_action_status(&self, group_id: i64, action_id: i64, status: ActionStatus) -> ApiResult<Vec<ActionView>> {
        let store = self.open_store().await?;
        store.write(async |w| w.set_action_status(group_id, action_id, status, self.today()).await).await?;
        Ok(store.actions(group_id).await?)
    }

    pub async fn add_decision(&self, request: AddDecision) -> ApiResult<DecisionsView> {
        let store = self.open_store().await?;
        store.write(async |w| w.add_decision(request.group_id, &request.input).await).await?;
        self.decisions_view(request.group_id).await
    }

    pub async fn set_consensus_base(&self, group_id: i64, base: ConsensusBase) -> ApiResult<DecisionsView> {
        let store = self.open_store().await?;
        store.write(async |w| w.set_consensus_base(group_id, base).await).await?;
        self.decisions_view(group_id).await
    }

    pub async fn decisions_view(&self, group_id: i64) -> ApiResult<DecisionsView> {
        let store = self.open_store().await?;
        // Today's rules (ToR §22, §23 as amended by today).
        let settings = store.rules_on(group_id, self.today()).await?;
        let positions = store
            .positions(group_id)
            .await?
            .into_iter()
            .map(|position| {
                let gate = outline_gate(position.volunteers.len() as u32, settings.position_volunteers);
                PositionLine {
                    outline_may_start: gate.is_ok(),
                    gate: match (&position.outline_started_on, gate) {
                        (Some(on), _) => format!("Outline started on {} (ToR §23).", uk_date(*on)),
                        (None, Ok(())) => format!("{} members have volunteered: the outline may start (ToR §23).", position.volunteers.len()),
                        (None, Err(refusal)) => refusal.into(),
                    },
                    position,
                }
            })
            .collect();
        Ok(DecisionsView {
            decisions: store.decisions(group_id).await?,
            positions,
            consensus_base: store.consensus_base(group_id).await?,
            consensus_percent: settings.funds_consensus_percent,
            volunteers_needed: settings.position_volunteers,
            people: store.people(group_id, self.today()).await?,
            actions: store.actions(group_id).await?,
        })
    }

    pub async fn add_position(&self, request: AddPosition) -> ApiResult<DecisionsView> {
        let store = self.open_store().await?;
        store.write(async |w| w.add_position(request.group_id, &request.input).await).await?;
        self.decisions_view(request.group_id).await
    }

    pub async fn volunteer(&self, group_id: i64, position_id: i64, person_id: i64) -> ApiResult<DecisionsView> {
        let store = self.open_store().await?;
        store.write(async |w| w.volunteer(group_id, position_id, person_id, self.today()).await).await?;
        self.decisions_view(group_id).await
    }

    pub async fn withdraw_volunteer(&self, group_id: i64, position_id: i64, person_id: i64) -> ApiResult<DecisionsView> {
        let store = self.open_store().await?;
        store.write(async |w| w.withdraw_volunteer(group_id, position_id, person_id).await).await?;
        self.decisions_view(group_id).await
    }

    pub async fn start_outline(&self, group_id: i64, position_id: i64) -> ApiResult<DecisionsView> {
        let store = self.open_store().await?;
        store.write(async |w| w.start_outline(group_id, position_id, self.today()).await).await?;
        self.decisions_view(group_id).await
    }

    pub async fn add_viewpoint(&self, group_id: i64, position_id: i64, viewpoint: String) -> ApiResult<DecisionsView> {
        let store = self.open_store().await?;
        store.write(async |w| w.add_viewpoint(group_id, position_id, &viewpoint).await).await?;
        self.decisions_view(group_id).await
    }

    pub async fn decide_public_position(&self, request: PublicDecision) -> ApiResult<DecisionsView> {
        let store = self.open_store().await?;
        store
            .write(async |w| {
                w.decide_public_position(
                    request.group_id,
                    request.position_id,
                    request.divided,
                    request.decision,
                    &request.reason,
                    &request.decided_by,
                    self.today(),
                )
                .await
            })
            .await?;
        self.decisions_view(request.group_id).await
    }

    /// Open actions past their due date, for the home screen.
    pub async fn overdue_actions(&self, group_id: i64) -> ApiResult<Vec<ActionView>> {
        let store = self.open_store().await?;
        let today = self.today();
        Ok(store.open_actions(group_id).await?.into_iter().filter(|a| a.status == ActionStatus::Open && a.due_on < today).collect())
    }
}

// ---- Documents -------------------------------------------------------------

fn action_line(a: &ActionView, today: NaiveDate) -> secretariat_documents::ActionLine {
    secretariat_documents::ActionLine {
        description: a.description.clone(),
        owner: a.owner.clone(),
        due: uk_date(a.due_on),
        status: match (a.status, a.closed_on) {
            (ActionStatus::Open, _) => "Open".to_owned(),
            (ActionStatus::Done, Some(on)) => format!("Done {}", uk_date(on)),
            (ActionStatus::Done, None) => "Done".to_owned(),
            (ActionStatus::Dropped, _) => "Dropped".to_owned(),
        },
        overdue: a.status == ActionStatus::Open && a.due_on < today,
        source: match &a.item_title {
            Some(item) => format!("Meeting of {}, {item}", uk_date(a.meeting_starts_at.date())),
            None => format!("Meeting of {}", uk_date(a.meeting_starts_at.date())),
        },
    }
}

/// What the minutes PDF says (ToR §21): a private session prints only that it was held.
pub(crate) async fn minutes_doc(
    store: &secretariat_store::Store,
    group_id: i64,
    meeting_id: i64,
    today: NaiveDate,
) -> ApiResult<secretariat_documents::MinutesDoc> {
    use secretariat_documents::{AttendeeLine, MinutesDoc, MinutesItem, MinutesStatus};
    let group = store.group(group_id).await?;
    let detail = store.meeting_detail(group_id, meeting_id).await?;
    let m = &detail.meeting;
    let minutes = store.minutes(group_id, meeting_id).await?;
    let attendance = store.attendance(group_id, meeting_id).await?;
    let people = store.people(group_id, m.starts_at.date()).await?;
    let org = |id: Id| people.iter().find(|p| p.id == id).and_then(|p| p.organisation.clone());
    let line = |a: &secretariat_store::AttendanceView| AttendeeLine {
        name: a.name.clone(),
        organisation: org(a.person_id),
        online: a.online,
        substitute: a.substitute.clone(),
    };
    let members = |presence: Presence| attendance.iter().filter(move |a| a.capacity == Capacity::Member && a.presence == presence);
    let actions = store.actions(group_id).await?;
    let decisions = store.decisions(group_id).await?;
    let status = match (minutes.approved_on, minutes.approved_at_meeting) {
        (Some(on), Some(at)) => MinutesStatus::Approved {
            approved_on: uk_date(on),
            at_meeting: store.meeting_detail(group_id, at).await.map(|d| d.meeting.title).unwrap_or_default(),
            note: minutes.approval_note.clone(),
        },
        _ => MinutesStatus::Draft,
    };
    Ok(MinutesDoc {
        group: group.name.clone(),
        meeting_title: m.title.clone(),
        when: format!("{}, {}–{}", uk_date(m.starts_at.date()), m.starts_at.format("%H:%M"), m.ends_at.format("%H:%M")),
        venue: m.venue.clone(),
        status,
        minute_taker: minutes.minute_taker.clone(),
        present: members(Presence::Present).map(line).collect(),
        apologies: members(Presence::Apologies).map(|a| a.name.clone()).collect(),
        absent: members(Presence::Absent).map(|a| a.name.clone()).collect(),
        in_attendance: attendance.iter().filter(|a| a.capacity != Capacity::Member && a.presence == Presence::Present).map(line).collect(),
        items: minutes
            .items
            .iter()
            .map(|item| MinutesItem {
                number: item.position.to_string(),
                title: item.title.clone(),
                private_session: item.private.as_ref().map(|p| p.requested_by.clone()),
                notes: item.notes.clone().unwrap_or_default(),
                decisions: if item.private.is_some() {
                    vec![]
                } else {
                    decisions.iter().filter(|d| d.meeting_id == Some(meeting_id) && d.agenda_item_id == Some(item.item_id)).map(|d| d.text.clone()).collect()
                },
                actions: if item.private.is_some() {
                    vec![]
                } else {
                    actions.iter().filter(|a| a.agenda_item_id == Some(item.item_id)).map(|a| action_line(a, today)).collect()
                },
            })
            .collect(),
        // Declarations on an item held in private are kept in the register, not minuted (ToR §21).
        declarations: store
            .declarations_of_meeting(group_id, meeting_id)
            .await?
            .into_iter()
            .filter(|d| minutes.items.iter().any(|i| i.item_id == d.agenda_item_id && i.private.is_none()))
            .map(|d| secretariat_documents::DeclarationLine {
                item: format!("{}. {}", d.item_position, d.item_title),
                name: d.name,
                declaration: if d.interest { d.nature } else { "No interest".to_owned() },
                interest: d.interest,
            })
            .collect(),
        // Under the standard "Declarations of interest" item when the agenda has it.
        declarations_under: minutes
            .items
            .iter()
            .find(|i| i.private.is_none() && i.title.trim().eq_ignore_ascii_case(secretariat_rules::work::DECLARATIONS_ITEM))
            .map(|i| i.position.to_string()),
        corrections: minutes.corrections.iter().map(|c| format!("{}: {}", uk_date(c.recorded_on), c.correction)).collect(),
        generated: format!("Generated by Secretariat on {}", uk_date(today)),
    })
}

pub(crate) async fn attendance_report(
    session: &Session,
    store: &secretariat_store::Store,
    group_id: i64,
    year: i32,
    today: NaiveDate,
) -> ApiResult<secretariat_documents::AttendanceReport> {
    use secretariat_documents::{AttendanceMeeting, AttendanceReport, AttendanceRow};
    let grid = session.attendance_year(group_id, year).await?;
    let group = store.group(group_id).await?;
    Ok(AttendanceReport {
        group: group.name,
        year,
        threshold: grid.threshold,
        meetings: grid.meetings.iter().map(|m| AttendanceMeeting { date: m.starts_at.format("%-d %b").to_string(), compulsory: m.compulsory }).collect(),
        rows: grid
            .rows
            .iter()
            .map(|row| AttendanceRow {
                name: row.name.clone(),
                marks: row
                    .marks
                    .iter()
                    .map(|mark| {
                        match mark {
                            Some(AttendanceMark { presence: Presence::Present, online: true }) => "O",
                            Some(AttendanceMark { presence: Presence::Present, .. }) => "P",
                            Some(AttendanceMark { presence: Presence::Apologies, .. }) => "A",
                            Some(AttendanceMark { presence: Presence::Absent, .. }) => "X",
                            None => "",
                        }
                        .to_owned()
                    })
                    .collect(),
                strikes: row.strikes,
                decision: grid.decisions.iter().find(|d| d.person_id == row.person_id).map(|d| {
                    format!(
                        "{} on {} by {}: {}",
                        if d.decision == Discretion::Eject { "Ejected" } else { "Retained" },
                        uk_date(d.decided_on),
                        d.decided_by,
                        d.reason
                    )
                }),
            })
            .collect(),
        generated: format!("Generated by Secretariat on {}", uk_date(today)),
    })
}

pub(crate) async fn action_log(store: &secretariat_store::Store, group_id: i64, today: NaiveDate) -> ApiResult<secretariat_documents::ActionLog> {
    let group = store.group(group_id).await?;
    Ok(secretariat_documents::ActionLog {
        group: group.name,
        as_of: uk_date(today),
        actions: store.actions(group_id).await?.iter().map(|a| action_line(a, today)).collect(),
        generated: format!("Generated by Secretariat on {}", uk_date(today)),
    })
}
