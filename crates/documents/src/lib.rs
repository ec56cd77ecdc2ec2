//! Secretariat's printed documents.
//!
//! This crate owns everything between "here is the data for a document" and
//! "here are the PDF bytes": the document data types, the typst templates and
//! fonts compiled into the binary, the small typst `World` that serves them,
//! the check a paper's PDF passes before it is stored (in a child process:
//! `isolated.rs`), and the atomic write used to put a finished PDF on disk.
//!
//! The documents: the membership report, a meeting's agenda, the agenda
//! pack (cover, agenda, contents and every paper in one PDF, ToR §20), and an
//! election's call for nominations, ballot papers, issue list and result; a
//! meeting's minutes (ToR §21), the year's attendance report (ToR §17) and
//! the action log; a sub-group's roster (ToR §18); the consolidated Terms of Reference; the
//! recovery sheet.
//!
//! Documents are typeset by typst used as a library. Data never becomes
//! template source: it is serialised to JSON and served as the virtual file
//! `/data.json`, which the template reads with `json(..)`. A name such as
//! `#panic("x")` is therefore printed, never evaluated.
//!
//! Ballot papers are the exception to typst: many numbered copies of one
//! fixed page, drawn directly with printpdf from the same embedded fonts
//! (`ballots.rs`). Their text is drawn as given, so it too prints literally.

mod agenda;
mod atomic;
mod ballots;
mod digest;
mod elections;
mod error;
mod fonts;
mod isolated;
mod minutes;
mod navigation;
mod outline;
mod pack;
mod paper;
mod recovery;
mod report;
mod roster;
mod subject_access;
mod terms;
mod world;

pub use agenda::{Agenda, AgendaLine, Pack, PaperFile, PaperLine};
pub use atomic::write_atomically;
pub use ballots::{BallotCandidate, BallotMethod, BallotPapers};
pub use digest::{Digest, DigestLine, DigestSection};
pub use elections::{
    CallForNominations, Declaration, IssueLine, IssueList, ReconciliationLine, RejectedLine, ResultCandidate, ResultReport, ResultStage, RuleLine,
};
pub use error::DocumentError;
pub use isolated::{CHILD_ARG, PaperChecker, serve_paper_check};
pub use minutes::{
    ActionLine, ActionLog, AttendanceMeeting, AttendanceReport, AttendanceRow, AttendeeLine, DecisionLine, DecisionsRegister, DeclarationLine, MinutesDoc,
    MinutesItem, MinutesStatus,
};
pub use paper::{PaperError, PaperInfo, check_paper};
pub use recovery::RecoverySheet;
pub use report::{CompositionLine, FindingLine, MembershipReport, MixPoint, PersonLine, SeatLine, SettingLine};
pub use roster::{RosterPerson, RosterReportBack, SubgroupRoster};
pub use subject_access::{SubjectAccessLine, SubjectAccessReport, SubjectAccessSection, SubjectAuditLine};
pub use terms::{TermsOfReference, TorAmendment, TorRule};

use std::sync::OnceLock;

use typst::diag::Severity;
use typst::foundations::Smart;
use typst::syntax::Source;
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt};
use typst_layout::PagedDocument;
use typst_pdf::PdfOptions;

use crate::ballots::BallotFonts;
use crate::world::{Attachment, DocumentWorld, Template};

/// How many compilations a memoised typst result may go unused before it is
/// dropped. typst caches in process-wide memory; without eviction a
/// long-running desktop app would keep every past document's layout forever.
const CACHE_MAX_AGE: usize = 10;

/// The typesetter: the standard library, the parsed fonts and the parsed
/// templates, built once and reused for every document.
///
/// Creating it parses about 2.8 MB of embedded fonts, so make one and keep it
/// (it is `Send + Sync`; share it behind an `Arc` if need be).
pub struct Documents {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
    templates: Vec<Source>,
    /// The same font files parsed for printpdf, on the first ballot run.
    ballot_fonts: OnceLock<BallotFonts>,
}

