//! Creating people and linking them to payroll records. Inferred as a whole:
//! see `documents.graphql`.

use serde_json::json;

use crate::client::{Resend, WorkniceClient};
use crate::documents::{
    CONNECT_PERSON, CREATE_PERSON, PERSON_BY_EMPLOYEE_CODE, PERSON_CONNECTIONS,
    REMOVE_PERSON_CONNECTION,
};
use crate::error::WorkniceError;
use crate::model::{PersonConnection, WorknicePerson};
use crate::new_person::{NewPerson, NewPersonConnection};
use crate::response::no_refusal;
use crate::wire::GraphQlError;
use crate::wire_write::{
    codes, ConnectPersonData, ConnectPersonInput, CreatePersonData, CreatePersonInput,
    PersonByEmployeeCodeOrg, PersonConnectionsOrg, RemovePersonConnectionData,
};

impl WorkniceClient {
    /// Creates a person with their personal, bank, super and tax details.
    ///
    /// Sent once, never retried: if the answer is lost the person may exist
    /// all the same (see [`WorkniceError::outcome_unknown`]); look them up
    /// with [`Self::person_by_employee_code`] before trying again. A person
    /// with the same employee code already in Worknice is
    /// [`WorkniceError::EmployeeCodeTaken`] (kind `Conflict`).
    pub async fn create_person(&self, person: &NewPerson) -> Result<WorknicePerson, WorkniceError> {
        let employee_code = person.employee_code.trim();
        let refusal = |error: &GraphQlError| {
            (error.code() == Some(codes::EMPLOYEE_CODE_TAKEN)).then(|| {
                WorkniceError::EmployeeCodeTaken {
                    employee_code: employee_code.to_owned(),
                }
            })
        };
        let secrets: Vec<&str> = person.secrets().collect();
        let data: CreatePersonData = self
            .run(
                CREATE_PERSON,
                json!({ "input": CreatePersonInput::from_new(person) }),
                Resend::Never,
                &refusal,
                &secrets,
            )
            .await?;
        let created = data
            .create_person
            .ok_or_else(|| WorkniceError::MalformedResponse {
                detail: "it answered the create with no person".to_owned(),
            })?;
        malformed_if_bad(created.person.into_model())
    }

    /// The person with this employee code, archived or not.
    pub async fn person_by_employee_code(
        &self,
        code: &str,
    ) -> Result<Option<WorknicePerson>, WorkniceError> {
        Ok(self
            .connected_person_by_employee_code(code)
            .await?
            .map(|(person, _)| person))
    }

    /// The person with this employee code, archived or not, with their link
    /// to a payroll record if they have one: after a create whose answer
    /// was lost, it says whether the create (and its link) happened.
    pub async fn connected_person_by_employee_code(
        &self,
        code: &str,
    ) -> Result<Option<(WorknicePerson, Option<PersonConnection>)>, WorkniceError> {
        let org: PersonByEmployeeCodeOrg = self
            .query(
                PERSON_BY_EMPLOYEE_CODE,
                json!({ "employeeCode": code.trim() }),
            )
            .await?;
        org.person_by_employee_code
            .map(|found| {
                let person = malformed_if_bad(found.person.into_model())?;
                Ok((person, found.connection.and_then(|c| c.into_model())))
            })
            .transpose()
    }

    /// Links a Worknice person to a MicrOpay employee. Idempotent: linking
    /// again to the same `remote_id` returns the existing connection, so
    /// passing trouble is retried. A person or employee already linked
    /// elsewhere is [`WorkniceError::ConnectionConflict`] (kind `Conflict`).
    pub async fn connect_person(
        &self,
        person_id: &str,
        connection: &NewPersonConnection,
    ) -> Result<PersonConnection, WorkniceError> {
        let refusal = |error: &GraphQlError| match error.code() {
            Some(codes::CONNECTION_CONFLICT) => Some(WorkniceError::ConnectionConflict {
                person_id: person_id.to_owned(),
                remote_id: connection.remote_id.clone(),
            }),
            Some(codes::PERSON_NOT_FOUND) => Some(WorkniceError::PersonNotFound {
                person_id: person_id.to_owned(),
            }),
            _ => None,
        };
        let input = ConnectPersonInput {
            person_id,
            remote_id: &connection.remote_id,
            employee_code: connection.employee_code.trim(),
        };
        let data: ConnectPersonData = self
            .run(
                CONNECT_PERSON,
                json!({ "input": input }),
                Resend::WhenTransient,
                &refusal,
                &[],
            )
            .await?;
        data.connect_person
            .into_model()
            .ok_or_else(|| WorkniceError::MalformedResponse {
                detail: "the new connection lacks a person or a remote id".to_owned(),
            })
    }

    /// Every person linked to a payroll record. Entries Worknice lists with
    /// only one side (a person or a remote record alone) are left out.
    pub async fn person_connections(&self) -> Result<Vec<PersonConnection>, WorkniceError> {
        let org: PersonConnectionsOrg = self.query(PERSON_CONNECTIONS, json!({})).await?;
        Ok(org
            .person_connections
            .into_iter()
            .filter_map(|connection| connection.into_model())
            .collect())
    }

    /// Unlinks a person from their payroll record. Idempotent: a person with
    /// no link is not an error, so passing trouble is retried.
    pub async fn remove_person_connection(&self, person_id: &str) -> Result<(), WorkniceError> {
        let _: RemovePersonConnectionData = self
            .run(
                REMOVE_PERSON_CONNECTION,
                json!({ "personId": person_id }),
                Resend::WhenTransient,
                &no_refusal,
                &[],
            )
            .await?;
        Ok(())
    }
}

fn malformed_if_bad(
    person: Result<WorknicePerson, String>,
) -> Result<WorknicePerson, WorkniceError> {
    person.map_err(|detail| WorkniceError::MalformedResponse { detail })
}
