//! An election's documents as people will meet them: the ballot papers (drawn
//! with printpdf), the call for nominations, the issue list and the result
//! report (typeset with typst), as real PDFs read back with poppler
//! (`pdftotext`, `pdfinfo`; Debian package poppler-utils).

mod support;

use std::sync::LazyLock;
use support::{assert_contains, flowing, flowing_text_of, page_count, run};

use secretariat_documents::{
    BallotCandidate, BallotMethod, BallotPapers, CallForNominations, Declaration, DocumentError, Documents, IssueLine, IssueList, ReconciliationLine,
    RejectedLine, ResultCandidate, ResultReport, ResultStage, RuleLine,
};

/// One typesetter for the whole test binary, as the app keeps one.
static DOCUMENTS: LazyLock<Documents> = LazyLock::new(Documents::new);

const HOSTILE_HTML: &str = "<img src=x onerror=alert(1)>";
const HOSTILE_TYPST: &str = "#panic(\"x\")";
const NON_ASCII: &str = "Zoë Ó'Brien – Ltd";

fn flowing_text_of_page(pdf: &[u8], page: usize) -> String {
    flowing(pdf, Some(page))
}

// ---------------------------------------------------------------- ballots

const ORGANISATIONS: [&str; 5] = [
    "Acme Pumps plc",
    "Northern Water Quality Partnership and Associated Laboratories Limited",
    "Brightwater Analytics",
    "Civic Data Cooperative",
    "Hydrotest Instruments (UK) Ltd",
];

fn candidates(count: usize) -> Vec<BallotCandidate> {
    (0..count)
        .map(|n| BallotCandidate {
            name: format!("Candidate {:02} Surname-{}", n + 1, (b'A' + n as u8) as char),
            organisation: (n % 4 != 3).then(|| ORGANISATIONS[n % ORGANISATIONS.len()].to_owned()),
            sme: n % 3 == 0,
        })
        .collect()
}

fn ballot(method: BallotMethod, candidate_count: usize, papers: usize) -> BallotPapers {
    BallotPapers {
        group: "Northern Water Quality Working Group".into(),
        title: "Election of supplier members 2027".into(),
        method,
        seats: 3,
        candidates: candidates(candidate_count),
        serials: (1..=papers as u32).map(|n| 100 + n * 7).collect(),
        return_by: "17:00 on Tue 9 Dec 2026".into(),
        returning_officer: "Sam Secretary".into(),
        constraint: String::new(),
    }
}

fn serial(n: u32) -> String {
    format!("No. {n:06}")
}

#[test]
fn twenty_candidates_take_a_page_each_and_every_serial_is_on_exactly_one_paper() {
    let papers = ballot(BallotMethod::Marks { up_to: 3 }, 20, 5);
    let pdf = DOCUMENTS.ballot_papers(&papers).expect("the papers draw");
    assert_eq!(page_count(&pdf), 5);
    for (index, &number) in papers.serials.iter().enumerate() {
        let page = flowing_text_of_page(&pdf, index + 1);
        // Prominently at the top and small at the foot.
        assert_eq!(page.matches(&serial(number)).count(), 2, "page {}:\n{page}", index + 1);
        for &other in papers.serials.iter().filter(|&&other| other != number) {
            assert!(!page.contains(&serial(other)), "page {} has {other} too", index + 1);
        }
        for candidate in &papers.candidates {
            assert_contains(&page, &candidate.name);
        }
    }
    let all = flowing_text_of(&pdf);
    for &number in &papers.serials {
        assert_eq!(all.matches(&serial(number)).count(), 2);
    }
}

#[test]
fn three_candidates_go_two_papers_to_a_page() {
    for papers_wanted in [1, 2, 5, 6] {
        let papers = ballot(BallotMethod::Preferences, 3, papers_wanted);
        let pdf = DOCUMENTS.ballot_papers(&papers).expect("the papers draw");
        assert_eq!(page_count(&pdf), papers_wanted.div_ceil(2), "{papers_wanted} papers");
        for (index, pair) in papers.serials.chunks(2).enumerate() {
            let page = flowing_text_of_page(&pdf, index + 1);
            for &number in pair {
                assert_eq!(page.matches(&serial(number)).count(), 2, "{page}");
            }
            assert_eq!(page.matches("Your preference").count(), pair.len(), "{page}");
        }
    }
}

