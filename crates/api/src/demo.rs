//! The demo group: a fictional but realistic working group so a newcomer sees a
//! living app. Every person and supplier company here is invented; the
//! stakeholder bodies are the ones the Terms of Reference name (ToR §11).
//! All dates are placed relative to "today", so the demo always looks current.

use crate::error::{ApiError, ApiResult, ErrorKind};
use chrono::{Datelike, Months, NaiveDate, Weekday};
use secretariat_documents::Documents;
use secretariat_rules::elections::{Ballot, Candidate, Constraints, Election, Method, Rejection, SeededLot, count};
use secretariat_rules::tor::s12_s16_elections::organisation_key;
use secretariat_rules::{ManagerStatus, Obtained, Role, SeatKind, TechukStatus, Template};
use secretariat_store::{
    AgendaItemInput, ElectionFor, ElectionInput, MeetingInput, NominationInput, OrganisationInput, Outcome, PersonInput, Purpose, ReturnedPaperInput, Store,
    Writer,
};

pub const DEMO_GROUP_NAME: &str = "Demo — Interoperability for Policing WG (fictional)";

struct Org {
    name: &'static str,
    status: TechukStatus,
    sme: bool,
    sector: &'static str,
    domain: &'static str,
}

const ORGS: [Org; 11] = [
    Org { name: "National Policing Interoperability Programme", status: TechukStatus::NotMember, sme: false, sector: "Policing", domain: "npip.example" },
    Org { name: "Home Office", status: TechukStatus::NotMember, sme: false, sector: "Government", domain: "homeoffice.example" },
    Org { name: "Police ICT Company", status: TechukStatus::NotMember, sme: false, sector: "Policing", domain: "pictco.example" },
    Org { name: "Brightwater Systems Ltd", status: TechukStatus::Member, sme: false, sector: "Records management", domain: "brightwater.example" },
    Org { name: "Kestrel Data Ltd", status: TechukStatus::Member, sme: true, sector: "Data platforms", domain: "kestreldata.example" },
    Org { name: "Oakridge Analytics Ltd", status: TechukStatus::Member, sme: true, sector: "Analytics", domain: "oakridge.example" },
    Org { name: "Tessellate Software plc", status: TechukStatus::Member, sme: false, sector: "Command and control", domain: "tessellate.example" },
    Org { name: "Harbourline Technologies Ltd", status: TechukStatus::Member, sme: false, sector: "Digital evidence", domain: "harbourline.example" },
    Org { name: "Corvid Integration Ltd", status: TechukStatus::Member, sme: false, sector: "Integration", domain: "corvid.example" },
    Org { name: "Meridian Public Safety Solutions Ltd", status: TechukStatus::Member, sme: false, sector: "Case management", domain: "meridian.example" },
    Org { name: "Lumen Case Systems Ltd", status: TechukStatus::Applying, sme: false, sector: "Custody", domain: "lumencase.example" },
];

struct Member {
    name: &'static str,
    email_local: &'static str,
    job_title: &'static str,
    manager: ManagerStatus,
    org: usize,
    kind: SeatKind,
    /// Months before today that the current term started.
    term_began_months_ago: u32,
}

const MEMBERS: [Member; 12] = [
    Member {
        name: "Dr Helen Marsh",
        email_local: "helen.marsh",
        job_title: "Programme Director",
        manager: ManagerStatus::Yes,
        org: 0,
        kind: SeatKind::Stakeholder,
        term_began_months_ago: 14,
    },
    Member {
        name: "Rajesh Kumar",
        email_local: "rajesh.kumar",
        job_title: "Head of Police Technology Policy",
        manager: ManagerStatus::Yes,
        org: 1,
        kind: SeatKind::Stakeholder,
        term_began_months_ago: 9,
    },
    Member {
        name: "Siobhan Gallagher",
        email_local: "siobhan.gallagher",
        job_title: "National Standards Lead",
        manager: ManagerStatus::Yes,
        org: 2,
        kind: SeatKind::Stakeholder,
        term_began_months_ago: 22,
    },
    Member {
        name: "Marcus Oyelaran",
        email_local: "marcus.oyelaran",
        job_title: "Data Quality & Standards Lead",
        manager: ManagerStatus::Yes,
        org: 0,
        kind: SeatKind::Stakeholder,
        term_began_months_ago: 5,
    },
    Member {
        name: "Zoë Ó'Brien",
        email_local: "zoe.obrien",
        job_title: "Chief Technology Officer",
        manager: ManagerStatus::Yes,
        org: 4,
        kind: SeatKind::Supplier,
        term_began_months_ago: 23,
    },
    Member {
        name: "Tomasz Nowak",
        email_local: "tomasz.nowak",
        job_title: "Head of Integration",
        manager: ManagerStatus::Yes,
        org: 5,
        kind: SeatKind::Supplier,
        term_began_months_ago: 11,
    },
    Member {
        name: "Priya Raman",
        email_local: "priya.raman",
        job_title: "Solutions Architect",
        manager: ManagerStatus::Unknown,
        org: 3,
        kind: SeatKind::Supplier,
        term_began_months_ago: 17,
    },
    Member {
        name: "Gareth Llewellyn",
        email_local: "gareth.llewellyn",
        job_title: "Director of Public Safety",
        manager: ManagerStatus::Yes,
        org: 6,
        kind: SeatKind::Supplier,
        term_began_months_ago: 7,
    },
    Member {
        name: "Amara Okafor",
        email_local: "amara.okafor",
        job_title: "Product Manager, Evidence",
        manager: ManagerStatus::Yes,
        org: 7,
        kind: SeatKind::Supplier,
        term_began_months_ago: 20,
    },
    Member {
        name: "Fiona MacLeod",
        email_local: "fiona.macleod",
        job_title: "Integration Practice Lead",
        manager: ManagerStatus::Yes,
        org: 8,
        kind: SeatKind::Supplier,
        term_began_months_ago: 3,
    },
    Member {
        name: "Daniel Whitfield",
        email_local: "daniel.whitfield",
        job_title: "Head of Policing Accounts",
        manager: ManagerStatus::Yes,
        org: 9,
        kind: SeatKind::Supplier,
        term_began_months_ago: 13,
    },
    Member {
        name: "Mei Lin Chen",
        email_local: "meilin.chen",
        job_title: "Engineering Manager",
        manager: ManagerStatus::Yes,
        org: 10,
        kind: SeatKind::Supplier,
        term_began_months_ago: 1,
    },
];

