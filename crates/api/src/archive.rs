//! The Documents archive (issue #18): every document the group has produced or
//! circulated, as a secretariat hands the record over — agenda packs as kept,
//! approved minutes, attendance reports, calls for nominations, results,
//! print runs of ballot papers (numbers and counts, never who) and sub-group
//! rosters — each with the year, meeting or election it belongs to.
//!
//! What is kept today: the agenda pack as last built, inside the database
//! (`agenda_packs`), which opens exactly as it was circulated unless it was
//! built again after publication. Every other document is made again from the
//! records when opened; the records behind an approved minute or a declared
//! result do not change (corrections are recorded beside them), so the copy
//! reads as it went out. Ballot papers are never kept: only their print runs.

use chrono::Datelike;
use secretariat_rules::uk_date;

use crate::error::ApiResult;
use crate::session::Session;
use crate::types::{ArchivedDocument, DocumentKind};

impl Session {
    /// The group's record, newest first.
    pub async fn document_archive(&self, group_id: i64) -> ApiResult<Vec<ArchivedDocument>> {
        let store = self.open_store().await?;
        let today = self.today();
        let meetings = store.meeting_summaries(group_id).await?;
        let meeting = |id: i64| meetings.iter().find(|m| m.id == id);
        let mut out = Vec::new();

        for pack in store.kept_packs(group_id).await? {
            let Some(m) = meeting(pack.meeting_id) else { continue };
            let built = chrono::DateTime::parse_from_rfc3339(&pack.built_at).map(|at| at.date_naive()).unwrap_or(m.starts_at.date());
            let mut detail = match m.published_on {
                Some(on) => format!("Published {} under ToR §20", uk_date(on)),
                None => "Not yet published".to_owned(),
            };
            if pack.supplements > 0 {
                detail.push_str(&format!(" · {} supplement{}", pack.supplements, if pack.supplements == 1 { "" } else { "s" }));
            }
            detail.push_str(&format!(" · {} pages, built {}", pack.pages, uk_date(built)));
            out.push(ArchivedDocument {
                kind: DocumentKind::KeptAgendaPack,
                record_id: Some(m.id),
                kind_label: "Agenda pack".into(),
                title: format!("Agenda pack — {}", m.title),
                on: Some(m.published_on.unwrap_or(built)),
                year: m.starts_at.year(),
                meeting_id: Some(m.id),
                meeting: Some(m.title.clone()),
                detail,
                kept: true,
                openable: true,
            });
        }

        for (meeting_id, approved_on) in store.approved_minutes(group_id).await? {
            let Some(m) = meeting(meeting_id) else { continue };
            out.push(ArchivedDocument {
                kind: DocumentKind::Minutes,
                record_id: Some(m.id),
                kind_label: "Approved minutes".into(),
                title: format!("Minutes — {}", m.title),
                on: Some(approved_on),
                year: m.starts_at.year(),
                meeting_id: Some(m.id),
                meeting: Some(m.title.clone()),
                detail: format!("Approved {} (ToR §21)", uk_date(approved_on)),
                kept: false,
                openable: true,
            });
        }

        // One attendance report per calendar year that has had a meeting (ToR §17 counts by year).
        let mut years: Vec<i32> = meetings.iter().filter(|m| m.starts_at.date() <= today).map(|m| m.starts_at.year()).collect();
        years.dedup();
        for year in years {
            out.push(ArchivedDocument {
                kind: DocumentKind::AttendanceReport,
                record_id: Some(i64::from(year)),
                kind_label: "Attendance report".into(),
                title: format!("Attendance {year}"),
                on: None,
                year,
                meeting_id: None,
                meeting: None,
                detail: "Each member's attendance and strikes over the year (ToR §17)".into(),
                kept: false,
                openable: true,
            });
        }

        let elections = store.elections(group_id).await?;
        for e in &elections {
            out.push(ArchivedDocument {
                kind: DocumentKind::CallForNominations,
                record_id: Some(e.id),
                kind_label: "Call for nominations".into(),
                title: format!("Call for nominations — {}", e.title),
                on: Some(e.call_issued_on),
                year: e.call_issued_on.year(),
                meeting_id: None,
                meeting: None,
                detail: format!("Issued {}; nominations closed {}", uk_date(e.call_issued_on), uk_date(e.nominations_close)),
                kept: false,
                openable: true,
            });
            if let Some(declared) = e.declared_on {
                out.push(ArchivedDocument {
                    kind: DocumentKind::ElectionResult,
                    record_id: Some(e.id),
                    kind_label: "Result".into(),
                    title: format!("Result — {}", e.title),
                    on: Some(declared),
                    year: declared.year(),
                    meeting_id: None,
                    meeting: None,
                    detail: format!("Declared {} by the returning officer, with the count", uk_date(declared)),
                    kept: false,
                    openable: true,
                });
            }
        }
        for run in store.print_runs(group_id).await? {
            let Some(e) = elections.iter().find(|e| e.id == run.election_id) else { continue };
            out.push(ArchivedDocument {
                kind: DocumentKind::BallotPapers,
                record_id: Some(e.id),
                kind_label: "Ballot papers printed".into(),
                title: format!("Ballot papers, print run {} — {}", run.batch, e.title),
                on: None,
                year: e.poll_closes.unwrap_or(e.nominations_close).year(),
                meeting_id: None,
                meeting: None,
                detail: format!(
                    "{} papers, serials {}–{}; never who received which (ballot papers are not kept)",
                    run.papers, run.first_serial, run.last_serial
                ),
                kept: false,
                openable: false,
            });
        }

        for s in store.subgroups(group_id, today).await? {
            out.push(ArchivedDocument {
                kind: DocumentKind::SubgroupRoster,
                record_id: Some(s.id),
                kind_label: "Roster".into(),
                title: format!("Roster — {}", s.name),
                on: None,
                year: s.closed_on.unwrap_or(today).year(),
                meeting_id: None,
                meeting: None,
                detail: match s.closed_on {
                    Some(closed) => format!("Sub-group closed {} (ToR §18)", uk_date(closed)),
                    None => "Sub-group as it stands today (ToR §18)".into(),
                },
                kept: false,
                openable: true,
            });
        }

        out.sort_by(|a, b| (b.year, b.on).cmp(&(a.year, a.on)).then_with(|| a.title.cmp(&b.title)));
        Ok(out)
    }
}
