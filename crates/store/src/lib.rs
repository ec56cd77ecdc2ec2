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

mod archive;
mod audit;
mod backup;
mod db;
mod elections;
mod error;
mod facts;
mod fields;
mod key;
mod keychain;
mod keyfile;
mod lock;
mod meetings;
mod membership;
mod minutes;
mod privacy;
pub mod process;
mod read;
mod retention;
mod subgroups;
mod tor;
mod work;
mod write;

pub use archive::{IssuedCopy, IssuedKind, KeptPack, PrintRun};
pub use audit::{AuditBreak, AuditCheck};
pub use backup::{BACKUP_INTERVAL_HOURS, BackupFile, BackupMade, DEFAULT_BACKUP_FOLDER, KEEP_DAILY, KEEP_WEEKLY, Restored, VerifyReport, backup_due, rotation};
pub use db::{DataPaths, KeySource, KeychainOutcome, MIN_PASSPHRASE_LEN, Store};
pub use elections::{
    ElectionFor, ElectionInput, ElectionRecord, ElectionState, ElectionSummary, ElectorView, NominationInput, NominationView, Outcome, ReturnedPaperInput,
    ReturnedPaperView, SeatRef, SerialState, SerialView, method_str, rejection_str,
};
pub use error::{Result, StoreError};
pub use facts::{FactChange, ManagerStatusEntry, OrganisationFactsEntry};
pub use key::{DatabaseKey, Passphrase};
pub use keychain::{KEYCHAIN_SERVICE, Keychain, KeychainError, MemoryKeychain, SystemKeychain, keychain_account};
pub use keyfile::{KdfParams, KeyFile, KeyFileError};
pub use lock::LOCK_FILE;
pub use meetings::{AgendaItemInput, AgendaItemView, MeetingDetail, MeetingInput, MeetingSummary, PaperFile, PaperView, Purpose, Recipient, SeriesInput};
pub use membership::{
    AppointmentView, EmploymentView, EndReason, InviteeView, OrganisationInput, OrganisationRecord, PersonDetail, PersonExport, PersonInput, TermView,
};
pub use minutes::{
    ActionInput, ActionStatus, ActionView, AttendanceInput, AttendanceView, Capacity, CorrectionView, DecisionInput, DecisionKind, DecisionOutcome,
    DecisionView, ItemMinutes, MinutesView, PROGRAMME_MANAGER, PositionInput, PositionView, PrivateSession, PublicPosition, StrikeDecisionInput,
    StrikeDecisionView, ViewpointView, Volunteer,
};
pub use privacy::{Erasure, ErasureLine, REDACTION, SubjectAccess, SubjectAudit, SubjectPerson, SubjectRow};
pub use read::{AuditEntry, Group, GroupCounts, GroupSummary, OrganisationView, PersonView, SeatHolder, SeatView};
pub use subgroups::{
    DecisionRef, MeetingRef, PlaceInput, PlaceView, ReportBackInput, ReportBackView, ReportPaper, ReportPaperView, SubgroupDetail, SubgroupInput,
    SubgroupSummary,
};
pub use tor::{AmendmentDecision, AmendmentInput, AmendmentMeeting, AmendmentView};
pub use work::{DeclarationInput, DeclarationView, PaperChoice, StatusChange, WorkActionRef, WorkEntryDetail, WorkEntryInput, WorkEntrySummary, WorkItemLink};
pub use write::{GroupId, Writer};
