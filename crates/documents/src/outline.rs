//! The agenda pack's PDF outline (bookmarks), added to typst's finished PDF.
//!
//! typst builds bookmarks from headings, in page order, nesting by heading
//! level. The pack's outline is the agenda: each item, and under it the
//! item's papers. But an item's place is its row on the agenda pages while
//! its papers are at the back, after the rows of every later item, so no
//! arrangement of headings in page order nests them that way. The pack is
//! therefore exported without bookmarks and this module appends the outline
//! as an incremental update (ISO 32000-1 §7.5.6), the format's own way of
//! adding objects to a finished file: typst's bytes are kept exactly as they
//! are, followed by the outline's objects, a new catalog that points to them,
//! a cross-reference section for those objects and a trailer linking back to
//! typst's. The result is deterministic, like everything else here.

use std::fmt::Write as _;
use std::sync::Arc;

use hayro_syntax::object::Dict;
use hayro_syntax::{Pdf, PdfData};

/// One entry of the outline.
#[derive(Debug, Clone)]
pub(crate) struct Bookmark {
    pub(crate) title: String,
    pub(crate) target: Target,
    pub(crate) children: Vec<Bookmark>,
}

/// Where a bookmark leads.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Target {
    /// Zero-based page index.
    pub(crate) page: usize,
    /// Distance from the top edge of the page, in points.
    pub(crate) top: f64,
}

/// Why the outline could not be added. Always a mismatch between this module
/// and the PDF typst wrote (say, after a typst upgrade), never the data.
#[derive(Debug, thiserror::Error)]
pub(crate) enum OutlineError {
    #[error("the PDF could not be read back")]
    Unreadable,
    #[error("the PDF has no classic cross-reference trailer")]
    NoTrailer,
    #[error("the PDF's catalog could not be read")]
    Catalog,
    #[error("the PDF already has an outline")]
    AlreadyOutlined,
    #[error("a page of the PDF is not an indirect object")]
    PageReference,
    #[error("a bookmark points to page {0}, which does not exist")]
    NoSuchPage(usize),
}