fn months_before(date: NaiveDate, months: u32) -> NaiveDate {
    date.checked_sub_months(Months::new(months)).expect("demo dates are in range")
}

/// The second Tuesday of the month `date` falls in: the demo group's meeting day (ToR §19).
fn second_tuesday(date: NaiveDate) -> NaiveDate {
    NaiveDate::from_weekday_of_month_opt(date.year(), date.month(), Weekday::Tue, 2).expect("every month has two Tuesdays")
}

/// The subjects the demo group discusses.
const TOPICS: [&str; 12] = [
    "National data standards roadmap",
    "API gateway pilot with two forces",
    "Custody data exchange specification",
    "Supplier survey on interoperability",
    "Digital evidence sharing standards",
    "Records management data model",
    "Command and control integration",
    "Procurement guidance on open standards",
    "Identity and access federation",
    "Case file exchange with the CPS",
    "Data quality metrics",
    "Annual report to the Board",
];

fn paper(documents: &Documents, title: &str, pages: usize) -> ApiResult<Vec<u8>> {
    documents.sample_paper(title, "The secretariat", pages).map_err(|e| ApiError::new(ErrorKind::Internal, format!("A demo paper could not be made: {e}")))
}

/// Loads the demo group in one transaction and returns its id.
pub async fn load(store: &Store, documents: &Documents, today: NaiveDate) -> ApiResult<i64> {
    if store.groups().await?.iter().any(|g| g.name == DEMO_GROUP_NAME) {
        return Err(ApiError::new(ErrorKind::AlreadyExists, "The demo group is already loaded; pick it in the group switcher."));
    }
    let mut w = store.begin().await?;
    let group = w.create_group(DEMO_GROUP_NAME, Template::TechukInterop).await?;

    let mut org_ids = Vec::with_capacity(ORGS.len());
    for org in &ORGS {
        let applying = org.status == TechukStatus::Applying;
        let id = w
            .add_organisation(
                group,
                &OrganisationInput {
                    name: org.name.to_owned(),
                    techuk_status: org.status,
                    applied_on: applying.then(|| months_before(today, 1)),
                    sme: org.sme,
                    sme_confirmed_on: org.sme.then(|| months_before(today, 4)),
                    sector: org.sector.to_owned(),
                },
            )
            .await?;
        org_ids.push(id);
    }

    let stakeholder_seats = w.seat_ids(group, SeatKind::Stakeholder).await?;
    let supplier_seats = w.seat_ids(group, SeatKind::Supplier).await?;
    let (mut next_stakeholder, mut next_supplier) = (stakeholder_seats.iter(), supplier_seats.iter());
    let mut people = Vec::with_capacity(MEMBERS.len());
    let mut elected_seat = None;
    let mut term_starts = Vec::with_capacity(MEMBERS.len());
    for member in &MEMBERS {
        let person = w
            .add_person(
                group,
                &PersonInput {
                    name: member.name.to_owned(),
                    email: format!("{}@{}", member.email_local, ORGS[member.org].domain),
                    job_title: member.job_title.to_owned(),
                    manager_status: member.manager,
                    sort_as: String::new(),
                },
            )
            .await?;
        let term_start = months_before(today, member.term_began_months_ago).with_day(1).expect("day 1 exists");
        term_starts.push(term_start);
        w.add_employment(group, person, org_ids[member.org], months_before(term_start, 30), None).await?;
        let seat = match member.kind {
            SeatKind::Stakeholder => next_stakeholder.next(),
            SeatKind::Supplier => next_supplier.next(),
        }
        .expect("the demo fills each seat once");
        let obtained = if member.kind == SeatKind::Stakeholder { Obtained::Appointment } else { Obtained::Election };
        if member.name == ELECTED_IN_DEMO {
            // Her seat is filled by the demo's past election, below.
            elected_seat = Some((*seat, term_start));
        } else {
            w.start_term(group, *seat, person, term_start, obtained).await?;
        }
        people.push(person);
    }

    // The SRO holds the first stakeholder seat (ToR §8, §11a); Chair and Vice-Chair are members (ToR §9).
    let agreed = "Agreed by the members at the meeting";
    w.appoint(group, Role::Sro, people[0], months_before(today, 14), "Agreed by members, stakeholders and national bodies").await?;
    w.appoint(group, Role::Chair, people[7], months_before(today, 7), agreed).await?;
    w.appoint(group, Role::ViceChair, people[5], months_before(today, 11), agreed).await?;

    // A stakeholder invited to attend regularly (ToR §12), who is not a member.
    let invitee = w
        .add_person(
            group,
            &PersonInput {
                name: "Chief Inspector Ruth Adebayo".into(),
                email: "ruth.adebayo@constabulary.example".into(),
                job_title: "Force Information Management Lead".into(),
                manager_status: ManagerStatus::Yes,
                sort_as: String::new(),
            },
        )
        .await?;
    w.add_invitee(group, invitee, months_before(today, 6), "Invited by the group to attend regularly").await?;

    // A year of monthly meetings (ToR §19) and the next two, each agenda with its
    // standard items plus two of the group's own, with papers.
    let presenters = [people[7], people[4], people[5], people[1], people[8]];
    let mut held: Vec<(i64, NaiveDate, Vec<i64>)> = Vec::new();
    for offset in -12i32..=2 {
        let month =
            if offset < 0 { months_before(today, offset.unsigned_abs()) } else { today.checked_add_months(Months::new(offset as u32)).expect("in range") };
        let day = second_tuesday(month);
        let meeting = w
            .add_meeting(
                group,
                &MeetingInput {
                    title: format!("Working group meeting — {}", day.format("%B %Y")),
                    starts_at: day.and_hms_opt(14, 0, 0).expect("valid time"),
                    ends_at: day.and_hms_opt(16, 0, 0).expect("valid time"),
                    venue: if offset % 3 == 0 { "techUK offices, London".into() } else { String::new() },
                    online_link: "https://meet.example/interop-wg".into(),
                    compulsory: true,
                },
            )
            .await?;
        let n = (offset + 12) as usize;
        let mut topic_items = Vec::new();
        for (k, (title, purpose, minutes)) in
            [(TOPICS[n % TOPICS.len()], Purpose::Discussion, 30u32), (TOPICS[(n + 5) % TOPICS.len()], Purpose::Decision, 25)].into_iter().enumerate()
        {
            let item = w
                .add_agenda_item(
                    group,
                    meeting,
                    &AgendaItemInput { title: title.to_owned(), purpose, presenter_id: Some(presenters[(n + k) % presenters.len()]), minutes, private: false },
                )
                .await?;
            topic_items.push(item);
            // Papers for the meetings that have one circulated, and for the next.
            if offset <= 1 {
                let bytes = paper(documents, title, 1 + (n + k) % 3)?;
                let pages = secretariat_documents::check_paper(&bytes, usize::MAX).map_err(|e| ApiError::new(ErrorKind::Internal, e.to_string()))?.pages;
                w.add_paper(group, item, &format!("{title}: paper"), &format!("{}.pdf", title.to_lowercase().replace(' ', "-")), &bytes, pages as u32).await?;
            }
        }
        if day < today {
            w.publish(group, meeting, secretariat_rules::meetings::publication_deadline(day, 7)).await?;
            held.push((meeting, day, topic_items));
        }
    }
    let members: Vec<(i64, NaiveDate)> = people.iter().copied().zip(term_starts.iter().copied()).collect();
    meeting_records(&mut w, group, today, &held, &members, invitee).await?;
    let (seat, term_start) = elected_seat.expect("the demo's elected member is in MEMBERS");
    let fiona = people[MEMBERS.iter().position(|m| m.name == ELECTED_IN_DEMO).expect("listed")];
    let electors: Vec<i64> = people.iter().copied().filter(|&p| p != fiona).collect();
    past_election(&mut w, group, seat, fiona, org_ids[8], term_start, &electors).await?;
    open_election(&mut w, group, supplier_seats[0], people[4], org_ids[4], today).await?;
    let data_subgroup = subgroups(&mut w, documents, group, today, &people).await?;
    work(&mut w, group, today, &people, data_subgroup).await?;
    w.commit().await?;
    Ok(group)
}

