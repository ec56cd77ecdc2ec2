//! A [`Session`] is Secretariat running against one data folder: it opens the
//! database on first use (key from the keychain, or the recovery passphrase when
//! one is configured) and answers every request the window and the command line
//! make. The Tauri commands and the CLI are thin callers of these methods.

use crate::circulation;
use crate::demo;
use crate::error::{ApiError, ApiResult, ErrorKind};
use crate::exchange;
use crate::reports;
use crate::types::*;
use chrono::{Datelike, NaiveDate};
use secretariat_documents::{Documents, PaperChecker, PaperInfo};
use secretariat_rules::{Severity, SubjectKind, Template, text, tor};
use secretariat_store::{
    DataPaths, GroupSummary, KdfParams, KeySource, Keychain, KeychainOutcome, OrganisationRecord, Passphrase, PersonDetail, Store, SystemKeychain,
};
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
    documents: std::sync::OnceLock<Arc<Documents>>,
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
        // Check the name before anything is created, so a bad name creates no database.
        text::single_line(&request.name, "The group's name", 120).map_err(|e| ApiError::invalid("name", e.to_string()))?;
        let (store, keychain_warning) = self.store_or_create(request.recovery_passphrase.as_deref(), request.recovery_passphrase_confirm.as_deref()).await?;
        let mut writer = store.begin().await?;
        let id = writer.create_group(&request.name, template).await?;
        writer.commit().await?;
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

    /// Sets whose bank holidays the deadlines the app proposes skip (issue #18); the group's home.
    pub async fn set_bank_holidays(&self, group_id: i64, nation: secretariat_rules::working_days::Nation) -> ApiResult<GroupHome> {
        let store = self.open_store().await?;
        let mut w = store.begin().await?;
        w.set_bank_holidays(group_id, nation).await?;
        w.commit().await?;
        self.group_home(group_id).await
    }

    pub async fn group_home(&self, group_id: i64) -> ApiResult<GroupHome> {
        let store = self.store().await?;
        let today = self.today();
        let group = store.group(group_id).await?;
        let seats = store.seats(group_id, today).await?;
        let vacant_seats = seats.iter().filter(|s| s.holder.is_none()).count() as u32;
        let settings = group.settings.describe();
        let counts = store.counts(group_id).await?;
        let next_meeting = self.next_meeting(group_id).await?;
        let mut elections = Vec::new();
        let mut register = None;
        for e in store.elections(group_id).await? {
            if matches!(e.state, secretariat_store::ElectionState::Declared | secretariat_store::ElectionState::Cancelled) {
                continue;
            }
            // Only the next step is shown: the register is read once for all open elections,
            // and the page's lists of people and organisations are not built.
            let register = match &register {
                Some(r) => r,
                None => register.insert(store.register(group_id).await?),
            };
            let page = self.election_page_in(&store, register, group_id, e.id, false).await?;
            elections.push(ElectionStep { id: e.id, title: e.title, next_step: page.next_step });
        }
        let overdue_actions = self.overdue_actions(group_id).await?;
        let report_backs = crate::subgroups::due(&store, group_id, today, next_meeting.as_ref().map(|m| m.starts_at.date())).await?;
        let work = crate::work::needs(&store, group_id, today).await?;
        Ok(GroupHome { group, today, seats, vacant_seats, settings, counts, next_meeting, elections, overdue_actions, report_backs, work })
    }

    /// The rules engine's findings for a group on `on` (today by default).
    pub async fn compliance(&self, group_id: i64, on: Option<NaiveDate>) -> ApiResult<Compliance> {
        let store = self.store().await?;
        let on = on.unwrap_or_else(|| self.today());
        let register = store.register(group_id).await?;
        let mut findings = secretariat_rules::evaluate_with_attendance(&register, &store.attendance_record(group_id).await?, on);
        // Sub-groups (ToR §18) are read apart from the register snapshot (which is read once).
        findings.extend(crate::subgroups::findings_in(&store, &register, group_id, on).await?);
        secretariat_rules::sort_findings(&mut findings);
        let count = |s: Severity| findings.iter().filter(|f| f.severity == s).count() as u32;
        Ok(Compliance { on, breaches: count(Severity::Breach), warnings: count(Severity::Warning), notices: count(Severity::Notice), findings })
    }

    pub async fn members(&self, group_id: i64) -> ApiResult<MembersView> {
        let store = self.store().await?;
        let today = self.today();
        Ok(MembersView {
            seats: store.seats(group_id, today).await?,
            people: store.people(group_id, today).await?,
            organisations: store.organisations(group_id, today).await?,
            appointments: store.appointments(group_id).await?,
            invitees: store.invitees(group_id, today).await?,
        })
    }

    pub async fn person(&self, group_id: i64, person_id: i64) -> ApiResult<PersonDetail> {
        Ok(self.store().await?.person_detail(group_id, person_id).await?)
    }

    pub async fn organisation(&self, group_id: i64, organisation_id: i64) -> ApiResult<OrganisationRecord> {
        Ok(self.store().await?.organisation_record(group_id, organisation_id).await?)
    }

    pub async fn save_organisation(&self, request: SaveOrganisation) -> ApiResult<OrganisationRecord> {
        let store = self.store().await?;
        let mut w = store.begin().await?;
        let id = match request.id {
            Some(id) => {
                w.update_organisation(request.group_id, id, &request.input).await?;
                id
            }
            None => w.add_organisation(request.group_id, &request.input).await?,
        };
        w.commit().await?;
        Ok(store.organisation_record(request.group_id, id).await?)
    }

    pub async fn save_person(&self, request: SavePerson) -> ApiResult<PersonDetail> {
        let store = self.store().await?;
        let mut w = store.begin().await?;
        let id = match request.id {
            Some(id) => {
                w.update_person(request.group_id, id, &request.input).await?;
                id
            }
            None => {
                let id = w.add_person(request.group_id, &request.input).await?;
                if let Some(employer) = &request.employer {
                    w.add_employment(request.group_id, id, employer.organisation_id, employer.from, None).await?;
                }
                id
            }
        };
        w.commit().await?;
        Ok(store.person_detail(request.group_id, id).await?)
    }

    /// What ToR §15 says about a change of employer, before it is saved.
    pub async fn preview_employer_change(&self, request: EmployerChange) -> ApiResult<EmployerChangePreview> {
        let store = self.store().await?;
        let register = store.register(request.group_id).await?;
        if !register.organisations.iter().any(|o| o.id == request.organisation_id) {
            return Err(ApiError::invalid("organisation_id", "Choose an organisation from this group."));
        }
        let on = self.today().max(request.from);
        let outcome = tor::s15_employer_change::preview(&register, request.person_id, request.organisation_id, request.from, on);
        // The findings about this person as they would stand after the change.
        let mut changed = register.clone();
        for e in changed.employments.iter_mut().filter(|e| e.person == request.person_id && e.to.is_none()) {
            e.to = request.from.pred_opt();
        }
        changed.employments.push(secretariat_rules::register::Employment {
            person: request.person_id,
            organisation: request.organisation_id,
            from: request.from,
            to: None,
        });
        let findings = secretariat_rules::evaluate(&changed, on)
            .into_iter()
            .filter(|f| f.subjects.iter().any(|s| s.kind == SubjectKind::Person && s.id == request.person_id))
            .collect();
        Ok(EmployerChangePreview { outcome, findings })
    }

    pub async fn change_employer(&self, request: EmployerChange) -> ApiResult<PersonDetail> {
        let store = self.store().await?;
        let mut w = store.begin().await?;
        w.change_employer(request.group_id, request.person_id, request.organisation_id, request.from).await?;
        w.commit().await?;
        Ok(store.person_detail(request.group_id, request.person_id).await?)
    }

    pub async fn fill_seat(&self, request: FillSeat) -> ApiResult<MembersView> {
        let store = self.store().await?;
        let mut w = store.begin().await?;
        w.start_term(request.group_id, request.seat_id, request.person_id, request.start, request.obtained).await?;
        w.commit().await?;
        self.members(request.group_id).await
    }

    pub async fn end_term(&self, request: EndTerm) -> ApiResult<MembersView> {
        let store = self.store().await?;
        let mut w = store.begin().await?;
        w.end_term(request.group_id, request.term_id, request.on, request.reason, &request.note).await?;
        w.commit().await?;
        self.members(request.group_id).await
    }

    pub async fn appoint(&self, request: Appoint) -> ApiResult<MembersView> {
        let store = self.store().await?;
        let mut w = store.begin().await?;
        w.appoint(request.group_id, request.role, request.person_id, request.from, &request.agreed_by).await?;
        w.commit().await?;
        self.members(request.group_id).await
    }

    pub async fn add_invitee(&self, request: AddInvitee) -> ApiResult<MembersView> {
        let store = self.store().await?;
        let mut w = store.begin().await?;
        w.add_invitee(request.group_id, request.person_id, request.from, &request.note).await?;
        w.commit().await?;
        self.members(request.group_id).await
    }

    /// Checks a CSV import without saving anything.
    pub async fn preview_import(&self, request: ImportRequest) -> ApiResult<ImportPreview> {
        let store = self.store().await?;
        exchange::import(&store, request.group_id, request.kind, &request.csv, self.today(), false).await
    }

    /// Saves a CSV import: all rows, or none when any row has a problem.
    pub async fn import(&self, request: ImportRequest) -> ApiResult<ImportPreview> {
        let store = self.store().await?;
        exchange::import(&store, request.group_id, request.kind, &request.csv, self.today(), true).await
    }

    pub async fn export(&self, group_id: i64, kind: RegisterKind) -> ApiResult<String> {
        let store = self.store().await?;
        exchange::export(&store, group_id, kind, self.today()).await
    }

    pub(crate) fn documents(&self) -> Arc<Documents> {
        self.documents.get_or_init(|| Arc::new(Documents::new())).clone()
    }

    /// Checks a file offered as a paper in the checking child (`PaperChecker`), off the
    /// async threads; the error is worded for the person who offered it.
    pub(crate) async fn check_paper(&self, bytes: Vec<u8>, max_bytes: usize) -> ApiResult<(Vec<u8>, PaperInfo)> {
        let checker = self.config.paper_checker.clone();
        tokio::task::spawn_blocking(move || checker.check(&bytes, max_bytes).map(|info| (bytes, info)))
            .await
            .map_err(|e| ApiError::new(ErrorKind::Internal, e.to_string()))?
            .map_err(|e| ApiError::invalid("file", e.to_string()))
    }

    /// Runs typesetting off the async threads: it is CPU work.
    pub(crate) async fn typeset<T: Send + 'static>(
        &self,
        work: impl FnOnce(&Documents) -> Result<T, secretariat_documents::DocumentError> + Send + 'static,
    ) -> ApiResult<T> {
        let documents = self.documents();
        tokio::task::spawn_blocking(move || work(&documents))
            .await
            .map_err(|e| ApiError::new(ErrorKind::Internal, e.to_string()))?
            .map_err(reports::typeset_error)
    }

    /// Makes a document for a group — and for the meeting, election or sub-group it is about
    /// (`record`) — ready to be saved or opened. The first copy of a document made once it is
    /// final is kept as it went out, for the Documents archive (`crate::archive`).
    pub async fn make_document(&self, group_id: i64, kind: DocumentKind, record: Option<i64>, on: Option<NaiveDate>) -> ApiResult<Made> {
        let made = self.make_from_records(group_id, kind, record, on).await?;
        self.keep_if_issued(group_id, kind, record, &made).await?;
        Ok(made)
    }

    async fn make_from_records(&self, group_id: i64, kind: DocumentKind, record: Option<i64>, on: Option<NaiveDate>) -> ApiResult<Made> {
        if kind == DocumentKind::KeptCopy {
            let copy = record.ok_or_else(|| ApiError::invalid("record", "Choose a kept document."))?;
            let (file_name, pages, bytes) = self.open_store().await?.issued_copy(group_id, copy).await?;
            return Ok(Made { file_name, bytes, pages: pages.map(|p| p as usize) });
        }
        if kind.needs_election() {
            let election = record.ok_or_else(|| ApiError::invalid("election", "Choose an election."))?;
            return self.election_document(group_id, kind, election).await;
        }
        if kind.needs_subgroup() {
            let subgroup = record.ok_or_else(|| ApiError::invalid("subgroup", "Choose a sub-group."))?;
            return self.subgroup_document(group_id, subgroup).await;
        }
        let store = self.store().await?;
        let today = self.today();
        let group = store.group(group_id).await?;
        let stem = file_stem(&group.name);
        let meeting = match (kind.needs_meeting(), record) {
            (true, Some(id)) => Some(store.meeting_detail(group_id, id).await?.meeting),
            (true, None) => return Err(ApiError::invalid("meeting", "Choose a meeting.")),
            (false, _) => None,
        };
        let day_stem = |m: &secretariat_store::MeetingSummary| format!("{stem} {}", m.starts_at.format("%Y-%m-%d"));
        let made = |file_name: String, bytes: Vec<u8>, pages: Option<usize>| Made { file_name, bytes, pages };
        Ok(match kind {
            DocumentKind::MembershipReport => {
                let report = reports::membership(&store, group_id, on.unwrap_or(today), today).await?;
                let bytes = self.typeset(move |d| d.membership_report(&report)).await?;
                made(format!("{stem} - membership.pdf"), bytes, None)
            }
            DocumentKind::PeopleCsv => {
                made(format!("{stem} - people.csv"), exchange::export(&store, group_id, RegisterKind::People, today).await?.into_bytes(), None)
            }
            DocumentKind::OrganisationsCsv => {
                made(format!("{stem} - organisations.csv"), exchange::export(&store, group_id, RegisterKind::Organisations, today).await?.into_bytes(), None)
            }
            DocumentKind::Agenda => {
                let m = meeting.expect("checked above");
                let (agenda, _) = reports::agenda(&store, group_id, m.id, today).await?;
                let bytes = self.typeset(move |d| d.agenda(&agenda)).await?;
                made(format!("{} - agenda.pdf", day_stem(&m)), bytes, None)
            }
            DocumentKind::AgendaPack => {
                let m = meeting.expect("checked above");
                let pack = self.pack(&store, group_id, m.id).await?;
                made(format!("{} - agenda pack.pdf", day_stem(&m)), pack.bytes, Some(pack.pages))
            }
            DocumentKind::YearRecord => {
                let year = record.map_or(today.year(), |y| y as i32);
                let pack = self.year_record(&store, group_id, year).await?;
                made(format!("{stem} - record {year}.pdf"), pack.bytes, Some(pack.pages))
            }
            DocumentKind::KeptAgendaPack => {
                let m = meeting.expect("checked above");
                let (_, pages, bytes) = store
                    .built_pack(group_id, m.id)
                    .await?
                    .ok_or_else(|| ApiError::new(ErrorKind::NotFound, "No agenda pack is kept for this meeting: build it on the meeting's page."))?;
                made(format!("{} - agenda pack.pdf", day_stem(&m)), bytes, Some(pages as usize))
            }
            DocumentKind::MeetingInvite => {
                let m = meeting.expect("checked above");
                let ics = circulation::calendar(&group.name, &group.settings.time_zone, std::slice::from_ref(&m))?;
                made(format!("{} - invitation.ics", day_stem(&m)), ics.into_bytes(), None)
            }
            DocumentKind::SeriesCalendar => {
                let upcoming: Vec<_> = store.meeting_summaries(group_id).await?.into_iter().filter(|m| m.starts_at.date() >= today).collect();
                let ics = circulation::calendar(&group.name, &group.settings.time_zone, &upcoming)?;
                made(format!("{stem} - meetings.ics"), ics.into_bytes(), None)
            }
            DocumentKind::CirculationDraft => {
                let m = meeting.expect("checked above");
                // Before the pack is built: a bad address stops the draft anyway.
                let recipients = store.recipients(group_id, m.starts_at.date()).await?;
                circulation::check_recipients(&recipients)?;
                let invite = circulation::calendar(&group.name, &group.settings.time_zone, std::slice::from_ref(&m))?;
                let pack = self.pack(&store, group_id, m.id).await?;
                let pack_name = format!("{} - agenda pack.pdf", day_stem(&m));
                let detail = store.meeting_detail(group_id, m.id).await?;
                let minutes: Vec<u32> = detail.items.iter().map(|i| i.input.minutes).collect();
                let agenda_lines = secretariat_rules::meetings::start_times(m.starts_at.time(), &minutes)
                    .into_iter()
                    .zip(&detail.items)
                    .enumerate()
                    .map(|(n, (t, i))| format!("{}. {} {} ({})", n + 1, t.format("%H:%M"), i.input.title, i.input.purpose.label().to_lowercase()))
                    .collect();
                let deadline = secretariat_rules::meetings::publication_deadline(m.starts_at.date(), group.settings.publication_lead_days);
                let bytes = circulation::email_draft(&circulation::Draft {
                    group_name: &group.name,
                    meeting: &m,
                    deadline,
                    agenda_lines,
                    recipients: &recipients,
                    pack_name: &pack_name,
                    pack: &pack.bytes,
                    invite: &invite,
                })?;
                made(format!("{} - circulation draft.eml", day_stem(&m)), bytes, None)
            }
            DocumentKind::Minutes => {
                let m = meeting.expect("checked above");
                let doc = crate::minutes::minutes_doc(&store, group_id, m.id, today).await?;
                let bytes = self.typeset(move |d| d.minutes(&doc)).await?;
                made(format!("{} - minutes.pdf", day_stem(&m)), bytes, None)
            }
            DocumentKind::AttendanceReport => {
                let year = record.map_or(today.year(), |y| y as i32);
                let report = crate::minutes::attendance_report(self, &store, group_id, year, today).await?;
                let bytes = self.typeset(move |d| d.attendance_report(&report)).await?;
                made(format!("{stem} - attendance {year}.pdf"), bytes, None)
            }
            DocumentKind::ActionLog => {
                let log = crate::minutes::action_log(&store, group_id, today).await?;
                let bytes = self.typeset(move |d| d.action_log(&log)).await?;
                made(format!("{stem} - action log.pdf"), bytes, None)
            }
            DocumentKind::CallForNominations
            | DocumentKind::CallForNominationsEmail
            | DocumentKind::BallotPapers
            | DocumentKind::IssueList
            | DocumentKind::ElectionResult
            | DocumentKind::ElectionBlt => unreachable!("election documents are made above"),
            DocumentKind::SubgroupRoster => unreachable!("sub-group documents are made above"),
            DocumentKind::KeptCopy => unreachable!("kept copies are read above"),
            DocumentKind::RecoverySheet => self.recovery_sheet().await?,
        })
    }

    /// Builds a meeting's agenda pack and keeps it as the meeting's latest pack.
    pub(crate) async fn pack(&self, store: &Store, group_id: i64, meeting_id: i64) -> ApiResult<secretariat_documents::Pack> {
        let (agenda, papers) = reports::agenda(store, group_id, meeting_id, self.today()).await?;
        let pack = self.typeset(move |d| d.agenda_pack(&agenda, &papers)).await?;
        let mut w = store.begin().await?;
        w.store_pack(group_id, meeting_id, &pack.bytes, pack.pages as u32).await?;
        w.commit().await?;
        Ok(pack)
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
