//! The membership requests through the `Session`: the group's home and the rules' findings,
//! the register (people, organisations, seats and terms, roles, invitees: ToR §10–§16), a
//! change of employer previewed against ToR §15, and CSV import and export.

use crate::error::{ApiError, ApiResult};
use crate::exchange;
use crate::session::Session;
use crate::types::*;
use chrono::NaiveDate;
use secretariat_rules::{Severity, SubjectKind, tor};

impl Session {
    /// Sets whose bank holidays the deadlines the app proposes skip (issue #18); the group's home.
    pub async fn set_bank_holidays(&self, group_id: i64, nation: secretariat_rules::working_days::Nation) -> ApiResult<GroupHome> {
        let store = self.open_store().await?;
        store.write(async |w| w.set_bank_holidays(group_id, nation).await).await?;
        self.group_home(group_id).await
    }

    pub async fn group_home(&self, group_id: i64) -> ApiResult<GroupHome> {
        let store = self.open_store().await?;
        let today = self.today();
        let group = store.group(group_id).await?;
        let seats = store.seats(group_id, today).await?;
        let vacant_seats = seats.iter().filter(|s| s.holder.is_none()).count() as u32;
        let settings = group.settings.describe();
        let counts = store.counts(group_id).await?;
        let next_meeting = self.next_meeting(group_id).await?;
        let mut elections = Vec::new();
        let mut register = None;
        for e in store.elections(group_id).await? {
            if matches!(e.state, secretariat_store::ElectionState::Declared | secretariat_store::ElectionState::Cancelled) {
                continue;
            }
            // Only the next step is shown: the register is read once for all open elections,
            // and the page's lists of people and organisations are not built.
            let register = match &register {
                Some(r) => r,
                None => register.insert(store.register(group_id).await?),
            };
            let page = self.election_page_in(&store, register, group_id, e.id, false).await?;
            elections.push(ElectionStep { id: e.id, title: e.title, next_step: page.next_step });
        }
        let overdue_actions = self.overdue_actions(group_id).await?;
        let report_backs = crate::subgroups::due(&store, group_id, today, next_meeting.as_ref().map(|m| m.starts_at.date())).await?;
        let work = crate::work::needs(&store, group_id, today).await?;
        Ok(GroupHome { group, today, seats, vacant_seats, settings, counts, next_meeting, elections, overdue_actions, report_backs, work })
    }

    /// The rules engine's findings for a group on `on` (today by default).
    pub async fn compliance(&self, group_id: i64, on: Option<NaiveDate>) -> ApiResult<Compliance> {
        let store = self.open_store().await?;
        let on = on.unwrap_or_else(|| self.today());
        let register = store.register(group_id).await?;
        let mut findings = secretariat_rules::evaluate_with_attendance(&register, &store.attendance_record(group_id).await?, on);
        // Sub-groups (ToR §18) are read apart from the register snapshot (which is read once).
        findings.extend(crate::subgroups::findings_in(&store, &register, group_id, on).await?);
        secretariat_rules::sort_findings(&mut findings);
        let count = |s: Severity| findings.iter().filter(|f| f.severity == s).count() as u32;
        Ok(Compliance { on, breaches: count(Severity::Breach), warnings: count(Severity::Warning), notices: count(Severity::Notice), findings })
    }

    pub async fn members(&self, group_id: i64) -> ApiResult<MembersView> {
        let store = self.open_store().await?;
        let today = self.today();
        Ok(MembersView {
            seats: store.seats(group_id, today).await?,
            people: store.people(group_id, today).await?,
            organisations: store.organisations(group_id, today).await?,
            appointments: store.appointments(group_id).await?,
            invitees: store.invitees(group_id, today).await?,
        })
    }

    pub async fn person(&self, group_id: i64, person_id: i64) -> ApiResult<PersonDetail> {
        Ok(self.open_store().await?.person_detail(group_id, person_id).await?)
    }

    pub async fn organisation(&self, group_id: i64, organisation_id: i64) -> ApiResult<OrganisationRecord> {
        Ok(self.open_store().await?.organisation_record(group_id, organisation_id).await?)
    }

    pub async fn save_organisation(&self, request: SaveOrganisation) -> ApiResult<OrganisationRecord> {
        let store = self.open_store().await?;
        let id = store
            .write(async |w| match request.id {
                Some(id) => w.update_organisation(request.group_id, id, &request.input).await.map(|()| id),
                None => w.add_organisation(request.group_id, &request.input).await,
            })
            .await?;
        Ok(store.organisation_record(request.group_id, id).await?)
    }

