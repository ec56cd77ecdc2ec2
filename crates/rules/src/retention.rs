//! The retention schedule: how long each kind of record is kept, and what is due
//! for purging on a given day (UK GDPR Art. 5(1)(e), storage limitation).
//!
//! Pure, like the rest of this crate: the store gathers the facts (which elections
//! were declared when, how many ballot records each still holds, …), [`due`] decides
//! what has passed its period on the day asked, and the store purges exactly what
//! the report lists. The same report is the dry run a person reads first.
//!
//! What is never purged, because it is the group's record rather than working
//! material: a declared election's result and its count (with the stages and the
//! constraints it applied), the names of those who stood (they are in the count),
//! terms and roles, approved minutes with their decisions and actions, and the
//! attendance that approved minutes record (who was present, sent apologies or was
//! absent is part of those minutes), the work registers (ToR §3, §5: consultations,
//! concerns, horizon items, representation) with their status history — the record of what
//! the group did, as its decisions are — and declarations of interest, which the minutes
//! record as they record attendance. Cancelled elections are not scheduled: nothing
//! was declared to date the period from, so they are left for a person to decide.

use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// How long each category is kept. The defaults are what we would defend to the
/// ICO for a UK working group's secretariat:
///
/// - **Ballot papers: 6 months after the result is declared.** Long enough for a
///   challenge to the count to be raised and the papers re-examined; after that the
///   marks, the serial stock and the list of who was issued a paper serve no
///   purpose. The declared result and the count are kept (the count already holds
///   every stage, so the result stays checkable).
/// - **Unsuccessful candidates' statements and proposers: 1 year after the result
///   is declared** (withdrawn nominations go entirely). A year covers the term's
///   first months, when a casual vacancy may be filled from the last poll; the names
///   stay, as they are part of the declared count.
/// - **Attendance: 2 full calendar years after the year it belongs to.** ToR §17
///   counts strikes per calendar year, so only the current year is needed; the two
///   years after it cover a §17 decision being questioned. Attendance that approved
///   minutes record is kept with the minutes.
/// - **Meeting papers and built agenda packs: 6 years after the meeting**, the
///   period UK organisations keep business records for (the Limitation Act 1980's
///   six years for contract claims). Approved minutes, decisions and actions are the
///   group's permanent record and are kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct RetentionSchedule {
    /// Months after a declaration that an election's ballot papers are kept.
    pub ballot_months: u32,
    /// Months after a declaration that unsuccessful candidates' statements are kept.
    pub nomination_months: u32,
    /// Full calendar years after its year that attendance is kept (ToR §17).
    pub attendance_years: u32,
    /// Years after a meeting that its papers and agenda pack are kept.
    pub paper_years: u32,
}

impl Default for RetentionSchedule {
    fn default() -> Self {
        Self { ballot_months: 6, nomination_months: 12, attendance_years: 2, paper_years: 6 }
    }
}

impl RetentionSchedule {
    /// Each period is at least one unit (nothing is purged the day it is made) and at
    /// most a century; the error names the field.
    pub fn validate(&self) -> Result<(), (&'static str, String)> {
        let check = |field: &'static str, value: u32, max: u32, unit: &str| {
            if value == 0 || value > max { Err((field, format!("Keep records from 1 to {max} {unit}."))) } else { Ok(()) }
        };
        check("retention.ballot_months", self.ballot_months, 1200, "months")?;
        check("retention.nomination_months", self.nomination_months, 1200, "months")?;
        check("retention.attendance_years", self.attendance_years, 100, "years")?;
        check("retention.paper_years", self.paper_years, 100, "years")
    }
}

/// The categories of the schedule, in the order a person reads them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum RetentionCategory {
    CandidatesAndNominations,
    BallotsAndCounts,
    Attendance,
    MinutesAndPapers,
}

/// A declared election, as far as retention is concerned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ElectionFacts {
    pub id: i64,
    pub title: String,
    pub declared_on: NaiveDate,
    /// Returned papers (the marks), numbered papers and electors still held.
    pub ballot_records: u32,
    /// Withdrawn nominations, and unsuccessful ones that still have a statement or proposer.
    pub unsuccessful_nominations: u32,
}

/// A meeting, as far as retention is concerned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingFacts {
    pub id: i64,
    pub title: String,
    pub date: NaiveDate,
    /// Paper files (every version) and the built agenda pack still held.
    pub paper_files: u32,
    /// Attendance rows not recorded in approved minutes.
    pub attendance: u32,
}

