//! Synthetic data at scale (`secretariat demo --scale N`): N fictional groups, each with
//! years of history ending today, so the list screens and the rules can be measured on
//! something the size of a real secretariat's decade (issue #9).
//!
//! Every write goes through the store's [`Writer`] (so it is validated and audited like any
//! other); the counts and declarations go through the same `Session` requests the window
//! uses, so the terms they open are the app's own. A group is written in a few
//! transactions: one per two-year cycle of meetings, then one for each count and
//! declaration. The same seed and the same "today" give the same records.
//!
//! Papers share bytes: four small PDFs are typeset once and attached again and again (each
//! attachment is still its own stored version), which keeps the file a sane size.

use crate::elections::Declare;
use crate::error::{ApiError, ApiResult, ErrorKind};
use crate::session::Session;
use chrono::{Datelike, Days, Months, NaiveDate, Weekday};
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use secretariat_rules::elections::{Method, Rejection, SeededLot};
use secretariat_rules::tor::s17_attendance::Presence;
use secretariat_rules::tor::s18_subgroups::{Expertise, Place};
use secretariat_rules::{ManagerStatus, Obtained, Role, SeatKind, TechukStatus, Template};
use secretariat_store::{
    ActionInput, ActionStatus, AgendaItemInput, AttendanceInput, Capacity, DecisionInput, DecisionKind, DecisionOutcome, ElectionFor, ElectionInput, EndReason,
    MeetingInput, NominationInput, OrganisationInput, PersonInput, PlaceInput, PositionInput, Purpose, ReturnedPaperInput, Store, SubgroupInput, Writer,
};
use std::collections::{BTreeMap, BTreeSet};

/// Bumped whenever the generator's output changes, so cached benchmark databases are rebuilt.
pub const GENERATOR_VERSION: u32 = 2;

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScaleOptions {
    pub groups: u32,
    pub years: u32,
    pub seed: u64,
}

impl Default for ScaleOptions {
    fn default() -> Self {
        ScaleOptions { groups: 20, years: 10, seed: 1 }
    }
}

/// What was generated, counted as it was written.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct ScaleReport {
    pub group_ids: Vec<i64>,
    pub organisations: u32,
    pub people: u32,
    pub terms: u32,
    pub meetings: u32,
    pub agenda_items: u32,
    pub papers: u32,
    /// Meetings with attendance recorded (every held meeting).
    pub meetings_with_attendance: u32,
    pub attendance_rows: u32,
    pub item_notes: u32,
    pub actions: u32,
    pub open_actions: u32,
    pub decisions: u32,
    pub positions: u32,
    /// Declared elections; one more per group may be open (`open_elections`).
    pub declared_elections: u32,
    pub open_elections: u32,
    pub nominations: u32,
    pub returned_papers: u32,
    pub subgroups: u32,
    pub employer_changes: u32,
}

/// Invented names: no real person or company is meant.
const GIVEN: [&str; 24] = [
    "Ada", "Bram", "Cato", "Delia", "Ewan", "Fern", "Gideon", "Hana", "Idris", "Juno", "Kit", "Lorna", "Milo", "Nia", "Orrin", "Petra", "Quinn", "Rosa",
    "Silas", "Tamsin", "Ulric", "Vesna", "Wren", "Yusuf",
];
const FAMILY: [&str; 20] = [
    "Ashgrove",
    "Brindle",
    "Copperfield",
    "Dunmore",
    "Elderwick",
    "Fallowby",
    "Greyhame",
    "Hollins",
    "Ivesworth",
    "Juniper",
    "Kestwick",
    "Larkspur",
    "Mossley",
    "Nettlebed",
    "Orrell",
    "Pennyfold",
    "Quarrendon",
    "Rookwood",
    "Sallowby",
    "Thistlecombe",
];
const COMPANY: [&str; 12] =
    ["Fictive", "Notional", "Imaginary", "Pretend", "Synthetic", "Placeholder", "Sample", "Mock", "Dummy", "Invented", "Phantom", "Hypothetical"];