    pub async fn save_person(&self, request: SavePerson) -> ApiResult<PersonDetail> {
        let store = self.open_store().await?;
        let id = store
            .write(async |w| match request.id {
                Some(id) => w.update_person(request.group_id, id, &request.input).await.map(|()| id),
                None => {
                    let id = w.add_person(request.group_id, &request.input).await?;
                    if let Some(employer) = &request.employer {
                        w.add_employment(request.group_id, id, employer.organisation_id, employer.from, None).await?;
                    }
                    Ok(id)
                }
            })
            .await?;
        Ok(store.person_detail(request.group_id, id).await?)
    }

    /// What ToR §15 says about a change of employer, before it is saved.
    pub async fn preview_employer_change(&self, request: EmployerChange) -> ApiResult<EmployerChangePreview> {
        let store = self.open_store().await?;
        let register = store.register(request.group_id).await?;
        if !register.organisations.iter().any(|o| o.id == request.organisation_id) {
            return Err(ApiError::invalid("organisation_id", "Choose an organisation from this group."));
        }
        let on = self.today().max(request.from);
        let outcome = tor::s15_employer_change::preview(&register, request.person_id, request.organisation_id, request.from, on);
        // The findings about this person as they would stand after the change.
        let mut changed = register.clone();
        for e in changed.employments.iter_mut().filter(|e| e.person == request.person_id && e.to.is_none()) {
            e.to = request.from.pred_opt();
        }
        changed.employments.push(secretariat_rules::register::Employment {
            person: request.person_id,
            organisation: request.organisation_id,
            from: request.from,
            to: None,
        });
        let findings = secretariat_rules::evaluate(&changed, on)
            .into_iter()
            .filter(|f| f.subjects.iter().any(|s| s.kind == SubjectKind::Person && s.id == request.person_id))
            .collect();
        Ok(EmployerChangePreview { outcome, findings })
    }

    pub async fn change_employer(&self, request: EmployerChange) -> ApiResult<PersonDetail> {
        let store = self.open_store().await?;
        store.write(async |w| w.change_employer(request.group_id, request.person_id, request.organisation_id, request.from).await).await?;
        Ok(store.person_detail(request.group_id, request.person_id).await?)
    }

    pub async fn fill_seat(&self, request: FillSeat) -> ApiResult<MembersView> {
        let store = self.open_store().await?;
        store.write(async |w| w.start_term(request.group_id, request.seat_id, request.person_id, request.start, request.obtained).await).await?;
        self.members(request.group_id).await
    }

    pub async fn end_term(&self, request: EndTerm) -> ApiResult<MembersView> {
        let store = self.open_store().await?;
        store.write(async |w| w.end_term(request.group_id, request.term_id, request.on, request.reason, &request.note).await).await?;
        self.members(request.group_id).await
    }

    pub async fn appoint(&self, request: Appoint) -> ApiResult<MembersView> {
        let store = self.open_store().await?;
        store.write(async |w| w.appoint(request.group_id, request.role, request.person_id, request.from, &request.agreed_by).await).await?;
        self.members(request.group_id).await
    }

    pub async fn add_invitee(&self, request: AddInvitee) -> ApiResult<MembersView> {
        let store = self.open_store().await?;
        store.write(async |w| w.add_invitee(request.group_id, request.person_id, request.from, &request.note).await).await?;
        self.members(request.group_id).await
    }

    /// Checks a CSV import without saving anything.
    pub async fn preview_import(&self, request: ImportRequest) -> ApiResult<ImportPreview> {
        let store = self.open_store().await?;
        exchange::import(&store, request.group_id, request.kind, &request.csv, self.today(), false).await
    }

    /// Saves a CSV import: all rows, or none when any row has a problem.
    pub async fn import(&self, request: ImportRequest) -> ApiResult<ImportPreview> {
        let store = self.open_store().await?;
        exchange::import(&store, request.group_id, request.kind, &request.csv, self.today(), true).await
    }

    pub async fn export(&self, group_id: i64, kind: RegisterKind) -> ApiResult<String> {
        let store = self.open_store().await?;
        exchange::export(&store, group_id, kind, self.today()).await
    }
}
