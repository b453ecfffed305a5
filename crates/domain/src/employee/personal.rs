use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::NameField;
use crate::ValidationError;

/// Name, birth date, contact details and addresses. Name limits are
/// MicrOpay's: first 20, middle 15, preferred 15, surname 40.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct PersonalDetails {
    /// A code from MicrOpay's Title lookup, e.g. "Ms".
    pub title: Option<String>,
    pub first_name: String,
    pub middle_name: Option<String>,
    pub preferred_name: Option<String>,
    pub surname: String,
    pub date_of_birth: Option<NaiveDate>,
    pub gender: Option<Gender>,
    pub email: Option<String>,
    pub phones: Phones,
    pub residential_address: Option<Address>,
    pub postal_address: Option<Address>,
}

impl PersonalDetails {
    pub const FIRST_NAME_MAX: usize = 20;
    pub const MIDDLE_NAME_MAX: usize = 15;
    pub const PREFERRED_NAME_MAX: usize = 15;
    pub const SURNAME_MAX: usize = 40;

    /// Every problem found; `today` comes from the caller's clock.
    pub fn check(&self, today: NaiveDate) -> Vec<ValidationError> {
        let mut problems = Vec::new();
        if self.surname.trim().is_empty() {
            problems.push(ValidationError::NameMissing {
                field: NameField::Surname,
            });
        }
        let limits = [
            (
                NameField::FirstName,
                Some(&self.first_name),
                Self::FIRST_NAME_MAX,
            ),
            (
                NameField::MiddleName,
                self.middle_name.as_ref(),
                Self::MIDDLE_NAME_MAX,
            ),
            (
                NameField::PreferredName,
                self.preferred_name.as_ref(),
                Self::PREFERRED_NAME_MAX,
            ),
            (NameField::Surname, Some(&self.surname), Self::SURNAME_MAX),
        ];
        for (field, value, max) in limits {
            if value.is_some_and(|v| v.trim().chars().count() > max) {
                problems.push(ValidationError::NameTooLong { field, max });
            }
        }
        if self.date_of_birth.is_some_and(|dob| dob > today) {
            problems.push(ValidationError::DateOfBirthInFuture);
        }
        if self.email.as_deref().is_some_and(|e| !looks_like_email(e)) {
            problems.push(ValidationError::EmailInvalid);
        }
        for address in [&self.residential_address, &self.postal_address]
            .into_iter()
            .flatten()
        {
            if !address.postcode_is_valid() {
                problems.push(ValidationError::PostcodeInvalid);
            }
        }
        problems
    }
}

/// Gender as Australian payroll (STP) records it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub enum Gender {
    Female,
    Male,
    /// Indeterminate, intersex or unspecified.
    X,
    NotStated,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Phones {
    pub home: Option<String>,
    pub mobile: Option<String>,
    pub work: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Address {
    pub line1: String,
    pub line2: Option<String>,
    pub suburb: String,
    pub state: Option<AustralianState>,
    pub postcode: Option<String>,
    /// `None` means Australia.
    pub country: Option<String>,
}

impl Address {
    /// Australian postcodes have 4 digits; overseas ones are not checked.
    fn postcode_is_valid(&self) -> bool {
        let in_australia = self
            .country
            .as_deref()
            .is_none_or(|c| c.trim().is_empty() || c.trim().eq_ignore_ascii_case("australia"));
        match (&self.postcode, in_australia) {
            (Some(code), true) => code.len() == 4 && code.bytes().all(|b| b.is_ascii_digit()),
            _ => true,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "UPPERCASE")]
pub enum AustralianState {
    Act,
    Nsw,
    Nt,
    Qld,
    Sa,
    Tas,
    Vic,
    Wa,
}

/// A deliberately loose check: something@domain.tld with no spaces. The
/// real test of an address is sending to it; this catches typing slips.
fn looks_like_email(email: &str) -> bool {
    let email = email.trim();
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !email.chars().any(char::is_whitespace)
}
