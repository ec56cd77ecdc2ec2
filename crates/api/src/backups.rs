//! Backups, restore, `verify` and the recovery sheet, as the window and the
//! command line ask for them. The work is the store's (`secretariat_store`'s
//! `backup.rs`); this module adds the session's part: scheduled backups in the
//! background, the file chosen for a restore, and swapping the open store.
//!
//! Scheduled backups run only when the window asks for them
//! ([`Session::keep_backing_up`] schedules them [`FIRST_BACKUP_CHECK_AFTER`] the window
//! starts, after its first screen): then, each time the database is opened, and every
//! hour while the window stays open, a backup is
//! made in the background if the newest is a day old (`backup_due`, a pure function
//! of the newest backup's time and now). The command line takes a
//! backup only when told (`secretariat backup`), so scripts and cron decide.

use crate::error::{ApiError, ApiResult};
use crate::session::Session;
use crate::types::Made;
use chrono::{DateTime, Local, NaiveDateTime, Utc};
use secretariat_documents::RecoverySheet;
use secretariat_rules::uk_date;
use secretariat_store::{BackupFile, BackupMade, KeySource, Restored, Store, VerifyReport};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use ts_rs::TS;

/// How often the open window asks whether a backup is due: a day-old backup is
/// taken within the hour even if Secretariat is never closed.
pub const BACKUP_CHECK_EVERY: std::time::Duration = std::time::Duration::from_secs(60 * 60);

/// How long after the window starts its first backup check runs (issue #9): the first
/// screen comes within about a second, and a due backup (an export and two integrity
/// checks of the whole database) is then no longer competing with it for the CPU.
pub const FIRST_BACKUP_CHECK_AFTER: std::time::Duration = std::time::Duration::from_secs(10);

/// The session's backup state.
#[derive(Debug, Default)]
pub(crate) struct BackupState {
    /// Set by the window: take a backup in the background when one is due.
    scheduled: AtomicBool,
    /// The background backup, awaited before closing or restoring.
    running: std::sync::Mutex<Option<tokio::task::JoinHandle<()>>>,
    /// The file the person chose and was shown before confirming a restore.
    chosen: std::sync::Mutex<Option<PathBuf>>,
}

impl BackupState {
    /// Waits for a background backup to finish, if one is running.
    pub(crate) async fn settle(&self) {
        let running = self.running.lock().expect("not poisoned").take();
        if let Some(handle) = running {
            let _ = handle.await;
        }
    }
}

/// The Backups section of Settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct BackupsView {
    pub folder: String,
    /// The folder is `<data folder>/backups`.
    pub default_folder: bool,
    /// Newest first.
    pub backups: Vec<BackupRow>,
    /// A day or more since the newest backup (or none at all).
    pub due: bool,
    pub data_dir: String,
}

/// A backup in the list, with its time on this computer's clock.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct BackupRow {
    pub file: BackupFile,
    pub made_local: NaiveDateTime,
}

impl From<BackupFile> for BackupRow {
    fn from(file: BackupFile) -> Self {
        Self { made_local: file.made_at.with_timezone(&Local).naive_local(), file }
    }
}

/// A file chosen to restore from, checked, for the confirmation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct BackupCheck {
    pub path: String,
    pub file_name: String,
    pub bytes: u64,
    /// The database in use, which a restore moves aside (never deletes).
    pub database_file: String,
}

/// What the backup folder should be.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct SetBackupFolder {
    /// A full path; none for `<data folder>/backups`.
    pub folder: Option<String>,
}

fn local(at: DateTime<Utc>) -> NaiveDateTime {
    at.with_timezone(&Local).naive_local()
}

impl Session {
    /// Takes a backup in the background whenever the database is opened and the
    /// newest backup is a day old, from now on. The window calls it once at start.
    pub fn schedule_backups(&self) {
        self.backups.scheduled.store(true, Ordering::SeqCst);
    }

    /// The window's check while it stays open: a backup in the background if backups
    /// are scheduled, the database is open and the newest backup is a day old, then
    /// waits for it. Does nothing before the database is opened (opening checks); if a
    /// backup is already running, it waits for that one instead of starting another.
    pub async fn scheduled_backup_check(&self) {
        let store = self.store.lock().await.clone();
        if let Some(store) = store {
            self.opened(&store);
        }
        // The check's own task waits for the backup, so one check is one backup at most.
        self.backups.settle().await;
    }

    /// The window's scheduled backups: `first_after` the window starts (the shell passes
    /// [`FIRST_BACKUP_CHECK_AFTER`], well after its first screen, so a due backup never
    /// competes with it) backups are scheduled ([`Session::schedule_backups`]) and checked
    /// once, then checked every [`BACKUP_CHECK_EVERY`] for as long as the window is open
    /// (the shell spawns it once; it never returns). A store opened later (recovery, a
    /// restore) is checked as it opens.
    pub async fn keep_backing_up(&self, first_after: std::time::Duration) {
        tokio::time::sleep(first_after).await;
        self.schedule_backups();
        loop {
            self.scheduled_backup_check().await;
            tokio::time::sleep(BACKUP_CHECK_EVERY).await;
        }
    }

    /// Called whenever a store has just been opened.
    pub(crate) fn opened(&self, store: &Store) {
        if !self.backups.scheduled.load(Ordering::SeqCst) {
            return;
        }
        let mut running = self.backups.running.lock().expect("not poisoned");
        if running.as_ref().is_some_and(|handle| !handle.is_finished()) {
            return;
        }
        let store = store.clone();
        *running = Some(tokio::spawn(async move {
            match store.back_up_if_due().await {
                Ok(Some(made)) => tracing::info!(backup = %made.backup.path, "scheduled backup made"),
                Ok(None) => {}
                Err(error) => tracing::warn!(%error, "the scheduled backup failed"),
            }
        }));
    }