/// Appends `bookmarks` as the outline of `pdf`, a PDF written by typst.
/// `page_heights` are the pages' heights in points, to turn a distance from
/// the top of a page into PDF's coordinates, which count from the bottom.
pub(crate) fn append(pdf: Vec<u8>, bookmarks: &[Bookmark], page_heights: &[f64]) -> Result<Vec<u8>, OutlineError> {
    if bookmarks.is_empty() {
        return Ok(pdf);
    }
    let trailer = Trailer::find(&pdf)?;

    // Read what the update must refer to: the catalog (rewritten with an
    // /Outlines entry) and each page's object number (for destinations).
    let shared = Arc::new(pdf);
    let (catalog, pages) = {
        let data = PdfData::from(shared.clone());
        let parsed = Pdf::new(data).map_err(|_| OutlineError::Unreadable)?;
        let root = parsed.xref().root_id();
        let catalog: Dict<'_> = parsed.xref().get(root).ok_or(OutlineError::Catalog)?;
        if catalog.contains_key(b"Outlines") {
            return Err(OutlineError::AlreadyOutlined);
        }
        let text = catalog.data();
        let inner = text.strip_prefix(b"<<").and_then(|rest| rest.strip_suffix(b">>")).ok_or(OutlineError::Catalog)?;
        let catalog = Catalog { number: root.obj_number, generation: root.gen_number, inner: inner.to_vec(), has_page_mode: catalog.contains_key(b"PageMode") };
        let pages = parsed
            .pages()
            .iter()
            .map(|page| page.raw().obj_id().map(|id| (id.obj_number, id.gen_number)).ok_or(OutlineError::PageReference))
            .collect::<Result<Vec<_>, _>>()?;
        (catalog, pages)
    };
    let mut pdf = Arc::try_unwrap(shared).unwrap_or_else(|shared| shared.as_ref().clone());

    // Number the new objects after typst's: the outline's root, then every
    // bookmark in reading order (parent before children).
    let root_number = trailer.size;
    let mut flat = Vec::new();
    flatten(bookmarks, None, &mut flat);
    let number_of = |index: usize| root_number + 1 + index as i32;

    let mut offsets: Vec<(i32, i32, usize)> = Vec::new();
    if !pdf.ends_with(b"\n") {
        pdf.push(b'\n');
    }

    let top_level: Vec<usize> = (0..flat.len()).filter(|&i| flat[i].parent.is_none()).collect();
    offsets.push((root_number, 0, pdf.len()));
    let mut object = format!("{root_number} 0 obj\n<</Type/Outlines");
    if let (Some(first), Some(last)) = (top_level.first(), top_level.last()) {
        let _ = write!(object, "/First {} 0 R/Last {} 0 R", number_of(*first), number_of(*last));
    }
    let _ = write!(object, "/Count {}>>\nendobj\n", flat.len());
    pdf.extend_from_slice(object.as_bytes());

    for (index, entry) in flat.iter().enumerate() {
        let (page_number, page_generation) = *pages.get(entry.target.page).ok_or(OutlineError::NoSuchPage(entry.target.page + 1))?;
        let height = page_heights.get(entry.target.page).copied().ok_or(OutlineError::NoSuchPage(entry.target.page + 1))?;
        // As typst does for its own links: land a little above the target so
        // the line it marks is not cut by the window's edge.
        let y = height - (entry.target.top - 10.0).max(0.0);

        let number = number_of(index);
        offsets.push((number, 0, pdf.len()));
        let mut object = format!("{number} 0 obj\n<</Title ");
        text_string(&entry.title, &mut object);
        let parent = entry.parent.map_or(root_number, number_of);
        let _ = write!(object, "/Parent {parent} 0 R");
        if let Some(previous) = entry.previous {
            let _ = write!(object, "/Prev {} 0 R", number_of(previous));
        }
        if let Some(next) = entry.next {
            let _ = write!(object, "/Next {} 0 R", number_of(next));
        }
        if let (Some(first), Some(last)) = (entry.first_child, entry.last_child) {
            // A positive count: the entry opens showing its children.
            let _ = write!(object, "/First {} 0 R/Last {} 0 R/Count {}", number_of(first), number_of(last), entry.descendants);
        }
        let _ = write!(object, "/Dest[{page_number} {page_generation} R/XYZ null {y:.2} null]>>\nendobj\n");
        pdf.extend_from_slice(object.as_bytes());
    }

    // The catalog again, under its own number: an update replaces an object
    // by writing it anew. /PageMode opens the bookmarks panel, which is how a
    // long pack is meant to be read on screen.
    offsets.push((catalog.number, catalog.generation, pdf.len()));
    pdf.extend_from_slice(format!("{} {} obj\n<<", catalog.number, catalog.generation).as_bytes());
    pdf.extend_from_slice(&catalog.inner);
    let mut tail = format!("/Outlines {root_number} 0 R");
    if !catalog.has_page_mode {
        tail.push_str("/PageMode/UseOutlines");
    }
    tail.push_str(">>\nendobj\n");
    pdf.extend_from_slice(tail.as_bytes());

    // The cross-reference section: one subsection per run of consecutive
    // object numbers, each entry exactly 20 bytes.
    offsets.sort_by_key(|&(number, _, _)| number);
    let xref_at = pdf.len();
    let mut section = String::from("xref\n");
    let mut start = 0;
    while start < offsets.len() {
        let mut end = start + 1;
        while end < offsets.len() && offsets[end].0 == offsets[end - 1].0 + 1 {
            end += 1;
        }
        let _ = writeln!(section, "{} {}", offsets[start].0, end - start);
        for &(_, generation, offset) in &offsets[start..end] {
            // The space before the newline is part of the entry: its
            // end-of-line marker is two bytes, " \n".
            let _ = writeln!(section, "{offset:010} {generation:05} n ");
        }
        start = end;
    }
    let size = root_number + 1 + flat.len() as i32;
    let _ = write!(section, "trailer\n<<{}/Size {size}/Prev {}>>\nstartxref\n{xref_at}\n%%EOF\n", trailer.carried, trailer.xref_at);
    pdf.extend_from_slice(section.as_bytes());
    Ok(pdf)
}

/// typst's catalog, to be written again with an /Outlines entry.
struct Catalog {
    number: i32,
    generation: i32,
    /// The dictionary's entries, without `<<` and `>>`.
    inner: Vec<u8>,
    has_page_mode: bool,
}

/// The parts of typst's trailer the update needs.
struct Trailer {
    /// /Size: the first object number free for new objects.
    size: i32,
    /// Where typst's cross-reference table starts: the update's /Prev.
    xref_at: usize,
    /// typst's trailer entries other than /Size (/Root, /Info, /ID), which
    /// the update's trailer must repeat.
    carried: String,
}

