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
use secretariat_documents::{Agenda, AgendaLine, DecisionLine, DecisionsRegister, Pack, PaperFile, PaperLine};
use secretariat_rules::uk_date;
use secretariat_store::Store;
use secretariat_store::{DecisionKind, DecisionOutcome};

use crate::error::ApiResult;
use crate::session::Session;
use crate::types::{ArchivedDocument, DocumentKind};

impl Session {
    /// A calendar year's record in one PDF (issue #18): for each meeting held in
    /// the year, its agenda and its approved minutes; the year's attendance
    /// (ToR §17); the decisions register (ToR §22); each election declared in
    /// the year, its result with the count.
    /// Numbered and bookmarked as the agenda pack is.
    pub(crate) async fn year_record(&self, store: &Store, group_id: i64, year: i32) -> ApiResult<Pack> {
        let today = self.today();
        let group = store.group(group_id).await?;
        let approved: std::collections::HashMap<i64, chrono::NaiveDate> = store.approved_minutes(group_id).await?.into_iter().collect();
        let mut parts = Vec::new();
        let mut files = Vec::new();
        // Each document is made as it is anywhere else (the same `make_document`); boxed, since
        // the year's record is itself one of the documents `make_document` makes.
        let mut add = |key: String, title: &str, bytes: Vec<u8>, papers: &mut Vec<PaperLine>| {
            papers.push(PaperLine { key: key.clone(), title: title.to_owned(), supplement: false });
            files.push(PaperFile { key, bytes });
        };
        let part = |title: String, papers: Vec<PaperLine>, number: usize| AgendaLine {
            number: number.to_string(),
            start: String::new(),
            title,
            purpose: String::new(),
            presenter: None,
            minutes: 0,
            private: false,
            papers,
            notes: vec![],
        };

        let held: Vec<_> = store.meeting_summaries_of_year(group_id, year).await?.into_iter().filter(|m| m.starts_at.date() <= today).collect();
        for m in &held {
            let mut papers = Vec::new();
            let agenda = Box::pin(self.make_document(group_id, DocumentKind::Agenda, Some(m.id), None)).await?;
            add(format!("agenda-{}", m.id), "Agenda", agenda.bytes, &mut papers);
            if let Some(on) = approved.get(&m.id) {
                let minutes = Box::pin(self.make_document(group_id, DocumentKind::Minutes, Some(m.id), None)).await?;
                add(format!("minutes-{}", m.id), &format!("Minutes, approved {}", uk_date(*on)), minutes.bytes, &mut papers);
            }
            parts.push(part(format!("{}, {}", m.title, uk_date(m.starts_at.date())), papers, parts.len() + 1));
        }
        if !held.is_empty() {
            let mut papers = Vec::new();
            let attendance = Box::pin(self.make_document(group_id, DocumentKind::AttendanceReport, Some(i64::from(year)), None)).await?;
            add("attendance".into(), &format!("Attendance {year} (ToR §17)"), attendance.bytes, &mut papers);
            parts.push(part("Attendance".into(), papers, parts.len() + 1));
        }
        // The decisions register for the year (ToR §22).
        let decisions: Vec<DecisionLine> = store
            .decisions(group_id)
            .await?
            .into_iter()
            .filter(|d| d.decided_on.year() == year)
            .map(|d| DecisionLine {
                date: uk_date(d.decided_on),
                meeting: d.meeting_title.unwrap_or_default(),
                kind: match d.kind {
                    DecisionKind::General => "General",
                    DecisionKind::CommissionFunds => "Commissioning work with member funds (ToR §22)",
                    DecisionKind::Position => "Position (ToR §23–§24)",
                    DecisionKind::Membership => "Membership",
                }
                .to_owned(),
                text: d.text,
                outcome: match d.outcome {
                    DecisionOutcome::Carried => "Carried",
                    DecisionOutcome::NotCarried => "Not carried",
                    DecisionOutcome::Noted => "Noted",
                }
                .to_owned(),
            })
            .collect();
        let register = DecisionsRegister {
            group: group.name.clone(),
            period: format!("1 January to 31 December {year}"),
            decisions,
            generated: format!("Generated by Secretariat on {}", uk_date(today)),
        };
        let register = self.typeset(move |d| d.decisions_register(&register)).await?;
        let mut papers = Vec::new();
        add("decisions".into(), &format!("Decisions register {year} (ToR §22)"), register, &mut papers);
        parts.push(part("Decisions".into(), papers, parts.len() + 1));

        let mut papers = Vec::new();
        for e in store.elections(group_id).await? {
            if e.declared_on.is_some_and(|on| on.year() == year) {
                let result = Box::pin(self.make_document(group_id, DocumentKind::ElectionResult, Some(e.id), None)).await?;
                add(format!("result-{}", e.id), &format!("Result — {}", e.title), result.bytes, &mut papers);
            }
        }
        if !papers.is_empty() {
            parts.push(part("Elections".into(), papers, parts.len() + 1));
        }

        let record = Agenda {
            group_name: group.name.clone(),
            meeting_title: format!("The record of {year}"),
            when: format!("1 January to 31 December {year}"),
            venue: String::new(),
            online_link: String::new(),
            publication: format!(
                "Made from the records on {}: each meeting's agenda and approved minutes, the year's attendance (ToR §17), the decisions register (ToR §22) and the elections' results.",
                uk_date(today)
            ),
            generated: format!("Generated by Secretariat on {}", uk_date(today)),
            items: parts,
        };
        self.typeset(move |d| d.year_record(&record, &files)).await
    }

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
