//! The headless commands against a real encrypted database in a temporary
//! folder, with the keychain double (the real keychain is tested in the store).

use secretariat_api::{KdfParams, MemoryKeychain, Passphrase, Session, SessionConfig};
use secretariat_cli::{parse, run};
use std::sync::Arc;

fn session(dir: &std::path::Path, passphrase: Option<&str>) -> Session {
    Session::new(SessionConfig {
        data_dir: dir.to_path_buf(),
        keychain: Arc::new(MemoryKeychain::default()),
        passphrase: passphrase.map(Passphrase::new),
        kdf: KdfParams::fast_for_tests(),
        today: Some(chrono::NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()),
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
async fn init_creates_the_group_with_twelve_vacant_seats() {
    let dir = tempfile::tempdir().unwrap();
    let s = session(dir.path(), Some("a recovery passphrase"));
    let out = run_args(&s, &["init", "--group", "Interop WG", "--template", "techuk-interop"]).await.unwrap();
    assert_eq!(
        out.lines().next().unwrap(),
        "Created group #1 \u{201c}Interop WG\u{201d} from template techuk-interop: 12 seats (4 stakeholder, 8 supplier), 12 vacant."
    );

    let json: serde_json::Value = serde_json::from_str(&run_args(&s, &["status", "--json"]).await.unwrap()).unwrap();
    assert_eq!(json["database_exists"], true);
    assert_eq!(json["encrypted"], true);
    assert!(json["cipher"].as_str().unwrap().starts_with("SQLCipher 4."));
    assert_eq!(json["groups"][0]["name"], "Interop WG");
    assert_eq!(json["groups"][0]["seats"], 12);
    assert_eq!(json["groups"][0]["vacant_seats"], 12);
    s.close().await;
}

#[tokio::test]
async fn init_on_a_new_folder_without_a_passphrase_says_how_to_give_one_and_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let s = session(dir.path(), None);
    let error = run_args(&s, &["init", "--group", "Interop WG"]).await.unwrap_err();
    assert!(error.contains("SECRETARIAT_PASSPHRASE"), "{error}");
    assert!(!dir.path().join("secretariat.db").exists());
    s.close().await;
}

#[tokio::test]
async fn an_unknown_template_is_named_in_the_error() {
    let dir = tempfile::tempdir().unwrap();
    let s = session(dir.path(), Some("a recovery passphrase"));
    let error = run_args(&s, &["init", "--group", "X", "--template", "parish-council"]).await.unwrap_err();
    assert_eq!(error, "There is no template called 'parish-council'. Known templates: techuk-interop, custom.");
    assert!(!dir.path().join("secretariat.db").exists(), "a refused request must create nothing");
    s.close().await;
}

#[tokio::test]
async fn a_group_starts_from_another_groups_rules_file() {
    let dir = tempfile::tempdir().unwrap();
    let s = session(dir.path(), Some("a recovery passphrase"));
    run_args(&s, &["init", "--group", "Interop WG"]).await.unwrap();
    let file = dir.path().join("interop rules.toml");
    let out = run_args(&s, &["rules", "export", "--group", "Interop WG", "-o", file.to_str().unwrap()]).await.unwrap();
    assert!(out.contains("interop rules.toml"), "{out}");
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("named = [") && text.contains("Interoperability Working Group SRO") && text.contains("supplier = 8"), "{text}");
    // Another group's shape, changed in the file: fifteen supplier seats, no strike policy.
    let changed = text.replace("supplier = 8", "supplier = 15").replace("strike_policy = true", "strike_policy = false");
    std::fs::write(&file, &changed).unwrap();
    let out = run_args(&s, &["init", "--group", "Standards WG", "--rules", file.to_str().unwrap()]).await.unwrap();
    assert!(out.starts_with("Created group #2 \u{201c}Standards WG\u{201d} from template custom: 19 seats (4 stakeholder, 15 supplier)"), "{out}");
    let exported = run_args(&s, &["rules", "export", "--group", "Standards WG"]).await.unwrap();
    assert!(exported.contains("strike_policy = false") && exported.contains("supplier = 15"), "{exported}");
    // An unknown key is named, and no group is created.
    std::fs::write(&file, changed.replace("grace_months = 3", "grace_month = 3")).unwrap();
    let error = run_args(&s, &["init", "--group", "Third WG", "--rules", file.to_str().unwrap()]).await.unwrap_err();
    assert!(error.contains("grace_month"), "{error}");
    let status = run_args(&s, &["status", "--json"]).await.unwrap();
    assert!(!status.contains("Third WG"));
    s.close().await;
}

#[tokio::test]
async fn demo_fills_a_living_group() {
    let dir = tempfile::tempdir().unwrap();
    let s = session(dir.path(), Some("a recovery passphrase"));
    let out = run_args(&s, &["demo"]).await.unwrap();
    assert!(out.contains("16 organisations, 18 people, 15 meetings, 12 of 12 seats filled"), "{out}");

    let status = run_args(&s, &["status"]).await.unwrap();
    assert!(status.contains("encrypted, SQLCipher 4."), "{status}");
    assert!(status.contains("12 seats, 0 vacant"), "{status}");

    let again = run_args(&s, &["demo"]).await.unwrap_err();
    assert!(again.contains("already loaded"));
    s.close().await;
}

#[tokio::test]
async fn status_before_any_database_says_what_to_do_and_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let s = session(dir.path(), None);
    let out = run_args(&s, &["status"]).await.unwrap();
    assert!(out.contains("Database:    none yet. Create one with `secretariat init"), "{out}");
    let json: serde_json::Value = serde_json::from_str(&run_args(&s, &["status", "--json"]).await.unwrap()).unwrap();
    assert_eq!(json["database_exists"], false);
    assert_eq!(json["groups"], serde_json::json!([]));
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0, "a status query creates nothing");
    s.close().await;
}

