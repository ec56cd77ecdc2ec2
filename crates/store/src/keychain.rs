//! Where the database key lives day to day: the operating system's keychain.
//!
//! [`SystemKeychain`] is the real one (Secret Service on Linux, Keychain on macOS,
//! Credential Manager on Windows — the `keyring` crate with those backends enabled
//! explicitly, since without them it silently keeps secrets in memory).
//! [`MemoryKeychain`] is the test double for unit tests; the real path is tested
//! too (see `tests/secret_service.rs`).
//!
//! Calls here block (D-Bus round trips); async callers wrap them in `spawn_blocking`.

use crate::key::DatabaseKey;
use std::collections::HashMap;
use std::fmt::Debug;
use std::sync::Mutex;

/// The keychain service name entries are filed under.
pub const KEYCHAIN_SERVICE: &str = "Secretariat";

/// The account a database's key is filed under in the OS keychain (with [`KEYCHAIN_SERVICE`]).
pub fn keychain_account(database_id: &str) -> String {
    format!("database-{database_id}")
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeychainError {
    /// No keychain can be reached (no Secret Service running, locked, refused).
    #[error("the OS keychain could not be reached: {0}")]
    Unavailable(String),
    /// An entry exists but does not hold a database key.
    #[error("the keychain entry for this database is damaged")]
    Damaged,
}

/// A place that keeps one key per database, by the database's id.
pub trait Keychain: Send + Sync + Debug {
    fn get(&self, database_id: &str) -> Result<Option<DatabaseKey>, KeychainError>;
    fn set(&self, database_id: &str, key: &DatabaseKey) -> Result<(), KeychainError>;
    fn delete(&self, database_id: &str) -> Result<(), KeychainError>;
}

/// The operating system's keychain.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemKeychain;

impl SystemKeychain {
    fn entry(database_id: &str) -> Result<keyring::Entry, KeychainError> {
        keyring::Entry::new(KEYCHAIN_SERVICE, &keychain_account(database_id)).map_err(|e| KeychainError::Unavailable(e.to_string()))
    }
}

impl Keychain for SystemKeychain {
    fn get(&self, database_id: &str) -> Result<Option<DatabaseKey>, KeychainError> {
        match Self::entry(database_id)?.get_password() {
            Ok(hex) => {
                let hex = zeroize::Zeroizing::new(hex);
                DatabaseKey::from_hex(&hex).map(Some).ok_or(KeychainError::Damaged)
            }
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(keyring::Error::BadEncoding(_)) => Err(KeychainError::Damaged),
            Err(e) => Err(KeychainError::Unavailable(e.to_string())),
        }
    }

    fn set(&self, database_id: &str, key: &DatabaseKey) -> Result<(), KeychainError> {
        Self::entry(database_id)?.set_password(&key.to_hex()).map_err(|e| KeychainError::Unavailable(e.to_string()))
    }

    fn delete(&self, database_id: &str) -> Result<(), KeychainError> {
        match Self::entry(database_id)?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(KeychainError::Unavailable(e.to_string())),
        }
    }
}

/// An in-memory keychain: the test double at the keychain edge.
#[derive(Debug, Default)]
pub struct MemoryKeychain {
    entries: Mutex<HashMap<String, DatabaseKey>>,
    unavailable: bool,
}

impl MemoryKeychain {
    /// A keychain that refuses every call, like a machine with no Secret Service.
    pub fn unavailable() -> Self {
        Self { entries: Mutex::default(), unavailable: true }
    }

    pub fn len(&self) -> usize {
        self.entries.lock().expect("keychain lock").len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn check(&self) -> Result<(), KeychainError> {
        if self.unavailable { Err(KeychainError::Unavailable("no keychain on this machine (test double)".into())) } else { Ok(()) }
    }
}

impl Keychain for MemoryKeychain {
    fn get(&self, database_id: &str) -> Result<Option<DatabaseKey>, KeychainError> {
        self.check()?;
        Ok(self.entries.lock().expect("keychain lock").get(database_id).cloned())
    }

    fn set(&self, database_id: &str, key: &DatabaseKey) -> Result<(), KeychainError> {
        self.check()?;
        self.entries.lock().expect("keychain lock").insert(database_id.to_owned(), key.clone());
        Ok(())
    }

    fn delete(&self, database_id: &str) -> Result<(), KeychainError> {
        self.check()?;
        self.entries.lock().expect("keychain lock").remove(database_id);
        Ok(())
    }
}
