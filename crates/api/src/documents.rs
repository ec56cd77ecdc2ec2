//! Documents through the `Session`: what is asked for as a [`Document`] (a kind with the
//! record it is about, which the compiler checks), made from the records (typeset off the
//! async threads), and the first copy of a final one kept as it went out (`archive.rs`).

use crate::circulation;
use crate::error::{ApiError, ApiResult, ErrorKind};
use crate::exchange;
use crate::reports;
use crate::session::{Session, file_stem};
use crate::types::*;
use chrono::NaiveDate;
use secretariat_documents::{Documents, PaperInfo};
use secretariat_store::Store;
use std::sync::Arc;

/// A document to make, with the record it is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Document {
    /// The membership list and composition report on a day (today when none).
    MembershipReport {
        on: Option<NaiveDate>,
    },
    PeopleCsv,
    OrganisationsCsv,
    Agenda {
        meeting_id: i64,
    },
    AgendaPack {
        meeting_id: i64,
    },
    /// The pack as kept with its meeting; never rebuilt.
    KeptAgendaPack {
        meeting_id: i64,
    },
    CirculationDraft {
        meeting_id: i64,
    },
    MeetingInvite {
        meeting_id: i64,
    },
    SeriesCalendar,
    Minutes {
        meeting_id: i64,
    },
    AttendanceReport {
        year: i32,
    },
    ActionLog,
    Election {
        election_id: i64,
        document: ElectionDocument,
    },
    SubgroupRoster {
        subgroup_id: i64,
    },
    YearRecord {
        year: i32,
    },
    RecoverySheet,
    /// The consolidated Terms of Reference: the rules in force on a day (today when none),
    /// with their paragraphs and the amendments (issue #14).
    TermsOfReference {
        on: Option<NaiveDate>,
    },
    /// A document kept as it went out (`issued_documents`).
    KeptCopy {
        copy_id: i64,
    },
}

/// The documents of an election.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ElectionDocument {
    CallForNominations,
    CallForNominationsEmail,
    BallotPapers,
    IssueList,
    Result,
    Blt,
}

impl Document {
    /// The document the window names by its kind and record (`DocumentRef`, `DocumentRequest`),
    /// refused when the record it needs is missing.
    pub fn of(kind: DocumentKind, record: Option<i64>) -> ApiResult<Self> {
        let meeting = || record.ok_or_else(|| ApiError::invalid("meeting", "Choose a meeting."));
        let election = |document| -> ApiResult<Self> {
            Ok(Document::Election { election_id: record.ok_or_else(|| ApiError::invalid("election", "Choose an election."))?, document })
        };
        let year = || record.and_then(|y| i32::try_from(y).ok()).ok_or_else(|| ApiError::invalid("year", "Choose a year."));
        Ok(match kind {
            DocumentKind::MembershipReport => Document::MembershipReport { on: None },
            DocumentKind::PeopleCsv => Document::PeopleCsv,
            DocumentKind::OrganisationsCsv => Document::OrganisationsCsv,
            DocumentKind::Agenda => Document::Agenda { meeting_id: meeting()? },
            DocumentKind::AgendaPack => Document::AgendaPack { meeting_id: meeting()? },
            DocumentKind::KeptAgendaPack => Document::KeptAgendaPack { meeting_id: meeting()? },
            DocumentKind::CirculationDraft => Document::CirculationDraft { meeting_id: meeting()? },
            DocumentKind::MeetingInvite => Document::MeetingInvite { meeting_id: meeting()? },
            DocumentKind::SeriesCalendar => Document::SeriesCalendar,
            DocumentKind::Minutes => Document::Minutes { meeting_id: meeting()? },
            DocumentKind::AttendanceReport => Document::AttendanceReport { year: year()? },
            DocumentKind::ActionLog => Document::ActionLog,
            DocumentKind::CallForNominations => election(ElectionDocument::CallForNominations)?,
            DocumentKind::CallForNominationsEmail => election(ElectionDocument::CallForNominationsEmail)?,
            DocumentKind::BallotPapers => election(ElectionDocument::BallotPapers)?,
            DocumentKind::IssueList => election(ElectionDocument::IssueList)?,
            DocumentKind::ElectionResult => election(ElectionDocument::Result)?,
            DocumentKind::ElectionBlt => election(ElectionDocument::Blt)?,
            DocumentKind::SubgroupRoster => {
                Document::SubgroupRoster { subgroup_id: record.ok_or_else(|| ApiError::invalid("subgroup", "Choose a sub-group."))? }
            }
            DocumentKind::YearRecord => Document::YearRecord { year: year()? },
            DocumentKind::RecoverySheet => Document::RecoverySheet,
            DocumentKind::TermsOfReference => Document::TermsOfReference { on: record.map(day_of_record).transpose()? },
            DocumentKind::KeptCopy => Document::KeptCopy { copy_id: record.ok_or_else(|| ApiError::invalid("record", "Choose a kept document."))? },
        })
    }
}

