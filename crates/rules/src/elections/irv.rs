//! Instant run-off for one seat, written apart from the STV count on purpose: each round
//! recounts every paper from scratch for its highest continuing preference, and a candidate
//! wins with more than half of the votes still in the count. The property tests check that it
//! elects whom STV elects with one seat, which means something only if the code is not shared.
//!
//! Ties for exclusion follow the same statutory look-back as STV (SSI 2007/42 rule 51), then
//! lot. Constraints: with one seat, a candidate the ToR forbid to win (a taken organisation,
//! ToR §14; not an SME when an SME is needed, ToR §13) is deemed excluded before the first
//! round's result is looked at.

use super::constraints::ConstraintCheck;
use super::lot::{Keep, Lot, TiePurpose};
use super::outcome::{CandidateState, Count, Sheet, StageAction};
use super::{CountError, Election, Method, Votes, standing_ballots};

pub(super) fn count(election: &Election, lot: &mut dyn Lot) -> Result<Count, CountError> {
    let ballots = standing_ballots(election);
    let papers: u64 = ballots.iter().map(|(w, _)| u64::from(*w)).sum();
    let mut sheet = Sheet::new(election);
    let rules = ConstraintCheck::new(election, &sheet.states);
    recount(&mut sheet, &ballots);
    sheet.push_stage(StageAction::Begin, format!("First preferences counted on {papers} valid ballot paper{}.", if papers == 1 { "" } else { "s" }));
    let doomed: Vec<usize> = sheet.hopeful().into_iter().filter(|&c| rules.doomed(&sheet.states, c)).collect();
    if !doomed.is_empty() {
        let mut text: Vec<String> = doomed.iter().map(|&c| format!("{} cannot be elected: {}.", sheet.name(c), rules.doom_reason(&sheet.states, c))).collect();
        for &c in &doomed {
            sheet.states[c] = CandidateState::Excluded;
        }
        text.push(format!("{} deemed excluded; the papers are counted again for their next preferences.", sheet.names(&doomed)));
        recount(&mut sheet, &ballots);
        sheet.push_stage(StageAction::DeemedExcluded { candidates: doomed }, text.join(" "));
    }
    loop {
        match round(&mut sheet, &ballots, lot)? {
            Round::Excluded => continue,
            Round::NobodyLeft => break,
            Round::Won(w) => {
                let (votes, continuing) = (sheet.totals[w], continuing_votes(&sheet));
                let sentence = match votes + votes > continuing {
                    true => format!("{} has {votes} of the {continuing} votes still in the count, more than half, and is elected.", sheet.name(w)),
                    false => format!("{} is the only candidate left and is elected.", sheet.name(w)),
                };
                sheet.elect(w, &sentence);
                break;
            }
        }
    }
    let unfilled = rules.shortfall(election.seats);
    Ok(sheet.finish(Method::InstantRunoff, None, Votes::whole(papers as i64), unfilled))
}

enum Round {
    /// This candidate has a majority of the continuing votes, or is the only one left.
    Won(usize),
    /// Nobody had a majority; the lowest was excluded and the papers counted again.
    Excluded,
    NobodyLeft,
}

/// Looks at the last count: a winner, or the lowest excluded and a new stage written.
fn round(sheet: &mut Sheet<'_>, ballots: &[(u32, Vec<usize>)], lot: &mut dyn Lot) -> Result<Round, CountError> {
    let hopeful = sheet.hopeful();
    let continuing = continuing_votes(sheet);
    if hopeful.is_empty() {
        return Ok(Round::NobodyLeft);
    }
    if let Some(&w) = hopeful.iter().find(|&&c| sheet.totals[c] + sheet.totals[c] > continuing) {
        return Ok(Round::Won(w));
    }
    if let [only] = hopeful[..] {
        return Ok(Round::Won(only));
    }
    let low = hopeful.iter().map(|&c| sheet.totals[c]).min().expect("someone is left");
    let tied: Vec<usize> = hopeful.into_iter().filter(|&c| sheet.totals[c] == low).collect();
    let at = sheet.next_stage();
    let (out, tie) = sheet.break_tie(&tied, Keep::Lowest, TiePurpose::Exclusion, at, "SSI 2007/42 rule 51", lot)?;
    sheet.states[out] = CandidateState::Excluded;
    recount(sheet, ballots);
    let mut text: Vec<String> = tie.into_iter().collect();
    text.push(format!(
        "Nobody has more than half of the {continuing} votes in the count, so {}, with the fewest ({low}), is excluded and the papers are counted again for their highest continuing preference.",
        sheet.name(out)
    ));
    sheet.push_stage(StageAction::Exclude { candidate: out, protected: vec![] }, text.join(" "));
    Ok(Round::Excluded)
}

/// Counts every paper for its highest preference among the continuing candidates.
fn recount(sheet: &mut Sheet<'_>, ballots: &[(u32, Vec<usize>)]) {
    sheet.totals.iter_mut().for_each(|t| *t = Votes::ZERO);
    sheet.non_transferable = Votes::ZERO;
    for (weight, ranking) in ballots {
        let votes = Votes::whole(i64::from(*weight));
        match ranking.iter().find(|&&c| sheet.is_hopeful(c)) {
            Some(&c) => sheet.totals[c] += votes,
            None => sheet.non_transferable += votes,
        }
    }
}

fn continuing_votes(sheet: &Sheet<'_>) -> Votes {
    sheet.hopeful().into_iter().map(|c| sheet.totals[c]).sum()
}
