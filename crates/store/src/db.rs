//! Opening and creating the encrypted database.
//!
//! The database is one SQLCipher file, `secretariat.db`, in the data folder, with
//! its recovery key file `secretariat.key` beside it. Every connection is keyed
//! with the raw 32-byte key before anything else runs; the file header is checked
//! so a plain SQLite file is never opened; statement logging is off so the key
//! pragma can never reach a log.

use crate::audit::AuditKey;
use crate::error::{Result, StoreError, sqlite_code};
use crate::key::{DatabaseKey, Passphrase};
use crate::keychain::{Keychain, KeychainError};
use crate::keyfile::{KdfParams, KeyFile, KeyFileError};
use sqlx::ConnectOptions;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The shortest recovery passphrase accepted.
pub const MIN_PASSPHRASE_LEN: usize = 12;

pub(crate) static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("../../migrations");

/// Where a data folder keeps its files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataPaths {
    pub dir: PathBuf,
    pub database: PathBuf,
    pub key_file: PathBuf,
}

impl DataPaths {
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        let dir = dir.into();
        Self { database: dir.join("secretariat.db"), key_file: dir.join("secretariat.key"), dir }
    }

    pub fn database_exists(&self) -> bool {
        self.database.exists()
    }
}

/// Where the key to open an existing database comes from.
#[derive(Debug, Clone)]
pub enum KeySource {
    /// The OS keychain: the normal, desktop case.
    Keychain(Arc<dyn Keychain>),
    /// The recovery passphrase, unwrapping the key file: recovery, and headless runs.
    Passphrase(Passphrase),
}

/// What happened to the key in the keychain when a database was created.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeychainOutcome {
    Saved,
    /// Not saved; the database opens with the recovery passphrase until it is.
    NotSaved(String),
}

/// An open, encrypted, migrated database.
#[derive(Debug, Clone)]
pub struct Store {
    pub(crate) pool: SqlitePool,
    paths: DataPaths,
    database_id: String,
    pub(crate) actor: String,
    pub(crate) secrets: Arc<Secrets>,
    /// Held while any clone of this store is alive: no other process opens the folder.
    _lock: Arc<crate::lock::FolderLock>,
    /// Known to `process::exit`, which closes the pool before the process ends.
    _open: Arc<crate::process::OpenPool>,
}

/// The key material an open store keeps: the database key, to write and check
/// backups, and the audit chain's key derived from it. Redacted, wiped on drop.
pub(crate) struct Secrets {
    pub(crate) key: DatabaseKey,
    pub(crate) audit: AuditKey,
}

impl std::fmt::Debug for Secrets {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secrets(redacted)")
    }
}

impl Store {
    /// Creates a new encrypted database with a fresh random key, its key file
    /// (wrapped under `passphrase`), and the key in the keychain.
    pub async fn create(paths: &DataPaths, passphrase: &Passphrase, keychain: Arc<dyn Keychain>, kdf: KdfParams) -> Result<(Store, KeychainOutcome)> {
        if passphrase.len() < MIN_PASSPHRASE_LEN {
            return Err(StoreError::PassphraseTooShort { min: MIN_PASSPHRASE_LEN });
        }
        prepare_folder(&paths.dir, true)?;
        let _lock = crate::lock::lock_folder(&paths.dir)?;
        if paths.database.exists() {
            return Err(StoreError::AlreadyExists { path: paths.dir.clone() });
        }
        set_aside_orphan_key_file(paths)?;

        let database_id = uuid::Uuid::new_v4().to_string();
        let key = DatabaseKey::generate();
        let key_file = KeyFile::create(&database_id, &key, passphrase, kdf);
        key_file.write(&paths.key_file).map_err(|e| folder_error(&paths.dir, e))?;

        let store = match Self::connect(paths, &key, &database_id, true).await {
            Ok(store) => store,
            Err(error) => {
                // Nothing existed before this call: take away what it wrote.
                for path in [&paths.database, &paths.key_file] {
                    let _ = std::fs::remove_file(path);
                }
                return Err(error);
            }
        };

        let outcome = save_to_keychain(keychain, database_id, key).await;
        tracing::info!(database = %paths.database.display(), keychain = ?outcome, "created database");
        Ok((store, outcome))
    }

