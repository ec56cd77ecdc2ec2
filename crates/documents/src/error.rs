//! The crate's error types: [`DocumentError`] for producing a document, and
//! (in `paper.rs`) [`crate::PaperError`] for a file offered as a paper.

use crate::paper::PaperError;

/// Why a document could not be produced.
#[derive(Debug, thiserror::Error)]
pub enum DocumentError {
    /// typst reported errors; one diagnostic per line, with file, line and
    /// column where typst knows them. Always a bug in a template or in the
    /// data handed to it, never something a user can fix.
    #[error("the document could not be typeset:\n{0}")]
    Typeset(String),
    /// The data cannot make this document (ballot papers without candidates,
    /// say); the message says what is wrong in words a person can act on.
    #[error("{0}")]
    Invalid(String),
    /// The document's data could not be prepared, or the PDF not written.
    #[error("{0}")]
    Io(String),
    /// The agenda names a paper whose file was not among those given.
    #[error("The paper “{title}” has no file to put in the agenda pack.")]
    MissingPaper { key: String, title: String },
    /// A paper's file cannot go into the agenda pack.
    #[error("The paper “{title}” cannot go into the agenda pack. {error}")]
    Paper { key: String, title: String, error: PaperError },
}

impl From<std::io::Error> for DocumentError {
    fn from(err: std::io::Error) -> Self {
        Self::Io(err.to_string())
    }
}
