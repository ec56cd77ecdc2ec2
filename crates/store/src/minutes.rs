//! What happens at meetings: attendance and the §17 discretion decisions, minutes
//! per agenda item with private sessions (ToR §21), actions, the decision register
//! (ToR §22) and positions (ToR §23–§24). Writes through the `Writer`; the rules
//! that decide (strikes, consensus, the outline gate, unquantified viewpoints) are
//! in `secretariat_rules::tor`, and the schema enforces the ones a bug must not break.

use crate::Store;
use crate::error::{Result, StoreError, touched};
use crate::fields::{invalid, optional_text, text};
use crate::membership::Table;
use crate::write::{GroupId, Writer};
use chrono::{NaiveDate, NaiveDateTime};
use secretariat_rules::register::Id;
use secretariat_rules::text::multi_line;
use secretariat_rules::tor::s17_attendance::{self as s17, Discretion, Presence};
use secretariat_rules::tor::s21_s24_decisions::{self as rules, ConsensusBase};
use serde::{Deserialize, Serialize};
use serde_json::json;
use ts_rs::TS;

fn notes_text(field: &'static str, what: &'static str, value: &str, max: usize) -> Result<String> {
    multi_line(value, what, max).map_err(|e| invalid(field, e.to_string()))
}

fn corrupt(what: &str, value: &str) -> StoreError {
    StoreError::Database(format!("unexpected {what} '{value}' in the database"))
}

/// In what capacity someone attended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Capacity {
    Member,
    Invitee,
    Observer,
}

impl Capacity {
    fn as_str(self) -> &'static str {
        match self {
            Capacity::Member => "member",
            Capacity::Invitee => "invitee",
            Capacity::Observer => "observer",
        }
    }

    fn parse(text: &str) -> Result<Self> {
        [Capacity::Member, Capacity::Invitee, Capacity::Observer].into_iter().find(|c| c.as_str() == text).ok_or_else(|| corrupt("capacity", text))
    }
}

fn presence_str(p: Presence) -> &'static str {
    match p {
        Presence::Present => "present",
        Presence::Apologies => "apologies",
        Presence::Absent => "absent",
    }
}

