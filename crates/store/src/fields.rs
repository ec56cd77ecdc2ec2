//! Checking the fields of a write: each failure names the field it belongs to,
//! so the window can show the message beside it.

use crate::error::{Result, StoreError};
use chrono::{Datelike, NaiveDate};
use secretariat_rules::text::single_line;

/// The years a date a person gives may fall in. Anything else is a slip of the keyboard
/// or a crafted request (the window sends what it is given): a meeting in the year
/// 262142 would be stored, listed and overflow date arithmetic later.
pub(crate) const YEARS: std::ops::RangeInclusive<i32> = 1900..=2199;

pub(crate) fn invalid(field: &'static str, message: impl Into<String>) -> StoreError {
    StoreError::Invalid { field, message: message.into() }
}

/// One line of text: normalised, without control or bidi-override characters, capped.
pub(crate) fn text(field: &'static str, what: &'static str, value: &str, max: usize) -> Result<String> {
    single_line(value, what, max).map_err(|e| invalid(field, e.to_string()))
}

/// A date a person gave, within [`YEARS`]; the error names the field.
pub(crate) fn date(field: &'static str, what: &'static str, value: NaiveDate) -> Result<NaiveDate> {
    if YEARS.contains(&value.year()) {
        Ok(value)
    } else {
        Err(invalid(field, format!("{what} must fall between {} and {}.", YEARS.start(), YEARS.end())))
    }
}

/// Optional free text: empty is allowed, the rest is checked like a name.
pub(crate) fn optional_text(field: &'static str, what: &'static str, value: &str, max: usize) -> Result<String> {
    if value.trim().is_empty() { Ok(String::new()) } else { text(field, what, value, max) }
}
