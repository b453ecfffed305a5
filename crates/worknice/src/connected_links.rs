//! Links and look-ups for several people in one request, one alias per
//! person (see `batch`). Inferred as a whole: see `documents.graphql`.

use std::collections::HashMap;

use serde_json::{json, Value};

use crate::batch::{batch_request, read_batch};
use crate::client::{Resend, WorkniceClient};
use crate::documents::{CONNECT_PEOPLE, PEOPLE_BY_EMPLOYEE_CODE};
use crate::error::WorkniceError;
use crate::model::{PersonConnection, WorknicePerson};
use crate::new_person::NewPersonConnection;
use crate::response::{no_refusal, org_of, read_data};
use crate::wire::{GraphQlError, SessionData};
use crate::wire_write::{codes, ConnectPersonInput, Connection, PersonWithConnectionWire};

/// A person found by employee code, with their link to a payroll record if
/// they have one.
pub type FoundPerson = (WorknicePerson, Option<PersonConnection>);

impl WorkniceClient {
    /// [`Self::connect_person`] for several people in one request (at most
    /// [`crate::MAX_PEOPLE_PER_REQUEST`]): one outcome per `(person id,
    /// connection)`, in the order given; one refused link leaves the others
    /// linked. Idempotent as a whole, so passing trouble resends it all.
    pub async fn connect_people(
        &self,
        links: &[(String, NewPersonConnection)],
    ) -> Result<Vec<Result<PersonConnection, WorkniceError>>, WorkniceError> {
        if links.is_empty() {
            return Ok(Vec::new());
        }
        let inputs = links
            .iter()
            .map(|(person_id, connection)| {
                json!(ConnectPersonInput {
                    person_id,
                    remote_id: &connection.remote_id,
                    employee_code: connection.employee_code.trim(),
                })
            })
            .collect();
        let body = batch_request(CONNECT_PEOPLE, "link", "input", inputs)?;
        let answer = self
            .retrying(CONNECT_PEOPLE, Resend::WhenTransient, &[], || async {
                let (status, bytes) = self.post(&body).await?;
                read_batch(status, &bytes)
            })
            .await?;
        Ok(links
            .iter()
            .enumerate()
            .map(|(index, (person_id, connection))| {
                let alias = format!("p{index}");
                let error = answer.errors.iter().find(|e| e.top_field() == Some(&alias));
                match (answer.data.get(&alias).cloned(), error) {
                    (None | Some(Value::Null), Some(error)) => {
                        Err(link_refusal(error, person_id, &connection.remote_id))
                    }
                    (None | Some(Value::Null), None) => Err(WorkniceError::MalformedResponse {
                        detail: "it gave no answer for this link".to_owned(),
                    }),
                    (Some(value), _) => serde_json::from_value::<Connection>(value)
                        .ok()
                        .and_then(Connection::into_model)
                        .ok_or_else(|| WorkniceError::MalformedResponse {
                            detail: "the new connection lacks a person or a remote id".to_owned(),
                        }),
                }
                .map_err(|error| self.scrub(error, &[]))
            })
            .collect())
    }

    /// [`Self::connected_person_by_employee_code`] for several codes in one
    /// request (at most [`crate::MAX_PEOPLE_PER_REQUEST`]): one answer per
    /// code, in the order given. A read: passing trouble is retried; any
    /// error fails the whole look-up.
    pub async fn connected_people_by_employee_codes(
        &self,
        codes: &[String],
    ) -> Result<Vec<Option<FoundPerson>>, WorkniceError> {
        if codes.is_empty() {
            return Ok(Vec::new());
        }
        let inputs = codes.iter().map(|code| json!(code.trim())).collect();
        let body = batch_request(PEOPLE_BY_EMPLOYEE_CODE, "person", "employeeCode", inputs)?;
        let mut org: HashMap<String, Option<PersonWithConnectionWire>> = self
            .retrying(
                PEOPLE_BY_EMPLOYEE_CODE,
                Resend::WhenTransient,
                &[],
                || async {
                    let (status, bytes) = self.post(&body).await?;
                    org_of(read_data::<SessionData<_>>(status, &bytes, &no_refusal)?)
                },
            )
            .await?;
        (0..codes.len())
            .map(|index| {
                org.remove(&format!("p{index}"))
                    .flatten()
                    .map(|found| {
                        let person = found
                            .person
                            .into_model()
                            .map_err(|detail| WorkniceError::MalformedResponse { detail })?;
                        Ok((person, found.connection.and_then(Connection::into_model)))
                    })
                    .transpose()
            })
            .collect()
    }
}

/// The refusal one link met, typed as [`WorkniceClient::connect_person`] types it.
fn link_refusal(error: &GraphQlError, person_id: &str, remote_id: &str) -> WorkniceError {
    match error.code() {
        Some(codes::CONNECTION_CONFLICT) => WorkniceError::ConnectionConflict {
            person_id: person_id.to_owned(),
            remote_id: remote_id.to_owned(),
        },
        Some(codes::PERSON_NOT_FOUND) => WorkniceError::PersonNotFound {
            person_id: person_id.to_owned(),
        },
        _ => WorkniceError::GraphQl {
            message: error.message.clone(),
        },
    }
}
