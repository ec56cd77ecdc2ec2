//! The single transferable vote as SSI 2007/42 (Schedule 1, rules 45–52) counts it, with the
//! ToR's constraints applied by the doomed-and-guarded rule (see `constraints.rs`).
//!
//! Each stage is one of: the first stage (rules 45–46); the transfer of one surplus (rules
//! 48–49); one exclusion (rules 50–51); or, only when constraints apply, the deemed exclusion
//! of the candidates the ToR forbid to win. After each, candidates reaching the quota are
//! deemed elected (rule 47), and when the continuing candidates are as many as the seats left
//! they are all elected and the count stops (rule 52).
//!
//! Two readings worth stating:
//! - A candidate elected with exactly the quota has no surplus, so there is no stage for it:
//!   rule 48 applies when a total *exceeds* the quota, and rule 50(1)(b) then excludes.
//! - A paper's transfer value is `value × surplus ÷ total`, truncated to five decimal places
//!   per paper (rule 48(3)–(4)); the votes lost to truncation are neither anyone's nor
//!   non-transferable, which is why the totals need not add up to the valid votes.

use super::constraints::ConstraintCheck;
use super::lot::{Keep, Lot, TiePurpose};
use super::outcome::{CandidateState, Count, Sheet, StageAction};
use super::{CountError, Election, Method, Votes, standing_ballots};

pub(super) fn count(election: &Election, lot: &mut dyn Lot) -> Result<Count, CountError> {
    let mut stv = Stv::new(election);
    stv.run(lot)?;
    let unfilled = stv.rules.shortfall(election.seats);
    Ok(stv.sheet.finish(Method::ScottishStv, Some(stv.quota), stv.valid, unfilled))
}

/// A parcel of identical papers: where it is in its preferences, and what each paper is worth.
struct Paper {
    /// `prefs[at]` is the candidate holding it; its preferences end at `prefs[end]`.
    end: u32,
    at: u32,
    value: Votes,
    weight: u32,
}

struct Stv<'e> {
    sheet: Sheet<'e>,
    rules: ConstraintCheck<'e>,
    quota: Votes,
    valid: Votes,
    prefs: Vec<u32>,
    papers: Vec<Paper>,
    /// The papers each candidate holds.
    piles: Vec<Vec<u32>>,
    /// Elected candidates whose surplus is still to be transferred.
    pending: Vec<usize>,
}

impl<'e> Stv<'e> {
    fn new(election: &'e Election) -> Self {
        let sheet = Sheet::new(election);
        let rules = ConstraintCheck::new(election, &sheet.states);
        let mut prefs = Vec::new();
        let mut papers = Vec::new();
        let mut papers_total = 0u64;
        for (weight, ranking) in standing_ballots(election) {
            let start = prefs.len() as u32;
            prefs.extend(ranking.iter().map(|&c| c as u32));
            papers.push(Paper { end: prefs.len() as u32, at: start, value: Votes::whole(1), weight });
            papers_total += u64::from(weight);
        }
        // Rule 46: valid papers ÷ (seats + 1), ignoring decimal places, plus one.
        let quota = Votes::whole((papers_total / (election.seats as u64 + 1) + 1) as i64);
        let n = election.candidates.len();
        Stv { sheet, rules, quota, valid: Votes::whole(papers_total as i64), prefs, papers, piles: vec![vec![]; n], pending: vec![] }
    }

    fn run(&mut self, lot: &mut dyn Lot) -> Result<(), CountError> {
        self.first_stage();
        loop {
            self.elect_candidates_with_quota(lot)?;
            let seats_left = self.rules.target_seats.saturating_sub(self.sheet.elected.len());
            if seats_left == 0 {
                return Ok(());
            }
            let doomed: Vec<usize> = self.sheet.hopeful().into_iter().filter(|&c| self.rules.doomed(&self.sheet.states, c)).collect();
            if !doomed.is_empty() {
                self.deem_excluded(&doomed);
                continue;
            }
            if self.sheet.hopeful().len() <= seats_left {
                self.fill_last_vacancies();
                return Ok(());
            }
            match self.largest_surplus(lot)? {
                Some((from, tie)) => self.transfer_surplus(from, tie),
                None => self.exclude_lowest(lot)?,
            }
        }
    }

    /// Rule 45: each paper to its first preference; rule 46: the quota.
    fn first_stage(&mut self) {
        for p in 0..self.papers.len() {
            self.pass_on(p);
        }
        let papers = self.valid.units() / Votes::SCALE;
        let seats = self.sheet.election.seats;
        let mut text = format!(
            "First preferences counted on {papers} valid ballot paper{} (SSI 2007/42 rule 45). The quota is {papers} ÷ ({seats} + 1), ignoring any decimal places, plus one: {} (rule 46).",
            if papers == 1 { "" } else { "s" },
            self.quota,
        );
        if let Some(shortfall) = self.rules.shortfall(seats) {
            text.push_str(&format!(" Under the Terms of Reference {shortfall}."));
        }
        self.sheet.push_stage(StageAction::Begin, text);
    }

