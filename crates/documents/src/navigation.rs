//! A paper's own navigation — its title, its outline (bookmarks) and its
//! links — read so that the agenda pack can keep them (issue #18).
//!
//! typst embeds a paper's pages as pictures, which carry no annotations and no
//! outline. So the pack puts them back: every place a bookmark or an internal
//! link of the paper leads to becomes an *anchor* (a page of the paper and a
//! point on it, in the page's own top-left coordinates, as typst draws it),
//! which `templates/pack.typ` marks with a label on the embedded page; each
//! link becomes a link of the same size over the same spot, to that label or to
//! the same web address; and the outline is nested under the paper's entry in
//! the pack's outline, pointing at the anchors (`pack::bookmarks`). Targets
//! therefore move with the pages, whatever the pack does to them.
//!
//! Only what a reader of a circulated pack should follow is kept: links within
//! the paper and to `http`, `https` and `mailto` addresses. Links that launch
//! programs, run scripts or open other files are dropped.
//!
//! A paper is untrusted input: the walk is bounded (depth, count, a visited
//! set against cycles), and anything malformed is skipped rather than refused
//! — the paper itself was accepted by [`crate::check_paper`].

use std::collections::{HashMap, HashSet};

use hayro_syntax::object::{Array, Dict, MaybeRef, Name, Object, ObjectIdentifier, Stream};
use hayro_syntax::page::Page;
use hayro_syntax::{Pdf, PdfData};
use serde::Serialize;

/// How deep an outline is followed; real ones rarely pass 6.
const MAX_DEPTH: usize = 24;
/// How many bookmarks, links and name-tree nodes are read at most, each.
const MAX_ENTRIES: usize = 20_000;

/// What a paper offers to find one's way around it.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Navigation {
    pub(crate) outline: Vec<Entry>,
    pub(crate) anchors: Vec<Anchor>,
    pub(crate) links: Vec<Link>,
}

/// One bookmark of the paper's outline.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Entry {
    pub(crate) title: String,
    /// Index into [`Navigation::anchors`]; `None` when the bookmark leads
    /// nowhere this module understands (it then opens the paper's first page).
    pub(crate) anchor: Option<usize>,
    pub(crate) children: Vec<Entry>,
}

/// A point on a page of the paper, in points from its top-left corner as the
/// page is shown (rotation and crop box applied).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub(crate) struct Anchor {
    pub(crate) page: usize,
    pub(crate) x: f32,
    pub(crate) y: f32,
}

/// A link's area on a page (same coordinates as [`Anchor`]) and where it leads.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Link {
    pub(crate) page: usize,
    pub(crate) x: f32,
    pub(crate) y: f32,
    pub(crate) width: f32,
    pub(crate) height: f32,
    pub(crate) to: LinkTo,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum LinkTo {
    Anchor(usize),
    Uri(String),
}

/// The document's own title, from its Info dictionary or else its XMP
/// metadata (`dc:title`); `None` when it has none worth showing.
pub(crate) fn title(bytes: &[u8]) -> Option<String> {
    let pdf = Pdf::new(PdfData::from(bytes.to_vec())).ok()?;
    let info = pdf.metadata().title.as_deref().map(decode_text).and_then(clean_title);
    info.or_else(|| {
        let catalog: Dict<'_> = pdf.xref().get(pdf.xref().root_id())?;
        let stream: Stream<'_> = catalog.get(b"Metadata")?;
        let xml = stream.decoded().ok()?;
        xmp_title(&String::from_utf8_lossy(&xml)).and_then(clean_title)
    })
}

/// A title as people would type it: one line, no surrounding space, at most
/// the 200 characters a paper's title may have; nothing for an empty one or a
/// placeholder such as "untitled".
fn clean_title(title: String) -> Option<String> {
    let one_line: String = title.split_whitespace().collect::<Vec<_>>().join(" ");
    let lower = one_line.to_lowercase();
    if one_line.is_empty() || ["untitled", "no title", "title"].contains(&lower.as_str()) {
        return None;
    }
    Some(one_line.chars().take(200).collect())
}

