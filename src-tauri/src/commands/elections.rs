//! Elections (ToR §12–§16): vacancies, the call, nominations, the vote, the count and the declaration.

use super::Reply;
use secretariat_api::Session;
use secretariat_api::contract::{
    IssuePaper, OfElection, OfGroup, OfNomination, OfReturnedPaper, OpenVoting, PrintBallots, Serials, SetElectionMethod, VerifyPaper,
};
use secretariat_api::elections::*;
use tauri::State;

#[tauri::command]
pub async fn elections(session: State<'_, Session>, request: OfGroup) -> Reply<ElectionsView> {
    let OfGroup { group_id } = request;
    session.elections_view(group_id).await
}

#[tauri::command]
pub async fn election(session: State<'_, Session>, request: OfElection) -> Reply<ElectionPage> {
    let OfElection { group_id, election_id } = request;
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
pub async fn withdraw_nomination(session: State<'_, Session>, request: OfNomination) -> Reply<ElectionPage> {
    let OfNomination { group_id, election_id, nomination_id } = request;
    session.withdraw_nomination(group_id, election_id, nomination_id).await
}

#[tauri::command]
pub async fn set_election_method(session: State<'_, Session>, request: SetElectionMethod) -> Reply<ElectionPage> {
    let SetElectionMethod { group_id, election_id, method } = request;
    session.set_election_method(group_id, election_id, method).await
}

#[tauri::command]
pub async fn open_voting(session: State<'_, Session>, request: OpenVoting) -> Reply<ElectionPage> {
    let OpenVoting { group_id, election_id, electors, poll_closes } = request;
    session.open_voting(group_id, election_id, electors, poll_closes).await
}

#[tauri::command]
pub async fn issue_paper(session: State<'_, Session>, request: IssuePaper) -> Reply<ElectionPage> {
    let IssuePaper { group_id, election_id, person_id } = request;
    session.issue_paper(group_id, election_id, person_id).await
}

#[tauri::command]
pub async fn print_ballots(session: State<'_, Session>, request: PrintBallots) -> Reply<ElectionPage> {
    let PrintBallots { group_id, election_id, copies } = request;
    session.print_ballots(group_id, election_id, copies).await
}

#[tauri::command]
pub async fn reprint_ballots(session: State<'_, Session>, request: Serials) -> Reply<ElectionPage> {
    let Serials { group_id, election_id, serials } = request;
    session.reprint_ballots(group_id, election_id, serials).await
}

#[tauri::command]
pub async fn mark_unused(session: State<'_, Session>, request: Serials) -> Reply<ElectionPage> {
    let Serials { group_id, election_id, serials } = request;
    session.mark_unused(group_id, election_id, serials).await
}

#[tauri::command]
pub async fn enter_paper(session: State<'_, Session>, request: EnterPaper) -> Reply<ElectionPage> {
    session.enter_paper(request).await
}

#[tauri::command]
pub async fn verify_paper(session: State<'_, Session>, request: VerifyPaper) -> Reply<ElectionPage> {
    let VerifyPaper { group_id, election_id, paper_id, verified_by } = request;
    session.verify_paper(group_id, election_id, paper_id, verified_by).await
}

#[tauri::command]
pub async fn remove_paper(session: State<'_, Session>, request: OfReturnedPaper) -> Reply<ElectionPage> {
    let OfReturnedPaper { group_id, election_id, paper_id } = request;
    session.remove_paper(group_id, election_id, paper_id).await
}

#[tauri::command]
pub async fn count_election(session: State<'_, Session>, request: OfElection) -> Reply<ElectionPage> {
    let OfElection { group_id, election_id } = request;
    session.count_election(group_id, election_id).await
}

#[tauri::command]
pub async fn declare_result(session: State<'_, Session>, request: Declare) -> Reply<ElectionPage> {
    session.declare_result(request).await
}

#[tauri::command]
pub async fn cancel_election(session: State<'_, Session>, request: OfElection) -> Reply<ElectionPage> {
    let OfElection { group_id, election_id } = request;
    session.cancel_election(group_id, election_id).await
}