const COMPANY_KIND: [&str; 4] = ["Systems Ltd", "Data Ltd", "Software plc", "Integration Ltd"];
const TOPICS: [&str; 16] = [
    "Data standards roadmap",
    "API gateway pilot",
    "Custody data exchange",
    "Supplier survey",
    "Evidence sharing standards",
    "Records data model",
    "Command and control integration",
    "Open standards in procurement",
    "Identity federation",
    "Case file exchange",
    "Data quality metrics",
    "Annual report",
    "Test harness for integrations",
    "Reference architecture",
    "Security accreditation",
    "Cloud hosting guidance",
];

fn internal(message: impl std::fmt::Display) -> ApiError {
    ApiError::new(ErrorKind::Internal, format!("The synthetic data could not be made: {message}"))
}

fn second_tuesday(year: i32, month: u32) -> NaiveDate {
    NaiveDate::from_weekday_of_month_opt(year, month, Weekday::Tue, 2).expect("every month has two Tuesdays")
}

fn add_months(date: NaiveDate, months: u32) -> NaiveDate {
    date.checked_add_months(Months::new(months)).expect("synthetic dates are in range")
}

/// A person in the generator's memory of the group.
#[derive(Debug, Clone)]
struct Someone {
    id: i64,
    name: String,
    /// Index into the group's organisations.
    employer: usize,
}

/// One group as the generator builds it: what it needs to remember between writes,
/// so it never has to read back through another connection mid-transaction.
struct GroupPlan {
    id: i64,
    index: u32,
    orgs: Vec<(i64, bool, TechukStatus)>,
    people: Vec<Someone>,
    stakeholder_seats: Vec<i64>,
    supplier_seats: Vec<i64>,
    /// seat → (person index, stops on).
    holders: BTreeMap<i64, (usize, NaiveDate)>,
    /// Stakeholder seat → its current term, for standing down.
    stakeholder_terms: BTreeMap<i64, i64>,
    /// Person → the day their latest stakeholder term stops: one person holds one seat.
    busy_until: BTreeMap<usize, NaiveDate>,
    /// Meetings already written: (id, day, topic items).
    meetings: Vec<(i64, NaiveDate, Vec<i64>)>,
    /// The last meeting whose minutes await approval.
    unapproved: Option<i64>,
    open_subgroup: Option<(i64, NaiveDate)>,
}

impl GroupPlan {
    fn member_people(&self, on: NaiveDate) -> Vec<usize> {
        // A holder whose term has stopped by `on` is not a member on that day.
        self.holders.values().filter(|(_, stops)| *stops > on).map(|(p, _)| *p).collect()
    }

    /// A person at a stakeholder body who holds no seat from `from` on, other than `except`.
    fn free_stakeholder(&self, from: NaiveDate, except: usize) -> Option<usize> {
        let holders: BTreeSet<usize> = self.holders.values().map(|(p, _)| *p).collect();
        (0..self.people.len())
            .find(|p| self.people[*p].employer < 3 && *p != except && !holders.contains(p) && self.busy_until.get(p).is_none_or(|until| *until <= from))
    }

    fn supplier_members(&self) -> Vec<usize> {
        self.supplier_seats.iter().filter_map(|s| self.holders.get(s)).map(|(p, _)| *p).collect()
    }
}

impl Session {
    /// Writes `options.groups` synthetic groups with `options.years` of history ending today.
    /// `progress` is told what is happening (the command line prints it on stderr).
    pub async fn load_scale(&self, options: ScaleOptions, progress: &mut (dyn FnMut(&str) + Send)) -> ApiResult<ScaleReport> {
        if options.groups == 0 || options.groups > 200 {
            return Err(ApiError::invalid("scale", "Give a scale from 1 to 200 groups."));
        }
        if options.years < 2 || options.years > 20 {
            return Err(ApiError::invalid("years", "Give from 2 to 20 years of history."));
        }
        let (store, _) = self.store_or_create(None, None).await?;
        let today = self.today();
        let documents = self.documents();
        // Four small papers, typeset once and shared by every attachment.
        let mut pool = Vec::new();
        for (i, title) in ["Discussion paper", "Options paper", "Draft specification", "Progress report"].into_iter().enumerate() {
            let bytes = documents.sample_paper(title, "The secretariat (synthetic)", 1 + i % 3).map_err(internal)?;
            let pages = secretariat_documents::check_paper(&bytes, usize::MAX).map_err(internal)?.pages as u32;
            pool.push((bytes, pages));
        }
        let existing: BTreeSet<String> = store.groups().await?.into_iter().map(|g| g.name).collect();
        let mut report = ScaleReport::default();
        let mut rng = StdRng::seed_from_u64(options.seed);
        for index in 0..options.groups {
            let name = format!("Synthetic WG {:03} (fictional, seed {})", index + 1, options.seed);
            if existing.contains(&name) {
                return Err(ApiError::new(ErrorKind::AlreadyExists, format!("\u{201c}{name}\u{201d} is already loaded; use another --seed or data folder.")));
            }
            let started = std::time::Instant::now();
            let group = self.scale_group(&store, &pool, &name, index, options, today, &mut rng, &mut report).await?;
            report.group_ids.push(group);
            progress(&format!("group {}/{} (#{group}) written in {:.1} s", index + 1, options.groups, started.elapsed().as_secs_f64()));
        }
        Ok(report)
    }

