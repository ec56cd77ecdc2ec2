//! The group's work registers (ToR §3, §5) and declarations of interest.
//!
//! One `work_entries` table holds consultations (ToR §3a), concerns (§3c), horizon items
//! (§5a) and representation (§3d, §5f), told apart by their kind; which statuses each has
//! is the rules' (`secretariat_rules::work`). Every status an entry has had is a row of
//! `work_status_changes`; the agenda items where it was discussed are linked in
//! `work_entry_items`, and its decisions and actions follow from those items. A
//! declaration of interest is one member's, on one agenda item, at the meeting.
//! Writes are in the caller's transaction and audited, one row per record.

use crate::Store;
use crate::error::{Result, StoreError, touched};
use crate::fields::{invalid, optional_text, text};
use crate::meetings::{AgendaItemInput, Purpose};
use crate::subgroups::{DecisionRef, MeetingRef};
use crate::write::{GroupId, Writer};
use chrono::{NaiveDate, NaiveDateTime};
use secretariat_rules::register::Id;
use secretariat_rules::work::{HorizonKind, WorkFacts, WorkKind, WorkStatus};
use serde::{Deserialize, Serialize};
use serde_json::json;
use ts_rs::TS;

/// How long an agenda item made from an entry runs, in minutes.
const ITEM_MINUTES: u32 = 10;

/// An entry as a person writes it. Which fields apply depends on the kind (see the migration).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct WorkEntryInput {
    pub kind: WorkKind,
    pub title: String,
    /// What was asked, the concern, the development, or what was said.
    pub summary: String,
    /// Who asked (consultation), who raised it (concern), the source reference (horizon), the forum (representation).
    pub source: String,
    /// For a horizon item: technology, legislation, regulation, case law or standard (ToR §5a).
    pub horizon_kind: Option<HorizonKind>,
    /// Received, raised, spotted, or the day of the forum.
    pub opened_on: NaiveDate,
    /// Who owns it; for representation, who represented the group.
    pub owner_id: Option<Id>,
    /// The sub-group that has taken it on (ToR §18), if one has.
    pub subgroup_id: Option<Id>,
    /// A consultation's deadline.
    pub deadline: Option<NaiveDate>,
    /// The group's response to a consultation: a paper on an agenda item.
    pub response_paper_id: Option<Id>,
    /// A horizon item's assessment.
    pub assessment: String,
    /// A concern: shared with which forum. Representation: the outcome.
    pub outcome: String,
    /// Raised in confidence: never in the digest.
    pub confidential: bool,
}

/// A line of a register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct WorkEntrySummary {
    pub id: Id,
    pub kind: WorkKind,
    pub title: String,
    pub source: String,
    pub horizon_kind: Option<HorizonKind>,
    pub status: WorkStatus,
    pub opened_on: NaiveDate,
    pub reviewed_on: NaiveDate,
    pub deadline: Option<NaiveDate>,
    pub submitted_on: Option<NaiveDate>,
    pub owner_id: Option<Id>,
    pub owner: Option<String>,
    pub subgroup: Option<String>,
    pub confidential: bool,
    /// The agenda items it was discussed at.
    pub items: u32,
    /// The paragraph it serves: "ToR §3c".
    pub tor: String,
}

/// One status an entry had.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct StatusChange {
    pub status: WorkStatus,
    pub on: NaiveDate,
    pub note: String,
}

/// An agenda item where an entry was discussed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct WorkItemLink {
    pub agenda_item_id: Id,
    pub title: String,
    pub meeting: MeetingRef,
}

/// A paper of one of the group's meetings, to be chosen as a consultation's response (ToR §3a).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PaperChoice {
    pub id: Id,
    pub title: String,
    /// The agenda item it is attached to.
    pub item_title: String,
    pub meeting: MeetingRef,
}

/// An action from one of an entry's agenda items.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct WorkActionRef {
    pub id: Id,
    pub description: String,
    pub owner: String,
    pub due_on: NaiveDate,
    pub status: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct WorkEntryDetail {
    pub id: Id,
    pub input: WorkEntryInput,
    pub status: WorkStatus,
    pub reviewed_on: NaiveDate,
    pub submitted_on: Option<NaiveDate>,
    pub owner: Option<String>,
    pub subgroup: Option<String>,
    pub response_paper: Option<String>,
    pub tor: String,
    /// Oldest first; the first is its opening.
    pub history: Vec<StatusChange>,
    pub items: Vec<WorkItemLink>,
    pub decisions: Vec<DecisionRef>,
    pub actions: Vec<WorkActionRef>,
}