/// What the store holds that the schedule applies to.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RetentionFacts {
    pub elections: Vec<ElectionFacts>,
    pub meetings: Vec<MeetingFacts>,
}

/// One thing due for purging: an election, a meeting, or a calendar year of attendance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DueItem {
    /// The election's or meeting's id, or the year for attendance.
    pub id: i64,
    /// Which one, as a person reads it ("Supplier seats 2024", "Monthly meeting, Tue 9 Dec 2025", "2023").
    pub label: String,
    /// The day its period ran out.
    pub due_on: NaiveDate,
    /// How many records would go.
    pub count: u32,
}

/// One category of the report: its rule, what goes, what is kept, and what is due.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RetentionSection {
    pub category: RetentionCategory,
    pub title: String,
    /// The period, in words ("6 months after the result is declared").
    pub period: String,
    /// What a purge removes.
    pub removes: String,
    /// What is kept however old.
    pub keeps: String,
    /// Oldest first.
    pub due: Vec<DueItem>,
    pub total: u32,
}

/// The dry run: per category, what would go on `on`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RetentionReport {
    pub on: NaiveDate,
    pub sections: Vec<RetentionSection>,
}

impl RetentionReport {
    /// Records that would go, in every category.
    pub fn total(&self) -> u32 {
        self.sections.iter().map(|s| s.total).sum()
    }

    pub fn section(&self, category: RetentionCategory) -> &RetentionSection {
        self.sections.iter().find(|s| s.category == category).expect("every category has a section")
    }

    /// The report for a group whose Terms of Reference have no strike policy: its attendance is
    /// kept for the group's own record, and ToR §17 is not cited (issue #14).
    pub fn without_strike_policy(mut self, schedule: &RetentionSchedule) -> Self {
        if let Some(section) = self.sections.iter_mut().find(|s| s.category == RetentionCategory::Attendance) {
            section.period = format!("{} after the end of its year", plural(schedule.attendance_years, "full year", "full years"));
            section.keeps = "Attendance recorded in approved minutes.".to_owned();
        }
        self
    }
}

fn plural(n: u32, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn add_months(date: NaiveDate, months: u32) -> NaiveDate {
    // Clamps to the month's last day (31 Aug + 6 months = 28 Feb); a date this far out
    // of range cannot come from the store, so the latest date stands in.
    date.checked_add_months(Months::new(months)).unwrap_or(NaiveDate::MAX)
}

/// The first day a year's attendance may go: 1 January after `years` full years past it.
pub fn attendance_due_on(year: i32, years: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year.saturating_add(1).saturating_add(years as i32), 1, 1).unwrap_or(NaiveDate::MAX)
}