impl Documents {
    /// Parses the embedded fonts and builds the typst standard library.
    pub fn new() -> Self {
        let fonts = fonts::embedded();
        let book = FontBook::from_fonts(&fonts);
        Self {
            library: LazyHash::new(Library::default()),
            book: LazyHash::new(book),
            fonts,
            templates: world::parse_templates(),
            ballot_fonts: OnceLock::new(),
        }
    }

    /// Membership list and composition report (PDF bytes).
    pub fn membership_report(&self, report: &MembershipReport) -> Result<Vec<u8>, DocumentError> {
        self.pdf(Template::Membership, report)
    }

    /// The agenda alone (PDF bytes).
    pub fn agenda(&self, agenda: &Agenda) -> Result<Vec<u8>, DocumentError> {
        self.pdf(Template::Agenda, agenda)
    }

    /// The agenda pack (ToR §20): a cover with the meeting's details, the
    /// agenda, a contents page giving each paper's first page (each entry a
    /// link to it), then every paper in agenda order, with "Page n of N" on
    /// every page, papers' pages included; and a PDF outline with an entry
    /// per agenda item and, under it, one per paper.
    ///
    /// `papers` must hold a file for every key the agenda names, else
    /// [`DocumentError::MissingPaper`]; files it does not name are left out,
    /// and a paper named under two items goes in once. Each file is checked
    /// as [`check_paper`] does, size aside ([`DocumentError::Paper`]). The
    /// papers' pages are embedded as vectors, so their text stays text.
    pub fn agenda_pack(&self, agenda: &Agenda, papers: &[PaperFile]) -> Result<Pack, DocumentError> {
        self.pack(agenda, papers, false)
    }

    /// A year's record in one PDF (issue #18): a cover, a contents page, then
    /// each part's documents page by page, numbered "Page n of N" throughout,
    /// with bookmarks per part and document (and each document's own). Laid
    /// out as the agenda pack is, `record` standing for the agenda: its
    /// `meeting_title` is the record's title ("The record of 2026"), `when`
    /// the period, `publication` a line on how it was made, each item a part
    /// (a meeting, the attendance, the elections) and each paper a document,
    /// already made as a PDF.
    pub fn year_record(&self, record: &Agenda, documents: &[PaperFile]) -> Result<Pack, DocumentError> {
        self.pack(record, documents, true)
    }

    fn pack(&self, agenda: &Agenda, papers: &[PaperFile], record: bool) -> Result<Pack, DocumentError> {
        let (data, attachments) = pack::plan(agenda, papers, record)?;
        let typeset = self.typeset(Template::Pack, &data, attachments)?;
        let bookmarks = pack::bookmarks(&data, &typeset.document)?;
        let heights: Vec<f64> = typeset.document.pages().iter().map(|page| page.frame.height().to_pt()).collect();
        let bytes = outline::append(typeset.pdf, &bookmarks, &heights)
            .map_err(|err| DocumentError::Typeset(format!("error: the pack's outline could not be added: {err}")))?;
        Ok(Pack { bytes, pages: heights.len() })
    }

    /// The notice opening nominations for an election (PDF bytes): seats,
    /// term, closing time and returning officer, who may stand with the ToR
    /// paragraph each rule comes from, how to nominate, and what the result
    /// must satisfy.
    pub fn call_for_nominations(&self, call: &CallForNominations) -> Result<Vec<u8>, DocumentError> {
        self.pdf(Template::CallForNominations, call)
    }

    /// The issue list (PDF bytes): every elector with a tick where a ballot
    /// paper was issued, and the papers printed, issued and spoilt. It says
    /// who was issued a paper, never which: no serial numbers.
    pub fn issue_list(&self, list: &IssueList) -> Result<Vec<u8>, DocumentError> {
        self.pdf(Template::IssueList, list)
    }

