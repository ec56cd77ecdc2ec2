//! Elections (ToR §12–§16): the call, nominations, the electorate, numbered
//! ballot papers, returned papers as entered, and the count — the writes and the
//! views read back. The rules that decide eligibility and the count itself live
//! in `secretariat_rules`; this module keeps the records and their invariants.
//!
//! Secrecy (`secretariat_rules::elections::secrecy` says it whole): an elector's
//! row says only whether they were issued a paper. Serial numbers live in
//! `ballot_papers` and `returned_papers`, which know no person, and issuing a paper
//! never writes to them. The audit log records that a paper was issued without
//! naming the elector, and that a paper was entered, never its marks; a print run
//! numbers at least `MIN_PRINT_RUN` papers.

use crate::Store;
use crate::error::{Result, StoreError, touched};
use crate::fields::{invalid, optional_text, text};
use crate::membership::Table;
use crate::write::{GroupId, Writer};
use chrono::NaiveDate;
use secretariat_rules::elections::{Method, Rejection, secrecy};
use secretariat_rules::register::Id;
use secretariat_rules::{Role, SeatKind, names};
use serde::{Deserialize, Serialize};
use serde_json::json;
use ts_rs::TS;

/// What an election fills: seats of one kind, or a role (Chair, Vice-Chair).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ElectionFor {
    Seats { seat_kind: SeatKind, seat_ids: Vec<Id> },
    Role { role: Role },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ElectionInput {
    pub title: String,
    pub fills: ElectionFor,
    pub call_issued_on: NaiveDate,
    pub nominations_close: NaiveDate,
    pub returning_officer: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ElectionState {
    /// The call is open; nominations are being received.
    Nominations,
    /// Contested: papers are printed, issued and returned.
    Voting,
    /// Counted, awaiting the declaration.
    Counted,
    Declared,
    Cancelled,
}

impl ElectionState {
    fn as_str(self) -> &'static str {
        match self {
            ElectionState::Nominations => "nominations",
            ElectionState::Voting => "voting",
            ElectionState::Counted => "counted",
            ElectionState::Declared => "declared",
            ElectionState::Cancelled => "cancelled",
        }
    }

    fn parse(text: &str) -> Result<Self> {
        [ElectionState::Nominations, ElectionState::Voting, ElectionState::Counted, ElectionState::Declared, ElectionState::Cancelled]
            .into_iter()
            .find(|s| s.as_str() == text)
            .ok_or_else(|| StoreError::Database(format!("unexpected election state '{text}'")))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// No more valid nominations than seats: declared without a vote (ToR §14).
    Unopposed,
    Elected,
}

pub fn method_str(method: Method) -> &'static str {
    match method {
        Method::ScottishStv => "scottish-stv",
        Method::Block => "block",
        Method::Plurality => "plurality",
        Method::InstantRunoff => "instant-runoff",
    }
}

fn parse_method(text: &str) -> Result<Method> {
    [Method::ScottishStv, Method::Block, Method::Plurality, Method::InstantRunoff]
        .into_iter()
        .find(|m| method_str(*m) == text)
        .ok_or_else(|| StoreError::Database(format!("unexpected election method '{text}'")))
}

pub fn rejection_str(rejection: Rejection) -> &'static str {
    match rejection {
        Rejection::NoMark => "no_mark",
        Rejection::TooManyMarks => "too_many_marks",
        Rejection::VoterIdentifiable => "voter_identifiable",
        Rejection::NoSerial => "no_serial",
        Rejection::NoFirstPreference => "no_first_preference",
        Rejection::MoreThanOneFirstPreference => "more_than_one_first_preference",
    }
}

