//! INFERRED: how MicrOpay's Web API tells its failures apart. The public
//! reference does not document its error bodies, so this is our best model
//! (ASP.NET Web API style `{"Message": "..."}` bodies). Keep every guess about
//! statuses and messages here, so it is one place to change when the real
//! answers are known. The sandbox mirrors it in `sandbox/src/micropay/vendor_errors.rs`.

use reqwest::header::HeaderMap;
use reqwest::StatusCode;

use crate::error::MicropayError;

/// Turns a non-success answer into an error. `what` names the thing asked
/// for, for a 404 ("employee E0001"). The body is read only for its
/// classification words and never copied into the error.
pub(crate) fn classify(
    status: StatusCode,
    headers: &HeaderMap,
    body: &[u8],
    what: &str,
) -> MicropayError {
    let message = message_of(body).to_lowercase();
    let mentions = |words: &[&str]| words.iter().any(|word| message.contains(word));
    let about_api_key = mentions(&["api-key", "api key", "apikey"]);
    let about_licence = mentions(&[
        "licen",
        "purchas",
        "not enabled",
        "no api access",
        "not subscribed",
    ]);
    let about_payroll_offline = mentions(&["payroll"])
        && mentions(&[
            "offline",
            "did not respond",
            "not respond",
            "unavailable",
            "timed out",
            "not connected",
        ]);

    match status.as_u16() {
        401 | 403 if about_licence => MicropayError::ApiNotPurchased,
        401 | 403 if about_api_key => MicropayError::ApiKeyNotRecognised,
        401 => MicropayError::WrongCredentials,
        // An authorisation failure that is not about the password: the
        // database answered, but without the Web API.
        403 => MicropayError::ApiNotPurchased,
        404 => MicropayError::NotFound {
            what: what.to_owned(),
        },
        429 => MicropayError::RateLimited {
            // Seconds only: an HTTP-date form falls back to the backoff.
            retry_after: paybridge_http::retry_after_seconds(headers),
        },
        502..=504 if about_payroll_offline => MicropayError::PayrollServerOffline,
        500..=599 => MicropayError::Server {
            status: status.as_u16(),
        },
        other => MicropayError::Rejected { status: other },
    }
}

/// The `message` of a JSON error body (any casing), else the body as text.
fn message_of(body: &[u8]) -> String {
    if let Ok(serde_json::Value::Object(map)) = serde_json::from_slice::<serde_json::Value>(body) {
        let texts: Vec<&str> = map
            .iter()
            .filter(|(key, _)| {
                let key = key.to_lowercase();
                key.contains("message") || key == "error" || key == "error_description"
            })
            .filter_map(|(_, value)| value.as_str())
            .collect();
        return texts.join(" ");
    }
    String::from_utf8_lossy(&body[..body.len().min(2000)]).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::MicropayErrorKind;

    fn kind(status: u16, body: &str) -> MicropayErrorKind {
        let status = StatusCode::from_u16(status).expect("valid status");
        classify(status, &HeaderMap::new(), body.as_bytes(), "thing").kind()
    }

    #[test]
    fn tells_authentication_failures_apart() {
        assert_eq!(
            kind(
                401,
                r#"{"Message":"Authorization has been denied for this request."}"#
            ),
            MicropayErrorKind::WrongCredentials
        );
        assert_eq!(
            kind(
                401,
                r#"{"message":"The Api-Key supplied was not recognised."}"#
            ),
            MicropayErrorKind::ApiKeyNotRecognised
        );
        assert_eq!(
            kind(
                403,
                r#"{"message":"This payroll database is not licensed for the Web API."}"#
            ),
            MicropayErrorKind::ApiNotPurchased
        );
        assert_eq!(kind(403, ""), MicropayErrorKind::ApiNotPurchased);
        assert_eq!(kind(401, ""), MicropayErrorKind::WrongCredentials);
    }

    #[test]
    fn offline_payroll_is_not_a_generic_server_error() {
        assert_eq!(
            kind(
                504,
                r#"{"message":"The payroll server did not respond; it may be offline."}"#
            ),
            MicropayErrorKind::PayrollServerOffline
        );
        assert_eq!(kind(504, "Gateway Timeout"), MicropayErrorKind::Server);
        assert_eq!(kind(500, "boom"), MicropayErrorKind::Server);
        assert_eq!(kind(400, "bad"), MicropayErrorKind::Rejected);
    }
}