#[test]
fn each_method_has_its_own_instructions() {
    let marks = flowing_text_of(&DOCUMENTS.ballot_papers(&ballot(BallotMethod::Marks { up_to: 2 }, 4, 1)).expect("the papers draw"));
    assert_contains(
        &marks,
        "Vote for up to 2 candidates. Put a cross (X) in the box next to each candidate you \
         vote for. Do not vote for more than 2.",
    );
    assert_contains(&marks, "Your vote");
    assert!(!marks.contains("Your preference"), "{marks}");
    assert!(!marks.contains("first choice"), "{marks}");

    let one = flowing_text_of(&DOCUMENTS.ballot_papers(&ballot(BallotMethod::Marks { up_to: 1 }, 4, 1)).expect("the papers draw"));
    assert_contains(&one, "Vote for up to 1 candidate. Put a cross (X) in the box next to the candidate you vote for. Do not vote for more than 1.");

    let preferences = flowing_text_of(&DOCUMENTS.ballot_papers(&ballot(BallotMethod::Preferences, 4, 1)).expect("the papers draw"));
    assert_contains(&preferences, "Seats to fill: 3");
    assert_contains(
        &preferences,
        "Put the number 1 in the box next to your first choice, 2 next to your second, and so \
         on. You may number as many or as few as you like.",
    );
    // What a returning officer's paper says (issue #18): one number once, and numbers only.
    assert_contains(&preferences, "Do not use the same number more than once.");
    assert_contains(&preferences, "Use numbers only: do not put a cross (X) or a tick in any box, or the paper may not be counted.");
    assert_contains(&preferences, "Your preference");
    assert!(!marks.contains("same number"), "{marks}");
}

#[test]
fn s13_s14_where_the_constraints_apply_the_paper_says_so_in_one_plain_line() {
    let mut papers = ballot(BallotMethod::Preferences, 4, 1);
    let plain = flowing_text_of(&DOCUMENTS.ballot_papers(&papers).expect("the papers draw"));
    assert!(!plain.contains("must be from an SME"), "{plain}");
    papers.constraint = "At least one of those elected must be from an SME: candidates from an SME are marked SME.".into();
    let text = flowing_text_of(&DOCUMENTS.ballot_papers(&papers).expect("the papers draw"));
    assert_contains(&text, "At least one of those elected must be from an SME: candidates from an SME are marked SME.");
}

#[test]
fn a_paper_says_where_to_return_it_that_it_is_secret_and_tags_smes() {
    let papers = ballot(BallotMethod::Marks { up_to: 3 }, 4, 1);
    let text = flowing_text_of(&DOCUMENTS.ballot_papers(&papers).expect("the papers draw"));
    assert_contains(&text, "Northern Water Quality Working Group");
    assert_contains(&text, "Election of supplier members 2027");
    assert_contains(
        &text,
        "Fold the paper once and return it to the returning officer, Sam Secretary, by 17:00 \
         on Tue 9 Dec 2026.",
    );
    assert_contains(&text, "secret");
    assert_contains(&text, "a paper with anything identifying the voter will be rejected.");
    // Candidates 1 and 4 are SMEs; candidate 4 has no organisation.
    assert_contains(&text, "Candidate 01 Surname-A Acme Pumps plc SME");
    assert_contains(&text, "Candidate 02 Surname-B Northern Water Quality Partnership");
    assert_contains(&text, "Candidate 04 Surname-D SME");
    assert_eq!(text.matches("SME").count(), 2, "{text}");
}

#[test]
fn a_ballot_paper_is_never_drawn_with_a_name_reversed_by_u202e_or_holding_a_control_character() {
    // Writes refuse these (secretariat_rules::text); this is a row edited outside
    // Secretariat or written before the check: the renderer refuses too, naming it.
    let mut papers = ballot(BallotMethod::Preferences, 3, 2);
    papers.candidates[1].name = "Smith \u{202E}htimS".into();
    let error = DOCUMENTS.ballot_papers(&papers).unwrap_err().to_string();
    assert!(error.contains("A candidate's name"), "{error}");
    assert!(error.contains("U+202E"), "{error}");
    assert!(error.contains("correct it before printing ballot papers"), "{error}");

    let mut papers = ballot(BallotMethod::Marks { up_to: 1 }, 3, 1);
    papers.candidates[0].organisation = Some("Kestrel\u{0007} Ltd".into());
    let error = DOCUMENTS.ballot_papers(&papers).unwrap_err().to_string();
    assert!(error.contains("A candidate's organisation, \u{201c}Kestrel Ltd\u{201d}"), "{error}");
    assert!(error.contains("U+0007"), "{error}");

    let mut papers = ballot(BallotMethod::Preferences, 3, 1);
    papers.returning_officer = "Pat \u{2066}Officer".into();
    assert!(DOCUMENTS.ballot_papers(&papers).unwrap_err().to_string().contains("The returning officer"));
}

