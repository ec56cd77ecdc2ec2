//! Elections through the `Session` (ToR §12–§16): vacancies, the open call,
//! nominations checked at entry, unopposed returns, the contested vote (electorate,
//! numbered papers, returned papers, reconciliation), the count with the ToR's
//! constraints, and the declaration that opens the winners' terms.

use crate::documents::ElectionDocument;
use crate::error::{ApiError, ApiResult, ErrorKind};
use crate::session::Session;
use chrono::NaiveDate;
use rand::Rng;
use secretariat_rules::elections::{
    self as tally, Ballot, Candidate, Count, Election, Lot, Method, Reconciliation, Rejection, TiePurpose, check_marks, check_preferences, secrecy,
};
use secretariat_rules::register::{Day, Id};
use secretariat_rules::tor::s12_s16_elections::{self as rules, Eligibility, Fills, NominationCheck, Vacancy, check_nomination, organisation_key};
use secretariat_rules::{Obtained, Register, SeatKind, uk_date, working_days};
use secretariat_store::{
    ElectionFor, ElectionInput, ElectionRecord, ElectionState, ElectionSummary, NominationInput, Outcome, PersonInput, ReturnedPaperInput,
};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The Elections screen: seats to fill, proposals, and every election.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ElectionsView {
    pub vacancies: Vec<Vacancy>,
    /// One proposed election per seat kind with vacancies, ready to open.
    pub proposals: Vec<ElectionInput>,
    pub elections: Vec<ElectionSummary>,
}

/// The checks on one nomination (ToR §12, §14), made against today's register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct NominationChecks {
    pub nomination_id: Id,
    pub checks: Vec<NominationCheck>,
}

/// Printed = issued + unused + spoilt; returned = valid + rejected.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ReconciliationView {
    #[serde(flatten)]
    #[ts(flatten)]
    pub counts: Reconciliation,
    /// Empty when it holds.
    pub problems: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ElectionPage {
    pub record: ElectionRecord,
    /// The day the winners would take their seats: constraints count who continues then.
    pub takes_seats_on: NaiveDate,
    /// The day papers are proposed back by: two weeks after nominations close (or today, if
    /// later), on a working day of the group's nation (issue #18).
    pub proposed_poll_closes: NaiveDate,
    pub constraints: Vec<String>,
    /// The same constraints, as the count applies them.
    #[serde(skip)]
    #[ts(skip)]
    pub(crate) constraint_set: tally::Constraints,
    pub checks: Vec<NominationChecks>,
    /// Whether the nominations can be declared elected unopposed, and why (not).
    pub unopposed: bool,
    pub unopposed_reason: String,
    pub reconciliation: ReconciliationView,
    pub count: Option<Count>,
    /// Names of the winners, in the order elected.
    pub winners: Vec<String>,
    /// Each tie in the count and how it was resolved, in a sentence.
    pub ties: Vec<String>,
    /// Each stage's action in a few words, for the stage table's headings.
    pub stage_actions: Vec<String>,
    /// What to do next, in a sentence.
    pub next_step: String,
    /// People who can be nominated or be electors: everyone in the group.
    pub people: Vec<secretariat_store::PersonView>,
    pub organisations: Vec<secretariat_store::OrganisationView>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct CreateElection {
    pub group_id: i64,
    pub input: ElectionInput,
}

/// Nominations closed before the date in the call, on `on`, for `reason` (issue #18).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct CloseNominations {
    pub group_id: i64,
    pub election_id: i64,
    pub on: NaiveDate,
    pub reason: String,
}

/// A nominee: someone already in the group, or a new person (created with their employer).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct AddNomination {
    pub group_id: i64,
    pub election_id: i64,
    pub person_id: Option<i64>,
    /// For a new person: their name and email.
    pub new_name: String,
    pub new_email: String,
    pub organisation_id: Option<i64>,
    pub proposer: String,
    pub statement: String,
    pub received_on: NaiveDate,
    /// The nominee's manager status (ToR §12), when the form records it: it updates the person.
    #[serde(default)]
    #[ts(optional)]
    pub manager_status: Option<secretariat_rules::ManagerStatus>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct EnterPaper {
    pub group_id: i64,
    pub election_id: i64,
    pub serial: Option<u32>,
    /// (nomination, preference); for a cross vote each mark is preference 1.
    pub choices: Vec<(i64, u32)>,
    /// Set when the paper is rejected for a reason the marks do not show.
    pub rejection: Option<Rejection>,
    pub entered_by: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct Declare {
    pub group_id: i64,
    pub election_id: i64,
    pub on: NaiveDate,
    pub returning_officer: String,
}

/// A count as kept with its election: the constraints it applied, in words, beside it.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct StoredCount {
    count: Count,
    constraints: Vec<String>,
}

pub(crate) fn stored_count_json(count: Count, constraints: Vec<String>) -> String {
    serde_json::to_string(&StoredCount { count, constraints }).expect("a count serialises")
}

/// A lot drawn with the operating system's randomness; the count records it.
struct OsLot;

impl Lot for OsLot {
    fn draw(&mut self, tied: &[usize], _purpose: TiePurpose) -> usize {
        tied[rand::rngs::OsRng.gen_range(0..tied.len())]
    }
}

fn seat_kind_words(kind: SeatKind, n: usize) -> String {
    format!("{n} {} seat{}", kind.as_str(), if n == 1 { "" } else { "s" })
}

/// The election's constraints and its eligibility checks, as the rules see them.
struct Context<'a> {
    day: Day<'a>,
    fills: Fills<'a>,
    constraints: tally::Constraints,
    explained: Vec<String>,
}

