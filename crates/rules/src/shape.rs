//! A group's shape: its seats and the numbers and rules of its Terms of Reference. A template
//! gives one, the "custom group" form fills one in, and a rules file carries one from one
//! group to the next (`secretariat rules export`, `secretariat init --rules`; the file's format
//! is in `docs/RULES-FILE.md`).

use crate::amendments::RuleSwitch;
use crate::register::Seat;
use crate::settings::{GroupSettings, SettingsError};
use crate::template::{SeatKind, SeatSpec, Template};
use crate::working_days::Nation;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The seats of a group (ToR §10–§12).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct SeatShape {
    /// Seats for a named stakeholder (ToR §11), each with the role it is for, in order.
    pub named: Vec<String>,
    /// Further seats for stakeholders, national bodies or others, with no named role.
    pub other: u32,
    /// Seats for the technology supplier community (ToR §12).
    pub supplier: u32,
}

/// The numbers of the Terms of Reference, and which of its rules the group has.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct RuleNumbers {
    /// Whether the group has a Senior Responsible Officer (ToR §8). Files written before this
    /// key existed have one.
    #[serde(default = "has_sro")]
    pub sro: bool,
    /// "Approximately twelve members" (ToR §10).
    pub target_size: u32,
    /// An individual term, in months (ToR §14).
    pub term_months: u32,
    /// Whether the group requires supplier members from SMEs (ToR §13), and how many.
    pub sme_minimum: bool,
    pub min_sme_suppliers: u32,
    /// Whether one organisation's members are limited (ToR §14), and to how many.
    pub one_per_company: bool,
    pub max_members_per_organisation: u32,
    /// Months a member may stay after joining a non-member company (ToR §15).
    pub grace_months: u32,
    /// Whether absences lead to the strike policy (ToR §17), and after how many.
    pub strike_policy: bool,
    pub strike_absences: u32,
    /// Days before a meeting its papers are published (ToR §20).
    pub publication_lead_days: u32,
    /// Consensus, in percent, to commission work with member funds (ToR §22).
    pub funds_consensus_percent: u32,
    /// Volunteers before a position outline is developed (ToR §23).
    pub position_volunteers: u32,
}

fn has_sro() -> bool {
    true
}

/// How the group works day to day (not rules of its Terms of Reference).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct GroupHabits {
    pub time_zone: String,
    pub bank_holidays: Nation,
    pub term_reminder_days: u32,
    pub paper_limit_mb: u32,
    pub standard_agenda: Vec<String>,
}

/// A group's shape: seats, rules and habits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct GroupShape {
    pub seats: SeatShape,
    pub rules: RuleNumbers,
    pub group: GroupHabits,
}

/// The title a seat without a named role is given; a seat titled otherwise has a named role.
pub fn generic_seat_title(kind: SeatKind, position: u32) -> String {
    match kind {
        SeatKind::Stakeholder => format!("Stakeholder seat {position}"),
        SeatKind::Supplier => format!("Supplier seat {position}"),
    }
}

impl GroupShape {
    /// A template's shape, as a new group of that template starts.
    pub fn of_template(template: Template) -> Self {
        Self::of(&template.settings(), &template.seats())
    }

