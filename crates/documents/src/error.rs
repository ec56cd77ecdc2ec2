//! The crate's one error type.

/// Why a document could not be produced.
#[derive(Debug, thiserror::Error)]
pub enum DocumentError {
    /// typst reported errors; one diagnostic per line, with file, line and
    /// column where typst knows them. Always a bug in a template or in the
    /// data handed to it, never something a user can fix.
    #[error("the document could not be typeset:\n{0}")]
    Typeset(String),
    /// The document's data could not be prepared, or the PDF not written.
    #[error("{0}")]
    Io(String),
}

impl From<std::io::Error> for DocumentError {
    fn from(err: std::io::Error) -> Self {
        Self::Io(err.to_string())
    }
}
