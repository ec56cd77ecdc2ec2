//! ToR §17, the strike policy: a member who is not present — even with apologies
//! sent — at `strike_absences` (2) or more compulsory meetings in a calendar year
//! is to be ejected; the Chair, Vice-Chair and programme manager have discretion
//! in the final decision. Nothing is ejected automatically: reaching the threshold
//! asks for a recorded decision.

use crate::findings::{Finding, Severity, Subject, uk_date};
use crate::register::{Day, Id};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// How a person stood at a meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Presence {
    Present,
    /// Apologies sent: still an absence for ToR §17.
    Apologies,
    Absent,
}

impl Presence {
    /// Whether it counts as a strike at a compulsory meeting (ToR §17: "even with apologies sent").
    pub fn is_strike(self) -> bool {
        !matches!(self, Presence::Present)
    }
}

/// A meeting as the strike policy sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MeetingDay {
    pub id: Id,
    pub on: NaiveDate,
    pub compulsory: bool,
}

/// One member's mark at one meeting. A substitute is recorded elsewhere and does not change it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mark {
    pub meeting: Id,
    pub person: Id,
    pub presence: Presence,
}

/// The discretion decision (ToR §17), for one member and calendar year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Discretion {
    Eject,
    Retain,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StrikeDecision {
    pub person: Id,
    pub year: i32,
    pub decision: Discretion,
    /// How many strikes the decision considered: a later strike asks again.
    pub strikes: u32,
}

/// The attendance record the strike policy reads.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Attendance {
    pub meetings: Vec<MeetingDay>,
    pub marks: Vec<Mark>,
    pub decisions: Vec<StrikeDecision>,
}

/// A member's strikes in a calendar year: compulsory meetings up to `until` at which
/// they held a seat and were not present.
pub fn strikes(day: &Day<'_>, attendance: &Attendance, person: Id, year: i32, until: NaiveDate) -> Vec<Id> {
    attendance
        .meetings
        .iter()
        .filter(|m| m.compulsory && m.on.year() == year && m.on <= until)
        .filter(|m| day.register.terms.iter().any(|t| t.person == person && t.runs_on(m.on)))
        .filter(|m| attendance.marks.iter().any(|k| k.meeting == m.id && k.person == person && k.presence.is_strike()))
        .map(|m| m.id)
        .collect()
}

