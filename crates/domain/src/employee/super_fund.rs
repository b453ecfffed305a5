use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::{abn, Abn, ValidationError};

/// One super fund an employee belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct SuperFund {
    /// A code from MicrOpay's SuperFund lookup.
    pub fund_code: String,
    pub fund: FundIdentity,
    pub membership_number: String,
    pub date_joined: Option<NaiveDate>,
}

impl SuperFund {
    /// Every problem found; `start_date` is the employee's hire date, when known.
    pub fn check(&self, start_date: Option<NaiveDate>) -> Vec<ValidationError> {
        let mut problems = Vec::new();
        if self.fund_code.trim().is_empty() {
            problems.push(ValidationError::FundCodeMissing);
        }
        if self.membership_number.trim().is_empty() {
            problems.push(ValidationError::MembershipNumberMissing);
        }
        if let (Some(joined), Some(start)) = (self.date_joined, start_date) {
            if joined < start {
                problems.push(ValidationError::SuperDateJoinedBeforeHire);
            }
        }
        problems
    }
}

/// APRA-regulated funds are named by their USI; self-managed funds by their
/// ABN and electronic service address (ESA).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum FundIdentity {
    Apra {
        usi: Usi,
    },
    #[serde(rename_all = "camelCase")]
    SelfManaged {
        abn: Abn,
        electronic_service_address: Option<String>,
    },
}

/// A Unique Superannuation Identifier: `AAA9999AA` (e.g. `STA0100AU`), or 14
/// digits made of the fund's ABN and a 3-digit product number.
#[derive(Debug, Clone, PartialEq, Eq, Hash, ts_rs::TS)]
#[ts(type = "string")]
pub struct Usi(String);

impl Usi {
    pub fn parse(input: &str) -> Result<Self, ValidationError> {
        let usi = input.trim().to_ascii_uppercase();
        let bytes = usi.as_bytes();
        let letters_and_digits = bytes.len() == 9
            && bytes[..3].iter().all(u8::is_ascii_uppercase)
            && bytes[3..7].iter().all(u8::is_ascii_digit)
            && bytes[7..].iter().all(u8::is_ascii_uppercase);
        let abn_and_product = bytes.len() == 14
            && bytes.iter().all(u8::is_ascii_digit)
            && abn::is_valid_checksum(&usi[..11]);
        if letters_and_digits || abn_and_product {
            Ok(Self(usi))
        } else {
            Err(ValidationError::UsiInvalid)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Serialize for Usi {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Usi {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = String::deserialize(deserializer)?;
        Usi::parse(&raw).map_err(serde::de::Error::custom)
    }
}
