//! What happens at meetings: attendance and the strike policy (ToR §17), minutes and
//! private sessions (ToR §21), actions, decisions (ToR §22) and positions (ToR §23–§24).

use super::Reply;
use secretariat_api::Session;
use secretariat_api::minutes::*;
use secretariat_api::types::ConsensusBase;
use secretariat_api::types::{ActionStatus, ActionView};
use tauri::State;

#[tauri::command]
pub async fn meeting_record(session: State<'_, Session>, group_id: i64, meeting_id: i64) -> Reply<MeetingRecord> {
    session.meeting_record(group_id, meeting_id).await
}

#[tauri::command]
pub async fn save_attendance(session: State<'_, Session>, request: SaveAttendance) -> Reply<MeetingRecord> {
    session.save_attendance(request).await
}

#[tauri::command]
pub async fn attendance_year(session: State<'_, Session>, group_id: i64, year: i32) -> Reply<AttendanceYear> {
    session.attendance_year(group_id, year).await
}

#[tauri::command]
pub async fn decide_strike(session: State<'_, Session>, request: DecideStrike) -> Reply<AttendanceYear> {
    session.decide_strike(request).await
}

#[tauri::command]
pub async fn save_item_notes(session: State<'_, Session>, request: SaveNotes) -> Reply<MeetingRecord> {
    session.save_item_notes(request).await
}

#[tauri::command]
pub async fn hold_in_private(session: State<'_, Session>, request: HoldInPrivate) -> Reply<MeetingRecord> {
    session.hold_in_private(request).await
}

#[tauri::command]
pub async fn set_minute_taker(session: State<'_, Session>, group_id: i64, meeting_id: i64, name: String) -> Reply<MeetingRecord> {
    session.set_minute_taker(group_id, meeting_id, name).await
}

#[tauri::command]
pub async fn approve_minutes(session: State<'_, Session>, group_id: i64, meeting_id: i64, at_meeting: i64, note: String) -> Reply<MeetingRecord> {
    session.approve_minutes(group_id, meeting_id, at_meeting, note).await
}

#[tauri::command]
pub async fn add_correction(session: State<'_, Session>, group_id: i64, meeting_id: i64, item_id: Option<i64>, correction: String) -> Reply<MeetingRecord> {
    session.add_correction(group_id, meeting_id, item_id, correction).await
}

#[tauri::command]
pub async fn add_action(session: State<'_, Session>, request: AddAction) -> Reply<MeetingRecord> {
    session.add_action(request).await
}

#[tauri::command]
pub async fn set_action_status(session: State<'_, Session>, group_id: i64, action_id: i64, status: ActionStatus) -> Reply<Vec<ActionView>> {
    session.set_action_status(group_id, action_id, status).await
}

#[tauri::command]
pub async fn decisions(session: State<'_, Session>, group_id: i64) -> Reply<DecisionsView> {
    session.decisions_view(group_id).await
}

#[tauri::command]
pub async fn add_decision(session: State<'_, Session>, request: AddDecision) -> Reply<DecisionsView> {
    session.add_decision(request).await
}

#[tauri::command]
pub async fn set_consensus_base(session: State<'_, Session>, group_id: i64, base: ConsensusBase) -> Reply<DecisionsView> {
    session.set_consensus_base(group_id, base).await
}

#[tauri::command]
pub async fn add_position(session: State<'_, Session>, request: AddPosition) -> Reply<DecisionsView> {
    session.add_position(request).await
}

#[tauri::command]
pub async fn volunteer(session: State<'_, Session>, group_id: i64, position_id: i64, person_id: i64) -> Reply<DecisionsView> {
    session.volunteer(group_id, position_id, person_id).await
}

#[tauri::command]
pub async fn withdraw_volunteer(session: State<'_, Session>, group_id: i64, position_id: i64, person_id: i64) -> Reply<DecisionsView> {
    session.withdraw_volunteer(group_id, position_id, person_id).await
}

#[tauri::command]
pub async fn start_outline(session: State<'_, Session>, group_id: i64, position_id: i64) -> Reply<DecisionsView> {
    session.start_outline(group_id, position_id).await
}

#[tauri::command]
pub async fn add_viewpoint(session: State<'_, Session>, group_id: i64, position_id: i64, viewpoint: String) -> Reply<DecisionsView> {
    session.add_viewpoint(group_id, position_id, viewpoint).await
}

#[tauri::command]
pub async fn decide_public_position(session: State<'_, Session>, request: PublicDecision) -> Reply<DecisionsView> {
    session.decide_public_position(request).await
}
