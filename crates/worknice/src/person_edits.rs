//! Changing people already in Worknice: an update of the given fields, and
//! archiving someone who has left. Paybridge never deletes a Worknice person.
//! Both set values rather than add them, so sending one again changes
//! nothing more: passing trouble is retried.

use chrono::NaiveDate;
use serde::Deserialize;
use serde_json::json;

use crate::client::{Resend, WorkniceClient};
use crate::documents::{ARCHIVE_PERSON, UPDATE_PERSON};
use crate::error::WorkniceError;
use crate::person_details::WorknicePersonDetails;
use crate::person_update::PersonUpdate;
use crate::wire::GraphQlError;
use crate::wire_details::read_person;
use crate::wire_update::{invalid_field, UpdatePersonInput};
use crate::wire_write::codes;

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct UpdatePersonData {
    update_person: Option<serde_json::Value>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct ArchivePersonData {
    archive_person: Option<serde_json::Value>,
}

impl WorkniceClient {
    /// Changes only what `update` sets (see [`PersonUpdate`]) and returns the
    /// person as they are now. A value Worknice cannot store is
    /// [`WorkniceError::InvalidField`] naming the field, and nothing changes.
    pub async fn update_person(
        &self,
        person_id: &str,
        update: &PersonUpdate,
    ) -> Result<WorknicePersonDetails, WorkniceError> {
        let refusal = |error: &GraphQlError| match error.code() {
            Some(codes::PERSON_NOT_FOUND) => Some(WorkniceError::PersonNotFound {
                person_id: person_id.to_owned(),
            }),
            Some(codes::EMPLOYEE_CODE_TAKEN) => Some(WorkniceError::EmployeeCodeTaken {
                employee_code: update.employee_code.clone().unwrap_or_default(),
            }),
            _ => invalid_field(error),
        };
        let secrets: Vec<&str> = update.secrets().collect();
        let data: UpdatePersonData = self
            .run(
                UPDATE_PERSON,
                json!({ "id": person_id, "input": UpdatePersonInput::from_update(update) }),
                Resend::WhenTransient,
                &refusal,
                &secrets,
            )
            .await?;
        person_answered(data.update_person)
    }

    /// Archives a person who has left, with their termination date when
    /// given. Archiving someone already archived changes nothing else.
    pub async fn archive_person(
        &self,
        person_id: &str,
        termination_date: Option<NaiveDate>,
    ) -> Result<WorknicePersonDetails, WorkniceError> {
        let refusal = |error: &GraphQlError| match error.code() {
            Some(codes::PERSON_NOT_FOUND) => Some(WorkniceError::PersonNotFound {
                person_id: person_id.to_owned(),
            }),
            _ => invalid_field(error),
        };
        let data: ArchivePersonData = self
            .run(
                ARCHIVE_PERSON,
                json!({ "id": person_id, "terminationDate": termination_date }),
                Resend::WhenTransient,
                &refusal,
                &[],
            )
            .await?;
        person_answered(data.archive_person)
    }
}

fn person_answered(
    value: Option<serde_json::Value>,
) -> Result<WorknicePersonDetails, WorkniceError> {
    let value = value.ok_or_else(|| WorkniceError::MalformedResponse {
        detail: "it answered with no person".to_owned(),
    })?;
    read_person(value).map_err(|salvaged| WorkniceError::MalformedResponse {
        detail: salvaged
            .and_then(|person| person.unreadable)
            .unwrap_or_else(|| "the person could not be read".to_owned()),
    })
}