#[test]
fn ballot_papers_print_hostile_and_non_ascii_names_literally() {
    let mut papers = ballot(BallotMethod::Preferences, 3, 2);
    papers.group = NON_ASCII.into();
    papers.title = format!("Election {HOSTILE_TYPST}");
    papers.candidates[0].name = HOSTILE_TYPST.into();
    papers.candidates[1].name = HOSTILE_HTML.into();
    papers.candidates[2].organisation = Some(NON_ASCII.into());
    papers.returning_officer = "Renée Ødegård".into();
    let text = flowing_text_of(&DOCUMENTS.ballot_papers(&papers).expect("the papers draw"));
    for expected in [NON_ASCII, &format!("Election {HOSTILE_TYPST}"), HOSTILE_TYPST, HOSTILE_HTML, "returning officer, Renée Ødegård, by"] {
        // On both papers.
        assert!(text.matches(expected).count() >= papers.serials.len(), "{expected:?} is not on every paper:\n{text}");
    }
}

#[test]
fn ballot_papers_without_candidates_or_serials_are_refused() {
    let mut papers = ballot(BallotMethod::Preferences, 3, 2);
    papers.candidates.clear();
    let err = DOCUMENTS.ballot_papers(&papers).expect_err("no candidates");
    assert!(matches!(err, DocumentError::Invalid(_)), "{err:?}");
    assert_eq!(err.to_string(), "Ballot papers cannot be printed without candidates.");

    let mut papers = ballot(BallotMethod::Preferences, 3, 2);
    papers.serials.clear();
    let err = DOCUMENTS.ballot_papers(&papers).expect_err("no serials");
    assert!(matches!(err, DocumentError::Invalid(_)), "{err:?}");
    assert!(err.to_string().contains("without serial numbers"), "{err}");

    let mut papers = ballot(BallotMethod::Preferences, 3, 2);
    papers.serials = vec![5, 6, 5];
    let err = DOCUMENTS.ballot_papers(&papers).expect_err("a repeated serial");
    assert_eq!(err.to_string(), "The serial number 000005 is given twice; every ballot paper needs its own.");
}

#[test]
fn more_candidates_than_a_page_holds_are_refused() {
    let papers = ballot(BallotMethod::Preferences, 40, 1);
    let err = DOCUMENTS.ballot_papers(&papers).expect_err("40 rows do not fit");
    assert!(err.to_string().starts_with("The ballot paper does not fit on one A4 page: 40 candidates"), "{err}");
}

#[test]
fn the_same_ballot_papers_give_the_same_bytes() {
    let papers = ballot(BallotMethod::Marks { up_to: 3 }, 6, 4);
    let first = DOCUMENTS.ballot_papers(&papers).expect("the papers draw");
    let second = DOCUMENTS.ballot_papers(&papers).expect("the papers draw");
    assert!(first == second, "two runs differ");
    // Subset fonts: a page of papers is tens of kilobytes, not megabytes.
    assert!(first.len() < 150_000, "{} bytes", first.len());
}

// ------------------------------------------------------ call for nominations

fn call() -> CallForNominations {
    CallForNominations {
        group: "Northern Water Quality Working Group".into(),
        title: "Election of supplier members 2027".into(),
        issued_on: "Mon 2 Nov 2026".into(),
        closes_on: "17:00 on Mon 16 Nov 2026".into(),
        seats: "3 supplier seats".into(),
        term: "two years from the declaration".into(),
        eligibility: vec![
            RuleLine { paragraph: "ToR §12".into(), text: "A candidate must work for a techUK member company that supplies the sector.".into() },
            RuleLine { paragraph: "ToR §14".into(), text: "No more than one member may come from the same company.".into() },
        ],
        how_to_nominate: vec!["Complete the nomination form.".into(), "Have it seconded by another member.".into(), "Send it to the returning officer.".into()],
        constraints: vec!["At least 1 of the winners must be from an SME (ToR §13)".into()],
        returning_officer: "Sam Secretary".into(),
    }
}

