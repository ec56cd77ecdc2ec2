//! Ties, and the lot that decides them when the earlier stages cannot.
//!
//! The count asks a [`Lot`] only after the statutory look-back has failed (SSI 2007/42
//! rules 49(3) and 51(2)(b)), and records every tie it meets as a [`TieRecord`], however it
//! was resolved, so the published count shows it.

use super::CountError;
use super::outcome::Stage;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What a tie decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum TiePurpose {
    /// Which of the candidates with the fewest votes is excluded (SSI 2007/42 rule 51).
    Exclusion,
    /// Whose equal surplus is transferred first (SSI 2007/42 rule 49).
    SurplusOrder,
    /// Which of the candidates with equal votes is elected to a seat not all of them can have.
    Election,
}

/// Chooses one of several tied candidates by lot. The app draws with the operating system's
/// randomness; tests and the command line use [`SeededLot`].
pub trait Lot {
    /// Returns one of `tied` (candidate indexes, in ascending order).
    fn draw(&mut self, tied: &[usize], purpose: TiePurpose) -> usize;
}

/// A deterministic lot: SplitMix64 seeded with the given number. The same seed draws the same
/// candidates, which is what a test or a re-run of a published count needs. It is not a fair
/// lot for a real election unless the seed itself was chosen at random in front of witnesses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SeededLot(pub u64);

impl SeededLot {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

impl Lot for SeededLot {
    fn draw(&mut self, tied: &[usize], _purpose: TiePurpose) -> usize {
        // Multiply-shift maps 64 random bits onto 0..len without a modulo's bias.
        let pick = (u128::from(self.next()) * tied.len() as u128) >> 64;
        tied[pick as usize]
    }
}

/// How a tie was resolved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "by", rename_all = "kebab-case")]
pub enum TieResolution {
    /// By the votes at `stage`, the most recent stage at which the tied candidates differed.
    EarlierStage { stage: u32 },
    /// By lot among `among` (those still level at every earlier stage).
    Lot { among: Vec<usize> },
}

/// One tie met in the count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TieRecord {
    /// The stage whose decision needed the tie resolved.
    pub stage: u32,
    pub purpose: TiePurpose,
    /// The tied candidates (indexes).
    pub candidates: Vec<usize>,
    pub resolution: TieResolution,
    /// The candidate chosen: excluded, transferred first, or elected, as `purpose` says.
    pub chosen: usize,
}

/// Which end of a tie is wanted: the fewest votes (exclusion) or the most (surplus, election).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Keep {
    Lowest,
    Highest,
}

/// Resolves a tie among `tied` by the earlier stages, most recent first, then by lot: at each
/// earlier stage only the candidates at the wanted end stay in the running, so a three-way tie
/// narrows to two before it is decided (SSI 2007/42 rules 49(2)–(3) and 51(2)).
pub(crate) fn resolve(stages: &[Stage], tied: &[usize], keep: Keep, purpose: TiePurpose, at_stage: u32, lot: &mut dyn Lot) -> Result<TieRecord, CountError> {
    let mut left = tied.to_vec();
    left.sort_unstable();
    for stage in stages.iter().rev() {
        let votes = left.iter().map(|&c| stage.totals[c]);
        let wanted = match keep {
            Keep::Lowest => votes.min(),
            Keep::Highest => votes.max(),
        };
        left.retain(|&c| Some(stage.totals[c]) == wanted);
        if let [chosen] = left[..] {
            let resolution = TieResolution::EarlierStage { stage: stage.number };
            return Ok(TieRecord { stage: at_stage, purpose, candidates: sorted(tied), resolution, chosen });
        }
    }
    let chosen = lot.draw(&left, purpose);
    if !left.contains(&chosen) {
        return Err(CountError::LotOutsideTie { chosen, tied: left });
    }
    Ok(TieRecord { stage: at_stage, purpose, candidates: sorted(tied), resolution: TieResolution::Lot { among: left }, chosen })
}

fn sorted(candidates: &[usize]) -> Vec<usize> {
    let mut out = candidates.to_vec();
    out.sort_unstable();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_seeded_lot_repeats_itself_and_stays_within_the_tie() {
        let tied = [2, 5, 9];
        let draws = |seed| {
            let mut lot = SeededLot(seed);
            (0..50).map(|_| lot.draw(&tied, TiePurpose::Exclusion)).collect::<Vec<_>>()
        };
        assert_eq!(draws(7), draws(7));
        assert_ne!(draws(7), draws(8));
        assert!(draws(7).iter().all(|c| tied.contains(c)));
        for c in tied {
            assert!(draws(7).contains(&c), "every tied candidate can be drawn");
        }
    }
}
