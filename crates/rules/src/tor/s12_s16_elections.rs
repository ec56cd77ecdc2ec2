//! Elections under ToR §12–§16: which seats are vacancies, what constraints an
//! election must respect given the members who continue, and whether a
//! nomination is eligible.
//!
//! Constraints count the **continuing** members — those whose terms run on the
//! day the winners take their seats and whose seats are not being filled:
//! - ToR §13: at least `min_sme_suppliers` of the supplier members are from SMEs,
//!   so a supplier election must add the shortfall;
//! - ToR §14: one individual per techUK member company, so no winner may share an
//!   organisation with a continuing member or with another winner.

use crate::amendments::RuleSwitch;
use crate::elections::Constraints;
use crate::findings::uk_date;
use crate::register::{Day, Id, ManagerStatus, Organisation, Register, TechukStatus};
use crate::template::SeatKind;
use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

/// The key an organisation has in election constraints.
pub fn organisation_key(id: Id) -> String {
    format!("org-{id}")
}

/// A seat that is empty, or will be soon, and not already being filled.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Vacancy {
    pub seat_id: Id,
    pub kind: SeatKind,
    pub title: String,
    /// The first day the seat is (or will be) empty.
    pub from: NaiveDate,
    /// Why, in a sentence: "Term of Ada Byron ends on Tue 9 Dec 2026."
    pub reason: String,
}

/// Seats vacant on `on` or whose term stops within `horizon_days`, minus those in `being_filled`.
pub fn vacancies(register: &Register, on: NaiveDate, horizon_days: u32, being_filled: &[Id]) -> Vec<Vacancy> {
    let horizon = on + chrono::Days::new(u64::from(horizon_days));
    let name = |person: Id| register.people.iter().find(|p| p.id == person).map_or("its holder", |p| p.name.as_str());
    let mut out: Vec<Vacancy> = register
        .seats
        .iter()
        .filter(|seat| !being_filled.contains(&seat.id) && seat.open_on(on))
        .filter_map(|seat| {
            let terms: Vec<_> = register.terms.iter().filter(|t| t.seat == seat.id).collect();
            // A term running now, or starting later (already elected): the seat's last holder.
            let latest = terms.iter().filter(|t| t.stops() > on).max_by_key(|t| t.stops());
            let (from, reason) = match latest {
                Some(t) if t.stops() > horizon => return None,
                Some(t) if t.start > on => return None,
                Some(t) => (
                    t.stops(),
                    match t.ended_early {
                        Some(_) => format!("{}'s term ends early on {}.", name(t.person), uk_date(t.stops())),
                        None => format!("{}'s term ends on {}.", name(t.person), uk_date(t.stops())),
                    },
                ),
                None => match terms.iter().max_by_key(|t| t.stops()) {
                    Some(t) if t.ended_early.is_some() => (t.stops(), format!("Vacant since {}: {}'s term ended early.", uk_date(t.stops()), name(t.person))),
                    Some(t) => (t.stops(), format!("Vacant since {}, when {}'s term ended.", uk_date(t.stops()), name(t.person))),
                    None => (on, "Never filled.".to_owned()),
                },
            };
            Some(Vacancy { seat_id: seat.id, kind: seat.kind, title: seat.title.clone(), from, reason })
        })
        .collect();
    out.sort_by_key(|v| (v.kind == SeatKind::Stakeholder, v.from, v.seat_id));
    out
}

/// What an election must respect, and why, in sentences citing the ToR.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ElectionConstraints {
    pub constraints: Constraints,
    pub explained: Vec<String>,
}

