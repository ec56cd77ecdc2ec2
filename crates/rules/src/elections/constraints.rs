//! The Terms of Reference's constraints on who may win (ToR §13, §14), and the one question
//! every method asks of them: can the seats still be filled conformantly?
//!
//! The rule, used by every method (see `CONSTRAINTS.md` beside this file), is Hill's
//! "doomed and guarded" rule for STV with constraints (I D Hill, "STV with constraints",
//! *Voting matters* 9, 1998; generalised to several interacting constraints by J Otten,
//! "STV with multiple constraints", *Voting matters* 13, 2001):
//! - a hopeful candidate whose election would leave no conformant way to fill the remaining
//!   seats is **doomed**, and is deemed excluded at once, their papers transferring as on an
//!   exclusion;
//! - a hopeful candidate whose exclusion would leave no conformant way is **guarded**: never
//!   excluded, the next lowest candidate is excluded instead.
//!
//! "A conformant way" is decided exactly, without listing the possible results: winners must
//! come from organisations not taken by continuing members (ToR §14), from different
//! organisations when one-per-organisation applies (ToR §14), and must include the SME
//! minimum (ToR §13). Grouping the hopeful candidates by organisation, the remaining seats
//! can be filled conformantly exactly when there are at least as many usable organisations as
//! seats, at least as many usable organisations with an SME candidate as SMEs still needed,
//! and no more SMEs needed than seats: choose one SME from enough SME organisations, and
//! anyone from as many other organisations as seats remain.
//!
//! When even the first stage cannot meet the constraints — too few organisations or SMEs
//! stand — the count aims for the best that can be met: as many seats as distinct usable
//! organisations allow, and as many SMEs as stand; the last stage says which seats stay empty.

use super::outcome::CandidateState;
use super::{Candidate, Election};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What the winners of one election must respect, given the members who continue.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Constraints {
    /// Organisations (normalised keys) of continuing members: a candidate from one of these
    /// cannot be elected (ToR §14).
    pub taken_organisations: Vec<String>,
    /// No two winners from one organisation (ToR §14).
    pub one_per_organisation: bool,
    /// How many of the winners must be from SMEs: the ToR §13 shortfall left by the
    /// continuing members.
    pub sme_minimum: usize,
}

impl Constraints {
    /// The one plain line a ballot paper prints where the constraints apply (issue #18), or
    /// nothing: the SME minimum (ToR §13) and one winner per organisation (ToR §14), which
    /// only matters with more than one seat.
    pub fn ballot_line(&self, seats: usize) -> String {
        let words = |n: usize| match n {
            1 => "one".to_owned(),
            2 => "two".to_owned(),
            3 => "three".to_owned(),
            n => n.to_string(),
        };
        let apart = self.one_per_organisation && seats > 1;
        match (self.sme_minimum, apart) {
            (0, false) => String::new(),
            (0, true) => "No two candidates from the same organisation can both be elected.".to_owned(),
            (_, _) if seats == 1 => "The candidate elected must be from an SME: candidates from an SME are marked SME.".to_owned(),
            (k, apart) => format!(
                "At least {} of those elected must be from an SME: candidates from an SME are marked SME.{}",
                words(k),
                if apart { " No two candidates from the same organisation can both be elected." } else { "" }
            ),
        }
    }

    /// No constraint at all: every count is plain.
    pub fn is_empty(&self) -> bool {
        self.taken_organisations.is_empty() && !self.one_per_organisation && self.sme_minimum == 0
    }
}

/// Why a state of the count cannot be completed conformantly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Blocked {
    /// A winner is from a taken organisation.
    TakenOrganisation,
    /// Two winners share an organisation.
    SharedOrganisation,
    /// More winners than seats that can be filled.
    TooManyWinners,
    /// More SMEs still needed than seats left.
    SeatsNeededForSmes,
    /// Too few SME candidates from usable organisations for the SMEs still needed.
    TooFewSmes,
    /// Too few usable organisations (or candidates) for the seats left.
    TooFewOrganisations,
}

