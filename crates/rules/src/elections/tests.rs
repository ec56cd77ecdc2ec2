//! Unit tests of the counts: the constraints at work (named after their ToR paragraph), the
//! block and single-seat methods, and the errors. The Scottish rules themselves are tested
//! against the reference counts in `tests/elections/scottish_reference.rs`.

use super::*;
use CandidateState::*;

fn candidate(name: &str, org: Option<&str>, sme: bool) -> Candidate {
    Candidate { name: name.into(), organisation: org.map(Into::into), sme }
}

fn plain(names: &[&str]) -> Vec<Candidate> {
    names.iter().map(|&n| Candidate::named(n)).collect()
}

fn election(seats: usize, candidates: Vec<Candidate>, ballots: &[(u32, &[usize])], constraints: Constraints) -> Election {
    Election {
        title: "Test".into(),
        seats,
        candidates,
        withdrawn: vec![],
        ballots: ballots.iter().map(|&(weight, prefs)| Ballot { weight, preferences: prefs.to_vec() }).collect(),
        constraints,
    }
}

fn run(method: Method, e: &Election) -> Count {
    count(method, e, &mut SeededLot(1)).expect("counts")
}

fn one_per_org(sme_minimum: usize, taken: &[&str]) -> Constraints {
    Constraints { taken_organisations: taken.iter().map(|t| t.to_string()).collect(), one_per_organisation: true, sme_minimum }
}

const A: usize = 0;
const B: usize = 1;
const C: usize = 2;
const D: usize = 3;
const E: usize = 4;

#[test]
fn s14_second_winner_from_one_organisation_is_excluded() {
    let candidates = vec![
        candidate("Ann", Some("acme"), false),
        candidate("Bob", Some("acme"), false),
        candidate("Cat", Some("beta"), false),
        candidate("Dan", None, false),
    ];
    let e = election(2, candidates, &[(40, &[A, B]), (35, &[B, C]), (15, &[C]), (10, &[D, C])], one_per_org(0, &[]));
    let count = run(Method::ScottishStv, &e);
    assert_eq!(count.quota, Some(Votes::whole(34)));
    // Stage 1: Ann and Bob both reach the quota, but only one can sit; Ann has more.
    assert_eq!(count.stages[0].elected, [A]);
    assert_eq!(count.stages[0].states[B], Hopeful);
    // Stage 2: Bob is deemed excluded; his papers go to Cat, who is elected.
    assert_eq!(count.stages[1].action, StageAction::DeemedExcluded { candidates: vec![B] });
    assert!(count.stages[1].description.contains("Ann of the same organisation (acme) has been elected (ToR §14)"), "{}", count.stages[1].description);
    assert!(count.stages[1].description.contains("though they have reached the quota"));
    assert_eq!(count.stages[1].totals[C], Votes::whole(50));
    assert_eq!(count.elected, [A, C]);
}

#[test]
fn s14_candidate_from_a_continuing_members_organisation_is_deemed_excluded_at_once() {
    let candidates = vec![candidate("Ann", Some("acme"), false), candidate("Bob", Some("beta"), false), candidate("Cat", None, false)];
    let e = election(1, candidates, &[(50, &[A, C]), (30, &[B]), (20, &[C])], one_per_org(0, &["acme"]));
    let count = run(Method::ScottishStv, &e);
    assert!(count.stages[0].elected.is_empty(), "Ann has a majority but cannot win");
    assert_eq!(count.stages[1].action, StageAction::DeemedExcluded { candidates: vec![A] });
    assert!(count.stages[1].description.contains("a continuing member is from acme"));
    assert_eq!(count.elected, [C]);
}

#[test]
fn s13_sme_protected_from_exclusion() {
    let candidates = vec![candidate("Ann", None, false), candidate("Bob", None, false), candidate("Cat", None, false), candidate("Sue", None, true)];
    let e = election(2, candidates, &[(30, &[A]), (28, &[B]), (25, &[C, A]), (17, &[D])], one_per_org(1, &[]));
    let count = run(Method::ScottishStv, &e);
    // Sue has the fewest votes but is the only SME: Cat is excluded instead.
    assert_eq!(count.stages[1].action, StageAction::Exclude { candidate: C, protected: vec![D] });
    assert!(count.stages[1].description.contains("Sue has as few votes or fewer but is protected"), "{}", count.stages[1].description);
    assert!(count.stages[1].description.contains("ToR §13"));
    assert_eq!(count.stages[1].elected, [A]);
    assert_eq!(count.elected, [A, D]);
}

