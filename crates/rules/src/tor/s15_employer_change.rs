//! ToR §15: a member who changes employer during their term. To another techUK
//! member: they may remain, unless that company is already represented. To a
//! company that is not a member: they may remain for the grace period (3 months),
//! after which they must leave — unless the company is applying for membership.

use crate::findings::{Finding, Severity, Subject, uk_date};
use crate::register::{Day, Id, Member, Organisation, Register, TechukStatus};
use chrono::{Months, NaiveDate};
use serde::Serialize;
use ts_rs::TS;

/// What ToR §15 says about one employer change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct MoveOutcome {
    /// Whether the member may remain on the group on the day asked about.
    pub may_remain: bool,
    /// The last day they may remain, when there is one (end of the grace period).
    pub until: Option<NaiveDate>,
    /// The outcome as a sentence citing ToR §15.
    pub message: String,
}

/// The outcome of `person` joining `organisation` on `moved_on`, judged on `on`.
/// `others` are the other supplier members on that day and their employers.
pub fn outcome(
    settings_grace_months: u32,
    person: &str,
    organisation: &Organisation,
    moved_on: NaiveDate,
    represented_by: Option<&str>,
    on: NaiveDate,
) -> MoveOutcome {
    let org = &organisation.name;
    // The organisation's status on the day asked about: a status changed later (an
    // application refused) does not change what held before it (issue #14).
    match organisation.techuk_on(on) {
        TechukStatus::Member => match represented_by {
            Some(other) => MoveOutcome {
                may_remain: false,
                until: None,
                message: format!(
                    "{person} moved to {org} on {}, which {other} already represents: {person} may not remain, as a company may have only one representative (ToR §15).",
                    uk_date(moved_on)
                ),
            },
            None => MoveOutcome {
                may_remain: true,
                until: None,
                message: format!("{person} moved to {org}, a techUK member not otherwise represented: {person} may remain (ToR §15)."),
            },
        },
        TechukStatus::Applying => MoveOutcome {
            may_remain: true,
            until: None,
            message: format!(
                "{person} moved to {org} on {}; {org} is applying for techUK membership, so {person} may remain while the application is in progress (ToR §15).",
                uk_date(moved_on)
            ),
        },
        TechukStatus::NotMember => {
            let grace_ends = moved_on.checked_add_months(Months::new(settings_grace_months)).unwrap_or(NaiveDate::MAX);
            let grace_last_day = grace_ends.pred_opt().unwrap_or(grace_ends);
            // An application in progress let them stay past the grace period; it ended when
            // the application was refused or withdrawn, and they must leave from that day.
            if let Some(stopped) = application_stopped(organisation, moved_on, on).filter(|&stopped| stopped >= grace_ends) {
                let last_day = stopped.pred_opt().unwrap_or(stopped);
                return MoveOutcome {
                    may_remain: false,
                    until: Some(last_day),
                    message: format!(
                        "{person} moved to {org} on {}, which was applying for techUK membership until {}; the application ended and the grace period had passed, so {person} must leave (ToR §15).",
                        uk_date(moved_on),
                        uk_date(last_day)
                    ),
                };
            }
            let last_day = grace_last_day;
            if on < grace_ends {
                MoveOutcome {
                    may_remain: true,
                    until: Some(last_day),
                    message: format!(
                        "{person} moved to {org}, which is not a techUK member, on {}: {person} may remain until {}, unless {org} applies for membership (ToR §15).",
                        uk_date(moved_on),
                        uk_date(last_day)
                    ),
                }
            } else {
                MoveOutcome {
                    may_remain: false,
                    until: Some(last_day),
                    message: format!(
                        "{person}'s grace period after moving to {org} (not a techUK member) ended on {}; {person} must leave unless {org} applies for membership (ToR §15).",
                        uk_date(last_day)
                    ),
                }
            }
        }
    }
}

/// The day, after `moved_on` and on or before `on`, on which `organisation` stopped applying for
/// membership (its application refused or withdrawn), if it did.
fn application_stopped(organisation: &Organisation, moved_on: NaiveDate, on: NaiveDate) -> Option<NaiveDate> {
    organisation
        .facts
        .entries()
        .windows(2)
        .filter(|pair| pair[0].value.techuk == TechukStatus::Applying && pair[1].value.techuk == TechukStatus::NotMember)
        .filter_map(|pair| pair[1].from)
        .rfind(|&stopped| stopped > moved_on && stopped <= on)
}

