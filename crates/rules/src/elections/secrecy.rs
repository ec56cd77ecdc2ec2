//! The secrecy of the ballot: what the records of a vote may hold, and how papers are
//! numbered so that no number can be matched to the elector who received it.
//!
//! A returning officer under UK practice keeps the marked register (who was issued a paper)
//! and the counterfoils (which number went to whom) apart and sealed. Secretariat goes
//! further: it never records which number went to whom at all, and makes sure that no
//! record it keeps lets anyone work it out.
//!
//! ## What is kept, and what is never kept
//!
//! - **Who was issued a paper** — a yes/no per elector, in the electorate's own order. The
//!   audit log records *that* a paper was issued in an election (one row per paper issued,
//!   naming no one); it never names the elector, so rows cannot be lined up against print
//!   runs or entered papers. The count's audit row states how many were issued in all.
//! - **Which numbers were printed** — each print run's range, in the audit log and in
//!   `ballot_papers`; the papers know no person.
//! - **The marks on each returned paper** — with its number, until the retention schedule
//!   removes them (six months after the declaration). The audit log says a paper was
//!   entered, with its number, never its marks.
//! - After each paper is issued the store checkpoints its write-ahead log (truncating it),
//!   so the log file does not keep the successive states of the electorate either.
//!
//! A store test (`issuing_order_cannot_be_recovered_from_any_record`) issues papers to the
//! same five electors in two different orders and shows every table and the audit log come
//! out the same.
//!
//! ## Print runs: why at least [`MIN_PRINT_RUN`] papers
//!
//! With the records above, the software holds no link; what remains is the room. If papers
//! could be numbered one at a time while the vote is open, a returning officer could number
//! one paper, hand it to one elector and know their number — the print run itself would tag
//! them. So while a vote is open every print run numbers at least [`MIN_PRINT_RUN`] papers
//! (or the whole electorate, if it is smaller), replacing a spoilt paper included: the
//! replacements come as a run of that size, the elector takes one from among them, and the
//! rest are counted back as unused. The window says so where papers are numbered.
//!
//! The first run should cover the whole electorate (the window proposes that number) so that
//! every elector's paper comes from one pile, handed out in whatever order electors arrive.

use crate::Refusal;

/// The fewest papers one print run may number while a vote is open (see the module docs).
pub const MIN_PRINT_RUN: u32 = 5;

/// The fewest papers a print run may number for an electorate of `electors`.
pub fn min_print_run(electors: u32) -> u32 {
    MIN_PRINT_RUN.min(electors).max(1)
}

/// How many papers a reprint of `spoilt` papers numbers: as many as were spoilt, and never
/// fewer than a print run may hold.
pub fn replacements(spoilt: u32, electors: u32) -> u32 {
    spoilt.max(min_print_run(electors))
}

/// Checks a print run of `copies` papers for an electorate of `electors`; the message says
/// what to do instead.
pub fn check_print_run(copies: u32, electors: u32) -> Result<(), Refusal> {
    let least = min_print_run(electors);
    if copies < least {
        return Err(Refusal::from(format!(
            "Number at least {least} papers at a time, so that no paper can be traced to the elector who receives it \
             (a secret ballot): hand papers out from the pile in any order, and count back the ones not used."
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_single_paper_cannot_be_numbered_on_its_own() {
        assert!(check_print_run(1, 12).is_err());
        assert!(check_print_run(4, 12).is_err());
        assert!(check_print_run(5, 12).is_ok());
        assert!(check_print_run(12, 12).is_ok());
    }

    #[test]
    fn a_small_electorate_needs_no_more_papers_than_electors() {
        assert!(check_print_run(1, 1).is_ok());
        assert!(check_print_run(2, 3).is_err());
        assert!(check_print_run(3, 3).is_ok());
        // An electorate of none still numbers one paper at least.
        assert!(check_print_run(1, 0).is_ok());
    }

    #[test]
    fn replacing_a_spoilt_paper_numbers_a_whole_run() {
        assert_eq!(replacements(1, 12), 5);
        assert_eq!(replacements(7, 12), 7);
        assert_eq!(replacements(1, 1), 1);
    }
}
