//! The retention schedule through the `Session`, on the demo group in a real
//! encrypted database: the dry run changes nothing, a purge confirmed against the
//! counts removes exactly what was listed (after a backup) and keeps the group's
//! record — the declared result, terms, approved minutes and their attendance.

use chrono::NaiveDate;
use secretariat_api::retention::PurgeRetention;
use secretariat_api::types::*;
use secretariat_api::{ErrorKind, KdfParams, MemoryKeychain, Passphrase, Session, SessionConfig};
use secretariat_rules::retention::RetentionCategory;
use secretariat_store::{DataPaths, ElectionState, KeySource, Store};
use std::path::Path;
use std::sync::Arc;

const PHRASE: &str = "a recovery passphrase";

fn session(dir: &Path, keychain: Arc<MemoryKeychain>, today: NaiveDate) -> Session {
    Session::new(SessionConfig {
        data_dir: dir.to_path_buf(),
        keychain,
        passphrase: None,
        kdf: KdfParams::fast_for_tests(),
        today: Some(today),
        paper_checker: secretariat_api::PaperChecker::program(env!("CARGO_BIN_EXE_paper-check")),
    })
}

fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

/// The demo loaded on 27 Nov 2026; its group id.
async fn demo(dir: &Path, keychain: Arc<MemoryKeychain>) -> i64 {
    let s = session(dir, keychain, d("2026-11-27"));
    let request = LoadDemoRequest { recovery_passphrase: Some(PHRASE.into()), recovery_passphrase_confirm: Some(PHRASE.into()) };
    let id = s.load_demo(request).await.unwrap().group.id;
    s.close().await;
    id
}

/// Everything the group keeps or may lose, read through the screens' own requests.
#[derive(Debug, PartialEq)]
struct Held {
    winners: Vec<String>,
    statements: Vec<(String, String)>,
    returned_papers: usize,
    serials: usize,
    electors: usize,
    papers: u32,
    packs: usize,
    approved_minutes: usize,
    attendance_with_approved_minutes: usize,
    attendance_without: usize,
    terms: usize,
}

async fn held(s: &Session, group: i64) -> Held {
    let elections = s.elections_view(group).await.unwrap().elections;
    let declared = elections.iter().find(|e| e.state == ElectionState::Declared).expect("the demo has a declared election");
    let page = s.election_page(group, declared.id).await.unwrap();
    let mut held = Held {
        winners: page.winners.clone(),
        statements: page.record.nominations.iter().map(|n| (n.name.clone(), n.statement.clone())).collect(),
        returned_papers: page.record.returned.len(),
        serials: page.record.serials.len(),
        electors: page.record.electors.len(),
        papers: 0,
        packs: 0,
        approved_minutes: 0,
        attendance_with_approved_minutes: 0,
        attendance_without: 0,
        terms: terms(s, group).await,
    };
    for row in s.meeting_rows(group).await.unwrap() {
        let page = s.meeting_page(group, row.meeting.id).await.unwrap();
        held.papers += page.detail.items.iter().map(|i| i.papers.len() as u32).sum::<u32>();
        held.packs += usize::from(page.pack.is_some());
        let record = s.meeting_record(group, row.meeting.id).await.unwrap();
        let recorded = record.attendance.iter().filter(|a| a.presence.is_some()).count();
        if record.minutes.approved_on.is_some() {
            held.approved_minutes += 1;
            held.attendance_with_approved_minutes += recorded;
        } else {
            held.attendance_without += recorded;
        }
    }
    held
}

/// Every term ever held (the seats screen shows only today's), read from the store
/// itself: a second store in this process shares the session's hold on the folder.
async fn terms(s: &Session, group: i64) -> usize {
    let store = Store::open(&DataPaths::new(s.data_dir()), KeySource::Passphrase(Passphrase::new(PHRASE))).await.unwrap();
    let terms = store.register(group).await.unwrap().terms.len();
    store.close().await;
    terms
}

#[tokio::test]
async fn the_dry_run_lists_each_category_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let keychain = Arc::new(MemoryKeychain::default());
    let group = demo(dir.path(), keychain.clone()).await;

    // The day the demo was loaded: its declared election is recent, its meetings this year.
    let s = session(dir.path(), keychain.clone(), d("2026-11-27"));
    let today = s.retention_report(group).await.unwrap();
    assert_eq!(today.section(RetentionCategory::Attendance).total, 0, "ToR §17: this year's attendance is needed");
    assert_eq!(today.section(RetentionCategory::MinutesAndPapers).total, 0);
    s.close().await;

    // Years on, everything has run its period.
    let s = session(dir.path(), keychain, d("2034-01-01"));
    let before = held(&s, group).await;
    let report = s.retention_report(group).await.unwrap();
    for category in
        [RetentionCategory::CandidatesAndNominations, RetentionCategory::BallotsAndCounts, RetentionCategory::Attendance, RetentionCategory::MinutesAndPapers]
    {
        let section = report.section(category);
        assert!(section.total > 0, "{category:?} has something due in 2034");
        assert!(section.due.iter().all(|item| item.due_on <= d("2034-01-01") && item.count > 0), "{section:?}");
    }
    let ballots = report.section(RetentionCategory::BallotsAndCounts);
    assert_eq!(ballots.total as usize, before.returned_papers + before.serials + before.electors);
    assert_eq!(report.section(RetentionCategory::CandidatesAndNominations).total, 2, "the two who were not elected");
    assert_eq!(report.section(RetentionCategory::MinutesAndPapers).total as usize, before.papers as usize + before.packs);
    assert_eq!(report.section(RetentionCategory::Attendance).total as usize, before.attendance_without);
    assert_eq!(s.retention_report(group).await.unwrap(), report, "a dry run is repeatable");
    assert_eq!(held(&s, group).await, before, "the dry run removed something");
    s.close().await;
}

