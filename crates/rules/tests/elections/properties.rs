//! Properties of the counts on random small elections (proptest).
//!
//! The brute-force checks enumerate every set of candidates, so elections stay small (at most
//! 8 candidates). "Valid" below means: nobody from a taken organisation, at most one winner
//! per organisation when one-per-organisation applies (ToR §14); the SME minimum (ToR §13) is
//! then checked separately, as far as the candidates standing allow.

use proptest::prelude::*;
use proptest::sample::subsequence;
use secretariat_rules::elections::{Ballot, BltFile, Candidate, Constraints, Count, Election, Method, SeededLot, Votes, count, parse_blt, write_blt};

const ORGS: [&str; 4] = ["acme", "beta", "coda", "delta"];

/// A ranking of some of `n` candidates, in random order.
fn ranking(n: usize) -> impl Strategy<Value = Vec<usize>> {
    subsequence((0..n).collect::<Vec<_>>(), 1..=n).prop_shuffle()
}

/// Marks for up to `max` of `n` candidates.
fn marks(n: usize, max: usize) -> impl Strategy<Value = Vec<usize>> {
    subsequence((0..n).collect::<Vec<_>>(), 1..=max.min(n))
}

fn ballots(papers: impl Strategy<Value = Vec<usize>>, count: usize) -> impl Strategy<Value = Vec<Ballot>> {
    prop::collection::vec((1u32..=4, papers).prop_map(|(weight, preferences)| Ballot { weight, preferences }), 1..count)
}

fn candidates(n: usize) -> impl Strategy<Value = Vec<Candidate>> {
    prop::collection::vec((prop::option::weighted(0.8, 0..ORGS.len()), any::<bool>()), n).prop_map(|cs| {
        cs.into_iter().enumerate().map(|(i, (org, sme))| Candidate { name: format!("C{i}"), organisation: org.map(|o| ORGS[o].to_owned()), sme }).collect()
    })
}

fn constraints(seats: usize) -> impl Strategy<Value = Constraints> {
    (subsequence(ORGS.to_vec(), 0..=2), any::<bool>(), 0..=seats).prop_map(|(taken, one_per_organisation, sme_minimum)| Constraints {
        taken_organisations: taken.into_iter().map(str::to_owned).collect(),
        one_per_organisation,
        sme_minimum,
    })
}

/// A ranked election with no constraints; a few candidates may be withdrawn.
fn plain_ranked(seats: std::ops::RangeInclusive<usize>) -> impl Strategy<Value = Election> {
    (2usize..=7, seats).prop_flat_map(|(n, seats)| {
        (ballots(ranking(n), 40), subsequence((0..n).collect::<Vec<_>>(), 0..n)).prop_map(move |(ballots, withdrawn)| Election {
            title: "Random".into(),
            seats,
            candidates: (0..n).map(|i| Candidate::named(format!("C{i}"))).collect(),
            withdrawn,
            ballots,
            constraints: Constraints::default(),
        })
    })
}

/// A constrained election: ranked papers for STV, or marks (up to `seats`) for the block vote.
fn constrained(method: Method) -> impl Strategy<Value = Election> {
    (2usize..=8, 1usize..=4).prop_flat_map(move |(n, seats)| {
        let seats = if method.single_seat() { 1 } else { seats };
        let papers = if method.ranked() { ranking(n).boxed() } else { marks(n, seats).boxed() };
        (candidates(n), ballots(papers, 30), constraints(seats)).prop_map(move |(candidates, ballots, constraints)| Election {
            title: "Random".into(),
            seats,
            candidates,
            withdrawn: vec![],
            ballots,
            constraints,
        })
    })
}

fn org_valid(e: &Election, set: &[usize]) -> bool {
    let c = &e.constraints;
    let orgs: Vec<&str> = set.iter().filter_map(|&i| e.candidates[i].organisation.as_deref()).collect();
    let taken = orgs.iter().any(|o| c.taken_organisations.iter().any(|t| t == o));
    let shared = c.one_per_organisation && (1..orgs.len()).any(|i| orgs[..i].contains(&orgs[i]));
    !taken && !shared
}

