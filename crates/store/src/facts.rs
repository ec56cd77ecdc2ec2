//! The dated facts of the register (issue #14): an organisation's techUK status, SME status
//! and sector (ToR §12, §13, §15) and a person's manager status (ToR §12), each a history of
//! entries in force from a date (`organisation_facts`, `person_facts`).
//!
//! A *change from a date* keeps the earlier value before that date; a *correction* rewrites a
//! value that was wrongly recorded (it was always wrong). Both are worked out on the rules'
//! [`History`] (`change_part`, `correct_part`: the api's previews apply the same), then
//! written back entry by entry, and the `organisations` / `people` columns are set to the
//! latest entry in the same transaction. Each is one audit row: "change" with its date,
//! "correct", or "update" when no dated fact moved.

use crate::Store;
use crate::error::{Result, StoreError, touched};
use crate::fields::invalid;
use crate::membership::OrganisationInput;
use crate::write::{GroupId, Writer};
use chrono::NaiveDate;
use secretariat_rules::register::{Dated, History, Id, OrganisationFacts};
use secretariat_rules::{ManagerStatus, TechukStatus, uk_date};
use serde::{Deserialize, Serialize};
use serde_json::json;
use ts_rs::TS;

/// How an edit of a dated fact is meant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FactChange {
    /// The fact changed from this date; the earlier value stays in force before it.
    From { from: NaiveDate },
    /// A mistake corrected: the value in force on `on` (the latest when none) was always wrong.
    Correction { on: Option<NaiveDate> },
}

impl FactChange {
    pub(crate) fn action(self) -> &'static str {
        match self {
            FactChange::From { .. } => "change",
            FactChange::Correction { .. } => "correct",
        }
    }

    pub(crate) fn audited(self) -> serde_json::Value {
        match self {
            FactChange::From { from } => json!({ "from": from }),
            FactChange::Correction { on } => json!({ "corrected": on.map_or_else(|| "latest".to_owned(), |on| on.to_string()) }),
        }
    }

    fn apply<T: Clone>(
        self,
        history: &mut History<T>,
        change: impl FnOnce(&mut History<T>, NaiveDate) -> bool,
        correct: impl FnOnce(&mut History<T>, Option<NaiveDate>) -> bool,
    ) -> bool {
        match self {
            FactChange::From { from } => change(history, from),
            FactChange::Correction { on } => correct(history, on),
        }
    }
}

/// One entry of an organisation's facts, for its record screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct OrganisationFactsEntry {
    /// `None`: as first recorded, in force from the beginning.
    pub from: Option<NaiveDate>,
    pub techuk_status: TechukStatus,
    pub sme: bool,
    pub sector: String,
    /// When it was recorded (UTC, RFC 3339).
    pub recorded_at: String,
}

/// One entry of a person's manager status (ToR §12), for their page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ManagerStatusEntry {
    pub from: Option<NaiveDate>,
    pub manager_status: ManagerStatus,
    pub recorded_at: String,
}

fn corrupt(what: &str, value: &str) -> StoreError {
    StoreError::Database(format!("unexpected {what} '{value}' in the database"))
}

/// "a techUK member and an SME", for messages.
fn describe(facts: &OrganisationFacts) -> String {
    format!("{}{}", facts.techuk.label(), if facts.sme { " and an SME" } else { ", not an SME" })
}

fn organisation_history(rows: &[OrganisationFactsEntry]) -> Option<History<OrganisationFacts>> {
    History::from_entries(
        rows.iter().map(|r| Dated { from: r.from, value: OrganisationFacts { techuk: r.techuk_status, sme: r.sme, sector: r.sector.clone() } }).collect(),
    )
}

const ORGANISATION_FACTS: &str =
    "SELECT from_date, techuk_status, sme, sector, recorded_at FROM organisation_facts WHERE organisation_id = ? ORDER BY from_date IS NOT NULL, from_date";
