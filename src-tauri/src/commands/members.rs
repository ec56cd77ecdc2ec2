//! The membership register and its rules: compliance, people, organisations,
//! seats and terms, roles, invitees, CSV import and export.

use super::Reply;
use secretariat_api::Session;
use secretariat_api::contract::{ComplianceOn, OfGroup, OfOrganisation, OfPerson};
use secretariat_api::types::*;
use secretariat_api::types::{OrganisationRecord, PersonDetail};
use tauri::State;

#[tauri::command]
pub async fn compliance(session: State<'_, Session>, request: ComplianceOn) -> Reply<Compliance> {
    let ComplianceOn { group_id, on } = request;
    session.compliance(group_id, on).await
}

#[tauri::command]
pub async fn members(session: State<'_, Session>, request: OfGroup) -> Reply<MembersView> {
    let OfGroup { group_id } = request;
    session.members(group_id).await
}

#[tauri::command]
pub async fn person(session: State<'_, Session>, request: OfPerson) -> Reply<PersonDetail> {
    let OfPerson { group_id, person_id } = request;
    session.person(group_id, person_id).await
}

#[tauri::command]
pub async fn organisation(session: State<'_, Session>, request: OfOrganisation) -> Reply<OrganisationRecord> {
    let OfOrganisation { group_id, organisation_id } = request;
    session.organisation(group_id, organisation_id).await
}

#[tauri::command]
pub async fn save_organisation(session: State<'_, Session>, request: SaveOrganisation) -> Reply<OrganisationRecord> {
    session.save_organisation(request).await
}

#[tauri::command]
pub async fn save_person(session: State<'_, Session>, request: SavePerson) -> Reply<PersonDetail> {
    session.save_person(request).await
}

#[tauri::command]
pub async fn preview_employer_change(session: State<'_, Session>, request: EmployerChange) -> Reply<EmployerChangePreview> {
    session.preview_employer_change(request).await
}

/// What a save would bring or clear in the findings, before it is saved.
#[tauri::command]
pub async fn preview_save_organisation(session: State<'_, Session>, request: SaveOrganisation) -> Reply<AmendmentEffect> {
    session.preview_save_organisation(request).await
}

#[tauri::command]
pub async fn preview_save_person(session: State<'_, Session>, request: SavePerson) -> Reply<AmendmentEffect> {
    session.preview_save_person(request).await
}

#[tauri::command]
pub async fn preview_fill_seat(session: State<'_, Session>, request: FillSeat) -> Reply<AmendmentEffect> {
    session.preview_fill_seat(request).await
}

#[tauri::command]
pub async fn preview_appoint(session: State<'_, Session>, request: Appoint) -> Reply<AmendmentEffect> {
    session.preview_appoint(request).await
}

#[tauri::command]
pub async fn change_employer(session: State<'_, Session>, request: EmployerChange) -> Reply<PersonDetail> {
    session.change_employer(request).await
}

#[tauri::command]
pub async fn fill_seat(session: State<'_, Session>, request: FillSeat) -> Reply<MembersView> {
    session.fill_seat(request).await
}

#[tauri::command]
pub async fn end_term(session: State<'_, Session>, request: EndTerm) -> Reply<MembersView> {
    session.end_term(request).await
}

#[tauri::command]
pub async fn appoint(session: State<'_, Session>, request: Appoint) -> Reply<MembersView> {
    session.appoint(request).await
}

#[tauri::command]
pub async fn add_invitee(session: State<'_, Session>, request: AddInvitee) -> Reply<MembersView> {
    session.add_invitee(request).await
}

#[tauri::command]
pub async fn preview_import(session: State<'_, Session>, request: ImportRequest) -> Reply<ImportPreview> {
    session.preview_import(request).await
}

#[tauri::command]
pub async fn import_register(session: State<'_, Session>, request: ImportRequest) -> Reply<ImportPreview> {
    session.import(request).await
}