fn parse_rejection(text: &str) -> Result<Rejection> {
    [
        Rejection::NoMark,
        Rejection::TooManyMarks,
        Rejection::VoterIdentifiable,
        Rejection::NoSerial,
        Rejection::NoFirstPreference,
        Rejection::MoreThanOneFirstPreference,
    ]
    .into_iter()
    .find(|r| rejection_str(*r) == text)
    .ok_or_else(|| StoreError::Database(format!("unexpected rejection '{text}'")))
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ElectionSummary {
    pub id: Id,
    pub title: String,
    pub seat_kind: Option<SeatKind>,
    pub role: Option<Role>,
    pub seats: u32,
    pub call_issued_on: NaiveDate,
    pub nominations_close: NaiveDate,
    /// Why nominations were closed before the date in the call (then `nominations_close` is
    /// the day they closed); none when they close as called.
    pub nominations_closed_early: Option<String>,
    /// The day papers must be back by, once the vote is open.
    pub poll_closes: Option<NaiveDate>,
    pub method: Option<Method>,
    pub returning_officer: String,
    pub state: ElectionState,
    pub declared_on: Option<NaiveDate>,
    pub outcome: Option<Outcome>,
    /// Nominations standing (received and not withdrawn).
    pub standing: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct NominationInput {
    pub person_id: Id,
    /// The nominee's employer; none for a stakeholder seat or role without one.
    pub organisation_id: Option<Id>,
    pub proposer: String,
    pub statement: String,
    pub received_on: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct NominationView {
    pub id: Id,
    pub person_id: Id,
    pub name: String,
    /// How the name sorts ("Surname, Given names"): the person's correction, else the default
    /// (`secretariat_rules::names`). Nominations, ballot papers and results follow it.
    pub sort_as: String,
    pub organisation_id: Option<Id>,
    pub organisation: Option<String>,
    pub sme: bool,
    pub proposer: String,
    pub statement: String,
    pub received_on: NaiveDate,
    pub withdrawn_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ElectorView {
    pub person_id: Id,
    pub name: String,
    /// Was issued a paper. Which paper is never recorded.
    pub issued: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SerialState {
    Printed,
    Spoilt,
    Unused,
    Returned,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SerialView {
    pub serial: u32,
    pub state: SerialState,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReturnedPaperInput {
    /// None when the paper came back without a serial number (rejected).
    pub serial: Option<u32>,
    /// (nomination, preference): a mark is preference 1.
    pub choices: Vec<(Id, u32)>,
    pub rejection: Option<Rejection>,
    pub entered_by: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ReturnedPaperView {
    pub id: Id,
    pub serial: Option<u32>,
    pub choices: Vec<(Id, u32)>,
    pub rejection: Option<Rejection>,
    pub entered_by: String,
    pub verified_by: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SeatRef {
    pub id: Id,
    pub title: String,
    pub position: u32,
}

/// Everything recorded about one election.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ElectionRecord {
    pub summary: ElectionSummary,
    pub seats: Vec<SeatRef>,
    pub nominations: Vec<NominationView>,
    pub electors: Vec<ElectorView>,
    pub serials: Vec<SerialView>,
    pub returned: Vec<ReturnedPaperView>,
    /// The stored count (JSON), once counted.
    #[ts(skip)]
    #[serde(skip)]
    pub count_json: Option<String>,
}

type ElectionRow = (
    Id,
    String,
    Option<String>,
    Option<String>,
    u32,
    NaiveDate,
    NaiveDate,
    Option<String>,
    Option<NaiveDate>,
    Option<String>,
    String,
    String,
    Option<NaiveDate>,
    Option<String>,
    u32,
);

const ELECTION_COLUMNS: &str = "SELECT e.id, e.title, e.seat_kind, e.role, e.seats, e.call_issued_on, e.nominations_close, e.nominations_closed_early, e.poll_closes, e.method, \
     e.returning_officer, e.state, e.declared_on, e.outcome, \
     (SELECT count(*) FROM nominations n WHERE n.election_id = e.id AND n.withdrawn_on IS NULL) \
     FROM elections e";

fn summary(row: ElectionRow) -> Result<ElectionSummary> {
    let (
        id,
        title,
        seat_kind,
        role,
        seats,
        call_issued_on,
        nominations_close,
        nominations_closed_early,
        poll_closes,
        method,
        returning_officer,
        state,
        declared_on,
        outcome,
        standing,
    ) = row;
    Ok(ElectionSummary {
        id,
        title,
        seat_kind: seat_kind.as_deref().and_then(SeatKind::parse),
        role: role.as_deref().and_then(Role::parse),
        seats,
        call_issued_on,
        nominations_close,
        nominations_closed_early,
        poll_closes,
        method: method.as_deref().map(parse_method).transpose()?,
        returning_officer,
        state: ElectionState::parse(&state)?,
        declared_on,
        outcome: match outcome.as_deref() {
            Some("unopposed") => Some(Outcome::Unopposed),
            Some("elected") => Some(Outcome::Elected),
            _ => None,
        },
        standing,
    })
}

fn wrong_state(state: ElectionState, doing: &str) -> StoreError {
    let now = match state {
        ElectionState::Nominations => "still receiving nominations",
        ElectionState::Voting => "open for voting",
        ElectionState::Counted => "already counted",
        ElectionState::Declared => "already declared",
        ElectionState::Cancelled => "cancelled",
    };
    invalid("election_id", format!("This election is {now}, so you cannot {doing}."))
}

impl Writer {
    async fn election_state(&mut self, group: GroupId, election: Id) -> Result<ElectionState> {
        let state: String = sqlx::query_scalar("SELECT state FROM elections WHERE id = ? AND group_id = ?")
            .bind(election)
            .bind(group)
            .fetch_optional(self.conn())
            .await?
            .ok_or_else(|| StoreError::NotFound { what: format!("Election {election}") })?;
        ElectionState::parse(&state)
    }

    async fn require_state(&mut self, group: GroupId, election: Id, allowed: &[ElectionState], doing: &str) -> Result<()> {
        let state = self.election_state(group, election).await?;
        if allowed.contains(&state) { Ok(()) } else { Err(wrong_state(state, doing)) }
    }

    /// Opens an election with its call for nominations (ToR §14).
    pub async fn create_election(&mut self, group: GroupId, input: &ElectionInput) -> Result<Id> {
        let title = text("title", "The election's title", &input.title, 160)?;
        let officer = optional_text("returning_officer", "The returning officer", &input.returning_officer, 120)?;
        crate::fields::date("call_issued_on", "The call's date", input.call_issued_on)?;
        crate::fields::date("nominations_close", "The close of nominations", input.nominations_close)?;
        if input.nominations_close < input.call_issued_on {
            return Err(invalid("nominations_close", "Nominations must close on or after the day the call is issued."));
        }
        let (seat_kind, role, seats) = match &input.fills {
            ElectionFor::Seats { seat_kind, seat_ids } => {
                if seat_ids.is_empty() {
                    return Err(invalid("seat_ids", "Choose at least one seat to fill."));
                }
                (Some(seat_kind.as_str()), None, seat_ids.len())
            }
            ElectionFor::Role { role } => {
                if *role == Role::Sro {
                    return Err(invalid("role", "The SRO is appointed, not elected (ToR §8)."));
                }
                (None, Some(role.as_str()), 1)
            }
        };
        let id: Id = sqlx::query_scalar(
            "INSERT INTO elections (group_id, title, seat_kind, role, seats, call_issued_on, nominations_close, returning_officer) \
             VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        )
        .bind(group)
        .bind(&title)
        .bind(seat_kind)
        .bind(role)
        .bind(seats as i64)
        .bind(input.call_issued_on)
        .bind(input.nominations_close)
        .bind(&officer)
        .fetch_one(self.conn())
        .await?;
        if let ElectionFor::Seats { seat_kind, seat_ids } = &input.fills {
            for &seat in seat_ids {
                let row: Option<(String, String, Option<NaiveDate>)> =
                    sqlx::query_as("SELECT kind, title, retired_on FROM seats WHERE id = ? AND group_id = ?")
                        .bind(seat)
                        .bind(group)
                        .fetch_optional(self.conn())
                        .await?;
                let Some((_, title, retired)) = row.filter(|(kind, _, _)| kind == seat_kind.as_str()) else {
                    return Err(invalid("seat_ids", format!("Choose {} seats of this group only.", seat_kind.as_str())));
                };
                // A seat an amendment has retired by the call is not there to fill (ToR §11–§12).
                if let Some(retired) = retired.filter(|retired| *retired <= input.call_issued_on) {
                    return Err(invalid(
                        "seat_ids",
                        format!(
                            "{title} was retired from {} by an amendment of the Terms of Reference; it is not there to fill.",
                            secretariat_rules::uk_date(retired)
                        ),
                    ));
                }
                let open: Option<String> = sqlx::query_scalar(
                    "SELECT e.title FROM election_seats es JOIN elections e ON e.id = es.election_id \
                     WHERE es.seat_id = ? AND e.state IN ('nominations', 'voting', 'counted')",
                )
                .bind(seat)
                .fetch_optional(self.conn())
                .await?;
                if let Some(other) = open {
                    return Err(invalid("seat_ids", format!("A seat you chose is already being filled by \u{201c}{other}\u{201d}.")));
                }
                sqlx::query("INSERT INTO election_seats (election_id, seat_id) VALUES (?, ?)")
                    .bind(id)
                    .bind(seat)
                    .execute(self.conn())
                    .await
                    .map_err(|_| invalid("seat_ids", "Each seat can be chosen once."))?;
            }
        }
        self.audit(
            Some(group),
            "election",
            id,
            "create",
            json!({ "title": title, "fills": input.fills, "call_issued_on": input.call_issued_on, "nominations_close": input.nominations_close }),
        )
        .await?;
        Ok(id)
    }

    /// Records a nomination received. ToR checks (techUK membership, one per
    /// company) are the caller's, made against the register before this.
    pub async fn add_nomination(&mut self, group: GroupId, election: Id, input: &NominationInput) -> Result<Id> {
        self.require_state(group, election, &[ElectionState::Nominations], "add a nomination").await?;
        self.must_exist(Table::People, group, input.person_id, "person_id").await?;
        if let Some(org) = input.organisation_id {
            self.must_exist(Table::Organisations, group, org, "organisation_id").await?;
        }
        let (opened, closes): (NaiveDate, NaiveDate) =
            sqlx::query_as("SELECT call_issued_on, nominations_close FROM elections WHERE id = ?").bind(election).fetch_one(self.conn()).await?;
        if input.received_on > closes {
            return Err(invalid("received_on", format!("Nominations closed on {}; this one arrived too late.", secretariat_rules::uk_date(closes))));
        }
        if input.received_on < opened {
            return Err(invalid("received_on", "A nomination cannot arrive before the call was issued."));
        }
        let proposer = optional_text("proposer", "The proposer", &input.proposer, 120)?;
        let statement = secretariat_rules::text::multi_line(&input.statement, "The statement", 4000).map_err(|e| invalid("statement", e.to_string()))?;
        let id: Id = sqlx::query_scalar(
            "INSERT INTO nominations (election_id, person_id, organisation_id, proposer, statement, received_on) VALUES (?, ?, ?, ?, ?, ?) \
             ON CONFLICT (election_id, person_id) DO NOTHING RETURNING id",
        )
        .bind(election)
        .bind(input.person_id)
        .bind(input.organisation_id)
        .bind(&proposer)
        .bind(&statement)
        .bind(input.received_on)
        .fetch_optional(self.conn())
        .await?
        .ok_or_else(|| invalid("person_id", "This person is already nominated in this election."))?;
        self.audit(
            Some(group),
            "nomination",
            id,
            "create",
            json!({ "election_id": election, "person_id": input.person_id, "organisation_id": input.organisation_id, "received_on": input.received_on }),
        )
        .await?;
        Ok(id)
    }

    /// A nominee withdraws; the nomination is kept, marked withdrawn.
    pub async fn withdraw_nomination(&mut self, group: GroupId, election: Id, nomination: Id, on: NaiveDate) -> Result<()> {
        self.require_state(group, election, &[ElectionState::Nominations], "withdraw a nomination").await?;
        let done = sqlx::query("UPDATE nominations SET withdrawn_on = ? WHERE id = ? AND election_id = ? AND withdrawn_on IS NULL")
            .bind(on)
            .bind(nomination)
            .bind(election)
            .execute(self.conn())
            .await?;
        touched(done, || format!("Nomination {nomination}"))?;
        self.audit(Some(group), "nomination", nomination, "withdraw", json!({ "on": on })).await
    }

    /// Closes nominations on `on`, before the date in the call (issue #18: an error in the
    /// call, everyone eligible nominated), for the returning officer's `reason`; audited with the
    /// date the call gave. The vote may then open the same day.
    pub async fn close_nominations_early(&mut self, group: GroupId, election: Id, on: NaiveDate, reason: &str) -> Result<()> {
        self.require_state(group, election, &[ElectionState::Nominations], "close nominations").await?;
        crate::fields::date("on", "The day nominations close", on)?;
        let reason = text("reason", "The reason", reason, 500)?;
        let (opened, closes, early): (NaiveDate, NaiveDate, Option<String>) =
            sqlx::query_as("SELECT call_issued_on, nominations_close, nominations_closed_early FROM elections WHERE id = ?")
                .bind(election)
                .fetch_one(self.conn())
                .await?;
        if early.is_some() {
            return Err(invalid("on", format!("Nominations were already closed early, on {}.", secretariat_rules::uk_date(closes))));
        }
        if on >= closes {
            return Err(invalid("on", format!("Nominations close on {} as called; closing early means an earlier day.", secretariat_rules::uk_date(closes))));
        }
        if on < opened {
            return Err(invalid("on", "Nominations cannot close before the call was issued."));
        }
        let later: Option<NaiveDate> = sqlx::query_scalar("SELECT max(received_on) FROM nominations WHERE election_id = ? AND received_on > ?")
            .bind(election)
            .bind(on)
            .fetch_one(self.conn())
            .await?;
        if let Some(day) = later {
            return Err(invalid("on", format!("A nomination was received on {}, after that day.", secretariat_rules::uk_date(day))));
        }
        sqlx::query("UPDATE elections SET nominations_close = ?, nominations_closed_early = ? WHERE id = ?")
            .bind(on)
            .bind(&reason)
            .bind(election)
            .execute(self.conn())
            .await?;
        self.audit(Some(group), "election", election, "close_nominations_early", json!({ "on": on, "called_for": closes, "reason": reason })).await
    }

    /// Chooses how a contested election is counted.
    pub async fn set_method(&mut self, group: GroupId, election: Id, method: Method) -> Result<()> {
        self.require_state(group, election, &[ElectionState::Nominations, ElectionState::Voting], "change the method").await?;
        let seats: u32 = sqlx::query_scalar("SELECT seats FROM elections WHERE id = ?").bind(election).fetch_one(self.conn()).await?;
        if seats > 1 && matches!(method, Method::Plurality | Method::InstantRunoff) {
            return Err(invalid("method", "Plurality and instant run-off fill one seat; choose block vote or STV for several."));
        }
        let printed: i64 = sqlx::query_scalar("SELECT count(*) FROM ballot_papers WHERE election_id = ?").bind(election).fetch_one(self.conn()).await?;
        if printed > 0 {
            return Err(invalid("method", "Ballot papers have been printed for the current method; the method can no longer change."));
        }
        sqlx::query("UPDATE elections SET method = ? WHERE id = ?").bind(method_str(method)).bind(election).execute(self.conn()).await?;
        self.audit(Some(group), "election", election, "method", json!({ "method": method_str(method) })).await
    }

    pub async fn set_returning_officer(&mut self, group: GroupId, election: Id, name: &str) -> Result<()> {
        let name = optional_text("returning_officer", "The returning officer", name, 120)?;
        let done = sqlx::query("UPDATE elections SET returning_officer = ? WHERE id = ? AND group_id = ?")
            .bind(&name)
            .bind(election)
            .bind(group)
            .execute(self.conn())
            .await?;
        touched(done, || format!("Election {election}"))?;
        self.audit(Some(group), "election", election, "returning_officer", json!({ "name": name })).await
    }

    /// Closes nominations and opens the vote, with the electorate (who may vote)
    /// and the day papers must be back by.
    pub async fn open_voting(&mut self, group: GroupId, election: Id, electors: &[Id], poll_closes: NaiveDate) -> Result<()> {
        self.require_state(group, election, &[ElectionState::Nominations], "open the vote").await?;
        crate::fields::date("poll_closes", "The close of the poll", poll_closes)?;
        let closes: NaiveDate = sqlx::query_scalar("SELECT nominations_close FROM elections WHERE id = ?").bind(election).fetch_one(self.conn()).await?;
        if poll_closes <= closes {
            return Err(invalid("poll_closes", "The vote must close after nominations do."));
        }
        let method: Option<String> = sqlx::query_scalar("SELECT method FROM elections WHERE id = ?").bind(election).fetch_one(self.conn()).await?;
        if method.is_none() {
            return Err(invalid("method", "Choose how the votes will be counted first."));
        }
        if electors.is_empty() {
            return Err(invalid("electors", "Choose who may vote."));
        }
        for &person in electors {
            self.must_exist(Table::People, group, person, "electors").await?;
            sqlx::query("INSERT OR IGNORE INTO electors (election_id, person_id) VALUES (?, ?)").bind(election).bind(person).execute(self.conn()).await?;
        }
        sqlx::query("UPDATE elections SET state = 'voting', poll_closes = ? WHERE id = ?").bind(poll_closes).bind(election).execute(self.conn()).await?;
        self.audit(Some(group), "election", election, "open_voting", json!({ "electors": electors.len(), "poll_closes": poll_closes })).await
    }

    /// Records that an elector was issued a paper (never which one).
    pub async fn issue_paper(&mut self, group: GroupId, election: Id, person: Id) -> Result<()> {
        self.require_state(group, election, &[ElectionState::Voting], "issue papers").await?;
        let issued: Option<bool> = sqlx::query_scalar("SELECT issued FROM electors WHERE election_id = ? AND person_id = ?")
            .bind(election)
            .bind(person)
            .fetch_optional(self.conn())
            .await?;
        match issued {
            None => return Err(invalid("person_id", "This person is not on the electorate for this election.")),
            Some(true) => return Err(invalid("person_id", "This elector has already been issued a paper.")),
            Some(false) => {}
        }
        sqlx::query("UPDATE electors SET issued = 1 WHERE election_id = ? AND person_id = ?").bind(election).bind(person).execute(self.conn()).await?;
        // Against the election, naming no one: a row per elector would order the electors,
        // and lined up with the print runs would say which paper went to whom.
        self.audit(Some(group), "election", election, "issue_paper", json!({})).await
    }

    /// Numbers `copies` new papers consecutively after the last serial printed.
    pub async fn print_papers(&mut self, group: GroupId, election: Id, copies: u32) -> Result<Vec<u32>> {
        self.require_state(group, election, &[ElectionState::Voting], "print ballot papers").await?;
        if copies == 0 || copies > 5000 {
            return Err(invalid("copies", "Print between 1 and 5,000 papers at a time."));
        }
        let electors: u32 = sqlx::query_scalar("SELECT count(*) FROM electors WHERE election_id = ?").bind(election).fetch_one(self.conn()).await?;
        secrecy::check_print_run(copies, electors).map_err(|message| invalid("copies", message))?;
        let last: u32 =
            sqlx::query_scalar("SELECT coalesce(max(serial), 0) FROM ballot_papers WHERE election_id = ?").bind(election).fetch_one(self.conn()).await?;
        let batch: u32 =
            sqlx::query_scalar("SELECT coalesce(max(batch), 0) + 1 FROM ballot_papers WHERE election_id = ?").bind(election).fetch_one(self.conn()).await?;
        let serials: Vec<u32> = (last + 1..=last + copies).collect();
        for serial in &serials {
            sqlx::query("INSERT INTO ballot_papers (election_id, serial, batch) VALUES (?, ?, ?)")
                .bind(election)
                .bind(serial)
                .bind(batch)
                .execute(self.conn())
                .await?;
        }
        self.audit(Some(group), "ballot_papers", election, "print", json!({ "from": last + 1, "to": last + copies })).await?;
        Ok(serials)
    }

    /// Marks papers spoilt (damaged, misprinted or reprinted); their numbers are never reused.
    pub async fn spoil_papers(&mut self, group: GroupId, election: Id, serials: &[u32]) -> Result<()> {
        self.set_paper_state(group, election, serials, "spoilt").await
    }

    /// Marks papers the returning officer counted back unissued.
    pub async fn mark_unused(&mut self, group: GroupId, election: Id, serials: &[u32]) -> Result<()> {
        self.set_paper_state(group, election, serials, "unused").await
    }

    async fn set_paper_state(&mut self, group: GroupId, election: Id, serials: &[u32], state: &'static str) -> Result<()> {
        self.require_state(group, election, &[ElectionState::Voting], "change papers").await?;
        if serials.is_empty() {
            return Err(invalid("serials", "Give the serial numbers of the papers."));
        }
        for &serial in serials {
            let returned: Option<i64> = sqlx::query_scalar("SELECT 1 FROM returned_papers WHERE election_id = ? AND serial = ?")
                .bind(election)
                .bind(serial)
                .fetch_optional(self.conn())
                .await?;
            if returned.is_some() {
                return Err(invalid("serials", format!("Paper {serial} has been entered as returned.")));
            }
            let done = sqlx::query("UPDATE ballot_papers SET state = ? WHERE election_id = ? AND serial = ? AND state = 'printed'")
                .bind(state)
                .bind(election)
                .bind(serial)
                .execute(self.conn())
                .await?;
            if done.rows_affected() == 0 {
                return Err(invalid("serials", format!("Paper {serial} was not printed for this election, or is already spoilt or unused.")));
            }
        }
        self.audit(Some(group), "ballot_papers", election, state, json!({ "serials": serials })).await
    }

    /// Enters one returned paper as read at the count. The choices are checked by
    /// the caller against the method; here: the serial is one printed, live, and new.
    pub async fn enter_paper(&mut self, group: GroupId, election: Id, input: &ReturnedPaperInput) -> Result<Id> {
        self.require_state(group, election, &[ElectionState::Voting], "enter returned papers").await?;
        let entered_by = text("entered_by", "Who entered the paper", &input.entered_by, 120)?;
        match input.serial {
            Some(serial) => {
                let state: Option<String> = sqlx::query_scalar("SELECT state FROM ballot_papers WHERE election_id = ? AND serial = ?")
                    .bind(election)
                    .bind(serial)
                    .fetch_optional(self.conn())
                    .await?;
                match state.as_deref() {
                    None => return Err(invalid("serial", format!("No paper numbered {serial} was printed for this election."))),
                    Some("spoilt") => return Err(invalid("serial", format!("Paper {serial} was spoilt; a spoilt paper cannot be counted."))),
                    Some("unused") => return Err(invalid("serial", format!("Paper {serial} was recorded as unused."))),
                    _ => {}
                }
            }
            None if input.rejection != Some(Rejection::NoSerial) => {
                return Err(invalid("serial", "Give the paper's serial number, or reject it as having none."));
            }
            None => {}
        }
        let nominations: Vec<Id> =
            sqlx::query_scalar("SELECT id FROM nominations WHERE election_id = ? AND withdrawn_on IS NULL").bind(election).fetch_all(self.conn()).await?;
        if input.choices.iter().any(|(n, _)| !nominations.contains(n)) {
            return Err(invalid("choices", "A mark is against someone who is not standing in this election."));
        }
        let id: Id = sqlx::query_scalar(
            "INSERT INTO returned_papers (election_id, serial, choices, rejection, entered_by) VALUES (?, ?, ?, ?, ?) \
             ON CONFLICT (election_id, serial) DO NOTHING RETURNING id",
        )
        .bind(election)
        .bind(input.serial)
        .bind(serde_json::to_string(&input.choices).expect("pairs of integers serialise"))
        .bind(input.rejection.map(rejection_str))
        .bind(&entered_by)
        .fetch_optional(self.conn())
        .await?
        .ok_or_else(|| invalid("serial", format!("Paper {} has already been entered.", input.serial.unwrap_or_default())))?;
        // The audit says a paper was entered, never what was on it.
        self.audit(
            Some(group),
            "returned_paper",
            id,
            "enter",
            json!({ "election_id": election, "serial": input.serial, "rejected": input.rejection.is_some() }),
        )
        .await?;
        Ok(id)
    }

    /// A second person confirms a paper was entered as marked.
    pub async fn verify_paper(&mut self, group: GroupId, election: Id, paper: Id, verified_by: &str) -> Result<()> {
        self.require_state(group, election, &[ElectionState::Voting], "verify papers").await?;
        let verified_by = text("verified_by", "Who verified the paper", verified_by, 120)?;
        let entered_by: String = sqlx::query_scalar("SELECT entered_by FROM returned_papers WHERE id = ? AND election_id = ?")
            .bind(paper)
            .bind(election)
            .fetch_optional(self.conn())
            .await?
            .ok_or_else(|| StoreError::NotFound { what: format!("Returned paper {paper}") })?;
        if entered_by.to_lowercase() == verified_by.to_lowercase() {
            return Err(invalid("verified_by", "The paper must be verified by someone other than the person who entered it."));
        }
        sqlx::query("UPDATE returned_papers SET verified_by = ? WHERE id = ?").bind(&verified_by).bind(paper).execute(self.conn()).await?;
        self.audit(Some(group), "returned_paper", paper, "verify", json!({ "verified_by": verified_by })).await
    }

    /// Removes a paper entered by mistake, so it can be entered again.
    pub async fn remove_paper(&mut self, group: GroupId, election: Id, paper: Id) -> Result<()> {
        self.require_state(group, election, &[ElectionState::Voting], "correct entered papers").await?;
        let done = sqlx::query("DELETE FROM returned_papers WHERE id = ? AND election_id = ?").bind(paper).bind(election).execute(self.conn()).await?;
        touched(done, || format!("Returned paper {paper}"))?;
        self.audit(Some(group), "returned_paper", paper, "remove", json!({ "election_id": election })).await
    }

    /// Stores the count (JSON, with its stages and any lots drawn).
    pub async fn record_count(&mut self, group: GroupId, election: Id, count_json: &str) -> Result<()> {
        self.require_state(group, election, &[ElectionState::Voting, ElectionState::Counted], "count it").await?;
        sqlx::query("UPDATE elections SET count = ?, state = 'counted' WHERE id = ?").bind(count_json).bind(election).execute(self.conn()).await?;
        let issued: u32 =
            sqlx::query_scalar("SELECT count(*) FROM electors WHERE election_id = ? AND issued = 1").bind(election).fetch_one(self.conn()).await?;
        self.audit(Some(group), "election", election, "count", json!({ "papers_issued": issued })).await
    }

    /// Declares the result. The winners' terms are opened by the caller in this same transaction.
    pub async fn declare(&mut self, group: GroupId, election: Id, on: NaiveDate, outcome: Outcome, returning_officer: &str) -> Result<()> {
        crate::fields::date("on", "The declaration's date", on)?;
        let allowed: &[ElectionState] = match outcome {
            Outcome::Unopposed => &[ElectionState::Nominations],
            Outcome::Elected => &[ElectionState::Counted],
        };
        self.require_state(group, election, allowed, "declare a result").await?;
        let officer = text("returning_officer", "The returning officer", returning_officer, 120)?;
        let outcome_text = match outcome {
            Outcome::Unopposed => "unopposed",
            Outcome::Elected => "elected",
        };
        sqlx::query("UPDATE elections SET state = 'declared', declared_on = ?, outcome = ?, returning_officer = ? WHERE id = ?")
            .bind(on)
            .bind(outcome_text)
            .bind(&officer)
            .bind(election)
            .execute(self.conn())
            .await?;
        self.audit(Some(group), "election", election, "declare", json!({ "on": on, "outcome": outcome_text, "returning_officer": officer })).await
    }

    pub async fn cancel_election(&mut self, group: GroupId, election: Id) -> Result<()> {
        self.require_state(group, election, &[ElectionState::Nominations, ElectionState::Voting, ElectionState::Counted], "cancel it").await?;
        sqlx::query("UPDATE elections SET state = 'cancelled' WHERE id = ?").bind(election).execute(self.conn()).await?;
        self.audit(Some(group), "election", election, "cancel", json!({})).await
    }
}

impl Store {
    pub async fn elections(&self, group: GroupId) -> Result<Vec<ElectionSummary>> {
        let sql = format!("{ELECTION_COLUMNS} WHERE e.group_id = ? ORDER BY e.call_issued_on DESC, e.id DESC");
        sqlx::query_as::<_, ElectionRow>(sqlx::AssertSqlSafe(sql)).bind(group).fetch_all(&self.pool).await?.into_iter().map(summary).collect()
    }

    pub async fn election(&self, group: GroupId, id: Id) -> Result<ElectionRecord> {
        let sql = format!("{ELECTION_COLUMNS} WHERE e.id = ? AND e.group_id = ?");
        let row = sqlx::query_as::<_, ElectionRow>(sqlx::AssertSqlSafe(sql))
            .bind(id)
            .bind(group)
            .fetch_optional(&self.pool)
            .await?
            .ok_or_else(|| StoreError::NotFound { what: format!("Election {id}") })?;
        let summary = summary(row)?;
        let seats = sqlx::query_as::<_, (Id, String, u32)>(
            "SELECT s.id, s.title, s.position FROM election_seats es JOIN seats s ON s.id = es.seat_id WHERE es.election_id = ? ORDER BY s.position",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?
        .into_iter()
        .map(|(id, title, position)| SeatRef { id, title, position })
        .collect();
        type NominationRow = (Id, Id, String, String, Option<Id>, Option<String>, Option<bool>, String, String, NaiveDate, Option<NaiveDate>);
        let mut nominations: Vec<NominationView> = sqlx::query_as::<_, NominationRow>(
            "SELECT n.id, n.person_id, p.name, p.sort_as, n.organisation_id, o.name, o.sme, n.proposer, n.statement, n.received_on, n.withdrawn_on \
             FROM nominations n JOIN people p ON p.id = n.person_id LEFT JOIN organisations o ON o.id = n.organisation_id \
             WHERE n.election_id = ? ORDER BY n.id",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?
        .into_iter()
        .map(|(id, person_id, name, sort_as, organisation_id, organisation, sme, proposer, statement, received_on, withdrawn_on)| NominationView {
            id,
            person_id,
            sort_as: names::sort_as(&name, &sort_as),
            name,
            organisation_id,
            organisation,
            sme: sme.unwrap_or(false),
            proposer,
            statement,
            received_on,
            withdrawn_on,
        })
        .collect();
        // UK ballot papers list candidates alphabetically by surname (issue #18).
        nominations.sort_by(|a, b| names::compare(&a.sort_as, &b.sort_as).then(a.id.cmp(&b.id)));
        let electors = sqlx::query_as::<_, (Id, String, bool)>(
            "SELECT e.person_id, p.name, e.issued FROM electors e JOIN people p ON p.id = e.person_id WHERE e.election_id = ? ORDER BY p.name COLLATE NOCASE",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?
        .into_iter()
        .map(|(person_id, name, issued)| ElectorView { person_id, name, issued })
        .collect();
        let serials = sqlx::query_as::<_, (u32, String, bool)>(
            "SELECT b.serial, b.state, EXISTS (SELECT 1 FROM returned_papers r WHERE r.election_id = b.election_id AND r.serial = b.serial) \
             FROM ballot_papers b WHERE b.election_id = ? ORDER BY b.serial",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?
        .into_iter()
        .map(|(serial, state, returned)| SerialView {
            serial,
            state: match state.as_str() {
                "spoilt" => SerialState::Spoilt,
                "unused" => SerialState::Unused,
                _ if returned => SerialState::Returned,
                _ => SerialState::Printed,
            },
        })
        .collect();
        let returned = sqlx::query_as::<_, (Id, Option<u32>, String, Option<String>, String, Option<String>)>(
            "SELECT id, serial, choices, rejection, entered_by, verified_by FROM returned_papers WHERE election_id = ? ORDER BY serial IS NULL, serial, id",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?
        .into_iter()
        .map(|(id, serial, choices, rejection, entered_by, verified_by)| {
            Ok(ReturnedPaperView {
                id,
                serial,
                choices: serde_json::from_str(&choices).map_err(|e| StoreError::Database(e.to_string()))?,
                rejection: rejection.as_deref().map(parse_rejection).transpose()?,
                entered_by,
                verified_by,
            })
        })
        .collect::<Result<_>>()?;
        let count_json: Option<String> = sqlx::query_scalar("SELECT count FROM elections WHERE id = ?").bind(id).fetch_one(&self.pool).await?;
        Ok(ElectionRecord { summary, seats, nominations, electors, serials, returned, count_json })
    }

    /// The serials of the latest print run, to print (again).
    pub async fn latest_batch(&self, group: GroupId, election: Id) -> Result<Vec<u32>> {
        Ok(sqlx::query_scalar(
            "SELECT b.serial FROM ballot_papers b JOIN elections e ON e.id = b.election_id WHERE b.election_id = ? AND e.group_id = ? \
             AND b.batch = (SELECT max(batch) FROM ballot_papers WHERE election_id = b.election_id) AND b.state = 'printed' ORDER BY b.serial",
        )
        .bind(election)
        .bind(group)
        .fetch_all(&self.pool)
        .await?)
    }

    /// Seats being filled by an election still in progress.
    pub async fn seats_in_elections(&self, group: GroupId) -> Result<Vec<Id>> {
        Ok(sqlx::query_scalar(
            "SELECT es.seat_id FROM election_seats es JOIN elections e ON e.id = es.election_id \
             WHERE e.group_id = ? AND e.state IN ('nominations', 'voting', 'counted')",
        )
        .bind(group)
        .fetch_all(&self.pool)
        .await?)
    }
}
