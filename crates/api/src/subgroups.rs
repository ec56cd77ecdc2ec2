//! Sub-groups through the `Session` (ToR §18): created by the group with a remit
//! and a lead who is a member; members of the working group and invited
//! individuals (who hold no seat) with their expertise; report-backs requested at
//! a meeting and due at a meeting, whose agenda then carries them with their paper.
//!
//! Who may take which place is the rules' question (`tor::s18_subgroups`), asked
//! here against the register on the day the place begins, before anything is written.

use crate::error::{ApiError, ApiResult, ErrorKind};
use crate::session::Session;
use base64::Engine;
use chrono::NaiveDate;
use secretariat_documents::{RosterPerson, RosterReportBack, SubgroupRoster};
use secretariat_rules::register::Id;
use secretariat_rules::tor::s18_subgroups::{self as s18, Expertise, Place, ReportBackState};
use secretariat_rules::{Finding, ManagerStatus, SubjectKind, TechukStatus, uk_date};
use secretariat_store::{
    DecisionView, MeetingRef, OrganisationInput, OrganisationView, PersonInput, PersonView, PlaceInput, ReportBackInput, ReportBackView, ReportPaper, Store,
    SubgroupDetail, SubgroupInput, SubgroupSummary,
};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A member of the working group today, who may lead a sub-group or join it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct MemberChoice {
    pub person_id: Id,
    pub name: String,
    pub organisation: Option<String>,
    pub seat: String,
}

/// A report-back and where it stands today.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ReportBackRow {
    pub report_back: ReportBackView,
    pub state: ReportBackState,
}

/// The Sub-groups screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SubgroupsView {
    pub today: NaiveDate,
    pub subgroups: Vec<SubgroupSummary>,
    /// Report-backs still awaited, from every sub-group, soonest due first.
    pub awaited: Vec<ReportBackRow>,
    /// For a new sub-group's lead.
    pub members: Vec<MemberChoice>,
    /// Every meeting, for "decided at".
    pub meetings: Vec<MeetingRef>,
    /// The decision register, to link the decision that created a sub-group.
    pub decisions: Vec<DecisionView>,
}

/// A sub-group's page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SubgroupPage {
    pub today: NaiveDate,
    pub detail: SubgroupDetail,
    /// Every report-back requested of it, by the date it is due.
    pub report_backs: Vec<ReportBackRow>,
    /// What ToR §18 finds about it today.
    pub findings: Vec<Finding>,
    /// Members of the working group today: who may lead or join.
    pub members: Vec<MemberChoice>,
    /// Everyone in the register, to invite someone already recorded.
    pub people: Vec<PersonView>,
    pub organisations: Vec<OrganisationView>,
    /// Every meeting, to request a report at one and make it due at another.
    pub meetings: Vec<MeetingRef>,
    /// The decision register, to link the decision that created it.
    pub decisions: Vec<DecisionView>,
    pub paper_limit_mb: u32,
}

/// A report-back on the home screen: overdue, or due at the next meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ReportBackDue {
    pub id: Id,
    pub subgroup_id: Id,
    pub subgroup: String,
    pub topic: String,
    pub due_meeting_id: Id,
    pub due_on: NaiveDate,
    pub overdue: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct SaveSubgroup {
    pub group_id: i64,
    /// None to create one.
    pub id: Option<i64>,
    pub input: SubgroupInput,
    /// When creating: its lead from the start date, a member of the working group (ToR §18).
    pub lead_id: Option<i64>,
}