fn context<'a>(register: &'a Register, record: &'a ElectionRecord, seat_ids: &'a [Id], on: NaiveDate) -> Context<'a> {
    let day = register.on(on);
    match record.summary.seat_kind {
        Some(kind) => {
            let c = rules::constraints(&day, kind, seat_ids);
            Context { day, fills: Fills::Seats { kind, seats_up: seat_ids }, constraints: c.constraints, explained: c.explained }
        }
        None => Context {
            day,
            fills: Fills::Role,
            constraints: tally::Constraints { taken_organisations: vec![], one_per_organisation: false, sme_minimum: 0 },
            explained: vec![],
        },
    }
}

/// The day the winners take their seats: when every seat being filled is free, and not before today.
fn takes_seats_on(register: &Register, record: &ElectionRecord, today: NaiveDate) -> NaiveDate {
    record
        .seats
        .iter()
        .filter_map(|seat| register.terms.iter().filter(|t| t.seat == seat.id && t.runs_on(today)).map(|t| t.stops()).max())
        .max()
        .unwrap_or(today)
        .max(today)
}

fn reconciliation(record: &ElectionRecord) -> ReconciliationView {
    use secretariat_store::SerialState;
    let count = |state: SerialState| record.serials.iter().filter(|s| s.state == state).count() as u32;
    let r = Reconciliation {
        printed: record.serials.len() as u32,
        issued: record.electors.iter().filter(|e| e.issued).count() as u32,
        unused: count(SerialState::Unused),
        spoilt: count(SerialState::Spoilt),
        returned: record.returned.len() as u32,
        valid: record.returned.iter().filter(|p| p.rejection.is_none()).count() as u32,
        rejected: record.returned.iter().filter(|p| p.rejection.is_some()).count() as u32,
    };
    let problems = r.check().into_iter().map(|e| e.to_string()).collect();
    ReconciliationView { counts: r, problems }
}

/// The standing nominations, in ballot order (alphabetical), as the tally's candidates.
fn candidates(record: &ElectionRecord) -> Vec<(&secretariat_store::NominationView, Candidate)> {
    record
        .nominations
        .iter()
        .filter(|n| n.withdrawn_on.is_none())
        .map(|n| (n, Candidate { name: n.name.clone(), organisation: n.organisation_id.map(organisation_key), sme: n.sme }))
        .collect()
}

/// Checks a paper's marks against the method; `Err` is the reason to reject it.
fn read_paper(method: Method, seats: u32, standing: &[i64], choices: &[(i64, u32)]) -> Result<Vec<usize>, Rejection> {
    let index = |nomination: i64| standing.iter().position(|&n| n == nomination).expect("checked against the standing nominations");
    match method {
        Method::Block | Method::Plurality => {
            let marks: Vec<usize> = choices.iter().map(|&(n, _)| index(n)).collect();
            check_marks(&marks, seats as usize, standing.len()).map(|()| marks)
        }
        Method::ScottishStv | Method::InstantRunoff => {
            let prefs: Vec<(usize, u32)> = choices.iter().map(|&(n, p)| (index(n), p)).collect();
            check_preferences(&prefs)
        }
    }
}

fn unopposed(ctx: &Context<'_>, record: &ElectionRecord, checks: &[NominationChecks]) -> (bool, String) {
    let standing = candidates(record);
    let seats = record.summary.seats as usize;
    if record.summary.state != ElectionState::Nominations {
        return (false, String::new());
    }
    if standing.is_empty() {
        return (false, "No nominations are standing yet.".to_owned());
    }
    if standing.len() > seats {
        return (false, format!("{} nominations for {seats} seat{}: a vote is needed (ToR §14).", standing.len(), if seats == 1 { "" } else { "s" }));
    }
    if checks.iter().any(|c| c.checks.iter().any(|c| c.level == Eligibility::Ineligible)) {
        return (false, "A nomination is not eligible; withdraw it first.".to_owned());
    }
    let c = &ctx.constraints;
    let mut orgs: Vec<&str> = Vec::new();
    for (_, cand) in &standing {
        if let Some(org) = cand.organisation.as_deref() {
            if c.taken_organisations.iter().any(|t| t == org) || (c.one_per_organisation && orgs.contains(&org)) {
                return (false, "Two nominees share an organisation, or one shares it with a continuing member: only one can be elected (ToR §14).".to_owned());
            }
            orgs.push(org);
        }
    }
    let non_sme = standing.iter().filter(|(_, cand)| !cand.sme).count();
    if non_sme > seats - c.sme_minimum {
        return (false, format!("Electing everyone would leave fewer than {} SME winners (ToR §13).", c.sme_minimum));
    }
    let left = seats - standing.len();
    let tail = if left > 0 { format!(" {left} seat{} will stay vacant.", if left == 1 { "" } else { "s" }) } else { String::new() };
    (
        true,
        format!(
            "{} valid nomination{} for {seats} seat{}: they can be declared elected unopposed (ToR §14).{tail}",
            standing.len(),
            if standing.len() == 1 { "" } else { "s" },
            if seats == 1 { "" } else { "s" }
        ),
    )
}

/// Papers back two weeks after nominations close, or after today if that is later, on a
/// working day (weekends and the nation's bank holidays skipped).
fn proposed_poll_closes(s: &secretariat_store::ElectionSummary, today: NaiveDate, nation: working_days::Nation) -> NaiveDate {
    working_days::on_or_after(s.nominations_close.max(today) + chrono::Days::new(14), nation)
}

/// Whether nominations are still being received on `today`: until the day in the call,
/// unless the returning officer closed them early.
fn nominations_open(s: &secretariat_store::ElectionSummary, today: NaiveDate) -> bool {
    s.nominations_closed_early.is_none() && today <= s.nominations_close
}