const PERSON_FACTS: &str = "SELECT from_date, manager_status, recorded_at FROM person_facts WHERE person_id = ? ORDER BY from_date IS NOT NULL, from_date";

fn organisation_rows(rows: Vec<(Option<NaiveDate>, String, bool, String, String)>) -> Result<Vec<OrganisationFactsEntry>> {
    rows.into_iter()
        .map(|(from, status, sme, sector, recorded_at)| {
            let techuk_status = TechukStatus::parse(&status).ok_or_else(|| corrupt("membership status", &status))?;
            Ok(OrganisationFactsEntry { from, techuk_status, sme, sector, recorded_at })
        })
        .collect()
}

fn person_rows(rows: Vec<(Option<NaiveDate>, String, String)>) -> Result<Vec<ManagerStatusEntry>> {
    rows.into_iter()
        .map(|(from, status, recorded_at)| {
            let manager_status = ManagerStatus::parse(&status).ok_or_else(|| corrupt("manager status", &status))?;
            Ok(ManagerStatusEntry { from, manager_status, recorded_at })
        })
        .collect()
}

impl Writer {
    /// Edits an organisation: its name and dates in place, its techUK status, SME status and
    /// sector as `how` says (from a date, or corrected). Refused when nothing would change.
    pub async fn edit_organisation(&mut self, group: GroupId, id: Id, input: &OrganisationInput, how: FactChange) -> Result<()> {
        let (name, sector) = Self::organisation_fields(input)?;
        if let FactChange::From { from } = how {
            crate::fields::date("from", "The date of the change", from)?;
        }
        if self.org_name_taken(group, &name, Some(id)).await? {
            return Err(invalid("name", format!("Another organisation is already called \u{201c}{name}\u{201d}.")));
        }
        let current: Option<(String, Option<NaiveDate>, Option<NaiveDate>)> =
            sqlx::query_as("SELECT name, applied_on, sme_confirmed_on FROM organisations WHERE id = ? AND group_id = ?")
                .bind(id)
                .bind(group)
                .fetch_optional(self.conn())
                .await?;
        let (old_name, old_applied, old_confirmed) = current.ok_or_else(|| StoreError::NotFound { what: format!("Organisation {id}") })?;
        let before = organisation_rows(sqlx::query_as(ORGANISATION_FACTS).bind(id).fetch_all(self.conn()).await?)?;
        let mut history = organisation_history(&before).ok_or_else(|| corrupt("organisation without facts", &old_name))?;
        let new = OrganisationFacts { techuk: input.techuk_status, sme: input.sme, sector: sector.clone() };
        let moved = how.apply(&mut history, |h, from| h.change_facts(from, &new), |h, on| h.correct_facts(on, &new));
        let in_place = name != old_name || input.applied_on != old_applied || input.sme_confirmed_on != old_confirmed;
        if !moved && !in_place {
            return Err(match how {
                FactChange::From { from } if history.latest().value != new => invalid(
                    "from",
                    format!("On {} the techUK status, SME status and sector were already these; nothing changes from that date.", uk_date(from)),
                ),
                _ => invalid("name", "Nothing was changed."),
            });
        }
        touched(
            sqlx::query("UPDATE organisations SET name = ?, applied_on = ?, sme_confirmed_on = ? WHERE id = ? AND group_id = ?")
                .bind(&name)
                .bind(input.applied_on)
                .bind(input.sme_confirmed_on)
                .bind(id)
                .bind(group)
                .execute(self.conn())
                .await?,
            || format!("Organisation {id}"),
        )?;
        if moved {
            self.write_organisation_facts(group, id, &before, &history).await?;
        }
        let mut change = json!(OrganisationInput { name, sector, ..input.clone() });
        if moved {
            change.as_object_mut().expect("an input is an object").extend(how.audited().as_object().expect("an object").clone());
        }
        self.audit(Some(group), "organisation", id, if moved { how.action() } else { "update" }, change).await
    }

