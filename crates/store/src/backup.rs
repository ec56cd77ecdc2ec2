//! Backups, restore and `verify`.
//!
//! A backup is made with SQLCipher's export, never by copying the live file: the
//! database is attached as a new file keyed with the same database key and
//! `sqlcipher_export` copies every table, index and trigger into it inside one read
//! transaction (a consistent snapshot while the app keeps writing). The copy is
//! written under a temporary name in the backup folder, checked (it opens with the
//! key, `PRAGMA integrity_check` says ok, `PRAGMA cipher_integrity_check` finds
//! nothing, and it is a Secretariat database), synced, then renamed into place as
//! `secretariat-YYYYMMDD-HHMMSS.db` (UTC). A backup is therefore never seen
//! half-written under its final name. Backups share the database key, so the key
//! file (and its passphrase) opens every one of them.
//!
//! The backup folder is an app setting in the database (`app_settings.backup_folder`);
//! without one it is `<data folder>/backups`.
//!
//! Rotation ([`rotation`]) keeps 7 daily and 4 weekly backups and only ever removes
//! files in the backup folder whose names it made itself; a backup taken before a
//! migration (`…-before-migration.db`) is never removed by it.
//!
//! Restore checks the chosen file as above, moves the current database aside
//! (`secretariat.db.before-restore-<time>`, never deleted) and renames a checked
//! copy into place. Nothing is deleted or recreated on the way.

use crate::audit::{self, AuditCheck};
use crate::db::{self, DataPaths, KeySource, Store};
use crate::error::{Result, StoreError};
use crate::key::DatabaseKey;
use chrono::{DateTime, Datelike, NaiveDateTime, Utc};
use serde::Serialize;
use sqlx::migrate::Migrator;
use sqlx::sqlite::{SqliteConnectOptions, SqlitePool};
use sqlx::{ConnectOptions, Connection, Row};
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use ts_rs::TS;

/// The backup folder's name inside the data folder, when no other is set.
pub const DEFAULT_BACKUP_FOLDER: &str = "backups";
/// Daily and weekly backups kept by [`rotation`].
pub const KEEP_DAILY: usize = 7;
pub const KEEP_WEEKLY: usize = 4;
/// A backup is due when the newest is older than this.
pub const BACKUP_INTERVAL_HOURS: i64 = 24;

const FOLDER_SETTING: &str = "backup_folder";
const PREFIX: &str = "secretariat-";
const BEFORE_MIGRATION: &str = "-before-migration";
const STAMP: &str = "%Y%m%d-%H%M%S";

/// One backup file in the backup folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct BackupFile {
    pub name: String,
    pub path: String,
    /// When it was made, from its name.
    pub made_at: DateTime<Utc>,
    pub bytes: u64,
    /// Taken before the database was upgraded; rotation never removes it.
    pub before_migration: bool,
}

/// A backup just made, and what rotation removed after it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct BackupMade {
    pub backup: BackupFile,
    /// Names of older backups removed by rotation.
    pub removed: Vec<String>,
}

/// What a restore did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Restored {
    pub restored_from: String,
    /// Where the database that was in place now is (never deleted); none if there was none.
    pub set_aside: Option<String>,
}

/// `verify`: both integrity checks and the audit chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct VerifyReport {
    /// What `PRAGMA integrity_check` found; empty when the file's structure is sound.
    pub integrity_problems: Vec<String>,
    /// What `PRAGMA cipher_integrity_check` found (pages whose HMAC fails); empty when
    /// every page is as it was written.
    pub cipher_problems: Vec<String>,
    pub audit: AuditCheck,
    /// People whose recorded email address is not one a draft can be sent to (rows from
    /// before addresses were checked strictly), each as a sentence naming the person.
    pub bad_email_addresses: Vec<String>,
}

impl VerifyReport {
    pub fn is_ok(&self) -> bool {
        self.first_problem().is_none()
    }

    /// The first problem, as a sentence; `None` when all is well.
    /// SQLCipher's finding comes first: it names the damaged page.
    pub fn first_problem(&self) -> Option<String> {
        if let Some(problem) = self.cipher_problems.first() {
            return Some(format!("The database's encrypted pages failed their check: {problem}."));
        }
        if let Some(problem) = self.integrity_problems.first() {
            return Some(format!("The database's integrity check failed: {problem}."));
        }
        if let Some(b) = &self.audit.first_broken {
            return Some(format!("The audit log's chain is broken at row {}: {}.", b.seq, b.reason));
        }
        self.bad_email_addresses.first().map(|problem| format!("{problem}."))
    }
}

