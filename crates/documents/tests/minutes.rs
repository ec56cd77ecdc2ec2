//! A meeting's minutes (ToR §21), the attendance report (ToR §17) and the
//! action log as people will meet them: real PDFs read back with poppler
//! (`pdftotext`, `pdfinfo`; Debian package poppler-utils).

mod support;

use std::sync::LazyLock;
use support::{assert_contains, flowing, flowing_text_of, page_count, run};

use secretariat_documents::{
    ActionLine, ActionLog, AttendanceMeeting, AttendanceReport, AttendanceRow, AttendeeLine, DeclarationLine, DocumentError, Documents, MinutesDoc,
    MinutesItem, MinutesStatus,
};

/// One typesetter for the whole test binary, as the app keeps one.
static DOCUMENTS: LazyLock<Documents> = LazyLock::new(Documents::new);

const HOSTILE_HTML: &str = "<img src=x onerror=alert(1)>";
const HOSTILE_TYPST: &str = "#panic(\"x\")";
/// Characters that mean something in typst markup.
const HOSTILE_MARKUP: &str = "] *not bold* _not emph_ [x] $x$ @ref <label> \\ //";
const NON_ASCII: &str = "Zoë Ó'Brien – Ltd";

/// What a private item prints, and all it prints (ToR §21).
const PRIVATE_SENTENCE: &str = "Held as a private session under ToR §21 (requested by Dee Dunn, \
                                agreed by the Chair). Not minuted.";

fn page_args(page: Option<usize>) -> Vec<String> {
    page.map(|page| vec!["-f".into(), page.to_string(), "-l".into(), page.to_string()]).unwrap_or_default()
}

/// The text as laid out on the page, columns kept apart by spaces.
fn layout_text_of(pdf: &[u8], page: Option<usize>) -> String {
    let mut args = vec!["-layout".to_owned(), "-enc".into(), "UTF-8".into()];
    args.extend(page_args(page));
    run("pdftotext", &args.iter().map(String::as_str).collect::<Vec<_>>(), pdf)
}

/// How far down its page (in points) the first occurrence of `word` is
/// drawn, from `pdftotext -bbox`.
fn word_top(pdf: &[u8], word: &str) -> f64 {
    let html = run("pdftotext", &["-bbox", "-enc", "UTF-8"], pdf);
    html.lines()
        .find(|line| line.trim_end().ends_with(&format!(">{word}</word>")))
        .and_then(|line| line.split("yMin=\"").nth(1))
        .and_then(|rest| rest.split('"').next())
        .and_then(|number| number.parse().ok())
        .unwrap_or_else(|| panic!("{word:?} is not a word of:\n{html}"))
}

/// The text between the first `from` and the following `to`, exclusive.
fn between<'a>(text: &'a str, from: &str, to: &str) -> &'a str {
    let start = text.find(from).unwrap_or_else(|| panic!("{from:?} is missing from:\n{text}")) + from.len();
    let end = text[start..].find(to).unwrap_or_else(|| panic!("{to:?} does not follow {from:?} in:\n{text}"));
    &text[start..start + end]
}

// ------------------------------------------------------------------ minutes

fn attendee(name: &str, organisation: Option<&str>, online: bool, substitute: &str) -> AttendeeLine {
    AttendeeLine { name: name.into(), organisation: organisation.map(Into::into), online, substitute: substitute.into() }
}

fn action(description: &str, owner: &str, due: &str, status: &str, overdue: bool) -> ActionLine {
    ActionLine {
        description: description.into(),
        owner: owner.into(),
        due: due.into(),
        status: status.into(),
        overdue,
        source: "Meeting of Tue 8 Dec 2026, item 3".into(),
    }
}

fn item(number: &str, title: &str, notes: &str) -> MinutesItem {
    MinutesItem { number: number.into(), title: title.into(), private_session: None, notes: notes.into(), decisions: vec![], actions: vec![] }
}