/// The first `dc:title` entry of an XMP packet. A few lines of scanning rather
/// than an XML parser: the title is the one thing read from it.
fn xmp_title(xml: &str) -> Option<String> {
    let start = xml.find("<dc:title")?;
    let rest = &xml[start..];
    let end = rest.find("</dc:title>")?;
    let block = &rest[..end];
    let li = block.find("<rdf:li")?;
    let text_from = li + block[li..].find('>')? + 1;
    let text_to = text_from + block[text_from..].find("</rdf:li>")?;
    let text = &block[text_from..text_to];
    Some(text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'").replace("&#39;", "'").replace("&amp;", "&"))
}

/// Reads a paper's outline and links. A paper with neither gives an empty
/// [`Navigation`]; so does one that cannot be parsed (the pack then simply has
/// nothing to keep).
pub(crate) fn read(bytes: &[u8]) -> Navigation {
    let Ok(pdf) = Pdf::new(PdfData::from(bytes.to_vec())) else {
        return Navigation::default();
    };
    let pages = pdf.pages();
    let mut reader = Reader {
        pages: pages.iter().collect(),
        page_index: pages.iter().enumerate().filter_map(|(index, page)| page.raw().obj_id().map(|id| (key(id), index))).collect(),
        names: None,
        catalog: pdf.xref().get(pdf.xref().root_id()).unwrap_or_default(),
        anchors: Vec::new(),
        anchor_index: HashMap::new(),
        budget: MAX_ENTRIES,
    };

    let mut outline = Vec::new();
    if let Some(root) = reader.catalog.get::<Dict<'_>>(b"Outlines") {
        let mut seen = HashSet::new();
        if let Some(first) = root.get::<Dict<'_>>(b"First") {
            outline = reader.entries(first, 0, &mut seen);
        }
    }

    let mut links = Vec::new();
    for index in 0..reader.pages.len() {
        let page = reader.pages[index];
        let Some(annotations) = page.raw().get::<Array<'_>>(b"Annots") else { continue };
        for annotation in annotations.iter::<Dict<'_>>() {
            if links.len() >= MAX_ENTRIES {
                break;
            }
            if annotation.get::<Name<'_>>(b"Subtype").is_none_or(|subtype| subtype.as_ref() != b"Link") {
                continue;
            }
            let Some(rect) = annotation.get::<[f64; 4]>(b"Rect") else { continue };
            let to = if let Some(uri) = uri_of(&annotation) {
                LinkTo::Uri(uri)
            } else if let Some(anchor) = reader.target_of(&annotation) {
                LinkTo::Anchor(anchor)
            } else {
                continue;
            };
            let Some((x, y, width, height)) = area(page, rect) else { continue };
            links.push(Link { page: index, x, y, width, height, to });
        }
    }
    Navigation { outline, anchors: reader.anchors, links }
}

type Key = (i32, i32);

fn key(id: ObjectIdentifier) -> Key {
    (id.obj_number, id.gen_number)
}

struct Reader<'a> {
    pages: Vec<&'a Page<'a>>,
    page_index: HashMap<Key, usize>,
    catalog: Dict<'a>,
    /// The named destinations, read the first time one is needed.
    names: Option<HashMap<Vec<u8>, Object<'a>>>,
    anchors: Vec<Anchor>,
    anchor_index: HashMap<(usize, u32, u32), usize>,
    /// What is left of [`MAX_ENTRIES`] for bookmarks.
    budget: usize,
}

