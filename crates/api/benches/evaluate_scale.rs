//! The rules at scale (issue #9: ≤ 5 ms per group): the real registers and attendance of the
//! 20 synthetic groups (10 years each) read from the generated SQLCipher database, then
//! `evaluate_with_attendance` — what `check` and Home's findings run — timed on today's date
//! for each group. The figure is the mean over the groups of each group's median time.
//!
//! `cargo bench -p secretariat-api --bench evaluate_scale`; `SECRETARIAT_BENCH_SMOKE=1` for one
//! group. Writes `$CARGO_TARGET_DIR/secretariat-bench/evaluate_scale.json`.

mod common;

use common::{percentile, scale, smoke, today};
use secretariat_store::{DataPaths, KeySource, Passphrase, Store};
use std::hint::black_box;
use std::time::Instant;

const GOAL_MS: f64 = 5.0;

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("a runtime");
    let scale = scale();
    let runs = if smoke() { 10 } else { 200 };
    let (dir, groups) = runtime.block_on(common::database(scale));
    let snapshots = runtime.block_on(async {
        let store = Store::open(&DataPaths::new(&dir), KeySource::Passphrase(Passphrase::new(common::PASSPHRASE))).await.expect("the store opens");
        let mut snapshots = Vec::new();
        for &group in &groups {
            snapshots.push((store.register(group).await.expect("a register"), store.attendance_record(group).await.expect("attendance")));
        }
        store.close().await;
        snapshots
    });
    let on = today();
    let mut medians = Vec::new();
    let mut findings = 0;
    for (register, attendance) in &snapshots {
        for _ in 0..runs / 10 {
            black_box(secretariat_rules::evaluate_with_attendance(register, attendance, on));
        }
        let mut ms: Vec<f64> = (0..runs)
            .map(|_| {
                let started = Instant::now();
                findings = black_box(secretariat_rules::evaluate_with_attendance(black_box(register), black_box(attendance), black_box(on))).len();
                started.elapsed().as_secs_f64() * 1e3
            })
            .collect();
        ms.sort_by(f64::total_cmp);
        medians.push(percentile(&ms, 50.0));
    }
    let per_group_ms = medians.iter().sum::<f64>() / medians.len() as f64;
    let worst = medians.iter().copied().fold(0.0, f64::max);
    let (terms, people, employments): (usize, usize, usize) =
        snapshots.iter().fold((0, 0, 0), |(t, p, e), (r, _)| (t + r.terms.len(), p + r.people.len(), e + r.employments.len()));
    println!("Rules at scale {scale}: {} groups ({terms} terms, {people} people, {employments} employments in all), {runs} runs each on {on}", snapshots.len());
    println!(
        "per group: {per_group_ms:.4} ms (mean of the medians), slowest group {worst:.4} ms; goal ≤ {GOAL_MS} ms{}",
        if per_group_ms > GOAL_MS { "  OVER" } else { "" }
    );
    let _ = findings;
    let file = common::bench_dir().join("evaluate_scale.json");
    let json = serde_json::to_string_pretty(&serde_json::json!({ "per_group_ms": per_group_ms })).expect("serialises");
    secretariat_api::write_atomically(&file, json.as_bytes()).expect("the result is written");
    println!("Wrote {}", file.display());
}