fn minutes() -> MinutesDoc {
    MinutesDoc {
        group: "Northern Water Quality Working Group".into(),
        meeting_title: "Meeting 14".into(),
        when: "Tue 8 Dec 2026, 14:00–16:00".into(),
        venue: "techUK, 10 St Bride Street, London".into(),
        status: MinutesStatus::Draft,
        minute_taker: "Pat Manager".into(),
        present: vec![
            attendee("Alex Able", Some("Acme Pumps plc"), false, ""),
            attendee("Bea Brown", Some("Brightwater Analytics"), true, ""),
            attendee("Cas Cole", Some("Civic Data Cooperative"), false, "Sam Stand-In"),
            attendee("Dee Dunn", None, false, ""),
        ],
        apologies: vec!["Eve Evans".into(), "Fay Fox".into()],
        absent: vec!["Gus Gray".into()],
        in_attendance: vec![attendee("Olly Observer", Some("Water Regulator"), true, "")],
        items: vec![
            item("1", "Welcome and apologies", "The Chair welcomed members.\nApologies were noted.\n\nNo conflicts of interest were declared."),
            item("2", "Minutes of the last meeting", ""),
            MinutesItem {
                decisions: vec!["The 2027 budget was approved as presented.".into(), "The reserve stays at three months' costs.".into()],
                actions: vec![
                    action("Circulate the approved budget to members", "Pat Manager", "Tue 5 Jan 2027", "Open", false),
                    action("Ask the auditors for a quote", "Bea Brown", "Fri 15 Jan 2027", "Open", false),
                ],
                ..item("3", "Budget for 2027", "The Treasurer presented the draft budget.")
            },
            MinutesItem {
                private_session: Some("Dee Dunn".into()),
                decisions: vec!["SECRET-DECISION to settle".into()],
                actions: vec![action("SECRET-ACTION call the lawyers", "Alex Able", "Mon 4 Jan 2027", "Open", false)],
                ..item("4", "Supplier dispute", "SECRET-NOTES: the dispute is worth 4711 pounds.\n\nSECRET-NOTES again.")
            },
            item("5", "Any other business", "None."),
        ],
        declarations: vec![DeclarationLine {
            item: "3. Budget for 2027".into(),
            name: "Alex Able".into(),
            declaration: "Director of a company bidding for the survey".into(),
            interest: true,
        }],
        declarations_under: None,
        corrections: vec![],
        generated: "Generated by Secretariat on Tue 15 Dec 2026".into(),
    }
}

fn approved(mut doc: MinutesDoc) -> MinutesDoc {
    doc.status = MinutesStatus::Approved {
        approved_on: "Tue 12 Jan 2027".into(),
        at_meeting: "Meeting 15".into(),
        note: "Approved with one correction to item 3.".into(),
    };
    doc.corrections = vec!["Item 3: the reserve is four months' costs, not three.".into(), "Present: Bea Brown joined online.".into()];
    doc
}

#[test]
fn a_private_session_prints_only_the_tor_21_sentence_and_never_its_notes() {
    let pdf = DOCUMENTS.minutes(&minutes()).expect("the minutes typeset");
    let text = flowing_text_of(&pdf);
    assert_eq!(between(&text, "4. Supplier dispute", "5. Any other business").trim(), format!("Private session (ToR §21) {PRIVATE_SENTENCE}"),);
    assert!(!text.contains("SECRET"), "{text}");
    assert!(!text.contains("4711"), "{text}");
    assert!(!text.contains("call the lawyers"), "{text}");
}

