//! The store's one error type. Each variant is a situation a person can act on,
//! and its message says what to do; none of them ever carries the key.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(
        "The data folder {path} is read-only, so Secretariat cannot save anything there. Choose a folder you can write to (--data-dir or SECRETARIAT_DATA_DIR)."
    )]
    DataFolderReadOnly { path: PathBuf },

    #[error("The data folder {path} cannot be used: {reason}")]
    DataFolderUnusable { path: PathBuf, reason: String },

    #[error("There is no Secretariat database in {path} yet. Create a working group first (secretariat init).")]
    NoDatabase { path: PathBuf },

    #[error("Secretariat is already open on the data folder {path} in another window or program ({}). Close it there, then try again; nothing was changed.", match process { Some(pid) => format!("process {pid}"), None => "another process".to_owned() })]
    AlreadyOpen { path: PathBuf, process: Option<u32> },

    #[error("A Secretariat database already exists in {path}; it was left untouched.")]
    AlreadyExists { path: PathBuf },

    #[error("The OS keychain has no key for the database in {path}. Recover access with your recovery passphrase; the database has not been touched.")]
    KeychainEntryMissing { path: PathBuf },

    #[error(
        "The key in the OS keychain does not open the database in {path}. Recover access with your recovery passphrase; the database has not been touched."
    )]
    KeychainKeyMismatch { path: PathBuf },

    #[error("The OS keychain could not be reached ({reason}). Unlock it, or give the recovery passphrase (SECRETARIAT_PASSPHRASE) instead.")]
    KeychainUnavailable { reason: String },

    #[error("That recovery passphrase is not the one this database was created with.")]
    WrongPassphrase,

    #[error("The key file {path} is missing, so the recovery passphrase cannot be used. Restore it from a backup.")]
    KeyFileMissing { path: PathBuf },

    #[error("The key file {path} is damaged ({reason}). Restore it from a backup.")]
    KeyFileDamaged { path: PathBuf, reason: String },

    #[error("{path} is not a Secretariat database, or it is damaged. Nothing was changed; restore it from a backup.")]
    NotADatabase { path: PathBuf },

    #[error("{path} is an unencrypted SQLite file. Secretariat only works on encrypted databases and will not open it.")]
    Unencrypted { path: PathBuf },

    #[error("This build of Secretariat is not linked with SQLCipher, so it cannot encrypt its data; it will not run.")]
    EncryptionMissing,

    #[error("The recovery passphrase must be at least {min} characters long.")]
    PassphraseTooShort { min: usize },

    #[error("{message}")]
    Invalid { field: &'static str, message: String },

    #[error("{what} was not found.")]
    NotFound { what: String },

    #[error("{path} cannot be restored: {reason}. Nothing was changed.")]
    BackupRefused { path: PathBuf, reason: String },

    #[error("The disk is full; the change was not saved. Free some space and try again.")]
    DiskFull,

    #[error("Upgrading the database failed: {0}. The database was left as it was.")]
    Migration(String),

    /// The database holds something it should not (a value no version wrote, a damaged list).
    #[error("The database reported an error: {0}")]
    Database(String),

    /// What the database engine reported, kept as the error's source.
    #[error("The database reported an error: {0}")]
    Sql(#[source] sqlx::Error),

    #[error("A file could not be written: {0}")]
    Io(String),

    /// What the operating system reported about a file, kept as the error's source.
    #[error("A file could not be written: {0}")]
    File(#[source] std::io::Error),
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

impl From<sqlx::Error> for StoreError {
    fn from(error: sqlx::Error) -> Self {
        if let sqlx::Error::Database(db) = &error
            && db.code().as_deref() == Some("13")
        {
            return StoreError::DiskFull;
        }
        StoreError::Sql(error)
    }
}

impl From<std::io::Error> for StoreError {
    fn from(error: std::io::Error) -> Self {
        StoreError::File(error)
    }
}

/// SQLite's primary result code, when the error came from SQLite.
pub(crate) fn sqlite_code(error: &sqlx::Error) -> Option<i32> {
    match error {
        sqlx::Error::Database(db) => db.code().and_then(|c| c.parse::<i32>().ok()).map(|c| c & 0xff),
        _ => None,
    }
}

/// An update or delete that touched no row: the record is not in this group.
pub(crate) fn touched(result: sqlx::sqlite::SqliteQueryResult, what: impl FnOnce() -> String) -> Result<()> {
    if result.rows_affected() == 0 { Err(StoreError::NotFound { what: what() }) } else { Ok(()) }
}
