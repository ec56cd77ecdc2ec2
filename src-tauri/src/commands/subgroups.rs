//! Sub-groups (ToR §18): leads, members and invited individuals, report-backs and the roster.

use super::Reply;
use secretariat_api::Session;
use secretariat_api::contract::{OfGroup, OfReportBack, OfSubgroup};
use secretariat_api::subgroups::*;
use tauri::State;

#[tauri::command]
pub async fn subgroups(session: State<'_, Session>, request: OfGroup) -> Reply<SubgroupsView> {
    let OfGroup { group_id } = request;
    session.subgroups_view(group_id).await
}

#[tauri::command]
pub async fn subgroup(session: State<'_, Session>, request: OfSubgroup) -> Reply<SubgroupPage> {
    let OfSubgroup { group_id, subgroup_id } = request;
    session.subgroup_page(group_id, subgroup_id).await
}

#[tauri::command]
pub async fn save_subgroup(session: State<'_, Session>, request: SaveSubgroup) -> Reply<SubgroupPage> {
    session.save_subgroup(request).await
}

#[tauri::command]
pub async fn add_subgroup_place(session: State<'_, Session>, request: AddPlace) -> Reply<SubgroupPage> {
    session.add_place(request).await
}

#[tauri::command]
pub async fn end_subgroup_place(session: State<'_, Session>, request: EndPlace) -> Reply<SubgroupPage> {
    session.end_place(request).await
}

#[tauri::command]
pub async fn close_subgroup(session: State<'_, Session>, request: CloseSubgroup) -> Reply<SubgroupPage> {
    session.close_subgroup(request).await
}

#[tauri::command]
pub async fn request_report_back(session: State<'_, Session>, request: RequestReportBack) -> Reply<SubgroupPage> {
    session.request_report_back(request).await
}

#[tauri::command]
pub async fn record_report(session: State<'_, Session>, request: RecordReport) -> Reply<SubgroupPage> {
    session.record_report(request).await
}

#[tauri::command]
pub async fn move_report_back(session: State<'_, Session>, request: MoveReportBack) -> Reply<SubgroupPage> {
    session.move_report_back(request).await
}

#[tauri::command]
pub async fn withdraw_report_back(session: State<'_, Session>, request: OfReportBack) -> Reply<SubgroupPage> {
    let OfReportBack { group_id, subgroup_id, report_back_id } = request;
    session.withdraw_report_back(group_id, subgroup_id, report_back_id).await
}