#[test]
fn minutes_give_the_meeting_who_attended_and_each_items_notes_decisions_and_actions() {
    let pdf = DOCUMENTS.minutes(&minutes()).expect("the minutes typeset");
    let text = flowing_text_of(&pdf);
    for expected in [
        "Minutes Meeting 14",
        "When Tue 8 Dec 2026, 14:00–16:00",
        "Where techUK, 10 St Bride Street, London",
        "Minuted by Pat Manager (ToR §21)",
        "Present (4)",
        "Alex Able Acme Pumps plc In person",
        "Bea Brown Brightwater Analytics Online",
        "Cas Cole represented by Sam Stand-In Civic Data Cooperative In person",
        "Dee Dunn — In person",
        "Apologies Eve Evans, Fay Fox",
        "Absent Gus Gray",
        "In attendance Name Organisation Attended Olly Observer Water Regulator Online",
        "Declarations of interest Item Member Declaration 3. Budget for 2027 Alex Able Interest Director of a company bidding for the survey",
        "1. Welcome and apologies",
        "2. Minutes of the last meeting Nothing was minuted under this item.",
        "The Treasurer presented the draft budget. Decisions 1. The 2027 budget was approved \
         as presented. 2. The reserve stays at three months' costs.",
        "Actions Action Owner Due Circulate the approved budget to members Pat Manager Tue 5 Jan 2027",
        "Ask the auditors for a quote Bea Brown Fri 15 Jan 2027",
        "5. Any other business None.",
        "Generated by Secretariat on Tue 15 Dec 2026",
    ] {
        assert_contains(&text, expected);
    }

    // The notes keep their line and paragraph breaks: a line break starts
    // a new line, a blank line leaves a gap before the next paragraph.
    let top = |word: &str| word_top(&pdf, word);
    let (first, second, next) = (top("welcomed"), top("noted."), top("conflicts"));
    assert!(second > first && next > second, "{first} {second} {next}");
    assert!(next - second > (second - first) + 2.0, "no paragraph gap: lines at {first}, {second} and {next}");
}

#[test]
fn declarations_are_minuted_under_the_standard_item_when_the_agenda_has_one() {
    // Without the item: a section of their own, before the items.
    let text = flowing_text_of(&DOCUMENTS.minutes(&minutes()).expect("the minutes typeset"));
    let section = between(&text, "Declarations of interest", "Items");
    assert!(section.contains("Alex Able") && section.contains("Director of a company bidding for the survey"), "{section}");

    // With it: under that item, and no section of their own.
    let mut doc = minutes();
    doc.items[1] = item("2", "Declarations of interest", "Members were reminded to declare as items arise.");
    doc.declarations_under = Some("2".into());
    let text = flowing_text_of(&DOCUMENTS.minutes(&doc).expect("the minutes typeset"));
    assert_eq!(text.matches("Declarations of interest").count(), 1, "{text}");
    let under = between(&text, "2. Declarations of interest", "The Treasurer presented");
    assert!(under.contains("Alex Able") && under.contains("Director of a company bidding for the survey"), "{under}");
    assert!(under.contains("Members were reminded to declare"), "{under}");

    // Never under an item held in private (ToR §21): then back in their own section.
    doc.items[1].private_session = Some("Dee Dunn".into());
    let text = flowing_text_of(&DOCUMENTS.minutes(&doc).expect("the minutes typeset"));
    assert!(!between(&text, "2. Declarations of interest", "3. Budget for 2027").contains("Alex Able"), "{text}");
    assert!(between(&text, "Declarations of interest", "Items").contains("Alex Able"), "{text}");
}

#[test]
fn a_draft_is_marked_not_yet_approved_on_every_page() {
    let mut doc = minutes();
    let long_notes = "The group discussed the water quality data standard at length. \
                      Members raised the questions of scope, of timing and of cost. "
        .repeat(6);
    doc.items = (1..=12).map(|n| item(&n.to_string(), &format!("Topic {n}"), &format!("{long_notes}\n\n{long_notes}"))).collect();
    let pdf = DOCUMENTS.minutes(&doc).expect("the minutes typeset");
    let pages = page_count(&pdf);
    assert!(pages >= 3, "{pages} pages");
    for page in 1..=pages {
        assert_contains(&flowing(&pdf, Some(page)), "DRAFT — not yet approved");
    }
    assert!(!flowing_text_of(&pdf).contains("Approved at"));
}

