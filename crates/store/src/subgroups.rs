//! Sub-groups (ToR §18): their record (remit, start, the decision that made them,
//! closing), who is in them and how — the lead, members of the working group, and
//! invited individuals with their expertise, each a `people` row shared with the
//! rest of the register — and the report-backs the group requests.
//!
//! A report-back request puts an item on the agenda of the meeting it is due at;
//! the report's paper is added to that item through the ordinary paper path, so
//! the agenda pack carries it with nothing special. Writes are in the caller's
//! transaction and audited; whether a person may take a place (a seat or not) is
//! the rules' question (`tor::s18_subgroups::check_place`), asked by the caller.

use crate::Store;
use crate::error::{Result, StoreError, touched};
use crate::fields::{invalid, optional_text, text};
use crate::meetings::{AgendaItemInput, Purpose};
use crate::write::{GroupId, Writer};
use chrono::{NaiveDate, NaiveDateTime};
use secretariat_rules::register::Id;
use secretariat_rules::tor::s18_subgroups::{self as s18, Expertise, Place};
use secretariat_rules::uk_date;
use serde::{Deserialize, Serialize};
use serde_json::json;
use ts_rs::TS;

/// How long the agenda item a report-back request adds runs, in minutes.
const REPORT_BACK_MINUTES: u32 = 15;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SubgroupInput {
    pub name: String,
    /// What the group asked it to do.
    pub remit: String,
    pub start: NaiveDate,
    /// The decision that created it (ToR §18), where one is in the register.
    pub decision_id: Option<Id>,
    /// The meeting whose minutes record its creation, where there is one.
    pub meeting_id: Option<Id>,
    /// The decision or minute in words, e.g. "Minute 5.2, 9 Dec 2025".
    pub created_by: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PlaceInput {
    pub person_id: Id,
    pub place: Place,
    /// For an invited individual: what they are invited for (at least one).
    pub expertise: Vec<Expertise>,
    /// e.g. "Police National Database".
    pub expertise_note: String,
    pub from: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReportBackInput {
    /// What the group asked the sub-group to report on.
    pub topic: String,
    pub requested_on: NaiveDate,
    /// The meeting at which the group asked, where it was at one.
    pub requested_at_meeting_id: Option<Id>,
    /// The meeting the report is due at: it appears on that meeting's agenda.
    pub due_meeting_id: Id,
}

/// A report's PDF, already checked (`check_paper`), to go under the report-back's agenda item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportPaper {
    pub title: String,
    pub file_name: String,
    pub bytes: Vec<u8>,
    pub pages: u32,
}

/// A sub-group in the list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SubgroupSummary {
    pub id: Id,
    pub name: String,
    pub remit: String,
    pub start: NaiveDate,
    pub closed_on: Option<NaiveDate>,
    pub closed_reason: Option<String>,
    pub lead_id: Option<Id>,
    pub lead: Option<String>,
    /// Members of the working group taking part, the lead aside.
    pub members: u32,
    pub invitees: u32,
    /// Report-backs requested and neither received nor withdrawn.
    pub pending_report_backs: u32,
    /// The date of the meeting the earliest of those is due at.
    pub next_due: Option<NaiveDate>,
}

/// A meeting named from another record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct MeetingRef {
    pub id: Id,
    pub title: String,
    pub starts_at: NaiveDateTime,
}

