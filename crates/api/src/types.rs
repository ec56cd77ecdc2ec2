//! Requests and responses: the contract between Rust and the window, declared
//! once here and generated to TypeScript (`ui/src/lib/bindings.ts`, checked by
//! the `bindings_are_up_to_date` test).

use crate::error::ApiError;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

// The records the window sees as the rules and the store define them, re-exported here so that
// the shell and the generated bindings depend on this crate alone (issue #16): what the window
// receives is this crate's contract, whichever crate defines it underneath.
pub use secretariat_rules::amendments::AmendmentEffect;
pub use secretariat_rules::elections::{
    CandidateState, Count, Method, Reconciliation, Rejection, Stage, StageAction, TiePurpose, TieRecord, TieResolution, Votes,
};
pub use secretariat_rules::meetings::{MonthlyRule, Publication};
pub use secretariat_rules::retention::{DueItem, RetentionCategory, RetentionReport, RetentionSchedule, RetentionSection};
pub use secretariat_rules::tor::s12_s16_elections::{Eligibility, NominationCheck, Vacancy};
pub use secretariat_rules::tor::s17_attendance::{Discretion, Presence};
pub use secretariat_rules::tor::s18_subgroups::{Expertise, Place, ReportBackState};
pub use secretariat_rules::tor::s21_s24_decisions::{Consensus, ConsensusBase};
pub use secretariat_rules::work::{HorizonKind, WorkKind, WorkNeed, WorkStatus, WorkThresholds};
pub use secretariat_rules::working_days::Nation;
pub use secretariat_rules::{
    Finding, GroupSettings, GroupShape, ManagerStatus, MoveOutcome, Obtained, Role, SeatKind, SettingLine, Severity, Subject, SubjectKind, TechukStatus,
    Template, Tor,
};
pub use secretariat_rules::{RuleSwitch, TorSetting};
pub use secretariat_store::{
    ActionInput, ActionStatus, ActionView, AttendanceInput, Capacity, CorrectionView, DecisionInput, DecisionKind, DecisionOutcome, DecisionView, ItemMinutes,
    MinutesView, PositionInput, PositionView, PrivateSession, PublicPosition, StrikeDecisionInput, StrikeDecisionView, ViewpointView, Volunteer,
};
pub use secretariat_store::{
    AgendaItemInput, AgendaItemView, AppointmentView, EmploymentView, EndReason, Group, GroupCounts, GroupSummary, InviteeView, MeetingDetail, MeetingInput,
    MeetingSummary, OrganisationInput, OrganisationRecord, OrganisationView, PaperView, PersonDetail, PersonInput, PersonView, Purpose, SeatHolder, SeatView,
    SeriesInput, TermView,
};
pub use secretariat_store::{AmendmentDecision, AmendmentInput, AmendmentMeeting, AmendmentView};
pub use secretariat_store::{AuditBreak, AuditCheck, BackupFile, BackupMade, Restored, VerifyReport};
pub use secretariat_store::{
    DecisionRef, MeetingRef, PlaceView, ReportBackInput, ReportBackView, ReportPaperView, SubgroupDetail, SubgroupInput, SubgroupSummary,
};
pub use secretariat_store::{
    DeclarationInput, DeclarationView, PaperChoice, StatusChange, WorkActionRef, WorkEntryDetail, WorkEntryInput, WorkEntrySummary, WorkItemLink,
};
pub use secretariat_store::{
    ElectionFor, ElectionInput, ElectionRecord, ElectionState, ElectionSummary, ElectorView, NominationView, Outcome, ReturnedPaperView, SeatRef, SerialState,
    SerialView,
};
pub use secretariat_store::{Erasure, ErasureLine, SubjectAccess, SubjectAudit, SubjectPerson, SubjectRow};
pub use secretariat_store::{FactChange, ManagerStatusEntry, OrganisationFactsEntry};

use ts_rs::TS;

/// A template the "Create a working group" form offers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct TemplateInfo {
    pub id: String,
    pub title: String,
    pub suggested_group_name: String,
    pub settings: Vec<SettingLine>,
    pub seats: u32,
    /// Its seats and rules, for the custom group form to start from.
    pub shape: secretariat_rules::GroupShape,
}

impl From<Template> for TemplateInfo {
    fn from(template: Template) -> Self {
        Self {
            id: template.id().to_owned(),
            title: template.title().to_owned(),
            suggested_group_name: template.suggested_group_name().to_owned(),
            settings: template.settings().describe(),
            seats: template.seats().len() as u32,
            shape: secretariat_rules::GroupShape::of_template(template),
        }
    }
}

