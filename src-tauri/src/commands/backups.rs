//! Backups, restore and verify. Files and folders are chosen in the native dialog,
//! from Rust, so the window never names a path: a restore uses only the file the
//! person picked and was shown (`Session::check_backup`, then `restore_chosen`).

use super::Reply;
use secretariat_api::backups::{BackupCheck, BackupsView, SetBackupFolder};
use secretariat_api::types::{BackupMade, Restored, VerifyReport};
use secretariat_api::{ApiError, ErrorKind, Session};
use std::path::PathBuf;
use tauri::{AppHandle, State};
use tauri_plugin_dialog::{DialogExt, FilePath};

fn chosen(path: Option<FilePath>) -> Reply<Option<PathBuf>> {
    path.map(|p| p.into_path().map_err(|e| ApiError::new(ErrorKind::Internal, format!("That place cannot be used: {e}")))).transpose()
}

#[tauri::command]
pub async fn backups(session: State<'_, Session>) -> Reply<BackupsView> {
    session.backups().await
}

#[tauri::command]
pub async fn back_up_now(session: State<'_, Session>) -> Reply<BackupMade> {
    session.back_up_now().await
}

/// Asks for a folder and keeps backups there from now on; `None` when the person cancels.
#[tauri::command]
pub async fn choose_backup_folder(app: AppHandle, session: State<'_, Session>) -> Reply<Option<BackupsView>> {
    let dialog = app.dialog().file().set_title("Keep backups in");
    let picked =
        tauri::async_runtime::spawn_blocking(move || dialog.blocking_pick_folder()).await.map_err(|e| ApiError::new(ErrorKind::Internal, e.to_string()))?;
    let Some(folder) = chosen(picked)? else { return Ok(None) };
    session.set_backup_folder(SetBackupFolder { folder: Some(folder.display().to_string()) }).await.map(Some)
}

#[tauri::command]
pub async fn use_default_backup_folder(session: State<'_, Session>) -> Reply<BackupsView> {
    session.set_backup_folder(SetBackupFolder { folder: None }).await
}

/// Asks for a backup file and checks it, for the confirmation; `None` when the person cancels.
#[tauri::command]
pub async fn choose_backup_to_restore(app: AppHandle, session: State<'_, Session>) -> Reply<Option<BackupCheck>> {
    let folder = session.backups().await?.folder;
    let dialog = app.dialog().file().set_title("Restore from backup").set_directory(folder).add_filter("Secretariat backup", &["db"]);
    let picked =
        tauri::async_runtime::spawn_blocking(move || dialog.blocking_pick_file()).await.map_err(|e| ApiError::new(ErrorKind::Internal, e.to_string()))?;
    let Some(file) = chosen(picked)? else { return Ok(None) };
    session.check_backup(&file).await.map(Some)
}

/// Restores the file chosen and confirmed in the window.
#[tauri::command]
pub async fn restore_backup(session: State<'_, Session>) -> Reply<Restored> {
    session.restore_chosen().await
}

#[tauri::command]
pub async fn verify_database(session: State<'_, Session>) -> Reply<VerifyReport> {
    session.verify().await
}
