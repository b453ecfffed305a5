//! Reading Worknice's answer: the GraphQL envelope, and how long to wait
//! before asking again.

use std::time::Duration;

use reqwest::StatusCode;
use serde::de::DeserializeOwned;

use crate::error::WorkniceError;
use crate::wire::{Envelope, GraphQlError, SessionData, TOO_MANY_PEOPLE};

/// Turns a GraphQL error the operation expects (by its `extensions.code`)
/// into a typed error; `None` leaves it a plain refusal.
pub(crate) type Refusal<'a> = &'a (dyn Fn(&GraphQlError) -> Option<WorkniceError> + Sync);

/// No GraphQL error is expected: each is a plain refusal.
pub(crate) fn no_refusal(_: &GraphQlError) -> Option<WorkniceError> {
    None
}

/// `data.session.org`. No session or no organisation: the token opened nothing.
pub(crate) fn org_of<Org>(data: SessionData<Org>) -> Result<Org, WorkniceError> {
    data.session
        .and_then(|session| session.org)
        .ok_or(WorkniceError::TokenRejected)
}

/// Reads a GraphQL response body down to `data.session.org`.
#[cfg(test)]
pub(crate) fn read_org<Org: DeserializeOwned>(
    status: StatusCode,
    bytes: &[u8],
) -> Result<Org, WorkniceError> {
    org_of(read_data::<SessionData<Org>>(status, bytes, &no_refusal)?)
}

/// Reads a GraphQL response body down to `data`.
pub(crate) fn read_data<Data: DeserializeOwned>(
    status: StatusCode,
    bytes: &[u8],
    refusal: Refusal<'_>,
) -> Result<Data, WorkniceError> {
    let envelope: Envelope = match serde_json::from_slice(bytes) {
        Ok(envelope) => envelope,
        Err(_) if !status.is_success() => {
            return Err(WorkniceError::UnexpectedStatus {
                status: status.as_u16(),
            })
        }
        Err(error) => {
            return Err(WorkniceError::MalformedResponse {
                detail: format!("not valid JSON: {error}"),
            })
        }
    };
    if let Some(errors) = envelope.errors.filter(|errors| !errors.is_empty()) {
        if errors.iter().any(GraphQlError::is_auth_failure) {
            return Err(WorkniceError::TokenRejected);
        }
        if let Some(error) = errors.iter().find_map(refusal) {
            return Err(error);
        }
        // Whole: it is cut only after secrets are masked (`WorkniceClient::run`),
        // so a cut cannot split a secret into a part that no longer matches.
        let message = errors
            .iter()
            .map(|error| error.message.as_str())
            .collect::<Vec<_>>()
            .join("; ");
        return Err(WorkniceError::GraphQl { message });
    }
    if !status.is_success() {
        return Err(WorkniceError::UnexpectedStatus {
            status: status.as_u16(),
        });
    }
    let data = envelope
        .data
        .ok_or_else(|| WorkniceError::MalformedResponse {
            detail: "it had neither data nor errors".to_owned(),
        })?;
    serde_json::from_str(data.get()).map_err(|error| {
        if error.to_string().starts_with(TOO_MANY_PEOPLE) {
            WorkniceError::TooManyPeople {
                max: crate::WorkniceConfig::MAX_PEOPLE,
            }
        } else {
            WorkniceError::MalformedResponse {
                detail: format!("unexpected shape: {error}"),
            }
        }
    })
}

/// The pause before the next try, or `None` to stop (see
/// [`paybridge_http::wait_before_retry`]).
pub(crate) fn wait_before_retry(
    error: &WorkniceError,
    backoff: Option<Duration>,
    max_retry_after: Duration,
) -> Option<Duration> {
    let asked = match error {
        WorkniceError::RateLimited { retry_after } => *retry_after,
        _ => None,
    };
    paybridge_http::wait_before_retry(asked, backoff, max_retry_after)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::WorkniceErrorKind;
    use crate::wire::PersonId;

    #[derive(Debug, serde::Deserialize)]
    struct Org {
        #[allow(dead_code)]
        people: Vec<PersonId>,
    }

    fn kind_of(status: u16, body: &str) -> WorkniceErrorKind {
        let status = StatusCode::from_u16(status).expect("status");
        read_org::<Org>(status, body.as_bytes())
            .expect_err("an error")
            .kind()
    }

    #[test]
    fn a_people_list_longer_than_the_maximum_is_refused() {
        let list = |people: usize| {
            format!(
                r#"{{"data":{{"session":{{"org":{{"people":[{}]}}}}}}}}"#,
                vec!["{}"; people].join(",")
            )
        };
        let max = crate::WorkniceConfig::MAX_PEOPLE;
        let full = read_org::<crate::wire::PeopleOrg>(StatusCode::OK, list(max).as_bytes());
        assert_eq!(
            full.expect("the most people there may be").people.len(),
            max
        );
        let over = read_org::<crate::wire::PeopleOrg>(StatusCode::OK, list(max + 1).as_bytes());
        let error = over.expect_err("one more is refused");
        assert!(
            matches!(error, WorkniceError::TooManyPeople { max: m } if m == max),
            "{error:?}"
        );
        assert!(error
            .to_string()
            .starts_with("Worknice sent more data than expected"));
    }

    #[test]
    fn graphql_errors_become_typed_errors() {
        let unauthenticated =
            r#"{"errors":[{"message":"no","extensions":{"code":"UNAUTHENTICATED"}}]}"#;
        assert_eq!(
            kind_of(200, unauthenticated),
            WorkniceErrorKind::TokenRejected
        );
        assert_eq!(
            kind_of(400, r#"{"errors":[{"message":"Unknown field"}]}"#),
            WorkniceErrorKind::GraphQl
        );
        assert_eq!(
            kind_of(200, r#"{"data":{"session":null}}"#),
            WorkniceErrorKind::TokenRejected
        );
        assert_eq!(
            kind_of(200, r#"{"data":{"session":{"org":{"people":7}}}}"#),
            WorkniceErrorKind::MalformedResponse
        );
        assert_eq!(
            kind_of(200, r#"{"data":"#),
            WorkniceErrorKind::MalformedResponse
        );
        assert_eq!(kind_of(200, "{}"), WorkniceErrorKind::MalformedResponse);
        assert_eq!(
            kind_of(400, "<html>Bad request</html>"),
            WorkniceErrorKind::Server
        );
    }

    #[test]
    fn retry_after_is_honoured_only_up_to_the_limit() {
        let limit = Duration::from_secs(10);
        let limited = |secs| WorkniceError::RateLimited {
            retry_after: Some(Duration::from_secs(secs)),
        };
        let backoff = Some(Duration::from_millis(300));
        assert_eq!(
            wait_before_retry(&limited(4), backoff, limit),
            Some(Duration::from_secs(4))
        );
        assert_eq!(wait_before_retry(&limited(11), backoff, limit), None);
        assert_eq!(
            wait_before_retry(&limited(0), backoff, limit),
            backoff,
            "never sooner than the backoff, as the other client and the engine"
        );
        assert_eq!(
            wait_before_retry(&limited(4), None, limit),
            None,
            "no tries left"
        );
        let server = WorkniceError::Server { status: 502 };
        assert_eq!(wait_before_retry(&server, backoff, limit), backoff);
    }
}
