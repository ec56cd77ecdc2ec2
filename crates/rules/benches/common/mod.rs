//! The generated elections the tally benches share: `tally` times them, `stv_peer` writes the
//! same ones as BLT files for an independent count.

use secretariat_rules::elections::{Ballot, Candidate, Constraints, Election};

/// SplitMix64, so the generated elections are the same on every run.
pub struct Random(pub u64);

impl Random {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Voters rank a few candidates, favouring some (as real voters do): candidate i is picked
/// with weight proportional to `n - i` plus noise.
pub fn random_election(random: &mut Random, candidates: usize, seats: usize, ballots: usize) -> Election {
    let ballots = (0..ballots)
        .map(|_| {
            let length = 1 + random.below(candidates.min(8));
            let mut pool: Vec<usize> = (0..candidates).collect();
            let mut preferences = Vec::with_capacity(length);
            for _ in 0..length {
                let pick = random.below(pool.len()).min(random.below(pool.len()));
                preferences.push(pool.swap_remove(pick));
            }
            Ballot { weight: 1, preferences }
        })
        .collect();
    Election {
        title: "Random".into(),
        seats,
        candidates: (0..candidates).map(|i| Candidate::named(format!("Candidate {i}"))).collect(),
        withdrawn: vec![],
        ballots,
        constraints: Constraints::default(),
    }
}

/// The 1,000 eight-seat elections (20 candidates, 200 ballots each) of the headline figure.
pub fn thousand_elections(random: &mut Random) -> Vec<Election> {
    (0..1000).map(|_| random_election(random, 20, 8, 200)).collect()
}
