//! Meetings (ToR §19), their agendas, and the papers kept inside the encrypted
//! database (ToR §20): writes through the `Writer`, reads for screens and packs.

use crate::Store;
use crate::error::{Result, StoreError, touched};
use crate::fields::{invalid, optional_text, text};
use crate::write::{GroupId, Writer};
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use secretariat_rules::meetings::MonthlyRule;
use secretariat_rules::register::Id;
use serde::{Deserialize, Serialize};
use serde_json::json;
use ts_rs::TS;

/// Why an item is on the agenda.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Purpose {
    Noting,
    Discussion,
    Decision,
    Approval,
}

/// An agenda item as read for the meeting view: id, position, title, purpose, presenter (id
/// and name), minutes, private.
type ItemRow = (Id, u32, String, String, Option<Id>, Option<String>, u32, bool);

impl Purpose {
    pub fn as_str(self) -> &'static str {
        match self {
            Purpose::Noting => "noting",
            Purpose::Discussion => "discussion",
            Purpose::Decision => "decision",
            Purpose::Approval => "approval",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Purpose::Noting => "For noting",
            Purpose::Discussion => "For discussion",
            Purpose::Decision => "For decision",
            Purpose::Approval => "For approval",
        }
    }

    fn parse(text: &str) -> Option<Self> {
        [Purpose::Noting, Purpose::Discussion, Purpose::Decision, Purpose::Approval].into_iter().find(|p| p.as_str() == text)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MeetingInput {
    pub title: String,
    pub starts_at: NaiveDateTime,
    pub ends_at: NaiveDateTime,
    pub venue: String,
    pub online_link: String,
    /// Counts for the strike policy (ToR §17).
    pub compulsory: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SeriesInput {
    pub title: String,
    pub rule: MonthlyRule,
    pub start_time: NaiveTime,
    pub end_time: NaiveTime,
    pub from: NaiveDate,
    pub until: NaiveDate,
    pub venue: String,
    pub online_link: String,
    pub compulsory: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AgendaItemInput {
    pub title: String,
    pub purpose: Purpose,
    pub presenter_id: Option<Id>,
    pub minutes: u32,
    /// Held as a private session (ToR §21).
    pub private: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct MeetingSummary {
    pub id: Id,
    pub title: String,
    pub starts_at: NaiveDateTime,
    pub ends_at: NaiveDateTime,
    pub venue: String,
    pub online_link: String,
    pub compulsory: bool,
    pub series_id: Option<Id>,
    pub published_on: Option<NaiveDate>,
    pub items: u32,
    pub papers: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PaperView {
    pub id: Id,
    pub title: String,
    /// The latest version's number; replacing a paper keeps the old versions.
    pub version: u32,
    pub file_name: String,
    pub pages: u32,
    /// Added after the pack was published.
    pub supplement: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AgendaItemView {
    pub id: Id,
    pub position: u32,
    pub input: AgendaItemInput,
    pub presenter: Option<String>,
    pub papers: Vec<PaperView>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct MeetingDetail {
    pub meeting: MeetingSummary,
    pub items: Vec<AgendaItemView>,
}

/// A paper's latest version, with its bytes, for building a pack.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaperFile {
    pub paper_id: Id,
    pub version: u32,
    pub item_id: Id,
    pub title: String,
    pub bytes: Vec<u8>,
    pub supplement: bool,
}

/// Someone a pack is circulated to (members and standing invitees, ToR §12).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recipient {
    pub name: String,
    pub email: String,
}

/// How long each standard item takes when a new agenda is made, in minutes.
fn standard_minutes(position: usize, count: usize) -> u32 {
    if position + 1 == count { 10 } else { 5 }
}

impl Writer {
    fn meeting_fields(input: &MeetingInput) -> Result<(String, String, String)> {
        let title = text("title", "The meeting's title", &input.title, 160)?;
        crate::fields::date("starts_at", "The meeting's date", input.starts_at.date())?;
        crate::fields::date("ends_at", "The meeting's end", input.ends_at.date())?;
        if input.ends_at <= input.starts_at {
            return Err(invalid("ends_at", "A meeting must end after it starts."));
        }
        let venue = optional_text("venue", "The venue", &input.venue, 200)?;
        let link = optional_text("online_link", "The online link", &input.online_link, 500)?;
        if !link.is_empty() && !link.starts_with("https://") && !link.starts_with("http://") {
            return Err(invalid("online_link", "An online link starts with https://"));
        }
        Ok((title, venue, link))
    }

    /// Adds a meeting, its agenda starting with the group's standard items.
    pub async fn add_meeting(&mut self, group: GroupId, input: &MeetingInput) -> Result<Id> {
        self.add_meeting_in_series(group, input, None).await
    }

    async fn add_meeting_in_series(&mut self, group: GroupId, input: &MeetingInput, series: Option<Id>) -> Result<Id> {
        let (title, venue, link) = Self::meeting_fields(input)?;
        let id: Id = sqlx::query_scalar(
            "INSERT INTO meetings (group_id, title, starts_at, ends_at, venue, online_link, compulsory, series_id) \
             VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        )
        .bind(group)
        .bind(&title)
        .bind(input.starts_at)
        .bind(input.ends_at)
        .bind(&venue)
        .bind(&link)
        .bind(input.compulsory)
        .bind(series)
        .fetch_one(self.conn())
        .await?;
        self.audit(
            Some(group),
            "meeting",
            id,
            "create",
            json!({ "title": title, "starts_at": input.starts_at, "compulsory": input.compulsory, "series_id": series }),
        )
        .await?;
        let standard: String = sqlx::query_scalar("SELECT standard_agenda FROM group_settings WHERE group_id = ?").bind(group).fetch_one(self.conn()).await?;
        let standard: Vec<String> = serde_json::from_str(&standard).map_err(|e| StoreError::Database(e.to_string()))?;
        let count = standard.len();
        for (i, item) in standard.iter().enumerate() {
            let purpose = if item.to_lowercase().contains("minutes") { Purpose::Approval } else { Purpose::Noting };
            self.insert_item(
                group,
                id,
                i as u32 + 1,
                &AgendaItemInput { title: item.clone(), purpose, presenter_id: None, minutes: standard_minutes(i, count), private: false },
            )
            .await?;
        }
        Ok(id)
    }

    pub async fn update_meeting(&mut self, group: GroupId, id: Id, input: &MeetingInput) -> Result<()> {
        let (title, venue, link) = Self::meeting_fields(input)?;
        touched(
            sqlx::query("UPDATE meetings SET title = ?, starts_at = ?, ends_at = ?, venue = ?, online_link = ?, compulsory = ? WHERE id = ? AND group_id = ?")
                .bind(&title)
                .bind(input.starts_at)
                .bind(input.ends_at)
                .bind(&venue)
                .bind(&link)
                .bind(input.compulsory)
                .bind(id)
                .bind(group)
                .execute(self.conn())
                .await?,
            || format!("Meeting {id}"),
        )?;
        self.audit(Some(group), "meeting", id, "update", json!(input)).await
    }

    /// Plans a monthly series (ToR §19): one meeting on the rule's day of each month in the range.
    pub async fn add_series(&mut self, group: GroupId, input: &SeriesInput) -> Result<(Id, Vec<Id>)> {
        let title = text("title", "The series' title", &input.title, 160)?;
        crate::fields::date("from", "The series' first month", input.from)?;
        crate::fields::date("until", "The series' last month", input.until)?;
        if input.end_time <= input.start_time {
            return Err(invalid("end_time", "Meetings must end after they start."));
        }
        if input.until < input.from {
            return Err(invalid("until", "The series must end after it starts."));
        }
        let dates = input.rule.dates(input.from, input.until);
        if dates.is_empty() {
            return Err(invalid("until", format!("No {} falls in that range.", input.rule.describe())));
        }
        if dates.len() > 120 {
            return Err(invalid("until", "Plan at most ten years at a time."));
        }
        let series: Id = sqlx::query_scalar(
            "INSERT INTO meeting_series (group_id, title, week, weekday, start_time, end_time, venue, online_link, compulsory) \
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        )
        .bind(group)
        .bind(&title)
        .bind(input.rule.week)
        .bind(input.rule.weekday)
        .bind(input.start_time)
        .bind(input.end_time)
        .bind(&input.venue)
        .bind(&input.online_link)
        .bind(input.compulsory)
        .fetch_one(self.conn())
        .await?;
        self.audit(Some(group), "meeting_series", series, "create", json!(input)).await?;
        let mut meetings = Vec::with_capacity(dates.len());
        for day in dates {
            let meeting = MeetingInput {
                title: format!("{title} — {}", day.format("%B %Y")),
                starts_at: day.and_time(input.start_time),
                ends_at: day.and_time(input.end_time),
                venue: input.venue.clone(),
                online_link: input.online_link.clone(),
                compulsory: input.compulsory,
            };
            meetings.push(self.add_meeting_in_series(group, &meeting, Some(series)).await?);
        }
        Ok((series, meetings))
    }

    /// Checks an item's fields; returns its normalised title.
    fn item_title(input: &AgendaItemInput) -> Result<String> {
        let title = text("title", "The item's title", &input.title, 200)?;
        if input.minutes > 600 {
            return Err(invalid("minutes", "An item lasts at most 600 minutes."));
        }
        Ok(title)
    }

    async fn insert_item(&mut self, group: GroupId, meeting: Id, position: u32, input: &AgendaItemInput) -> Result<Id> {
        let title = Self::item_title(input)?;
        let id: Id = sqlx::query_scalar(
            "INSERT INTO agenda_items (group_id, meeting_id, position, title, purpose, presenter_id, minutes, private) \
             VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        )
        .bind(group)
        .bind(meeting)
        .bind(position)
        .bind(&title)
        .bind(input.purpose.as_str())
        .bind(input.presenter_id)
        .bind(input.minutes)
        .bind(input.private)
        .fetch_one(self.conn())
        .await?;
        self.audit(Some(group), "agenda_item", id, "create", json!({ "meeting_id": meeting, "position": position, "item": input })).await?;
        Ok(id)
    }

    async fn check_presenter(&mut self, group: GroupId, presenter: Option<Id>) -> Result<()> {
        if let Some(person) = presenter {
            let found: Option<i64> =
                sqlx::query_scalar("SELECT 1 FROM people WHERE id = ? AND group_id = ?").bind(person).bind(group).fetch_optional(self.conn()).await?;
            if found.is_none() {
                return Err(invalid("presenter_id", "Choose a presenter from this group's people."));
            }
        }
        Ok(())
    }

    /// Adds an item before the last one (Any other business stays last).
    pub async fn add_agenda_item(&mut self, group: GroupId, meeting: Id, input: &AgendaItemInput) -> Result<Id> {
        self.check_presenter(group, input.presenter_id).await?;
        let count: u32 = sqlx::query_scalar("SELECT count(*) FROM agenda_items WHERE meeting_id = ? AND group_id = ?")
            .bind(meeting)
            .bind(group)
            .fetch_one(self.conn())
            .await?;
        let exists: Option<i64> =
            sqlx::query_scalar("SELECT 1 FROM meetings WHERE id = ? AND group_id = ?").bind(meeting).bind(group).fetch_optional(self.conn()).await?;
        if exists.is_none() {
            return Err(StoreError::NotFound { what: format!("Meeting {meeting}") });
        }
        let position = count.max(1);
        sqlx::query("UPDATE agenda_items SET position = position + 1 WHERE meeting_id = ? AND position >= ?")
            .bind(meeting)
            .bind(position)
            .execute(self.conn())
            .await?;
        self.insert_item(group, meeting, position, input).await
    }

    pub async fn update_agenda_item(&mut self, group: GroupId, item: Id, input: &AgendaItemInput) -> Result<()> {
        self.check_presenter(group, input.presenter_id).await?;
        let title = Self::item_title(input)?;
        touched(
            sqlx::query("UPDATE agenda_items SET title = ?, purpose = ?, presenter_id = ?, minutes = ?, private = ? WHERE id = ? AND group_id = ?")
                .bind(&title)
                .bind(input.purpose.as_str())
                .bind(input.presenter_id)
                .bind(input.minutes)
                .bind(input.private)
                .bind(item)
                .bind(group)
                .execute(self.conn())
                .await?,
            || format!("Agenda item {item}"),
        )?;
        self.audit(Some(group), "agenda_item", item, "update", json!(input)).await
    }

    /// The meeting an item belongs to and its place on the agenda.
    async fn item_place(&mut self, group: GroupId, item: Id) -> Result<(Id, i64)> {
        sqlx::query_as("SELECT meeting_id, position FROM agenda_items WHERE id = ? AND group_id = ?")
            .bind(item)
            .bind(group)
            .fetch_optional(self.conn())
            .await?
            .ok_or_else(|| StoreError::NotFound { what: format!("Agenda item {item}") })
    }

    /// Moves an item one place up (`-1`) or down (`1`).
    pub async fn move_agenda_item(&mut self, group: GroupId, item: Id, by: i32) -> Result<()> {
        let (meeting, position) = self.item_place(group, item).await?;
        let target = position + i64::from(by.signum());
        let other: Option<Id> = sqlx::query_scalar("SELECT id FROM agenda_items WHERE meeting_id = ? AND position = ?")
            .bind(meeting)
            .bind(target)
            .fetch_optional(self.conn())
            .await?;
        let Some(other) = other else { return Ok(()) };
        sqlx::query("UPDATE agenda_items SET position = ? WHERE id = ?").bind(position).bind(other).execute(self.conn()).await?;
        sqlx::query("UPDATE agenda_items SET position = ? WHERE id = ?").bind(target).bind(item).execute(self.conn()).await?;
        self.audit(Some(group), "agenda_item", item, "move", json!({ "from": position, "to": target })).await
    }

    /// Removes an item and its papers.
    pub async fn remove_agenda_item(&mut self, group: GroupId, item: Id) -> Result<()> {
        let (meeting, position) = self.item_place(group, item).await?;
        sqlx::query("DELETE FROM agenda_items WHERE id = ?").bind(item).execute(self.conn()).await?;
        sqlx::query("UPDATE agenda_items SET position = position - 1 WHERE meeting_id = ? AND position > ?")
            .bind(meeting)
            .bind(position)
            .execute(self.conn())
            .await?;
        self.audit(Some(group), "agenda_item", item, "delete", json!({ "meeting_id": meeting })).await
    }

    async fn published_on(&mut self, group: GroupId, item: Id) -> Result<Option<NaiveDate>> {
        let row: Option<Option<NaiveDate>> =
            sqlx::query_scalar("SELECT m.published_on FROM agenda_items i JOIN meetings m ON m.id = i.meeting_id WHERE i.id = ? AND i.group_id = ?")
                .bind(item)
                .bind(group)
                .fetch_optional(self.conn())
                .await?;
        row.ok_or_else(|| StoreError::NotFound { what: format!("Agenda item {item}") })
    }

    /// Attaches a checked PDF to an item. After publication it is a supplement (ToR §20).
    pub async fn add_paper(&mut self, group: GroupId, item: Id, title: &str, file_name: &str, bytes: &[u8], pages: u32) -> Result<Id> {
        let title = text("title", "The paper's title", title, 200)?;
        let supplement = self.published_on(group, item).await?.is_some();
        let paper: Id = sqlx::query_scalar("INSERT INTO papers (group_id, agenda_item_id, title) VALUES (?, ?, ?) RETURNING id")
            .bind(group)
            .bind(item)
            .bind(&title)
            .fetch_one(self.conn())
            .await?;
        self.insert_version(group, paper, 1, file_name, bytes, pages, supplement).await?;
        self.audit(
            Some(group),
            "paper",
            paper,
            "create",
            json!({ "item_id": item, "title": title, "file_name": file_name, "pages": pages, "supplement": supplement }),
        )
        .await?;
        Ok(paper)
    }

    /// Gives a paper a new title, shown in the window, the agenda, the pack's
    /// contents and its bookmarks from then on (issue #18). A pack already
    /// built or circulated keeps the title it was made with.
    pub async fn rename_paper(&mut self, group: GroupId, paper: Id, title: &str) -> Result<()> {
        let title = text("title", "The paper's title", title, 200)?;
        let before: String = sqlx::query_scalar("SELECT title FROM papers WHERE id = ? AND group_id = ?")
            .bind(paper)
            .bind(group)
            .fetch_optional(self.conn())
            .await?
            .ok_or_else(|| StoreError::NotFound { what: format!("Paper {paper}") })?;
        if before == title {
            return Ok(());
        }
        sqlx::query("UPDATE papers SET title = ? WHERE id = ? AND group_id = ?").bind(&title).bind(paper).bind(group).execute(self.conn()).await?;
        self.audit(Some(group), "paper", paper, "rename", json!({ "from": before, "to": title })).await?;
        Ok(())
    }

    /// Replaces a paper with a new version; the old versions are kept.
    pub async fn replace_paper(&mut self, group: GroupId, paper: Id, file_name: &str, bytes: &[u8], pages: u32) -> Result<u32> {
        let (item, latest): (Id, u32) = sqlx::query_as(
            "SELECT p.agenda_item_id, max(v.version) FROM papers p JOIN paper_versions v ON v.paper_id = p.id WHERE p.id = ? AND p.group_id = ? GROUP BY p.id",
        )
        .bind(paper)
        .bind(group)
        .fetch_optional(self.conn())
        .await?
        .ok_or_else(|| StoreError::NotFound { what: format!("Paper {paper}") })?;
        let supplement = self.published_on(group, item).await?.is_some();
        self.insert_version(group, paper, latest + 1, file_name, bytes, pages, supplement).await?;
        self.audit(
            Some(group),
            "paper",
            paper,
            "new_version",
            json!({ "version": latest + 1, "file_name": file_name, "pages": pages, "supplement": supplement }),
        )
        .await?;
        Ok(latest + 1)
    }

    #[allow(clippy::too_many_arguments)]
    async fn insert_version(&mut self, group: GroupId, paper: Id, version: u32, file_name: &str, bytes: &[u8], pages: u32, supplement: bool) -> Result<()> {
        let file_name = text("file", "The file name", file_name, 255)?;
        sqlx::query("INSERT INTO paper_versions (group_id, paper_id, version, file_name, pages, bytes, added_at, supplement) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
            .bind(group)
            .bind(paper)
            .bind(version)
            .bind(&file_name)
            .bind(pages)
            .bind(bytes)
            .bind(chrono::Utc::now().to_rfc3339())
            .bind(supplement)
            .execute(self.conn())
            .await?;
        Ok(())
    }

    /// Keeps the agenda pack as built, replacing the previous build.
    pub async fn store_pack(&mut self, group: GroupId, meeting: Id, bytes: &[u8], pages: u32) -> Result<()> {
        sqlx::query(
            "INSERT INTO agenda_packs (meeting_id, group_id, built_at, pages, bytes) VALUES (?, ?, ?, ?, ?) \
             ON CONFLICT (meeting_id) DO UPDATE SET built_at = excluded.built_at, pages = excluded.pages, bytes = excluded.bytes",
        )
        .bind(meeting)
        .bind(group)
        .bind(chrono::Utc::now().to_rfc3339())
        .bind(pages)
        .bind(bytes)
        .execute(self.conn())
        .await?;
        self.audit(Some(group), "agenda_pack", meeting, "build", json!({ "pages": pages, "bytes": bytes.len() })).await
    }

    /// Records the day the agenda pack was published (circulated).
    pub async fn publish(&mut self, group: GroupId, meeting: Id, on: NaiveDate) -> Result<()> {
        let done = sqlx::query("UPDATE meetings SET published_on = ? WHERE id = ? AND group_id = ? AND published_on IS NULL")
            .bind(on)
            .bind(meeting)
            .bind(group)
            .execute(self.conn())
            .await?;
        if done.rows_affected() == 1 {
            self.audit(Some(group), "meeting", meeting, "publish", json!({ "on": on })).await?;
        }
        Ok(())
    }
}

type SummaryRow = (Id, String, NaiveDateTime, NaiveDateTime, String, String, bool, Option<Id>, Option<NaiveDate>, u32, u32);

const SUMMARY: &str = "SELECT m.id, m.title, m.starts_at, m.ends_at, m.venue, m.online_link, m.compulsory, m.series_id, m.published_on, \
     (SELECT count(*) FROM agenda_items i WHERE i.meeting_id = m.id), \
     (SELECT count(*) FROM papers p JOIN agenda_items i ON i.id = p.agenda_item_id WHERE i.meeting_id = m.id) \
     FROM meetings m";

fn summary(row: SummaryRow) -> MeetingSummary {
    let (id, title, starts_at, ends_at, venue, online_link, compulsory, series_id, published_on, items, papers) = row;
    MeetingSummary { id, title, starts_at, ends_at, venue, online_link, compulsory, series_id, published_on, items, papers }
}

impl Store {
    pub async fn meeting_summaries(&self, group: GroupId) -> Result<Vec<MeetingSummary>> {
        let rows: Vec<SummaryRow> =
            sqlx::query_as(sqlx::AssertSqlSafe(format!("{SUMMARY} WHERE m.group_id = ? ORDER BY m.starts_at"))).bind(group).fetch_all(&self.pool).await?;
        Ok(rows.into_iter().map(summary).collect())
    }

    /// [`Store::meeting_summaries`] of the meetings in one calendar year.
    pub async fn meeting_summaries_of_year(&self, group: GroupId, year: i32) -> Result<Vec<MeetingSummary>> {
        // starts_at is ISO 8601 text, so a year is a range of strings (served by the
        // (group_id, starts_at) index).
        let rows: Vec<SummaryRow> =
            sqlx::query_as(sqlx::AssertSqlSafe(format!("{SUMMARY} WHERE m.group_id = ? AND m.starts_at >= ? AND m.starts_at < ? ORDER BY m.starts_at")))
                .bind(group)
                .bind(format!("{year:04}-01-01"))
                .bind(format!("{:04}-01-01", year + 1))
                .fetch_all(&self.pool)
                .await?;
        Ok(rows.into_iter().map(summary).collect())
    }

    /// The first meeting on or after `on` in [`Store::meeting_summaries`]' order, if any.
    pub async fn meeting_from(&self, group: GroupId, on: NaiveDate) -> Result<Option<MeetingSummary>> {
        // starts_at is ISO 8601 text, so "on or after the day" is a string comparison with the
        // date, which the (group_id, starts_at) index serves.
        let row: Option<SummaryRow> =
            sqlx::query_as(sqlx::AssertSqlSafe(format!("{SUMMARY} WHERE m.group_id = ? AND m.starts_at >= ? ORDER BY m.starts_at, m.id LIMIT 1")))
                .bind(group)
                .bind(on.format("%Y-%m-%d").to_string())
                .fetch_optional(&self.pool)
                .await?;
        Ok(row.map(summary))
    }

    /// Every meeting's id, title and start, in [`Store::meeting_summaries`]' order, without
    /// their counts of items and papers (for choosing a meeting).
    pub async fn meeting_titles(&self, group: GroupId) -> Result<Vec<(Id, String, NaiveDateTime)>> {
        Ok(sqlx::query_as("SELECT id, title, starts_at FROM meetings WHERE group_id = ? ORDER BY starts_at, id").bind(group).fetch_all(&self.pool).await?)
    }

    /// The meeting that comes last before `meeting` in [`Store::meeting_summaries`]' order
    /// (by start, then id), if any.
    pub async fn meeting_before(&self, group: GroupId, meeting: Id) -> Result<Option<MeetingSummary>> {
        let row: Option<SummaryRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{SUMMARY} WHERE m.group_id = ?1 AND m.starts_at < (SELECT starts_at FROM meetings WHERE id = ?2 AND group_id = ?1) \
             ORDER BY m.starts_at DESC, m.id DESC LIMIT 1"
        )))
        .bind(group)
        .bind(meeting)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(summary))
    }

    pub async fn meeting_detail(&self, group: GroupId, meeting: Id) -> Result<MeetingDetail> {
        let row: SummaryRow = sqlx::query_as(sqlx::AssertSqlSafe(format!("{SUMMARY} WHERE m.group_id = ? AND m.id = ?")))
            .bind(group)
            .bind(meeting)
            .fetch_optional(&self.pool)
            .await?
            .ok_or_else(|| StoreError::NotFound { what: format!("Meeting {meeting}") })?;
        let items: Vec<ItemRow> = sqlx::query_as(
            "SELECT i.id, i.position, i.title, i.purpose, i.presenter_id, p.name, i.minutes, i.private FROM agenda_items i \
             LEFT JOIN people p ON p.id = i.presenter_id WHERE i.meeting_id = ? ORDER BY i.position",
        )
        .bind(meeting)
        .fetch_all(&self.pool)
        .await?;
        let papers: Vec<(Id, Id, String, u32, String, u32, bool)> = sqlx::query_as(
            "SELECT p.id, p.agenda_item_id, p.title, v.version, v.file_name, v.pages, v.supplement FROM papers p \
             JOIN paper_versions v ON v.paper_id = p.id AND v.version = (SELECT max(version) FROM paper_versions WHERE paper_id = p.id) \
             JOIN agenda_items i ON i.id = p.agenda_item_id WHERE i.meeting_id = ? ORDER BY p.id",
        )
        .bind(meeting)
        .fetch_all(&self.pool)
        .await?;
        let items = items
            .into_iter()
            .map(|(id, position, title, purpose, presenter_id, presenter, minutes, private)| {
                let purpose = Purpose::parse(&purpose).ok_or_else(|| StoreError::Database(format!("unexpected purpose '{purpose}'")))?;
                Ok(AgendaItemView {
                    id,
                    position,
                    input: AgendaItemInput { title, purpose, presenter_id, minutes, private },
                    presenter,
                    papers: papers
                        .iter()
                        .filter(|p| p.1 == id)
                        .map(|(pid, _, title, version, file_name, pages, supplement)| PaperView {
                            id: *pid,
                            title: title.clone(),
                            version: *version,
                            file_name: file_name.clone(),
                            pages: *pages,
                            supplement: *supplement,
                        })
                        .collect(),
                })
            })
            .collect::<Result<_>>()?;
        Ok(MeetingDetail { meeting: summary(row), items })
    }

    /// The latest version of every paper of a meeting, in agenda order.
    pub async fn meeting_papers(&self, group: GroupId, meeting: Id) -> Result<Vec<PaperFile>> {
        let rows: Vec<(Id, u32, Id, String, Vec<u8>, bool)> = sqlx::query_as(
            "SELECT p.id, v.version, i.id, p.title, v.bytes, v.supplement FROM papers p \
             JOIN paper_versions v ON v.paper_id = p.id AND v.version = (SELECT max(version) FROM paper_versions WHERE paper_id = p.id) \
             JOIN agenda_items i ON i.id = p.agenda_item_id WHERE i.meeting_id = ? AND i.group_id = ? ORDER BY i.position, p.id",
        )
        .bind(meeting)
        .bind(group)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|(paper_id, version, item_id, title, bytes, supplement)| PaperFile { paper_id, version, item_id, title, bytes, supplement })
            .collect())
    }

    /// The agenda pack as last built: when, how many pages, and its bytes.
    pub async fn built_pack(&self, group: GroupId, meeting: Id) -> Result<Option<(String, u32, Vec<u8>)>> {
        Ok(sqlx::query_as("SELECT built_at, pages, bytes FROM agenda_packs WHERE meeting_id = ? AND group_id = ?")
            .bind(meeting)
            .bind(group)
            .fetch_optional(&self.pool)
            .await?)
    }

    /// The meeting an agenda item belongs to.
    pub async fn meeting_of_item(&self, group: GroupId, item: Id) -> Result<Id> {
        sqlx::query_scalar("SELECT meeting_id FROM agenda_items WHERE id = ? AND group_id = ?")
            .bind(item)
            .bind(group)
            .fetch_optional(&self.pool)
            .await?
            .ok_or_else(|| StoreError::NotFound { what: format!("Agenda item {item}") })
    }

    /// A meeting of the group on a date (the first, if several).
    pub async fn meeting_on(&self, group: GroupId, day: NaiveDate) -> Result<Option<Id>> {
        Ok(sqlx::query_scalar("SELECT id FROM meetings WHERE group_id = ? AND date(starts_at) = ? ORDER BY starts_at LIMIT 1")
            .bind(group)
            .bind(day)
            .fetch_optional(&self.pool)
            .await?)
    }

    /// Members holding a seat on `on`, then standing invitees, with an email address.
    pub async fn recipients(&self, group: GroupId, on: NaiveDate) -> Result<Vec<Recipient>> {
        let rows: Vec<(String, String)> = sqlx::query_as(
            "SELECT p.name, p.email FROM people p WHERE p.group_id = ?1 AND p.email <> '' AND ( \
               EXISTS (SELECT 1 FROM terms t WHERE t.person_id = p.id AND t.start_date <= ?2 AND ?2 < t.end_date AND (t.ended_on IS NULL OR ?2 < t.ended_on)) \
               OR EXISTS (SELECT 1 FROM invitees i WHERE i.person_id = p.id AND i.start_date <= ?2 AND (i.end_date IS NULL OR ?2 <= i.end_date))) \
             ORDER BY p.name",
        )
        .bind(group)
        .bind(on)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.into_iter().map(|(name, email)| Recipient { name, email }).collect())
    }
}