/// Which of the backups made at `made` rotation keeps, in the order given.
///
/// Newest first, the newest backup of each calendar day (UTC) is kept for the
/// [`KEEP_DAILY`] most recent days that have a backup, and the newest of each ISO
/// week for the [`KEEP_WEEKLY`] most recent weeks that have one; a backup kept by
/// either rule stays. (These are restic's `--keep-daily 7 --keep-weekly 4`.)
/// So the newest backup always stays, days without backups don't use up a place,
/// and the weekly backups reach back about a month.
pub fn rotation(made: &[NaiveDateTime]) -> Vec<bool> {
    let mut order: Vec<usize> = (0..made.len()).collect();
    order.sort_by(|&a, &b| made[b].cmp(&made[a]));
    let mut keep = vec![false; made.len()];
    let mut bucket = |count: usize, key: &dyn Fn(NaiveDateTime) -> (i32, u32)| {
        let mut seen: Option<(i32, u32)> = None;
        let mut kept = 0;
        for &i in &order {
            let k = key(made[i]);
            if seen != Some(k) && kept < count {
                keep[i] = true;
                kept += 1;
            }
            seen = Some(k);
        }
    };
    bucket(KEEP_DAILY, &|t| (t.year(), t.ordinal()));
    bucket(KEEP_WEEKLY, &|t| (t.iso_week().year(), t.iso_week().week()));
    keep
}

/// Whether a scheduled backup is due, given the newest backup's time.
pub fn backup_due(newest: Option<DateTime<Utc>>, now: DateTime<Utc>) -> bool {
    match newest {
        None => true,
        // A newest backup "in the future" means the clock went back: take one.
        Some(newest) => newest > now || now - newest >= chrono::Duration::hours(BACKUP_INTERVAL_HOURS),
    }
}

/// The time, the same-second counter (1 when there is none) and the kind of a
/// backup from its file name, if the name is one we make.
fn parse_name(name: &str) -> Option<(NaiveDateTime, u32, bool)> {
    let rest = name.strip_prefix(PREFIX)?.strip_suffix(".db")?;
    let (rest, before_migration) = match rest.strip_suffix(BEFORE_MIGRATION) {
        Some(rest) => (rest, true),
        None => (rest, false),
    };
    let stamp = rest.get(..15)?;
    let counter = match &rest[15..] {
        "" => 1,
        tail => tail.strip_prefix('-').filter(|n| n.bytes().all(|b| b.is_ascii_digit())).and_then(|n| n.parse().ok())?,
    };
    Some((NaiveDateTime::parse_from_str(stamp, STAMP).ok()?, counter, before_migration))
}

/// A new backup's name in `folder`, never one already there.
fn new_name(folder: &Path, now: DateTime<Utc>, before_migration: bool) -> String {
    let stamp = now.format(STAMP);
    let tail = if before_migration { BEFORE_MIGRATION } else { "" };
    let mut name = format!("{PREFIX}{stamp}{tail}.db");
    let mut n = 2;
    while folder.join(&name).exists() {
        name = format!("{PREFIX}{stamp}-{n}{tail}.db");
        n += 1;
    }
    name
}

/// The backups in `folder`, newest first (within one second, the higher counter first).
fn list(folder: &Path) -> Result<Vec<BackupFile>> {
    let entries = match std::fs::read_dir(folder) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(db::folder_error(folder, e)),
    };
    let mut backups: Vec<(u32, BackupFile)> = Vec::new();
    for entry in entries {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some((made, counter, before_migration)) = parse_name(&name) else { continue };
        let meta = entry.metadata()?;
        if !meta.is_file() {
            continue;
        }
        let backup = BackupFile { path: entry.path().display().to_string(), name, made_at: made.and_utc(), bytes: meta.len(), before_migration };
        backups.push((counter, backup));
    }
    backups.sort_by(|(ca, a), (cb, b)| b.made_at.cmp(&a.made_at).then(cb.cmp(ca)));
    Ok(backups.into_iter().map(|(_, b)| b).collect())
}

#[cfg(unix)]
fn sync_folder(folder: &Path) -> std::io::Result<()> {
    std::fs::File::open(folder)?.sync_all()
}

#[cfg(not(unix))]
fn sync_folder(_folder: &Path) -> std::io::Result<()> {
    Ok(())
}

async fn table_exists(pool: &SqlitePool, name: &str) -> std::result::Result<bool, sqlx::Error> {
    let found: Option<i64> = sqlx::query_scalar("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?").bind(name).fetch_optional(pool).await?;
    Ok(found.is_some())
}

/// The backup folder: the setting, or `<data folder>/backups`. Reads the schema as it
/// is, so it also works before the migration that added the setting.
async fn folder_of(pool: &SqlitePool, paths: &DataPaths) -> Result<PathBuf> {
    let default = paths.dir.join(DEFAULT_BACKUP_FOLDER);
    if !table_exists(pool, "app_settings").await? {
        return Ok(default);
    }
    let set: Option<String> = sqlx::query_scalar("SELECT value FROM app_settings WHERE key = ?").bind(FOLDER_SETTING).fetch_optional(pool).await?;
    Ok(set.map_or(default, PathBuf::from))
}

