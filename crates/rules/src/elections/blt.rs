//! The BLT ballot file (Electoral Reform Society / OpenSTV / Droop): read and written.
//!
//! ```text
//! 4 2                 candidates, seats
//! -3                  optional: withdrawn candidates, as negative numbers
//! 3 1 2 0             a ballot line: weight (papers alike), preferences (1-based), 0
//! 1 4 0
//! 0                   end of ballots
//! "Ada" "Ben" "Cy" "Di"   one quoted name per candidate (usually one a line)
//! "Chair 2026"        the title
//! ```
//!
//! Blank lines are ignored anywhere, and so are comments: `#` to the end of the line, or
//! `/* … */`, and anything after the title. Each ballot is on one line. Equal rankings (`2=3`) and skipped preferences (`-`)
//! are refused with a clear error: the Scottish rules have neither.

use super::{Ballot, Candidate, Constraints, Election};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The contents of a BLT file. Indexes are 0-based; the file's are 1-based.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BltFile {
    pub title: String,
    pub seats: usize,
    pub candidates: Vec<String>,
    pub withdrawn: Vec<usize>,
    pub ballots: Vec<Ballot>,
}

impl BltFile {
    /// The election the file describes, with no constraints and no organisations.
    pub fn to_election(&self) -> Election {
        self.clone().into()
    }
}

impl From<BltFile> for Election {
    fn from(file: BltFile) -> Election {
        Election {
            title: file.title,
            seats: file.seats,
            candidates: file.candidates.into_iter().map(Candidate::named).collect(),
            withdrawn: file.withdrawn,
            ballots: file.ballots,
            constraints: Constraints::default(),
        }
    }
}

/// Why a BLT file could not be read, and where.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize, TS)]
#[error("line {line}: {message}")]
pub struct BltError {
    /// 1-based.
    pub line: usize,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Token {
    line: usize,
    text: String,
    quoted: bool,
}

/// Reads a BLT file.
pub fn parse_blt(text: &str) -> Result<BltFile, BltError> {
    let tokens = tokenize(text)?;
    let last_line = text.lines().count().max(1);
    Parser { tokens: tokens.into_iter().peekable(), last_line }.file()
}

/// Writes a BLT file that [`parse_blt`] reads back as the same [`BltFile`]. The format has no
/// escapes, so a double quote in a name or title is written as a single quote and a line break
/// as a space; a ballot of weight 0 is left out (0 would end the ballots).
pub fn write_blt(file: &BltFile) -> String {
    let mut out = format!("{} {}\n", file.candidates.len(), file.seats);
    if !file.withdrawn.is_empty() {
        let withdrawn: Vec<String> = file.withdrawn.iter().map(|w| format!("-{}", w + 1)).collect();
        out.push_str(&withdrawn.join(" "));
        out.push('\n');
    }
    for ballot in file.ballots.iter().filter(|b| b.weight > 0) {
        out.push_str(&ballot.weight.to_string());
        for p in &ballot.preferences {
            out.push_str(&format!(" {}", p + 1));
        }
        out.push_str(" 0\n");
    }
    out.push_str("0\n");
    for name in &file.candidates {
        out.push_str(&quoted(name));
        out.push('\n');
    }
    out.push_str(&quoted(&file.title));
    out.push('\n');
    out
}

fn quoted(text: &str) -> String {
    let clean: String = text
        .chars()
        .map(|c| {
            if c == '"' {
                '\''
            } else if c == '\n' || c == '\r' {
                ' '
            } else {
                c
            }
        })
        .collect();
    format!("\"{clean}\"")
}

fn tokenize(text: &str) -> Result<Vec<Token>, BltError> {
    let mut tokens = Vec::new();
    let mut chars = text.char_indices().peekable();
    let mut line = 1;
    while let Some((_, c)) = chars.next() {
        match c {
            '\n' => line += 1,
            c if c.is_whitespace() || c == '\u{feff}' => {}
            '#' => while chars.next_if(|&(_, c)| c != '\n').is_some() {},
            '/' if chars.peek().is_some_and(|&(_, c)| c == '*') => {
                let opened = line;
                chars.next();
                let mut closed = false;
                while let Some((_, c)) = chars.next() {
                    match c {
                        '\n' => line += 1,
                        '*' if chars.next_if(|&(_, c)| c == '/').is_some() => {
                            closed = true;
                            break;
                        }
                        _ => {}
                    }
                }
                if !closed {
                    return Err(BltError { line: opened, message: "a /* comment is never closed with */".into() });
                }
            }
            '"' => {
                let mut text = String::new();
                loop {
                    match chars.next() {
                        Some((_, '"')) => break,
                        Some((_, '\n')) | None => {
                            return Err(BltError { line, message: "a quoted name or title has no closing \" on its line".into() });
                        }
                        Some((_, c)) => text.push(c),
                    }
                }
                tokens.push(Token { line, text, quoted: true });
            }
            c => {
                let mut text = c.to_string();
                while let Some((_, c)) = chars.next_if(|&(_, c)| !c.is_whitespace() && c != '"' && c != '#') {
                    text.push(c);
                }
                tokens.push(Token { line, text, quoted: false });
            }
        }
    }
    Ok(tokens)
}

struct Parser<I: Iterator<Item = Token>> {
    tokens: std::iter::Peekable<I>,
    last_line: usize,
}

impl<I: Iterator<Item = Token>> Parser<I> {
    fn file(mut self) -> Result<BltFile, BltError> {
        let candidates = self.count("the number of candidates")?;
        let seats = self.count("the number of seats")?;
        let withdrawn = self.withdrawn(candidates)?;
        let ballots = self.ballots(candidates)?;
        let names = (1..=candidates).map(|i| self.name(i, candidates)).collect::<Result<Vec<_>, _>>()?;
        let title = match self.tokens.next() {
            None => String::new(),
            Some(t) if t.quoted => t.text,
            Some(t) => return Err(self.expected(Some(t), "the title in double quotes")),
        };
        // Anything after the title is notes (the ERS's own test files have some): ignored.
        Ok(BltFile { title, seats, candidates: names, withdrawn, ballots })
    }

