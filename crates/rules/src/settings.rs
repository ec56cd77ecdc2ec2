//! A group's settings: the numbers of its Terms of Reference.
//!
//! Each setting knows the paragraph it comes from, so every screen and document
//! that shows one can cite it.

use serde::{Deserialize, Serialize};
use std::fmt;
use ts_rs::TS;

/// A paragraph of the Terms of Reference, shown as "ToR §n".
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(transparent)]
pub struct Tor(pub u8);

impl fmt::Display for Tor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ToR §{}", self.0)
    }
}

/// The numbers a group's rules run on. Template defaults, changeable per group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct GroupSettings {
    /// Seats for stakeholders, national bodies and customers (ToR §11).
    pub stakeholder_seats: u32,
    /// Seats for members from the technology supplier community (ToR §12).
    pub supplier_seats: u32,
    /// "Approximately twelve members" (ToR §10).
    pub target_size: u32,
    /// Length of an individual term, in months (ToR §14: two years).
    pub term_months: u32,
    /// Supplier members who must come from an SME (ToR §13).
    pub min_sme_suppliers: u32,
    /// Members one organisation may have at once (ToR §14: one per company).
    pub max_members_per_organisation: u32,
    /// Absences from compulsory meetings in a calendar year that trigger the strike policy (ToR §17).
    pub strike_absences: u32,
    /// Months a member may stay after joining a non-member company (ToR §15).
    pub grace_months: u32,
    /// Days before a meeting by which its agenda and papers are published (ToR §20).
    pub publication_lead_days: u32,
    /// Share of members, in percent, needed to commission work with member funds (ToR §22).
    pub funds_consensus_percent: u32,
    /// Volunteers needed before a position outline is developed (ToR §23).
    pub position_volunteers: u32,
    /// IANA time zone in which the group's meetings are held.
    pub time_zone: String,
    /// Days before a term ends that it is flagged for an election (a group setting).
    pub term_reminder_days: u32,
    /// The items every new agenda starts with.
    pub standard_agenda: Vec<String>,
    /// The largest paper accepted, in megabytes.
    pub paper_limit_mb: u32,
    /// How long each kind of record is kept before it is due for purging (UK GDPR storage
    /// limitation). Groups saved before the schedule existed read the defaults.
    #[serde(default)]
    pub retention: crate::retention::RetentionSchedule,
    /// When the work registers' entries are listed on Home (ToR §3a, §5a); groups saved
    /// before these were settings read the defaults.
    #[serde(default)]
    pub work: crate::work::WorkThresholds,
    /// Whose bank holidays the deadlines the app proposes skip (`working_days`).
    #[serde(default)]
    pub bank_holidays: crate::working_days::Nation,
    /// Rules this group's Terms of Reference do not have (no strike policy, no SME minimum…):
    /// their findings never appear and their paragraphs are not cited.
    #[serde(default)]
    pub rules_off: Vec<crate::amendments::RuleSwitch>,
}

/// One setting as a person reads it: label, value and the paragraph behind it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SettingLine {
    pub key: String,
    pub label: String,
    pub value: String,
    pub tor: Option<Tor>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct SettingsError {
    pub field: &'static str,
    pub message: String,
}

impl GroupSettings {
    /// The settings listed for people, in the order of the Terms of Reference.
    pub fn describe(&self) -> Vec<SettingLine> {
        let line =
            |key: &str, label: &str, value: String, tor: Option<u8>| SettingLine { key: key.to_owned(), label: label.to_owned(), value, tor: tor.map(Tor) };
        let plural = |n: u32, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        // A rule this group's Terms of Reference do not have: said so, and no paragraph cited.
        let line = |key: &str, label: &str, value: String, tor: Option<u8>| {
            let off = crate::RuleSwitch::ALL.into_iter().find(|rule| crate::TorSetting::Rule(*rule).number_key() == Some(key) && !self.applies(*rule));
            match off {
                Some(_) => line(key, label, "Does not apply: this group's Terms of Reference have no such rule".to_owned(), None),
                None => line(key, label, value, tor),
            }
        };
        vec![
            line("target_size", "Group size (approximately)", plural(self.target_size, "member", "members"), Some(10)),
            line("stakeholder_seats", "Stakeholder seats", self.stakeholder_seats.to_string(), Some(11)),
            line("supplier_seats", "Supplier seats", self.supplier_seats.to_string(), Some(12)),
            line("min_sme_suppliers", "Supplier members from an SME (at least)", self.min_sme_suppliers.to_string(), Some(13)),
            line("term_months", "Term length", term_text(self.term_months), Some(14)),
            line("max_members_per_organisation", "Members per organisation (at most)", self.max_members_per_organisation.to_string(), Some(14)),
            line("grace_months", "Grace after moving to a non-member company", plural(self.grace_months, "month", "months"), Some(15)),
            line(
                "strike_absences",
                "Absences from compulsory meetings in a calendar year before the strike policy applies",
                self.strike_absences.to_string(),
                Some(17),
            ),
            line("publication_lead_days", "Agenda and papers published ahead of a meeting", plural(self.publication_lead_days, "day", "days"), Some(20)),
            line("funds_consensus_percent", "Consensus to commission work with member funds", format!("{}%", self.funds_consensus_percent), Some(22)),
            line("position_volunteers", "Volunteers before a position outline is developed", self.position_volunteers.to_string(), Some(23)),
            line("time_zone", "Time zone of meetings", self.time_zone.clone(), None),
            line("bank_holidays", "Bank holidays skipped by proposed deadlines", self.bank_holidays.label().to_owned(), None),
            line("term_reminder_days", "Flag a term for election this long before it ends", plural(self.term_reminder_days, "day", "days"), None),
            line("standard_agenda", "Every new agenda starts with", self.standard_agenda.join("; "), None),
            line("paper_limit_mb", "Largest paper accepted", format!("{} MB", self.paper_limit_mb), None),
            line("retention.ballot_months", "Ballot papers kept after the result is declared", plural(self.retention.ballot_months, "month", "months"), None),
            line(
                "retention.nomination_months",
                "Unsuccessful candidates' statements kept after the result is declared",
                plural(self.retention.nomination_months, "month", "months"),
                None,
            ),
            // The current year's attendance is what the strike policy reads; without it, a group setting.
            match self.applies(crate::RuleSwitch::StrikePolicy) {
                true => line(
                    "retention.attendance_years",
                    "Attendance kept after the end of its year (ToR §17 needs the current year)",
                    plural(self.retention.attendance_years, "full year", "full years"),
                    Some(17),
                ),
                false => line(
                    "retention.attendance_years",
                    "Attendance kept after the end of its year",
                    plural(self.retention.attendance_years, "full year", "full years"),
                    None,
                ),
            },
            line("retention.paper_years", "Meeting papers kept after the meeting", plural(self.retention.paper_years, "year", "years"), None),
            line(
                "work.deadline_warning_days",
                "Consultation deadlines listed on Home this far ahead",
                plural(self.work.deadline_warning_days, "day", "days"),
                None,
            ),
            line("work.review_months", "Horizon items listed on Home when not reviewed for", plural(self.work.review_months, "month", "months"), None),
        ]
    }

