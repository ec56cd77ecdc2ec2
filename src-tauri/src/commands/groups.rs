//! A group's home.

use super::Reply;
use secretariat_api::Session;
use secretariat_api::types::GroupHome;
use tauri::State;

#[tauri::command]
pub async fn set_bank_holidays(session: State<'_, Session>, group_id: i64, nation: secretariat_api::types::Nation) -> Reply<GroupHome> {
    session.set_bank_holidays(group_id, nation).await
}

#[tauri::command]
pub async fn group_home(session: State<'_, Session>, group_id: i64) -> Reply<GroupHome> {
    session.group_home(group_id).await
}