/// A day named by a document's record as the number YYYYMMDD (the consolidated Terms of
/// Reference on that day).
fn day_of_record(record: i64) -> ApiResult<NaiveDate> {
    let (year, month, day) = (record / 10_000, (record / 100) % 100, record % 100);
    i32::try_from(year)
        .ok()
        .and_then(|y| NaiveDate::from_ymd_opt(y, month as u32, day as u32))
        .ok_or_else(|| ApiError::invalid("record", "Choose the day as YYYYMMDD."))
}

impl Session {
    pub(crate) fn documents(&self) -> Arc<Documents> {
        self.documents.get_or_init(|| Arc::new(Documents::new())).clone()
    }

    /// Checks a file offered as a paper in the checking child (`PaperChecker`), off the
    /// async threads; the error is worded for the person who offered it.
    pub(crate) async fn check_paper(&self, bytes: Vec<u8>, max_bytes: usize) -> ApiResult<(Vec<u8>, PaperInfo)> {
        let checker = self.config.paper_checker.clone();
        tokio::task::spawn_blocking(move || checker.check(&bytes, max_bytes).map(|info| (bytes, info)))
            .await
            .map_err(|e| ApiError::new(ErrorKind::Internal, e.to_string()))?
            .map_err(|e| ApiError::invalid("file", e.to_string()))
    }

