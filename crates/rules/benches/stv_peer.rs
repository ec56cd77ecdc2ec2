//! The 1,000 STV counts beside an independent implementation, in the same run: the elections
//! `tally` times (same seed) are written as BLT files, counted here from those files, then
//! counted by STVPoll's Scottish STV (PyPI `stvpoll`, `bench/peers/stv/count.py`), and the
//! elected sets compared. Both figures are the counting alone (files read and parsed before the
//! clock starts), the median of several runs. Python is taken from `SECRETARIAT_STV_PYTHON`, else
//! `~/.cache/secretariat/venv/bin/python` (`scripts/bench` makes that venv); without it only our
//! figure is given. Writes `stv_peer.json` and the BLT files to `SECRETARIAT_BENCH_OUT` (default:
//! a `secretariat-bench` folder in the temp dir). Run with `cargo bench -p secretariat-rules
//! --bench stv_peer`.

mod common;

use common::{Random, thousand_elections};
use secretariat_rules::elections::{BltFile, Method, SeededLot, count, parse_blt, write_blt};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

fn median(mut runs: Vec<Duration>) -> Duration {
    runs.sort();
    runs[runs.len() / 2]
}

fn out_dir() -> PathBuf {
    std::env::var_os("SECRETARIAT_BENCH_OUT").map(PathBuf::from).unwrap_or_else(|| std::env::temp_dir().join("secretariat-bench"))
}

fn python() -> Option<PathBuf> {
    let path = match std::env::var_os("SECRETARIAT_STV_PYTHON") {
        Some(p) => PathBuf::from(p),
        None => PathBuf::from(std::env::var_os("HOME")?).join(".cache/secretariat/venv/bin/python"),
    };
    path.is_file().then_some(path)
}

fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    let runs = if quick { 1 } else { 5 };
    let blt_dir = out_dir().join("stv-blt");
    let _ = std::fs::remove_dir_all(&blt_dir);
    std::fs::create_dir_all(&blt_dir).expect("the BLT folder can be made");

    let mut random = Random(2026);
    let mut paths = Vec::new();
    for (n, election) in thousand_elections(&mut random).iter().enumerate() {
        let file = BltFile {
            title: format!("Random {n:04}"),
            seats: election.seats,
            candidates: election.candidates.iter().map(|c| c.name.clone()).collect(),
            withdrawn: election.withdrawn.clone(),
            ballots: election.ballots.clone(),
        };
        let path = blt_dir.join(format!("{n:04}.blt"));
        std::fs::write(&path, write_blt(&file)).expect("a BLT file is written");
        paths.push(path);
    }

    // Read back from the files, as the peer does.
    let elections: Vec<_> = paths.iter().map(|p| parse_blt(&std::fs::read_to_string(p).expect("readable")).expect("our own BLT file").to_election()).collect();
    let mut elected: Vec<Vec<usize>> = Vec::new();
    let ours = median(
        (0..runs)
            .map(|_| {
                let start = Instant::now();
                elected = elections.iter().map(|e| count(Method::ScottishStv, e, &mut SeededLot(1)).expect("counts").elected).collect();
                start.elapsed()
            })
            .collect(),
    );
    let mut result = serde_json::json!({
        "elections": elections.len(),
        "ours_s": ours.as_secs_f64(),
        "peer": "STVPoll (PyPI stvpoll), Scottish STV",
    });
    println!("| 1,000 STV counts | Secretariat | {:.3} s |", ours.as_secs_f64());

    match python() {
        None => {
            println!("| same counts | STVPoll (Python) | peer not installed: run scripts/bench, which makes the venv |");
            result["peer_s"] = serde_json::Value::Null;
        }
        Some(python) => peer(&python, &blt_dir, &elected, runs, &mut result),
    }
    let json = out_dir().join("stv_peer.json");
    std::fs::write(&json, serde_json::to_string_pretty(&result).expect("JSON")).expect("the result is written");
}

fn peer(python: &Path, blt_dir: &Path, elected: &[Vec<usize>], runs: usize, result: &mut serde_json::Value) {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../bench/peers/stv/count.py");
    let output = Command::new(python).arg(&script).arg(blt_dir).arg(runs.to_string()).output().expect("python runs");
    assert!(output.status.success(), "the peer failed: {}", String::from_utf8_lossy(&output.stderr));
    let theirs: serde_json::Value = serde_json::from_slice(&output.stdout).expect("the peer prints JSON");
    let peer_s = theirs["median_s"].as_f64().expect("a median");
    let their_elected = theirs["elected"].as_array().expect("elected sets");
    assert_eq!(their_elected.len(), elected.len(), "the peer counted every file");
    let mut agree = 0;
    for (ours, theirs) in elected.iter().zip(their_elected) {
        let mut ours = ours.clone();
        ours.sort_unstable();
        let mut theirs: Vec<usize> = theirs.as_array().expect("a set").iter().map(|v| v.as_u64().expect("an index") as usize).collect();
        theirs.sort_unstable();
        agree += usize::from(ours == theirs);
    }
    println!("| same counts | {} | {peer_s:.3} s |", theirs["package"].as_str().unwrap_or("STVPoll"));
    println!("| ratio | STVPoll ÷ Secretariat | {:.1}× |", peer_s / result["ours_s"].as_f64().unwrap_or(f64::NAN));
    println!("| elected sets that agree | | {agree} of {} |", elected.len());
    result["peer_s"] = peer_s.into();
    result["peer_package"] = theirs["package"].clone();
    result["agree"] = agree.into();
}