/// What the window should show on start.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum AppState {
    /// First start: no database yet. Offer "Create a working group".
    NoDatabase { data_dir: String, templates: Vec<TemplateInfo> },
    /// The database is open. `today` is the app's date (`SECRETARIAT_TODAY` in tests), so
    /// every screen agrees with Rust about the day rather than reading the browser's UTC clock.
    Ready { data_dir: String, groups: Vec<GroupSummary>, templates: Vec<TemplateInfo>, today: NaiveDate },
    /// The database is there but its key is not in the keychain: ask for the recovery passphrase.
    NeedsRecovery { data_dir: String, error: ApiError },
    /// The database cannot be used (damaged, unencrypted, read-only folder…).
    Unavailable { data_dir: String, error: ApiError },
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, TS)]
pub struct CreateGroupRequest {
    pub name: String,
    pub template: String,
    /// A custom group's seats and rules (the form, or a rules file read with
    /// `choose_rules_file`); the group is then a custom one whatever `template` says.
    #[ts(optional)]
    #[serde(default)]
    pub shape: Option<secretariat_rules::GroupShape>,
    /// Needed only when the database does not exist yet.
    #[ts(optional)]
    #[serde(default)]
    pub recovery_passphrase: Option<String>,
    #[ts(optional)]
    #[serde(default)]
    pub recovery_passphrase_confirm: Option<String>,
}

/// Loads the fictional demo group; the passphrase is needed only for a new database.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, TS)]
pub struct LoadDemoRequest {
    #[ts(optional)]
    #[serde(default)]
    pub recovery_passphrase: Option<String>,
    #[ts(optional)]
    #[serde(default)]
    pub recovery_passphrase_confirm: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct RecoverRequest {
    pub recovery_passphrase: String,
}

/// A group was created (or the demo loaded).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct GroupCreated {
    pub group: GroupSummary,
    /// Set when the key could not be kept in the OS keychain: the next start will
    /// ask for the recovery passphrase.
    pub keychain_warning: Option<String>,
}

/// The group's home: seats, settings with their ToR paragraphs, and how much it holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct GroupHome {
    pub group: Group,
    pub today: NaiveDate,
    pub seats: Vec<SeatView>,
    pub vacant_seats: u32,
    pub settings: Vec<SettingLine>,
    pub counts: GroupCounts,
    /// The next meeting and its publication deadline (ToR §20).
    pub next_meeting: Option<NextMeeting>,
    /// Elections in progress, each with its next step.
    pub elections: Vec<ElectionStep>,
    /// Open actions past their due date.
    pub overdue_actions: Vec<secretariat_store::ActionView>,
    /// Sub-group report-backs overdue or due at the next meeting (ToR §18).
    pub report_backs: Vec<crate::subgroups::ReportBackDue>,
    /// Consultation deadlines within 14 days, horizon items not reviewed for 3 months,
    /// concerns not yet shared (ToR §3, §5), soonest first.
    pub work: Vec<secretariat_rules::work::WorkNeed>,
}

/// An election in progress and what it needs next, for the home screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ElectionStep {
    pub id: i64,
    pub title: String,
    pub next_step: String,
}

/// `secretariat status`: where the data is, whether there is a database yet, that it is
/// encrypted, and what it holds. A folder with no database yet is an answer, not an error.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Status {
    pub data_dir: String,
    pub database_file: String,
    pub key_file: String,
    /// False on a folder where no database has been created yet (then `encrypted` is false,
    /// `cipher` empty and `groups` empty: there is nothing to describe).
    pub database_exists: bool,
    pub encrypted: bool,
    /// e.g. "SQLCipher 4.10.0 community".
    pub cipher: String,
    pub groups: Vec<GroupStatus>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct GroupStatus {
    pub id: i64,
    pub name: String,
    pub template: String,
    pub seats: u32,
    pub vacant_seats: u32,
    pub counts: GroupCounts,
}

/// The rules engine's findings for a group on a day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Compliance {
    pub on: NaiveDate,
    pub findings: Vec<secretariat_rules::Finding>,
    pub breaches: u32,
    pub warnings: u32,
    pub notices: u32,
    /// On a day other than today, the seat board and the rules as they were (or will be) that
    /// day, so that Home follows the day it checks; today's are the group's home's.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub that_day: Option<DayBoard>,
}

/// Who held each seat open on a day, and the rules in force that day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DayBoard {
    pub seats: Vec<SeatView>,
    pub vacant_seats: u32,
    pub settings: Vec<SettingLine>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct SaveOrganisation {
    pub group_id: i64,
    /// None to add a new organisation.
    pub id: Option<i64>,
    pub input: secretariat_store::OrganisationInput,
    /// For an existing one, how a changed techUK status, SME status or sector is meant: from a
    /// date (today when none given), or a correction of a mistake.
    #[ts(optional)]
    #[serde(default)]
    pub change: Option<FactChange>,
}

/// An organisation's techUK status (and SME status) from a date, as `secretariat organisation
/// status` records it; previewed, then saved.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct ChangeOrganisationStatus {
    pub group_id: i64,
    pub organisation_id: i64,
    pub techuk_status: TechukStatus,
    pub sme: Option<bool>,
    pub from: NaiveDate,
}

