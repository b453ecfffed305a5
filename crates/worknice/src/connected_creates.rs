//! Creating people already linked to their payroll record: one write per
//! person, and several people in one request (one alias per person, each
//! answered on its own). Inferred as a whole: see `documents.graphql`.

use serde_json::{json, Value};

use crate::batch::{batch_request, read_batch};
use crate::client::{Resend, WorkniceClient};
use crate::documents::{self, CREATE_PEOPLE, CREATE_PERSON};
use crate::error::WorkniceError;
use crate::model::{PersonConnection, WorknicePerson};
use crate::new_person::{NewPerson, NewPersonConnection};
use crate::response::read_data;
use crate::wire::{Envelope, GraphQlError};
use crate::wire_update::invalid_field;
use crate::wire_write::{codes, CreatePersonData, CreatePersonInput, PersonWithConnectionWire};

/// A person Worknice created and linked to their payroll record in one step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConnectedPerson {
    pub person: WorknicePerson,
    pub connection: PersonConnection,
}

/// The most people [`WorkniceClient::create_connected_people`] sends in one
/// request: a refused or lost request costs at most this many look-ups.
pub const MAX_PEOPLE_PER_REQUEST: usize = 50;

/// Types the refusals a create can meet, for the person `person`.
fn refusal_for<'a>(
    person: &'a NewPerson,
    connection: &'a NewPersonConnection,
) -> impl Fn(&GraphQlError) -> Option<WorkniceError> + Sync + 'a {
    move |error: &GraphQlError| match error.code() {
        Some(codes::EMPLOYEE_CODE_TAKEN) => Some(WorkniceError::EmployeeCodeTaken {
            employee_code: person.employee_code.trim().to_owned(),
        }),
        Some(codes::CONNECTION_CONFLICT) => Some(WorkniceError::ConnectionConflict {
            person_id: person.employee_code.trim().to_owned(),
            remote_id: connection.remote_id.clone(),
        }),
        _ => invalid_field(error),
    }
}

impl WorkniceClient {
    /// Creates a person with their details and links them to the payroll
    /// record, in one request: both happen or neither does.
    ///
    /// Sent once, never retried, as [`Self::create_person`]: if the answer
    /// is lost the person may exist all the same
    /// ([`WorkniceError::outcome_unknown`]); look them up with
    /// [`Self::connected_person_by_employee_code`] (which shows their
    /// connection) before trying again. The request's `operationName` is
    /// `CreatePerson`, as for [`Self::create_person`].
    pub async fn create_connected_person(
        &self,
        person: &NewPerson,
        connection: &NewPersonConnection,
    ) -> Result<ConnectedPerson, WorkniceError> {
        let refusal = refusal_for(person, connection);
        let secrets: Vec<&str> = person.secrets().collect();
        let input = CreatePersonInput::from_new(person).connected_to(&connection.remote_id);
        let document = documents::operation(CREATE_PERSON).ok_or_else(|| {
            WorkniceError::MalformedResponse {
                detail: format!("Paybridge has no {CREATE_PERSON} operation (a bug in Paybridge)"),
            }
        })?;
        let body = json!({
            "query": document,
            "operationName": CREATE_PERSON,
            "variables": { "input": input },
        });
        let data: CreatePersonData = self
            .retrying(CREATE_PERSON, Resend::Never, &secrets, || async {
                let (status, bytes) = self.post(&body).await?;
                read_data(status, &bytes, &refusal).or_else(|refused| {
                    // The person in the answer was created, whatever error
                    // came with a field below them.
                    created_in(status, &bytes).ok_or(refused)
                })
            })
            .await?;
        connected(data.create_person)
    }

    /// Creates and links several people in one request (at most
    /// [`MAX_PEOPLE_PER_REQUEST`]), each under its own alias, and returns one
    /// outcome per person in the order given: one refused person leaves
    /// the others created.
    ///
    /// Sent once, never retried. The outer error means the request as a
    /// whole failed; when it [`WorkniceError::outcome_unknown`], any of them
    /// may exist: look each up by employee code before sending again.
    pub async fn create_connected_people(
        &self,
        people: &[(NewPerson, NewPersonConnection)],
    ) -> Result<Vec<Result<ConnectedPerson, WorkniceError>>, WorkniceError> {
        if people.is_empty() {
            return Ok(Vec::new());
        }
        let secrets: Vec<&str> = people
            .iter()
            .flat_map(|(person, _)| person.secrets())
            .collect();
        let inputs = people
            .iter()
            .map(|(person, connection)| {
                let input = CreatePersonInput::from_new(person).connected_to(&connection.remote_id);
                serde_json::to_value(input).map_err(|error| WorkniceError::MalformedResponse {
                    detail: format!("a new person could not be written out: {error}"),
                })
            })
            .collect::<Result<_, _>>()?;
        let body = batch_request(CREATE_PEOPLE, "person", "input", inputs)?;
        let answer = self
            .retrying(CREATE_PEOPLE, Resend::Never, &secrets, || async {
                let (status, bytes) = self.post(&body).await?;
                read_batch(status, &bytes)
            })
            .await?;
        Ok(people
            .iter()
            .enumerate()
            .map(|(index, (person, connection))| {
                let alias = format!("p{index}");
                let refusal = refusal_for(person, connection);
                let error = answer.errors.iter().find(|e| e.top_field() == Some(&alias));
                // A person in the answer was created, whatever error came
                // with a field below them: read, or else unknown, never
                // a refusal.
                let outcome = match (answer.data.get(&alias).cloned(), error) {
                    (None | Some(Value::Null), Some(error)) => {
                        Err(refusal(error).unwrap_or_else(|| WorkniceError::GraphQl {
                            message: error.message.clone(),
                        }))
                    }
                    (None | Some(Value::Null), None) => Err(WorkniceError::MalformedResponse {
                        detail: "it gave no answer for this person".to_owned(),
                    }),
                    (Some(value), _) => serde_json::from_value::<PersonWithConnectionWire>(value)
                        .map_err(|_| WorkniceError::MalformedResponse {
                            detail: "the new person could not be read".to_owned(),
                        })
                        .and_then(|created| connected(Some(created))),
                };
                outcome.map_err(|error| self.scrub(error, &secrets))
            })
            .collect())
    }
}

fn connected(created: Option<PersonWithConnectionWire>) -> Result<ConnectedPerson, WorkniceError> {
    let created = created.ok_or_else(|| WorkniceError::MalformedResponse {
        detail: "it answered the create with no person".to_owned(),
    })?;
    let person = created
        .person
        .into_model()
        .map_err(|detail| WorkniceError::MalformedResponse { detail })?;
    let connection = created
        .connection
        .and_then(|connection| connection.into_model())
        .ok_or_else(|| WorkniceError::MalformedResponse {
            detail: "the new person came back without their link to payroll".to_owned(),
        })?;
    Ok(ConnectedPerson { person, connection })
}

/// The person an answer carries under `createPerson` beside its errors.
fn created_in(status: reqwest::StatusCode, bytes: &[u8]) -> Option<CreatePersonData> {
    let envelope: Envelope = serde_json::from_slice(bytes).ok()?;
    let data: CreatePersonData = serde_json::from_str(envelope.data?.get()).ok()?;
    (status.is_success() && data.create_person.is_some()).then_some(data)
}