    /// The result report (PDF bytes): method, seats, quota and valid votes;
    /// who was elected; the count as tables with a row per candidate and a
    /// column per stage (at most eight stages a table; A4 landscape beyond
    /// four stages); what happened at each stage; the reconciliation, the
    /// rejected papers, ties and constraints; and the declaration to sign.
    /// A `draft` is marked "DRAFT — not declared" on every page.
    ///
    /// [`DocumentError::Invalid`] when a stage lacks a total or a state for
    /// some candidate.
    pub fn election_result(&self, report: &ResultReport) -> Result<Vec<u8>, DocumentError> {
        let data = elections::ResultData::new(report)?;
        self.pdf(Template::ElectionResult, &data)
    }

    /// A meeting's minutes (PDF bytes): the meeting's details and who minuted
    /// it (ToR §21); who was present (organisation, online, represented by
    /// whom), sent apologies, was absent, or attended as invitee or
    /// observer; each item with its notes, decisions and actions (action,
    /// owner, due); then any corrections recorded after approval.
    ///
    /// A draft is marked "DRAFT — not yet approved" on every page; approved
    /// minutes say "Approved at … on …" and the approval's note. An item
    /// taken in private session says only "Held as a private session under
    /// ToR §21 (requested by …, agreed by the Chair). Not minuted.": its
    /// notes, decisions and actions are not passed to the template.
    ///
    /// [`DocumentError::Invalid`] when a private session does not say who
    /// requested it.
    pub fn minutes(&self, minutes: &MinutesDoc) -> Result<Vec<u8>, DocumentError> {
        let data = minutes::MinutesData::new(minutes)?;
        self.pdf(Template::Minutes, &data)
    }

    /// The attendance report for a year (PDF bytes, A4 landscape): a grid of
    /// members by meetings with each one's mark, non-compulsory meetings
    /// shaded and marked "†", each member's strikes (ToR §17), the legend,
    /// rows at or over the threshold highlighted and their discretion
    /// decisions (or that none is recorded yet) below the grid. Up to 14
    /// meetings fit across the page at full size; more are narrowed.
    ///
    /// [`DocumentError::Invalid`] when a row lacks a mark for some meeting or
    /// has a mark other than P, O, A, X or nothing.
    pub fn attendance_report(&self, report: &AttendanceReport) -> Result<Vec<u8>, DocumentError> {
        minutes::check_attendance(report)?;
        self.pdf(Template::Attendance, report)
    }

    /// The decisions register over a period (PDF bytes, ToR §22): each
    /// decision with its day, meeting, kind and outcome.
    pub fn decisions_register(&self, register: &DecisionsRegister) -> Result<Vec<u8>, DocumentError> {
        self.pdf(Template::DecisionsRegister, register)
    }

    /// The action log (PDF bytes): a line saying how many actions are open,
    /// overdue, done and dropped, then a table of every action — overdue
    /// first (tagged "Overdue"), then open, done and dropped — with where it
    /// was agreed, its owner, due date and status.
    pub fn action_log(&self, log: &ActionLog) -> Result<Vec<u8>, DocumentError> {
        let data = minutes::ActionLogData::new(log);
        self.pdf(Template::ActionLog, &data)
    }

    /// A sub-group's roster (PDF bytes, ToR §18): its status and how it was
    /// created, its remit, any findings about it, the lead and members with
    /// their seats, the invited individuals with their expertise (who hold no
    /// seat), and the report-backs requested, overdue ones tagged.
    pub fn subgroup_roster(&self, roster: &SubgroupRoster) -> Result<Vec<u8>, DocumentError> {
        self.pdf(Template::SubgroupRoster, roster)
    }

    /// The consolidated Terms of Reference (PDF bytes, issue #14): the rules in force on a
    /// day with their paragraphs, the rules that do not apply, the amendments, and the group's
    /// own text where one is kept.
    pub fn terms_of_reference(&self, terms: &TermsOfReference) -> Result<Vec<u8>, DocumentError> {
        self.pdf(Template::TermsOfReference, terms)
    }

    /// The digest for the wider supplier community (PDF bytes, ToR §3b, §5d).
    pub fn digest(&self, digest: &Digest) -> Result<Vec<u8>, DocumentError> {
        self.pdf(Template::Digest, digest)
    }

