//! The fonts compiled into the binary.
//!
//! Documents never look at system fonts: a PDF must come out the same on every
//! machine. Noto Sans is the text face; DejaVu Sans is there for the symbols
//! Noto Sans lacks (☐ ✓ and friends). Licences: `fonts/OFL.txt` (Noto Sans)
//! and `fonts/DejaVu-LICENSE.txt` (DejaVu Sans).
//!
//! One font setup for both ways a document is made: typst is served these
//! files by [`embedded`], and the ballot papers (drawn with printpdf) read
//! the very same bytes through [`file`].

use typst::foundations::Bytes;
use typst::text::Font;

/// An embedded font file, by name: `(name, bytes)`.
macro_rules! font_file {
    ($name:literal) => {
        ($name, include_bytes!(concat!("../fonts/", $name)) as &[u8])
    };
}

/// Every embedded font file, main face first. A `static`, so each file is in
/// the binary once however many places read it.
pub(crate) static FILES: [(&str, &[u8]); 5] = [
    font_file!("NotoSans-Regular.ttf"),
    font_file!("NotoSans-Bold.ttf"),
    font_file!("NotoSans-Italic.ttf"),
    font_file!("NotoSans-BoldItalic.ttf"),
    font_file!("DejaVuSans.ttf"),
];

/// The bytes of the embedded font file `name` (e.g. `"NotoSans-Bold.ttf"`).
///
/// # Panics
/// If there is no such file: the names are fixed in the code, so that is a
/// build mistake, caught by this crate's tests.
pub(crate) fn file(name: &str) -> &'static [u8] {
    FILES.iter().find(|(known, _)| *known == name).map(|&(_, bytes)| bytes).unwrap_or_else(|| panic!("no embedded font file is called {name}"))
}

/// Parses the embedded fonts.
///
/// # Panics
/// If a font file does not parse. They are fixed bytes in the binary, so that
/// is a build mistake, caught by this crate's tests.
pub(crate) fn embedded() -> Vec<Font> {
    FILES
        .iter()
        .map(|&(name, data)| {
            // `Bytes::new` over a `&'static [u8]` borrows the binary's copy
            // instead of duplicating megabytes of font data on the heap.
            let mut faces = Font::iter(Bytes::new(data));
            let face = faces.next().unwrap_or_else(|| panic!("embedded font {name} does not parse"));
            debug_assert!(faces.next().is_none(), "{name} is a collection; only its first face is used");
            face
        })
        .collect()
}
