//! Block vote ("vote for up to N") and plurality (block vote for one seat).
//!
//! Each mark gives its candidate one vote. Seats go to the highest totals, one decision per
//! stage, with the ToR's constraints applied greedily: the highest candidate whose election
//! keeps a conformant result possible is elected; a candidate whose election would not is
//! passed over (deemed excluded), citing ToR §14 (their organisation is taken) or ToR §13
//! (the seats left are needed for SMEs). Candidates level on votes are all elected when they
//! can all be; otherwise the lot decides which.

use super::constraints::ConstraintCheck;
use super::lot::{Keep, Lot, TiePurpose};
use super::outcome::{CandidateState, Count, Sheet, StageAction};
use super::{CountError, Election, Method, Votes, standing_ballots};

pub(super) fn count(method: Method, election: &Election, lot: &mut dyn Lot) -> Result<Count, CountError> {
    let mut sheet = Sheet::new(election);
    let rules = ConstraintCheck::new(election, &sheet.states);
    let mut papers = 0u64;
    for (weight, marks) in standing_ballots(election) {
        papers += u64::from(weight);
        for c in marks {
            sheet.totals[c] += Votes::whole(i64::from(weight));
        }
    }
    let mut text = format!("Votes counted on {papers} valid ballot paper{}: each mark gives its candidate one vote.", if papers == 1 { "" } else { "s" });
    if let Some(shortfall) = rules.shortfall(election.seats) {
        text.push_str(&format!(" Under the Terms of Reference {shortfall}."));
    }
    sheet.push_stage(StageAction::Begin, text);
    while sheet.elected.len() < rules.target_seats {
        if !next_decision(&mut sheet, &rules, lot)? {
            break;
        }
    }
    let unfilled = rules.shortfall(election.seats);
    Ok(sheet.finish(method, None, Votes::whole(papers as i64), unfilled))
}

/// Makes the next decision — pass over a doomed candidate or elect one — as a stage of its
/// own; returns false when nobody is left to decide about.
fn next_decision(sheet: &mut Sheet<'_>, rules: &ConstraintCheck<'_>, lot: &mut dyn Lot) -> Result<bool, CountError> {
    let hopeful = sheet.hopeful();
    let Some(top) = hopeful.iter().map(|&c| sheet.totals[c]).max() else { return Ok(false) };
    let level: Vec<usize> = hopeful.into_iter().filter(|&c| sheet.totals[c] == top).collect();
    if let Some(&c) = level.iter().find(|&&c| rules.doomed(&sheet.states, c)) {
        let reason = rules.doom_reason(&sheet.states, c);
        sheet.states[c] = CandidateState::Excluded;
        let text = format!("{} ({top}) cannot be elected: {reason}. They are passed over.", sheet.name(c));
        sheet.push_stage(StageAction::DeemedExcluded { candidates: vec![c] }, text);
        return Ok(true);
    }
    let room = rules.target_seats - sheet.elected.len();
    let (chosen, tie) = if level.len() <= room && rules.can_elect_all(&sheet.states, &level) {
        (level[0], None)
    } else {
        let at = sheet.next_stage();
        sheet.break_tie(&level, Keep::Highest, TiePurpose::Election, at, "", lot)?
    };
    let mut text = format!("{} has the most votes of the candidates left ({top}) and is elected.", sheet.name(chosen));
    if let Some(tie) = tie {
        text = format!("{tie} {text}");
    }
    sheet.push_stage(StageAction::Elect { candidate: chosen }, String::new());
    sheet.elect(chosen, &text);
    Ok(true)
}
