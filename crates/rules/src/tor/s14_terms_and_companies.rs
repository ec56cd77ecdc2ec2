//! ToR §14 (with §11–§12 for the seats themselves): two-year individual terms,
//! one individual per member company; and the seats a term leaves empty.

use crate::amendments::RuleSwitch;
use crate::findings::{Finding, Severity, Subject, uk_date};
use crate::register::{Day, Id, Term};
use crate::template::SeatKind;
use std::collections::BTreeMap;

pub fn check(day: &Day<'_>, out: &mut Vec<Finding>) {
    vacancies(day, out);
    terms_ending(day, out);
    one_per_company(day, out);
}

/// A seat with no running term: a breach while a term that ran its course has
/// not been renewed, otherwise a vacancy to fill.
fn vacancies(day: &Day<'_>, out: &mut Vec<Finding>) {
    for seat in day.seats() {
        if day.holder(seat.id).is_some() {
            continue;
        }
        let seat_paragraph = if seat.kind == SeatKind::Stakeholder { 11 } else { 12 };
        let last = day.register.terms.iter().filter(|t| t.seat == seat.id && t.stops() <= day.on).max_by_key(|t| t.stops());
        let finding = match last {
            Some(term) if term.ended_early.is_none() => {
                let name = day.person(term.person).map_or("its holder", |p| p.name.as_str());
                Finding::new(
                    Severity::Breach,
                    14,
                    format!("{name}'s term on {} ended on {}; re-elect or fill the seat (ToR §14, §16).", seat.title, uk_date(term.end)),
                )
                .about(Subject::person(term.person, name))
                .since(term.end)
            }
            Some(term) => Finding::new(
                Severity::Warning,
                seat_paragraph,
                format!("{} has been vacant since {} (ToR §{seat_paragraph}).", seat.title, uk_date(term.stops())),
            ),
            None => Finding::new(Severity::Warning, seat_paragraph, format!("{} is vacant (ToR §{seat_paragraph}).", seat.title)),
        };
        out.push(finding.about(Subject::seat(seat.id, &seat.title)));
    }
}

fn has_successor(day: &Day<'_>, term: &Term) -> bool {
    day.register.terms.iter().any(|t| t.seat == term.seat && t.id != term.id && t.start >= term.start && t.start <= term.end)
}

fn terms_ending(day: &Day<'_>, out: &mut Vec<Finding>) {
    let window = i64::from(day.settings().term_reminder_days);
    for member in &day.members {
        let term = member.term;
        if term.ended_early.is_some() || has_successor(day, term) {
            continue;
        }
        let days_left = (term.end - day.on).num_days();
        if days_left <= window {
            out.push(
                Finding::new(
                    Severity::Notice,
                    14,
                    format!(
                        "{}'s term on {} ends on {}; hold an election or re-elect (ToR §14, §16).",
                        member.person.name,
                        member.seat.title,
                        uk_date(term.end)
                    ),
                )
                .about(Subject::person(member.person.id, &member.person.name))
                .about(Subject::seat(member.seat.id, &member.seat.title))
                // The term's last day: from its end date the seat is out of term.
                .until(term.end.pred_opt().unwrap_or(term.end)),
            );
        }
    }
}

