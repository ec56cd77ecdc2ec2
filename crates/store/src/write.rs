//! Writing: every change goes through a [`Writer`], one transaction that also
//! records each change in the audit log. Dropping a writer without `commit`
//! rolls everything back, so a multi-step change lands whole or not at all.

use crate::Store;
use crate::audit::{self, AuditRow};
use crate::db::Secrets;
use crate::error::{Result, StoreError};
use secretariat_rules::text::{TextError, single_line};
use secretariat_rules::{GroupSettings, SeatKind, SeatSpec, Template};
use serde_json::json;
use sqlx::{Sqlite, Transaction};
use std::sync::Arc;

pub type GroupId = i64;

/// One transaction's worth of changes.
#[derive(Debug)]
pub struct Writer {
    tx: Transaction<'static, Sqlite>,
    actor: String,
    secrets: Arc<Secrets>,
}

fn invalid(field: &'static str) -> impl Fn(TextError) -> StoreError {
    move |error| StoreError::Invalid { field, message: error.to_string() }
}

impl Store {
    /// Starts a transaction for a change. `BEGIN IMMEDIATE` takes the write lock at
    /// once (waiting for it under the busy timeout), so a writer never fails half-way
    /// because another connection wrote after it had started reading.
    pub async fn begin(&self) -> Result<Writer> {
        Ok(Writer { tx: self.pool.begin_with("BEGIN IMMEDIATE").await?, actor: self.actor.clone(), secrets: self.secrets.clone() })
    }

    /// Runs `write` in one transaction and commits it; nothing is kept when it fails
    /// (the writer is dropped, rolling back). `E` is the caller's error: the store's,
    /// or one that a store error converts into, so `write` may refuse in its own terms.
    pub async fn write<T, E: From<StoreError>>(&self, write: impl AsyncFnOnce(&mut Writer) -> Result<T, E>) -> Result<T, E> {
        let mut writer = self.begin().await?;
        let value = write(&mut writer).await?;
        writer.commit().await?;
        Ok(value)
    }
}

impl Writer {
    pub async fn commit(self) -> Result<()> {
        Ok(self.tx.commit().await?)
    }

    /// Undoes everything in this transaction now (dropping a writer also does, but later).
    pub async fn rollback(self) -> Result<()> {
        Ok(self.tx.rollback().await?)
    }

    /// The transaction's connection, for the writes in this crate.
    pub(crate) fn conn(&mut self) -> &mut sqlx::SqliteConnection {
        &mut self.tx
    }

    /// Records one change in the audit log, in this transaction, chained to the
    /// row before it (see `audit.rs`).
    pub(crate) async fn audit(&mut self, group_id: Option<GroupId>, entity: &str, entity_id: i64, action: &str, change: serde_json::Value) -> Result<()> {
        self.audit_at(chrono::Utc::now(), group_id, entity, Some(entity_id), action, change).await
    }

    /// [`Writer::audit`] at a given instant, and for changes that concern no one
    /// record (`entity_id` `None`): an app setting, say.
    pub(crate) async fn audit_at(
        &mut self,
        at: chrono::DateTime<chrono::Utc>,
        group_id: Option<GroupId>,
        entity: &str,
        entity_id: Option<i64>,
        action: &str,
        change: serde_json::Value,
    ) -> Result<()> {
        let row = AuditRow {
            seq: 0, // numbered by `append`
            group_id,
            at: at.to_rfc3339(),
            actor: self.actor.clone(),
            entity: entity.to_owned(),
            entity_id,
            action: action.to_owned(),
            change: change.to_string(),
            mac: None,
            change_digest: None, // set by `append` on a v2 row
        };
        audit::append(&mut self.tx, &self.secrets.audit, row).await
    }

    /// Sets (or with `None` clears) one of the app's own settings, audited.
    pub(crate) async fn set_app_setting(&mut self, key: &str, value: Option<&str>) -> Result<()> {
        match value {
            Some(value) => {
                sqlx::query("INSERT INTO app_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value")
                    .bind(key)
                    .bind(value)
                    .execute(&mut *self.tx)
                    .await?;
            }
            None => {
                sqlx::query("DELETE FROM app_settings WHERE key = ?").bind(key).execute(&mut *self.tx).await?;
            }
        }
        self.audit_at(chrono::Utc::now(), None, "app_setting", None, "set", json!({ key: value })).await
    }

    /// Creates a group with its template's settings and seats.
    pub async fn create_group(&mut self, name: &str, template: Template) -> Result<GroupId> {
        self.create_shaped_group(name, template, &template.settings(), &template.seats()).await
    }

    /// Creates a group with these settings and seats (a custom group, or one from another
    /// group's rules file); `template` is what it was made from.
    pub async fn create_shaped_group(&mut self, name: &str, template: Template, s: &GroupSettings, seats: &[SeatSpec]) -> Result<GroupId> {
        s.validate().map_err(|e| StoreError::Invalid { field: e.field, message: e.message })?;
        let name = single_line(name, "The group's name", 120).map_err(invalid("name"))?;
        let taken: Option<i64> = sqlx::query_scalar("SELECT id FROM groups WHERE name = ?").bind(&name).fetch_optional(&mut *self.tx).await?;
        if taken.is_some() {
            return Err(StoreError::Invalid { field: "name", message: format!("A group called \u{201c}{name}\u{201d} already exists; choose another name.") });
        }
        let group_id: GroupId = sqlx::query_scalar("INSERT INTO groups (name, template, created_at) VALUES (?, ?, ?) RETURNING id")
            .bind(&name)
            .bind(template.id())
            .bind(chrono::Utc::now().to_rfc3339())
            .fetch_one(&mut *self.tx)
            .await?;
        sqlx::query(
            "INSERT INTO group_settings (group_id, stakeholder_seats, supplier_seats, target_size, term_months, \
             min_sme_suppliers, max_members_per_organisation, strike_absences, grace_months, publication_lead_days, \
             funds_consensus_percent, position_volunteers, time_zone, term_reminder_days, standard_agenda, paper_limit_mb, \
             work_deadline_warning_days, work_review_months, bank_holidays, rules_off) \
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
        .bind(serde_json::to_string(&s.standard_agenda).expect("a list of strings serialises"))
        .bind(s.paper_limit_mb)
        .bind(s.work.deadline_warning_days)
        .bind(s.work.review_months)
        .bind(s.bank_holidays.as_str())
        .bind(serde_json::to_string(&s.rules_off).expect("a list of rules serialises"))
        .execute(&mut *self.tx)
        .await?;
        for seat in seats {
            sqlx::query("INSERT INTO seats (group_id, kind, position, title) VALUES (?, ?, ?, ?)")
                .bind(group_id)
                .bind(seat.kind.as_str())
                .bind(seat.position)
                .bind(&seat.title)
                .execute(&mut *self.tx)
                .await?;
        }
        self.audit(Some(group_id), "group", group_id, "create", json!({ "name": name, "template": template.id(), "settings": s })).await?;
        Ok(group_id)
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