    #[allow(clippy::too_many_arguments)]
    async fn scale_group(
        &self,
        store: &Store,
        pool: &[(Vec<u8>, u32)],
        name: &str,
        index: u32,
        options: ScaleOptions,
        today: NaiveDate,
        rng: &mut StdRng,
        report: &mut ScaleReport,
    ) -> ApiResult<i64> {
        // Terms run on two-year cycles from `start`; the last cycle ends a month or two from
        // now, so each group has an election taking nominations today.
        let this_month = today.with_day(1).expect("day 1 exists");
        let cycles = options.years.div_ceil(2);
        let end_of_meetings = add_months(this_month, 2);
        let start = end_of_meetings.checked_sub_months(Months::new(cycles * 24)).ok_or_else(|| internal("too many years"))?;
        let mut w = store.begin().await?;
        let mut plan = register(&mut w, name, index, start, rng, report).await?;
        let mut month = start;
        for cycle in 1..=cycles {
            let cycle_end = add_months(start, cycle * 24);
            // The meetings, and the register's churn, of the cycle.
            while month < cycle_end {
                meeting_month(&mut w, &mut plan, pool, month, today, rng, report).await?;
                churn(&mut w, &mut plan, month, today, rng, report).await?;
                month = add_months(month, 1);
            }
            // Stakeholder seats are renewed by appointment (ToR §11); supplier seats are elected (ToR §14).
            renew_stakeholders(&mut w, &mut plan, cycle_end, today, rng, report).await?;
            let Some(election) = election(&mut w, &mut plan, cycle_end, today, rng, report).await? else { continue };
            w.commit().await?;
            self.count_with(plan.id, election, &mut SeededLot(options.seed ^ u64::from(cycle))).await?;
            self.declare_result(Declare {
                group_id: plan.id,
                election_id: election,
                on: cycle_end - Days::new(14),
                returning_officer: "Programme Manager (synthetic)".into(),
            })
            .await?;
            report.declared_elections += 1;
            // The winners' terms, as the declaration opened them.
            let register = store.register(plan.id).await?;
            for &seat in &plan.supplier_seats {
                let term = register.terms.iter().filter(|t| t.seat == seat).max_by_key(|t| t.start).expect("each supplier seat has a term");
                let person = plan.people.iter().position(|p| p.id == term.person).expect("a winner is a known person");
                plan.holders.insert(seat, (person, term.end));
                report.terms += 1;
            }
            w = store.begin().await?;
            // The new members agree their Chair and Vice-Chair (ToR §9).
            let suppliers = plan.supplier_members();
            let chair = suppliers[rng.gen_range(0..suppliers.len())];
            let vice = suppliers.iter().copied().find(|&p| p != chair).expect("eight supplier members");
            w.appoint(plan.id, Role::Chair, plan.people[chair].id, cycle_end, "Agreed by the members at the meeting").await?;
            w.appoint(plan.id, Role::ViceChair, plan.people[vice].id, cycle_end, "Agreed by the members at the meeting").await?;
        }
        // The next two months' meetings, already on the calendar.
        while month <= end_of_meetings {
            meeting_month(&mut w, &mut plan, pool, month, today, rng, report).await?;
            month = add_months(month, 1);
        }
        w.commit().await?;
        Ok(plan.id)
    }
}