    /// A positive whole number from the header.
    fn count(&mut self, what: &str) -> Result<usize, BltError> {
        let token = self.tokens.next();
        match token.as_ref().filter(|t| !t.quoted).and_then(|t| t.text.parse::<usize>().ok()) {
            Some(0) => Err(BltError { line: token.map_or(self.last_line, |t| t.line), message: format!("{what} must be at least 1") }),
            Some(n) => Ok(n),
            None => Err(self.expected(token, &format!("{what} (a whole number)"))),
        }
    }

    fn withdrawn(&mut self, candidates: usize) -> Result<Vec<usize>, BltError> {
        let mut out = Vec::new();
        while let Some(token) = self.tokens.next_if(|t| !t.quoted && t.text.starts_with('-')) {
            let index = token.text[1..].parse::<usize>().ok().filter(|&c| (1..=candidates).contains(&c));
            let Some(c) = index else {
                return Err(BltError { line: token.line, message: format!("“{}” is not a withdrawn candidate: expected -1 to -{candidates}", token.text) });
            };
            if out.contains(&(c - 1)) {
                return Err(BltError { line: token.line, message: format!("candidate {c} is withdrawn twice") });
            }
            out.push(c - 1);
        }
        Ok(out)
    }

    fn ballots(&mut self, candidates: usize) -> Result<Vec<Ballot>, BltError> {
        let mut ballots = Vec::new();
        loop {
            let token = self.tokens.next();
            let weight = match token.as_ref().filter(|t| !t.quoted).map(|t| t.text.parse::<u32>()) {
                Some(Ok(0)) => return Ok(ballots),
                Some(Ok(w)) => w,
                _ => return Err(self.expected(token, "a ballot's weight, or the 0 that ends the ballots")),
            };
            let line = token.map_or(self.last_line, |t| t.line);
            ballots.push(Ballot { weight, preferences: self.preferences(line, candidates)? });
        }
    }

    /// The rest of a ballot line: candidate numbers, then 0, all on `line`.
    fn preferences(&mut self, line: usize, candidates: usize) -> Result<Vec<usize>, BltError> {
        let mut prefs: Vec<usize> = Vec::new();
        loop {
            let Some(token) = self.tokens.next_if(|t| t.line == line) else {
                return Err(BltError { line, message: "this ballot does not end with 0 on its line".into() });
            };
            let fail = |message: String| Err(BltError { line, message });
            if token.quoted {
                return fail(format!("a name (“{}”) inside a ballot; did the ballots end with a 0 line?", token.text));
            }
            if token.text.contains('=') {
                return fail(format!("equal rankings (“{}”) are not supported: each preference names one candidate", token.text));
            }
            let c = match token.text.parse::<usize>() {
                Ok(0) => return Ok(prefs),
                Ok(c) if c <= candidates => c,
                Ok(c) => return fail(format!("candidate {c} does not exist: there are {candidates}")),
                Err(_) if token.text == "-" => return fail("skipped preferences (“-”) are not supported".into()),
                Err(_) => return fail(format!("“{}” is not a candidate number", token.text)),
            };
            if prefs.contains(&(c - 1)) {
                return fail(format!("candidate {c} appears twice in this ballot"));
            }
            prefs.push(c - 1);
        }
    }

    fn name(&mut self, index: usize, candidates: usize) -> Result<String, BltError> {
        match self.tokens.next() {
            Some(t) if t.quoted => Ok(t.text),
            None => Err(BltError { line: self.last_line, message: format!("the file ends after {} of the {candidates} candidate names", index - 1) }),
            token => Err(self.expected(token, &format!("the name of candidate {index} in double quotes"))),
        }
    }