    /// A subject access report (PDF bytes, UK GDPR Art. 15): the person's identity, then
    /// one section per kind of record, then every audit entry about them.
    pub fn subject_access(&self, report: &SubjectAccessReport) -> Result<Vec<u8>, DocumentError> {
        self.pdf(Template::SubjectAccess, report)
    }

    /// The recovery sheet (PDF bytes): what the recovery passphrase is for,
    /// where the data folder, database, key file and backups are, the keychain
    /// entry's name, and how to restore (in the window, from a terminal, on a
    /// new computer). It never carries the key or the passphrase: the data has
    /// no field for either.
    pub fn recovery_sheet(&self, sheet: &RecoverySheet) -> Result<Vec<u8>, DocumentError> {
        self.pdf(Template::RecoverySheet, sheet)
    }

    /// Numbered ballot papers (PDF bytes): one paper per serial, in the
    /// order given, each with the group, the election, its number ("No.
    /// 000123", again small at the foot), the instructions for the method,
    /// the candidates in the order given with a box to mark, where to return
    /// it, and that it is secret.
    ///
    /// Two papers share an A4 page (top and bottom, a dashed line to cut
    /// along) when the paper fits in half a page; otherwise each has a page.
    /// Drawn with printpdf, not typst: see `ballots.rs`.
    ///
    /// [`DocumentError::Invalid`] when there are no candidates or no serials,
    /// a serial is repeated, there are no seats or no votes to cast, or the
    /// candidates are too many for one page.
    pub fn ballot_papers(&self, papers: &BallotPapers) -> Result<Vec<u8>, DocumentError> {
        ballots::draw(papers, self.ballot_fonts.get_or_init(BallotFonts::parse))
    }

    /// A plain stand-in paper for demonstration data and tests: `pages`
    /// pages of a few paragraphs, the first headed by the title and
    /// "Author: …", each with the folio "author · n/pages" at its foot.
    pub fn sample_paper(&self, title: &str, author: &str, pages: usize) -> Result<Vec<u8>, DocumentError> {
        if pages == 0 {
            return Err(DocumentError::Io("a sample paper needs at least one page".into()));
        }
        // `/data.json` for templates/sample-paper.typ.
        let data = serde_json::json!({ "title": title, "author": author, "pages": pages });
        self.pdf(Template::SamplePaper, &data)
    }

    /// Typesets `template` with `data` as `/data.json` and `attachments` as
    /// further virtual files, and exports a PDF.
    /// A document with no attachments, as PDF bytes.
    fn pdf<T: serde::Serialize>(&self, template: Template, data: &T) -> Result<Vec<u8>, DocumentError> {
        self.typeset(template, data, vec![]).map(|typeset| typeset.pdf)
    }

    fn typeset<T: serde::Serialize>(&self, template: Template, data: &T, attachments: Vec<Attachment>) -> Result<Typeset, DocumentError> {
        let json = serde_json::to_vec(data).map_err(|err| DocumentError::Io(format!("could not encode the document data: {err}")))?;
        let world = DocumentWorld::new(self, template, json, attachments);

        let warned = typst::compile::<PagedDocument>(&world);
        let warnings = world.describe(&warned.warnings);
        let result = warned.output.and_then(|document| {
            let options = PdfOptions {
                // Viewers show Creator as the application the document came
                // from; for the secretariat that is this app, not typst.
                creator: Smart::Custom(Some("Secretariat".into())),
                // No timestamp: the PDF carries no creation date, so the same
                // data always gives the same bytes.
                timestamp: None,
                ..PdfOptions::default()
            };
            typst_pdf::pdf(&document, &options).map(|pdf| (pdf, document))
        });
        typst::comemo::evict(CACHE_MAX_AGE);

        match result {
            Ok((pdf, document)) => Ok(Typeset { pdf, document, warnings }),
            Err(errors) => {
                let mut lines = world.describe(&errors);
                lines.extend(warnings);
                Err(DocumentError::Typeset(lines.join("\n")))
            }
        }
    }
}