/// The group, its organisations and people, and the terms and roles it starts with.
async fn register(w: &mut Writer, name: &str, index: u32, start: NaiveDate, rng: &mut StdRng, report: &mut ScaleReport) -> ApiResult<GroupPlan> {
    let id = w.create_group(name, Template::TechukInterop).await?;
    let mut orgs = Vec::new();
    // Three stakeholder bodies, twenty-four supplier companies (every third an SME), two applying.
    for k in 0..29usize {
        let (org_name, status, sme, sector) = match k {
            0..=2 => {
                (format!("Fictional {} Body {}-{}", ["Policing", "Justice", "Standards"][k], index + 1, k + 1), TechukStatus::NotMember, false, "Public body")
            }
            27 | 28 => (format!("{} {} {}-{}", COMPANY[k % 12], COMPANY_KIND[k % 4], index + 1, k), TechukStatus::Applying, false, "Software"),
            _ => (format!("{} {} {}-{}", COMPANY[k % 12], COMPANY_KIND[k % 4], index + 1, k), TechukStatus::Member, k % 3 == 0, "Software"),
        };
        let input = OrganisationInput {
            name: org_name,
            techuk_status: status,
            applied_on: (status == TechukStatus::Applying).then_some(start),
            sme,
            sme_confirmed_on: sme.then_some(start),
            sector: sector.into(),
        };
        orgs.push((w.add_organisation(id, &input).await?, sme, status));
        report.organisations += 1;
    }
    let mut plan = GroupPlan {
        id,
        index,
        orgs,
        people: Vec::new(),
        stakeholder_seats: w.seat_ids(id, SeatKind::Stakeholder).await?,
        supplier_seats: w.seat_ids(id, SeatKind::Supplier).await?,
        holders: BTreeMap::new(),
        stakeholder_terms: BTreeMap::new(),
        busy_until: BTreeMap::new(),
        meetings: Vec::new(),
        unapproved: None,
        open_subgroup: None,
    };
    // Three people at each stakeholder body, two at each company.
    for org in 0..plan.orgs.len() {
        for _ in 0..if org < 3 { 3 } else { 2 } {
            new_person(w, &mut plan, org, add_months(start, 0) - Days::new(rng.gen_range(400..3000)), rng, report).await?;
        }
    }
    // Stakeholder seats: the bodies' first people in turn; supplier seats: one person from each of
    // the first companies (three SMEs among them, ToR §13).
    for (k, &seat) in plan.stakeholder_seats.clone().iter().enumerate() {
        let person = plan
            .people
            .iter()
            .position(|p| p.employer == k % 3 && !plan.holders.values().any(|(h, _)| plan.people[*h].id == p.id))
            .expect("enough stakeholders");
        let term = w.start_term(id, seat, plan.people[person].id, start, Obtained::Appointment).await?;
        plan.stakeholder_terms.insert(seat, term);
        plan.holders.insert(seat, (person, add_months(start, 24)));
        plan.busy_until.insert(person, add_months(start, 24));
        report.terms += 1;
    }
    for (k, &seat) in plan.supplier_seats.clone().iter().enumerate() {
        let person = plan.people.iter().position(|p| p.employer == 3 + k).expect("a person at each company");
        w.start_term(id, seat, plan.people[person].id, start, Obtained::Election).await?;
        plan.holders.insert(seat, (person, add_months(start, 24)));
        report.terms += 1;
    }
    let sro = plan.holders[&plan.stakeholder_seats[0]].0;
    w.appoint(id, Role::Sro, plan.people[sro].id, start, "Agreed by members, stakeholders and national bodies").await?;
    Ok(plan)
}

async fn new_person(w: &mut Writer, plan: &mut GroupPlan, org: usize, since: NaiveDate, rng: &mut StdRng, report: &mut ScaleReport) -> ApiResult<usize> {
    let n = plan.people.len();
    let name = format!("{} {} {}", GIVEN[rng.gen_range(0..GIVEN.len())], FAMILY[rng.gen_range(0..FAMILY.len())], n + 1);
    let email = format!("{}.{}@wg{}.example", name.split(' ').next().unwrap_or("p").to_lowercase(), n + 1, plan.index + 1);
    let id = w
        .add_person(
            plan.id,
            &PersonInput {
                name: name.clone(),
                email,
                job_title: ["Director", "Architect", "Standards Lead", "Product Manager"][n % 4].into(),
                manager_status: ManagerStatus::Yes,
                sort_as: String::new(),
            },
        )
        .await?;
    w.add_employment(plan.id, id, plan.orgs[org].0, since, None).await?;
    plan.people.push(Someone { id, name, employer: org });
    report.people += 1;
    Ok(n)
}

