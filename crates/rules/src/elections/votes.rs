//! [`Votes`]: a number of votes to five decimal places, in integer arithmetic.
//!
//! SSI 2007/42 rule 48(3) has transfer values calculated "to five decimal places (any
//! remainder being ignored)", so a count is exact in units of 1/100000 of a vote and never
//! needs a float: sums are exact, and the one division (the transfer value) truncates.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::iter::Sum;
use std::ops::{Add, AddAssign, Sub, SubAssign};
use std::str::FromStr;
use ts_rs::TS;

/// A number of votes in units of 1/100000, shown and serialised as `"12.34567"`.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, TS)]
#[ts(type = "string")]
pub struct Votes(i64);

impl Votes {
    /// Units in one vote: five decimal places (SSI 2007/42 rule 48(3)).
    pub const SCALE: i64 = 100_000;
    pub const ZERO: Votes = Votes(0);

    /// `n` whole votes.
    pub const fn whole(n: i64) -> Votes {
        Votes(n * Self::SCALE)
    }

    /// A value given in units of 1/100000 of a vote.
    pub const fn from_units(units: i64) -> Votes {
        Votes(units)
    }

    /// The value in units of 1/100000 of a vote.
    pub const fn units(self) -> i64 {
        self.0
    }

    /// `self × numerator ÷ denominator`, to five decimal places with the remainder ignored:
    /// the transfer value of SSI 2007/42 rule 48(3), where `self` is the value of the paper,
    /// `numerator` the surplus and `denominator` the candidate's total. The product is taken
    /// in 128 bits, so it cannot overflow. Panics if `denominator` is zero.
    pub fn mul_div_truncated(self, numerator: Votes, denominator: Votes) -> Votes {
        let exact = i128::from(self.0) * i128::from(numerator.0) / i128::from(denominator.0);
        Votes(i64::try_from(exact).expect("a transfer value is at most the paper's value"))
    }

    /// The votes of `papers` papers each worth `self`.
    pub fn times(self, papers: u32) -> Votes {
        Votes(self.0 * i64::from(papers))
    }
}

impl fmt::Display for Votes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        let scale = Self::SCALE as u64;
        write!(f, "{sign}{}.{:05}", abs / scale, abs % scale)
    }
}

impl fmt::Debug for Votes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

/// Why a text is not a number of votes.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("“{0}” is not a number of votes: expected digits with at most five decimal places, like 12.34567")]
pub struct VotesParseError(String);

impl FromStr for Votes {
    type Err = VotesParseError;

    /// Reads `"12"`, `"12.3"` or `"-0.00001"`; more than five decimal places is an error,
    /// never a rounding.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let bad = || VotesParseError(text.to_owned());
        let (negative, digits) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
        let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if whole.is_empty() || !all_digits(whole) || !all_digits(fraction) || fraction.len() > 5 {
            return Err(bad());
        }
        let whole: i64 = whole.parse().map_err(|_| bad())?;
        let fraction: i64 = format!("{fraction:0<5}").parse().map_err(|_| bad())?;
        let units = whole.checked_mul(Self::SCALE).and_then(|w| w.checked_add(fraction)).ok_or_else(bad)?;
        Ok(Votes(if negative { -units } else { units }))
    }
}

impl Serialize for Votes {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Votes {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

impl Add for Votes {
    type Output = Votes;
    fn add(self, other: Votes) -> Votes {
        Votes(self.0 + other.0)
    }
}

impl Sub for Votes {
    type Output = Votes;
    fn sub(self, other: Votes) -> Votes {
        Votes(self.0 - other.0)
    }
}

impl AddAssign for Votes {
    fn add_assign(&mut self, other: Votes) {
        self.0 += other.0;
    }
}

impl SubAssign for Votes {
    fn sub_assign(&mut self, other: Votes) {
        self.0 -= other.0;
    }
}

impl Sum for Votes {
    fn sum<I: Iterator<Item = Votes>>(iter: I) -> Votes {
        iter.fold(Votes::ZERO, Add::add)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn votes_show_five_decimal_places() {
        assert_eq!(Votes::whole(12).to_string(), "12.00000");
        assert_eq!(Votes::from_units(1_234_567).to_string(), "12.34567");
        assert_eq!(Votes::from_units(7).to_string(), "0.00007");
        assert_eq!(Votes::from_units(-50_000).to_string(), "-0.50000");
    }

    #[test]
    fn votes_read_back_what_they_show() {
        for units in [0, 1, 99_999, 100_000, 1_234_567, -7, -123_456_789] {
            let v = Votes::from_units(units);
            assert_eq!(v.to_string().parse::<Votes>(), Ok(v));
        }
        assert_eq!("3".parse::<Votes>(), Ok(Votes::whole(3)));
        assert_eq!("3.5".parse::<Votes>(), Ok(Votes::from_units(350_000)));
        for bad in ["", ".5", "1.234567", "1,5", "abc", "--1", "1.2.3", "+1"] {
            assert!(bad.parse::<Votes>().is_err(), "{bad}");
        }
    }

    #[test]
    fn votes_serialise_as_a_string() {
        let v = Votes::from_units(1_234_567);
        assert_eq!(serde_json::to_string(&v).unwrap(), "\"12.34567\"");
        assert_eq!(serde_json::from_str::<Votes>("\"12.34567\"").unwrap(), v);
        assert!(serde_json::from_str::<Votes>("12.34567").is_err(), "a JSON number is refused: it could be a float");
    }

    #[test]
    fn transfer_values_ignore_the_remainder() {
        // Rule 48(3): a surplus of 34 from 119 votes gives 0.28571 (0.285714… truncated).
        let tv = Votes::whole(1).mul_div_truncated(Votes::whole(34), Votes::whole(119));
        assert_eq!(tv, Votes::from_units(28_571));
        // A paper already worth 0.28571 passing on a later surplus of 2 from 87.
        let again = tv.mul_div_truncated(Votes::whole(2), Votes::whole(87));
        assert_eq!(again, Votes::from_units(656));
        assert_eq!(tv.times(3), Votes::from_units(85_713));
    }
}
