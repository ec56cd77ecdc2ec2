//! Writing: every change goes through a [`Writer`], one transaction that also
//! records each change in the audit log. Dropping a writer without `commit`
//! rolls everything back, so a multi-step change lands whole or not at all.

use crate::error::{Result, StoreError};
use crate::Store;
use chrono::{NaiveDate, NaiveDateTime};
use secretariat_rules::text::{single_line, TextError};
use secretariat_rules::{SeatKind, Template};
use serde_json::json;
use sqlx::{Sqlite, Transaction};

pub type GroupId = i64;

/// One transaction's worth of changes.
#[derive(Debug)]
pub struct Writer {
    tx: Transaction<'static, Sqlite>,
    actor: String,
}

/// techUK membership status of an organisation (ToR §12, §15).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TechukStatus {
    Member,
    /// An application is in progress (matters under ToR §15).
    Applying,
    NotMember,
}

impl TechukStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            TechukStatus::Member => "member",
            TechukStatus::Applying => "applying",
            TechukStatus::NotMember => "not_member",
        }
    }
}

#[derive(Debug, Clone)]
pub struct NewOrganisation {
    pub name: String,
    pub techuk_status: TechukStatus,
    pub applied_on: Option<NaiveDate>,
    pub sme: bool,
    pub sme_confirmed_on: Option<NaiveDate>,
    pub sector: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ManagerStatus {
    Yes,
    No,
    Unknown,
}

impl ManagerStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ManagerStatus::Yes => "yes",
            ManagerStatus::No => "no",
            ManagerStatus::Unknown => "unknown",
        }
    }
}

#[derive(Debug, Clone)]
pub struct NewPerson {
    pub name: String,
    pub email: String,
    pub job_title: String,
    pub manager_status: ManagerStatus,
}

#[derive(Debug, Clone)]
pub struct NewMeeting {
    pub title: String,
    pub starts_at: NaiveDateTime,
    pub ends_at: NaiveDateTime,
    pub venue: String,
    pub online_link: String,
    pub compulsory: bool,
}

fn invalid(field: &'static str) -> impl Fn(TextError) -> StoreError {
    move |error| StoreError::Invalid { field, message: error.to_string() }
}

impl Store {
    /// Starts a transaction for a change.
    pub async fn begin(&self) -> Result<Writer> {
        Ok(Writer { tx: self.pool.begin().await?, actor: self.actor.clone() })
    }
}

impl Writer {
    pub async fn commit(self) -> Result<()> {
        Ok(self.tx.commit().await?)
    }

    /// Records one change in the audit log, in this transaction.
    async fn audit(
        &mut self,
        group_id: Option<GroupId>,
        entity: &str,
        entity_id: i64,
        action: &str,
        change: serde_json::Value,
    ) -> Result<()> {
        sqlx::query("INSERT INTO audit_log (group_id, at, actor, entity, entity_id, action, change) VALUES (?, ?, ?, ?, ?, ?, ?)")
            .bind(group_id)
            .bind(chrono::Utc::now().to_rfc3339())
            .bind(&self.actor)
            .bind(entity)
            .bind(entity_id)
            .bind(action)
            .bind(change.to_string())
            .execute(&mut *self.tx)
            .await?;
        Ok(())
    }

    /// Creates a group with its template's settings and seats.
    pub async fn create_group(&mut self, name: &str, template: Template) -> Result<GroupId> {
        let name = single_line(name, "The group's name", 120).map_err(invalid("name"))?;
        let taken: Option<i64> = sqlx::query_scalar("SELECT id FROM groups WHERE name = ?")
            .bind(&name)
            .fetch_optional(&mut *self.tx)
            .await?;
        if taken.is_some() {
            return Err(StoreError::Invalid {
                field: "name",
                message: format!("A group called \u{201c}{name}\u{201d} already exists; choose another name."),
            });
        }
        let group_id: GroupId = sqlx::query_scalar("INSERT INTO groups (name, template, created_at) VALUES (?, ?, ?) RETURNING id")
            .bind(&name)
            .bind(template.id())
            .bind(chrono::Utc::now().to_rfc3339())
            .fetch_one(&mut *self.tx)
            .await?;
        let s = template.settings();
        sqlx::query(
            "INSERT INTO group_settings (group_id, stakeholder_seats, supplier_seats, target_size, term_months, \
             min_sme_suppliers, max_members_per_organisation, strike_absences, grace_months, publication_lead_days, \
             funds_consensus_percent, position_volunteers, time_zone, term_reminder_days) \
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(group_id)
        .bind(s.stakeholder_seats)
        .bind(s.supplier_seats)
        .bind(s.target_size)
        .bind(s.term_months)
        .bind(s.min_sme_suppliers)
        .bind(s.max_members_per_organisation)
        .bind(s.strike_absences)
        .bind(s.grace_months)
        .bind(s.publication_lead_days)
        .bind(s.funds_consensus_percent)
        .bind(s.position_volunteers)
        .bind(&s.time_zone)
        .bind(s.term_reminder_days)
        .execute(&mut *self.tx)
        .await?;
        for seat in template.seats() {
            sqlx::query("INSERT INTO seats (group_id, kind, position, title) VALUES (?, ?, ?, ?)")
                .bind(group_id)
                .bind(seat.kind.as_str())
                .bind(seat.position)
                .bind(&seat.title)
                .execute(&mut *self.tx)
                .await?;
        }
        self.audit(
            Some(group_id),
            "group",
            group_id,
            "create",
            json!({ "name": name, "template": template.id(), "settings": s }),
        )
        .await?;
        Ok(group_id)
    }

    pub async fn add_organisation(&mut self, group_id: GroupId, org: &NewOrganisation) -> Result<i64> {
        let name = single_line(&org.name, "The organisation's name", 160).map_err(invalid("name"))?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO organisations (group_id, name, techuk_status, applied_on, sme, sme_confirmed_on, sector) \
             VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
        )
        .bind(group_id)
        .bind(&name)
        .bind(org.techuk_status.as_str())
        .bind(org.applied_on)
        .bind(org.sme)
        .bind(org.sme_confirmed_on)
        .bind(&org.sector)
        .fetch_one(&mut *self.tx)
        .await?;
        self.audit(
            Some(group_id),
            "organisation",
            id,
            "create",
            json!({ "name": name, "techuk_status": org.techuk_status.as_str(), "sme": org.sme, "sector": org.sector }),
        )
        .await?;
        Ok(id)
    }