#[test]
fn every_command_has_help() {
    for command in ["init", "demo", "status"] {
        let error = parse(["secretariat", command, "--help"]).unwrap_err();
        assert_eq!(error.kind(), clap::error::ErrorKind::DisplayHelp);
        assert!(error.to_string().contains("--data-dir"), "{command} --help lacks the global option");
    }
    let help = parse(["secretariat", "init", "--help"]).unwrap_err().to_string();
    assert!(help.contains("--template"));
    assert!(help.contains("--group"));
}

#[test]
fn no_command_means_open_the_window() {
    let invocation = parse(["secretariat", "--data-dir", "/tmp/x"]).unwrap();
    assert!(invocation.command.is_none());
    assert_eq!(invocation.data_dir.unwrap(), std::path::PathBuf::from("/tmp/x"));
}

async fn run_code(session: &Session, args: &[&str]) -> (i32, String) {
    let invocation = parse(std::iter::once("secretariat").chain(args.iter().copied())).unwrap();
    let mut out = Vec::new();
    let code = run(session, invocation.command.unwrap(), &mut out).await.unwrap();
    (code, String::from_utf8(out).unwrap())
}

#[tokio::test]
async fn check_exits_by_the_worst_finding() {
    let dir = tempfile::tempdir().unwrap();
    let s = session(dir.path(), Some("a recovery passphrase"));
    run_args(&s, &["demo"]).await.unwrap();
    // The demo on its own date: one breach, a ToR §17 decision awaiting the Chair (exit 2).
    let (code, out) = run_code(&s, &["check"]).await;
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("1 breach,"), "{out}");
    assert!(out.contains("BREACH   ToR §17  Priya Raman has not been present at 2 compulsory meetings in 2026"), "{out}");
    assert!(out.contains("NOTICE   ToR §14  Zoë Ó'Brien's term on Supplier seat 1 ends on Tue 1 Dec 2026"), "{out}");

    // A month earlier, before her second absence: warnings and notices only (exit 1).
    let (code, out) = run_code(&s, &["check", "--on", "2026-11-01"]).await;
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("0 breaches"), "{out}");

    // Two years on every term has ended: breaches (ToR §14), exit 2.
    let (code, out) = run_code(&s, &["check", "--on", "2029-01-01", "--json"]).await;
    assert_eq!(code, 2);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json[0]["compliance"]["on"], "2029-01-01");
    assert!(json[0]["compliance"]["breaches"].as_u64().unwrap() >= 12);
    s.close().await;
}

#[tokio::test]
async fn check_of_a_new_group_reports_its_vacancies() {
    let dir = tempfile::tempdir().unwrap();
    let s = session(dir.path(), Some("a recovery passphrase"));
    run_args(&s, &["init", "--group", "Interop WG"]).await.unwrap();
    let (code, out) = run_code(&s, &["check", "--group", "Interop WG", "--on", "2026-12-01"]).await;
    assert_eq!(code, 2, "no SME members is a breach of ToR §13: {out}");
    assert!(out.contains("BREACH   ToR §13  None of the supplier members are from an SME"), "{out}");
    assert!(out.contains("WARNING  ToR §11  Interoperability Working Group SRO is vacant (ToR §11)."), "{out}");
    s.close().await;
}

