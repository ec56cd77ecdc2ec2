//! A small builder for registers in tests: the techUK template's 12 seats
//! (ids 1–4 stakeholder, 5–12 supplier) and helpers to add people to them.

use crate::register::*;
use crate::template::{SeatKind, Template};
use chrono::{Months, NaiveDate};

pub fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

pub struct Fixture {
    pub register: Register,
    next_id: Id,
}

impl Fixture {
    pub fn new() -> Self {
        let template = Template::TechukInterop;
        let seats = template.seats().into_iter().enumerate().map(|(i, s)| Seat::new(i as Id + 1, s.kind, s.position, s.title)).collect();
        Self {
            register: Register {
                settings: template.settings(),
                amendments: vec![],
                organisations: vec![],
                people: vec![],
                employments: vec![],
                seats,
                terms: vec![],
                appointments: vec![],
            },
            next_id: 100,
        }
    }

    fn id(&mut self) -> Id {
        self.next_id += 1;
        self.next_id
    }

    pub fn org(&mut self, name: &str, techuk: TechukStatus, sme: bool) -> Id {
        let id = self.id();
        self.register.organisations.push(Organisation::new(id, name, techuk, sme));
        id
    }

    pub fn person(&mut self, name: &str, manager: ManagerStatus) -> Id {
        let id = self.id();
        self.register.people.push(Person::new(id, name, manager));
        id
    }

    pub fn works(&mut self, person: Id, organisation: Id, from: &str, to: Option<&str>) {
        if to.is_none() {
            // A new open employment closes the previous open one the day before.
            let from_date = d(from);
            for e in self.register.employments.iter_mut().filter(|e| e.person == person && e.to.is_none()) {
                e.to = Some(from_date.pred_opt().unwrap());
            }
        }
        self.register.employments.push(Employment { person, organisation, from: d(from), to: to.map(d) });
    }

    pub fn term(&mut self, seat: Id, person: Id, start: &str) -> Id {
        let id = self.id();
        let start = d(start);
        let end = start.checked_add_months(Months::new(self.register.settings.term_months)).unwrap();
        self.register.terms.push(Term { id, seat, person, start, end, obtained: Obtained::Election, ended_early: None });
        id
    }

    pub fn end_early(&mut self, term: Id, on: &str) {
        self.register.terms.iter_mut().find(|t| t.id == term).unwrap().ended_early = Some(d(on));
    }

    pub fn appoint(&mut self, role: Role, person: Id, from: &str) {
        self.register.appointments.push(Appointment { role, person, from: d(from), to: None });
    }

    fn free_seat(&self, kind: SeatKind) -> Id {
        self.register.seats.iter().filter(|s| s.kind == kind).find(|s| !self.register.terms.iter().any(|t| t.seat == s.id)).expect("a free seat").id
    }

    /// A supplier member: a manager at `org` since before the term, in the next free supplier seat.
    pub fn supplier(&mut self, name: &str, org: Id, start: &str) -> Id {
        let person = self.person(name, ManagerStatus::Yes);
        self.works(person, org, "2015-01-01", None);
        let seat = self.free_seat(SeatKind::Supplier);
        self.term(seat, person, start);
        person
    }

    pub fn stakeholder(&mut self, name: &str, org: Id, start: &str) -> Id {
        let person = self.person(name, ManagerStatus::Yes);
        self.works(person, org, "2015-01-01", None);
        let seat = self.free_seat(SeatKind::Stakeholder);
        self.term(seat, person, start);
        person
    }

    /// A compliant, full group: 4 stakeholders, 8 suppliers from 8 member companies (2 SMEs),
    /// all terms from 2026-01-01, and a Chair, Vice-Chair and SRO.
    pub fn full() -> Self {
        let mut f = Self::new();
        let body = f.org("Home Office", TechukStatus::NotMember, false);
        let sro = f.stakeholder("Stakeholder 1", body, "2026-01-01");
        for i in 2..=4 {
            f.stakeholder(&format!("Stakeholder {i}"), body, "2026-01-01");
        }
        let mut chair = 0;
        let mut vice = 0;
        for i in 1..=8 {
            let org = f.org(&format!("Supplier Co {i}"), TechukStatus::Member, i <= 2);
            let p = f.supplier(&format!("Supplier {i}"), org, "2026-01-01");
            if i == 3 {
                chair = p;
            }
            if i == 4 {
                vice = p;
            }
        }
        f.appoint(Role::Sro, sro, "2026-01-01");
        f.appoint(Role::Chair, chair, "2026-01-01");
        f.appoint(Role::ViceChair, vice, "2026-01-01");
        f
    }

    pub fn person_id(&self, name: &str) -> Id {
        self.register.people.iter().find(|p| p.name == name).unwrap().id
    }

    pub fn org_id(&self, name: &str) -> Id {
        self.register.organisations.iter().find(|o| o.name == name).unwrap().id
    }

    pub fn findings(&self, on: &str) -> Vec<crate::Finding> {
        crate::evaluate(&self.register, d(on))
    }

    /// The findings of one paragraph on a date, as (severity, message) pairs.
    pub fn of(&self, tor: u8, on: &str) -> Vec<(crate::Severity, String)> {
        self.findings(on).into_iter().filter(|f| f.tor.0 == tor).map(|f| (f.severity, f.message)).collect()
    }
}

#[test]
fn the_full_fixture_is_compliant() {
    assert_eq!(Fixture::full().findings("2026-06-01"), vec![]);
}
