//! The retention schedule as the window and the command line ask for it: the dry
//! run ([`Session::retention_report`]) and the purge ([`Session::purge_retention`]).
//!
//! A purge repeats the dry run it was confirmed against: the person confirms the
//! counts they were shown, and if the report has changed since (a day has turned,
//! say) nothing is purged and they are shown the new one. Before anything is
//! removed a backup is taken (rotation keeps it like any other); after, the WAL is
//! checkpointed so the removed pages are not left in the `-wal` file.

use crate::error::{ApiError, ApiResult};
use crate::session::Session;
use secretariat_rules::retention::{self, RetentionReport};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Purge what the dry run listed, confirmed against the total the person was shown.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct PurgeRetention {
    pub group_id: i64,
    /// The dry run's total when the person confirmed.
    pub confirmed_total: u32,
}

/// What a purge did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RetentionPurged {
    /// The report that was purged (what went, per category).
    pub purged: RetentionReport,
    pub removed: u32,
    /// The backup taken just before, which still holds everything removed.
    pub backup: String,
}

impl Session {
    /// The dry run: per category, what is due for purging today. Changes nothing.
    pub async fn retention_report(&self, group_id: i64) -> ApiResult<RetentionReport> {
        let store = self.open_store().await?;
        let today = self.today();
        let settings = store.rules_on(group_id, today).await?;
        let facts = store.retention_facts(group_id).await?;
        let report = retention::due(&settings.retention, &facts, today);
        Ok(if settings.applies(secretariat_rules::RuleSwitch::StrikePolicy) { report } else { report.without_strike_policy(&settings.retention) })
    }

    /// Backs up, purges what today's report lists in one transaction, and checkpoints.
    pub async fn purge_retention(&self, request: PurgeRetention) -> ApiResult<RetentionPurged> {
        let report = self.retention_report(request.group_id).await?;
        if report.total() == 0 {
            return Err(ApiError::invalid("confirmed_total", "Nothing is due for purging today; nothing was changed."));
        }
        if report.total() != request.confirmed_total {
            return Err(ApiError::invalid(
                "confirmed_total",
                format!(
                    "What is due has changed since you confirmed ({} records then, {} now); nothing was changed. Look at the report again.",
                    request.confirmed_total,
                    report.total()
                ),
            ));
        }
        let store = self.open_store().await?;
        let backup = store.back_up().await?;
        let removed = store.write(async |w| w.purge_retention(request.group_id, &report).await).await?;
        store.checkpoint().await?;
        Ok(RetentionPurged { purged: report, removed, backup: backup.backup.name })
    }
}