#[tokio::test]
async fn import_and_export_people_through_files() {
    let dir = tempfile::tempdir().unwrap();
    let s = session(dir.path(), Some("a recovery passphrase"));
    run_args(&s, &["init", "--group", "Interop WG"]).await.unwrap();
    let orgs = dir.path().join("orgs.csv");
    std::fs::write(&orgs, "name,techuk_status,applied_on,sme,sme_confirmed_on,sector\nKestrel Data Ltd,member,,yes,2026-01-01,Data\n").unwrap();
    let people = dir.path().join("people.csv");
    std::fs::write(
        &people,
        "name,email,job_title,manager_status,organisation,employed_since\nZoë Ó'Brien,zoe@kestrel.example,CTO,yes,Kestrel Data Ltd,2021-04-01\n",
    )
    .unwrap();

    let (code, out) = run_code(&s, &["import", "people", people.to_str().unwrap()]).await;
    assert_eq!(code, 1, "the organisation is not there yet");
    assert!(out.contains("line 2: Zoë Ó'Brien: organisation: \u{201c}Kestrel Data Ltd\u{201d} is not in the register"), "{out}");

    assert_eq!(
        run_code(&s, &["import", "organisations", orgs.to_str().unwrap(), "--dry-run"]).await.1,
        "1 organisations would be imported; nothing was saved (--dry-run).\n"
    );
    assert_eq!(run_code(&s, &["import", "organisations", orgs.to_str().unwrap()]).await, (0, "Imported 1 organisations.\n".to_string()));
    assert_eq!(run_code(&s, &["import", "people", people.to_str().unwrap()]).await, (0, "Imported 1 people.\n".to_string()));

    let exported = dir.path().join("out.csv");
    assert_eq!(run_code(&s, &["export", "people", "-o", exported.to_str().unwrap()]).await.0, 0);
    let text = std::fs::read_to_string(&exported).unwrap();
    // Excel's "CSV UTF-8" on every platform: a byte-order mark and CRLF line ends.
    assert!(text.starts_with('\u{feff}') && text.ends_with("\r\n") && !text.replace("\r\n", "").contains('\n'), "{text:?}");
    assert_eq!(text.trim_start_matches('\u{feff}').replace("\r\n", "\n"), std::fs::read_to_string(&people).unwrap());
    // And it imports again as it is (into another folder's group).
    let again = tempfile::tempdir().unwrap();
    let t = session(again.path(), Some("a recovery passphrase"));
    run_args(&t, &["init", "--group", "Second WG"]).await.unwrap();
    run_args(&t, &["import", "organisations", orgs.to_str().unwrap()]).await.unwrap();
    assert_eq!(run_code(&t, &["import", "people", exported.to_str().unwrap()]).await, (0, "Imported 1 people.\n".to_string()));
    t.close().await;
    s.close().await;
}

#[tokio::test]
async fn membership_writes_a_pdf_whose_text_names_members_and_rules() {
    let dir = tempfile::tempdir().unwrap();
    let s = session(dir.path(), Some("a recovery passphrase"));
    run_args(&s, &["demo"]).await.unwrap();
    let pdf = dir.path().join("membership.pdf");
    let (code, out) = run_code(&s, &["membership", "-o", pdf.to_str().unwrap()]).await;
    assert_eq!(code, 0);
    assert!(out.starts_with("Wrote "), "{out}");
    let text = std::process::Command::new("pdftotext").args(["-layout", pdf.to_str().unwrap(), "-"]).output().unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(text.contains("Demo — Interoperability for Policing WG (fictional)"), "{text}");
    assert!(text.contains("Zoë Ó'Brien"));
    assert!(text.contains("Kestrel Data Ltd"));
    assert!(text.contains("ToR §13"));
    assert!(text.contains("Page 1 of"));
    // No temporary file is left beside it.
    let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    assert!(names.iter().all(|n| !n.starts_with(".tmp") && !n.starts_with(".secretariat-")), "{names:?}");
    s.close().await;
}

#[tokio::test]
async fn meetings_are_added_listed_and_their_documents_written_by_id_or_date() {
    let dir = tempfile::tempdir().unwrap();
    let s = session(dir.path(), Some("a recovery passphrase"));
    run_args(&s, &["init", "--group", "Interop WG"]).await.unwrap();
    let (code, out) = run_code(&s, &["meeting", "add", "--date", "2026-12-08", "--venue", "techUK, London"]).await;
    assert_eq!(code, 0);
    assert_eq!(out, "Added meeting #1 on Tue 8 Dec 2026, 5 agenda items; the pack is due Tue 1 Dec 2026 (ToR §20).\n");
    let (_, json) = run_code(&s, &["meeting", "list", "--json"]).await;
    let rows: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(rows[0]["meeting"]["id"], 1);
    assert_eq!(rows[0]["publication"]["state"], "on_track");

    let pack = dir.path().join("pack.pdf");
    let (code, out) = run_code(&s, &["pack", "2026-12-08", "-o", pack.to_str().unwrap()]).await;
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("pages)"), "{out}");
    let ics = dir.path().join("meeting.ics");
    assert_eq!(run_code(&s, &["ics", "1", "-o", ics.to_str().unwrap()]).await.0, 0);
    assert!(std::fs::read_to_string(&ics).unwrap().contains("DTSTART;TZID=Europe/London:20261208T140000"));
    let eml = dir.path().join("draft.eml");
    assert_eq!(run_code(&s, &["circulate", "1", "-o", eml.to_str().unwrap()]).await.0, 0);
    assert!(std::fs::read_to_string(&eml).unwrap().contains("X-Unsent: 1"));
    let (_, list) = run_code(&s, &["meeting", "list"]).await;
    assert!(list.contains("pack published Fri 27 Nov 2026"), "circulating publishes: {list}");

    let missing = run_args(&s, &["agenda", "2027-01-01", "-o", "x.pdf"]).await.unwrap_err();
    assert_eq!(missing, "There is no meeting on Fri 1 Jan 2027.");
    s.close().await;
}

/// The Scottish reference counts, kept in the repository (`tests/data/stv-scotland`; their
/// source and licence are in its README), so a clone alone has what the tests read.
fn stv_testdata() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/data/stv-scotland")
}

fn reference(name: &str) -> String {
    stv_testdata().join("blt").join(name).display().to_string()
}

