//! The Worknice sandbox's own controls, on its port under `/sandbox/`, with
//! no token (served only on a loopback address): what tests, demos and the
//! app's sandbox mode use to see everyone and to change Worknice as an HR
//! admin would. Faults never apply here (`faults::CONTROLS_PREFIX`).
//!
//! - `GET /sandbox/people`: everyone, archived included, with every field
//!   the sync reads (sensitive ones in the clear: it is the sandbox's data).
//! - `POST /sandbox/people/{employeeCode}`: edits the fields given (same
//!   shape as the list, every field optional); 404 for an unknown code. A
//!   hire with no Employee ID yet is addressed by their `id` instead.
//! - `POST /sandbox/hires`: a new person with a job and, optionally, an
//!   Employee ID.
//! - `POST /sandbox/people/{employeeCode}/locks` with `{"fields": [...]}`
//!   (paths as `updatePerson` names them, e.g. `personalDetails.lastName`):
//!   an HR admin's locks, replacing the person's; an integration's
//!   `updatePerson` changing one is refused naming the field (`[]` unlocks).
//! - `POST /sandbox/leave-requests`, `POST /sandbox/leave-requests/{id}/approve|decline|cancel|change`,
//!   `GET /sandbox/leave-requests`: leave requests as employees and approvers
//!   make them (`leave_requests.rs`); `GET /sandbox/calendar?viewer=`: the
//!   shared leave calendar, private categories shown as "On leave".
//!
//! A body with a field the controls do not know is refused (400), as is a
//! value Worknice would refuse, naming the field.

mod json;
mod leave_requests;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::de::DeserializeOwned;
use serde::Deserialize;

use super::edits::PersonEdit;
use super::locks::is_lockable;
use super::records::SandboxPersonDetails;
use super::writes::WriteError;
use super::{checks, read, write, PersonStatus, SharedState, WorkniceState};
use json::{
    nullable, AddressJson, BankJson, JobJson, PersonView, PersonalJson, ProfileJson, SuperJson,
    TaxJson, TenureJson,
};

pub(crate) fn router(state: SharedState) -> Router {
    Router::new()
        .route("/sandbox/people", get(people))
        .route("/sandbox/people/{employee_code}", post(edit_person))
        .route("/sandbox/people/{employee_code}/locks", post(lock_fields))
        .route("/sandbox/hires", post(hire))
        .merge(leave_requests::routes())
        .with_state(state)
}

/// `POST /sandbox/people/{employeeCode}`'s body: any of the list's groups,
/// each field optional; `null` clears a field that may be empty.
#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct EditBody {
    employee_code: Option<String>,
    /// `ACTIVE`, `PRE_START` or `ARCHIVED`.
    status: Option<String>,
    #[serde(default)]
    personal_details: PersonalJson,
    #[serde(default)]
    profile: ProfileJson,
    #[serde(default, deserialize_with = "nullable")]
    residential_address: Option<Option<AddressJson>>,
    #[serde(default, deserialize_with = "nullable")]
    postal_address: Option<Option<AddressJson>>,
    #[serde(default, deserialize_with = "nullable")]
    tax_details: Option<Option<TaxJson>>,
    bank_accounts: Option<Vec<BankJson>>,
    super_funds: Option<Vec<SuperJson>>,
    #[serde(default)]
    tenure: TenureJson,
    #[serde(default)]
    job: JobJson,
}

impl EditBody {
    fn into_edit(self) -> PersonEdit {
        let personal = self.personal_details;
        PersonEdit {
            employee_code: self.employee_code,
            first_name: personal.first_name,
            last_name: personal.last_name,
            middle_name: personal.middle_name,
            preferred_name: personal.preferred_name,
            title: personal.title,
            gender: personal.gender,
            date_of_birth: personal.date_of_birth,
            email: self.profile.email,
            mobile_phone: self.profile.mobile_phone,
            residential_address: self.residential_address.map(|a| a.map(Into::into)),
            postal_address: self.postal_address.map(|a| a.map(Into::into)),
            tax_details: self.tax_details.map(|tax| tax.map(Into::into)),
            bank_accounts: self
                .bank_accounts
                .map(|accounts| accounts.into_iter().map(Into::into).collect()),
            super_funds: self
                .super_funds
                .map(|funds| funds.into_iter().map(Into::into).collect()),
            start_date: self.tenure.start_date,
            termination_date: self.tenure.termination_date,
            position_title: self.job.position_title,
            location: self.job.location,
        }
    }
}

