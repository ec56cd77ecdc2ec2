//! The encrypted store: one SQLCipher database per data folder, its key in the
//! OS keychain, a recovery key file beside it, and the reads and writes the rest
//! of Secretariat uses. No SQL leaves this crate.
//!
//! - [`Store::create`] / [`Store::open`] / [`Store::recover`] own the key handling
//!   (see `db.rs` for the connection settings and why).
//! - [`Writer`] is the only way to change data: one transaction, audited; the
//!   audit log is a chain of HMACs that [`Store::verify`] walks (`audit.rs`).
//! - [`Store::back_up`] / [`Store::restore`]: SQLCipher-exported, checked backups
//!   with rotation, and restore that keeps the replaced database aside (`backup.rs`).
//! - Reads return view types that the UI receives as they are (they derive `TS`).

mod audit;
mod backup;
mod db;
mod error;
mod elections;
mod fields;
mod key;
mod keychain;
mod keyfile;
mod lock;
mod meetings;
mod minutes;
mod membership;
mod privacy;
pub mod process;
mod read;
mod retention;
mod subgroups;
mod work;
mod write;

pub use audit::{AuditBreak, AuditCheck};
pub use backup::{
    backup_due, rotation, BackupFile, BackupMade, Restored, VerifyReport, BACKUP_INTERVAL_HOURS, DEFAULT_BACKUP_FOLDER, KEEP_DAILY,
    KEEP_WEEKLY,
};
pub use db::{DataPaths, KeySource, KeychainOutcome, Store, MIN_PASSPHRASE_LEN};
pub use error::{Result, StoreError};
pub use key::{DatabaseKey, Passphrase};
pub use keychain::{keychain_account, Keychain, KeychainError, MemoryKeychain, SystemKeychain, KEYCHAIN_SERVICE};
pub use keyfile::{KdfParams, KeyFile, KeyFileError};
pub use lock::LOCK_FILE;
pub use privacy::{Erasure, ErasureLine, SubjectAccess, SubjectAudit, SubjectPerson, SubjectRow, REDACTION};
pub use read::{AuditEntry, GroupCounts, GroupSummary, Group, OrganisationView, PersonView, SeatHolder, SeatView};
pub use membership::{
    AppointmentView, EmploymentView, EndReason, InviteeView, OrganisationInput, OrganisationRecord, PersonDetail, PersonExport,
    PersonInput,
    TermView,
};
pub use meetings::{
    AgendaItemInput, AgendaItemView, MeetingDetail, MeetingInput, MeetingSummary, PaperFile, PaperView, Purpose, Recipient, SeriesInput,
};
pub use write::{GroupId, Writer};
pub use subgroups::{
    DecisionRef, MeetingRef, PlaceInput, PlaceView, ReportBackInput, ReportBackView, ReportPaper, ReportPaperView, SubgroupDetail, SubgroupInput,
    SubgroupSummary,
};
pub use work::{
    DeclarationInput, DeclarationView, StatusChange, WorkActionRef, WorkEntryDetail, WorkEntryInput, WorkEntrySummary, WorkItemLink,
};
pub use elections::{
    method_str, rejection_str, ElectionFor, ElectionInput, ElectionRecord, ElectionState, ElectionSummary, ElectorView, NominationInput,
    NominationView, Outcome, ReturnedPaperInput, ReturnedPaperView, SeatRef, SerialState, SerialView,
};
pub use minutes::{
    ActionInput, ActionStatus, ActionView, AttendanceInput, AttendanceView, Capacity, CorrectionView, DecisionInput, DecisionKind,
    DecisionOutcome, DecisionView, ItemMinutes, MinutesView, PositionInput, PositionView, PrivateSession, PublicPosition, StrikeDecisionInput,
    StrikeDecisionView, ViewpointView, Volunteer, PROGRAMME_MANAGER,
};
