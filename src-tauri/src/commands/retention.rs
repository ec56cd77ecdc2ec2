//! The retention schedule: the dry run and the purge it was confirmed against.

use super::Reply;
use secretariat_api::Session;
use secretariat_api::contract::OfGroup;
use secretariat_api::retention::{PurgeRetention, RetentionPurged};
use secretariat_api::types::RetentionReport;
use tauri::State;

#[tauri::command]
pub async fn retention_report(session: State<'_, Session>, request: OfGroup) -> Reply<RetentionReport> {
    let OfGroup { group_id } = request;
    session.retention_report(group_id).await
}

#[tauri::command]
pub async fn purge_retention(session: State<'_, Session>, request: PurgeRetention) -> Reply<RetentionPurged> {
    session.purge_retention(request).await
}