/// The constraints on filling `seats_up` (seats of `kind`), from the members who
/// continue on `day` (the day the winners take their seats).
pub fn constraints(day: &Day<'_>, kind: SeatKind, seats_up: &[Id]) -> ElectionConstraints {
    if kind == SeatKind::Stakeholder {
        // §13 and §14's one-per-company rule are about the supplier community's seats.
        return ElectionConstraints {
            constraints: Constraints { taken_organisations: vec![], one_per_organisation: false, sme_minimum: 0 },
            explained: vec![],
        };
    }
    let continuing: Vec<_> = day.suppliers().filter(|m| !seats_up.contains(&m.seat.id)).collect();
    let one_per_company = day.settings().applies(RuleSwitch::OnePerCompany);
    let mut taken: Vec<String> = Vec::new();
    let mut explained = Vec::new();
    for m in continuing.iter().filter(|_| one_per_company) {
        if let Some(org) = m.employer {
            let key = organisation_key(org.id);
            if !taken.contains(&key) {
                taken.push(key);
                explained.push(format!("No winner may come from {}: {} continues as a member (ToR §14).", org.name, m.person.name));
            }
        }
    }
    let continuing_smes = continuing.iter().filter(|m| m.employer.is_some_and(|o| day.sme(o))).count() as u32;
    let required = if day.settings().applies(RuleSwitch::SmeMinimum) { day.settings().min_sme_suppliers } else { 0 };
    let sme_minimum = required.saturating_sub(continuing_smes).min(seats_up.len() as u32) as usize;
    if sme_minimum > 0 {
        explained.push(format!(
            "At least {sme_minimum} of the winners must be from an SME: {continuing_smes} continuing supplier member{} from SMEs, and at least {required} are required (ToR §13).",
            if continuing_smes == 1 { " is" } else { "s are" },
        ));
        if sme_minimum == seats_up.len() {
            explained.push(format!(
                "So a nominee who is not from an SME cannot be elected: {} must go to SME nominees (ToR §13).",
                if seats_up.len() == 1 { "the seat".to_owned() } else { format!("all {} seats", seats_up.len()) }
            ));
        }
    }
    if one_per_company {
        explained.push("No two winners may come from the same organisation (ToR §14).".to_owned());
    }
    ElectionConstraints { constraints: Constraints { taken_organisations: taken, one_per_organisation: one_per_company, sme_minimum }, explained }
}

/// How serious a problem with a nomination is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Eligibility {
    /// The nomination cannot stand.
    Ineligible,
    /// It may stand; the secretariat should know.
    Warning,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct NominationCheck {
    pub level: Eligibility,
    /// The field it concerns: "organisation_id" or "person_id".
    pub field: String,
    pub message: String,
}

/// What an election fills, for the eligibility checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fills<'a> {
    Seats {
        kind: SeatKind,
        seats_up: &'a [Id],
    },
    /// Chair or Vice-Chair: candidates are members of the group.
    Role,
}