impl<'a> Reader<'a> {
    /// The outline items from `first` along its /Next chain, with their children.
    fn entries(&mut self, first: Dict<'a>, depth: usize, seen: &mut HashSet<Key>) -> Vec<Entry> {
        let mut entries = Vec::new();
        let mut next = Some(first);
        while let Some(item) = next.take() {
            if self.budget == 0 || depth >= MAX_DEPTH {
                break;
            }
            // Outline items are indirect objects; one seen before is a cycle.
            if let Some(id) = item.obj_id()
                && !seen.insert(key(id))
            {
                break;
            }
            self.budget -= 1;
            let title = item.get::<hayro_syntax::object::String<'_>>(b"Title").map(|title| one_line(&decode_text(title.as_bytes()))).unwrap_or_default();
            let anchor = self.target_of(&item);
            let children = match item.get::<Dict<'_>>(b"First") {
                Some(child) => self.entries(child, depth + 1, seen),
                None => Vec::new(),
            };
            if !title.is_empty() || !children.is_empty() {
                entries.push(Entry { title, anchor, children });
            }
            next = item.get::<Dict<'_>>(b"Next");
        }
        entries
    }

    /// Where a bookmark or link annotation leads within the paper: its /Dest,
    /// or a /GoTo action's /D.
    fn target_of(&mut self, dict: &Dict<'a>) -> Option<usize> {
        let destination = match dict.get::<Object<'a>>(b"Dest") {
            Some(destination) => destination,
            None => {
                let action = dict.get::<Dict<'a>>(b"A")?;
                if action.get::<Name<'_>>(b"S")?.as_ref() != b"GoTo" {
                    return None;
                }
                action.get::<Object<'a>>(b"D")?
            }
        };
        self.destination(destination, 0)
    }

    /// An explicit destination (`[page /XYZ left top zoom]` and the other fit
    /// types), or a name or string naming one.
    fn destination(&mut self, destination: Object<'a>, depth: usize) -> Option<usize> {
        if depth > 2 {
            return None;
        }
        match destination {
            Object::Array(array) => self.explicit(&array),
            Object::Name(name) => {
                let found = self.named(name.as_ref())?;
                self.destination(found, depth + 1)
            }
            Object::String(name) => {
                let found = self.named(name.as_bytes())?;
                self.destination(found, depth + 1)
            }
            // A named destination's value may be a dictionary holding it in /D.
            Object::Dict(dict) => self.destination(dict.get::<Object<'a>>(b"D")?, depth + 1),
            _ => None,
        }
    }

    fn explicit(&mut self, array: &Array<'a>) -> Option<usize> {
        let mut items = array.raw_iter();
        let page = match items.next()? {
            MaybeRef::Ref(reference) => *self.page_index.get(&key(reference.into()))?,
            // A page number is how a destination in *another* file names a
            // page; a few writers use it in their own file too.
            MaybeRef::NotRef(Object::Number(number)) => usize::try_from(number.as_i64()).ok().filter(|&page| page < self.pages.len())?,
            MaybeRef::NotRef(_) => return None,
        };
        let kind = match items.next() {
            Some(MaybeRef::NotRef(Object::Name(name))) => name.as_ref().to_vec(),
            _ => b"Fit".to_vec(),
        };
        let numbers: Vec<Option<f64>> = items
            .map(|item| match item {
                MaybeRef::NotRef(Object::Number(number)) => Some(number.as_f64()),
                _ => None,
            })
            .collect();
        let number = |index: usize| numbers.get(index).copied().flatten();
        let crop = self.pages[page].intersected_crop_box();
        let (left, top) = match kind.as_slice() {
            b"XYZ" => (number(0), number(1)),
            b"FitH" | b"FitBH" => (None, number(0)),
            b"FitV" | b"FitBV" => (number(0), None),
            // [page /FitR left bottom right top]
            b"FitR" => (number(0), number(3)),
            _ => (None, None),
        };
        let point = (left.unwrap_or(crop.x0), top.unwrap_or(crop.y1));
        let (x, y) = shown(self.pages[page], point);
        Some(self.anchor(Anchor { page, x, y }))
    }

    fn anchor(&mut self, anchor: Anchor) -> usize {
        // Rounded to a tenth of a point: two links to "the same place" written
        // with slightly different numbers share one label.
        let key = (anchor.page, (anchor.x * 10.0).round() as u32, (anchor.y * 10.0).round() as u32);
        *self.anchor_index.entry(key).or_insert_with(|| {
            self.anchors.push(anchor);
            self.anchors.len() - 1
        })
    }

    /// A named destination: the catalog's /Names /Dests name tree (PDF 1.2
    /// on) or its /Dests dictionary (PDF 1.1).
    fn named(&mut self, name: &[u8]) -> Option<Object<'a>> {
        if self.names.is_none() {
            let mut names = HashMap::new();
            if let Some(tree) = self.catalog.get::<Dict<'a>>(b"Names").and_then(|names| names.get::<Dict<'a>>(b"Dests")) {
                let mut budget = MAX_ENTRIES;
                name_tree(tree, 0, &mut budget, &mut names);
            }
            if let Some(dests) = self.catalog.get::<Dict<'a>>(b"Dests") {
                for key in dests.keys().take(MAX_ENTRIES) {
                    if let Some(value) = dests.get::<Object<'a>>(key.as_ref()) {
                        names.entry(key.as_ref().to_vec()).or_insert(value);
                    }
                }
            }
            self.names = Some(names);
        }
        self.names.as_ref()?.get(name).cloned()
    }
}

/// Reads a name tree's leaves (`/Names [key value …]`) under `node`.
fn name_tree<'a>(node: Dict<'a>, depth: usize, budget: &mut usize, out: &mut HashMap<Vec<u8>, Object<'a>>) {
    if depth > MAX_DEPTH || *budget == 0 {
        return;
    }
    *budget -= 1;
    if let Some(pairs) = node.get::<Array<'a>>(b"Names") {
        let mut items = pairs.flex_iter();
        while let Some(name) = items.next::<hayro_syntax::object::String<'a>>() {
            let Some(value) = items.next::<Object<'a>>() else { break };
            out.entry(name.as_bytes().to_vec()).or_insert(value);
        }
    }
    if let Some(kids) = node.get::<Array<'a>>(b"Kids") {
        for kid in kids.iter::<Dict<'a>>() {
            name_tree(kid, depth + 1, budget, out);
        }
    }
}