#[test]
fn the_call_for_nominations_gives_the_seats_dates_and_the_tor_paragraphs() {
    let pdf = DOCUMENTS.call_for_nominations(&call()).expect("the call typesets");
    assert!(page_count(&pdf) <= 2);
    let text = flowing_text_of(&pdf);
    for expected in [
        "Call for nominations",
        "Election of supplier members 2027",
        "Issued Mon 2 Nov 2026",
        "3 supplier seats",
        "two years from the declaration",
        "17:00 on Mon 16 Nov 2026",
        "Sam Secretary",
        "ToR §12 A candidate must work for a techUK member company",
        "ToR §14 No more than one member",
        "1. Complete the nomination form.",
        "3. Send it to the returning officer.",
        "At least 1 of the winners must be from an SME (ToR §13)",
    ] {
        assert_contains(&text, expected);
    }
}

#[test]
fn the_call_for_nominations_prints_hostile_text_literally() {
    let mut hostile = call();
    hostile.group = HOSTILE_TYPST.into();
    hostile.title = HOSTILE_HTML.into();
    hostile.returning_officer = NON_ASCII.into();
    hostile.how_to_nominate = vec![HOSTILE_TYPST.into()];
    let text = flowing_text_of(&DOCUMENTS.call_for_nominations(&hostile).expect("the call typesets"));
    for expected in [HOSTILE_TYPST, HOSTILE_HTML, NON_ASCII] {
        assert_contains(&text, expected);
    }
}

// ------------------------------------------------------------- issue list

fn issue_list() -> IssueList {
    IssueList {
        group: "Northern Water Quality Working Group".into(),
        title: "Election of supplier members 2027".into(),
        electors: vec![
            IssueLine { name: "Alex Able".into(), issued: true },
            IssueLine { name: HOSTILE_TYPST.into(), issued: false },
            IssueLine { name: HOSTILE_HTML.into(), issued: true },
            IssueLine { name: NON_ASCII.into(), issued: true },
        ],
        printed: 10,
        spoilt: 1,
        issued_count: 3,
    }
}

#[test]
fn the_issue_list_ticks_who_was_issued_a_paper_and_never_says_which() {
    let pdf = DOCUMENTS.issue_list(&issue_list()).expect("the list typesets");
    let text = flowing_text_of(&pdf);
    assert_contains(&text, "This list records who was issued a ballot paper, never which paper.");
    for expected in
        ["Papers printed 10", "Papers issued 3", "Papers spoilt 1", "Alex Able ✓", &format!("{HOSTILE_TYPST} {HOSTILE_HTML} ✓"), &format!("{NON_ASCII} ✓")]
    {
        assert_contains(&text, expected);
    }
    assert_eq!(text.matches('✓').count(), 3, "{text}");
    // No serial number, nor anything as long as one (the year in the
    // election's title is the longest number).
    assert!(!text.contains("No."), "{text}");
    let digits = text.split(|c: char| !c.is_ascii_digit()).map(str::len).max().unwrap_or(0);
    assert!(digits <= 4, "a number of {digits} digits:\n{text}");
}

// ------------------------------------------------------------ result report

fn result_report(stage_count: usize) -> ResultReport {
    let candidates: Vec<ResultCandidate> = [
        ("Alex Able", Some("Acme Pumps plc"), true),
        ("Bea Brown", Some("Brightwater Analytics"), false),
        ("Cas Cole", None, false),
        ("Dee Dunn", Some("Civic Data Cooperative"), true),
    ]
    .into_iter()
    .map(|(name, organisation, sme)| ResultCandidate { name: name.into(), organisation: organisation.map(Into::into), sme })
    .collect();
    let stages = (1..=stage_count as u32)
        .map(|number| {
            // Cas Cole is excluded at stage 2; Alex Able elected at stage 1,
            // Bea Brown at the last stage.
            let states = vec![
                "Elected".to_owned(),
                if number == stage_count as u32 { "Elected".into() } else { String::new() },
                if number >= 2 { "Excluded".into() } else { String::new() },
                String::new(),
            ];
            ResultStage {
                number,
                action: if number == 1 { "First preferences".into() } else { format!("Transfer {number}") },
                description: format!("Description of stage {number}."),
                totals: (0..4).map(|row| format!("{}.{:02}", 100 + row * 10 + number, number)).collect(),
                non_transferable: format!("{number}.00"),
                states,
            }
        })
        .collect();
    ResultReport {
        group: "Northern Water Quality Working Group".into(),
        title: "Election of supplier members 2027".into(),
        method: "Single transferable vote (Scottish rules, SSI 2007/42)".into(),
        seats: 2,
        quota: Some("134.34".into()),
        valid_votes: "402".into(),
        candidates,
        stages,
        elected: vec!["Alex Able".into(), "Bea Brown".into()],
        reconciliation: vec![
            ReconciliationLine { label: "Papers issued".into(), value: "410".into(), ok: true },
            ReconciliationLine { label: "Papers returned".into(), value: "405".into(), ok: false },
        ],
        rejected: vec![RejectedLine { reason: "Voter could be identified".into(), count: 2 }, RejectedLine { reason: "No first preference".into(), count: 1 }],
        ties: vec!["Cas Cole and Dee Dunn tied at stage 2; lots were drawn.".into()],
        constraints: vec!["At least 1 of the winners must be from an SME (ToR §13): met.".into()],
        declaration: Declaration { returning_officer: "Sam Secretary".into(), declared_on: Some("Wed 10 Dec 2026".into()) },
        draft: false,
    }
}

