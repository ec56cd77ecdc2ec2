//! The group's Terms of Reference: the rules in force on a day, amendments (previewed,
//! recorded, withdrawn) and the text kept with them (issue #14).

use super::Reply;
use secretariat_api::Session;
use secretariat_api::contract::ComplianceOn;
use secretariat_api::tor::{AmendTor, AmendmentPreview, OfAmendment, SetTorText, TorView};
use tauri::State;

#[tauri::command]
pub async fn tor(session: State<'_, Session>, request: ComplianceOn) -> Reply<TorView> {
    let ComplianceOn { group_id, on } = request;
    session.tor(group_id, on).await
}

#[tauri::command]
pub async fn preview_amendment(session: State<'_, Session>, request: AmendTor) -> Reply<AmendmentPreview> {
    session.preview_amendment(request).await
}

#[tauri::command]
pub async fn amend_tor(session: State<'_, Session>, request: AmendTor) -> Reply<TorView> {
    session.amend_tor(request).await
}

#[tauri::command]
pub async fn withdraw_amendment(session: State<'_, Session>, request: OfAmendment) -> Reply<TorView> {
    session.withdraw_amendment(request).await
}

#[tauri::command]
pub async fn set_tor_text(session: State<'_, Session>, request: SetTorText) -> Reply<TorView> {
    session.set_tor_text(request).await
}