/// Where a new person works, given when they are added.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct FirstEmployer {
    pub organisation_id: i64,
    pub from: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct SavePerson {
    pub group_id: i64,
    /// None to add a new person.
    pub id: Option<i64>,
    pub input: secretariat_store::PersonInput,
    /// For a new person only: their current employer.
    pub employer: Option<FirstEmployer>,
    /// For an existing one, how a changed manager status is meant (ToR §12): from a date
    /// (today when none given), or a correction of a mistake.
    #[ts(optional)]
    #[serde(default)]
    pub change: Option<FactChange>,
}

/// A change of employer (ToR §15), previewed and then saved.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct EmployerChange {
    pub group_id: i64,
    pub person_id: i64,
    pub organisation_id: i64,
    pub from: NaiveDate,
}

/// What the guided change of employer shows before saving.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct EmployerChangePreview {
    /// The ToR §15 outcome, when the person holds a supplier seat.
    pub outcome: Option<secretariat_rules::MoveOutcome>,
    /// Findings about this person after the change, on its date.
    pub findings: Vec<secretariat_rules::Finding>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct FillSeat {
    pub group_id: i64,
    pub seat_id: i64,
    pub person_id: i64,
    pub start: NaiveDate,
    pub obtained: secretariat_rules::Obtained,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct EndTerm {
    pub group_id: i64,
    pub term_id: i64,
    pub on: NaiveDate,
    pub reason: secretariat_store::EndReason,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct Appoint {
    pub group_id: i64,
    pub role: secretariat_rules::Role,
    pub person_id: i64,
    pub from: NaiveDate,
    pub agreed_by: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct AddInvitee {
    pub group_id: i64,
    pub person_id: i64,
    pub from: NaiveDate,
    pub note: String,
}

/// Everything the Members screen shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct MembersView {
    pub seats: Vec<SeatView>,
    pub people: Vec<secretariat_store::PersonView>,
    pub organisations: Vec<secretariat_store::OrganisationView>,
    pub appointments: Vec<secretariat_store::AppointmentView>,
    pub invitees: Vec<secretariat_store::InviteeView>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum RegisterKind {
    People,
    Organisations,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct ImportRequest {
    pub group_id: i64,
    pub kind: RegisterKind,
    /// The CSV file's text.
    pub csv: String,
}

/// One row of an import: what it would add, or why it cannot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ImportRow {
    /// The line in the file (the header is line 1).
    pub line: u32,
    pub name: String,
    pub errors: Vec<String>,
}

/// An import, checked but not saved (or saved, when `saved` is true).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ImportPreview {
    pub kind: RegisterKind,
    pub rows: Vec<ImportRow>,
    /// Problems with the file itself (header, encoding).
    pub file_errors: Vec<String>,
    pub valid_rows: u32,
    pub saved: bool,
}

/// A document the app makes for a group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    /// The membership list and composition report (PDF).
    MembershipReport,
    PeopleCsv,
    OrganisationsCsv,
    /// A meeting's agenda alone (PDF).
    Agenda,
    /// A meeting's agenda pack: cover, agenda, contents and every paper (PDF).
    AgendaPack,
    /// The agenda pack as kept with its meeting, as last built and circulated (PDF); never rebuilt.
    KeptAgendaPack,
    /// The email draft circulating the pack (.eml).
    CirculationDraft,
    /// A meeting's calendar invitation (.ics).
    MeetingInvite,
    /// Every meeting of the group from today on (.ics).
    SeriesCalendar,
    /// An election's open call for nominations (PDF, ToR §14).
    CallForNominations,
    /// The call as an email draft with the PDF attached (.eml).
    CallForNominationsEmail,
    /// The latest print run of numbered ballot papers (PDF).
    BallotPapers,
    /// Who was issued a ballot paper — never which (PDF).
    IssueList,
    /// The result with the count, stage by stage (PDF; marked draft until declared).
    ElectionResult,
    /// The valid papers as a BLT file (ERS / OpenSTV), to check the count elsewhere.
    ElectionBlt,
    /// A meeting's minutes (PDF, marked draft until approved; ToR §21).
    Minutes,
    /// A year's attendance grid with each member's strikes (PDF, ToR §17); the record is the year.
    AttendanceReport,
    /// Every action with its owner, due date and status (PDF).
    ActionLog,
    /// A sub-group's roster: remit, lead, members, invited individuals, report-backs (PDF, ToR §18).
    SubgroupRoster,
    /// A calendar year's record in one PDF: each meeting's agenda and approved minutes, the
    /// year's attendance (ToR §17), the decisions register (ToR §22) and the elections' results;
    /// the record is the year.
    YearRecord,
    /// What the recovery passphrase is for, where the database, key file and backups are, and how to restore (PDF).
    RecoverySheet,
    /// The consolidated Terms of Reference: the rules in force on a day with their paragraphs,
    /// the rules that do not apply and the amendments (PDF); the record is the day as
    /// YYYYMMDD (today when none).
    TermsOfReference,
    /// A document kept as it went out (approved minutes, a call, a result, a past year's
    /// attendance, a closed sub-group's roster), exactly as kept; the record is the kept copy.
    KeptCopy,
}

/// A document to make: its kind and the meeting, election, sub-group or year it is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DocumentRef {
    pub kind: DocumentKind,
    pub record_id: Option<i64>,
}