/// One month: the meeting on its second Tuesday with the standard items and four of its own; if held,
/// its attendance, minutes, actions and decision.
async fn meeting_month(
    w: &mut Writer,
    plan: &mut GroupPlan,
    pool: &[(Vec<u8>, u32)],
    month: NaiveDate,
    today: NaiveDate,
    rng: &mut StdRng,
    report: &mut ScaleReport,
) -> ApiResult<()> {
    let group = plan.id;
    let day = second_tuesday(month.year(), month.month());
    let meeting = w
        .add_meeting(
            group,
            &MeetingInput {
                title: format!("Working group meeting — {}", day.format("%B %Y")),
                starts_at: day.and_hms_opt(14, 0, 0).expect("valid time"),
                ends_at: day.and_hms_opt(16, 0, 0).expect("valid time"),
                venue: if month.month().is_multiple_of(3) { "A fictional venue, London".into() } else { String::new() },
                online_link: format!("https://meet.example/wg{}", plan.index + 1),
                compulsory: true,
            },
        )
        .await?;
    report.meetings += 1;
    // The standard items every agenda starts with (the template's, as the groups were made).
    report.agenda_items += Template::TechukInterop.settings().standard_agenda.len() as u32;
    let members = plan.member_people(day);
    let mut items = Vec::new();
    for k in 0..4usize {
        let topic = TOPICS[rng.gen_range(0..TOPICS.len())];
        let purpose = [Purpose::Discussion, Purpose::Decision, Purpose::Noting, Purpose::Discussion][k];
        let presenter = members.choose(rng).map(|&p| plan.people[p].id);
        let item =
            w.add_agenda_item(group, meeting, &AgendaItemInput { title: topic.into(), purpose, presenter_id: presenter, minutes: 20, private: false }).await?;
        report.agenda_items += 1;
        // Papers on two items, for meetings held and the next one.
        if k < 2 && day <= add_months(today, 1) {
            let (bytes, pages) = &pool[rng.gen_range(0..pool.len())];
            let file = format!("{}.pdf", topic.to_lowercase().replace(' ', "-"));
            w.add_paper(group, item, &format!("{topic}: paper"), &file, bytes, *pages).await?;
            report.papers += 1;
        }
        items.push(item);
    }
    if day >= today {
        plan.meetings.push((meeting, day, items));
        return Ok(());
    }
    w.publish(group, meeting, secretariat_rules::meetings::publication_deadline(day, 7)).await?;
    // Attendance: most members present, some apologies, a few absent (ToR §17).
    let rows: Vec<AttendanceInput> = members
        .iter()
        .map(|&p| {
            let roll = rng.gen_range(0..100);
            let presence = if roll < 86 {
                Presence::Present
            } else if roll < 96 {
                Presence::Apologies
            } else {
                Presence::Absent
            };
            AttendanceInput { person_id: plan.people[p].id, capacity: Capacity::Member, presence, online: rng.gen_bool(0.5), substitute: String::new() }
        })
        .collect();
    w.set_attendance(group, meeting, &rows).await?;
    report.meetings_with_attendance += 1;
    report.attendance_rows += rows.len() as u32;
    // Minutes: every item has notes, except now and then one held in private (ToR §21).
    let private = rng.gen_ratio(1, 12).then_some(items[3]);
    for &item in &items {
        if Some(item) == private {
            w.hold_in_private(group, meeting, item, "The Chair", true).await?;
            continue;
        }
        w.save_item_notes(group, meeting, item, "The group discussed the item and agreed the next steps recorded below.").await?;
        report.item_notes += 1;
    }
    if let Some(previous) = plan.unapproved.replace(meeting) {
        w.approve_minutes(group, previous, meeting, "").await?;
    }
    // Two actions; those due more than a month ago are mostly done, a few left overdue.
    for (k, &item) in items.iter().take(2).enumerate() {
        let Some(&owner) = members.choose(rng) else { break };
        let due = day + Days::new(21 + 14 * k as u64);
        let action = w
            .add_action(
                group,
                &ActionInput {
                    meeting_id: meeting,
                    agenda_item_id: Some(item),
                    description: format!("Circulate a revised draft after the meeting of {}", day.format("%-d %B %Y")),
                    owner_id: plan.people[owner].id,
                    due_on: due,
                },
            )
            .await?;
        report.actions += 1;
        if due + Days::new(30) < today && !rng.gen_ratio(1, 25) {
            w.set_action_status(group, action, ActionStatus::Done, due).await?;
        } else {
            report.open_actions += 1;
        }
    }
    // A decision at every meeting; every sixth commissions work with member funds, carried by consensus (ToR §22).
    let funds = report.meetings.is_multiple_of(6);
    let base = members.len() as u32;
    w.add_decision(
        group,
        &DecisionInput {
            meeting_id: Some(meeting),
            agenda_item_id: Some(items[1]),
            decided_on: day,
            kind: if funds { DecisionKind::CommissionFunds } else { DecisionKind::General },
            text: if funds {
                "Commission a short study, funded from techUK member funds.".into()
            } else {
                format!("Adopt the recommendation on the {}.", TOPICS[rng.gen_range(0..TOPICS.len())].to_lowercase())
            },
            in_favour: funds.then_some(base),
            base: funds.then_some(base),
            outcome: DecisionOutcome::Carried,
        },
    )
    .await?;
    report.decisions += 1;
    // Each January a position is proposed, with volunteers (ToR §23).
    if month.month() == 1 && members.len() >= 3 {
        let position = w
            .add_position(
                group,
                &PositionInput {
                    title: format!("Position on open standards, {}", day.year()),
                    summary: "Whether techUK should call for published, versioned interfaces.".into(),
                    proposed_on: day,
                },
            )
            .await?;
        for &p in members.iter().take(3) {
            w.volunteer(group, position, plan.people[p].id, day).await?;
        }
        report.positions += 1;
    }
    // Every third year in March a sub-group starts, created by a decision; it closes two years on.
    if month.month() == 3 {
        if let Some((sub, started)) = plan.open_subgroup
            && day >= add_months(started, 24)
        {
            w.close_subgroup(group, sub, day, "Its remit was completed and reported to the group.").await?;
            plan.open_subgroup = None;
        }
        if plan.open_subgroup.is_none() && day.year() % 3 == 0 && members.len() >= 3 {
            subgroup(w, plan, meeting, day, &members, report).await?;
        }
    }
    plan.meetings.push((meeting, day, items));
    Ok(())
}