/// The constraints applied to one count: what it aims for, and whether a state can reach it.
pub(crate) struct ConstraintCheck<'e> {
    candidates: &'e [Candidate],
    constraints: &'e Constraints,
    /// Seats the count will fill: all of them, unless too few organisations stand.
    pub target_seats: usize,
    /// SMEs the winners will include: the minimum, unless too few SMEs stand.
    pub target_smes: usize,
}

impl<'e> ConstraintCheck<'e> {
    /// The targets from the candidates standing at the start (`states` before any election).
    pub fn new(election: &'e Election, states: &[CandidateState]) -> Self {
        let mut check = ConstraintCheck { candidates: &election.candidates, constraints: &election.constraints, target_seats: 0, target_smes: 0 };
        let (groups, sme_groups) = check.usable_groups(states, None, &[]);
        check.target_seats = election.seats.min(groups);
        check.target_smes = election.constraints.sme_minimum.min(sme_groups).min(check.target_seats);
        check
    }

    /// Whether any constraint applies; when none does, nobody is ever doomed or guarded.
    pub fn active(&self) -> bool {
        !self.constraints.is_empty()
    }

    /// Electing `candidate` would leave no conformant way to fill the remaining seats.
    pub fn doomed(&self, states: &[CandidateState], candidate: usize) -> bool {
        self.active() && self.blocked(states, Some((candidate, CandidateState::Elected))).is_some()
    }

    /// Excluding `candidate` would leave no conformant way to fill the remaining seats.
    pub fn guarded(&self, states: &[CandidateState], candidate: usize) -> bool {
        self.active() && self.blocked(states, Some((candidate, CandidateState::Excluded))).is_some()
    }

    /// Whether `states`, with each of `also` elected, can still be completed conformantly.
    pub fn can_elect_all(&self, states: &[CandidateState], also: &[usize]) -> bool {
        let mut trial = states.to_vec();
        for &c in also {
            trial[c] = CandidateState::Elected;
        }
        self.blocked(&trial, None).is_none()
    }

    /// Why `candidate` is doomed, as a clause: "Acme Ltd …".
    pub fn doom_reason(&self, states: &[CandidateState], candidate: usize) -> String {
        let who = &self.candidates[candidate];
        let org = who.organisation.as_deref().unwrap_or("their organisation");
        let winner = (0..states.len())
            .find(|&w| states[w] == CandidateState::Elected && who.organisation.is_some() && self.candidates[w].organisation == who.organisation);
        match self.blocked(states, Some((candidate, CandidateState::Elected))) {
            Some(Blocked::TakenOrganisation) => {
                format!("a continuing member is from {org}, and the group has one individual per organisation (ToR §14)")
            }
            Some(Blocked::SharedOrganisation) => match winner {
                Some(w) => format!("{} of the same organisation ({org}) has been elected (ToR §14)", self.candidates[w].name),
                None => format!("another winner is from {org} (ToR §14)"),
            },
            Some(Blocked::SeatsNeededForSmes) => "the seats left are needed for SME candidates to meet the SME minimum (ToR §13)".to_owned(),
            Some(Blocked::TooFewSmes) => {
                format!("electing them would leave too few SME candidates from organisations other than {org} to meet the SME minimum (ToR §13, §14)")
            }
            _ => "electing them would leave the remaining seats impossible to fill within ToR §13 and §14".to_owned(),
        }
    }

    /// Why `candidate` is guarded, as a clause.
    pub fn guard_reason(&self, states: &[CandidateState], candidate: usize) -> String {
        match self.blocked(states, Some((candidate, CandidateState::Excluded))) {
            Some(Blocked::TooFewSmes) => "excluding them would leave too few SME candidates to meet the SME minimum (ToR §13)".to_owned(),
            _ => "excluding them would leave too few candidates from different organisations to fill the seats (ToR §14)".to_owned(),
        }
    }

