//! Issue #15: a hostile or broken PDF offered as a paper never takes the app down.
//!
//! Over a thousand mutants of real PDFs (typst's own output and a classic hand-written
//! file): truncations, flipped bytes, mangled numbers, arrays and dictionaries nested
//! 100,000 deep, and absurd object counts. Each is either accepted or refused with a
//! message for the person; one that crashes the reader is "could not be read". The
//! mutants that can overflow the stack or exhaust memory go only through the checking
//! child (`PaperChecker`, the `paper-check` binary); the rest are read in-process by
//! `check_paper` (the same reader) under `catch_unwind`, and a sample of them, with any
//! that panicked, through the child as well.

use base64::Engine;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use secretariat_api::types::*;
use secretariat_api::{KdfParams, MemoryKeychain, PaperChecker, Session, SessionConfig};
use secretariat_documents::{Documents, PaperError, check_paper};
use std::sync::Arc;
use std::time::Instant;

const LIMIT: usize = 20 * 1024 * 1024;

fn checker() -> PaperChecker {
    PaperChecker::program(env!("CARGO_BIN_EXE_paper-check"))
}

/// A classic PDF, every object in plain text with an xref table: one page whose
/// dictionary ends with `page_extra`, and `trailer_extra` in the trailer.
fn classic_pdf(page_extra: &str, trailer_extra: &str) -> Vec<u8> {
    let content = "BT /F1 24 Tf 72 720 Td (A paper for the meeting) Tj ET";
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_owned(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_owned(),
        format!("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> {page_extra} >>"),
        format!("<< /Length {} >>\nstream\n{content}\nendstream", content.len()),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_owned(),
    ];
    assemble(&objects, trailer_extra)
}

fn assemble(objects: &[String], trailer_extra: &str) -> Vec<u8> {
    let mut pdf = b"%PDF-1.7\n".to_vec();
    let mut offsets = Vec::new();
    for (index, object) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend_from_slice(format!("{} 0 obj\n{object}\nendobj\n", index + 1).as_bytes());
    }
    let xref = pdf.len();
    pdf.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
    for offset in offsets {
        pdf.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    pdf.extend_from_slice(format!("trailer\n<< /Size {} /Root 1 0 R {trailer_extra} >>\nstartxref\n{xref}\n%%EOF\n", objects.len() + 1).as_bytes());
    pdf
}

fn nested(open: &str, inner: &str, close: &str, depth: usize) -> String {
    format!("{}{inner}{}", open.repeat(depth), close.repeat(depth))
}

