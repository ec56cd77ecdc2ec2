//! Ballot papers: one fixed layout printed once per serial number, drawn
//! directly with printpdf rather than typeset.
//!
//! A ballot run is a hundred copies of one page that differ only in their
//! number, so the paper is laid out once (measured with the fonts' own
//! advance widths, wrapped and sized to fit) and its drawing operations are
//! repeated with each serial added. Two papers share an A4 page, top and
//! bottom with a dashed cut line, whenever the measured paper fits in half a
//! page; otherwise each has a page of its own.
//!
//! The fonts are the ones typst uses (`crate::fonts`): Noto Sans for text,
//! DejaVu Sans for characters Noto Sans lacks. They are parsed once per
//! [`crate::Documents`] and each PDF embeds a subset holding only the glyphs
//! its papers use. Text is placed glyph by glyph from the `cmap` and advance
//! widths, without shaping or kerning: right for the Latin, Greek and
//! Cyrillic names the register holds, not for scripts that need shaping.
//!
//! Nothing reads the clock and nothing is random: the PDF carries no dates
//! and no file identifier, so the same papers give the same bytes.

use std::collections::{BTreeMap, BTreeSet};

use printpdf::{
    Color, CurTransMat, FontId, Greyscale, Line, LineDashPattern, LinePoint, Op, PaintMode, ParsedFont, PdfDocument, PdfFont, PdfFontHandle, PdfPage,
    PdfSaveOptions, Point, Pt, Rect, TextItem, TextMatrix,
};
use serde::{Deserialize, Serialize};

use crate::error::DocumentError;
use crate::fonts;

/// A run of numbered ballot papers for one election.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BallotPapers {
    /// The working group, printed above the title.
    pub group: String,
    /// The election, e.g. "Election of supplier members 2027".
    pub title: String,
    pub method: BallotMethod,
    /// How many seats the election fills.
    pub seats: u32,
    /// In the order they are printed: the caller sorts them (alphabetically).
    pub candidates: Vec<BallotCandidate>,
    /// One paper per serial, in this order; each printed "No. 000123".
    pub serials: Vec<u32>,
    /// When the paper must be back, completing the sentence "Fold the paper
    /// once and return it to the returning officer, NAME, by …", e.g.
    /// "17:00 on Tue 9 Dec 2026".
    pub return_by: String,
    pub returning_officer: String,
    /// One plain line where the ToR §13–§14 constraints apply ("At least one of those elected
    /// must be from an SME: candidates from an SME are marked SME."); empty when none do.
    #[serde(default)]
    pub constraint: String,
}

/// How a voter marks the paper.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum BallotMethod {
    /// Block vote or plurality: a cross against up to `up_to` candidates.
    Marks { up_to: u32 },
    /// Single transferable vote or instant run-off: 1, 2, 3 … in order of
    /// preference.
    Preferences,
}

/// One candidate's line on the paper.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BallotCandidate {
    pub name: String,
    pub organisation: Option<String>,
    /// Prints an "SME" tag after the organisation.
    pub sme: bool,
}

/// The faces ballots are drawn with, parsed once (see
/// [`crate::Documents::ballot_papers`]): advance widths and character map for
/// measuring, the rest for the subset each PDF embeds.
pub(crate) struct BallotFonts {
    faces: [Face; 3],
}

/// Indexes into [`BallotFonts::faces`].
const REGULAR: usize = 0;
const BOLD: usize = 1;
/// DejaVu Sans, for characters Noto Sans lacks (the scissors, a rare letter).
const FALLBACK: usize = 2;

struct Face {
    /// The embedded file, for subsetting.
    bytes: &'static [u8],
    /// The PostScript name the PDF gives the (subset) font.
    postscript: &'static str,
    parsed: ParsedFont,
    units_per_em: f32,
}

impl BallotFonts {
    /// Parses the embedded Noto Sans Regular and Bold and DejaVu Sans.
    ///
    /// # Panics
    /// If a font does not parse: they are fixed bytes in the binary, so that
    /// is a build mistake, caught by this crate's tests.
    pub(crate) fn parse() -> Self {
        let face = |file: &'static str, postscript: &'static str| {
            let bytes = fonts::file(file);
            let parsed = ParsedFont::from_bytes(bytes, 0, &mut Vec::new()).unwrap_or_else(|| panic!("embedded font {file} does not parse"));
            // Noto Sans has 1000 units per em and DejaVu Sans 2048: every
            // width is divided by the face's own figure.
            let units_per_em = f32::from(parsed.units_per_em.max(1));
            Face { bytes, postscript, parsed, units_per_em }
        };
        Self { faces: [face("NotoSans-Regular.ttf", "NotoSans-Regular"), face("NotoSans-Bold.ttf", "NotoSans-Bold"), face("DejaVuSans.ttf", "DejaVuSans")] }
    }

