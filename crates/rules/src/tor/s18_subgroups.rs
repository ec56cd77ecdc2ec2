//! ToR §18: the working group may create sub-groups for issues that need more
//! detailed input. They are **led by working-group members**, and comprise —
//! where required — **invited individuals** from the wider supplier community and
//! customer base (data, architecture, integration and API technical authorities),
//! who hold no seat. The sub-group's chair **reports back** when requested.
//!
//! Here: who may take which place in a sub-group on a day ([`check_place`]), what
//! the rules find about the sub-groups on a day ([`findings`]: a lead who is no
//! longer a member means the sub-group needs a new lead), and where a requested
//! report-back stands ([`report_back_state`]).

use crate::Refusal;
use crate::findings::{Finding, Severity, Subject, uk_date};
use crate::register::{Day, Id};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The technical authorities ToR §18 names, and "other".
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Expertise {
    Data,
    Architecture,
    Integration,
    Api,
    Other,
}

impl Expertise {
    pub const ALL: [Expertise; 5] = [Expertise::Data, Expertise::Architecture, Expertise::Integration, Expertise::Api, Expertise::Other];

    pub fn as_str(self) -> &'static str {
        match self {
            Expertise::Data => "data",
            Expertise::Architecture => "architecture",
            Expertise::Integration => "integration",
            Expertise::Api => "api",
            Expertise::Other => "other",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|e| e.as_str() == text)
    }

    pub fn label(self) -> &'static str {
        match self {
            Expertise::Data => "Data",
            Expertise::Architecture => "Architecture",
            Expertise::Integration => "Integration",
            Expertise::Api => "API",
            Expertise::Other => "Other",
        }
    }
}

/// How someone belongs to a sub-group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Place {
    /// Leads it: a member of the working group (ToR §18).
    Lead,
    /// A member of the working group taking part.
    Member,
    /// An invited individual from outside the group: no seat (ToR §18).
    Invitee,
}

impl Place {
    pub fn as_str(self) -> &'static str {
        match self {
            Place::Lead => "lead",
            Place::Member => "member",
            Place::Invitee => "invitee",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        [Place::Lead, Place::Member, Place::Invitee].into_iter().find(|p| p.as_str() == text)
    }

    pub fn label(self) -> &'static str {
        match self {
            Place::Lead => "Lead",
            Place::Member => "Member",
            Place::Invitee => "Invited individual",
        }
    }
}

/// A person's place in a sub-group, from one day to another (inclusive; `to: None` while it lasts).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placement {
    pub person: Id,
    pub place: Place,
    pub from: NaiveDate,
    pub to: Option<NaiveDate>,
}

impl Placement {
    pub fn covers(&self, on: NaiveDate) -> bool {
        self.from <= on && self.to.is_none_or(|to| on <= to)
    }
}

/// A sub-group as the rules read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subgroup {
    pub id: Id,
    pub name: String,
    pub start: NaiveDate,
    /// The day it closed; from then on it needs nothing.
    pub closed: Option<NaiveDate>,
    pub places: Vec<Placement>,
}

impl Subgroup {
    pub fn active_on(&self, on: NaiveDate) -> bool {
        self.start <= on && self.closed.is_none_or(|closed| on < closed)
    }

    pub fn lead_on(&self, on: NaiveDate) -> Option<&Placement> {
        self.places.iter().find(|p| p.place == Place::Lead && p.covers(on))
    }
}

fn holds_seat(day: &Day<'_>, person: Id) -> bool {
    day.members.iter().any(|m| m.person.id == person)
}

fn name_of(day: &Day<'_>, person: Id) -> String {
    day.person(person).map_or_else(|| "That person".to_owned(), |p| p.name.clone())
}

/// Whether `person` may take `place` in a sub-group on `day.on`: a lead and a member must
/// hold a seat on the working group; an invited individual must not (ToR §18).
/// `Err` is the sentence to show at the field.
pub fn check_place(day: &Day<'_>, person: Id, place: Place) -> Result<(), Refusal> {
    let name = name_of(day, person);
    let member = holds_seat(day, person);
    match place {
        Place::Lead if !member => Err(Refusal::from(format!(
            "{name} holds no seat on the working group on {}; a sub-group is led by a member of the working group (ToR §18).",
            uk_date(day.on)
        ))),
        Place::Member if !member => Err(Refusal::from(format!(
            "{name} holds no seat on the working group on {}; add them as an invited individual instead (ToR §18).",
            uk_date(day.on)
        ))),
        Place::Invitee if member => Err(Refusal::from(format!(
            "{name} is a member of the working group; add them as a member of the sub-group — invited individuals hold no seat (ToR §18)."
        ))),
        _ => Ok(()),
    }
}

