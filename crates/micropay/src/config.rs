//! How to reach MicrOpay: address, credentials, timeout and retry policy.
//! Plain `http://` is accepted only for loopback addresses (the sandbox);
//! anything else must be `https://`, verified by reqwest's default roots.

use std::time::Duration;

use paybridge_domain::Sensitive;
use paybridge_http::{check_endpoint, display_url, EndpointProblem, RetryPolicy};
use url::Url;

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
            retry: Self::DEFAULT_RETRY,
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

    /// Reads: up to 4 retries, 0.5 s growing to 10 s, at least `Retry-After`
    /// when the server sends one of up to a minute.
    pub const DEFAULT_RETRY: RetryPolicy =
        RetryPolicy::new(4, Duration::from_millis(500), Duration::from_secs(10));
}

/// Checks the scheme and host, and makes sure the path ends in `/` so that
/// `api/...` joins under it.
pub(crate) fn validated_base_url(url: &Url) -> Result<Url, MicropayError> {
    let shown = display_url(url);
    check_endpoint(url).map_err(|problem| match problem {
        EndpointProblem::Insecure => MicropayError::InsecureUrl { url: shown.clone() },
        other => MicropayError::InvalidUrl {
            url: shown.clone(),
            reason: other.to_string(),
        },
    })?;
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

    #[test]
    fn refusals_name_only_scheme_host_and_port() {
        let refusal = |text: &str| {
            validated_base_url(&Url::parse(text).expect("test url parses"))
                .expect_err("refused")
                .to_string()
        };
        assert_eq!(
            refusal("ftp://example.com/secret"),
            "\"ftp://example.com\" is not a usable MicrOpay address: it starts with ftp:// instead of https://."
        );
        assert_eq!(
            refusal("http://example.com:8080/secret?key=abc"),
            "The MicrOpay address http://example.com:8080 is not secure: it must start with https:// (plain http:// is only allowed for this computer)."
        );
    }
}
