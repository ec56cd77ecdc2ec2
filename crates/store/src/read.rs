//! Reading: the views screens, documents and the command line show.
//! Every query is scoped to one group and, where holding a seat depends on the
//! day, to a date.

use crate::Store;
use crate::error::{Result, StoreError};
use crate::write::GroupId;
use chrono::NaiveDate;
use secretariat_rules::{GroupSettings, SeatKind, TechukStatus, Template};
use serde::Serialize;
use ts_rs::TS;

/// A group as the switcher lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct GroupSummary {
    pub id: GroupId,
    pub name: String,
    pub template: String,
}

/// A group with its settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Group {
    pub id: GroupId,
    pub name: String,
    pub template: Template,
    pub settings: GroupSettings,
}

/// A seat and, on the day asked about, who holds it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SeatView {
    pub id: i64,
    pub kind: SeatKind,
    pub position: u32,
    pub title: String,
    pub holder: Option<SeatHolder>,
    /// For a vacant seat whose last term ran to its end (not ended early), the day it ended:
    /// an election or re-election most likely continues from that day (ToR §14, §16).
    pub previous_term_end: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SeatHolder {
    pub term_id: i64,
    pub person_id: i64,
    pub name: String,
    pub organisation: Option<String>,
    pub sme: bool,
    pub term_start: NaiveDate,
    pub term_end: NaiveDate,
}

