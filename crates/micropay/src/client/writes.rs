//! Writes: `POST api/ChangeEmployee`, `POST api/ChangeEmployeeImmediate`,
//! and the status read `GET api/ChangeEmployee/{id}`. A write is checked
//! before it is sent, and sent again only when MicrOpay said up front that
//! it did nothing (429, 503). A write that went out without a clear answer
//! is [`MicropayError::OutcomeUnknown`]; a refusal carries MicrOpay's reasons
//! and is never retried.

use backon::Retryable;
use paybridge_http::{display_url, read_capped, BodyError, TransportFailure};
use reqwest::StatusCode;
use serde_json::Value;
use url::Url;

use super::{MicropayClient, API_KEY_HEADER};
use crate::change::{ChangeEmployee, FieldProblem, ImmediateChange};
use crate::change_status::{self, ChangeRequestId, ChangeRequestStatus};
use crate::error::MicropayError;
use crate::{vendor_errors, wire};

/// Nothing is sent while a change has problems: they come back instead.
fn refuse_problems(problems: Vec<FieldProblem>) -> Result<(), MicropayError> {
    if problems.is_empty() {
        Ok(())
    } else {
        Err(MicropayError::InvalidChange { problems })
    }
}

impl MicropayClient {
    /// Sends a change request for payroll to accept or reject. Its
    /// problems, if any, come back as [`MicropayError::InvalidChange`]
    /// without anything being sent.
    pub async fn submit_change(
        &self,
        change: &ChangeEmployee,
    ) -> Result<ChangeRequestId, MicropayError> {
        refuse_problems(change.problems())?;
        self.post_write("api/ChangeEmployee", &change.to_wire())
            .await
    }

    /// Changes contact details at once, without payroll's approval
    /// (`ChangeEmployeeImmediate`: only an existing employee).
    pub async fn submit_immediate(
        &self,
        change: &ImmediateChange,
    ) -> Result<ChangeRequestId, MicropayError> {
        refuse_problems(change.problems())?;
        self.post_write("api/ChangeEmployeeImmediate", &change.to_wire())
            .await
    }

    /// `GET api/ChangeEmployee/{id}`, retried like any read.
    pub async fn change_request_status(
        &self,
        id: ChangeRequestId,
    ) -> Result<ChangeRequestStatus, MicropayError> {
        let url = self.url(&format!("api/ChangeEmployee/{}", id.0))?;
        let (view, _) = self
            .get_json::<Value>(url, &[], &format!("change request {id}"))
            .await?;
        change_status::status_from_view(id, &view).ok_or_else(|| MicropayError::MalformedResponse {
            detail: "the change request's status was not a ChangeEmployeeView".to_owned(),
        })
    }

    async fn post_write(&self, path: &str, body: &Value) -> Result<ChangeRequestId, MicropayError> {
        let value = self.post_for_answer(path, body).await?;
        change_status::id_from_answer(&value).ok_or_else(|| self.outcome_unknown())
    }

    /// Posts `body`, sent again only when MicrOpay said up front that it did
    /// nothing; the answer as JSON. A success whose body cannot be read is
    /// [`MicropayError::OutcomeUnknown`]: MicrOpay stored something.
    pub(super) async fn post_for_answer(
        &self,
        path: &str,
        body: &Value,
    ) -> Result<Value, MicropayError> {
        let url = self.url(path)?;
        let max_retry_after = self.retry.max_retry_after;
        let answer = (|| self.post_once(url.clone(), body))
            .retry(self.retry.backoff())
            .sleep(tokio::time::sleep)
            .when(MicropayError::is_safe_to_resend)
            .adjust(move |error, backoff| {
                paybridge_http::wait_before_retry(error.retry_after(), backoff, max_retry_after)
            })
            .notify(|error, delay| {
                tracing::debug!(kind = ?error.kind(), ?delay, "sending a MicrOpay change again");
            })
            .await?;
        wire::from_slice(&answer).map_err(|_| self.outcome_unknown())
    }