/// What happened at the demo's past meetings: attendance (one member at the ToR §17
/// threshold this year), minutes approved at the following meeting (one item held in
/// private, ToR §21), actions, two decisions (ToR §22) and a position gathering
/// volunteers (ToR §23–§24).
async fn meeting_records(
    w: &mut Writer,
    group: i64,
    today: NaiveDate,
    held: &[(i64, NaiveDate, Vec<i64>)],
    members: &[(i64, NaiveDate)],
    invitee: i64,
) -> ApiResult<()> {
    use secretariat_rules::tor::s17_attendance::Presence;
    use secretariat_store::{ActionInput, ActionStatus, AttendanceInput, Capacity, DecisionInput, DecisionKind, DecisionOutcome, PositionInput};
    let priya = members[6].0;
    let daniel = members[10].0;
    let recent: Vec<i64> = held.iter().rev().take(2).map(|h| h.0).collect();
    for (i, (meeting, day, items)) in held.iter().enumerate() {
        let mut rows: Vec<AttendanceInput> = members
            .iter()
            .filter(|(_, start)| start <= day)
            .map(|&(person_id, _)| {
                let presence = if person_id == priya && recent.contains(meeting) {
                    if Some(meeting) == recent.first() { Presence::Absent } else { Presence::Apologies }
                } else if person_id == daniel && i == 3 {
                    Presence::Apologies
                } else {
                    Presence::Present
                };
                AttendanceInput { person_id, capacity: Capacity::Member, presence, online: i % 2 == 1, substitute: String::new() }
            })
            .collect();
        if let Some(row) = rows.iter_mut().find(|r| r.person_id == daniel && r.presence == Presence::Apologies) {
            row.substitute = "Sam Patel (Meridian)".into();
        }
        if i % 3 == 0 {
            rows.push(AttendanceInput {
                person_id: invitee,
                capacity: Capacity::Invitee,
                presence: Presence::Present,
                online: false,
                substitute: String::new(),
            });
        }
        w.set_attendance(group, *meeting, &rows).await?;
        let private = i + 3 == held.len();
        for (k, item) in items.iter().enumerate() {
            if private && k == 1 {
                w.hold_in_private(group, *meeting, *item, "Gareth Llewellyn", true).await?;
            } else {
                let notes = if k == 0 {
                    "The group discussed the paper. Members agreed the direction of travel and asked for a fuller draft next month.\nStakeholders stressed the need to align with national standards."
                } else {
                    "The group considered the options set out in the paper and agreed the recommendation."
                };
                w.save_item_notes(group, *meeting, *item, notes).await?;
            }
        }
        if i + 4 >= held.len() {
            let owner = members[(i * 5 + 4) % members.len()].0;
            let action = w
                .add_action(
                    group,
                    &ActionInput {
                        meeting_id: *meeting,
                        agenda_item_id: items.first().copied(),
                        description: format!("Circulate a revised draft after the meeting of {}", day.format("%-d %B")),
                        owner_id: owner,
                        due_on: *day + chrono::Days::new(21),
                    },
                )
                .await?;
            if i + 2 < held.len() {
                w.set_action_status(group, action, ActionStatus::Done, *day + chrono::Days::new(18)).await?;
            }
        }
        if i > 0 {
            // Approved at this meeting: the previous meeting's minutes.
            w.approve_minutes(group, held[i - 1].0, *meeting, if i == 2 { "Item 2: the supplier survey closes in March, not April." } else { "" }).await?;
        }
    }
    let (last, last_day, last_items) = held.last().expect("a year of meetings");
    w.add_decision(
        group,
        &DecisionInput {
            meeting_id: Some(*last),
            agenda_item_id: last_items.get(1).copied(),
            decided_on: *last_day,
            kind: DecisionKind::CommissionFunds,
            text: "Commission an independent survey of forces' integration costs, funded from techUK member funds.".into(),
            in_favour: Some(10),
            base: Some(12),
            outcome: DecisionOutcome::Carried,
        },
    )
    .await?;
    w.add_decision(
        group,
        &DecisionInput {
            meeting_id: Some(*last),
            agenda_item_id: last_items.first().copied(),
            decided_on: *last_day,
            kind: DecisionKind::General,
            text: "Adopt the data standards roadmap as the group's working plan for the coming year.".into(),
            in_favour: None,
            base: None,
            outcome: DecisionOutcome::Carried,
        },
    )
    .await?;
    let position = w
        .add_position(
            group,
            &PositionInput {
                title: "Open API standards for policing systems".into(),
                summary: "Whether techUK should call for open, published APIs as a condition of national frameworks.".into(),
                proposed_on: *last_day,
            },
        )
        .await?;
    for &(person, _) in members.iter().skip(4).take(4) {
        w.volunteer(group, position, person, *last_day).await?;
    }
    w.add_viewpoint(group, position, "Some suppliers favour a single national API standard, published and versioned openly.").await?;
    w.add_viewpoint(group, position, "Others prefer local adapters, citing the cost of re-engineering systems already in service.").await?;
    let _ = today;
    Ok(())
}

