//! The database key: 32 random bytes that never leave this process in the clear,
//! except to the OS keychain.

use rand::RngCore;
use std::fmt;
use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

pub const KEY_LEN: usize = 32;

/// The raw SQLCipher key. Its `Debug` is redacted so it cannot reach a log by accident.
#[derive(Clone, PartialEq, Eq, Zeroize, ZeroizeOnDrop)]
pub struct DatabaseKey([u8; KEY_LEN]);

impl DatabaseKey {
    pub fn generate() -> Self {
        let mut bytes = [0u8; KEY_LEN];
        rand::rngs::OsRng.fill_bytes(&mut bytes);
        Self(bytes)
    }

    pub fn from_bytes(bytes: [u8; KEY_LEN]) -> Self {
        Self(bytes)
    }

    pub(crate) fn from_hex(text: &str) -> Option<Self> {
        let mut bytes = [0u8; KEY_LEN];
        hex::decode_to_slice(text.trim(), &mut bytes).ok()?;
        Some(Self(bytes))
    }

    pub(crate) fn as_bytes(&self) -> &[u8; KEY_LEN] {
        &self.0
    }

    /// The key as hex, for the keychain entry. Never print, log or send it anywhere else.
    pub fn to_hex(&self) -> Zeroizing<String> {
        Zeroizing::new(hex::encode(self.0))
    }

    /// The raw key as SQLCipher's key text, `x'…'`: bound as the KEY of an
    /// `ATTACH`, so the key is never part of any SQL text.
    pub(crate) fn raw_key_text(&self) -> Zeroizing<String> {
        Zeroizing::new(format!("x'{}'", hex::encode_upper(self.0)))
    }

    /// The value of `PRAGMA key` for a raw key: `"x'…'"`, so SQLCipher skips its
    /// per-connection key derivation (the key is already random).
    pub(crate) fn pragma_value(&self) -> Zeroizing<String> {
        Zeroizing::new(format!("\"x'{}'\"", hex::encode_upper(self.0)))
    }
}

impl fmt::Debug for DatabaseKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("DatabaseKey(redacted)")
    }
}

/// A recovery passphrase as typed. Redacted in `Debug`, wiped on drop.
#[derive(Clone, Zeroize, ZeroizeOnDrop)]
pub struct Passphrase(String);

impl Passphrase {
    pub fn new(text: impl Into<String>) -> Self {
        Self(text.into())
    }

    pub(crate) fn as_bytes(&self) -> &[u8] {
        self.0.as_bytes()
    }

    pub fn len(&self) -> usize {
        self.0.chars().count()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Debug for Passphrase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Passphrase(redacted)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_output_never_shows_key_or_passphrase() {
        let key = DatabaseKey::from_bytes([0xAB; KEY_LEN]);
        assert_eq!(format!("{key:?}"), "DatabaseKey(redacted)");
        assert!(!format!("{:?}", Passphrase::new("correct horse")).contains("horse"));
    }

    #[test]
    fn pragma_value_is_the_raw_key_form() {
        let key = DatabaseKey::from_bytes([0x0F; KEY_LEN]);
        let value = key.pragma_value();
        assert!(value.starts_with("\"x'0F0F"));
        assert!(value.ends_with("'\""));
        assert_eq!(value.len(), 2 * KEY_LEN + 5);
    }
}
