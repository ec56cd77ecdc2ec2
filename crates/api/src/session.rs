//! A [`Session`] is Secretariat running against one data folder: it opens the
//! database on first use (key from the keychain, or the recovery passphrase when
//! one is configured) and answers every request the window and the command line
//! make. This file is its lifecycle (configuration, opening, creating and recovering
//! the store, the groups, status); each area's requests are in their own module
//! (`membership.rs`, `meetings.rs`, `documents.rs`, …). The Tauri commands and the CLI
//! are thin callers of these methods.

use crate::demo;
use crate::error::{ApiError, ApiResult, ErrorKind};
use crate::types::*;
use chrono::NaiveDate;
use secretariat_documents::{Documents, PaperChecker};
use secretariat_rules::{Template, text};
use secretariat_store::{DataPaths, GroupSummary, KdfParams, KeySource, Keychain, KeychainOutcome, Passphrase, Store, SystemKeychain};
use std::path::PathBuf;
use std::sync::Arc;
use tokio::sync::Mutex;

/// Names of the environment variables a session reads.
pub const ENV_DATA_DIR: &str = "SECRETARIAT_DATA_DIR";
pub const ENV_PASSPHRASE: &str = "SECRETARIAT_PASSPHRASE";
pub const ENV_TODAY: &str = "SECRETARIAT_TODAY";

#[derive(Debug, Clone)]
pub struct SessionConfig {
    pub data_dir: PathBuf,
    pub keychain: Arc<dyn Keychain>,
    /// The recovery passphrase given up front (headless use): when set, the
    /// database is opened with it instead of the keychain.
    pub passphrase: Option<Passphrase>,
    pub kdf: KdfParams,
    /// Fixes "today" (tests, demonstrations); the local date otherwise.
    pub today: Option<NaiveDate>,
    /// The child process every offered paper is read in: Secretariat's own executable
    /// for a real run ([`PaperChecker::this_program`]), a small one in tests.
    pub paper_checker: PaperChecker,
}

/// The OS's folder for application data: `~/.local/share/secretariat` on Linux,
/// `~/Library/Application Support/uk.org.Secretariat.secretariat` on macOS, and
/// `%LOCALAPPDATA%\Secretariat\secretariat\data` on Windows — the local folder, not the roaming
/// one, since a roaming profile copies files at log-off and a live SQLite database (with its
/// `-wal`) must never be copied file by file. (On Linux and macOS local and roaming are one.)
pub fn default_data_dir() -> ApiResult<PathBuf> {
    directories::ProjectDirs::from("uk.org", "Secretariat", "secretariat")
        .map(|dirs| dirs.data_local_dir().to_path_buf())
        .ok_or_else(|| ApiError::new(ErrorKind::DataFolderUnusable, "No home folder was found; give --data-dir."))
}

impl SessionConfig {
    /// The configuration of a real run: the given data folder (or the OS default),
    /// the OS keychain, and `SECRETARIAT_PASSPHRASE` / `SECRETARIAT_TODAY` if set.
    pub fn from_env(data_dir: Option<PathBuf>) -> ApiResult<Self> {
        let data_dir = match data_dir {
            Some(dir) => dir,
            None => match std::env::var_os(ENV_DATA_DIR) {
                Some(dir) if !dir.is_empty() => PathBuf::from(dir),
                _ => default_data_dir()?,
            },
        };
        let passphrase = crate::process::passphrase_from_env();
        let today = match std::env::var(ENV_TODAY) {
            Ok(text) => Some(parse_date(&text).map_err(|message| ApiError::invalid(ENV_TODAY, message))?),
            Err(_) => None,
        };
        let paper_checker =
            PaperChecker::this_program().map_err(|e| ApiError::new(ErrorKind::Internal, format!("Secretariat could not find its own program file: {e}")))?;
        Ok(Self { data_dir, keychain: Arc::new(SystemKeychain), passphrase, kdf: KdfParams::default(), today, paper_checker })
    }
}

/// A group's name made safe for a file name.
pub(crate) fn file_stem(name: &str) -> String {
    let cleaned: String = name.chars().map(|c| if c.is_alphanumeric() || " -_().,&'".contains(c) { c } else { '-' }).collect();
    cleaned.trim().chars().take(80).collect()
}

/// Parses a date as written on the command line: YYYY-MM-DD.
pub fn parse_date(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| format!("'{text}' is not a date; write it as YYYY-MM-DD, e.g. 2026-03-01."))
}