#[test]
fn approved_minutes_say_where_and_when_and_list_the_corrections_recorded_since() {
    let pdf = DOCUMENTS.minutes(&approved(minutes())).expect("the minutes typeset");
    let text = flowing_text_of(&pdf);
    assert_contains(&text, "Approved at Meeting 15 on Tue 12 Jan 2027. Approved with one correction to item 3.");
    assert_contains(
        &text,
        "Corrections recorded after approval 1. Item 3: the reserve is four months' costs, not \
         three. 2. Present: Bea Brown joined online.",
    );
    assert!(!text.contains("DRAFT"), "{text}");
}

#[test]
fn approved_minutes_without_a_note_or_corrections_have_neither() {
    let mut doc = approved(minutes());
    doc.corrections.clear();
    if let MinutesStatus::Approved { note, .. } = &mut doc.status {
        note.clear();
    }
    let text = flowing_text_of(&DOCUMENTS.minutes(&doc).expect("the minutes typeset"));
    assert_contains(&text, "Approved at Meeting 15 on Tue 12 Jan 2027. Attendance");
    assert!(!text.contains("Corrections"), "{text}");
}

#[test]
fn a_private_session_without_who_requested_it_is_refused() {
    let mut doc = minutes();
    doc.items[3].private_session = Some(String::new());
    let err = DOCUMENTS.minutes(&doc).expect_err("nobody requested it");
    assert!(matches!(err, DocumentError::Invalid(_)), "{err:?}");
}

#[test]
fn minutes_print_hostile_text_literally() {
    let mut doc = approved(minutes());
    doc.group = HOSTILE_TYPST.into();
    doc.meeting_title = HOSTILE_MARKUP.into();
    doc.minute_taker = HOSTILE_HTML.into();
    doc.present[0].name = NON_ASCII.into();
    doc.present[1].substitute = HOSTILE_TYPST.into();
    doc.apologies = vec![HOSTILE_MARKUP.into()];
    doc.items[0].notes = format!("{HOSTILE_TYPST}\n\n{HOSTILE_MARKUP}");
    doc.items[2].decisions = vec![HOSTILE_HTML.into()];
    doc.items[2].actions[0].description = HOSTILE_MARKUP.into();
    doc.items[3].private_session = Some(HOSTILE_TYPST.into());
    doc.corrections = vec![HOSTILE_MARKUP.into()];
    let text = flowing_text_of(&DOCUMENTS.minutes(&doc).expect("the minutes typeset"));
    for expected in [HOSTILE_TYPST, HOSTILE_HTML, HOSTILE_MARKUP, NON_ASCII] {
        assert_contains(&text, expected);
    }
    assert_contains(&text, &format!("represented by {HOSTILE_TYPST}"));
    assert_contains(&text, &format!("(requested by {HOSTILE_TYPST}, agreed by the Chair)"));
    assert_contains(&text, &format!("Minuted by {HOSTILE_HTML} (ToR §21)"));
    assert!(text.matches(HOSTILE_MARKUP).count() >= 5, "{text}");
}

#[test]
fn the_same_minutes_give_the_same_bytes() {
    let doc = approved(minutes());
    assert_eq!(DOCUMENTS.minutes(&doc).expect("typesets"), DOCUMENTS.minutes(&doc).expect("typesets"));
}

// --------------------------------------------------------------- attendance

const MEETING_DATES: [&str; 14] =
    ["12 Jan", "9 Feb", "9 Mar", "13 Apr", "11 May", "8 Jun", "13 Jul", "10 Aug", "14 Sep", "12 Oct", "26 Oct", "9 Nov", "23 Nov", "14 Dec"];

/// The meetings of 26 Oct and 23 Nov were extra ones, not compulsory.
fn meetings() -> Vec<AttendanceMeeting> {
    MEETING_DATES.iter().map(|date| AttendanceMeeting { date: (*date).into(), compulsory: !["26 Oct", "23 Nov"].contains(date) }).collect()
}

