//! The one error that crosses to the window and the command line:
//! `{kind, message, field?}`. `kind` lets the UI choose a screen (recovery, say);
//! `message` is a sentence for a person; `field` names the form field at fault.

use secretariat_store::StoreError;
use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// Bad input; `field` says where.
    Invalid,
    NotFound,
    /// No database in the data folder yet.
    NoDatabase,
    AlreadyExists,
    /// The keychain has no key (or the wrong one): ask for the recovery passphrase.
    NeedsRecovery,
    WrongPassphrase,
    KeychainUnavailable,
    KeyFileMissing,
    KeyFileDamaged,
    /// The database file is damaged or is not a database.
    NotADatabase,
    Unencrypted,
    EncryptionMissing,
    DataFolderReadOnly,
    DataFolderUnusable,
    /// Another window or program has the data folder open (its lock file): close it
    /// there. Nothing is wrong with the data, so no restore is offered.
    AlreadyOpen,
    DiskFull,
    /// No program on this computer opened the document (or showed its folder): the message
    /// says so in words, and the window offers "Save as…" and "Show in folder" instead.
    NoViewer,
    Internal,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, thiserror::Error)]
#[error("{message}")]
pub struct ApiError {
    pub kind: ErrorKind,
    pub message: String,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}

impl ApiError {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Self { kind, message: message.into(), field: None }
    }

    pub fn invalid(field: &str, message: impl Into<String>) -> Self {
        Self { kind: ErrorKind::Invalid, message: message.into(), field: Some(field.to_owned()) }
    }
}

impl From<StoreError> for ApiError {
    fn from(error: StoreError) -> Self {
        let message = error.to_string();
        let kind = match &error {
            StoreError::Invalid { field, .. } => return ApiError::invalid(field, message),
            StoreError::PassphraseTooShort { .. } => return ApiError::invalid("recovery_passphrase", message),
            StoreError::BackupRefused { .. } => return ApiError::invalid("backup", message),
            StoreError::NotFound { .. } => ErrorKind::NotFound,
            StoreError::NoDatabase { .. } => ErrorKind::NoDatabase,
            StoreError::AlreadyExists { .. } => ErrorKind::AlreadyExists,
            // Its message names the process; the folder cannot be used until that one closes.
            StoreError::AlreadyOpen { .. } => ErrorKind::AlreadyOpen,
            StoreError::KeychainEntryMissing { .. } | StoreError::KeychainKeyMismatch { .. } => ErrorKind::NeedsRecovery,
            StoreError::KeychainUnavailable { .. } => ErrorKind::KeychainUnavailable,
            StoreError::WrongPassphrase => ErrorKind::WrongPassphrase,
            StoreError::KeyFileMissing { .. } => ErrorKind::KeyFileMissing,
            StoreError::KeyFileDamaged { .. } => ErrorKind::KeyFileDamaged,
            StoreError::NotADatabase { .. } => ErrorKind::NotADatabase,
            StoreError::Unencrypted { .. } => ErrorKind::Unencrypted,
            StoreError::EncryptionMissing => ErrorKind::EncryptionMissing,
            StoreError::DataFolderReadOnly { .. } => ErrorKind::DataFolderReadOnly,
            StoreError::DataFolderUnusable { .. } => ErrorKind::DataFolderUnusable,
            StoreError::DiskFull => ErrorKind::DiskFull,
            StoreError::Migration(_) | StoreError::Database(_) | StoreError::Sql(_) | StoreError::Io(_) | StoreError::File(_) => ErrorKind::Internal,
        };
        ApiError::new(kind, message)
    }
}

pub type ApiResult<T> = Result<T, ApiError>;