#[derive(Debug)]
pub struct Session {
    pub(crate) config: SessionConfig,
    pub(crate) paths: DataPaths,
    pub(crate) store: Mutex<Option<Store>>,
    /// The typesetter with its fonts, set up on first use.
    pub(crate) documents: std::sync::OnceLock<Arc<Documents>>,
    /// Scheduled backups and the file chosen for a restore (`backups.rs`).
    pub(crate) backups: crate::backups::BackupState,
}

impl Session {
    pub fn new(config: SessionConfig) -> Self {
        let paths = DataPaths::new(&config.data_dir);
        Self { config, paths, store: Mutex::new(None), documents: std::sync::OnceLock::new(), backups: Default::default() }
    }

    /// Closes the database, waiting until every connection has shut down. Call it
    /// before the process exits: a connection thread still closing while the
    /// process tears down SQLCipher's crypto library can crash the exit.
    pub async fn close(&self) {
        self.backups.settle().await;
        if let Some(store) = self.store.lock().await.take() {
            store.close().await;
        }
    }

    pub fn today(&self) -> NaiveDate {
        self.config.today.unwrap_or_else(|| chrono::Local::now().date_naive())
    }

    pub fn data_dir(&self) -> String {
        self.paths.dir.display().to_string()
    }

    fn templates() -> Vec<TemplateInfo> {
        Template::ALL.into_iter().map(TemplateInfo::from).collect()
    }

    /// The open store, opening it on first use.
    pub(crate) async fn open_store(&self) -> ApiResult<Store> {
        self.store().await
    }

    async fn store(&self) -> ApiResult<Store> {
        let mut slot = self.store.lock().await;
        if let Some(store) = slot.as_ref() {
            return Ok(store.clone());
        }
        let source = match &self.config.passphrase {
            Some(passphrase) => KeySource::Passphrase(passphrase.clone()),
            None => KeySource::Keychain(self.config.keychain.clone()),
        };
        let store = Store::open(&self.paths, source).await?;
        *slot = Some(store.clone());
        self.opened(&store);
        Ok(store)
    }

    /// Opens the database ahead of the first request, if there is one (the window
    /// calls it on a background task at process start, so the store is ready — or
    /// being opened, which `app_state` waits for — when the page asks). A failure
    /// is left for [`Session::app_state`] to meet and report when it tries again.
    pub async fn open_ahead(&self) {
        if self.paths.database_exists() {
            let _ = self.store().await;
        }
    }

    /// Opens the database if there is one, or creates it with the passphrase from
    /// the request (or the configuration) if there is not.
    pub(crate) async fn store_or_create(&self, passphrase: Option<&str>, confirm: Option<&str>) -> ApiResult<(Store, Option<String>)> {
        if self.paths.database_exists() {
            return Ok((self.store().await?, None));
        }
        let passphrase = match (passphrase.filter(|p| !p.is_empty()), &self.config.passphrase) {
            (Some(typed), _) => {
                if confirm != Some(typed) {
                    return Err(ApiError::invalid("recovery_passphrase_confirm", "The two passphrases differ; type the same passphrase twice."));
                }
                Passphrase::new(typed)
            }
            (None, Some(configured)) => configured.clone(),
            (None, None) => {
                return Err(ApiError::invalid(
                    "recovery_passphrase",
                    format!(
                        "Choose a recovery passphrase: it unlocks the database if the keychain entry is ever lost. \
                         (Headless: set {ENV_PASSPHRASE}.)"
                    ),
                ));
            }
        };
        let mut slot = self.store.lock().await;
        let (store, outcome) = Store::create(&self.paths, &passphrase, self.config.keychain.clone(), self.config.kdf).await?;
        *slot = Some(store.clone());
        let warning = match outcome {
            KeychainOutcome::Saved => None,
            KeychainOutcome::NotSaved(reason) => Some(format!(
                "The database key could not be kept in the OS keychain ({reason}). \
                 Until it is, Secretariat will ask for the recovery passphrase when it starts."
            )),
        };
        Ok((store, warning))
    }

    pub async fn groups(&self) -> ApiResult<Vec<GroupSummary>> {
        Ok(self.store().await?.groups().await?)
    }