const MEMBERS: [&str; 20] = [
    "Alex Able",
    "Bea Brown",
    "Cas Cole",
    "Dee Dunn",
    "Eve Evans",
    "Fay Fox",
    "Gus Gray",
    "Hal Hughes-Whittingstall",
    "Ivy Ives",
    "Jon Jones",
    "Kay Kirk",
    "Lou Lake",
    "Max Moore",
    "Ned Nash",
    "Ola Ode",
    "Pip Park",
    "Quin Quarry",
    "Rae Ross",
    "Sol Stone",
    "Tam Teague",
];

/// Whose rows reach the threshold of 2, and what was decided.
const FLAGGED: [(&str, Option<&str>); 3] =
    [("Cas Cole", Some("Retained on Tue 12 Jan 2028 by the Chair, Vice-Chair and programme manager: long illness.")), ("Gus Gray", None), ("Max Moore", None)];

/// A row's marks: mostly present, some online; the flagged members miss
/// compulsory meetings; Ivy Ives joined in June; everyone sends apologies to
/// the non-compulsory 26 Oct, which counts for nothing.
fn marks(member: &str) -> Vec<String> {
    MEETING_DATES
        .iter()
        .enumerate()
        .map(|(index, date)| {
            let mark = match (member, *date) {
                ("Ivy Ives", _) if index < 5 => "",
                (_, "26 Oct") => "A",
                ("Cas Cole", "9 Feb") => "A",
                ("Cas Cole", "13 Jul") => "X",
                ("Gus Gray", "9 Mar" | "14 Sep") => "X",
                ("Max Moore", "11 May" | "8 Jun" | "12 Oct") => "A",
                ("Bea Brown", "13 Apr") => "A",
                _ if index % 3 == 1 => "O",
                _ => "P",
            };
            mark.to_owned()
        })
        .collect()
}

fn attendance(member_count: usize) -> AttendanceReport {
    let meetings = meetings();
    let rows = MEMBERS[..member_count]
        .iter()
        .map(|member| {
            let marks = marks(member);
            let strikes = marks.iter().zip(&meetings).filter(|(mark, meeting)| meeting.compulsory && (*mark == "A" || *mark == "X")).count() as u32;
            AttendanceRow {
                name: (*member).into(),
                marks,
                strikes,
                decision: FLAGGED.iter().find(|(name, _)| name == member).and_then(|(_, decision)| decision.map(Into::into)),
            }
        })
        .collect();
    AttendanceReport {
        group: "Northern Water Quality Working Group".into(),
        year: 2027,
        threshold: 2,
        meetings,
        rows,
        generated: "Generated by Secretariat on Tue 14 Dec 2027".into(),
    }
}

#[test]
fn the_attendance_grid_shows_every_mark_and_the_strikes_across_one_landscape_page() {
    for (members, meeting_count) in [(20, 14), (12, 12)] {
        let mut report = attendance(members);
        report.meetings.truncate(meeting_count);
        for row in &mut report.rows {
            row.marks.truncate(meeting_count);
        }
        let pdf = DOCUMENTS.attendance_report(&report).expect("the report typesets");
        let info = run("pdfinfo", &[], &pdf);
        assert_contains(&info, "841.89 x 595.276 pts (A4)");
        // The whole grid is on the first page, each row on one line: the
        // name, every mark in meeting order (a blank prints nothing), then
        // the strikes.
        let layout = layout_text_of(&pdf, Some(1));
        let header = layout.lines().find(|line| line.trim_start().starts_with("Member")).unwrap_or_else(|| panic!("no header row:\n{layout}"));
        let mut expected_header = vec!["Member".to_owned()];
        for meeting in &report.meetings {
            let dagger = if meeting.compulsory { "" } else { "†" };
            expected_header.push(format!("{}{dagger}", meeting.date));
        }
        expected_header.push("Strikes".into());
        assert_eq!(header.split_whitespace().collect::<Vec<_>>().join(" "), expected_header.join(" "), "{layout}");
        for row in &report.rows {
            let line = layout.lines().find(|line| line.trim_start().starts_with(&row.name)).unwrap_or_else(|| panic!("no row for {}:\n{layout}", row.name));
            let after_name = &line[line.find(&row.name).expect("the name") + row.name.len()..];
            let cells: Vec<String> = after_name.replace("Threshold reached", "").split_whitespace().map(str::to_owned).collect();
            let mut expected: Vec<String> = row.marks.iter().filter(|mark| !mark.is_empty()).cloned().collect();
            expected.push(row.strikes.to_string());
            assert_eq!(cells, expected, "{}'s row:\n{layout}", row.name);
        }
    }
}