/// One member's declaration on one agenda item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DeclarationInput {
    pub agenda_item_id: Id,
    pub person_id: Id,
    /// False: "no interest" declared.
    pub interest: bool,
    /// The nature of the interest; empty for none.
    pub nature: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DeclarationView {
    pub id: Id,
    pub meeting: MeetingRef,
    pub agenda_item_id: Id,
    pub item_title: String,
    pub item_position: u32,
    pub person_id: Id,
    pub name: String,
    pub interest: bool,
    pub nature: String,
    pub declared_on: NaiveDate,
}

fn corrupt(what: &str, value: &str) -> StoreError {
    StoreError::Database(format!("unexpected {what} '{value}' in the database"))
}

fn parse_kind(text: &str) -> Result<WorkKind> {
    WorkKind::parse(text).ok_or_else(|| corrupt("work kind", text))
}

fn parse_status(text: &str) -> Result<WorkStatus> {
    WorkStatus::parse(text).ok_or_else(|| corrupt("work status", text))
}

fn parse_horizon(text: Option<String>) -> Result<Option<HorizonKind>> {
    text.map(|t| HorizonKind::parse(&t).ok_or_else(|| corrupt("horizon kind", &t))).transpose()
}

fn long_text(field: &'static str, what: &'static str, value: &str) -> Result<String> {
    secretariat_rules::text::multi_line(value, what, 8000).map_err(|e| invalid(field, e.to_string()))
}

/// An entry's fields, checked: (title, summary, source, assessment, outcome).
fn checked(input: &WorkEntryInput) -> Result<(String, String, String, String, String)> {
    let title = text("title", "The title", &input.title, 200)?;
    crate::fields::date("opened_on", "The date", input.opened_on)?;
    let summary = long_text("summary", "The summary", &input.summary)?;
    let source = optional_text("source", "The source", &input.source, 300)?;
    let assessment = long_text("assessment", "The assessment", &input.assessment)?;
    let outcome = long_text("outcome", "The outcome", &input.outcome)?;
    match (input.kind, input.horizon_kind) {
        (WorkKind::Horizon, None) => {
            return Err(invalid("horizon_kind", "Say what kind of development it is: technology, legislation, regulation, case law or a standard (ToR §5a)."));
        }
        (kind, Some(_)) if kind != WorkKind::Horizon => return Err(invalid("horizon_kind", "Only a horizon item has a kind of development.")),
        _ => {}
    }
    if input.kind == WorkKind::Consultation {
        if let Some(deadline) = input.deadline {
            crate::fields::date("deadline", "The deadline", deadline)?;
            if deadline < input.opened_on {
                return Err(invalid("deadline", "The deadline is before the consultation was received."));
            }
        }
        if source.is_empty() {
            return Err(invalid("source", "Say who is consulting (ToR §3a)."));
        }
    } else if input.deadline.is_some() || input.response_paper_id.is_some() {
        return Err(invalid("deadline", "Only a consultation has a deadline and a response."));
    }
    if input.kind == WorkKind::Representation && source.is_empty() {
        return Err(invalid("source", "Name the forum the group was represented at (ToR §3d, §5f)."));
    }
    Ok((title, summary, source, assessment, outcome))
}

impl Writer {
    async fn work_links(&mut self, group: GroupId, input: &WorkEntryInput) -> Result<()> {
        if let Some(owner) = input.owner_id {
            self.must_exist(crate::membership::Table::People, group, owner, "owner_id").await?;
        }
        if let Some(subgroup) = input.subgroup_id {
            let found: Option<i64> =
                sqlx::query_scalar("SELECT 1 FROM subgroups WHERE id = ? AND group_id = ?").bind(subgroup).bind(group).fetch_optional(self.conn()).await?;
            if found.is_none() {
                return Err(invalid("subgroup_id", "Choose a sub-group of this group."));
            }
        }
        if let Some(paper) = input.response_paper_id {
            let found: Option<i64> =
                sqlx::query_scalar("SELECT 1 FROM papers WHERE id = ? AND group_id = ?").bind(paper).bind(group).fetch_optional(self.conn()).await?;
            if found.is_none() {
                return Err(invalid("response_paper_id", "Choose a paper of this group's meetings."));
            }
        }
        Ok(())
    }