    /// Opens an existing database. Never creates, never rewrites the key file,
    /// never touches the keychain.
    pub async fn open(paths: &DataPaths, source: KeySource) -> Result<Store> {
        let key_file = preflight(paths)?;
        let _lock = crate::lock::lock_folder(&paths.dir)?;
        let key = key_for(paths, &key_file, source).await?;
        Self::connect(paths, &key, &key_file.database_id, false).await
    }

    /// Recovery: unwraps the key with the passphrase, opens the database, and puts
    /// the key back in the keychain so the next start needs no passphrase.
    pub async fn recover(paths: &DataPaths, passphrase: &Passphrase, keychain: Arc<dyn Keychain>) -> Result<(Store, KeychainOutcome)> {
        let key_file = preflight(paths)?;
        let _lock = crate::lock::lock_folder(&paths.dir)?;
        let key = unwrap_key(paths, &key_file, passphrase.clone()).await?;
        let store = Self::connect(paths, &key, &key_file.database_id, false).await?;
        let outcome = save_to_keychain(keychain, store.database_id.clone(), key).await;
        Ok((store, outcome))
    }

    pub(crate) async fn connect(paths: &DataPaths, key: &DatabaseKey, database_id: &str, create: bool) -> Result<Store> {
        let lock = crate::lock::lock_folder(&paths.dir)?;
        silence_sqlcipher_log().await;
        let options = SqliteConnectOptions::new()
            .filename(&paths.database)
            .create_if_missing(create)
            // sqlx runs `key` before every other pragma (it reserves its slot first).
            .pragma("key", key.pragma_value().to_string())
            // SQLCipher's "enhanced memory security" (mlock/munlock and wiping of every SQLite
            // heap allocation) is left off, SQLCipher's own default since 4.5: profiling the list
            // screens at scale put ~45% of their time in those two system calls (docs/PERFORMANCE.md).
            // It guarded only SQLite's heap — the same values are copied into Rust strings and sent
            // to the window unlocked — and SQLCipher still wipes its own key material.
            .pragma("cipher_memory_security", "OFF")
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full)
            .foreign_keys(true)
            .pragma("secure_delete", "ON")
            .pragma("temp_store", "MEMORY")
            .busy_timeout(std::time::Duration::from_secs(5))
            // The key pragma is a statement too: statement logging must stay off.
            .log_statements(log::LevelFilter::Off)
            .log_slow_statements(log::LevelFilter::Off, std::time::Duration::from_secs(60));

        let connect = |options: SqliteConnectOptions| {
            SqlitePoolOptions::new()
                .max_connections(4)
                // After SQLITE_FULL or an I/O error SQLite may have rolled the transaction back
                // itself; sqlx's own ROLLBACK then fails and the connection comes back to the pool
                // still counting a transaction, refusing every later `begin`. Such a connection
                // is replaced, so the app writes again once the disk has room (tests/faults.rs).
                .before_acquire(|conn, _| Box::pin(async move { Ok(!sqlx::Connection::is_in_transaction(conn)) }))
                .connect_with(options)
        };
        let mut pool = connect(options.clone()).await.map_err(|error| connect_error(paths, &error))?;

        let cipher_version: Option<String> =
            sqlx::query_scalar("PRAGMA cipher_version").fetch_optional(&pool).await.map_err(|error| connect_error(paths, &error))?;
        if cipher_version.as_deref().unwrap_or("").is_empty() {
            pool.close().await;
            return Err(StoreError::EncryptionMissing);
        }

        // An existing database about to be upgraded is backed up first, as it is.
        let upgraded = match crate::backup::before_migrations(&pool, &MIGRATOR, paths, key).await {
            Ok(backup) => backup.is_some(),
            Err(error) => {
                pool.close().await;
                return Err(error);
            }
        };
        if let Err(error) = MIGRATOR.run(&pool).await {
            pool.close().await;
            return Err(match error {
                sqlx::migrate::MigrateError::Execute(inner) if matches!(sqlite_code(&inner), Some(11 | 26)) => {
                    StoreError::NotADatabase { path: paths.database.clone() }
                }
                other => StoreError::Migration(other.to_string()),
            });
        }
        if upgraded {
            // The pool's other connections read the schema before the upgrade; a statement
            // prepared against it (`SELECT s.*` after a column was added) would be re-prepared
            // by SQLite with more columns than sqlx described. Fresh connections read it anew.
            pool.close().await;
            pool = connect(options).await.map_err(|error| connect_error(paths, &error))?;
        }

