//! Why a rule refuses a change: one plain sentence for the person who made it, citing the
//! paragraph of the Terms of Reference it comes from. The store and the api put it at the
//! field that caused it.

use std::ops::Deref;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct Refusal(String);

impl Refusal {
    pub fn new(message: impl Into<String>) -> Self {
        Refusal(message.into())
    }
}

impl From<String> for Refusal {
    fn from(message: String) -> Self {
        Refusal(message)
    }
}

impl From<&str> for Refusal {
    fn from(message: &str) -> Self {
        Refusal(message.to_owned())
    }
}

impl From<Refusal> for String {
    fn from(refusal: Refusal) -> Self {
        refusal.0
    }
}

/// The sentence itself, for the tests' `contains` and for messages built around it.
impl Deref for Refusal {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl PartialEq<&str> for Refusal {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}