#[tokio::test]
async fn a_purge_removes_what_was_listed_after_a_backup_and_keeps_the_groups_record() {
    let dir = tempfile::tempdir().unwrap();
    let keychain = Arc::new(MemoryKeychain::default());
    let group = demo(dir.path(), keychain.clone()).await;
    let s = session(dir.path(), keychain.clone(), d("2034-01-01"));
    let before = held(&s, group).await;
    let report = s.retention_report(group).await.unwrap();
    let backups_before = s.backups().await.unwrap().backups.len();

    // Confirmed against other counts than today's: refused, nothing changed.
    let error = s.purge_retention(PurgeRetention { group_id: group, confirmed_total: report.total() + 1 }).await.unwrap_err();
    assert_eq!(error.kind, ErrorKind::Invalid);
    assert_eq!(error.field.as_deref(), Some("confirmed_total"));
    assert!(error.message.contains("nothing was changed"), "{}", error.message);
    assert_eq!(held(&s, group).await, before);

    let purged = s.purge_retention(PurgeRetention { group_id: group, confirmed_total: report.total() }).await.unwrap();
    // Checkpointed: the removed pages are not left in the WAL (the session is still open).
    let wal = std::fs::metadata(dir.path().join("secretariat.db-wal")).map(|m| m.len()).unwrap_or(0);
    assert_eq!(wal, 0, "the purge's pages were left in the -wal");
    assert_eq!(purged.removed, report.total());
    assert_eq!(purged.purged, report);
    let backups = s.backups().await.unwrap().backups;
    assert_eq!(backups.len(), backups_before + 1, "a backup is taken before the purge");
    assert_eq!(backups[0].file.name, purged.backup);

    let after = held(&s, group).await;
    // Gone: the marks, the serials, who was issued a paper, the losers' statements, the papers.
    assert_eq!((after.returned_papers, after.serials, after.electors), (0, 0, 0));
    assert_eq!((after.papers, after.packs), (0, 0));
    assert_eq!(after.attendance_without, 0);
    let cleared: Vec<&(String, String)> = after.statements.iter().filter(|(_, statement)| statement.is_empty()).collect();
    assert_eq!(cleared.len(), 2, "{:?}", after.statements);
    // Kept: the declared result and the winner's nomination, terms, approved minutes and their attendance.
    assert_eq!(after.winners, before.winners);
    assert_eq!(after.winners.len(), 1);
    let winner = after.statements.iter().find(|(name, _)| *name == after.winners[0]).unwrap();
    assert!(!winner.1.is_empty(), "the winner's statement is kept");
    assert_eq!(after.statements.len(), before.statements.len(), "the names of those who stood are kept");
    assert_eq!(after.terms, before.terms);
    assert!(after.terms >= 12);
    assert_eq!(after.approved_minutes, before.approved_minutes);
    assert!(after.approved_minutes > 0);
    assert_eq!(after.attendance_with_approved_minutes, before.attendance_with_approved_minutes);
    assert!(after.attendance_with_approved_minutes > 0);

    // Nothing is left due, and a second purge has nothing to do.
    assert_eq!(s.retention_report(group).await.unwrap().total(), 0);
    let error = s.purge_retention(PurgeRetention { group_id: group, confirmed_total: 0 }).await.unwrap_err();
    assert!(error.message.contains("Nothing is due"), "{}", error.message);
    s.close().await;

    // The audit log has the counts and never the content; the chain and both checks pass.
    let store = Store::open(&DataPaths::new(dir.path()), KeySource::Passphrase(Passphrase::new(PHRASE))).await.unwrap();
    let purges: Vec<_> = store.audit_entries(group).await.unwrap().into_iter().filter(|e| e.action == "retention_purge").collect();
    assert!(purges.len() >= 4, "{purges:?}");
    for entry in &purges {
        assert!(!entry.change.contains("Runs a small data-exchange consultancy"), "{}", entry.change);
        assert!(!entry.change.contains("Twenty years in police records"), "{}", entry.change);
    }
    assert!(purges.iter().any(|e| e.change.contains("\"ballot_records_removed\"")));
    assert!(store.verify().await.unwrap().is_ok());
    store.close().await;
}
