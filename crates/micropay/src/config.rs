//! How to reach MicrOpay: address, credentials, timeout and retry policy.
//! Plain `http://` is accepted only for loopback addresses (the sandbox);
//! anything else must be `https://`, verified by reqwest's default roots.

use std::net::IpAddr;
use std::time::Duration;

use paybridge_domain::Sensitive;
use url::{Host, Url};

use crate::error::MicropayError;

#[derive(Debug, Clone)]
pub struct MicropayConfig {
    /// e.g. `https://api.cloud.micropay.com.au/` (the `api/...` paths are appended).
    pub base_url: Url,
    pub username: String,
    pub password: Sensitive<String>,
    pub api_key: Sensitive<String>,
    /// For one whole request, body included.
    pub timeout: Duration,
    pub retry: RetryPolicy,
}

impl MicropayConfig {
    pub fn new(
        base_url: Url,
        username: impl Into<String>,
        password: Sensitive<String>,
        api_key: Sensitive<String>,
    ) -> Self {
        Self {
            base_url,
            username: username.into(),
            password,
            api_key,
            timeout: Duration::from_secs(60),
            retry: RetryPolicy::default(),
        }
    }

    /// Parses `url` first, with the same plain-language errors as [`crate::MicropayClient::new`].
    pub fn parse(
        url: &str,
        username: impl Into<String>,
        password: Sensitive<String>,
        api_key: Sensitive<String>,
    ) -> Result<Self, MicropayError> {
        let base_url = Url::parse(url.trim()).map_err(|err| MicropayError::InvalidUrl {
            url: url.trim().chars().take(100).collect(),
            reason: err.to_string(),
        })?;
        Ok(Self::new(base_url, username, password, api_key))
    }
}

/// Retries for reads: exponential backoff with jitter, at least `Retry-After`
/// when the server sends one.
#[derive(Debug, Clone, PartialEq)]
pub struct RetryPolicy {
    /// Retries after the first attempt; 0 disables retrying.
    pub max_retries: usize,
    pub min_delay: Duration,
    pub max_delay: Duration,
    /// A `Retry-After` longer than this is not waited for: the read fails as rate limited.
    pub max_retry_after: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_retries: 4,
            min_delay: Duration::from_millis(500),
            max_delay: Duration::from_secs(10),
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
}

/// Checks the scheme and host, and makes sure the path ends in `/` so that
/// `api/...` joins under it.
pub(crate) fn validated_base_url(url: &Url) -> Result<Url, MicropayError> {
    let shown = display_url(url);
    let host = url.host().ok_or_else(|| MicropayError::InvalidUrl {
        url: shown.clone(),
        reason: "it has no host name".to_owned(),
    })?;
    match url.scheme() {
        "https" => {}
        "http" if is_loopback(&host) => {}
        "http" => return Err(MicropayError::InsecureUrl { url: shown }),
        other => {
            return Err(MicropayError::InvalidUrl {
                url: shown,
                reason: format!("it starts with {other}:// instead of https://"),
            })
        }
    }
    let mut base = url.clone();
    // Credentials in the URL would end up in logs; the client sends its own.
    let _ = base.set_username("");
    let _ = base.set_password(None);
    base.set_query(None);
    base.set_fragment(None);
    if !base.path().ends_with('/') {
        let path = format!("{}/", base.path());
        base.set_path(&path);
    }
    Ok(base)
}

pub(crate) fn is_loopback(host: &Host<&str>) -> bool {
    match host {
        Host::Domain(name) => name.eq_ignore_ascii_case("localhost"),
        Host::Ipv4(ip) => IpAddr::V4(*ip).is_loopback(),
        Host::Ipv6(ip) => IpAddr::V6(*ip).is_loopback(),
    }
}

/// Scheme, host and port only: safe to show in a message.
pub(crate) fn display_url(url: &Url) -> String {
    match (url.host_str(), url.port()) {
        (Some(host), Some(port)) => format!("{}://{host}:{port}", url.scheme()),
        (Some(host), None) => format!("{}://{host}", url.scheme()),
        _ => format!("{}://", url.scheme()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::MicropayErrorKind;

    fn check(url: &str) -> Result<Url, MicropayErrorKind> {
        validated_base_url(&Url::parse(url).expect("test url parses")).map_err(|e| e.kind())
    }

    #[test]
    fn plain_http_only_for_loopback() {
        assert!(check("http://127.0.0.1:8080").is_ok());
        assert!(check("http://127.9.9.9/").is_ok());
        assert!(check("http://localhost:1").is_ok());
        assert!(check("http://[::1]:9/").is_ok());
        assert_eq!(
            check("http://example.com"),
            Err(MicropayErrorKind::InsecureUrl)
        );
        assert_eq!(
            check("http://10.0.0.1"),
            Err(MicropayErrorKind::InsecureUrl)
        );
        assert_eq!(
            check("ftp://example.com"),
            Err(MicropayErrorKind::InvalidUrl)
        );
        assert!(check("https://api.cloud.micropay.com.au").is_ok());
    }

    #[test]
    fn base_url_gets_a_trailing_slash_and_loses_credentials() {
        let url = check("https://user:pw@example.com/micropay?x=1").expect("valid");
        assert_eq!(url.as_str(), "https://example.com/micropay/");
    }
}
