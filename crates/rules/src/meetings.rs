//! Meetings in time: monthly series (ToR §19), the agenda's running times, and the
//! publication deadline a week ahead (ToR §20). Pure date arithmetic.

use chrono::{Datelike, Days, Months, NaiveDate, NaiveTime, TimeDelta, Weekday};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::Refusal;
use crate::working_days::{self, Nation};

/// "The second Tuesday of each month": which week (1–4, or -1 for the last) and which day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MonthlyRule {
    /// 1 to 4, or -1 for the last such weekday of the month.
    pub week: i8,
    /// 0 = Monday … 6 = Sunday.
    pub weekday: u8,
}

const DAY_NAMES: [&str; 7] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

impl MonthlyRule {
    pub fn new(week: i8, weekday: u8) -> Result<Self, Refusal> {
        if !(week == -1 || (1..=4).contains(&week)) {
            return Err(Refusal::from("Choose the first to fourth, or the last, week of the month."));
        }
        if weekday > 6 {
            return Err(Refusal::from("Choose a day of the week."));
        }
        Ok(Self { week, weekday })
    }

    fn weekday(self) -> Weekday {
        Weekday::try_from(self.weekday).unwrap_or(Weekday::Mon)
    }

    /// The rule in words: "second Tuesday of each month".
    pub fn describe(self) -> String {
        let ordinal = match self.week {
            1 => "first",
            2 => "second",
            3 => "third",
            4 => "fourth",
            _ => "last",
        };
        format!("{ordinal} {} of each month", DAY_NAMES[usize::from(self.weekday.min(6))])
    }

    /// The rule's day in the month of `month`.
    pub fn in_month(self, month: NaiveDate) -> NaiveDate {
        let (year, m) = (month.year(), month.month());
        if self.week > 0 {
            NaiveDate::from_weekday_of_month_opt(year, m, self.weekday(), self.week as u8).expect("weeks 1 to 4 always exist")
        } else {
            let first_of_next = NaiveDate::from_ymd_opt(year, m, 1).expect("valid").checked_add_months(Months::new(1)).expect("in range");
            let mut day = first_of_next.pred_opt().expect("in range");
            while day.weekday() != self.weekday() {
                day = day.pred_opt().expect("in range");
            }
            day
        }
    }

    /// Every meeting day from `from` to `until` inclusive.
    pub fn dates(self, from: NaiveDate, until: NaiveDate) -> Vec<NaiveDate> {
        let mut out = Vec::new();
        let mut month = from.with_day(1).expect("day 1 exists");
        while month <= until {
            let day = self.in_month(month);
            if day >= from && day <= until {
                out.push(day);
            }
            month = month.checked_add_months(Months::new(1)).expect("in range");
        }
        out
    }
}

/// Where a meeting's agenda and papers stand against the publication deadline (ToR §20).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum Publication {
    /// Published on this day (late if after the deadline).
    Published {
        on: NaiveDate,
        late: bool,
    },
    /// Not yet published; the deadline is more than a day away.
    OnTrack {
        days_left: u32,
    },
    DueToday,
    /// The deadline has passed and the pack is not out.
    Late {
        days_late: u32,
    },
    /// The meeting has happened without a published pack.
    Past,
}

/// The publication deadline: the meeting's day less the lead time (ToR §20: a week).
pub fn publication_deadline(meeting: NaiveDate, lead_days: u32) -> NaiveDate {
    meeting.checked_sub_days(Days::new(u64::from(lead_days))).unwrap_or(NaiveDate::MIN)
}

/// The day to publish by: the ToR §20 deadline, or the last working day before it when it
/// falls on a weekend or a bank holiday of the group's nation (issue #18), so that a reminder
/// never proposes a day nobody is at work.
pub fn publish_by(meeting: NaiveDate, lead_days: u32, nation: Nation) -> NaiveDate {
    working_days::on_or_before(publication_deadline(meeting, lead_days), nation)
}

/// Where a pack stands on `today`: counted down to the working day to publish by
/// (`publish_by`); late only once the ToR §20 deadline itself has passed.
pub fn publication(meeting: NaiveDate, lead_days: u32, nation: Nation, published_on: Option<NaiveDate>, today: NaiveDate) -> Publication {
    let deadline = publication_deadline(meeting, lead_days);
    if let Some(on) = published_on {
        return Publication::Published { on, late: on > deadline };
    }
    if today > meeting {
        return Publication::Past;
    }
    if today > deadline {
        return Publication::Late { days_late: (today - deadline).num_days() as u32 };
    }
    match (publish_by(meeting, lead_days, nation) - today).num_days() {
        d if d > 0 => Publication::OnTrack { days_left: d as u32 },
        // On the day to publish by, or between it and a deadline on a day off.
        _ => Publication::DueToday,
    }
}

