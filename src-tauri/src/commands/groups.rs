//! A group's home and its registers.

use secretariat_api::types::GroupHome;
use secretariat_api::{ApiError, Session};
use secretariat_store::{MeetingView, OrganisationView, PersonView};
use tauri::State;

#[tauri::command]
pub async fn group_home(session: State<'_, Session>, group_id: i64) -> Result<GroupHome, ApiError> {
    session.group_home(group_id).await
}

#[tauri::command]
pub async fn list_people(session: State<'_, Session>, group_id: i64) -> Result<Vec<PersonView>, ApiError> {
    session.people(group_id).await
}

#[tauri::command]
pub async fn list_organisations(session: State<'_, Session>, group_id: i64) -> Result<Vec<OrganisationView>, ApiError> {
    session.organisations(group_id).await
}

#[tauri::command]
pub async fn list_meetings(session: State<'_, Session>, group_id: i64) -> Result<Vec<MeetingView>, ApiError> {
    session.meetings(group_id).await
}