fn next_step(page: &ElectionPage, today: NaiveDate) -> String {
    let s = &page.record.summary;
    match s.state {
        ElectionState::Nominations if page.unopposed && !nominations_open(s, today) => "Declare the nominees elected unopposed.".to_owned(),
        ElectionState::Nominations if nominations_open(s, today) => format!("Nominations close on {}.", uk_date(s.nominations_close)),
        ElectionState::Nominations if s.method.is_none() => "Nominations have closed: choose how the vote is counted.".to_owned(),
        ElectionState::Nominations => "Nominations have closed: open the vote.".to_owned(),
        ElectionState::Voting if page.record.serials.is_empty() => "Print the ballot papers.".to_owned(),
        ElectionState::Voting if !page.reconciliation.problems.is_empty() && !page.record.returned.is_empty() => {
            "Enter the returned papers and reconcile them.".to_owned()
        }
        ElectionState::Voting if page.record.returned.is_empty() => {
            format!("Issue the papers; they must be back by {}.", s.poll_closes.map(uk_date).unwrap_or_default())
        }
        ElectionState::Voting => "The papers reconcile: count the votes.".to_owned(),
        ElectionState::Counted => "Check the count and declare the result.".to_owned(),
        ElectionState::Declared => format!("Declared on {}.", s.declared_on.map(uk_date).unwrap_or_default()),
        ElectionState::Cancelled => "Cancelled.".to_owned(),
    }
}

impl Session {
    pub async fn elections_view(&self, group_id: i64) -> ApiResult<ElectionsView> {
        let store = self.open_store().await?;
        let today = self.today();
        let register = store.register(group_id).await?;
        let being_filled = store.seats_in_elections(group_id).await?;
        let vacancies = rules::vacancies(&register, today, register.settings.term_reminder_days.max(90), &being_filled);
        let mut proposals = Vec::new();
        for kind in [SeatKind::Supplier, SeatKind::Stakeholder] {
            let seat_ids: Vec<Id> = vacancies.iter().filter(|v| v.kind == kind).map(|v| v.seat_id).collect();
            if seat_ids.is_empty() {
                continue;
            }
            proposals.push(ElectionInput {
                title: format!("Election to {} — {}", seat_kind_words(kind, seat_ids.len()), today.format("%B %Y")),
                fills: ElectionFor::Seats { seat_kind: kind, seat_ids },
                call_issued_on: today,
                nominations_close: working_days::on_or_after(today + chrono::Days::new(21), register.settings.bank_holidays),
                returning_officer: String::new(),
            });
        }
        Ok(ElectionsView { vacancies, proposals, elections: store.elections(group_id).await? })
    }

    pub async fn election_page(&self, group_id: i64, election_id: i64) -> ApiResult<ElectionPage> {
        let store = self.open_store().await?;
        let register = store.register(group_id).await?;
        self.election_page_in(&store, &register, group_id, election_id, true).await
    }

    /// The election page from a register the caller has read; without `lists` it leaves out the
    /// people and organisations the forms choose from (Home wants only the next step).
    pub(crate) async fn election_page_in(
        &self,
        store: &secretariat_store::Store,
        register: &Register,
        group_id: i64,
        election_id: i64,
        lists: bool,
    ) -> ApiResult<ElectionPage> {
        let today = self.today();
        let record = store.election(group_id, election_id).await?;
        let seat_ids: Vec<Id> = record.seats.iter().map(|s| s.id).collect();
        // A declared election is read as it stood on the day it was declared.
        let on = match record.summary.declared_on {
            Some(declared) => declared,
            None => takes_seats_on(register, &record, today),
        };
        let ctx = context(register, &record, &seat_ids, on);
        let open = matches!(record.summary.state, ElectionState::Nominations | ElectionState::Voting);
        let standing_orgs: Vec<(Id, Option<Id>)> = record.nominations.iter().filter(|n| n.withdrawn_on.is_none()).map(|n| (n.id, n.organisation_id)).collect();
        let checks: Vec<NominationChecks> = record
            .nominations
            .iter()
            .filter(|n| open && n.withdrawn_on.is_none())
            .map(|n| {
                let others: Vec<Id> = standing_orgs.iter().filter(|(id, _)| *id != n.id).filter_map(|(_, o)| *o).collect();
                let org = n.organisation_id.and_then(|o| ctx.day.organisation(o));
                NominationChecks { nomination_id: n.id, checks: check_nomination(&ctx.day, ctx.fills, n.person_id, org, &others) }
            })
            .collect();
        let (can_unopposed, unopposed_reason) = unopposed(&ctx, &record, &checks);
        let stored: Option<StoredCount> = match &record.count_json {
            Some(json) => Some(serde_json::from_str(json).map_err(|e| ApiError::new(ErrorKind::Internal, format!("The stored count could not be read: {e}")))?),
            None => None,
        };
        // Once counted, the constraints are the ones the count applied.
        let explained = stored.as_ref().map_or_else(|| ctx.explained.clone(), |s| s.constraints.clone());
        let count = stored.map(|s| s.count);
        let winners = match (&count, record.summary.outcome) {
            (Some(count), _) => count.elected.iter().map(|&i| count.candidates[i].clone()).collect(),
            (None, Some(Outcome::Unopposed)) => candidates(&record).iter().map(|(n, _)| n.name.clone()).collect(),
            _ => vec![],
        };
        let ties = count.as_ref().map(|c| c.ties.iter().map(|t| tie_words(t, &c.candidates)).collect()).unwrap_or_default();
        let stage_actions = count.as_ref().map(|c| c.stages.iter().map(|st| action_words(&st.action, &c.candidates)).collect()).unwrap_or_default();
        let mut page = ElectionPage {
            ties,
            stage_actions,
            reconciliation: reconciliation(&record),
            takes_seats_on: on,
            proposed_poll_closes: proposed_poll_closes(&record.summary, today, register.settings.bank_holidays),
            constraints: explained,
            constraint_set: ctx.constraints,
            checks,
            unopposed: can_unopposed,
            unopposed_reason,
            count,
            winners,
            next_step: String::new(),
            people: if lists { store.people(group_id, today).await? } else { vec![] },
            organisations: if lists { store.organisations(group_id, today).await? } else { vec![] },
            record,
        };
        page.next_step = next_step(&page, today);
        Ok(page)
    }