    /// The shape of a group with these settings (in force on a day) and these seats.
    pub fn of(settings: &GroupSettings, seats: &[SeatSpec]) -> Self {
        let stakeholder: Vec<&SeatSpec> = seats.iter().filter(|s| s.kind == SeatKind::Stakeholder).collect();
        let named: Vec<String> =
            stakeholder.iter().filter(|s| s.title != generic_seat_title(SeatKind::Stakeholder, s.position)).map(|s| s.title.clone()).collect();
        GroupShape {
            seats: SeatShape {
                other: (stakeholder.len() - named.len()) as u32,
                named,
                supplier: seats.iter().filter(|s| s.kind == SeatKind::Supplier).count() as u32,
            },
            rules: RuleNumbers {
                sro: settings.applies(RuleSwitch::SroRole),
                target_size: settings.target_size,
                term_months: settings.term_months,
                sme_minimum: settings.applies(RuleSwitch::SmeMinimum),
                min_sme_suppliers: settings.min_sme_suppliers,
                one_per_company: settings.applies(RuleSwitch::OnePerCompany),
                max_members_per_organisation: settings.max_members_per_organisation,
                grace_months: settings.grace_months,
                strike_policy: settings.applies(RuleSwitch::StrikePolicy),
                strike_absences: settings.strike_absences,
                publication_lead_days: settings.publication_lead_days,
                funds_consensus_percent: settings.funds_consensus_percent,
                position_volunteers: settings.position_volunteers,
            },
            group: GroupHabits {
                time_zone: settings.time_zone.clone(),
                bank_holidays: settings.bank_holidays,
                term_reminder_days: settings.term_reminder_days,
                paper_limit_mb: settings.paper_limit_mb,
                standard_agenda: settings.standard_agenda.clone(),
            },
        }
    }

    /// The shape of a group's register: its settings in force and its seats open on a day.
    pub fn of_seats(settings: &GroupSettings, seats: &[&Seat]) -> Self {
        let specs: Vec<SeatSpec> = seats.iter().map(|s| SeatSpec { kind: s.kind, position: s.position, title: s.title.clone() }).collect();
        Self::of(settings, &specs)
    }

    /// The settings a group of this shape starts with; the error names the field at fault
    /// (the key in a rules file, the field in the form).
    pub fn settings(&self) -> Result<GroupSettings, SettingsError> {
        let err = |field: &'static str, message: String| Err(SettingsError { field, message });
        let mut seen: Vec<String> = Vec::new();
        for title in &self.seats.named {
            let title = title.trim();
            if title.is_empty() || title.chars().count() > 120 || title.contains(['\n', '\r']) {
                return err("named", "Each named seat needs its role on one line, of at most 120 characters (ToR §11).".into());
            }
            if seen.iter().any(|t| t.eq_ignore_ascii_case(title)) {
                return err("named", format!("Two seats are named \u{201c}{title}\u{201d}; each named seat is for a different stakeholder (ToR §11)."));
            }
            seen.push(title.to_owned());
        }
        let stakeholder_seats = self.seats.named.len() as u32 + self.seats.other;
        if stakeholder_seats + self.seats.supplier > 200 {
            return err("supplier", "A group has at most 200 seats.".into());
        }
        if self.seats.supplier == 0 && self.rules.sme_minimum && self.rules.min_sme_suppliers > 0 {
            return err("min_sme_suppliers", "With no supplier seats there can be no SME minimum: switch the rule off (ToR §13).".into());
        }
        let r = &self.rules;
        let defaults = Template::TechukInterop.settings();
        let mut rules_off = Vec::new();
        let switches = [
            (r.sro, RuleSwitch::SroRole),
            (r.sme_minimum, RuleSwitch::SmeMinimum),
            (r.one_per_company, RuleSwitch::OnePerCompany),
            (r.strike_policy, RuleSwitch::StrikePolicy),
        ];
        for (on, rule) in switches {
            if !on {
                rules_off.push(rule);
            }
        }
        if self.group.paper_limit_mb == 0 || self.group.paper_limit_mb > 500 {
            return err("paper_limit_mb", "The largest paper is from 1 to 500 MB.".into());
        }
        if self.group.term_reminder_days > 365 {
            return err("term_reminder_days", "A term is flagged for election at most 365 days before it ends.".into());
        }
        if r.target_size > 200 {
            return err("target_size", "A group of more than 200 members is not a working group (ToR §10).".into());
        }
        if r.grace_months > 120 || r.publication_lead_days > 90 || r.position_volunteers > 200 || r.strike_absences > 52 {
            let field = if r.grace_months > 120 {
                "grace_months"
            } else if r.publication_lead_days > 90 {
                "publication_lead_days"
            } else if r.position_volunteers > 200 {
                "position_volunteers"
            } else {
                "strike_absences"
            };
            return err(field, format!("That number is out of range for {field} (grace ≤ 120 months, lead time ≤ 90 days, volunteers ≤ 200, absences ≤ 52)."));
        }
        let settings = GroupSettings {
            stakeholder_seats,
            supplier_seats: self.seats.supplier,
            target_size: r.target_size,
            term_months: r.term_months,
            min_sme_suppliers: if r.sme_minimum { r.min_sme_suppliers } else { r.min_sme_suppliers.min(self.seats.supplier) },
            max_members_per_organisation: r.max_members_per_organisation,
            strike_absences: r.strike_absences,
            grace_months: r.grace_months,
            publication_lead_days: r.publication_lead_days,
            funds_consensus_percent: r.funds_consensus_percent,
            position_volunteers: r.position_volunteers,
            time_zone: self.group.time_zone.trim().to_owned(),
            term_reminder_days: self.group.term_reminder_days,
            standard_agenda: self.group.standard_agenda.iter().map(|s| s.trim().to_owned()).filter(|s| !s.is_empty()).collect(),
            paper_limit_mb: self.group.paper_limit_mb,
            retention: defaults.retention,
            work: defaults.work,
            bank_holidays: self.group.bank_holidays,
            rules_off,
        };
        settings.validate()?;
        Ok(settings)
    }

