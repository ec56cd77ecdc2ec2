//! `secretariat retention`: the dry run and the purge, on the demo group in a real
//! encrypted database, with the keychain double.

use secretariat_api::{KdfParams, MemoryKeychain, Passphrase, Session, SessionConfig};
use secretariat_cli::{parse, run};
use std::sync::Arc;

fn session(dir: &std::path::Path, today: (i32, u32, u32)) -> Session {
    Session::new(SessionConfig {
        data_dir: dir.to_path_buf(),
        keychain: Arc::new(MemoryKeychain::default()),
        passphrase: Some(Passphrase::new("a recovery passphrase")),
        kdf: KdfParams::fast_for_tests(),
        today: Some(chrono::NaiveDate::from_ymd_opt(today.0, today.1, today.2).unwrap()),
        paper_checker: secretariat_api::PaperChecker::this_program().unwrap(), // no command of the CLI adds a paper
    })
}

async fn run_args(session: &Session, args: &[&str]) -> Result<String, String> {
    let invocation = parse(std::iter::once("secretariat").chain(args.iter().copied())).map_err(|e| e.to_string())?;
    let mut out = Vec::new();
    run(session, invocation.command.expect("a command"), &mut out).await.map_err(|e| e.message)?;
    Ok(String::from_utf8(out).unwrap())
}

#[tokio::test]
async fn retention_lists_what_is_due_and_purges_only_with_yes() {
    let dir = tempfile::tempdir().unwrap();
    let s = session(dir.path(), (2026, 11, 27));
    run_args(&s, &["demo"]).await.unwrap();
    let today = run_args(&s, &["retention"]).await.unwrap();
    assert!(today.contains("Attendance (2 full years after the end of its year (ToR §17 needs the current year)): nothing due"), "{today}");
    s.close().await;

    let s = session(dir.path(), (2034, 1, 1));
    let dry = run_args(&s, &["retention"]).await.unwrap();
    let first = dry.lines().next().unwrap();
    assert!(first.starts_with("Retention for ") && first.ends_with(" on Sun 1 Jan 2034"), "{dry}");
    assert!(dry.contains("Ballots and counts (6 months after the result is declared): 33 records due"), "{dry}");
    assert!(dry.contains("Candidates and nominations (12 months after the result is declared): 2 records due"), "{dry}");
    assert!(dry.contains("Keeps: The declared result and the count"), "{dry}");
    let json: serde_json::Value = serde_json::from_str(&run_args(&s, &["retention", "--json"]).await.unwrap()).unwrap();
    let total: u64 = json["sections"].as_array().unwrap().iter().map(|s| s["total"].as_u64().unwrap()).sum();
    assert!(dry.contains(&format!("{total} records are due.")), "{dry}");
    assert_eq!(json["sections"][1]["category"], "ballots_and_counts");

    // --purge alone asks for --yes and changes nothing.
    let error = run_args(&s, &["retention", "--purge"]).await.unwrap_err();
    assert_eq!(error, format!("Add --yes to remove the {total} records listed by `secretariat retention`; nothing was changed."));
    assert_eq!(run_args(&s, &["retention"]).await.unwrap(), dry);
    // --yes without --purge is refused by the parser.
    assert!(run_args(&s, &["retention", "--yes"]).await.is_err());

    let purged = run_args(&s, &["retention", "--purge", "--yes"]).await.unwrap();
    assert!(purged.contains(&format!("Removed {total} records. The backup taken first, secretariat-")), "{purged}");
    let after = run_args(&s, &["retention"]).await.unwrap();
    assert!(after.ends_with("Nothing is due for purging.\n"), "{after}");
    assert_eq!(run_args(&s, &["verify"]).await.map(|_| ()), Ok(()));
    s.close().await;
}