/// Exports the database into a new file at `target`: written under a temporary
/// name beside it, checked, synced, then renamed.
async fn export(pool: &SqlitePool, key: &DatabaseKey, target: &Path, migrator: &Migrator) -> Result<()> {
    let folder = target.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(folder).map_err(|e| db::folder_error(folder, e))?;
    // A connection of the pool can still hold the schema as it was before another connection
    // changed it (a migration, say); SQLite then stops the export with "database schema has
    // changed" (about 1 run in 10 of tests/backups.rs' chosen-file test). The export starts
    // again, into a new temporary file, on a connection that reads the schema first.
    let mut attempt = 0;
    let temp = loop {
        attempt += 1;
        let temp = tempfile::Builder::new()
            .prefix(".secretariat-backup-")
            .suffix(".tmp")
            .tempfile_in(folder)
            .map_err(|e| db::folder_error(folder, e))?
            .into_temp_path();
        let temp_name = temp.to_str().ok_or_else(|| StoreError::Io(format!("{} is not a usable file name", temp.display())))?;
        match export_once(pool, key, temp_name).await {
            Err(StoreError::Sql(error)) if error.to_string().contains("schema has changed") && attempt < 3 => {
                tracing::debug!(attempt, "the export met a schema change; starting it again");
                let _ = std::fs::remove_file(format!("{temp_name}-journal"));
            }
            result => {
                result?;
                break temp;
            }
        }
    };

    if let Err(reason) = check_file(&temp, key, migrator).await {
        return Err(StoreError::Io(format!("the backup written to {} failed its check ({reason}); it was not kept", folder.display())));
    }
    std::fs::File::open(&temp)?.sync_all()?;
    temp.persist(target).map_err(|e| StoreError::Io(format!("could not name the backup {}: {}", target.display(), e.error)))?;
    sync_folder(folder)?;
    Ok(())
}

/// One attempt at `export`: the database attached as `temp_name` and exported into it.
async fn export_once(pool: &SqlitePool, key: &DatabaseKey, temp_name: &str) -> Result<()> {
    let mut conn = pool.acquire().await?;
    // Read the schema as it is now, before anything is attached.
    sqlx::query("SELECT count(*) FROM main.sqlite_schema").execute(&mut *conn).await?;
    // The key is bound, never written into the statement.
    sqlx::query("ATTACH DATABASE ? AS backup KEY ?").bind(temp_name).bind(key.raw_key_text().as_str()).execute(&mut *conn).await?;
    let exported = async {
        // A backup is one self-contained file: no WAL beside it.
        sqlx::query("PRAGMA backup.journal_mode = DELETE").execute(&mut *conn).await?;
        let mut tx = conn.begin().await?;
        sqlx::query("SELECT sqlcipher_export('backup')").execute(&mut *tx).await?;
        tx.commit().await
    }
    .await;
    let detached = sqlx::query("DETACH DATABASE backup").execute(&mut *conn).await;
    if exported.is_err() || detached.is_err() {
        // Never hand a connection with something still attached back to the pool.
        conn.close_on_drop();
    }
    drop(conn);
    exported?;
    detached?;

    Ok(())
}

/// Checks that `path` is a Secretariat database this key opens, sound by both
/// integrity checks, with no migration `migrator` does not know (so not made by a
/// newer Secretariat). The reason is a phrase: "it …".
/// Why a file is not a backup this database can be restored from: a phrase, "it …".
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub(crate) struct Unfit(String);