    fn key_source(&self) -> KeySource {
        match &self.config.passphrase {
            Some(passphrase) => KeySource::Passphrase(passphrase.clone()),
            None => KeySource::Keychain(self.config.keychain.clone()),
        }
    }

    pub async fn backups(&self) -> ApiResult<BackupsView> {
        let store = self.open_store().await?;
        let backups = store.backups().await?;
        Ok(BackupsView {
            folder: store.backup_folder().await?.display().to_string(),
            default_folder: store.backup_folder_is_default().await?,
            due: secretariat_store::backup_due(backups.first().map(|b| b.made_at), Utc::now()),
            backups: backups.into_iter().map(BackupRow::from).collect(),
            data_dir: self.data_dir(),
        })
    }

    /// A backup in the backup folder now, then rotation.
    pub async fn back_up_now(&self) -> ApiResult<BackupMade> {
        let store = self.open_store().await?;
        Ok(store.back_up().await?)
    }

    /// A backup written to `file` (outside the backup folder's rotation).
    pub async fn back_up_to(&self, file: &Path) -> ApiResult<()> {
        let store = self.open_store().await?;
        Ok(store.back_up_to(file).await?)
    }

    pub async fn set_backup_folder(&self, request: SetBackupFolder) -> ApiResult<BackupsView> {
        let store = self.open_store().await?;
        let folder = request.folder.filter(|f| !f.trim().is_empty()).map(PathBuf::from);
        store.set_backup_folder(folder.as_deref()).await?;
        self.backups().await
    }

    /// Checks a file the person chose to restore from, and remembers it for
    /// [`Session::restore_chosen`]: a restore only ever uses a file that was checked
    /// and shown to the person first.
    pub async fn check_backup(&self, file: &Path) -> ApiResult<BackupCheck> {
        *self.backups.chosen.lock().expect("not poisoned") = None;
        let open = self.store.lock().await.clone();
        match open {
            Some(store) => store.check_backup(file).await?,
            // The database in use may be damaged: the key file and key are enough.
            None => Store::check_backup_at(&self.paths, self.key_source(), file).await?,
        }
        let check = BackupCheck {
            path: file.display().to_string(),
            file_name: file.file_name().map_or_else(|| file.display().to_string(), |n| n.to_string_lossy().into_owned()),
            bytes: std::fs::metadata(file).map(|m| m.len()).unwrap_or(0),
            database_file: self.paths.database.display().to_string(),
        };
        *self.backups.chosen.lock().expect("not poisoned") = Some(file.to_path_buf());
        Ok(check)
    }

    /// Restores the file last checked with [`Session::check_backup`].
    pub async fn restore_chosen(&self) -> ApiResult<Restored> {
        let chosen = self.backups.chosen.lock().expect("not poisoned").take();
        let file = chosen.ok_or_else(|| ApiError::invalid("backup", "Choose the backup to restore first."))?;
        self.restore(&file).await
    }

    /// Restores `file`: checked first (nothing changes if it is refused), then the
    /// database in use is closed and moved aside, and the backup takes its place.
    /// Works when the database in use cannot be opened at all.
    pub async fn restore(&self, file: &Path) -> ApiResult<Restored> {
        self.backups.settle().await;
        let mut slot = self.store.lock().await;
        if let Some(store) = slot.as_ref() {
            store.check_backup(file).await?;
        }
        if let Some(store) = slot.take() {
            store.close().await;
        }
        let (store, restored) = Store::restore(&self.paths, self.key_source(), file).await?;
        *slot = Some(store.clone());
        drop(slot);
        self.opened(&store);
        Ok(restored)
    }

    /// Both integrity checks and the audit chain.
    pub async fn verify(&self) -> ApiResult<VerifyReport> {
        Ok(self.open_store().await?.verify().await?)
    }

    /// The recovery sheet (PDF), for the database rather than one group.
    pub async fn recovery_sheet(&self) -> ApiResult<Made> {
        let store = self.open_store().await?;
        let sheet = self.recovery_sheet_data(&store).await?;
        let bytes = self.typeset(move |d| d.recovery_sheet(&sheet)).await?;
        Ok(Made { file_name: "Secretariat recovery sheet.pdf".to_owned(), bytes, pages: None })
    }

    async fn recovery_sheet_data(&self, store: &Store) -> ApiResult<RecoverySheet> {
        let today = self.today();
        let last_backup = store.backups().await?.into_iter().next().map(|b| {
            let at = local(b.made_at);
            format!("{}, {} ({})", uk_date(at.date()), at.format("%H:%M"), b.name)
        });
        Ok(RecoverySheet {
            groups: store.groups().await?.into_iter().map(|g| g.name).collect(),
            data_folder: self.paths.dir.display().to_string(),
            database_file: self.paths.database.display().to_string(),
            key_file: self.paths.key_file.display().to_string(),
            backup_folder: store.backup_folder().await?.display().to_string(),
            last_backup,
            keychain_service: secretariat_store::KEYCHAIN_SERVICE.to_owned(),
            keychain_account: secretariat_store::keychain_account(store.database_id()),
            date: uk_date(today),
            generated: format!("Generated by Secretariat on {}", uk_date(today)),
        })
    }
}