/// A decision in the register, named from the sub-group it created.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DecisionRef {
    pub id: Id,
    pub decided_on: NaiveDate,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PlaceView {
    pub id: Id,
    pub person_id: Id,
    pub name: String,
    pub email: String,
    pub job_title: String,
    /// Their employer on the day asked about.
    pub organisation: Option<String>,
    pub place: Place,
    pub expertise: Vec<Expertise>,
    pub expertise_note: String,
    pub from: NaiveDate,
    pub to: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SubgroupDetail {
    pub id: Id,
    pub input: SubgroupInput,
    /// The decision that created it, where one is linked.
    pub decision: Option<DecisionRef>,
    pub meeting: Option<MeetingRef>,
    pub closed_on: Option<NaiveDate>,
    pub closed_reason: Option<String>,
    /// Current places first (lead, members, invited individuals), then past ones, newest first.
    pub places: Vec<PlaceView>,
}

/// The paper a report came with (its latest version).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ReportPaperView {
    pub id: Id,
    pub title: String,
    pub file_name: String,
    pub pages: u32,
    pub version: u32,
    /// Added after the due meeting's pack was published.
    pub supplement: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ReportBackView {
    pub id: Id,
    pub subgroup_id: Id,
    pub subgroup: String,
    pub topic: String,
    pub requested_on: NaiveDate,
    pub requested_at: Option<MeetingRef>,
    pub due: MeetingRef,
    /// Its item on the due meeting's agenda, unless someone removed it.
    pub agenda_item_id: Option<Id>,
    pub received_on: Option<NaiveDate>,
    pub report: String,
    pub paper: Option<ReportPaperView>,
    pub withdrawn_on: Option<NaiveDate>,
    /// The sub-group's lead today, who presents it.
    pub lead: Option<String>,
}

fn expertise_json(expertise: &[Expertise]) -> String {
    let mut list: Vec<Expertise> = expertise.to_vec();
    list.sort();
    list.dedup();
    serde_json::to_string(&list.iter().map(|e| e.as_str()).collect::<Vec<_>>()).expect("a list of strings serialises")
}

fn parse_expertise(stored: &str) -> Result<Vec<Expertise>> {
    let names: Vec<String> = serde_json::from_str(stored).map_err(|e| StoreError::Database(format!("damaged expertise list: {e}")))?;
    names.iter().map(|n| Expertise::parse(n).ok_or_else(|| StoreError::Database(format!("unexpected expertise '{n}' in the database")))).collect()
}

fn parse_place(stored: &str) -> Result<Place> {
    Place::parse(stored).ok_or_else(|| StoreError::Database(format!("unexpected sub-group place '{stored}' in the database")))
}

/// The agenda item's title for a report-back: "Report-back: Data standards — Custody data model".
fn item_title(subgroup: &str, topic: &str) -> String {
    let title = format!("Report-back: {subgroup} — {topic}");
    title.chars().take(200).collect()
}

/// The sub-group a report-back belongs to, and its state, as a write needs them.
struct ReportBackRow {
    subgroup_id: Id,
    subgroup: String,
    topic: String,
    requested_on: NaiveDate,
    due_meeting_id: Id,
    agenda_item_id: Option<Id>,
    received_on: Option<NaiveDate>,
    withdrawn_on: Option<NaiveDate>,
    paper_id: Option<Id>,
}

impl Writer {
    fn subgroup_fields(input: &SubgroupInput) -> Result<(String, String, String)> {
        let name = text("name", "The sub-group's name", &input.name, 100)?;
        crate::fields::date("start", "The sub-group's start", input.start)?;
        let remit = secretariat_rules::text::multi_line(&input.remit, "The remit", 4000).map_err(|e| invalid("remit", e.to_string()))?;
        if remit.is_empty() {
            return Err(invalid("remit", "Say what the group asked the sub-group to do (its remit)."));
        }
        let created_by = optional_text("created_by", "The decision or minute", &input.created_by, 200)?;
        Ok((name, remit, created_by))
    }

    async fn subgroup_links(&mut self, group: GroupId, input: &SubgroupInput, except: Option<Id>, name: &str) -> Result<()> {
        let taken: Option<Id> = sqlx::query_scalar("SELECT id FROM subgroups WHERE group_id = ? AND lower(name) = lower(?) AND id IS NOT ?")
            .bind(group)
            .bind(name)
            .bind(except)
            .fetch_optional(self.conn())
            .await?;
        if taken.is_some() {
            return Err(invalid("name", format!("There is already a sub-group called \u{201c}{name}\u{201d}.")));
        }
        if let Some(meeting) = input.meeting_id {
            self.meeting_ref(group, meeting, "meeting_id").await?;
        }
        if let Some(decision) = input.decision_id {
            let found: Option<i64> =
                sqlx::query_scalar("SELECT 1 FROM decisions WHERE id = ? AND group_id = ?").bind(decision).bind(group).fetch_optional(self.conn()).await?;
            if found.is_none() {
                return Err(invalid("decision_id", "Choose a decision from this group's register."));
            }
        }
        Ok(())
    }

    /// A meeting of the group, as (title, starts_at); `field` names the form field at fault.
    async fn meeting_ref(&mut self, group: GroupId, meeting: Id, field: &'static str) -> Result<(String, NaiveDateTime, Option<NaiveDate>)> {
        sqlx::query_as("SELECT title, starts_at, published_on FROM meetings WHERE id = ? AND group_id = ?")
            .bind(meeting)
            .bind(group)
            .fetch_optional(self.conn())
            .await?
            .ok_or_else(|| invalid(field, "Choose a meeting of this group."))
    }

    /// Creates a sub-group (ToR §18). Its lead and members are added as places.
    pub async fn add_subgroup(&mut self, group: GroupId, input: &SubgroupInput) -> Result<Id> {
        let (name, remit, created_by) = Self::subgroup_fields(input)?;
        self.subgroup_links(group, input, None, &name).await?;
        let id: Id = sqlx::query_scalar(
            "INSERT INTO subgroups (group_id, name, remit, start_date, decision_id, meeting_id, created_by) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
        )
        .bind(group)
        .bind(&name)
        .bind(&remit)
        .bind(input.start)
        .bind(input.decision_id)
        .bind(input.meeting_id)
        .bind(&created_by)
        .fetch_one(self.conn())
        .await?;
        self.audit(Some(group), "subgroup", id, "create", json!({ "name": name, "remit": remit, "start": input.start, "decision_id": input.decision_id, "meeting_id": input.meeting_id, "created_by": created_by })).await?;
        Ok(id)
    }

    pub async fn update_subgroup(&mut self, group: GroupId, id: Id, input: &SubgroupInput) -> Result<()> {
        let (name, remit, created_by) = Self::subgroup_fields(input)?;
        self.subgroup_links(group, input, Some(id), &name).await?;
        let first_place: Option<NaiveDate> = sqlx::query_scalar("SELECT min(start_date) FROM subgroup_places WHERE subgroup_id = ? AND group_id = ?")
            .bind(id)
            .bind(group)
            .fetch_one(self.conn())
            .await?;
        if let Some(first) = first_place.filter(|&first| first < input.start) {
            return Err(invalid("start", format!("Someone's place in the sub-group begins on {}; it cannot start later than that.", uk_date(first))));
        }
        touched(
            sqlx::query(
                "UPDATE subgroups SET name = ?, remit = ?, start_date = ?, decision_id = ?, meeting_id = ?, created_by = ? WHERE id = ? AND group_id = ?",
            )
            .bind(&name)
            .bind(&remit)
            .bind(input.start)
            .bind(input.decision_id)
            .bind(input.meeting_id)
            .bind(&created_by)
            .bind(id)
            .bind(group)
            .execute(self.conn())
            .await?,
            || format!("Sub-group {id}"),
        )?;
        self.audit(Some(group), "subgroup", id, "update", json!({ "name": name, "remit": remit, "start": input.start, "decision_id": input.decision_id, "meeting_id": input.meeting_id, "created_by": created_by })).await
    }

    /// The sub-group's name, start and closing day; refused once it has closed by `on`.
    async fn open_subgroup(&mut self, group: GroupId, id: Id, on: NaiveDate, field: &'static str) -> Result<(String, NaiveDate)> {
        let (name, start, closed): (String, NaiveDate, Option<NaiveDate>) =
            sqlx::query_as("SELECT name, start_date, closed_on FROM subgroups WHERE id = ? AND group_id = ?")
                .bind(id)
                .bind(group)
                .fetch_optional(self.conn())
                .await?
                .ok_or_else(|| StoreError::NotFound { what: format!("Sub-group {id}") })?;
        if let Some(closed) = closed.filter(|&closed| closed <= on) {
            return Err(invalid(field, format!("The {name} sub-group closed on {}.", uk_date(closed))));
        }
        Ok((name, start))
    }

    /// Gives a person a place in a sub-group from `input.from`. A new lead replaces the
    /// current one, whose place ends the day before; a member who becomes the lead moves
    /// from one place to the other. Whether the person may take the place (a seat on the
    /// working group, or none) is checked by the caller against the rules.
    pub async fn add_place(&mut self, group: GroupId, subgroup: Id, input: &PlaceInput) -> Result<Id> {
        crate::fields::date("from", "The start of the place", input.from)?;
        let (name, start) = self.open_subgroup(group, subgroup, input.from, "from").await?;
        self.must_exist(crate::membership::Table::People, group, input.person_id, "person_id").await?;
        if input.from < start {
            return Err(invalid("from", format!("The {name} sub-group started on {}; a place cannot begin before that.", uk_date(start))));
        }
        if input.place == Place::Invitee && input.expertise.is_empty() {
            return Err(invalid("expertise", "Choose what they are invited for: data, architecture, integration, API or other (ToR §18)."));
        }
        let note = optional_text("expertise_note", "The note on their expertise", &input.expertise_note, 200)?;
        let day_before = input.from.pred_opt().expect("a date has a day before");
        let current: Option<(Id, String, NaiveDate)> =
            sqlx::query_as("SELECT id, place, start_date FROM subgroup_places WHERE subgroup_id = ? AND person_id = ? AND end_date IS NULL")
                .bind(subgroup)
                .bind(input.person_id)
                .fetch_optional(self.conn())
                .await?;
        if let Some((place_id, place, since)) = current {
            let place = parse_place(&place)?;
            if !(input.place == Place::Lead && place == Place::Member) {
                return Err(invalid(
                    "person_id",
                    format!("They are already in the sub-group ({}, since {}); end that place first.", place.label().to_lowercase(), uk_date(since)),
                ));
            }
            if input.from <= since {
                return Err(invalid("from", format!("Their place as a member began on {}; they can lead from a later day.", uk_date(since))));
            }
            self.close_place(group, place_id, day_before).await?;
        }
        if input.place == Place::Lead {
            let lead: Option<(Id, NaiveDate)> =
                sqlx::query_as("SELECT id, start_date FROM subgroup_places WHERE subgroup_id = ? AND place = 'lead' AND end_date IS NULL")
                    .bind(subgroup)
                    .fetch_optional(self.conn())
                    .await?;
            if let Some((lead_place, since)) = lead {
                if input.from <= since {
                    return Err(invalid("from", format!("The current lead took over on {}; a new lead starts later.", uk_date(since))));
                }
                self.close_place(group, lead_place, day_before).await?;
            }
        }
        let id: Id = sqlx::query_scalar(
            "INSERT INTO subgroup_places (group_id, subgroup_id, person_id, place, expertise, expertise_note, start_date) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
        )
        .bind(group)
        .bind(subgroup)
        .bind(input.person_id)
        .bind(input.place.as_str())
        .bind(expertise_json(&input.expertise))
        .bind(&note)
        .bind(input.from)
        .fetch_one(self.conn())
        .await?;
        self.audit(Some(group), "subgroup_place", id, "create", json!({ "subgroup_id": subgroup, "person_id": input.person_id, "place": input.place, "expertise": input.expertise, "expertise_note": note, "from": input.from })).await?;
        if input.place == Place::Lead {
            self.present_report_backs(group, subgroup, input.person_id, input.from).await?;
        }
        Ok(id)
    }

    async fn close_place(&mut self, group: GroupId, place: Id, last_day: NaiveDate) -> Result<()> {
        sqlx::query("UPDATE subgroup_places SET end_date = max(?, start_date) WHERE id = ?").bind(last_day).bind(place).execute(self.conn()).await?;
        self.audit(Some(group), "subgroup_place", place, "end", json!({ "to": last_day })).await
    }

    /// Ends a place on `on`, its last day. Ending the lead's leaves the sub-group needing a new lead.
    pub async fn end_place(&mut self, group: GroupId, place: Id, on: NaiveDate) -> Result<()> {
        let row: Option<(NaiveDate, Option<NaiveDate>)> = sqlx::query_as("SELECT start_date, end_date FROM subgroup_places WHERE id = ? AND group_id = ?")
            .bind(place)
            .bind(group)
            .fetch_optional(self.conn())
            .await?;
        let (start, end) = row.ok_or_else(|| StoreError::NotFound { what: format!("Place {place}") })?;
        if end.is_some() {
            return Err(invalid("on", "That place has already ended."));
        }
        if on < start {
            return Err(invalid("on", format!("The place began on {}; give that day or a later one.", uk_date(start))));
        }
        self.close_place(group, place, on).await
    }

    /// Makes the sub-group's new lead the presenter of its pending report-backs at meetings from `from`.
    async fn present_report_backs(&mut self, group: GroupId, subgroup: Id, lead: Id, from: NaiveDate) -> Result<()> {
        let items: Vec<Id> = sqlx::query_scalar(
            "SELECT r.agenda_item_id FROM report_backs r JOIN meetings m ON m.id = r.due_meeting_id \
             WHERE r.subgroup_id = ? AND r.group_id = ? AND r.agenda_item_id IS NOT NULL AND r.received_on IS NULL AND r.withdrawn_on IS NULL \
             AND date(m.starts_at) >= ?",
        )
        .bind(subgroup)
        .bind(group)
        .bind(from)
        .fetch_all(self.conn())
        .await?;
        for item in items {
            sqlx::query("UPDATE agenda_items SET presenter_id = ? WHERE id = ?").bind(lead).bind(item).execute(self.conn()).await?;
            self.audit(Some(group), "agenda_item", item, "presenter", json!({ "presenter_id": lead, "why": "new sub-group lead" })).await?;
        }
        Ok(())
    }

    /// Closes a sub-group on `on`, with the reason: every place ends that day, and
    /// report-backs still awaited are withdrawn.
    pub async fn close_subgroup(&mut self, group: GroupId, id: Id, on: NaiveDate, reason: &str) -> Result<()> {
        let (_, start) = self.open_subgroup(group, id, on, "on").await?;
        let reason = text("reason", "The reason", reason, 300)?;
        if on < start {
            return Err(invalid("on", format!("The sub-group started on {}; it cannot close before that.", uk_date(start))));
        }
        let closed: Option<Option<NaiveDate>> = sqlx::query_scalar("SELECT closed_on FROM subgroups WHERE id = ?").bind(id).fetch_optional(self.conn()).await?;
        if closed.flatten().is_some() {
            return Err(invalid("on", "The sub-group is already closed."));
        }
        let places: Vec<Id> = sqlx::query_scalar("SELECT id FROM subgroup_places WHERE subgroup_id = ? AND (end_date IS NULL OR end_date > ?)")
            .bind(id)
            .bind(on)
            .fetch_all(self.conn())
            .await?;
        for place in places {
            self.close_place(group, place, on).await?;
        }
        let pending: Vec<Id> = sqlx::query_scalar("SELECT id FROM report_backs WHERE subgroup_id = ? AND received_on IS NULL AND withdrawn_on IS NULL")
            .bind(id)
            .fetch_all(self.conn())
            .await?;
        for report_back in pending {
            self.withdraw_report_back(group, report_back, on).await?;
        }
        sqlx::query("UPDATE subgroups SET closed_on = ?, closed_reason = ? WHERE id = ?").bind(on).bind(&reason).bind(id).execute(self.conn()).await?;
        self.audit(Some(group), "subgroup", id, "close", json!({ "on": on, "reason": reason })).await
    }

    /// The sub-group's lead on a day, if it has one.
    async fn lead_on(&mut self, subgroup: Id, on: NaiveDate) -> Result<Option<Id>> {
        Ok(sqlx::query_scalar(
            "SELECT person_id FROM subgroup_places WHERE subgroup_id = ?1 AND place = 'lead' AND start_date <= ?2 AND (end_date IS NULL OR end_date >= ?2) \
             ORDER BY start_date DESC LIMIT 1",
        )
        .bind(subgroup)
        .bind(on)
        .fetch_optional(self.conn())
        .await?)
    }

    /// Puts the report-back's item on the due meeting's agenda, presented by the lead on that day.
    async fn report_back_item(&mut self, group: GroupId, subgroup: Id, name: &str, topic: &str, meeting: Id) -> Result<Id> {
        let (_, starts_at, _) = self.meeting_ref(group, meeting, "due_meeting_id").await?;
        let presenter = match self.lead_on(subgroup, starts_at.date()).await? {
            Some(lead) => Some(lead),
            None => {
                sqlx::query_scalar("SELECT person_id FROM subgroup_places WHERE subgroup_id = ? AND place = 'lead' AND end_date IS NULL")
                    .bind(subgroup)
                    .fetch_optional(self.conn())
                    .await?
            }
        };
        let item = AgendaItemInput {
            title: item_title(name, topic),
            purpose: Purpose::Discussion,
            presenter_id: presenter,
            minutes: REPORT_BACK_MINUTES,
            private: false,
        };
        self.add_agenda_item(group, meeting, &item).await
    }

    /// The group requests a report from a sub-group (ToR §18), due at a meeting: the request
    /// adds "Report-back: <sub-group> — <topic>" to that meeting's agenda.
    pub async fn request_report_back(&mut self, group: GroupId, subgroup: Id, input: &ReportBackInput) -> Result<Id> {
        crate::fields::date("requested_on", "The day it was requested", input.requested_on)?;
        let (name, _) = self.open_subgroup(group, subgroup, input.requested_on, "requested_on").await?;
        let topic = text("topic", "What the report is on", &input.topic, 80)?;
        let (_, due_at, _) = self.meeting_ref(group, input.due_meeting_id, "due_meeting_id").await?;
        if due_at.date() < input.requested_on {
            return Err(invalid("due_meeting_id", format!("That meeting ({}) is before the request; choose a later one.", uk_date(due_at.date()))));
        }
        if let Some(at) = input.requested_at_meeting_id {
            let (_, asked_at, _) = self.meeting_ref(group, at, "requested_at_meeting_id").await?;
            if asked_at >= due_at {
                return Err(invalid("due_meeting_id", format!("Choose a meeting after the one the report was requested at ({}).", uk_date(asked_at.date()))));
            }
        }
        let item = self.report_back_item(group, subgroup, &name, &topic, input.due_meeting_id).await?;
        let id: Id = sqlx::query_scalar(
            "INSERT INTO report_backs (group_id, subgroup_id, topic, requested_on, requested_at_meeting_id, due_meeting_id, agenda_item_id) \
             VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
        )
        .bind(group)
        .bind(subgroup)
        .bind(&topic)
        .bind(input.requested_on)
        .bind(input.requested_at_meeting_id)
        .bind(input.due_meeting_id)
        .bind(item)
        .fetch_one(self.conn())
        .await?;
        self.audit(Some(group), "report_back", id, "request", json!({ "subgroup_id": subgroup, "topic": topic, "requested_on": input.requested_on, "requested_at_meeting_id": input.requested_at_meeting_id, "due_meeting_id": input.due_meeting_id, "agenda_item_id": item })).await?;
        Ok(id)
    }

    async fn report_back_row(&mut self, group: GroupId, id: Id) -> Result<ReportBackRow> {
        type Row = (Id, String, String, NaiveDate, Id, Option<Id>, Option<NaiveDate>, Option<NaiveDate>, Option<Id>);
        let row: Row = sqlx::query_as(
            "SELECT r.subgroup_id, s.name, r.topic, r.requested_on, r.due_meeting_id, r.agenda_item_id, r.received_on, r.withdrawn_on, r.paper_id \
             FROM report_backs r JOIN subgroups s ON s.id = r.subgroup_id WHERE r.id = ? AND r.group_id = ?",
        )
        .bind(id)
        .bind(group)
        .fetch_optional(self.conn())
        .await?
        .ok_or_else(|| StoreError::NotFound { what: format!("Report-back {id}") })?;
        let (subgroup_id, subgroup, topic, requested_on, due_meeting_id, agenda_item_id, received_on, withdrawn_on, paper_id) = row;
        Ok(ReportBackRow { subgroup_id, subgroup, topic, requested_on, due_meeting_id, agenda_item_id, received_on, withdrawn_on, paper_id })
    }

    /// Records the sub-group's report: its text, its paper (a checked PDF), or both. The
    /// paper goes under the report-back's agenda item, so it is in the due meeting's pack;
    /// recording again replaces the text and adds a new version of the paper.
    pub async fn record_report(&mut self, group: GroupId, id: Id, received_on: NaiveDate, report: &str, paper: Option<&ReportPaper>) -> Result<()> {
        let row = self.report_back_row(group, id).await?;
        if let Some(withdrawn) = row.withdrawn_on {
            return Err(invalid("received_on", format!("That report-back was withdrawn on {}.", uk_date(withdrawn))));
        }
        if received_on < row.requested_on {
            return Err(invalid("received_on", format!("The report was requested on {}; it cannot arrive before.", uk_date(row.requested_on))));
        }
        let report = secretariat_rules::text::multi_line(report, "The report", 20000).map_err(|e| invalid("report", e.to_string()))?;
        if report.is_empty() && paper.is_none() && row.paper_id.is_none() {
            return Err(invalid("report", "Give the report's text, attach its paper (a PDF), or both."));
        }
        let mut paper_id = row.paper_id;
        let mut item = row.agenda_item_id;
        if let Some(paper) = paper {
            let item_id = match item {
                Some(item) => item,
                // Someone removed the item from the agenda: the paper needs it back to reach the pack.
                None => self.report_back_item(group, row.subgroup_id, &row.subgroup, &row.topic, row.due_meeting_id).await?,
            };
            item = Some(item_id);
            paper_id = Some(match paper_id {
                Some(existing) => {
                    self.replace_paper(group, existing, &paper.file_name, &paper.bytes, paper.pages).await?;
                    existing
                }
                None => self.add_paper(group, item_id, &paper.title, &paper.file_name, &paper.bytes, paper.pages).await?,
            });
        }
        sqlx::query("UPDATE report_backs SET received_on = ?, report = ?, paper_id = ?, agenda_item_id = ? WHERE id = ?")
            .bind(received_on)
            .bind(&report)
            .bind(paper_id)
            .bind(item)
            .bind(id)
            .execute(self.conn())
            .await?;
        self.audit(
            Some(group),
            "report_back",
            id,
            "report",
            json!({ "received_on": received_on, "report_chars": report.chars().count(), "paper_id": paper_id }),
        )
        .await
    }

    /// Takes a report-back's item off its meeting's agenda when nothing has happened to it
    /// yet: the meeting is on or after `on`, its pack unpublished, the item without papers.
    async fn retract_item(&mut self, group: GroupId, item: Option<Id>, on: NaiveDate) -> Result<bool> {
        let Some(item) = item else { return Ok(false) };
        let untouched: Option<i64> = sqlx::query_scalar(
            "SELECT 1 FROM agenda_items i JOIN meetings m ON m.id = i.meeting_id \
             WHERE i.id = ? AND i.group_id = ? AND m.published_on IS NULL AND date(m.starts_at) >= ? \
             AND NOT EXISTS (SELECT 1 FROM papers p WHERE p.agenda_item_id = i.id)",
        )
        .bind(item)
        .bind(group)
        .bind(on)
        .fetch_optional(self.conn())
        .await?;
        if untouched.is_some() {
            self.remove_agenda_item(group, item).await?;
        }
        Ok(untouched.is_some())
    }

    /// The group no longer wants the report. Its agenda item goes too, unless the agenda was
    /// published, the meeting has passed, or a paper was added to it.
    pub async fn withdraw_report_back(&mut self, group: GroupId, id: Id, on: NaiveDate) -> Result<()> {
        let row = self.report_back_row(group, id).await?;
        if row.received_on.is_some() || row.withdrawn_on.is_some() {
            return Err(invalid("on", "Only a report-back still awaited can be withdrawn."));
        }
        if on < row.requested_on {
            return Err(invalid("on", format!("It was requested on {}; give that day or a later one.", uk_date(row.requested_on))));
        }
        let removed = self.retract_item(group, row.agenda_item_id, on).await?;
        sqlx::query("UPDATE report_backs SET withdrawn_on = ? WHERE id = ?").bind(on).bind(id).execute(self.conn()).await?;
        self.audit(Some(group), "report_back", id, "withdraw", json!({ "on": on, "agenda_item_removed": removed })).await
    }

    /// Moves an awaited report-back to another meeting: its item moves from one agenda to the
    /// other (the old item stays where the agenda was published, the meeting passed or it has a paper).
    pub async fn move_report_back(&mut self, group: GroupId, id: Id, due_meeting: Id, on: NaiveDate) -> Result<()> {
        let row = self.report_back_row(group, id).await?;
        if row.received_on.is_some() || row.withdrawn_on.is_some() {
            return Err(invalid("due_meeting_id", "Only a report-back still awaited can be moved."));
        }
        if due_meeting == row.due_meeting_id {
            return Err(invalid("due_meeting_id", "It is already due at that meeting."));
        }
        let (_, due_at, _) = self.meeting_ref(group, due_meeting, "due_meeting_id").await?;
        if due_at.date() < row.requested_on {
            return Err(invalid("due_meeting_id", "That meeting is before the report was requested; choose a later one."));
        }
        let removed = self.retract_item(group, row.agenda_item_id, on).await?;
        let item = self.report_back_item(group, row.subgroup_id, &row.subgroup, &row.topic, due_meeting).await?;
        sqlx::query("UPDATE report_backs SET due_meeting_id = ?, agenda_item_id = ? WHERE id = ?")
            .bind(due_meeting)
            .bind(item)
            .bind(id)
            .execute(self.conn())
            .await?;
        self.audit(
            Some(group),
            "report_back",
            id,
            "move",
            json!({ "from": row.due_meeting_id, "to": due_meeting, "agenda_item_id": item, "old_item_removed": removed }),
        )
        .await
    }

    /// Someone already in the register who is the person being invited: the same email
    /// address, or — where neither has one — the same name. A person is recorded once.
    /// A malformed address is refused here, before it could match a row.
    pub async fn same_person(&mut self, group: GroupId, name: &str, email: &str) -> Result<Option<Id>> {
        let email = crate::fields::optional_email("email", email)?;
        let (name, email) = (name.trim(), email.as_str());
        Ok(sqlx::query_scalar(
            "SELECT id FROM people WHERE group_id = ?1 AND ((?3 <> '' AND lower(email) = lower(?3)) OR (?3 = '' AND email = '' AND lower(name) = lower(?2))) \
             ORDER BY id LIMIT 1",
        )
        .bind(group)
        .bind(name)
        .bind(email)
        .fetch_optional(self.conn())
        .await?)
    }

    /// The group's meeting on a day, within this transaction (the demo places report-backs with it).
    pub async fn meeting_id_on(&mut self, group: GroupId, day: NaiveDate) -> Result<Option<Id>> {
        Ok(sqlx::query_scalar("SELECT id FROM meetings WHERE group_id = ? AND date(starts_at) = ? ORDER BY starts_at LIMIT 1")
            .bind(group)
            .bind(day)
            .fetch_optional(self.conn())
            .await?)
    }
}

type SummaryRow = (Id, String, String, NaiveDate, Option<NaiveDate>, Option<String>, Option<Id>, Option<String>, u32, u32, u32, Option<NaiveDate>);

type ReportRow = (
    Id,
    Id,
    String,
    String,
    NaiveDate,
    Option<Id>,
    Option<String>,
    Option<NaiveDateTime>,
    Id,
    String,
    NaiveDateTime,
    Option<Id>,
    Option<NaiveDate>,
    String,
    Option<NaiveDate>,
    Option<String>,
);

impl Store {
    /// Every sub-group of the group, open ones first, with its lead and numbers on `on`.
    pub async fn subgroups(&self, group: GroupId, on: NaiveDate) -> Result<Vec<SubgroupSummary>> {
        let rows: Vec<SummaryRow> = sqlx::query_as(
            "SELECT s.id, s.name, s.remit, s.start_date, s.closed_on, s.closed_reason, p.id, p.name, \
               (SELECT count(*) FROM subgroup_places x WHERE x.subgroup_id = s.id AND x.place = 'member' AND x.start_date <= ?2 AND (x.end_date IS NULL OR x.end_date >= ?2)), \
               (SELECT count(*) FROM subgroup_places x WHERE x.subgroup_id = s.id AND x.place = 'invitee' AND x.start_date <= ?2 AND (x.end_date IS NULL OR x.end_date >= ?2)), \
               (SELECT count(*) FROM report_backs r WHERE r.subgroup_id = s.id AND r.received_on IS NULL AND r.withdrawn_on IS NULL), \
               (SELECT min(date(m.starts_at)) FROM report_backs r JOIN meetings m ON m.id = r.due_meeting_id \
                  WHERE r.subgroup_id = s.id AND r.received_on IS NULL AND r.withdrawn_on IS NULL) \
             FROM subgroups s \
             LEFT JOIN subgroup_places l ON l.subgroup_id = s.id AND l.place = 'lead' AND l.start_date <= ?2 AND (l.end_date IS NULL OR l.end_date >= ?2) \
             LEFT JOIN people p ON p.id = l.person_id \
             WHERE s.group_id = ?1 ORDER BY s.closed_on IS NOT NULL, s.name",
        )
        .bind(group)
        .bind(on)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|(id, name, remit, start, closed_on, closed_reason, lead_id, lead, members, invitees, pending_report_backs, next_due)| SubgroupSummary {
                id,
                name,
                remit,
                start,
                closed_on,
                closed_reason,
                lead_id,
                lead,
                members,
                invitees,
                pending_report_backs,
                next_due,
            })
            .collect())
    }

    /// One sub-group with everyone who is or was in it; employers as on `on`.
    pub async fn subgroup(&self, group: GroupId, id: Id, on: NaiveDate) -> Result<SubgroupDetail> {
        type Row = (String, String, NaiveDate, Option<Id>, Option<Id>, String, Option<NaiveDate>, Option<String>, Option<String>, Option<NaiveDateTime>);
        let (name, remit, start, decision_id, meeting_id, created_by, closed_on, closed_reason, meeting_title, meeting_at): Row = sqlx::query_as(
            "SELECT s.name, s.remit, s.start_date, s.decision_id, s.meeting_id, s.created_by, s.closed_on, s.closed_reason, m.title, m.starts_at \
             FROM subgroups s LEFT JOIN meetings m ON m.id = s.meeting_id WHERE s.id = ? AND s.group_id = ?",
        )
        .bind(id)
        .bind(group)
        .fetch_optional(&self.pool)
        .await?
        .ok_or_else(|| StoreError::NotFound { what: format!("Sub-group {id}") })?;
        let decision = match decision_id {
            Some(id) => sqlx::query_as::<_, (NaiveDate, String)>("SELECT decided_on, text FROM decisions WHERE id = ?")
                .bind(id)
                .fetch_optional(&self.pool)
                .await?
                .map(|(decided_on, text)| DecisionRef { id, decided_on, text }),
            None => None,
        };
        type PlaceRow = (Id, Id, String, String, String, Option<String>, String, String, String, NaiveDate, Option<NaiveDate>);
        let rows: Vec<PlaceRow> = sqlx::query_as(
            "SELECT x.id, p.id, p.name, p.email, p.job_title, o.name, x.place, x.expertise, x.expertise_note, x.start_date, x.end_date \
             FROM subgroup_places x JOIN people p ON p.id = x.person_id \
             LEFT JOIN employments e ON e.id = (SELECT e2.id FROM employments e2 WHERE e2.person_id = p.id AND e2.start_date <= ?3 \
                 AND (e2.end_date IS NULL OR e2.end_date >= ?3) ORDER BY e2.start_date DESC LIMIT 1) \
             LEFT JOIN organisations o ON o.id = e.organisation_id \
             WHERE x.subgroup_id = ?1 AND x.group_id = ?2 \
             ORDER BY (x.end_date IS NOT NULL AND x.end_date < ?3), CASE x.place WHEN 'lead' THEN 0 WHEN 'member' THEN 1 ELSE 2 END, x.end_date DESC, p.name",
        )
        .bind(id)
        .bind(group)
        .bind(on)
        .fetch_all(&self.pool)
        .await?;
        let places = rows
            .into_iter()
            .map(|(id, person_id, name, email, job_title, organisation, place, expertise, expertise_note, from, to)| {
                Ok(PlaceView {
                    id,
                    person_id,
                    name,
                    email,
                    job_title,
                    organisation,
                    place: parse_place(&place)?,
                    expertise: parse_expertise(&expertise)?,
                    expertise_note,
                    from,
                    to,
                })
            })
            .collect::<Result<_>>()?;
        let meeting = match (meeting_id, meeting_title, meeting_at) {
            (Some(id), Some(title), Some(starts_at)) => Some(MeetingRef { id, title, starts_at }),
            _ => None,
        };
        Ok(SubgroupDetail {
            id,
            input: SubgroupInput { name, remit, start, decision_id, meeting_id, created_by },
            decision,
            meeting,
            closed_on,
            closed_reason,
            places,
        })
    }

    /// Report-backs, of one sub-group or of all, by the date of the meeting they are due at.
    pub async fn report_backs(&self, group: GroupId, subgroup: Option<Id>, on: NaiveDate) -> Result<Vec<ReportBackView>> {
        let rows: Vec<ReportRow> = sqlx::query_as(
            "SELECT r.id, s.id, s.name, r.topic, r.requested_on, a.id, a.title, a.starts_at, d.id, d.title, d.starts_at, r.agenda_item_id, \
                    r.received_on, r.report, r.withdrawn_on, \
                    (SELECT p.name FROM subgroup_places l JOIN people p ON p.id = l.person_id WHERE l.subgroup_id = s.id AND l.place = 'lead' \
                       AND l.start_date <= ?3 AND (l.end_date IS NULL OR l.end_date >= ?3)) \
             FROM report_backs r JOIN subgroups s ON s.id = r.subgroup_id \
             JOIN meetings d ON d.id = r.due_meeting_id LEFT JOIN meetings a ON a.id = r.requested_at_meeting_id \
             WHERE r.group_id = ?1 AND (?2 IS NULL OR r.subgroup_id = ?2) ORDER BY d.starts_at, r.id",
        )
        .bind(group)
        .bind(subgroup)
        .bind(on)
        .fetch_all(&self.pool)
        .await?;
        let papers: Vec<(Id, Id, String, String, u32, u32, bool)> = sqlx::query_as(
            "SELECT r.id, p.id, p.title, v.file_name, v.pages, v.version, v.supplement FROM report_backs r JOIN papers p ON p.id = r.paper_id \
             JOIN paper_versions v ON v.paper_id = p.id AND v.version = (SELECT max(version) FROM paper_versions WHERE paper_id = p.id) \
             WHERE r.group_id = ?1 AND (?2 IS NULL OR r.subgroup_id = ?2)",
        )
        .bind(group)
        .bind(subgroup)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(
                |(
                    id,
                    subgroup_id,
                    subgroup,
                    topic,
                    requested_on,
                    at_id,
                    at_title,
                    at_starts,
                    due_id,
                    due_title,
                    due_starts,
                    agenda_item_id,
                    received_on,
                    report,
                    withdrawn_on,
                    lead,
                )| {
                    let requested_at = match (at_id, at_title, at_starts) {
                        (Some(id), Some(title), Some(starts_at)) => Some(MeetingRef { id, title, starts_at }),
                        _ => None,
                    };
                    let paper = papers.iter().find(|p| p.0 == id).map(|(_, pid, title, file_name, pages, version, supplement)| ReportPaperView {
                        id: *pid,
                        title: title.clone(),
                        file_name: file_name.clone(),
                        pages: *pages,
                        version: *version,
                        supplement: *supplement,
                    });
                    ReportBackView {
                        id,
                        subgroup_id,
                        subgroup,
                        topic,
                        requested_on,
                        requested_at,
                        due: MeetingRef { id: due_id, title: due_title, starts_at: due_starts },
                        agenda_item_id,
                        received_on,
                        report,
                        paper,
                        withdrawn_on,
                        lead,
                    }
                },
            )
            .collect())
    }

    /// The group's sub-groups as the ToR §18 rules read them.
    pub async fn subgroups_for_rules(&self, group: GroupId) -> Result<Vec<s18::Subgroup>> {
        let groups: Vec<(Id, String, NaiveDate, Option<NaiveDate>)> =
            sqlx::query_as("SELECT id, name, start_date, closed_on FROM subgroups WHERE group_id = ? ORDER BY name").bind(group).fetch_all(&self.pool).await?;
        let places: Vec<(Id, Id, String, NaiveDate, Option<NaiveDate>)> =
            sqlx::query_as("SELECT subgroup_id, person_id, place, start_date, end_date FROM subgroup_places WHERE group_id = ?")
                .bind(group)
                .fetch_all(&self.pool)
                .await?;
        groups
            .into_iter()
            .map(|(id, name, start, closed)| {
                let places = places
                    .iter()
                    .filter(|p| p.0 == id)
                    .map(|(_, person, place, from, to)| Ok(s18::Placement { person: *person, place: parse_place(place)?, from: *from, to: *to }))
                    .collect::<Result<_>>()?;
                Ok(s18::Subgroup { id, name, start, closed, places })
            })
            .collect()
    }

    /// A sub-group by id, or by words from its name (case-insensitive), as the command line names it.
    pub async fn find_subgroup(&self, group: GroupId, words: &str) -> Result<Option<Id>> {
        if let Ok(id) = words.trim().parse::<Id>() {
            let found: Option<Id> =
                sqlx::query_scalar("SELECT id FROM subgroups WHERE id = ? AND group_id = ?").bind(id).bind(group).fetch_optional(&self.pool).await?;
            if found.is_some() {
                return Ok(found);
            }
        }
        let matches: Vec<Id> = sqlx::query_scalar("SELECT id FROM subgroups WHERE group_id = ? AND instr(lower(name), lower(?)) > 0")
            .bind(group)
            .bind(words.trim())
            .fetch_all(&self.pool)
            .await?;
        match matches.as_slice() {
            [one] => Ok(Some(*one)),
            [] => Ok(None),
            _ => Err(invalid("subgroup", format!("\u{201c}{}\u{201d} names more than one sub-group; give its id.", words.trim()))),
        }
    }
}