/// Why `person`, who holds no seat on `day`, is not a member, in a clause naming them, and since when.
fn not_a_member(day: &Day<'_>, person: Id, name: &str) -> (String, Option<NaiveDate>) {
    let last = day.register.terms.iter().filter(|t| t.person == person && t.stops() <= day.on).max_by_key(|t| t.stops());
    match last {
        Some(t) if t.ended_early.is_some_and(|early| early < t.end) => (format!("{name} left the working group on {}", uk_date(t.stops())), Some(t.stops())),
        Some(t) => (format!("{name}'s term on the working group ended on {}", uk_date(t.stops())), Some(t.stops())),
        None => (format!("{name} is not a member of the working group"), None),
    }
}

/// What ToR §18 asks of the sub-groups active on `day.on`: a lead who is a member of the
/// working group (a breach when there is none: the sub-group needs a new lead), a notice
/// when the lead's term is about to end, members who are members, and invited
/// individuals who hold no seat.
pub fn findings(day: &Day<'_>, subgroups: &[Subgroup]) -> Vec<Finding> {
    let mut out = Vec::new();
    let window = i64::from(day.settings().term_reminder_days);
    for sg in subgroups.iter().filter(|sg| sg.active_on(day.on)) {
        let about = Subject::subgroup(sg.id, &sg.name);
        match sg.lead_on(day.on) {
            None => {
                let since = sg.places.iter().filter(|p| p.place == Place::Lead).filter_map(|p| p.to).filter(|&to| to < day.on).max();
                let since = since.and_then(|to| to.succ_opt()).unwrap_or(sg.start).max(sg.start);
                out.push(
                    Finding::new(
                        Severity::Breach,
                        18,
                        format!("The {} sub-group has no lead; choose a member of the working group to lead it (ToR §18).", sg.name),
                    )
                    .about(about.clone())
                    .since(since),
                );
            }
            Some(lead) if !holds_seat(day, lead.person) => {
                let name = name_of(day, lead.person);
                let (why, since) = not_a_member(day, lead.person, &name);
                let mut finding = Finding::new(Severity::Breach, 18, format!("The {} sub-group needs a new lead: {why} (ToR §18).", sg.name))
                    .about(about.clone())
                    .about(Subject::person(lead.person, &name));
                if let Some(since) = since {
                    finding = finding.since(since);
                }
                out.push(finding);
            }
            Some(lead) => {
                // The lead's term ends soon and no later term follows it.
                let term = day.members.iter().find(|m| m.person.id == lead.person).map(|m| m.term);
                if let Some(term) = term {
                    let stops = term.stops();
                    let continues = day.register.terms.iter().any(|t| t.person == lead.person && t.runs_on(stops));
                    if !continues && (stops - day.on).num_days() <= window {
                        let name = name_of(day, lead.person);
                        out.push(
                            Finding::new(
                                Severity::Notice,
                                18,
                                format!(
                                    "{name} leads the {} sub-group and their term ends on {}; unless they are re-elected it will need a new lead (ToR §18).",
                                    sg.name,
                                    uk_date(stops)
                                ),
                            )
                            .about(about.clone())
                            .about(Subject::person(lead.person, &name))
                            .until(stops.pred_opt().unwrap_or(stops)),
                        );
                    }
                }
            }
        }
        for place in sg.places.iter().filter(|p| p.covers(day.on)) {
            let name = name_of(day, place.person);
            let member = holds_seat(day, place.person);
            match place.place {
                Place::Member if !member => out.push(
                    Finding::new(
                        Severity::Warning,
                        18,
                        format!(
                            "{name} is listed as a member of the {} sub-group but is no longer a member of the working group; invite them as an individual or end their place (ToR §18).",
                            sg.name
                        ),
                    )
                    .about(about.clone())
                    .about(Subject::person(place.person, &name)),
                ),
                Place::Invitee if member => out.push(
                    Finding::new(
                        Severity::Notice,
                        18,
                        format!(
                            "{name}, invited to the {} sub-group, now holds a seat on the working group; record them as a member of the sub-group (ToR §18).",
                            sg.name
                        ),
                    )
                    .about(about.clone())
                    .about(Subject::person(place.person, &name)),
                ),
                _ => {}
            }
        }
    }
    out
}

