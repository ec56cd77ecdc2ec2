//! The checks made on each ballot paper at the count, and the reconciliation of the papers.
//!
//! Rejection follows the heads of SSI 2007/42 Schedule 1 rule 43 (rejected ballot papers):
//! want of the unique identifying mark, no first preference, more than one first preference,
//! writing by which the voter can be identified, unmarked — with the block vote's own two (no
//! mark, too many marks). The first two of those are judged by a person looking at the paper;
//! the rest follow from the marks, so [`check_marks`] and [`check_preferences`] decide them.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Why a paper is not counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum Rejection {
    /// A cross-vote paper with no mark for any candidate.
    NoMark,
    /// A cross-vote paper with more marks than there are seats.
    TooManyMarks,
    /// Something written or marked by which the voter can be identified (rule 43).
    VoterIdentifiable,
    /// No serial number (the unique identifying mark, rule 43), or not one of ours.
    NoSerial,
    /// A preference paper with no "1" (rule 43).
    NoFirstPreference,
    /// A preference paper with "1" against more than one candidate (rule 43).
    MoreThanOneFirstPreference,
}

impl Rejection {
    /// The reason, as the statement of rejected papers gives it.
    pub fn reason(self) -> &'static str {
        match self {
            Rejection::NoMark => "No candidate is marked.",
            Rejection::TooManyMarks => "More candidates are marked than there are seats.",
            Rejection::VoterIdentifiable => "Something is written or marked by which the voter can be identified.",
            Rejection::NoSerial => "The paper has no serial number, or one that was not issued.",
            Rejection::NoFirstPreference => "No first preference (the figure 1) is given for any candidate.",
            Rejection::MoreThanOneFirstPreference => "The figure 1 is given for more than one candidate.",
        }
    }
}

/// Checks a cross-vote (block or plurality) paper: `marks` are the candidate indexes marked.
/// A mark repeated for one candidate counts once; a mark outside `0..candidates` is not
/// against any candidate and does not count.
pub fn check_marks(marks: &[usize], seats: usize, candidates: usize) -> Result<(), Rejection> {
    let mut counted: Vec<usize> = marks.iter().copied().filter(|&m| m < candidates).collect();
    counted.sort_unstable();
    counted.dedup();
    match counted.len() {
        0 => Err(Rejection::NoMark),
        n if n > seats => Err(Rejection::TooManyMarks),
        _ => Ok(()),
    }
}

/// Reads a preference paper: `prefs` are (candidate, number written) pairs. Returns the
/// candidates in order of preference, or why the paper is rejected.
///
/// The paper needs exactly one "1" (rule 43). Later preferences are read 2, 3, 4… and the
/// reading stops — without rejecting the paper — at the first number that is missing, written
/// against more than one candidate, or written against a candidate already read: the paper
/// counts for the preferences before the break. This is how the Electoral Commission's
/// guidance on doubtful papers in Scottish local elections treats a broken sequence.
pub fn check_preferences(prefs: &[(usize, u32)]) -> Result<Vec<usize>, Rejection> {
    let with = |n: u32| prefs.iter().filter(move |&&(_, written)| written == n).map(|&(c, _)| c);
    let first: Vec<usize> = with(1).collect();
    match first.len() {
        0 => return Err(Rejection::NoFirstPreference),
        1 => {}
        _ => return Err(Rejection::MoreThanOneFirstPreference),
    }
    let mut order = first;
    for n in 2.. {
        let next: Vec<usize> = with(n).collect();
        match next[..] {
            [c] if !order.contains(&c) => order.push(c),
            _ => break,
        }
    }
    Ok(order)
}

/// The paper counts of one election, for the ballot paper account.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Reconciliation {
    pub printed: u32,
    pub issued: u32,
    pub unused: u32,
    pub spoilt: u32,
    pub returned: u32,
    pub valid: u32,
    pub rejected: u32,
}

/// A way the paper counts do not reconcile.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum ReconciliationError {
    #[error("{printed} papers were printed, but issued ({issued}), unused ({unused}) and spoilt ({spoilt}) come to {}: {}.", sum(&[*issued, *unused, *spoilt]), discrepancy(*printed, &[*issued, *unused, *spoilt]))]
    PrintedNotAccountedFor { printed: u32, issued: u32, unused: u32, spoilt: u32 },
    #[error("{returned} papers were returned, but valid ({valid}) and rejected ({rejected}) come to {}.", sum(&[*valid, *rejected]))]
    ReturnedNotAccountedFor { returned: u32, valid: u32, rejected: u32 },
    #[error("{returned} papers were returned, more than the {issued} issued.")]
    MoreReturnedThanIssued { returned: u32, issued: u32 },
}

/// A sum that cannot overflow.
fn sum(counts: &[u32]) -> u64 {
    counts.iter().copied().map(u64::from).sum()
}

/// "1 unaccounted for" or "2 too many".
fn discrepancy(expected: u32, parts: &[u32]) -> String {
    let (expected, found) = (u64::from(expected), sum(parts));
    match expected > found {
        true => format!("{} unaccounted for", expected - found),
        false => format!("{} too many", found - expected),
    }
}

