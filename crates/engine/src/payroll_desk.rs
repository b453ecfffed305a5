//! The Payroll desk: plays the payroll officer in the built-in MicrOpay
//! sandbox through its `/sandbox/` controls (README "Sandbox controls"),
//! the same HTTP calls tests and scripts use. Refused on any other MicrOpay:
//! a real payroll's requests are payroll's to decide.

use std::collections::HashMap;
use std::time::Duration;

use paybridge_micropay::MicropayClient;
use serde_json::{Map, Value};
use url::Url;

use crate::api::{
    AppError, ConnectionKind, DeskRequest, ErrorCode, PayrollDeskStatus, PayrollEdit,
};
use crate::Engine;

mod leave;
mod leave_listing;
mod listing;

use listing::{desk_request, full_name};

/// The error when the saved MicrOpay is not the built-in sandbox.
pub const NOT_THE_SANDBOX: &str = "The Payroll desk is only for the built-in sandbox";

/// The sandbox answers on this computer; anything slower is stuck.
const TIMEOUT: Duration = Duration::from_secs(10);
const CONNECT_TIMEOUT: Duration = Duration::from_secs(3);
/// The most employees whose names one listing looks up (one read each).
const NAME_LOOKUPS: usize = 25;

fn not_the_sandbox() -> AppError {
    AppError::new(
        ErrorCode::Validation,
        format!("{NOT_THE_SANDBOX}: connect MicrOpay with \"Try it with sandbox data\" first."),
    )
}

fn unreachable(error: &reqwest::Error) -> AppError {
    AppError::new(
        ErrorCode::Unreachable,
        format!(
            "The sandbox's MicrOpay did not answer ({}). Open Connections and press \"Try it with sandbox data\" again.",
            paybridge_http::root_cause(error)
        ),
    )
}

fn malformed() -> AppError {
    AppError::new(
        ErrorCode::MalformedResponse,
        "The sandbox's MicrOpay sent an answer the Payroll desk cannot read.",
    )
}

/// The sandbox's `{"error": "..."}` (already in words a trainer reads) as
/// an AppError of the matching kind.
fn refused(status: reqwest::StatusCode, body: &[u8]) -> AppError {
    let message = serde_json::from_slice::<Value>(body)
        .ok()
        .and_then(|body| body.get("error").and_then(Value::as_str).map(str::to_owned))
        .unwrap_or_else(|| format!("The sandbox's MicrOpay refused it (HTTP {status})."));
    let code = match status.as_u16() {
        404 => ErrorCode::NotFound,
        409 => ErrorCode::Conflict,
        400..=499 => ErrorCode::Validation,
        _ => ErrorCode::VendorServerError,
    };
    AppError::new(code, paybridge_http::mask_long_digit_runs(&message))
}

/// The sandbox's controls at `base`.
struct Desk {
    base: Url,
    http: reqwest::Client,
}

impl Desk {
    fn new(base: Url) -> Result<Self, AppError> {
        let http = paybridge_http::client_builder(&base, TIMEOUT, CONNECT_TIMEOUT)
            .build()
            .map_err(|error| AppError::new(ErrorCode::Internal, error.to_string()))?;
        Ok(Self { base, http })
    }

    fn url(&self, segments: &[&str]) -> Result<Url, AppError> {
        let mut url = self.base.clone();
        url.path_segments_mut()
            .map_err(|_| not_the_sandbox())?
            .clear()
            .push("sandbox")
            .extend(segments);
        Ok(url)
    }

    async fn answer(&self, request: reqwest::RequestBuilder) -> Result<Value, AppError> {
        let response = request.send().await.map_err(|error| unreachable(&error))?;
        let status = response.status();
        let body = response
            .bytes()
            .await
            .map_err(|error| unreachable(&error))?;
        if !status.is_success() {
            return Err(refused(status, &body));
        }
        serde_json::from_slice(&body).map_err(|_| malformed())
    }

    async fn get(&self, segments: &[&str]) -> Result<Value, AppError> {
        self.answer(self.http.get(self.url(segments)?)).await
    }

    async fn post(&self, segments: &[&str], body: &Value) -> Result<Value, AppError> {
        self.answer(self.http.post(self.url(segments)?).json(body))
            .await
    }
}

impl Engine {
    /// Whether the saved MicrOpay connection is the built-in sandbox (the
    /// window shows the Payroll desk only then).
    pub async fn payroll_desk_status(&self) -> Result<PayrollDeskStatus, AppError> {
        Ok(PayrollDeskStatus {
            available: self.sandbox_micropay_url().await?.is_some(),
        })
    }

    /// Every change request payroll has, newest first.
    pub async fn payroll_desk_requests(&self) -> Result<Vec<DeskRequest>, AppError> {
        let desk = self.desk().await?;
        let listed = desk.get(&["requests"]).await?;
        let Value::Array(listed) = listed else {
            return Err(malformed());
        };
        let mut requests = listed
            .iter()
            .map(desk_request)
            .collect::<Option<Vec<_>>>()
            .ok_or_else(malformed)?;
        requests.sort_by_key(|request| std::cmp::Reverse(request.id));
        self.name_employees(&mut requests).await;
        Ok(requests)
    }

