//! Plain `http://` only to this computer (the sandbox); anywhere else the
//! address must be `https://`.

use std::net::IpAddr;

use url::{Host, Url};

/// Why an address may not be used. The texts complete a client's sentence
/// ("… is not a usable address: {problem}").
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EndpointProblem {
    #[error("it has no host name")]
    NoHost,
    /// Plain `http://` to a host that is not this computer.
    #[error("it must start with https:// (plain http:// is only allowed for this computer)")]
    Insecure,
    #[error("it starts with {scheme}:// instead of https://")]
    UnsupportedScheme { scheme: String },
}

/// Checks the host and scheme only; paths, queries and credentials are each
/// client's business.
pub fn check_endpoint(url: &Url) -> Result<(), EndpointProblem> {
    let host = url.host().ok_or(EndpointProblem::NoHost)?;
    match url.scheme() {
        "https" => Ok(()),
        "http" if is_loopback(&host) => Ok(()),
        "http" => Err(EndpointProblem::Insecure),
        other => Err(EndpointProblem::UnsupportedScheme {
            scheme: other.to_owned(),
        }),
    }
}

/// `localhost`, 127.0.0.0/8 or `::1`.
pub fn is_loopback(host: &Host<&str>) -> bool {
    match host {
        Host::Domain(name) => name.eq_ignore_ascii_case("localhost"),
        Host::Ipv4(ip) => IpAddr::V4(*ip).is_loopback(),
        Host::Ipv6(ip) => IpAddr::V6(*ip).is_loopback(),
    }
}

/// Scheme, host and port only: never a path or query someone pasted a
/// secret into, so safe to show in a message.
pub fn display_url(url: &Url) -> String {
    match (url.host_str(), url.port()) {
        (Some(host), Some(port)) => format!("{}://{host}:{port}", url.scheme()),
        (Some(host), None) => format!("{}://{host}", url.scheme()),
        _ => format!("{}://", url.scheme()),
    }
}

/// Where a 3xx answer to a request for `requested` points, shown as
/// [`display_url`] (a relative `Location` is resolved first); `None` when it
/// names no usable address.
pub fn redirect_target(requested: &Url, headers: &reqwest::header::HeaderMap) -> Option<String> {
    let location = headers.get(reqwest::header::LOCATION)?.to_str().ok()?;
    requested
        .join(location.trim())
        .ok()
        .map(|target| display_url(&target))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str) -> Result<(), EndpointProblem> {
        check_endpoint(&Url::parse(text).expect("test url parses"))
    }

    #[test]
    fn plain_http_only_for_loopback_hosts() {
        assert_eq!(check("https://api.cloud.micropay.com.au"), Ok(()));
        assert_eq!(check("http://127.0.0.1:8080"), Ok(()));
        assert_eq!(check("http://127.9.9.9/"), Ok(()));
        assert_eq!(check("http://localhost:1"), Ok(()));
        assert_eq!(check("http://LOCALHOST:1"), Ok(()));
        assert_eq!(check("http://[::1]:9/"), Ok(()));
        assert_eq!(check("http://example.com"), Err(EndpointProblem::Insecure));
        assert_eq!(check("http://10.0.0.1"), Err(EndpointProblem::Insecure));
        assert_eq!(check("http://[::2]"), Err(EndpointProblem::Insecure));
        assert_eq!(
            check("http://localhost.evil.example"),
            Err(EndpointProblem::Insecure)
        );
    }

    #[test]
    fn other_schemes_and_hostless_urls_are_refused() {
        assert_eq!(
            check("ftp://example.com"),
            Err(EndpointProblem::UnsupportedScheme {
                scheme: "ftp".to_owned()
            })
        );
        assert_eq!(
            EndpointProblem::UnsupportedScheme {
                scheme: "ftp".to_owned()
            }
            .to_string(),
            "it starts with ftp:// instead of https://"
        );
        assert_eq!(check("file:///etc/passwd"), Err(EndpointProblem::NoHost));
        assert_eq!(check("mailto:someone"), Err(EndpointProblem::NoHost));
    }

    #[test]
    fn redirect_targets_are_resolved_and_shown_without_paths() {
        use reqwest::header::{HeaderMap, HeaderValue, LOCATION};
        let requested = Url::parse("https://api.example.com/api/EmployeeDetails").expect("url");
        let target = |location: &'static str| {
            let mut headers = HeaderMap::new();
            headers.insert(LOCATION, HeaderValue::from_static(location));
            redirect_target(&requested, &headers)
        };
        assert_eq!(
            target("http://evil.example:8080/steal?key=abc").as_deref(),
            Some("http://evil.example:8080")
        );
        assert_eq!(target("/login").as_deref(), Some("https://api.example.com"));
        assert_eq!(redirect_target(&requested, &HeaderMap::new()), None);
    }

    #[test]
    fn display_keeps_only_scheme_host_and_port() {
        let shown = |text: &str| display_url(&Url::parse(text).expect("test url parses"));
        assert_eq!(
            shown("https://user:pw@example.com:8443/secret?key=abc#x"),
            "https://example.com:8443"
        );
        assert_eq!(shown("https://example.com/path"), "https://example.com");
        assert_eq!(shown("http://[::1]:9/"), "http://[::1]:9");
        assert_eq!(shown("file:///etc/passwd"), "file://");
    }
}
