//! A group's home.

use super::Reply;
use secretariat_api::contract::{OfGroup, SetBankHolidays};
use secretariat_api::types::GroupHome;
use secretariat_api::{Session, files};
use tauri::{AppHandle, State};

/// Asks where to save the group's rules file (its rules in force today and its seats) and
/// writes it there; `None` when the person cancels.
#[tauri::command]
pub async fn save_rules_file(app: AppHandle, session: State<'_, Session>, request: OfGroup) -> Reply<Option<String>> {
    let made = session.rules_file(request).await?;
    let Some(chosen) = super::documents::ask_where_to_save(&app, "Save the group's rules as", &made.file_name).await? else { return Ok(None) };
    let path = files::save_path(&chosen, &made.file_name);
    super::documents::write_file(&path, made.text.as_bytes())?;
    Ok(Some(path.display().to_string()))
}

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