#[test]
fn s13_non_smes_are_deemed_excluded_when_the_seats_left_are_needed_for_smes() {
    let candidates = vec![candidate("Ann", None, false), candidate("Bob", None, false), candidate("Cat", None, false), candidate("Sue", None, true)];
    let e = election(2, candidates, &[(30, &[A]), (28, &[B]), (25, &[C, A]), (17, &[D])], one_per_org(1, &[]));
    let count = run(Method::ScottishStv, &e);
    // Once Ann is elected, the last seat must go to an SME: Bob is deemed excluded.
    assert_eq!(count.stages[2].action, StageAction::DeemedExcluded { candidates: vec![B] });
    assert!(count.stages[2].description.contains("needed for SME candidates to meet the SME minimum (ToR §13)"));
    assert_eq!(count.stages[2].elected, [D], "rule 52 then elects Sue");
}

#[test]
fn constraints_that_cannot_be_met_in_full_leave_seats_unfilled_and_say_why() {
    let candidates = vec![candidate("Ann", Some("acme"), false), candidate("Bob", Some("acme"), false), candidate("Cat", Some("beta"), false)];
    let e = election(3, candidates, &[(5, &[A]), (4, &[B]), (3, &[C])], one_per_org(0, &[]));
    for method in [Method::ScottishStv, Method::Block] {
        let count = run(method, &e);
        assert_eq!(count.elected, [A, C], "{method:?}");
        let last = &count.stages.last().unwrap().description;
        assert!(last.contains("1 of the 3 seats is unfilled: candidates from only 2 different organisations may win a seat (ToR §14)"), "{last}");
    }
}

#[test]
fn a_candidate_with_exactly_the_quota_has_no_surplus_stage() {
    // 11 papers, 2 seats: quota 4. Ann has exactly 4; the next stage is an exclusion (rule 50(1)(b)).
    let e = election(2, plain(&["Ann", "Bob", "Cat", "Dan"]), &[(4, &[A, B]), (3, &[B]), (2, &[C]), (2, &[D, C])], Constraints::default());
    let count = run(Method::ScottishStv, &e);
    assert_eq!(count.stages[0].elected, [A]);
    assert!(!count.stages.iter().any(|s| matches!(s.action, StageAction::Transfer { .. })));
    assert!(matches!(count.stages[1].action, StageAction::Exclude { .. }));
}

#[test]
fn surplus_papers_pass_on_at_the_truncated_transfer_value() {
    // 3 seats... 9 papers, quota 3. Ann has 7: surplus 4, each paper worth 4/7 = 0.57142.
    let e = election(2, plain(&["Ann", "Bob", "Cat"]), &[(7, &[A, B]), (1, &[B]), (1, &[C])], Constraints::default());
    let count = run(Method::ScottishStv, &e);
    assert_eq!(count.quota, Some(Votes::whole(4)));
    let transfer = &count.stages[1];
    assert_eq!(transfer.action, StageAction::Transfer { from: A, surplus: Votes::whole(3) });
    assert_eq!(transfer.totals[B], Votes::whole(1) + Votes::from_units(42_857).times(7));
    assert!(transfer.description.contains("0.42857 for a first-preference paper"), "{}", transfer.description);
}

#[test]
fn withdrawn_candidates_are_skipped_and_papers_naming_only_them_are_not_valid() {
    let mut e = election(1, plain(&["Ann", "Bob", "Wes"]), &[(3, &[C, A]), (2, &[B]), (4, &[C])], Constraints::default());
    e.withdrawn = vec![C];
    for method in [Method::ScottishStv, Method::InstantRunoff] {
        let count = run(method, &e);
        assert_eq!(count.valid_votes, Votes::whole(5), "{method:?}");
        assert_eq!(count.stages[0].totals[A], Votes::whole(3));
        assert_eq!(count.stages[0].states[C], Withdrawn);
        assert_eq!(count.elected, [A]);
    }
}