#[tokio::test]
async fn tally_counts_a_blt_file_with_no_database() {
    let dir = tempfile::tempdir().unwrap();
    let s = session(dir.path(), None);
    // "Pollux and Helen should tie": Castor elected on the first stage, Helen after Pollux is excluded.
    let out = run_args(&s, &["tally", "--method", "scottish-stv", "--seats", "2", &reference("42.blt")]).await.unwrap();
    assert!(out.starts_with("Pollux and Helen should tie\n2 seats; valid votes 6.00000; quota 3.00000\n"), "{out}");
    assert!(out.trim_end().ends_with("Elected: Castor, Helen"), "{out}");
    let json: serde_json::Value = serde_json::from_str(&run_args(&s, &["tally", &reference("42.blt"), "--json"]).await.unwrap()).unwrap();
    assert_eq!(json["quota"], "3.00000");
    assert_eq!(json["elected"], serde_json::json!([0, 2]));
    assert_eq!(json["candidates"][2], "Helen");
    assert!(json["stages"].as_array().unwrap().len() >= 3);
    // Nothing was created: the count needs no database.
    assert!(!dir.path().join("secretariat.db").exists());
    let missing = run_args(&s, &["tally", "nowhere.blt"]).await.unwrap_err();
    assert!(missing.contains("nowhere.blt"), "{missing}");
}

#[tokio::test]
async fn tally_counts_a_real_glasgow_ward_and_a_block_vote() {
    let dir = tempfile::tempdir().unwrap();
    let s = session(dir.path(), None);
    let out = run_args(&s, &["tally", &reference("Calton-2007.blt")]).await.unwrap();
    let elected = out.lines().last().unwrap();
    assert!(elected.starts_with("Elected: ") && elected.matches(", ").count() == 2, "three seats in Calton: {elected}");
    let block = run_args(&s, &["tally", "--method", "block", "--seats", "1", &reference("42.blt")]).await;
    // 42.blt has ranked papers of two preferences; as a one-seat block vote they carry too many marks.
    assert!(block.is_err(), "{block:?}");
}

#[tokio::test]
async fn elections_ballots_and_result_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let s = session(dir.path(), Some("a recovery passphrase"));
    run_args(&s, &["demo"]).await.unwrap();
    let list = run_args(&s, &["elections"]).await.unwrap();
    assert!(list.contains("Election to a supplier seat — November 2026"), "{list}");
    assert!(list.contains("Declared"), "the demo's past election: {list}");
    let result = dir.path().join("result.pdf");
    let out = run_args(&s, &["result", "June 2026", "-o", result.to_str().unwrap()]).await.unwrap();
    assert!(out.starts_with("Wrote "), "{out}");
    assert!(std::fs::read(&result).unwrap().starts_with(b"%PDF"));
    // Papers can only be numbered once the vote is open.
    let ballots = dir.path().join("ballots.pdf");
    let refused = run_args(&s, &["ballots", "November 2026", "--copies", "10", "-o", ballots.to_str().unwrap()]).await.unwrap_err();
    assert!(refused.contains("still receiving nominations"), "{refused}");
    assert!(!ballots.exists());
    s.close().await;
}

#[tokio::test]
async fn subgroups_lists_the_demo_s_subgroups_and_writes_a_roster() {
    let dir = tempfile::tempdir().unwrap();
    let s = session(dir.path(), Some("a recovery passphrase"));
    run_args(&s, &["demo"]).await.unwrap();
    let out = run_args(&s, &["subgroups"]).await.unwrap();
    assert!(out.contains("API and Integration sub-group — lead Fiona MacLeod; 1 member, 2 invited individuals; since "), "{out}");
    assert!(out.contains("Data Standards sub-group — lead Marcus Oyelaran; 1 member, 2 invited individuals;"), "{out}");
    // Due at the demo's next meeting, the second Tuesday of December.
    assert!(out.contains("Report-back due: API and Integration sub-group — Common API patterns, at the meeting of Tue 8 Dec 2026"), "{out}");

    let json: serde_json::Value = serde_json::from_str(&run_args(&s, &["subgroups", "--json"]).await.unwrap()).unwrap();
    assert_eq!(json["subgroups"].as_array().unwrap().len(), 2);
    assert_eq!(json["report_backs_awaited"][0]["state"], "due");

    let pdf = dir.path().join("roster.pdf");
    let out = run_args(&s, &["roster", "data standards", "-o", pdf.to_str().unwrap()]).await.unwrap();
    assert!(out.starts_with("Wrote "), "{out}");
    let text = std::process::Command::new("pdftotext").args(["-raw", pdf.to_str().unwrap(), "-"]).output().unwrap().stdout;
    let text = String::from_utf8(text).unwrap().split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(text.contains("Dr Aisha Rahman") && text.contains("Custody data model"), "{text}");
    // Created by a decision in the register (ToR §18), and its minute.
    assert!(text.contains("Created by the decision of Tue 11 Aug 2026 (Minute 5.1)"), "{text}");
    let unknown = run_args(&s, &["roster", "gardening", "-o", pdf.to_str().unwrap()]).await.unwrap_err();
    assert!(unknown.contains("`secretariat subgroups` lists them"), "{unknown}");
    s.close().await;
}