impl Reconciliation {
    /// Every way the counts fail to add up: printed = issued + unused + spoilt; returned =
    /// valid + rejected; no more returned than issued. Empty when they reconcile.
    pub fn check(&self) -> Vec<ReconciliationError> {
        let Reconciliation { printed, issued, unused, spoilt, returned, valid, rejected } = *self;
        let mut out = Vec::new();
        if u64::from(printed) != sum(&[issued, unused, spoilt]) {
            out.push(ReconciliationError::PrintedNotAccountedFor { printed, issued, unused, spoilt });
        }
        if u64::from(returned) != sum(&[valid, rejected]) {
            out.push(ReconciliationError::ReturnedNotAccountedFor { returned, valid, rejected });
        }
        if returned > issued {
            out.push(ReconciliationError::MoreReturnedThanIssued { returned, issued });
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cross_paper_with_no_mark_is_rejected() {
        assert_eq!(check_marks(&[], 2, 5), Err(Rejection::NoMark));
        assert_eq!(check_marks(&[7], 2, 5), Err(Rejection::NoMark), "a mark against no candidate is no mark");
    }

    #[test]
    fn a_cross_paper_with_more_marks_than_seats_is_rejected() {
        assert_eq!(check_marks(&[0, 1, 2], 2, 5), Err(Rejection::TooManyMarks));
        assert_eq!(check_marks(&[0, 1], 1, 5), Err(Rejection::TooManyMarks), "plurality: one mark only");
    }

    #[test]
    fn a_cross_paper_with_up_to_as_many_marks_as_seats_is_valid() {
        assert_eq!(check_marks(&[3], 2, 5), Ok(()));
        assert_eq!(check_marks(&[3, 1], 2, 5), Ok(()));
        assert_eq!(check_marks(&[3, 3, 1], 2, 5), Ok(()), "a candidate marked twice counts once");
    }

    #[test]
    fn a_preference_paper_without_a_1_is_rejected() {
        assert_eq!(check_preferences(&[]), Err(Rejection::NoFirstPreference));
        assert_eq!(check_preferences(&[(0, 2), (1, 3)]), Err(Rejection::NoFirstPreference));
    }

    #[test]
    fn a_preference_paper_with_two_1s_is_rejected() {
        assert_eq!(check_preferences(&[(0, 1), (1, 1), (2, 2)]), Err(Rejection::MoreThanOneFirstPreference));
    }

    #[test]
    fn preferences_are_read_in_order_until_the_sequence_breaks() {
        assert_eq!(check_preferences(&[(2, 3), (0, 1), (1, 2)]), Ok(vec![0, 1, 2]));
        assert_eq!(check_preferences(&[(0, 1), (1, 3)]), Ok(vec![0]), "no 2: stops after 1");
        assert_eq!(check_preferences(&[(0, 1), (1, 2), (2, 2), (3, 3)]), Ok(vec![0]), "two 2s: stops after 1");
        assert_eq!(check_preferences(&[(0, 1), (1, 2), (0, 3), (2, 4)]), Ok(vec![0, 1]), "a candidate read twice ends it");
        assert_eq!(check_preferences(&[(4, 1)]), Ok(vec![4]));
    }

    #[test]
    fn every_rejection_has_a_reason() {
        use Rejection::*;
        for r in [NoMark, TooManyMarks, VoterIdentifiable, NoSerial, NoFirstPreference, MoreThanOneFirstPreference] {
            assert!(r.reason().ends_with('.'), "{r:?}");
        }
        assert!(VoterIdentifiable.reason().contains("identified"));
        assert!(NoSerial.reason().contains("serial"));
    }

    fn balanced() -> Reconciliation {
        Reconciliation { printed: 100, issued: 80, unused: 18, spoilt: 2, returned: 75, valid: 73, rejected: 2 }
    }

    #[test]
    fn papers_that_add_up_reconcile() {
        assert_eq!(balanced().check(), vec![]);
    }

    #[test]
    fn printed_papers_must_all_be_issued_unused_or_spoilt() {
        let r = Reconciliation { unused: 17, ..balanced() };
        let errors = r.check();
        assert_eq!(errors, [ReconciliationError::PrintedNotAccountedFor { printed: 100, issued: 80, unused: 17, spoilt: 2 }]);
        assert_eq!(errors[0].to_string(), "100 papers were printed, but issued (80), unused (17) and spoilt (2) come to 99: 1 unaccounted for.");
        let over = Reconciliation { spoilt: 4, ..balanced() };
        assert!(over.check()[0].to_string().ends_with("come to 102: 2 too many."));
    }

    #[test]
    fn returned_papers_must_all_be_valid_or_rejected() {
        let r = Reconciliation { valid: 70, ..balanced() };
        let errors = r.check();
        assert_eq!(errors, [ReconciliationError::ReturnedNotAccountedFor { returned: 75, valid: 70, rejected: 2 }]);
        assert_eq!(errors[0].to_string(), "75 papers were returned, but valid (70) and rejected (2) come to 72.");
    }

    #[test]
    fn every_discrepancy_is_reported_at_once() {
        let r = Reconciliation { printed: 10, issued: 5, unused: 1, spoilt: 1, returned: 9, valid: 4, rejected: 1 };
        let kinds: Vec<_> = r.check().iter().map(std::mem::discriminant).collect();
        assert_eq!(kinds.len(), 3);
        assert_eq!(kinds.iter().collect::<std::collections::HashSet<_>>().len(), 3);
    }

    #[test]
    fn no_more_papers_can_be_returned_than_were_issued() {
        let r = Reconciliation { printed: 100, issued: 80, unused: 18, spoilt: 2, returned: 81, valid: 80, rejected: 1 };
        let errors = r.check();
        assert_eq!(errors, [ReconciliationError::MoreReturnedThanIssued { returned: 81, issued: 80 }]);
        assert_eq!(errors[0].to_string(), "81 papers were returned, more than the 80 issued.");
    }
}
