//! Working days: the dates the app proposes (nominations close, papers returned) fall on
//! one, skipping weekends and the UK bank holidays of the group's nation (issue #18; England
//! and Wales unless the group says otherwise).
//!
//! The bank holidays are `data/uk-bank-holidays.tsv`, generated from the `holidays` package
//! on PyPI (MIT licence) by `scripts/bank-holidays.py`, never typed by hand; its header names
//! the package's version. A test checks that it covers every year the app proposes dates in.

use chrono::{Datelike, Days, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};
use std::sync::LazyLock;
use ts_rs::TS;

/// Whose bank holidays a group keeps.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum Nation {
    #[default]
    EnglandAndWales,
    Scotland,
    NorthernIreland,
}

impl Nation {
    pub fn as_str(self) -> &'static str {
        match self {
            Nation::EnglandAndWales => "england-and-wales",
            Nation::Scotland => "scotland",
            Nation::NorthernIreland => "northern-ireland",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        [Nation::EnglandAndWales, Nation::Scotland, Nation::NorthernIreland].into_iter().find(|n| n.as_str() == text)
    }

    pub fn label(self) -> &'static str {
        match self {
            Nation::EnglandAndWales => "England and Wales",
            Nation::Scotland => "Scotland",
            Nation::NorthernIreland => "Northern Ireland",
        }
    }
}

const TABLE: &str = include_str!("../data/uk-bank-holidays.tsv");

static HOLIDAYS: LazyLock<Vec<(Nation, NaiveDate)>> = LazyLock::new(|| {
    TABLE
        .lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .map(|line| {
            let mut cells = line.split('\t');
            let nation = cells.next().and_then(Nation::parse).expect("a nation in the bank holiday table");
            let day = cells.next().and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()).expect("a date in the bank holiday table");
            (nation, day)
        })
        .collect()
});

/// The years the table covers.
pub fn covered_years() -> (i32, i32) {
    let years = HOLIDAYS.iter().map(|(_, d)| d.year());
    (years.clone().min().unwrap_or(0), years.max().unwrap_or(0))
}

/// A bank holiday in `nation` (as the table knows them).
pub fn is_bank_holiday(day: NaiveDate, nation: Nation) -> bool {
    HOLIDAYS.iter().any(|&(n, d)| n == nation && d == day)
}

pub fn is_working_day(day: NaiveDate, nation: Nation) -> bool {
    !matches!(day.weekday(), Weekday::Sat | Weekday::Sun) && !is_bank_holiday(day, nation)
}

/// `day` if it is a working day, else the next one: a proposed deadline never falls on a
/// weekend or a bank holiday.
pub fn on_or_after(day: NaiveDate, nation: Nation) -> NaiveDate {
    let mut d = day;
    while !is_working_day(d, nation) {
        d = d + Days::new(1);
    }
    d
}

/// `day` if it is a working day, else the last one before it: the day to act by when a
/// deadline falls on a weekend or a bank holiday.
pub fn on_or_before(day: NaiveDate, nation: Nation) -> NaiveDate {
    let mut d = day;
    while !is_working_day(d, nation) {
        d = d - Days::new(1);
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn the_table_covers_every_year_the_app_proposes_dates_in() {
        // Proposals fall at most a few weeks ahead of today; the app is used from 2026, and
        // the table must be regenerated (scripts/bank-holidays.py) before it runs out.
        let (first, last) = covered_years();
        assert!(first <= 2026 && last >= 2040, "{first}-{last}");
        for year in 2026..=2040 {
            for nation in [Nation::EnglandAndWales, Nation::Scotland, Nation::NorthernIreland] {
                assert!(is_bank_holiday(NaiveDate::from_ymd_opt(year, 12, 25).unwrap(), nation), "Christmas {year} in {nation:?}");
            }
        }
    }

    #[test]
    fn deadlines_skip_weekends_and_each_nations_bank_holidays() {
        let ew = Nation::EnglandAndWales;
        // Christmas Day 2026 is a Friday; Boxing Day falls on Saturday, observed on Monday 28th.
        assert_eq!(on_or_after(d("2026-12-25"), ew), d("2026-12-29"));
        assert_eq!(on_or_after(d("2026-11-28"), ew), d("2026-11-30"), "a Saturday");
        assert_eq!(on_or_after(d("2026-11-25"), ew), d("2026-11-25"), "a Wednesday");
        assert_eq!(on_or_before(d("2026-12-28"), ew), d("2026-12-24"), "back over Christmas and Boxing Day observed");
        assert_eq!(on_or_before(d("2026-11-29"), ew), d("2026-11-27"), "a Sunday");
        // St Andrew's Day (Mon 30 Nov 2026) is a bank holiday in Scotland only.
        assert_eq!(on_or_after(d("2026-11-30"), Nation::Scotland), d("2026-12-01"));
        assert_eq!(on_or_after(d("2026-11-30"), ew), d("2026-11-30"));
        // St Patrick's Day in Northern Ireland; 2 January in Scotland.
        assert!(is_bank_holiday(d("2026-03-17"), Nation::NorthernIreland) && !is_bank_holiday(d("2026-03-17"), ew));
        assert!(is_bank_holiday(d("2026-01-02"), Nation::Scotland) && !is_bank_holiday(d("2026-01-02"), ew));
        // Easter Monday: England and Wales, not Scotland.
        assert!(is_bank_holiday(d("2026-04-06"), ew) && !is_bank_holiday(d("2026-04-06"), Nation::Scotland));
    }
}
