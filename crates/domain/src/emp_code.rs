//! MicrOpay's `EmpCode`: the Employee ID that links a Worknice person to a
//! MicrOpay employee. No link without it.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::ValidationError;

/// The longest EmpCode by MicrOpay product: Meridian stores 8 characters,
/// WageEasy 20. [`EmpCode::parse`] enforces the wider one; check
/// [`EmpCode::fits`] before writing to a Meridian database.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EmpCodeLimit {
    Meridian,
    WageEasy,
}

impl EmpCodeLimit {
    pub const fn max_len(self) -> usize {
        match self {
            Self::Meridian => 8,
            Self::WageEasy => 20,
        }
    }
}

/// A trimmed, non-empty employee code of at most 20 characters.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, ts_rs::TS)]
#[ts(type = "string")]
pub struct EmpCode(String);

impl EmpCode {
    pub fn parse(input: &str) -> Result<Self, ValidationError> {
        Self::parse_with_limit(input, EmpCodeLimit::WageEasy)
    }

    pub fn parse_with_limit(input: &str, limit: EmpCodeLimit) -> Result<Self, ValidationError> {
        let code = input.trim();
        if code.is_empty() {
            return Err(ValidationError::EmpCodeMissing);
        }
        if code.chars().any(char::is_control) {
            return Err(ValidationError::EmpCodeInvalidCharacters);
        }
        let max = limit.max_len();
        if code.chars().count() > max {
            return Err(ValidationError::EmpCodeTooLong { max });
        }
        Ok(Self(code.to_owned()))
    }

    /// True when this code fits `limit` (e.g. a Meridian database's 8).
    pub fn fits(&self, limit: EmpCodeLimit) -> bool {
        self.0.chars().count() <= limit.max_len()
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for EmpCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for EmpCode {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for EmpCode {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = String::deserialize(deserializer)?;
        EmpCode::parse(&raw).map_err(serde::de::Error::custom)
    }
}
