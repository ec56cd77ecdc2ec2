//! The fonts compiled into the binary.
//!
//! Documents never look at system fonts: a PDF must come out the same on every
//! machine. Noto Sans is the text face; DejaVu Sans is there for the symbols
//! Noto Sans lacks (☐ ✓ and friends). Licences: `fonts/OFL.txt` (Noto Sans)
//! and `fonts/DejaVu-LICENSE.txt` (DejaVu Sans).

use typst::foundations::Bytes;
use typst::text::Font;

/// Every embedded font file, by name, main face first.
pub(crate) const FILES: [(&str, &[u8]); 5] = [
    ("NotoSans-Regular.ttf", include_bytes!("../fonts/NotoSans-Regular.ttf")),
    ("NotoSans-Bold.ttf", include_bytes!("../fonts/NotoSans-Bold.ttf")),
    ("NotoSans-Italic.ttf", include_bytes!("../fonts/NotoSans-Italic.ttf")),
    ("NotoSans-BoldItalic.ttf", include_bytes!("../fonts/NotoSans-BoldItalic.ttf")),
    ("DejaVuSans.ttf", include_bytes!("../fonts/DejaVuSans.ttf")),
];

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