async fn subgroup(w: &mut Writer, plan: &mut GroupPlan, meeting: i64, day: NaiveDate, members: &[usize], report: &mut ScaleReport) -> ApiResult<()> {
    let group = plan.id;
    let name = format!("{} sub-group {}", TOPICS[(report.subgroups as usize) % TOPICS.len()], day.year());
    let decision = w
        .add_decision(
            group,
            &DecisionInput {
                meeting_id: Some(meeting),
                agenda_item_id: None,
                decided_on: day,
                kind: DecisionKind::General,
                text: format!("Create the {name} (ToR §18)."),
                in_favour: None,
                base: None,
                outcome: DecisionOutcome::Carried,
            },
        )
        .await?;
    report.decisions += 1;
    let id = w
        .add_subgroup(
            group,
            &SubgroupInput {
                name,
                remit: "Develop guidance for the group and report back.".into(),
                start: day,
                decision_id: Some(decision),
                meeting_id: Some(meeting),
                created_by: format!("Minute of {}", day.format("%-d %B %Y")),
            },
        )
        .await?;
    let place = |person_id, place, expertise: Vec<Expertise>| PlaceInput { person_id, place, expertise, expertise_note: String::new(), from: day };
    w.add_place(group, id, &place(plan.people[members[0]].id, Place::Lead, vec![])).await?;
    for &m in &members[1..3] {
        w.add_place(group, id, &place(plan.people[m].id, Place::Member, vec![])).await?;
    }
    // An invited expert from a company with no member.
    let held: BTreeSet<usize> = members.iter().copied().collect();
    if let Some(expert) = (0..plan.people.len()).find(|p| !held.contains(p) && plan.people[*p].employer >= 3) {
        w.add_place(group, id, &place(plan.people[expert].id, Place::Invitee, vec![Expertise::Data, Expertise::Api])).await?;
    }
    plan.open_subgroup = Some((id, day));
    report.subgroups += 1;
    Ok(())
}

