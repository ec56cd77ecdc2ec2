//! Meetings, agendas and papers (ToR §19–§20).

use super::Reply;
use secretariat_api::Session;
use secretariat_api::contract::{InspectPaper, MoveAgendaItem, OfAgendaItem, OfGroup, OfMeeting};
use secretariat_api::types::*;
use tauri::State;

#[tauri::command]
pub async fn meetings(session: State<'_, Session>, request: OfGroup) -> Reply<Vec<MeetingRow>> {
    let OfGroup { group_id } = request;
    session.meeting_rows(group_id).await
}

#[tauri::command]
pub async fn meeting(session: State<'_, Session>, request: OfMeeting) -> Reply<MeetingPage> {
    let OfMeeting { group_id, meeting_id } = request;
    session.meeting_page(group_id, meeting_id).await
}

#[tauri::command]
pub async fn save_meeting(session: State<'_, Session>, request: SaveMeeting) -> Reply<MeetingPage> {
    session.save_meeting(request).await
}

#[tauri::command]
pub async fn plan_series(session: State<'_, Session>, request: PlanSeries) -> Reply<Vec<MeetingRow>> {
    session.plan_series(request).await
}

#[tauri::command]
pub async fn save_agenda_item(session: State<'_, Session>, request: SaveAgendaItem) -> Reply<MeetingPage> {
    session.save_agenda_item(request).await
}

#[tauri::command]
pub async fn move_agenda_item(session: State<'_, Session>, request: MoveAgendaItem) -> Reply<MeetingPage> {
    let MoveAgendaItem { group_id, meeting_id, item_id, by } = request;
    session.move_agenda_item(group_id, meeting_id, item_id, by).await
}

#[tauri::command]
pub async fn remove_agenda_item(session: State<'_, Session>, request: OfAgendaItem) -> Reply<MeetingPage> {
    let OfAgendaItem { group_id, meeting_id, item_id } = request;
    session.remove_agenda_item(group_id, meeting_id, item_id).await
}

#[tauri::command]
pub async fn attach_paper(session: State<'_, Session>, request: AttachPaper) -> Reply<MeetingPage> {
    session.attach_paper(request).await
}

#[tauri::command]
pub async fn attach_terms_of_reference(session: State<'_, Session>, request: OfAgendaItem) -> Reply<MeetingPage> {
    let OfAgendaItem { group_id, meeting_id, item_id } = request;
    session.attach_terms_of_reference(group_id, meeting_id, item_id).await
}

#[tauri::command]
pub async fn inspect_paper(session: State<'_, Session>, request: InspectPaper) -> Reply<PaperPreview> {
    let InspectPaper { group_id, file_name, data_base64 } = request;
    session.inspect_paper(group_id, &file_name, &data_base64).await
}

#[tauri::command]
pub async fn rename_paper(session: State<'_, Session>, request: RenamePaper) -> Reply<MeetingPage> {
    session.rename_paper(request).await
}

#[tauri::command]
pub async fn mark_published(session: State<'_, Session>, request: OfMeeting) -> Reply<MeetingPage> {
    let OfMeeting { group_id, meeting_id } = request;
    session.mark_published(group_id, meeting_id).await
}

#[tauri::command]
pub async fn build_pack(session: State<'_, Session>, request: OfMeeting) -> Reply<MeetingPage> {
    let OfMeeting { group_id, meeting_id } = request;
    session.build_pack(group_id, meeting_id).await
}
