//! Amending the Terms of Reference: which settings a group amends, how an amendment
//! applies from its date, what may not be amended, and what an amendment would change.
//!
//! A group's rules on a day are the settings it began with and every amendment in force
//! by then ([`GroupSettings::amended`]); the rules read them through [`Day::settings`], so
//! a check on the day before an amendment uses the old number and on the day itself the new.
//!
//! [`Day::settings`]: crate::register::Day::settings

use crate::findings::{Finding, uk_date};
use crate::register::{Id, Register};
use crate::settings::{GroupSettings, SettingsError, Tor};
use crate::template::SeatKind;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A rule a group's Terms of Reference may not have at all. When it is off, its findings
/// never appear and its paragraph is not cited.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum RuleSwitch {
    /// A Senior Responsible Officer for the group (ToR §8).
    SroRole,
    /// A minimum of supplier members from SMEs (ToR §13).
    SmeMinimum,
    /// A limit on members from one organisation (ToR §14).
    OnePerCompany,
    /// The strike policy on absences (ToR §17).
    StrikePolicy,
}

impl RuleSwitch {
    pub const ALL: [RuleSwitch; 4] = [RuleSwitch::SroRole, RuleSwitch::SmeMinimum, RuleSwitch::OnePerCompany, RuleSwitch::StrikePolicy];

    pub fn tor(self) -> Tor {
        Tor(match self {
            RuleSwitch::SroRole => 8,
            RuleSwitch::SmeMinimum => 13,
            RuleSwitch::OnePerCompany => 14,
            RuleSwitch::StrikePolicy => 17,
        })
    }

    pub fn label(self) -> &'static str {
        match self {
            RuleSwitch::SroRole => "A Senior Responsible Officer (SRO)",
            RuleSwitch::SmeMinimum => "A minimum of supplier members from SMEs",
            RuleSwitch::OnePerCompany => "A limit on members from one organisation",
            RuleSwitch::StrikePolicy => "The strike policy on absences",
        }
    }
}

/// A setting of the Terms of Reference that an amendment changes: a number, a seat count,
/// or whether a rule applies at all (1 on, 0 off).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum TorSetting {
    TargetSize,
    StakeholderSeats,
    SupplierSeats,
    MinSmeSuppliers,
    TermMonths,
    MaxMembersPerOrganisation,
    GraceMonths,
    StrikeAbsences,
    PublicationLeadDays,
    FundsConsensusPercent,
    PositionVolunteers,
    Rule(RuleSwitch),
}

impl TorSetting {
    /// Every amendable setting, in the order of the Terms of Reference.
    pub const ALL: [TorSetting; 15] = [
        TorSetting::Rule(RuleSwitch::SroRole),
        TorSetting::TargetSize,
        TorSetting::StakeholderSeats,
        TorSetting::SupplierSeats,
        TorSetting::MinSmeSuppliers,
        TorSetting::Rule(RuleSwitch::SmeMinimum),
        TorSetting::TermMonths,
        TorSetting::MaxMembersPerOrganisation,
        TorSetting::Rule(RuleSwitch::OnePerCompany),
        TorSetting::GraceMonths,
        TorSetting::StrikeAbsences,
        TorSetting::Rule(RuleSwitch::StrikePolicy),
        TorSetting::PublicationLeadDays,
        TorSetting::FundsConsensusPercent,
        TorSetting::PositionVolunteers,
    ];

