//! What the scale benches share: the synthetic database they measure, built once by the
//! generator (`secretariat demo --scale N`) and cached under
//! `$CARGO_TARGET_DIR/secretariat-bench/`, keyed by the generator's version, the seed, the
//! scale and the day, so a second run measures the same records without writing them again.

#![allow(dead_code)] // each bench uses part of this

use chrono::NaiveDate;
use secretariat_api::scale::{GENERATOR_VERSION, ScaleOptions};
use secretariat_api::{KdfParams, MemoryKeychain, Passphrase, Session, SessionConfig};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

pub const SEED: u64 = 1;
pub const PASSPHRASE: &str = "a recovery passphrase for the scale benches";

/// "Today" for the benches: fixed, so the cached database and the figures stay comparable.
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 27).expect("a date")
}

/// `SECRETARIAT_BENCH_SMOKE=1`: one group and a few samples, for CI.
pub fn smoke() -> bool {
    std::env::var("SECRETARIAT_BENCH_SMOKE").is_ok_and(|v| v == "1")
}

pub fn scale() -> u32 {
    if smoke() { 1 } else { 20 }
}

/// `$CARGO_TARGET_DIR/secretariat-bench/` (or `target/…` when cargo was not told).
pub fn bench_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target"));
    let dir = target.join("secretariat-bench");
    std::fs::create_dir_all(&dir).expect("the bench folder can be made");
    dir
}

pub fn session(dir: &Path) -> Session {
    Session::new(SessionConfig {
        data_dir: dir.to_path_buf(),
        keychain: Arc::new(MemoryKeychain::default()),
        passphrase: Some(Passphrase::new(PASSPHRASE)),
        // Only opening the database pays for the key derivation; nothing measured does.
        kdf: KdfParams::fast_for_tests(),
        today: Some(today()),
        paper_checker: secretariat_api::PaperChecker::program(env!("CARGO_BIN_EXE_paper-check")),
    })
}

/// The data folder holding `scale` synthetic groups (10 years each), generating it if the
/// cache has none; returns it with the groups' ids.
pub async fn database(scale: u32) -> (PathBuf, Vec<i64>) {
    let name = format!("scale{scale}-gen{GENERATOR_VERSION}-seed{SEED}-{}", today());
    let dir = bench_dir().join(name);
    let done = dir.join("generated.json");
    if let Ok(text) = std::fs::read_to_string(&done) {
        let groups: Vec<i64> = serde_json::from_str(&text).expect("the cache's list of groups");
        eprintln!("Using the cached synthetic database in {}", dir.display());
        return (dir, groups);
    }
    // A folder without its marker was left half-made by an interrupted run: start afresh.
    if dir.exists() {
        std::fs::remove_dir_all(&dir).expect("the half-made cache can be removed");
    }
    std::fs::create_dir_all(&dir).expect("the cache folder can be made");
    eprintln!("Generating {scale} synthetic groups × 10 years in {} …", dir.display());
    let s = session(&dir);
    let started = Instant::now();
    let report =
        s.load_scale(ScaleOptions { groups: scale, years: 10, seed: SEED }, &mut |line| eprintln!("  {line}")).await.expect("the synthetic data is written");
    s.close().await;
    let size = std::fs::metadata(dir.join("secretariat.db")).map(|m| m.len()).unwrap_or(0);
    eprintln!(
        "Generated in {:.1} s: {} meetings, {} papers, {} returned ballot papers; database {:.1} MB",
        started.elapsed().as_secs_f64(),
        report.meetings,
        report.papers,
        report.returned_papers,
        size as f64 / 1e6
    );
    std::fs::write(&done, serde_json::to_string(&report.group_ids).expect("ids serialise")).expect("the marker is written");
    (dir, report.group_ids)
}

/// Nearest-rank percentile of sorted samples, in milliseconds.
pub fn percentile(sorted_ms: &[f64], p: f64) -> f64 {
    let rank = ((p / 100.0) * sorted_ms.len() as f64).ceil() as usize;
    sorted_ms[rank.clamp(1, sorted_ms.len()) - 1]
}