/// How much a group holds: for `status` and the home screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
pub struct GroupCounts {
    pub organisations: u32,
    pub people: u32,
    pub meetings: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PersonView {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub job_title: String,
    pub organisation: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct OrganisationView {
    pub id: i64,
    pub name: String,
    /// techUK membership (ToR §12, §15); it, the SME status and the sector as on the day asked about.
    pub techuk_status: TechukStatus,
    pub sme: bool,
    pub sector: String,
    /// People employed there today.
    pub people: u32,
}

#[derive(sqlx::FromRow)]
struct SeatRow {
    id: i64,
    kind: String,
    position: u32,
    title: String,
    term_id: Option<i64>,
    person_id: Option<i64>,
    person_name: Option<String>,
    organisation: Option<String>,
    sme: Option<bool>,
    start_date: Option<NaiveDate>,
    end_date: Option<NaiveDate>,
    previous_term_end: Option<NaiveDate>,
}

#[derive(sqlx::FromRow)]
struct SettingsRow {
    name: String,
    template: String,
    stakeholder_seats: u32,
    supplier_seats: u32,
    target_size: u32,
    term_months: u32,
    min_sme_suppliers: u32,
    max_members_per_organisation: u32,
    strike_absences: u32,
    grace_months: u32,
    publication_lead_days: u32,
    funds_consensus_percent: u32,
    position_volunteers: u32,
    time_zone: String,
    term_reminder_days: u32,
    standard_agenda: String,
    paper_limit_mb: u32,
    retention_ballot_months: u32,
    retention_nomination_months: u32,
    retention_attendance_years: u32,
    retention_paper_years: u32,
    work_deadline_warning_days: u32,
    work_review_months: u32,
    bank_holidays: String,
    rules_off: String,
}

impl Store {
    pub async fn groups(&self) -> Result<Vec<GroupSummary>> {
        let rows: Vec<(i64, String, String)> = sqlx::query_as("SELECT id, name, template FROM groups ORDER BY name").fetch_all(&self.pool).await?;
        Ok(rows.into_iter().map(|(id, name, template)| GroupSummary { id, name, template }).collect())
    }

    pub async fn group(&self, id: GroupId) -> Result<Group> {
        let row: SettingsRow = sqlx::query_as("SELECT g.name, g.template, s.* FROM groups g JOIN group_settings s ON s.group_id = g.id WHERE g.id = ?")
            .bind(id)
            .fetch_optional(&self.pool)
            .await?
            .ok_or_else(|| StoreError::NotFound { what: format!("Group {id}") })?;
        let template = Template::parse(&row.template).map_err(|e| StoreError::Database(e.to_string()))?;
        Ok(Group {
            id,
            name: row.name,
            template,
            settings: GroupSettings {
                stakeholder_seats: row.stakeholder_seats,
                supplier_seats: row.supplier_seats,
                target_size: row.target_size,
                term_months: row.term_months,
                min_sme_suppliers: row.min_sme_suppliers,
                max_members_per_organisation: row.max_members_per_organisation,
                strike_absences: row.strike_absences,
                grace_months: row.grace_months,
                publication_lead_days: row.publication_lead_days,
                funds_consensus_percent: row.funds_consensus_percent,
                position_volunteers: row.position_volunteers,
                time_zone: row.time_zone,
                term_reminder_days: row.term_reminder_days,
                standard_agenda: serde_json::from_str(&row.standard_agenda)
                    .map_err(|e| StoreError::Database(format!("the standard agenda setting is damaged: {e}")))?,
                paper_limit_mb: row.paper_limit_mb,
                retention: secretariat_rules::retention::RetentionSchedule {
                    ballot_months: row.retention_ballot_months,
                    nomination_months: row.retention_nomination_months,
                    attendance_years: row.retention_attendance_years,
                    paper_years: row.retention_paper_years,
                },
                work: secretariat_rules::work::WorkThresholds { deadline_warning_days: row.work_deadline_warning_days, review_months: row.work_review_months },
                bank_holidays: secretariat_rules::working_days::Nation::parse(&row.bank_holidays).unwrap_or_default(),
                rules_off: serde_json::from_str(&row.rules_off).map_err(|e| StoreError::Database(format!("the rules switched off are damaged: {e}")))?,
            },
        })
    }

    /// The group's seats, stakeholder seats first, with who holds each on `on`.
    pub async fn seats(&self, group_id: GroupId, on: NaiveDate) -> Result<Vec<SeatView>> {
        let rows: Vec<SeatRow> = sqlx::query_as(
            "SELECT s.id, s.kind, s.position, s.title, t.id AS term_id, p.id AS person_id, p.name AS person_name, \
                    o.name AS organisation, COALESCE(f.sme, o.sme) AS sme, t.start_date, t.end_date, \
                    (SELECT CASE WHEN last.ended_on IS NULL THEN last.end_date END FROM terms last \
                      WHERE last.seat_id = s.id AND COALESCE(last.ended_on, last.end_date) <= ?1 \
                      ORDER BY COALESCE(last.ended_on, last.end_date) DESC LIMIT 1) AS previous_term_end \
             FROM seats s \
             LEFT JOIN terms t ON t.seat_id = s.id AND t.start_date <= ?1 AND t.end_date > ?1 \
                              AND (t.ended_on IS NULL OR t.ended_on > ?1) \
             LEFT JOIN people p ON p.id = t.person_id \
             LEFT JOIN employments e ON e.person_id = p.id AND e.start_date <= ?1 \
                              AND (e.end_date IS NULL OR e.end_date >= ?1) \
             LEFT JOIN organisations o ON o.id = e.organisation_id \
             LEFT JOIN organisation_facts f ON f.id = (SELECT id FROM organisation_facts WHERE organisation_id = o.id \
                              AND (from_date IS NULL OR from_date <= ?1) ORDER BY from_date IS NULL, from_date DESC LIMIT 1) \
             WHERE s.group_id = ?2 AND (s.added_on IS NULL OR s.added_on <= ?1) AND (s.retired_on IS NULL OR s.retired_on > ?1) \
             ORDER BY s.kind = 'supplier', s.position",
        )
        .bind(on)
        .bind(group_id)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|row| {
                let kind = SeatKind::parse(&row.kind).ok_or_else(|| StoreError::Database(format!("unknown seat kind '{}'", row.kind)))?;
                let holder = match (row.term_id, row.person_id, row.person_name, row.start_date, row.end_date) {
                    (Some(term_id), Some(person_id), Some(name), Some(term_start), Some(term_end)) => {
                        Some(SeatHolder { term_id, person_id, name, organisation: row.organisation, sme: row.sme.unwrap_or(false), term_start, term_end })
                    }
                    _ => None,
                };
                // Only a vacant seat has a previous term to continue from.
                let previous_term_end = if holder.is_none() { row.previous_term_end } else { None };
                Ok(SeatView { id: row.id, kind, position: row.position, title: row.title, holder, previous_term_end })
            })
            .collect()
    }

    pub async fn counts(&self, group_id: GroupId) -> Result<GroupCounts> {
        let (organisations, people, meetings): (u32, u32, u32) = sqlx::query_as(
            "SELECT (SELECT count(*) FROM organisations WHERE group_id = ?1), \
                    (SELECT count(*) FROM people WHERE group_id = ?1), \
                    (SELECT count(*) FROM meetings WHERE group_id = ?1)",
        )
        .bind(group_id)
        .fetch_one(&self.pool)
        .await?;
        Ok(GroupCounts { organisations, people, meetings })
    }

    /// People with their employer on `on`.
    pub async fn people(&self, group_id: GroupId, on: NaiveDate) -> Result<Vec<PersonView>> {
        let rows: Vec<(i64, String, String, String, Option<String>)> = sqlx::query_as(
            "SELECT p.id, p.name, p.email, p.job_title, o.name FROM people p \
             LEFT JOIN employments e ON e.person_id = p.id AND e.start_date <= ?1 \
                              AND (e.end_date IS NULL OR e.end_date >= ?1) \
             LEFT JOIN organisations o ON o.id = e.organisation_id \
             WHERE p.group_id = ?2 ORDER BY p.name",
        )
        .bind(on)
        .bind(group_id)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.into_iter().map(|(id, name, email, job_title, organisation)| PersonView { id, name, email, job_title, organisation }).collect())
    }

