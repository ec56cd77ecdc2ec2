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
    /// The date by which it must be resolved (or was due), where there is one.
    pub due: Option<NaiveDate>,
}

impl Finding {
    pub fn new(severity: Severity, tor: u8, message: impl Into<String>) -> Self {
        Self { severity, tor: Tor(tor), message: message.into(), subjects: Vec::new(), due: None }
    }

    pub fn about(mut self, subject: Subject) -> Self {
        self.subjects.push(subject);
        self
    }

    pub fn due(mut self, date: NaiveDate) -> Self {
        self.due = Some(date);
        self
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
    findings.sort_by(|a, b| (a.severity, a.due.is_none(), a.due, a.tor, &a.message).cmp(&(b.severity, b.due.is_none(), b.due, b.tor, &b.message)));
}

/// A date as people write it in the UK: "Tue 9 Dec 2025".
pub fn uk_date(date: NaiveDate) -> String {
    date.format("%a %-d %b %Y").to_string()
}
