//! The membership register as the rules read it: a plain, in-memory snapshot of
//! one group (organisations, people, employment history, seats, terms and
//! appointments). The store builds it; the rules only look at it.

use crate::amendments::Amendment;
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

/// A value recorded from a date: `from: None` is the value as first recorded, in force from
/// the beginning (the register does not know what came before it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dated<T> {
    pub from: Option<NaiveDate>,
    pub value: T,
}

/// A fact's history: never empty, ordered by `from` (the first entry is `from: None` or the
/// earliest date). The value on a date is the last entry from on or before it; before the
/// first dated entry, the earliest one is the best the register knows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct History<T>(Vec<Dated<T>>);

impl<T> History<T> {
    /// A fact that has not changed since it was first recorded.
    pub fn always(value: T) -> Self {
        History(vec![Dated { from: None, value }])
    }

    /// A history from its entries, in any order; `None` if there is none.
    pub fn from_entries(mut entries: Vec<Dated<T>>) -> Option<Self> {
        entries.sort_by_key(|e| e.from);
        (!entries.is_empty()).then_some(History(entries))
    }

    /// The entry in force on `on`.
    pub fn entry_on(&self, on: NaiveDate) -> &Dated<T> {
        self.0.iter().rev().find(|e| e.from.is_none_or(|from| from <= on)).unwrap_or(&self.0[0])
    }

    pub fn on(&self, on: NaiveDate) -> &T {
        &self.entry_on(on).value
    }

    /// The value from `from` on, until the next recorded change (used by tests and previews).
    pub fn change(&mut self, from: NaiveDate, value: T) {
        self.0.retain(|e| e.from != Some(from));
        self.0.push(Dated { from: Some(from), value });
        self.0.sort_by_key(|e| e.from);
    }

    /// One part of the fact (`get`/`set`: the techUK status of an organisation's facts, say)
    /// changed to `value` from `from`: the entry in force that day, with the part changed, is
    /// recorded from `from` (an entry of that very date is changed in place); later entries
    /// take the new value while they still held the replaced one — so it holds until the next
    /// recorded change *of that part*, and a later change of another part keeps it. Whether
    /// anything changed.
    pub fn change_part<P: PartialEq + Clone>(&mut self, from: NaiveDate, get: impl Fn(&T) -> &P, set: impl Fn(&mut T, P), value: P) -> bool
    where
        T: Clone,
    {
        let old = get(self.on(from)).clone();
        if old == value {
            return false;
        }
        let at = match self.0.iter().position(|e| e.from == Some(from)) {
            Some(at) => at,
            None => {
                let copy = Dated { from: Some(from), value: self.on(from).clone() };
                let at = self.0.iter().position(|e| e.from.is_some_and(|f| f > from)).unwrap_or(self.0.len());
                self.0.insert(at, copy);
                at
            }
        };
        set(&mut self.0[at].value, value.clone());
        for later in &mut self.0[at + 1..] {
            if *get(&later.value) != old {
                break;
            }
            set(&mut later.value, value.clone());
        }
        true
    }

    /// A mistake corrected: the part was `value` all along in the entry in force on `on` (the
    /// latest entry when `None`) and in the entries around it that held the same wrong value.
    /// Whether anything changed.
    pub fn correct_part<P: PartialEq + Clone>(&mut self, on: Option<NaiveDate>, get: impl Fn(&T) -> &P, set: impl Fn(&mut T, P), value: P) -> bool {
        let at = match on {
            Some(on) => self.0.iter().rposition(|e| e.from.is_none_or(|from| from <= on)).unwrap_or(0),
            None => self.0.len() - 1,
        };
        let wrong = get(&self.0[at].value).clone();
        if wrong == value {
            return false;
        }
        let first = self.0[..at].iter().rposition(|e| *get(&e.value) != wrong).map_or(0, |i| i + 1);
        let last = self.0[at..].iter().position(|e| *get(&e.value) != wrong).map_or(self.0.len(), |i| at + i);
        for entry in &mut self.0[first..last] {
            set(&mut entry.value, value.clone());
        }
        true
    }

    pub fn entries(&self) -> &[Dated<T>] {
        &self.0
    }

    /// The latest recorded entry (which may be dated in the future).
    pub fn latest(&self) -> &Dated<T> {
        self.0.last().expect("a history is never empty")
    }
}

