//! The membership register: organisations, people, employment history, terms
//! on seats, role appointments and standing invitees — their writes (validated,
//! in the caller's transaction, audited) and the views and snapshot read back.

use crate::Store;
use crate::error::{Result, StoreError, touched};
use crate::facts::FactChange;
use crate::fields::{invalid, optional_email, optional_text, text};
use crate::write::{GroupId, Writer};
use chrono::NaiveDate;
use secretariat_rules::register::{self as reg, Id};
use secretariat_rules::{ManagerStatus, Obtained, Register, Role, SeatKind, TechukStatus};
use serde::{Deserialize, Serialize};
use serde_json::json;
use std::collections::HashMap;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct OrganisationInput {
    pub name: String,
    pub techuk_status: TechukStatus,
    /// When the techUK membership application was made (for "applying").
    pub applied_on: Option<NaiveDate>,
    pub sme: bool,
    pub sme_confirmed_on: Option<NaiveDate>,
    pub sector: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PersonInput {
    pub name: String,
    pub email: String,
    pub job_title: String,
    pub manager_status: ManagerStatus,
    /// How the name sorts on ballot papers and candidate lists ("Surname, Given names");
    /// empty: the default from the name (`secretariat_rules::names`).
    #[serde(default)]
    pub sort_as: String,
}

/// Why a term ended before its end date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum EndReason {
    Resigned,
    /// Ejected under the strike policy (ToR §17).
    EjectedS17,
    LeftCompany,
    /// No longer eligible after an employer change (ToR §15).
    IneligibleS15,
    Other,
}

impl EndReason {
    pub fn as_str(self) -> &'static str {
        match self {
            EndReason::Resigned => "resigned",
            EndReason::EjectedS17 => "ejected_s17",
            EndReason::LeftCompany => "left_company",
            EndReason::IneligibleS15 => "ineligible_s15",
            EndReason::Other => "other",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            EndReason::Resigned => "resigned",
            EndReason::EjectedS17 => "ejected under ToR §17",
            EndReason::LeftCompany => "left the company",
            EndReason::IneligibleS15 => "no longer eligible under ToR §15",
            EndReason::Other => "other",
        }
    }

    fn parse(text: &str) -> Option<Self> {
        [Self::Resigned, Self::EjectedS17, Self::LeftCompany, Self::IneligibleS15, Self::Other]
            .into_iter()
            .find(|r| text == r.as_str() || text.starts_with(&format!("{}: ", r.as_str())))
    }
}