    pub async fn add_person(&mut self, group_id: GroupId, person: &NewPerson) -> Result<i64> {
        let name = single_line(&person.name, "The person's name", 120).map_err(invalid("name"))?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO people (group_id, name, email, job_title, manager_status) VALUES (?, ?, ?, ?, ?) RETURNING id",
        )
        .bind(group_id)
        .bind(&name)
        .bind(&person.email)
        .bind(&person.job_title)
        .bind(person.manager_status.as_str())
        .fetch_one(&mut *self.tx)
        .await?;
        self.audit(
            Some(group_id),
            "person",
            id,
            "create",
            json!({ "name": name, "email": person.email, "job_title": person.job_title }),
        )
        .await?;
        Ok(id)
    }

    pub async fn add_employment(
        &mut self,
        group_id: GroupId,
        person_id: i64,
        organisation_id: i64,
        start: NaiveDate,
        end: Option<NaiveDate>,
    ) -> Result<i64> {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO employments (group_id, person_id, organisation_id, start_date, end_date) VALUES (?, ?, ?, ?, ?) RETURNING id",
        )
        .bind(group_id)
        .bind(person_id)
        .bind(organisation_id)
        .bind(start)
        .bind(end)
        .fetch_one(&mut *self.tx)
        .await?;
        self.audit(
            Some(group_id),
            "employment",
            id,
            "create",
            json!({ "person_id": person_id, "organisation_id": organisation_id, "from": start, "to": end }),
        )
        .await?;
        Ok(id)
    }

    /// Opens a term on a seat; its end is the start plus the group's term length (ToR §14).
    pub async fn add_term(
        &mut self,
        group_id: GroupId,
        seat_id: i64,
        person_id: i64,
        start: NaiveDate,
        obtained: &str,
    ) -> Result<i64> {
        let months: u32 = sqlx::query_scalar("SELECT term_months FROM group_settings WHERE group_id = ?")
            .bind(group_id)
            .fetch_one(&mut *self.tx)
            .await?;
        let end = start
            .checked_add_months(chrono::Months::new(months))
            .ok_or_else(|| StoreError::Invalid { field: "start", message: "That start date is out of range.".into() })?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO terms (group_id, seat_id, person_id, start_date, end_date, obtained) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
        )
        .bind(group_id)
        .bind(seat_id)
        .bind(person_id)
        .bind(start)
        .bind(end)
        .bind(obtained)
        .fetch_one(&mut *self.tx)
        .await?;
        self.audit(
            Some(group_id),
            "term",
            id,
            "create",
            json!({ "seat_id": seat_id, "person_id": person_id, "start": start, "end": end, "obtained": obtained }),
        )
        .await?;
        Ok(id)
    }

    pub async fn add_meeting(&mut self, group_id: GroupId, meeting: &NewMeeting) -> Result<i64> {
        let title = single_line(&meeting.title, "The meeting's title", 160).map_err(invalid("title"))?;
        if meeting.ends_at <= meeting.starts_at {
            return Err(StoreError::Invalid { field: "ends_at", message: "A meeting must end after it starts.".into() });
        }
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO meetings (group_id, title, starts_at, ends_at, venue, online_link, compulsory) \
             VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
        )
        .bind(group_id)
        .bind(&title)
        .bind(meeting.starts_at)
        .bind(meeting.ends_at)
        .bind(&meeting.venue)
        .bind(&meeting.online_link)
        .bind(meeting.compulsory)
        .fetch_one(&mut *self.tx)
        .await?;
        self.audit(
            Some(group_id),
            "meeting",
            id,
            "create",
            json!({ "title": title, "starts_at": meeting.starts_at, "compulsory": meeting.compulsory }),
        )
        .await?;
        Ok(id)
    }

    /// The group's seats of one kind, in order: for filling seats by position.
    pub async fn seat_ids(&mut self, group_id: GroupId, kind: SeatKind) -> Result<Vec<i64>> {
        Ok(sqlx::query_scalar("SELECT id FROM seats WHERE group_id = ? AND kind = ? ORDER BY position")
            .bind(group_id)
            .bind(kind.as_str())
            .fetch_all(&mut *self.tx)
            .await?)
    }
}