/// `POST /sandbox/hires`' body: a new person, their job (a start date at
/// least) and, when HR has given one, their Employee ID.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct HireBody {
    employee_code: Option<String>,
    personal_details: PersonalJson,
    #[serde(default)]
    profile: ProfileJson,
    residential_address: Option<AddressJson>,
    postal_address: Option<AddressJson>,
    tax_details: Option<TaxJson>,
    #[serde(default)]
    bank_accounts: Vec<BankJson>,
    #[serde(default)]
    super_funds: Vec<SuperJson>,
    job: JobJson,
}

async fn people(State(state): State<SharedState>) -> Response {
    let state = read(&state);
    let people: Vec<PersonView> = state
        .people
        .iter()
        .map(|person| view(&state, person))
        .collect();
    Json(people).into_response()
}

fn view(state: &WorkniceState, person: &super::SandboxPerson) -> PersonView {
    let connection = state
        .connection_by_person
        .get(&person.id)
        .map(|&index| &state.connections[index]);
    PersonView::new(person, state.details.get(&person.id), connection)
}

async fn edit_person(
    State(state): State<SharedState>,
    Path(employee_code): Path<String>,
    body: Bytes,
) -> Result<Response, Refusal> {
    let body: EditBody = parse(&body, "edit")?;
    if body.job.start_date.is_some() {
        return Err(refuse(
            StatusCode::BAD_REQUEST,
            Some("job.startDate"),
            "An edit changes the start date through tenure.startDate.",
        ));
    }
    let status = body.status.as_deref().map(parse_status).transpose()?;
    let mut state = write(&state);
    // A hire with no Employee ID yet is found by their id, so that HR can
    // give them one.
    let Some(id) = state
        .person_by_employee_code(&employee_code)
        .map(|person| person.id.clone())
        .or_else(|| {
            state
                .by_id
                .contains_key(&employee_code)
                .then(|| employee_code.clone())
        })
    else {
        return Err(refuse(
            StatusCode::NOT_FOUND,
            None,
            &format!("No person in the sandbox has employee code {employee_code}."),
        ));
    };
    state
        .update_person(&id, body.into_edit())
        .map_err(refused_write)?;
    match status {
        Some(PersonStatus::Archived) => {
            state.archive_person(&id, None).map_err(refused_write)?;
        }
        Some(status) => state.set_status(&id, status),
        None => {}
    }
    let person = state.people[state.by_id[&id]].clone();
    Ok(Json(view(&state, &person)).into_response())
}

/// `POST /sandbox/people/{employeeCode}/locks`' body.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LocksBody {
    fields: std::collections::BTreeSet<String>,
}

async fn lock_fields(
    State(state): State<SharedState>,
    Path(employee_code): Path<String>,
    body: Bytes,
) -> Result<Response, Refusal> {
    let body: LocksBody = parse(&body, "locks")?;
    if let Some(field) = body.fields.iter().find(|field| !is_lockable(field)) {
        return Err(refuse(
            StatusCode::BAD_REQUEST,
            Some("fields"),
            &format!("{field} is not a field updatePerson can change."),
        ));
    }
    let mut state = write(&state);
    let Some(id) = state
        .person_by_employee_code(&employee_code)
        .map(|person| person.id.clone())
    else {
        return Err(refuse(
            StatusCode::NOT_FOUND,
            None,
            &format!("No person in the sandbox has employee code {employee_code}."),
        ));
    };
    state.set_locks(&id, body.fields);
    Ok(StatusCode::NO_CONTENT.into_response())
}