/// Findings on `day`: each current member who has reached the threshold this calendar
/// year and has no decision covering their strikes so far.
pub fn check(day: &Day<'_>, attendance: &Attendance, out: &mut Vec<Finding>) {
    if !day.settings().applies(crate::RuleSwitch::StrikePolicy) {
        return; // this group's Terms of Reference have no strike policy
    }
    let threshold = day.settings().strike_absences;
    let year = day.on.year();
    for member in &day.members {
        let person = member.person.id;
        let missed = strikes(day, attendance, person, year, day.on);
        let count = missed.len() as u32;
        if count < threshold {
            continue;
        }
        let decided = attendance.decisions.iter().filter(|d| d.person == person && d.year == year).map(|d| d.strikes).max();
        if decided.is_some_and(|strikes| strikes >= count) {
            continue;
        }
        let mut absences: Vec<NaiveDate> = attendance.meetings.iter().filter(|m| missed.contains(&m.id)).map(|m| m.on).collect();
        absences.sort();
        let last = absences.last().copied().unwrap_or(day.on);
        // It holds from the absence that reached the threshold, or after a decision, the one
        // past the strikes decided on.
        let reached = decided.map_or(threshold, |strikes| strikes + 1).max(threshold) as usize;
        let since = absences.get(reached.saturating_sub(1)).copied().unwrap_or(last);
        let again = if decided.is_some() { " again" } else { "" };
        out.push(
            Finding::new(
                Severity::Breach,
                17,
                format!(
                    "{} has not been present at {count} compulsory meetings in {year} (apologies count as absence), the last on {}; \
                     the Chair, Vice-Chair and programme manager must decide{again} whether they are ejected or retained (ToR §17).",
                    member.person.name,
                    uk_date(last)
                ),
            )
            .about(Subject::person(person, &member.person.name))
            .since(since),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tor::fixture::{Fixture, d};

    fn meeting(id: Id, on: &str, compulsory: bool) -> MeetingDay {
        MeetingDay { id, on: d(on), compulsory }
    }

    fn mark(meeting: Id, person: Id, presence: Presence) -> Mark {
        Mark { meeting, person, presence }
    }

    fn findings(f: &Fixture, attendance: &Attendance, on: &str) -> Vec<Finding> {
        let day = f.register.on(d(on));
        let mut out = Vec::new();
        check(&day, attendance, &mut out);
        out
    }

    #[test]
    fn s17_apologies_count_as_absence() {
        let f = Fixture::full();
        let p = f.person_id("Supplier 5");
        let attendance = Attendance {
            meetings: vec![meeting(1, "2026-02-10", true), meeting(2, "2026-03-10", true), meeting(3, "2026-04-14", true)],
            marks: vec![mark(1, p, Presence::Apologies), mark(2, p, Presence::Apologies), mark(3, p, Presence::Present)],
            decisions: vec![],
        };
        let found = findings(&f, &attendance, "2026-05-01");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].tor.0, 17);
        assert!(found[0].message.contains("Supplier 5") && found[0].message.contains("ToR §17"), "{}", found[0].message);
        assert_eq!(found[0].since, Some(d("2026-03-10")), "from the absence that reached the threshold");
    }

    #[test]
    fn s17_a_group_without_a_strike_policy_has_no_strike_findings() {
        let mut f = Fixture::full();
        f.register.settings.rules_off.push(crate::RuleSwitch::StrikePolicy);
        let p = f.person_id("Supplier 5");
        let attendance = Attendance {
            meetings: vec![meeting(1, "2026-02-10", true), meeting(2, "2026-03-10", true), meeting(3, "2026-04-14", true)],
            marks: vec![mark(1, p, Presence::Absent), mark(2, p, Presence::Absent), mark(3, p, Presence::Absent)],
            decisions: vec![],
        };
        assert!(findings(&f, &attendance, "2026-05-01").is_empty());
    }

    #[test]
    fn s17_one_absence_is_below_the_threshold() {
        let f = Fixture::full();
        let p = f.person_id("Supplier 5");
        let attendance = Attendance {
            meetings: vec![meeting(1, "2026-02-10", true), meeting(2, "2026-03-10", true)],
            marks: vec![mark(1, p, Presence::Absent), mark(2, p, Presence::Present)],
            decisions: vec![],
        };
        assert!(findings(&f, &attendance, "2026-05-01").is_empty());
    }

    #[test]
    fn s17_non_compulsory_meetings_do_not_count() {
        let f = Fixture::full();
        let p = f.person_id("Supplier 5");
        let attendance = Attendance {
            meetings: vec![meeting(1, "2026-02-10", true), meeting(2, "2026-03-10", false)],
            marks: vec![mark(1, p, Presence::Absent), mark(2, p, Presence::Absent)],
            decisions: vec![],
        };
        assert!(findings(&f, &attendance, "2026-05-01").is_empty());
    }

    #[test]
    fn s17_strikes_count_per_calendar_year() {
        let mut f = Fixture::full();
        // Terms from 2025 so the member sits through both years.
        for t in &mut f.register.terms {
            t.start = d("2025-01-01");
            t.end = d("2027-01-01");
        }
        let p = f.person_id("Supplier 5");
        let attendance = Attendance {
            meetings: vec![meeting(1, "2025-12-09", true), meeting(2, "2026-01-13", true)],
            marks: vec![mark(1, p, Presence::Absent), mark(2, p, Presence::Absent)],
            decisions: vec![],
        };
        // One in December, one in January: never two in one calendar year.
        assert!(findings(&f, &attendance, "2026-02-01").is_empty());
        let day = f.register.on(d("2026-02-01"));
        assert_eq!(strikes(&day, &attendance, p, 2025, d("2025-12-31")), vec![1]);
    }

    #[test]
    fn s17_a_decision_answers_the_finding_until_another_strike() {
        let f = Fixture::full();
        let p = f.person_id("Supplier 5");
        let mut attendance = Attendance {
            meetings: vec![meeting(1, "2026-02-10", true), meeting(2, "2026-03-10", true), meeting(3, "2026-04-14", true)],
            marks: vec![mark(1, p, Presence::Absent), mark(2, p, Presence::Apologies)],
            decisions: vec![StrikeDecision { person: p, year: 2026, decision: Discretion::Retain, strikes: 2 }],
        };
        assert!(findings(&f, &attendance, "2026-05-01").is_empty());
        attendance.marks.push(mark(3, p, Presence::Absent));
        let again = findings(&f, &attendance, "2026-05-01");
        assert_eq!(again.len(), 1);
        assert!(again[0].message.contains("decide again"), "{}", again[0].message);
    }

    #[test]
    fn s17_meetings_before_a_member_held_a_seat_do_not_count() {
        let f = Fixture::full();
        let p = f.person_id("Supplier 5");
        // The fixture's terms start on 2026-01-01.
        let attendance = Attendance {
            meetings: vec![meeting(1, "2025-12-09", true), meeting(2, "2026-02-10", true)],
            marks: vec![mark(1, p, Presence::Absent), mark(2, p, Presence::Absent)],
            decisions: vec![],
        };
        let day = f.register.on(d("2026-03-01"));
        assert_eq!(strikes(&day, &attendance, p, 2025, d("2025-12-31")), Vec::<Id>::new());
        assert_eq!(strikes(&day, &attendance, p, 2026, d("2026-03-01")), vec![2]);
    }
}