    /// The name used on the command line, in the database and in a rules file.
    pub fn key(self) -> &'static str {
        match self {
            TorSetting::TargetSize => "target_size",
            TorSetting::StakeholderSeats => "stakeholder_seats",
            TorSetting::SupplierSeats => "supplier_seats",
            TorSetting::MinSmeSuppliers => "min_sme_suppliers",
            TorSetting::TermMonths => "term_months",
            TorSetting::MaxMembersPerOrganisation => "max_members_per_organisation",
            TorSetting::GraceMonths => "grace_months",
            TorSetting::StrikeAbsences => "strike_absences",
            TorSetting::PublicationLeadDays => "publication_lead_days",
            TorSetting::FundsConsensusPercent => "funds_consensus_percent",
            TorSetting::PositionVolunteers => "position_volunteers",
            TorSetting::Rule(RuleSwitch::SroRole) => "rule.sro",
            TorSetting::Rule(RuleSwitch::SmeMinimum) => "rule.sme_minimum",
            TorSetting::Rule(RuleSwitch::OnePerCompany) => "rule.one_per_company",
            TorSetting::Rule(RuleSwitch::StrikePolicy) => "rule.strike_policy",
        }
    }

    pub fn parse(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.key() == key)
    }

    pub fn tor(self) -> Tor {
        Tor(match self {
            TorSetting::TargetSize => 10,
            TorSetting::StakeholderSeats => 11,
            TorSetting::SupplierSeats => 12,
            TorSetting::MinSmeSuppliers => 13,
            TorSetting::TermMonths | TorSetting::MaxMembersPerOrganisation => 14,
            TorSetting::GraceMonths => 15,
            TorSetting::StrikeAbsences => 17,
            TorSetting::PublicationLeadDays => 20,
            TorSetting::FundsConsensusPercent => 22,
            TorSetting::PositionVolunteers => 23,
            TorSetting::Rule(rule) => return rule.tor(),
        })
    }

    pub fn label(self) -> &'static str {
        match self {
            TorSetting::TargetSize => "Group size (approximately)",
            TorSetting::StakeholderSeats => "Stakeholder seats",
            TorSetting::SupplierSeats => "Supplier seats",
            TorSetting::MinSmeSuppliers => "Supplier members from an SME (at least)",
            TorSetting::TermMonths => "Term length in months",
            TorSetting::MaxMembersPerOrganisation => "Members per organisation (at most)",
            TorSetting::GraceMonths => "Months of grace after moving to a non-member company",
            TorSetting::StrikeAbsences => "Absences in a calendar year before the strike policy applies",
            TorSetting::PublicationLeadDays => "Days ahead of a meeting its agenda and papers are published",
            TorSetting::FundsConsensusPercent => "Consensus, in percent, to commission work with member funds",
            TorSetting::PositionVolunteers => "Volunteers before a position outline is developed",
            TorSetting::Rule(rule) => rule.label(),
        }
    }

    /// For a rule, the key of the number it switches on or off.
    pub fn number_key(self) -> Option<&'static str> {
        match self {
            TorSetting::Rule(RuleSwitch::SmeMinimum) => Some("min_sme_suppliers"),
            TorSetting::Rule(RuleSwitch::OnePerCompany) => Some("max_members_per_organisation"),
            TorSetting::Rule(RuleSwitch::StrikePolicy) => Some("strike_absences"),
            _ => None,
        }
    }

    pub fn is_switch(self) -> bool {
        matches!(self, TorSetting::Rule(_))
    }

    /// The seat kind whose count this setting is.
    pub fn seat_kind(self) -> Option<SeatKind> {
        match self {
            TorSetting::StakeholderSeats => Some(SeatKind::Stakeholder),
            TorSetting::SupplierSeats => Some(SeatKind::Supplier),
            _ => None,
        }
    }

    pub fn get(self, settings: &GroupSettings) -> u32 {
        match self {
            TorSetting::TargetSize => settings.target_size,
            TorSetting::StakeholderSeats => settings.stakeholder_seats,
            TorSetting::SupplierSeats => settings.supplier_seats,
            TorSetting::MinSmeSuppliers => settings.min_sme_suppliers,
            TorSetting::TermMonths => settings.term_months,
            TorSetting::MaxMembersPerOrganisation => settings.max_members_per_organisation,
            TorSetting::GraceMonths => settings.grace_months,
            TorSetting::StrikeAbsences => settings.strike_absences,
            TorSetting::PublicationLeadDays => settings.publication_lead_days,
            TorSetting::FundsConsensusPercent => settings.funds_consensus_percent,
            TorSetting::PositionVolunteers => settings.position_volunteers,
            TorSetting::Rule(rule) => u32::from(settings.applies(rule)),
        }
    }

    pub fn set(self, settings: &mut GroupSettings, value: u32) {
        match self {
            TorSetting::TargetSize => settings.target_size = value,
            TorSetting::StakeholderSeats => settings.stakeholder_seats = value,
            TorSetting::SupplierSeats => settings.supplier_seats = value,
            TorSetting::MinSmeSuppliers => settings.min_sme_suppliers = value,
            TorSetting::TermMonths => settings.term_months = value,
            TorSetting::MaxMembersPerOrganisation => settings.max_members_per_organisation = value,
            TorSetting::GraceMonths => settings.grace_months = value,
            TorSetting::StrikeAbsences => settings.strike_absences = value,
            TorSetting::PublicationLeadDays => settings.publication_lead_days = value,
            TorSetting::FundsConsensusPercent => settings.funds_consensus_percent = value,
            TorSetting::PositionVolunteers => settings.position_volunteers = value,
            TorSetting::Rule(rule) => {
                settings.rules_off.retain(|r| *r != rule);
                if value == 0 {
                    settings.rules_off.push(rule);
                    settings.rules_off.sort();
                }
            }
        }
    }

    /// A value as a person reads it: "3", "24 months", "80%", "applies" / "does not apply".
    pub fn describe(self, value: u32) -> String {
        match self {
            TorSetting::Rule(_) => (if value == 0 { "does not apply" } else { "applies" }).to_owned(),
            TorSetting::FundsConsensusPercent => format!("{value}%"),
            TorSetting::TermMonths | TorSetting::GraceMonths => format!("{value} month{}", if value == 1 { "" } else { "s" }),
            TorSetting::PublicationLeadDays => format!("{value} day{}", if value == 1 { "" } else { "s" }),
            _ => value.to_string(),
        }
    }

    /// A value typed by a person or read from a file: a whole number, or for a rule
    /// "on"/"off" (also "yes"/"no", "1"/"0").
    pub fn parse_value(self, text: &str) -> Result<u32, SettingsError> {
        let text = text.trim();
        let field = "value";
        if self.is_switch() {
            return match text.to_ascii_lowercase().as_str() {
                "on" | "yes" | "1" | "true" | "applies" => Ok(1),
                "off" | "no" | "0" | "false" | "does not apply" => Ok(0),
                _ => Err(SettingsError { field, message: format!("{} is on or off ({}), not '{text}'.", self.label(), self.tor()) }),
            };
        }
        text.parse::<u32>().map_err(|_| SettingsError { field, message: format!("{} is a whole number ({}), not '{text}'.", self.label(), self.tor()) })
    }
}

