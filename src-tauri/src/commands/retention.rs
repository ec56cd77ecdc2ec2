//! The retention schedule: the dry run and the purge it was confirmed against.

use secretariat_api::retention::{PurgeRetention, RetentionPurged};
use secretariat_api::{ApiError, Session};
use secretariat_rules::retention::RetentionReport;
use tauri::State;

#[tauri::command]
pub async fn retention_report(session: State<'_, Session>, group_id: i64) -> Result<RetentionReport, ApiError> {
    session.retention_report(group_id).await
}

#[tauri::command]
pub async fn purge_retention(session: State<'_, Session>, request: PurgeRetention) -> Result<RetentionPurged, ApiError> {
    session.purge_retention(request).await
}
