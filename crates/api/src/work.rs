//! The group's work through the `Session` (ToR §3, §5): the registers of consultations,
//! concerns, horizon items and representation; an entry put on a meeting's agenda; what
//! of it needs the secretariat on Home; and declarations of interest at meetings.
//!
//! Which statuses each register has, and what needs the secretariat, are the rules'
//! (`secretariat_rules::work`); this module reads the store, asks the rules, and writes
//! through one `Writer` per request.

use crate::error::{ApiError, ApiResult};
use crate::session::Session;
use chrono::NaiveDate;
use secretariat_rules::register::Id;
use secretariat_rules::work::{self as rules, WorkKind, WorkNeed, WorkStatus, WorkThresholds};
use secretariat_store::{DeclarationInput, MeetingRef, PaperChoice, PersonView, Store, WorkEntryDetail, WorkEntryInput, WorkEntrySummary, WorkItemLink};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A register as the window presents it: its name, the ToR paragraph it serves, its statuses.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct WorkKindInfo {
    pub kind: WorkKind,
    pub label: String,
    /// "ToR §3c".
    pub tor: String,
    /// What that paragraph asks, in its words.
    pub tor_text: String,
    pub statuses: Vec<WorkStatus>,
}

/// A sub-group that can take an entry on (ToR §18).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SubgroupChoice {
    pub id: Id,
    pub name: String,
}

/// The Work screen: every register's entries (or one register's), and what needs the secretariat.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct WorkView {
    pub today: NaiveDate,
    pub kinds: Vec<WorkKindInfo>,
    pub entries: Vec<WorkEntrySummary>,
    pub needs: Vec<WorkNeed>,
    /// Everyone in the register, to own an entry or to have represented the group.
    pub people: Vec<PersonView>,
    pub subgroups: Vec<SubgroupChoice>,
    /// When entries are listed as needing the secretariat (group settings).
    pub thresholds: WorkThresholds,
}

/// One entry's page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct WorkPage {
    pub today: NaiveDate,
    pub kind: WorkKindInfo,
    pub detail: WorkEntryDetail,
    pub people: Vec<PersonView>,
    pub subgroups: Vec<SubgroupChoice>,
    /// Meetings from today on, to put the entry on an agenda.
    pub meetings: Vec<MeetingRef>,
    /// Items already on an agenda (meetings of the last year and to come) the entry can be
    /// linked to, where it was discussed under another title.
    pub item_choices: Vec<WorkItemLink>,
    /// For a consultation: the papers that can be chosen as the group's response (ToR §3a).
    pub paper_choices: Vec<PaperChoice>,
    pub thresholds: WorkThresholds,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct SaveWorkEntry {
    pub group_id: i64,
    /// None to record a new entry.
    pub id: Option<i64>,
    pub input: WorkEntryInput,
}

/// A status change, or a review that leaves the status as it is.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct SetWorkStatus {
    pub group_id: i64,
    pub entry_id: i64,
    pub status: WorkStatus,
    pub on: NaiveDate,
    pub note: String,
}

/// Puts an entry on a meeting's agenda (an item "Concern: …", linked to the entry).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct AddWorkToAgenda {
    pub group_id: i64,
    pub entry_id: i64,
    pub meeting_id: i64,
    pub presenter_id: Option<i64>,
}

/// Links an item already on an agenda to the entry (or, to unlink, the link to undo).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct LinkWorkItem {
    pub group_id: i64,
    pub entry_id: i64,
    pub agenda_item_id: i64,
}

/// The digest for the wider community over a period (ToR §3b, §5d): a PDF, or an email draft carrying it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct DigestRequest {
    pub group_id: i64,
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// An email draft (.eml, `X-Unsent: 1`) with the PDF attached, rather than the PDF.
    pub eml: bool,
}

/// One member's declaration on one item of a meeting (none, or an interest with its nature).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct DeclareInterest {
    pub group_id: i64,
    pub meeting_id: i64,
    pub input: DeclarationInput,
}

impl From<WorkKind> for WorkKindInfo {
    fn from(kind: WorkKind) -> Self {
        Self { kind, label: kind.label().to_owned(), tor: kind.tor().to_owned(), tor_text: kind.tor_text().to_owned(), statuses: kind.statuses().to_vec() }
    }
}

/// What in the work registers needs the secretariat on `on` (Home's list).
pub(crate) async fn needs(store: &Store, group_id: i64, on: NaiveDate) -> ApiResult<Vec<WorkNeed>> {
    let thresholds = store.group(group_id).await?.settings.work;
    Ok(rules::needs(&store.work_facts(group_id).await?, on, thresholds))
}

async fn subgroup_choices(store: &Store, group_id: i64, on: NaiveDate) -> ApiResult<Vec<SubgroupChoice>> {
    Ok(store
        .subgroups(group_id, on)
        .await?
        .into_iter()
        .filter(|s| s.closed_on.is_none_or(|closed| closed >= on))
        .map(|s| SubgroupChoice { id: s.id, name: s.name })
        .collect())
}

/// Parses a register's name as the command line gives it: consultation(s), concern(s), horizon, representation.
pub fn parse_kind(text: &str) -> Result<WorkKind, String> {
    let wanted = text.trim().to_lowercase();
    let wanted = wanted.trim_end_matches('s');
    WorkKind::ALL
        .into_iter()
        .find(|k| k.as_str() == wanted || (wanted == "representation" && *k == WorkKind::Representation))
        .ok_or_else(|| format!("'{text}' is not a register; use consultation, concern, horizon or representation."))
}