    pub async fn create_election(&self, request: CreateElection) -> ApiResult<ElectionPage> {
        let store = self.open_store().await?;
        let id = store.write(async |w| w.create_election(request.group_id, &request.input).await).await?;
        self.election_page(request.group_id, id).await
    }

    /// Records a nomination after checking it against the ToR; an ineligible one is refused at its field.
    pub async fn add_nomination(&self, request: AddNomination) -> ApiResult<ElectionPage> {
        let store = self.open_store().await?;
        let page = self.election_page(request.group_id, request.election_id).await?;
        let register = store.register(request.group_id).await?;
        let seat_ids: Vec<Id> = page.record.seats.iter().map(|s| s.id).collect();
        let ctx = context(&register, &page.record, &seat_ids, page.takes_seats_on);
        let others: Vec<Id> = page.record.nominations.iter().filter(|n| n.withdrawn_on.is_none()).filter_map(|n| n.organisation_id).collect();
        let org = match request.organisation_id {
            Some(id) => Some(ctx.day.organisation(id).ok_or_else(|| ApiError::invalid("organisation_id", "Choose an organisation from this group."))?),
            None => None,
        };
        let person_for_check = request.person_id.unwrap_or(Id::MIN);
        if let Some(refusal) = check_nomination(&ctx.day, ctx.fills, person_for_check, org, &others).into_iter().find(|c| c.level == Eligibility::Ineligible) {
            return Err(ApiError::invalid(&refusal.field, refusal.message));
        }
        store
            .write(async |w| {
                let person_id = match request.person_id {
                    Some(id) => {
                        // Recorded from the nomination form, the §12 status is the person's own.
                        if let Some(status) = request.manager_status {
                            w.set_manager_status(request.group_id, id, status).await?;
                        }
                        id
                    }
                    None => {
                        if request.new_name.trim().is_empty() {
                            return Err(ApiError::invalid("person_id", "Choose the nominee, or give a new nominee's name."));
                        }
                        let person = PersonInput {
                            name: request.new_name.clone(),
                            email: request.new_email.clone(),
                            job_title: String::new(),
                            manager_status: request.manager_status.unwrap_or(secretariat_rules::ManagerStatus::Unknown),
                            sort_as: String::new(),
                        };
                        let id = w.add_person(request.group_id, &person).await.map_err(|e| match ApiError::from(e) {
                            ApiError { field: Some(f), message, .. } if f == "name" => ApiError::invalid("new_name", message),
                            ApiError { field: Some(f), message, .. } if f == "email" => ApiError::invalid("new_email", message),
                            other => other,
                        })?;
                        if let Some(org) = request.organisation_id {
                            w.add_employment(request.group_id, id, org, request.received_on, None).await?;
                        }
                        id
                    }
                };
                let input = NominationInput {
                    person_id,
                    organisation_id: request.organisation_id,
                    proposer: request.proposer,
                    statement: request.statement,
                    received_on: request.received_on,
                };
                w.add_nomination(request.group_id, request.election_id, &input).await?;
                Ok::<_, ApiError>(())
            })
            .await?;
        self.election_page(request.group_id, request.election_id).await
    }

    pub async fn withdraw_nomination(&self, group_id: i64, election_id: i64, nomination_id: i64) -> ApiResult<ElectionPage> {
        let store = self.open_store().await?;
        store.write(async |w| w.withdraw_nomination(group_id, election_id, nomination_id, self.today()).await).await?;
        self.election_page(group_id, election_id).await
    }

    pub async fn set_election_method(&self, group_id: i64, election_id: i64, method: Method) -> ApiResult<ElectionPage> {
        let store = self.open_store().await?;
        store.write(async |w| w.set_method(group_id, election_id, method).await).await?;
        self.election_page(group_id, election_id).await
    }

    /// Closes nominations before the date in the call, for a reason; audited (issue #18).
    pub async fn close_nominations_early(&self, request: CloseNominations) -> ApiResult<ElectionPage> {
        let store = self.open_store().await?;
        if request.on > self.today() {
            return Err(ApiError::invalid("on", "Nominations are closed early on a day that has come: that date is in the future."));
        }
        store.write(async |w| w.close_nominations_early(request.group_id, request.election_id, request.on, &request.reason).await).await?;
        self.election_page(request.group_id, request.election_id).await
    }

    /// Opens the vote. The electorate defaults to the members of the group today; the vote
    /// closes on `poll_closes` (two weeks from today by default).
    pub async fn open_voting(&self, group_id: i64, election_id: i64, electors: Option<Vec<i64>>, poll_closes: Option<NaiveDate>) -> ApiResult<ElectionPage> {
        let store = self.open_store().await?;
        let page = self.election_page(group_id, election_id).await?;
        if page.record.summary.state == ElectionState::Nominations && nominations_open(&page.record.summary, self.today()) {
            return Err(ApiError::invalid(
                "election_id",
                format!("Nominations are open until {}; the vote opens after they close.", uk_date(page.record.summary.nominations_close)),
            ));
        }
        if page.unopposed {
            return Err(ApiError::invalid("election_id", "No vote is needed: declare the nominees elected unopposed."));
        }
        if candidates(&page.record).len() < 2 {
            return Err(ApiError::invalid("election_id", "A vote needs at least two nominations standing."));
        }
        let electors = match electors {
            Some(list) => list,
            None => {
                let register = store.register(group_id).await?;
                register.on(self.today()).members.iter().map(|m| m.person.id).collect()
            }
        };
        let poll_closes = match poll_closes {
            Some(day) => day,
            None => proposed_poll_closes(&page.record.summary, self.today(), store.group(group_id).await?.settings.bank_holidays),
        };
        store.write(async |w| w.open_voting(group_id, election_id, &electors, poll_closes).await).await?;
        self.election_page(group_id, election_id).await
    }

