//! Putting an agenda pack together around the typesetting: each paper's file
//! found, checked and measured before typst sees it, and the bookmarks
//! gathered from the laid-out pack afterwards.
//!
//! The layout itself (cover, agenda, contents, papers page by page, the
//! "Page n of N" stamp) is `templates/pack.typ`'s; the outline is written by
//! [`crate::outline`].

use std::collections::HashMap;

use serde::Serialize;
use typst::foundations::{Bytes, Label};
use typst::introspection::Introspector;
use typst::utils::PicoStr;
use typst_layout::PagedDocument;

use crate::agenda::{Agenda, PaperFile};
use crate::error::DocumentError;
use crate::navigation::{self, LinkTo, Navigation};
use crate::outline::{Bookmark, Target};
use crate::paper;
use crate::world::Attachment;

/// `/data.json` for `templates/pack.typ`.
#[derive(Debug, Serialize)]
pub(crate) struct PackData<'a> {
    agenda: &'a Agenda,
    /// Each paper once, in the order the agenda first names it.
    papers: Vec<PackPaper>,
    /// For each item, for each of its papers: that paper's `label`.
    targets: Vec<Vec<String>>,
    /// A year's record rather than an agenda pack: parts for items,
    /// documents for papers, no agenda page.
    record: bool,
}

#[derive(Debug, Serialize)]
struct PackPaper {
    /// The label on the paper's first page: contents entries, the agenda's
    /// page references and the bookmarks all point there.
    label: String,
    title: String,
    supplement: bool,
    /// The number of the (first) item it belongs to, for the stamp.
    item: String,
    /// The virtual file holding its PDF.
    path: String,
    /// Each page's `[width, height]` in points, so the template can choose
    /// portrait or landscape and scale without measuring.
    pages: Vec<[f32; 2]>,
    /// For each page, the paper's own anchors and links on it (its
    /// navigation, [`crate::navigation`]), in the page's points.
    marks: Vec<PageMarks>,
    /// The paper's outline, nested under its entry in the pack's outline.
    #[serde(skip)]
    outline: Vec<navigation::Entry>,
}

#[derive(Debug, Default, Serialize)]
struct PageMarks {
    anchors: Vec<AnchorMark>,
    links: Vec<LinkMark>,
}

#[derive(Debug, Serialize)]
struct AnchorMark {
    label: String,
    x: f32,
    y: f32,
}

/// A link over the embedded page: to `label` (a place in one of the pack's
/// papers) or to `uri`, exactly one of them set.
#[derive(Debug, Serialize)]
struct LinkMark {
    x: f32,
    y: f32,
    width: f32,
    height: f32,
    label: Option<String>,
    uri: Option<String>,
}

/// Matches the agenda's papers to their files, checks and measures each, and
/// returns the pack's data with the files to serve.
///
/// A paper named under two items goes into the pack once, where it is first
/// named; both items point to it. Files the agenda does not name are left out.
pub(crate) fn plan<'a>(agenda: &'a Agenda, files: &[PaperFile], record: bool) -> Result<(PackData<'a>, Vec<Attachment>), DocumentError> {
    let mut by_key: HashMap<&str, usize> = HashMap::new();
    let mut papers = Vec::new();
    let mut attachments = Vec::new();
    let mut targets = Vec::with_capacity(agenda.items.len());

    for item in &agenda.items {
        let mut item_targets = Vec::with_capacity(item.papers.len());
        for line in &item.papers {
            let index = match by_key.get(line.key.as_str()) {
                Some(&index) => index,
                None => {
                    let file = files
                        .iter()
                        .find(|file| file.key == line.key)
                        .ok_or_else(|| DocumentError::MissingPaper { key: line.key.clone(), title: line.title.clone() })?;
                    let pages =
                        paper::inspect(&file.bytes).map_err(|error| DocumentError::Paper { key: line.key.clone(), title: line.title.clone(), error })?;
                    let index = papers.len();
                    let Navigation { outline, anchors, links } = navigation::read(&file.bytes);
                    let mut marks: Vec<PageMarks> = pages.iter().map(|_| PageMarks::default()).collect();
                    for (at, anchor) in anchors.iter().enumerate() {
                        if let Some(page) = marks.get_mut(anchor.page) {
                            page.anchors.push(AnchorMark { label: anchor_label(index, at), x: anchor.x, y: anchor.y });
                        }
                    }
                    for link in links {
                        let (label, uri) = match link.to {
                            LinkTo::Anchor(at) => (Some(anchor_label(index, at)), None),
                            LinkTo::Uri(uri) => (None, Some(uri)),
                        };
                        if let Some(page) = marks.get_mut(link.page) {
                            page.links.push(LinkMark { x: link.x, y: link.y, width: link.width, height: link.height, label, uri });
                        }
                    }
                    // Paths and labels by position, never by key: a key is
                    // the caller's string and need not be a valid path.
                    let path = format!("/papers/{index}.pdf");
                    attachments.push(Attachment { path: path.clone(), bytes: Bytes::new(file.bytes.clone()) });
                    papers.push(PackPaper {
                        label: paper_label(index),
                        title: line.title.clone(),
                        supplement: line.supplement,
                        item: item.number.clone(),
                        path,
                        pages,
                        marks,
                        outline,
                    });
                    by_key.insert(&line.key, index);
                    index
                }
            };
            item_targets.push(paper_label(index));
        }
        targets.push(item_targets);
    }

    Ok((PackData { agenda, papers, targets, record }, attachments))
}