/// Checks one nomination against the register on `day` (the day seats are taken).
/// `others` are the organisations of the other nominations standing.
pub fn check_nomination(day: &Day<'_>, fills: Fills<'_>, person: Id, organisation: Option<&Organisation>, others: &[Id]) -> Vec<NominationCheck> {
    let mut out = Vec::new();
    let mut push = |level, field: &str, message: String| out.push(NominationCheck { level, field: field.to_owned(), message });
    let name = day.person(person).map_or("This person", |p| p.name.as_str());
    let (kind, seats_up) = match fills {
        Fills::Role => {
            if !day.members.iter().any(|m| m.person.id == person) {
                push(Eligibility::Ineligible, "person_id", format!("{name} is not a member of the working group, so cannot stand for a role (ToR §8–§9)."));
            }
            return out;
        }
        Fills::Seats { kind, seats_up } => (kind, seats_up),
    };
    if let Some(m) = day.members.iter().find(|m| m.person.id == person && !seats_up.contains(&m.seat.id)) {
        push(Eligibility::Ineligible, "person_id", format!("{name} already holds {} until {}.", m.seat.title, uk_date(m.term.stops())));
    }
    match (kind, organisation) {
        (SeatKind::Supplier, None) => {
            push(
                Eligibility::Ineligible,
                "organisation_id",
                "A supplier member must be employed by a techUK member company (ToR §12): give the nominee's employer.".to_owned(),
            );
        }
        (_, Some(org)) => {
            if kind == SeatKind::Supplier {
                match day.techuk(org) {
                    TechukStatus::Member => {}
                    TechukStatus::Applying => push(
                        Eligibility::Warning,
                        "organisation_id",
                        format!("{} is applying for techUK membership; a supplier member must be employed by a member (ToR §12).", org.name),
                    ),
                    TechukStatus::NotMember => push(
                        Eligibility::Ineligible,
                        "organisation_id",
                        format!("{} is not a techUK member; a supplier member must be employed by a member (ToR §12).", org.name),
                    ),
                }
            }
            let continuing = day.suppliers().find(|m| !seats_up.contains(&m.seat.id) && m.employer.is_some_and(|e| e.id == org.id) && m.person.id != person);
            if kind == SeatKind::Stakeholder || !day.settings().applies(RuleSwitch::OnePerCompany) {
                // One per company (ToR §14) concerns the supplier seats, where the ToR has it.
            } else if let Some(m) = continuing {
                push(
                    Eligibility::Ineligible,
                    "organisation_id",
                    format!("{} already represents {} and continues as a member; only one individual per company (ToR §14).", m.person.name, org.name),
                );
            } else if others.contains(&org.id) {
                push(Eligibility::Warning, "organisation_id", format!("Another nominee is also from {}; only one of them can be elected (ToR §14).", org.name));
            }
        }
        (SeatKind::Stakeholder, None) => {}
    }
    // A nominee the constraints rule out whatever the votes (issue #18): every seat must go to an SME.
    if kind == SeatKind::Supplier && !seats_up.is_empty() && !organisation.is_some_and(|o| day.sme(o)) {
        let sme_minimum = constraints(day, kind, seats_up).constraints.sme_minimum;
        if sme_minimum >= seats_up.len() {
            let seats = if seats_up.len() == 1 { "the one seat".to_owned() } else { format!("all {} seats", seats_up.len()) };
            push(
                Eligibility::Warning,
                "organisation_id",
                format!("{name} cannot be elected: {seats} must go to nominees from SMEs, to keep the SME members the ToR require (ToR §13)."),
            );
        }
    }
    if kind == SeatKind::Supplier && day.person(person).is_some_and(|p| p.manager_on(day.on) != ManagerStatus::Yes) {
        push(Eligibility::Warning, "person_id", format!("{name} is not recorded as of manager status or above, which the ToR asks for ideally (ToR §12)."));
    }
    out
}