/// The register's churn in a month: now and then someone changes employer (ToR §15),
/// someone new joins a company, or a stakeholder member stands down and is replaced.
async fn churn(w: &mut Writer, plan: &mut GroupPlan, month: NaiveDate, today: NaiveDate, rng: &mut StdRng, report: &mut ScaleReport) -> ApiResult<()> {
    let group = plan.id;
    let on = month + Days::new(14);
    if on >= today {
        return Ok(());
    }
    if rng.gen_ratio(1, 3) {
        // A company contact (not a member) moves to another company.
        let members: BTreeSet<usize> = plan.holders.values().map(|(p, _)| *p).collect();
        let movers: Vec<usize> = (0..plan.people.len()).filter(|p| !members.contains(p) && plan.people[*p].employer >= 3).collect();
        if let Some(&p) = movers.choose(rng) {
            let to = loop {
                let to = rng.gen_range(3..plan.orgs.len());
                if to != plan.people[p].employer {
                    break to;
                }
            };
            w.change_employer(group, plan.people[p].id, plan.orgs[to].0, on).await?;
            plan.people[p].employer = to;
            report.employer_changes += 1;
        }
    }
    if rng.gen_ratio(1, 4) {
        let org = rng.gen_range(3..plan.orgs.len());
        new_person(w, plan, org, on, rng, report).await?;
    }
    if month.month() == 7 && rng.gen_ratio(1, 3) {
        // A stakeholder member stands down; another from a body is appointed for a full term.
        let seat = plan.stakeholder_seats[rng.gen_range(0..plan.stakeholder_seats.len())];
        let Some(&(holder, stops)) = plan.holders.get(&seat) else { return Ok(()) };
        let leaving = on + Days::new(7);
        if stops > leaving + Days::new(60)
            && let Some(&term) = plan.stakeholder_terms.get(&seat)
        {
            w.end_term(group, term, leaving, EndReason::Resigned, "").await?;
            plan.busy_until.insert(holder, leaving);
            if let Some(next) = plan.free_stakeholder(leaving, holder) {
                let term = w.start_term(group, seat, plan.people[next].id, leaving, Obtained::Appointment).await?;
                plan.stakeholder_terms.insert(seat, term);
                plan.holders.insert(seat, (next, add_months(leaving, 24)));
                plan.busy_until.insert(next, add_months(leaving, 24));
                report.terms += 1;
            } else {
                plan.holders.remove(&seat);
            }
        }
    }
    Ok(())
}

/// At the end of a cycle each stakeholder member is re-appointed (now and then a new one).
async fn renew_stakeholders(
    w: &mut Writer,
    plan: &mut GroupPlan,
    cycle_end: NaiveDate,
    today: NaiveDate,
    rng: &mut StdRng,
    report: &mut ScaleReport,
) -> ApiResult<()> {
    let group = plan.id;
    for &seat in &plan.stakeholder_seats.clone() {
        let Some(&(holder, stops)) = plan.holders.get(&seat) else { continue };
        if stops > cycle_end || stops > today {
            continue; // replaced mid-cycle: their term runs on
        }
        let next = if rng.gen_ratio(1, 4) { plan.free_stakeholder(stops, holder).unwrap_or(holder) } else { holder };
        let term = w.start_term(group, seat, plan.people[next].id, stops, Obtained::Appointment).await?;
        plan.stakeholder_terms.insert(seat, term);
        plan.holders.insert(seat, (next, add_months(stops, 24)));
        plan.busy_until.insert(next, add_months(stops, 24));
        report.terms += 1;
    }
    Ok(())
}