impl Default for Documents {
    fn default() -> Self {
        Self::new()
    }
}

impl std::fmt::Debug for Documents {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Documents").finish_non_exhaustive()
    }
}

/// A finished document and the typst warnings raised on the way.
#[derive(Debug)]
struct Typeset {
    pdf: Vec<u8>,
    /// The laid-out pages, for what is read back after export (where the
    /// pack's bookmarks point).
    document: PagedDocument,
    /// Kept for the crate's own tests: a warning (an unknown font, say) means
    /// the template is wrong even though a PDF came out.
    #[cfg_attr(not(test), allow(dead_code))]
    warnings: Vec<String>,
}

/// Severity words for diagnostics, as typst's own CLI prints them.
fn severity_word(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> MembershipReport {
        MembershipReport {
            group_name: "Sample Group".into(),
            date: "Fri 27 Nov 2026".into(),
            generated: "Generated by Secretariat on Fri 27 Nov 2026".into(),
            seats: vec![SeatLine {
                seat: "Stakeholder seat 1".into(),
                kind: "Stakeholder".into(),
                holder: None,
                organisation: None,
                sme: false,
                term_start: None,
                term_end: None,
            }],
            people: vec![],
            composition: vec![],
            mix: vec![],
            sectors: vec![],
            findings: vec![],
            settings: vec![],
        }
    }

    #[test]
    fn membership_template_typesets_without_warnings() {
        let typeset = Documents::new().typeset(Template::Membership, &sample(), vec![]).expect("the sample report typesets");
        assert!(typeset.warnings.is_empty(), "warnings: {:#?}", typeset.warnings);
        assert!(typeset.pdf.starts_with(b"%PDF-"));
    }

    fn sample_agenda() -> Agenda {
        Agenda {
            group_name: "Sample Group".into(),
            meeting_title: "Meeting 1".into(),
            when: "Tue 8 Dec 2026, 14:00–16:00 (Europe/London)".into(),
            venue: "Room 1".into(),
            online_link: "https://meet.example.org/1".into(),
            publication: "Published Tue 1 Dec 2026 under ToR §20.".into(),
            generated: "Generated by Secretariat on Tue 1 Dec 2026".into(),
            items: vec![AgendaLine {
                number: "1".into(),
                start: "14:00".into(),
                title: "Budget".into(),
                purpose: "For decision".into(),
                presenter: Some("Treasurer".into()),
                minutes: 20,
                private: true,
                papers: vec![PaperLine { key: "p1".into(), title: "Budget paper".into(), supplement: true }],
                notes: vec![],
            }],
        }
    }

    #[test]
    fn agenda_pack_and_sample_paper_templates_typeset_without_warnings() {
        let documents = Documents::new();
        let paper = documents
            .typeset(Template::SamplePaper, &serde_json::json!({ "title": "Budget paper", "author": "Treasurer", "pages": 2 }), vec![])
            .expect("the sample paper typesets");
        let agenda = documents.typeset(Template::Agenda, &sample_agenda(), vec![]).expect("the agenda typesets");
        let agenda_data = sample_agenda();
        let files = [PaperFile { key: "p1".into(), bytes: paper.pdf.clone() }];
        let (data, attachments) = pack::plan(&agenda_data, &files, false).expect("the pack is planned");
        let pack = documents.typeset(Template::Pack, &data, attachments).expect("the pack typesets");
        for (name, typeset) in [("sample paper", paper), ("agenda", agenda), ("pack", pack)] {
            assert!(typeset.warnings.is_empty(), "{name} warnings: {:#?}", typeset.warnings);
        }
    }

    #[test]
    fn election_templates_typeset_without_warnings() {
        let documents = Documents::new();
        let call = CallForNominations {
            group: "Sample Group".into(),
            title: "Election 2027".into(),
            issued_on: "Mon 2 Nov 2026".into(),
            closes_on: "17:00 on Mon 16 Nov 2026".into(),
            seats: "2 supplier seats".into(),
            term: "two years".into(),
            eligibility: vec![RuleLine { paragraph: "ToR §12".into(), text: "A supplier member.".into() }],
            how_to_nominate: vec!["Send the form.".into()],
            constraints: vec![],
            returning_officer: "Returning Officer".into(),
        };
        let list = IssueList {
            group: "Sample Group".into(),
            title: "Election 2027".into(),
            electors: vec![IssueLine { name: "Alex Able".into(), issued: true }],
            printed: 2,
            spoilt: 0,
            issued_count: 1,
        };
        let stage = |number: u32, states: [&str; 2]| ResultStage {
            number,
            action: "First preferences".into(),
            description: "Counted.".into(),
            totals: vec!["3".into(), "1".into()],
            non_transferable: "0".into(),
            states: states.map(String::from).to_vec(),
        };
        let report = ResultReport {
            group: "Sample Group".into(),
            title: "Election 2027".into(),
            method: "Plurality".into(),
            seats: 1,
            quota: None,
            valid_votes: "4".into(),
            candidates: ["Alex Able", "Bea Brown"].map(|name| ResultCandidate { name: name.into(), organisation: Some("Acme".into()), sme: true }).to_vec(),
            // Six stages: landscape, and every kind of mark.
            stages: (1..=6)
                .map(|number| match number {
                    1 => stage(number, ["", ""]),
                    2 => stage(number, ["", "Withdrawn"]),
                    _ => stage(number, ["Elected", "Withdrawn"]),
                })
                .collect(),
            elected: vec!["Alex Able".into()],
            reconciliation: vec![ReconciliationLine { label: "Papers issued".into(), value: "4".into(), ok: true }],
            rejected: vec![RejectedLine { reason: "Unmarked".into(), count: 1 }],
            ties: vec![],
            constraints: vec![],
            declaration: Declaration { returning_officer: "Returning Officer".into(), declared_on: None },
            draft: true,
        };
        let result = elections::ResultData::new(&report).expect("the report is consistent");
        for (name, typeset) in [
            ("call for nominations", documents.typeset(Template::CallForNominations, &call, vec![])),
            ("issue list", documents.typeset(Template::IssueList, &list, vec![])),
            ("election result", documents.typeset(Template::ElectionResult, &result, vec![])),
        ] {
            let typeset = typeset.unwrap_or_else(|err| panic!("the {name} typesets: {err}"));
            assert!(typeset.warnings.is_empty(), "{name} warnings: {:#?}", typeset.warnings);
        }
    }

    #[test]
    fn minutes_attendance_and_action_log_templates_typeset_without_warnings() {
        let documents = Documents::new();
        let action = |status: &str, overdue: bool| ActionLine {
            description: "Circulate the budget.".into(),
            owner: "Treasurer".into(),
            due: "Tue 5 Jan 2027".into(),
            status: status.into(),
            overdue,
            source: "Meeting of Tue 8 Dec 2026, item 1".into(),
        };
        let attendee = AttendeeLine { name: "Alex Able".into(), organisation: Some("Acme".into()), online: true, substitute: "Sam Sub".into() };
        let item = |private_session: Option<&str>| MinutesItem {
            number: "1".into(),
            title: "Budget".into(),
            private_session: private_session.map(Into::into),
            notes: "First paragraph.\nSecond line.\n\nSecond paragraph.".into(),
            decisions: vec!["Agreed.".into()],
            actions: vec![action("Open", false)],
        };
        let mut minutes = MinutesDoc {
            group: "Sample Group".into(),
            meeting_title: "Meeting 1".into(),
            when: "Tue 8 Dec 2026, 14:00–16:00".into(),
            venue: "Room 1".into(),
            status: MinutesStatus::Draft,
            minute_taker: "Pat Manager".into(),
            present: vec![attendee.clone()],
            apologies: vec!["Bea Brown".into()],
            absent: vec![],
            in_attendance: vec![attendee],
            items: vec![item(None), item(Some("Bea Brown"))],
            declarations: vec![],
            declarations_under: None,
            corrections: vec!["Item 1: “Budget” read “Budgets”.".into()],
            generated: "Generated by Secretariat on Tue 15 Dec 2026".into(),
        };
        let draft = minutes::MinutesData::new(&minutes).expect("valid minutes");
        let draft = documents.typeset(Template::Minutes, &draft, vec![]);
        minutes.status =
            MinutesStatus::Approved { approved_on: "Tue 12 Jan 2027".into(), at_meeting: "Meeting 2".into(), note: "Approved with one correction.".into() };
        let approved = minutes::MinutesData::new(&minutes).expect("valid minutes");
        let approved = documents.typeset(Template::Minutes, &approved, vec![]);
        let attendance = AttendanceReport {
            group: "Sample Group".into(),
            year: 2027,
            threshold: 2,
            meetings: vec![AttendanceMeeting { date: "12 Jan".into(), compulsory: true }, AttendanceMeeting { date: "9 Feb".into(), compulsory: false }],
            rows: vec![AttendanceRow { name: "Alex Able".into(), marks: vec!["A".into(), "X".into()], strikes: 2, decision: None }],
            generated: "Generated by Secretariat on Tue 15 Dec 2026".into(),
        };
        let log = ActionLog {
            group: "Sample Group".into(),
            as_of: "Tue 15 Dec 2026".into(),
            actions: vec![action("Open", true), action("Done Tue 5 Jan 2027", false)],
            generated: "Generated by Secretariat on Tue 15 Dec 2026".into(),
        };
        let log = minutes::ActionLogData::new(&log);
        let register = DecisionsRegister {
            group: "G".into(),
            period: "1 January to 31 December 2026".into(),
            decisions: vec![DecisionLine {
                date: "Tue 8 Dec 2026".into(),
                meeting: "December meeting".into(),
                kind: "General".into(),
                text: "#panic(\"x\") <b>".into(),
                outcome: "Carried".into(),
            }],
            generated: "Generated by Secretariat on Tue 8 Dec 2026".into(),
        };
        let empty_register = DecisionsRegister { decisions: vec![], ..register.clone() };
        for (name, typeset) in [
            ("draft minutes", draft),
            ("approved minutes", approved),
            ("attendance report", documents.typeset(Template::Attendance, &attendance, vec![])),
            ("action log", documents.typeset(Template::ActionLog, &log, vec![])),
            ("decisions register", documents.typeset(Template::DecisionsRegister, &register, vec![])),
            ("empty decisions register", documents.typeset(Template::DecisionsRegister, &empty_register, vec![])),
        ] {
            let typeset = typeset.unwrap_or_else(|err| panic!("the {name} typesets: {err}"));
            assert!(typeset.warnings.is_empty(), "{name} warnings: {:#?}", typeset.warnings);
        }
    }

    #[test]
    fn template_errors_are_reported_with_their_location() {
        // Data that is not an object makes the template's field access fail,
        // which is the quickest way to provoke a genuine typst error.
        let err = Documents::new().typeset(Template::Membership, &"not a report", vec![]).expect_err("a string is not a report");
        let DocumentError::Typeset(message) = err else {
            panic!("expected a typeset error, got {err:?}");
        };
        assert!(message.starts_with("error: "), "{message}");
        assert!(message.contains("/membership.typ:"), "{message}");
    }

    #[test]
    fn documents_can_be_shared_between_threads() {
        fn shareable<T: Send + Sync>() {}
        shareable::<Documents>();
    }

    #[test]
    fn embedded_fonts_all_parse() {
        let documents = Documents::new();
        assert_eq!(documents.fonts.len(), fonts::FILES.len());
        let families: Vec<&str> = documents.fonts.iter().map(|font| font.info().family.as_str()).collect();
        assert!(families.contains(&"Noto Sans"), "{families:?}");
        assert!(families.contains(&"DejaVu Sans"), "{families:?}");
    }
}