/// The start time of each agenda item, from the meeting's start and the items' durations.
pub fn start_times(start: NaiveTime, minutes: &[u32]) -> Vec<NaiveTime> {
    let mut at = start;
    minutes
        .iter()
        .map(|&m| {
            let this = at;
            at = at.overflowing_add_signed(TimeDelta::minutes(i64::from(m))).0;
            this
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn s19_a_monthly_series_falls_on_its_rule_day() {
        let second_tuesday = MonthlyRule::new(2, 1).unwrap();
        assert_eq!(second_tuesday.describe(), "second Tuesday of each month");
        let dates = second_tuesday.dates(d("2026-01-01"), d("2026-12-31"));
        assert_eq!(dates.len(), 12);
        assert_eq!(dates[0], d("2026-01-13"));
        assert_eq!(dates[11], d("2026-12-08"));
        assert!(dates.iter().all(|x| x.weekday() == Weekday::Tue));
    }

    #[test]
    fn s19_the_last_weekday_of_the_month_is_found() {
        let last_friday = MonthlyRule::new(-1, 4).unwrap();
        assert_eq!(last_friday.in_month(d("2026-02-10")), d("2026-02-27"));
        assert_eq!(last_friday.in_month(d("2026-07-01")), d("2026-07-31"));
    }

    #[test]
    fn s19_a_series_starting_mid_month_skips_a_day_already_past() {
        let dates = MonthlyRule::new(2, 1).unwrap().dates(d("2026-01-14"), d("2026-03-31"));
        assert_eq!(dates, [d("2026-02-10"), d("2026-03-10")]);
    }

    #[test]
    fn impossible_rules_are_refused() {
        assert!(MonthlyRule::new(5, 1).is_err());
        assert!(MonthlyRule::new(0, 1).is_err());
        assert!(MonthlyRule::new(1, 7).is_err());
    }

    #[test]
    fn s20_the_deadline_is_a_week_ahead_and_its_state_follows_the_day() {
        let meeting = d("2026-12-08");
        assert_eq!(publication_deadline(meeting, 7), d("2026-12-01"));
        let table = [
            ("2026-11-27", None, Publication::OnTrack { days_left: 4 }),
            ("2026-12-01", None, Publication::DueToday),
            ("2026-12-03", None, Publication::Late { days_late: 2 }),
            ("2026-12-09", None, Publication::Past),
            ("2026-12-03", Some("2026-11-30"), Publication::Published { on: d("2026-11-30"), late: false }),
            ("2026-12-03", Some("2026-12-02"), Publication::Published { on: d("2026-12-02"), late: true }),
        ];
        for (today, published, expected) in table {
            assert_eq!(publication(meeting, 7, Nation::EnglandAndWales, published.map(d), d(today)), expected, "on {today}");
        }
    }

    #[test]
    fn s20_a_deadline_on_a_day_off_is_met_on_the_working_day_before() {
        // A meeting on Mon 4 Jan 2027: a week ahead is Mon 28 Dec 2026, the Boxing Day bank
        // holiday in lieu; before it come the weekend and Christmas Day, so publish by Thu 24 Dec.
        let meeting = d("2027-01-04");
        let ew = Nation::EnglandAndWales;
        assert_eq!(publication_deadline(meeting, 7), d("2026-12-28"));
        assert_eq!(publish_by(meeting, 7, ew), d("2026-12-24"));
        assert_eq!(publication(meeting, 7, ew, None, d("2026-12-21")), Publication::OnTrack { days_left: 3 });
        assert_eq!(publication(meeting, 7, ew, None, d("2026-12-24")), Publication::DueToday);
        // Not late under ToR §20 until the deadline itself has passed.
        assert_eq!(publication(meeting, 7, ew, None, d("2026-12-27")), Publication::DueToday);
        assert_eq!(publication(meeting, 7, ew, None, d("2026-12-29")), Publication::Late { days_late: 1 });
        assert_eq!(publication(meeting, 7, ew, Some(d("2026-12-28")), d("2026-12-29")), Publication::Published { on: d("2026-12-28"), late: false });
        // A deadline on a working day stays where it is.
        assert_eq!(publish_by(d("2026-12-08"), 7, ew), d("2026-12-01"));
    }

    #[test]
    fn agenda_start_times_run_on_from_the_meeting_start() {
        let times = start_times(NaiveTime::from_hms_opt(14, 0, 0).unwrap(), &[5, 10, 45, 0, 10]);
        let text: Vec<_> = times.iter().map(|t| t.format("%H:%M").to_string()).collect();
        assert_eq!(text, ["14:00", "14:05", "14:15", "15:00", "15:00"]);
    }
}