    /// An organisation's techUK status (and, when given, its SME status) from a date, as
    /// `secretariat organisation status` records it: the parts named change from `from`
    /// whatever the latest entry says. An application needs its date: `from` when none is recorded.
    pub async fn change_organisation_status(&mut self, group: GroupId, id: Id, status: TechukStatus, sme: Option<bool>, from: NaiveDate) -> Result<()> {
        crate::fields::date("from", "The date of the change", from)?;
        let applied_on: Option<Option<NaiveDate>> =
            sqlx::query_scalar("SELECT applied_on FROM organisations WHERE id = ? AND group_id = ?").bind(id).bind(group).fetch_optional(self.conn()).await?;
        let applied_on = applied_on.ok_or_else(|| StoreError::NotFound { what: format!("Organisation {id}") })?;
        let before = organisation_rows(sqlx::query_as(ORGANISATION_FACTS).bind(id).fetch_all(self.conn()).await?)?;
        let mut history = organisation_history(&before).ok_or_else(|| corrupt("organisation without facts", &id.to_string()))?;
        if !history.change_status(from, status, sme) {
            return Err(invalid("from", format!("On {} it was already {}; nothing changes from that date.", uk_date(from), describe(history.on(from)))));
        }
        if status == TechukStatus::Applying && applied_on.is_none() {
            sqlx::query("UPDATE organisations SET applied_on = ? WHERE id = ?").bind(from).bind(id).execute(self.conn()).await?;
        }
        self.write_organisation_facts(group, id, &before, &history).await?;
        let applied_on = if status == TechukStatus::Applying { applied_on.or(Some(from)) } else { applied_on };
        self.audit(Some(group), "organisation", id, "change", json!({ "from": from, "techuk_status": status, "sme": sme, "applied_on": applied_on })).await
    }

    /// Writes back the entries a change or correction touched, and sets the organisation's
    /// columns to the latest entry.
    async fn write_organisation_facts(&mut self, group: GroupId, id: Id, before: &[OrganisationFactsEntry], after: &History<OrganisationFacts>) -> Result<()> {
        let now = chrono::Utc::now().to_rfc3339();
        for entry in after.entries() {
            let old = before.iter().find(|b| b.from == entry.from);
            let value = &entry.value;
            if old.is_some_and(|b| b.techuk_status == value.techuk && b.sme == value.sme && b.sector == value.sector) {
                continue;
            }
            let sql = if old.is_some() {
                "UPDATE organisation_facts SET techuk_status = ?3, sme = ?4, sector = ?5, recorded_at = ?6 WHERE organisation_id = ?2 AND from_date IS ?7"
            } else {
                "INSERT INTO organisation_facts (group_id, organisation_id, techuk_status, sme, sector, recorded_at, from_date) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
            };
            sqlx::query(sql)
                .bind(group)
                .bind(id)
                .bind(value.techuk.as_str())
                .bind(value.sme)
                .bind(&value.sector)
                .bind(&now)
                .bind(entry.from)
                .execute(self.conn())
                .await?;
        }
        let latest = &after.latest().value;
        sqlx::query("UPDATE organisations SET techuk_status = ?, sme = ?, sector = ? WHERE id = ?")
            .bind(latest.techuk.as_str())
            .bind(latest.sme)
            .bind(&latest.sector)
            .bind(id)
            .execute(self.conn())
            .await?;
        Ok(())
    }