/// The mutants that can overflow a stack or exhaust memory: only ever read by the child.
fn hostile() -> Vec<(String, Vec<u8>)> {
    let deep = 100_000;
    let mut files = vec![
        ("an extra key holding arrays nested 100,000 deep".to_owned(), classic_pdf(&format!("/X {}", nested("[", "0", "]", deep)), "")),
        (
            "a MediaBox nested 100,000 deep".to_owned(),
            classic_pdf("", "").replacen_bytes("/MediaBox [0 0 595 842]", &format!("/MediaBox {}", nested("[", "0 0 595 842", "]", deep))),
        ),
        ("resources as dictionaries nested 100,000 deep".to_owned(), classic_pdf(&format!("/Y {}", nested("<< /A ", "1", " >>", deep)), "")),
        ("a trailer holding arrays nested 100,000 deep".to_owned(), classic_pdf("", &format!("/Z {}", nested("[", "", "]", deep)))),
        ("a content stream of arrays nested 100,000 deep".to_owned(), {
            let content = nested("[", "", "]", deep) + " Tj";
            assemble(
                &[
                    "<< /Type /Catalog /Pages 2 0 R >>".to_owned(),
                    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_owned(),
                    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>".to_owned(),
                    format!("<< /Length {} >>\nstream\n{content}\nendstream", content.len()),
                ],
                "",
            )
        }),
        ("a page tree that counts two thousand million pages".to_owned(), classic_pdf("", "").replacen_bytes("/Count 1", "/Count 2147483647")),
        ("a trailer that claims four thousand million objects".to_owned(), classic_pdf("", "").replacen_bytes("/Size 6", "/Size 4294967295")),
        ("an xref section that claims a hundred million entries".to_owned(), classic_pdf("", "").replacen_bytes("xref\n0 6", "xref\n0 100000000")),
        ("a page tree whose kids are itself".to_owned(), classic_pdf("", "").replacen_bytes("/Kids [3 0 R]", "/Kids [2 0 R 2 0 R]")),
        ("one page listed two hundred times".to_owned(), {
            let kids = "3 0 R ".repeat(200);
            classic_pdf("", "").replacen_bytes("/Kids [3 0 R] /Count 1", &format!("/Kids [{kids}] /Count 200"))
        }),
    ];
    // A hundred thousand objects, none of them used.
    let mut many = vec!["<< /Type /Catalog /Pages 2 0 R >>".to_owned(), "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_owned()];
    many.push("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>".to_owned());
    many.extend((0..100_000).map(|i| format!("[{i}]")));
    files.push(("a hundred thousand objects".to_owned(), assemble(&many, "")));
    files
}

trait ReplaceBytes {
    fn replacen_bytes(self, from: &str, to: &str) -> Vec<u8>;
}

impl ReplaceBytes for Vec<u8> {
    fn replacen_bytes(self, from: &str, to: &str) -> Vec<u8> {
        let text = String::from_utf8(self).expect("a classic PDF is text");
        assert!(text.contains(from), "{from}");
        text.replacen(from, to, 1).into_bytes()
    }
}

/// The mutants that only damage a real file's structure: the reader's recursion stays as
/// shallow as the file's own nesting, so they can be read in-process too.
fn mutants(seeds: &[Vec<u8>], count: usize) -> Vec<(String, Vec<u8>)> {
    let mut rng = StdRng::seed_from_u64(15);
    (0..count)
        .map(|n| {
            let seed = &seeds[n % seeds.len()];
            let mut bytes = seed.clone();
            let how = match n % 4 {
                0 => {
                    // Cut short; half of them given a new end, so the reader gets past the
                    // "incomplete" check and meets the damage.
                    let at = rng.gen_range(0..bytes.len());
                    bytes.truncate(at);
                    if rng.gen_bool(0.5) {
                        bytes.extend_from_slice(b"\n%%EOF\n");
                    }
                    format!("cut at {at}")
                }
                1 => {
                    let flips = rng.gen_range(1..=16);
                    for _ in 0..flips {
                        let at = rng.gen_range(0..bytes.len());
                        bytes[at] ^= 1 << rng.gen_range(0..8);
                    }
                    format!("{flips} bits flipped")
                }
                2 => {
                    // A run of bytes overwritten with random ones.
                    let at = rng.gen_range(0..bytes.len());
                    let len = rng.gen_range(1..=64).min(bytes.len() - at);
                    rng.fill(&mut bytes[at..at + len]);
                    format!("{len} bytes at {at} overwritten")
                }
                _ => {
                    // A number changed: object numbers, lengths, offsets, counts.
                    let digits: Vec<usize> = (0..bytes.len()).filter(|&i| bytes[i].is_ascii_digit()).collect();
                    let at = digits[rng.gen_range(0..digits.len())];
                    let with = ["0", "9", "99999999", "-1", "4294967296", "1.5e300"][rng.gen_range(0..6)];
                    bytes.splice(at..at + 1, with.bytes());
                    format!("a digit at {at} made {with}")
                }
            };
            (how, bytes)
        })
        .collect()
}

/// A refusal worded for the person, never a crash.
fn assert_answered(what: &str, result: &Result<secretariat_documents::PaperInfo, PaperError>) {
    match result {
        Ok(info) => assert!(info.pages > 0, "{what}: accepted with no pages"),
        Err(PaperError::TooLarge { .. }) => panic!("{what}: refused as too large"),
        Err(error) => {
            let message = error.to_string();
            assert!(
                message.contains("could not be read")
                    || message.contains("cannot be read")
                    || message.starts_with("This file is not a PDF")
                    || message.starts_with("This PDF is encrypted")
                    || message == "This PDF has no pages.",
                "{what}: {message}"
            );
        }
    }
}

#[test]
fn a_thousand_mutated_pdfs_are_each_accepted_or_refused_and_nothing_crashes_the_app() {
    let started = Instant::now();
    let documents = Documents::new();
    let seeds = vec![
        documents.sample_paper("Roadmap", "Someone", 1).unwrap(),
        documents.sample_paper("Custody data model", "Someone else", 4).unwrap(),
        classic_pdf("", ""),
    ];
    for seed in &seeds {
        assert!(check_paper(seed, LIMIT).is_ok(), "a seed is a good paper");
    }
    assert_eq!(checker().check(&seeds[2], LIMIT), Ok(secretariat_documents::PaperInfo { pages: 1, title: None }), "the child accepts a good paper");

    let mutants = mutants(&seeds, 1_100);
    let (mut accepted, mut refused, mut panicked, mut through_child) = (0, 0, 0, 0);
    for (n, (how, bytes)) in mutants.iter().enumerate() {
        let in_process = std::panic::catch_unwind(|| check_paper(bytes, LIMIT));
        match &in_process {
            Ok(result) => {
                assert_answered(how, result);
                if result.is_ok() { accepted += 1 } else { refused += 1 }
            }
            Err(_) => panicked += 1,
        }
        // In the app a panic aborts: the child must turn it into a refusal.
        if in_process.is_err() || n % 10 == 0 {
            let result = checker().check(bytes, LIMIT);
            assert_answered(how, &result);
            if in_process.is_err() {
                assert_eq!(result, Err(PaperError::Unreadable), "{how}");
            }
            through_child += 1;
        }
    }

    let hostile = hostile();
    for (what, bytes) in &hostile {
        let result = checker().check(bytes, LIMIT);
        assert_answered(what, &result);
        through_child += 1;
    }
    let elapsed = started.elapsed();
    eprintln!(
        "{} mutants: {accepted} accepted, {refused} refused, {panicked} panicked in-process; {through_child} read by the child; {:.1} s",
        mutants.len() + hostile.len(),
        elapsed.as_secs_f64()
    );
    assert!(mutants.len() + hostile.len() >= 1_000);
    // hayro repairs much of what it meets; a good share must still reach a refusal.
    assert!(refused >= 300, "the mutants reach the reader's refusals: {refused}");
}

#[test]
fn arrays_nested_100_000_deep_are_refused_as_unreadable_without_ending_the_checker_s_caller() {
    let bytes = classic_pdf(&format!("/X {}", nested("[", "0", "]", 100_000)), "");
    assert_eq!(checker().check(&bytes, LIMIT), Err(PaperError::Unreadable));
    assert_eq!(
        PaperError::Unreadable.to_string(),
        "This PDF could not be read: reading it failed. Save it again as a PDF from the program that made it (or print it to PDF) and add that copy."
    );
}

#[test]
fn a_checker_that_cannot_be_started_refuses_the_paper_rather_than_accepting_it() {
    let missing = PaperChecker::program("/nonexistent/secretariat");
    assert_eq!(missing.check(&classic_pdf("", ""), LIMIT), Err(PaperError::Unreadable));
    assert_eq!(missing.check(&classic_pdf("", ""), 10), Err(PaperError::TooLarge { max_bytes: 10 }), "the size is checked first");
}

/// Through the window's and the command line's way in: the paper is refused at the file
/// field, nothing is stored, and the session goes on.
#[tokio::test]
async fn a_hostile_paper_offered_to_a_meeting_is_refused_at_the_field_and_the_session_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let s = Session::new(SessionConfig {
        data_dir: dir.path().to_path_buf(),
        keychain: Arc::new(MemoryKeychain::default()),
        passphrase: Some(secretariat_api::Passphrase::new("a recovery passphrase")),
        kdf: KdfParams::fast_for_tests(),
        today: Some(chrono::NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()),
        paper_checker: checker(),
    });
    let g = s.create_group(CreateGroupRequest { name: "Interop WG".into(), template: "techuk-interop".into(), ..Default::default() }).await.unwrap().group.id;
    let day = chrono::NaiveDate::from_ymd_opt(2026, 12, 8).unwrap();
    let page = s.add_meeting_quick(g, "Working group meeting", day.and_hms_opt(14, 0, 0).unwrap(), day.and_hms_opt(16, 0, 0).unwrap(), true).await.unwrap();
    let item = page.detail.items[0].id;
    let attach = |bytes: &[u8]| AttachPaper {
        group_id: g,
        item_id: item,
        paper_id: None,
        title: "Hostile".into(),
        file_name: "hostile.pdf".into(),
        data_base64: base64::engine::general_purpose::STANDARD.encode(bytes),
    };
    let refused = s.attach_paper(attach(&classic_pdf(&format!("/X {}", nested("[", "0", "]", 100_000)), ""))).await.unwrap_err();
    assert_eq!(refused.field.as_deref(), Some("file"));
    assert!(refused.message.starts_with("This PDF could not be read"), "{}", refused.message);
    let page = s.attach_paper(attach(&classic_pdf("", ""))).await.unwrap();
    let papers: Vec<_> = page.detail.items.iter().flat_map(|i| &i.papers).collect();
    assert_eq!(papers.len(), 1, "only the good paper is stored");
    assert_eq!(papers[0].pages, 1);
    s.close().await;
}