impl Session {
    pub async fn work_view(&self, group_id: i64, kind: Option<WorkKind>) -> ApiResult<WorkView> {
        let store = self.open_store().await?;
        let today = self.today();
        let thresholds = store.group(group_id).await?.settings.work;
        let needs = rules::needs(&store.work_facts(group_id).await?, today, thresholds);
        Ok(WorkView {
            today,
            kinds: WorkKind::ALL.into_iter().map(WorkKindInfo::from).collect(),
            entries: store.work_entries(group_id, kind).await?,
            needs: needs.into_iter().filter(|n| kind.is_none_or(|k| n.kind == k)).collect(),
            people: store.people(group_id, today).await?,
            subgroups: subgroup_choices(&store, group_id, today).await?,
            thresholds,
        })
    }

    pub async fn work_page(&self, group_id: i64, entry_id: i64) -> ApiResult<WorkPage> {
        let store = self.open_store().await?;
        let today = self.today();
        let detail = store.work_entry(group_id, entry_id).await?;
        let meetings = store
            .meeting_titles(group_id)
            .await?
            .into_iter()
            .filter(|(_, _, starts_at)| starts_at.date() >= today)
            .map(|(id, title, starts_at)| MeetingRef { id, title, starts_at })
            .collect();
        let year_ago = today.checked_sub_months(chrono::Months::new(12)).unwrap_or(today);
        let item_choices = store.work_item_choices(group_id, entry_id, year_ago.min(detail.input.opened_on)).await?;
        // A response is drafted after the consultation arrives: papers of meetings from a month before it on.
        let paper_choices = if detail.input.kind == WorkKind::Consultation {
            let since = detail.input.opened_on.checked_sub_months(chrono::Months::new(1)).unwrap_or(detail.input.opened_on);
            store.paper_choices(group_id, since, detail.input.response_paper_id).await?
        } else {
            vec![]
        };
        Ok(WorkPage {
            today,
            kind: detail.input.kind.into(),
            detail,
            people: store.people(group_id, today).await?,
            subgroups: subgroup_choices(&store, group_id, today).await?,
            meetings,
            item_choices,
            paper_choices,
            thresholds: store.group(group_id).await?.settings.work,
        })
    }

    /// Records a new entry in its register, or saves changes to one.
    pub async fn save_work_entry(&self, request: SaveWorkEntry) -> ApiResult<WorkPage> {
        let store = self.open_store().await?;
        let id = store
            .write(async |w| match request.id {
                Some(id) => {
                    w.update_work_entry(request.group_id, id, &request.input).await?;
                    Ok(id)
                }
                None => w.add_work_entry(request.group_id, &request.input).await,
            })
            .await?;
        self.work_page(request.group_id, id).await
    }

    pub async fn set_work_status(&self, request: SetWorkStatus) -> ApiResult<WorkPage> {
        let store = self.open_store().await?;
        store.write(async |w| w.set_work_status(request.group_id, request.entry_id, request.status, request.on, &request.note).await).await?;
        self.work_page(request.group_id, request.entry_id).await
    }

    /// Puts the entry on a meeting's agenda; the entry then shows the item, and the decisions and actions taken under it.
    pub async fn add_work_to_agenda(&self, request: AddWorkToAgenda) -> ApiResult<WorkPage> {
        let store = self.open_store().await?;
        store
            .write(async |w| {
                w.add_work_agenda_item(request.group_id, request.entry_id, request.meeting_id, request.presenter_id).await.map_err(|e| {
                    match ApiError::from(e) {
                        ApiError { field: Some(f), message, .. } if f == "presenter_id" => ApiError::invalid("presenter_id", message),
                        other => other,
                    }
                })
            })
            .await?;
        self.work_page(request.group_id, request.entry_id).await
    }

    /// Links an item already on an agenda (the entry discussed under another title, or before it was recorded).
    pub async fn link_work_item(&self, request: LinkWorkItem) -> ApiResult<WorkPage> {
        let store = self.open_store().await?;
        store.write(async |w| w.link_work_item(request.group_id, request.entry_id, request.agenda_item_id).await).await?;
        self.work_page(request.group_id, request.entry_id).await
    }

    /// Undoes a link made in error; the item stays on its agenda.
    pub async fn unlink_work_item(&self, request: LinkWorkItem) -> ApiResult<WorkPage> {
        let store = self.open_store().await?;
        store.write(async |w| w.unlink_work_item(request.group_id, request.entry_id, request.agenda_item_id).await).await?;
        self.work_page(request.group_id, request.entry_id).await
    }

    /// Records a member's declaration on an item of the meeting (on the meeting's day).
    pub async fn declare_interest(&self, request: DeclareInterest) -> ApiResult<crate::minutes::MeetingRecord> {
        let store = self.open_store().await?;
        let meeting = store.meeting_of_item(request.group_id, request.input.agenda_item_id).await?;
        if meeting != request.meeting_id {
            return Err(ApiError::invalid("agenda_item_id", "Choose an item on this meeting's agenda."));
        }
        let day = store.meeting_detail(request.group_id, meeting).await?.meeting.starts_at.date();
        store.write(async |w| w.declare_interest(request.group_id, &request.input, day).await).await?;
        self.meeting_record(request.group_id, request.meeting_id).await
    }

    pub async fn remove_declaration(&self, group_id: i64, meeting_id: i64, declaration_id: i64) -> ApiResult<crate::minutes::MeetingRecord> {
        let store = self.open_store().await?;
        store.write(async |w| w.remove_declaration(group_id, declaration_id).await).await?;
        self.meeting_record(group_id, meeting_id).await
    }
}