/// An amendment of the Terms of Reference: a setting's new value from a date, and who agreed it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Amendment {
    pub id: Id,
    pub setting: TorSetting,
    pub value: u32,
    /// The first day the new value is in force.
    pub from: NaiveDate,
    /// The meeting that agreed it, if recorded.
    pub meeting: Option<Id>,
    /// The decision (ToR §22) that agreed it, if recorded.
    pub decision: Option<Id>,
    /// Where there is no decision to cite: who agreed it and how.
    pub note: String,
}

impl GroupSettings {
    /// Whether a rule applies under these settings (a ToR may not have it at all).
    pub fn applies(&self, rule: RuleSwitch) -> bool {
        !self.rules_off.contains(&rule)
    }

    /// These settings with every amendment in force on `on` applied, in date order
    /// (amendments of one day in the order they were recorded).
    pub fn amended(&self, amendments: &[Amendment], on: NaiveDate) -> GroupSettings {
        let mut settings = self.clone();
        let mut in_force: Vec<&Amendment> = amendments.iter().filter(|a| a.from <= on).collect();
        in_force.sort_by_key(|a| (a.from, a.id));
        for amendment in in_force {
            amendment.setting.set(&mut settings, amendment.value);
        }
        settings
    }
}

/// What a seat-count amendment does to the seats themselves.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SeatPlan {
    /// New seats' positions within their kind, added from the amendment's date.
    pub add: Vec<u32>,
    /// Seats retired from the amendment's date (the highest-numbered vacant ones).
    pub retire: Vec<Id>,
}

