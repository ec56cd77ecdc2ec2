//! ToR §12: supplier members "must be employed by a body that is a member of
//! techUK and should ideally be of manager status or above". A member who
//! changed employer during their term is judged under ToR §15 instead.

use crate::findings::{Finding, Severity, Subject};
use crate::register::{Day, ManagerStatus, TechukStatus};

pub fn check(day: &Day<'_>, out: &mut Vec<Finding>) {
    for member in day.suppliers() {
        let person = member.person;
        let about = Subject::person(person.id, &person.name);
        match (member.employer, member.moved_on()) {
            (None, _) => out.push(
                Finding::new(
                    Severity::Warning,
                    12,
                    format!("No current employer is recorded for {}; ToR §12 requires supplier members to work for a techUK member.", person.name),
                )
                .about(about.clone()),
            ),
            (Some(_), Some(_)) => {} // an employer change: ToR §15
            (Some(org), None) => match day.techuk(org) {
                TechukStatus::Member => {}
                TechukStatus::Applying => out.push(
                    Finding::new(
                        Severity::Warning,
                        12,
                        format!(
                            "{} works for {}, whose techUK membership application is still in progress; ToR §12 requires a member company.",
                            person.name, org.name
                        ),
                    )
                    .about(about.clone())
                    .about(Subject::organisation(org.id, &org.name)),
                ),
                TechukStatus::NotMember => out.push(
                    Finding::new(
                        Severity::Breach,
                        12,
                        format!("{} works for {}, which is not a techUK member; ToR §12 requires supplier members to work for one.", person.name, org.name),
                    )
                    .about(about.clone())
                    .about(Subject::organisation(org.id, &org.name)),
                ),
            },
        }
        match person.manager_on(day.on) {
            ManagerStatus::Yes => {}
            ManagerStatus::No => out.push(
                Finding::new(
                    Severity::Warning,
                    12,
                    format!("{} is below manager status; ToR §12 says supplier members should ideally be managers or above.", person.name),
                )
                .about(about),
            ),
            ManagerStatus::Unknown => {
                out.push(Finding::new(Severity::Notice, 12, format!("Whether {} is of manager status is not recorded (ToR §12).", person.name)).about(about))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixture::*;
    use crate::Severity::{Breach, Notice, Warning};
    use crate::register::{History, ManagerStatus, OrganisationFacts, TechukStatus};

    #[test]
    fn s12_supplier_member_of_a_non_member_company_is_a_breach() {
        let mut f = Fixture::full();
        let org = f.org_id("Supplier Co 5");
        f.register.organisations.iter_mut().find(|o| o.id == org).unwrap().facts =
            History::always(OrganisationFacts { techuk: TechukStatus::NotMember, sme: false, sector: String::new() });
        assert_eq!(
            f.of(12, "2026-06-01"),
            [(Breach, "Supplier 5 works for Supplier Co 5, which is not a techUK member; ToR §12 requires supplier members to work for one.".to_string())]
        );
    }

    #[test]
    fn s12_membership_lapsed_from_its_date() {
        let mut f = Fixture::full();
        let co = f.org_id("Supplier Co 3");
        let org = f.register.organisations.iter_mut().find(|o| o.id == co).unwrap();
        org.facts.change(d("2026-09-01"), OrganisationFacts { techuk: TechukStatus::NotMember, sme: false, sector: String::new() });
        assert_eq!(f.of(12, "2026-08-31"), []);
        let lapsed = f.of(12, "2026-09-01");
        assert_eq!(lapsed.len(), 1);
        assert_eq!(lapsed[0].0, Breach);
        assert!(lapsed[0].1.contains("Supplier Co 3"), "{}", lapsed[0].1);
    }

    #[test]
    fn s12_manager_status_changes_from_its_date() {
        let mut f = Fixture::full();
        let id = f.person_id("Supplier 3");
        f.register.people.iter_mut().find(|p| p.id == id).unwrap().manager.change(d("2026-09-01"), ManagerStatus::No);
        assert_eq!(f.of(12, "2026-08-31"), []);
        assert_eq!(f.of(12, "2026-09-01")[0].0, Warning);
    }

    #[test]
    fn s12_manager_status_is_only_ideal() {
        let cases = [(ManagerStatus::Yes, vec![]), (ManagerStatus::No, vec![Warning]), (ManagerStatus::Unknown, vec![Notice])];
        for (status, expected) in cases {
            let mut f = Fixture::full();
            let id = f.person_id("Supplier 2");
            f.register.people.iter_mut().find(|p| p.id == id).unwrap().manager = History::always(status);
            let severities: Vec<_> = f.of(12, "2026-06-01").into_iter().map(|(s, _)| s).collect();
            assert_eq!(severities, expected, "{status:?}");
        }
    }

    #[test]
    fn s12_stakeholders_need_no_techuk_membership() {
        // The stakeholders of the full fixture work for the Home Office, not a techUK member.
        assert_eq!(Fixture::full().of(12, "2026-06-01"), []);
    }

    #[test]
    fn s12_a_supplier_member_with_no_employer_on_record_is_flagged() {
        let mut f = Fixture::full();
        let id = f.person_id("Supplier 7");
        f.register.employments.retain(|e| e.person != id);
        let found = f.of(12, "2026-06-01");
        assert_eq!(found.len(), 1);
        assert!(found[0].1.starts_with("No current employer is recorded for Supplier 7"));
    }
}