    fn expected(&self, found: Option<Token>, what: &str) -> BltError {
        match found {
            Some(t) => BltError {
                line: t.line,
                message: format!("expected {what}, found {}", if t.quoted { format!("\"{}\"", t.text) } else { format!("“{}”", t.text) }),
            },
            None => BltError { line: self.last_line, message: format!("expected {what}, but the file ends") },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "4 2\n-3\n3 1 2 0\n1 4 0\n\n# a comment\n2 2 0 /* two papers */\n0\n\"Ada Lovelace\"\n\"Ben\"\n\"Cy\"\n\"Di\"\n\"Chair 2026\"\n";

    #[test]
    fn a_blt_file_is_read_with_its_withdrawals_weights_and_names() {
        let file = parse_blt(SAMPLE).unwrap();
        assert_eq!(file.seats, 2);
        assert_eq!(file.candidates, ["Ada Lovelace", "Ben", "Cy", "Di"]);
        assert_eq!(file.withdrawn, [2]);
        assert_eq!(
            file.ballots,
            [Ballot { weight: 3, preferences: vec![0, 1] }, Ballot { weight: 1, preferences: vec![3] }, Ballot { weight: 2, preferences: vec![1] },]
        );
        assert_eq!(file.title, "Chair 2026");
        assert_eq!(parse_blt(&write_blt(&file)).unwrap(), file);
    }

    #[test]
    fn a_file_saved_on_windows_with_crlf_line_ends_reads_the_same() {
        let crlf = SAMPLE.replace('\n', "\r\n");
        assert_eq!(parse_blt(&crlf).unwrap(), parse_blt(SAMPLE).unwrap());
    }

    #[test]
    fn names_may_share_a_line_and_the_title_may_be_missing() {
        let file = parse_blt("2 1 1 1 0 0 \"A\" \"B\"").unwrap();
        assert_eq!(file.candidates, ["A", "B"]);
        assert_eq!(file.title, "");
        let notes = parse_blt("1 1\n0\n\"A\"\n\"Title\"\n\"Source: somebody\"\nFirst prefs 12\n").unwrap();
        assert_eq!(notes.title, "Title", "lines after the title are notes");
    }

    fn error(text: &str) -> BltError {
        parse_blt(text).expect_err(text)
    }

    #[test]
    fn blt_errors_say_what_was_expected_and_on_which_line() {
        let cases = [
            ("", 1, "expected the number of candidates (a whole number), but the file ends"),
            ("x 1", 1, "expected the number of candidates (a whole number), found “x”"),
            ("2 0\n0", 1, "the number of seats must be at least 1"),
            ("2 1\n-5\n0", 2, "“-5” is not a withdrawn candidate: expected -1 to -2"),
            ("2 1\n1 1 2=1 0\n0", 2, "equal rankings (“2=1”) are not supported: each preference names one candidate"),
            ("2 1\n1 1 - 2 0\n0", 2, "skipped preferences (“-”) are not supported"),
            ("2 1\n1 1 3 0\n0", 2, "candidate 3 does not exist: there are 2"),
            ("2 1\n1 1 1 0\n0", 2, "candidate 1 appears twice in this ballot"),
            ("2 1\n1 1 2\n1 2 0\n0", 2, "this ballot does not end with 0 on its line"),
            ("2 1\n1 1 0\n\"A\" \"B\"", 3, "expected a ballot's weight, or the 0 that ends the ballots, found \"A\""),
            ("2 1\n1 1 0\n0\n\"A\"\n", 4, "the file ends after 1 of the 2 candidate names"),
            ("2 1\n0\n\"A\"\nB\n", 4, "expected the name of candidate 2 in double quotes, found “B”"),
            ("2 1\n0\n\"A\"\n\"B\n", 4, "a quoted name or title has no closing \" on its line"),
            ("2 1 /* never closed\n0", 1, "a /* comment is never closed with */"),
        ];
        for (text, line, message) in cases {
            assert_eq!(error(text), BltError { line, message: message.into() }, "{text:?}");
        }
        assert_eq!(error("2 1\n1 1 3 0\n0").to_string(), "line 2: candidate 3 does not exist: there are 2");
    }

    #[test]
    fn names_with_quotes_are_written_readably() {
        let file = BltFile { title: "Say \"hi\"".into(), seats: 1, candidates: vec!["O\"Neil".into()], withdrawn: vec![], ballots: vec![] };
        let back = parse_blt(&write_blt(&file)).unwrap();
        assert_eq!(back.candidates, ["O'Neil"]);
        assert_eq!(back.title, "Say 'hi'");
    }

    #[test]
    fn a_blt_file_becomes_an_election_without_constraints() {
        let election = parse_blt(SAMPLE).unwrap().to_election();
        assert_eq!(election.candidates[0], Candidate::named("Ada Lovelace"));
        assert!(election.constraints.is_empty());
        assert_eq!(election.withdrawn, [2]);
    }
}