/// What the rules read about an organisation, as it stood from a date (ToR §12, §13, §15).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrganisationFacts {
    pub techuk: TechukStatus,
    pub sme: bool,
    pub sector: String,
}

impl History<OrganisationFacts> {
    /// The parts in which `new` differs from the latest entry (the record as it stands),
    /// changed from `from` ([`History::change_part`]). Whether anything changed.
    pub fn change_facts(&mut self, from: NaiveDate, new: &OrganisationFacts) -> bool {
        let shown = self.latest().value.clone();
        let mut changed = false;
        if new.techuk != shown.techuk {
            changed |= self.change_part(from, |f| &f.techuk, |f, v| f.techuk = v, new.techuk);
        }
        if new.sme != shown.sme {
            changed |= self.change_part(from, |f| &f.sme, |f, v| f.sme = v, new.sme);
        }
        if new.sector != shown.sector {
            changed |= self.change_part(from, |f| &f.sector, |f, v| f.sector = v, new.sector.clone());
        }
        changed
    }

    /// The techUK status (and the SME status, when given) from `from`, whatever the latest
    /// entry says. Whether anything changed.
    pub fn change_status(&mut self, from: NaiveDate, techuk: TechukStatus, sme: Option<bool>) -> bool {
        let mut changed = self.change_part(from, |f| &f.techuk, |f, v| f.techuk = v, techuk);
        if let Some(sme) = sme {
            changed |= self.change_part(from, |f| &f.sme, |f, v| f.sme = v, sme);
        }
        changed
    }

