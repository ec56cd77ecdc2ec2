//! The group's work registers (ToR §3, §5): what the group is for, as records.
//!
//! - **Consultations** (ToR §3a): what was asked, by whom, the deadline, the group's
//!   response (a paper) and when it was submitted.
//! - **Concerns** (ToR §3c): supplier concerns and opinions, raised by whom, when, and
//!   shared with which forum. A concern raised in confidence is never published.
//! - **Horizon items** (ToR §5a): new requirements for interoperability standards from
//!   technology, legislation, regulation, case law or standards; watched, assessed,
//!   acted on, closed.
//! - **Representation** (ToR §3d, §5f): the group represented in a policing forum: who
//!   spoke for it, what was said, the outcome.
//!
//! Pure, like the rest of the crate: which statuses each register has, and what needs
//! the secretariat on a day ([`needs`]), decided from facts the store gathers.

use crate::Refusal;
use crate::findings::uk_date;
use crate::register::Id;
use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The standard item near the top of every agenda at which members declare their interests
/// in the business to come; the minutes record the declarations under it.
pub const DECLARATIONS_ITEM: &str = "Declarations of interest";

/// When an entry of the work registers needs the secretariat: a group setting (the ToR give
/// no number), so a group that meets quarterly can look further ahead.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct WorkThresholds {
    /// A consultation whose deadline falls within this many days is listed on Home (ToR §3a).
    pub deadline_warning_days: u32,
    /// A horizon item not reviewed for this many months is listed on Home (ToR §5a).
    pub review_months: u32,
}

impl Default for WorkThresholds {
    /// Two weeks: the time a response needs to be drafted and agreed between monthly
    /// meetings (ToR §19). Three months: a quarter, so each development is looked at again
    /// at least every third meeting.
    fn default() -> Self {
        Self { deadline_warning_days: 14, review_months: 3 }
    }
}

impl WorkThresholds {
    /// Checks the numbers are ones a person meant; the error names the field.
    pub fn validate(&self) -> Result<(), (&'static str, String)> {
        if !(1..=365).contains(&self.deadline_warning_days) {
            return Err(("work.deadline_warning_days", "List consultation deadlines from 1 to 365 days ahead (ToR §3a).".to_owned()));
        }
        if !(1..=60).contains(&self.review_months) {
            return Err(("work.review_months", "Horizon items are reviewed every 1 to 60 months (ToR §5a).".to_owned()));
        }
        Ok(())
    }
}

/// Which register an entry belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum WorkKind {
    Consultation,
    Concern,
    Horizon,
    Representation,
}

impl WorkKind {
    pub const ALL: [WorkKind; 4] = [WorkKind::Consultation, WorkKind::Concern, WorkKind::Horizon, WorkKind::Representation];

    pub fn as_str(self) -> &'static str {
        match self {
            WorkKind::Consultation => "consultation",
            WorkKind::Concern => "concern",
            WorkKind::Horizon => "horizon",
            WorkKind::Representation => "representation",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == text)
    }

    /// The register's name, e.g. "Horizon scanning".
    pub fn label(self) -> &'static str {
        match self {
            WorkKind::Consultation => "Consultations",
            WorkKind::Concern => "Concerns",
            WorkKind::Horizon => "Horizon scanning",
            WorkKind::Representation => "Representation",
        }
    }

    /// One entry, in a sentence: "a consultation".
    pub fn singular(self) -> &'static str {
        match self {
            WorkKind::Consultation => "consultation",
            WorkKind::Concern => "concern",
            WorkKind::Horizon => "horizon item",
            WorkKind::Representation => "representation",
        }
    }

    /// The paragraph of the Terms of Reference the register serves, as cited: "ToR §3a".
    pub fn tor(self) -> &'static str {
        match self {
            WorkKind::Consultation => "ToR §3a",
            WorkKind::Concern => "ToR §3c",
            WorkKind::Horizon => "ToR §5a",
            WorkKind::Representation => "ToR §3d, §5f",
        }
    }

    /// What the paragraph asks, in its own words.
    pub fn tor_text(self) -> &'static str {
        match self {
            WorkKind::Consultation => "The technology supplier community can provide direct input into policing interoperability decisions and standards.",
            WorkKind::Concern => "It captures and shares technology supplier concerns and opinions regarding policing interoperability decisions and plans.",
            WorkKind::Horizon => {
                "Identifying new requirements for interoperability standards due to technological developments, legislative or regulatory changes and case law."
            }
            WorkKind::Representation => "The latest developments are captured and represented in the appropriate policing forums.",
        }
    }

    /// The statuses an entry of this register moves through, in order.
    pub fn statuses(self) -> &'static [WorkStatus] {
        match self {
            WorkKind::Consultation => &[WorkStatus::Open, WorkStatus::Submitted, WorkStatus::Closed],
            WorkKind::Concern => &[WorkStatus::Raised, WorkStatus::Shared, WorkStatus::Closed],
            WorkKind::Horizon => &[WorkStatus::Watch, WorkStatus::Assess, WorkStatus::Act, WorkStatus::Closed],
            WorkKind::Representation => &[WorkStatus::Planned, WorkStatus::Represented, WorkStatus::Closed],
        }
    }

    /// The status a new entry starts in.
    pub fn first_status(self) -> WorkStatus {
        self.statuses()[0]
    }

    /// Whether `status` belongs to this register; the message says which do.
    pub fn check_status(self, status: WorkStatus) -> Result<(), Refusal> {
        if self.statuses().contains(&status) {
            Ok(())
        } else {
            let names: Vec<&str> = self.statuses().iter().map(|s| s.label()).collect();
            Err(Refusal::from(format!("A {} is {} ({}).", self.singular(), names.join(", ").to_lowercase(), self.tor())))
        }
    }
}

