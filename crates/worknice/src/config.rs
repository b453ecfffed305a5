//! How to reach Worknice: the address, the token, and how patiently.

use std::time::Duration;

use paybridge_domain::Sensitive;
use paybridge_http::{check_endpoint, display_url, EndpointProblem, RetryPolicy};
use url::Url;

use crate::error::WorkniceError;

/// Where Worknice serves its GraphQL API, relative to the organisation's base URL.
pub const GRAPHQL_PATH: &str = "api/graphql";

#[derive(Debug, Clone)]
pub struct WorkniceConfig {
    /// The Worknice address, e.g. `https://app.worknice.com`. An address that
    /// already ends in `/api/graphql` is taken as is.
    pub base_url: Url,
    pub token: Sensitive<String>,
    /// For one whole request, answer included.
    pub timeout: Duration,
    pub retry: RetryPolicy,
    /// The largest answer read; see [`WorkniceConfig::MAX_RESPONSE_BYTES`].
    pub max_response_bytes: usize,
}

impl WorkniceConfig {
    pub fn new(base_url: Url, token: Sensitive<String>) -> Self {
        Self {
            base_url,
            token,
            timeout: Duration::from_secs(30),
            retry: Self::DEFAULT_RETRY,
            max_response_bytes: Self::MAX_RESPONSE_BYTES,
        }
    }

    /// From what a person typed into a form.
    /// An address without a scheme is taken to mean https.
    pub fn parse(base_url: &str, token: Sensitive<String>) -> Result<Self, WorkniceError> {
        let text = base_url.trim();
        let text = if text.contains("://") {
            text.to_owned()
        } else {
            format!("https://{text}")
        };
        let base_url = Url::parse(&text).map_err(|error| WorkniceError::InvalidUrl {
            detail: format!("{error} (expected e.g. https://app.worknice.com)"),
        })?;
        refuse_embedded_secrets(&base_url)?;
        Ok(Self::new(base_url, token))
    }

    /// One answer larger than this is refused while it streams. The people
    /// list is one answer (Worknice does not page it): 64 MiB is hundreds of
    /// thousands of people.
    pub const MAX_RESPONSE_BYTES: usize = 64 * 1024 * 1024;

    /// The most people one list read takes: Worknice does not page the
    /// people list, and no organisation Paybridge serves comes near this.
    /// More is refused ("Worknice sent more data than expected").
    pub const MAX_PEOPLE: usize = 200_000;

    /// Reads: up to 3 retries, 0.25 s growing to 5 s; a 429's `Retry-After`
    /// of up to a minute replaces the backoff.
    pub const DEFAULT_RETRY: RetryPolicy =
        RetryPolicy::new(3, Duration::from_millis(250), Duration::from_secs(5));
}

/// The GraphQL endpoint for `base_url`, refusing anything but https, except
/// plain http to this computer (the sandbox).
pub(crate) fn endpoint(base_url: &Url) -> Result<Url, WorkniceError> {
    check_endpoint(base_url).map_err(|problem| match problem {
        EndpointProblem::Insecure => WorkniceError::InsecureUrl {
            url: display_url(base_url),
        },
        other => WorkniceError::InvalidUrl {
            detail: other.to_string(),
        },
    })?;
    refuse_embedded_secrets(base_url)?;

    let mut endpoint = base_url.clone();
    endpoint.set_fragment(None);
    let path = endpoint.path().trim_end_matches('/').to_owned();
    if !path.ends_with(GRAPHQL_PATH) {
        endpoint.set_path(&format!("{path}/{GRAPHQL_PATH}"));
    }
    Ok(endpoint)
}