/// The supplier seats' election at the end of a cycle (ToR §14): the call, nominations
/// (most members stand again, ToR §16, with newcomers from companies not represented), and —
/// when its declaration is past — the vote: electors, numbered papers, 30–60 returned papers
/// entered and verified, the spares marked unused. Returns the election to count, or `None`
/// when it is still taking nominations today.
async fn election(
    w: &mut Writer,
    plan: &mut GroupPlan,
    cycle_end: NaiveDate,
    today: NaiveDate,
    rng: &mut StdRng,
    report: &mut ScaleReport,
) -> ApiResult<Option<i64>> {
    let group = plan.id;
    let call = cycle_end - Days::new(75);
    let close = cycle_end - Days::new(45);
    let poll_closes = cycle_end - Days::new(20);
    let declared = cycle_end - Days::new(14);
    let input = ElectionInput {
        title: format!("Election to the supplier seats — {}", call.format("%B %Y")),
        fills: ElectionFor::Seats { seat_kind: SeatKind::Supplier, seat_ids: plan.supplier_seats.clone() },
        call_issued_on: call,
        nominations_close: close,
        returning_officer: "Programme Manager (synthetic)".into(),
    };
    let election = w.create_election(group, &input).await?;
    let incumbents = plan.supplier_members();
    let represented: BTreeSet<usize> = incumbents.iter().map(|&p| plan.people[p].employer).collect();
    let mut standing: Vec<usize> = incumbents.iter().copied().filter(|_| !rng.gen_ratio(1, 5)).collect();
    // Newcomers, one per company not represented, SMEs first so ToR §13 can be met: eleven stand for eight seats.
    let mut companies: Vec<usize> = (3..27).filter(|o| !represented.contains(o)).collect();
    companies.shuffle(rng);
    companies.sort_by_key(|&o| !plan.orgs[o].1);
    for org in companies {
        if standing.len() >= 11 {
            break;
        }
        if let Some(p) = (0..plan.people.len()).find(|&p| plan.people[p].employer == org) {
            standing.push(p);
        }
    }
    let mut nominations = Vec::new();
    for (k, &p) in standing.iter().enumerate() {
        let person = &plan.people[p];
        let nomination = NominationInput {
            person_id: person.id,
            organisation_id: Some(plan.orgs[person.employer].0),
            proposer: "A fellow member (synthetic)".into(),
            statement: format!("{} would bring experience of interoperability projects.", person.name),
            received_on: call + Days::new(2 + k as u64),
        };
        nominations.push(w.add_nomination(group, election, &nomination).await?);
        report.nominations += 1;
    }
    w.set_method(group, election, Method::ScottishStv).await?;
    if today <= declared {
        report.open_elections += 1;
        return Ok(None);
    }
    // The electorate: the members and the member companies' contacts (ToR §14's member vote).
    let mut electors: Vec<i64> = plan.people.iter().filter(|p| plan.orgs[p.employer].2 == TechukStatus::Member).map(|p| p.id).collect();
    electors.shuffle(rng);
    electors.truncate(rng.gen_range(34..=64));
    w.open_voting(group, election, &electors, poll_closes).await?;
    let printed = w.print_papers(group, election, electors.len() as u32 + 2).await?;
    for &e in &electors {
        w.issue_paper(group, election, e).await?;
    }
    // Most papers come back; now and then one without a first preference.
    let returned = (electors.len() * rng.gen_range(85..=95) / 100).clamp(30, 60);
    let popularity: Vec<u32> = (0..nominations.len()).map(|k| if k < incumbents.len() { 3 } else { 2 }).collect();
    for serial in printed.iter().take(returned) {
        let rejection = rng.gen_ratio(1, 40);
        let mut order: Vec<usize> = (0..nominations.len()).collect();
        order.sort_by_cached_key(|&k| std::cmp::Reverse(rng.gen_range(0..100) * popularity[k]));
        let ranked = rng.gen_range(2..=nominations.len().min(6));
        let choices = if rejection { vec![] } else { order.iter().take(ranked).enumerate().map(|(r, &k)| (nominations[k], r as u32 + 1)).collect() };
        let paper = ReturnedPaperInput {
            serial: Some(*serial),
            choices,
            rejection: rejection.then_some(Rejection::NoFirstPreference),
            entered_by: "Programme Manager (synthetic)".into(),
        };
        let id = w.enter_paper(group, election, &paper).await?;
        w.verify_paper(group, election, id, "A second counter (synthetic)").await?;
        report.returned_papers += 1;
    }
    let spares: Vec<u32> = printed[electors.len()..].to_vec();
    w.mark_unused(group, election, &spares).await?;
    Ok(Some(election))
}
