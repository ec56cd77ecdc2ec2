//! Starting up: what to show, creating the first group, loading the demo, recovery.

use secretariat_api::types::{AppState, CreateGroupRequest, GroupCreated, LoadDemoRequest, RecoverRequest};
use secretariat_api::{ApiError, Session};
use tauri::State;

#[tauri::command]
pub async fn app_state(session: State<'_, Session>) -> Result<AppState, ApiError> {
    Ok(session.app_state().await)
}

#[tauri::command]
pub async fn create_group(session: State<'_, Session>, request: CreateGroupRequest) -> Result<GroupCreated, ApiError> {
    session.create_group(request).await
}

#[tauri::command]
pub async fn load_demo(session: State<'_, Session>, request: LoadDemoRequest) -> Result<GroupCreated, ApiError> {
    session.load_demo(request).await
}

#[tauri::command]
pub async fn recover(session: State<'_, Session>, request: RecoverRequest) -> Result<AppState, ApiError> {
    session.recover(request).await
}