    async fn status_row(&mut self, group: GroupId, entry: Id, status: WorkStatus, on: NaiveDate, note: &str) -> Result<()> {
        let id: Id = sqlx::query_scalar("INSERT INTO work_status_changes (group_id, entry_id, status, on_date, note) VALUES (?, ?, ?, ?, ?) RETURNING id")
            .bind(group)
            .bind(entry)
            .bind(status.as_str())
            .bind(on)
            .bind(note)
            .fetch_one(self.conn())
            .await?;
        self.audit(Some(group), "work_status", id, "create", json!({ "entry_id": entry, "status": status, "on": on, "note": note })).await
    }

    /// Records a new entry in its register, in the register's first status.
    pub async fn add_work_entry(&mut self, group: GroupId, input: &WorkEntryInput) -> Result<Id> {
        let (title, summary, source, assessment, outcome) = checked(input)?;
        self.work_links(group, input).await?;
        let status = input.kind.first_status();
        let id: Id = sqlx::query_scalar(
            "INSERT INTO work_entries (group_id, kind, title, summary, source, horizon_kind, opened_on, owner_id, subgroup_id, status, reviewed_on, \
             deadline, response_paper_id, assessment, outcome, confidential) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        )
        .bind(group)
        .bind(input.kind.as_str())
        .bind(&title)
        .bind(&summary)
        .bind(&source)
        .bind(input.horizon_kind.map(HorizonKind::as_str))
        .bind(input.opened_on)
        .bind(input.owner_id)
        .bind(input.subgroup_id)
        .bind(status.as_str())
        .bind(input.opened_on)
        .bind(input.deadline)
        .bind(input.response_paper_id)
        .bind(&assessment)
        .bind(&outcome)
        .bind(input.confidential)
        .fetch_one(self.conn())
        .await?;
        self.audit(
            Some(group),
            "work_entry",
            id,
            "create",
            json!({ "kind": input.kind, "title": title, "source": source, "opened_on": input.opened_on, "owner_id": input.owner_id,
                    "subgroup_id": input.subgroup_id, "deadline": input.deadline, "confidential": input.confidential }),
        )
        .await?;
        self.status_row(group, id, status, input.opened_on, "Opened").await?;
        Ok(id)
    }

    /// Saves changes to an entry's fields. Its kind stays; its status changes only through [`Writer::set_work_status`].
    pub async fn update_work_entry(&mut self, group: GroupId, id: Id, input: &WorkEntryInput) -> Result<()> {
        let kind: String = sqlx::query_scalar("SELECT kind FROM work_entries WHERE id = ? AND group_id = ?")
            .bind(id)
            .bind(group)
            .fetch_optional(self.conn())
            .await?
            .ok_or_else(|| StoreError::NotFound { what: format!("Work entry {id}") })?;
        if parse_kind(&kind)? != input.kind {
            return Err(invalid("kind", "An entry stays in its register; record a new one in the other."));
        }
        let (title, summary, source, assessment, outcome) = checked(input)?;
        self.work_links(group, input).await?;
        touched(
            sqlx::query(
                "UPDATE work_entries SET title = ?, summary = ?, source = ?, horizon_kind = ?, opened_on = ?, owner_id = ?, subgroup_id = ?, deadline = ?, \
                 response_paper_id = ?, assessment = ?, outcome = ?, confidential = ? WHERE id = ? AND group_id = ?",
            )
            .bind(&title)
            .bind(&summary)
            .bind(&source)
            .bind(input.horizon_kind.map(HorizonKind::as_str))
            .bind(input.opened_on)
            .bind(input.owner_id)
            .bind(input.subgroup_id)
            .bind(input.deadline)
            .bind(input.response_paper_id)
            .bind(&assessment)
            .bind(&outcome)
            .bind(input.confidential)
            .bind(id)
            .bind(group)
            .execute(self.conn())
            .await?,
            || format!("Work entry {id}"),
        )?;
        self.audit(
            Some(group),
            "work_entry",
            id,
            "update",
            json!({ "title": title, "source": source, "opened_on": input.opened_on, "owner_id": input.owner_id, "subgroup_id": input.subgroup_id,
                    "deadline": input.deadline, "response_paper_id": input.response_paper_id, "confidential": input.confidential }),
        )
        .await
    }

    /// Moves an entry to `status` on `on` with a note, or records a review when the status
    /// stays the same. A consultation set to submitted records the day it was submitted.
    pub async fn set_work_status(&mut self, group: GroupId, id: Id, status: WorkStatus, on: NaiveDate, note: &str) -> Result<()> {
        crate::fields::date("on", "The date", on)?;
        let note = optional_text("note", "The note", note, 500)?;
        let (kind, opened_on, last): (String, NaiveDate, NaiveDate) = sqlx::query_as(
            "SELECT e.kind, e.opened_on, (SELECT max(on_date) FROM work_status_changes WHERE entry_id = e.id) FROM work_entries e WHERE e.id = ? AND e.group_id = ?",
        )
        .bind(id)
        .bind(group)
        .fetch_optional(self.conn())
        .await?
        .ok_or_else(|| StoreError::NotFound { what: format!("Work entry {id}") })?;
        let kind = parse_kind(&kind)?;
        kind.check_status(status).map_err(|m| invalid("status", m))?;
        if on < opened_on.max(last) {
            return Err(invalid("on", format!("Its last change was on {}; give that day or a later one.", secretariat_rules::uk_date(opened_on.max(last)))));
        }
        let submitted = kind == WorkKind::Consultation && status == WorkStatus::Submitted;
        sqlx::query(
            "UPDATE work_entries SET status = ?, reviewed_on = ?, submitted_on = CASE WHEN ? THEN coalesce(submitted_on, ?) ELSE submitted_on END WHERE id = ?",
        )
        .bind(status.as_str())
        .bind(on)
        .bind(submitted)
        .bind(on)
        .bind(id)
        .execute(self.conn())
        .await?;
        self.status_row(group, id, status, on, &note).await
    }

    /// Links an agenda item at which the entry was discussed.
    pub async fn link_work_item(&mut self, group: GroupId, entry: Id, item: Id) -> Result<()> {
        let found: Option<i64> =
            sqlx::query_scalar("SELECT 1 FROM work_entries WHERE id = ? AND group_id = ?").bind(entry).bind(group).fetch_optional(self.conn()).await?;
        if found.is_none() {
            return Err(StoreError::NotFound { what: format!("Work entry {entry}") });
        }
        let item_found: Option<i64> =
            sqlx::query_scalar("SELECT 1 FROM agenda_items WHERE id = ? AND group_id = ?").bind(item).bind(group).fetch_optional(self.conn()).await?;
        if item_found.is_none() {
            return Err(invalid("agenda_item_id", "Choose an agenda item of this group's meetings."));
        }
        let inserted = sqlx::query("INSERT OR IGNORE INTO work_entry_items (entry_id, agenda_item_id, group_id) VALUES (?, ?, ?)")
            .bind(entry)
            .bind(item)
            .bind(group)
            .execute(self.conn())
            .await?
            .rows_affected();
        if inserted == 0 {
            return Err(invalid("agenda_item_id", "That item is already linked."));
        }
        self.audit(Some(group), "work_entry", entry, "link_item", json!({ "agenda_item_id": item })).await
    }

    /// Undoes a link made in error; the agenda item itself stays on its agenda.
    pub async fn unlink_work_item(&mut self, group: GroupId, entry: Id, item: Id) -> Result<()> {
        let removed = sqlx::query("DELETE FROM work_entry_items WHERE entry_id = ? AND agenda_item_id = ? AND group_id = ?")
            .bind(entry)
            .bind(item)
            .bind(group)
            .execute(self.conn())
            .await?
            .rows_affected();
        if removed == 0 {
            return Err(invalid("agenda_item_id", "That item is not linked to this entry."));
        }
        self.audit(Some(group), "work_entry", entry, "unlink_item", json!({ "agenda_item_id": item })).await
    }

    /// Puts the entry on a meeting's agenda ("Concern: …", before Any other business) and links the item.
    pub async fn add_work_agenda_item(&mut self, group: GroupId, entry: Id, meeting: Id, presenter: Option<Id>) -> Result<Id> {
        let (kind, title): (String, String) = sqlx::query_as("SELECT kind, title FROM work_entries WHERE id = ? AND group_id = ?")
            .bind(entry)
            .bind(group)
            .fetch_optional(self.conn())
            .await?
            .ok_or_else(|| StoreError::NotFound { what: format!("Work entry {entry}") })?;
        let kind = parse_kind(&kind)?;
        let singular = kind.singular();
        let mut label = singular.to_owned();
        label[..1].make_ascii_uppercase();
        let item_title: String = format!("{label}: {title}").chars().take(200).collect();
        let input = AgendaItemInput { title: item_title, purpose: Purpose::Discussion, presenter_id: presenter, minutes: ITEM_MINUTES, private: false };
        let item = self.add_agenda_item(group, meeting, &input).await.map_err(|e| match e {
            StoreError::NotFound { .. } => invalid("meeting_id", "Choose a meeting of this group."),
            other => other,
        })?;
        self.link_work_item(group, entry, item).await?;
        Ok(item)
    }

    /// Records one member's declaration on one agenda item at the meeting, replacing an
    /// earlier one on the same item.
    pub async fn declare_interest(&mut self, group: GroupId, input: &DeclarationInput, on: NaiveDate) -> Result<Id> {
        crate::fields::date("on", "The date", on)?;
        self.must_exist(crate::membership::Table::People, group, input.person_id, "person_id").await?;
        let meeting: Id = sqlx::query_scalar("SELECT meeting_id FROM agenda_items WHERE id = ? AND group_id = ?")
            .bind(input.agenda_item_id)
            .bind(group)
            .fetch_optional(self.conn())
            .await?
            .ok_or_else(|| invalid("agenda_item_id", "Choose an item on this meeting's agenda."))?;
        let nature = if input.interest {
            let nature = text("nature", "The nature of the interest", &input.nature, 300)?;
            if nature.is_empty() {
                return Err(invalid("nature", "Say what the interest is (for example \u{201c}employer bids for this work\u{201d})."));
            }
            nature
        } else {
            String::new()
        };
        let id: Id = sqlx::query_scalar(
            "INSERT INTO declarations (group_id, meeting_id, agenda_item_id, person_id, interest, nature, declared_on) VALUES (?, ?, ?, ?, ?, ?, ?) \
             ON CONFLICT (agenda_item_id, person_id) DO UPDATE SET interest = excluded.interest, nature = excluded.nature, declared_on = excluded.declared_on \
             RETURNING id",
        )
        .bind(group)
        .bind(meeting)
        .bind(input.agenda_item_id)
        .bind(input.person_id)
        .bind(input.interest)
        .bind(&nature)
        .bind(on)
        .fetch_one(self.conn())
        .await?;
        self.audit(
            Some(group),
            "declaration",
            id,
            "declare",
            json!({ "meeting_id": meeting, "agenda_item_id": input.agenda_item_id, "person_id": input.person_id, "interest": input.interest, "nature": nature }),
        )
        .await?;
        Ok(id)
    }

    /// Removes a declaration recorded in error.
    pub async fn remove_declaration(&mut self, group: GroupId, id: Id) -> Result<()> {
        touched(sqlx::query("DELETE FROM declarations WHERE id = ? AND group_id = ?").bind(id).bind(group).execute(self.conn()).await?, || {
            format!("Declaration {id}")
        })?;
        self.audit(Some(group), "declaration", id, "remove", json!({})).await
    }
}

type SummaryRow = (
    Id,
    String,
    String,
    String,
    Option<String>,
    String,
    NaiveDate,
    NaiveDate,
    Option<NaiveDate>,
    Option<NaiveDate>,
    Option<Id>,
    Option<String>,
    Option<String>,
    bool,
    u32,
);

type DeclarationRow = (Id, Id, String, NaiveDateTime, Id, String, u32, Id, String, bool, String, NaiveDate);

const DECLARATIONS: &str = "SELECT d.id, m.id, m.title, m.starts_at, i.id, i.title, i.position, p.id, p.name, d.interest, d.nature, d.declared_on \
     FROM declarations d JOIN meetings m ON m.id = d.meeting_id JOIN agenda_items i ON i.id = d.agenda_item_id JOIN people p ON p.id = d.person_id \
     WHERE d.group_id = ?1";

fn declaration(
    (id, meeting_id, meeting_title, starts_at, item, item_title, position, person_id, name, interest, nature, declared_on): DeclarationRow,
) -> DeclarationView {
    DeclarationView {
        id,
        meeting: MeetingRef { id: meeting_id, title: meeting_title, starts_at },
        agenda_item_id: item,
        item_title,
        item_position: position,
        person_id,
        name,
        interest,
        nature,
        declared_on,
    }
}

impl Store {
    /// The entries of one register, or of all, open ones first, newest first.
    pub async fn work_entries(&self, group: GroupId, kind: Option<WorkKind>) -> Result<Vec<WorkEntrySummary>> {
        let rows: Vec<SummaryRow> = sqlx::query_as(
            "SELECT e.id, e.kind, e.title, e.source, e.horizon_kind, e.status, e.opened_on, e.reviewed_on, e.deadline, e.submitted_on, e.owner_id, p.name, s.name, \
                    e.confidential, (SELECT count(*) FROM work_entry_items x WHERE x.entry_id = e.id) \
             FROM work_entries e LEFT JOIN people p ON p.id = e.owner_id LEFT JOIN subgroups s ON s.id = e.subgroup_id \
             WHERE e.group_id = ?1 AND (?2 IS NULL OR e.kind = ?2) ORDER BY e.status = 'closed', e.opened_on DESC, e.id DESC",
        )
        .bind(group)
        .bind(kind.map(WorkKind::as_str))
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(
                |(
                    id,
                    kind,
                    title,
                    source,
                    horizon_kind,
                    status,
                    opened_on,
                    reviewed_on,
                    deadline,
                    submitted_on,
                    owner_id,
                    owner,
                    subgroup,
                    confidential,
                    items,
                )| {
                    let kind = parse_kind(&kind)?;
                    Ok(WorkEntrySummary {
                        id,
                        kind,
                        title,
                        source,
                        horizon_kind: parse_horizon(horizon_kind)?,
                        status: parse_status(&status)?,
                        opened_on,
                        reviewed_on,
                        deadline,
                        submitted_on,
                        owner_id,
                        owner,
                        subgroup,
                        confidential,
                        items,
                        tor: kind.tor().to_owned(),
                    })
                },
            )
            .collect()
    }