    pub async fn organisations(&self, group_id: GroupId, on: NaiveDate) -> Result<Vec<OrganisationView>> {
        let rows: Vec<(i64, String, String, bool, String, u32)> = sqlx::query_as(
            "SELECT o.id, o.name, COALESCE(f.techuk_status, o.techuk_status), COALESCE(f.sme, o.sme), COALESCE(f.sector, o.sector), \
                    (SELECT count(*) FROM employments e WHERE e.organisation_id = o.id AND e.start_date <= ?1 \
                       AND (e.end_date IS NULL OR e.end_date >= ?1)) \
             FROM organisations o \
             LEFT JOIN organisation_facts f ON f.id = (SELECT id FROM organisation_facts WHERE organisation_id = o.id \
                              AND (from_date IS NULL OR from_date <= ?1) ORDER BY from_date IS NULL, from_date DESC LIMIT 1) \
             WHERE o.group_id = ?2 ORDER BY o.name",
        )
        .bind(on)
        .bind(group_id)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|(id, name, status, sme, sector, people)| {
                let techuk_status = TechukStatus::parse(&status).ok_or_else(|| StoreError::Database(format!("unexpected membership status '{status}'")))?;
                Ok(OrganisationView { id, name, techuk_status, sme, sector, people })
            })
            .collect::<Result<_>>()
    }

    /// How many changes the audit log holds (all groups).
    pub async fn audit_len(&self) -> Result<u64> {
        let n: i64 = sqlx::query_scalar("SELECT count(*) FROM audit_log").fetch_one(&self.pool).await?;
        Ok(n as u64)
    }

    /// A group's audit log, in sequence (never by time: clocks go backwards).
    pub async fn audit_entries(&self, group_id: GroupId) -> Result<Vec<AuditEntry>> {
        Ok(sqlx::query_as::<_, (i64, String, String, String, Option<i64>, String, String)>(
            "SELECT seq, at, actor, entity, entity_id, action, change FROM audit_log WHERE group_id = ? ORDER BY seq",
        )
        .bind(group_id)
        .fetch_all(&self.pool)
        .await?
        .into_iter()
        .map(|(seq, at, actor, entity, entity_id, action, change)| AuditEntry { seq, at, actor, entity, entity_id, action, change })
        .collect())
    }

    /// Every (table, column) of the schema: for tests that prove what is never stored.
    pub async fn schema_columns(&self) -> Result<Vec<(String, String)>> {
        Ok(sqlx::query_as(
            "SELECT m.name, p.name FROM sqlite_schema m JOIN pragma_table_info(m.name) p \
             WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name NOT LIKE '_sqlx%' ORDER BY m.name, p.cid",
        )
        .fetch_all(&self.pool)
        .await?)
    }
}

/// One row of the audit log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AuditEntry {
    pub seq: i64,
    pub at: String,
    pub actor: String,
    pub entity: String,
    pub entity_id: Option<i64>,
    pub action: String,
    /// JSON.
    pub change: String,
}
