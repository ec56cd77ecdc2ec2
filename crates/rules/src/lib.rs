//! The working group's domain and the rules of its Terms of Reference.
//!
//! This crate is pure: no I/O, no clock, no database. Everything that depends on
//! "today" takes the date as an argument, so a rule can be asked about any day,
//! past or future. Every number a rule uses comes from [`GroupSettings`], whose
//! defaults come from a [`Template`]; nothing past the template is hard-coded.
//!
//! Where a rule comes from the Terms of Reference, its paragraph is cited as
//! "ToR §n" in code, messages and tests (see [`Tor`]).

pub mod amendments;
pub mod elections;
mod findings;
pub mod meetings;
pub mod names;
mod refusal;
pub mod register;
pub mod retention;
mod settings;
pub mod shape;
mod template;
pub mod text;
pub mod tor;
pub mod work;
pub mod working_days;
pub use amendments::{Amendment, RuleSwitch, TorSetting};
pub use refusal::Refusal;
pub use shape::GroupShape;

pub use findings::{Finding, Severity, Subject, SubjectKind, evaluate, evaluate_with_attendance, sort as sort_findings, uk_date};
pub use register::{ManagerStatus, Obtained, Register, Role, TechukStatus};
pub use settings::{GroupSettings, SettingLine, SettingsError, Tor};
pub use template::{SeatKind, SeatSpec, Template, UnknownTemplate};
pub use tor::s15_employer_change::MoveOutcome;
