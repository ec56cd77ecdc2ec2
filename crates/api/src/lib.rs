//! What the window and the command line can ask of Secretariat.
//!
//! [`Session`] holds one data folder's open store and answers requests with the
//! types in [`types`], which are generated to TypeScript for the UI. Errors cross
//! as [`ApiError`] (`{kind, message, field?}`). Nothing here knows about Tauri,
//! so every command body is testable without a desktop.

mod archive;
pub mod backups;
mod circulation;
pub mod contract;
pub mod demo;
pub mod digest;
pub mod documents;
pub mod elections;
mod error;
pub mod exchange;
pub mod files;
mod meetings;
mod membership;
pub mod minutes;
pub mod privacy;
pub mod process;
pub mod reports;
pub mod retention;
pub mod rules_file;
pub mod scale;
mod session;
pub mod subgroups;
pub mod tor;
pub mod types;
pub mod viewer;
pub mod work;

pub use error::{ApiError, ApiResult, ErrorKind};
pub use secretariat_documents::{CHILD_ARG as PAPER_CHECK_ARG, PaperChecker, serve_paper_check, write_atomically};
pub use secretariat_store::{GroupCounts, GroupSummary, KdfParams, MemoryKeychain, Passphrase, SeatView};
pub use session::{ENV_DATA_DIR, ENV_PASSPHRASE, ENV_TODAY, Session, SessionConfig, default_data_dir, parse_date};