pub(crate) async fn check_file(path: &Path, key: &DatabaseKey, migrator: &Migrator) -> std::result::Result<(), Unfit> {
    let mut header = [0u8; 16];
    let read =
        std::fs::File::open(path).and_then(|mut f| std::io::Read::read(&mut f, &mut header)).map_err(|e| Unfit(format!("it could not be read ({e})")))?;
    if read < header.len() {
        return Err(Unfit("it is empty, or too short to be a database".into()));
    }
    if &header == b"SQLite format 3\0" {
        return Err(Unfit("it is an unencrypted SQLite file, not a Secretariat backup".into()));
    }
    crate::db::silence_sqlcipher_log().await;
    let options = SqliteConnectOptions::new()
        .filename(path)
        .pragma("key", key.pragma_value().to_string())
        .log_statements(log::LevelFilter::Off)
        .log_slow_statements(log::LevelFilter::Off, std::time::Duration::from_secs(60));
    let not_ours = || Unfit("it does not open with this database's key: it is damaged, or it is a backup of another database".into());
    let mut conn = options.connect().await.map_err(|_| not_ours())?;
    let checked = async {
        let tables: Vec<String> =
            sqlx::query_scalar("SELECT name FROM sqlite_schema WHERE type = 'table'").fetch_all(&mut conn).await.map_err(|_| not_ours())?;
        if !["_sqlx_migrations", "groups", "audit_log"].iter().all(|t| tables.iter().any(|n| n == t)) {
            return Err(Unfit("it opens, but it is not a Secretariat database".into()));
        }
        // Past the first page, a page that fails its HMAC surfaces as an error from
        // whichever statement reads it.
        let failed = |e: sqlx::Error| {
            tracing::debug!(error = %e, "a backup failed its check");
            Unfit("it is damaged: some of its pages cannot be read".into())
        };
        let integrity: Vec<String> = sqlx::query_scalar("PRAGMA integrity_check").fetch_all(&mut conn).await.map_err(failed)?;
        if let Some(problem) = integrity.iter().find(|line| *line != "ok") {
            return Err(Unfit(format!("it failed its integrity check ({problem})")));
        }
        let cipher = sqlx::query("PRAGMA cipher_integrity_check").fetch_all(&mut conn).await.map_err(failed)?;
        if let Some(row) = cipher.first() {
            let problem: String = row.try_get(0).unwrap_or_else(|_| "a page failed".into());
            return Err(Unfit(format!("its encrypted pages failed their check ({problem})")));
        }
        let applied: Vec<i64> = sqlx::query_scalar("SELECT version FROM _sqlx_migrations").fetch_all(&mut conn).await.map_err(failed)?;
        if applied.iter().any(|v| !migrator.version_exists(*v)) {
            return Err(Unfit("it was made by a newer version of Secretariat; update Secretariat first".into()));
        }
        Ok(())
    }
    .await;
    let _ = conn.close().await;
    checked
}

/// Backs an existing database up before `migrator` changes it, when it has pending
/// migrations: the backup holds the schema as it was. A new database (nothing
/// applied yet) has nothing to keep. Returns the backup's path when one was made.
pub(crate) async fn before_migrations(pool: &SqlitePool, migrator: &Migrator, paths: &DataPaths, key: &DatabaseKey) -> Result<Option<PathBuf>> {
    let applied: HashSet<i64> = async {
        if !table_exists(pool, "_sqlx_migrations").await? {
            return Ok(HashSet::new());
        }
        sqlx::query_scalar::<_, i64>("SELECT version FROM _sqlx_migrations").fetch_all(pool).await.map(|v| v.into_iter().collect())
    }
    .await
    .map_err(|e: sqlx::Error| db::connect_error(paths, &e))?;
    let pending = migrator.iter().filter(|m| !m.migration_type.is_down_migration() && !applied.contains(&m.version)).count();
    if applied.is_empty() || pending == 0 {
        return Ok(None);
    }
    let made = async {
        let folder = folder_of(pool, paths).await?;
        let target = folder.join(new_name(&folder, Utc::now(), true));
        export(pool, key, &target, migrator).await?;
        Ok::<_, StoreError>(target)
    }
    .await
    .map_err(|e| StoreError::Migration(format!("the backup it needs first could not be made ({e})")))?;
    tracing::info!(backup = %made.display(), pending, "backed up before upgrading the database");
    Ok(Some(made))
}

impl Store {
    /// Where backups go: the setting, or `<data folder>/backups`.
    pub async fn backup_folder(&self) -> Result<PathBuf> {
        folder_of(&self.pool, self.paths()).await
    }

    /// Whether the backup folder is the default one.
    pub async fn backup_folder_is_default(&self) -> Result<bool> {
        Ok(self.backup_folder().await? == self.paths().dir.join(DEFAULT_BACKUP_FOLDER))
    }

    /// Sets the backup folder (`None`: back to `<data folder>/backups`). The folder
    /// must be absolute and writable; it is created if need be. Backups already made
    /// stay where they are.
    pub async fn set_backup_folder(&self, folder: Option<&Path>) -> Result<PathBuf> {
        if let Some(folder) = folder {
            let invalid = |message: String| StoreError::Invalid { field: "backup_folder", message };
            if !folder.is_absolute() {
                return Err(invalid(format!("Give the backup folder as a full path; {} is not one.", folder.display())));
            }
            if folder.to_str().is_none() {
                return Err(invalid("That folder's name cannot be stored; choose another.".into()));
            }
            db::prepare_folder(folder, true).map_err(|e| invalid(e.to_string()))?;
        }
        let mut w = self.begin().await?;
        w.set_app_setting(FOLDER_SETTING, folder.and_then(Path::to_str)).await?;
        w.commit().await?;
        self.backup_folder().await
    }

