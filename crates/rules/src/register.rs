//! The membership register as the rules read it: a plain, in-memory snapshot of
//! one group (organisations, people, employment history, seats, terms and
//! appointments). The store builds it; the rules only look at it.

use crate::settings::GroupSettings;
use crate::template::SeatKind;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use ts_rs::TS;

pub type Id = i64;

/// An organisation's techUK membership (ToR §12, §15).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum TechukStatus {
    Member,
    /// An application for membership is in progress (ToR §15).
    Applying,
    NotMember,
}

impl TechukStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            TechukStatus::Member => "member",
            TechukStatus::Applying => "applying",
            TechukStatus::NotMember => "not_member",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "member" => Some(TechukStatus::Member),
            "applying" => Some(TechukStatus::Applying),
            "not_member" => Some(TechukStatus::NotMember),
            _ => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            TechukStatus::Member => "techUK member",
            TechukStatus::Applying => "application in progress",
            TechukStatus::NotMember => "not a techUK member",
        }
    }
}

/// Whether a person is "of manager status or above" (ToR §12).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ManagerStatus {
    Yes,
    No,
    Unknown,
}

impl ManagerStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ManagerStatus::Yes => "yes",
            ManagerStatus::No => "no",
            ManagerStatus::Unknown => "unknown",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "yes" => Some(ManagerStatus::Yes),
            "no" => Some(ManagerStatus::No),
            "unknown" => Some(ManagerStatus::Unknown),
            _ => None,
        }
    }
}

/// How a term was obtained (ToR §14, §16).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Obtained {
    Election,
    /// Elected unopposed: valid nominations did not exceed the seats.
    Unopposed,
    Appointment,
    /// A new term for the same person; there is no cap (ToR §16).
    ReElection,
}

impl Obtained {
    pub fn as_str(self) -> &'static str {
        match self {
            Obtained::Election => "election",
            Obtained::Unopposed => "unopposed",
            Obtained::Appointment => "appointment",
            Obtained::ReElection => "re-election",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "election" => Some(Obtained::Election),
            "unopposed" => Some(Obtained::Unopposed),
            "appointment" => Some(Obtained::Appointment),
            "re-election" => Some(Obtained::ReElection),
            _ => None,
        }
    }
}

/// The roles of ToR §8–§9.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Sro,
    Chair,
    ViceChair,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Sro, Role::Chair, Role::ViceChair];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Sro => "sro",
            Role::Chair => "chair",
            Role::ViceChair => "vice_chair",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Role::ALL.into_iter().find(|r| r.as_str() == text)
    }

    pub fn title(self) -> &'static str {
        match self {
            Role::Sro => "Senior Responsible Officer (SRO)",
            Role::Chair => "Chair",
            Role::ViceChair => "Vice-Chair",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Organisation {
    pub id: Id,
    pub name: String,
    pub techuk: TechukStatus,
    pub sme: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub id: Id,
    pub name: String,
    pub manager: ManagerStatus,
}

/// A person at an organisation from one date to another; `to: None` is the current employer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Employment {
    pub person: Id,
    pub organisation: Id,
    pub from: NaiveDate,
    pub to: Option<NaiveDate>,
}

impl Employment {
    pub fn covers(&self, on: NaiveDate) -> bool {
        self.from <= on && self.to.is_none_or(|to| on <= to)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seat {
    pub id: Id,
    pub kind: SeatKind,
    pub position: u32,
    pub title: String,
}

/// A person holding a seat. It runs from `start` until the day before `end`,
/// or until `ended_on` if it ended early.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    pub id: Id,
    pub seat: Id,
    pub person: Id,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub obtained: Obtained,
    pub ended_early: Option<NaiveDate>,
}

impl Term {
    /// The first day the term no longer runs.
    pub fn stops(&self) -> NaiveDate {
        self.ended_early.map_or(self.end, |early| early.min(self.end))
    }

    pub fn runs_on(&self, on: NaiveDate) -> bool {
        self.start <= on && on < self.stops()
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Appointment {
    pub role: Role,
    pub person: Id,
    pub from: NaiveDate,
    pub to: Option<NaiveDate>,
}

impl Appointment {
    pub fn covers(&self, on: NaiveDate) -> bool {
        self.from <= on && self.to.is_none_or(|to| on <= to)
    }
}

/// One group's register, as of all time; rules ask it about a date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Register {
    pub settings: GroupSettings,
    pub organisations: Vec<Organisation>,
    pub people: Vec<Person>,
    pub employments: Vec<Employment>,
    pub seats: Vec<Seat>,
    pub terms: Vec<Term>,
    pub appointments: Vec<Appointment>,
}

/// A member on a date: who holds which seat under which term, and for whom they work.
#[derive(Debug, Clone, Copy)]
pub struct Member<'a> {
    pub person: &'a Person,
    pub seat: &'a Seat,
    pub term: &'a Term,
    pub employment: Option<&'a Employment>,
    pub employer: Option<&'a Organisation>,
}

impl Member<'_> {
    /// The day the member joined their current employer, when that was during
    /// the term: an employer change under ToR §15.
    pub fn moved_on(&self) -> Option<NaiveDate> {
        self.employment.map(|e| e.from).filter(|&from| from > self.term.start)
    }
}

/// The register looked at on one day, with indexes built once for all the rules.
#[derive(Debug)]
pub struct Day<'a> {
    pub on: NaiveDate,
    pub register: &'a Register,
    pub members: Vec<Member<'a>>,
    people: HashMap<Id, &'a Person>,
    organisations: HashMap<Id, &'a Organisation>,
}

impl Register {
    pub fn on(&self, on: NaiveDate) -> Day<'_> {
        let people: HashMap<Id, &Person> = self.people.iter().map(|p| (p.id, p)).collect();
        let organisations: HashMap<Id, &Organisation> = self.organisations.iter().map(|o| (o.id, o)).collect();
        let seats: HashMap<Id, &Seat> = self.seats.iter().map(|s| (s.id, s)).collect();
        let mut members: Vec<Member<'_>> = self
            .terms
            .iter()
            .filter(|t| t.runs_on(on))
            .filter_map(|term| {
                let person = *people.get(&term.person)?;
                let seat = *seats.get(&term.seat)?;
                let employment = self.employer_on(person.id, on);
                let employer = employment.and_then(|e| organisations.get(&e.organisation).copied());
                Some(Member { person, seat, term, employment, employer })
            })
            .collect();
        members.sort_by_key(|m| (m.seat.kind == SeatKind::Supplier, m.seat.position, m.term.start));
        Day { on, register: self, members, people, organisations }
    }

    /// The employment that covers `on`; the latest-starting one if records overlap.
    pub fn employer_on(&self, person: Id, on: NaiveDate) -> Option<&Employment> {
        self.employments.iter().filter(|e| e.person == person && e.covers(on)).max_by_key(|e| e.from)
    }
}

impl<'a> Day<'a> {
    pub fn person(&self, id: Id) -> Option<&'a Person> {
        self.people.get(&id).copied()
    }

    pub fn organisation(&self, id: Id) -> Option<&'a Organisation> {
        self.organisations.get(&id).copied()
    }

    pub fn settings(&self) -> &'a GroupSettings {
        &self.register.settings
    }

    pub fn suppliers(&self) -> impl Iterator<Item = &Member<'a>> {
        self.members.iter().filter(|m| m.seat.kind == SeatKind::Supplier)
    }

    /// The term running on a seat today, if any.
    pub fn holder(&self, seat: Id) -> Option<&Member<'a>> {
        self.members.iter().find(|m| m.seat.id == seat)
    }
}