    fn glyph(&self, face: usize, c: char) -> Option<u16> {
        self.faces[face].parsed.lookup_glyph_index(u32::from(c)).filter(|&gid| gid != 0)
    }

    /// The face `c` is drawn with in `style` (REGULAR or BOLD): the style's
    /// own face when it has the character, else DejaVu Sans when that has it,
    /// else the style's face (which shows its "missing" glyph).
    fn face_for(&self, style: usize, c: char) -> usize {
        if self.glyph(style, c).is_some() || self.glyph(FALLBACK, c).is_none() { style } else { FALLBACK }
    }

    /// Advance of `c` in `face`, in ems.
    fn advance(&self, face: usize, c: char) -> f32 {
        let face_data = &self.faces[face];
        let gid = face_data.parsed.lookup_glyph_index(u32::from(c)).unwrap_or(0);
        f32::from(face_data.parsed.get_glyph_width(gid).unwrap_or(0)) / face_data.units_per_em
    }

    /// Width of `text` in points.
    fn width(&self, text: &str, style: usize, size: f32) -> f32 {
        text.chars().map(|c| self.advance(self.face_for(style, c), c)).sum::<f32>() * size
    }

    /// `text` split into runs of one face each: `(face, run)`.
    fn runs<'t>(&self, text: &'t str, style: usize) -> Vec<(usize, &'t str)> {
        let mut runs: Vec<(usize, &str)> = Vec::new();
        let mut start = 0;
        let mut current = None;
        for (at, c) in text.char_indices() {
            let face = self.face_for(style, c);
            match current {
                Some(open) if open == face => {}
                Some(open) => {
                    runs.push((open, &text[start..at]));
                    start = at;
                    current = Some(face);
                }
                None => current = Some(face),
            }
        }
        if let Some(open) = current {
            runs.push((open, &text[start..]));
        }
        runs
    }

    /// `text` broken into lines no wider than `width`: at spaces where it can,
    /// after a hyphen next ("Featherstonehaugh-" / "Smythe"), inside a word
    /// only when a piece alone is too wide; and never leaving one word alone
    /// on the last line when the line before can spare one. Text that fits
    /// is returned as it is, spaces and all.
    fn wrap(&self, text: &str, style: usize, size: f32, width: f32) -> Vec<String> {
        if self.width(text, style, size) <= width {
            return vec![text.to_owned()];
        }
        let space = self.width(" ", style, size);
        let mut lines = Vec::new();
        // Whether the line after each break begins after a space.
        let mut at_space = Vec::new();
        let mut line = String::new();
        let mut line_width = 0.0;
        for word in text.split(' ') {
            let mut after_space = true;
            // The word's pieces, each but the last ending with a hyphen.
            for piece in word.split_inclusive('-') {
                let piece_width = self.width(piece, style, size);
                let gap = if after_space { space } else { 0.0 };
                if !line.is_empty() && line_width + gap + piece_width <= width {
                    if after_space {
                        line.push(' ');
                    }
                    line.push_str(piece);
                    line_width += gap + piece_width;
                } else {
                    if !line.is_empty() {
                        lines.push(std::mem::take(&mut line));
                        at_space.push(after_space);
                        line_width = 0.0;
                    }
                    for c in piece.chars() {
                        let advance = self.width(c.encode_utf8(&mut [0; 4]), style, size);
                        if !line.is_empty() && line_width + advance > width {
                            lines.push(std::mem::take(&mut line));
                            at_space.push(false);
                            line_width = 0.0;
                        }
                        line.push(c);
                        line_width += advance;
                    }
                }
                after_space = false;
            }
        }
        if !line.is_empty() || lines.is_empty() {
            lines.push(line);
        }
        // No word alone on the last line ("… by 17:00 on Tue 9 Dec / 2026."):
        // the previous line gives it its last word when both still fit.
        if let [.., previous, last] = lines.as_mut_slice()
            && at_space.last() == Some(&true)
            && !last.contains(' ')
            && let Some((head, tail)) = previous.rsplit_once(' ')
            && !head.is_empty()
        {
            let joined = format!("{tail} {last}");
            if self.width(&joined, style, size) <= width {
                *last = joined;
                previous.truncate(head.len());
            }
        }
        lines
    }
}

/// Points per millimetre.
const MM: f32 = 72.0 / 25.4;
const PAGE_WIDTH: f32 = 210.0 * MM;
const PAGE_HEIGHT: f32 = 297.0 * MM;
/// Left and right margin of a paper.
const SIDE: f32 = 15.0 * MM;

const BLACK: f32 = 0.0;
const MUTED: f32 = 0.37;
const RULE: f32 = 0.6;

