//! What a count produces — [`Count`], its [`Stage`]s and each candidate's
//! [`CandidateState`] — and the [`Sheet`] every method writes them on.

use super::lot::{self, Keep, Lot, TiePurpose, TieRecord, TieResolution};
use super::{CountError, Election, Method, Votes};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Where a candidate stands at the end of a stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum CandidateState {
    /// Still in the count: a "continuing candidate" (SSI 2007/42 art. 2).
    Hopeful,
    Elected,
    /// Excluded, deemed excluded, or (in the last stage) left without a seat when the count ended.
    Excluded,
    /// Withdrawn before the poll: never in the count.
    Withdrawn,
}

/// What happened at a stage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum StageAction {
    /// First preferences (or marks) counted.
    Begin,
    /// A block or single-seat candidate chosen for a seat (one decision per stage).
    Elect { candidate: usize },
    /// An elected candidate's surplus transferred (SSI 2007/42 rules 48–49).
    Transfer { from: usize, surplus: Votes },
    /// The candidate with the fewest votes excluded (SSI 2007/42 rules 50–51); `protected`
    /// had as few or fewer but could not be excluded without breaking ToR §13 or §14.
    Exclude { candidate: usize, protected: Vec<usize> },
    /// Candidates the Terms of Reference do not allow to be elected, excluded (ToR §13, §14).
    DeemedExcluded { candidates: Vec<usize> },
}

/// One stage of the count, with every candidate's total at its end.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Stage {
    /// 1 for the first stage.
    pub number: u32,
    pub action: StageAction,
    /// What happened, in plain English, citing the rule or ToR paragraph that decided it.
    pub description: String,
    /// Each candidate's votes at the end of the stage, by candidate index.
    pub totals: Vec<Votes>,
    /// Votes on papers with no further preference for a continuing candidate, so far.
    pub non_transferable: Votes,
    pub states: Vec<CandidateState>,
    /// The candidates elected at this stage, in order of election.
    pub elected: Vec<usize>,
}

/// A finished count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Count {
    pub method: Method,
    pub seats: usize,
    /// The Droop quota (SSI 2007/42 rule 46); `None` for methods without one.
    pub quota: Option<Votes>,
    /// Candidate names, by index.
    pub candidates: Vec<String>,
    pub stages: Vec<Stage>,
    /// The winners, in order of election. Fewer than `seats` when too few candidates could be elected.
    pub elected: Vec<usize>,
    pub ties: Vec<TieRecord>,
    /// Votes on valid papers: papers with at least one preference or mark for a standing candidate.
    pub valid_votes: Votes,
}

/// The working state of a count, and the stages written so far.
pub(crate) struct Sheet<'e> {
    pub election: &'e Election,
    pub states: Vec<CandidateState>,
    pub totals: Vec<Votes>,
    pub non_transferable: Votes,
    pub stages: Vec<Stage>,
    pub elected: Vec<usize>,
    pub ties: Vec<TieRecord>,
}

impl<'e> Sheet<'e> {
    pub fn new(election: &'e Election) -> Self {
        let n = election.candidates.len();
        let mut states = vec![CandidateState::Hopeful; n];
        for &w in &election.withdrawn {
            states[w] = CandidateState::Withdrawn;
        }
        Sheet { election, states, totals: vec![Votes::ZERO; n], non_transferable: Votes::ZERO, stages: vec![], elected: vec![], ties: vec![] }
    }