/// Who else, among the supplier members on `day`, works for `organisation`.
fn represented_by<'a>(day: &'a Day<'_>, organisation: Id, except: Id) -> Option<&'a Member<'a>> {
    day.suppliers().filter(|m| m.person.id != except && m.employer.is_some_and(|o| o.id == organisation)).min_by_key(|m| m.moved_on().unwrap_or(NaiveDate::MIN))
}

pub fn check(day: &Day<'_>, out: &mut Vec<Finding>) {
    for member in day.suppliers() {
        let (Some(moved_on), Some(org)) = (member.moved_on(), member.employer) else { continue };
        // Among two movers into one company, the one who arrived first is the representative.
        let one_per_company = day.settings().applies(crate::RuleSwitch::OnePerCompany);
        let other = represented_by(day, org.id, member.person.id)
            .filter(|_| one_per_company)
            .filter(|o| o.moved_on().is_none_or(|theirs| theirs <= moved_on))
            .map(|o| o.person.name.as_str());
        let result = outcome(day.settings().grace_months, &member.person.name, org, moved_on, other, day.on);
        let status = day.techuk(org);
        let severity = match (result.may_remain, status) {
            (false, _) => Severity::Breach,
            (true, TechukStatus::NotMember) => Severity::Warning,
            (true, _) => Severity::Notice,
        };
        if severity == Severity::Notice && status == TechukStatus::Member {
            continue; // a permitted move to a member company needs nothing
        }
        let mut finding = Finding::new(severity, 15, result.message)
            .about(Subject::person(member.person.id, &member.person.name))
            .about(Subject::organisation(org.id, &org.name));
        // A member who may remain has until the last day of grace; one who may not is in
        // breach from the day after it, or (a company already represented) from the move.
        finding = match (result.may_remain, result.until) {
            (true, Some(until)) => finding.until(until),
            (true, None) => finding,
            (false, Some(until)) => finding.since(until.succ_opt().unwrap_or(until)),
            (false, None) => finding.since(moved_on),
        };
        out.push(finding);
    }
}

/// The §15 outcome of a proposed employer change, before it is saved: the
/// guided "change of employer" action shows this.
pub fn preview(register: &Register, person: Id, organisation: Id, from: NaiveDate, on: NaiveDate) -> Option<MoveOutcome> {
    let day = register.on(on.max(from));
    let member = day.members.iter().find(|m| m.person.id == person)?;
    let org = day.organisation(organisation)?;
    if member.seat.kind != crate::SeatKind::Supplier {
        return None;
    }
    let other = represented_by(&day, organisation, person).map(|m| m.person.name.as_str());
    Some(outcome(day.settings().grace_months, &member.person.name, org, from, other, on.max(from)))
}

#[cfg(test)]
mod tests {
    use super::super::fixture::*;
    use crate::Severity::{Breach, Notice, Warning};
    use crate::register::TechukStatus;

    /// "Supplier 5" moves on 2026-06-10 to a new company of the given status.
    fn moving_to(status: TechukStatus) -> Fixture {
        let mut f = Fixture::full();
        let new = f.org("Newco Ltd", status, false);
        let p = f.person_id("Supplier 5");
        f.works(p, new, "2026-06-10", None);
        f
    }

    #[test]
    fn s15_move_to_non_member_has_three_month_grace() {
        let f = moving_to(TechukStatus::NotMember);
        let during = f.of(15, "2026-09-09");
        assert_eq!(during, [(Warning, "Supplier 5 moved to Newco Ltd, which is not a techUK member, on Wed 10 Jun 2026: Supplier 5 may remain until Wed 9 Sep 2026, unless Newco Ltd applies for membership (ToR §15).".to_string())]);
        let findings = f.findings("2026-09-09");
        let warning = findings.iter().find(|x| x.tor.0 == 15).unwrap();
        assert_eq!((warning.since, warning.until), (None, Some(d("2026-09-09"))), "the last day allowed");
        let breach = f.findings("2026-09-10").into_iter().find(|x| x.tor.0 == 15).unwrap();
        assert_eq!((breach.since, breach.until), (Some(d("2026-09-10")), None), "the first day it holds: the day after");
        // The finding changes the day the grace ends.
        assert_eq!(f.of(15, "2026-09-10"), [(Breach, "Supplier 5's grace period after moving to Newco Ltd (not a techUK member) ended on Wed 9 Sep 2026; Supplier 5 must leave unless Newco Ltd applies for membership (ToR §15).".to_string())]);
        // §12 does not report the same person twice.
        assert_eq!(f.of(12, "2026-09-10"), []);
    }