    pub async fn issue_paper(&self, group_id: i64, election_id: i64, person_id: i64) -> ApiResult<ElectionPage> {
        let store = self.open_store().await?;
        store.write(async |w| w.issue_paper(group_id, election_id, person_id).await).await?;
        // The write-ahead log would otherwise keep the electorate as it stood after each
        // paper, in order, until SQLite next checkpoints it (ToR §12's secret ballot;
        // `secretariat_rules::elections::secrecy`).
        // The paper is issued either way: a reader holding the log open only delays this.
        if let Err(error) = store.checkpoint().await {
            tracing::warn!(%error, "the write-ahead log was not emptied after issuing a paper");
        }
        self.election_page(group_id, election_id).await
    }

    /// Numbers a new print run of papers; the PDF is made from it (`ElectionDocument::BallotPapers`).
    pub async fn print_ballots(&self, group_id: i64, election_id: i64, copies: u32) -> ApiResult<ElectionPage> {
        let store = self.open_store().await?;
        store.write(async |w| w.print_papers(group_id, election_id, copies).await).await?;
        self.election_page(group_id, election_id).await
    }

    /// Voids papers as spoilt and numbers replacements: as many, and never fewer than a print
    /// run may hold (`secrecy::replacements`), so a replacement cannot tag its elector.
    pub async fn reprint_ballots(&self, group_id: i64, election_id: i64, serials: Vec<u32>) -> ApiResult<ElectionPage> {
        let store = self.open_store().await?;
        let electors = store.election(group_id, election_id).await?.electors.len() as u32;
        store
            .write(async |w| {
                w.spoil_papers(group_id, election_id, &serials).await?;
                w.print_papers(group_id, election_id, secrecy::replacements(serials.len() as u32, electors)).await
            })
            .await?;
        self.election_page(group_id, election_id).await
    }

    pub async fn mark_unused(&self, group_id: i64, election_id: i64, serials: Vec<u32>) -> ApiResult<ElectionPage> {
        let store = self.open_store().await?;
        store.write(async |w| w.mark_unused(group_id, election_id, &serials).await).await?;
        self.election_page(group_id, election_id).await
    }

    /// Enters a returned paper. Marks the method cannot count make it a rejected paper, with the reason.
    pub async fn enter_paper(&self, request: EnterPaper) -> ApiResult<ElectionPage> {
        let store = self.open_store().await?;
        let record = store.election(request.group_id, request.election_id).await?;
        let method = record.summary.method.ok_or_else(|| ApiError::invalid("method", "Choose how the vote is counted first."))?;
        let standing: Vec<i64> = candidates(&record).iter().map(|(n, _)| n.id).collect();
        if request.choices.iter().any(|(n, _)| !standing.contains(n)) {
            return Err(ApiError::invalid("choices", "A mark is against someone who is not standing in this election."));
        }
        let rejection = match (request.rejection, request.serial) {
            (Some(reason), _) => Some(reason),
            (None, None) => Some(Rejection::NoSerial),
            (None, Some(_)) => read_paper(method, record.summary.seats, &standing, &request.choices).err(),
        };
        let input = ReturnedPaperInput { serial: request.serial, choices: request.choices, rejection, entered_by: request.entered_by };
        store.write(async |w| w.enter_paper(request.group_id, request.election_id, &input).await).await?;
        self.election_page(request.group_id, request.election_id).await
    }

    pub async fn verify_paper(&self, group_id: i64, election_id: i64, paper_id: i64, verified_by: String) -> ApiResult<ElectionPage> {
        let store = self.open_store().await?;
        store.write(async |w| w.verify_paper(group_id, election_id, paper_id, &verified_by).await).await?;
        self.election_page(group_id, election_id).await
    }

    pub async fn remove_paper(&self, group_id: i64, election_id: i64, paper_id: i64) -> ApiResult<ElectionPage> {
        let store = self.open_store().await?;
        store.write(async |w| w.remove_paper(group_id, election_id, paper_id).await).await?;
        self.election_page(group_id, election_id).await
    }

    /// Counts the valid papers once the papers reconcile; ties go to a lot drawn here and recorded.
    pub async fn count_election(&self, group_id: i64, election_id: i64) -> ApiResult<ElectionPage> {
        self.count_with(group_id, election_id, &mut OsLot).await
    }

    pub(crate) async fn count_with(&self, group_id: i64, election_id: i64, lot: &mut (dyn Lot + Send)) -> ApiResult<ElectionPage> {
        let store = self.open_store().await?;
        let page = self.election_page(group_id, election_id).await?;
        if let Some(problem) = page.reconciliation.problems.first() {
            return Err(ApiError::invalid("reconciliation", format!("The papers do not reconcile, so the votes cannot be counted yet: {problem}")));
        }
        let election = tally_input(&page)?;
        let method = page.record.summary.method.expect("voting needs a method");
        let count = tally::count(method, &election, lot).map_err(|e| ApiError::invalid("election_id", e.to_string()))?;
        let json = stored_count_json(count, page.constraints.clone());
        store.write(async |w| w.record_count(group_id, election_id, &json).await).await?;
        self.election_page(group_id, election_id).await
    }