    /// The backups in the backup folder, newest first.
    pub async fn backups(&self) -> Result<Vec<BackupFile>> {
        list(&self.backup_folder().await?)
    }

    /// Makes a backup in the backup folder, then rotates the folder.
    pub async fn back_up(&self) -> Result<BackupMade> {
        let folder = self.backup_folder().await?;
        let target = folder.join(new_name(&folder, Utc::now(), false));
        export(&self.pool, &self.secrets.key, &target, &db::MIGRATOR).await?;
        let removed = self.rotate(&folder)?;
        let backup = list(&folder)?
            .into_iter()
            .find(|b| Path::new(&b.path) == target)
            .ok_or_else(|| StoreError::Io(format!("the backup {} vanished as it was made", target.display())))?;
        tracing::info!(backup = %backup.path, removed = removed.len(), "backed up");
        Ok(BackupMade { backup, removed })
    }

    /// Makes a backup in the backup folder if the newest is older than a day.
    pub async fn back_up_if_due(&self) -> Result<Option<BackupMade>> {
        let newest = self.backups().await?.first().map(|b| b.made_at);
        if backup_due(newest, Utc::now()) { self.back_up().await.map(Some) } else { Ok(None) }
    }

    /// Makes a backup at `file` (overwriting it), outside rotation.
    pub async fn back_up_to(&self, file: &Path) -> Result<()> {
        let live = |p: &Path| std::fs::canonicalize(p).ok();
        let target = file.parent().and_then(live).map(|dir| dir.join(file.file_name().unwrap_or_default()));
        for own in [&self.paths().database, &self.paths().key_file] {
            if target.is_some() && target == live(own) {
                return Err(StoreError::Invalid {
                    field: "output",
                    message: format!("{} is the database's own file; write the backup somewhere else.", file.display()),
                });
            }
        }
        export(&self.pool, &self.secrets.key, file, &db::MIGRATOR).await
    }

    /// Removes what [`rotation`] does not keep among the backups this folder's
    /// names say we made; never a backup taken before a migration, never another file.
    fn rotate(&self, folder: &Path) -> Result<Vec<String>> {
        // Newest first, and `rotation` sorts stably: of two backups made in the same
        // second the later-numbered one counts as the newer.
        let rotating: Vec<BackupFile> = list(folder)?.into_iter().filter(|b| !b.before_migration).collect();
        let keep = rotation(&rotating.iter().map(|b| b.made_at.naive_utc()).collect::<Vec<_>>());
        let mut removed = Vec::new();
        for (backup, keep) in rotating.into_iter().zip(keep) {
            if !keep {
                match std::fs::remove_file(&backup.path) {
                    Ok(()) => removed.push(backup.name),
                    // Another backup's rotation, running at the same time, got there first.
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                    Err(e) => return Err(e.into()),
                }
            }
        }
        Ok(removed)
    }

    /// Checks that `file` could be restored into this data folder: a Secretariat
    /// database this key opens, passing both integrity checks. Changes nothing.
    pub async fn check_backup(&self, file: &Path) -> Result<()> {
        refuse_live(self.paths(), file)?;
        check_file(file, &self.secrets.key, &db::MIGRATOR)
            .await
            .map_err(|unfit| StoreError::BackupRefused { path: file.to_path_buf(), reason: unfit.to_string() })
    }

    /// [`Store::check_backup`] without an open store (the database in use may be
    /// damaged): the key comes from `source`, checked against the key file.
    pub async fn check_backup_at(paths: &DataPaths, source: KeySource, file: &Path) -> Result<()> {
        refuse_live(paths, file)?;
        let key_file = db::read_key_file(paths)?;
        let key = db::key_for(paths, &key_file, source).await?;
        check_file(file, &key, &db::MIGRATOR).await.map_err(|unfit| StoreError::BackupRefused { path: file.to_path_buf(), reason: unfit.to_string() })
    }