#[tokio::test]
async fn work_lists_the_demo_s_registers_by_kind_and_what_needs_the_secretariat() {
    let dir = tempfile::tempdir().unwrap();
    let s = session(dir.path(), Some("a recovery passphrase"));
    run_args(&s, &["demo"]).await.unwrap();
    let out = run_args(&s, &["work"]).await.unwrap();
    assert!(out.contains("[Open] Person and custody record exchange standard — consultation "), "{out}");
    assert!(out.contains("(ToR §3a)") && out.contains("(ToR §3c)") && out.contains("(ToR §5a)") && out.contains("(ToR §3d, §5f)"), "{out}");
    assert!(out.contains("in confidence"), "{out}");
    assert!(out.contains("Needs the secretariat: The group's response to \u{201c}Person and custody record exchange standard\u{201d} is due by "), "{out}");

    let json: serde_json::Value = serde_json::from_str(&run_args(&s, &["work", "--kind", "horizon", "--json"]).await.unwrap()).unwrap();
    let entries = json["entries"].as_array().unwrap();
    assert_eq!(entries.len(), 3);
    assert!(entries.iter().all(|e| e["kind"] == "horizon" && e["tor"] == "ToR §5a"));
    assert!(json["needs"].as_array().unwrap().iter().all(|n| n["kind"] == "horizon"));
    let wrong = run_args(&s, &["work", "--kind", "gossip"]).await.unwrap_err();
    assert!(wrong.contains("consultation, concern, horizon or representation"), "{wrong}");

    // The digest for the wider community (ToR §3b, §5d): a PDF, or an email draft carrying it.
    let pdf = dir.path().join("digest.pdf");
    let out = run_args(&s, &["digest", "--from", "2026-01-01", "--to", "2026-12-31", "-o", pdf.to_str().unwrap()]).await.unwrap();
    assert!(out.starts_with("Wrote "), "{out}");
    let text = std::process::Command::new("pdftotext").args([pdf.to_str().unwrap(), "-"]).output().unwrap().stdout;
    let text = String::from_utf8(text).unwrap().split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(text.contains("Person and custody record exchange standard"), "{text}");
    assert!(!text.contains("Regional custody procurement timetable"), "a concern raised in confidence: {text}");
    let eml = dir.path().join("digest.eml");
    run_args(&s, &["digest", "--from", "2026-01-01", "--to", "2026-12-31", "-o", eml.to_str().unwrap()]).await.unwrap();
    assert!(String::from_utf8_lossy(&std::fs::read(&eml).unwrap()).contains("X-Unsent: 1"));
    s.close().await;
}

async fn run_full(session: &Session, args: &[&str]) -> (Result<i32, String>, String) {
    let invocation = parse(std::iter::once("secretariat").chain(args.iter().copied())).unwrap();
    let mut out = Vec::new();
    let result = run(session, invocation.command.unwrap(), &mut out).await.map_err(|e| e.message);
    (result, String::from_utf8(out).unwrap())
}

#[tokio::test]
async fn backup_restore_and_verify_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let s = session(dir.path(), Some("a recovery passphrase"));
    run_args(&s, &["init", "--group", "Interop WG"]).await.unwrap();

    let out = run_args(&s, &["backup"]).await.unwrap();
    assert!(out.starts_with(&format!("Backed up to {}", dir.path().join("backups").join("secretariat-").display())), "{out}");
    let listed = run_args(&s, &["backups"]).await.unwrap();
    assert!(listed.contains("(the default)") && listed.contains(".db"), "{listed}");
    let file = dir.path().join("copy.db");
    let out = run_args(&s, &["backup", "-o", file.to_str().unwrap()]).await.unwrap();
    assert_eq!(out, format!("Backed up to {} (checked).\n", file.display()));

    run_args(&s, &["init", "--group", "Made After The Backup"]).await.unwrap();
    let out = run_args(&s, &["restore", file.to_str().unwrap()]).await.unwrap();
    assert!(out.starts_with(&format!("Restored {}.\nThe database that was in use is kept as ", file.display())), "{out}");
    let status = run_args(&s, &["status"]).await.unwrap();
    assert!(status.contains("Interop WG") && !status.contains("Made After The Backup"), "{status}");

    let (code, out) = run_full(&s, &["verify"]).await;
    assert_eq!(code, Ok(0), "{out}");
    assert!(out.contains("Integrity check:   ok") && out.contains("Encrypted pages:   ok") && out.contains("chain intact"), "{out}");

    let pdf = dir.path().join("sheet.pdf");
    let out = run_args(&s, &["recovery-sheet", "-o", pdf.to_str().unwrap()]).await.unwrap();
    assert!(out.contains("Print it and keep it with the recovery passphrase"), "{out}");
    let text = std::process::Command::new("pdftotext").args(["-raw", pdf.to_str().unwrap(), "-"]).output().unwrap().stdout;
    assert!(String::from_utf8(text).unwrap().contains("How to restore"));
    s.close().await;
}

