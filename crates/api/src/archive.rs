//! The Documents archive (issue #18): every document the group has produced or
//! circulated, as a secretariat hands the record over — agenda packs as kept,
//! approved minutes, attendance reports, calls for nominations, results,
//! print runs of ballot papers (numbers and counts, never who) and sub-group
//! rosters — each with the year, meeting or election it belongs to.
//!
//! What is kept, inside the database: the agenda pack as last built
//! (`agenda_packs`), and once the meeting is published each version as circulated
//! (`issued_documents`: at publication, then each build with supplements); and
//! the first copy made of each other document once it is final (`issued_documents`: approved minutes, a call for
//! nominations, a declared result, a past year's attendance, a closed
//! sub-group's roster), which opens exactly as it went out whatever changes in
//! the records later — each with "make again from today's records" beside it.
//! A final document not yet made since it became final is made from the records
//! when first opened, and kept then. Ballot papers are never kept: only their
//! print runs.

use chrono::Datelike;
use secretariat_documents::{Agenda, AgendaLine, DecisionLine, DecisionsRegister, Pack, PaperFile, PaperLine};
use secretariat_rules::uk_date;
use secretariat_store::{DecisionKind, DecisionOutcome, IssuedCopy, IssuedKind, Store};

use crate::documents::{Document, ElectionDocument};
use crate::error::ApiResult;
use crate::session::Session;
use crate::types::{ArchivedDocument, DocumentKind, DocumentRef, Made};

impl Session {
    /// Keeps a meeting's pack (`bytes`, as just built or as kept with the meeting) as a
    /// circulated version once the meeting is published (ToR §20): at publication, and at
    /// each build with supplements after it.
    pub(crate) async fn keep_circulated_pack(&self, store: &Store, group_id: i64, meeting_id: i64, bytes: &[u8], pages: u32) -> ApiResult<()> {
        let meeting = store.meeting_detail(group_id, meeting_id).await?.meeting;
        if meeting.published_on.is_none() {
            return Ok(());
        }
        let file_name = format!("{} {} - agenda pack.pdf", crate::session::file_stem(&store.group(group_id).await?.name), meeting.starts_at.format("%Y-%m-%d"));
        store.write(async |w| w.keep_issued(group_id, IssuedKind::AgendaPack, meeting_id, &file_name, Some(pages), bytes).await).await?;
        Ok(())
    }

