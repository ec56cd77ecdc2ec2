//! Counting the group's elections: pure, deterministic, integer arithmetic only.
//!
//! [`count`] takes an [`Election`] (candidates, ballots, and the Terms of Reference's
//! [`Constraints`]) and a [`Lot`] for ties, and returns a [`Count`]: every stage with each
//! candidate's total, in plain English, with every tie recorded. Four methods:
//!
//! - [`Method::ScottishStv`] — the single transferable vote exactly as the Scottish Local
//!   Government Elections Order 2007 (SSI 2007/42, Schedule 1 rules 45–52) counts it: Droop
//!   quota, whole surpluses transferred at transfer values truncated to five decimal places,
//!   ties by the earlier stages and then by lot. It reproduces, stage by stage, the reference
//!   counts of the independent counter Droop (see `tests/elections/scottish_reference.rs`).
//! - [`Method::Block`] — "vote for up to N": the N highest totals win.
//! - [`Method::Plurality`] — block vote for one seat.
//! - [`Method::InstantRunoff`] — one seat; the lowest is excluded until someone has a majority
//!   of the votes still in the count. Written separately from the STV count, so that "STV with
//!   one seat elects the IRV winner" is a real test.
//!
//! Every method respects the ToR's constraints — no winner from a continuing member's
//! organisation and one per organisation (ToR §14), an SME minimum (ToR §13) — by one rule,
//! documented in `constraints.rs` and `CONSTRAINTS.md`: a candidate whose election would make
//! the constraints impossible to meet is deemed excluded, and one whose exclusion would is
//! protected.
//!
//! Also here: the BLT ballot file format ([`parse_blt`], [`write_blt`]), and [`papers`], the
//! checks made on each paper at the count and the reconciliation of the paper counts; and
//! [`secrecy`], what the records of a vote may hold and how papers are numbered so that no
//! number can be traced to the elector who received it.
//!
//! No I/O, no clock, no floats: [`Votes`] are integers in units of 1/100000.

mod block;
mod blt;
mod constraints;
mod irv;
mod lot;
mod outcome;
pub mod papers;
pub mod secrecy;
mod stv;
mod votes;

pub use blt::{BltError, BltFile, parse_blt, write_blt};
pub use constraints::Constraints;
pub use lot::{Lot, SeededLot, TiePurpose, TieRecord, TieResolution};
pub use outcome::{CandidateState, Count, Stage, StageAction};
pub use papers::{Reconciliation, ReconciliationError, Rejection, check_marks, check_preferences};
pub use votes::{Votes, VotesParseError};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// How the votes are counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum Method {
    /// Single transferable vote under SSI 2007/42.
    ScottishStv,
    /// Vote for up to as many candidates as seats; the highest totals win.
    Block,
    /// One seat; one mark; the highest total wins.
    Plurality,
    /// One seat; preferences; the lowest is excluded until someone has a majority.
    InstantRunoff,
}

impl Method {
    pub fn label(self) -> &'static str {
        match self {
            Method::ScottishStv => "Single transferable vote (Scottish rules)",
            Method::Block => "Block vote",
            Method::Plurality => "Plurality",
            Method::InstantRunoff => "Instant run-off",
        }
    }

    /// Whether papers are marked with preferences (1, 2, 3…) rather than crosses.
    pub fn ranked(self) -> bool {
        matches!(self, Method::ScottishStv | Method::InstantRunoff)
    }

    /// Whether the method fills exactly one seat.
    pub fn single_seat(self) -> bool {
        matches!(self, Method::Plurality | Method::InstantRunoff)
    }
}

/// Someone standing for election.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Candidate {
    pub name: String,
    /// The organisation's normalised key, for ToR §14; `None` when it does not matter.
    pub organisation: Option<String>,
    /// From an SME, for ToR §13.
    pub sme: bool,
}

impl Candidate {
    /// A candidate with no organisation and not from an SME.
    pub fn named(name: impl Into<String>) -> Self {
        Candidate { name: name.into(), organisation: None, sme: false }
    }
}

/// One or more identical ballot papers.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
pub struct Ballot {
    /// How many papers are marked exactly like this.
    pub weight: u32,
    /// Candidate indexes: in order of preference, or (block, plurality) the candidates marked.
    pub preferences: Vec<usize>,
}

/// Everything a count needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Election {
    pub title: String,
    pub seats: usize,
    pub candidates: Vec<Candidate>,
    /// Candidates withdrawn after the papers were printed: preferences for them are skipped.
    pub withdrawn: Vec<usize>,
    /// Valid papers only; papers rejected at the count (see [`papers`]) are not ballots.
    pub ballots: Vec<Ballot>,
    pub constraints: Constraints,
}