    /// Implements a change request as payroll would.
    pub async fn accept_request(&self, id: i64) -> Result<DeskRequest, AppError> {
        let desk = self.desk().await?;
        let answer = desk
            .post(&["requests", &id.to_string(), "accept"], &Value::Null)
            .await?;
        desk_request(&answer).ok_or_else(malformed)
    }

    /// Rejects a change request with payroll's reason, which Paybridge then
    /// shows. A reason is required.
    pub async fn reject_request(&self, id: i64, message: &str) -> Result<DeskRequest, AppError> {
        let message = message.trim();
        if message.is_empty() {
            return Err(AppError::new(
                ErrorCode::Validation,
                "Say why payroll rejects the change: the reason is shown to whoever sent it.",
            ));
        }
        let desk = self.desk().await?;
        let answer = desk
            .post(
                &["requests", &id.to_string(), "reject"],
                &serde_json::json!({ "message": message }),
            )
            .await?;
        desk_request(&answer).ok_or_else(malformed)
    }

    /// Changes an employee's details in MicrOpay directly, as payroll would
    /// (no change request); MicrOpay creates the employee when it has no one
    /// with that code.
    pub async fn edit_employee_as_payroll(
        &self,
        emp_code: &str,
        edit: PayrollEdit,
    ) -> Result<(), AppError> {
        let emp_code = emp_code.trim();
        if emp_code.is_empty() {
            return Err(AppError::new(
                ErrorCode::Validation,
                "Enter the Employee ID of the employee to change.",
            ));
        }
        let fields = edit_fields(&edit);
        if fields.is_empty() {
            return Err(AppError::new(
                ErrorCode::Validation,
                "Fill in at least one field to change.",
            ));
        }
        let desk = self.desk().await?;
        desk.post(&["employees", emp_code], &Value::Object(fields))
            .await?;
        Ok(())
    }

    async fn desk(&self) -> Result<Desk, AppError> {
        let url = self
            .sandbox_micropay_url()
            .await?
            .ok_or_else(not_the_sandbox)?;
        // After a restart the sandbox runs again only once something asks.
        self.resume_sandbox_for(url.as_str()).await?;
        Desk::new(url)
    }

    /// The saved MicrOpay URL when it is the built-in sandbox's address.
    async fn sandbox_micropay_url(&self) -> Result<Option<Url>, AppError> {
        let Some(record) = self.with_store(|store| store.sandbox().get()).await? else {
            return Ok(None);
        };
        let Ok(saved) = self.saved_or_not_connected(ConnectionKind::Micropay).await else {
            return Ok(None);
        };
        let Ok(url) = Url::parse(saved.base_url.trim()) else {
            return Ok(None);
        };
        let is_sandbox = url.scheme() == "http"
            && url.host_str() == Some("127.0.0.1")
            && url.port() == Some(record.micropay_port);
        Ok(is_sandbox.then_some(url))
    }

    /// Fills in names payroll knows, for the employees the requests do not
    /// name themselves. A lookup that fails leaves the name out.
    async fn name_employees(&self, requests: &mut [DeskRequest]) {
        let codes = requests
            .iter()
            .filter(|request| request.employee_name.is_none())
            .map(|request| request.emp_code.clone());
        let Ok(client) = self.micropay_client().await else {
            return;
        };
        let names = names_payroll_knows(&client, codes).await;
        for request in requests.iter_mut() {
            if request.employee_name.is_none() {
                request.employee_name = names.get(&request.emp_code).cloned();
            }
        }
    }
}

/// The names payroll has for `codes`, one read per employee (at most
/// `NAME_LOOKUPS`); an employee whose read fails is left out.
async fn names_payroll_knows(
    client: &MicropayClient,
    codes: impl IntoIterator<Item = String>,
) -> HashMap<String, String> {
    let mut codes: Vec<String> = codes.into_iter().collect();
    codes.sort();
    codes.dedup();
    let mut names = HashMap::new();
    for code in codes.into_iter().take(NAME_LOOKUPS) {
        let Ok(employee) = client.employee(&code).await else {
            continue;
        };
        if let Some(name) = full_name(&employee.first_name, &employee.surname) {
            names.insert(code, name);
        }
    }
    names
}

/// The edit as EmployeeView fields in camelCase, trimmed; blanks left out.
fn edit_fields(edit: &PayrollEdit) -> Map<String, Value> {
    let fields = [
        ("firstName", &edit.first_name),
        ("surname", &edit.surname),
        ("preferredName", &edit.preferred_name),
        ("email", &edit.email),
        ("mobilePhone", &edit.mobile_phone),
        ("street", &edit.street),
        ("suburbCity", &edit.suburb_city),
        ("state", &edit.state),
        ("postcode", &edit.postcode),
    ];
    fields
        .into_iter()
        .filter_map(|(name, value)| {
            let value = value.as_deref()?.trim();
            (!value.is_empty()).then(|| (name.to_owned(), Value::String(value.to_owned())))
        })
        .collect()
}
