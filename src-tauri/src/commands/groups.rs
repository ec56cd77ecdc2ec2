//! A group's home.

use secretariat_api::types::GroupHome;
use secretariat_api::{ApiError, Session};
use tauri::State;

#[tauri::command]
pub async fn set_bank_holidays(session: State<'_, Session>, group_id: i64, nation: secretariat_rules::working_days::Nation) -> Result<GroupHome, ApiError> {
    session.set_bank_holidays(group_id, nation).await
}

#[tauri::command]
pub async fn group_home(session: State<'_, Session>, group_id: i64) -> Result<GroupHome, ApiError> {
    session.group_home(group_id).await
}