fn smes(e: &Election, set: &[usize]) -> usize {
    set.iter().filter(|&&i| e.candidates[i].sme).count()
}

/// Every subset of the standing candidates, as index lists.
fn subsets(e: &Election) -> Vec<Vec<usize>> {
    let standing: Vec<usize> = (0..e.candidates.len()).filter(|c| !e.withdrawn.contains(c)).collect();
    (0u32..1 << standing.len()).map(|mask| standing.iter().enumerate().filter(|(k, _)| mask & (1 << k) != 0).map(|(_, &c)| c).collect()).collect()
}

/// (winners, SMEs among them) the best conformant result has: as many seats as can be filled
/// by a valid set, and as many SMEs as the minimum asks, or as a valid set that size can hold.
fn best_achievable(e: &Election) -> (usize, usize) {
    let valid: Vec<Vec<usize>> = subsets(e).into_iter().filter(|s| org_valid(e, s) && s.len() <= e.seats).collect();
    let size = valid.iter().map(Vec::len).max().unwrap_or(0);
    let most_smes = valid.iter().filter(|s| s.len() == size).map(|s| smes(e, s)).max().unwrap_or(0);
    (size, e.constraints.sme_minimum.min(most_smes))
}

fn assert_conformant(e: &Election, result: &Count) -> Result<(), TestCaseError> {
    let (size, sme_target) = best_achievable(e);
    prop_assert!(org_valid(e, &result.elected), "ToR §14 broken: {:?}", result.elected);
    prop_assert_eq!(result.elected.len(), size, "as many seats filled as a valid result allows");
    prop_assert!(smes(e, &result.elected) >= sme_target, "ToR §13 broken: {:?}", result.elected);
    Ok(())
}

/// Totals sorted from highest to lowest.
fn vote_vector(totals: &[Votes], set: &[usize]) -> Vec<Votes> {
    let mut v: Vec<Votes> = set.iter().map(|&c| totals[c]).collect();
    v.sort_unstable_by(|a, b| b.cmp(a));
    v
}

