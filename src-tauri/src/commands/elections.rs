//! Elections (ToR §12–§16): vacancies, the call, nominations, the vote, the count and the declaration.

use super::Reply;
use secretariat_api::Session;
use secretariat_api::elections::*;
use secretariat_api::types::Method;
use tauri::State;

#[tauri::command]
pub async fn elections(session: State<'_, Session>, group_id: i64) -> Reply<ElectionsView> {
    session.elections_view(group_id).await
}

#[tauri::command]
pub async fn election(session: State<'_, Session>, group_id: i64, election_id: i64) -> Reply<ElectionPage> {
    session.election_page(group_id, election_id).await
}

#[tauri::command]
pub async fn create_election(session: State<'_, Session>, request: CreateElection) -> Reply<ElectionPage> {
    session.create_election(request).await
}

#[tauri::command]
pub async fn add_nomination(session: State<'_, Session>, request: AddNomination) -> Reply<ElectionPage> {
    session.add_nomination(request).await
}

#[tauri::command]
pub async fn close_nominations_early(session: State<'_, Session>, request: CloseNominations) -> Reply<ElectionPage> {
    session.close_nominations_early(request).await
}

#[tauri::command]
pub async fn withdraw_nomination(session: State<'_, Session>, group_id: i64, election_id: i64, nomination_id: i64) -> Reply<ElectionPage> {
    session.withdraw_nomination(group_id, election_id, nomination_id).await
}

#[tauri::command]
pub async fn set_election_method(session: State<'_, Session>, group_id: i64, election_id: i64, method: Method) -> Reply<ElectionPage> {
    session.set_election_method(group_id, election_id, method).await
}

#[tauri::command]
pub async fn open_voting(
    session: State<'_, Session>,
    group_id: i64,
    election_id: i64,
    electors: Option<Vec<i64>>,
    poll_closes: Option<chrono::NaiveDate>,
) -> Reply<ElectionPage> {
    session.open_voting(group_id, election_id, electors, poll_closes).await
}

#[tauri::command]
pub async fn issue_paper(session: State<'_, Session>, group_id: i64, election_id: i64, person_id: i64) -> Reply<ElectionPage> {
    session.issue_paper(group_id, election_id, person_id).await
}

#[tauri::command]
pub async fn print_ballots(session: State<'_, Session>, group_id: i64, election_id: i64, copies: u32) -> Reply<ElectionPage> {
    session.print_ballots(group_id, election_id, copies).await
}

#[tauri::command]
pub async fn reprint_ballots(session: State<'_, Session>, group_id: i64, election_id: i64, serials: Vec<u32>) -> Reply<ElectionPage> {
    session.reprint_ballots(group_id, election_id, serials).await
}

#[tauri::command]
pub async fn mark_unused(session: State<'_, Session>, group_id: i64, election_id: i64, serials: Vec<u32>) -> Reply<ElectionPage> {
    session.mark_unused(group_id, election_id, serials).await
}

#[tauri::command]
pub async fn enter_paper(session: State<'_, Session>, request: EnterPaper) -> Reply<ElectionPage> {
    session.enter_paper(request).await
}

#[tauri::command]
pub async fn verify_paper(session: State<'_, Session>, group_id: i64, election_id: i64, paper_id: i64, verified_by: String) -> Reply<ElectionPage> {
    session.verify_paper(group_id, election_id, paper_id, verified_by).await
}

#[tauri::command]
pub async fn remove_paper(session: State<'_, Session>, group_id: i64, election_id: i64, paper_id: i64) -> Reply<ElectionPage> {
    session.remove_paper(group_id, election_id, paper_id).await
}

#[tauri::command]
pub async fn count_election(session: State<'_, Session>, group_id: i64, election_id: i64) -> Reply<ElectionPage> {
    session.count_election(group_id, election_id).await
}

#[tauri::command]
pub async fn declare_result(session: State<'_, Session>, request: Declare) -> Reply<ElectionPage> {
    session.declare_result(request).await
}

#[tauri::command]
pub async fn cancel_election(session: State<'_, Session>, group_id: i64, election_id: i64) -> Reply<ElectionPage> {
    session.cancel_election(group_id, election_id).await
}
