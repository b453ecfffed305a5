//! How to reach Worknice: the address, the token, and how patiently.

use std::net::IpAddr;
use std::time::Duration;

use paybridge_domain::Sensitive;
use url::{Host, Url};

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
}

impl WorkniceConfig {
    pub fn new(base_url: Url, token: Sensitive<String>) -> Self {
        Self {
            base_url,
            token,
            timeout: Duration::from_secs(30),
            retry: RetryPolicy::default(),
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
        Ok(Self::new(base_url, token))
    }
}

/// Retries for reads: exponential backoff with jitter; a 429's `Retry-After`
/// replaces the backoff when it is no longer than `max_retry_after`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Retries after the first attempt; 0 disables retrying.
    pub max_retries: usize,
    pub min_delay: Duration,
    pub max_delay: Duration,
    /// A server asking for a longer wait than this gets a `RateLimited` error instead.
    pub max_retry_after: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_retries: 3,
            min_delay: Duration::from_millis(250),
            max_delay: Duration::from_secs(5),
            max_retry_after: Duration::from_secs(60),
        }
    }
}

impl RetryPolicy {
    pub fn none() -> Self {
        Self {
            max_retries: 0,
            ..Self::default()
        }
    }

    pub(crate) fn backoff(&self) -> backon::ExponentialBuilder {
        backon::ExponentialBuilder::default()
            .with_min_delay(self.min_delay)
            .with_max_delay(self.max_delay)
            .with_max_times(self.max_retries)
            .with_jitter()
    }
}

/// The GraphQL endpoint for `base_url`, refusing anything but https, except
/// plain http to this computer (the sandbox).
pub(crate) fn endpoint(base_url: &Url) -> Result<Url, WorkniceError> {
    let host = base_url.host().ok_or_else(|| WorkniceError::InvalidUrl {
        detail: "it has no host name".to_owned(),
    })?;
    match base_url.scheme() {
        "https" => {}
        "http" if is_loopback(&host) => {}
        "http" => {
            return Err(WorkniceError::InsecureUrl {
                url: shown(base_url),
            })
        }
        other => {
            return Err(WorkniceError::InvalidUrl {
                detail: format!("it starts with {other}:// instead of https://"),
            })
        }
    }
    if !base_url.username().is_empty() || base_url.password().is_some() {
        return Err(WorkniceError::InvalidUrl {
            detail: "it contains a user name or password; put the API token in its own field"
                .to_owned(),
        });
    }

    let mut endpoint = base_url.clone();
    endpoint.set_query(None);
    endpoint.set_fragment(None);
    let path = endpoint.path().trim_end_matches('/').to_owned();
    if !path.ends_with(GRAPHQL_PATH) {
        endpoint.set_path(&format!("{path}/{GRAPHQL_PATH}"));
    }
    Ok(endpoint)
}

fn is_loopback(host: &Host<&str>) -> bool {
    match host {
        Host::Domain(name) => name.eq_ignore_ascii_case("localhost"),
        Host::Ipv4(ip) => IpAddr::V4(*ip).is_loopback(),
        Host::Ipv6(ip) => IpAddr::V6(*ip).is_loopback(),
    }
}

/// Scheme, host and port only: never a path or query someone pasted a secret into.
pub(crate) fn shown(url: &Url) -> String {
    match (url.host_str(), url.port()) {
        (Some(host), Some(port)) => format!("{}://{host}:{port}", url.scheme()),
        (Some(host), None) => format!("{}://{host}", url.scheme()),
        _ => format!("{}://", url.scheme()),
    }
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
            endpoint_of("https://hr.example.com/worknice/?x=1#top"),
            Ok("https://hr.example.com/worknice/api/graphql".into())
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