    /// Runs typesetting off the async threads: it is CPU work.
    pub(crate) async fn typeset<T: Send + 'static>(
        &self,
        work: impl FnOnce(&Documents) -> Result<T, secretariat_documents::DocumentError> + Send + 'static,
    ) -> ApiResult<T> {
        let documents = self.documents();
        tokio::task::spawn_blocking(move || work(&documents))
            .await
            .map_err(|e| ApiError::new(ErrorKind::Internal, e.to_string()))?
            .map_err(reports::typeset_error)
    }

    /// Makes a document for a group — and for the meeting, election or sub-group it is about
    /// (`record`) — ready to be saved or opened. The first copy of a document made once it is
    /// final is kept as it went out, for the Documents archive (`crate::archive`).
    pub async fn make_document(&self, group_id: i64, document: Document) -> ApiResult<Made> {
        let made = self.make_from_records(group_id, document).await?;
        self.keep_if_issued(group_id, document, &made).await?;
        Ok(made)
    }

    async fn make_from_records(&self, group_id: i64, document: Document) -> ApiResult<Made> {
        let store = self.open_store().await?;
        let today = self.today();
        let group = store.group(group_id).await?;
        let stem = file_stem(&group.name);
        let day_stem = |m: &secretariat_store::MeetingSummary| format!("{stem} {}", m.starts_at.format("%Y-%m-%d"));
        let made = |file_name: String, bytes: Vec<u8>, pages: Option<usize>| Made { file_name, bytes, pages };
        Ok(match document {
            Document::MembershipReport { on } => {
                let report = reports::membership(&store, group_id, on.unwrap_or(today), today).await?;
                let bytes = self.typeset(move |d| d.membership_report(&report)).await?;
                made(format!("{stem} - membership.pdf"), bytes, None)
            }
            Document::PeopleCsv => {
                made(format!("{stem} - people.csv"), exchange::export(&store, group_id, RegisterKind::People, today).await?.into_bytes(), None)
            }
            Document::OrganisationsCsv => {
                made(format!("{stem} - organisations.csv"), exchange::export(&store, group_id, RegisterKind::Organisations, today).await?.into_bytes(), None)
            }
            Document::Agenda { meeting_id } => {
                let m = store.meeting_detail(group_id, meeting_id).await?.meeting;
                let (agenda, _) = reports::agenda(&store, group_id, m.id, today).await?;
                let bytes = self.typeset(move |d| d.agenda(&agenda)).await?;
                made(format!("{} - agenda.pdf", day_stem(&m)), bytes, None)
            }
            Document::AgendaPack { meeting_id } => {
                let m = store.meeting_detail(group_id, meeting_id).await?.meeting;
                let pack = self.pack(&store, group_id, m.id).await?;
                made(format!("{} - agenda pack.pdf", day_stem(&m)), pack.bytes, Some(pack.pages))
            }
            Document::YearRecord { year } => {
                let pack = self.year_record(&store, group_id, year).await?;
                made(format!("{stem} - record {year}.pdf"), pack.bytes, Some(pack.pages))
            }
            Document::KeptAgendaPack { meeting_id } => {
                let m = store.meeting_detail(group_id, meeting_id).await?.meeting;
                let (_, pages, bytes) = store
                    .built_pack(group_id, m.id)
                    .await?
                    .ok_or_else(|| ApiError::new(ErrorKind::NotFound, "No agenda pack is kept for this meeting: build it on the meeting's page."))?;
                made(format!("{} - agenda pack.pdf", day_stem(&m)), bytes, Some(pages as usize))
            }
            Document::MeetingInvite { meeting_id } => {
                let m = store.meeting_detail(group_id, meeting_id).await?.meeting;
                let ics = circulation::calendar(&group.name, &group.settings.time_zone, std::slice::from_ref(&m))?;
                made(format!("{} - invitation.ics", day_stem(&m)), ics.into_bytes(), None)
            }
            Document::SeriesCalendar => {
                let upcoming: Vec<_> = store.meeting_summaries(group_id).await?.into_iter().filter(|m| m.starts_at.date() >= today).collect();
                let ics = circulation::calendar(&group.name, &group.settings.time_zone, &upcoming)?;
                made(format!("{stem} - meetings.ics"), ics.into_bytes(), None)
            }
            Document::CirculationDraft { meeting_id } => {
                let m = store.meeting_detail(group_id, meeting_id).await?.meeting;
                // Before the pack is built: a bad address stops the draft anyway.
                let recipients = store.recipients(group_id, m.starts_at.date()).await?;
                circulation::check_recipients(&recipients)?;
                let invite = circulation::calendar(&group.name, &group.settings.time_zone, std::slice::from_ref(&m))?;
                let pack = self.pack(&store, group_id, m.id).await?;
                let pack_name = format!("{} - agenda pack.pdf", day_stem(&m));
                let detail = store.meeting_detail(group_id, m.id).await?;
                let minutes: Vec<u32> = detail.items.iter().map(|i| i.input.minutes).collect();
                let agenda_lines = secretariat_rules::meetings::start_times(m.starts_at.time(), &minutes)
                    .into_iter()
                    .zip(&detail.items)
                    .enumerate()
                    .map(|(n, (t, i))| format!("{}. {} {} ({})", n + 1, t.format("%H:%M"), i.input.title, i.input.purpose.label().to_lowercase()))
                    .collect();
                let lead = store.rules_on(group_id, m.starts_at.date()).await?.publication_lead_days;
                let deadline = secretariat_rules::meetings::publication_deadline(m.starts_at.date(), lead);
                let bytes = circulation::email_draft(&circulation::Draft {
                    group_name: &group.name,
                    meeting: &m,
                    deadline,
                    agenda_lines,
                    recipients: &recipients,
                    pack_name: &pack_name,
                    pack: &pack.bytes,
                    invite: &invite,
                })?;
                made(format!("{} - circulation draft.eml", day_stem(&m)), bytes, None)
            }
            Document::Minutes { meeting_id } => {
                let m = store.meeting_detail(group_id, meeting_id).await?.meeting;
                let doc = crate::minutes::minutes_doc(&store, group_id, m.id, today).await?;
                let bytes = self.typeset(move |d| d.minutes(&doc)).await?;
                made(format!("{} - minutes.pdf", day_stem(&m)), bytes, None)
            }
            Document::AttendanceReport { year } => {
                let report = crate::minutes::attendance_report(self, &store, group_id, year, today).await?;
                let bytes = self.typeset(move |d| d.attendance_report(&report)).await?;
                made(format!("{stem} - attendance {year}.pdf"), bytes, None)
            }
            Document::ActionLog => {
                let log = crate::minutes::action_log(&store, group_id, today).await?;
                let bytes = self.typeset(move |d| d.action_log(&log)).await?;
                made(format!("{stem} - action log.pdf"), bytes, None)
            }
            Document::Election { election_id, document } => return self.election_document(group_id, document, election_id).await,
            Document::SubgroupRoster { subgroup_id } => return self.subgroup_document(group_id, subgroup_id).await,
            Document::KeptCopy { copy_id } => {
                let (file_name, pages, bytes) = store.issued_copy(group_id, copy_id).await?;
                made(file_name, bytes, pages.map(|p| p as usize))
            }
            Document::RecoverySheet => self.recovery_sheet().await?,
            Document::TermsOfReference { on } => {
                let on = on.unwrap_or(today);
                let terms = self.terms_of_reference(&store, group_id, on).await?;
                let bytes = self.typeset(move |d| d.terms_of_reference(&terms)).await?;
                made(format!("{stem} - terms of reference {}.pdf", on.format("%Y-%m-%d")), bytes, None)
            }
        })
    }

    /// Builds a meeting's agenda pack and keeps it as the meeting's latest pack (and, once the
    /// meeting is published, as a circulated version too).
    pub(crate) async fn pack(&self, store: &Store, group_id: i64, meeting_id: i64) -> ApiResult<secretariat_documents::Pack> {
        let (agenda, papers) = reports::agenda(store, group_id, meeting_id, self.today()).await?;
        let pack = self.typeset(move |d| d.agenda_pack(&agenda, &papers)).await?;
        store.write(async |w| w.store_pack(group_id, meeting_id, &pack.bytes, pack.pages as u32).await).await?;
        // Built after publication: a version with supplements, kept beside the one circulated.
        self.keep_circulated_pack(store, group_id, meeting_id, &pack.bytes, pack.pages as u32).await?;
        Ok(pack)
    }
}