    /// Keeps `made` as it went out when it is a final document not kept before: approved
    /// minutes (ToR §21), a call for nominations (ToR §14), a declared result, a past year's
    /// attendance (ToR §17), a closed sub-group's roster (ToR §18).
    pub(crate) async fn keep_if_issued(&self, group_id: i64, document: Document, made: &Made) -> ApiResult<()> {
        let store = self.open_store().await?;
        let issued = match document {
            Document::Minutes { meeting_id } => {
                store.approved_minutes(group_id).await?.iter().any(|&(m, _)| m == meeting_id).then_some((IssuedKind::Minutes, meeting_id))
            }
            Document::Election { election_id, document: ElectionDocument::CallForNominations } => Some((IssuedKind::CallForNominations, election_id)),
            Document::Election { election_id, document: ElectionDocument::Result } => {
                store.election(group_id, election_id).await?.summary.declared_on.map(|_| (IssuedKind::ElectionResult, election_id))
            }
            Document::AttendanceReport { year } => (year < self.today().year()).then_some((IssuedKind::AttendanceReport, i64::from(year))),
            Document::SubgroupRoster { subgroup_id } => store
                .subgroups(group_id, self.today())
                .await?
                .iter()
                .any(|s| s.id == subgroup_id && s.closed_on.is_some())
                .then_some((IssuedKind::SubgroupRoster, subgroup_id)),
            Document::MembershipReport { .. }
            | Document::PeopleCsv
            | Document::OrganisationsCsv
            | Document::Agenda { .. }
            | Document::AgendaPack { .. }
            | Document::KeptAgendaPack { .. }
            | Document::CirculationDraft { .. }
            | Document::MeetingInvite { .. }
            | Document::SeriesCalendar
            | Document::ActionLog
            | Document::Election { .. }
            | Document::YearRecord { .. }
            | Document::RecoverySheet
            | Document::TermsOfReference { .. }
            | Document::KeptCopy { .. } => None,
        };
        let Some((issued, record)) = issued else { return Ok(()) };
        store.write(async |w| w.keep_issued(group_id, issued, record, &made.file_name, made.pages.map(|p| p as u32), &made.bytes).await).await?;
        Ok(())
    }
}

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
            let agenda = Box::pin(self.make_document(group_id, Document::Agenda { meeting_id: m.id })).await?;
            add(format!("agenda-{}", m.id), "Agenda", agenda.bytes, &mut papers);
            if let Some(on) = approved.get(&m.id) {
                let minutes = Box::pin(self.make_document(group_id, Document::Minutes { meeting_id: m.id })).await?;
                add(format!("minutes-{}", m.id), &format!("Minutes, approved {}", uk_date(*on)), minutes.bytes, &mut papers);
            }
            parts.push(part(format!("{}, {}", m.title, uk_date(m.starts_at.date())), papers, parts.len() + 1));
        }
        if !held.is_empty() {
            let mut papers = Vec::new();
            let attendance = Box::pin(self.make_document(group_id, Document::AttendanceReport { year })).await?;
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
                let result = Box::pin(self.make_document(group_id, Document::Election { election_id: e.id, document: ElectionDocument::Result })).await?;
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
        let copies = store.issued_copies(group_id).await?;
        let mut out = Vec::new();

        // A published pack: each version kept as circulated (the first at publication, then
        // each built with supplements). Otherwise the pack as last built.
        let mut circulated: Vec<&IssuedCopy> = copies.iter().filter(|c| c.kind == IssuedKind::AgendaPack).collect();
        circulated.sort_by(|a, b| (a.record_id, &a.made_at, a.id).cmp(&(b.record_id, &b.made_at, b.id)));
        for (n, copy) in circulated.iter().enumerate() {
            let Some(m) = meeting(copy.record_id) else { continue };
            let made = made_on(copy).unwrap_or(m.starts_at.date());
            let pages = copy.pages.map(|p| format!(" · {p} pages")).unwrap_or_default();
            let first = n == 0 || circulated[n - 1].record_id != copy.record_id;
            out.push(ArchivedDocument {
                kind: DocumentKind::KeptCopy,
                record_id: Some(copy.id),
                remake: None,
                kind_label: "Agenda pack".into(),
                title: if first { format!("Agenda pack — {}", m.title) } else { format!("Agenda pack with supplements — {}, {}", m.title, uk_date(made)) },
                on: Some(if first { m.published_on.unwrap_or(made) } else { made }),
                year: m.starts_at.year(),
                meeting_id: Some(m.id),
                meeting: Some(m.title.clone()),
                detail: if first {
                    format!("Circulated {} under ToR §20{pages}", uk_date(m.published_on.unwrap_or(made)))
                } else {
                    format!("Built {} after publication, with the supplements{pages}", uk_date(made))
                },
                kept: true,
                openable: true,
            });
        }
        for pack in store.kept_packs(group_id).await? {
            if circulated.iter().any(|c| c.record_id == pack.meeting_id) {
                continue;
            }
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
                remake: None,
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
                remake: None,
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
                remake: None,
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
                remake: None,
                kind_label: "Call for nominations".into(),
                title: format!("Call for nominations — {}", e.title),
                on: Some(e.call_issued_on),
                year: e.call_issued_on.year(),
                meeting_id: None,
                meeting: None,
                detail: format!(
                    "Issued {}; nominations {} {}",
                    uk_date(e.call_issued_on),
                    if e.nominations_close < today { "closed" } else { "close" },
                    uk_date(e.nominations_close)
                ),
                kept: false,
                openable: true,
            });
            if let Some(declared) = e.declared_on {
                out.push(ArchivedDocument {
                    kind: DocumentKind::ElectionResult,
                    record_id: Some(e.id),
                    remake: None,
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
                remake: None,
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
                remake: None,
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

        // A final document kept as it went out opens as kept, with "make again" beside it.
        for d in &mut out {
            let Some(issued) = issued_kind(d.kind) else { continue };
            if let Some(copy) = copies.iter().find(|c| c.kind == issued && Some(c.record_id) == d.record_id) {
                d.remake = Some(DocumentRef { kind: d.kind, record_id: d.record_id });
                d.kind = DocumentKind::KeptCopy;
                d.record_id = Some(copy.id);
                d.kept = true;
                d.detail.push_str(&kept_note(copy));
            }
        }

        out.sort_by(|a, b| (b.year, b.on).cmp(&(a.year, a.on)).then_with(|| a.title.cmp(&b.title)));
        Ok(out)
    }
}

/// The kind of kept copy a document is kept as, for those kept once final.
fn issued_kind(kind: DocumentKind) -> Option<IssuedKind> {
    Some(match kind {
        DocumentKind::Minutes => IssuedKind::Minutes,
        DocumentKind::CallForNominations => IssuedKind::CallForNominations,
        DocumentKind::ElectionResult => IssuedKind::ElectionResult,
        DocumentKind::AttendanceReport => IssuedKind::AttendanceReport,
        DocumentKind::SubgroupRoster => IssuedKind::SubgroupRoster,
        _ => return None,
    })
}

/// The day a copy was kept.
fn made_on(copy: &IssuedCopy) -> Option<chrono::NaiveDate> {
    chrono::DateTime::parse_from_rfc3339(&copy.made_at).ok().map(|at| at.date_naive())
}

/// " · kept as made on 3 March 2026, 4 pages".
fn kept_note(copy: &IssuedCopy) -> String {
    let made = made_on(copy).map(uk_date).unwrap_or_default();
    match copy.pages {
        Some(pages) => format!(" · kept as made on {made}, {pages} page{}", if pages == 1 { "" } else { "s" }),
        None => format!(" · kept as made on {made}"),
    }
}
