//! Meetings, agendas and papers through the `Session`: planning (ToR §19), the
//! agenda with its running times, papers checked before they are stored, and the
//! publication deadline (ToR §20).

use crate::error::{ApiError, ApiResult, ErrorKind};
use crate::session::Session;
use crate::types::*;
use base64::Engine;
use chrono::{NaiveDate, NaiveDateTime};
use secretariat_documents::PaperInfo;
use secretariat_rules::GroupSettings;
use secretariat_rules::meetings::{publication, publish_by, start_times};
use secretariat_store::MeetingSummary;

/// A meeting with the working day its pack is due by and where the pack stands (ToR §20, as
/// in force on the meeting's day: `settings` as the group began, `amendments` applied then).
fn row(s: MeetingSummary, settings: &GroupSettings, amendments: &[secretariat_rules::Amendment], today: NaiveDate) -> MeetingRow {
    let day = s.starts_at.date();
    let (lead, nation) = (settings.amended(amendments, day).publication_lead_days, settings.bank_holidays);
    MeetingRow { deadline: publish_by(day, lead, nation), publication: publication(day, lead, nation, s.published_on, today), meeting: s }
}

impl Session {
    pub async fn meeting_rows(&self, group_id: i64) -> ApiResult<Vec<MeetingRow>> {
        let store = self.open_store().await?;
        let settings = store.group(group_id).await?.settings;
        let amendments = store.amendments(group_id).await?;
        let today = self.today();
        Ok(store.meeting_summaries(group_id).await?.into_iter().map(|s| row(s, &settings, &amendments, today)).collect())
    }

    /// The next meeting from today, for the home screen.
    pub async fn next_meeting(&self, group_id: i64) -> ApiResult<Option<NextMeeting>> {
        let today = self.today();
        let store = self.open_store().await?;
        let settings = store.group(group_id).await?.settings;
        let amendments = store.amendments(group_id).await?;
        // Only the next meeting is read, not every meeting's row.
        Ok(store.meeting_from(group_id, today).await?.map(|s| row(s, &settings, &amendments, today)).map(|r| NextMeeting {
            id: r.meeting.id,
            title: r.meeting.title,
            starts_at: r.meeting.starts_at,
            deadline: r.deadline,
            publication: r.publication,
            items: r.meeting.items,
            papers: r.meeting.papers,
        }))
    }

    pub async fn meeting_page(&self, group_id: i64, meeting_id: i64) -> ApiResult<MeetingPage> {
        let store = self.open_store().await?;
        let detail = store.meeting_detail(group_id, meeting_id).await?;
        // The rules in force on the meeting's day (ToR §20, as amended by then).
        let settings = store.rules_on(group_id, detail.meeting.starts_at.date()).await?;
        let minutes: Vec<u32> = detail.items.iter().map(|i| i.input.minutes).collect();
        let start_times = start_times(detail.meeting.starts_at.time(), &minutes).into_iter().map(|t| t.format("%H:%M").to_string()).collect();
        let day = detail.meeting.starts_at.date();
        let today = self.today();
        Ok(MeetingPage {
            deadline: publish_by(day, settings.publication_lead_days, settings.bank_holidays),
            publication: publication(day, settings.publication_lead_days, settings.bank_holidays, detail.meeting.published_on, today),
            start_times,
            people: store.people(group_id, today).await?,
            paper_limit_mb: settings.paper_limit_mb,
            pack: store.built_pack(group_id, meeting_id).await?.map(|(built_at, pages, _)| PackInfo { built_at, pages }),
            detail,
        })
    }

    pub async fn save_meeting(&self, request: SaveMeeting) -> ApiResult<MeetingPage> {
        let store = self.open_store().await?;
        let id = store
            .write(async |w| match request.id {
                Some(id) => {
                    w.update_meeting(request.group_id, id, &request.input).await?;
                    Ok(id)
                }
                None => w.add_meeting(request.group_id, &request.input).await,
            })
            .await?;
        self.meeting_page(request.group_id, id).await
    }

