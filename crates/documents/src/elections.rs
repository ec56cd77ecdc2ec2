//! The data behind an election's typeset documents: the call for
//! nominations, the issue list (the marked register) and the result report.
//! (The ballot papers themselves are drawn, see `ballots.rs`.)
//!
//! As with the other documents, every field is already worded for people
//! ("ToR §12", "Tue 9 Dec 2026", "1,234.00"): what to say is the callers'
//! business, the layout the templates'. These types are serialised to
//! `/data.json` as they are, so a field renamed here must be renamed in
//! `templates/call-for-nominations.typ`, `templates/issue-list.typ` or
//! `templates/election-result.typ`.

use serde::{Deserialize, Serialize};

use crate::error::DocumentError;

/// The notice opening nominations.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallForNominations {
    pub group: String,
    /// The election, e.g. "Election of supplier members 2027".
    pub title: String,
    /// e.g. "Mon 2 Nov 2026".
    pub issued_on: String,
    /// e.g. "17:00 on Mon 16 Nov 2026".
    pub closes_on: String,
    /// e.g. "3 supplier seats".
    pub seats: String,
    /// e.g. "two years from the declaration".
    pub term: String,
    /// Who may stand, each rule with the paragraph it comes from.
    pub eligibility: Vec<RuleLine>,
    /// The steps of nominating, in order.
    pub how_to_nominate: Vec<String>,
    /// What the result must satisfy, e.g. "At least 1 of the winners must be
    /// from an SME (ToR §13)".
    pub constraints: Vec<String>,
    pub returning_officer: String,
}

/// A rule and the paragraph of the terms of reference it comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleLine {
    /// e.g. "ToR §12".
    pub paragraph: String,
    pub text: String,
}

/// The issue list (marked register): who was given a ballot paper. It never
/// says which paper, so it has no serial numbers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssueList {
    pub group: String,
    pub title: String,
    /// Every elector, in the order to print.
    pub electors: Vec<IssueLine>,
    /// Ballot papers printed, spoilt, and issued.
    pub printed: u32,
    pub spoilt: u32,
    pub issued_count: u32,
}

/// One elector on the issue list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssueLine {
    pub name: String,
    /// Ticked when a ballot paper was issued to them.
    pub issued: bool,
}

/// The result of an election, with the count stage by stage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResultReport {
    pub group: String,
    pub title: String,
    /// e.g. "Single transferable vote (Scottish rules, SSI 2007/42)".
    pub method: String,
    pub seats: u32,
    /// e.g. "1,234.00"; `None` for methods without a quota.
    pub quota: Option<String>,
    pub valid_votes: String,
    /// The count table's rows, in order; each stage has one total and one
    /// state per candidate, in this order.
    pub candidates: Vec<ResultCandidate>,
    pub stages: Vec<ResultStage>,
    /// The names of those elected, in the order they were elected.
    pub elected: Vec<String>,
    pub reconciliation: Vec<ReconciliationLine>,
    pub rejected: Vec<RejectedLine>,
    /// How each tie was broken, a sentence each.
    pub ties: Vec<String>,
    /// Each constraint and how it was applied, a sentence each.
    pub constraints: Vec<String>,
    pub declaration: Declaration,
    /// Not declared yet: every page is marked "DRAFT — not declared".
    pub draft: bool,
}

/// A candidate in the count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResultCandidate {
    pub name: String,
    pub organisation: Option<String>,
    pub sme: bool,
}

/// One stage of the count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResultStage {
    /// 1, 2, 3 …
    pub number: u32,
    /// Short, for the column heading: "First preferences", "Surplus of A. N.
    /// Other", "Exclusion of …".
    pub action: String,
    /// What happened, a sentence or two, for the list under the table.
    pub description: String,
    /// Each candidate's votes after this stage, e.g. "312.00".
    pub totals: Vec<String>,
    pub non_transferable: String,
    /// Each candidate's state after this stage: "", "Elected", "Excluded" or
    /// "Withdrawn".
    pub states: Vec<String>,
}

/// One check that the papers add up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReconciliationLine {
    /// e.g. "Papers issued".
    pub label: String,
    pub value: String,
    /// False marks the line as not agreeing.
    pub ok: bool,
}