    /// Restores `file` into the data folder `paths`, with the key from `source`
    /// (the key file must be there; the database need not be, or may be damaged).
    /// Close any store open on `paths` first.
    ///
    /// A copy of `file` is made beside the database and checked; only then is the
    /// current database moved aside to `secretariat.db.before-restore-<time>` (with
    /// its `-wal` and `-shm`, if any) and the copy renamed into place. The restored
    /// database is opened (and upgraded, after its own backup, if it is older).
    pub async fn restore(paths: &DataPaths, source: KeySource, file: &Path) -> Result<(Store, Restored)> {
        refuse_live(paths, file)?;
        db::prepare_folder(&paths.dir, false)?;
        // Held across the swap: another process must not have the database open under it.
        let _lock = crate::lock::lock_folder(&paths.dir)?;
        let key_file = db::read_key_file(paths)?;
        let key = db::key_for(paths, &key_file, source).await?;
        let refused = |reason: String| StoreError::BackupRefused { path: file.to_path_buf(), reason };

        let mut copy =
            tempfile::Builder::new().prefix(".secretariat-restore-").suffix(".tmp").tempfile_in(&paths.dir).map_err(|e| db::folder_error(&paths.dir, e))?;
        let mut source_file = std::fs::File::open(file).map_err(|e| refused(format!("it could not be read ({e})")))?;
        std::io::copy(&mut source_file, copy.as_file_mut()).map_err(|e| match e.kind() {
            std::io::ErrorKind::StorageFull => StoreError::DiskFull,
            _ => refused(format!("it could not be copied ({e})")),
        })?;
        copy.as_file().sync_all()?;
        let copy = copy.into_temp_path();
        check_file(&copy, &key, &db::MIGRATOR).await.map_err(|unfit| refused(unfit.to_string()))?;

        let set_aside = if paths.database.exists() { Some(set_aside(paths)?) } else { None };
        let kept = |error: StoreError| match &set_aside {
            Some(aside) => StoreError::Io(format!("{error} The database that was in place is kept as {}.", aside.display())),
            None => error,
        };
        copy.persist(&paths.database).map_err(|e| kept(StoreError::Io(format!("could not put the backup in place: {}", e.error))))?;
        sync_folder(&paths.dir).map_err(|e| kept(e.into()))?;
        let store = Store::connect(paths, &key, &key_file.database_id, false).await.map_err(kept)?;
        tracing::info!(from = %file.display(), aside = ?set_aside, "restored a backup");
        Ok((store, Restored { restored_from: file.display().to_string(), set_aside: set_aside.map(|p| p.display().to_string()) }))
    }

    /// Both integrity checks and the audit chain.
    ///
    /// A damaged file is a finding, not a failure: a page that fails its HMAC makes
    /// whichever statement reads it fail, and that is reported as the check's problem.
    ///
    /// A damaged file is a finding, not a failure: a page that fails its HMAC makes
    /// whichever statement reads it fail, and that is reported as the check's problem.
    /// After such a failure SQLCipher leaves the connection in an error state, so each
    /// check runs on a connection of its own, and one that met damage is closed.
    pub async fn verify(&self) -> Result<VerifyReport> {
        let unreadable = |e: sqlx::Error| {
            tracing::debug!(error = %e, "a check met a page it could not read");
            vec!["it stopped at a page that cannot be read or decrypted".to_owned()]
        };
        let mut conn = self.pool.acquire().await?;
        // SQLCipher's check reads every page itself, so it names the damaged ones.
        let cipher_problems: Vec<String> = match sqlx::query("PRAGMA cipher_integrity_check").fetch_all(&mut *conn).await {
            Ok(rows) => rows.iter().map(|row| row.try_get::<String, _>(0).unwrap_or_else(|_| "a page failed".into())).collect(),
            Err(e) => unreadable(e),
        };
        if !cipher_problems.is_empty() {
            conn.close_on_drop();
        }
        drop(conn);

        let mut conn = self.pool.acquire().await?;
        let integrity_problems: Vec<String> = match sqlx::query_scalar::<_, String>("PRAGMA integrity_check").fetch_all(&mut *conn).await {
            Ok(lines) => lines.into_iter().filter(|line| line != "ok").collect(),
            Err(e) => unreadable(e),
        };
        if !integrity_problems.is_empty() {
            conn.close_on_drop();
        }
        drop(conn);

        let mut conn = self.pool.acquire().await?;
        let audit = audit::walk(&mut conn, &self.secrets.audit).await;
        if !matches!(&audit, Ok(check) if check.first_broken.is_none()) {
            conn.close_on_drop();
        }
        let audit = audit?;
        drop(conn);
        let bad_email_addresses = self.bad_email_addresses().await.unwrap_or_else(|e| {
            // A file that cannot be read is already reported by the checks above.
            tracing::debug!(error = %e, "the email addresses could not be read");
            Vec::new()
        });
        Ok(VerifyReport { integrity_problems, cipher_problems, audit, bad_email_addresses })
    }

    /// Recorded email addresses that fail today's check, as sentences naming the person.
    async fn bad_email_addresses(&self) -> Result<Vec<String>> {
        let rows: Vec<(i64, String, String, String)> =
            sqlx::query_as("SELECT p.id, p.name, p.email, g.name FROM people p JOIN groups g ON g.id = p.group_id WHERE p.email <> '' ORDER BY g.id, p.id")
                .fetch_all(&self.pool)
                .await?;
        Ok(rows
            .into_iter()
            .filter_map(|(id, name, email, group)| {
                secretariat_rules::text::email_address_problem(&email).map(|reason| {
                    format!(
                        "{name} (person #{id} in {group}) has the email address \u{201c}{email}\u{201d}, which is not an address a draft can be sent to ({reason}); correct it on their record"
                    )
                })
            })
            .collect())
    }
}

