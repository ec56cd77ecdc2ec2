//! ToR §8–§9: the group has an SRO (§8), and a Chair and a Vice-Chair, each one
//! of its members (§9).

use crate::findings::{Finding, Severity, Subject, uk_date};
use crate::register::{Day, Role};

pub fn check(day: &Day<'_>, out: &mut Vec<Finding>) {
    let current = |role: Role| day.register.appointments.iter().filter(|a| a.role == role && a.covers(day.on)).max_by_key(|a| a.from);
    // A group whose Terms of Reference name no SRO is not asked for one (ToR §8 switched off).
    let roles = Role::ALL.into_iter().filter(|role| *role != Role::Sro || day.settings().applies(crate::RuleSwitch::SroRole));
    for role in roles {
        let tor = if role == Role::Sro { 8 } else { 9 };
        let Some(appointment) = current(role) else {
            out.push(Finding::new(Severity::Warning, tor, format!("No {} is appointed on {} (ToR §{tor}).", role.title(), uk_date(day.on))));
            continue;
        };
        let Some(person) = day.person(appointment.person) else { continue };
        let is_member = day.members.iter().any(|m| m.person.id == person.id);
        if role != Role::Sro && !is_member {
            out.push(
                Finding::new(
                    Severity::Warning,
                    9,
                    format!(
                        "The {}, {}, does not hold a seat on {}; ToR §9 appoints the {} from the group's members.",
                        role.title(),
                        person.name,
                        uk_date(day.on),
                        role.title()
                    ),
                )
                .about(Subject::person(person.id, &person.name)),
            );
        }
    }
    if let (Some(chair), Some(vice)) = (current(Role::Chair), current(Role::ViceChair))
        && chair.person == vice.person
        && let Some(person) = day.person(chair.person)
    {
        out.push(
            Finding::new(Severity::Warning, 9, format!("{} is both Chair and Vice-Chair; ToR §9 asks for another member as Vice-Chair.", person.name))
                .about(Subject::person(person.id, &person.name)),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixture::*;
    use crate::Severity::Warning;
    use crate::register::Role;

    #[test]
    fn s08_a_group_without_an_sro_is_not_asked_for_one() {
        let mut f = Fixture::full();
        f.register.appointments.clear();
        f.register.settings.rules_off = vec![crate::RuleSwitch::SroRole];
        assert_eq!(f.of(8, "2026-06-01"), []);
        assert_eq!(f.of(9, "2026-06-01").len(), 2, "the Chair and Vice-Chair are still asked for");
    }

    #[test]
    fn s08_s09_missing_roles_are_named() {
        let mut f = Fixture::full();
        f.register.appointments.retain(|a| a.role != Role::Chair);
        assert_eq!(f.of(9, "2026-06-01"), [(Warning, "No Chair is appointed on Mon 1 Jun 2026 (ToR §9).".to_string())]);
        f.register.appointments.clear();
        assert_eq!(f.of(8, "2026-06-01").len(), 1);
        assert_eq!(f.of(9, "2026-06-01").len(), 2);
    }

    #[test]
    fn s09_a_chair_without_a_seat_is_flagged() {
        let mut f = Fixture::full();
        let outsider = f.person("Outsider", crate::ManagerStatus::Yes);
        f.register.appointments.retain(|a| a.role != Role::Chair);
        f.appoint(Role::Chair, outsider, "2026-01-01");
        let found = f.of(9, "2026-06-01");
        assert_eq!(found.len(), 1);
        assert!(found[0].1.starts_with("The Chair, Outsider, does not hold a seat"), "{found:?}");
    }

    #[test]
    fn s09_appointments_are_read_on_the_date_asked() {
        let f = Fixture::full();
        // Before the appointments were made, all three roles were missing.
        assert_eq!(f.of(9, "2025-12-31").len(), 2);
        assert_eq!(f.of(9, "2026-01-01").len(), 0);
    }
}