fn paper_label(index: usize) -> String {
    format!("paper-{index}")
}

/// The label of a paper's anchor: where one of its bookmarks or internal
/// links leads.
fn anchor_label(paper: usize, anchor: usize) -> String {
    format!("paper-{paper}-at-{anchor}")
}

/// The outline of the laid-out pack: the agenda, the contents, then each
/// item (at its row on the agenda) with its papers (at their first pages)
/// under it, and under each paper its own outline, all levels.
pub(crate) fn bookmarks(data: &PackData<'_>, document: &PagedDocument) -> Result<Vec<Bookmark>, DocumentError> {
    let at = |name: &str| target(document, name);
    let mut bookmarks = Vec::new();
    if !data.record {
        bookmarks.push(Bookmark { title: "Agenda".into(), target: at("pack-agenda")?, children: vec![] });
    }
    bookmarks.push(Bookmark { title: "Contents".into(), target: at("pack-contents")?, children: vec![] });
    for (index, item) in data.agenda.items.iter().enumerate() {
        let children = item
            .papers
            .iter()
            .zip(&data.targets[index])
            .map(|(paper, label)| {
                let first_page = at(label)?;
                let index = data.papers.iter().position(|placed| &placed.label == label).expect("every target is a placed paper");
                Ok(Bookmark {
                    title: if paper.supplement { format!("{} (supplement)", paper.title.trim()) } else { paper.title.trim().to_owned() },
                    target: first_page,
                    children: paper_outline(document, index, &data.papers[index].outline, first_page)?,
                })
            })
            .collect::<Result<_, DocumentError>>()?;
        // A record has no agenda page: a part opens at its first document.
        let target = match (data.record, data.targets[index].first()) {
            (false, _) => at(&format!("item-{index}"))?,
            (true, Some(first)) => at(first)?,
            (true, None) => at("pack-contents")?,
        };
        bookmarks.push(Bookmark { title: format!("{} {}", item.number.trim(), item.title.trim()), target, children });
    }
    Ok(bookmarks)
}

/// A paper's own outline as bookmarks of the pack: each entry at its anchor's
/// place, or where its parent leads when it has none.
fn paper_outline(document: &PagedDocument, paper: usize, entries: &[navigation::Entry], parent: Target) -> Result<Vec<Bookmark>, DocumentError> {
    entries
        .iter()
        .map(|entry| {
            let target = match entry.anchor {
                Some(anchor) => target(document, &anchor_label(paper, anchor))?,
                None => parent,
            };
            let title = if entry.title.is_empty() { "Untitled".to_owned() } else { entry.title.clone() };
            Ok(Bookmark { title, target, children: paper_outline(document, paper, &entry.children, target)? })
        })
        .collect()
}

/// Where the element labelled `name` landed in the laid-out pack.
fn target(document: &PagedDocument, name: &str) -> Result<Target, DocumentError> {
    let missing = || DocumentError::Typeset(format!("error: the pack template set no label <{name}> for the outline"));
    let label = Label::new(PicoStr::intern(name)).ok_or_else(missing)?;
    let introspector = document.introspector();
    let location = introspector.query_label(label).ok().and_then(|element| element.location()).ok_or_else(missing)?;
    let position = introspector.position(location).ok_or_else(missing)?;
    Ok(Target { page: position.page.get() - 1, top: position.point.y.to_pt() })
}
