//! Checking a file offered as a paper, before it is stored: is it a PDF that
//! the agenda pack will be able to embed?
//!
//! The check reads the file with `hayro-syntax`, the very library (and
//! version) typst embeds PDF pages with, so "accepted here" means "typst can
//! read it" rather than an opinion of a second PDF parser.

use hayro_syntax::{LoadPdfError, Pdf, PdfData};

/// What checking a paper found out about it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PaperInfo {
    pub pages: usize,
    /// The PDF's own title (Info dictionary, else XMP `dc:title`), to offer
    /// as the paper's title; `None` when it has none worth showing.
    pub title: Option<String>,
}

/// Why a file cannot be a paper. The messages are written for the person who
/// offered the file. Serialisable: the checking child sends it to the app.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, serde::Serialize, serde::Deserialize)]
pub enum PaperError {
    #[error("This file is not a PDF.")]
    NotPdf,
    /// It cannot be opened without a password.
    #[error("This PDF is encrypted; save an unprotected copy and add that.")]
    Encrypted,
    /// Says what could not be read, in a few words.
    #[error("This PDF is damaged and cannot be read ({0}).")]
    Damaged(String),
    #[error("This file is larger than the limit of {}.", describe_size(*max_bytes))]
    TooLarge { max_bytes: usize },
    #[error("This PDF has no pages.")]
    Empty,
    /// Reading it crashed or exhausted the checking process ([`crate::PaperChecker`]).
    #[error("This PDF could not be read: reading it failed. Save it again as a PDF from the program that made it (or print it to PDF) and add that copy.")]
    Unreadable,
}

/// Checks a file offered as a paper before it is stored: a PDF, not
/// encrypted, not damaged, at most `max_bytes`; returns its page count and
/// its own title.
///
/// "Encrypted" means a password is needed to open it. A PDF encrypted only to
/// restrict printing or copying (an owner password, no user password) opens
/// without one, embeds like any other, and is accepted.
pub fn check_paper(bytes: &[u8], max_bytes: usize) -> Result<PaperInfo, PaperError> {
    // Before parsing anything: a file over the limit is refused unread.
    if bytes.len() > max_bytes {
        return Err(PaperError::TooLarge { max_bytes });
    }
    let pages = inspect(bytes)?;
    Ok(PaperInfo { pages: pages.len(), title: crate::navigation::title(bytes) })
}

/// Reads a paper and returns each page's size as typst will place it
/// (`[width, height]` in points, rotation applied).
pub(crate) fn inspect(bytes: &[u8]) -> Result<Vec<[f32; 2]>, PaperError> {
    // The header may follow some junk; typst (and Acrobat) look for it near
    // the start, not only at byte 0.
    let head = &bytes[..bytes.len().min(HEADER_WINDOW)];
    if !contains(head, b"%PDF-") {
        return Err(PaperError::NotPdf);
    }
    // hayro repairs a file whose end is missing by scanning for objects, and
    // may then find some pages and not others. A PDF always ends with
    // `%%EOF`; without one the file was cut short (typically an upload or a
    // copy that did not finish), so it is refused rather than half-shown.
    let tail = &bytes[bytes.len().saturating_sub(TRAILER_WINDOW)..];
    if !contains(tail, b"%%EOF") {
        return Err(PaperError::Damaged("the file is incomplete".into()));
    }

    let data = PdfData::from(bytes.to_vec());
    let pdf = Pdf::new(data).map_err(|err| match err {
        LoadPdfError::Decryption(_) => PaperError::Encrypted,
        LoadPdfError::Invalid => PaperError::Damaged("its structure could not be read".into()),
    })?;

    let pages = pdf.pages();
    if pages.is_empty() {
        return Err(PaperError::Empty);
    }
    pages
        .iter()
        .enumerate()
        .map(|(index, page)| {
            // A page that names contents hayro cannot decode would come out
            // blank in the pack.
            if page.raw().contains_key(b"Contents") && page.page_stream().is_none() {
                return Err(PaperError::Damaged(format!("page {} could not be read", index + 1)));
            }
            let (width, height) = page.render_dimensions();
            Ok([width, height])
        })
        .collect()
}

/// How far into the file the `%PDF-` header may be; typst's own test.
const HEADER_WINDOW: usize = 2048;

/// How close to the end `%%EOF` must be; Acrobat's rule.
const TRAILER_WINDOW: usize = 1024;

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|window| window == needle)
}

/// "20 MB", "1.5 MB", "300 KB": sizes as the settings state them (a
/// megabyte there is 1024 × 1024 bytes).
fn describe_size(bytes: usize) -> String {
    const KB: usize = 1024;
    const MB: usize = 1024 * 1024;
    if bytes >= MB {
        if bytes.is_multiple_of(MB) { format!("{} MB", bytes / MB) } else { format!("{:.1} MB", bytes as f64 / MB as f64) }
    } else if bytes >= KB {
        format!("{} KB", bytes / KB)
    } else {
        format!("{bytes} bytes")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_are_described_in_the_units_people_set_them_in() {
        assert_eq!(describe_size(20 * 1024 * 1024), "20 MB");
        assert_eq!(describe_size(1024 * 1024 + 512 * 1024), "1.5 MB");
        assert_eq!(describe_size(300 * 1024), "300 KB");
        assert_eq!(describe_size(10), "10 bytes");
    }

    #[test]
    fn the_too_large_message_names_the_limit() {
        let err = PaperError::TooLarge { max_bytes: 20 * 1024 * 1024 };
        assert_eq!(err.to_string(), "This file is larger than the limit of 20 MB.");
    }

    #[test]
    fn an_empty_file_is_not_a_pdf() {
        assert_eq!(check_paper(b"", 100), Err(PaperError::NotPdf));
    }
}
