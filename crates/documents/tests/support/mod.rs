//! Reading the PDFs the tests make, with poppler's tools (`apt-get install poppler-utils`).
#![allow(dead_code)] // Each test file uses its own share of these.

use std::process::Command;

/// Runs `tool args… file [-]` on `pdf` written to a fresh temporary folder
/// and returns its standard output.
pub fn run(tool: &str, args: &[&str], pdf: &[u8]) -> String {
    let folder = tempfile::tempdir().expect("a temporary folder");
    let path = folder.path().join("document.pdf");
    std::fs::write(&path, pdf).expect("the PDF is written");
    let mut command = Command::new(tool);
    command.args(args).arg(&path);
    if tool == "pdftotext" {
        command.arg("-");
    }
    let output = command.output().unwrap_or_else(|err| panic!("{tool} runs (apt-get install poppler-utils): {err}"));
    assert!(output.status.success(), "{tool} failed: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).expect("the tool prints UTF-8")
}

pub fn page_count(pdf: &[u8]) -> usize {
    let info = run("pdfinfo", &[], pdf);
    info.lines()
        .find_map(|line| line.strip_prefix("Pages:"))
        .and_then(|count| count.trim().parse().ok())
        .unwrap_or_else(|| panic!("pdfinfo reports a page count:\n{info}"))
}

/// The text in the order it was drawn (of one page, or all), whitespace
/// collapsed: a value that wraps reads back whole.
pub fn flowing(pdf: &[u8], page: Option<usize>) -> String {
    let page = page.map(|page| page.to_string());
    let mut args = vec!["-raw", "-enc", "UTF-8"];
    if let Some(page) = &page {
        args.extend(["-f", page, "-l", page]);
    }
    run("pdftotext", &args, pdf).split_whitespace().collect::<Vec<_>>().join(" ")
}

pub fn flowing_text_of(pdf: &[u8]) -> String {
    flowing(pdf, None)
}

pub fn assert_contains(text: &str, expected: &str) {
    assert!(text.contains(expected), "{expected:?} is missing from:\n{text}");
}
