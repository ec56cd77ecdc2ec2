//! ToR §13: "At least two of the eight supplier community members are designated from an SME."

use crate::amendments::RuleSwitch;
use crate::findings::{Finding, Severity, Subject};
use crate::register::Day;

pub fn check(day: &Day<'_>, out: &mut Vec<Finding>) {
    if !day.settings().applies(RuleSwitch::SmeMinimum) {
        return;
    }
    let minimum = day.settings().min_sme_suppliers;
    let smes: Vec<_> = day.suppliers().filter(|m| m.employer.is_some_and(|o| day.sme(o))).collect();
    if (smes.len() as u32) < minimum {
        let mut finding = Finding::new(
            Severity::Breach,
            13,
            format!(
                "{} of the supplier members {} from an SME; ToR §13 requires at least {minimum}.",
                match smes.len() {
                    0 => "None".to_string(),
                    n => format!("Only {n}"),
                },
                if smes.len() == 1 { "is" } else { "are" }
            ),
        );
        for m in smes {
            finding = finding.about(Subject::person(m.person.id, &m.person.name));
        }
        out.push(finding);
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixture::*;
    use crate::Severity::Breach;
    use crate::register::{History, OrganisationFacts, TechukStatus};

    fn with_smes(n: usize) -> Fixture {
        let mut f = Fixture::full();
        for (i, org) in f.register.organisations.iter_mut().filter(|o| o.name.starts_with("Supplier Co")).enumerate() {
            org.facts = History::always(OrganisationFacts { techuk: TechukStatus::Member, sme: i < n, sector: String::new() });
        }
        f
    }

    #[test]
    fn s13_fewer_than_two_sme_suppliers_is_a_breach() {
        let table = [
            (0, vec![(Breach, "None of the supplier members are from an SME; ToR §13 requires at least 2.".to_string())]),
            (1, vec![(Breach, "Only 1 of the supplier members is from an SME; ToR §13 requires at least 2.".to_string())]),
            (2, vec![]),
            (3, vec![]),
        ];
        for (smes, expected) in table {
            assert_eq!(with_smes(smes).of(13, "2026-06-01"), expected, "{smes} SMEs");
        }
    }

    #[test]
    fn s13_sme_status_lost_counts_from_its_date() {
        let mut f = Fixture::full();
        let co = f.org_id("Supplier Co 2");
        let org = f.register.organisations.iter_mut().find(|o| o.id == co).unwrap();
        org.facts.change(d("2026-10-01"), OrganisationFacts { techuk: TechukStatus::Member, sme: false, sector: String::new() });
        assert_eq!(f.of(13, "2026-09-30"), []);
        let lost = f.of(13, "2026-10-01");
        assert_eq!(lost.len(), 1);
        assert_eq!(lost[0].0, Breach);
    }

    #[test]
    fn s13_the_minimum_comes_from_the_settings() {
        let mut f = with_smes(2);
        f.register.settings.min_sme_suppliers = 3;
        assert_eq!(f.of(13, "2026-06-01").len(), 1);
    }

    #[test]
    fn s13_an_sme_stakeholder_does_not_count() {
        let mut f = with_smes(1);
        let body = f.org_id("Home Office");
        f.register.organisations.iter_mut().find(|o| o.id == body).unwrap().facts =
            History::always(OrganisationFacts { techuk: TechukStatus::NotMember, sme: true, sector: String::new() });
        assert_eq!(f.of(13, "2026-06-01").len(), 1);
    }
}