#[test]
fn the_legend_explains_the_marks_and_cites_tor_17_on_apologies() {
    let pdf = DOCUMENTS.attendance_report(&attendance(16)).expect("the report typesets");
    let text = flowing_text_of(&pdf);
    for expected in [
        "Attendance 2027 Northern Water Quality Working Group Strike policy, ToR §17",
        "16 members · 14 meetings (12 compulsory) · strike threshold 2 · 3 at or over it",
        "P present",
        "O present online",
        "A apologies sent",
        "X absent",
        "blank: not a member then, or not recorded",
        "apologies count as absence at compulsory meetings (ToR §17)",
        "A member with 2 or more strikes in 2027 is to be ejected",
        "† Not a compulsory meeting: shaded, and counts towards no strike.",
    ] {
        assert_contains(&text, expected);
    }
}

#[test]
fn rows_at_or_over_the_threshold_are_flagged_and_their_decisions_given_below_the_grid() {
    let report = attendance(20);
    let pdf = DOCUMENTS.attendance_report(&report).expect("the report typesets");
    let layout = layout_text_of(&pdf, None);
    for row in &report.rows {
        let line = layout.lines().find(|line| line.trim_start().starts_with(&row.name)).unwrap_or_else(|| panic!("no row for {}:\n{layout}", row.name));
        let flagged = FLAGGED.iter().any(|(name, _)| *name == row.name);
        assert_eq!(row.strikes >= report.threshold, flagged, "{}", row.name);
        assert_eq!(line.contains("Threshold reached"), flagged, "{}'s row:\n{line}", row.name);
    }
    let text = flowing_text_of(&pdf);
    let decisions = between(&text, "Decisions under ToR §17", "Generated by");
    assert_eq!(
        decisions.trim(),
        "• Cas Cole — 2 strikes. Retained on Tue 12 Jan 2028 by the Chair, Vice-Chair and \
         programme manager: long illness. • Gus Gray — 2 strikes. No decision recorded yet. \
         • Max Moore — 3 strikes. No decision recorded yet."
    );
}

#[test]
fn a_year_nobody_reached_the_threshold_has_no_decisions_section() {
    let report = attendance(2);
    let text = flowing_text_of(&DOCUMENTS.attendance_report(&report).expect("the report typesets"));
    assert_contains(&text, "0 at or over it");
    assert!(!text.contains("Decisions under"), "{text}");
}

#[test]
fn an_attendance_row_without_a_mark_for_every_meeting_is_refused() {
    let mut report = attendance(3);
    report.rows[1].marks.pop();
    let err = DOCUMENTS.attendance_report(&report).expect_err("Bea Brown lacks a mark");
    assert!(matches!(err, DocumentError::Invalid(_)), "{err:?}");
    assert_contains(&err.to_string(), "Bea Brown");
}

#[test]
fn the_attendance_report_prints_hostile_text_literally() {
    let mut report = attendance(4);
    report.group = HOSTILE_TYPST.into();
    report.rows[0].name = HOSTILE_MARKUP.into();
    report.rows[1].name = NON_ASCII.into();
    report.rows[2].name = HOSTILE_HTML.into();
    report.rows[2].decision = Some(HOSTILE_TYPST.into());
    report.meetings[0].date = "]*_".into();
    report.generated = HOSTILE_MARKUP.into();
    let text = flowing_text_of(&DOCUMENTS.attendance_report(&report).expect("the report typesets"));
    for expected in [HOSTILE_TYPST, HOSTILE_HTML, HOSTILE_MARKUP, NON_ASCII, "]*_"] {
        assert_contains(&text, expected);
    }
    assert_contains(&text, &format!("{HOSTILE_HTML} — 2 strikes. {HOSTILE_TYPST}"));
}