    /// Checks the settings make sense together; the error names the field at fault.
    pub fn validate(&self) -> Result<(), SettingsError> {
        let err = |field: &'static str, message: String| Err(SettingsError { field, message });
        if self.supplier_seats == 0 && self.stakeholder_seats == 0 {
            return err("supplier_seats", "A group needs at least one seat (ToR §11–§12).".into());
        }
        if self.min_sme_suppliers > self.supplier_seats {
            return err(
                "min_sme_suppliers",
                format!("At least {} SME members cannot fit in {} supplier seats (ToR §13).", self.min_sme_suppliers, self.supplier_seats),
            );
        }
        if self.term_months == 0 || self.term_months > 120 {
            return err("term_months", "A term runs from 1 to 120 months (ToR §14).".into());
        }
        if self.max_members_per_organisation == 0 {
            return err("max_members_per_organisation", "Each organisation may have at least one member (ToR §14).".into());
        }
        if self.strike_absences == 0 {
            return err("strike_absences", "The strike threshold is at least one absence (ToR §17).".into());
        }
        if self.funds_consensus_percent == 0 || self.funds_consensus_percent > 100 {
            return err("funds_consensus_percent", "Consensus is a percentage from 1 to 100 (ToR §22).".into());
        }
        if self.time_zone.trim().is_empty() {
            return err("time_zone", "Give the time zone meetings are held in, e.g. Europe/London.".into());
        }
        self.retention.validate().map_err(|(field, message)| SettingsError { field, message })?;
        self.work.validate().map_err(|(field, message)| SettingsError { field, message })
    }
}

fn term_text(months: u32) -> String {
    match months {
        m if m % 12 == 0 && m / 12 == 1 => "1 year".to_owned(),
        m if m % 12 == 0 => format!("{} years", m / 12),
        1 => "1 month".to_owned(),
        m => format!("{m} months"),
    }
}

#[cfg(test)]
mod tests {
    use crate::Template;

    #[test]
    fn every_setting_from_the_terms_of_reference_cites_its_paragraph() {
        let lines = Template::TechukInterop.settings().describe();
        assert_eq!(lines.len(), 22);
        for line in &lines {
            let group_setting = [
                "time_zone",
                "bank_holidays",
                "term_reminder_days",
                "standard_agenda",
                "paper_limit_mb",
                "retention.ballot_months",
                "retention.nomination_months",
                "retention.paper_years",
                "work.deadline_warning_days",
                "work.review_months",
            ]
            .contains(&line.key.as_str());
            assert_eq!(line.tor.is_none(), group_setting, "{}", line.key);
        }
        let term = lines.iter().find(|l| l.key == "term_months").unwrap();
        assert_eq!(term.value, "2 years");
        assert_eq!(term.tor.unwrap().to_string(), "ToR §14");
    }

    #[test]
    fn s17_a_group_without_a_strike_policy_is_never_told_of_one() {
        let mut settings = Template::Custom.settings();
        settings.rules_off = vec![crate::RuleSwitch::StrikePolicy];
        let lines = settings.describe();
        let text: Vec<String> = lines.iter().map(|l| format!("{} {} {:?}", l.label, l.value, l.tor.map(|t| t.to_string()))).collect();
        assert!(!text.iter().any(|l| l.contains("§17")), "{text:#?}");
        let strike = lines.iter().find(|l| l.key == "strike_absences").unwrap();
        assert!(strike.value.starts_with("Does not apply"), "{}", strike.value);
        assert!(lines.iter().any(|l| l.key == "retention.attendance_years" && l.label == "Attendance kept after the end of its year"));
    }

    #[test]
    fn s13_more_sme_members_than_supplier_seats_is_refused() {
        let mut settings = Template::TechukInterop.settings();
        settings.min_sme_suppliers = 9;
        let error = settings.validate().unwrap_err();
        assert_eq!(error.field, "min_sme_suppliers");
        assert!(error.message.contains("ToR §13"));
    }

    #[test]
    fn s22_consensus_above_one_hundred_percent_is_refused() {
        let mut settings = Template::TechukInterop.settings();
        settings.funds_consensus_percent = 101;
        assert_eq!(settings.validate().unwrap_err().field, "funds_consensus_percent");
    }
}