    /// The seats a group of this shape starts with: the named seats, the other stakeholder
    /// seats, then the supplier seats.
    pub fn seats(&self) -> Vec<SeatSpec> {
        let named = self.seats.named.iter().map(|t| t.trim().to_owned());
        let stakeholder = named.chain((0..self.seats.other).map(|_| String::new())).enumerate().map(|(i, title)| {
            let position = i as u32 + 1;
            let title = if title.is_empty() { generic_seat_title(SeatKind::Stakeholder, position) } else { title };
            SeatSpec { kind: SeatKind::Stakeholder, position, title }
        });
        let supplier =
            (1..=self.seats.supplier).map(|position| SeatSpec { kind: SeatKind::Supplier, position, title: generic_seat_title(SeatKind::Supplier, position) });
        stakeholder.chain(supplier).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_techuk_template_shape_round_trips_to_its_settings_and_seats() {
        let shape = GroupShape::of_template(Template::TechukInterop);
        assert_eq!(shape.seats.named.len(), 4);
        assert_eq!((shape.seats.other, shape.seats.supplier), (0, 8));
        assert_eq!(shape.settings().unwrap(), Template::TechukInterop.settings());
        assert_eq!(shape.seats(), Template::TechukInterop.seats());
    }

    #[test]
    fn s17_a_custom_group_without_a_strike_policy_has_the_rule_off() {
        let mut shape = GroupShape::of_template(Template::TechukInterop);
        shape.seats = SeatShape { named: vec![], other: 0, supplier: 15 };
        shape.rules.strike_policy = false;
        shape.rules.target_size = 15;
        let settings = shape.settings().unwrap();
        assert!(!settings.applies(RuleSwitch::StrikePolicy));
        assert_eq!((settings.stakeholder_seats, settings.supplier_seats), (0, 15));
        assert_eq!(shape.seats().len(), 15);
    }

    #[test]
    fn s11_two_seats_with_one_named_role_are_refused_at_the_field() {
        let mut shape = GroupShape::of_template(Template::TechukInterop);
        shape.seats.named.push("National Data Quality & Standards Lead".into());
        assert_eq!(shape.settings().unwrap_err().field, "named");
    }

    #[test]
    fn s13_impossible_numbers_are_refused_at_their_field() {
        let mut shape = GroupShape::of_template(Template::TechukInterop);
        shape.rules.min_sme_suppliers = 9;
        assert_eq!(shape.settings().unwrap_err().field, "min_sme_suppliers");
        let mut shape = GroupShape::of_template(Template::TechukInterop);
        shape.rules.term_months = 0;
        assert_eq!(shape.settings().unwrap_err().field, "term_months");
    }
}