    /// One entry with its history, agenda items, decisions and actions.
    pub async fn work_entry(&self, group: GroupId, id: Id) -> Result<WorkEntryDetail> {
        type Row = (
            String,
            String,
            String,
            String,
            Option<String>,
            NaiveDate,
            Option<Id>,
            Option<Id>,
            String,
            NaiveDate,
            Option<NaiveDate>,
            Option<NaiveDate>,
            Option<Id>,
            String,
            String,
            bool,
        );
        let row: Row = sqlx::query_as(
            "SELECT kind, title, summary, source, horizon_kind, opened_on, owner_id, subgroup_id, status, reviewed_on, deadline, \
                    submitted_on, response_paper_id, assessment, outcome, confidential FROM work_entries WHERE id = ? AND group_id = ?",
        )
        .bind(id)
        .bind(group)
        .fetch_optional(&self.pool)
        .await?
        .ok_or_else(|| StoreError::NotFound { what: format!("Work entry {id}") })?;
        let (
            kind,
            title,
            summary,
            source,
            horizon_kind,
            opened_on,
            owner_id,
            subgroup_id,
            status,
            reviewed_on,
            deadline,
            submitted_on,
            response_paper_id,
            assessment,
            outcome,
            confidential,
        ) = row;
        let (owner, subgroup, response_paper): (Option<String>, Option<String>, Option<String>) = sqlx::query_as(
            "SELECT (SELECT name FROM people WHERE id = ?1), (SELECT name FROM subgroups WHERE id = ?2), (SELECT title FROM papers WHERE id = ?3)",
        )
        .bind(owner_id)
        .bind(subgroup_id)
        .bind(response_paper_id)
        .fetch_one(&self.pool)
        .await?;
        let kind = parse_kind(&kind)?;
        let history =
            sqlx::query_as::<_, (String, NaiveDate, String)>("SELECT status, on_date, note FROM work_status_changes WHERE entry_id = ? ORDER BY on_date, id")
                .bind(id)
                .fetch_all(&self.pool)
                .await?
                .into_iter()
                .map(|(status, on, note)| Ok(StatusChange { status: parse_status(&status)?, on, note }))
                .collect::<Result<_>>()?;
        let items = sqlx::query_as::<_, (Id, String, Id, String, NaiveDateTime)>(
            "SELECT i.id, i.title, m.id, m.title, m.starts_at FROM work_entry_items x JOIN agenda_items i ON i.id = x.agenda_item_id \
             JOIN meetings m ON m.id = i.meeting_id WHERE x.entry_id = ? ORDER BY m.starts_at, i.position",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?
        .into_iter()
        .map(|(agenda_item_id, title, meeting_id, meeting_title, starts_at)| WorkItemLink {
            agenda_item_id,
            title,
            meeting: MeetingRef { id: meeting_id, title: meeting_title, starts_at },
        })
        .collect();
        let decisions = sqlx::query_as::<_, (Id, NaiveDate, String)>(
            "SELECT d.id, d.decided_on, d.text FROM decisions d JOIN work_entry_items x ON x.agenda_item_id = d.agenda_item_id WHERE x.entry_id = ? ORDER BY d.decided_on, d.id",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?
        .into_iter()
        .map(|(id, decided_on, text)| DecisionRef { id, decided_on, text })
        .collect();
        let actions = sqlx::query_as::<_, (Id, String, String, NaiveDate, String)>(
            "SELECT a.id, a.description, p.name, a.due_on, a.status FROM actions a JOIN people p ON p.id = a.owner_id \
             JOIN work_entry_items x ON x.agenda_item_id = a.agenda_item_id WHERE x.entry_id = ? ORDER BY a.due_on, a.id",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?
        .into_iter()
        .map(|(id, description, owner, due_on, status)| WorkActionRef { id, description, owner, due_on, status })
        .collect();
        Ok(WorkEntryDetail {
            id,
            input: WorkEntryInput {
                kind,
                title,
                summary,
                source,
                horizon_kind: parse_horizon(horizon_kind)?,
                opened_on,
                owner_id,
                subgroup_id,
                deadline,
                response_paper_id,
                assessment,
                outcome,
                confidential,
            },
            status: parse_status(&status)?,
            reviewed_on,
            submitted_on,
            owner,
            subgroup,
            response_paper,
            tor: kind.tor().to_owned(),
            history,
            items,
            decisions,
            actions,
        })
    }

    /// Agenda items of meetings from `since` on (and later meetings) that the entry could be
    /// linked to: those not linked already, latest meeting first, in agenda order.
    pub async fn work_item_choices(&self, group: GroupId, entry: Id, since: NaiveDate) -> Result<Vec<WorkItemLink>> {
        Ok(sqlx::query_as::<_, (Id, String, Id, String, NaiveDateTime)>(
            "SELECT i.id, i.title, m.id, m.title, m.starts_at FROM agenda_items i JOIN meetings m ON m.id = i.meeting_id \
             WHERE i.group_id = ?1 AND m.starts_at >= ?2 \
               AND NOT EXISTS (SELECT 1 FROM work_entry_items x WHERE x.entry_id = ?3 AND x.agenda_item_id = i.id) \
             ORDER BY m.starts_at DESC, i.position",
        )
        .bind(group)
        .bind(since.format("%Y-%m-%d").to_string())
        .bind(entry)
        .fetch_all(&self.pool)
        .await?
        .into_iter()
        .map(|(agenda_item_id, title, meeting_id, meeting_title, starts_at)| WorkItemLink {
            agenda_item_id,
            title,
            meeting: MeetingRef { id: meeting_id, title: meeting_title, starts_at },
        })
        .collect())
    }

    /// Papers that can be chosen as a consultation's response: those of meetings from
    /// `since` on, and `current` (the one chosen now) whenever it was, latest meeting first.
    pub async fn paper_choices(&self, group: GroupId, since: NaiveDate, current: Option<Id>) -> Result<Vec<PaperChoice>> {
        Ok(sqlx::query_as::<_, (Id, String, String, Id, String, NaiveDateTime)>(
            "SELECT p.id, p.title, i.title, m.id, m.title, m.starts_at FROM papers p JOIN agenda_items i ON i.id = p.agenda_item_id \
             JOIN meetings m ON m.id = i.meeting_id WHERE p.group_id = ?1 AND (m.starts_at >= ?2 OR p.id = ?3) \
             ORDER BY m.starts_at DESC, i.position, p.id",
        )
        .bind(group)
        .bind(since.format("%Y-%m-%d").to_string())
        .bind(current)
        .fetch_all(&self.pool)
        .await?
        .into_iter()
        .map(|(id, title, item_title, meeting_id, meeting_title, starts_at)| PaperChoice {
            id,
            title,
            item_title,
            meeting: MeetingRef { id: meeting_id, title: meeting_title, starts_at },
        })
        .collect())
    }

    /// What the rules read to say which entries need the secretariat.
    pub async fn work_facts(&self, group: GroupId) -> Result<Vec<WorkFacts>> {
        sqlx::query_as::<_, (Id, String, String, String, NaiveDate, Option<NaiveDate>, NaiveDate)>(
            "SELECT id, kind, title, status, opened_on, deadline, reviewed_on FROM work_entries WHERE group_id = ? AND status <> 'closed'",
        )
        .bind(group)
        .fetch_all(&self.pool)
        .await?
        .into_iter()
        .map(|(id, kind, title, status, opened_on, deadline, reviewed_on)| {
            Ok(WorkFacts { id, kind: parse_kind(&kind)?, title, status: parse_status(&status)?, opened_on, deadline, reviewed_on })
        })
        .collect()
    }

    /// The entries whose status changed (or that were reviewed) between two days, inclusive, as summaries.
    pub async fn work_changed_between(&self, group: GroupId, kind: Option<WorkKind>, from: NaiveDate, to: NaiveDate) -> Result<Vec<WorkEntrySummary>> {
        let changed: Vec<Id> = sqlx::query_scalar("SELECT DISTINCT entry_id FROM work_status_changes WHERE group_id = ? AND on_date BETWEEN ? AND ?")
            .bind(group)
            .bind(from)
            .bind(to)
            .fetch_all(&self.pool)
            .await?;
        Ok(self.work_entries(group, kind).await?.into_iter().filter(|e| changed.contains(&e.id)).collect())
    }

    /// The agenda items where a confidential entry is discussed: they are never named outside the group.
    pub async fn confidential_items(&self, group: GroupId) -> Result<Vec<Id>> {
        Ok(sqlx::query_scalar(
            "SELECT x.agenda_item_id FROM work_entry_items x JOIN work_entries e ON e.id = x.entry_id WHERE e.group_id = ? AND e.confidential = 1",
        )
        .bind(group)
        .fetch_all(&self.pool)
        .await?)
    }

    /// The declarations of interest made at a meeting, in agenda order.
    pub async fn declarations_of_meeting(&self, group: GroupId, meeting: Id) -> Result<Vec<DeclarationView>> {
        let sql = format!("{DECLARATIONS} AND d.meeting_id = ?2 ORDER BY i.position, p.name");
        Ok(sqlx::query_as::<_, DeclarationRow>(sqlx::AssertSqlSafe(sql))
            .bind(group)
            .bind(meeting)
            .fetch_all(&self.pool)
            .await?
            .into_iter()
            .map(declaration)
            .collect())
    }

    /// One person's declarations, the register of their interests, newest first.
    pub async fn declarations_of_person(&self, group: GroupId, person: Id) -> Result<Vec<DeclarationView>> {
        let sql = format!("{DECLARATIONS} AND d.person_id = ?2 ORDER BY m.starts_at DESC, i.position");
        Ok(sqlx::query_as::<_, DeclarationRow>(sqlx::AssertSqlSafe(sql))
            .bind(group)
            .bind(person)
            .fetch_all(&self.pool)
            .await?
            .into_iter()
            .map(declaration)
            .collect())
    }
}