    /// Moves paper `p` on from wherever it is to its next continuing candidate, or to the
    /// non-transferable papers, adding its votes there.
    fn pass_on(&mut self, p: usize) {
        let paper = &mut self.papers[p];
        while paper.at < paper.end && !self.sheet.is_hopeful(self.prefs[paper.at as usize] as usize) {
            paper.at += 1;
        }
        let votes = paper.value.times(paper.weight);
        if paper.at == paper.end {
            self.sheet.non_transferable += votes;
        } else {
            let to = self.prefs[paper.at as usize] as usize;
            self.sheet.totals[to] += votes;
            self.piles[to].push(p as u32);
        }
    }

    /// Rule 47: every continuing candidate at or above the quota is elected, highest first.
    /// With constraints, a doomed candidate is left for deemed exclusion, and of candidates
    /// level on votes who cannot all be elected, the tie decides who is.
    fn elect_candidates_with_quota(&mut self, lot: &mut dyn Lot) -> Result<(), CountError> {
        loop {
            if self.sheet.elected.len() >= self.rules.target_seats {
                return Ok(());
            }
            let mut reaching: Vec<usize> =
                self.sheet.hopeful().into_iter().filter(|&c| self.sheet.totals[c] >= self.quota && !self.rules.doomed(&self.sheet.states, c)).collect();
            let Some(top) = reaching.iter().map(|&c| self.sheet.totals[c]).max() else { return Ok(()) };
            reaching.retain(|&c| self.sheet.totals[c] == top);
            let room = self.rules.target_seats - self.sheet.elected.len();
            if reaching.len() <= room && self.rules.can_elect_all(&self.sheet.states, &reaching) {
                for c in reaching {
                    self.elect_with_quota(c, None);
                }
            } else {
                let at = self.sheet.this_stage();
                let (c, tie) = self.sheet.break_tie(&reaching, Keep::Highest, TiePurpose::Election, at, "ToR §13–§14; SSI 2007/42 rule 49 by analogy", lot)?;
                self.elect_with_quota(c, tie);
            }
        }
    }

    fn elect_with_quota(&mut self, c: usize, tie: Option<String>) {
        let total = self.sheet.totals[c];
        if let Some(tie) = tie {
            self.sheet.note(&tie);
        }
        let sentence = format!("{} has reached the quota with {total} and is elected (SSI 2007/42 rule 47).", self.sheet.name(c));
        self.sheet.elect(c, &sentence);
        if total > self.quota {
            self.pending.push(c);
        }
    }

    /// Rule 49: the largest surplus goes first; equal surpluses by the earlier stages, then lot.
    fn largest_surplus(&mut self, lot: &mut dyn Lot) -> Result<Option<(usize, Option<String>)>, CountError> {
        let Some(top) = self.pending.iter().map(|&c| self.sheet.totals[c]).max() else { return Ok(None) };
        let tied: Vec<usize> = self.pending.iter().copied().filter(|&c| self.sheet.totals[c] == top).collect();
        let at = self.sheet.next_stage();
        let (c, tie) = self.sheet.break_tie(&tied, Keep::Highest, TiePurpose::SurplusOrder, at, "SSI 2007/42 rule 49", lot)?;
        Ok(Some((c, tie)))
    }

    /// Rule 48: all of the candidate's papers pass on, each at `value × surplus ÷ total`
    /// truncated to five places; the candidate keeps exactly the quota.
    fn transfer_surplus(&mut self, from: usize, tie: Option<String>) {
        self.pending.retain(|&c| c != from);
        let total = self.sheet.totals[from];
        let surplus = total - self.quota;
        let before = self.sheet.non_transferable;
        for p in std::mem::take(&mut self.piles[from]) {
            let paper = &mut self.papers[p as usize];
            paper.value = paper.value.mul_div_truncated(surplus, total);
            self.pass_on(p as usize);
        }
        self.sheet.totals[from] = self.quota;
        let first_preference_value = Votes::whole(1).mul_div_truncated(surplus, total);
        let mut text = format!(
            "{}'s surplus of {surplus} is transferred (SSI 2007/42 rule 48): each of their papers passes to its next continuing candidate at its value × {surplus} ÷ {total}, to five decimal places ({first_preference_value} for a first-preference paper).{}",
            self.sheet.name(from),
            non_transferable(self.sheet.non_transferable - before),
        );
        if let Some(tie) = tie {
            text = format!("{tie} {text}");
        }
        self.sheet.push_stage(StageAction::Transfer { from, surplus }, text);
    }