    async fn post_once(&self, url: Url, body: &Value) -> Result<Vec<u8>, MicropayError> {
        let response = self
            .http
            .post(url)
            .basic_auth(&self.username, Some(self.password.expose()))
            .header(API_KEY_HEADER, self.api_key.clone())
            .header(reqwest::header::ACCEPT, "application/json")
            .json(body)
            .send()
            .await
            .map_err(|err| self.write_transport_error(&err))?;
        let status = response.status();
        let headers = response.headers().clone();
        if status.is_redirection() {
            return Err(self.redirected(&response, &headers));
        }
        let answer = read_capped(response, self.max_response_bytes).await;
        let body = match answer {
            Ok(body) => body,
            // The request was whole and the server answered: whatever it
            // did is done, and the answer that would say so was lost.
            Err(BodyError::Transport(_)) | Err(BodyError::TooLarge { .. })
                if status.is_success() || status.is_server_error() =>
            {
                return Err(self.outcome_unknown())
            }
            Err(BodyError::TooLarge { cap }) => {
                return Err(MicropayError::TooLarge {
                    limit: paybridge_http::describe_size(cap),
                })
            }
            Err(BodyError::Transport(err)) => return Err(self.write_transport_error(&err)),
        };
        if status.is_success() {
            return Ok(body);
        }
        match status {
            StatusCode::BAD_REQUEST | StatusCode::CONFLICT | StatusCode::UNPROCESSABLE_ENTITY => {
                Err(MicropayError::ChangeRefused {
                    messages: refusal_messages(&body),
                })
            }
            StatusCode::TOO_MANY_REQUESTS | StatusCode::SERVICE_UNAVAILABLE => {
                Err(vendor_errors::classify(status, &headers, &body, "change"))
            }
            // Failed while handling it: it may have been stored first.
            status if status.is_server_error() => {
                match vendor_errors::classify(status, &headers, &body, "change") {
                    MicropayError::PayrollServerOffline => Err(MicropayError::PayrollServerOffline),
                    _ => Err(self.outcome_unknown()),
                }
            }
            _ => Err(vendor_errors::classify(status, &headers, &body, "change")),
        }
    }

    pub(super) fn outcome_unknown(&self) -> MicropayError {
        MicropayError::OutcomeUnknown {
            url: display_url(&self.base_url),
        }
    }

    /// As for reads, except that a request that went out (dropped or timed
    /// out) may have been applied.
    fn write_transport_error(&self, err: &reqwest::Error) -> MicropayError {
        match paybridge_http::classify(err) {
            TransportFailure::TimedOut | TransportFailure::Dropped { .. } => self.outcome_unknown(),
            _ => self.transport_error(err),
        }
    }
}

/// MicrOpay's reasons: every message of an ASP.NET `modelState` (per
/// field), else `message` and `messageDetail`; long digit runs masked.
fn refusal_messages(body: &[u8]) -> Vec<String> {
    let Ok(Value::Object(map)) = serde_json::from_slice::<Value>(body) else {
        return vec!["MicrOpay gave no reason.".to_owned()];
    };
    let field = |name: &str| {
        map.iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value)
    };
    let mut messages: Vec<String> = Vec::new();
    if let Some(Value::Object(model_state)) = field("modelState") {
        for value in model_state.values() {
            match value {
                Value::Array(items) => {
                    messages.extend(items.iter().filter_map(Value::as_str).map(str::to_owned))
                }
                Value::String(text) => messages.push(text.clone()),
                _ => {}
            }
        }
    }
    if messages.is_empty() {
        messages.extend(
            ["messageDetail", "message"]
                .into_iter()
                .filter_map(|name| field(name).and_then(Value::as_str))
                .map(str::to_owned),
        );
    }
    if messages.is_empty() {
        messages.push("MicrOpay gave no reason.".to_owned());
    }
    messages
        .iter()
        .map(|m| paybridge_http::mask_long_digit_runs(m))
        .collect()
}
