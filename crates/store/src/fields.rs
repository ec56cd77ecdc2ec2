//! Checking the fields of a write: each failure names the field it belongs to,
//! so the window can show the message beside it.

use crate::error::{Result, StoreError};
use chrono::{Datelike, NaiveDate};
use secretariat_rules::text::{email_address_problem, single_line};

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
    if YEARS.contains(&value.year()) { Ok(value) } else { Err(invalid(field, format!("{what} must fall between {} and {}.", YEARS.start(), YEARS.end()))) }
}

/// Optional free text: empty is allowed, the rest is checked like a name.
pub(crate) fn optional_text(field: &'static str, what: &'static str, value: &str, max: usize) -> Result<String> {
    if value.trim().is_empty() { Ok(String::new()) } else { text(field, what, value, max) }
}

/// An email address, or nothing: what a person gives is checked as the strict address
/// a mail header or a `mailto:` link can carry ([`email_address_problem`]).
pub(crate) fn optional_email(field: &'static str, value: &str) -> Result<String> {
    let email = optional_text(field, "The email address", value, 254)?;
    match email_address_problem(&email) {
        Some(reason) if !email.is_empty() => Err(invalid(field, email_message(&email, reason))),
        _ => Ok(email),
    }
}

/// Why an address is refused, in words for the person who typed it.
pub(crate) fn email_message(email: &str, reason: &str) -> String {
    format!("\u{201c}{email}\u{201d} is not an email address: {reason}. Give one address, such as name@example.org.")
}