    /// A person's manager status changed (ToR §12) as `how` says; whether it moved. The
    /// caller audits (with the rest of the person's record).
    pub(crate) async fn edit_manager_status(&mut self, id: Id, status: ManagerStatus, how: FactChange) -> Result<bool> {
        if let FactChange::From { from } = how {
            crate::fields::date("from", "The date of the change", from)?;
        }
        let before = person_rows(sqlx::query_as(PERSON_FACTS).bind(id).fetch_all(self.conn()).await?)?;
        let mut history = History::from_entries(before.iter().map(|e| Dated { from: e.from, value: e.manager_status }).collect())
            .ok_or_else(|| corrupt("person without facts", &id.to_string()))?;
        let moved =
            how.apply(&mut history, |h, from| h.change_part(from, |s| s, |s, v| *s = v, status), |h, on| h.correct_part(on, |s| s, |s, v| *s = v, status));
        if !moved {
            return Ok(false);
        }
        let now = chrono::Utc::now().to_rfc3339();
        for entry in history.entries() {
            let old = before.iter().find(|b| b.from == entry.from);
            if old.is_some_and(|b| b.manager_status == entry.value) {
                continue;
            }
            let sql = if old.is_some() {
                "UPDATE person_facts SET manager_status = ?3, recorded_at = ?4 WHERE person_id = ?2 AND from_date IS ?5"
            } else {
                "INSERT INTO person_facts (group_id, person_id, manager_status, recorded_at, from_date) \
                 VALUES ((SELECT group_id FROM people WHERE id = ?2), ?2, ?3, ?4, ?5)"
            };
            sqlx::query(sql).bind(0).bind(id).bind(entry.value.as_str()).bind(&now).bind(entry.from).execute(self.conn()).await?;
        }
        sqlx::query("UPDATE people SET manager_status = ? WHERE id = ?").bind(history.latest().value.as_str()).bind(id).execute(self.conn()).await?;
        Ok(true)
    }

    /// A person's manager status (ToR §12) from a date, alone: the earlier status stays before it.
    pub async fn change_manager_status(&mut self, group: GroupId, id: Id, status: ManagerStatus, from: NaiveDate) -> Result<()> {
        self.manager_status_alone(group, id, status, FactChange::From { from }).await
    }

    pub(crate) async fn manager_status_alone(&mut self, group: GroupId, id: Id, status: ManagerStatus, how: FactChange) -> Result<()> {
        let live: Option<Option<NaiveDate>> =
            sqlx::query_scalar("SELECT erased_on FROM people WHERE id = ? AND group_id = ?").bind(id).bind(group).fetch_optional(self.conn()).await?;
        match live {
            None => return Err(StoreError::NotFound { what: format!("Person {id}") }),
            Some(Some(day)) => return Err(invalid("manager_status", format!("This person was erased on {} (UK GDPR Art. 17).", uk_date(day)))),
            Some(None) => {}
        }
        if !self.edit_manager_status(id, status, how).await? {
            return Err(match how {
                FactChange::From { from } => {
                    invalid("from", format!("Their manager status on {} was already \u{201c}{}\u{201d}; nothing changes.", uk_date(from), status.as_str()))
                }
                FactChange::Correction { .. } => invalid("manager_status", "That is the manager status already recorded."),
            });
        }
        let mut change = json!({ "manager_status": status });
        change.as_object_mut().expect("an object").extend(how.audited().as_object().expect("an object").clone());
        self.audit(Some(group), "person", id, how.action(), change).await
    }
}

impl Store {
    /// An organisation's techUK status, SME status and sector through time, first entry first.
    pub async fn organisation_history(&self, group: GroupId, id: Id) -> Result<Vec<OrganisationFactsEntry>> {
        organisation_rows(
            sqlx::query_as(
                "SELECT from_date, techuk_status, sme, sector, recorded_at FROM organisation_facts WHERE organisation_id = ? AND group_id = ? \
                 ORDER BY from_date IS NOT NULL, from_date",
            )
            .bind(id)
            .bind(group)
            .fetch_all(&self.pool)
            .await?,
        )
    }

    /// A person's manager status through time, first entry first.
    pub async fn manager_history(&self, group: GroupId, id: Id) -> Result<Vec<ManagerStatusEntry>> {
        person_rows(
            sqlx::query_as(
                "SELECT from_date, manager_status, recorded_at FROM person_facts WHERE person_id = ? AND group_id = ? ORDER BY from_date IS NOT NULL, from_date",
            )
            .bind(id)
            .bind(group)
            .fetch_all(&self.pool)
            .await?,
        )
    }
}
