//! Bank-State-Branch numbers: 6 digits, always shown `NNN-NNN`.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::{digits, ValidationError};

/// A BSB, stored in MicrOpay's `BSBCode` form `NNN-NNN`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, ts_rs::TS)]
#[ts(type = "string")]
pub struct Bsb(String);

impl Bsb {
    /// Accepts "062000", "062-000" or "062 000".
    pub fn parse(input: &str) -> Result<Bsb, ValidationError> {
        let digits = digits::collect(input, &['-']).ok_or(ValidationError::BsbNotDigits)?;
        if digits.len() != 6 {
            return Err(ValidationError::BsbLength);
        }
        let plain = digits::to_string(&digits);
        Ok(Bsb(format!("{}-{}", &plain[..3], &plain[3..])))
    }

    /// `NNN-NNN`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The six digits without the dash, for systems that store only digits.
    pub fn digits(&self) -> String {
        self.0.replace('-', "")
    }
}

impl fmt::Display for Bsb {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for Bsb {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Bsb {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = String::deserialize(deserializer)?;
        Bsb::parse(&raw).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_every_accepted_form() {
        for input in ["062000", "062-000", "062 000", " 06 2-000 "] {
            assert_eq!(
                Bsb::parse(input).map(|b| b.to_string()),
                Ok("062-000".to_owned()),
                "{input:?}"
            );
        }
        assert_eq!(Bsb::parse("062-000").expect("valid").digits(), "062000");
    }

    #[test]
    fn rejects_bad_input_with_the_right_reason() {
        let cases = [
            ("", ValidationError::BsbLength),
            ("06200", ValidationError::BsbLength),
            ("0620001", ValidationError::BsbLength),
            ("062/000", ValidationError::BsbNotDigits),
            ("O62000", ValidationError::BsbNotDigits),
        ];
        for (input, expected) in cases {
            assert_eq!(Bsb::parse(input), Err(expected), "{input:?}");
        }
    }

    #[test]
    fn serde_uses_the_dashed_form() {
        let bsb: Bsb = serde_json::from_str(r#""062000""#).expect("valid");
        assert_eq!(serde_json::to_string(&bsb).expect("ser"), r#""062-000""#);
    }
}