/// The member whose seat the demo's past election filled.
const ELECTED_IN_DEMO: &str = "Fiona MacLeod";

async fn new_nominee(w: &mut Writer, group: i64, name: &str, email: &str, org: &str, sme: bool, since: NaiveDate) -> ApiResult<(i64, i64)> {
    let org = w
        .add_organisation(
            group,
            &OrganisationInput {
                name: org.to_owned(),
                techuk_status: TechukStatus::Member,
                applied_on: None,
                sme,
                sme_confirmed_on: sme.then_some(since),
                sector: "Integration".into(),
            },
        )
        .await?;
    let person = w
        .add_person(
            group,
            &PersonInput {
                name: name.to_owned(),
                email: email.to_owned(),
                job_title: "Director".into(),
                manager_status: ManagerStatus::Yes,
                sort_as: String::new(),
            },
        )
        .await?;
    w.add_employment(group, person, org, since, None).await?;
    Ok((person, org))
}

/// A contested election, counted by STV and declared, that opened Fiona MacLeod's term (ToR §14).
async fn past_election(w: &mut Writer, group: i64, seat: i64, fiona: i64, corvid: i64, term_start: NaiveDate, electors: &[i64]) -> ApiResult<()> {
    let call = term_start - chrono::Days::new(49);
    let close = term_start - chrono::Days::new(28);
    let input = ElectionInput {
        title: format!("Election to a supplier seat — {}", call.format("%B %Y")),
        fills: ElectionFor::Seats { seat_kind: SeatKind::Supplier, seat_ids: vec![seat] },
        call_issued_on: call,
        nominations_close: close,
        returning_officer: "Programme Manager, techUK".into(),
    };
    let election = w.create_election(group, &input).await?;
    let (owen, northgate) =
        new_nominee(w, group, "Owen Pritchard", "owen.pritchard@northgate.example", "Northgate Interop Ltd", false, months_before(call, 40)).await?;
    let (leah, saltmarsh) =
        new_nominee(w, group, "Leah Banerjee", "leah.banerjee@saltmarsh.example", "Saltmarsh Digital Ltd", true, months_before(call, 30)).await?;
    let nomination = |person_id, organisation_id, proposer: &str, statement: &str, days: u64| NominationInput {
        person_id,
        organisation_id: Some(organisation_id),
        proposer: proposer.to_owned(),
        statement: statement.to_owned(),
        received_on: call + chrono::Days::new(days),
    };
    // Nominations in ballot order (alphabetical): Fiona MacLeod, Leah Banerjee, Owen Pritchard → by name: Fiona, Leah, Owen.
    let f = w
        .add_nomination(group, election, &nomination(fiona, corvid, "Gareth Llewellyn", "Integration practice lead; would chair the API sub-group.", 5))
        .await?;
    let l = w
        .add_nomination(group, election, &nomination(leah, saltmarsh, "Tomasz Nowak", "Runs a small data-exchange consultancy working with six forces.", 9))
        .await?;
    let o = w.add_nomination(group, election, &nomination(owen, northgate, "Daniel Whitfield", "Twenty years in police records systems.", 12)).await?;
    w.set_method(group, election, Method::ScottishStv).await?;
    w.open_voting(group, election, electors, close + chrono::Days::new(10)).await?;
    w.print_papers(group, election, electors.len() as u32 + 1).await?;
    for &e in electors {
        w.issue_paper(group, election, e).await?;
    }
    // Ten papers back of eleven issued; one rejected; the spare paper returned unused.
    let papers: [&[i64]; 10] = [&[f, l], &[f, o], &[f], &[l, f], &[l, o, f], &[o, l], &[o, f], &[f, l, o], &[l, f], &[]];
    for (i, prefs) in papers.iter().enumerate() {
        let choices: Vec<(i64, u32)> = prefs.iter().enumerate().map(|(k, &n)| (n, k as u32 + 1)).collect();
        let rejection = prefs.is_empty().then_some(Rejection::NoFirstPreference);
        let paper = ReturnedPaperInput { serial: Some(i as u32 + 1), choices, rejection, entered_by: "Programme Manager".into() };
        let id = w.enter_paper(group, election, &paper).await?;
        w.verify_paper(group, election, id, "Dr Helen Marsh").await?;
    }
    w.mark_unused(group, election, &[electors.len() as u32 + 1]).await?;
    // The count, as the app makes it: candidates in ballot order, the valid papers.
    let order = [f, l, o];
    let candidate = |name: &str, org: i64, sme: bool| Candidate { name: name.to_owned(), organisation: Some(organisation_key(org)), sme };
    let tally_input = Election {
        title: input.title.clone(),
        seats: 1,
        candidates: vec![candidate(ELECTED_IN_DEMO, corvid, false), candidate("Leah Banerjee", saltmarsh, true), candidate("Owen Pritchard", northgate, false)],
        withdrawn: vec![],
        ballots: papers
            .iter()
            .filter(|p| !p.is_empty())
            .map(|p| Ballot { weight: 1, preferences: p.iter().map(|n| order.iter().position(|x| x == n).expect("a nominee")).collect() })
            .collect(),
        constraints: Constraints { taken_organisations: vec![], one_per_organisation: true, sme_minimum: 0 },
    };
    let count = count(Method::ScottishStv, &tally_input, &mut SeededLot(7)).map_err(|e| ApiError::new(ErrorKind::Internal, e.to_string()))?;
    let winner = order[count.elected[0]];
    let explained = vec![
        "At the time, two continuing supplier members were from SMEs, as ToR §13 requires: no SME seat was reserved.".to_owned(),
        "No winner could come from a company already represented (ToR §14); none of the nominees' companies was.".to_owned(),
    ];
    w.record_count(group, election, &crate::elections::stored_count_json(count, explained)).await?;
    let declared = term_start - chrono::Days::new(14);
    w.declare(group, election, declared, Outcome::Elected, "Programme Manager, techUK").await?;
    let person = if winner == f {
        fiona
    } else if winner == l {
        leah
    } else {
        owen
    };
    w.start_term(group, seat, person, term_start, Obtained::Election).await?;
    Ok(())
}