/// Type sizes and spacing, from roomy to tight: a paper is laid out with the
/// first that fits. Even the tightest keeps names at 11 pt and rows at 8 mm.
#[derive(Debug, Clone, Copy)]
struct Density {
    title: f32,
    number: f32,
    body: f32,
    small: f32,
    name: f32,
    organisation: f32,
    /// Smallest organisation size before long names wrap onto more lines.
    organisation_min: f32,
    row: f32,
    /// Space above and below the text of a row that grows past `row`.
    row_pad: f32,
    mark_box: f32,
    gap: f32,
}

const DENSITIES: [Density; 4] = [
    Density {
        title: 16.0,
        number: 18.0,
        body: 10.5,
        small: 9.0,
        name: 12.5,
        organisation: 10.0,
        organisation_min: 8.0,
        row: 13.0 * MM,
        row_pad: 1.8 * MM,
        mark_box: 10.0 * MM,
        gap: 5.0 * MM,
    },
    Density {
        title: 15.0,
        number: 17.0,
        body: 10.0,
        small: 8.5,
        name: 12.0,
        organisation: 9.5,
        organisation_min: 7.5,
        row: 11.0 * MM,
        row_pad: 1.6 * MM,
        mark_box: 9.0 * MM,
        gap: 4.0 * MM,
    },
    Density {
        title: 13.5,
        number: 15.0,
        body: 9.5,
        small: 8.0,
        name: 11.5,
        organisation: 9.0,
        organisation_min: 7.0,
        row: 9.5 * MM,
        row_pad: 1.3 * MM,
        mark_box: 7.5 * MM,
        gap: 3.0 * MM,
    },
    Density {
        title: 12.5,
        number: 14.0,
        body: 9.0,
        small: 7.5,
        name: 11.0,
        organisation: 8.5,
        organisation_min: 7.0,
        row: 8.0 * MM,
        row_pad: 1.0 * MM,
        mark_box: 6.5 * MM,
        gap: 2.5 * MM,
    },
];

/// The space one paper is drawn in: a whole page or half of one.
#[derive(Debug, Clone, Copy)]
struct Frame {
    height: f32,
    top: f32,
    bottom: f32,
}

const WHOLE_PAGE: Frame = Frame { height: PAGE_HEIGHT, top: 15.0 * MM, bottom: 12.0 * MM };

const HALF_PAGE: Frame = Frame { height: PAGE_HEIGHT / 2.0, top: 11.0 * MM, bottom: 8.0 * MM };

/// Line height as a multiple of the type size.
const LEADING: f32 = 1.25;

/// Baseline of a line of `size` type whose line box starts at `top`: capitals
/// sit in the middle of the box.
fn baseline(top: f32, size: f32) -> f32 {
    top + size * LEADING / 2.0 + size * 0.357
}

/// Typesetting ops for one paper, in the paper's frame, measured from its top.
struct Canvas<'f> {
    fonts: &'f BallotFonts,
    frame_height: f32,
    ops: Vec<Op>,
    /// Characters drawn with each face, for the subsets.
    used: [BTreeSet<char>; 3],
}

impl<'f> Canvas<'f> {
    fn new(fonts: &'f BallotFonts, frame_height: f32) -> Self {
        Self { fonts, frame_height, ops: Vec::new(), used: Default::default() }
    }

    fn grey(level: f32) -> Color {
        Color::Greyscale(Greyscale { percent: level, icc_profile: None })
    }

    fn point(&self, x: f32, y: f32) -> Point {
        Point { x: Pt(x), y: Pt(self.frame_height - y) }
    }

    /// `text` with its baseline at `y` (from the top), starting at `x`.
    fn text(&mut self, text: &str, style: usize, size: f32, x: f32, y: f32, grey: f32) {
        if text.is_empty() {
            return;
        }
        self.ops.push(Op::SetFillColor { col: Self::grey(grey) });
        self.ops.push(Op::StartTextSection);
        let mut pen = x;
        for (face, run) in self.fonts.runs(text, style) {
            self.ops.push(Op::SetFont { font: PdfFontHandle::External(font_id(face)), size: Pt(size) });
            self.ops.push(Op::SetTextMatrix { matrix: TextMatrix::Translate(Pt(pen), Pt(self.frame_height - y)) });
            self.ops.push(Op::ShowText { items: vec![TextItem::Text(run.to_owned())] });
            self.used[face].extend(run.chars());
            pen += self.fonts.width(run, style, size);
        }
        self.ops.push(Op::EndTextSection);
    }

    /// `text` wrapped to `width` from `x`, its first line box starting at
    /// `y`; returns where the line after it would start.
    #[allow(clippy::too_many_arguments, reason = "the same arguments as `text`, plus the width")]
    fn paragraph(&mut self, text: &str, style: usize, size: f32, x: f32, width: f32, mut y: f32, grey: f32) -> f32 {
        for line in self.fonts.wrap(text, style, size, width) {
            self.text(&line, style, size, x, baseline(y, size), grey);
            y += size * LEADING;
        }
        y
    }