        let secrets = Arc::new(Secrets { key: key.clone(), audit: AuditKey::derive(key) });
        let open = crate::process::register(&pool);
        Ok(Store { pool, paths: paths.clone(), database_id: database_id.to_owned(), actor: os_user(), secrets, _lock: lock, _open: open })
    }

    pub fn paths(&self) -> &DataPaths {
        &self.paths
    }

    pub fn database_id(&self) -> &str {
        &self.database_id
    }

    /// The SQLCipher version the database is encrypted with.
    pub async fn cipher_version(&self) -> Result<String> {
        Ok(sqlx::query_scalar("PRAGMA cipher_version").fetch_one(&self.pool).await?)
    }

    pub async fn close(self) {
        self.pool.close().await;
    }
}

/// SQLCipher logs to stderr at WARN from its first use on ("ERROR CORE sqlcipher_page_cipher:
/// hmac check failed…" for a damaged page); the person is told in our words instead
/// (`connect_error`). Its log level is one setting for the whole process, and sqlx runs its own
/// pragmas (`journal_mode` reads the file) before any we add, so it is set once, on a
/// connection of its own, before the first database is opened.
pub(crate) async fn silence_sqlcipher_log() {
    static SILENCED: tokio::sync::OnceCell<()> = tokio::sync::OnceCell::const_new();
    SILENCED
        .get_or_init(|| async {
            let quiet = SqliteConnectOptions::new().in_memory(true).pragma("cipher_log_level", "NONE");
            match quiet.connect().await {
                Ok(conn) => {
                    let _ = sqlx::Connection::close(conn).await;
                }
                Err(error) => tracing::warn!(%error, "SQLCipher's own log could not be silenced"),
            }
        })
        .await;
}

/// The database key from `source`, checked against the key file.
pub(crate) async fn key_for(paths: &DataPaths, key_file: &KeyFile, source: KeySource) -> Result<DatabaseKey> {
    Ok(match source {
        KeySource::Passphrase(passphrase) => unwrap_key(paths, key_file, passphrase).await?,
        KeySource::Keychain(keychain) => {
            let id = key_file.database_id.clone();
            let found = tokio::task::spawn_blocking(move || keychain.get(&id)).await.map_err(|e| StoreError::KeychainUnavailable { reason: e.to_string() })?;
            match found {
                Ok(Some(key)) if key_file.matches(&key) => key,
                Ok(Some(_)) | Err(KeychainError::Damaged) => {
                    return Err(StoreError::KeychainKeyMismatch { path: paths.dir.clone() });
                }
                Ok(None) => return Err(StoreError::KeychainEntryMissing { path: paths.dir.clone() }),
                Err(KeychainError::Unavailable(reason)) => return Err(StoreError::KeychainUnavailable { reason }),
            }
        }
    })
}

async fn save_to_keychain(keychain: Arc<dyn Keychain>, database_id: String, key: DatabaseKey) -> KeychainOutcome {
    match tokio::task::spawn_blocking(move || keychain.set(&database_id, &key)).await {
        Ok(Ok(())) => KeychainOutcome::Saved,
        Ok(Err(error)) => KeychainOutcome::NotSaved(error.to_string()),
        Err(join) => KeychainOutcome::NotSaved(join.to_string()),
    }
}

/// The checks before any key is looked for: the database is there, its folder is
/// writable, it is not a plain SQLite file, and its key file can be read.
pub(crate) fn preflight(paths: &DataPaths) -> Result<KeyFile> {
    if !paths.database.exists() {
        return Err(StoreError::NoDatabase { path: paths.dir.clone() });
    }
    prepare_folder(&paths.dir, false)?;
    check_header(&paths.database)?;
    read_key_file(paths)
}

