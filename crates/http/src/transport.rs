//! What went wrong on the wire, sorted into the few kinds a person can act
//! on, and the reqwest settings both clients start from.

use std::error::Error;
use std::time::Duration;

use url::Url;

use crate::endpoint::is_loopback;

/// Sent with every request.
pub const USER_AGENT: &str = concat!("Paybridge/", env!("CARGO_PKG_VERSION"));

/// A reqwest builder for talking to `base_url`: the whole-request `timeout`
/// (it covers the body too, so a server trickling one byte at a time still
/// times out), a connect timeout of at most `connect_timeout_cap`,
/// [`USER_AGENT`], and no redirects: each would carry the credentials
/// headers to wherever it points; a client reads a 3xx itself (see
/// [`crate::redirect_target`]). A loopback `base_url` (the sandbox) never
/// goes through a system proxy: the proxy could not reach this computer's
/// servers, and would see the credentials in plain http.
pub fn client_builder(
    base_url: &Url,
    timeout: Duration,
    connect_timeout_cap: Duration,
) -> reqwest::ClientBuilder {
    let builder = reqwest::Client::builder()
        .timeout(timeout)
        .connect_timeout(timeout.min(connect_timeout_cap))
        .user_agent(USER_AGENT)
        .redirect(reqwest::redirect::Policy::none());
    if base_url.host().is_some_and(|host| is_loopback(&host)) {
        builder.no_proxy()
    } else {
        builder
    }
}

/// A request that got no usable answer, by what a person would do about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TransportFailure {
    /// No answer within the timeout.
    TimedOut,
    /// The secure connection failed: certificate, or no TLS on the other side.
    Tls { detail: String },
    /// Refused, or the address could not be found.
    Unreachable { cause: String },
    /// The request went out; the answer was cut off.
    Dropped { cause: String },
    /// Anything else reqwest reports (redirects, building the request).
    NotSent { cause: String },
}

/// Sorts a reqwest error. `cause`s and `detail`s are the innermost error's
/// words ("Connection refused"), never the URL.
pub fn classify(error: &reqwest::Error) -> TransportFailure {
    if error.is_timeout() {
        return TransportFailure::TimedOut;
    }
    if let Some(detail) = tls_failure(error) {
        return TransportFailure::Tls { detail };
    }
    let cause = root_cause(error);
    if error.is_connect() {
        TransportFailure::Unreachable { cause }
    } else if error.is_body() || error.is_decode() || error.is_request() {
        TransportFailure::Dropped { cause }
    } else {
        TransportFailure::NotSent { cause }
    }
}

/// A TLS failure anywhere in the error's chain, described for a person.
pub fn tls_failure(error: &reqwest::Error) -> Option<String> {
    let mut current: Option<&(dyn Error + 'static)> = Some(error);
    while let Some(error) = current {
        if let Some(rustls_error) = error
            .downcast_ref::<rustls::Error>()
            .or_else(|| inside_io_error(error))
        {
            return Some(match rustls_error {
                rustls::Error::InvalidCertificate(reason) => {
                    format!("its certificate could not be verified: {reason:?}")
                }
                rustls::Error::InvalidMessage(_) | rustls::Error::InappropriateMessage { .. } => {
                    "the server did not answer in the secure protocol; it may not serve https"
                        .to_owned()
                }
                other => other.to_string(),
            });
        }
        current = error.source();
    }
    let cause = root_cause(error);
    let lower = cause.to_ascii_lowercase();
    ["certificate", "tls", "ssl", "handshake", "corrupt message"]
        .iter()
        .any(|word| lower.contains(word))
        .then_some(cause)
}

/// A rustls error wrapped in (possibly nested) `io::Error`s, which hide
/// their inner error from `source()`.
fn inside_io_error<'a>(error: &'a (dyn Error + 'static)) -> Option<&'a rustls::Error> {
    let mut inner: &'a (dyn Error + Send + Sync + 'static) =
        error.downcast_ref::<std::io::Error>()?.get_ref()?;
    loop {
        if let Some(rustls_error) = inner.downcast_ref::<rustls::Error>() {
            return Some(rustls_error);
        }
        inner = inner.downcast_ref::<std::io::Error>()?.get_ref()?;
    }
}

/// The innermost error's message: the one that says what actually happened
/// ("Connection refused"), without reqwest's wrapping.
pub fn root_cause(error: &(dyn Error + 'static)) -> String {
    let mut innermost = error;
    while let Some(source) = innermost.source() {
        innermost = source;
    }
    innermost.to_string()
}

#[cfg(test)]
mod tests;
