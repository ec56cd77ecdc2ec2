//! The group's Terms of Reference through time: its amendments (issue #14).

use crate::Store;
use crate::error::{Result, StoreError};
use crate::write::GroupId;
use chrono::NaiveDate;
use secretariat_rules::register::Id;
use secretariat_rules::{Amendment, TorSetting};

impl Store {
    /// The group's amendments of its Terms of Reference, in the order they apply.
    pub async fn amendments(&self, group: GroupId) -> Result<Vec<Amendment>> {
        sqlx::query_as::<_, (Id, String, u32, NaiveDate, Option<Id>, Option<Id>, String)>(
            "SELECT id, setting, value, from_date, meeting_id, decision_id, note FROM tor_amendments WHERE group_id = ? ORDER BY from_date, id",
        )
        .bind(group)
        .fetch_all(&self.pool)
        .await?
        .into_iter()
        .map(|(id, setting, value, from, meeting, decision, note)| {
            let setting = TorSetting::parse(&setting).ok_or_else(|| StoreError::Database(format!("unexpected setting '{setting}' in the amendments")))?;
            Ok(Amendment { id, setting, value, from, meeting, decision, note })
        })
        .collect()
    }
}
