//! Requests and responses: the contract between Rust and the window, declared
//! once here and generated to TypeScript (`ui/src/lib/bindings.ts`, checked by
//! the `bindings_are_up_to_date` test).

use crate::error::ApiError;
use chrono::NaiveDate;
use secretariat_rules::{SettingLine, Template};
use secretariat_store::{Group, GroupCounts, GroupSummary, SeatView};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A template the "Create a working group" form offers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct TemplateInfo {
    pub id: String,
    pub title: String,
    pub suggested_group_name: String,
    pub settings: Vec<SettingLine>,
    pub seats: u32,
}

impl From<Template> for TemplateInfo {
    fn from(template: Template) -> Self {
        Self {
            id: template.id().to_owned(),
            title: template.title().to_owned(),
            suggested_group_name: template.suggested_group_name().to_owned(),
            settings: template.settings().describe(),
            seats: template.seats().len() as u32,
        }
    }
}

/// What the window should show on start.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum AppState {
    /// First start: no database yet. Offer "Create a working group".
    NoDatabase { data_dir: String, templates: Vec<TemplateInfo> },
    /// The database is open.
    Ready { data_dir: String, groups: Vec<GroupSummary>, templates: Vec<TemplateInfo> },
    /// The database is there but its key is not in the keychain: ask for the recovery passphrase.
    NeedsRecovery { data_dir: String, error: ApiError },
    /// The database cannot be used (damaged, unencrypted, read-only folder…).
    Unavailable { data_dir: String, error: ApiError },
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, TS)]
pub struct CreateGroupRequest {
    pub name: String,
    pub template: String,
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
}

/// `secretariat status`: where the data is, that it is encrypted, and what it holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Status {
    pub data_dir: String,
    pub database_file: String,
    pub key_file: String,
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