    /// Declares the result and opens the winners' terms (or appoints to the role).
    pub async fn declare_result(&self, request: Declare) -> ApiResult<ElectionPage> {
        let store = self.open_store().await?;
        let page = self.election_page(request.group_id, request.election_id).await?;
        if request.on > self.today() {
            return Err(ApiError::invalid("on", "A result is declared on the day it is announced: that date is in the future."));
        }
        let (outcome, winners): (Outcome, Vec<i64>) = match page.record.summary.state {
            ElectionState::Nominations if page.unopposed => {
                if nominations_open(&page.record.summary, self.today()) && request.on <= page.record.summary.nominations_close {
                    return Err(ApiError::invalid(
                        "on",
                        format!("Nominations are open until {}; declare after they close.", uk_date(page.record.summary.nominations_close)),
                    ));
                }
                (Outcome::Unopposed, candidates(&page.record).iter().map(|(n, _)| n.person_id).collect())
            }
            ElectionState::Nominations => return Err(ApiError::invalid("election_id", page.unopposed_reason.clone())),
            ElectionState::Counted => {
                let count = page.count.as_ref().expect("a counted election has its count");
                let standing = candidates(&page.record);
                (Outcome::Elected, count.elected.iter().map(|&i| standing[i].0.person_id).collect())
            }
            _ => return Err(ApiError::invalid("election_id", "Count the votes before declaring the result.")),
        };
        let register = store.register(request.group_id).await?;
        store
            .write(async |w| {
                w.declare(request.group_id, request.election_id, request.on, outcome, &request.returning_officer).await?;
                match page.record.summary.role {
                    Some(role) => {
                        let agreed = format!("Elected: {}", page.record.summary.title);
                        for person in &winners {
                            w.appoint(request.group_id, role, *person, request.on, &agreed).await?;
                        }
                    }
                    None => {
                        for (seat, person) in page.record.seats.iter().zip(&winners) {
                            // A winner takes the seat on the declared day, or when its current term ends if later.
                            let free = register.terms.iter().filter(|t| t.seat == seat.id && t.runs_on(request.on)).map(|t| t.stops()).max();
                            let start = free.map_or(request.on, |f| f.max(request.on));
                            let obtained = match outcome {
                                Outcome::Unopposed => Obtained::Unopposed,
                                Outcome::Elected if rules::held_before(&register, *person, start) => Obtained::ReElection,
                                Outcome::Elected => Obtained::Election,
                            };
                            w.start_term(request.group_id, seat.id, *person, start, obtained).await?;
                        }
                    }
                }
                Ok::<_, ApiError>(())
            })
            .await?;
        self.election_page(request.group_id, request.election_id).await
    }

    pub async fn cancel_election(&self, group_id: i64, election_id: i64) -> ApiResult<ElectionPage> {
        let store = self.open_store().await?;
        store.write(async |w| w.cancel_election(group_id, election_id).await).await?;
        self.election_page(group_id, election_id).await
    }

    /// Finds an election by id or by (part of) its title, for the command line.
    pub async fn find_election(&self, group_id: i64, name: &str) -> ApiResult<i64> {
        let store = self.open_store().await?;
        let all = store.elections(group_id).await?;
        if let Ok(id) = name.parse::<i64>()
            && all.iter().any(|e| e.id == id)
        {
            return Ok(id);
        }
        let wanted = name.to_lowercase();
        let found: Vec<&ElectionSummary> = all.iter().filter(|e| e.title.to_lowercase().contains(&wanted)).collect();
        match found.as_slice() {
            [one] => Ok(one.id),
            [] => Err(ApiError::new(ErrorKind::NotFound, format!("No election matches \u{201c}{name}\u{201d}."))),
            _ => Err(ApiError::invalid("election", format!("{} elections match \u{201c}{name}\u{201d}; give its number.", found.len()))),
        }
    }
}

/// The tally's view of an election: standing candidates in ballot order, the valid papers, the constraints.
pub(crate) fn tally_input(page: &ElectionPage) -> ApiResult<Election> {
    let record = &page.record;
    let method = record.summary.method.ok_or_else(|| ApiError::invalid("method", "Choose how the vote is counted first."))?;
    let standing = candidates(record);
    let ids: Vec<i64> = standing.iter().map(|(n, _)| n.id).collect();
    let ballots = record
        .returned
        .iter()
        .filter(|p| p.rejection.is_none())
        .filter_map(|p| read_paper(method, record.summary.seats, &ids, &p.choices).ok())
        .map(|preferences| Ballot { weight: 1, preferences })
        .collect();
    Ok(Election {
        title: record.summary.title.clone(),
        seats: record.summary.seats as usize,
        candidates: standing.into_iter().map(|(_, c)| c).collect(),
        withdrawn: vec![],
        ballots,
        constraints: page.constraint_set.clone(),
    })
}

// ---- Words for a count ------------------------------------------------------

/// A stage's action in a few words: "Transfer of Ada's surplus".
pub fn action_words(action: &tally::StageAction, names: &[String]) -> String {
    use tally::StageAction::*;
    match action {
        Begin => "First preferences".to_owned(),
        Elect { candidate } => format!("{} elected", names[*candidate]),
        Transfer { from, .. } => format!("Surplus of {}", names[*from]),
        Exclude { candidate, .. } => format!("{} excluded", names[*candidate]),
        DeemedExcluded { candidates } => {
            format!("{} deemed excluded", candidates.iter().map(|&c| names[c].as_str()).collect::<Vec<_>>().join(", "))
        }
    }
}

pub fn state_words(state: tally::CandidateState) -> &'static str {
    match state {
        tally::CandidateState::Hopeful => "",
        tally::CandidateState::Elected => "Elected",
        tally::CandidateState::Excluded => "Excluded",
        tally::CandidateState::Withdrawn => "Withdrawn",
    }
}