#[tokio::test]
async fn verify_exits_non_zero_naming_the_first_broken_audit_row() {
    use secretariat_store::{KeyFile, Passphrase};
    use sqlx::ConnectOptions;
    let dir = tempfile::tempdir().unwrap();
    let s = session(dir.path(), Some("a recovery passphrase"));
    run_args(&s, &["init", "--group", "Interop WG"]).await.unwrap();
    run_args(&s, &["init", "--group", "Second WG"]).await.unwrap();
    s.close().await;

    // Someone with the key edits the first audit row with SQLite, triggers dropped.
    let key = KeyFile::read(&dir.path().join("secretariat.key")).unwrap().unwrap_key(&Passphrase::new("a recovery passphrase")).unwrap();
    let mut conn = sqlx::sqlite::SqliteConnectOptions::new()
        .filename(dir.path().join("secretariat.db"))
        .pragma("key", format!("\"x'{}'\"", key.to_hex().to_uppercase()))
        .connect()
        .await
        .unwrap();
    for statement in ["DROP TRIGGER audit_log_refuses_update", "UPDATE audit_log SET actor = 'someone else' WHERE seq = 1"] {
        sqlx::query(statement).execute(&mut conn).await.unwrap();
    }
    sqlx::Connection::close(conn).await.unwrap();

    let s = session(dir.path(), Some("a recovery passphrase"));
    let (result, out) = run_full(&s, &["verify"]).await;
    let error = result.unwrap_err();
    assert!(error.starts_with("The audit log's chain is broken at row 1: its mac does not match"), "{error}");
    assert!(out.contains("Integrity check:   ok") && out.contains("BROKEN at row 1"), "{out}");
    s.close().await;
}

#[tokio::test]
async fn demo_scale_writes_synthetic_groups_that_check_can_read() {
    let dir = tempfile::tempdir().unwrap();
    let s = session(dir.path(), Some("a recovery passphrase"));
    let json: serde_json::Value =
        serde_json::from_str(&run_args(&s, &["demo", "--scale", "2", "--years", "2", "--seed", "3", "--json"]).await.unwrap()).unwrap();
    assert_eq!(json["group_ids"].as_array().unwrap().len(), 2);
    assert_eq!(json["meetings"], 2 * 25, "22 months of history and the next three months, per group");
    assert_eq!(json["open_elections"], 2);
    let status: serde_json::Value = serde_json::from_str(&run_args(&s, &["status", "--json"]).await.unwrap()).unwrap();
    assert_eq!(status["groups"].as_array().unwrap().len(), 2);
    for group in ["Synthetic WG 001 (fictional, seed 3)", "Synthetic WG 002 (fictional, seed 3)"] {
        let (code, out) = run_code(&s, &["check", "--group", group]).await;
        assert!(code < 3, "check ran: {code} {out}");
    }
    let error = run_args(&s, &["demo", "--years", "4"]).await.unwrap_err();
    assert!(error.contains("--scale"), "{error}");
    s.close().await;
}

/// An address stored before addresses were checked strictly (issue #15): written here with
/// SQLite behind the app's back, as an old database would hold it.
#[tokio::test]
async fn a_recorded_email_address_that_would_add_a_recipient_is_reported_by_verify_and_stops_the_draft() {
    use secretariat_store::{KeyFile, Passphrase};
    use sqlx::ConnectOptions;
    let dir = tempfile::tempdir().unwrap();
    let s = session(dir.path(), Some("a recovery passphrase"));
    run_args(&s, &["demo"]).await.unwrap();
    let (_, json) = run_code(&s, &["meeting", "list", "--json"]).await;
    let rows: serde_json::Value = serde_json::from_str(&json).unwrap();
    let next = rows.as_array().unwrap().iter().find(|r| r["meeting"]["starts_at"].as_str().unwrap() >= "2026-11-27").unwrap();
    let next = next["meeting"]["id"].to_string();
    s.close().await;

    let key = KeyFile::read(&dir.path().join("secretariat.key")).unwrap().unwrap_key(&Passphrase::new("a recovery passphrase")).unwrap();
    let mut conn = sqlx::sqlite::SqliteConnectOptions::new()
        .filename(dir.path().join("secretariat.db"))
        .pragma("key", format!("\"x'{}'\"", key.to_hex().to_uppercase()))
        .connect()
        .await
        .unwrap();
    sqlx::query("UPDATE people SET email = 'tomasz.nowak@oakridge.example>,<mallory@elsewhere.example' WHERE email = 'tomasz.nowak@oakridge.example'")
        .execute(&mut conn)
        .await
        .unwrap();
    sqlx::Connection::close(conn).await.unwrap();

    let s = session(dir.path(), Some("a recovery passphrase"));
    let (result, out) = run_full(&s, &["verify"]).await;
    let error = result.unwrap_err();
    assert!(error.starts_with("Tomasz Nowak (person #"), "{error}");
    assert!(
        error.contains("\u{201c}tomasz.nowak@oakridge.example>,<mallory@elsewhere.example\u{201d}") && error.contains("correct it on their record"),
        "{error}"
    );
    assert!(out.contains("Email addresses:   1 problem(s): Tomasz Nowak"), "{out}");

    let eml = dir.path().join("draft.eml");
    let error = run_args(&s, &["circulate", &next, "-o", eml.to_str().unwrap()]).await.unwrap_err();
    assert!(error.starts_with("The draft was not written: Tomasz Nowak is recorded with the email address"), "{error}");
    assert!(!eml.exists(), "no draft is written");
    s.close().await;
}

