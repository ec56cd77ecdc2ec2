//! Templates: a group's starting settings and seats, taken from a Terms of Reference.

use crate::settings::GroupSettings;
use crate::work::DECLARATIONS_ITEM;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A Terms of Reference a group can start from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
pub enum Template {
    /// The techUK Interoperability for Policing Working Group.
    #[serde(rename = "techuk-interop")]
    TechukInterop,
    /// A group whose seats and rules were chosen when it was created (the form, or a rules
    /// file exported from another group): it starts from [`crate::shape::GroupShape`].
    #[serde(rename = "custom")]
    Custom,
}

/// Whom a seat is for (ToR §11–§12).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SeatKind {
    /// Stakeholders, national bodies and customers (ToR §11).
    Stakeholder,
    /// The technology supplier community (ToR §12).
    Supplier,
}

impl SeatKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SeatKind::Stakeholder => "stakeholder",
            SeatKind::Supplier => "supplier",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "stakeholder" => Some(SeatKind::Stakeholder),
            "supplier" => Some(SeatKind::Supplier),
            _ => None,
        }
    }
}

/// A seat a template creates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeatSpec {
    pub kind: SeatKind,
    /// 1-based within its kind.
    pub position: u32,
    pub title: String,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("There is no template called '{0}'. Known templates: techuk-interop, custom.")]
pub struct UnknownTemplate(pub String);

/// The four stakeholder seats named by ToR §11 a–d.
const TECHUK_STAKEHOLDER_SEATS: [&str; 4] = [
    "Interoperability Working Group SRO",
    "Home Office Police & Public Protection Technology representative",
    "Police ICT Company National Standards Lead",
    "National Data Quality & Standards Lead",
];

impl Template {
    pub const ALL: [Template; 2] = [Template::TechukInterop, Template::Custom];

    /// The identifier used on the command line and in the database.
    pub fn id(self) -> &'static str {
        match self {
            Template::TechukInterop => "techuk-interop",
            Template::Custom => "custom",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Template::TechukInterop => "techUK Interoperability for Policing WG",
            Template::Custom => "A custom group: choose its seats and rules",
        }
    }

    /// The name a new group is offered.
    pub fn suggested_group_name(self) -> &'static str {
        match self {
            Template::TechukInterop => "Interoperability for Policing Working Group",
            Template::Custom => "",
        }
    }

    pub fn parse(id: &str) -> Result<Self, UnknownTemplate> {
        Self::ALL.into_iter().find(|t| t.id() == id).ok_or_else(|| UnknownTemplate(id.to_owned()))
    }

    /// The settings a group of the template starts with. A custom group's defaults are what a
    /// secretariat would expect of a working group: twelve seats, none of them named, two-year
    /// terms, every rule on; the form or a rules file changes them.
    pub fn settings(self) -> GroupSettings {
        match self {
            Template::Custom => GroupSettings { stakeholder_seats: 0, supplier_seats: 12, min_sme_suppliers: 2, ..Template::TechukInterop.settings() },
            Template::TechukInterop => GroupSettings {
                stakeholder_seats: 4,
                supplier_seats: 8,
                target_size: 12,
                term_months: 24,
                min_sme_suppliers: 2,
                max_members_per_organisation: 1,
                strike_absences: 2,
                grace_months: 3,
                publication_lead_days: 7,
                funds_consensus_percent: 80,
                position_volunteers: 6,
                time_zone: "Europe/London".to_owned(),
                term_reminder_days: 60,
                standard_agenda: [
                    "Welcome and apologies",
                    DECLARATIONS_ITEM,
                    "Minutes of the last meeting",
                    "Matters arising and open actions",
                    "Any other business",
                ]
                .map(String::from)
                .to_vec(),
                paper_limit_mb: 20,
                retention: crate::retention::RetentionSchedule::default(),
                work: crate::work::WorkThresholds::default(),
                bank_holidays: crate::working_days::Nation::EnglandAndWales,
                rules_off: Vec::new(),
            },
        }
    }

    /// The seats a group starts with: the named stakeholder seats, then the supplier seats.
    pub fn seats(self) -> Vec<SeatSpec> {
        let settings = self.settings();
        let stakeholder = (1..=settings.stakeholder_seats).map(|position| SeatSpec {
            kind: SeatKind::Stakeholder,
            position,
            title: match self {
                Template::TechukInterop => TECHUK_STAKEHOLDER_SEATS.get(position as usize - 1).map(|t| (*t).to_owned()),
                Template::Custom => None,
            }
            .unwrap_or_else(|| crate::shape::generic_seat_title(SeatKind::Stakeholder, position)),
        });
        let supplier = (1..=settings.supplier_seats).map(|position| SeatSpec {
            kind: SeatKind::Supplier,
            position,
            title: crate::shape::generic_seat_title(SeatKind::Supplier, position),
        });
        stakeholder.chain(supplier).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn s10_to_s12_techuk_template_has_four_named_stakeholder_and_eight_supplier_seats() {
        let seats = Template::TechukInterop.seats();
        assert_eq!(seats.len(), 12);
        let stakeholders: Vec<_> = seats.iter().filter(|s| s.kind == SeatKind::Stakeholder).collect();
        assert_eq!(stakeholders.len(), 4);
        assert_eq!(stakeholders[0].title, "Interoperability Working Group SRO");
        assert_eq!(stakeholders[3].title, "National Data Quality & Standards Lead");
        assert_eq!(seats.iter().filter(|s| s.kind == SeatKind::Supplier).count(), 8);
    }

    #[test]
    fn techuk_template_carries_the_numbers_of_its_terms_of_reference() {
        let s = Template::TechukInterop.settings();
        assert_eq!((s.term_months, s.min_sme_suppliers, s.max_members_per_organisation, s.strike_absences), (24, 2, 1, 2));
        assert_eq!((s.grace_months, s.publication_lead_days, s.funds_consensus_percent, s.position_volunteers), (3, 7, 80, 6));
        s.validate().unwrap();
    }

    #[test]
    fn templates_are_found_by_their_command_line_id() {
        assert_eq!(Template::parse("techuk-interop").unwrap(), Template::TechukInterop);
        let error = Template::parse("nope").unwrap_err();
        assert!(error.to_string().contains("techuk-interop"));
    }
}