    /// What the window shows on start.
    pub async fn app_state(&self) -> AppState {
        let data_dir = self.data_dir();
        if !self.paths.database_exists() {
            return AppState::NoDatabase { data_dir, templates: Self::templates() };
        }
        let opened = match self.store().await {
            Ok(store) => store.groups().await.map_err(ApiError::from),
            Err(error) => Err(error),
        };
        match opened {
            Ok(groups) => AppState::Ready { data_dir, groups, templates: Self::templates(), today: self.today() },
            Err(error) if matches!(error.kind, ErrorKind::NeedsRecovery | ErrorKind::KeychainUnavailable | ErrorKind::WrongPassphrase) => {
                AppState::NeedsRecovery { data_dir, error }
            }
            Err(error) => AppState::Unavailable { data_dir, error },
        }
    }

    /// Recovery: the passphrase unwraps the key, which goes back into the keychain.
    pub async fn recover(&self, request: RecoverRequest) -> ApiResult<AppState> {
        if request.recovery_passphrase.is_empty() {
            return Err(ApiError::invalid("recovery_passphrase", "Type the recovery passphrase."));
        }
        let passphrase = Passphrase::new(request.recovery_passphrase);
        let (store, outcome) = Store::recover(&self.paths, &passphrase, self.config.keychain.clone()).await.map_err(|error| match ApiError::from(error) {
            e if e.kind == ErrorKind::WrongPassphrase => ApiError { field: Some("recovery_passphrase".into()), ..e },
            e => e,
        })?;
        if let KeychainOutcome::NotSaved(reason) = outcome {
            tracing::warn!(%reason, "recovered, but the key could not be put back in the keychain");
        }
        *self.store.lock().await = Some(store.clone());
        self.opened(&store);
        Ok(self.app_state().await)
    }

    pub async fn create_group(&self, request: CreateGroupRequest) -> ApiResult<GroupCreated> {
        let template = Template::parse(&request.template).map_err(|e| ApiError::invalid("template", e.to_string()))?;
        // Check the name and the rules before anything is created, so bad input creates no database.
        text::single_line(&request.name, "The group's name", 120).map_err(|e| ApiError::invalid("name", e.to_string()))?;
        let (template, settings, seats) = match (&request.shape, template) {
            (Some(shape), _) => (Template::Custom, shape.settings().map_err(|e| ApiError::invalid(e.field, e.message))?, shape.seats()),
            (None, template) => (template, template.settings(), template.seats()),
        };
        let (store, keychain_warning) = self.store_or_create(request.recovery_passphrase.as_deref(), request.recovery_passphrase_confirm.as_deref()).await?;
        let id = store.write(async |w| w.create_shaped_group(&request.name, template, &settings, &seats).await).await?;
        let group = store.groups().await?.into_iter().find(|g| g.id == id).expect("the group just created");
        Ok(GroupCreated { group, keychain_warning })
    }

    /// Loads the fictional demo group (creating the database first if needed).
    pub async fn load_demo(&self, request: LoadDemoRequest) -> ApiResult<GroupCreated> {
        let (store, keychain_warning) = self.store_or_create(request.recovery_passphrase.as_deref(), request.recovery_passphrase_confirm.as_deref()).await?;
        let documents = self.documents();
        let id = demo::load(&store, &documents, self.today()).await?;
        let group = store.groups().await?.into_iter().find(|g| g.id == id).expect("the demo group just loaded");
        Ok(GroupCreated { group, keychain_warning })
    }

    pub async fn status(&self) -> ApiResult<Status> {
        if !self.paths.database_exists() {
            // Nothing is opened or created: a status query on a new folder only says so.
            return Ok(Status {
                data_dir: self.data_dir(),
                database_file: self.paths.database.display().to_string(),
                key_file: self.paths.key_file.display().to_string(),
                database_exists: false,
                encrypted: false,
                cipher: String::new(),
                groups: Vec::new(),
            });
        }
        let store = self.store().await?;
        let today = self.today();
        let cipher = store.cipher_version().await?;
        let mut groups = Vec::new();
        for summary in store.groups().await? {
            let seats = store.seats(summary.id, today).await?;
            groups.push(GroupStatus {
                id: summary.id,
                name: summary.name,
                template: summary.template,
                seats: seats.len() as u32,
                vacant_seats: seats.iter().filter(|s| s.holder.is_none()).count() as u32,
                counts: store.counts(summary.id).await?,
            });
        }
        Ok(Status {
            data_dir: self.data_dir(),
            database_file: self.paths.database.display().to_string(),
            key_file: self.paths.key_file.display().to_string(),
            database_exists: true,
            encrypted: !cipher.is_empty(),
            cipher: format!("SQLCipher {cipher}"),
            groups,
        })
    }
}
