//! Privacy (UK GDPR): the subject access export, saved where the person chooses
//! (the native Save dialog, from Rust: the window has no file-system permission),
//! and erasure with its dry run.

use super::Reply;
use secretariat_api::contract::OfPerson;
use secretariat_api::privacy::{ErasePerson, ErasureResult};
use secretariat_api::{ApiError, ErrorKind, Session, write_atomically};
use std::path::PathBuf;
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;

/// Asks where to save the subject access PDF and saves it, with the JSON beside it
/// (same name, `.json`); `None` when the person cancels. Returns the PDF's path.
#[tauri::command]
pub async fn save_subject_access(app: AppHandle, session: State<'_, Session>, request: OfPerson) -> Reply<Option<String>> {
    let OfPerson { group_id, person_id } = request;
    let files = session.subject_access_files(group_id, person_id).await?;
    let dialog = app
        .dialog()
        .file()
        .set_title("Save subject access (PDF, with the JSON beside it)")
        .set_file_name(format!("{}.pdf", files.stem))
        .add_filter("PDF document", &["pdf"]);
    let chosen = tauri::async_runtime::spawn_blocking(move || dialog.blocking_save_file())
        .await
        .map_err(|e| ApiError::new(ErrorKind::Internal, format!("The Save dialog failed: {e}")))?;
    let Some(chosen) = chosen else { return Ok(None) };
    let pdf: PathBuf = chosen.into_path().map_err(|e| ApiError::new(ErrorKind::Internal, format!("That place cannot be saved to: {e}")))?;
    let json = pdf.with_extension("json");
    for (path, bytes) in [(&pdf, files.pdf.as_slice()), (&json, files.json.as_bytes())] {
        write_atomically(path, bytes).map_err(|e| ApiError::invalid("path", format!("Could not save {}: {e}", path.display())))?;
    }
    Ok(Some(pdf.display().to_string()))
}

#[tauri::command]
pub async fn erase_person(session: State<'_, Session>, request: ErasePerson) -> Reply<ErasureResult> {
    session.erase_person(request).await
}