/// Issue #18: `documents` lists the group's record; approved minutes written once are kept as
/// they went out, and `documents --kept N -o FILE` writes that copy byte for byte.
#[tokio::test]
async fn s21_documents_lists_the_record_and_writes_a_kept_copy_as_it_went_out() {
    let dir = tempfile::tempdir().unwrap();
    let s = session(dir.path(), Some("a recovery passphrase"));
    run_args(&s, &["demo"]).await.unwrap();
    let record: serde_json::Value = serde_json::from_str(&run_args(&s, &["documents", "--json"]).await.unwrap()).unwrap();
    let minutes = record["documents"].as_array().unwrap().iter().find(|d| d["kind"] == "minutes").expect("the demo has approved minutes").clone();
    assert_eq!(minutes["kept"], false);

    let first = dir.path().join("minutes.pdf");
    let meeting = minutes["record_id"].as_i64().unwrap().to_string();
    run_args(&s, &["minutes", &meeting, "-o", first.to_str().unwrap()]).await.unwrap();

    let text = run_args(&s, &["documents", "--year", &minutes["year"].to_string()]).await.unwrap();
    let title = minutes["title"].as_str().unwrap();
    let line = text.lines().skip_while(|l| !l.contains(title)).nth(1).expect("the minutes are listed with their detail");
    let n = line.split("[kept copy ").nth(1).and_then(|rest| rest.split(':').next()).unwrap_or_else(|| panic!("kept: {line}"));
    let copy = dir.path().join("as it went out.pdf");
    let wrote = run_args(&s, &["documents", "--kept", n, "-o", copy.to_str().unwrap()]).await.unwrap();
    assert!(wrote.starts_with(&format!("Wrote {} as it went out (", copy.display())), "{wrote}");
    assert_eq!(std::fs::read(&copy).unwrap(), std::fs::read(&first).unwrap());

    // -o without --kept is refused by the parser, before anything runs.
    assert!(run_args(&s, &["documents", "-o", copy.to_str().unwrap()]).await.is_err());
    s.close().await;
}

/// Issue #18: a returning officer closes nominations before the date in the call, with a
/// reason, from the command line as from the window; once only, and never without a reason.
#[tokio::test]
async fn close_nominations_early_needs_a_reason_and_happens_once() {
    let dir = tempfile::tempdir().unwrap();
    let s = session(dir.path(), Some("a recovery passphrase"));
    run_args(&s, &["demo"]).await.unwrap();
    assert!(run_args(&s, &["close-nominations", "November 2026"]).await.unwrap_err().contains("--reason"), "clap asks for the reason");
    let refused = run_args(&s, &["close-nominations", "November 2026", "--reason", "An error in the call.", "--on", "2026-12-10"]).await.unwrap_err();
    assert!(refused.contains("in the future"), "{refused}");
    let out = run_args(&s, &["close-nominations", "November 2026", "--reason", "Everyone eligible is nominated."]).await.unwrap();
    assert!(out.starts_with("Nominations for \u{201c}Election to a supplier seat — November 2026\u{201d} closed on Fri 27 Nov 2026: "), "{out}");
    assert!(out.contains("\nNext: "), "{out}");
    assert!(run_args(&s, &["close-nominations", "November 2026", "--reason", "Again."]).await.is_err(), "once only");
    s.close().await;
}

#[tokio::test]
async fn tor_shows_the_rules_in_force_amends_them_with_a_preview_and_lists_the_history() {
    let dir = tempfile::tempdir().unwrap();
    let s = session(dir.path(), Some("a recovery passphrase"));
    run_args(&s, &["demo"]).await.unwrap();
    let out = run_args(&s, &["tor"]).await.unwrap();
    assert!(out.contains("the Terms of Reference in force on Fri 27 Nov 2026"), "{out}");
    assert!(out.contains("ToR §13  Supplier members from an SME (at least): 2\n"), "{out}");
    assert!(out.contains("ToR §22  Consensus, in percent, to commission work with member funds: 80%"), "{out}");

    // Refused at the field, nothing saved: every supplier seat is held.
    let error = run_args(&s, &["tor", "amend", "supplier_seats", "6", "--from", "2026-11-27"]).await.unwrap_err();
    assert!(error.contains("8 supplier seats are held") && error.contains("ToR §12"), "{error}");
    let error = run_args(&s, &["tor", "amend", "sme_minimum", "3", "--from", "2026-11-27"]).await.unwrap_err();
    assert!(error.contains("There is no setting 'sme_minimum'") && error.contains("min_sme_suppliers"), "{error}");
    let error = run_args(&s, &["tor", "amend", "rule.strike_policy", "maybe", "--from", "2026-11-27"]).await.unwrap_err();
    assert!(error.contains("on or off") && error.contains("ToR §17"), "{error}");
    assert_eq!(run_args(&s, &["tor", "--history", "--json"]).await.unwrap().trim(), "[]");

    let meetings: serde_json::Value = serde_json::from_str(&run_args(&s, &["meeting", "list", "--json"]).await.unwrap()).unwrap();
    let meeting = meetings[0]["meeting"]["id"].to_string();
    let out = run_args(&s, &["tor", "amend", "rule.strike_policy", "off", "--from", "2026-11-27", "--meeting", &meeting, "--note", "Agreed unanimously"])
        .await
        .unwrap();
    assert!(out.ends_with("Saved: The strike policy on absences: applies \u{2192} does not apply from Fri 27 Nov 2026 (ToR §17).\n"), "{out}");
    let out = run_args(&s, &["tor"]).await.unwrap();
    assert!(out.contains("Not in the group's Terms of Reference:\n  ToR §17  The strike policy on absences"), "{out}");
    let history = run_args(&s, &["tor", "--history"]).await.unwrap();
    assert!(history.contains("Fri 27 Nov 2026  ToR §17  The strike policy on absences: applies \u{2192} does not apply"), "{history}");
    assert!(history.contains("note: Agreed unanimously"), "{history}");
    let json: serde_json::Value = serde_json::from_str(&run_args(&s, &["tor", "--history", "--json"]).await.unwrap()).unwrap();
    assert_eq!(json[0]["key"], "rule.strike_policy");

    let pdf = dir.path().join("tor.pdf");
    let out = run_args(&s, &["tor", "-o", pdf.to_str().unwrap()]).await.unwrap();
    assert!(out.starts_with("Wrote "), "{out}");
    let text = std::process::Command::new("pdftotext").args(["-layout", pdf.to_str().unwrap(), "-"]).output().unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(text.contains("Terms of Reference") && text.contains("The strike policy on absences (ToR §17)"), "{text}");
    s.close().await;
}

