//! Australian Business Numbers: 11 digits; subtract 1 from the first digit,
//! weight them 10,1,3,5,…,19, and the sum must be a multiple of 89.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::{digits, ValidationError};

const WEIGHTS: [u32; 11] = [10, 1, 3, 5, 7, 9, 11, 13, 15, 17, 19];

/// A checked ABN, stored as 11 digits; shown `NN NNN NNN NNN`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, ts_rs::TS)]
#[ts(type = "string")]
pub struct Abn(String);

impl Abn {
    /// Accepts 11 digits with optional spaces ("51 824 753 556").
    pub fn parse(input: &str) -> Result<Abn, ValidationError> {
        let digits = digits::collect(input, &[]).ok_or(ValidationError::AbnNotDigits)?;
        if digits.len() != 11 {
            return Err(ValidationError::AbnLength);
        }
        if !checksum_holds(&digits) {
            return Err(ValidationError::AbnChecksum);
        }
        Ok(Abn(digits::to_string(&digits)))
    }

    /// The 11 digits without spaces, as vendors expect them.
    pub fn digits(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Abn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = &self.0;
        write!(f, "{} {} {} {}", &d[0..2], &d[2..5], &d[5..8], &d[8..11])
    }
}

impl Serialize for Abn {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Abn {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = String::deserialize(deserializer)?;
        Abn::parse(&raw).map_err(serde::de::Error::custom)
    }
}

/// True when `input` is 11 digits (spaces allowed) that pass the checksum.
pub fn is_valid_checksum(input: &str) -> bool {
    match digits::collect(input, &[]) {
        Some(digits) if digits.len() == 11 => checksum_holds(&digits),
        _ => false,
    }
}

/// The ABN whose last nine digits are `last_nine`: the two leading check
/// digits are chosen to satisfy the checksum (always possible). For fixtures.
pub fn with_check_digits(last_nine: [u8; 9]) -> Option<String> {
    if last_nine.iter().any(|d| *d > 9) {
        return None;
    }
    (10u8..=99).find_map(|lead| {
        let mut all = vec![lead / 10, lead % 10];
        all.extend_from_slice(&last_nine);
        checksum_holds(&all).then(|| digits::to_string(&all))
    })
}

fn checksum_holds(digits: &[u8]) -> bool {
    // A leading 0 would go negative; no ABN starts with 0.
    let Some(first) = digits.first().and_then(|d| d.checked_sub(1)) else {
        return false;
    };
    let mut adjusted = digits.to_vec();
    adjusted[0] = first;
    adjusted.len() == 11 && digits::weighted_sum(&adjusted, &WEIGHTS).is_multiple_of(89)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_published_abns() {
        // The ATO's worked example and two well-known public ABNs.
        for input in ["51 824 753 556", "53004085616", "33 051 775 556"] {
            let abn = Abn::parse(input).unwrap_or_else(|e| panic!("{input:?}: {e}"));
            assert_eq!(abn.digits().len(), 11);
        }
        let abn = Abn::parse("51824753556").expect("valid");
        assert_eq!(abn.to_string(), "51 824 753 556");
    }

    #[test]
    fn rejects_bad_input_with_the_right_reason() {
        let cases = [
            ("", ValidationError::AbnLength),
            ("5182475355", ValidationError::AbnLength),
            ("518247535560", ValidationError::AbnLength),
            ("51-824-753-556", ValidationError::AbnNotDigits),
            ("51824753557", ValidationError::AbnChecksum),
            ("15824753556", ValidationError::AbnChecksum),
            ("00000000000", ValidationError::AbnChecksum),
        ];
        for (input, expected) in cases {
            assert_eq!(Abn::parse(input), Err(expected), "{input:?}");
        }
    }

    #[test]
    fn with_check_digits_produces_a_valid_abn() {
        let abn = with_check_digits([8, 2, 4, 7, 5, 3, 5, 5, 6]).expect("always possible");
        assert_eq!(abn, "51824753556");
        assert_eq!(with_check_digits([10, 0, 0, 0, 0, 0, 0, 0, 0]), None);
    }

    #[test]
    fn serde_round_trips_as_plain_digits() {
        let abn: Abn = serde_json::from_str(r#""51 824 753 556""#).expect("valid");
        assert_eq!(
            serde_json::to_string(&abn).expect("ser"),
            r#""51824753556""#
        );
        assert!(serde_json::from_str::<Abn>(r#""51824753557""#).is_err());
    }
}
