//! Every list screen's request at scale (issue #9: p95 ≤ 10 ms): the same `Session` calls the
//! window's screens make when they open (see `ui/src/lib/api.ts`), timed with their JSON
//! serialisation (what the Tauri command does before the reply crosses to the window), on a
//! real SQLCipher database of 20 synthetic groups × 10 years, for a group in the middle of the
//! set. ~200 samples per call after a warm-up; p50, p95 and max.
//!
//! `cargo bench -p secretariat-api --bench lists`; `SECRETARIAT_BENCH_SMOKE=1` for one group and
//! ten samples. Writes `$CARGO_TARGET_DIR/secretariat-bench/lists.json`.

mod common;

use common::{percentile, scale, smoke, today};
use secretariat_store::ElectionState;
use serde::Serialize;
use std::hint::black_box;
use std::time::Instant;

const GOAL_MS: f64 = 10.0;

#[derive(Serialize)]
struct Line {
    screen: &'static str,
    call: &'static str,
    p50_ms: f64,
    p95_ms: f64,
    max_ms: f64,
}

#[derive(Serialize)]
struct Results {
    scale: u32,
    screens: Vec<Line>,
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("a runtime");
    let scale = scale();
    let (warmup, samples) = if smoke() { (2, 10) } else { (20, 200) };
    let (dir, groups) = runtime.block_on(common::database(scale));
    let session = common::session(&dir);
    let group = groups[groups.len() / 2];
    let on = today();

    // What the screens open on: a current member, the last meeting held, the last declared
    // election, the first sub-group.
    let (person, meeting, election, subgroup) = runtime.block_on(async {
        let members = session.members(group).await.expect("members");
        let person = members.seats.iter().find_map(|s| s.holder.as_ref().map(|h| h.person_id)).expect("a member");
        let meetings = session.meeting_rows(group).await.expect("meetings");
        let meeting = meetings.iter().filter(|m| m.meeting.starts_at.date() < on).map(|m| m.meeting.id).max().expect("a meeting held");
        let elections = session.elections_view(group).await.expect("elections");
        let election = elections.elections.iter().filter(|e| e.state == ElectionState::Declared).map(|e| e.id).max().expect("a declared election");
        let subgroups = session.subgroups_view(group).await.expect("sub-groups");
        (person, meeting, election, subgroups.subgroups.first().expect("a sub-group").id)
    });

    let mut lines = Vec::new();
    macro_rules! measure {
        ($screen:expr, $call:expr, $request:expr) => {{
            let run = || runtime.block_on(async { serde_json::to_vec(&$request.await.expect($call)).expect("serialises").len() });
            for _ in 0..warmup {
                black_box(run());
            }
            let mut ms: Vec<f64> = (0..samples)
                .map(|_| {
                    let started = Instant::now();
                    black_box(run());
                    started.elapsed().as_secs_f64() * 1e3
                })
                .collect();
            ms.sort_by(f64::total_cmp);
            lines.push(Line {
                screen: $screen,
                call: $call,
                p50_ms: percentile(&ms, 50.0),
                p95_ms: percentile(&ms, 95.0),
                max_ms: *ms.last().expect("samples"),
            });
        }};
    }
    measure!("Shell", "app_state", async { Ok::<_, secretariat_api::ApiError>(session.app_state().await) });
    measure!("Home", "group_home", session.group_home(group));
    measure!("Home", "compliance", session.compliance(group, None));
    measure!("Members", "members", session.members(group));
    measure!("Person", "person", session.person(group, person));
    measure!("Meetings", "meetings", session.meeting_rows(group));
    measure!("Meeting", "meeting", session.meeting_page(group, meeting));
    measure!("Meeting", "meeting_record", session.meeting_record(group, meeting));
    measure!("Elections", "elections", session.elections_view(group));
    measure!("Election", "election", session.election_page(group, election));
    measure!("Decisions", "decisions", session.decisions_view(group));
    measure!("AttendanceYear", "attendance_year", session.attendance_year(group, chrono::Datelike::year(&on)));
    measure!("Subgroups", "subgroups", session.subgroups_view(group));
    measure!("Subgroup", "subgroup", session.subgroup_page(group, subgroup));
    measure!("Settings", "backups", session.backups());
    runtime.block_on(session.close());

    println!(
        "List screens at scale {scale} (group #{group} of {}), {samples} samples each after {warmup} warm-up calls; goal p95 ≤ {GOAL_MS} ms",
        groups.len()
    );
    println!("{:<16} {:<18} {:>9} {:>9} {:>9}", "screen", "call", "p50 ms", "p95 ms", "max ms");
    for l in &lines {
        let flag = if l.p95_ms > GOAL_MS { "  OVER" } else { "" };
        println!("{:<16} {:<18} {:>9.3} {:>9.3} {:>9.3}{flag}", l.screen, l.call, l.p50_ms, l.p95_ms, l.max_ms);
    }
    println!("(Documents makes no request when it opens: its documents are made when asked for.)");
    let file = common::bench_dir().join("lists.json");
    let json = serde_json::to_string_pretty(&Results { scale, screens: lines }).expect("results serialise");
    secretariat_api::write_atomically(&file, json.as_bytes()).expect("the results are written");
    println!("Wrote {}", file.display());
}