/// A document made and ready to save or open; its bytes never cross to the UI.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Made {
    pub file_name: String,
    pub bytes: Vec<u8>,
    /// Pages, for PDFs.
    pub pages: Option<usize>,
}

/// A meeting in the list, with where its publication stands (ToR §20).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct MeetingRow {
    pub meeting: secretariat_store::MeetingSummary,
    /// The working day to publish the pack by: ToR §20's deadline, or the working day before it.
    pub deadline: NaiveDate,
    pub publication: secretariat_rules::meetings::Publication,
}

/// A meeting's page: its agenda with running times and papers, and its deadline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct MeetingPage {
    pub detail: secretariat_store::MeetingDetail,
    /// Each item's start, "14:05", in agenda order.
    pub start_times: Vec<String>,
    /// The working day to publish the pack by: ToR §20's deadline, or the working day before it.
    pub deadline: NaiveDate,
    pub publication: secretariat_rules::meetings::Publication,
    /// For the presenter list.
    pub people: Vec<secretariat_store::PersonView>,
    pub paper_limit_mb: u32,
    /// The agenda pack as last built, if it has been.
    pub pack: Option<PackInfo>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PackInfo {
    /// UTC instant, RFC 3339.
    pub built_at: String,
    pub pages: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct SaveMeeting {
    pub group_id: i64,
    pub id: Option<i64>,
    pub input: secretariat_store::MeetingInput,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct PlanSeries {
    pub group_id: i64,
    pub input: secretariat_store::SeriesInput,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct SaveAgendaItem {
    pub group_id: i64,
    pub meeting_id: i64,
    /// None to add a new item.
    pub id: Option<i64>,
    pub input: secretariat_store::AgendaItemInput,
}

/// A PDF offered as a paper, its bytes as base64 (the window reads the file the person picked).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct AttachPaper {
    pub group_id: i64,
    pub item_id: i64,
    /// Set to replace that paper with a new version.
    pub paper_id: Option<i64>,
    /// The new paper's title; left empty, the PDF's own title or else the
    /// file name. Ignored for a new version (the paper keeps its title).
    pub title: String,
    pub file_name: String,
    pub data_base64: String,
}

/// One document of the group's record in the Documents archive (issue #18).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ArchivedDocument {
    /// What to ask `make_document` for to open it, with `record_id`.
    pub kind: DocumentKind,
    /// The meeting, election or sub-group it is about, the year of an attendance report, or
    /// the kept copy.
    pub record_id: Option<i64>,
    /// For a kept copy: the same document made again from today's records.
    pub remake: Option<DocumentRef>,
    /// "Agenda pack", "Approved minutes", …: what the kind filter shows.
    pub kind_label: String,
    pub title: String,
    /// The day it went out (published, approved, issued, declared), where there is one.
    pub on: Option<NaiveDate>,
    /// The calendar year it belongs to.
    pub year: i32,
    pub meeting_id: Option<i64>,
    pub meeting: Option<String>,
    /// One line: when and how it went out, pages, supplements, counts.
    pub detail: String,
    /// Opened from the copy kept in the database, exactly as it went out; otherwise made
    /// again from the records.
    pub kept: bool,
    /// False for what is listed only as a record (a print run of ballot papers).
    pub openable: bool,
}

/// What checking a file offered as a paper found, before it is attached: the
/// title to offer (the PDF's own, or else one made from the file name) and its
/// page count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PaperPreview {
    pub title: String,
    /// Where the title came from: the PDF's own metadata, or its file name.
    pub title_from_pdf: bool,
    pub pages: u32,
}

/// A paper's new title.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct RenamePaper {
    pub group_id: i64,
    pub meeting_id: i64,
    pub paper_id: i64,
    pub title: String,
}

/// The next meeting on the home screen, with its publication deadline (ToR §20).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct NextMeeting {
    pub id: i64,
    pub title: String,
    pub starts_at: chrono::NaiveDateTime,
    /// The working day to publish the pack by: ToR §20's deadline, or the working day before it.
    pub deadline: NaiveDate,
    pub publication: secretariat_rules::meetings::Publication,
    pub items: u32,
    pub papers: u32,
}
