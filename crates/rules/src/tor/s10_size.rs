//! ToR §10: "approximately twelve members".

use crate::findings::{Finding, Severity};
use crate::register::Day;

pub fn check(day: &Day<'_>, out: &mut Vec<Finding>) {
    let members = day.members.len() as u32;
    let target = day.settings().target_size;
    if members != target {
        out.push(Finding::new(
            Severity::Notice,
            10,
            format!("The group has {members} {}; ToR §10 expects approximately {target}.", if members == 1 { "member" } else { "members" }),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixture::*;
    use crate::Severity::Notice;

    #[test]
    fn s10_a_group_away_from_its_size_is_noticed() {
        let mut f = Fixture::full();
        assert_eq!(f.of(10, "2026-06-01"), []);
        f.register.terms.pop();
        assert_eq!(f.of(10, "2026-06-01"), [(Notice, "The group has 11 members; ToR §10 expects approximately 12.".to_string())]);
    }

    #[test]
    fn s10_the_target_comes_from_the_settings() {
        let mut f = Fixture::full();
        f.register.settings.target_size = 11;
        assert_eq!(f.of(10, "2026-06-01").len(), 1);
    }

    #[test]
    fn s10_one_member_is_one_member() {
        let mut f = Fixture::full();
        f.register.terms.truncate(1);
        assert_eq!(f.of(10, "2026-06-01"), [(Notice, "The group has 1 member; ToR §10 expects approximately 12.".to_string())]);
    }
}
