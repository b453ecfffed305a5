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
    /// The largest answer read; see [`MicropayConfig::MAX_RESPONSE_BYTES`].
    pub max_response_bytes: usize,
    /// The most pages one list read fetches; see [`MicropayConfig::MAX_PAGES`].
    pub max_pages: u32,
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
            max_response_bytes: Self::MAX_RESPONSE_BYTES,
            max_pages: Self::MAX_PAGES,
        }
    }

    /// Parses `url` first, with the same plain-language errors as
    /// [`crate::MicropayClient::new`]; an address holding a user name,
    /// password or query is refused here already. No error repeats what was
    /// typed beyond its scheme, host and port.
    pub fn parse(
        url: &str,
        username: impl Into<String>,
        password: Sensitive<String>,
        api_key: Sensitive<String>,
    ) -> Result<Self, MicropayError> {
        let base_url = Url::parse(url.trim()).map_err(|err| MicropayError::InvalidUrl {
            url: None,
            reason: unparseable_reason(err).to_owned(),
        })?;
        if !base_url.has_host() {
            return Err(no_host());
        }
        refuse_embedded_secrets(&base_url)?;
        Ok(Self::new(base_url, username, password, api_key))
    }

    /// One answer larger than this is refused while it streams: a page of
    /// 1000 employees with their bank and super records is well under 10 MiB.
    pub const MAX_RESPONSE_BYTES: usize = 64 * 1024 * 1024;

    /// One list read stops here even if MicrOpay says there is more: at the
    /// 1000-employee page size that is ten million employees.
    pub const MAX_PAGES: u32 = 10_000;

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
        // Without a host, what parsed as a scheme may be anything typed.
        EndpointProblem::NoHost => no_host(),
        other => MicropayError::InvalidUrl {
            url: Some(shown.clone()),
            reason: other.to_string(),
        },
    })?;
    refuse_embedded_secrets(url)?;
    let mut base = url.clone();
    base.set_fragment(None);
    if !base.path().ends_with('/') {
        let path = format!("{}/", base.path());
        base.set_path(&path);
    }
    Ok(base)
}

/// A user name, password or query in the address would be stored and shown
/// with it, and may hold a secret: the credentials have their own fields.
fn refuse_embedded_secrets(url: &Url) -> Result<(), MicropayError> {
    let reason = if !url.username().is_empty() || url.password().is_some() {
        "it contains a user name or password; put them in their own fields"
    } else if url.query().is_some() {
        "it has a part after \"?\"; enter the address without it, and the API key in its own field"
    } else {
        return Ok(());
    };
    Err(MicropayError::InvalidUrl {
        url: Some(display_url(url)),
        reason: reason.to_owned(),
    })
}

/// Text like `name:secret@host` parses with `name` as its scheme, so none
/// of it is shown.
fn no_host() -> MicropayError {
    MicropayError::InvalidUrl {
        url: None,
        reason: format!(
            "{} (expected e.g. https://api.cloud.micropay.com.au)",
            EndpointProblem::NoHost
        ),
    }
}

/// Why text is not a web address, in words that quote none of it.
fn unparseable_reason(error: url::ParseError) -> &'static str {
    use url::ParseError;
    match error {
        ParseError::RelativeUrlWithoutBase => {
            "it does not start with https:// (e.g. https://api.cloud.micropay.com.au)"
        }
        ParseError::EmptyHost => "it has no host name",
        ParseError::InvalidPort => "the port number after the host name is not valid",
        ParseError::InvalidIpv4Address | ParseError::InvalidIpv6Address => {
            "the IP address in it is not valid"
        }
        ParseError::IdnaError | ParseError::InvalidDomainCharacter => {
            "the host name has characters a web address cannot have"
        }
        _ => "it is not a web address (e.g. https://api.cloud.micropay.com.au)",
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
    fn base_url_gets_a_trailing_slash() {
        let url = check("https://example.com/micropay#top").expect("valid");
        assert_eq!(url.as_str(), "https://example.com/micropay/");
    }

    #[test]
    fn credentials_or_a_query_in_the_address_are_refused() {
        for typed in [
            "https://user:pw@example.com/micropay",
            "https://user@example.com/",
            "https://example.com/?apikey=k",
            "https://example.com/?",
        ] {
            assert_eq!(check(typed), Err(MicropayErrorKind::InvalidUrl), "{typed}");
            let parsed =
                MicropayConfig::parse(typed, "u", Sensitive::default(), Sensitive::default())
                    .map_err(|error| error.kind());
            assert_eq!(parsed.err(), Some(MicropayErrorKind::InvalidUrl), "{typed}");
        }
    }

    /// Display and Debug of the error `parse` gives for `typed`.
    fn parse_refusal(typed: &str) -> String {
        let error = MicropayConfig::parse(typed, "u", Sensitive::default(), Sensitive::default())
            .expect_err("refused");
        assert_eq!(error.kind(), MicropayErrorKind::InvalidUrl, "{typed}");
        format!("{error} {error:?}")
    }

    #[test]
    fn parse_refusals_never_repeat_a_secret_that_was_typed() {
        for typed in [
            "https://payroll:Hunter2Secret@example.com/",
            "https://example.com/?apikey=Hunter2Secret",
            "https://example.com/Hunter2Secret?apikey=x",
            "https://payroll:Hunter2Secret@example.com:notaport/",
            "Hunter2Secret@example.com",
            "Hunter2Secret:payroll@example.com",
            "example.com/?apikey=Hunter2Secret",
            "https://[Hunter2Secret]/",
        ] {
            let shown = parse_refusal(typed);
            assert!(!shown.contains("Hunter2Secret"), "{typed} -> {shown}");
        }
        assert_eq!(
            parse_refusal(" https://payroll:pw@example.com:8443/?x=1 ")
                .split(" InvalidUrl")
                .next(),
            Some(
                "\"https://example.com:8443\" is not a usable MicrOpay address: it contains a user \
                 name or password; put them in their own fields."
            )
        );
        assert!(parse_refusal("example.com").starts_with(
            "What was entered is not a usable MicrOpay address: it does not start with https://"
        ));
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