/// More supplier members from one company than allowed. Members who joined the
/// company during their term are judged under ToR §15 and not counted twice.
fn one_per_company(day: &Day<'_>, out: &mut Vec<Finding>) {
    if !day.settings().applies(RuleSwitch::OnePerCompany) {
        return;
    }
    let max = day.settings().max_members_per_organisation as usize;
    let mut by_org: BTreeMap<Id, Vec<_>> = BTreeMap::new();
    for member in day.suppliers() {
        if let Some(org) = member.employer {
            by_org.entry(org.id).or_default().push(member);
        }
    }
    for (org_id, members) in by_org {
        let settled = members.iter().filter(|m| m.moved_on().is_none()).count();
        if members.len() <= max || settled <= max && members.len() > settled {
            continue;
        }
        let org = day.organisation(org_id).expect("employer is in the register");
        let names: Vec<_> = members.iter().map(|m| m.person.name.as_str()).collect();
        let mut finding = Finding::new(
            Severity::Breach,
            14,
            format!("{} has {} members ({}); ToR §14 allows {max} per member company.", org.name, members.len(), names.join(", ")),
        )
        .about(Subject::organisation(org.id, &org.name));
        for m in &members {
            finding = finding.about(Subject::person(m.person.id, &m.person.name));
        }
        out.push(finding);
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixture::*;
    use crate::Severity::{Breach, Notice, Warning};

    #[test]
    fn s14_terms_ending_within_the_reminder_window_are_noticed() {
        let f = Fixture::full(); // every term 2026-01-01 → 2028-01-01
        let table = [("2027-10-01", 0), ("2027-11-02", 12), ("2027-12-31", 12)];
        for (on, expected) in table {
            let notices = f.of(14, on).into_iter().filter(|(s, _)| *s == Notice).count();
            assert_eq!(notices, expected, "on {on}");
        }
        assert_eq!(
            f.of(14, "2027-12-01")[0].1,
            "Stakeholder 1's term on Interoperability Working Group SRO ends on Sat 1 Jan 2028; hold an election or re-elect (ToR §14, §16)."
        );
    }

    #[test]
    fn s14_an_ended_term_is_a_breach_until_the_seat_is_filled() {
        let mut f = Fixture::full();
        let ended: Vec<_> = f.of(14, "2028-01-01").into_iter().filter(|(s, _)| *s == Breach).collect();
        assert_eq!(ended.len(), 12, "who is out of term on 1 Jan 2028");
        assert!(ended[0].1.contains("ended on Sat 1 Jan 2028"));
        // "Until" is the last day allowed and "since" the first day it holds, as for §15 and §17:
        // the notice's last day is the day before the breach's first.
        let notice = f.findings("2027-12-31").into_iter().find(|x| x.tor.0 == 14).unwrap();
        let breach = f.findings("2028-01-01").into_iter().find(|x| x.tor.0 == 14).unwrap();
        assert_eq!((notice.since, notice.until), (None, Some(d("2027-12-31"))));
        assert_eq!((breach.since, breach.until), (Some(d("2028-01-01")), None));
        // Re-electing one member (ToR §16: no cap) clears their seat.
        let person = f.person_id("Supplier 1");
        f.term(5, person, "2028-01-01");
        let breaches = f.of(14, "2028-01-02").into_iter().filter(|(s, _)| *s == Breach).count();
        assert_eq!(breaches, 11);
    }

    #[test]
    fn s16_re_election_has_no_cap() {
        let mut f = Fixture::full();
        let person = f.person_id("Supplier 1");
        for year in [2028, 2030, 2032, 2034] {
            f.term(5, person, &format!("{year}-01-01"));
        }
        let terms_of_supplier_1 = |on: &str| f.findings(on).into_iter().filter(|x| x.tor.0 == 14 && x.subjects.iter().any(|s| s.name == "Supplier 1")).count();
        assert_eq!(terms_of_supplier_1("2035-06-01"), 0, "a fifth consecutive term is as good as the first");
        assert_eq!(terms_of_supplier_1("2035-12-01"), 1, "and it too comes up for election");
    }

    #[test]
    fn s14_a_seat_vacated_early_is_a_vacancy() {
        let mut f = Fixture::full();
        let term = f.register.terms.iter().find(|t| t.seat == 12).unwrap().id;
        f.end_early(term, "2026-05-01");
        assert_eq!(f.of(12, "2026-06-01"), [(Warning, "Supplier seat 8 has been vacant since Fri 1 May 2026 (ToR §12).".to_string())]);
        assert_eq!(f.of(12, "2026-04-30"), []);
    }

    #[test]
    fn s14_two_members_from_one_company_is_a_breach() {
        let mut f = Fixture::full();
        let co3 = f.org_id("Supplier Co 3");
        let p = f.person_id("Supplier 4");
        f.register.employments.retain(|e| e.person != p);
        f.works(p, co3, "2015-01-01", None);
        assert_eq!(
            f.of(14, "2026-06-01"),
            [(Breach, "Supplier Co 3 has 2 members (Supplier 3, Supplier 4); ToR §14 allows 1 per member company.".to_string())]
        );
    }
}