/// Someone joins a sub-group: a member of the working group (`person_id`), or an invited
/// individual — someone already recorded (`person_id`, or found by `new_email`), or a new person.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct AddPlace {
    pub group_id: i64,
    pub subgroup_id: i64,
    pub place: Place,
    pub person_id: Option<i64>,
    pub new_name: String,
    pub new_email: String,
    pub new_job_title: String,
    /// Their employer: one in the register, or a new organisation's name.
    pub organisation_id: Option<i64>,
    pub new_organisation: String,
    pub expertise: Vec<Expertise>,
    pub expertise_note: String,
    pub from: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct EndPlace {
    pub group_id: i64,
    pub subgroup_id: i64,
    pub place_id: i64,
    /// Their last day.
    pub on: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct CloseSubgroup {
    pub group_id: i64,
    pub subgroup_id: i64,
    pub on: NaiveDate,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct RequestReportBack {
    pub group_id: i64,
    pub subgroup_id: i64,
    pub input: ReportBackInput,
}

/// The sub-group's report: text, a PDF (base64, read from the file the person picked), or both.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct RecordReport {
    pub group_id: i64,
    pub subgroup_id: i64,
    pub report_back_id: i64,
    pub received_on: NaiveDate,
    pub report: String,
    /// The paper's title in the pack; empty for one made from the file's name.
    pub paper_title: String,
    pub file_name: Option<String>,
    pub data_base64: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct MoveReportBack {
    pub group_id: i64,
    pub subgroup_id: i64,
    pub report_back_id: i64,
    pub due_meeting_id: i64,
}

/// "Custody data model v0.3.pdf" → "Custody data model v0.3".
fn title_from_file(file_name: &str) -> String {
    let stem = file_name.rsplit_once('.').map_or(file_name, |(stem, _)| stem);
    stem.replace(['_', '-'], " ").trim().to_owned()
}

fn rows(report_backs: Vec<ReportBackView>, today: NaiveDate) -> Vec<ReportBackRow> {
    report_backs
        .into_iter()
        .map(|r| {
            let state = s18::report_back_state(r.due.starts_at.date(), r.received_on, r.withdrawn_on, today);
            ReportBackRow { report_back: r, state }
        })
        .collect()
}

async fn member_choices(store: &Store, group_id: i64, on: NaiveDate) -> ApiResult<Vec<MemberChoice>> {
    let mut members: Vec<MemberChoice> = store
        .seats(group_id, on)
        .await?
        .into_iter()
        .filter_map(|s| s.holder.map(|h| MemberChoice { person_id: h.person_id, name: h.name, organisation: h.organisation, seat: s.title }))
        .collect();
    members.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(members)
}

async fn meetings(store: &Store, group_id: i64) -> ApiResult<Vec<MeetingRef>> {
    Ok(store.meeting_titles(group_id).await?.into_iter().map(|(id, title, starts_at)| MeetingRef { id, title, starts_at }).collect())
}

/// What ToR §18 finds about a group's sub-groups on `on`.
pub(crate) async fn findings(store: &Store, group_id: i64, on: NaiveDate) -> ApiResult<Vec<Finding>> {
    let subgroups = store.subgroups_for_rules(group_id).await?;
    if subgroups.is_empty() {
        return Ok(vec![]);
    }
    let register = store.register(group_id).await?;
    Ok(s18::findings(&register.on(on), &subgroups))
}

/// [`findings`] with the register the caller has already read.
pub(crate) async fn findings_in(store: &Store, register: &secretariat_rules::Register, group_id: i64, on: NaiveDate) -> ApiResult<Vec<Finding>> {
    let subgroups = store.subgroups_for_rules(group_id).await?;
    Ok(if subgroups.is_empty() { vec![] } else { s18::findings(&register.on(on), &subgroups) })
}

/// Report-backs the home screen shows: awaited and due at or before the next meeting (overdue ones included).
pub(crate) async fn due(store: &Store, group_id: i64, today: NaiveDate, next_meeting: Option<NaiveDate>) -> ApiResult<Vec<ReportBackDue>> {
    Ok(rows(store.report_backs(group_id, None, today).await?, today)
        .into_iter()
        .filter(|r| match r.state {
            ReportBackState::Overdue => true,
            ReportBackState::Due => next_meeting.is_some_and(|next| r.report_back.due.starts_at.date() <= next),
            _ => false,
        })
        .map(|r| ReportBackDue {
            id: r.report_back.id,
            subgroup_id: r.report_back.subgroup_id,
            subgroup: r.report_back.subgroup,
            topic: r.report_back.topic,
            due_meeting_id: r.report_back.due.id,
            due_on: r.report_back.due.starts_at.date(),
            overdue: r.state == ReportBackState::Overdue,
        })
        .collect())
}

fn state_words(row: &ReportBackRow) -> String {
    let r = &row.report_back;
    match row.state {
        ReportBackState::Received => format!("Received {}", r.received_on.map(uk_date).unwrap_or_default()),
        ReportBackState::Withdrawn => format!("Withdrawn {}", r.withdrawn_on.map(uk_date).unwrap_or_default()),
        ReportBackState::Due => "Due".to_owned(),
        ReportBackState::Overdue => "Overdue".to_owned(),
    }
}

fn expertise_words(expertise: &[Expertise], note: &str) -> String {
    let labels: Vec<&str> = expertise.iter().map(|e| e.label()).collect();
    match (labels.is_empty(), note.is_empty()) {
        (false, false) => format!("{} — {note}", labels.join(", ")),
        (false, true) => labels.join(", "),
        (true, _) => note.to_owned(),
    }
}

/// The roster of a sub-group as it stands on `on`.
pub async fn roster(store: &Store, group_id: i64, subgroup_id: i64, on: NaiveDate, today: NaiveDate) -> ApiResult<SubgroupRoster> {
    let group = store.group(group_id).await?;
    let detail = store.subgroup(group_id, subgroup_id, on).await?;
    let report_backs = rows(store.report_backs(group_id, Some(subgroup_id), on).await?, on);
    let found: Vec<String> = findings(store, group_id, on)
        .await?
        .into_iter()
        .filter(|f| f.subjects.iter().any(|s| s.kind == SubjectKind::Subgroup && s.id == subgroup_id))
        .map(|f| f.message)
        .collect();
    let seats: std::collections::HashMap<i64, String> =
        store.seats(group_id, on).await?.into_iter().filter_map(|s| s.holder.map(|h| (h.person_id, s.title))).collect();
    let current = |p: &&secretariat_store::PlaceView| p.from <= on && p.to.is_none_or(|to| on <= to);
    let person = |p: &secretariat_store::PlaceView, detail: String| RosterPerson {
        name: p.name.clone(),
        organisation: p.organisation.clone(),
        email: p.email.clone(),
        detail,
        since: uk_date(p.from),
    };
    let places: Vec<_> = detail.places.iter().filter(current).collect();
    let lead = places.iter().find(|p| p.place == Place::Lead).map(|p| person(p, seats.get(&p.person_id).cloned().unwrap_or_default()));
    let members = places.iter().filter(|p| p.place == Place::Member).map(|p| person(p, seats.get(&p.person_id).cloned().unwrap_or_default())).collect();
    let invitees = places.iter().filter(|p| p.place == Place::Invitee).map(|p| person(p, expertise_words(&p.expertise, &p.expertise_note))).collect();
    let input = &detail.input;
    // "the decision of Tue 11 Aug 2026 (Minute 5.1)", or "Minute 5.2, at the meeting of Tue 10 Nov 2026".
    let created = match (&detail.decision, input.created_by.as_str(), &detail.meeting) {
        (Some(d), "", _) => Some(format!("the decision of {}", uk_date(d.decided_on))),
        (Some(d), by, _) => Some(format!("the decision of {} ({by})", uk_date(d.decided_on))),
        (None, "", Some(m)) => Some(format!("the meeting of {}", uk_date(m.starts_at.date()))),
        (None, "", None) => None,
        (None, by, Some(m)) => Some(format!("{by}, at the meeting of {}", uk_date(m.starts_at.date()))),
        (None, by, None) => Some(by.to_owned()),
    };
    let status = match (&detail.closed_on, &detail.closed_reason) {
        (Some(closed), Some(reason)) if *closed <= on => format!("Closed on {}: {reason}", uk_date(*closed)),
        _ => format!("Active since {}", uk_date(input.start)),
    };
    Ok(SubgroupRoster {
        group_name: group.name,
        subgroup_name: input.name.clone(),
        remit: input.remit.clone(),
        status,
        created_by: created,
        date: uk_date(on),
        generated: format!("Generated by Secretariat on {}", uk_date(today)),
        lead,
        members,
        invitees,
        report_backs: report_backs
            .iter()
            .map(|row| {
                let r = &row.report_back;
                RosterReportBack {
                    topic: r.topic.clone(),
                    requested: match &r.requested_at {
                        Some(m) => format!("{} (meeting)", uk_date(m.starts_at.date())),
                        None => uk_date(r.requested_on),
                    },
                    due: uk_date(r.due.starts_at.date()),
                    status: state_words(row),
                }
            })
            .collect(),
        findings: found,
    })
}

/// Reads a PDF sent as base64 and checks it as every paper is checked.
async fn checked_paper(session: &Session, bytes_base64: &str, limit: usize) -> ApiResult<(Vec<u8>, u32)> {
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(bytes_base64.as_bytes())
        .map_err(|_| ApiError::invalid("file", "The file did not arrive intact; try adding it again."))?;
    let (bytes, info) = session.check_paper(bytes, limit).await?;
    Ok((bytes, info.pages as u32))
}

/// Store errors about a new person's fields, moved to the form's fields for them.
fn new_person_field(error: secretariat_store::StoreError) -> ApiError {
    match ApiError::from(error) {
        ApiError { field: Some(f), message, .. } if f == "name" => ApiError::invalid("new_name", message),
        ApiError { field: Some(f), message, .. } if f == "email" => ApiError::invalid("new_email", message),
        ApiError { field: Some(f), message, .. } if f == "job_title" => ApiError::invalid("new_job_title", message),
        other => other,
    }
}

impl Session {
    pub async fn subgroups_view(&self, group_id: i64) -> ApiResult<SubgroupsView> {
        let store = self.open_store().await?;
        let today = self.today();
        let awaited = rows(store.report_backs(group_id, None, today).await?, today)
            .into_iter()
            .filter(|r| matches!(r.state, ReportBackState::Due | ReportBackState::Overdue))
            .collect();
        Ok(SubgroupsView {
            today,
            subgroups: store.subgroups(group_id, today).await?,
            awaited,
            members: member_choices(&store, group_id, today).await?,
            meetings: meetings(&store, group_id).await?,
            decisions: store.decisions(group_id).await?,
        })
    }

    pub async fn subgroup_page(&self, group_id: i64, subgroup_id: i64) -> ApiResult<SubgroupPage> {
        let store = self.open_store().await?;
        let today = self.today();
        let detail = store.subgroup(group_id, subgroup_id, today).await?;
        let findings = findings(&store, group_id, today)
            .await?
            .into_iter()
            .filter(|f| f.subjects.iter().any(|s| s.kind == SubjectKind::Subgroup && s.id == subgroup_id))
            .collect();
        Ok(SubgroupPage {
            today,
            report_backs: rows(store.report_backs(group_id, Some(subgroup_id), today).await?, today),
            findings,
            members: member_choices(&store, group_id, today).await?,
            people: store.people(group_id, today).await?,
            organisations: store.organisations(group_id, today).await?,
            meetings: meetings(&store, group_id).await?,
            decisions: store.decisions(group_id).await?,
            paper_limit_mb: store.group(group_id).await?.settings.paper_limit_mb,
            detail,
        })
    }

    /// Creates a sub-group (with its lead, who must be a member on the start date: ToR §18) or saves changes to one.
    pub async fn save_subgroup(&self, request: SaveSubgroup) -> ApiResult<SubgroupPage> {
        let store = self.open_store().await?;
        if let (None, Some(lead)) = (request.id, request.lead_id) {
            let register = store.register(request.group_id).await?;
            s18::check_place(&register.on(request.input.start), lead, Place::Lead).map_err(|m| ApiError::invalid("lead_id", m))?;
        }
        let id = store
            .write(async |w| {
                let id = match request.id {
                    Some(id) => {
                        w.update_subgroup(request.group_id, id, &request.input).await?;
                        id
                    }
                    None => {
                        let id = w.add_subgroup(request.group_id, &request.input).await?;
                        if let Some(lead) = request.lead_id {
                            let place =
                                PlaceInput { person_id: lead, place: Place::Lead, expertise: vec![], expertise_note: String::new(), from: request.input.start };
                            w.add_place(request.group_id, id, &place).await.map_err(|e| match ApiError::from(e) {
                                ApiError { field: Some(f), message, .. } if f == "person_id" => ApiError::invalid("lead_id", message),
                                other => other,
                            })?;
                        }
                        id
                    }
                };
                Ok::<_, ApiError>(id)
            })
            .await?;
        self.subgroup_page(request.group_id, id).await
    }

    /// Adds someone to a sub-group. A lead or member must hold a seat on the day; an invited
    /// individual must not (ToR §18). An invited person already in the register — chosen, or
    /// with the same email address — is the same record, never a second one.
    pub async fn add_place(&self, request: AddPlace) -> ApiResult<SubgroupPage> {
        let store = self.open_store().await?;
        let g = request.group_id;
        if request.place != Place::Invitee && request.person_id.is_none() {
            return Err(ApiError::invalid("person_id", "Choose a member of the working group."));
        }
        let register = store.register(g).await?;
        let day = register.on(request.from);
        store
            .write(async |w| {
                let (person_id, field) = match request.person_id {
                    Some(id) => (id, "person_id"),
                    None => {
                        if request.new_name.trim().is_empty() && request.new_email.trim().is_empty() {
                            return Err(ApiError::invalid("person_id", "Choose someone already recorded, or give the invited person's name."));
                        }
                        match w.same_person(g, &request.new_name, &request.new_email).await.map_err(new_person_field)? {
                            Some(existing) => (existing, "new_email"),
                            None => {
                                let input = PersonInput {
                                    name: request.new_name.clone(),
                                    email: request.new_email.clone(),
                                    job_title: request.new_job_title.clone(),
                                    manager_status: ManagerStatus::Unknown,
                                    sort_as: String::new(),
                                };
                                (w.add_person(g, &input).await.map_err(new_person_field)?, "new_name")
                            }
                        }
                    }
                };
                s18::check_place(&day, person_id, request.place).map_err(|m| ApiError::invalid(field, m))?;
                // Where they work, if they have no employer on record yet.
                let organisation = match (request.organisation_id, request.new_organisation.trim()) {
                    (Some(id), _) => Some(id),
                    (None, "") => None,
                    (None, name) => Some(match w.organisation_id_by_name(g, name).await? {
                        Some(id) => id,
                        None => {
                            let input = OrganisationInput {
                                name: name.to_owned(),
                                techuk_status: TechukStatus::NotMember,
                                applied_on: None,
                                sme: false,
                                sme_confirmed_on: None,
                                sector: String::new(),
                            };
                            w.add_organisation(g, &input).await.map_err(|e| match ApiError::from(e) {
                                ApiError { field: Some(_), message, .. } => ApiError::invalid("new_organisation", message),
                                other => other,
                            })?
                        }
                    }),
                };
                if let Some(org) = organisation
                    && register.employer_on(person_id, request.from).is_none()
                {
                    w.add_employment(g, person_id, org, request.from, None).await?;
                }
                let place = PlaceInput {
                    person_id,
                    place: request.place,
                    expertise: request.expertise.clone(),
                    expertise_note: request.expertise_note.clone(),
                    from: request.from,
                };
                w.add_place(g, request.subgroup_id, &place).await.map_err(|e| match ApiError::from(e) {
                    ApiError { field: Some(f), message, .. } if f == "person_id" => ApiError::invalid(field, message),
                    other => other,
                })
            })
            .await?;
        self.subgroup_page(g, request.subgroup_id).await
    }

    pub async fn end_place(&self, request: EndPlace) -> ApiResult<SubgroupPage> {
        let store = self.open_store().await?;
        store.write(async |w| w.end_place(request.group_id, request.place_id, request.on).await).await?;
        self.subgroup_page(request.group_id, request.subgroup_id).await
    }

    pub async fn close_subgroup(&self, request: CloseSubgroup) -> ApiResult<SubgroupPage> {
        let store = self.open_store().await?;
        store.write(async |w| w.close_subgroup(request.group_id, request.subgroup_id, request.on, &request.reason).await).await?;
        self.subgroup_page(request.group_id, request.subgroup_id).await
    }

    /// The group asks the sub-group for a report (ToR §18): it goes on the due meeting's agenda.
    pub async fn request_report_back(&self, request: RequestReportBack) -> ApiResult<SubgroupPage> {
        let store = self.open_store().await?;
        store.write(async |w| w.request_report_back(request.group_id, request.subgroup_id, &request.input).await).await?;
        self.subgroup_page(request.group_id, request.subgroup_id).await
    }

    /// Records the report. A PDF is checked as every paper is, then added to the report-back's
    /// agenda item: it is in the due meeting's pack.
    pub async fn record_report(&self, request: RecordReport) -> ApiResult<SubgroupPage> {
        let store = self.open_store().await?;
        let g = request.group_id;
        let paper = match (&request.file_name, &request.data_base64) {
            (Some(file_name), Some(data)) if !data.is_empty() => {
                let limit = store.group(g).await?.settings.paper_limit_mb as usize * 1024 * 1024;
                let (bytes, pages) = checked_paper(self, data, limit).await?;
                let title = if request.paper_title.trim().is_empty() { title_from_file(file_name) } else { request.paper_title.clone() };
                Some(ReportPaper { title, file_name: file_name.clone(), bytes, pages })
            }
            _ => None,
        };
        store
            .write(async |w| {
                w.record_report(g, request.report_back_id, request.received_on, &request.report, paper.as_ref()).await.map_err(|e| match ApiError::from(e) {
                    ApiError { field: Some(f), message, .. } if f == "title" => ApiError::invalid("paper_title", message),
                    other => other,
                })
            })
            .await?;
        self.subgroup_page(g, request.subgroup_id).await
    }

    pub async fn move_report_back(&self, request: MoveReportBack) -> ApiResult<SubgroupPage> {
        let store = self.open_store().await?;
        store.write(async |w| w.move_report_back(request.group_id, request.report_back_id, request.due_meeting_id, self.today()).await).await?;
        self.subgroup_page(request.group_id, request.subgroup_id).await
    }

    pub async fn withdraw_report_back(&self, group_id: i64, subgroup_id: i64, report_back_id: i64) -> ApiResult<SubgroupPage> {
        let store = self.open_store().await?;
        store.write(async |w| w.withdraw_report_back(group_id, report_back_id, self.today()).await).await?;
        self.subgroup_page(group_id, subgroup_id).await
    }

    /// A sub-group by id or by words from its name, as the command line names it.
    pub async fn find_subgroup(&self, group_id: i64, words: &str) -> ApiResult<i64> {
        let store = self.open_store().await?;
        store.find_subgroup(group_id, words).await?.ok_or_else(|| {
            ApiError::new(ErrorKind::NotFound, format!("There is no sub-group \u{201c}{}\u{201d}; `secretariat subgroups` lists them.", words.trim()))
        })
    }

    /// The roster PDF.
    pub(crate) async fn subgroup_document(&self, group_id: i64, subgroup_id: i64) -> ApiResult<crate::types::Made> {
        let store = self.open_store().await?;
        let today = self.today();
        let data = roster(&store, group_id, subgroup_id, today, today).await?;
        let file_name =
            format!("{} - {} roster.pdf", crate::session::file_stem(&store.group(group_id).await?.name), crate::session::file_stem(&data.subgroup_name));
        let bytes = self.typeset(move |d| d.subgroup_roster(&data)).await?;
        Ok(crate::types::Made { file_name, bytes, pages: None })
    }
}