/// Whether `amendment` may be made to `register` (a group created on `created`), and for a
/// seat count, which seats it adds or retires. The error names the field at fault.
pub fn check_amendment(register: &Register, created: NaiveDate, amendment: &Amendment) -> Result<SeatPlan, SettingsError> {
    let setting = amendment.setting;
    if amendment.from < created {
        return Err(SettingsError {
            field: "from",
            message: format!("An amendment cannot take effect before the group existed (it was created on {}).", uk_date(created)),
        });
    }
    // The new value must make sense with the rest of the rules on its first day and at every
    // later amendment (a later amendment of another setting must still fit with it).
    let mut with = register.clone();
    with.amendments.push(Amendment { id: Id::MAX, ..amendment.clone() });
    let mut dates: Vec<NaiveDate> = register.amendments.iter().map(|a| a.from).filter(|d| *d > amendment.from).collect();
    dates.push(amendment.from);
    for date in dates {
        with.settings_on(date).validate().map_err(|e| SettingsError { field: if e.field == setting.key() { "value" } else { e.field }, ..e })?;
    }
    let Some(kind) = setting.seat_kind() else { return Ok(SeatPlan::default()) };
    seat_plan(register, kind, amendment.value, amendment.from, setting)
}

/// The seats of `kind` to add or retire so that `count` exist from `from`: only vacant seats
/// may be retired (from then on), highest-numbered first.
fn seat_plan(register: &Register, kind: SeatKind, count: u32, from: NaiveDate, setting: TorSetting) -> Result<SeatPlan, SettingsError> {
    let open: Vec<_> = register.seats.iter().filter(|s| s.kind == kind && s.open_on(from)).collect();
    let now = open.len() as u32;
    let mut plan = SeatPlan::default();
    if count >= now {
        let top = register.seats.iter().filter(|s| s.kind == kind).map(|s| s.position).max().unwrap_or(0);
        plan.add = (top + 1..=top + (count - now)).collect();
        return Ok(plan);
    }
    let held_from = |seat: Id| register.terms.iter().any(|t| t.seat == seat && t.stops() > from);
    let vacant: Vec<_> = open.iter().filter(|s| !held_from(s.id)).collect();
    let needed = (now - count) as usize;
    if vacant.len() < needed {
        let held = now as usize - vacant.len();
        return Err(SettingsError {
            field: "value",
            message: format!(
                "{held} {} seats are held on or after {}; the count cannot go below {held} until those terms end ({}).",
                kind.as_str(),
                uk_date(from),
                setting.tor()
            ),
        });
    }
    let mut retire: Vec<_> = vacant.into_iter().collect();
    retire.sort_by_key(|s| std::cmp::Reverse(s.position));
    plan.retire = retire.into_iter().take(needed).map(|s| s.id).collect();
    Ok(plan)
}

/// What an amendment would change in the findings: those it brings and those it clears,
/// judged on `on` (today, or the amendment's first day if that is later).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AmendmentEffect {
    pub on: NaiveDate,
    pub new: Vec<Finding>,
    pub cleared: Vec<Finding>,
}