/// Why an election cannot be counted: the input is malformed, never "the result is awkward".
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum CountError {
    #[error("There are no seats to fill.")]
    NoSeats,
    #[error("There are no candidates.")]
    NoCandidates,
    #[error("{} fills one seat, not {seats}.", method.label())]
    SingleSeatOnly { method: Method, seats: usize },
    #[error("Withdrawn candidate number {candidate} does not exist: there are {candidates} candidates.")]
    UnknownWithdrawn { candidate: usize, candidates: usize },
    #[error("Ballot {} names candidate number {candidate}, but there are only {candidates} candidates.", ballot + 1)]
    UnknownCandidate { ballot: usize, candidate: usize, candidates: usize },
    #[error("Ballot {} names candidate number {candidate} twice.", ballot + 1)]
    RepeatedCandidate { ballot: usize, candidate: usize },
    #[error("Ballot {} has a weight of 0; a ballot stands for at least one paper.", ballot + 1)]
    ZeroWeight { ballot: usize },
    #[error("Ballot {} has {marks} marks, but only {allowed} are allowed.", ballot + 1)]
    TooManyMarks { ballot: usize, marks: usize, allowed: usize },
    #[error("There are too many votes to count ({votes}).")]
    TooManyVotes {
        #[ts(type = "number")]
        votes: u64,
    },
    #[error("The lot chose candidate number {chosen}, who is not one of the tied candidates {tied:?}.")]
    LotOutsideTie { chosen: usize, tied: Vec<usize> },
}

/// Counts `election` by `method`, asking `lot` to decide any tie the rules leave to chance.
pub fn count(method: Method, election: &Election, lot: &mut dyn Lot) -> Result<Count, CountError> {
    validate(method, election)?;
    match method {
        Method::ScottishStv => stv::count(election, lot),
        Method::Block | Method::Plurality => block::count(method, election, lot),
        Method::InstantRunoff => irv::count(election, lot),
    }
}

/// Votes fit in [`Votes`] with room for every sum a count makes.
const MAX_PAPERS: u64 = 1 << 40;

fn validate(method: Method, election: &Election) -> Result<(), CountError> {
    let n = election.candidates.len();
    if election.seats == 0 {
        return Err(CountError::NoSeats);
    }
    if n == 0 {
        return Err(CountError::NoCandidates);
    }
    if method.single_seat() && election.seats != 1 {
        return Err(CountError::SingleSeatOnly { method, seats: election.seats });
    }
    if let Some(&candidate) = election.withdrawn.iter().find(|&&w| w >= n) {
        return Err(CountError::UnknownWithdrawn { candidate: candidate + 1, candidates: n });
    }
    let allowed_marks = match method {
        Method::Block => election.seats,
        Method::Plurality => 1,
        Method::ScottishStv | Method::InstantRunoff => n,
    };
    // `seen[c] == i + 1` when ballot `i` has named candidate `c`: one pass, no clearing.
    let mut seen = vec![0usize; n];
    let mut papers = 0u64;
    for (i, ballot) in election.ballots.iter().enumerate() {
        if ballot.weight == 0 {
            return Err(CountError::ZeroWeight { ballot: i });
        }
        for &c in &ballot.preferences {
            if c >= n {
                return Err(CountError::UnknownCandidate { ballot: i, candidate: c + 1, candidates: n });
            }
            if seen[c] == i + 1 {
                return Err(CountError::RepeatedCandidate { ballot: i, candidate: c + 1 });
            }
            seen[c] = i + 1;
        }
        if ballot.preferences.len() > allowed_marks {
            return Err(CountError::TooManyMarks { ballot: i, marks: ballot.preferences.len(), allowed: allowed_marks });
        }
        papers += u64::from(ballot.weight);
    }
    if papers > MAX_PAPERS {
        return Err(CountError::TooManyVotes { votes: papers });
    }
    Ok(())
}

/// The standing candidates named on each ballot, in order, with withdrawn candidates left out;
/// ballots naming nobody standing are not valid votes and are dropped.
fn standing_ballots(election: &Election) -> Vec<(u32, Vec<usize>)> {
    let mut withdrawn = vec![false; election.candidates.len()];
    for &w in &election.withdrawn {
        withdrawn[w] = true;
    }
    election
        .ballots
        .iter()
        .map(|b| (b.weight, b.preferences.iter().copied().filter(|&c| !withdrawn[c]).collect::<Vec<_>>()))
        .filter(|(_, prefs)| !prefs.is_empty())
        .collect()
}

#[cfg(test)]
mod tests;
