//! The encrypted store: one SQLCipher database per data folder, its key in the
//! OS keychain, a recovery key file beside it, and the reads and writes the rest
//! of Secretariat uses. No SQL leaves this crate.
//!
//! - [`Store::create`] / [`Store::open`] / [`Store::recover`] own the key handling
//!   (see `db.rs` for the connection settings and why).
//! - [`Writer`] is the only way to change data: one transaction, audited.
//! - Reads return view types that the UI receives as they are (they derive `TS`).

mod db;
mod error;
mod elections;
mod fields;
mod key;
mod keychain;
mod keyfile;
mod meetings;
mod membership;
mod read;
mod write;

pub use db::{DataPaths, KeySource, KeychainOutcome, Store, MIN_PASSPHRASE_LEN};
pub use error::{Result, StoreError};
pub use key::{DatabaseKey, Passphrase};
pub use keychain::{Keychain, KeychainError, MemoryKeychain, SystemKeychain, KEYCHAIN_SERVICE};
pub use keyfile::{KdfParams, KeyFile, KeyFileError};
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
pub use elections::{
    method_str, rejection_str, ElectionFor, ElectionInput, ElectionRecord, ElectionState, ElectionSummary, ElectorView, NominationInput,
    NominationView, Outcome, ReturnedPaperInput, ReturnedPaperView, SeatRef, SerialState, SerialView,
};
