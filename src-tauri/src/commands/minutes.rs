//! What happens at meetings: attendance and the strike policy (ToR §17), minutes and
//! private sessions (ToR §21), actions, decisions (ToR §22) and positions (ToR §23–§24).

use super::Reply;
use secretariat_api::Session;
use secretariat_api::contract::{
    AddCorrection, AddViewpoint, ApproveMinutes, OfGroup, OfMeeting, OfPosition, OfVolunteer, OfYear, SetActionStatus, SetConsensusBase, SetMinuteTaker,
};
use secretariat_api::minutes::*;
use secretariat_api::types::ActionView;
use tauri::State;

#[tauri::command]
pub async fn meeting_record(session: State<'_, Session>, request: OfMeeting) -> Reply<MeetingRecord> {
    let OfMeeting { group_id, meeting_id } = request;
    session.meeting_record(group_id, meeting_id).await
}

#[tauri::command]
pub async fn save_attendance(session: State<'_, Session>, request: SaveAttendance) -> Reply<MeetingRecord> {
    session.save_attendance(request).await
}

#[tauri::command]
pub async fn attendance_year(session: State<'_, Session>, request: OfYear) -> Reply<AttendanceYear> {
    let OfYear { group_id, year } = request;
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
pub async fn set_minute_taker(session: State<'_, Session>, request: SetMinuteTaker) -> Reply<MeetingRecord> {
    let SetMinuteTaker { group_id, meeting_id, name } = request;
    session.set_minute_taker(group_id, meeting_id, name).await
}

#[tauri::command]
pub async fn approve_minutes(session: State<'_, Session>, request: ApproveMinutes) -> Reply<MeetingRecord> {
    let ApproveMinutes { group_id, meeting_id, at_meeting, note } = request;
    session.approve_minutes(group_id, meeting_id, at_meeting, note).await
}

#[tauri::command]
pub async fn add_correction(session: State<'_, Session>, request: AddCorrection) -> Reply<MeetingRecord> {
    let AddCorrection { group_id, meeting_id, item_id, correction } = request;
    session.add_correction(group_id, meeting_id, item_id, correction).await
}

#[tauri::command]
pub async fn add_action(session: State<'_, Session>, request: AddAction) -> Reply<MeetingRecord> {
    session.add_action(request).await
}

#[tauri::command]
pub async fn set_action_status(session: State<'_, Session>, request: SetActionStatus) -> Reply<Vec<ActionView>> {
    let SetActionStatus { group_id, action_id, status } = request;
    session.set_action_status(group_id, action_id, status).await
}

#[tauri::command]
pub async fn decisions(session: State<'_, Session>, request: OfGroup) -> Reply<DecisionsView> {
    let OfGroup { group_id } = request;
    session.decisions_view(group_id).await
}

#[tauri::command]
pub async fn add_decision(session: State<'_, Session>, request: AddDecision) -> Reply<DecisionsView> {
    session.add_decision(request).await
}

#[tauri::command]
pub async fn set_consensus_base(session: State<'_, Session>, request: SetConsensusBase) -> Reply<DecisionsView> {
    let SetConsensusBase { group_id, base } = request;
    session.set_consensus_base(group_id, base).await
}

#[tauri::command]
pub async fn add_position(session: State<'_, Session>, request: AddPosition) -> Reply<DecisionsView> {
    session.add_position(request).await
}

#[tauri::command]
pub async fn volunteer(session: State<'_, Session>, request: OfVolunteer) -> Reply<DecisionsView> {
    let OfVolunteer { group_id, position_id, person_id } = request;
    session.volunteer(group_id, position_id, person_id).await
}

#[tauri::command]
pub async fn withdraw_volunteer(session: State<'_, Session>, request: OfVolunteer) -> Reply<DecisionsView> {
    let OfVolunteer { group_id, position_id, person_id } = request;
    session.withdraw_volunteer(group_id, position_id, person_id).await
}

#[tauri::command]
pub async fn start_outline(session: State<'_, Session>, request: OfPosition) -> Reply<DecisionsView> {
    let OfPosition { group_id, position_id } = request;
    session.start_outline(group_id, position_id).await
}

#[tauri::command]
pub async fn add_viewpoint(session: State<'_, Session>, request: AddViewpoint) -> Reply<DecisionsView> {
    let AddViewpoint { group_id, position_id, viewpoint } = request;
    session.add_viewpoint(group_id, position_id, viewpoint).await
}

#[tauri::command]
pub async fn decide_public_position(session: State<'_, Session>, request: PublicDecision) -> Reply<DecisionsView> {
    session.decide_public_position(request).await
}