/// A user name, password or query in the address would be stored and shown
/// with it, and may hold a secret: the token has its own field.
fn refuse_embedded_secrets(base_url: &Url) -> Result<(), WorkniceError> {
    let detail = if !base_url.username().is_empty() || base_url.password().is_some() {
        "it contains a user name or password; put the API token in its own field"
    } else if base_url.query().is_some() {
        "it has a part after \"?\"; enter the address without it, and the API token in its own field"
    } else {
        return Ok(());
    };
    Err(WorkniceError::InvalidUrl {
        detail: detail.to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::WorkniceErrorKind;

    fn endpoint_of(text: &str) -> Result<String, WorkniceErrorKind> {
        let url = Url::parse(text).map_err(|_| WorkniceErrorKind::InvalidUrl)?;
        endpoint(&url)
            .map(String::from)
            .map_err(|error| error.kind())
    }

    #[test]
    fn https_anywhere_and_http_only_on_this_computer() {
        assert_eq!(
            endpoint_of("https://app.worknice.com"),
            Ok("https://app.worknice.com/api/graphql".into())
        );
        assert_eq!(
            endpoint_of("http://127.0.0.1:8080"),
            Ok("http://127.0.0.1:8080/api/graphql".into())
        );
        assert_eq!(
            endpoint_of("http://127.10.0.3"),
            Ok("http://127.10.0.3/api/graphql".into())
        );
        assert_eq!(
            endpoint_of("http://localhost:9/"),
            Ok("http://localhost:9/api/graphql".into())
        );
        assert_eq!(
            endpoint_of("http://[::1]:9"),
            Ok("http://[::1]:9/api/graphql".into())
        );
        assert_eq!(
            endpoint_of("http://app.worknice.com"),
            Err(WorkniceErrorKind::InsecureUrl)
        );
        assert_eq!(
            endpoint_of("http://192.168.1.10"),
            Err(WorkniceErrorKind::InsecureUrl)
        );
        assert_eq!(
            endpoint_of("http://localhost.evil.example"),
            Err(WorkniceErrorKind::InsecureUrl)
        );
        assert_eq!(
            endpoint_of("ftp://app.worknice.com"),
            Err(WorkniceErrorKind::InvalidUrl)
        );
        assert_eq!(
            endpoint_of("https://user:pw@app.worknice.com"),
            Err(WorkniceErrorKind::InvalidUrl)
        );
    }

    #[test]
    fn a_pasted_endpoint_or_trailing_slash_is_not_doubled() {
        assert_eq!(
            endpoint_of("https://app.worknice.com/api/graphql"),
            Ok("https://app.worknice.com/api/graphql".into())
        );
        assert_eq!(
            endpoint_of("https://hr.example.com/worknice/#top"),
            Ok("https://hr.example.com/worknice/api/graphql".into())
        );
    }

    #[test]
    fn credentials_or_a_query_in_the_address_are_refused_without_echoing_them() {
        for typed in [
            "https://user:hunter2@app.worknice.com",
            "https://app.worknice.com/?token=hunter2",
            "https://app.worknice.com?",
        ] {
            let url = Url::parse(typed).expect("test url parses");
            let error = endpoint(&url).expect_err("refused");
            assert_eq!(error.kind(), WorkniceErrorKind::InvalidUrl, "{typed}");
            let parsed = WorkniceConfig::parse(typed, Sensitive::new("t".to_owned()))
                .expect_err("refused when typed too");
            assert_eq!(parsed.kind(), WorkniceErrorKind::InvalidUrl, "{typed}");
            for text in [error.to_string(), format!("{parsed:?}")] {
                assert!(!text.contains("hunter2"), "{text}");
            }
        }
        let error = endpoint(&Url::parse("https://app.worknice.com/?k=v").expect("parses"))
            .expect_err("refused");
        assert_eq!(
            error.to_string(),
            "The Worknice address is not valid: it has a part after \"?\"; enter the address \
             without it, and the API token in its own field."
        );
    }

    #[test]
    fn unparseable_input_is_an_invalid_url() {
        let error = WorkniceConfig::parse("app worknice", Sensitive::new("t".to_owned()))
            .expect_err("not a URL");
        assert_eq!(error.kind(), WorkniceErrorKind::InvalidUrl);
        let config = WorkniceConfig::parse(" app.worknice.com ", Sensitive::new("t".to_owned()))
            .expect("a host");
        assert_eq!(config.base_url.as_str(), "https://app.worknice.com/");
    }
}