#[test]
fn a_tie_never_broken_at_an_earlier_stage_goes_to_the_lot_and_is_recorded() {
    let e = election(1, plain(&["Ann", "Bob", "Cat"]), &[(4, &[A]), (2, &[B]), (2, &[C])], Constraints::default());
    let count = run(Method::ScottishStv, &e);
    assert_eq!(count.ties.len(), 1);
    let tie = &count.ties[0];
    assert_eq!((tie.stage, tie.purpose, tie.candidates.clone()), (2, TiePurpose::Exclusion, vec![B, C]));
    assert_eq!(tie.resolution, TieResolution::Lot { among: vec![B, C] });
    assert!(count.stages[1].description.contains("decided by lot"));
}

#[test]
fn block_vote_elects_the_highest_totals() {
    let e = election(2, plain(&["Ann", "Bob", "Cat"]), &[(3, &[A, B]), (2, &[B, C]), (1, &[C])], Constraints::default());
    let count = run(Method::Block, &e);
    assert_eq!(count.stages[0].totals, [Votes::whole(3), Votes::whole(5), Votes::whole(3)]);
    assert_eq!(count.elected[0], B);
    assert_eq!(count.stages[1].action, StageAction::Elect { candidate: B });
    assert_eq!(count.ties.len(), 1, "Ann and Cat tie for the last seat");
    assert_eq!(count.ties[0].purpose, TiePurpose::Election);
    assert_eq!(count.elected.len(), 2);
}

#[test]
fn block_vote_candidates_level_for_seats_enough_for_all_need_no_lot() {
    let e = election(2, plain(&["Ann", "Bob", "Cat"]), &[(3, &[A, B]), (1, &[C])], Constraints::default());
    let count = run(Method::Block, &e);
    assert_eq!(count.elected, [A, B]);
    assert!(count.ties.is_empty());
}

#[test]
fn s14_block_vote_passes_over_a_taken_organisation_and_a_second_winner_from_one() {
    let candidates =
        vec![candidate("Ann", Some("acme"), false), candidate("Bob", Some("acme"), false), candidate("Cat", Some("old"), false), candidate("Dan", None, false)];
    let e = election(2, candidates, &[(9, &[C, A]), (8, &[B]), (1, &[D])], one_per_org(0, &["old"]));
    let count = run(Method::Block, &e);
    assert_eq!(count.stages[1].action, StageAction::DeemedExcluded { candidates: vec![C] });
    assert!(count.stages[1].description.contains("continuing member is from old"));
    assert_eq!(count.stages[2].action, StageAction::Elect { candidate: A });
    assert_eq!(count.stages[3].action, StageAction::DeemedExcluded { candidates: vec![B] });
    assert_eq!(count.elected, [A, D]);
}

#[test]
fn s13_block_vote_keeps_the_last_seats_for_smes() {
    let candidates = vec![candidate("Ann", None, false), candidate("Bob", None, false), candidate("Sue", None, true), candidate("Tim", None, true)];
    let e = election(3, candidates, &[(9, &[A]), (8, &[B]), (5, &[C]), (4, &[D])], one_per_org(2, &[]));
    let count = run(Method::Block, &e);
    assert_eq!(count.elected, [A, C, D]);
    let skipped = count.stages.iter().find(|s| s.action == StageAction::DeemedExcluded { candidates: vec![B] }).expect("Bob passed over");
    assert!(skipped.description.contains("ToR §13"));
}

#[test]
fn plurality_elects_the_most_marks_and_refuses_a_second_mark() {
    let e = election(1, plain(&["Ann", "Bob"]), &[(2, &[A]), (3, &[B])], Constraints::default());
    assert_eq!(run(Method::Plurality, &e).elected, [B]);
    let two = election(1, plain(&["Ann", "Bob"]), &[(1, &[A, B])], Constraints::default());
    assert_eq!(count(Method::Plurality, &two, &mut SeededLot(0)).unwrap_err(), CountError::TooManyMarks { ballot: 0, marks: 2, allowed: 1 });
}

#[test]
fn instant_runoff_excludes_until_someone_has_a_majority_of_the_votes_left() {
    // 10 papers. Cat is excluded; her 2 papers: one to Bob, one exhausted. Bob 5 of 9: a majority.
    let e = election(1, plain(&["Ann", "Bob", "Cat"]), &[(4, &[A]), (4, &[B]), (1, &[C, B]), (1, &[C])], Constraints::default());
    let count = run(Method::InstantRunoff, &e);
    assert_eq!(count.elected, [B]);
    assert_eq!(count.stages[1].action, StageAction::Exclude { candidate: C, protected: vec![] });
    assert_eq!(count.stages[1].non_transferable, Votes::whole(1));
    assert!(count.stages[1].description.contains("Bob has 5.00000 of the 9.00000 votes still in the count, more than half"));
}

