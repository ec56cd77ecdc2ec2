//! Checking the fields of a write: each failure names the field it belongs to,
//! so the window can show the message beside it.

use crate::error::{Result, StoreError};
use secretariat_rules::text::single_line;

pub(crate) fn invalid(field: &'static str, message: impl Into<String>) -> StoreError {
    StoreError::Invalid { field, message: message.into() }
}

/// One line of text: normalised, without control or bidi-override characters, capped.
pub(crate) fn text(field: &'static str, what: &'static str, value: &str, max: usize) -> Result<String> {
    single_line(value, what, max).map_err(|e| invalid(field, e.to_string()))
}

/// Optional free text: empty is allowed, the rest is checked like a name.
pub(crate) fn optional_text(field: &'static str, what: &'static str, value: &str, max: usize) -> Result<String> {
    if value.trim().is_empty() { Ok(String::new()) } else { text(field, what, value, max) }
}