fn parse_presence(text: &str) -> Result<Presence> {
    [Presence::Present, Presence::Apologies, Presence::Absent].into_iter().find(|p| presence_str(*p) == text).ok_or_else(|| corrupt("presence", text))
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AttendanceInput {
    pub person_id: Id,
    pub capacity: Capacity,
    pub presence: Presence,
    pub online: bool,
    /// Who attended in a member's place; it does not clear the absence (ToR §17).
    pub substitute: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AttendanceView {
    pub person_id: Id,
    pub name: String,
    pub capacity: Capacity,
    pub presence: Presence,
    pub online: bool,
    pub substitute: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct StrikeDecisionInput {
    pub person_id: Id,
    pub year: i32,
    pub decision: Discretion,
    pub reason: String,
    pub decided_on: NaiveDate,
    /// The Chair, Vice-Chair and programme manager who decided (ToR §17).
    pub decided_by: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct StrikeDecisionView {
    pub id: Id,
    pub person_id: Id,
    pub name: String,
    pub year: i32,
    pub strikes: u32,
    pub decision: Discretion,
    pub reason: String,
    pub decided_on: NaiveDate,
    pub decided_by: String,
}

/// A private session as recorded (ToR §21): who asked; the Chair's agreement is implied by its existence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PrivateSession {
    pub requested_by: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ItemMinutes {
    pub item_id: Id,
    pub position: u32,
    pub title: String,
    /// None when the item was held in private: it has no notes.
    pub notes: Option<String>,
    pub private: Option<PrivateSession>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CorrectionView {
    pub id: Id,
    pub item_id: Option<Id>,
    pub correction: String,
    pub recorded_on: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct MinutesView {
    pub meeting_id: Id,
    pub minute_taker: String,
    pub approved_on: Option<NaiveDate>,
    pub approved_at_meeting: Option<Id>,
    pub approval_note: String,
    pub items: Vec<ItemMinutes>,
    pub corrections: Vec<CorrectionView>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ActionStatus {
    Open,
    Done,
    Dropped,
}

impl ActionStatus {
    fn as_str(self) -> &'static str {
        match self {
            ActionStatus::Open => "open",
            ActionStatus::Done => "done",
            ActionStatus::Dropped => "dropped",
        }
    }

    fn parse(text: &str) -> Result<Self> {
        [ActionStatus::Open, ActionStatus::Done, ActionStatus::Dropped].into_iter().find(|s| s.as_str() == text).ok_or_else(|| corrupt("action status", text))
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ActionInput {
    pub meeting_id: Id,
    pub agenda_item_id: Option<Id>,
    pub description: String,
    /// A member or an invitee.
    pub owner_id: Id,
    pub due_on: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ActionView {
    pub id: Id,
    pub meeting_id: Id,
    pub meeting_title: String,
    pub meeting_starts_at: NaiveDateTime,
    pub agenda_item_id: Option<Id>,
    pub item_title: Option<String>,
    pub description: String,
    pub owner_id: Id,
    pub owner: String,
    pub due_on: NaiveDate,
    pub status: ActionStatus,
    pub closed_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DecisionKind {
    General,
    /// Commissioning work with techUK member funds: needs the §22 consensus.
    CommissionFunds,
    Position,
    Membership,
}

impl DecisionKind {
    fn as_str(self) -> &'static str {
        match self {
            DecisionKind::General => "general",
            DecisionKind::CommissionFunds => "commission_funds",
            DecisionKind::Position => "position",
            DecisionKind::Membership => "membership",
        }
    }

    fn parse(text: &str) -> Result<Self> {
        [DecisionKind::General, DecisionKind::CommissionFunds, DecisionKind::Position, DecisionKind::Membership]
            .into_iter()
            .find(|k| k.as_str() == text)
            .ok_or_else(|| corrupt("decision kind", text))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DecisionOutcome {
    Carried,
    NotCarried,
    Noted,
}

impl DecisionOutcome {
    fn as_str(self) -> &'static str {
        match self {
            DecisionOutcome::Carried => "carried",
            DecisionOutcome::NotCarried => "not_carried",
            DecisionOutcome::Noted => "noted",
        }
    }

    fn parse(text: &str) -> Result<Self> {
        [DecisionOutcome::Carried, DecisionOutcome::NotCarried, DecisionOutcome::Noted]
            .into_iter()
            .find(|o| o.as_str() == text)
            .ok_or_else(|| corrupt("decision outcome", text))
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DecisionInput {
    pub meeting_id: Option<Id>,
    pub agenda_item_id: Option<Id>,
    pub decided_on: NaiveDate,
    pub kind: DecisionKind,
    pub text: String,
    /// For commissioning with member funds (ToR §22): how many were in favour, of how many.
    pub in_favour: Option<u32>,
    pub base: Option<u32>,
    pub outcome: DecisionOutcome,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DecisionView {
    pub id: Id,
    pub meeting_id: Option<Id>,
    pub meeting_title: Option<String>,
    pub agenda_item_id: Option<Id>,
    pub decided_on: NaiveDate,
    pub kind: DecisionKind,
    pub text: String,
    /// The §22 check, for a decision on member funds.
    pub consensus: Option<rules::Consensus>,
    pub outcome: DecisionOutcome,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PositionInput {
    pub title: String,
    pub summary: String,
    pub proposed_on: NaiveDate,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PublicPosition {
    Take,
    NotTake,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Volunteer {
    pub person_id: Id,
    pub name: String,
    pub volunteered_on: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ViewpointView {
    pub id: Id,
    pub viewpoint: String,
}

/// A position. There is deliberately no number in it but the volunteers the outline waits for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PositionView {
    pub id: Id,
    pub title: String,
    pub summary: String,
    pub proposed_on: NaiveDate,
    pub outline_started_on: Option<NaiveDate>,
    pub volunteers: Vec<Volunteer>,
    pub viewpoints: Vec<ViewpointView>,
    pub divided: bool,
    pub public_decision: Option<PublicPosition>,
    pub public_reason: String,
    pub public_decided_by: String,
    pub public_decided_on: Option<NaiveDate>,
}

/// The minute-taker unless someone else is named (ToR §21).
pub const PROGRAMME_MANAGER: &str = "techUK Justice & Emergency Services Programme Manager";

impl Writer {
    async fn meeting_in_group(&mut self, group: GroupId, meeting: Id) -> Result<NaiveDateTime> {
        sqlx::query_scalar("SELECT starts_at FROM meetings WHERE id = ? AND group_id = ?")
            .bind(meeting)
            .bind(group)
            .fetch_optional(self.conn())
            .await?
            .ok_or_else(|| StoreError::NotFound { what: format!("Meeting {meeting}") })
    }

    async fn item_in_meeting(&mut self, meeting: Id, item: Id) -> Result<()> {
        let found: Option<i64> =
            sqlx::query_scalar("SELECT 1 FROM agenda_items WHERE id = ? AND meeting_id = ?").bind(item).bind(meeting).fetch_optional(self.conn()).await?;
        found.map(|_| ()).ok_or_else(|| invalid("agenda_item_id", "Choose an item of this meeting's agenda."))
    }

    /// Records who attended a meeting, replacing what was recorded before.
    pub async fn set_attendance(&mut self, group: GroupId, meeting: Id, rows: &[AttendanceInput]) -> Result<()> {
        self.meeting_in_group(group, meeting).await?;
        sqlx::query("DELETE FROM attendance WHERE meeting_id = ?").bind(meeting).execute(self.conn()).await?;
        for row in rows {
            self.must_exist(Table::People, group, row.person_id, "person_id").await?;
            let substitute = optional_text("substitute", "The substitute's name", &row.substitute, 120)?;
            if row.capacity != Capacity::Member && row.presence != Presence::Present {
                continue; // Invitees and observers are listed when they came.
            }
            sqlx::query("INSERT INTO attendance (meeting_id, person_id, capacity, presence, online, substitute) VALUES (?, ?, ?, ?, ?, ?)")
                .bind(meeting)
                .bind(row.person_id)
                .bind(row.capacity.as_str())
                .bind(presence_str(row.presence))
                .bind(row.online && row.presence == Presence::Present)
                .bind(&substitute)
                .execute(self.conn())
                .await
                .map_err(|_| invalid("person_id", "Each person is recorded once per meeting."))?;
        }
        let marks: Vec<_> = rows.iter().map(|r| json!([r.person_id, presence_str(r.presence)])).collect();
        self.audit(Some(group), "attendance", meeting, "set", json!({ "marks": marks })).await
    }

    /// Records the Chair, Vice-Chair and programme manager's decision (ToR §17).
    /// `strikes` is how many strikes it considered. Ejecting is the caller's, in this transaction.
    pub async fn record_strike_decision(&mut self, group: GroupId, input: &StrikeDecisionInput, strikes: u32) -> Result<Id> {
        self.must_exist(Table::People, group, input.person_id, "person_id").await?;
        crate::fields::date("decided_on", "The decision's date", input.decided_on)?;
        if !crate::fields::YEARS.contains(&input.year) {
            return Err(invalid("year", format!("The year must fall between {} and {}.", crate::fields::YEARS.start(), crate::fields::YEARS.end())));
        }
        let reason = notes_text("reason", "The reason", &input.reason, 2000)?;
        if reason.is_empty() {
            return Err(invalid("reason", "Record the reason for the decision (ToR §17)."));
        }
        let decided_by = text("decided_by", "Who decided", &input.decided_by, 300)?;
        if strikes == 0 {
            return Err(invalid("person_id", "This member has no strikes to decide on."));
        }
        let id: Id = sqlx::query_scalar(
            "INSERT INTO strike_decisions (group_id, person_id, year, strikes, decision, reason, decided_on, decided_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        )
        .bind(group)
        .bind(input.person_id)
        .bind(input.year)
        .bind(strikes)
        .bind(match input.decision {
            Discretion::Eject => "eject",
            Discretion::Retain => "retain",
        })
        .bind(&reason)
        .bind(input.decided_on)
        .bind(&decided_by)
        .fetch_one(self.conn())
        .await?;
        self.audit(
            Some(group),
            "strike_decision",
            id,
            "create",
            json!({ "person_id": input.person_id, "year": input.year, "decision": input.decision, "decided_by": decided_by }),
        )
        .await?;
        Ok(id)
    }

    async fn ensure_minutes(&mut self, meeting: Id) -> Result<Option<NaiveDate>> {
        sqlx::query("INSERT OR IGNORE INTO minutes (meeting_id, minute_taker) VALUES (?, ?)")
            .bind(meeting)
            .bind(PROGRAMME_MANAGER)
            .execute(self.conn())
            .await?;
        Ok(sqlx::query_scalar("SELECT approved_on FROM minutes WHERE meeting_id = ?").bind(meeting).fetch_one(self.conn()).await?)
    }

    async fn draft_minutes(&mut self, group: GroupId, meeting: Id) -> Result<()> {
        self.meeting_in_group(group, meeting).await?;
        if let Some(on) = self.ensure_minutes(meeting).await? {
            return Err(invalid(
                "notes",
                format!("These minutes were approved on {}; they are locked. Record a correction instead.", secretariat_rules::uk_date(on)),
            ));
        }
        Ok(())
    }

    pub async fn set_minute_taker(&mut self, group: GroupId, meeting: Id, name: &str) -> Result<()> {
        self.draft_minutes(group, meeting).await?;
        let name = text("minute_taker", "The minute-taker", name, 120)?;
        sqlx::query("UPDATE minutes SET minute_taker = ? WHERE meeting_id = ?").bind(&name).bind(meeting).execute(self.conn()).await?;
        self.audit(Some(group), "minutes", meeting, "minute_taker", json!({ "name": name })).await
    }

    /// Saves an item's discussion notes. A private session has none (ToR §21).
    pub async fn save_item_notes(&mut self, group: GroupId, meeting: Id, item: Id, notes: &str) -> Result<()> {
        self.draft_minutes(group, meeting).await?;
        self.item_in_meeting(meeting, item).await?;
        let private: Option<i64> = sqlx::query_scalar("SELECT 1 FROM private_sessions WHERE agenda_item_id = ?").bind(item).fetch_optional(self.conn()).await?;
        if private.is_some() {
            return Err(invalid("notes", "This item was held as a private session: it is not minuted (ToR §21)."));
        }
        let notes = notes_text("notes", "The notes", notes, 20_000)?;
        if notes.is_empty() {
            sqlx::query("DELETE FROM item_notes WHERE agenda_item_id = ?").bind(item).execute(self.conn()).await?;
        } else {
            sqlx::query("INSERT INTO item_notes (agenda_item_id, notes) VALUES (?, ?) ON CONFLICT (agenda_item_id) DO UPDATE SET notes = excluded.notes")
                .bind(item)
                .bind(&notes)
                .execute(self.conn())
                .await?;
        }
        self.audit(Some(group), "item_notes", item, "save", json!({ "meeting_id": meeting, "length": notes.chars().count() })).await
    }

    /// Holds an item as a private session: who asked, and the Chair's recorded agreement (ToR §21).
    pub async fn hold_in_private(&mut self, group: GroupId, meeting: Id, item: Id, requested_by: &str, chair_agreed: bool) -> Result<()> {
        self.draft_minutes(group, meeting).await?;
        self.item_in_meeting(meeting, item).await?;
        rules::private_session(requested_by, chair_agreed)
            .map_err(|m| invalid(if requested_by.trim().is_empty() { "requested_by" } else { "chair_agreed" }, m))?;
        let requested_by = text("requested_by", "Who requested it", requested_by, 120)?;
        let notes: Option<i64> = sqlx::query_scalar("SELECT 1 FROM item_notes WHERE agenda_item_id = ?").bind(item).fetch_optional(self.conn()).await?;
        if notes.is_some() {
            return Err(invalid("requested_by", "This item has notes: clear them first, since a private session is not minuted (ToR §21)."));
        }
        sqlx::query("INSERT INTO private_sessions (agenda_item_id, requested_by, chair_agreed) VALUES (?, ?, 1) ON CONFLICT (agenda_item_id) DO UPDATE SET requested_by = excluded.requested_by")
            .bind(item)
            .bind(&requested_by)
            .execute(self.conn())
            .await?;
        sqlx::query("UPDATE agenda_items SET private = 1 WHERE id = ?").bind(item).execute(self.conn()).await?;
        self.audit(Some(group), "private_session", item, "create", json!({ "meeting_id": meeting, "requested_by": requested_by, "chair_agreed": true })).await
    }

    /// Approves a meeting's minutes at a later meeting; they are locked from then on.
    pub async fn approve_minutes(&mut self, group: GroupId, meeting: Id, at_meeting: Id, note: &str) -> Result<()> {
        let held = self.meeting_in_group(group, meeting).await?;
        let at = self.meeting_in_group(group, at_meeting).await?;
        if at <= held {
            return Err(invalid("at_meeting", "Minutes are approved at a later meeting."));
        }
        if let Some(on) = self.ensure_minutes(meeting).await? {
            return Err(invalid("at_meeting", format!("These minutes were already approved on {}.", secretariat_rules::uk_date(on))));
        }
        let note = notes_text("note", "The corrections", note, 4000)?;
        sqlx::query("UPDATE minutes SET approved_on = ?, approved_at_meeting = ?, approval_note = ? WHERE meeting_id = ?")
            .bind(at.date())
            .bind(at_meeting)
            .bind(&note)
            .bind(meeting)
            .execute(self.conn())
            .await?;
        self.audit(Some(group), "minutes", meeting, "approve", json!({ "at_meeting": at_meeting, "corrections": !note.is_empty() })).await
    }

    /// Records a correction to approved minutes: they are never edited silently.
    pub async fn add_correction(&mut self, group: GroupId, meeting: Id, item: Option<Id>, correction: &str, on: NaiveDate) -> Result<Id> {
        self.meeting_in_group(group, meeting).await?;
        if self.ensure_minutes(meeting).await?.is_none() {
            return Err(invalid("correction", "These minutes are still a draft: edit them instead."));
        }
        if let Some(item) = item {
            self.item_in_meeting(meeting, item).await?;
        }
        let correction = notes_text("correction", "The correction", correction, 4000)?;
        if correction.is_empty() {
            return Err(invalid("correction", "Write the correction."));
        }
        let id: Id =
            sqlx::query_scalar("INSERT INTO minute_corrections (meeting_id, agenda_item_id, correction, recorded_on) VALUES (?, ?, ?, ?) RETURNING id")
                .bind(meeting)
                .bind(item)
                .bind(&correction)
                .bind(on)
                .fetch_one(self.conn())
                .await?;
        self.audit(Some(group), "minute_correction", id, "create", json!({ "meeting_id": meeting, "agenda_item_id": item })).await?;
        Ok(id)
    }

    pub async fn add_action(&mut self, group: GroupId, input: &ActionInput) -> Result<Id> {
        let starts = self.meeting_in_group(group, input.meeting_id).await?;
        if let Some(item) = input.agenda_item_id {
            self.item_in_meeting(input.meeting_id, item).await?;
        }
        crate::fields::date("due_on", "The due date", input.due_on)?;
        self.must_exist(Table::People, group, input.owner_id, "owner_id").await?;
        let description = text("description", "The action", &input.description, 500)?;
        if input.due_on < starts.date() {
            return Err(invalid("due_on", "An action is due after the meeting it came from."));
        }
        let id: Id = sqlx::query_scalar(
            "INSERT INTO actions (group_id, meeting_id, agenda_item_id, description, owner_id, due_on) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
        )
        .bind(group)
        .bind(input.meeting_id)
        .bind(input.agenda_item_id)
        .bind(&description)
        .bind(input.owner_id)
        .bind(input.due_on)
        .fetch_one(self.conn())
        .await?;
        self.audit(Some(group), "action", id, "create", json!({ "meeting_id": input.meeting_id, "owner_id": input.owner_id, "due_on": input.due_on })).await?;
        Ok(id)
    }

    pub async fn set_action_status(&mut self, group: GroupId, action: Id, status: ActionStatus, on: NaiveDate) -> Result<()> {
        let closed = (status != ActionStatus::Open).then_some(on);
        let done = sqlx::query("UPDATE actions SET status = ?, closed_on = ? WHERE id = ? AND group_id = ?")
            .bind(status.as_str())
            .bind(closed)
            .bind(action)
            .bind(group)
            .execute(self.conn())
            .await?;
        touched(done, || format!("Action {action}"))?;
        self.audit(Some(group), "action", action, "status", json!({ "status": status.as_str(), "on": on })).await
    }

    /// Records a decision. One commissioning work with member funds carries only when the
    /// ToR §22 consensus is met (the schema refuses it otherwise, too).
    pub async fn add_decision(&mut self, group: GroupId, input: &DecisionInput) -> Result<Id> {
        crate::fields::date("decided_on", "The decision's date", input.decided_on)?;
        if let Some(meeting) = input.meeting_id {
            self.meeting_in_group(group, meeting).await?;
            if let Some(item) = input.agenda_item_id {
                self.item_in_meeting(meeting, item).await?;
            }
        }
        let text_value = notes_text("text", "The decision", &input.text, 4000)?;
        if text_value.is_empty() {
            return Err(invalid("text", "Write down what was decided."));
        }
        let base_kind: String =
            sqlx::query_scalar("SELECT funds_consensus_base FROM group_settings WHERE group_id = ?").bind(group).fetch_one(self.conn()).await?;
        // The consensus in force on the day of the decision (ToR §22, as amended then).
        let percent = self.tor_number_on(group, secretariat_rules::TorSetting::FundsConsensusPercent, input.decided_on).await?;
        let base_kind = ConsensusBase::parse(&base_kind).ok_or_else(|| corrupt("consensus base", &base_kind))?;
        let funds = match input.kind {
            DecisionKind::CommissionFunds => {
                let in_favour = input.in_favour.ok_or_else(|| invalid("in_favour", "Give how many were in favour (ToR §22)."))?;
                let base = input.base.ok_or_else(|| invalid("base", format!("Give the number of {} (ToR §22).", base_kind.words())))?;
                let c = rules::consensus(in_favour, base, percent, base_kind).map_err(|m| invalid("in_favour", m))?;
                if input.outcome == DecisionOutcome::Carried && !c.met {
                    return Err(invalid("outcome", format!("{} It cannot be recorded as carried.", c.sentence)));
                }
                Some((in_favour, base))
            }
            _ => None,
        };
        let id: Id = sqlx::query_scalar(
            "INSERT INTO decisions (group_id, meeting_id, agenda_item_id, decided_on, kind, text, in_favour, base, base_kind, threshold, outcome) \
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        )
        .bind(group)
        .bind(input.meeting_id)
        .bind(input.agenda_item_id)
        .bind(input.decided_on)
        .bind(input.kind.as_str())
        .bind(&text_value)
        .bind(funds.map(|f| f.0))
        .bind(funds.map(|f| f.1))
        .bind(funds.map(|_| base_kind.as_str()))
        .bind(funds.map(|_| percent))
        .bind(input.outcome.as_str())
        .fetch_one(self.conn())
        .await?;
        self.audit(
            Some(group),
            "decision",
            id,
            "create",
            json!({ "kind": input.kind.as_str(), "outcome": input.outcome.as_str(), "in_favour": funds.map(|f| f.0), "base": funds.map(|f| f.1) }),
        )
        .await?;
        Ok(id)
    }

    /// Sets what the §22 percentage is of: the group's members or those present.
    pub async fn set_consensus_base(&mut self, group: GroupId, base: ConsensusBase) -> Result<()> {
        let done =
            sqlx::query("UPDATE group_settings SET funds_consensus_base = ? WHERE group_id = ?").bind(base.as_str()).bind(group).execute(self.conn()).await?;
        touched(done, || format!("Group {group}"))?;
        self.audit(Some(group), "group_settings", group, "funds_consensus_base", json!({ "base": base.as_str() })).await
    }

    /// Whose bank holidays proposed deadlines skip (`secretariat_rules::working_days`).
    pub async fn set_bank_holidays(&mut self, group: GroupId, nation: secretariat_rules::working_days::Nation) -> Result<()> {
        let done = sqlx::query("UPDATE group_settings SET bank_holidays = ? WHERE group_id = ?").bind(nation.as_str()).bind(group).execute(self.conn()).await?;
        touched(done, || format!("Group {group}"))?;
        self.audit(Some(group), "group_settings", group, "bank_holidays", json!({ "nation": nation.as_str() })).await
    }

    pub async fn add_position(&mut self, group: GroupId, input: &PositionInput) -> Result<Id> {
        let title = text("title", "The position's title", &input.title, 200)?;
        let summary = notes_text("summary", "The summary", &input.summary, 4000)?;
        crate::fields::date("proposed_on", "The day it was proposed", input.proposed_on)?;
        let id: Id = sqlx::query_scalar("INSERT INTO positions (group_id, title, summary, proposed_on) VALUES (?, ?, ?, ?) RETURNING id")
            .bind(group)
            .bind(&title)
            .bind(&summary)
            .bind(input.proposed_on)
            .fetch_one(self.conn())
            .await?;
        self.audit(Some(group), "position", id, "create", json!({ "title": title })).await?;
        Ok(id)
    }

    async fn position_in_group(&mut self, group: GroupId, position: Id) -> Result<Option<NaiveDate>> {
        let row: Option<(Option<NaiveDate>,)> = sqlx::query_as("SELECT outline_started_on FROM positions WHERE id = ? AND group_id = ?")
            .bind(position)
            .bind(group)
            .fetch_optional(self.conn())
            .await?;
        row.map(|r| r.0).ok_or_else(|| StoreError::NotFound { what: format!("Position {position}") })
    }

    /// A member volunteers to take part in developing a position (ToR §23).
    pub async fn volunteer(&mut self, group: GroupId, position: Id, person: Id, on: NaiveDate) -> Result<()> {
        self.position_in_group(group, position).await?;
        self.must_exist(Table::People, group, person, "person_id").await?;
        let done = sqlx::query("INSERT OR IGNORE INTO position_volunteers (position_id, person_id, volunteered_on) VALUES (?, ?, ?)")
            .bind(position)
            .bind(person)
            .bind(on)
            .execute(self.conn())
            .await?;
        if done.rows_affected() == 0 {
            return Err(invalid("person_id", "They have already volunteered."));
        }
        self.audit(Some(group), "position_volunteer", position, "create", json!({ "person_id": person })).await
    }

    pub async fn withdraw_volunteer(&mut self, group: GroupId, position: Id, person: Id) -> Result<()> {
        if self.position_in_group(group, position).await?.is_some() {
            return Err(invalid("person_id", "The outline has started; the volunteers who started it stay on the record."));
        }
        let done =
            sqlx::query("DELETE FROM position_volunteers WHERE position_id = ? AND person_id = ?").bind(position).bind(person).execute(self.conn()).await?;
        touched(done, || "That volunteer".to_owned())?;
        self.audit(Some(group), "position_volunteer", position, "delete", json!({ "person_id": person })).await
    }

    /// Starts the outline, which ToR §23 allows once enough members have volunteered.
    pub async fn start_outline(&mut self, group: GroupId, position: Id, on: NaiveDate) -> Result<()> {
        if self.position_in_group(group, position).await?.is_some() {
            return Err(invalid("outline", "The outline has already started."));
        }
        let volunteers: u32 =
            sqlx::query_scalar("SELECT count(*) FROM position_volunteers WHERE position_id = ?").bind(position).fetch_one(self.conn()).await?;
        let needed = self.tor_number_on(group, secretariat_rules::TorSetting::PositionVolunteers, on).await?;
        rules::outline_gate(volunteers, needed).map_err(|m| invalid("outline", m))?;
        sqlx::query("UPDATE positions SET outline_started_on = ? WHERE id = ?").bind(on).bind(position).execute(self.conn()).await?;
        self.audit(Some(group), "position", position, "outline", json!({ "on": on })).await
    }

    /// Sets out one of the differing viewpoints, in words only (ToR §24).
    pub async fn add_viewpoint(&mut self, group: GroupId, position: Id, viewpoint: &str) -> Result<Id> {
        self.position_in_group(group, position).await?;
        let viewpoint = notes_text("viewpoint", "The viewpoint", viewpoint, 4000)?;
        if viewpoint.is_empty() {
            return Err(invalid("viewpoint", "Write the viewpoint."));
        }
        rules::unquantified(&viewpoint).map_err(|m| invalid("viewpoint", m))?;
        let id: Id = sqlx::query_scalar("INSERT INTO position_viewpoints (position_id, viewpoint) VALUES (?, ?) RETURNING id")
            .bind(position)
            .bind(&viewpoint)
            .fetch_one(self.conn())
            .await?;
        self.audit(Some(group), "position_viewpoint", id, "create", json!({ "position_id": position })).await?;
        Ok(id)
    }

    /// Records whether the group is divided and, if so, the programme manager's and Chair's
    /// decision on taking a public position, with its reason (ToR §24).
    #[allow(clippy::too_many_arguments)] // each is one field of the ToR §24 record
    pub async fn decide_public_position(
        &mut self,
        group: GroupId,
        position: Id,
        divided: bool,
        decision: Option<PublicPosition>,
        reason: &str,
        decided_by: &str,
        on: NaiveDate,
    ) -> Result<()> {
        self.position_in_group(group, position).await?;
        let reason = notes_text("reason", "The reason", reason, 4000)?;
        let decided_by = optional_text("decided_by", "Who decided", decided_by, 300)?;
        if decision.is_some() && reason.is_empty() {
            return Err(invalid("reason", "Record the reason for the decision (ToR §24)."));
        }
        if decision.is_some() && decided_by.is_empty() {
            return Err(invalid("decided_by", "Name the programme manager and the Chair who decided (ToR §24)."));
        }
        if decision.is_some() {
            rules::unquantified(&reason).map_err(|m| invalid("reason", m))?;
        }
        sqlx::query("UPDATE positions SET divided = ?, public_decision = ?, public_reason = ?, public_decided_by = ?, public_decided_on = ? WHERE id = ?")
            .bind(divided)
            .bind(decision.map(|d| match d {
                PublicPosition::Take => "take",
                PublicPosition::NotTake => "not_take",
            }))
            .bind(if decision.is_some() { reason.as_str() } else { "" })
            .bind(if decision.is_some() { decided_by.as_str() } else { "" })
            .bind(decision.map(|_| on))
            .bind(position)
            .execute(self.conn())
            .await?;
        self.audit(Some(group), "position", position, "public_decision", json!({ "divided": divided, "decision": decision })).await
    }
}

impl Store {
    pub async fn attendance(&self, group: GroupId, meeting: Id) -> Result<Vec<AttendanceView>> {
        sqlx::query_as::<_, (Id, String, String, String, bool, String)>(
            "SELECT a.person_id, p.name, a.capacity, a.presence, a.online, a.substitute FROM attendance a \
             JOIN people p ON p.id = a.person_id JOIN meetings m ON m.id = a.meeting_id \
             WHERE a.meeting_id = ? AND m.group_id = ? ORDER BY a.capacity <> 'member', p.name COLLATE NOCASE",
        )
        .bind(meeting)
        .bind(group)
        .fetch_all(&self.pool)
        .await?
        .into_iter()
        .map(|(person_id, name, capacity, presence, online, substitute)| {
            Ok(AttendanceView { person_id, name, capacity: Capacity::parse(&capacity)?, presence: parse_presence(&presence)?, online, substitute })
        })
        .collect()
    }

    /// The group's attendance as the strike policy reads it (ToR §17).
    pub async fn attendance_record(&self, group: GroupId) -> Result<s17::Attendance> {
        self.attendance_record_where(group, None).await
    }

    /// [`Store::attendance_record`] with only one calendar year's meetings and marks: what
    /// `s17::strikes` reads for that year (strikes count per calendar year); the decisions are
    /// all kept.
    pub async fn attendance_record_of_year(&self, group: GroupId, year: i32) -> Result<s17::Attendance> {
        self.attendance_record_where(group, Some(year)).await
    }

    async fn attendance_record_where(&self, group: GroupId, year: Option<i32>) -> Result<s17::Attendance> {
        // starts_at is stored as ISO 8601 text, so a year is a range of strings.
        let (from, to) = match year {
            Some(y) => (Some(format!("{y:04}-01-01")), Some(format!("{:04}-01-01", y + 1))),
            None => (None, None),
        };
        let meetings = sqlx::query_as::<_, (Id, NaiveDateTime, bool)>(
            "SELECT id, starts_at, compulsory FROM meetings WHERE group_id = ?1 AND (?2 IS NULL OR (starts_at >= ?2 AND starts_at < ?3))",
        )
        .bind(group)
        .bind(&from)
        .bind(&to)
        .fetch_all(&self.pool)
        .await?
        .into_iter()
        .map(|(id, starts, compulsory)| s17::MeetingDay { id, on: starts.date(), compulsory })
        .collect();
        let marks = sqlx::query_as::<_, (Id, Id, String)>(
            "SELECT a.meeting_id, a.person_id, a.presence FROM attendance a JOIN meetings m ON m.id = a.meeting_id \
             WHERE m.group_id = ?1 AND a.capacity = 'member' AND (?2 IS NULL OR (m.starts_at >= ?2 AND m.starts_at < ?3))",
        )
        .bind(group)
        .bind(&from)
        .bind(&to)
        .fetch_all(&self.pool)
        .await?
        .into_iter()
        .map(|(meeting, person, presence)| Ok(s17::Mark { meeting, person, presence: parse_presence(&presence)? }))
        .collect::<Result<_>>()?;
        let decisions = self
            .strike_decisions(group)
            .await?
            .into_iter()
            .map(|d| s17::StrikeDecision { person: d.person_id, year: d.year, decision: d.decision, strikes: d.strikes })
            .collect();
        Ok(s17::Attendance { meetings, marks, decisions })
    }

    pub async fn strike_decisions(&self, group: GroupId) -> Result<Vec<StrikeDecisionView>> {
        sqlx::query_as::<_, (Id, Id, String, i32, u32, String, String, NaiveDate, String)>(
            "SELECT d.id, d.person_id, p.name, d.year, d.strikes, d.decision, d.reason, d.decided_on, d.decided_by \
             FROM strike_decisions d JOIN people p ON p.id = d.person_id WHERE d.group_id = ? ORDER BY d.decided_on DESC, d.id DESC",
        )
        .bind(group)
        .fetch_all(&self.pool)
        .await?
        .into_iter()
        .map(|(id, person_id, name, year, strikes, decision, reason, decided_on, decided_by)| {
            let decision = match decision.as_str() {
                "eject" => Discretion::Eject,
                "retain" => Discretion::Retain,
                other => return Err(corrupt("decision", other)),
            };
            Ok(StrikeDecisionView { id, person_id, name, year, strikes, decision, reason, decided_on, decided_by })
        })
        .collect()
    }

    /// A meeting's minutes, following its agenda (a draft with no notes yet if none were written).
    pub async fn minutes(&self, group: GroupId, meeting: Id) -> Result<MinutesView> {
        let found: Option<i64> =
            sqlx::query_scalar("SELECT 1 FROM meetings WHERE id = ? AND group_id = ?").bind(meeting).bind(group).fetch_optional(&self.pool).await?;
        found.ok_or_else(|| StoreError::NotFound { what: format!("Meeting {meeting}") })?;
        let head: Option<(String, Option<NaiveDate>, Option<Id>, String)> =
            sqlx::query_as("SELECT minute_taker, approved_on, approved_at_meeting, approval_note FROM minutes WHERE meeting_id = ?")
                .bind(meeting)
                .fetch_optional(&self.pool)
                .await?;
        let (minute_taker, approved_on, approved_at_meeting, approval_note) = head.unwrap_or_else(|| (PROGRAMME_MANAGER.to_owned(), None, None, String::new()));
        let items = sqlx::query_as::<_, (Id, u32, String, Option<String>, Option<String>)>(
            "SELECT i.id, i.position, i.title, n.notes, s.requested_by FROM agenda_items i \
             LEFT JOIN item_notes n ON n.agenda_item_id = i.id LEFT JOIN private_sessions s ON s.agenda_item_id = i.id \
             WHERE i.meeting_id = ? ORDER BY i.position",
        )
        .bind(meeting)
        .fetch_all(&self.pool)
        .await?
        .into_iter()
        .map(|(item_id, position, title, notes, requested_by)| ItemMinutes {
            item_id,
            position,
            title,
            notes: if requested_by.is_some() { None } else { Some(notes.unwrap_or_default()) },
            private: requested_by.map(|requested_by| PrivateSession { requested_by }),
        })
        .collect();
        let corrections = sqlx::query_as::<_, (Id, Option<Id>, String, NaiveDate)>(
            "SELECT id, agenda_item_id, correction, recorded_on FROM minute_corrections WHERE meeting_id = ? ORDER BY id",
        )
        .bind(meeting)
        .fetch_all(&self.pool)
        .await?
        .into_iter()
        .map(|(id, item_id, correction, recorded_on)| CorrectionView { id, item_id, correction, recorded_on })
        .collect();
        Ok(MinutesView { meeting_id: meeting, minute_taker, approved_on, approved_at_meeting, approval_note, items, corrections })
    }

    pub async fn actions(&self, group: GroupId) -> Result<Vec<ActionView>> {
        self.actions_where(group, true, None).await
    }

    /// The open actions, in the order of [`Store::actions`].
    pub async fn open_actions(&self, group: GroupId) -> Result<Vec<ActionView>> {
        self.actions_where(group, false, None).await
    }

    /// What a meeting's record reads of the action log: the meeting's own actions and every
    /// open action (not ten years of closed ones), in the order of [`Store::actions`].
    pub async fn actions_for_meeting(&self, group: GroupId, meeting: Id) -> Result<Vec<ActionView>> {
        self.actions_where(group, false, Some(meeting)).await
    }

    /// Every action (`all`), or the open ones and those of `meeting`.
    async fn actions_where(&self, group: GroupId, all: bool, meeting: Option<Id>) -> Result<Vec<ActionView>> {
        sqlx::query_as::<_, (Id, Id, String, NaiveDateTime, Option<Id>, Option<String>, String, Id, String, NaiveDate, String, Option<NaiveDate>)>(
            "SELECT a.id, a.meeting_id, m.title, m.starts_at, a.agenda_item_id, i.title, a.description, a.owner_id, p.name, a.due_on, a.status, a.closed_on \
             FROM actions a JOIN meetings m ON m.id = a.meeting_id JOIN people p ON p.id = a.owner_id \
             LEFT JOIN agenda_items i ON i.id = a.agenda_item_id WHERE a.group_id = ?1 \
             AND (?2 OR a.status = 'open' OR a.meeting_id = ?3) \
             ORDER BY a.status <> 'open', a.due_on, a.id",
        )
        .bind(group)
        .bind(all)
        .bind(meeting)
        .fetch_all(&self.pool)
        .await?
        .into_iter()
        .map(|(id, meeting_id, meeting_title, meeting_starts_at, agenda_item_id, item_title, description, owner_id, owner, due_on, status, closed_on)| {
            Ok(ActionView {
                id,
                meeting_id,
                meeting_title,
                meeting_starts_at,
                agenda_item_id,
                item_title,
                description,
                owner_id,
                owner,
                due_on,
                status: ActionStatus::parse(&status)?,
                closed_on,
            })
        })
        .collect()
    }

    pub async fn decisions(&self, group: GroupId) -> Result<Vec<DecisionView>> {
        self.decisions_where(group, None).await
    }

    /// The decisions taken at one meeting, in the order of [`Store::decisions`].
    pub async fn decisions_of_meeting(&self, group: GroupId, meeting: Id) -> Result<Vec<DecisionView>> {
        self.decisions_where(group, Some(meeting)).await
    }

    async fn decisions_where(&self, group: GroupId, meeting: Option<Id>) -> Result<Vec<DecisionView>> {
        type Row = (Id, Option<Id>, Option<String>, Option<Id>, NaiveDate, String, String, Option<u32>, Option<u32>, Option<String>, Option<u32>, String);
        sqlx::query_as::<_, Row>(
            "SELECT d.id, d.meeting_id, m.title, d.agenda_item_id, d.decided_on, d.kind, d.text, d.in_favour, d.base, d.base_kind, d.threshold, d.outcome \
             FROM decisions d LEFT JOIN meetings m ON m.id = d.meeting_id WHERE d.group_id = ?1 AND (?2 IS NULL OR d.meeting_id = ?2) \
             ORDER BY d.decided_on DESC, d.id DESC",
        )
        .bind(group)
        .bind(meeting)
        .fetch_all(&self.pool)
        .await?
        .into_iter()
        .map(|(id, meeting_id, meeting_title, agenda_item_id, decided_on, kind, text, in_favour, base, base_kind, threshold, outcome)| {
            let consensus = match (in_favour, base, base_kind.as_deref().and_then(ConsensusBase::parse), threshold) {
                (Some(f), Some(b), Some(k), Some(t)) => rules::consensus(f, b, t, k).ok(),
                _ => None,
            };
            Ok(DecisionView {
                id,
                meeting_id,
                meeting_title,
                agenda_item_id,
                decided_on,
                kind: DecisionKind::parse(&kind)?,
                text,
                consensus,
                outcome: DecisionOutcome::parse(&outcome)?,
            })
        })
        .collect()
    }

    pub async fn consensus_base(&self, group: GroupId) -> Result<ConsensusBase> {
        let base: String = sqlx::query_scalar("SELECT funds_consensus_base FROM group_settings WHERE group_id = ?").bind(group).fetch_one(&self.pool).await?;
        ConsensusBase::parse(&base).ok_or_else(|| corrupt("consensus base", &base))
    }

    pub async fn positions(&self, group: GroupId) -> Result<Vec<PositionView>> {
        type Row = (Id, String, String, NaiveDate, Option<NaiveDate>, bool, Option<String>, String, String, Option<NaiveDate>);
        let rows = sqlx::query_as::<_, Row>(
            "SELECT id, title, summary, proposed_on, outline_started_on, divided, public_decision, public_reason, public_decided_by, public_decided_on \
             FROM positions WHERE group_id = ? ORDER BY proposed_on DESC, id DESC",
        )
        .bind(group)
        .fetch_all(&self.pool)
        .await?;
        // The volunteers and viewpoints of all the group's positions in one query each (not
        // two per position), in each position's order.
        let mut volunteers_of: std::collections::HashMap<Id, Vec<Volunteer>> = std::collections::HashMap::new();
        for (position, person_id, name, volunteered_on) in sqlx::query_as::<_, (Id, Id, String, NaiveDate)>(
            "SELECT v.position_id, v.person_id, p.name, v.volunteered_on FROM position_volunteers v JOIN positions x ON x.id = v.position_id \
             JOIN people p ON p.id = v.person_id WHERE x.group_id = ? ORDER BY v.position_id, v.volunteered_on, p.name",
        )
        .bind(group)
        .fetch_all(&self.pool)
        .await?
        {
            volunteers_of.entry(position).or_default().push(Volunteer { person_id, name, volunteered_on });
        }
        let mut viewpoints_of: std::collections::HashMap<Id, Vec<ViewpointView>> = std::collections::HashMap::new();
        for (position, id, viewpoint) in sqlx::query_as::<_, (Id, Id, String)>(
            "SELECT w.position_id, w.id, w.viewpoint FROM position_viewpoints w JOIN positions x ON x.id = w.position_id \
             WHERE x.group_id = ? ORDER BY w.position_id, w.id",
        )
        .bind(group)
        .fetch_all(&self.pool)
        .await?
        {
            viewpoints_of.entry(position).or_default().push(ViewpointView { id, viewpoint });
        }
        let mut out = Vec::with_capacity(rows.len());
        for (id, title, summary, proposed_on, outline_started_on, divided, public_decision, public_reason, public_decided_by, public_decided_on) in rows {
            let volunteers = volunteers_of.remove(&id).unwrap_or_default();
            let viewpoints = viewpoints_of.remove(&id).unwrap_or_default();
            out.push(PositionView {
                id,
                title,
                summary,
                proposed_on,
                outline_started_on,
                volunteers,
                viewpoints,
                divided,
                public_decision: match public_decision.as_deref() {
                    Some("take") => Some(PublicPosition::Take),
                    Some("not_take") => Some(PublicPosition::NotTake),
                    _ => None,
                },
                public_reason,
                public_decided_by,
                public_decided_on,
            });
        }
        Ok(out)
    }
}
