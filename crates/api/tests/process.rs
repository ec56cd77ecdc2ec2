//! The process hardening `main` does first (`secretariat_api::process::harden`), tested in
//! fresh processes: this test binary starts itself again as the child, so each case runs in
//! a process of its own, as the app does, with nothing else having touched OpenSSL or the
//! environment first.

use secretariat_api::types::{CreateGroupRequest, SaveOrganisation};
use secretariat_api::{KdfParams, MemoryKeychain, Session, SessionConfig};
use secretariat_rules::TechukStatus;
use secretariat_store::OrganisationInput;
use std::process::Command;
use std::sync::Arc;

const CHILD: &str = "SECRETARIAT_PROCESS_TEST_CHILD";
const PASSPHRASE: &str = "a recovery passphrase";

/// Runs this test binary again as the child named `case`, with `env`.
fn child(case: &str, env: &[(&str, &str)]) -> std::process::Output {
    let mut command = Command::new(std::env::current_exe().unwrap());
    command.args([case, "--exact", "--nocapture", "--test-threads=1"]).env(CHILD, case);
    for (k, v) in env {
        command.env(k, v);
    }
    command.output().unwrap()
}

fn is_child(case: &str) -> bool {
    std::env::var(CHILD).is_ok_and(|c| c == case)
}

#[test]
fn the_passphrase_is_taken_from_the_environment_and_programs_started_later_do_not_see_it() {
    if is_child("the_passphrase_is_taken_from_the_environment_and_programs_started_later_do_not_see_it") {
        let hardened = secretariat_api::process::harden();
        assert!(hardened.core_dumps_off);
        assert!(secretariat_store::process::core_dumps_off(), "no core dumps: RLIMIT_CORE 0 and not dumpable");
        // The session still has it…
        let config = SessionConfig::from_env(Some(std::env::temp_dir())).unwrap();
        assert!(config.passphrase.is_some_and(|p| p.len() == PASSPHRASE.len()));
        // …but a program the app starts (a viewer, a mail client) does not.
        let seen = Command::new("sh").args(["-c", "printf %s \"${SECRETARIAT_PASSPHRASE-unset}\""]).output().unwrap();
        assert_eq!(String::from_utf8_lossy(&seen.stdout), "unset");
        // Nor do the core-dump limits let it write one.
        let limit = Command::new("sh").args(["-c", "ulimit -c"]).output().unwrap();
        assert_eq!(String::from_utf8_lossy(&limit.stdout).trim(), "0", "children inherit the limit");
        return;
    }
    let out = child("the_passphrase_is_taken_from_the_environment_and_programs_started_later_do_not_see_it", &[("SECRETARIAT_PASSPHRASE", PASSPHRASE)]);
    assert!(out.status.success(), "{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
}

fn config(dir: &std::path::Path) -> SessionConfig {
    SessionConfig {
        data_dir: dir.to_path_buf(),
        keychain: Arc::new(MemoryKeychain::default()),
        passphrase: Some(secretariat_api::Passphrase::new(PASSPHRASE)),
        kdf: KdfParams::fast_for_tests(),
        today: None,
        paper_checker: secretariat_api::PaperChecker::program(env!("CARGO_BIN_EXE_paper-check")),
    }
}

/// The exit crash: a process that ends while a database connection is still reading on
/// another thread. Fifty processes exit mid-read with their session open; none may crash.
#[test]
fn exiting_with_a_session_still_open_never_crashes() {
    if is_child("exiting_with_a_session_still_open_never_crashes") {
        secretariat_api::process::harden();
        let dir = std::path::PathBuf::from(std::env::var("DATA").unwrap());
        let group: i64 = std::env::var("GROUP").unwrap().parse().unwrap();
        let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
        runtime.block_on(async {
            let session = Arc::new(Session::new(config(&dir)));
            session.members(group).await.unwrap();
            // One task writing (each commit encrypts pages, and makes the readers' cached
            // pages stale, so they decrypt again), three reading, on the pool's four connections.
            let s = session.clone();
            tokio::spawn(async move {
                for n in 0.. {
                    let input = OrganisationInput {
                        name: format!("Org {n} {}", std::process::id()),
                        techuk_status: TechukStatus::Member,
                        applied_on: None,
                        sme: false,
                        sme_confirmed_on: None,
                        sector: String::new(),
                    };
                    let _ = s.save_organisation(SaveOrganisation { group_id: group, id: None, input, change: None }).await;
                }
            });
            for _ in 0..3 {
                let s = session.clone();
                tokio::spawn(async move {
                    loop {
                        let _ = s.members(group).await;
                    }
                });
            }
            tokio::time::sleep(std::time::Duration::from_millis(40)).await;
            // As a process that forgot to close, or was told to end: no close, the writer and
            // the readers mid-query. `main` ends through `process::exit` (with
            // `std::process::exit` here, 4 of 60 runs crashed in SQLCipher's exit handlers).
            secretariat_api::process::exit(0);
        });
    }
    let dir = tempfile::tempdir().unwrap();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let group = runtime.block_on(async {
        let session = Session::new(config(dir.path()));
        let created =
            session.create_group(CreateGroupRequest { name: "Interop WG".into(), template: "techuk-interop".into(), ..Default::default() }).await.unwrap();
        session.close().await;
        created.group.id
    });
    let runs = 50;
    let mut crashes = Vec::new();
    for run in 0..runs {
        let out = child("exiting_with_a_session_still_open_never_crashes", &[("DATA", dir.path().to_str().unwrap()), ("GROUP", &group.to_string())]);
        if !out.status.success() {
            crashes.push((run, out.status, String::from_utf8_lossy(&out.stderr).into_owned()));
        }
    }
    assert!(crashes.is_empty(), "{} of {runs} exits crashed: {crashes:?}", crashes.len());
}

/// SQLCipher writes its own lines to stderr when a page fails its check ("ERROR CORE
/// sqlcipher_page_cipher: hmac check failed…"); the person must see only our message.
#[test]
fn a_damaged_file_is_reported_in_our_words_alone() {
    if is_child("a_damaged_file_is_reported_in_our_words_alone") {
        secretariat_api::process::harden();
        let dir = std::path::PathBuf::from(std::env::var("DATA").unwrap());
        let runtime = tokio::runtime::Runtime::new().unwrap();
        runtime.block_on(async {
            let session = Session::new(config(&dir));
            let error = session.members(1).await.unwrap_err();
            println!("refused: {}", error.message);
            session.close().await;
        });
        // As `main` ends the command line.
        secretariat_api::process::exit(0);
    }
    let dir = tempfile::tempdir().unwrap();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        let session = Session::new(config(dir.path()));
        session.create_group(CreateGroupRequest { name: "Interop WG".into(), template: "techuk-interop".into(), ..Default::default() }).await.unwrap();
        session.close().await;
    });
    // Damage every page after the first (SQLCipher's pages are 4,096 bytes).
    let path = dir.path().join("secretariat.db");
    let mut bytes = std::fs::read(&path).unwrap();
    for page in (4096..bytes.len()).step_by(4096) {
        bytes[page + 100] ^= 0xFF;
    }
    std::fs::write(&path, bytes).unwrap();
    let out = child("a_damaged_file_is_reported_in_our_words_alone", &[("DATA", dir.path().to_str().unwrap())]);
    let (stdout, stderr) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "{stdout}{stderr}");
    assert!(stdout.contains("refused: "), "{stdout}");
    assert!(!stderr.contains("sqlcipher") && !stderr.contains("ERROR CORE"), "SQLCipher spoke on stderr: {stderr}");
}
