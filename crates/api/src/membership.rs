//! The membership requests through the `Session`: the group's home and the rules' findings,
//! the register (people, organisations, seats and terms, roles, invitees: ToR §10–§16), a
//! change of employer previewed against ToR §15, and CSV import and export.

use crate::error::{ApiError, ApiResult, ErrorKind};
use crate::exchange;
use crate::session::Session;
use crate::types::*;
use chrono::NaiveDate;
use secretariat_rules::amendments::{AmendmentEffect, effect};
use secretariat_rules::register::{Organisation, OrganisationFacts, Person};
use secretariat_rules::{Register, Severity, SubjectKind, tor};

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
        // The rules in force today (as amended by today).
        let settings = store.rules_on(group_id, today).await?.describe();
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
        let findings = self.findings_in(&store, &register, &store.attendance_record(group_id).await?, group_id, on).await?;
        let count = |s: Severity| findings.iter().filter(|f| f.severity == s).count() as u32;
        let that_day = match on == self.today() {
            true => None,
            false => {
                let seats = store.seats(group_id, on).await?;
                let vacant_seats = seats.iter().filter(|s| s.holder.is_none()).count() as u32;
                Some(DayBoard { seats, vacant_seats, settings: register.settings_on(on).describe() })
            }
        };
        Ok(Compliance { on, breaches: count(Severity::Breach), warnings: count(Severity::Warning), notices: count(Severity::Notice), findings, that_day })
    }

    /// Every finding Home shows on `on`, sorted: the register's and the attendance's, and the
    /// sub-groups' (ToR §18, read apart from the register snapshot, which is read once).
    pub(crate) async fn findings_in(
        &self,
        store: &secretariat_store::Store,
        register: &secretariat_rules::Register,
        attendance: &secretariat_rules::tor::s17_attendance::Attendance,
        group_id: i64,
        on: NaiveDate,
    ) -> ApiResult<Vec<secretariat_rules::Finding>> {
        let mut findings = secretariat_rules::evaluate_with_attendance(register, attendance, on);
        findings.extend(crate::subgroups::findings_in(store, register, group_id, on).await?);
        secretariat_rules::sort_findings(&mut findings);
        Ok(findings)
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

    /// Adds an organisation, or edits one: a changed techUK status, SME status or sector from a
    /// date (today by default) or corrected, as `request.change` says.
    pub async fn save_organisation(&self, request: SaveOrganisation) -> ApiResult<OrganisationRecord> {
        let store = self.open_store().await?;
        let how = self.fact_change(request.change);
        let id = store
            .write(async |w| match request.id {
                Some(id) => w.edit_organisation(request.group_id, id, &request.input, how).await.map(|()| id),
                None => w.add_organisation(request.group_id, &request.input).await,
            })
            .await?;
        Ok(store.organisation_record(request.group_id, id).await?)
    }

    /// Adds a person, or edits one: a changed manager status (ToR §12) from a date (today by
    /// default) or corrected, as `request.change` says.
    pub async fn save_person(&self, request: SavePerson) -> ApiResult<PersonDetail> {
        let store = self.open_store().await?;
        let how = self.fact_change(request.change);
        let id = store
            .write(async |w| match request.id {
                Some(id) => w.edit_person(request.group_id, id, &request.input, how).await.map(|()| id),
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

    /// How an edit of a dated fact is meant: as asked, or a change from today.
    fn fact_change(&self, change: Option<FactChange>) -> FactChange {
        change.unwrap_or(FactChange::From { from: self.today() })
    }

    /// What a save would change in the findings, before it is saved (UI.md: a save that would
    /// break a rule says so first, naming the paragraph and the people): the register as it
    /// is and with `change` applied in memory, both checked on `on` as Home checks them.
    async fn consequences(&self, group_id: i64, on: NaiveDate, change: impl FnOnce(&mut Register) -> ApiResult<()>) -> ApiResult<AmendmentEffect> {
        let store = self.open_store().await?;
        let register = store.register(group_id).await?;
        let mut changed = register.clone();
        change(&mut changed)?;
        let attendance = store.attendance_record(group_id).await?;
        let before = self.findings_in(&store, &register, &attendance, group_id, on).await?;
        let after = self.findings_in(&store, &changed, &attendance, group_id, on).await?;
        Ok(effect(on, &before, &after))
    }

    /// The day a dated change is judged on: today, or its first day when that is later.
    fn judged_on(&self, how: FactChange) -> NaiveDate {
        match how {
            FactChange::From { from } => self.today().max(from),
            FactChange::Correction { on } => on.map_or(self.today(), |on| self.today().max(on)),
        }
    }

    /// What saving an organisation would bring or clear in the findings (ToR §12, §13, §15).
    pub async fn preview_save_organisation(&self, request: SaveOrganisation) -> ApiResult<AmendmentEffect> {
        let how = self.fact_change(request.change);
        let on = self.judged_on(how);
        let Some(id) = request.id else {
            // A new organisation employs no one yet: nothing the rules read changes.
            return Ok(effect(on, &[], &[]));
        };
        let new = OrganisationFacts { techuk: request.input.techuk_status, sme: request.input.sme, sector: request.input.sector.trim().to_owned() };
        self.consequences(request.group_id, on, |register| {
            let organisation = organisation_in(register, id)?;
            match how {
                FactChange::From { from } => organisation.facts.change_facts(from, &new),
                FactChange::Correction { on } => organisation.facts.correct_facts(on, &new),
            };
            Ok(())
        })
        .await
    }

    /// What saving a person would bring or clear in the findings (a manager status, ToR §12).
    pub async fn preview_save_person(&self, request: SavePerson) -> ApiResult<AmendmentEffect> {
        let how = self.fact_change(request.change);
        let on = self.judged_on(how);
        let Some(id) = request.id else {
            return Ok(effect(on, &[], &[]));
        };
        let status = request.input.manager_status;
        self.consequences(request.group_id, on, |register| {
            let person = register.people.iter_mut().find(|p| p.id == id).ok_or_else(|| ApiError::invalid("person_id", "Choose a person from this group."))?;
            // The form shows the latest status: only a different one is a change.
            if person.manager.latest().value != status {
                match how {
                    FactChange::From { from } => person.manager.change_part(from, |s| s, |s, v| *s = v, status),
                    FactChange::Correction { on } => person.manager.correct_part(on, |s| s, |s, v| *s = v, status),
                };
            }
            Ok(())
        })
        .await
    }

    /// What filling a seat would bring or clear in the findings on its first day (or today):
    /// another member of the same company (ToR §14), a §12 manager status, the SME count (§13).
    pub async fn preview_fill_seat(&self, request: FillSeat) -> ApiResult<AmendmentEffect> {
        let on = self.today().max(request.start);
        self.consequences(request.group_id, on, |register| {
            if !register.seats.iter().any(|s| s.id == request.seat_id) {
                return Err(ApiError::invalid("seat_id", "Choose a seat of this group."));
            }
            person_in(register, request.person_id)?;
            let months = register.settings_on(request.start).term_months;
            let end =
                request.start.checked_add_months(chrono::Months::new(months)).ok_or_else(|| ApiError::invalid("start", "That start date is out of range."))?;
            register.terms.push(secretariat_rules::register::Term {
                id: -1,
                seat: request.seat_id,
                person: request.person_id,
                start: request.start,
                end,
                obtained: request.obtained,
                ended_early: None,
            });
            Ok(())
        })
        .await
    }

    /// What an appointment would bring or clear in the findings (ToR §8–§9: a Chair who holds
    /// no seat, the same person as Chair and Vice-Chair).
    pub async fn preview_appoint(&self, request: Appoint) -> ApiResult<AmendmentEffect> {
        let on = self.today().max(request.from);
        self.consequences(request.group_id, on, |register| {
            person_in(register, request.person_id)?;
            for current in register.appointments.iter_mut().filter(|a| a.role == request.role && a.to.is_none() && a.from < request.from) {
                current.to = request.from.pred_opt();
            }
            register.appointments.push(secretariat_rules::register::Appointment {
                role: request.role,
                person: request.person_id,
                from: request.from,
                to: None,
            });
            Ok(())
        })
        .await
    }

    /// An organisation by id or by its name (or words from it), as the command line names them.
    pub async fn find_organisation(&self, group_id: i64, words: &str) -> ApiResult<i64> {
        let organisations = self.open_store().await?.organisations(group_id, self.today()).await?;
        let words = words.trim();
        let wanted = words.to_lowercase();
        let exact = organisations.iter().find(|o| o.id.to_string() == words || o.name.to_lowercase() == wanted);
        let mut near = organisations.iter().filter(|o| wanted.split_whitespace().all(|w| o.name.to_lowercase().contains(w)));
        match (exact, near.next(), near.next()) {
            (Some(o), _, _) | (None, Some(o), None) => Ok(o.id),
            (None, Some(a), Some(b)) => {
                Err(ApiError::invalid("organisation", format!("\u{201c}{words}\u{201d} could be {} or {}; give more of the name, or its id.", a.name, b.name)))
            }
            (None, None, _) => Err(ApiError::new(
                ErrorKind::NotFound,
                format!("There is no organisation \u{201c}{words}\u{201d} in this group; `secretariat export organisations` lists them."),
            )),
        }
    }

    /// What an organisation's status change from a date would bring or clear in the findings.
    pub async fn preview_organisation_status(&self, request: ChangeOrganisationStatus) -> ApiResult<AmendmentEffect> {
        let on = self.today().max(request.from);
        self.consequences(request.group_id, on, |register| {
            organisation_in(register, request.organisation_id)?.facts.change_status(request.from, request.techuk_status, request.sme);
            Ok(())
        })
        .await
    }

    /// Records an organisation's techUK status (and SME status) from a date; the earlier status stays before it.
    pub async fn change_organisation_status(&self, request: ChangeOrganisationStatus) -> ApiResult<OrganisationRecord> {
        let store = self.open_store().await?;
        store
            .write(async |w| w.change_organisation_status(request.group_id, request.organisation_id, request.techuk_status, request.sme, request.from).await)
            .await?;
        Ok(store.organisation_record(request.group_id, request.organisation_id).await?)
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

fn organisation_in(register: &mut Register, id: i64) -> ApiResult<&mut Organisation> {
    register.organisations.iter_mut().find(|o| o.id == id).ok_or_else(|| ApiError::invalid("organisation_id", "Choose an organisation from this group."))
}

fn person_in(register: &Register, id: i64) -> ApiResult<&Person> {
    register.people.iter().find(|p| p.id == id).ok_or_else(|| ApiError::invalid("person_id", "Choose a person from this group."))
}