    /// The parts in which `new` differs from the entry in force on `on` (the latest when
    /// `None`), corrected ([`History::correct_part`]). Whether anything changed.
    pub fn correct_facts(&mut self, on: Option<NaiveDate>, new: &OrganisationFacts) -> bool {
        let mut changed = self.correct_part(on, |f| &f.techuk, |f, v| f.techuk = v, new.techuk);
        changed |= self.correct_part(on, |f| &f.sme, |f, v| f.sme = v, new.sme);
        changed | self.correct_part(on, |f| &f.sector, |f, v| f.sector = v, new.sector.clone())
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Organisation {
    pub id: Id,
    pub name: String,
    pub facts: History<OrganisationFacts>,
}

impl Organisation {
    /// An organisation whose facts have not changed since they were recorded.
    pub fn new(id: Id, name: impl Into<String>, techuk: TechukStatus, sme: bool) -> Self {
        Self { id, name: name.into(), facts: History::always(OrganisationFacts { techuk, sme, sector: String::new() }) }
    }

    /// Its techUK membership on `on` (ToR §12, §15).
    pub fn techuk_on(&self, on: NaiveDate) -> TechukStatus {
        self.facts.on(on).techuk
    }

    /// Whether it counted as an SME on `on` (ToR §13).
    pub fn sme_on(&self, on: NaiveDate) -> bool {
        self.facts.on(on).sme
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub id: Id,
    pub name: String,
    /// Whether they are of manager status or above, by date (ToR §12).
    pub manager: History<ManagerStatus>,
}

impl Person {
    pub fn new(id: Id, name: impl Into<String>, manager: ManagerStatus) -> Self {
        Self { id, name: name.into(), manager: History::always(manager) }
    }

    pub fn manager_on(&self, on: NaiveDate) -> ManagerStatus {
        *self.manager.on(on)
    }
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
    /// The day an amendment of the Terms of Reference added it; `None`: since the group began.
    pub added: Option<NaiveDate>,
    /// The first day it no longer exists, when an amendment retired it (its history stays).
    pub retired: Option<NaiveDate>,
}

impl Seat {
    pub fn new(id: Id, kind: SeatKind, position: u32, title: impl Into<String>) -> Self {
        Self { id, kind, position, title: title.into(), added: None, retired: None }
    }

    /// Whether the seat exists on `on`.
    pub fn open_on(&self, on: NaiveDate) -> bool {
        self.added.is_none_or(|added| added <= on) && self.retired.is_none_or(|retired| on < retired)
    }
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
    /// The settings the group began with; [`Register::settings_on`] applies the amendments.
    pub settings: GroupSettings,
    /// Amendments of the Terms of Reference, each in force from its date.
    pub amendments: Vec<Amendment>,
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
    /// The rules in force on the day: the group's settings as amended by then.
    settings: GroupSettings,
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
        Day { on, register: self, members, people, organisations, settings: self.settings_on(on) }
    }

    /// The group's settings in force on `on`: as it began, with every amendment from on or
    /// before that day applied in date order.
    pub fn settings_on(&self, on: NaiveDate) -> GroupSettings {
        self.settings.amended(&self.amendments, on)
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

    /// The rules in force on the day.
    pub fn settings(&self) -> &GroupSettings {
        &self.settings
    }

    /// The seats that exist on the day (an amendment may have added or retired some).
    pub fn seats(&self) -> impl Iterator<Item = &'a Seat> + use<'a, '_> {
        let on = self.on;
        self.register.seats.iter().filter(move |s| s.open_on(on))
    }

    /// An organisation's techUK membership on the day.
    pub fn techuk(&self, organisation: &Organisation) -> TechukStatus {
        organisation.techuk_on(self.on)
    }

    /// Whether an organisation counted as an SME on the day (ToR §13).
    pub fn sme(&self, organisation: &Organisation) -> bool {
        organisation.sme_on(self.on)
    }

    pub fn suppliers(&self) -> impl Iterator<Item = &Member<'a>> {
        self.members.iter().filter(|m| m.seat.kind == SeatKind::Supplier)
    }

    /// The term running on a seat today, if any.
    pub fn holder(&self, seat: Id) -> Option<&Member<'a>> {
        self.members.iter().find(|m| m.seat.id == seat)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    fn facts(techuk: TechukStatus, sme: bool) -> OrganisationFacts {
        OrganisationFacts { techuk, sme, sector: String::new() }
    }

    fn status(history: &History<OrganisationFacts>) -> Vec<(Option<NaiveDate>, TechukStatus, bool)> {
        history.entries().iter().map(|e| (e.from, e.value.techuk, e.value.sme)).collect()
    }

    #[test]
    fn a_change_from_a_date_keeps_the_past_and_carries_into_later_changes_of_other_parts() {
        let mut history = History::always(facts(TechukStatus::Member, false));
        history.change_part(d("2027-03-01"), |f| &f.sme, |f, v| f.sme = v, true);
        assert!(history.change_part(d("2027-01-01"), |f| &f.techuk, |f, v| f.techuk = v, TechukStatus::NotMember));
        assert_eq!(
            status(&history),
            [
                (None, TechukStatus::Member, false),
                (Some(d("2027-01-01")), TechukStatus::NotMember, false),
                (Some(d("2027-03-01")), TechukStatus::NotMember, true)
            ]
        );
        // A later change of the same part stops it.
        history.change_part(d("2027-06-01"), |f| &f.techuk, |f, v| f.techuk = v, TechukStatus::Member);
        history.change_part(d("2026-12-01"), |f| &f.techuk, |f, v| f.techuk = v, TechukStatus::Applying);
        assert_eq!(history.on(d("2026-12-15")).techuk, TechukStatus::Applying);
        assert_eq!(history.on(d("2027-02-01")).techuk, TechukStatus::NotMember, "the later recorded change still holds");
        assert_eq!(history.on(d("2027-07-01")).techuk, TechukStatus::Member);
        assert_eq!(history.on(d("2026-11-30")).techuk, TechukStatus::Member);
        // A change to what was already in force changes nothing.
        assert!(!history.change_part(d("2027-07-01"), |f| &f.techuk, |f, v| f.techuk = v, TechukStatus::Member));
    }

    #[test]
    fn a_correction_rewrites_the_run_of_entries_that_held_the_wrong_value() {
        let mut history = History::always(ManagerStatus::Unknown);
        history.change_part(d("2027-01-01"), |s| s, |s, v| *s = v, ManagerStatus::No);
        assert!(history.correct_part(None, |s| s, |s, v| *s = v, ManagerStatus::Yes));
        assert_eq!(history.entries().iter().map(|e| e.value).collect::<Vec<_>>(), [ManagerStatus::Unknown, ManagerStatus::Yes]);
        assert!(history.correct_part(Some(d("2026-06-01")), |s| s, |s, v| *s = v, ManagerStatus::No));
        assert_eq!(history.on(d("2026-06-01")), &ManagerStatus::No);
        assert_eq!(history.on(d("2027-06-01")), &ManagerStatus::Yes);
    }
}
