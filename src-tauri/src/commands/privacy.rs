//! Privacy (UK GDPR): the subject access export, saved where the person chooses
//! (the native Save dialog, from Rust: the window has no file-system permission),
//! and erasure with its dry run.

use super::Reply;
use secretariat_api::Session;
use secretariat_api::contract::OfPerson;
use secretariat_api::privacy::{ErasePerson, ErasureResult};
use tauri::{AppHandle, State};

/// Asks where to save the subject access PDF and saves it, with the JSON beside it
/// (same name, `.json`); `None` when the person cancels. Returns the PDF's path.
#[tauri::command]
pub async fn save_subject_access(app: AppHandle, session: State<'_, Session>, request: OfPerson) -> Reply<Option<String>> {
    let OfPerson { group_id, person_id } = request;
    let files = session.subject_access_files(group_id, person_id).await?;
    let title = "Save subject access (PDF, with the JSON beside it)";
    let Some(pdf) = super::documents::ask_where_to_save(&app, title, &format!("{}.pdf", files.stem)).await? else { return Ok(None) };
    let json = pdf.with_extension("json");
    for (path, bytes) in [(&pdf, files.pdf.as_slice()), (&json, files.json.as_bytes())] {
        super::documents::write_file(path, bytes)?;
    }
    Ok(Some(pdf.display().to_string()))
}

#[tauri::command]
pub async fn erase_person(session: State<'_, Session>, request: ErasePerson) -> Reply<ErasureResult> {
    session.erase_person(request).await
}
