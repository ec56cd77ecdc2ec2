//! A group's home.

use secretariat_api::types::GroupHome;
use secretariat_api::{ApiError, Session};
use tauri::State;

#[tauri::command]
pub async fn group_home(session: State<'_, Session>, group_id: i64) -> Result<GroupHome, ApiError> {
    session.group_home(group_id).await
}
