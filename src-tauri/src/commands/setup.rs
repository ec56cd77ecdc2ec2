//! Starting up: what to show, creating the first group, loading the demo, recovery.

use super::Reply;
use secretariat_api::Session;
use secretariat_api::types::{AppState, CreateGroupRequest, GroupCreated, GroupShape, LoadDemoRequest, RecoverRequest};
use secretariat_api::{ApiError, ErrorKind};
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;

/// Asks for a rules file exported from another group and reads it, for the custom group form;
/// `None` when the person cancels. A file that cannot be used is refused with the key at fault.
#[tauri::command]
pub async fn choose_rules_file(app: AppHandle, session: State<'_, Session>) -> Reply<Option<GroupShape>> {
    let dialog = app.dialog().file().set_title("Start from a rules file").add_filter("Rules file", &["toml"]);
    let picked =
        tauri::async_runtime::spawn_blocking(move || dialog.blocking_pick_file()).await.map_err(|e| ApiError::new(ErrorKind::Internal, e.to_string()))?;
    let Some(file) = picked else { return Ok(None) };
    let path = file.into_path().map_err(|e| ApiError::new(ErrorKind::Internal, format!("That file cannot be used: {e}")))?;
    session.read_rules_file(&path).await.map(Some)
}

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
