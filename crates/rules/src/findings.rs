//! What the rules say about a group on a day: a list of [`Finding`]s, each with
//! its severity, the paragraph it comes from, a sentence a secretariat can act
//! on, who or what it is about, and the date by which it must be resolved.

use crate::register::{Id, Register};
use crate::settings::Tor;
use crate::tor;
use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The Terms of Reference are not being met.
    Breach,
    /// Not a breach yet, or a "should": needs attention.
    Warning,
    /// Something coming up, or worth knowing.
    Notice,
}

impl Severity {
    pub fn label(self) -> &'static str {
        match self {
            Severity::Breach => "breach",
            Severity::Warning => "warning",
            Severity::Notice => "notice",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SubjectKind {
    Person,
    Organisation,
    Seat,
    /// A sub-group (ToR §18).
    Subgroup,
}

/// A record a finding is about: where the secretariat goes to fix it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Subject {
    pub kind: SubjectKind,
    pub id: Id,
    pub name: String,
}

impl Subject {
    pub fn person(id: Id, name: &str) -> Self {
        Self { kind: SubjectKind::Person, id, name: name.to_owned() }
    }
    pub fn organisation(id: Id, name: &str) -> Self {
        Self { kind: SubjectKind::Organisation, id, name: name.to_owned() }
    }
    pub fn seat(id: Id, name: &str) -> Self {
        Self { kind: SubjectKind::Seat, id, name: name.to_owned() }
    }
    pub fn subgroup(id: Id, name: &str) -> Self {
        Self { kind: SubjectKind::Subgroup, id, name: name.to_owned() }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Finding {
    pub severity: Severity,
    pub tor: Tor,
    /// A sentence ending with its citation, e.g. "… (ToR §13)."
    pub message: String,
    pub subjects: Vec<Subject>,
    /// The first day on which it holds, where known: the day a term ended, the absence that
    /// reached the threshold, the day after a grace period. The same for every paragraph.
    pub since: Option<NaiveDate>,
    /// The last day on which something is still allowed, where there is one: a term's last
    /// day, the last day of a grace period. The same for every paragraph.
    pub until: Option<NaiveDate>,
}

impl Finding {
    pub fn new(severity: Severity, tor: u8, message: impl Into<String>) -> Self {
        Self { severity, tor: Tor(tor), message: message.into(), subjects: Vec::new(), since: None, until: None }
    }

    pub fn about(mut self, subject: Subject) -> Self {
        self.subjects.push(subject);
        self
    }

    /// The first day on which it holds.
    pub fn since(mut self, date: NaiveDate) -> Self {
        self.since = Some(date);
        self
    }

    /// The last day on which something is still allowed.
    pub fn until(mut self, date: NaiveDate) -> Self {
        self.until = Some(date);
        self
    }

    /// "since Tue 1 Dec 2026" or "until Mon 30 Nov 2026", as the CLI and the PDFs print it.
    pub fn when(&self) -> Option<String> {
        match (self.since, self.until) {
            (Some(since), _) => Some(format!("since {}", uk_date(since))),
            (None, Some(until)) => Some(format!("until {}", uk_date(until))),
            (None, None) => None,
        }
    }

    /// The day it is sorted by: when it began, or else its last day allowed.
    fn day(&self) -> Option<NaiveDate> {
        self.since.or(self.until)
    }
}

/// Everything the rules find about `register` on `on`: breaches first, then
/// warnings, then notices; within each, soonest due first.
pub fn evaluate(register: &Register, on: NaiveDate) -> Vec<Finding> {
    let day = register.on(on);
    let mut findings = Vec::new();
    tor::s08_s09_roles::check(&day, &mut findings);
    tor::s10_size::check(&day, &mut findings);
    tor::s12_supplier_members::check(&day, &mut findings);
    tor::s13_sme::check(&day, &mut findings);
    tor::s14_terms_and_companies::check(&day, &mut findings);
    tor::s15_employer_change::check(&day, &mut findings);
    sort(&mut findings);
    findings
}

/// The register's findings and the strike policy's (ToR §17), which also reads attendance.
pub fn evaluate_with_attendance(register: &Register, attendance: &tor::s17_attendance::Attendance, on: NaiveDate) -> Vec<Finding> {
    let mut findings = evaluate(register, on);
    tor::s17_attendance::check(&register.on(on), attendance, &mut findings);
    sort(&mut findings);
    findings
}

/// Most serious first, then soonest due.
pub fn sort(findings: &mut [Finding]) {
    findings.sort_by(|a, b| {
        (a.severity, a.day().is_none(), a.day(), a.tor).cmp(&(b.severity, b.day().is_none(), b.day(), b.tor)).then_with(|| natural(&a.message, &b.message))
    });
}

/// Text ordered as people read it, numbers by their value: "Supplier seat 2" before
/// "Supplier seat 10".
fn natural(a: &str, b: &str) -> std::cmp::Ordering {
    use std::cmp::Ordering;
    fn number(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) -> String {
        let mut digits = String::new();
        while let Some(c) = chars.next_if(char::is_ascii_digit) {
            digits.push(c);
        }
        digits.trim_start_matches('0').to_owned()
    }
    let (mut x, mut y) = (a.chars().peekable(), b.chars().peekable());
    loop {
        match (x.peek().copied(), y.peek().copied()) {
            (None, None) => return a.cmp(b),
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(p), Some(q)) if p.is_ascii_digit() && q.is_ascii_digit() => {
                let (m, n) = (number(&mut x), number(&mut y));
                match m.len().cmp(&n.len()).then_with(|| m.cmp(&n)) {
                    Ordering::Equal => {}
                    order => return order,
                }
            }
            (Some(p), Some(q)) => match p.cmp(&q) {
                Ordering::Equal => {
                    x.next();
                    y.next();
                }
                order => return order,
            },
        }
    }
}

/// A date as people write it in the UK: "Tue 9 Dec 2025".
pub fn uk_date(date: NaiveDate) -> String {
    date.format("%a %-d %b %Y").to_string()
}

#[cfg(test)]
mod tests {
    #[test]
    fn findings_about_numbered_seats_list_in_number_order() {
        let mut names = ["Supplier seat 10", "Supplier seat 2", "Supplier seat 1", "Supplier seat 15", "Stakeholder seat 3"];
        names.sort_by(|a, b| super::natural(a, b));
        assert_eq!(names, ["Stakeholder seat 3", "Supplier seat 1", "Supplier seat 2", "Supplier seat 10", "Supplier seat 15"]);
        assert_eq!(super::natural("seat 007", "seat 7"), std::cmp::Ordering::Less, "equal numbers fall back to the text");
    }
}