/// A tie and how it was resolved, in a sentence.
pub fn tie_words(tie: &tally::TieRecord, names: &[String]) -> String {
    let tied = tie.candidates.iter().map(|&c| names[c].as_str()).collect::<Vec<_>>().join(", ");
    let what = match tie.purpose {
        tally::TiePurpose::Exclusion => "excluded",
        tally::TiePurpose::SurplusOrder => "to have their surplus transferred first",
        tally::TiePurpose::Election => "elected",
    };
    let how = match &tie.resolution {
        tally::TieResolution::EarlierStage { stage } => format!("decided by the votes at stage {stage} (SSI 2007/42)"),
        tally::TieResolution::Lot { among } => {
            format!("decided by lot among {}", among.iter().map(|&c| names[c].as_str()).collect::<Vec<_>>().join(", "))
        }
    };
    format!("Stage {}: {tied} were tied; {how}: {} {what}.", tie.stage, names[tie.chosen])
}

// ---- Documents -------------------------------------------------------------

fn method_words(method: Option<Method>) -> String {
    match method {
        Some(Method::ScottishStv) => "Single transferable vote (Scottish local government rules, SSI 2007/42)".to_owned(),
        Some(Method::Block) => "Block vote: vote for up to as many candidates as there are seats".to_owned(),
        Some(Method::Plurality) => "Plurality: one vote, the most votes wins".to_owned(),
        Some(Method::InstantRunoff) => "Instant run-off: preferences, the lowest excluded in turn".to_owned(),
        None => "Not chosen yet".to_owned(),
    }
}

fn fills_words(record: &ElectionRecord) -> String {
    match (record.summary.seat_kind, record.summary.role) {
        (Some(kind), _) => seat_kind_words(kind, record.seats.len()),
        (None, Some(role)) => format!("the role of {}", role.title()),
        (None, None) => String::new(),
    }
}

impl Session {
    pub(crate) async fn election_document(&self, group_id: i64, document: ElectionDocument, election_id: i64) -> ApiResult<crate::types::Made> {
        use crate::types::Made;
        use secretariat_documents as docs;
        let store = self.open_store().await?;
        let group = store.group(group_id).await?;
        let page = self.election_page(group_id, election_id).await?;
        let s = &page.record.summary;
        let stem = format!("{} - {}", crate::session::file_stem(&group.name), crate::session::file_stem(&s.title));
        let made = |suffix: &str, bytes: Vec<u8>| Made { file_name: format!("{stem} - {suffix}"), bytes, pages: None };
        let officer = if s.returning_officer.is_empty() { "the returning officer".to_owned() } else { s.returning_officer.clone() };
        match document {
            ElectionDocument::CallForNominations | ElectionDocument::CallForNominationsEmail => {
                // The term length in force when the winners take their seats (ToR §14, as amended by then).
                let term_months = store.rules_on(group_id, page.takes_seats_on).await?.term_months;
                let call = call_for_nominations(&group.name, &page, &officer, term_months);
                let pdf = {
                    let call = call.clone();
                    self.typeset(move |d| d.call_for_nominations(&call)).await?
                };
                if document == ElectionDocument::CallForNominations {
                    return Ok(made("call for nominations.pdf", pdf));
                }
                let pdf_name = format!("{stem} - call for nominations.pdf");
                let bytes = crate::circulation::call_email(&group.name, &call, &pdf_name, &pdf)?;
                Ok(made("call for nominations.eml", bytes))
            }
            ElectionDocument::BallotPapers => {
                let serials = store.latest_batch(group_id, election_id).await?;
                if serials.is_empty() {
                    return Err(ApiError::invalid("copies", "No ballot papers have been printed for this election yet."));
                }
                let method = match s.method {
                    Some(Method::Block) => docs::BallotMethod::Marks { up_to: s.seats },
                    Some(Method::Plurality) => docs::BallotMethod::Marks { up_to: 1 },
                    Some(Method::ScottishStv) | Some(Method::InstantRunoff) => docs::BallotMethod::Preferences,
                    None => return Err(ApiError::invalid("method", "Choose how the vote is counted first.")),
                };
                let papers = docs::BallotPapers {
                    group: group.name.clone(),
                    title: s.title.clone(),
                    method,
                    seats: s.seats,
                    candidates: candidates(&page.record)
                        .iter()
                        .map(|(n, _)| docs::BallotCandidate { name: n.name.clone(), organisation: n.organisation.clone(), sme: n.sme })
                        .collect(),
                    return_by: s.poll_closes.map(|d| format!("17:00 on {}", uk_date(d))).unwrap_or_else(|| "the close of the vote".to_owned()),
                    returning_officer: officer.clone(),
                    serials: serials.clone(),
                    constraint: page.constraint_set.ballot_line(s.seats as usize),
                };
                let bytes = self.typeset(move |d| d.ballot_papers(&papers)).await?;
                let (first, last) = (serials[0], serials[serials.len() - 1]);
                Ok(made(&format!("ballot papers {first:06}-{last:06}.pdf"), bytes))
            }
            ElectionDocument::IssueList => {
                let r = &page.reconciliation.counts;
                let list = docs::IssueList {
                    group: group.name.clone(),
                    title: s.title.clone(),
                    electors: page.record.electors.iter().map(|e| docs::IssueLine { name: e.name.clone(), issued: e.issued }).collect(),
                    printed: r.printed,
                    spoilt: r.spoilt,
                    issued_count: r.issued,
                };
                let bytes = self.typeset(move |d| d.issue_list(&list)).await?;
                Ok(made("issue list.pdf", bytes))
            }
            ElectionDocument::Result => {
                let report = result_report(&group.name, &page, &officer)?;
                let bytes = self.typeset(move |d| d.election_result(&report)).await?;
                Ok(made(if s.state == ElectionState::Declared { "result.pdf" } else { "result (draft).pdf" }, bytes))
            }
            ElectionDocument::Blt => {
                let election = tally_input(&page)?;
                let blt = tally::BltFile {
                    title: election.title.clone(),
                    seats: election.seats,
                    candidates: election.candidates.iter().map(|c| c.name.clone()).collect(),
                    withdrawn: vec![],
                    ballots: election.ballots.clone(),
                };
                Ok(made("valid papers.blt", tally::write_blt(&blt).into_bytes()))
            }
        }
    }
}

