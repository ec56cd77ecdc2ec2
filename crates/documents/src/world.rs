//! The typst `World` documents are compiled in: embedded templates and fonts,
//! one virtual data file, the virtual files a document embeds (an agenda
//! pack's papers), and nothing else.
//!
//! No file system, no network, no packages and no clock. That is what makes a
//! document depend only on its data, and the same data give the same bytes.

use typst::diag::{FileError, FileResult, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, World, WorldExt};

use crate::{Documents, severity_word};

/// Where templates find their data: `json("/data.json")`.
const DATA_PATH: &str = "/data.json";

/// Every template file, by virtual path. A document starts from one of them
/// (see [`Template`]); `/style.typ` holds the house style they all import.
const TEMPLATES: [(&str, &str); 18] = [
    ("/style.typ", include_str!("../templates/style.typ")),
    ("/membership.typ", include_str!("../templates/membership.typ")),
    ("/agenda-parts.typ", include_str!("../templates/agenda-parts.typ")),
    ("/agenda.typ", include_str!("../templates/agenda.typ")),
    ("/pack.typ", include_str!("../templates/pack.typ")),
    ("/sample-paper.typ", include_str!("../templates/sample-paper.typ")),
    ("/call-for-nominations.typ", include_str!("../templates/call-for-nominations.typ")),
    ("/issue-list.typ", include_str!("../templates/issue-list.typ")),
    ("/election-result.typ", include_str!("../templates/election-result.typ")),
    ("/minutes.typ", include_str!("../templates/minutes.typ")),
    ("/attendance.typ", include_str!("../templates/attendance.typ")),
    ("/action-log.typ", include_str!("../templates/action-log.typ")),
    ("/decisions-register.typ", include_str!("../templates/decisions-register.typ")),
    ("/subgroup-roster.typ", include_str!("../templates/subgroup-roster.typ")),
    ("/recovery-sheet.typ", include_str!("../templates/recovery-sheet.typ")),
    ("/subject-access.typ", include_str!("../templates/subject-access.typ")),
    ("/digest.typ", include_str!("../templates/digest.typ")),
    ("/terms-of-reference.typ", include_str!("../templates/terms-of-reference.typ")),
];

/// The documents this crate can typeset, one main template file each.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Template {
    Membership,
    Agenda,
    Pack,
    SamplePaper,
    CallForNominations,
    IssueList,
    ElectionResult,
    Minutes,
    Attendance,
    ActionLog,
    DecisionsRegister,
    SubgroupRoster,
    RecoverySheet,
    SubjectAccess,
    Digest,
    TermsOfReference,
}

impl Template {
    fn path(self) -> &'static str {
        match self {
            Self::Membership => "/membership.typ",
            Self::Agenda => "/agenda.typ",
            Self::Pack => "/pack.typ",
            Self::SamplePaper => "/sample-paper.typ",
            Self::CallForNominations => "/call-for-nominations.typ",
            Self::IssueList => "/issue-list.typ",
            Self::ElectionResult => "/election-result.typ",
            Self::Minutes => "/minutes.typ",
            Self::Attendance => "/attendance.typ",
            Self::ActionLog => "/action-log.typ",
            Self::DecisionsRegister => "/decisions-register.typ",
            Self::SubgroupRoster => "/subgroup-roster.typ",
            Self::RecoverySheet => "/recovery-sheet.typ",
            Self::SubjectAccess => "/subject-access.typ",
            Self::Digest => "/digest.typ",
            Self::TermsOfReference => "/terms-of-reference.typ",
        }
    }
}

/// A file a document embeds, served at a virtual path (`/papers/0.pdf`).
pub(crate) struct Attachment {
    pub(crate) path: String,
    pub(crate) bytes: Bytes,
}

/// Parses every template, once, for [`Documents::new`].
pub(crate) fn parse_templates() -> Vec<Source> {
    TEMPLATES.iter().map(|&(path, text)| Source::new(file_id(path), text.to_owned())).collect()
}

/// One compilation: the shared typesetter, the template to start from, the
/// data it reads and the files it embeds.
pub(crate) struct DocumentWorld<'a> {
    documents: &'a Documents,
    main: FileId,
    data_id: FileId,
    data: Bytes,
    attachments: Vec<(FileId, Bytes)>,
}

impl<'a> DocumentWorld<'a> {
    pub(crate) fn new(documents: &'a Documents, template: Template, json: Vec<u8>, attachments: Vec<Attachment>) -> Self {
        Self {
            documents,
            main: file_id(template.path()),
            data_id: file_id(DATA_PATH),
            data: Bytes::new(json),
            attachments: attachments.into_iter().map(|attachment| (file_id(&attachment.path), attachment.bytes)).collect(),
        }
    }

    /// One line per diagnostic, `error: /membership.typ:12:3: message`,
    /// followed by typst's hints, so a template bug can be found from a log.
    pub(crate) fn describe(&self, diagnostics: &[SourceDiagnostic]) -> Vec<String> {
        diagnostics
            .iter()
            .map(|diagnostic| {
                let mut line = format!("{}: ", severity_word(diagnostic.severity));
                if let Some(place) = self.place(diagnostic) {
                    line.push_str(&place);
                    line.push_str(": ");
                }
                line.push_str(&diagnostic.message);
                for hint in &diagnostic.hints {
                    line.push_str(" (hint: ");
                    line.push_str(&hint.v);
                    line.push(')');
                }
                line
            })
            .collect()
    }

    /// `path:line:column` (one-based) of a diagnostic, if it points into a file.
    fn place(&self, diagnostic: &SourceDiagnostic) -> Option<String> {
        let id = diagnostic.span.id()?;
        let path = id.vpath().get_with_slash().to_owned();
        let position = self.range(diagnostic.span).and_then(|range| {
            let source = self.source(id).ok()?;
            source.lines().byte_to_line_column(range.start)
        });
        Some(match position {
            Some((line, column)) => format!("{path}:{}:{}", line + 1, column + 1),
            None => path,
        })
    }

    fn template(&self, id: FileId) -> Option<&Source> {
        self.documents.templates.iter().find(|source| source.id() == id)
    }
}

impl World for DocumentWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        &self.documents.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.documents.book
    }

    fn main(&self) -> FileId {
        self.main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        match self.template(id) {
            // A clone shares the parsed tree; nothing is parsed again.
            Some(source) => Ok(source.clone()),
            None if id == self.data_id || self.attachments.iter().any(|(known, _)| *known == id) => Err(FileError::NotSource),
            None => Err(not_found(id)),
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.data_id {
            return Ok(self.data.clone());
        }
        if let Some((_, bytes)) = self.attachments.iter().find(|(known, _)| *known == id) {
            return Ok(bytes.clone());
        }
        match self.template(id) {
            Some(source) => Ok(Bytes::from_string(source.text().to_owned())),
            None => Err(not_found(id)),
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.documents.fonts.get(index).cloned()
    }

    /// Always `None`: the date printed on a document comes from its data, and
    /// a template that reaches for `datetime.today()` fails loudly instead of
    /// quietly making output depend on when it was run.
    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        None
    }
}

fn file_id(path: &str) -> FileId {
    let vpath = VirtualPath::new(path).expect("template and attachment paths are valid virtual paths");
    RootedPath::new(VirtualRoot::Project, vpath).intern()
}

/// Packages (`@preview/...`) and any other file are simply absent: nothing is
/// downloaded or read from disk.
fn not_found(id: FileId) -> FileError {
    FileError::NotFound(id.vpath().get_without_slash().into())
}