/// A link annotation's web or mail address, if that is where it leads.
fn uri_of(annotation: &Dict<'_>) -> Option<String> {
    let action = annotation.get::<Dict<'_>>(b"A")?;
    if action.get::<Name<'_>>(b"S")?.as_ref() != b"URI" {
        return None;
    }
    let uri = action.get::<hayro_syntax::object::String<'_>>(b"URI")?;
    let uri = std::str::from_utf8(uri.as_bytes()).ok()?.trim();
    let scheme = uri.split_once(':')?.0.to_ascii_lowercase();
    (["http", "https", "mailto"].contains(&scheme.as_str()) && !uri.chars().any(char::is_control)).then(|| uri.to_owned())
}

/// A point of the page's user space as it is shown: from the top-left
/// corner, rotation and crop box applied, kept on the page.
fn shown(page: &Page<'_>, (x, y): (f64, f64)) -> (f32, f32) {
    let [a, b, c, d, e, f] = page.initial_transform(true).as_coeffs();
    let (width, height) = page.render_dimensions();
    let shown_x = (a * x + c * y + e) as f32;
    let shown_y = (b * x + d * y + f) as f32;
    (shown_x.clamp(0.0, width), shown_y.clamp(0.0, height))
}

/// A link's /Rect as shown: left, top, width and height; `None` for one with
/// no area left on the page.
fn area(page: &Page<'_>, [x0, y0, x1, y1]: [f64; 4]) -> Option<(f32, f32, f32, f32)> {
    let (ax, ay) = shown(page, (x0, y0));
    let (bx, by) = shown(page, (x1, y1));
    let (left, top) = (ax.min(bx), ay.min(by));
    let (width, height) = ((ax - bx).abs(), (ay - by).abs());
    (width >= 0.5 && height >= 0.5).then_some((left, top, width, height))
}

/// A PDF text string as text: UTF-16BE or UTF-8 with their byte order marks,
/// otherwise PDFDocEncoding (Latin-1 but for a few typographic characters).
pub(crate) fn decode_text(bytes: &[u8]) -> String {
    if let Some(utf16) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let units: Vec<u16> = utf16.chunks_exact(2).map(|pair| u16::from_be_bytes([pair[0], pair[1]])).collect();
        return String::from_utf16_lossy(&units);
    }
    if let Some(utf8) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return String::from_utf8_lossy(utf8).into_owned();
    }
    bytes
        .iter()
        .map(|&byte| match byte {
            0x80..=0x9E => PDF_DOC_80[usize::from(byte - 0x80)],
            0xA0 => '€',
            _ => char::from(byte),
        })
        .collect()
}

/// PDFDocEncoding's 0x80–0x9E (ISO 32000-1, Annex D); 0x9F is undefined.
const PDF_DOC_80: [char; 31] =
    ['•', '†', '‡', '…', '—', '–', 'ƒ', '⁄', '‹', '›', '−', '‰', '„', '“', '”', '‘', '’', '‚', '™', 'ﬁ', 'ﬂ', 'Ł', 'Œ', 'Š', 'Ÿ', 'Ž', 'ı', 'ł', 'œ', 'š', 'ž'];

/// A bookmark's title on one line, without control characters.
fn one_line(text: &str) -> String {
    text.split(|c: char| c.is_control() || c.is_whitespace()).filter(|word| !word.is_empty()).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_strings_decode_from_each_encoding() {
        assert_eq!(decode_text(b"\xFE\xFF\x00Z\x00o\x00\xEB"), "Zoë");
        assert_eq!(decode_text(b"\xEF\xBB\xBFZo\xC3\xAB"), "Zoë");
        assert_eq!(decode_text(b"Zo\xEB \x84 \x8Dquoted\x8E"), "Zoë — “quoted”");
    }

    #[test]
    fn the_xmp_title_is_read_from_its_first_language_entry() {
        let xml = r#"<x:xmpmeta><rdf:RDF><rdf:Description><dc:title><rdf:Alt><rdf:li xml:lang="x-default">Budget &amp; plan</rdf:li></rdf:Alt></dc:title></rdf:Description></rdf:RDF></x:xmpmeta>"#;
        assert_eq!(xmp_title(xml).as_deref(), Some("Budget & plan"));
        assert_eq!(xmp_title("<dc:creator/>"), None);
    }

    #[test]
    fn placeholder_and_empty_titles_are_no_titles() {
        assert_eq!(clean_title("  Untitled ".into()), None);
        assert_eq!(clean_title(" \n".into()), None);
        assert_eq!(clean_title("Annual\n report ".into()).as_deref(), Some("Annual report"));
    }
}