/// Where an entry stands. Each register uses its own few (see [`WorkKind::statuses`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum WorkStatus {
    /// A consultation the group may still respond to.
    Open,
    /// The group's response has gone in.
    Submitted,
    /// A concern recorded, not yet shared with a forum.
    Raised,
    /// A concern put to a policing forum.
    Shared,
    Watch,
    Assess,
    Act,
    /// A forum the group will attend.
    Planned,
    /// The group was represented.
    Represented,
    Closed,
}

impl WorkStatus {
    const ALL: [WorkStatus; 10] = [
        WorkStatus::Open,
        WorkStatus::Submitted,
        WorkStatus::Raised,
        WorkStatus::Shared,
        WorkStatus::Watch,
        WorkStatus::Assess,
        WorkStatus::Act,
        WorkStatus::Planned,
        WorkStatus::Represented,
        WorkStatus::Closed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            WorkStatus::Open => "open",
            WorkStatus::Submitted => "submitted",
            WorkStatus::Raised => "raised",
            WorkStatus::Shared => "shared",
            WorkStatus::Watch => "watch",
            WorkStatus::Assess => "assess",
            WorkStatus::Act => "act",
            WorkStatus::Planned => "planned",
            WorkStatus::Represented => "represented",
            WorkStatus::Closed => "closed",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == text)
    }

    pub fn label(self) -> &'static str {
        match self {
            WorkStatus::Open => "Open",
            WorkStatus::Submitted => "Submitted",
            WorkStatus::Raised => "Raised",
            WorkStatus::Shared => "Shared",
            WorkStatus::Watch => "Watch",
            WorkStatus::Assess => "Assess",
            WorkStatus::Act => "Act",
            WorkStatus::Planned => "Planned",
            WorkStatus::Represented => "Represented",
            WorkStatus::Closed => "Closed",
        }
    }
}

/// What kind of development a horizon item is (ToR §5a names the first four; standards
/// published elsewhere are the fifth).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum HorizonKind {
    Technology,
    Legislation,
    Regulation,
    CaseLaw,
    Standard,
}

impl HorizonKind {
    pub const ALL: [HorizonKind; 5] = [HorizonKind::Technology, HorizonKind::Legislation, HorizonKind::Regulation, HorizonKind::CaseLaw, HorizonKind::Standard];

    pub fn as_str(self) -> &'static str {
        match self {
            HorizonKind::Technology => "technology",
            HorizonKind::Legislation => "legislation",
            HorizonKind::Regulation => "regulation",
            HorizonKind::CaseLaw => "case_law",
            HorizonKind::Standard => "standard",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == text)
    }

    pub fn label(self) -> &'static str {
        match self {
            HorizonKind::Technology => "Technology",
            HorizonKind::Legislation => "Legislation",
            HorizonKind::Regulation => "Regulation",
            HorizonKind::CaseLaw => "Case law",
            HorizonKind::Standard => "Standard",
        }
    }
}