/// Whether the person held a seat before: winning again is a re-election (ToR §16).
pub fn held_before(register: &Register, person: Id, before: NaiveDate) -> bool {
    register.terms.iter().any(|t| t.person == person && t.start < before)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tor::fixture::{Fixture, d};

    fn on() -> NaiveDate {
        d("2026-06-01")
    }

    fn supplier_seats(f: &Fixture) -> Vec<Id> {
        f.register.seats.iter().filter(|s| s.kind == SeatKind::Supplier).map(|s| s.id).collect()
    }

    #[test]
    fn s13_supplier_election_must_add_the_sme_shortfall() {
        // The full group has SMEs at Supplier Co 1 and 2, in the first two supplier seats.
        let f = Fixture::full();
        let seats = supplier_seats(&f);
        let day = f.register.on(on());
        // Filling seats 1–3: one continuing SME short of none → both SMEs are up, two are needed.
        let c = constraints(&day, SeatKind::Supplier, &seats[..3]);
        assert_eq!(c.constraints.sme_minimum, 2);
        assert!(c.explained.iter().any(|s| s.contains("ToR §13")));
        // Filling seats 2–4: one SME continues, so one more is needed.
        assert_eq!(constraints(&day, SeatKind::Supplier, &seats[1..4]).constraints.sme_minimum, 1);
        // Filling seats 3–5: both SMEs continue.
        assert_eq!(constraints(&day, SeatKind::Supplier, &seats[2..5]).constraints.sme_minimum, 0);
        // The shortfall is capped by the seats being filled.
        assert_eq!(constraints(&day, SeatKind::Supplier, &seats[..1]).constraints.sme_minimum, 1);
        assert_eq!(constraints(&day, SeatKind::Stakeholder, &[1]).constraints.sme_minimum, 0);
    }

    #[test]
    fn s13_a_non_sme_nominee_who_cannot_win_is_warned_and_the_constraints_say_why() {
        let mut f = Fixture::full();
        let outsider = f.person("Outsider", ManagerStatus::Yes);
        let seats = supplier_seats(&f);
        let day = f.register.on(on());
        let large = Organisation::new(77_777, "BigCo", TechukStatus::Member, false);
        let small = Organisation::new(77_778, "SmallCo", TechukStatus::Member, true);
        // One seat, an SME's (Supplier Co 1): one SME must win it.
        let one = Fills::Seats { kind: SeatKind::Supplier, seats_up: &seats[..1] };
        let checks = check_nomination(&day, one, outsider, Some(&large), &[]);
        let warning = checks.iter().find(|c| c.message.contains("cannot be elected")).expect("warned");
        assert_eq!(warning.level, Eligibility::Warning);
        assert!(warning.message.contains("the one seat") && warning.message.contains("ToR §13"), "{}", warning.message);
        assert!(check_nomination(&day, one, outsider, None, &[]).iter().any(|c| c.message.contains("cannot be elected")));
        assert!(!check_nomination(&day, one, outsider, Some(&small), &[]).iter().any(|c| c.message.contains("cannot be elected")));
        let c = constraints(&day, SeatKind::Supplier, &seats[..1]);
        assert!(c.explained.iter().any(|s| s.contains("not from an SME cannot be elected") && s.contains("ToR §13")), "{:?}", c.explained);
        // Three seats with two SME places to fill: a non-SME nominee can still win the third.
        let three = Fills::Seats { kind: SeatKind::Supplier, seats_up: &seats[..3] };
        assert!(!check_nomination(&day, three, outsider, Some(&large), &[]).iter().any(|c| c.message.contains("cannot be elected")));
        assert!(!constraints(&day, SeatKind::Supplier, &seats[..3]).explained.iter().any(|s| s.contains("cannot be elected")));
    }

    #[test]
    fn s14_continuing_members_organisations_are_taken() {
        let f = Fixture::full();
        let seats = supplier_seats(&f);
        let day = f.register.on(on());
        let c = constraints(&day, SeatKind::Supplier, &seats[..3]);
        assert_eq!(c.constraints.taken_organisations.len(), 5, "the five continuing suppliers' companies");
        let up_org = day.holder(seats[0]).and_then(|m| m.employer).unwrap();
        assert!(!c.constraints.taken_organisations.contains(&organisation_key(up_org.id)), "a seat being filled frees its company");
        assert!(c.constraints.one_per_organisation);
    }

    #[test]
    fn s14_nominee_from_a_continuing_members_company_is_ineligible() {
        let mut f = Fixture::full();
        let org = f.register.organisations.iter().find(|o| o.name == "Supplier Co 5").unwrap().id;
        let colleague = f.person("Colleague", ManagerStatus::Yes);
        f.works(colleague, org, "2020-01-01", None);
        let seats = supplier_seats(&f);
        let day = f.register.on(on());
        let org = day.organisation(org).unwrap();
        let checks = check_nomination(&day, Fills::Seats { kind: SeatKind::Supplier, seats_up: &seats[..3] }, colleague, Some(org), &[]);
        let check = checks.iter().find(|c| c.level == Eligibility::Ineligible).expect("refused");
        assert_eq!(check.field, "organisation_id");
        assert!(check.message.contains("Supplier 5") && check.message.contains("ToR §14"), "{}", check.message);
        // From a company whose member's seat is the one being filled: eligible.
        let org1 = f.register.organisations.iter().find(|o| o.name == "Supplier Co 1").unwrap();
        let checks = check_nomination(&day, Fills::Seats { kind: SeatKind::Supplier, seats_up: &seats[..3] }, colleague, Some(org1), &[]);
        assert!(checks.iter().all(|c| c.level == Eligibility::Warning), "{checks:?}");
    }

    #[test]
    fn s12_supplier_nominee_must_work_for_a_techuk_member() {
        let mut f = Fixture::full();
        let outsider = f.person("Outsider", ManagerStatus::Yes);
        let day = f.register.on(on());
        let fills = Fills::Seats { kind: SeatKind::Supplier, seats_up: &[] };
        let mut org = Organisation::new(77_777, "NewCo", TechukStatus::NotMember, false);
        let checks = check_nomination(&day, fills, outsider, Some(&org), &[]);
        assert!(checks.iter().any(|c| c.level == Eligibility::Ineligible && c.message.contains("ToR §12")));
        org = Organisation::new(77_777, "NewCo", TechukStatus::Applying, false);
        let checks = check_nomination(&day, fills, outsider, Some(&org), &[]);
        assert!(!checks.is_empty() && checks.iter().all(|c| c.level == Eligibility::Warning));
        let none = check_nomination(&day, fills, outsider, None, &[]);
        assert!(none.iter().any(|c| c.level == Eligibility::Ineligible && c.field == "organisation_id"));
    }

    #[test]
    fn s12_manager_status_is_a_warning_only() {
        let mut f = Fixture::full();
        let junior = f.person("Junior", ManagerStatus::Unknown);
        let day = f.register.on(on());
        let org = Organisation::new(77_777, "NewCo", TechukStatus::Member, false);
        let checks = check_nomination(&day, Fills::Seats { kind: SeatKind::Supplier, seats_up: &[] }, junior, Some(&org), &[]);
        assert_eq!(checks.len(), 1);
        assert_eq!(checks[0].level, Eligibility::Warning);
        assert!(checks[0].message.contains("manager status"));
    }

    #[test]
    fn s14_two_nominees_from_one_company_is_a_warning() {
        let mut f = Fixture::full();
        let outsider = f.person("Outsider", ManagerStatus::Yes);
        let day = f.register.on(on());
        let org = Organisation::new(77_777, "NewCo", TechukStatus::Member, false);
        let checks = check_nomination(&day, Fills::Seats { kind: SeatKind::Supplier, seats_up: &[] }, outsider, Some(&org), &[77_777]);
        assert!(checks.iter().any(|c| c.level == Eligibility::Warning && c.message.contains("only one of them")));
    }

    #[test]
    fn a_member_holding_another_seat_cannot_stand() {
        let f = Fixture::full();
        let seats = supplier_seats(&f);
        let day = f.register.on(on());
        let holder = day.holder(seats[5]).unwrap();
        let checks = check_nomination(&day, Fills::Seats { kind: SeatKind::Supplier, seats_up: &seats[..3] }, holder.person.id, holder.employer, &[]);
        assert!(checks.iter().any(|c| c.field == "person_id" && c.level == Eligibility::Ineligible));
        // Standing again for one's own seat is a re-election (ToR §16).
        let own = day.holder(seats[0]).unwrap();
        let checks = check_nomination(&day, Fills::Seats { kind: SeatKind::Supplier, seats_up: &seats[..3] }, own.person.id, own.employer, &[]);
        assert!(checks.is_empty(), "{checks:?}");
        assert!(held_before(&f.register, own.person.id, on()));
    }

    #[test]
    fn role_candidates_must_be_members() {
        let mut f = Fixture::full();
        let outsider = f.person("Outsider", ManagerStatus::Yes);
        let day = f.register.on(on());
        let member = day.members[0].person.id;
        assert!(check_nomination(&day, Fills::Role, member, None, &[]).is_empty());
        assert_eq!(check_nomination(&day, Fills::Role, outsider, None, &[])[0].level, Eligibility::Ineligible);
    }

    #[test]
    fn s14_vacancies_list_empty_and_ending_seats() {
        let mut f = Fixture::full();
        let seats = supplier_seats(&f);
        // All terms run from 2026-01-01 for 24 months: nothing ends within 60 days of June 2026.
        assert!(vacancies(&f.register, on(), 60, &[]).is_empty());
        // Within 60 days of the end, every seat is listed, suppliers first.
        let late = d("2027-11-15");
        let all = vacancies(&f.register, late, 60, &[]);
        assert_eq!(all.len(), 12);
        assert_eq!(all[0].kind, SeatKind::Supplier);
        assert!(all[0].reason.contains("ends on"), "{}", all[0].reason);
        // A seat being filled is left out; a term ended early makes a vacancy now.
        assert_eq!(vacancies(&f.register, late, 60, &[seats[0]]).len(), 11);
        let term = f.register.terms.iter().find(|t| t.seat == seats[7]).unwrap().id;
        f.end_early(term, "2026-05-01");
        let now = vacancies(&f.register, on(), 60, &[]);
        assert_eq!(now.len(), 1);
        assert!(now[0].reason.contains("ended early"), "{}", now[0].reason);
        assert_eq!(now[0].from, d("2026-05-01"));
    }
}