    /// `text` ending at `right`.
    fn text_right(&mut self, text: &str, style: usize, size: f32, right: f32, y: f32, grey: f32) {
        let width = self.fonts.width(text, style, size);
        self.text(text, style, size, right - width, y, grey);
    }

    fn stroke_style(&mut self, width: f32, grey: f32, dash: Option<&[f32]>) {
        self.ops.push(Op::SetOutlineColor { col: Self::grey(grey) });
        self.ops.push(Op::SetOutlineThickness { pt: Pt(width) });
        self.ops.push(Op::SetLineDashPattern {
            dash: match dash {
                Some(pattern) => LineDashPattern::new(0.0, pattern),
                None => LineDashPattern::solid(),
            },
        });
    }

    /// A horizontal rule at `y` from `x1` to `x2`.
    fn rule(&mut self, x1: f32, x2: f32, y: f32, width: f32, grey: f32, dash: Option<&[f32]>) {
        self.stroke_style(width, grey, dash);
        let (start, end) = (self.point(x1, y), self.point(x2, y));
        self.ops
            .push(Op::DrawLine { line: Line { points: vec![LinePoint { p: start, bezier: false }, LinePoint { p: end, bezier: false }], is_closed: false } });
    }

    /// An outlined rectangle whose top left corner is at (`x`, `y`).
    fn outline(&mut self, x: f32, y: f32, width: f32, height: f32, line: f32) {
        self.stroke_style(line, BLACK, None);
        let corner = self.point(x, y + height);
        self.ops.push(Op::DrawRectangle {
            rectangle: Rect { x: corner.x, y: corner.y, width: Pt(width), height: Pt(height), mode: Some(PaintMode::Stroke), winding_order: None },
        });
    }

    /// A small outlined label such as "SME", its left edge at `x` and its
    /// text on the baseline `y`. Returns its width.
    fn tag(&mut self, label: &str, size: f32, x: f32, y: f32) -> f32 {
        let pad = size * 0.45;
        let width = self.fonts.width(label, BOLD, size) + 2.0 * pad;
        let height = size * 1.35;
        let top = y - size * 0.72 - (height - size * 0.72) / 2.0;
        self.outline(x, top, width, height, 0.6);
        self.text(label, BOLD, size, x + pad, y, BLACK);
        width
    }
}

/// The font resource name of a face: fixed, so the same papers give the same
/// bytes.
fn font_id(face: usize) -> FontId {
    FontId(format!("F{face}"))
}

fn serial_text(serial: u32) -> String {
    format!("No. {serial:06}")
}

/// Checks the papers can be printed at all.
fn check(papers: &BallotPapers) -> Result<(), DocumentError> {
    if papers.candidates.is_empty() {
        return Err(DocumentError::Invalid("Ballot papers cannot be printed without candidates.".into()));
    }
    if papers.serials.is_empty() {
        return Err(DocumentError::Invalid("Ballot papers cannot be printed without serial numbers: give one per paper.".into()));
    }
    let mut seen = BTreeSet::new();
    if let Some(serial) = papers.serials.iter().find(|serial| !seen.insert(**serial)) {
        return Err(DocumentError::Invalid(format!("The serial number {serial:06} is given twice; every ballot paper needs its own.")));
    }
    if papers.seats == 0 {
        return Err(DocumentError::Invalid("Ballot papers cannot be printed for an election with no seats to fill.".into()));
    }
    if let BallotMethod::Marks { up_to: 0 } = papers.method {
        return Err(DocumentError::Invalid("Ballot papers cannot ask voters to vote for up to 0 candidates.".into()));
    }
    // Every write refuses these already (secretariat_rules::text); a row edited outside
    // Secretariat, or written before that check, must still never reach a ballot paper,
    // where U+202E would print "Smith" as "htimS".
    let mut texts = vec![
        ("The group's name", papers.group.as_str()),
        ("The election's title", papers.title.as_str()),
        ("The return time", papers.return_by.as_str()),
        ("The returning officer", papers.returning_officer.as_str()),
    ];
    for candidate in &papers.candidates {
        texts.push(("A candidate's name", candidate.name.as_str()));
        if let Some(organisation) = &candidate.organisation {
            texts.push(("A candidate's organisation", organisation.as_str()));
        }
    }
    for (what, text) in texts {
        if let Some(c) = text.chars().find(|&c| c.is_control() || misleads_direction(c)) {
            return Err(DocumentError::Invalid(format!(
                "{what}, \u{201c}{}\u{201d}, contains a control or text-direction character (U+{:04X}), which could make it \
                 print differently from how it reads; correct it before printing ballot papers.",
                text.chars().filter(|&c| !c.is_control() && !misleads_direction(c)).collect::<String>(),
                c as u32
            )));
        }
    }
    Ok(())
}

