//! How long a run of ballot papers takes to draw: 100 numbered papers with 10
//! candidates (the goal is a tenth of a second) and 100 with 20 candidates.
//!
//! The fonts are parsed on the first ballot run of a `Documents` and kept;
//! one run before measuring does that, so the figures are what each later run
//! costs (drawing, subsetting the fonts, writing and compressing the PDF).

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use secretariat_documents::{BallotCandidate, BallotMethod, BallotPapers, Documents};

const ORGANISATIONS: [&str; 4] =
    ["Acme Pumps plc", "Northern Water Quality Partnership and Associated Laboratories Limited", "Brightwater Analytics", "Hydrotest Instruments (UK) Ltd"];

fn papers(candidates: usize, count: u32) -> BallotPapers {
    BallotPapers {
        group: "Northern Water Quality Working Group".into(),
        title: "Election of supplier members 2027".into(),
        method: BallotMethod::Preferences,
        seats: 3,
        candidates: (0..candidates)
            .map(|n| BallotCandidate {
                name: format!("Zoë Candidate-{:02} Ó'Brien", n + 1),
                organisation: Some(ORGANISATIONS[n % ORGANISATIONS.len()].into()),
                sme: n % 3 == 0,
            })
            .collect(),
        serials: (1..=count).map(|n| 1000 + n).collect(),
        return_by: "17:00 on Tue 9 Dec 2026".into(),
        returning_officer: "Sam Secretary".into(),
        constraint: String::new(),
    }
}

fn bench(c: &mut Criterion) {
    let documents = Documents::new();
    documents.ballot_papers(&papers(3, 1)).expect("the papers draw");
    let ten = papers(10, 100);
    let twenty = papers(20, 100);

    let mut group = c.benchmark_group("ballots");
    group.sample_size(20);
    group.measurement_time(Duration::from_secs(8));
    group.bench_function("100_papers_10_candidates", |b| b.iter(|| documents.ballot_papers(black_box(&ten)).expect("the papers draw")));
    group.bench_function("100_papers_20_candidates", |b| b.iter(|| documents.ballot_papers(black_box(&twenty)).expect("the papers draw")));
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