    /// Plans a monthly series; returns the meetings it made.
    pub async fn plan_series(&self, request: PlanSeries) -> ApiResult<Vec<MeetingRow>> {
        let store = self.open_store().await?;
        let (_, made) = store.write(async |w| w.add_series(request.group_id, &request.input).await).await?;
        Ok(self.meeting_rows(request.group_id).await?.into_iter().filter(|r| made.contains(&r.meeting.id)).collect())
    }

    pub async fn save_agenda_item(&self, request: SaveAgendaItem) -> ApiResult<MeetingPage> {
        let store = self.open_store().await?;
        store
            .write(async |w| match request.id {
                Some(id) => w.update_agenda_item(request.group_id, id, &request.input).await,
                None => {
                    w.add_agenda_item(request.group_id, request.meeting_id, &request.input).await?;
                    Ok(())
                }
            })
            .await?;
        self.meeting_page(request.group_id, request.meeting_id).await
    }

    pub async fn move_agenda_item(&self, group_id: i64, meeting_id: i64, item_id: i64, by: i32) -> ApiResult<MeetingPage> {
        let store = self.open_store().await?;
        store.write(async |w| w.move_agenda_item(group_id, item_id, by).await).await?;
        self.meeting_page(group_id, meeting_id).await
    }

    pub async fn remove_agenda_item(&self, group_id: i64, meeting_id: i64, item_id: i64) -> ApiResult<MeetingPage> {
        let store = self.open_store().await?;
        store.write(async |w| w.remove_agenda_item(group_id, item_id).await).await?;
        self.meeting_page(group_id, meeting_id).await
    }

    /// Checks the file (a PDF, not encrypted or damaged, within the size limit) and
    /// stores it in the database; nothing is stored when the check fails.
    pub async fn attach_paper(&self, request: AttachPaper) -> ApiResult<MeetingPage> {
        let store = self.open_store().await?;
        let limit = store.group(request.group_id).await?.settings.paper_limit_mb as usize * 1024 * 1024;
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(request.data_base64.as_bytes())
            .map_err(|_| ApiError::invalid("file", "The file did not arrive intact; try adding it again."))?;
        let (bytes, info) = self.check_paper(bytes, limit).await?;
        let meeting = store.meeting_of_item(request.group_id, request.item_id).await?;
        store
            .write(async |w| {
                match request.paper_id {
                    Some(paper) => {
                        w.replace_paper(request.group_id, paper, &request.file_name, &bytes, info.pages as u32).await?;
                    }
                    None => {
                        let title = if request.title.trim().is_empty() { offered_title(&info, &request.file_name).0 } else { request.title.clone() };
                        w.add_paper(request.group_id, request.item_id, &title, &request.file_name, &bytes, info.pages as u32).await?;
                    }
                }
                Ok::<_, ApiError>(())
            })
            .await?;
        self.meeting_page(request.group_id, meeting).await
    }

    /// Attaches the consolidated Terms of Reference in force today to an agenda item, as a paper
    /// like any other (issue #14): the pack for a meeting that is to amend them carries the rules
    /// in force, each with its paragraph, the amendments so far and the text kept with them.
    pub async fn attach_terms_of_reference(&self, group_id: i64, meeting_id: i64, item_id: i64) -> ApiResult<MeetingPage> {
        let store = self.open_store().await?;
        if store.meeting_of_item(group_id, item_id).await? != meeting_id {
            return Err(ApiError::invalid("item_id", "That agenda item belongs to another meeting."));
        }
        let today = self.today();
        let terms = self.terms_of_reference(&store, group_id, today).await?;
        let bytes = self.typeset(move |d| d.terms_of_reference(&terms)).await?;
        let limit = store.group(group_id).await?.settings.paper_limit_mb as usize * 1024 * 1024;
        let (bytes, info) = self.check_paper(bytes, limit).await?;
        let title = format!("Terms of Reference in force on {}", secretariat_rules::uk_date(today));
        let file_name = format!("terms of reference {}.pdf", today.format("%Y-%m-%d"));
        store.write(async |w| w.add_paper(group_id, item_id, &title, &file_name, &bytes, info.pages as u32).await.map(|_| ())).await?;
        self.meeting_page(group_id, meeting_id).await
    }