/// A person's page: their record, employment history, terms and roles.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PersonDetail {
    pub id: Id,
    pub input: PersonInput,
    /// How the name sorts when `input.sort_as` is empty (`secretariat_rules::names`).
    pub default_sort_as: String,
    pub employments: Vec<EmploymentView>,
    pub terms: Vec<TermView>,
    pub appointments: Vec<AppointmentView>,
    /// The day the person was erased (UK GDPR Art. 17); the record is then kept redacted.
    pub erased_on: Option<NaiveDate>,
    /// Their declarations of interest at meetings, newest first: the register of their interests.
    pub declarations: Vec<crate::work::DeclarationView>,
    /// Their manager status through time (ToR §12), first entry first.
    pub manager_history: Vec<crate::facts::ManagerStatusEntry>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct EmploymentView {
    pub id: Id,
    pub organisation_id: Id,
    pub organisation: String,
    pub from: NaiveDate,
    pub to: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct TermView {
    pub id: Id,
    pub seat_id: Id,
    pub seat: String,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub obtained: Obtained,
    pub ended_on: Option<NaiveDate>,
    /// Why it ended early, in words.
    pub end_reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AppointmentView {
    pub id: Id,
    pub role: Role,
    pub person_id: Id,
    pub person: String,
    pub from: NaiveDate,
    pub to: Option<NaiveDate>,
    pub agreed_by: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct OrganisationRecord {
    pub id: Id,
    /// As it stands: the latest entry of its dated facts.
    pub input: OrganisationInput,
    /// Its techUK status, SME status and sector through time (ToR §12, §13, §15).
    pub history: Vec<crate::facts::OrganisationFactsEntry>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct InviteeView {
    pub id: Id,
    pub person_id: Id,
    pub person: String,
    pub organisation: Option<String>,
    pub from: NaiveDate,
    pub to: Option<NaiveDate>,
    pub note: String,
}

#[derive(Clone, Copy)]
pub(crate) enum Table {
    People,
    Organisations,
    Seats,
}

fn check_dates(from: NaiveDate, to: Option<NaiveDate>, field: &'static str) -> Result<()> {
    match to {
        Some(to) if to < from => Err(invalid(field, "The end date is before the start date.")),
        _ => Ok(()),
    }
}

impl Writer {
    pub(crate) async fn org_name_taken(&mut self, group: GroupId, name: &str, except: Option<Id>) -> Result<bool> {
        let found: Option<Id> = sqlx::query_scalar("SELECT id FROM organisations WHERE group_id = ? AND lower(name) = lower(?) AND id IS NOT ?")
            .bind(group)
            .bind(name)
            .bind(except)
            .fetch_optional(self.conn())
            .await?;
        Ok(found.is_some())
    }

    pub(crate) fn organisation_fields(input: &OrganisationInput) -> Result<(String, String)> {
        let name = text("name", "The organisation's name", &input.name, 160)?;
        let sector = optional_text("sector", "The sector", &input.sector, 80)?;
        if input.techuk_status == TechukStatus::Applying && input.applied_on.is_none() {
            return Err(invalid("applied_on", "Give the date the techUK membership application was made (ToR §15)."));
        }
        Ok((name, sector))
    }

    /// Adds an organisation; its name must be new in the group.
    pub async fn add_organisation(&mut self, group: GroupId, input: &OrganisationInput) -> Result<Id> {
        let (name, sector) = Self::organisation_fields(input)?;
        if self.org_name_taken(group, &name, None).await? {
            return Err(invalid("name", format!("An organisation called \u{201c}{name}\u{201d} is already in the register.")));
        }
        let id: Id = sqlx::query_scalar(
            "INSERT INTO organisations (group_id, name, techuk_status, applied_on, sme, sme_confirmed_on, sector) \
             VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
        )
        .bind(group)
        .bind(&name)
        .bind(input.techuk_status.as_str())
        .bind(input.applied_on)
        .bind(input.sme)
        .bind(input.sme_confirmed_on)
        .bind(&sector)
        .fetch_one(self.conn())
        .await?;
        // The facts as first recorded, in force from the beginning (issue #14).
        sqlx::query(
            "INSERT INTO organisation_facts (group_id, organisation_id, from_date, techuk_status, sme, sector, recorded_at) VALUES (?, ?, NULL, ?, ?, ?, ?)",
        )
        .bind(group)
        .bind(id)
        .bind(input.techuk_status.as_str())
        .bind(input.sme)
        .bind(&sector)
        .bind(chrono::Utc::now().to_rfc3339())
        .execute(self.conn())
        .await?;
        self.audit(Some(group), "organisation", id, "create", json!(input)).await?;
        Ok(id)
    }

    /// Corrects an organisation's record: its techUK status, SME status and sector were wrong
    /// as recorded (the latest entry and those before it that held the same value); a change
    /// from a date is [`Writer::change_organisation`].
    pub async fn update_organisation(&mut self, group: GroupId, id: Id, input: &OrganisationInput) -> Result<()> {
        self.edit_organisation(group, id, input, FactChange::Correction { on: None }).await
    }

    /// Edits an organisation's record, its techUK status, SME status or sector changing from
    /// `from` (the earlier values stay in force before it).
    pub async fn change_organisation(&mut self, group: GroupId, id: Id, input: &OrganisationInput, from: NaiveDate) -> Result<()> {
        self.edit_organisation(group, id, input, FactChange::From { from }).await
    }

    fn person_fields(input: &PersonInput) -> Result<(String, String, String, String)> {
        let name = text("name", "The person's name", &input.name, 120)?;
        let email = optional_email("email", &input.email)?;
        let job_title = optional_text("job_title", "The job title", &input.job_title, 120)?;
        let sort_as = optional_text("sort_as", "Sort as", &input.sort_as, 120)?;
        Ok((name, email, job_title, sort_as))
    }

    async fn person_duplicate(&mut self, group: GroupId, name: &str, email: &str, except: Option<Id>) -> Result<Option<String>> {
        let found: Option<(String, String)> = sqlx::query_as(
            "SELECT name, email FROM people WHERE group_id = ?1 AND id IS NOT ?4 \
             AND ((?3 <> '' AND lower(email) = lower(?3)) OR (lower(name) = lower(?2) AND lower(email) = lower(?3))) LIMIT 1",
        )
        .bind(group)
        .bind(name)
        .bind(email)
        .bind(except)
        .fetch_optional(self.conn())
        .await?;
        Ok(found.map(|(n, e)| {
            if !email.is_empty() && e.eq_ignore_ascii_case(email) {
                format!("{n} already has the email address {e}; a person is recorded once.")
            } else {
                format!("{n} is already in the register; a person is recorded once.")
            }
        }))
    }

    pub async fn add_person(&mut self, group: GroupId, input: &PersonInput) -> Result<Id> {
        let (name, email, job_title, sort_as) = Self::person_fields(input)?;
        if let Some(message) = self.person_duplicate(group, &name, &email, None).await? {
            return Err(invalid(if email.is_empty() { "name" } else { "email" }, message));
        }
        let id: Id =
            sqlx::query_scalar("INSERT INTO people (group_id, name, email, job_title, manager_status, sort_as) VALUES (?, ?, ?, ?, ?, ?) RETURNING id")
                .bind(group)
                .bind(&name)
                .bind(&email)
                .bind(&job_title)
                .bind(input.manager_status.as_str())
                .bind(&sort_as)
                .fetch_one(self.conn())
                .await?;
        sqlx::query("INSERT INTO person_facts (group_id, person_id, from_date, manager_status, recorded_at) VALUES (?, ?, NULL, ?, ?)")
            .bind(group)
            .bind(id)
            .bind(input.manager_status.as_str())
            .bind(chrono::Utc::now().to_rfc3339())
            .execute(self.conn())
            .await?;
        self.audit(
            Some(group),
            "person",
            id,
            "create",
            json!({ "name": name, "email": email, "job_title": job_title, "manager_status": input.manager_status, "sort_as": sort_as }),
        )
        .await?;
        Ok(id)
    }

    /// Corrects a person's record (a manager status that differs was wrongly recorded).
    pub async fn update_person(&mut self, group: GroupId, id: Id, input: &PersonInput) -> Result<()> {
        self.edit_person(group, id, input, FactChange::Correction { on: None }).await
    }

    /// Edits a person's record; a manager status that differs from the one recorded changes as
    /// `how` says (from a date, or corrected).
    pub async fn edit_person(&mut self, group: GroupId, id: Id, input: &PersonInput, how: FactChange) -> Result<()> {
        let (name, email, job_title, sort_as) = Self::person_fields(input)?;
        let erased: Option<Option<String>> =
            sqlx::query_scalar("SELECT erased_on FROM people WHERE id = ? AND group_id = ?").bind(id).bind(group).fetch_optional(self.conn()).await?;
        if let Some(Some(day)) = erased {
            return Err(invalid("name", format!("This person was erased on {day} (UK GDPR Art. 17); their record cannot be filled in again.")));
        }
        if let Some(message) = self.person_duplicate(group, &name, &email, Some(id)).await? {
            return Err(invalid(if email.is_empty() { "name" } else { "email" }, message));
        }
        let recorded: Option<String> =
            sqlx::query_scalar("SELECT manager_status FROM people WHERE id = ? AND group_id = ?").bind(id).bind(group).fetch_optional(self.conn()).await?;
        let recorded = recorded.ok_or_else(|| StoreError::NotFound { what: format!("Person {id}") })?;
        touched(
            sqlx::query("UPDATE people SET name = ?, email = ?, job_title = ?, sort_as = ? WHERE id = ? AND group_id = ?")
                .bind(&name)
                .bind(&email)
                .bind(&job_title)
                .bind(&sort_as)
                .bind(id)
                .bind(group)
                .execute(self.conn())
                .await?,
            || format!("Person {id}"),
        )?;
        // The form shows the latest status: only a different one is a change of the fact.
        let moved = recorded != input.manager_status.as_str() && self.edit_manager_status(id, input.manager_status, how).await?;
        if recorded != input.manager_status.as_str()
            && !moved
            && let FactChange::From { from } = how
        {
            return Err(invalid(
                "from",
                format!("Their manager status on {} was already this; nothing changes from that date.", secretariat_rules::uk_date(from)),
            ));
        }
        let mut change = json!({ "name": name, "email": email, "job_title": job_title, "manager_status": input.manager_status, "sort_as": sort_as });
        if moved {
            change.as_object_mut().expect("an object").extend(how.audited().as_object().expect("an object").clone());
        }
        self.audit(Some(group), "person", id, if moved { how.action() } else { "update" }, change).await
    }

    /// Records a person's manager status (ToR §12) alone, as the nomination form does.
    pub async fn set_manager_status(&mut self, group: GroupId, id: Id, status: ManagerStatus) -> Result<()> {
        touched(
            sqlx::query("UPDATE people SET manager_status = ? WHERE id = ? AND group_id = ? AND erased_on IS NULL")
                .bind(status.as_str())
                .bind(id)
                .bind(group)
                .execute(self.conn())
                .await?,
            || format!("Person {id}"),
        )?;
        // As recorded at a nomination: a correction of the latest status.
        let moved = self.edit_manager_status(id, status, FactChange::Correction { on: None }).await?;
        self.audit(Some(group), "person", id, if moved { "correct" } else { "update" }, json!({ "manager_status": status })).await
    }

    /// Checks a record named in a request belongs to this group.
    pub(crate) async fn must_exist(&mut self, table: Table, group: GroupId, id: Id, field: &'static str) -> Result<()> {
        let (sql, what) = match table {
            Table::People => ("SELECT 1 FROM people WHERE id = ? AND group_id = ?", "a person"),
            Table::Organisations => ("SELECT 1 FROM organisations WHERE id = ? AND group_id = ?", "an organisation"),
            Table::Seats => ("SELECT 1 FROM seats WHERE id = ? AND group_id = ?", "a seat"),
        };
        let found = sqlx::query_scalar::<_, i64>(sql).bind(id).bind(group).fetch_optional(self.conn()).await?;
        if found.is_some() { Ok(()) } else { Err(invalid(field, format!("Choose {what} from this group."))) }
    }

    /// Records a past or current employment as it is (for imports and history).
    pub async fn add_employment(&mut self, group: GroupId, person: Id, organisation: Id, from: NaiveDate, to: Option<NaiveDate>) -> Result<Id> {
        self.must_exist(Table::People, group, person, "person_id").await?;
        self.must_exist(Table::Organisations, group, organisation, "organisation_id").await?;
        crate::fields::date("from", "The start of the employment", from)?;
        if let Some(to) = to {
            crate::fields::date("to", "The end of the employment", to)?;
        }
        check_dates(from, to, "to")?;
        let id: Id =
            sqlx::query_scalar("INSERT INTO employments (group_id, person_id, organisation_id, start_date, end_date) VALUES (?, ?, ?, ?, ?) RETURNING id")
                .bind(group)
                .bind(person)
                .bind(organisation)
                .bind(from)
                .bind(to)
                .fetch_one(self.conn())
                .await?;
        self.audit(Some(group), "employment", id, "create", json!({ "person_id": person, "organisation_id": organisation, "from": from, "to": to })).await?;
        Ok(id)
    }

    /// A change of employer (ToR §15): the open employment ends the day before
    /// `from`, and the new one opens — both or neither.
    pub async fn change_employer(&mut self, group: GroupId, person: Id, organisation: Id, from: NaiveDate) -> Result<Id> {
        self.must_exist(Table::People, group, person, "person_id").await?;
        crate::fields::date("from", "The start at the new employer", from)?;
        let open: Option<(Id, NaiveDate, Id)> = sqlx::query_as(
            "SELECT id, start_date, organisation_id FROM employments WHERE group_id = ? AND person_id = ? AND end_date IS NULL \
             ORDER BY start_date DESC LIMIT 1",
        )
        .bind(group)
        .bind(person)
        .fetch_optional(self.conn())
        .await?;
        if let Some((id, start, current)) = open {
            if current == organisation {
                return Err(invalid("organisation_id", "That is already their current employer."));
            }
            if from <= start {
                return Err(invalid("from", format!("The new employment must start after the current one began ({}).", secretariat_rules::uk_date(start))));
            }
            let last_day = from.pred_opt().expect("a date after another has a day before it");
            sqlx::query("UPDATE employments SET end_date = ? WHERE id = ?").bind(last_day).bind(id).execute(self.conn()).await?;
            self.audit(Some(group), "employment", id, "end", json!({ "to": last_day })).await?;
        }
        self.add_employment(group, person, organisation, from, None).await
    }

    /// Opens a term on a seat; it ends after the group's term length (ToR §14).
    /// The seat must be free, and the person hold no other seat, on the start date.
    pub async fn start_term(&mut self, group: GroupId, seat: Id, person: Id, start: NaiveDate, obtained: Obtained) -> Result<Id> {
        self.must_exist(Table::Seats, group, seat, "seat_id").await?;
        self.must_exist(Table::People, group, person, "person_id").await?;
        crate::fields::date("start", "The start of the term", start)?;
        // The term length in force on the day the term starts (ToR §14, as amended then).
        let months = self.tor_number_on(group, secretariat_rules::TorSetting::TermMonths, start).await?;
        // A seat exists only between an amendment adding it and one retiring it (ToR §11–§12).
        let (added, retired): (Option<NaiveDate>, Option<NaiveDate>) =
            sqlx::query_as("SELECT added_on, retired_on FROM seats WHERE id = ?").bind(seat).fetch_one(self.conn()).await?;
        if let Some(added) = added.filter(|added| start < *added) {
            return Err(invalid(
                "start",
                format!("This seat exists from {}, when an amendment of the Terms of Reference added it.", secretariat_rules::uk_date(added)),
            ));
        }
        if let Some(retired) = retired.filter(|retired| start >= *retired) {
            return Err(invalid(
                "seat_id",
                format!("This seat was retired from {} by an amendment of the Terms of Reference.", secretariat_rules::uk_date(retired)),
            ));
        }
        let end = start.checked_add_months(chrono::Months::new(months)).ok_or_else(|| invalid("start", "That start date is out of range."))?;
        // Two terms overlap when each starts before the other stops (a term stops at its end, or earlier if ended early).
        let seat_taken: Option<String> = sqlx::query_scalar(
            "SELECT p.name FROM terms t JOIN people p ON p.id = t.person_id WHERE t.seat_id = ?3 \
             AND t.start_date < ?2 AND ?1 < COALESCE(min(t.ended_on, t.end_date), t.end_date) LIMIT 1",
        )
        .bind(start)
        .bind(end)
        .bind(seat)
        .fetch_optional(self.conn())
        .await?;
        if let Some(holder) = seat_taken {
            return Err(invalid("seat_id", format!("{holder} holds this seat during that time; end their term first.")));
        }
        let other_seat: Option<String> = sqlx::query_scalar(
            "SELECT s.title FROM terms t JOIN seats s ON s.id = t.seat_id WHERE t.person_id = ?3 AND t.seat_id <> ?4 \
             AND t.start_date < ?2 AND ?1 < COALESCE(min(t.ended_on, t.end_date), t.end_date) LIMIT 1",
        )
        .bind(start)
        .bind(end)
        .bind(person)
        .bind(seat)
        .fetch_optional(self.conn())
        .await?;
        if let Some(title) = other_seat {
            return Err(invalid("person_id", format!("They already hold {title} during that time; one person holds one seat.")));
        }
        let id: Id =
            sqlx::query_scalar("INSERT INTO terms (group_id, seat_id, person_id, start_date, end_date, obtained) VALUES (?, ?, ?, ?, ?, ?) RETURNING id")
                .bind(group)
                .bind(seat)
                .bind(person)
                .bind(start)
                .bind(end)
                .bind(obtained.as_str())
                .fetch_one(self.conn())
                .await?;
        self.audit(Some(group), "term", id, "create", json!({ "seat_id": seat, "person_id": person, "start": start, "end": end, "obtained": obtained }))
            .await?;
        Ok(id)
    }

    /// Ends a term early, recording why; the seat becomes a vacancy from that day.
    pub async fn end_term(&mut self, group: GroupId, term: Id, on: NaiveDate, reason: EndReason, note: &str) -> Result<()> {
        let row: Option<(NaiveDate, NaiveDate, Option<NaiveDate>)> =
            sqlx::query_as("SELECT start_date, end_date, ended_on FROM terms WHERE id = ? AND group_id = ?")
                .bind(term)
                .bind(group)
                .fetch_optional(self.conn())
                .await?;
        let (start, end, ended) = row.ok_or_else(|| StoreError::NotFound { what: format!("Term {term}") })?;
        if ended.is_some() {
            return Err(invalid("on", "That term has already ended."));
        }
        if on <= start || on >= end {
            return Err(invalid(
                "on",
                format!("Give a date after the term began ({}) and before it ends ({}).", secretariat_rules::uk_date(start), secretariat_rules::uk_date(end)),
            ));
        }
        let note = optional_text("note", "The note", note, 200)?;
        if reason == EndReason::Other && note.is_empty() {
            return Err(invalid("note", "Say why the term ended."));
        }
        let stored = if note.is_empty() { reason.as_str().to_owned() } else { format!("{}: {note}", reason.as_str()) };
        sqlx::query("UPDATE terms SET ended_on = ?, end_reason = ? WHERE id = ?").bind(on).bind(&stored).bind(term).execute(self.conn()).await?;
        self.audit(Some(group), "term", term, "end", json!({ "on": on, "reason": stored })).await
    }

    /// Appoints an SRO, Chair or Vice-Chair (ToR §8–§9); the previous holder's
    /// appointment ends the day before.
    pub async fn appoint(&mut self, group: GroupId, role: Role, person: Id, from: NaiveDate, agreed_by: &str) -> Result<Id> {
        self.must_exist(Table::People, group, person, "person_id").await?;
        let agreed_by = text("agreed_by", "Who agreed the appointment", agreed_by, 200)?;
        crate::fields::date("from", "The start of the appointment", from)?;
        let open: Option<(Id, NaiveDate)> =
            sqlx::query_as("SELECT id, start_date FROM appointments WHERE group_id = ? AND role = ? AND end_date IS NULL ORDER BY start_date DESC LIMIT 1")
                .bind(group)
                .bind(role.as_str())
                .fetch_optional(self.conn())
                .await?;
        if let Some((id, start)) = open {
            if from <= start {
                return Err(invalid("from", format!("The current appointment began on {}; the new one must start later.", secretariat_rules::uk_date(start))));
            }
            let last = from.pred_opt().expect("has a day before");
            sqlx::query("UPDATE appointments SET end_date = ? WHERE id = ?").bind(last).bind(id).execute(self.conn()).await?;
            self.audit(Some(group), "appointment", id, "end", json!({ "to": last })).await?;
        }
        let id: Id = sqlx::query_scalar("INSERT INTO appointments (group_id, role, person_id, start_date, agreed_by) VALUES (?, ?, ?, ?, ?) RETURNING id")
            .bind(group)
            .bind(role.as_str())
            .bind(person)
            .bind(from)
            .bind(&agreed_by)
            .fetch_one(self.conn())
            .await?;
        self.audit(Some(group), "appointment", id, "create", json!({ "role": role, "person_id": person, "from": from, "agreed_by": agreed_by })).await?;
        Ok(id)
    }

    /// Adds a standing invitee (ToR §12): invited to attend regularly, not a member.
    pub async fn add_invitee(&mut self, group: GroupId, person: Id, from: NaiveDate, note: &str) -> Result<Id> {
        self.must_exist(Table::People, group, person, "person_id").await?;
        let note = optional_text("note", "The note", note, 200)?;
        crate::fields::date("from", "The start of the invitation", from)?;
        let id: Id = sqlx::query_scalar("INSERT INTO invitees (group_id, person_id, start_date, note) VALUES (?, ?, ?, ?) RETURNING id")
            .bind(group)
            .bind(person)
            .bind(from)
            .bind(&note)
            .fetch_one(self.conn())
            .await?;
        self.audit(Some(group), "invitee", id, "create", json!({ "person_id": person, "from": from, "note": note })).await?;
        Ok(id)
    }

    pub async fn end_invitation(&mut self, group: GroupId, invitee: Id, on: NaiveDate) -> Result<()> {
        let done = sqlx::query("UPDATE invitees SET end_date = ? WHERE id = ? AND group_id = ? AND end_date IS NULL AND start_date <= ?")
            .bind(on)
            .bind(invitee)
            .bind(group)
            .bind(on)
            .execute(self.conn())
            .await?;
        if done.rows_affected() == 0 {
            return Err(invalid("on", "That invitation has ended already, or starts after that date."));
        }
        self.audit(Some(group), "invitee", invitee, "end", json!({ "to": on })).await
    }
}

#[derive(sqlx::FromRow)]
struct TermRow {
    id: Id,
    seat_id: Id,
    person_id: Id,
    start_date: NaiveDate,
    end_date: NaiveDate,
    obtained: String,
    ended_on: Option<NaiveDate>,
    end_reason: Option<String>,
    seat: String,
}

fn describe_reason(stored: &str) -> String {
    match EndReason::parse(stored) {
        Some(reason) => match stored.split_once(": ") {
            Some((_, note)) => format!("{}: {note}", reason.label()),
            None => reason.label().to_owned(),
        },
        None => stored.to_owned(),
    }
}

fn corrupt(what: &str, value: &str) -> StoreError {
    StoreError::Database(format!("unexpected {what} '{value}' in the database"))
}

impl Store {
    /// The whole register of a group, for the rules engine.
    pub async fn register(&self, group: GroupId) -> Result<Register> {
        let settings = self.group(group).await?.settings;
        let amendments = self.amendments(group).await?;
        let mut facts: HashMap<Id, Vec<reg::Dated<reg::OrganisationFacts>>> = HashMap::new();
        for (organisation, from, status, sme, sector) in sqlx::query_as::<_, (Id, Option<NaiveDate>, String, bool, String)>(
            "SELECT organisation_id, from_date, techuk_status, sme, sector FROM organisation_facts WHERE group_id = ?",
        )
        .bind(group)
        .fetch_all(&self.pool)
        .await?
        {
            let techuk = TechukStatus::parse(&status).ok_or_else(|| corrupt("membership status", &status))?;
            facts.entry(organisation).or_default().push(reg::Dated { from, value: reg::OrganisationFacts { techuk, sme, sector } });
        }
        let organisations = sqlx::query_as::<_, (Id, String)>("SELECT id, name FROM organisations WHERE group_id = ?")
            .bind(group)
            .fetch_all(&self.pool)
            .await?
            .into_iter()
            .map(|(id, name)| {
                let facts = reg::History::from_entries(facts.remove(&id).unwrap_or_default()).ok_or_else(|| corrupt("organisation without facts", &name))?;
                Ok(reg::Organisation { id, name, facts })
            })
            .collect::<Result<_>>()?;
        let mut managers: HashMap<Id, Vec<reg::Dated<ManagerStatus>>> = HashMap::new();
        for (person, from, status) in
            sqlx::query_as::<_, (Id, Option<NaiveDate>, String)>("SELECT person_id, from_date, manager_status FROM person_facts WHERE group_id = ?")
                .bind(group)
                .fetch_all(&self.pool)
                .await?
        {
            let value = ManagerStatus::parse(&status).ok_or_else(|| corrupt("manager status", &status))?;
            managers.entry(person).or_default().push(reg::Dated { from, value });
        }
        let people = sqlx::query_as::<_, (Id, String)>("SELECT id, name FROM people WHERE group_id = ?")
            .bind(group)
            .fetch_all(&self.pool)
            .await?
            .into_iter()
            .map(|(id, name)| {
                let manager = reg::History::from_entries(managers.remove(&id).unwrap_or_default()).ok_or_else(|| corrupt("person without facts", &name))?;
                Ok(reg::Person { id, name, manager })
            })
            .collect::<Result<_>>()?;
        let employments = sqlx::query_as::<_, (Id, Id, NaiveDate, Option<NaiveDate>)>(
            "SELECT person_id, organisation_id, start_date, end_date FROM employments WHERE group_id = ?",
        )
        .bind(group)
        .fetch_all(&self.pool)
        .await?
        .into_iter()
        .map(|(person, organisation, from, to)| reg::Employment { person, organisation, from, to })
        .collect();
        let seats = sqlx::query_as::<_, (Id, String, u32, String, Option<NaiveDate>, Option<NaiveDate>)>(
            "SELECT id, kind, position, title, added_on, retired_on FROM seats WHERE group_id = ? ORDER BY id",
        )
        .bind(group)
        .fetch_all(&self.pool)
        .await?
        .into_iter()
        .map(|(id, kind, position, title, added, retired)| {
            let kind = SeatKind::parse(&kind).ok_or_else(|| corrupt("seat kind", &kind))?;
            Ok(reg::Seat { id, kind, position, title, added, retired })
        })
        .collect::<Result<_>>()?;
        let terms = sqlx::query_as::<_, (Id, Id, Id, NaiveDate, NaiveDate, String, Option<NaiveDate>)>(
            "SELECT id, seat_id, person_id, start_date, end_date, obtained, ended_on FROM terms WHERE group_id = ?",
        )
        .bind(group)
        .fetch_all(&self.pool)
        .await?
        .into_iter()
        .map(|(id, seat, person, start, end, obtained, ended_early)| {
            let obtained = Obtained::parse(&obtained).ok_or_else(|| corrupt("term origin", &obtained))?;
            Ok(reg::Term { id, seat, person, start, end, obtained, ended_early })
        })
        .collect::<Result<_>>()?;
        let appointments = sqlx::query_as::<_, (String, Id, NaiveDate, Option<NaiveDate>)>(
            "SELECT role, person_id, start_date, end_date FROM appointments WHERE group_id = ?",
        )
        .bind(group)
        .fetch_all(&self.pool)
        .await?
        .into_iter()
        .map(|(role, person, from, to)| {
            let role = Role::parse(&role).ok_or_else(|| corrupt("role", &role))?;
            Ok(reg::Appointment { role, person, from, to })
        })
        .collect::<Result<_>>()?;
        Ok(Register { settings, amendments, organisations, people, employments, seats, terms, appointments })
    }

    pub async fn person_detail(&self, group: GroupId, id: Id) -> Result<PersonDetail> {
        let (name, email, job_title, manager, erased_on, sort_as): (String, String, String, String, Option<NaiveDate>, String) =
            sqlx::query_as("SELECT name, email, job_title, manager_status, erased_on, sort_as FROM people WHERE id = ? AND group_id = ?")
                .bind(id)
                .bind(group)
                .fetch_optional(&self.pool)
                .await?
                .ok_or_else(|| StoreError::NotFound { what: format!("Person {id}") })?;
        let manager_status = ManagerStatus::parse(&manager).ok_or_else(|| corrupt("manager status", &manager))?;
        let employments = sqlx::query_as::<_, (Id, Id, String, NaiveDate, Option<NaiveDate>)>(
            "SELECT e.id, o.id, o.name, e.start_date, e.end_date FROM employments e JOIN organisations o ON o.id = e.organisation_id \
             WHERE e.person_id = ? ORDER BY e.start_date DESC",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?
        .into_iter()
        .map(|(id, organisation_id, organisation, from, to)| EmploymentView { id, organisation_id, organisation, from, to })
        .collect();
        let terms = sqlx::query_as::<_, TermRow>(
            "SELECT t.id, t.seat_id, t.person_id, t.start_date, t.end_date, t.obtained, t.ended_on, t.end_reason, s.title AS seat \
             FROM terms t JOIN seats s ON s.id = t.seat_id WHERE t.person_id = ? ORDER BY t.start_date DESC",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?
        .into_iter()
        .map(|row| {
            let obtained = Obtained::parse(&row.obtained).ok_or_else(|| corrupt("term origin", &row.obtained))?;
            let _ = row.person_id;
            Ok(TermView {
                id: row.id,
                seat_id: row.seat_id,
                seat: row.seat,
                start: row.start_date,
                end: row.end_date,
                obtained,
                ended_on: row.ended_on,
                end_reason: row.end_reason.as_deref().map(describe_reason),
            })
        })
        .collect::<Result<_>>()?;
        let appointments = self.appointments_where(group, Some(id)).await?;
        let declarations = self.declarations_of_person(group, id).await?;
        let default_sort_as = secretariat_rules::names::default_sort_as(&name);
        let manager_history = self.manager_history(group, id).await?;
        Ok(PersonDetail {
            id,
            input: PersonInput { name, email, job_title, manager_status, sort_as },
            default_sort_as,
            employments,
            terms,
            appointments,
            erased_on,
            declarations,
            manager_history,
        })
    }

    async fn appointments_where(&self, group: GroupId, person: Option<Id>) -> Result<Vec<AppointmentView>> {
        sqlx::query_as::<_, (Id, String, Id, String, NaiveDate, Option<NaiveDate>, String)>(
            "SELECT a.id, a.role, p.id, p.name, a.start_date, a.end_date, a.agreed_by FROM appointments a \
             JOIN people p ON p.id = a.person_id WHERE a.group_id = ?1 AND (?2 IS NULL OR a.person_id = ?2) \
             ORDER BY a.start_date DESC",
        )
        .bind(group)
        .bind(person)
        .fetch_all(&self.pool)
        .await?
        .into_iter()
        .map(|(id, role, person_id, person, from, to, agreed_by)| {
            let role = Role::parse(&role).ok_or_else(|| corrupt("role", &role))?;
            Ok(AppointmentView { id, role, person_id, person, from, to, agreed_by })
        })
        .collect()
    }

    /// Every appointment of the group, newest first.
    pub async fn appointments(&self, group: GroupId) -> Result<Vec<AppointmentView>> {
        self.appointments_where(group, None).await
    }

    pub async fn organisation_record(&self, group: GroupId, id: Id) -> Result<OrganisationRecord> {
        let (name, status, applied_on, sme, sme_confirmed_on, sector): (String, String, Option<NaiveDate>, bool, Option<NaiveDate>, String) =
            sqlx::query_as("SELECT name, techuk_status, applied_on, sme, sme_confirmed_on, sector FROM organisations WHERE id = ? AND group_id = ?")
                .bind(id)
                .bind(group)
                .fetch_optional(&self.pool)
                .await?
                .ok_or_else(|| StoreError::NotFound { what: format!("Organisation {id}") })?;
        let techuk_status = TechukStatus::parse(&status).ok_or_else(|| corrupt("membership status", &status))?;
        let history = self.organisation_history(group, id).await?;
        Ok(OrganisationRecord { id, input: OrganisationInput { name, techuk_status, applied_on, sme, sme_confirmed_on, sector }, history })
    }

    pub async fn invitees(&self, group: GroupId, on: NaiveDate) -> Result<Vec<InviteeView>> {
        Ok(sqlx::query_as::<_, (Id, Id, String, Option<String>, NaiveDate, Option<NaiveDate>, String)>(
            "SELECT i.id, p.id, p.name, o.name, i.start_date, i.end_date, i.note FROM invitees i \
             JOIN people p ON p.id = i.person_id \
             LEFT JOIN employments e ON e.person_id = p.id AND e.start_date <= ?2 AND (e.end_date IS NULL OR e.end_date >= ?2) \
             LEFT JOIN organisations o ON o.id = e.organisation_id \
             WHERE i.group_id = ?1 ORDER BY i.end_date IS NOT NULL, p.name",
        )
        .bind(group)
        .bind(on)
        .fetch_all(&self.pool)
        .await?
        .into_iter()
        .map(|(id, person_id, person, organisation, from, to, note)| InviteeView { id, person_id, person, organisation, from, to, note })
        .collect())
    }
}

/// A person as the people CSV writes them: record, and current employer with the date they joined.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonExport {
    pub input: PersonInput,
    pub organisation: Option<String>,
    pub employed_since: Option<NaiveDate>,
}

impl Writer {
    /// An organisation of the group by name (case-insensitive), for imports.
    pub async fn organisation_id_by_name(&mut self, group: GroupId, name: &str) -> Result<Option<Id>> {
        Ok(sqlx::query_scalar("SELECT id FROM organisations WHERE group_id = ? AND lower(name) = lower(?)")
            .bind(group)
            .bind(name.trim())
            .fetch_optional(self.conn())
            .await?)
    }
}

impl Store {
    pub async fn people_for_export(&self, group: GroupId, on: NaiveDate) -> Result<Vec<PersonExport>> {
        sqlx::query_as::<_, (String, String, String, String, Option<String>, Option<NaiveDate>)>(
            "SELECT p.name, p.email, p.job_title, p.manager_status, o.name, e.start_date FROM people p \
             LEFT JOIN employments e ON e.person_id = p.id AND e.start_date <= ?2 AND (e.end_date IS NULL OR e.end_date >= ?2) \
             LEFT JOIN organisations o ON o.id = e.organisation_id \
             WHERE p.group_id = ?1 ORDER BY p.name",
        )
        .bind(group)
        .bind(on)
        .fetch_all(&self.pool)
        .await?
        .into_iter()
        .map(|(name, email, job_title, manager, organisation, employed_since)| {
            let manager_status = ManagerStatus::parse(&manager).ok_or_else(|| corrupt("manager status", &manager))?;
            Ok(PersonExport { input: PersonInput { name, email, job_title, manager_status, sort_as: String::new() }, organisation, employed_since })
        })
        .collect()
    }

    pub async fn organisations_for_export(&self, group: GroupId) -> Result<Vec<OrganisationInput>> {
        sqlx::query_as::<_, (String, String, Option<NaiveDate>, bool, Option<NaiveDate>, String)>(
            "SELECT name, techuk_status, applied_on, sme, sme_confirmed_on, sector FROM organisations WHERE group_id = ? ORDER BY name",
        )
        .bind(group)
        .fetch_all(&self.pool)
        .await?
        .into_iter()
        .map(|(name, status, applied_on, sme, sme_confirmed_on, sector)| {
            let techuk_status = TechukStatus::parse(&status).ok_or_else(|| corrupt("membership status", &status))?;
            Ok(OrganisationInput { name, techuk_status, applied_on, sme, sme_confirmed_on, sector })
        })
        .collect()
    }
}