/// Compares the findings of `before` and `after` (two evaluations of one day).
pub fn effect(on: NaiveDate, before: &[Finding], after: &[Finding]) -> AmendmentEffect {
    let same = |a: &Finding, b: &Finding| a.tor == b.tor && a.severity == b.severity && a.message == b.message;
    AmendmentEffect {
        on,
        new: after.iter().filter(|f| !before.iter().any(|b| same(b, f))).cloned().collect(),
        cleared: before.iter().filter(|f| !after.iter().any(|a| same(a, f))).cloned().collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evaluate;
    use crate::tor::fixture::{Fixture, d};
    use crate::{Severity, TechukStatus};

    fn amend(setting: TorSetting, value: u32, from: &str) -> Amendment {
        Amendment { id: 1, setting, value, from: d(from), meeting: None, decision: None, note: String::new() }
    }

    #[test]
    fn every_setting_has_a_key_that_parses_back_and_a_paragraph() {
        for setting in TorSetting::ALL {
            assert_eq!(TorSetting::parse(setting.key()), Some(setting));
            assert!(setting.tor().0 >= 8, "{}", setting.key());
        }
    }

    #[test]
    fn an_amendment_applies_from_its_date_and_not_before() {
        let settings = crate::Template::TechukInterop.settings();
        let amendments = [amend(TorSetting::MinSmeSuppliers, 3, "2026-06-01")];
        assert_eq!(settings.amended(&amendments, d("2026-05-31")).min_sme_suppliers, 2);
        assert_eq!(settings.amended(&amendments, d("2026-06-01")).min_sme_suppliers, 3);
    }

    #[test]
    fn s13_the_minimum_amended_applies_on_its_day_and_not_the_day_before() {
        let mut f = Fixture::new();
        for i in 0..2 {
            let org = f.org(&format!("Small {i}"), TechukStatus::Member, true);
            f.supplier(&format!("P{i}"), org, "2025-01-01");
        }
        f.register.amendments.push(amend(TorSetting::MinSmeSuppliers, 3, "2026-06-01"));
        let breach = |on| evaluate(&f.register, d(on)).into_iter().any(|x| x.tor == Tor(13) && x.severity == Severity::Breach);
        assert!(!breach("2026-05-31"));
        assert!(breach("2026-06-01"));
    }

    #[test]
    fn s13_an_amendment_dated_before_the_group_existed_is_refused() {
        let f = Fixture::new();
        let error = check_amendment(&f.register, d("2025-01-01"), &amend(TorSetting::MinSmeSuppliers, 1, "2024-12-31")).unwrap_err();
        assert_eq!(error.field, "from");
        assert!(error.message.contains("1 Jan 2025"), "{}", error.message);
    }

    #[test]
    fn s13_more_sme_members_than_supplier_seats_is_refused_at_the_value() {
        let f = Fixture::new();
        let error = check_amendment(&f.register, d("2025-01-01"), &amend(TorSetting::MinSmeSuppliers, 9, "2026-01-01")).unwrap_err();
        assert_eq!(error.field, "value");
        assert!(error.message.contains("ToR §13"));
    }

    #[test]
    fn s12_a_seat_count_below_the_seats_held_is_refused() {
        let mut f = Fixture::new();
        for i in 0..3 {
            let org = f.org(&format!("Co {i}"), TechukStatus::Member, false);
            f.supplier(&format!("P{i}"), org, "2025-01-01");
        }
        let error = check_amendment(&f.register, d("2025-01-01"), &amend(TorSetting::SupplierSeats, 2, "2026-01-01")).unwrap_err();
        assert_eq!(error.field, "value");
        assert!(error.message.contains("3 supplier seats are held"), "{}", error.message);
        let plan = check_amendment(&f.register, d("2025-01-01"), &amend(TorSetting::SupplierSeats, 5, "2026-01-01")).unwrap();
        assert_eq!(plan.retire.len(), 3);
        assert!(plan.add.is_empty());
        let plan = check_amendment(&f.register, d("2025-01-01"), &amend(TorSetting::SupplierSeats, 10, "2026-01-01")).unwrap();
        assert_eq!(plan.add, vec![9, 10]);
    }

    #[test]
    fn s17_a_rule_switched_off_by_amendment_reads_as_off_from_its_date() {
        let settings = crate::Template::TechukInterop.settings();
        let amendments = [amend(TorSetting::Rule(RuleSwitch::StrikePolicy), 0, "2026-06-01")];
        assert!(settings.amended(&amendments, d("2026-05-31")).applies(RuleSwitch::StrikePolicy));
        assert!(!settings.amended(&amendments, d("2026-06-01")).applies(RuleSwitch::StrikePolicy));
        assert_eq!(TorSetting::Rule(RuleSwitch::StrikePolicy).parse_value("off").unwrap(), 0);
        assert!(TorSetting::TermMonths.parse_value("two").unwrap_err().message.contains("ToR §14"));
    }
}
