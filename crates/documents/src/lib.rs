//! Secretariat's printed documents.
//!
//! This crate owns everything between "here is the data for a document" and
//! "here are the PDF bytes": the document data types, the typst templates and
//! fonts compiled into the binary, the small typst `World` that serves them,
//! the check a paper's PDF passes before it is stored, and the atomic write
//! used to put a finished PDF on disk.
//!
//! The documents: the membership report, a meeting's agenda, and the agenda
//! pack (cover, agenda, contents and every paper in one PDF, ToR §20).
//!
//! Documents are typeset by typst used as a library. Data never becomes
//! template source: it is serialised to JSON and served as the virtual file
//! `/data.json`, which the template reads with `json(..)`. A name such as
//! `#panic("x")` is therefore printed, never evaluated.

mod agenda;
mod atomic;
mod error;
mod fonts;
mod outline;
mod pack;
mod paper;
mod report;
mod world;

pub use agenda::{Agenda, AgendaLine, Pack, PaperFile, PaperLine};
pub use atomic::write_atomically;
pub use error::DocumentError;
pub use paper::{PaperError, PaperInfo, check_paper};
pub use report::{
    CompositionLine, FindingLine, MembershipReport, PersonLine, SeatLine, SettingLine,
};

use typst::diag::Severity;
use typst::foundations::Smart;
use typst::syntax::Source;
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt};
use typst_layout::PagedDocument;
use typst_pdf::PdfOptions;

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
        }
    }

    /// Membership list and composition report (PDF bytes).
    pub fn membership_report(&self, report: &MembershipReport) -> Result<Vec<u8>, DocumentError> {
        self.typeset(Template::Membership, report, vec![])
            .map(|typeset| typeset.pdf)
    }

    /// The agenda alone (PDF bytes).
    pub fn agenda(&self, agenda: &Agenda) -> Result<Vec<u8>, DocumentError> {
        self.typeset(Template::Agenda, agenda, vec![])
            .map(|typeset| typeset.pdf)
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
    pub fn agenda_pack(
        &self,
        agenda: &Agenda,
        papers: &[PaperFile],
    ) -> Result<Pack, DocumentError> {
        let (data, attachments) = pack::plan(agenda, papers)?;
        let typeset = self.typeset(Template::Pack, &data, attachments)?;
        let bookmarks = pack::bookmarks(&data, &typeset.document)?;
        let heights: Vec<f64> = typeset
            .document
            .pages()
            .iter()
            .map(|page| page.frame.height().to_pt())
            .collect();
        let bytes = outline::append(typeset.pdf, &bookmarks, &heights).map_err(|err| {
            DocumentError::Typeset(format!(
                "error: the pack's outline could not be added: {err}"
            ))
        })?;
        Ok(Pack {
            bytes,
            pages: heights.len(),
        })
    }

    /// A plain stand-in paper for demonstration data and tests: `pages`
    /// pages of a few paragraphs, the first headed by the title and
    /// "Author: …", each with the folio "author · n/pages" at its foot.
    pub fn sample_paper(
        &self,
        title: &str,
        author: &str,
        pages: usize,
    ) -> Result<Vec<u8>, DocumentError> {
        if pages == 0 {
            return Err(DocumentError::Io(
                "a sample paper needs at least one page".into(),
            ));
        }
        // `/data.json` for templates/sample-paper.typ.
        let data = serde_json::json!({ "title": title, "author": author, "pages": pages });
        self.typeset(Template::SamplePaper, &data, vec![])
            .map(|typeset| typeset.pdf)
    }

    /// Typesets `template` with `data` as `/data.json` and `attachments` as
    /// further virtual files, and exports a PDF.
    fn typeset<T: serde::Serialize>(
        &self,
        template: Template,
        data: &T,
        attachments: Vec<Attachment>,
    ) -> Result<Typeset, DocumentError> {
        let json = serde_json::to_vec(data).map_err(|err| {
            DocumentError::Io(format!("could not encode the document data: {err}"))
        })?;
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
            Ok((pdf, document)) => Ok(Typeset {
                pdf,
                document,
                warnings,
            }),
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
            findings: vec![],
            settings: vec![],
        }
    }

    #[test]
    fn membership_template_typesets_without_warnings() {
        let typeset = Documents::new()
            .typeset(Template::Membership, &sample(), vec![])
            .expect("the sample report typesets");
        assert!(
            typeset.warnings.is_empty(),
            "warnings: {:#?}",
            typeset.warnings
        );
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
                papers: vec![PaperLine {
                    key: "p1".into(),
                    title: "Budget paper".into(),
                    supplement: true,
                }],
            }],
        }
    }

    #[test]
    fn agenda_pack_and_sample_paper_templates_typeset_without_warnings() {
        let documents = Documents::new();
        let paper = documents
            .typeset(
                Template::SamplePaper,
                &serde_json::json!({ "title": "Budget paper", "author": "Treasurer", "pages": 2 }),
                vec![],
            )
            .expect("the sample paper typesets");
        let agenda = documents
            .typeset(Template::Agenda, &sample_agenda(), vec![])
            .expect("the agenda typesets");
        let agenda_data = sample_agenda();
        let files = [PaperFile {
            key: "p1".into(),
            bytes: paper.pdf.clone(),
        }];
        let (data, attachments) = pack::plan(&agenda_data, &files).expect("the pack is planned");
        let pack = documents
            .typeset(Template::Pack, &data, attachments)
            .expect("the pack typesets");
        for (name, typeset) in [("sample paper", paper), ("agenda", agenda), ("pack", pack)] {
            assert!(
                typeset.warnings.is_empty(),
                "{name} warnings: {:#?}",
                typeset.warnings
            );
        }
    }

    #[test]
    fn template_errors_are_reported_with_their_location() {
        // Data that is not an object makes the template's field access fail,
        // which is the quickest way to provoke a genuine typst error.
        let err = Documents::new()
            .typeset(Template::Membership, &"not a report", vec![])
            .expect_err("a string is not a report");
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
        let families: Vec<&str> = documents
            .fonts
            .iter()
            .map(|font| font.info().family.as_str())
            .collect();
        assert!(families.contains(&"Noto Sans"), "{families:?}");
        assert!(families.contains(&"DejaVu Sans"), "{families:?}");
    }
}