    #[test]
    fn s15_grace_length_comes_from_the_settings() {
        let mut f = moving_to(TechukStatus::NotMember);
        f.register.settings.grace_months = 1;
        assert_eq!(f.of(15, "2026-07-10")[0].0, Breach);
    }

    #[test]
    fn s15_move_to_a_company_applying_for_membership_may_remain() {
        let f = moving_to(TechukStatus::Applying);
        let found = f.of(15, "2027-06-01");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].0, Notice);
        assert!(found[0].1.contains("may remain while the application is in progress"));
    }

    #[test]
    fn s15_application_refused_later_does_not_change_the_past() {
        let mut f = moving_to(TechukStatus::Applying);
        let newco = f.org_id("Newco Ltd");
        // Refused on 1 Feb 2027, long after the three months' grace.
        let org = f.register.organisations.iter_mut().find(|o| o.id == newco).unwrap();
        let mut refused = org.facts.on(d("2026-01-01")).clone();
        refused.techuk = TechukStatus::NotMember;
        org.facts.change(d("2027-02-01"), refused);
        // While the application was in progress the member could remain: no breach then.
        assert_eq!(f.of(15, "2026-12-01")[0].0, Notice);
        assert_eq!(f.of(15, "2027-01-31")[0].0, Notice);
        // From the refusal, they must leave; the last day allowed is the day before.
        let after = f.of(15, "2027-02-01");
        assert_eq!(after[0].0, Breach);
        assert!(after[0].1.contains("until Sun 31 Jan 2027"), "{}", after[0].1);
        let breach = f.findings("2027-02-01").into_iter().find(|x| x.tor.0 == 15).unwrap();
        assert_eq!(breach.since, Some(d("2027-02-01")));
    }

    #[test]
    fn s15_application_refused_within_the_grace_period_leaves_the_grace_period() {
        let mut f = moving_to(TechukStatus::Applying);
        let newco = f.org_id("Newco Ltd");
        let org = f.register.organisations.iter_mut().find(|o| o.id == newco).unwrap();
        let mut refused = org.facts.on(d("2026-01-01")).clone();
        refused.techuk = TechukStatus::NotMember;
        org.facts.change(d("2026-07-01"), refused);
        assert_eq!(f.of(15, "2026-09-09")[0].0, Warning);
        assert_eq!(f.of(15, "2026-09-10")[0].0, Breach);
    }

    #[test]
    fn s15_move_to_an_unrepresented_member_company_is_fine() {
        let f = moving_to(TechukStatus::Member);
        assert_eq!(f.of(15, "2026-07-01"), []);
        assert_eq!(f.of(14, "2026-07-01"), []);
    }

    #[test]
    fn s15_move_to_an_already_represented_company_is_a_breach_naming_who() {
        let mut f = Fixture::full();
        let co6 = f.org_id("Supplier Co 6");
        let p = f.person_id("Supplier 5");
        f.works(p, co6, "2026-06-10", None);
        assert_eq!(
            f.of(15, "2026-07-01"),
            [(Breach, "Supplier 5 moved to Supplier Co 6 on Wed 10 Jun 2026, which Supplier 6 already represents: Supplier 5 may not remain, as a company may have only one representative (ToR §15).".to_string())]
        );
        assert_eq!(f.of(14, "2026-07-01"), [], "§14 does not report the same move again");
        // Before the move, nothing.
        assert_eq!(f.of(15, "2026-06-09"), []);
    }

    #[test]
    fn s15_preview_shows_the_outcome_before_saving() {
        let f = Fixture::full();
        let p = f.person_id("Supplier 5");
        let co6 = f.org_id("Supplier Co 6");
        let outcome = super::preview(&f.register, p, co6, d("2026-06-10"), d("2026-06-01")).unwrap();
        assert!(!outcome.may_remain);
        assert!(outcome.message.contains("which Supplier 6 already represents"));
    }
}