fn blt_name() -> impl Strategy<Value = String> {
    "[A-Za-z][A-Za-z .'-]{0,12}[a-z]"
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn stv_with_one_seat_elects_the_instant_runoff_winner(e in plain_ranked(1..=1), seed in any::<u64>()) {
        let stv = count(Method::ScottishStv, &e, &mut SeededLot(seed)).unwrap();
        let irv = count(Method::InstantRunoff, &e, &mut SeededLot(seed)).unwrap();
        prop_assert_eq!(stv.elected, irv.elected);
    }

    #[test]
    fn stv_fills_every_seat_when_enough_candidates_stand(e in plain_ranked(1..=4), seed in any::<u64>()) {
        let result = count(Method::ScottishStv, &e, &mut SeededLot(seed)).unwrap();
        let standing = e.candidates.len() - e.withdrawn.len();
        prop_assert_eq!(result.elected.len(), e.seats.min(standing));
        let mut once = result.elected.clone();
        once.sort_unstable();
        once.dedup();
        prop_assert_eq!(once.len(), result.elected.len(), "nobody elected twice");
        prop_assert!(result.elected.iter().all(|c| !e.withdrawn.contains(c)));
    }

    #[test]
    fn stv_respects_the_constraints_whenever_they_can_be_met(e in constrained(Method::ScottishStv), seed in any::<u64>()) {
        assert_conformant(&e, &count(Method::ScottishStv, &e, &mut SeededLot(seed)).unwrap())?;
    }

    #[test]
    fn block_vote_respects_the_constraints_whenever_they_can_be_met(e in constrained(Method::Block), seed in any::<u64>()) {
        assert_conformant(&e, &count(Method::Block, &e, &mut SeededLot(seed)).unwrap())?;
    }

    #[test]
    fn single_seat_methods_respect_the_constraints(
        ranked in constrained(Method::InstantRunoff),
        marked in constrained(Method::Plurality),
        seed in any::<u64>(),
    ) {
        assert_conformant(&ranked, &count(Method::InstantRunoff, &ranked, &mut SeededLot(seed)).unwrap())?;
        assert_conformant(&marked, &count(Method::Plurality, &marked, &mut SeededLot(seed)).unwrap())?;
    }

    /// With distinct totals the best valid set is unique: the greedy count must find it.
    /// "Best" is the lexicographically greatest vector of the winners' totals sorted from
    /// highest to lowest, among the sets of the best achievable size that hold the best
    /// achievable number of SMEs and are valid.
    #[test]
    fn block_vote_equals_brute_force_over_every_valid_seat_set(
        mut e in constrained(Method::Block),
        order in Just(()).prop_perturb(|_, mut rng| rng.random::<u64>()),
    ) {
        // Distinct totals: candidate i gets a base of 1000 × its place in a random order, more
        // than the random ballots can add (at most 29 × 4 marks).
        let n = e.candidates.len();
        let mut places: Vec<usize> = (1..=n).collect();
        let mut state = order;
        for i in (1..n).rev() {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            places.swap(i, (state >> 33) as usize % (i + 1));
        }
        for (c, place) in places.into_iter().enumerate() {
            e.ballots.push(Ballot { weight: 1000 * place as u32, preferences: vec![c] });
        }
        let result = count(Method::Block, &e, &mut SeededLot(0)).unwrap();
        prop_assert!(result.ties.is_empty());
        let totals = &result.stages[0].totals;
        let (size, sme_target) = best_achievable(&e);
        let best = subsets(&e)
            .into_iter()
            .filter(|s| s.len() == size && org_valid(&e, s) && smes(&e, s) >= sme_target)
            .map(|s| vote_vector(totals, &s))
            .max();
        prop_assert_eq!(Some(vote_vector(totals, &result.elected)), best);
    }

    #[test]
    fn the_order_of_the_ballots_changes_nothing(
        (e, shuffled) in constrained(Method::ScottishStv).prop_flat_map(|e| {
            let ballots = e.ballots.clone();
            (Just(e), Just(ballots).prop_shuffle())
        }),
        seed in any::<u64>(),
    ) {
        let reordered = Election { ballots: shuffled, ..e.clone() };
        prop_assert_eq!(count(Method::ScottishStv, &e, &mut SeededLot(seed)), count(Method::ScottishStv, &reordered, &mut SeededLot(seed)));
        let marks = |e: &Election| Election {
            seats: e.seats.max(e.ballots.iter().map(|b| b.preferences.len()).max().unwrap_or(1)),
            ..e.clone()
        };
        prop_assert_eq!(count(Method::Block, &marks(&e), &mut SeededLot(seed)), count(Method::Block, &marks(&reordered), &mut SeededLot(seed)));
    }

    #[test]
    fn a_blt_file_reads_back_as_written(
        file in (1usize..=8, 1usize..=5).prop_flat_map(|(n, seats)| (
            prop::collection::vec(blt_name(), n),
            blt_name(),
            subsequence((0..n).collect::<Vec<_>>(), 0..=n),
            prop::collection::vec((1u32..=1000, subsequence((0..n).collect::<Vec<_>>(), 0..=n).prop_shuffle()), 0..20),
        ).prop_map(move |(candidates, title, withdrawn, ballots)| BltFile {
            title,
            seats,
            candidates,
            withdrawn,
            ballots: ballots.into_iter().map(|(weight, preferences)| Ballot { weight, preferences }).collect(),
        })),
    ) {
        prop_assert_eq!(parse_blt(&write_blt(&file)), Ok(file));
    }
}
