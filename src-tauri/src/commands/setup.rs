//! Starting up: what to show, creating the first group, loading the demo, recovery.

use super::Reply;
use secretariat_api::Session;
use secretariat_api::types::{AppState, CreateGroupRequest, GroupCreated, LoadDemoRequest, RecoverRequest};
use tauri::State;

#[tauri::command]
pub async fn app_state(session: State<'_, Session>) -> Reply<AppState> {
    Ok(session.app_state().await)
}

#[tauri::command]
pub async fn create_group(session: State<'_, Session>, request: CreateGroupRequest) -> Reply<GroupCreated> {
    session.create_group(request).await
}

#[tauri::command]
pub async fn load_demo(session: State<'_, Session>, request: LoadDemoRequest) -> Reply<GroupCreated> {
    session.load_demo(request).await
}

#[tauri::command]
pub async fn recover(session: State<'_, Session>, request: RecoverRequest) -> Reply<AppState> {
    session.recover(request).await
}
