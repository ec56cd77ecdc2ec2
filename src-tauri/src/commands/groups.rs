//! A group's home.

use super::Reply;
use secretariat_api::Session;
use secretariat_api::contract::{OfGroup, SetBankHolidays};
use secretariat_api::types::GroupHome;
use tauri::State;

#[tauri::command]
pub async fn set_bank_holidays(session: State<'_, Session>, request: SetBankHolidays) -> Reply<GroupHome> {
    let SetBankHolidays { group_id, nation } = request;
    session.set_bank_holidays(group_id, nation).await
}

#[tauri::command]
pub async fn group_home(session: State<'_, Session>, request: OfGroup) -> Reply<GroupHome> {
    let OfGroup { group_id } = request;
    session.group_home(group_id).await
}