impl Trailer {
    fn find(pdf: &[u8]) -> Result<Self, OutlineError> {
        let startxref = rfind(pdf, b"startxref").ok_or(OutlineError::NoTrailer)?;
        let xref_at = std::str::from_utf8(&pdf[startxref + b"startxref".len()..])
            .ok()
            .and_then(|rest| rest.split_whitespace().next())
            .and_then(|number| number.parse().ok())
            .ok_or(OutlineError::NoTrailer)?;
        let trailer = rfind(&pdf[..startxref], b"trailer").ok_or(OutlineError::NoTrailer)?;
        let dictionary = std::str::from_utf8(&pdf[trailer + b"trailer".len()..startxref]).map_err(|_| OutlineError::NoTrailer)?.trim();
        let inner = dictionary.strip_prefix("<<").and_then(|rest| rest.strip_suffix(">>")).ok_or(OutlineError::NoTrailer)?;

        // Cut "/Size n" out of the entries; everything else is carried over.
        let at = inner.find("/Size").ok_or(OutlineError::NoTrailer)?;
        let after = &inner[at + "/Size".len()..];
        let digits_from = after.len() - after.trim_start().len();
        let digits = after[digits_from..].find(|c: char| !c.is_ascii_digit()).unwrap_or(after.len() - digits_from);
        let size = after[digits_from..digits_from + digits].parse().map_err(|_| OutlineError::NoTrailer)?;
        let carried = format!("{}{}", &inner[..at], &after[digits_from + digits..]);
        if carried.contains("/Prev") || carried.contains("/XRefStm") {
            // Already an updated or hybrid file: not what typst writes, and
            // chaining onto it is not worth the code.
            return Err(OutlineError::NoTrailer);
        }
        Ok(Self { size, xref_at, carried })
    }
}

fn rfind(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|window| window == needle)
}

/// A bookmark with its links to the others, by index into the flat list.
struct Flat {
    target: Target,
    title: String,
    parent: Option<usize>,
    previous: Option<usize>,
    next: Option<usize>,
    first_child: Option<usize>,
    last_child: Option<usize>,
    /// Open entries all the way down: every descendant is visible.
    descendants: usize,
}

/// Lists the bookmarks parent first, linking siblings and children; returns
/// the indices of `bookmarks` in the list.
fn flatten(bookmarks: &[Bookmark], parent: Option<usize>, flat: &mut Vec<Flat>) -> Vec<usize> {
    let mut siblings = Vec::with_capacity(bookmarks.len());
    for bookmark in bookmarks {
        let index = flat.len();
        flat.push(Flat {
            target: bookmark.target,
            title: bookmark.title.clone(),
            parent,
            previous: siblings.last().copied(),
            next: None,
            first_child: None,
            last_child: None,
            descendants: 0,
        });
        if let Some(&previous) = siblings.last() {
            flat[previous].next = Some(index);
        }
        siblings.push(index);

        let children = flatten(&bookmark.children, Some(index), flat);
        flat[index].first_child = children.first().copied();
        flat[index].last_child = children.last().copied();
        flat[index].descendants = flat.len() - index - 1;
    }
    siblings
}

/// Writes `text` as a PDF text string: UTF-16BE with a byte order mark, in
/// hex. Any title, whatever characters it holds (brackets, backslashes,
/// "Zoë", an emoji), is then written literally and cannot end the string.
fn text_string(text: &str, out: &mut String) {
    out.push_str("<FEFF");
    for unit in text.encode_utf16() {
        let _ = write!(out, "{unit:04X}");
    }
    out.push('>');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_are_written_as_utf16_hex_strings() {
        let mut out = String::new();
        text_string("Zoë (1)", &mut out);
        assert_eq!(out, "<FEFF005A006F00EB0020002800310029>");
    }

    #[test]
    fn flattening_links_siblings_and_counts_descendants() {
        let at = Target { page: 0, top: 0.0 };
        let leaf = |title: &str| Bookmark { title: title.into(), target: at, children: vec![] };
        let tree = vec![Bookmark { title: "1".into(), target: at, children: vec![leaf("1a"), leaf("1b")] }, leaf("2")];
        let mut flat = Vec::new();
        let top = flatten(&tree, None, &mut flat);
        assert_eq!(top, vec![0, 3]);
        let titles: Vec<&str> = flat.iter().map(|entry| entry.title.as_str()).collect();
        assert_eq!(titles, ["1", "1a", "1b", "2"]);
        assert_eq!(flat[0].descendants, 2);
        assert_eq!((flat[0].first_child, flat[0].last_child), (Some(1), Some(2)));
        assert_eq!((flat[1].next, flat[2].previous), (Some(2), Some(1)));
        assert_eq!((flat[0].next, flat[3].previous), (Some(3), Some(0)));
        assert_eq!(flat[1].parent, Some(0));
        assert_eq!(flat[3].descendants, 0);
    }
}