    /// A sentence for the first stage when the constraints cannot be met in full, and the
    /// reason seats stay unfilled.
    pub fn shortfall(&self, seats: usize) -> Option<String> {
        let mut out = Vec::new();
        if self.target_seats < seats {
            let t = self.target_seats;
            out.push(match self.active() {
                true => format!("candidates from only {t} different organisations may win a seat (ToR §14)"),
                false => format!("only {t} {} standing", if t == 1 { "candidate is" } else { "candidates are" }),
            });
        }
        if self.target_smes < self.constraints.sme_minimum.min(seats) {
            out.push(format!("the winners should include {} from SMEs (ToR §13), but at most {} can be", self.constraints.sme_minimum, self.target_smes));
        }
        (!out.is_empty()).then(|| out.join("; "))
    }

    /// The first reason the state (with `change` applied) cannot be completed conformantly.
    fn blocked(&self, states: &[CandidateState], change: Option<(usize, CandidateState)>) -> Option<Blocked> {
        let state = |c: usize| match change {
            Some((changed, s)) if changed == c => s,
            _ => states[c],
        };
        let mut winners = 0;
        let mut winning_smes = 0;
        let mut winning_orgs: Vec<&str> = Vec::new();
        for c in (0..states.len()).filter(|&c| state(c) == CandidateState::Elected) {
            let who = &self.candidates[c];
            winners += 1;
            winning_smes += usize::from(who.sme);
            if let Some(org) = who.organisation.as_deref() {
                if self.is_taken(org) {
                    return Some(Blocked::TakenOrganisation);
                }
                if self.constraints.one_per_organisation {
                    if winning_orgs.contains(&org) {
                        return Some(Blocked::SharedOrganisation);
                    }
                    winning_orgs.push(org);
                }
            }
        }
        if winners > self.target_seats {
            return Some(Blocked::TooManyWinners);
        }
        let seats_left = self.target_seats - winners;
        let smes_needed = self.target_smes.saturating_sub(winning_smes);
        let (groups, sme_groups) = self.usable_groups(states, change, &winning_orgs);
        if smes_needed > seats_left {
            return Some(Blocked::SeatsNeededForSmes);
        }
        if sme_groups < smes_needed {
            return Some(Blocked::TooFewSmes);
        }
        if groups < seats_left {
            return Some(Blocked::TooFewOrganisations);
        }
        None
    }

    /// How many hopeful candidates could each take a seat at once, counting one per
    /// organisation when one-per-organisation applies, and how many of those could be SMEs.
    fn usable_groups(&self, states: &[CandidateState], change: Option<(usize, CandidateState)>, winning_orgs: &[&str]) -> (usize, usize) {
        let mut orgs: Vec<(&str, bool)> = Vec::new();
        let (mut loose, mut loose_smes) = (0, 0);
        for (c, who) in self.candidates.iter().enumerate() {
            let state = match change {
                Some((changed, s)) if changed == c => s,
                _ => states[c],
            };
            if state != CandidateState::Hopeful {
                continue;
            }
            match who.organisation.as_deref() {
                Some(org) if self.is_taken(org) || winning_orgs.contains(&org) => {}
                Some(org) if self.constraints.one_per_organisation => match orgs.iter_mut().find(|(o, _)| *o == org) {
                    Some((_, sme)) => *sme |= who.sme,
                    None => orgs.push((org, who.sme)),
                },
                _ => {
                    loose += 1;
                    loose_smes += usize::from(who.sme);
                }
            }
        }
        (orgs.len() + loose, orgs.iter().filter(|(_, sme)| *sme).count() + loose_smes)
    }

