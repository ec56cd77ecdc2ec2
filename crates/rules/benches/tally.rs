//! The election counts at scale. Goal: 1,000 eight-seat STV elections (20 candidates, 200
//! ballots each) in at most 1 s altogether. Also timed: the 28 Scottish reference counts, and
//! one large election (60 candidates, 100,000 ballots). Elections are generated in setup, from
//! a fixed seed, and not timed. Run with `cargo bench -p secretariat-rules --bench tally`.

mod common;

use common::{Random, random_election, thousand_elections};
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use secretariat_rules::elections::{Ballot, Election, Method, SeededLot, count, parse_blt};
use std::hint::black_box;

/// The Scottish reference counts, kept in the repository (`tests/data/stv-scotland`; their
/// source and licence are in its README), so a clone alone has what the tests read.
fn stv_testdata() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/data/stv-scotland")
}

fn reference_elections() -> Vec<Election> {
    let dir = stv_testdata().join("blt");
    let mut paths: Vec<_> = std::fs::read_dir(&dir).expect("the reference ballot files").map(|e| e.expect("an entry").path()).collect();
    paths.sort();
    paths.iter().map(|p| parse_blt(&std::fs::read_to_string(p).expect("readable")).expect("a BLT file").to_election()).collect()
}

fn bench(c: &mut Criterion) {
    let reference = reference_elections();
    let mut random = Random(2026);
    let thousand = thousand_elections(&mut random);
    let large = random_election(&mut random, 60, 8, 100_000);

    let mut group = c.benchmark_group("tally");
    group.sample_size(10);
    group.bench_function(BenchmarkId::new("Scottish reference counts", reference.len()), |b| {
        b.iter(|| reference.iter().map(|e| count(Method::ScottishStv, black_box(e), &mut SeededLot(1)).expect("counts").stages.len()).sum::<usize>())
    });
    for method in [Method::ScottishStv, Method::Block] {
        let elections: Vec<Election> = match method {
            Method::Block => thousand.iter().map(as_block).collect(),
            _ => thousand.clone(),
        };
        group.bench_function(BenchmarkId::new(format!("1,000 elections, 8 seats, 20 candidates, 200 ballots, {method:?}"), 1000), |b| {
            b.iter(|| elections.iter().map(|e| count(method, black_box(e), &mut SeededLot(1)).expect("counts").elected.len()).sum::<usize>())
        });
    }
    group.bench_function(BenchmarkId::new("one election, 60 candidates, 100,000 ballots", 1), |b| {
        b.iter(|| count(Method::ScottishStv, black_box(&large), &mut SeededLot(1)).expect("counts").stages.len())
    });
    group.finish();
}

/// The same papers read as crosses: the first `seats` preferences of each.
fn as_block(e: &Election) -> Election {
    let ballots = e.ballots.iter().map(|b| Ballot { weight: b.weight, preferences: b.preferences.iter().copied().take(e.seats).collect() }).collect();
    Election { ballots, ..e.clone() }
}

criterion_group!(benches, bench);
criterion_main!(benches);