// --------------------------------------------------------------- action log

fn action_log() -> ActionLog {
    ActionLog {
        group: "Northern Water Quality Working Group".into(),
        as_of: "Tue 15 Dec 2026".into(),
        actions: vec![
            action("Book the January venue", "Pat Manager", "Fri 4 Dec 2026", "Done Thu 3 Dec 2026", false),
            action("Draft the data standard outline", "Alex Able", "Fri 18 Dec 2026", "Open", false),
            action("Send the survey to members", "Bea Brown", "Mon 30 Nov 2026", "Open", true),
            action("Commission the market study", "Cas Cole", "Mon 7 Dec 2026", "Dropped", false),
            action("Circulate the approved budget", "Pat Manager", "Tue 1 Dec 2026", "Open", true),
            action("Publish the 2026 minutes", "Pat Manager", "Fri 27 Nov 2026", "Done Wed 25 Nov 2026", false),
        ],
        generated: "Generated by Secretariat on Tue 15 Dec 2026".into(),
    }
}

#[test]
fn the_action_log_sums_up_then_lists_overdue_and_open_actions_first() {
    let pdf = DOCUMENTS.action_log(&action_log()).expect("the log typesets");
    let text = flowing_text_of(&pdf);
    assert_contains(&text, "Action log Northern Water Quality Working Group As of Tue 15 Dec 2026");
    assert_contains(&text, "3 open, 2 overdue, 2 done, 1 dropped Action Owner Due Status");
    let order = [
        "Send the survey to members",
        "Circulate the approved budget",
        "Draft the data standard outline",
        "Book the January venue",
        "Publish the 2026 minutes",
        "Commission the market study",
    ];
    let positions: Vec<usize> =
        order.iter().map(|description| text.find(description).unwrap_or_else(|| panic!("{description:?} is missing from:\n{text}"))).collect();
    assert!(positions.is_sorted(), "{order:?} out of order in:\n{text}");
    for expected in [
        "Send the survey to members Meeting of Tue 8 Dec 2026, item 3 Bea Brown Mon 30 Nov 2026 Open Overdue",
        "Circulate the approved budget Meeting of Tue 8 Dec 2026, item 3 Pat Manager Tue 1 Dec 2026 Open Overdue",
        "Draft the data standard outline Meeting of Tue 8 Dec 2026, item 3 Alex Able Fri 18 Dec 2026 Open",
        "Book the January venue Meeting of Tue 8 Dec 2026, item 3 Pat Manager Fri 4 Dec 2026 Done Thu 3 Dec 2026",
        "Commission the market study Meeting of Tue 8 Dec 2026, item 3 Cas Cole Mon 7 Dec 2026 Dropped",
    ] {
        assert_contains(&text, expected);
    }
    assert_eq!(text.matches("Overdue").count(), 2, "{text}");
}

#[test]
fn an_empty_action_log_says_so() {
    let mut log = action_log();
    log.actions.clear();
    let text = flowing_text_of(&DOCUMENTS.action_log(&log).expect("the log typesets"));
    assert_contains(&text, "0 open, 0 overdue, 0 done No actions have been recorded.");
}

#[test]
fn the_action_log_prints_hostile_text_literally() {
    let mut log = action_log();
    log.group = HOSTILE_TYPST.into();
    log.actions[0].description = HOSTILE_MARKUP.into();
    log.actions[1].owner = HOSTILE_HTML.into();
    log.actions[2].source = NON_ASCII.into();
    log.actions[3].status = HOSTILE_TYPST.into();
    let text = flowing_text_of(&DOCUMENTS.action_log(&log).expect("the log typesets"));
    for expected in [HOSTILE_TYPST, HOSTILE_HTML, HOSTILE_MARKUP, NON_ASCII] {
        assert_contains(&text, expected);
    }
    assert!(text.matches(HOSTILE_TYPST).count() >= 2, "{text}");
}
