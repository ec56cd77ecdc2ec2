//! The synthetic data generator (`secretariat demo --scale N`) at a small scale, against a
//! real encrypted database: what it reports is what the screens then read, the register
//! passes the rules' check, the audit chain holds, and the same seed gives the same records.

use chrono::NaiveDate;
use secretariat_api::scale::{ScaleOptions, ScaleReport};
use secretariat_api::{KdfParams, MemoryKeychain, Session, SessionConfig};
use secretariat_store::{ElectionState, Outcome};
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

const SMALL: ScaleOptions = ScaleOptions { groups: 2, years: 4, seed: 7 };

async fn generated(dir: &std::path::Path) -> (Session, ScaleReport) {
    let s = session(dir);
    let mut lines = Vec::new();
    let report = s.load_scale(SMALL, &mut |line| lines.push(line.to_owned())).await.unwrap();
    assert_eq!(lines.len(), 2, "one progress line per group: {lines:?}");
    (s, report)
}

#[tokio::test]
async fn two_groups_over_four_years_hold_what_the_generator_reports() {
    let dir = tempfile::tempdir().unwrap();
    let (s, report) = generated(dir.path()).await;
    assert_eq!(report.group_ids.len(), 2);
    let today = s.today();

    let (mut meetings, mut items, mut papers, mut held, mut attendance, mut notes) = (0, 0, 0, 0, 0, 0);
    let (mut decisions, mut actions, mut open_actions, mut positions, mut subgroups) = (0, 0, 0, 0, 0);
    let (mut declared, mut open, mut returned, mut organisations, mut people) = (0, 0, 0, 0, 0);
    for &group in &report.group_ids {
        let members = s.members(group).await.unwrap();
        organisations += members.organisations.len() as u32;
        people += members.people.len() as u32;
        // Four years of monthly meetings (ToR §19), ending two months ahead of today.
        let rows = s.meeting_rows(group).await.unwrap();
        assert_eq!(rows.len(), 4 * 12 + 1, "two cycles of 24 months less two, and the next three months");
        meetings += rows.len() as u32;
        for row in &rows {
            let page = s.meeting_page(group, row.meeting.id).await.unwrap();
            assert_eq!(page.detail.items.len(), 9, "five standard items and four of the group's own");
            items += page.detail.items.len() as u32;
            papers += page.detail.items.iter().map(|i| i.papers.len() as u32).sum::<u32>();
            if row.meeting.starts_at.date() < today {
                let record = s.meeting_record(group, row.meeting.id).await.unwrap();
                assert!(record.attendance_recorded, "every held meeting has its attendance");
                held += 1;
                attendance += record.attendance.iter().filter(|a| a.presence.is_some()).count() as u32;
                notes += record.minutes.items.iter().filter(|i| i.notes.as_deref().is_some_and(|n| !n.is_empty())).count() as u32;
            }
        }
        let view = s.decisions_view(group).await.unwrap();
        decisions += view.decisions.len() as u32;
        actions += view.actions.len() as u32;
        open_actions += view.actions.iter().filter(|a| a.status == secretariat_store::ActionStatus::Open).count() as u32;
        positions += view.positions.len() as u32;
        assert!(view.actions.iter().any(|a| a.status == secretariat_store::ActionStatus::Open && a.due_on < today), "some actions are overdue");
        subgroups += s.subgroups_view(group).await.unwrap().subgroups.len() as u32;
        for election in s.elections_view(group).await.unwrap().elections {
            match election.state {
                ElectionState::Declared => {
                    assert_eq!(election.outcome, Some(Outcome::Elected));
                    declared += 1;
                    let page = s.election_page(group, election.id).await.unwrap();
                    assert!((30..=60).contains(&page.record.returned.len()), "{} papers back", page.record.returned.len());
                    assert_eq!(page.winners.len(), 8, "eight supplier seats filled");
                    returned += page.record.returned.len() as u32;
                }
                ElectionState::Nominations => open += 1,
                other => panic!("an election left {other:?}"),
            }
        }
        // Every seat is held today: the declared election's winners took the supplier seats.
        let home = s.group_home(group).await.unwrap();
        assert_eq!(home.vacant_seats, 0, "{:?}", home.seats);
        assert_eq!(home.elections.len(), 1, "the election for the next cycle is open");
        // `secretariat check` is the rules on the register: it runs on the generated history.
        let compliance = s.compliance(group, None).await.unwrap();
        let past = s.compliance(group, Some(NaiveDate::from_ymd_opt(2024, 6, 1).unwrap())).await.unwrap();
        assert_eq!(compliance.on, today);
        assert!(past.findings.iter().all(|f| !f.message.is_empty()));
    }
    assert_eq!(organisations, report.organisations);
    assert_eq!(people, report.people);
    assert_eq!(meetings, report.meetings);
    assert_eq!(items, report.agenda_items);
    assert_eq!(papers, report.papers);
    assert_eq!(held, report.meetings_with_attendance);
    assert_eq!(attendance, report.attendance_rows);
    assert_eq!(notes, report.item_notes);
    assert_eq!(decisions, report.decisions);
    assert_eq!(actions, report.actions);
    assert_eq!(open_actions, report.open_actions);
    assert_eq!(positions, report.positions);
    assert_eq!(subgroups, report.subgroups);
    assert_eq!((declared, open), (report.declared_elections, report.open_elections));
    assert_eq!((declared, open), (2, 2), "one declared and one open per group");
    assert_eq!(returned, report.returned_papers);
    assert!(report.employer_changes > 0);

    // Every write went through the Writer: the audit chain holds over all of it.
    let verified = s.verify().await.unwrap();
    assert!(verified.is_ok(), "{:?}", verified.first_problem());
    assert!(verified.audit.rows > 3000, "{} audit rows", verified.audit.rows);
    s.close().await;
}

#[tokio::test]
async fn the_same_seed_gives_the_same_records_and_a_second_load_is_refused() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (first, one) = generated(a.path()).await;
    let (second, two) = generated(b.path()).await;
    assert_eq!(one, two);
    for &group in &one.group_ids {
        let (x, y) = (first.members(group).await.unwrap(), second.members(group).await.unwrap());
        assert_eq!(x.people, y.people);
        assert_eq!(x.seats, y.seats);
        let (x, y) = (first.elections_view(group).await.unwrap(), second.elections_view(group).await.unwrap());
        let declared: Vec<_> = x.elections.iter().filter(|e| e.state == ElectionState::Declared).map(|e| e.id).collect();
        for id in declared {
            assert_eq!(first.election_page(group, id).await.unwrap().winners, second.election_page(group, id).await.unwrap().winners);
        }
        assert_eq!(x.elections.len(), y.elections.len());
    }
    let error = first.load_scale(SMALL, &mut |_| {}).await.unwrap_err();
    assert!(error.message.contains("already loaded"), "{}", error.message);
    first.close().await;
    second.close().await;
}