/// An election in progress: Zoë Ó'Brien's term ends soon and she stands again (ToR §16).
async fn open_election(w: &mut Writer, group: i64, seat: i64, zoe: i64, kestrel: i64, today: NaiveDate) -> ApiResult<()> {
    let call = today - chrono::Days::new(7);
    let input = ElectionInput {
        title: format!("Election to a supplier seat — {}", today.format("%B %Y")),
        fills: ElectionFor::Seats { seat_kind: SeatKind::Supplier, seat_ids: vec![seat] },
        call_issued_on: call,
        nominations_close: today + chrono::Days::new(14),
        returning_officer: "Programme Manager, techUK".into(),
    };
    let election = w.create_election(group, &input).await?;
    let (ines, ferncliff) = new_nominee(w, group, "Ines Duarte", "ines.duarte@ferncliff.example", "Ferncliff Labs Ltd", true, months_before(call, 50)).await?;
    for (person, org, proposer, statement) in [
        (zoe, kestrel, "Fiona MacLeod", "Standing again: two years on the data standards roadmap."),
        (ines, ferncliff, "Amara Okafor", "Founder of an SME building open-standards connectors for forces."),
    ] {
        let input = NominationInput {
            person_id: person,
            organisation_id: Some(org),
            proposer: proposer.into(),
            statement: statement.into(),
            received_on: call + chrono::Days::new(2),
        };
        w.add_nomination(group, election, &input).await?;
    }
    Ok(())
}

