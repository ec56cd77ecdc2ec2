//! The group's work (ToR §3, §5): the registers, an entry on an agenda, and declarations of interest.

use super::Reply;
use secretariat_api::Session;
use secretariat_api::contract::{OfDeclaration, OfWorkEntry, WorkFilter};
use secretariat_api::minutes::MeetingRecord;
use secretariat_api::work::*;
use tauri::State;

#[tauri::command]
pub async fn work(session: State<'_, Session>, request: WorkFilter) -> Reply<WorkView> {
    let WorkFilter { group_id, kind } = request;
    session.work_view(group_id, kind).await
}

#[tauri::command]
pub async fn work_entry(session: State<'_, Session>, request: OfWorkEntry) -> Reply<WorkPage> {
    let OfWorkEntry { group_id, entry_id } = request;
    session.work_page(group_id, entry_id).await
}

#[tauri::command]
pub async fn save_work_entry(session: State<'_, Session>, request: SaveWorkEntry) -> Reply<WorkPage> {
    session.save_work_entry(request).await
}

#[tauri::command]
pub async fn set_work_status(session: State<'_, Session>, request: SetWorkStatus) -> Reply<WorkPage> {
    session.set_work_status(request).await
}

#[tauri::command]
pub async fn add_work_to_agenda(session: State<'_, Session>, request: AddWorkToAgenda) -> Reply<WorkPage> {
    session.add_work_to_agenda(request).await
}

#[tauri::command]
pub async fn link_work_item(session: State<'_, Session>, request: LinkWorkItem) -> Reply<WorkPage> {
    session.link_work_item(request).await
}

#[tauri::command]
pub async fn unlink_work_item(session: State<'_, Session>, request: LinkWorkItem) -> Reply<WorkPage> {
    session.unlink_work_item(request).await
}

#[tauri::command]
pub async fn declare_interest(session: State<'_, Session>, request: DeclareInterest) -> Reply<MeetingRecord> {
    session.declare_interest(request).await
}

#[tauri::command]
pub async fn remove_declaration(session: State<'_, Session>, request: OfDeclaration) -> Reply<MeetingRecord> {
    let OfDeclaration { group_id, meeting_id, declaration_id } = request;
    session.remove_declaration(group_id, meeting_id, declaration_id).await
}