async fn unwrap_key(paths: &DataPaths, key_file: &KeyFile, passphrase: Passphrase) -> Result<DatabaseKey> {
    let key_file = key_file.clone();
    // Argon2id takes a noticeable fraction of a second: keep it off the async threads.
    let result = tokio::task::spawn_blocking(move || key_file.unwrap_key(&passphrase)).await.map_err(|e| StoreError::Io(e.to_string()))?;
    result.map_err(|error| match error {
        KeyFileError::WrongPassphrase => StoreError::WrongPassphrase,
        KeyFileError::Damaged(reason) | KeyFileError::Unreadable(reason) => StoreError::KeyFileDamaged { path: paths.key_file.clone(), reason },
    })
}

pub(crate) fn read_key_file(paths: &DataPaths) -> Result<KeyFile> {
    if !paths.key_file.exists() {
        return Err(StoreError::KeyFileMissing { path: paths.key_file.clone() });
    }
    KeyFile::read(&paths.key_file).map_err(|error| StoreError::KeyFileDamaged {
        path: paths.key_file.clone(),
        reason: match error {
            KeyFileError::Damaged(r) | KeyFileError::Unreadable(r) => r,
            KeyFileError::WrongPassphrase => unreachable!("reading does not use the passphrase"),
        },
    })
}

pub(crate) fn connect_error(paths: &DataPaths, error: &sqlx::Error) -> StoreError {
    match sqlite_code(error) {
        // SQLITE_NOTADB and SQLITE_CORRUPT. The key was checked against the key file
        // before connecting, so here it is the file that is at fault.
        Some(26 | 11) => StoreError::NotADatabase { path: paths.database.clone() },
        Some(8) => StoreError::DataFolderReadOnly { path: paths.dir.clone() },
        Some(13) => StoreError::DiskFull,
        Some(14) => StoreError::DataFolderUnusable { path: paths.dir.clone(), reason: error.to_string() },
        _ => StoreError::Database(error.to_string()),
    }
}

/// Makes sure the folder exists (when creating) and can be written to: SQLite in WAL
/// mode writes beside the database even to read, so a read-only folder is an error
/// of its own rather than a confusing one later.
pub(crate) fn prepare_folder(dir: &Path, create: bool) -> Result<()> {
    if create {
        std::fs::create_dir_all(dir).map_err(|e| folder_error(dir, e))?;
    }
    tempfile::Builder::new().prefix(".secretariat-write-test").tempfile_in(dir).map(drop).map_err(|e| folder_error(dir, e))
}

pub(crate) fn folder_error(dir: &Path, error: std::io::Error) -> StoreError {
    use std::io::ErrorKind;
    match error.kind() {
        ErrorKind::PermissionDenied | ErrorKind::ReadOnlyFilesystem => StoreError::DataFolderReadOnly { path: dir.to_path_buf() },
        ErrorKind::StorageFull => StoreError::DiskFull,
        _ => StoreError::DataFolderUnusable { path: dir.to_path_buf(), reason: error.to_string() },
    }
}

/// Refuses plain SQLite files, and files too short to be a database at all.
pub(crate) fn check_header(database: &Path) -> Result<()> {
    let mut header = [0u8; 16];
    let mut file = std::fs::File::open(database)?;
    let read = file.read(&mut header)?;
    if read < header.len() {
        return Err(StoreError::NotADatabase { path: database.to_path_buf() });
    }
    if &header == b"SQLite format 3\0" {
        return Err(StoreError::Unencrypted { path: database.to_path_buf() });
    }
    Ok(())
}

fn set_aside_orphan_key_file(paths: &DataPaths) -> Result<()> {
    if paths.key_file.exists() {
        let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%SZ");
        let aside = paths.dir.join(format!("secretariat.key.orphaned-{stamp}"));
        std::fs::rename(&paths.key_file, &aside)?;
        tracing::warn!(aside = %aside.display(), "a key file without a database was set aside");
    }
    Ok(())
}

fn os_user() -> String {
    std::env::var("USER").or_else(|_| std::env::var("USERNAME")).unwrap_or_else(|_| "secretariat".to_owned())
}