/// The characters that change the direction text is laid out in (the same set
/// `secretariat_rules::text` refuses on input).
fn misleads_direction(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

fn plural(count: u32, one: &str, many: &str) -> String {
    if count == 1 { format!("{count} {one}") } else { format!("{count} {many}") }
}

/// The instructions: a first line in bold, then the rest.
fn instructions(papers: &BallotPapers) -> (String, String) {
    match papers.method {
        BallotMethod::Marks { up_to } => (
            format!("Vote for up to {}.", plural(up_to, "candidate", "candidates")),
            format!(
                "Put a cross (X) in the box next to {} you vote for. Do not vote for more than {up_to}.",
                if up_to == 1 { "the candidate" } else { "each candidate" }
            ),
        ),
        BallotMethod::Preferences => (
            format!("Seats to fill: {}", papers.seats),
            "Put the number 1 in the box next to your first choice, 2 next to your second, \
             and so on. You may number as many or as few as you like. Do not use the same number \
             more than once. Use numbers only: do not put a cross (X) or a tick in any box, or the \
             paper may not be counted."
                .into(),
        ),
    }
}

/// One paper laid out: what every copy shares, and where its number goes.
struct Layout {
    frame: Frame,
    density: Density,
    /// Everything but the serial number.
    ops: Vec<Op>,
    used: [BTreeSet<char>; 3],
    /// The number box's right text edge and baseline.
    number_right: f32,
    number_baseline: f32,
}

impl Layout {
    /// Lays the paper out in `frame` with `density`, or `None` if it does
    /// not fit.
    fn fit(papers: &BallotPapers, fonts: &BallotFonts, frame: Frame, density: Density, widest_number: f32) -> Option<Self> {
        let d = density;
        let mut canvas = Canvas::new(fonts, frame.height);
        let left = SIDE;
        let right = PAGE_WIDTH - SIDE;
        let width = right - left;
        let mut y = frame.top;

        // Header: group and title on the left, the number in a box on the right.
        let pad = 2.2 * MM;
        let number_box_width = fonts.width("No. ", BOLD, d.number) + widest_number + 2.0 * pad;
        let number_box_height = d.number * LEADING + 2.0 * pad * 0.8;
        canvas.outline(right - number_box_width, y, number_box_width, number_box_height, 1.2);
        let number_right = right - pad;
        let number_baseline = baseline(y + (number_box_height - d.number * LEADING) / 2.0, d.number);
        let header_width = width - number_box_width - 6.0 * MM;
        let header_y = canvas.paragraph(&papers.group, REGULAR, d.small, left, header_width, y, MUTED);
        let header_y = canvas.paragraph(&papers.title, BOLD, d.title, left, header_width, header_y + 0.8 * MM, BLACK);
        y = header_y.max(y + number_box_height) + d.gap * 0.6;
        canvas.rule(left, right, y, 1.2, BLACK, None);
        y += d.gap * 0.8;

        // Instructions.
        let (first, rest) = instructions(papers);
        y = canvas.paragraph(&first, BOLD, d.body + 0.5, left, width, y, BLACK);
        y = canvas.paragraph(&rest, REGULAR, d.body, left, width, y, BLACK);
        if !papers.constraint.is_empty() {
            y = canvas.paragraph(&papers.constraint, BOLD, d.body, left, width, y, BLACK);
        }
        y += d.gap;

        // The candidates: name, organisation, and the box to mark.
        let vote_header = match papers.method {
            BallotMethod::Marks { .. } => "Your vote",
            BallotMethod::Preferences => "Your preference",
        };
        let vote_width = (fonts.width(vote_header, BOLD, d.small) + 2.0 * MM).max(d.mark_box + 4.0 * MM);
        let gutter = 4.0 * MM;
        let with_organisations = papers.candidates.iter().any(|candidate| candidate.organisation.is_some() || candidate.sme);
        let columns = width - vote_width - gutter;
        // Names get the room the longest needs, within limits; organisations,
        // usually the longer, the rest.
        let widest_name = papers.candidates.iter().map(|candidate| fonts.width(&candidate.name, BOLD, d.name)).fold(0.0_f32, f32::max);
        let name_width = if with_organisations { widest_name.clamp(columns * 0.3, (columns - gutter) * 0.5) } else { columns };
        let organisation_left = left + name_width + gutter;
        let organisation_width = columns - name_width - gutter;
        let vote_left = right - vote_width;

        let header_baseline = baseline(y, d.small);
        canvas.text("Candidate", BOLD, d.small, left, header_baseline, MUTED);
        if with_organisations {
            canvas.text("Organisation", BOLD, d.small, organisation_left, header_baseline, MUTED);
        }
        let vote_header_width = fonts.width(vote_header, BOLD, d.small);
        canvas.text(vote_header, BOLD, d.small, vote_left + (vote_width - vote_header_width) / 2.0, header_baseline, MUTED);
        y += d.small * LEADING + 1.0 * MM;
        canvas.rule(left, right, y, 0.9, BLACK, None);

        let tag_size = 7.0;
        let tag_width = fonts.width("SME", BOLD, tag_size) + 2.0 * tag_size * 0.45 + 1.5 * MM;
        let row_pad = d.row_pad;
        for (index, candidate) in papers.candidates.iter().enumerate() {
            let names = fonts.wrap(&candidate.name, BOLD, d.name, name_width);
            let (organisation_size, organisations) = match &candidate.organisation {
                Some(organisation) => {
                    let room = organisation_width - if candidate.sme { tag_width } else { 0.0 };
                    fit_organisation(fonts, organisation, room, d)
                }
                None => (d.organisation, Vec::new()),
            };
            let names_height = names.len() as f32 * d.name * LEADING;
            let organisations_height = organisations.len().max(1) as f32 * organisation_size * LEADING;
            let content = names_height.max(organisations_height);
            let row = (content + 2.0 * row_pad).max(d.row).max(d.mark_box + 2.0 * MM);
            let top = y + (row - content) / 2.0;
            // Name and organisation share their first baseline.
            let first = baseline(top, d.name);
            for (n, line) in names.iter().enumerate() {
                canvas.text(line, BOLD, d.name, left, first + n as f32 * d.name * LEADING, BLACK);
            }
            let mut tag_x = organisation_left;
            let mut tag_y = first;
            for (n, line) in organisations.iter().enumerate() {
                let line_y = first + n as f32 * organisation_size * LEADING;
                canvas.text(line, REGULAR, organisation_size, organisation_left, line_y, BLACK);
                tag_x = organisation_left + fonts.width(line, REGULAR, organisation_size) + 1.5 * MM;
                tag_y = line_y;
            }
            if candidate.sme {
                canvas.tag("SME", tag_size, tag_x, tag_y);
            }
            canvas.outline(vote_left + (vote_width - d.mark_box) / 2.0, y + (row - d.mark_box) / 2.0, d.mark_box, d.mark_box, 1.2);
            y += row;
            let last = index + 1 == papers.candidates.len();
            if last {
                canvas.rule(left, right, y, 0.9, BLACK, None);
            } else {
                canvas.rule(left, right, y, 0.4, RULE, None);
            }
        }
        y += d.gap;

        // How to return it, and secrecy.
        let fold = format!("Fold the paper once and return it to the returning officer, {}, by {}.", papers.returning_officer, papers.return_by);
        y = canvas.paragraph(&fold, BOLD, d.body, left, width, y, BLACK) + 0.8 * MM;
        let secret = "Your vote is secret. Do not sign this paper or write anything on it that \
                      could identify you: a paper with anything identifying the voter will be \
                      rejected.";
        y = canvas.paragraph(secret, REGULAR, d.small, left, width, y, MUTED);

        // The foot holds the number again, small, for counting the papers.
        let foot_top = frame.height - frame.bottom - d.small * LEADING;
        if y + 2.0 * MM > foot_top {
            return None;
        }
        Some(Self { frame, density, ops: canvas.ops, used: canvas.used, number_right, number_baseline })
    }

    /// The ops of the paper numbered `serial`, in its frame.
    fn paper(&self, fonts: &BallotFonts, serial: u32, used: &mut [BTreeSet<char>; 3]) -> Vec<Op> {
        let d = self.density;
        let mut canvas = Canvas::new(fonts, self.frame.height);
        canvas.ops = self.ops.clone();
        let number = serial_text(serial);
        canvas.text_right(&number, BOLD, d.number, self.number_right, self.number_baseline, BLACK);
        let foot = self.frame.height - self.frame.bottom - d.small * LEADING;
        canvas.text_right(&number, REGULAR, d.small, PAGE_WIDTH - SIDE, baseline(foot, d.small), MUTED);
        for (face, chars) in canvas.used.into_iter().enumerate() {
            used[face].extend(chars);
        }
        canvas.ops
    }
}

/// Organisation lines at the largest size from `density.organisation` down
/// to `density.organisation_min` that takes at most two lines; at the
/// smallest size, as many lines as it needs.
fn fit_organisation(fonts: &BallotFonts, organisation: &str, width: f32, density: Density) -> (f32, Vec<String>) {
    let mut size = density.organisation;
    loop {
        let lines = fonts.wrap(organisation, REGULAR, size, width);
        if lines.len() <= 2 || size <= density.organisation_min {
            return (size, lines);
        }
        size = (size - 0.5).max(density.organisation_min);
    }
}

/// The dashed line between the two papers of a page, with scissors.
fn cut_line(fonts: &BallotFonts, used: &mut [BTreeSet<char>; 3]) -> Vec<Op> {
    let mut canvas = Canvas::new(fonts, PAGE_HEIGHT);
    let y = PAGE_HEIGHT / 2.0;
    let scissors = "\u{2702}";
    let size = 11.0;
    let start = 6.0 * MM;
    let scissors_width = fonts.width(scissors, REGULAR, size);
    canvas.text(scissors, REGULAR, size, start, y + size * 0.33, MUTED);
    canvas.rule(start + scissors_width + 1.5 * MM, PAGE_WIDTH - 6.0 * MM, y, 0.6, MUTED, Some(&[4.0, 3.0]));
    for (face, chars) in canvas.used.into_iter().enumerate() {
        used[face].extend(chars);
    }
    canvas.ops
}

/// Moves what follows up by `dy` points until the matching restore.
fn shifted(dy: f32, ops: Vec<Op>) -> Vec<Op> {
    let mut shifted = Vec::with_capacity(ops.len() + 3);
    shifted.push(Op::SaveGraphicsState);
    shifted.push(Op::SetTransformationMatrix { matrix: CurTransMat::Translate(Pt(0.0), Pt(dy)) });
    shifted.extend(ops);
    shifted.push(Op::RestoreGraphicsState);
    shifted
}

/// The ballot papers as one PDF: see [`crate::Documents::ballot_papers`].
pub(crate) fn draw(papers: &BallotPapers, fonts: &BallotFonts) -> Result<Vec<u8>, DocumentError> {
    check(papers)?;
    let widest_number = papers.serials.iter().map(|&serial| fonts.width(&format!("{serial:06}"), BOLD, 1.0)).fold(0.0_f32, f32::max);
    let fit = |frame: Frame| DENSITIES.iter().find_map(|&density| Layout::fit(papers, fonts, frame, density, widest_number * density.number));
    let (layout, two_up) = match fit(HALF_PAGE) {
        Some(layout) => (layout, true),
        None => match fit(WHOLE_PAGE) {
            Some(layout) => (layout, false),
            None => {
                return Err(DocumentError::Invalid(format!(
                    "The ballot paper does not fit on one A4 page: {} candidates with \
                     these names need more room than a page has.",
                    papers.candidates.len()
                )));
            }
        },
    };

    let mut used = layout.used.clone();
    let pages: Vec<PdfPage> = if two_up {
        papers
            .serials
            .chunks(2)
            .map(|pair| {
                let mut ops = shifted(PAGE_HEIGHT / 2.0, layout.paper(fonts, pair[0], &mut used));
                if let Some(&second) = pair.get(1) {
                    ops.extend(shifted(0.0, layout.paper(fonts, second, &mut used)));
                }
                ops.extend(cut_line(fonts, &mut used));
                PdfPage::new(printpdf::Mm(210.0), printpdf::Mm(297.0), ops)
            })
            .collect()
    } else {
        papers.serials.iter().map(|&serial| PdfPage::new(printpdf::Mm(210.0), printpdf::Mm(297.0), layout.paper(fonts, serial, &mut used))).collect()
    };

    let mut document = PdfDocument::new(&format!("Ballot papers — {}", papers.title));
    document.metadata.info.creator = "Secretariat".into();
    for (face, chars) in used.iter().enumerate() {
        if !chars.is_empty() {
            document.resources.fonts.map.insert(font_id(face), PdfFont::new(subset(&fonts.faces[face], chars)?));
        }
    }
    document.pages = pages;
    save(&document)
}

/// A font holding only the glyphs for `chars` (and the glyphs they are built
/// from), renumbered, with the character map and widths to match.
fn subset(face: &Face, chars: &BTreeSet<char>) -> Result<ParsedFont, DocumentError> {
    let source = &face.parsed;
    // Sorted old glyph ids, so the renumbering (and the bytes) never vary.
    let glyphs: BTreeSet<u16> = chars.iter().filter_map(|&c| source.lookup_glyph_index(u32::from(c))).collect();
    let mut remapper = subsetter::GlyphRemapper::new();
    for &gid in &glyphs {
        remapper.remap(gid);
    }
    let bytes =
        subsetter::subset(face.bytes, 0, &remapper).map_err(|err| DocumentError::Io(format!("the font {} could not be subset: {err}", face.postscript)))?;
    let mut codepoint_to_glyph = BTreeMap::new();
    let mut glyph_widths = BTreeMap::new();
    for &c in chars {
        if let Some(old) = source.lookup_glyph_index(u32::from(c))
            && let Some(new) = remapper.get(old)
        {
            codepoint_to_glyph.insert(u32::from(c), new);
            glyph_widths.insert(new, source.get_glyph_width(old).unwrap_or(0));
        }
    }
    // The six-letter tag PDF asks of a subset font's name, from the glyphs it
    // holds (FNV-1a), so equal subsets are named alike.
    let hash = glyphs.iter().fold(0xcbf2_9ce4_8422_2325_u64, |hash, &gid| (hash ^ u64::from(gid)).wrapping_mul(0x0000_0100_0000_01b3));
    let tag: String = (0..6).map(|n| char::from(b'A' + ((hash >> (n * 8)) % 26) as u8)).collect();
    Ok(ParsedFont {
        original_bytes: bytes,
        font_index: 0,
        font_name: Some(format!("{tag}+{}", face.postscript)),
        codepoint_to_glyph,
        glyph_widths,
        units_per_em: source.units_per_em,
        font_metrics: source.font_metrics.clone(),
        font_type: source.font_type,
        pdf_font_metrics: source.pdf_font_metrics.clone(),
    })
}

/// Serialises the document as printpdf does, minus what would make the same
/// papers give different bytes: printpdf writes a random file identifier and
/// 1970 creation and modification dates, so those are left out.
fn save(document: &PdfDocument) -> Result<Vec<u8>, DocumentError> {
    let options = PdfSaveOptions {
        optimize: true,
        // The fonts are subset already (see `subset`).
        subset_fonts: false,
        secure: true,
        image_optimization: None,
    };
    let mut warnings = Vec::new();
    let mut pdf = document.to_lopdf_document(&options, &mut warnings);
    if let Some(warning) = warnings.iter().find(|warning| warning.severity == printpdf::PdfParseErrorSeverity::Error) {
        return Err(DocumentError::Io(format!("the ballot papers could not be written: {}", warning.msg)));
    }
    pdf.trailer.remove(b"ID");
    if let Ok(info) = pdf.trailer.get(b"Info").and_then(|info| info.as_reference())
        && let Ok(info) = pdf.get_object_mut(info).and_then(|info| info.as_dict_mut())
    {
        for key in ["CreationDate", "ModDate", "Trapped", "GTS_PDFXVersion", "Identifier", "Keywords", "Subject", "Author", "Producer"] {
            info.remove(key.as_bytes());
        }
    }
    pdf.compress();
    let mut bytes = Vec::new();
    pdf.save_to(&mut bytes).map_err(|err| DocumentError::Io(format!("the ballot papers could not be written: {err}")))?;
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn noto_sans_and_dejavu_sans_measure_in_their_own_units_per_em() {
        let fonts = BallotFonts::parse();
        assert_eq!(fonts.faces[REGULAR].units_per_em, 1000.0);
        assert_eq!(fonts.faces[FALLBACK].units_per_em, 2048.0);
        // A space is about a quarter of an em in both.
        for face in [REGULAR, BOLD, FALLBACK] {
            let space = fonts.advance(face, ' ');
            assert!((0.2..0.4).contains(&space), "face {face}: {space}");
        }
    }

    #[test]
    fn characters_noto_sans_lacks_are_drawn_with_dejavu_sans() {
        let fonts = BallotFonts::parse();
        assert_eq!(fonts.face_for(REGULAR, 'a'), REGULAR);
        assert_eq!(fonts.face_for(BOLD, 'a'), BOLD);
        assert_eq!(fonts.face_for(REGULAR, '\u{2702}'), FALLBACK);
        assert_eq!(fonts.runs("cut \u{2702} here", REGULAR), vec![(REGULAR, "cut "), (FALLBACK, "\u{2702}"), (REGULAR, " here")]);
    }

    #[test]
    fn wrapping_breaks_at_spaces_and_inside_a_word_only_when_it_must() {
        let fonts = BallotFonts::parse();
        let short = fonts.wrap("Acme  Pumps", REGULAR, 10.0, 500.0);
        assert_eq!(short, vec!["Acme  Pumps"]);
        let width = fonts.width("Northern Water", REGULAR, 10.0) + 1.0;
        let lines = fonts.wrap("Northern Water Quality Partnership", REGULAR, 10.0, width);
        assert_eq!(lines, vec!["Northern Water", "Quality", "Partnership"]);
        let width = fonts.width("return it by 17:00 on", REGULAR, 10.0) + 1.0;
        let lines = fonts.wrap("return it by 17:00 on Tue", REGULAR, 10.0, width);
        assert_eq!(lines, vec!["return it by 17:00", "on Tue"]);
        let width = fonts.width("Featherstonehaugh-Cholmondeley-", BOLD, 11.0) + 1.0;
        let lines = fonts.wrap("Maximiliana Featherstonehaugh-Cholmondeley-Smythe", BOLD, 11.0, width);
        assert_eq!(lines, vec!["Maximiliana Featherstonehaugh-", "Cholmondeley-Smythe"]);
        // A word carried over at a hyphen is not a widow to pull a word down to.
        let width = fonts.width("Anna Featherstonehaugh-", BOLD, 11.0) + 1.0;
        let lines = fonts.wrap("Anna Featherstonehaugh-Smythe", BOLD, 11.0, width);
        assert_eq!(lines, vec!["Anna Featherstonehaugh-", "Smythe"]);
        let long = "W".repeat(40);
        for line in fonts.wrap(&long, REGULAR, 10.0, 100.0) {
            assert!(fonts.width(&line, REGULAR, 10.0) <= 100.0, "{line}");
        }
        assert_eq!(fonts.wrap(&long, REGULAR, 10.0, 100.0).concat(), long);
    }
}