#[test]
fn single_seat_methods_refuse_more_seats() {
    let e = election(2, plain(&["Ann", "Bob", "Cat"]), &[(1, &[A])], Constraints::default());
    for method in [Method::Plurality, Method::InstantRunoff] {
        assert_eq!(count(method, &e, &mut SeededLot(0)).unwrap_err(), CountError::SingleSeatOnly { method, seats: 2 });
    }
}

#[test]
fn malformed_elections_are_refused_with_a_reason() {
    let ok = election(1, plain(&["Ann", "Bob"]), &[(1, &[A, B])], Constraints::default());
    let cases: Vec<(Election, CountError, &str)> = vec![
        (Election { seats: 0, ..ok.clone() }, CountError::NoSeats, "There are no seats to fill."),
        (Election { candidates: vec![], ..ok.clone() }, CountError::NoCandidates, "There are no candidates."),
        (
            Election { withdrawn: vec![5], ..ok.clone() },
            CountError::UnknownWithdrawn { candidate: 6, candidates: 2 },
            "Withdrawn candidate number 6 does not exist: there are 2 candidates.",
        ),
        (
            election(1, plain(&["Ann", "Bob"]), &[(1, &[A]), (1, &[A, 2])], Constraints::default()),
            CountError::UnknownCandidate { ballot: 1, candidate: 3, candidates: 2 },
            "Ballot 2 names candidate number 3, but there are only 2 candidates.",
        ),
        (
            election(1, plain(&["Ann", "Bob"]), &[(1, &[B, B])], Constraints::default()),
            CountError::RepeatedCandidate { ballot: 0, candidate: 2 },
            "Ballot 1 names candidate number 2 twice.",
        ),
        (
            election(1, plain(&["Ann", "Bob"]), &[(0, &[A])], Constraints::default()),
            CountError::ZeroWeight { ballot: 0 },
            "Ballot 1 has a weight of 0; a ballot stands for at least one paper.",
        ),
    ];
    for (e, expected, message) in cases {
        let error = count(Method::ScottishStv, &e, &mut SeededLot(0)).unwrap_err();
        assert_eq!(error, expected);
        assert_eq!(error.to_string(), message);
    }
}

#[test]
fn a_lot_that_chooses_outside_the_tie_is_an_error() {
    struct Wrong;
    impl Lot for Wrong {
        fn draw(&mut self, _tied: &[usize], _purpose: TiePurpose) -> usize {
            99
        }
    }
    let e = election(1, plain(&["Ann", "Bob", "Cat"]), &[(4, &[A]), (2, &[B]), (2, &[C])], Constraints::default());
    assert_eq!(count(Method::ScottishStv, &e, &mut Wrong).unwrap_err(), CountError::LotOutsideTie { chosen: 99, tied: vec![B, C] });
}

#[test]
fn a_count_reads_back_from_json_with_its_votes_as_strings() {
    let e = election(2, plain(&["Ann", "Bob", "Cat"]), &[(7, &[A, B]), (1, &[B]), (1, &[C])], Constraints::default());
    let count = run(Method::ScottishStv, &e);
    let json = serde_json::to_value(&count).unwrap();
    assert_eq!(json["method"], "scottish-stv");
    assert_eq!(json["quota"], "4.00000");
    assert_eq!(json["stages"][1]["action"], serde_json::json!({ "kind": "transfer", "from": 0, "surplus": "3.00000" }));
    assert_eq!(json["stages"][0]["states"][0], "elected");
    let back: Count = serde_json::from_value(json).unwrap();
    assert_eq!(back, count);
}

#[test]
fn the_same_count_twice_is_the_same() {
    let e = election(
        3,
        plain(&["Ann", "Bob", "Cat", "Dan", "Eve"]),
        &[(3, &[A, B, C]), (3, &[B, A]), (3, &[C]), (2, &[D, E]), (2, &[E, D])],
        Constraints::default(),
    );
    for method in [Method::ScottishStv, Method::Block] {
        assert_eq!(count(method, &e, &mut SeededLot(9)).unwrap(), count(method, &e, &mut SeededLot(9)).unwrap());
    }
}