    /// Checks a file offered as a paper, as [`Self::attach_paper`] will, and
    /// says what title to offer for it; nothing is stored (issue #18).
    pub async fn inspect_paper(&self, group_id: i64, file_name: &str, data_base64: &str) -> ApiResult<PaperPreview> {
        let store = self.open_store().await?;
        let limit = store.group(group_id).await?.settings.paper_limit_mb as usize * 1024 * 1024;
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(data_base64.as_bytes())
            .map_err(|_| ApiError::invalid("file", "The file did not arrive intact; try adding it again."))?;
        let (_, info) = self.check_paper(bytes, limit).await?;
        let (title, title_from_pdf) = offered_title(&info, file_name);
        Ok(PaperPreview { title, title_from_pdf, pages: info.pages as u32 })
    }

    /// Gives a paper a new title (issue #18).
    pub async fn rename_paper(&self, request: RenamePaper) -> ApiResult<MeetingPage> {
        let store = self.open_store().await?;
        store.write(async |w| w.rename_paper(request.group_id, request.paper_id, &request.title).await).await?;
        self.meeting_page(request.group_id, request.meeting_id).await
    }

    /// Builds the agenda pack and keeps it with the meeting.
    pub async fn build_pack(&self, group_id: i64, meeting_id: i64) -> ApiResult<MeetingPage> {
        let store = self.open_store().await?;
        self.pack(&store, group_id, meeting_id).await?;
        self.meeting_page(group_id, meeting_id).await
    }

    /// Marks the agenda pack published today; later papers become supplements.
    pub async fn mark_published(&self, group_id: i64, meeting_id: i64) -> ApiResult<MeetingPage> {
        let store = self.open_store().await?;
        store.write(async |w| w.publish(group_id, meeting_id, self.today()).await).await?;
        // The pack as circulated is kept as it went out (the Documents archive).
        if let Some((_, pages, bytes)) = store.built_pack(group_id, meeting_id).await? {
            self.keep_circulated_pack(&store, group_id, meeting_id, &bytes, pages).await?;
        }
        self.meeting_page(group_id, meeting_id).await
    }

    /// A meeting by id, or by date (YYYY-MM-DD), as the command line names it.
    pub async fn find_meeting(&self, group_id: i64, name: &str) -> ApiResult<i64> {
        let store = self.open_store().await?;
        if let Ok(day) = NaiveDate::parse_from_str(name.trim(), "%Y-%m-%d") {
            return store
                .meeting_on(group_id, day)
                .await?
                .ok_or_else(|| ApiError::new(ErrorKind::NotFound, format!("There is no meeting on {}.", secretariat_rules::uk_date(day))));
        }
        let id: i64 = name.trim().parse().map_err(|_| ApiError::invalid("meeting", format!("'{name}' is neither a meeting id nor a date (YYYY-MM-DD).")))?;
        store.meeting_detail(group_id, id).await?;
        Ok(id)
    }

    pub async fn add_meeting_quick(
        &self,
        group_id: i64,
        title: &str,
        starts_at: NaiveDateTime,
        ends_at: NaiveDateTime,
        compulsory: bool,
    ) -> ApiResult<MeetingPage> {
        self.save_meeting(SaveMeeting {
            group_id,
            id: None,
            input: secretariat_store::MeetingInput {
                title: title.to_owned(),
                starts_at,
                ends_at,
                venue: String::new(),
                online_link: String::new(),
                compulsory,
            },
        })
        .await
    }
}

/// The title to offer for a paper: the PDF's own, or else one made from the
/// file name; and whether it was the PDF's.
fn offered_title(info: &PaperInfo, file_name: &str) -> (String, bool) {
    match &info.title {
        Some(title) => (title.clone(), true),
        None => (title_from_file(file_name), false),
    }
}

/// "Budget paper v2.pdf" → "Budget paper v2".
fn title_from_file(file_name: &str) -> String {
    let stem = file_name.rsplit_once('.').map_or(file_name, |(stem, _)| stem);
    stem.replace(['_', '-'], " ").trim().to_owned()
}
