//! Documents: made by the `Session`, then saved where the person chooses (the
//! native Save dialog) or opened in the system viewer to print. The dialog and
//! the viewer are used from Rust, so the window needs no file-system permission.

use super::Reply;
use secretariat_api::contract::{DocumentRequest, OfGroup};
use secretariat_api::documents::Document;
use secretariat_api::types::{ArchivedDocument, Made};
use secretariat_api::viewer::{self, ViewerFolder};
use secretariat_api::work::DigestRequest;
use secretariat_api::{ApiError, ErrorKind, Session, files, write_atomically};
use std::path::{Path, PathBuf};
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;
use tauri_plugin_opener::OpenerExt;

fn failed(what: &str, error: impl std::fmt::Display) -> ApiError {
    ApiError::new(ErrorKind::Internal, format!("{what}: {error}"))
}

/// Asks where to save the document and saves it; `None` when the person cancels.
#[tauri::command]
pub async fn save_document(app: AppHandle, session: State<'_, Session>, request: DocumentRequest) -> Reply<Option<String>> {
    let DocumentRequest { group_id, kind, record_id } = request;
    save_made(&app, session.make_document(group_id, Document::of(kind, record_id)?).await?).await
}

/// Writes the document to the user's private viewer folder (`secretariat_api::viewer`: 0700,
/// checked before each write, emptied at start and on close) and opens it in the system viewer.
#[tauri::command]
pub async fn open_document(app: AppHandle, session: State<'_, Session>, request: DocumentRequest) -> Reply<String> {
    let DocumentRequest { group_id, kind, record_id } = request;
    open_made(&app, session.make_document(group_id, Document::of(kind, record_id)?).await?)
}

/// The digest for the wider community over a period (ToR §3b, §5d), saved where the person chooses.
#[tauri::command]
pub async fn save_digest(app: AppHandle, session: State<'_, Session>, request: DigestRequest) -> Reply<Option<String>> {
    save_made(&app, session.digest_document(request).await?).await
}

/// The digest opened in the system viewer (the PDF, or the email draft in the mail program).
#[tauri::command]
pub async fn open_digest(app: AppHandle, session: State<'_, Session>, request: DigestRequest) -> Reply<String> {
    open_made(&app, session.digest_document(request).await?)
}

/// Asks where to save a made document (the native Save dialog, its kind as the filter) and
/// writes it there atomically; `None` when the person cancels.
async fn save_made(app: &AppHandle, made: Made) -> Reply<Option<String>> {
    let Some(chosen) = ask_where_to_save(app, "Save as", &made.file_name).await? else { return Ok(None) };
    let path = files::save_path(&chosen, &made.file_name);
    write_file(&path, &made.bytes)?;
    Ok(Some(path.display().to_string()))
}

/// The native Save dialog, offering `file_name` with its kind as the filter; the place
/// chosen, or `None` when the person cancels. Every Save dialog of the shell is this one.
pub(super) async fn ask_where_to_save(app: &AppHandle, title: &str, file_name: &str) -> Reply<Option<PathBuf>> {
    let extension = file_name.rsplit_once('.').map_or("", |(_, ext)| ext).to_owned();
    let filter = match extension.as_str() {
        "pdf" => "PDF document",
        "csv" => "CSV file",
        "eml" => "Email draft",
        "ics" => "Calendar",
        "toml" => "Rules file",
        _ => "File",
    };
    let dialog = app.dialog().file().set_title(title).set_file_name(file_name).add_filter(filter, &[extension.as_str()]);
    let chosen = tauri::async_runtime::spawn_blocking(move || dialog.blocking_save_file()).await.map_err(|e| failed("The Save dialog failed", e))?;
    chosen.map(|c| c.into_path().map_err(|e| failed("That place cannot be saved to", e))).transpose()
}

/// Writes a file the person chose atomically; a failure is said at the place chosen.
pub(super) fn write_file(path: &Path, bytes: &[u8]) -> Reply<()> {
    write_atomically(path, bytes).map_err(|e| ApiError::invalid("path", format!("Could not save {}: {e}", path.display())))
}

/// Writes a made document to the private viewer folder and opens it with the system's program for its kind.
fn open_made(app: &AppHandle, made: Made) -> Reply<String> {
    let path = ViewerFolder::for_this_user().write(&made.file_name, &made.bytes).map_err(|e| failed("Could not write the document for the viewer", e))?;
    // Any launcher failure means the same to the person (issue #18): no program opened it.
    app.opener().open_path(path.display().to_string(), None::<&str>).map_err(|_| viewer::no_viewer(&made.file_name))?;
    Ok(path.display().to_string())
}

/// Writes the document to the private viewer folder, as `open_document` does, and shows it in
/// the file manager: the way to it when no program opens the document by itself.
#[tauri::command]
pub async fn show_document_in_folder(app: AppHandle, session: State<'_, Session>, request: DocumentRequest) -> Reply<String> {
    let DocumentRequest { group_id, kind, record_id } = request;
    let made = session.make_document(group_id, Document::of(kind, record_id)?).await?;
    let path = ViewerFolder::for_this_user().write(&made.file_name, &made.bytes).map_err(|e| failed("Could not write the document", e))?;
    app.opener().reveal_item_in_dir(&path).map_err(|_| viewer::no_file_manager(&path))?;
    Ok(path.display().to_string())
}

/// The group's record: every document produced or circulated (issue #18).
#[tauri::command]
pub async fn document_archive(session: State<'_, Session>, request: OfGroup) -> Reply<Vec<ArchivedDocument>> {
    let OfGroup { group_id } = request;
    session.document_archive(group_id).await
}