/// Where a requested report-back stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ReportBackState {
    /// Requested; the meeting it is due at has not happened yet (or is today).
    Due,
    /// The meeting it was due at has passed and no report was recorded.
    Overdue,
    Received,
    /// The group no longer wants it.
    Withdrawn,
}

/// A report-back is due at a meeting; after that day without a report it is overdue.
pub fn report_back_state(due_on: NaiveDate, received_on: Option<NaiveDate>, withdrawn_on: Option<NaiveDate>, today: NaiveDate) -> ReportBackState {
    match (received_on, withdrawn_on) {
        (Some(_), _) => ReportBackState::Received,
        (None, Some(_)) => ReportBackState::Withdrawn,
        (None, None) if today > due_on => ReportBackState::Overdue,
        (None, None) => ReportBackState::Due,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Severity::{Breach, Notice, Warning};
    use crate::register::ManagerStatus;
    use crate::tor::fixture::*;

    /// A sub-group started on 2026-02-01, led by `lead`, with the other places given.
    fn subgroup(lead: Option<Id>, others: &[(Id, Place)]) -> Subgroup {
        let mut places: Vec<Placement> = lead.map(|p| Placement { person: p, place: Place::Lead, from: d("2026-02-01"), to: None }).into_iter().collect();
        places.extend(others.iter().map(|&(person, place)| Placement { person, place, from: d("2026-02-01"), to: None }));
        Subgroup { id: 1, name: "Data standards".into(), start: d("2026-02-01"), closed: None, places }
    }

    fn of(f: &Fixture, sg: &Subgroup, on: &str) -> Vec<(Severity, String)> {
        findings(&f.register.on(d(on)), std::slice::from_ref(sg)).into_iter().map(|x| (x.severity, x.message)).collect()
    }

    #[test]
    fn s18_lead_must_be_a_member() {
        let mut f = Fixture::full();
        let member = f.person_id("Supplier 2");
        let outsider = f.person("Olu Outsider", ManagerStatus::Yes);
        let day = f.register.on(d("2026-06-01"));
        assert_eq!(check_place(&day, member, Place::Lead), Ok(()));
        let refused = check_place(&day, outsider, Place::Lead).unwrap_err();
        assert_eq!(
            refused,
            "Olu Outsider holds no seat on the working group on Mon 1 Jun 2026; a sub-group is led by a member of the working group (ToR §18)."
        );
        // Before a member's term begins they cannot lead either.
        let early = f.register.on(d("2025-12-31"));
        assert!(check_place(&early, member, Place::Lead).is_err());
    }

    #[test]
    fn s18_members_of_a_subgroup_hold_seats_and_others_are_invited() {
        let mut f = Fixture::full();
        let member = f.person_id("Stakeholder 3");
        let outsider = f.person("Olu Outsider", ManagerStatus::Unknown);
        let day = f.register.on(d("2026-06-01"));
        assert_eq!(check_place(&day, member, Place::Member), Ok(()));
        assert!(check_place(&day, outsider, Place::Member).unwrap_err().contains("add them as an invited individual instead (ToR §18)"));
    }

    #[test]
    fn s18_invitees_cannot_hold_seats() {
        let mut f = Fixture::full();
        let member = f.person_id("Supplier 5");
        let outsider = f.person("Ivy Invited", ManagerStatus::Unknown);
        let day = f.register.on(d("2026-06-01"));
        assert_eq!(check_place(&day, outsider, Place::Invitee), Ok(()));
        assert_eq!(
            check_place(&day, member, Place::Invitee).unwrap_err(),
            "Supplier 5 is a member of the working group; add them as a member of the sub-group — invited individuals hold no seat (ToR §18)."
        );
        // An invited individual later elected to a seat is flagged, not silently kept as an invitee.
        let sg = subgroup(Some(f.person_id("Supplier 1")), &[(outsider, Place::Invitee)]);
        assert_eq!(of(&f, &sg, "2026-06-01"), []);
        f.register.terms.retain(|t| t.person != member);
        f.term(9, outsider, "2026-07-01");
        assert_eq!(
            of(&f, &sg, "2026-07-01"),
            [(Notice, "Ivy Invited, invited to the Data standards sub-group, now holds a seat on the working group; record them as a member of the sub-group (ToR §18).".to_string())]
        );
    }

    #[test]
    fn s18_a_lead_whose_term_ended_means_the_subgroup_needs_a_new_lead() {
        let f = Fixture::full(); // every term 2026-01-01 → 2028-01-01
        let lead = f.person_id("Supplier 1");
        let sg = subgroup(Some(lead), &[]);
        assert_eq!(of(&f, &sg, "2026-06-01"), []);
        let after = findings(&f.register.on(d("2028-01-02")), std::slice::from_ref(&sg));
        assert_eq!(after.len(), 1);
        assert_eq!(after[0].severity, Breach);
        assert_eq!(
            after[0].message,
            "The Data standards sub-group needs a new lead: Supplier 1's term on the working group ended on Sat 1 Jan 2028 (ToR §18)."
        );
        assert_eq!(after[0].since, Some(d("2028-01-01")));
        assert_eq!(after[0].subjects[0], Subject::subgroup(1, "Data standards"));
    }

    #[test]
    fn s18_a_lead_who_left_early_means_the_subgroup_needs_a_new_lead() {
        let mut f = Fixture::full();
        let lead = f.person_id("Supplier 2");
        let term = f.register.terms.iter().find(|t| t.person == lead).unwrap().id;
        f.end_early(term, "2026-09-15");
        let sg = subgroup(Some(lead), &[]);
        assert_eq!(
            of(&f, &sg, "2026-10-01"),
            [(Breach, "The Data standards sub-group needs a new lead: Supplier 2 left the working group on Tue 15 Sep 2026 (ToR §18).".to_string())]
        );
    }

    #[test]
    fn s18_the_lead_s_term_ending_soon_is_noticed_unless_they_are_re_elected() {
        let mut f = Fixture::full();
        let lead = f.person_id("Supplier 3");
        let sg = subgroup(Some(lead), &[]);
        let notices = of(&f, &sg, "2027-12-01");
        assert_eq!(notices.len(), 1);
        assert_eq!(notices[0].0, Notice);
        assert!(notices[0].1.starts_with("Supplier 3 leads the Data standards sub-group and their term ends on Sat 1 Jan 2028"), "{notices:?}");
        f.term(7, lead, "2028-01-01");
        assert_eq!(of(&f, &sg, "2027-12-01"), []);
        assert_eq!(of(&f, &sg, "2028-02-01"), [], "re-elected (ToR §16): still a member, still the lead");
    }

    #[test]
    fn s18_a_subgroup_without_a_lead_needs_one() {
        let f = Fixture::full();
        let mut sg = subgroup(Some(f.person_id("Supplier 4")), &[]);
        sg.places[0].to = Some(d("2026-04-30"));
        let found = findings(&f.register.on(d("2026-06-01")), std::slice::from_ref(&sg));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].message, "The Data standards sub-group has no lead; choose a member of the working group to lead it (ToR §18).");
        assert_eq!(found[0].since, Some(d("2026-05-01")), "since the day after the last lead stepped down");
    }

    #[test]
    fn s18_a_member_who_left_the_group_is_flagged() {
        let mut f = Fixture::full();
        let member = f.person_id("Stakeholder 2");
        let term = f.register.terms.iter().find(|t| t.person == member).unwrap().id;
        f.end_early(term, "2026-05-01");
        let sg = subgroup(Some(f.person_id("Supplier 1")), &[(member, Place::Member)]);
        let found = of(&f, &sg, "2026-06-01");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].0, Warning);
        assert!(found[0].1.starts_with("Stakeholder 2 is listed as a member of the Data standards sub-group but is no longer a member"));
    }

    #[test]
    fn s18_a_closed_subgroup_or_one_not_yet_started_needs_nothing() {
        let f = Fixture::full();
        let mut sg = subgroup(None, &[]);
        assert_eq!(of(&f, &sg, "2026-01-15"), [], "not started");
        assert_eq!(of(&f, &sg, "2026-03-01").len(), 1, "no lead");
        sg.closed = Some(d("2026-03-01"));
        assert_eq!(of(&f, &sg, "2026-03-01"), []);
    }

    #[test]
    fn s18_a_report_back_is_overdue_once_its_meeting_has_passed() {
        let due = d("2026-12-08");
        let table = [
            (None, None, "2026-12-01", ReportBackState::Due),
            (None, None, "2026-12-08", ReportBackState::Due),
            (None, None, "2026-12-09", ReportBackState::Overdue),
            (Some(d("2026-12-20")), None, "2027-01-01", ReportBackState::Received),
            (None, Some(d("2026-11-20")), "2027-01-01", ReportBackState::Withdrawn),
        ];
        for (received, withdrawn, today, expected) in table {
            assert_eq!(report_back_state(due, received, withdrawn, d(today)), expected, "on {today}");
        }
    }
}