/// Two sub-groups (ToR §18), each led by a member, with members and invited experts
/// (one expert in both: one person record), and their report-backs: one received with its
/// paper at a past meeting, one due at the next meeting and so on its agenda.
/// Returns the Data Standards sub-group, which takes on a horizon item (`work`).
async fn subgroups(w: &mut Writer, documents: &Documents, group: i64, today: NaiveDate, people: &[i64]) -> ApiResult<i64> {
    use secretariat_rules::tor::s18_subgroups::{Expertise, Place};
    use secretariat_store::{DecisionInput, DecisionKind, DecisionOutcome, PlaceInput, ReportBackInput, ReportPaper, SubgroupInput};
    // The demo's meetings, found by their dates (second Tuesdays, a year back and two ahead).
    let mut past = Vec::new();
    let mut next = None;
    for offset in -12i32..=2 {
        let month =
            if offset < 0 { months_before(today, offset.unsigned_abs()) } else { today.checked_add_months(Months::new(offset as u32)).expect("in range") };
        let day = second_tuesday(month);
        let Some(id) = w.meeting_id_on(group, day).await? else { continue };
        if day < today {
            past.push((id, day));
        } else if next.is_none() {
            next = Some(id);
        }
    }
    let [.., four_ago, _, two_ago, last] = past[..] else { return Err(ApiError::new(ErrorKind::Internal, "The demo needs a year of meetings.")) };
    let next = next.ok_or_else(|| ApiError::new(ErrorKind::Internal, "The demo needs a meeting to come."))?;
    let (marcus, tomasz, amara, fiona) = (people[3], people[5], people[8], people[9]);

    let northshire = w
        .add_organisation(
            group,
            &OrganisationInput {
                name: "Northshire Police".into(),
                techuk_status: TechukStatus::NotMember,
                applied_on: None,
                sme: false,
                sme_confirmed_on: None,
                sector: "Policing".into(),
            },
        )
        .await?;
    let crestline = w
        .add_organisation(
            group,
            &OrganisationInput {
                name: "Crestline Software Ltd".into(),
                techuk_status: TechukStatus::NotMember,
                applied_on: None,
                sme: true,
                sme_confirmed_on: None,
                sector: "API platforms".into(),
            },
        )
        .await?;
    let aisha = w
        .add_person(
            group,
            &PersonInput {
                name: "Dr Aisha Rahman".into(),
                email: "aisha.rahman@northshire.police.example".into(),
                job_title: "Head of Data Architecture".into(),
                manager_status: ManagerStatus::Yes,
                sort_as: String::new(),
            },
        )
        .await?;
    w.add_employment(group, aisha, northshire, months_before(today, 60), None).await?;
    let ben = w
        .add_person(
            group,
            &PersonInput {
                name: "Ben Carter".into(),
                email: "ben.carter@crestline.example".into(),
                job_title: "API Platform Lead".into(),
                manager_status: ManagerStatus::Unknown,
                sort_as: String::new(),
            },
        )
        .await?;
    w.add_employment(group, ben, crestline, months_before(today, 40), None).await?;
    // The standing invitee (ToR §12) is invited here too: the same person, found by her address.
    let ruth = w.same_person(group, "Chief Inspector Ruth Adebayo", "ruth.adebayo@constabulary.example").await?.expect("the demo's standing invitee");

    let place = |person_id, place, from, expertise: &[Expertise], note: &str| PlaceInput {
        person_id,
        place,
        expertise: expertise.to_vec(),
        expertise_note: note.to_owned(),
        from,
    };
    // Each sub-group was created by a decision of the group (ToR §18), in the register.
    let decision = |(meeting, on): (i64, NaiveDate), text: &str| DecisionInput {
        meeting_id: Some(meeting),
        agenda_item_id: None,
        decided_on: on,
        kind: DecisionKind::General,
        text: text.to_owned(),
        in_favour: None,
        base: None,
        outcome: DecisionOutcome::Carried,
    };
    let data_decision = w
        .add_decision(
            group,
            &decision(four_ago, "Create a Data Standards sub-group, led by Marcus Oyelaran, to develop a common custody data model (ToR §18)."),
        )
        .await?;
    let api_decision = w
        .add_decision(group, &decision(two_ago, "Create an API and Integration sub-group, led by Fiona MacLeod, to agree common API patterns (ToR §18)."))
        .await?;

    let data = w
        .add_subgroup(
            group,
            &SubgroupInput {
                name: "Data Standards sub-group".into(),
                remit: "Develop a common data model for custody and case-file exchange, and advise the group on the national data standards roadmap.".into(),
                start: four_ago.1,
                decision_id: Some(data_decision),
                meeting_id: Some(four_ago.0),
                created_by: "Minute 5.1".into(),
            },
        )
        .await?;
    w.add_place(group, data, &place(marcus, Place::Lead, four_ago.1, &[], "")).await?;
    w.add_place(group, data, &place(tomasz, Place::Member, four_ago.1, &[], "")).await?;
    w.add_place(group, data, &place(aisha, Place::Invitee, four_ago.1, &[Expertise::Data, Expertise::Architecture], "custody and case records")).await?;
    w.add_place(group, data, &place(ben, Place::Invitee, four_ago.1, &[Expertise::Api], "")).await?;
    let delivered = w
        .request_report_back(
            group,
            data,
            &ReportBackInput {
                topic: "Custody data model".into(),
                requested_on: four_ago.1,
                requested_at_meeting_id: Some(four_ago.0),
                due_meeting_id: two_ago.0,
            },
        )
        .await?;
    let title = "Custody data model: draft for comment";
    let bytes = paper(documents, title, 2)?;
    let pages = secretariat_documents::check_paper(&bytes, usize::MAX).map_err(|e| ApiError::new(ErrorKind::Internal, e.to_string()))?.pages as u32;
    let report = ReportPaper { title: title.into(), file_name: "custody-data-model.pdf".into(), bytes, pages };
    // After the pack went out (ToR §20: a week ahead), so it was circulated as a supplement.
    let received = two_ago.1 - chrono::Days::new(3);
    w.record_report(
        group,
        delivered,
        received,
        "The sub-group proposes a common custody data model (attached) and asks members to comment before the next meeting.",
        Some(&report),
    )
    .await?;

    let api = w
        .add_subgroup(
            group,
            &SubgroupInput {
                name: "API and Integration sub-group".into(),
                remit: "Agree common API patterns for force systems, and an integration test harness that forces and suppliers can share.".into(),
                start: two_ago.1,
                decision_id: Some(api_decision),
                meeting_id: Some(two_ago.0),
                created_by: "Minute 6.2".into(),
            },
        )
        .await?;
    w.add_place(group, api, &place(fiona, Place::Lead, two_ago.1, &[], "")).await?;
    w.add_place(group, api, &place(amara, Place::Member, two_ago.1, &[], "")).await?;
    w.add_place(group, api, &place(ben, Place::Invitee, two_ago.1, &[Expertise::Api, Expertise::Integration], "API gateways")).await?;
    w.add_place(group, api, &place(ruth, Place::Invitee, two_ago.1, &[Expertise::Integration], "force systems")).await?;
    w.request_report_back(
        group,
        api,
        &ReportBackInput { topic: "Common API patterns".into(), requested_on: last.1, requested_at_meeting_id: Some(last.0), due_meeting_id: next },
    )
    .await?;
    Ok(data)
}

