//! What the client hands back: plain types, independent of the wire shapes.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The result of a connection test.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WorkniceOrganisation {
    pub name: String,
    /// People not archived.
    pub people_count: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WorknicePerson {
    pub id: String,
    pub display_name: String,
    pub status: Option<WorknicePersonStatus>,
    /// The payroll employee code (MicrOpay's `EmpCode`), when set in Worknice.
    pub employee_code: Option<String>,
    pub start_date: Option<NaiveDate>,
    pub profile_email: Option<String>,
    pub profile_phone: Option<String>,
    /// `location { name }`.
    pub location: Option<String>,
    /// `currentJob { position { title } }`.
    pub position_title: Option<String>,
    /// Set when Worknice sent this person with fields Paybridge cannot
    /// read: which, and what was wrong. Such a person is kept only so their
    /// employee code stays taken (nothing may be linked to or created over
    /// them); `id` may be empty.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unreadable: Option<String>,
}

/// Only `ACTIVE` is published; the others are inferred, and any value
/// Worknice adds later arrives as `Other` rather than failing the read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum WorknicePersonStatus {
    Active,
    PreStart,
    Archived,
    #[serde(untagged)]
    Other(String),
}

/// A Worknice person linked to a record in the payroll system.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PersonConnection {
    pub person_id: String,
    /// MicrOpay's `idEmployee`.
    pub remote_id: String,
    /// Empty when Worknice holds none for the connection.
    pub employee_code: String,
    pub status: PersonConnectionStatus,
}

/// Published: the four statuses Worknice's integrations use. Any value
/// Worknice adds later arrives as `Other` rather than failing the read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum PersonConnectionStatus {
    Connected,
    LocalOnly,
    Merged,
    RemoteOnly,
    #[serde(untagged)]
    Other(String),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_statuses_are_kept_not_refused() {
        let read =
            |json: &str| serde_json::from_str::<WorknicePersonStatus>(json).expect("a status");
        assert_eq!(read(r#""ACTIVE""#), WorknicePersonStatus::Active);
        assert_eq!(read(r#""PRE_START""#), WorknicePersonStatus::PreStart);
        assert_eq!(
            read(r#""ON_LEAVE""#),
            WorknicePersonStatus::Other("ON_LEAVE".to_owned())
        );
    }

    #[test]
    fn connection_statuses_read_the_published_names_and_keep_others() {
        let read =
            |json: &str| serde_json::from_str::<PersonConnectionStatus>(json).expect("a status");
        assert_eq!(read(r#""CONNECTED""#), PersonConnectionStatus::Connected);
        assert_eq!(read(r#""LOCAL_ONLY""#), PersonConnectionStatus::LocalOnly);
        assert_eq!(read(r#""MERGED""#), PersonConnectionStatus::Merged);
        assert_eq!(read(r#""REMOTE_ONLY""#), PersonConnectionStatus::RemoteOnly);
        assert_eq!(
            read(r#""PENDING""#),
            PersonConnectionStatus::Other("PENDING".to_owned())
        );
    }
}