/// Rejected papers for one reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RejectedLine {
    /// e.g. "Voter could be identified".
    pub reason: String,
    pub count: u32,
}

/// Who declares the result, and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Declaration {
    pub returning_officer: String,
    /// e.g. "Wed 10 Dec 2026"; `None` leaves the date line blank.
    pub declared_on: Option<String>,
}

/// Stage columns per table: more do not fit across a landscape page.
const STAGES_PER_TABLE: usize = 8;
/// Up to this many stages, the count fits across a portrait page.
const PORTRAIT_STAGES: usize = 4;

/// `/data.json` for `templates/election-result.typ`: the report and how its
/// count table is split.
#[derive(Debug, Serialize)]
pub(crate) struct ResultData<'a> {
    report: &'a ResultReport,
    landscape: bool,
    /// Indexes into `report.stages`, one list per table.
    chunks: Vec<Vec<usize>>,
}

impl<'a> ResultData<'a> {
    /// Checks every stage has a total and a state per candidate, and splits
    /// the stages into tables of at most eight columns, as even as can be
    /// (fifteen stages are two tables of eight and seven, nine are five and
    /// four).
    pub(crate) fn new(report: &'a ResultReport) -> Result<Self, DocumentError> {
        let candidates = report.candidates.len();
        for stage in &report.stages {
            if stage.totals.len() != candidates || stage.states.len() != candidates {
                return Err(DocumentError::Invalid(format!(
                    "Stage {} of the count has {} totals and {} states for {} candidates; \
                     it needs one of each per candidate.",
                    stage.number,
                    stage.totals.len(),
                    stage.states.len(),
                    candidates
                )));
            }
        }
        let stages = report.stages.len();
        let tables = stages.div_ceil(STAGES_PER_TABLE).max(1);
        let per_table = stages.div_ceil(tables).max(1);
        let indexes: Vec<usize> = (0..stages).collect();
        Ok(Self { report, landscape: stages > PORTRAIT_STAGES, chunks: indexes.chunks(per_table).map(<[usize]>::to_vec).collect() })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(stages: usize) -> ResultReport {
        ResultReport {
            group: "G".into(),
            title: "T".into(),
            method: "M".into(),
            seats: 1,
            quota: None,
            valid_votes: "10".into(),
            candidates: vec![ResultCandidate { name: "A".into(), organisation: None, sme: false }],
            stages: (1..=stages)
                .map(|number| ResultStage {
                    number: number as u32,
                    action: "A".into(),
                    description: "D".into(),
                    totals: vec!["1".into()],
                    non_transferable: "0".into(),
                    states: vec![String::new()],
                })
                .collect(),
            elected: vec![],
            reconciliation: vec![],
            rejected: vec![],
            ties: vec![],
            constraints: vec![],
            declaration: Declaration { returning_officer: "R".into(), declared_on: None },
            draft: false,
        }
    }

    fn sizes(stages: usize) -> (bool, Vec<usize>) {
        let report = report(stages);
        let data = ResultData::new(&report).expect("the report is consistent");
        (data.landscape, data.chunks.iter().map(Vec::len).collect())
    }

    #[test]
    fn stages_split_into_even_tables_of_at_most_eight() {
        assert_eq!(sizes(0), (false, vec![]));
        assert_eq!(sizes(3), (false, vec![3]));
        assert_eq!(sizes(4), (false, vec![4]));
        assert_eq!(sizes(5), (true, vec![5]));
        assert_eq!(sizes(8), (true, vec![8]));
        assert_eq!(sizes(9), (true, vec![5, 4]));
        assert_eq!(sizes(15), (true, vec![8, 7]));
        assert_eq!(sizes(17), (true, vec![6, 6, 5]));
    }

    #[test]
    fn a_stage_without_a_total_for_every_candidate_is_refused() {
        let mut report = report(2);
        report.stages[1].totals.clear();
        let err = ResultData::new(&report).expect_err("stage 2 has no totals");
        assert!(err.to_string().starts_with("Stage 2 of the count has 0 totals"), "{err}");
    }
}