/// The group's work (ToR §3, §5): each register in use, with fictional entries. One
/// consultation's deadline falls within 14 days, one concern has not been shared and one
/// horizon item has not been reviewed for months, so Home has something to show; one
/// concern was raised in confidence, so the digest has something to leave out.
async fn work(w: &mut Writer, group: i64, today: NaiveDate, people: &[i64], data_subgroup: i64) -> ApiResult<()> {
    use secretariat_rules::work::{HorizonKind, WorkKind, WorkStatus};
    use secretariat_store::{DeclarationInput, WorkEntryInput};
    let days = |n: i64| today - chrono::Duration::days(n);
    let ahead = |n: i64| today + chrono::Duration::days(n);
    let mut past = Vec::new();
    let mut next = None;
    for offset in -3i32..=2 {
        let month =
            if offset < 0 { months_before(today, offset.unsigned_abs()) } else { today.checked_add_months(Months::new(offset as u32)).expect("in range") };
        let day = second_tuesday(month);
        let Some(id) = w.meeting_id_on(group, day).await? else { continue };
        if day < today {
            past.push((id, day));
        } else if next.is_none() {
            next = Some(id);
        }
    }
    let last = *past.last().ok_or_else(|| ApiError::new(ErrorKind::Internal, "The demo needs a past meeting."))?;
    let next = next.ok_or_else(|| ApiError::new(ErrorKind::Internal, "The demo needs a meeting to come."))?;
    let (sro, marcus, tomasz, chair, amara) = (people[0], people[3], people[5], people[7], people[8]);
    let blank = |kind: WorkKind, title: &str, opened_on: NaiveDate| WorkEntryInput {
        kind,
        title: title.to_owned(),
        summary: String::new(),
        source: String::new(),
        horizon_kind: None,
        opened_on,
        owner_id: None,
        subgroup_id: None,
        deadline: None,
        response_paper_id: None,
        assessment: String::new(),
        outcome: String::new(),
        confidential: false,
    };

    // Consultations (ToR §3a): one open with its deadline near, one answered.
    let open = w
        .add_work_entry(
            group,
            &WorkEntryInput {
                summary: "Views on a common data standard for person and custody records exchanged between forces and national systems.".into(),
                source: "Home Office Police & Public Protection Technology".into(),
                owner_id: Some(chair),
                deadline: Some(ahead(10)),
                ..blank(WorkKind::Consultation, "Person and custody record exchange standard", days(30))
            },
        )
        .await?;
    w.add_work_agenda_item(group, open, next, Some(chair)).await?;
    let answered = w
        .add_work_entry(
            group,
            &WorkEntryInput {
                summary: "Draft interface standard for sharing digital evidence between forces and the Crown Prosecution Service.".into(),
                source: "Police ICT Company, National Standards".into(),
                owner_id: Some(marcus),
                deadline: Some(days(60)),
                ..blank(WorkKind::Consultation, "Digital evidence sharing interface, draft 0.9", days(120))
            },
        )
        .await?;
    w.set_work_status(group, answered, WorkStatus::Submitted, days(63), "The group's response sent by the programme manager").await?;

    // Concerns (ToR §3c): one not yet shared, one raised in confidence and shared.
    let unshared = w
        .add_work_entry(
            group,
            &WorkEntryInput {
                summary: "Suppliers report that the proposed per-transaction licence for the national integration gateway would price small suppliers out."
                    .into(),
                source: "Three supplier members".into(),
                ..blank(WorkKind::Concern, "Licensing model for the national integration gateway", days(12))
            },
        )
        .await?;
    w.add_work_agenda_item(group, unshared, next, None).await?;
    let confidential = w
        .add_work_entry(
            group,
            &WorkEntryInput {
                summary: "A supplier fears the regional custody procurement timetable leaves no time to test interfaces.".into(),
                source: "A supplier member, in confidence".into(),
                outcome: "Put to the National Data Quality & Standards Lead without naming the supplier.".into(),
                confidential: true,
                ..blank(WorkKind::Concern, "Regional custody procurement timetable", days(50))
            },
        )
        .await?;
    w.set_work_status(group, confidential, WorkStatus::Shared, days(40), "Shared in confidence").await?;

    // Horizon items (ToR §5a): one needing review, one being assessed by a sub-group, one case-law item watched.
    let stale = w
        .add_work_entry(
            group,
            &WorkEntryInput {
                horizon_kind: Some(HorizonKind::Regulation),
                source: "Draft code of practice, consultation paper ref. DCP-2026-04 (fictional)".into(),
                assessment: "Retention periods for biometric data may need new fields in custody exchange messages.".into(),
                owner_id: Some(tomasz),
                ..blank(WorkKind::Horizon, "Draft code of practice on biometric data retention", days(200))
            },
        )
        .await?;
    w.set_work_status(group, stale, WorkStatus::Assess, days(150), "Assessment started").await?;
    let assessed = w
        .add_work_entry(
            group,
            &WorkEntryInput {
                horizon_kind: Some(HorizonKind::Technology),
                source: "Supplier briefing, October".into(),
                owner_id: Some(amara),
                subgroup_id: Some(data_subgroup),
                ..blank(WorkKind::Horizon, "Verifiable credentials for officer identity across forces", days(70))
            },
        )
        .await?;
    w.set_work_status(group, assessed, WorkStatus::Assess, days(20), "Taken on by the Data Standards sub-group").await?;
    let item = w.add_work_agenda_item(group, assessed, last.0, Some(amara)).await?;
    w.add_work_entry(
        group,
        &WorkEntryInput {
            horizon_kind: Some(HorizonKind::CaseLaw),
            source: "Appeal judgment on disclosure of automated risk scores (fictional report ref. [2026] EWCA Crim 000)".into(),
            ..blank(WorkKind::Horizon, "Disclosure of automated risk scores to the defence", days(25))
        },
    )
    .await?;

    // Representation (ToR §3d, §5f).
    let represented = w
        .add_work_entry(
            group,
            &WorkEntryInput {
                summary: "Presented the group's view on common API patterns and the custody data model.".into(),
                source: "National Policing Digital Board, supplier session".into(),
                owner_id: Some(sro),
                outcome: "The Board asked for the custody data model to be shared with the national standards team.".into(),
                ..blank(WorkKind::Representation, "Supplier update to the National Policing Digital Board", days(35))
            },
        )
        .await?;
    w.set_work_status(group, represented, WorkStatus::Represented, days(35), "").await?;

    // Standing items at the next meeting draw from the registers (ToR §5a, §3a).
    for title in ["Horizon scanning", "Consultations"] {
        w.add_agenda_item(group, next, &AgendaItemInput { title: title.to_owned(), purpose: Purpose::Noting, presenter_id: None, minutes: 10, private: false })
            .await?;
    }

    // Declarations of interest at the last meeting, on the item the horizon entry was discussed at.
    w.declare_interest(
        group,
        &DeclarationInput {
            agenda_item_id: item,
            person_id: marcus,
            interest: true,
            nature: "His employer is piloting verifiable credentials with two forces".into(),
        },
        last.1,
    )
    .await?;
    for &person in &[chair, amara, tomasz] {
        w.declare_interest(group, &DeclarationInput { agenda_item_id: item, person_id: person, interest: false, nature: String::new() }, last.1).await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meetings_fall_on_the_second_tuesday() {
        let d = second_tuesday(NaiveDate::from_ymd_opt(2026, 12, 25).unwrap());
        assert_eq!(d, NaiveDate::from_ymd_opt(2026, 12, 8).unwrap());
        assert_eq!(d.weekday(), Weekday::Tue);
    }

    #[test]
    fn s13_s14_the_demo_has_two_sme_suppliers_and_one_member_per_supplier_company() {
        let supplier_orgs: Vec<usize> = MEMBERS.iter().filter(|m| m.kind == SeatKind::Supplier).map(|m| m.org).collect();
        assert_eq!(supplier_orgs.len(), 8);
        let mut unique = supplier_orgs.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), 8);
        assert_eq!(supplier_orgs.iter().filter(|&&o| ORGS[o].sme).count(), 2);
    }
}