fn call_for_nominations(group: &str, page: &ElectionPage, officer: &str, term_months: u32) -> secretariat_documents::CallForNominations {
    use secretariat_documents::{CallForNominations, RuleLine};
    let s = &page.record.summary;
    let rule = |paragraph: &str, text: &str| RuleLine { paragraph: paragraph.to_owned(), text: text.to_owned() };
    let mut eligibility = vec![rule(
        "ToR §14",
        "Membership runs for two-year periods on an individual basis; members are nominated via an open call, followed by a member vote if necessary.",
    )];
    if s.seat_kind == Some(SeatKind::Supplier) {
        eligibility
            .push(rule("ToR §12", "Supplier members must be employed by a body that is a member of techUK, and should ideally be of manager status or above."));
        eligibility.push(rule("ToR §13", "At least two of the eight supplier community members are designated from an SME."));
        eligibility.push(rule("ToR §14", "Only one individual per techUK member company may be on the working group."));
    }
    if s.role.is_some() {
        eligibility.push(rule("ToR §8–§9", "Candidates for Chair and Vice-Chair are members of the working group."));
    }
    eligibility.push(rule("ToR §16", "Representatives may be re-elected, with no cap on how many times."));
    CallForNominations {
        group: group.to_owned(),
        title: s.title.clone(),
        issued_on: uk_date(s.call_issued_on),
        closes_on: uk_date(s.nominations_close),
        seats: fills_words(&page.record),
        term: if s.role.is_some() { "until the next election to the role".to_owned() } else { format!("{} months from taking the seat", term_months) },
        eligibility,
        how_to_nominate: vec![
            "Send the nominee's name, employer and email address, with the name of the proposer.".to_owned(),
            "Include a short statement from the nominee (up to 300 words) saying what they would bring to the group.".to_owned(),
            format!("Nominations must reach {officer} by {}.", uk_date(s.nominations_close)),
            "If there are no more valid nominations than seats, the nominees are elected unopposed; otherwise members vote by ballot.".to_owned(),
        ],
        constraints: page.constraints.clone(),
        returning_officer: officer.to_owned(),
    }
}

fn result_report(group: &str, page: &ElectionPage, officer: &str) -> ApiResult<secretariat_documents::ResultReport> {
    use secretariat_documents::{Declaration, ReconciliationLine, RejectedLine, ResultCandidate, ResultReport, ResultStage};
    let s = &page.record.summary;
    let standing = candidates(&page.record);
    let r = &page.reconciliation.counts;
    let problems = &page.reconciliation.problems;
    let line = |label: &str, value: u32| ReconciliationLine { label: label.to_owned(), value: value.to_string(), ok: true };
    let mut reconciliation = vec![
        line("Papers printed", r.printed),
        line("Issued", r.issued),
        line("Returned unused", r.unused),
        line("Spoilt", r.spoilt),
        line("Returned", r.returned),
        line("Valid", r.valid),
        line("Rejected", r.rejected),
    ];
    reconciliation.push(ReconciliationLine {
        label: "Printed = issued + unused + spoilt; returned = valid + rejected".to_owned(),
        value: if problems.is_empty() { "holds".to_owned() } else { problems.join(" ") },
        ok: problems.is_empty(),
    });
    let mut rejected: Vec<RejectedLine> = Vec::new();
    for paper in &page.record.returned {
        if let Some(reason) = paper.rejection {
            match rejected.iter_mut().find(|l| l.reason == reason.reason()) {
                Some(l) => l.count += 1,
                None => rejected.push(RejectedLine { reason: reason.reason().to_owned(), count: 1 }),
            }
        }
    }
    let (stages, quota, valid_votes, ties) = match &page.count {
        Some(count) => (
            count
                .stages
                .iter()
                .map(|stage| ResultStage {
                    number: stage.number,
                    action: action_words(&stage.action, &count.candidates),
                    description: stage.description.clone(),
                    totals: stage.totals.iter().map(|v| v.to_string()).collect(),
                    non_transferable: stage.non_transferable.to_string(),
                    states: stage.states.iter().map(|st| state_words(*st).to_owned()).collect(),
                })
                .collect(),
            count.quota.map(|q| q.to_string()),
            count.valid_votes.to_string(),
            count.ties.iter().map(|t| tie_words(t, &count.candidates)).collect(),
        ),
        None => (vec![], None, r.valid.to_string(), vec![]),
    };
    Ok(ResultReport {
        group: group.to_owned(),
        title: s.title.clone(),
        method: match s.outcome {
            Some(Outcome::Unopposed) => "Elected unopposed: no more valid nominations than seats (ToR §14)".to_owned(),
            _ => method_words(s.method),
        },
        seats: s.seats,
        quota,
        valid_votes,
        candidates: standing.iter().map(|(n, _)| ResultCandidate { name: n.name.clone(), organisation: n.organisation.clone(), sme: n.sme }).collect(),
        stages,
        elected: page.winners.clone(),
        reconciliation,
        rejected,
        ties,
        constraints: page.constraints.clone(),
        declaration: Declaration { returning_officer: officer.to_owned(), declared_on: s.declared_on.map(uk_date) },
        draft: s.state != ElectionState::Declared,
    })
}