async fn hire(State(state): State<SharedState>, body: Bytes) -> Result<Response, Refusal> {
    let body: HireBody = parse(&body, "hire")?;
    let Some(start_date) = body.job.start_date else {
        return Err(refuse(
            StatusCode::BAD_REQUEST,
            Some("job.startDate"),
            "A hire needs the start date of their job.",
        ));
    };
    let personal = body.personal_details;
    let mut details = SandboxPersonDetails {
        employee_code: body.employee_code.unwrap_or_default().trim().to_owned(),
        first_name: personal.first_name.unwrap_or_default(),
        last_name: personal.last_name.unwrap_or_default(),
        middle_name: personal.middle_name.flatten(),
        preferred_name: personal.preferred_name.flatten(),
        title: personal.title.flatten(),
        gender: personal.gender.flatten(),
        date_of_birth: personal.date_of_birth.flatten(),
        start_date: Some(start_date),
        email: body.profile.email.flatten(),
        mobile_phone: body.profile.mobile_phone.flatten(),
        residential_address: body.residential_address.map(Into::into),
        postal_address: body.postal_address.map(Into::into),
        bank_accounts: body.bank_accounts.into_iter().map(Into::into).collect(),
        super_funds: body.super_funds.into_iter().map(Into::into).collect(),
        tax_details: body.tax_details.map(Into::into),
        termination_date: None,
        updated_at: Default::default(),
    };
    let checked = checks::names(&details.first_name, &details.last_name)
        .and_then(|()| checks::bank_accounts(&mut details.bank_accounts))
        .and_then(|()| match &mut details.tax_details {
            Some(tax) => checks::tax_details(tax),
            None => Ok(()),
        });
    checked.map_err(refused_write)?;
    let job = (
        body.job.position_title.flatten(),
        body.job.location.flatten(),
    );
    let today = chrono::Local::now().date_naive();
    let mut state = write(&state);
    let person = state
        .insert(details, Some(job), today)
        .map_err(refused_write)?;
    Ok((StatusCode::CREATED, Json(view(&state, &person))).into_response())
}

fn parse<T: DeserializeOwned>(body: &[u8], what: &str) -> Result<T, Refusal> {
    serde_json::from_slice(body).map_err(|error| {
        // serde quotes a value of the wrong type (a TFN sent as a number):
        // only the messages that name a field, never a value, are passed on.
        let shown = error.to_string();
        let detail = if shown.starts_with("unknown field") || shown.starts_with("missing field") {
            shown
        } else {
            format!(
                "a value has the wrong type or form at line {}, column {}",
                error.line(),
                error.column()
            )
        };
        refuse(
            StatusCode::BAD_REQUEST,
            None,
            &format!("The {what} could not be read: {detail}."),
        )
    })
}

fn parse_status(text: &str) -> Result<PersonStatus, Refusal> {
    match text {
        "ACTIVE" => Ok(PersonStatus::Active),
        "PRE_START" => Ok(PersonStatus::PreStart),
        "ARCHIVED" => Ok(PersonStatus::Archived),
        _ => Err(refuse(
            StatusCode::BAD_REQUEST,
            Some("status"),
            "The status must be ACTIVE, PRE_START or ARCHIVED.",
        )),
    }
}

fn refused_write(error: WriteError) -> Refusal {
    let (status, field) = match &error {
        WriteError::Invalid { field, .. } => (StatusCode::BAD_REQUEST, Some(field.as_str())),
        WriteError::PersonNotFound { .. } => (StatusCode::NOT_FOUND, None),
        _ => (StatusCode::CONFLICT, None),
    };
    refuse(status, field, &error.to_string())
}

/// A request the controls refuse: `{"error": "…", "field": "…"}` with its status.
#[derive(Debug)]
struct Refusal {
    status: StatusCode,
    body: serde_json::Value,
}

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        (self.status, Json(self.body)).into_response()
    }
}

fn refuse(status: StatusCode, field: Option<&str>, message: &str) -> Refusal {
    let mut body = serde_json::json!({ "error": message });
    if let Some(field) = field {
        body["field"] = field.into();
    }
    Refusal { status, body }
}

impl WorkniceState {
    /// Sets a status other than archived (which `archive_person` sets).
    fn set_status(&mut self, person_id: &str, status: PersonStatus) {
        let Some(&index) = self.by_id.get(person_id) else {
            return;
        };
        if self.people[index].status != status {
            self.people[index].status = status;
            let stamp = self.stamp();
            if let Some(details) = self.details.get_mut(person_id) {
                details.updated_at = stamp;
            }
        }
    }
}

#[cfg(test)]
mod tests;