    /// Rules 50–51: the continuing candidate with the fewest votes is excluded and their papers
    /// pass on at their current value; a guarded candidate is passed over (ToR §13–§14).
    fn exclude_lowest(&mut self, lot: &mut dyn Lot) -> Result<(), CountError> {
        let hopeful = self.sheet.hopeful();
        let states = &self.sheet.states;
        let (guarded, open): (Vec<usize>, Vec<usize>) = hopeful.iter().partition(|&&c| self.rules.guarded(states, c));
        // With a conformant result still possible there is always an open candidate; if not,
        // the constraints cannot hold anyway and the plain rule applies.
        let open = if open.is_empty() { hopeful } else { open };
        let low = open.iter().map(|&c| self.sheet.totals[c]).min().expect("a continuing candidate");
        let tied: Vec<usize> = open.iter().copied().filter(|&c| self.sheet.totals[c] == low).collect();
        let at = self.sheet.next_stage();
        let (out, tie) = self.sheet.break_tie(&tied, Keep::Lowest, TiePurpose::Exclusion, at, "SSI 2007/42 rule 51", lot)?;
        let protected: Vec<usize> = guarded.into_iter().filter(|&c| self.sheet.totals[c] <= low && c != out).collect();
        let mut text: Vec<String> = protected
            .iter()
            .map(|&c| format!("{} has as few votes or fewer but is protected: {}.", self.sheet.name(c), self.rules.guard_reason(&self.sheet.states, c)))
            .collect();
        text.extend(tie);
        let before = self.sheet.non_transferable;
        self.exclude(&[out]);
        text.push(format!(
            "{} has the fewest votes ({low}) and is excluded (SSI 2007/42 rule 50); their papers pass to their next continuing candidates at their current value.{}",
            self.sheet.name(out),
            non_transferable(self.sheet.non_transferable - before),
        ));
        self.sheet.push_stage(StageAction::Exclude { candidate: out, protected }, text.join(" "));
        Ok(())
    }

    /// Candidates the ToR forbid to win are deemed excluded together: the order cannot matter,
    /// as an exclusion moves papers at their current value past every excluded candidate.
    fn deem_excluded(&mut self, doomed: &[usize]) {
        let mut text: Vec<String> = doomed
            .iter()
            .map(|&c| {
                let reached = if self.sheet.totals[c] >= self.quota { ", though they have reached the quota" } else { "" };
                format!("{} cannot be elected{reached}: {}.", self.sheet.name(c), self.rules.doom_reason(&self.sheet.states, c))
            })
            .collect();
        let before = self.sheet.non_transferable;
        self.exclude(doomed);
        text.push(format!(
            "{} {} deemed excluded and their papers pass on as on an exclusion (SSI 2007/42 rule 50).{}",
            self.sheet.names(doomed),
            if doomed.len() == 1 { "is" } else { "are" },
            non_transferable(self.sheet.non_transferable - before),
        ));
        self.sheet.push_stage(StageAction::DeemedExcluded { candidates: doomed.to_vec() }, text.join(" "));
    }

    fn exclude(&mut self, candidates: &[usize]) {
        for &c in candidates {
            self.sheet.states[c] = CandidateState::Excluded;
        }
        for &c in candidates {
            for p in std::mem::take(&mut self.piles[c]) {
                self.pass_on(p as usize);
            }
            self.sheet.totals[c] = Votes::ZERO;
        }
    }

    /// Rule 52: as many continuing candidates as seats left, so all are elected.
    fn fill_last_vacancies(&mut self) {
        let left = self.sheet.hopeful();
        if left.is_empty() {
            return;
        }
        let seats_left = self.rules.target_seats - self.sheet.elected.len();
        let sentence = format!(
            "{} {} the only continuing {} for {seats_left} {}, so {} elected (SSI 2007/42 rule 52).",
            self.sheet.names(&left),
            if left.len() == 1 { "is" } else { "are" },
            if left.len() == 1 { "candidate" } else { "candidates" },
            if seats_left == 1 { "seat" } else { "seats" },
            if left.len() == 1 { "is" } else { "all are" },
        );
        for (i, &c) in left.iter().enumerate() {
            self.sheet.elect(c, if i == 0 { &sentence } else { "" });
        }
    }
}

/// A sentence on the votes that became non-transferable, or nothing when none did.
fn non_transferable(votes: Votes) -> String {
    match votes == Votes::ZERO {
        true => String::new(),
        false => format!(" {votes} votes are non-transferable: those papers show no further preference for a continuing candidate."),
    }
}