    fn is_taken(&self, org: &str) -> bool {
        self.constraints.taken_organisations.iter().any(|t| t == org)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::elections::{Ballot, Election};
    use CandidateState::*;

    fn election(candidates: &[(&str, Option<&str>, bool)], seats: usize, constraints: Constraints) -> Election {
        Election {
            title: "Test".into(),
            seats,
            candidates: candidates.iter().map(|&(name, org, sme)| Candidate { name: name.into(), organisation: org.map(Into::into), sme }).collect(),
            withdrawn: vec![],
            ballots: vec![Ballot { weight: 1, preferences: vec![0] }],
            constraints,
        }
    }

    fn one_per_org(sme_minimum: usize, taken: &[&str]) -> Constraints {
        Constraints { taken_organisations: taken.iter().map(|t| t.to_string()).collect(), one_per_organisation: true, sme_minimum }
    }

    #[test]
    fn s13_s14_the_ballot_paper_says_the_constraints_in_one_plain_line() {
        assert_eq!(Constraints { taken_organisations: vec![], one_per_organisation: false, sme_minimum: 0 }.ballot_line(3), "");
        assert_eq!(one_per_org(0, &[]).ballot_line(1), "", "one seat: one per organisation cannot bite");
        assert_eq!(one_per_org(0, &[]).ballot_line(3), "No two candidates from the same organisation can both be elected.");
        assert_eq!(one_per_org(1, &[]).ballot_line(1), "The candidate elected must be from an SME: candidates from an SME are marked SME.");
        assert_eq!(
            one_per_org(1, &[]).ballot_line(3),
            "At least one of those elected must be from an SME: candidates from an SME are marked SME. No two candidates from the same organisation can both be elected."
        );
    }

    #[test]
    fn s14_a_candidate_from_a_taken_organisation_is_doomed() {
        let e = election(&[("A", Some("acme"), false), ("B", Some("beta"), false), ("C", None, false)], 1, one_per_org(0, &["acme"]));
        let states = vec![Hopeful; 3];
        let check = ConstraintCheck::new(&e, &states);
        assert!(check.doomed(&states, 0));
        assert!(!check.doomed(&states, 1));
        assert!(check.doom_reason(&states, 0).contains("ToR §14"));
    }

    #[test]
    fn s14_once_one_is_elected_their_colleague_is_doomed() {
        let e = election(&[("A", Some("acme"), false), ("B", Some("acme"), false), ("C", None, false)], 2, one_per_org(0, &[]));
        let check = ConstraintCheck::new(&e, &[Hopeful; 3]);
        assert_eq!(check.target_seats, 2);
        let states = vec![Elected, Hopeful, Hopeful];
        assert!(check.doomed(&states, 1));
        assert!(check.doom_reason(&states, 1).contains("A of the same organisation"));
        assert!(!check.doomed(&states, 2));
        // C is now the only way to fill the second seat.
        assert!(check.guarded(&states, 2));
    }

    #[test]
    fn s13_the_last_sme_is_guarded_and_non_smes_are_doomed_when_seats_are_needed_for_smes() {
        let e = election(&[("A", None, false), ("B", None, true), ("C", None, false)], 2, one_per_org(1, &[]));
        let check = ConstraintCheck::new(&e, &[Hopeful; 3]);
        let states = vec![Elected, Hopeful, Hopeful];
        assert!(check.guarded(&states, 1));
        assert!(check.doomed(&states, 2));
        assert!(check.doom_reason(&states, 2).contains("ToR §13"));
        assert!(check.guard_reason(&states, 1).contains("ToR §13"));
    }

    #[test]
    fn targets_shrink_to_what_the_candidates_standing_allow() {
        let e = election(&[("A", Some("acme"), true), ("B", Some("acme"), false), ("C", Some("beta"), false)], 3, one_per_org(2, &[]));
        let check = ConstraintCheck::new(&e, &[Hopeful; 3]);
        assert_eq!((check.target_seats, check.target_smes), (2, 1));
        assert!(check.shortfall(3).is_some_and(|s| s.contains("ToR §14") && s.contains("ToR §13")));
        let plain = election(&[("A", None, false)], 2, Constraints::default());
        let check = ConstraintCheck::new(&plain, &[Hopeful]);
        assert_eq!(check.target_seats, 1);
        assert!(!check.active());
    }
}