#[test]
fn the_result_report_shows_every_stage_total_the_elected_and_the_declaration() {
    let report = result_report(3);
    let pdf = DOCUMENTS.election_result(&report).expect("the report typesets");
    let text = flowing_text_of(&pdf);
    for stage in &report.stages {
        assert_contains(&text, &format!("Stage {}", stage.number));
        assert_contains(&text, &stage.description);
        for total in &stage.totals {
            assert_contains(&text, total);
        }
        assert_contains(&text, &stage.non_transferable);
    }
    for expected in [
        "Single transferable vote (Scottish rules, SSI 2007/42)",
        "Quota 134.34",
        "Valid votes 402",
        "1. Alex Able — Acme Pumps plc SME",
        "2. Bea Brown — Brightwater Analytics",
        "Elected",
        "Excluded",
        "Papers returned 405 ✗ No",
        "Voter could be identified 2",
        "Total 3",
        "lots were drawn",
        "(ToR §13): met.",
        "I, Sam Secretary, being the returning officer, declare that Alex Able and Bea Brown were elected.",
        "Wed 10 Dec 2026",
    ] {
        assert_contains(&text, expected);
    }
    assert!(!text.contains("DRAFT"), "{text}");
}

#[test]
fn a_draft_result_is_marked_on_every_page() {
    let mut report = result_report(15);
    report.draft = true;
    let pdf = DOCUMENTS.election_result(&report).expect("the report typesets");
    let pages = page_count(&pdf);
    assert!(pages >= 2, "{pages} pages");
    for page in 1..=pages {
        assert_contains(&flowing_text_of_page(&pdf, page), "DRAFT — not declared");
    }
}

#[test]
fn fifteen_stages_are_split_into_tables_and_every_total_is_shown() {
    let report = result_report(15);
    let pdf = DOCUMENTS.election_result(&report).expect("the report typesets");
    let text = flowing_text_of(&pdf);
    assert_contains(&text, "Stages 1 to 8");
    assert_contains(&text, "Stages 9 to 15");
    for stage in &report.stages {
        for total in &stage.totals {
            assert_contains(&text, total);
        }
    }
    // Landscape: wider than tall.
    let info = run("pdfinfo", &[], &pdf);
    assert_contains(&info, "841.89 x 595.276 pts (A4)");
}

#[test]
fn the_result_report_prints_hostile_names_literally() {
    let mut report = result_report(2);
    report.candidates[0].name = HOSTILE_TYPST.into();
    report.candidates[1].name = HOSTILE_HTML.into();
    report.candidates[2].organisation = Some(NON_ASCII.into());
    report.elected = vec![HOSTILE_TYPST.into(), HOSTILE_HTML.into()];
    report.title = HOSTILE_TYPST.into();
    let text = flowing_text_of(&DOCUMENTS.election_result(&report).expect("the report typesets"));
    assert_contains(&text, &format!("declare that {HOSTILE_TYPST} and {HOSTILE_HTML} were elected."));
    assert_contains(&text, NON_ASCII);
    assert!(text.matches(HOSTILE_TYPST).count() >= 3, "{text}");
}

#[test]
fn a_stage_without_a_total_per_candidate_is_refused() {
    let mut report = result_report(2);
    report.stages[1].totals.pop();
    let err = DOCUMENTS.election_result(&report).expect_err("stage 2 lacks a total");
    assert!(matches!(err, DocumentError::Invalid(_)), "{err:?}");
}