#[tokio::test]
async fn organisation_status_from_a_date_prints_its_consequences_and_keeps_the_history() {
    use secretariat_api::types::{FillSeat, FirstEmployer, SaveOrganisation, SavePerson};
    use secretariat_rules::{ManagerStatus, Obtained, TechukStatus};
    let dir = tempfile::tempdir().unwrap();
    let s = session(dir.path(), Some("a recovery passphrase"));
    run_args(&s, &["init", "--group", "Interop WG"]).await.unwrap();
    let group = s.groups().await.unwrap()[0].id;
    let input = secretariat_store::OrganisationInput {
        name: "Kestrel Data Ltd".into(),
        techuk_status: TechukStatus::Member,
        applied_on: None,
        sme: true,
        sme_confirmed_on: None,
        sector: "Data".into(),
    };
    let kestrel = s.save_organisation(SaveOrganisation { group_id: group, id: None, input, change: None }).await.unwrap().id;
    let person = secretariat_store::PersonInput {
        name: "Zoë Ó'Brien".into(),
        email: String::new(),
        job_title: "CTO".into(),
        manager_status: ManagerStatus::Yes,
        sort_as: String::new(),
    };
    let employer = Some(FirstEmployer { organisation_id: kestrel, from: chrono::NaiveDate::from_ymd_opt(2021, 4, 1).unwrap() });
    let zoe = s.save_person(SavePerson { group_id: group, id: None, input: person, employer, change: None }).await.unwrap().id;
    let seat = s.members(group).await.unwrap().seats.into_iter().find(|s| s.kind == secretariat_rules::SeatKind::Supplier).unwrap().id;
    let start = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    s.fill_seat(FillSeat { group_id: group, seat_id: seat, person_id: zoe, start, obtained: Obtained::Election }).await.unwrap();

    let out = run_args(&s, &["organisation", "status", "kestrel", "not_member", "--from", "2027-01-01"]).await.unwrap();
    assert!(out.starts_with("On Fri 1 Jan 2027, 1 new finding:\n  BREACH   ToR §12"), "{out}");
    assert!(out.contains("Kestrel Data Ltd"), "{out}");
    assert!(out.ends_with("Saved: Kestrel Data Ltd from Fri 1 Jan 2027: not a techUK member, SME, Data.\n"), "{out}");
    // The check before that day is unchanged.
    let lapsed = |out: &str| out.lines().any(|l| l.starts_with("  BREACH   ToR §12") && l.contains("Kestrel Data Ltd"));
    assert!(!lapsed(&run_code(&s, &["check", "--on", "2026-12-31"]).await.1));
    assert!(lapsed(&run_code(&s, &["check", "--on", "2027-01-01"]).await.1));

    let again = run_args(&s, &["organisation", "status", "Kestrel Data Ltd", "not-member", "--from", "2027-02-01"]).await.unwrap_err();
    assert!(again.contains("already not a techUK member"), "{again}");
    let bad = run_args(&s, &["organisation", "status", "kestrel", "lapsed", "--from", "2027-02-01"]).await.unwrap_err();
    assert!(bad.contains("write member, applying or not_member"), "{bad}");

    let history: serde_json::Value = serde_json::from_str(&run_args(&s, &["organisation", "history", "kestrel", "--json"]).await.unwrap()).unwrap();
    assert_eq!(history["history"].as_array().unwrap().len(), 2);
    assert_eq!(history["history"][1]["from"], "2027-01-01");
    let text = run_args(&s, &["organisation", "history", &kestrel.to_string()]).await.unwrap();
    assert_eq!(text, "Kestrel Data Ltd\n  as first recorded: techUK member, SME, Data\n  from Fri 1 Jan 2027: not a techUK member, SME, Data\n");
    s.close().await;
}