/// What is due for purging on `on`: everything whose period has run out by that day
/// (the due day itself included) and that still holds something to remove.
pub fn due(schedule: &RetentionSchedule, facts: &RetentionFacts, on: NaiveDate) -> RetentionReport {
    let section = |category, title: &str, period: String, removes: &str, keeps: &str, mut due: Vec<DueItem>| {
        due.sort_by_key(|item| (item.due_on, item.id));
        RetentionSection {
            category,
            title: title.to_owned(),
            period,
            removes: removes.to_owned(),
            keeps: keeps.to_owned(),
            total: due.iter().map(|item| item.count).sum(),
            due,
        }
    };
    let elections = |months: u32, count: fn(&ElectionFacts) -> u32| -> Vec<DueItem> {
        facts
            .elections
            .iter()
            .map(|e| DueItem { id: e.id, label: e.title.clone(), due_on: add_months(e.declared_on, months), count: count(e) })
            .filter(|item| item.count > 0 && item.due_on <= on)
            .collect()
    };

    let mut years: Vec<(i32, u32)> = Vec::new();
    for meeting in facts.meetings.iter().filter(|m| m.attendance > 0) {
        match years.iter_mut().find(|(year, _)| *year == meeting.date.year()) {
            Some((_, rows)) => *rows += meeting.attendance,
            None => years.push((meeting.date.year(), meeting.attendance)),
        }
    }
    let attendance = years
        .into_iter()
        .map(|(year, rows)| DueItem { id: i64::from(year), label: year.to_string(), due_on: attendance_due_on(year, schedule.attendance_years), count: rows })
        .filter(|item| item.due_on <= on)
        .collect();
    let papers = facts
        .meetings
        .iter()
        .map(|m| DueItem {
            id: m.id,
            label: format!("{}, {}", m.title, crate::uk_date(m.date)),
            due_on: add_months(m.date, schedule.paper_years.saturating_mul(12)),
            count: m.paper_files,
        })
        .filter(|item| item.count > 0 && item.due_on <= on)
        .collect();

    RetentionReport {
        on,
        sections: vec![
            section(
                RetentionCategory::CandidatesAndNominations,
                "Candidates and nominations",
                format!("{} after the result is declared", plural(schedule.nomination_months, "month", "months")),
                "Unsuccessful candidates' statements and proposers; withdrawn nominations.",
                "The names of those who stood (they are in the declared count) and the winners' nominations.",
                elections(schedule.nomination_months, |e| e.unsuccessful_nominations),
            ),
            section(
                RetentionCategory::BallotsAndCounts,
                "Ballots and counts",
                format!("{} after the result is declared", plural(schedule.ballot_months, "month", "months")),
                "Returned ballot papers with their marks, the numbered papers, and the list of who was issued one.",
                "The declared result and the count, with its stages and the constraints it applied.",
                elections(schedule.ballot_months, |e| e.ballot_records),
            ),
            section(
                RetentionCategory::Attendance,
                "Attendance",
                format!("{} after the end of its year (ToR §17 needs the current year)", plural(schedule.attendance_years, "full year", "full years")),
                "Attendance at meetings whose minutes were never approved.",
                "Attendance recorded in approved minutes, and every ToR §17 decision.",
                attendance,
            ),
            section(
                RetentionCategory::MinutesAndPapers,
                "Minutes and papers",
                format!("{} after the meeting", plural(schedule.paper_years, "year", "years")),
                "Papers (every version) and the built agenda pack.",
                "The agenda, the minutes, decisions and actions.",
                papers,
            ),
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    fn election(declared_on: &str) -> RetentionFacts {
        RetentionFacts {
            elections: vec![ElectionFacts {
                id: 7,
                title: "Supplier seats 2025".into(),
                declared_on: d(declared_on),
                ballot_records: 31,
                unsuccessful_nominations: 2,
            }],
            meetings: vec![],
        }
    }

    fn meeting(date: &str, paper_files: u32, attendance: u32) -> MeetingFacts {
        MeetingFacts { id: 3, title: "Monthly meeting".into(), date: d(date), paper_files, attendance }
    }

    fn due_in(category: RetentionCategory, facts: &RetentionFacts, on: &str) -> Vec<DueItem> {
        due(&RetentionSchedule::default(), facts, d(on)).section(category).due.clone()
    }

    #[test]
    fn ballot_papers_are_due_six_months_after_the_declaration_and_not_a_day_before() {
        let facts = election("2025-03-14");
        assert!(due_in(RetentionCategory::BallotsAndCounts, &facts, "2025-09-13").is_empty());
        let on_the_day = due_in(RetentionCategory::BallotsAndCounts, &facts, "2025-09-14");
        assert_eq!(on_the_day, vec![DueItem { id: 7, label: "Supplier seats 2025".into(), due_on: d("2025-09-14"), count: 31 }]);
        assert_eq!(due_in(RetentionCategory::BallotsAndCounts, &facts, "2025-09-15"), on_the_day);
    }

    #[test]
    fn a_declaration_on_the_last_day_of_a_month_is_due_on_the_last_day_six_months_on() {
        let facts = election("2025-08-31");
        assert!(due_in(RetentionCategory::BallotsAndCounts, &facts, "2026-02-27").is_empty());
        assert_eq!(due_in(RetentionCategory::BallotsAndCounts, &facts, "2026-02-28")[0].due_on, d("2026-02-28"));
    }

    #[test]
    fn unsuccessful_candidates_statements_are_due_a_year_after_the_declaration() {
        let facts = election("2025-03-14");
        assert!(due_in(RetentionCategory::CandidatesAndNominations, &facts, "2026-03-13").is_empty());
        let on_the_day = due_in(RetentionCategory::CandidatesAndNominations, &facts, "2026-03-14");
        assert_eq!(on_the_day.len(), 1);
        assert_eq!((on_the_day[0].count, on_the_day[0].due_on), (2, d("2026-03-14")));
        assert_eq!(due_in(RetentionCategory::CandidatesAndNominations, &facts, "2026-03-15"), on_the_day);
    }

    #[test]
    fn s17_attendance_is_kept_for_two_full_calendar_years_after_its_year() {
        let facts = RetentionFacts {
            elections: vec![],
            meetings: vec![
                meeting("2023-01-10", 0, 5),
                MeetingFacts { id: 4, ..meeting("2023-12-12", 0, 6) },
                MeetingFacts { id: 5, ..meeting("2024-01-09", 0, 7) },
            ],
        };
        assert!(due_in(RetentionCategory::Attendance, &facts, "2025-12-31").is_empty());
        let on_the_day = due_in(RetentionCategory::Attendance, &facts, "2026-01-01");
        assert_eq!(on_the_day, vec![DueItem { id: 2023, label: "2023".into(), due_on: d("2026-01-01"), count: 11 }]);
        assert_eq!(due_in(RetentionCategory::Attendance, &facts, "2026-01-02"), on_the_day);
        assert_eq!(due_in(RetentionCategory::Attendance, &facts, "2027-01-01").len(), 2);
    }

    #[test]
    fn s17_a_group_without_a_strike_policy_keeps_attendance_without_citing_it() {
        let facts = RetentionFacts { elections: vec![], meetings: vec![meeting("2023-01-10", 0, 5)] };
        let schedule = RetentionSchedule::default();
        let with = due(&schedule, &facts, d("2026-01-01"));
        assert!(with.section(RetentionCategory::Attendance).period.contains("ToR §17"));
        let without = with.clone().without_strike_policy(&schedule);
        let section = without.section(RetentionCategory::Attendance);
        assert_eq!(section.period, "2 full years after the end of its year");
        assert!(!section.keeps.contains("§17"), "{}", section.keeps);
        assert_eq!(section.due, with.section(RetentionCategory::Attendance).due, "what is due is the same");
    }

    #[test]
    fn meeting_papers_are_due_six_years_after_the_meeting() {
        let facts = RetentionFacts { elections: vec![], meetings: vec![meeting("2019-12-10", 4, 0)] };
        assert!(due_in(RetentionCategory::MinutesAndPapers, &facts, "2025-12-09").is_empty());
        let on_the_day = due_in(RetentionCategory::MinutesAndPapers, &facts, "2025-12-10");
        assert_eq!(on_the_day, vec![DueItem { id: 3, label: "Monthly meeting, Tue 10 Dec 2019".into(), due_on: d("2025-12-10"), count: 4 }]);
        assert_eq!(due_in(RetentionCategory::MinutesAndPapers, &facts, "2025-12-11"), on_the_day);
    }

    #[test]
    fn nothing_left_to_remove_is_never_listed_however_old() {
        let facts = RetentionFacts {
            elections: vec![ElectionFacts { ballot_records: 0, unsuccessful_nominations: 0, ..election("2001-01-01").elections[0].clone() }],
            meetings: vec![meeting("2001-01-01", 0, 0)],
        };
        let report = due(&RetentionSchedule::default(), &facts, d("2026-11-27"));
        assert_eq!(report.total(), 0);
        assert_eq!(report.sections.len(), 4, "every category is shown, with its rule, even when nothing is due");
    }

    #[test]
    fn the_periods_come_from_the_groups_settings() {
        let schedule = RetentionSchedule { ballot_months: 1, nomination_months: 2, attendance_years: 1, paper_years: 1 };
        let mut facts = election("2025-03-14");
        facts.meetings.push(meeting("2024-06-11", 2, 3));
        let report = due(&schedule, &facts, d("2025-06-14"));
        assert_eq!(report.section(RetentionCategory::BallotsAndCounts).total, 31);
        assert_eq!(report.section(RetentionCategory::CandidatesAndNominations).total, 2);
        assert_eq!(report.section(RetentionCategory::Attendance).total, 0, "2024's attendance is kept until 1 Jan 2026");
        assert_eq!(report.section(RetentionCategory::MinutesAndPapers).total, 2);
        assert_eq!(report.total(), 35);
        assert_eq!(report.section(RetentionCategory::BallotsAndCounts).period, "1 month after the result is declared");
    }

    #[test]
    fn a_period_of_nothing_is_refused_naming_the_field() {
        let schedule = RetentionSchedule { paper_years: 0, ..RetentionSchedule::default() };
        assert_eq!(schedule.validate().unwrap_err().0, "retention.paper_years");
        assert!(RetentionSchedule::default().validate().is_ok());
    }

    #[test]
    fn a_group_saved_before_the_schedule_existed_reads_the_defaults() {
        let schedule: RetentionSchedule = serde_json::from_str("{}").unwrap();
        assert_eq!(schedule, RetentionSchedule::default());
    }
}