    pub fn name(&self, candidate: usize) -> &'e str {
        &self.election.candidates[candidate].name
    }

    /// The names of `candidates` as a list in English: "A", "A and B", "A, B and C".
    pub fn names(&self, candidates: &[usize]) -> String {
        let names: Vec<&str> = candidates.iter().map(|&c| self.name(c)).collect();
        match names.split_last() {
            None => String::new(),
            Some((last, [])) => (*last).to_owned(),
            Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
        }
    }

    pub fn is_hopeful(&self, candidate: usize) -> bool {
        self.states[candidate] == CandidateState::Hopeful
    }

    pub fn hopeful(&self) -> Vec<usize> {
        (0..self.states.len()).filter(|&c| self.is_hopeful(c)).collect()
    }

    /// The number the next stage will have.
    pub fn next_stage(&self) -> u32 {
        self.stages.len() as u32 + 1
    }

    /// The number of the stage written last.
    pub fn this_stage(&self) -> u32 {
        self.stages.len() as u32
    }

    /// Writes a stage with the totals and states as they are now.
    pub fn push_stage(&mut self, action: StageAction, description: String) {
        self.stages.push(Stage {
            number: self.next_stage(),
            action,
            description,
            totals: self.totals.clone(),
            non_transferable: self.non_transferable,
            states: self.states.clone(),
            elected: vec![],
        });
    }

    /// Adds a sentence to the last stage's description.
    pub fn note(&mut self, sentence: &str) {
        if sentence.is_empty() {
            return;
        }
        let stage = self.stages.last_mut().expect("a stage has been written");
        if !stage.description.is_empty() {
            stage.description.push(' ');
        }
        stage.description.push_str(sentence);
    }

    /// Elects `candidate` at the last stage written, saying why in `sentence`.
    pub fn elect(&mut self, candidate: usize, sentence: &str) {
        self.states[candidate] = CandidateState::Elected;
        self.elected.push(candidate);
        let stage = self.stages.last_mut().expect("a stage has been written");
        stage.states[candidate] = CandidateState::Elected;
        stage.elected.push(candidate);
        self.note(sentence);
    }

    /// Resolves a tie (earlier stages, then lot), records it, and returns the chosen
    /// candidate with a sentence for the stage's description (none when nobody was tied).
    /// `rule` is the citation for the look-back and the lot, e.g. "SSI 2007/42 rule 51", or "".
    pub fn break_tie(
        &mut self,
        tied: &[usize],
        keep: Keep,
        purpose: TiePurpose,
        at_stage: u32,
        rule: &str,
        lot: &mut dyn Lot,
    ) -> Result<(usize, Option<String>), CountError> {
        if let [only] = tied {
            return Ok((*only, None));
        }
        let record = lot::resolve(&self.stages, tied, keep, purpose, at_stage, lot)?;
        let chosen = record.chosen;
        let sentence = self.tie_sentence(&record, keep, rule);
        self.ties.push(record);
        Ok((chosen, Some(sentence)))
    }

    fn tie_sentence(&self, record: &TieRecord, keep: Keep, rule: &str) -> String {
        let tied = self.names(&record.candidates);
        let chosen = self.name(record.chosen);
        let cite = if rule.is_empty() { String::new() } else { format!(" ({rule})") };
        let end = match keep {
            Keep::Lowest => "fewest",
            Keep::Highest => "most",
        };
        match &record.resolution {
            TieResolution::EarlierStage { stage } => {
                format!("{tied} have equal votes; at stage {stage}, the most recent stage at which they differed, {chosen} had the {end}{cite}.")
            }
            TieResolution::Lot { among } => format!(
                "{tied} have equal votes and {} level at every earlier stage, so the tie was decided by lot: {chosen}{cite}.",
                if among.len() == record.candidates.len() { "were".to_owned() } else { format!("{} were", self.names(among)) },
            ),
        }
    }

    /// Ends the count: candidates still hopeful are not elected; says so, and why any seat is unfilled.
    pub fn finish(mut self, method: Method, quota: Option<Votes>, valid_votes: Votes, unfilled_reason: Option<String>) -> Count {
        let left = self.hopeful();
        if self.stages.is_empty() {
            self.push_stage(StageAction::Begin, String::new());
        }
        for &c in &left {
            self.states[c] = CandidateState::Excluded;
            self.stages.last_mut().expect("a stage exists").states[c] = CandidateState::Excluded;
        }
        if !left.is_empty() {
            let verb = if left.len() == 1 { "is" } else { "are" };
            self.note(&format!("The count is complete: {} {verb} not elected.", self.names(&left)));
        }
        let seats = self.election.seats;
        if self.elected.len() < seats {
            let unfilled = seats - self.elected.len();
            let reason = unfilled_reason.unwrap_or_else(|| "too few candidates could be elected".to_owned());
            self.note(&format!("{unfilled} of the {seats} seats {} unfilled: {reason}.", if unfilled == 1 { "is" } else { "are" }));
        }
        Count {
            method,
            seats,
            quota,
            candidates: self.election.candidates.iter().map(|c| c.name.clone()).collect(),
            stages: self.stages,
            elected: self.elected,
            ties: self.ties,
            valid_votes,
        }
    }
}
