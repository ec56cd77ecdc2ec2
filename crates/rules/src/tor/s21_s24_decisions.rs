//! ToR §21–§24: private sessions in the minutes, the consensus needed to commission
//! work with member funds, the volunteers a position needs before an outline, and
//! policy positions whose differences are set out but never quantified.

use crate::Refusal;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// ToR §21: an item is held in private only when someone asked and the Chair agreed.
pub fn private_session(requested_by: &str, chair_agreed: bool) -> Result<(), Refusal> {
    if requested_by.trim().is_empty() {
        return Err(Refusal::from("Say who requested the private session (ToR §21)."));
    }
    if !chair_agreed {
        return Err(Refusal::from("A private session needs the Chair's agreement, recorded here, before it can be saved as one (ToR §21)."));
    }
    Ok(())
}

/// Who the §22 percentage is of: a group setting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ConsensusBase {
    /// Every member of the group on the day.
    Members,
    /// The members present at the meeting.
    Present,
}

impl ConsensusBase {
    pub fn as_str(self) -> &'static str {
        match self {
            ConsensusBase::Members => "members",
            ConsensusBase::Present => "present",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        [ConsensusBase::Members, ConsensusBase::Present].into_iter().find(|b| b.as_str() == text)
    }

    pub fn words(self) -> &'static str {
        match self {
            ConsensusBase::Members => "members of the group",
            ConsensusBase::Present => "members present",
        }
    }
}

/// The ToR §22 check on a decision to commission work with member funds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Consensus {
    pub in_favour: u32,
    pub base: u32,
    pub threshold_percent: u32,
    pub met: bool,
    /// "8 of 10 members of the group in favour (80%): the 80% threshold is met (ToR §22)."
    pub sentence: String,
}

/// Whether `in_favour` of `base` reaches `percent`, in whole numbers (no rounding: 79.9% is not 80%).
pub fn consensus(in_favour: u32, base: u32, percent: u32, base_kind: ConsensusBase) -> Result<Consensus, Refusal> {
    if base == 0 {
        return Err(Refusal::from("Give how many members the decision is measured against."));
    }
    if in_favour > base {
        return Err(Refusal::from(format!("{in_favour} in favour is more than the {base} {}.", base_kind.words())));
    }
    let met = u64::from(in_favour) * 100 >= u64::from(percent) * u64::from(base);
    let share = u64::from(in_favour) * 100 / u64::from(base);
    let sentence = format!(
        "{in_favour} of {base} {} in favour ({share}%{}): the {percent}% threshold is {} (ToR §22).",
        base_kind.words(),
        if u64::from(in_favour) * 100 % u64::from(base) == 0 { "" } else { " rounded down" },
        if met { "met" } else { "not met" }
    );
    Ok(Consensus { in_favour, base, threshold_percent: percent, met, sentence })
}

/// ToR §23: the outline may start once `needed` members have volunteered.
pub fn outline_gate(volunteers: u32, needed: u32) -> Result<(), Refusal> {
    if volunteers >= needed {
        Ok(())
    } else {
        let more = needed - volunteers;
        Err(Refusal::from(format!(
            "{volunteers} of the {needed} volunteers needed: {more} more member{} must volunteer before an outline is developed (ToR §23).",
            if more == 1 { "" } else { "s" }
        )))
    }
}

/// ToR §24: the differences are set out, never quantified. Refuses text that counts
/// or measures them ("60%", "7 members", "3 of 12", "a majority").
pub fn unquantified(text: &str) -> Result<(), Refusal> {
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower.split(|c: char| !c.is_alphanumeric() && c != '%').filter(|w| !w.is_empty()).collect();
    let counting = ["members", "member", "of", "out", "people", "organisations", "votes", "suppliers", "respondents", "in", "against", "for"];
    let quantified = lower.contains('%')
        || ["majority", "minority", "per cent", "percent", "unanimous", "half of"].iter().any(|w| lower.contains(w))
        || words.windows(2).any(|p| p[0].chars().all(|c| c.is_ascii_digit()) && counting.contains(&p[1]));
    if quantified {
        Err(Refusal::from("ToR §24: set out the differing viewpoints without quantifying them — no counts, shares or majorities."))
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn s21_a_private_session_needs_who_asked_and_the_chairs_agreement() {
        assert!(private_session("Gareth Llewellyn", true).is_ok());
        assert!(private_session("", true).unwrap_err().contains("ToR §21"));
        assert!(private_session("Gareth Llewellyn", false).unwrap_err().contains("Chair's agreement"));
    }

    #[test]
    fn s22_threshold_edge_at_exactly_80_percent() {
        let exactly = consensus(8, 10, 80, ConsensusBase::Members).unwrap();
        assert!(exactly.met);
        assert_eq!(exactly.sentence, "8 of 10 members of the group in favour (80%): the 80% threshold is met (ToR §22).");
        let below = consensus(7, 9, 80, ConsensusBase::Present).unwrap();
        assert!(!below.met, "7 of 9 is 77.8%");
        assert!(below.sentence.contains("77% rounded down") && below.sentence.contains("not met"), "{}", below.sentence);
        // 79.99…% is not 80%: whole-number arithmetic, no rounding up.
        assert!(!consensus(3999, 5000, 80, ConsensusBase::Members).unwrap().met);
        assert!(consensus(4000, 5000, 80, ConsensusBase::Members).unwrap().met);
        assert!(consensus(11, 10, 80, ConsensusBase::Members).is_err());
        assert!(consensus(0, 0, 80, ConsensusBase::Members).is_err());
    }

    #[test]
    fn s23_outline_gate_at_5_and_6() {
        let five = outline_gate(5, 6).unwrap_err();
        assert!(five.contains("1 more member must volunteer") && five.contains("ToR §23"), "{five}");
        assert!(outline_gate(6, 6).is_ok());
        assert!(outline_gate(2, 6).unwrap_err().contains("4 more members"));
    }

    #[test]
    fn s24_viewpoints_are_set_out_not_quantified() {
        assert!(unquantified("Suppliers of records systems favour a national API standard; others prefer local adapters.").is_ok());
        assert!(unquantified("Compliance with GDPR Article 6 and ISO 27001 is a concern for some.").is_ok());
        for counted in ["60% support it", "7 members object", "3 of 12 disagree", "A majority want it", "unanimous support", "2 organisations against"] {
            assert!(unquantified(counted).unwrap_err().contains("ToR §24"), "{counted}");
        }
    }
}