/// Refuses the live database (or its key file) as a backup to restore from.
fn refuse_live(paths: &DataPaths, file: &Path) -> Result<()> {
    let canonical = std::fs::canonicalize(file).ok();
    for own in [&paths.database, &paths.key_file] {
        if canonical.is_some() && canonical == std::fs::canonicalize(own).ok() {
            return Err(StoreError::BackupRefused { path: file.to_path_buf(), reason: "it is the database's own file, not a backup".into() });
        }
    }
    Ok(())
}

/// Moves the database (and its `-wal` and `-shm`, so they stay a pair) to
/// `secretariat.db.before-restore-<time>`.
fn set_aside(paths: &DataPaths) -> Result<PathBuf> {
    let stamp = Utc::now().format("%Y%m%dT%H%M%SZ");
    let file_name = paths.database.file_name().and_then(|n| n.to_str()).unwrap_or("secretariat.db");
    let mut aside = paths.dir.join(format!("{file_name}.before-restore-{stamp}"));
    let mut n = 2;
    while aside.exists() {
        aside = paths.dir.join(format!("{file_name}.before-restore-{stamp}-{n}"));
        n += 1;
    }
    std::fs::rename(&paths.database, &aside)?;
    for suffix in ["-wal", "-shm"] {
        let companion = PathBuf::from(format!("{}{suffix}", paths.database.display()));
        if companion.exists() {
            std::fs::rename(&companion, format!("{}{suffix}", aside.display()))?;
        }
    }
    sync_folder(&paths.dir)?;
    Ok(aside)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn at(y: i32, m: u32, d: u32, h: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d).unwrap().and_hms_opt(h, 0, 0).unwrap()
    }

    fn kept(made: &[NaiveDateTime]) -> Vec<NaiveDateTime> {
        let mut kept: Vec<_> = made.iter().zip(rotation(made)).filter(|(_, k)| *k).map(|(t, _)| *t).collect();
        kept.sort();
        kept
    }

    /// A key-only pool on a new encrypted file, as `Store::connect` makes before migrating.
    async fn pool(paths: &DataPaths, key: &DatabaseKey) -> SqlitePool {
        let options = SqliteConnectOptions::new()
            .filename(&paths.database)
            .create_if_missing(true)
            .pragma("key", key.pragma_value().to_string())
            .journal_mode(sqlx::sqlite::SqliteJournalMode::Wal);
        sqlx::sqlite::SqlitePoolOptions::new().max_connections(2).connect_with(options).await.unwrap()
    }

    fn migration(version: i64, sql: &'static str) -> sqlx::migrate::Migration {
        use sqlx::SqlSafeStr;
        sqlx::migrate::Migration::new(version, format!("m{version}").into(), sqlx::migrate::MigrationType::Simple, sql.into_sql_str(), false)
    }

    #[tokio::test]
    async fn an_existing_database_is_backed_up_as_it_was_before_a_pending_migration() {
        let dir = tempfile::tempdir().unwrap();
        let paths = DataPaths::new(dir.path());
        let key = DatabaseKey::generate();
        let pool = pool(&paths, &key).await;
        let one = migration(
            1,
            "CREATE TABLE groups (id INTEGER PRIMARY KEY, name TEXT); CREATE TABLE audit_log (seq INTEGER PRIMARY KEY); \
                                INSERT INTO groups VALUES (7, 'Interop WG');",
        );
        let two = migration(2, "CREATE TABLE later (x INTEGER);");
        let first = Migrator::with_migrations(vec![one.clone()]);
        let both = Migrator::with_migrations(vec![one, two]);

        // A new database has nothing to keep; a migrated one with nothing pending neither.
        assert_eq!(before_migrations(&pool, &first, &paths, &key).await.unwrap(), None);
        first.run(&pool).await.unwrap();
        assert_eq!(before_migrations(&pool, &first, &paths, &key).await.unwrap(), None);
        assert!(!dir.path().join(DEFAULT_BACKUP_FOLDER).exists());

        let backup = before_migrations(&pool, &both, &paths, &key).await.unwrap().expect("a backup before migration 2");
        both.run(&pool).await.unwrap();
        pool.close().await;
        assert_eq!(backup.parent().unwrap(), dir.path().join(DEFAULT_BACKUP_FOLDER));
        let name = backup.file_name().unwrap().to_str().unwrap();
        assert!(parse_name(name).is_some_and(|(_, _, before)| before), "{name}");

        // The backup is the database as it was: migration 1's data, no trace of 2.
        let mut conn = SqliteConnectOptions::new().filename(&backup).pragma("key", key.pragma_value().to_string()).connect().await.unwrap();
        let tables: Vec<String> = sqlx::query_scalar("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").fetch_all(&mut conn).await.unwrap();
        assert!(tables.contains(&"groups".to_owned()) && !tables.contains(&"later".to_owned()), "{tables:?}");
        let name: String = sqlx::query_scalar("SELECT name FROM groups WHERE id = 7").fetch_one(&mut conn).await.unwrap();
        assert_eq!(name, "Interop WG");
        let applied: Vec<i64> = sqlx::query_scalar("SELECT version FROM _sqlx_migrations").fetch_all(&mut conn).await.unwrap();
        assert_eq!(applied, vec![1]);
        conn.close().await.unwrap();
    }

    #[test]
    fn rotation_keeps_the_newest_of_each_of_the_last_seven_days() {
        // Two backups a day for ten days (Mon 2 Nov 2026 to Wed 11 Nov).
        let made: Vec<_> = (2..=11).flat_map(|d| [at(2026, 11, d, 9), at(2026, 11, d, 17)]).collect();
        let kept = kept(&made);
        // Daily: the evening backup of 5–11 Nov. Weekly: the newest of the ISO weeks
        // 46 (9–11 Nov: the 11th, already kept) and 45 (2–8 Nov: the 8th, already kept).
        let expected: Vec<_> = (5..=11).map(|d| at(2026, 11, d, 17)).collect();
        assert_eq!(kept, expected);
    }

    #[test]
    fn rotation_keeps_four_weekly_backups_reaching_back_a_month() {
        // One backup a day through November 2026.
        let made: Vec<_> = (1..=30).map(|d| at(2026, 11, d, 12)).collect();
        let kept = kept(&made);
        let mut expected: Vec<_> = (24..=30).map(|d| at(2026, 11, d, 12)).collect();
        // Weekly, newest of the ISO weeks 49 (Mon 30 Nov), 48 (to Sun 29), both kept
        // daily already, then 47 (Sun 22 Nov) and 46 (Sun 15 Nov).
        expected.extend([at(2026, 11, 15, 12), at(2026, 11, 22, 12)]);
        expected.sort();
        assert_eq!(kept, expected);
    }

    #[test]
    fn days_without_backups_do_not_use_up_a_place() {
        // Backups on scattered days months apart: each is the newest of its day and week.
        let made = vec![at(2026, 1, 5, 10), at(2026, 3, 9, 10), at(2026, 6, 1, 10), at(2026, 9, 14, 10), at(2026, 11, 2, 10)];
        assert_eq!(kept(&made), made);
    }

    #[test]
    fn rotation_always_keeps_the_newest_and_keeps_nothing_of_nothing() {
        assert!(rotation(&[]).is_empty());
        let made = vec![at(2026, 11, 27, 1), at(2026, 11, 27, 2), at(2026, 11, 27, 3)];
        assert_eq!(rotation(&made), vec![false, false, true]);
    }

    #[test]
    fn a_backup_is_due_after_a_day_or_when_the_clock_went_back() {
        let now = at(2026, 11, 27, 12).and_utc();
        assert!(backup_due(None, now));
        assert!(!backup_due(Some(at(2026, 11, 27, 1).and_utc()), now));
        assert!(backup_due(Some(at(2026, 11, 26, 12).and_utc()), now));
        assert!(backup_due(Some(at(2026, 12, 1, 12).and_utc()), now));
    }

    #[test]
    fn backup_names_are_read_back_and_others_are_ignored() {
        assert_eq!(parse_name("secretariat-20261127-143000.db"), Some((at(2026, 11, 27, 14) + chrono::Duration::minutes(30), 1, false)));
        assert_eq!(parse_name("secretariat-20261127-140000-12.db"), Some((at(2026, 11, 27, 14), 12, false)));
        assert_eq!(parse_name("secretariat-20261127-140000-before-migration.db"), Some((at(2026, 11, 27, 14), 1, true)));
        for other in [
            "secretariat.db",
            "secretariat-2026.db",
            "notes-20261127-140000.db",
            "secretariat-20261127-140000-x.db",
            "secretariat-20261127-140000-.db",
            "secretariat-20261127-140000.db.tmp",
        ] {
            assert_eq!(parse_name(other), None, "{other}");
        }
        let dir = tempfile::tempdir().unwrap();
        let now = at(2026, 11, 27, 14).and_utc();
        let first = new_name(dir.path(), now, false);
        assert_eq!(first, "secretariat-20261127-140000.db");
        std::fs::write(dir.path().join(&first), b"x").unwrap();
        assert_eq!(new_name(dir.path(), now, false), "secretariat-20261127-140000-2.db");
        assert_eq!(new_name(dir.path(), now, true), "secretariat-20261127-140000-before-migration.db");
    }
}
