//! Issue #9: the screens that now read only what they show (one meeting's actions and
//! decisions, the meeting before it, the next meeting, the meetings to choose from) reply
//! exactly what the whole lists they used to filter give, on every meeting of four years of
//! synthetic records in a real encrypted database.

use chrono::NaiveDate;
use secretariat_api::scale::ScaleOptions;
use secretariat_api::{KdfParams, MemoryKeychain, Session, SessionConfig};
use secretariat_store::ActionStatus;
use serde_json::{Value, json};
use std::sync::Arc;

fn session(dir: &std::path::Path) -> Session {
    Session::new(SessionConfig {
        data_dir: dir.to_path_buf(),
        keychain: Arc::new(MemoryKeychain::default()),
        passphrase: Some(secretariat_api::Passphrase::new("a recovery passphrase")),
        kdf: KdfParams::fast_for_tests(),
        today: Some(NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()),
        paper_checker: secretariat_api::PaperChecker::program(env!("CARGO_BIN_EXE_paper-check")),
    })
}

fn v<T: serde::Serialize>(value: &T) -> Value {
    serde_json::to_value(value).unwrap()
}

#[tokio::test]
async fn narrowed_reads_reply_what_filtering_the_whole_lists_gives() {
    let dir = tempfile::tempdir().unwrap();
    let s = session(dir.path());
    let report = s.load_scale(ScaleOptions { groups: 2, years: 4, seed: 11 }, &mut |_| {}).await.unwrap();
    let today = s.today();
    let (mut checked, mut with_open, mut with_decisions, mut with_draft) = (0, 0, 0, 0);
    for &group in &report.group_ids {
        let rows = s.meeting_rows(group).await.unwrap();
        let all = s.decisions_view(group).await.unwrap();

        // Home's next meeting: the first row on or after today.
        let home = s.group_home(group).await.unwrap();
        let next = rows.iter().find(|r| r.meeting.starts_at.date() >= today).expect("meetings are planned ahead");
        assert_eq!(home.next_meeting.as_ref().map(|m| m.id), Some(next.meeting.id));
        assert_eq!(home.next_meeting.as_ref().map(|m| (m.items, m.papers, m.deadline)), Some((next.meeting.items, next.meeting.papers, next.deadline)));
        assert_eq!(v(&home.next_meeting.as_ref().unwrap().publication), v(&next.publication));
        // Home's overdue actions: every open action past its due date, in the log's order.
        let overdue: Vec<_> = all.actions.iter().filter(|a| a.status == ActionStatus::Open && a.due_on < today).collect();
        assert!(!overdue.is_empty(), "the generator leaves some actions overdue");
        assert_eq!(v(&home.overdue_actions), v(&overdue));

        // A sub-group page's meetings to choose from: every meeting, in the Meetings list's order.
        let subgroups = s.subgroups_view(group).await.unwrap();
        let sub = subgroups.subgroups.first().expect("a sub-group every third year");
        let page = s.subgroup_page(group, sub.id).await.unwrap();
        let expected: Vec<Value> = rows.iter().map(|r| json!({"id": r.meeting.id, "title": r.meeting.title, "starts_at": r.meeting.starts_at})).collect();
        assert_eq!(v(&page.meetings), Value::Array(expected));

        // Every meeting, held or planned (the first planned one follows minutes still in draft).
        for (i, row) in rows.iter().enumerate() {
            let m = &row.meeting;
            let record = s.meeting_record(group, m.id).await.unwrap();
            let actions: Vec<_> = all.actions.iter().filter(|a| a.meeting_id == m.id).collect();
            let open: Vec<_> =
                all.actions.iter().filter(|a| a.meeting_id != m.id && a.status == ActionStatus::Open && a.meeting_starts_at < m.starts_at).collect();
            let decisions: Vec<_> = all.decisions.iter().filter(|d| d.meeting_id == Some(m.id)).collect();
            assert_eq!(v(&record.actions), v(&actions), "meeting {}", m.id);
            assert_eq!(v(&record.open_actions), v(&open), "meeting {}", m.id);
            assert_eq!(v(&record.decisions), v(&decisions), "meeting {}", m.id);
            // The previous meeting, offered while its minutes are still a draft.
            let draft = match i.checked_sub(1).map(|p| &rows[p].meeting) {
                Some(prev) if s.meeting_record(group, prev.id).await.unwrap().minutes.approved_on.is_none() => Some(prev),
                _ => None,
            };
            assert_eq!(v(&record.previous_draft), v(&draft), "meeting {}", m.id);
            checked += 1;
            with_open += usize::from(!open.is_empty());
            with_decisions += usize::from(!decisions.is_empty());
            with_draft += usize::from(draft.is_some());
        }
    }
    // The comparisons were not all of empty lists.
    assert!(checked > 90, "{checked} meetings");
    assert!(with_open > 0 && with_decisions > 0 && with_draft > 0, "open {with_open}, decisions {with_decisions}, drafts {with_draft}");
    // Closed before the process exits: a connection thread still live at exit can crash in
    // OpenSSL's atexit handler (the known segfault in the closing notes).
    s.close().await;
}