/// What the rules need to know of an entry to say whether it needs the secretariat.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkFacts {
    pub id: Id,
    pub kind: WorkKind,
    pub title: String,
    pub status: WorkStatus,
    /// The day it was raised, spotted, received or represented.
    pub opened_on: NaiveDate,
    /// A consultation's deadline.
    pub deadline: Option<NaiveDate>,
    /// The last day its status was set or it was reviewed.
    pub reviewed_on: NaiveDate,
}

/// An entry that needs the secretariat, as Home shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct WorkNeed {
    pub entry_id: Id,
    pub kind: WorkKind,
    pub title: String,
    /// When it is (or was) due: the deadline, the day a review fell due, the day raised.
    pub due: NaiveDate,
    /// The sentence Home shows, naming the paragraph.
    pub message: String,
    pub tor: String,
    pub overdue: bool,
}

/// What in the work registers needs the secretariat on `on`, soonest first:
/// consultations still open whose deadline is within the group's
/// [`WorkThresholds::deadline_warning_days`] (or has passed), horizon items not closed and not
/// reviewed for [`WorkThresholds::review_months`], and concerns raised and not yet shared.
pub fn needs(entries: &[WorkFacts], on: NaiveDate, thresholds: WorkThresholds) -> Vec<WorkNeed> {
    let WorkThresholds { deadline_warning_days, review_months } = thresholds;
    let mut out = Vec::new();
    for e in entries {
        let need = |due: NaiveDate, message: String| WorkNeed {
            entry_id: e.id,
            kind: e.kind,
            title: e.title.clone(),
            due,
            message,
            tor: e.kind.tor().to_owned(),
            overdue: due < on,
        };
        match (e.kind, e.status) {
            (WorkKind::Consultation, WorkStatus::Open) => {
                if let Some(deadline) = e.deadline
                    && (deadline - on).num_days() <= i64::from(deadline_warning_days)
                {
                    let message = if deadline < on {
                        format!("The consultation \u{201c}{}\u{201d} closed on {} and no response is recorded as submitted.", e.title, uk_date(deadline))
                    } else {
                        format!("The group's response to \u{201c}{}\u{201d} is due by {}.", e.title, uk_date(deadline))
                    };
                    out.push(need(deadline, message));
                }
            }
            (WorkKind::Horizon, status) if status != WorkStatus::Closed => {
                let review_due = e.reviewed_on.checked_add_months(Months::new(review_months)).unwrap_or(NaiveDate::MAX);
                if review_due <= on {
                    let message = format!(
                        "The horizon item \u{201c}{}\u{201d} has not been reviewed since {} ({review_months} {} or more).",
                        e.title,
                        uk_date(e.reviewed_on),
                        if review_months == 1 { "month" } else { "months" }
                    );
                    out.push(need(review_due, message));
                }
            }
            (WorkKind::Concern, WorkStatus::Raised) => {
                let message =
                    format!("The concern \u{201c}{}\u{201d}, raised on {}, has not yet been shared with a policing forum.", e.title, uk_date(e.opened_on));
                out.push(WorkNeed { overdue: false, ..need(e.opened_on, message) });
            }
            _ => {}
        }
    }
    out.sort_by(|a, b| a.due.cmp(&b.due).then(a.entry_id.cmp(&b.entry_id)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    fn facts(id: Id, kind: WorkKind, status: WorkStatus, opened: &str, deadline: Option<&str>, reviewed: &str) -> WorkFacts {
        WorkFacts { id, kind, title: format!("Entry {id}"), status, opened_on: d(opened), deadline: deadline.map(d), reviewed_on: d(reviewed) }
    }

    #[test]
    fn each_register_cites_the_paragraph_it_serves_and_starts_in_its_first_status() {
        let table = [
            (WorkKind::Consultation, "ToR §3a", WorkStatus::Open),
            (WorkKind::Concern, "ToR §3c", WorkStatus::Raised),
            (WorkKind::Horizon, "ToR §5a", WorkStatus::Watch),
            (WorkKind::Representation, "ToR §3d, §5f", WorkStatus::Planned),
        ];
        for (kind, tor, first) in table {
            assert_eq!(kind.tor(), tor);
            assert_eq!(kind.first_status(), first);
            assert_eq!(WorkKind::parse(kind.as_str()), Some(kind));
            assert!(kind.statuses().contains(&WorkStatus::Closed), "{kind:?} can be closed");
        }
    }

    #[test]
    fn s5a_a_horizon_item_moves_watch_assess_act_closed_and_refuses_another_register_s_status() {
        let horizon = WorkKind::Horizon;
        assert_eq!(horizon.statuses(), &[WorkStatus::Watch, WorkStatus::Assess, WorkStatus::Act, WorkStatus::Closed]);
        let refused = horizon.check_status(WorkStatus::Submitted).unwrap_err();
        assert!(refused.contains("watch, assess, act, closed") && refused.contains("ToR §5a"), "{refused}");
        assert!(WorkKind::Concern.check_status(WorkStatus::Shared).is_ok());
    }

    #[test]
    fn home_lists_deadlines_within_14_days_stale_horizon_items_and_unshared_concerns_soonest_first() {
        let today = d("2026-12-04");
        let entries = [
            facts(1, WorkKind::Consultation, WorkStatus::Open, "2026-11-01", Some("2026-12-18"), "2026-11-01"), // 14 days: listed
            facts(2, WorkKind::Consultation, WorkStatus::Open, "2026-11-01", Some("2026-12-19"), "2026-11-01"), // 15 days: not yet
            facts(3, WorkKind::Consultation, WorkStatus::Submitted, "2026-11-01", Some("2026-12-05"), "2026-11-20"), // answered
            facts(4, WorkKind::Horizon, WorkStatus::Assess, "2026-06-01", None, "2026-09-04"),                  // three months today
            facts(5, WorkKind::Horizon, WorkStatus::Watch, "2026-06-01", None, "2026-09-05"),                   // a day short
            facts(6, WorkKind::Horizon, WorkStatus::Closed, "2026-01-01", None, "2026-01-01"),                  // closed: never
            facts(7, WorkKind::Concern, WorkStatus::Raised, "2026-11-30", None, "2026-11-30"),
            facts(8, WorkKind::Concern, WorkStatus::Shared, "2026-11-30", None, "2026-12-01"),
            facts(9, WorkKind::Representation, WorkStatus::Planned, "2026-12-10", None, "2026-12-01"),
            facts(10, WorkKind::Consultation, WorkStatus::Open, "2026-10-01", Some("2026-12-01"), "2026-10-01"), // passed, unanswered
        ];
        let found = needs(&entries, today, WorkThresholds::default());
        let ids: Vec<Id> = found.iter().map(|n| n.entry_id).collect();
        assert_eq!(ids, vec![7, 10, 4, 1]);
        assert!(found[1].overdue && found[1].message.contains("closed on Tue 1 Dec 2026"), "{:?}", found[1]);
        assert_eq!(found[2].due, d("2026-12-04"));
        assert_eq!(found[3].message, "The group's response to \u{201c}Entry 1\u{201d} is due by Fri 18 Dec 2026.");
        assert_eq!(found[3].tor, "ToR §3a");
        assert!(found[0].message.contains("not yet been shared"));
    }

    #[test]
    fn the_thresholds_are_the_group_s_a_quarterly_group_looks_a_month_ahead_and_reviews_twice_a_year() {
        let today = d("2026-12-04");
        let entries = [
            facts(1, WorkKind::Consultation, WorkStatus::Open, "2026-11-01", Some("2027-01-03"), "2026-11-01"), // 30 days
            facts(2, WorkKind::Horizon, WorkStatus::Watch, "2026-06-01", None, "2026-09-04"),                   // three months
            facts(3, WorkKind::Horizon, WorkStatus::Watch, "2026-01-01", None, "2026-06-04"),                   // six months
        ];
        let quarterly = WorkThresholds { deadline_warning_days: 30, review_months: 6 };
        let found = needs(&entries, today, quarterly);
        assert_eq!(found.iter().map(|n| n.entry_id).collect::<Vec<_>>(), vec![3, 1]);
        assert!(found[0].message.contains("(6 months or more)"), "{}", found[0].message);
        assert_eq!(needs(&entries, today, WorkThresholds::default()).iter().map(|n| n.entry_id).collect::<Vec<_>>(), vec![3, 2]);
    }

    #[test]
    fn thresholds_outside_sense_are_refused_at_their_field() {
        let none_ahead = WorkThresholds { deadline_warning_days: 0, review_months: 3 };
        assert_eq!(none_ahead.validate().unwrap_err().0, "work.deadline_warning_days");
        let never = WorkThresholds { deadline_warning_days: 14, review_months: 61 };
        let (field, message) = never.validate().unwrap_err();
        assert_eq!(field, "work.review_months");
        assert!(message.contains("ToR §5a"), "{message}");
        assert!(WorkThresholds::default().validate().is_ok());
    }
}
