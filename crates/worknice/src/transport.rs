//! What went wrong on the wire, in words: TLS failures hidden in reqwest's
//! error chain, and the innermost cause of anything else.

/// A TLS failure anywhere in the error's chain, described for a person.
pub(crate) fn tls_failure(error: &reqwest::Error) -> Option<String> {
    let mut current: Option<&(dyn std::error::Error + 'static)> = Some(error);
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
    (lower.contains("certificate") || lower.contains("tls") || lower.contains("ssl"))
        .then_some(cause)
}

/// A rustls error wrapped in (possibly nested) `io::Error`s, which hide
/// their inner error from `source()`.
fn inside_io_error<'a>(error: &'a (dyn std::error::Error + 'static)) -> Option<&'a rustls::Error> {
    let mut inner: &'a (dyn std::error::Error + Send + Sync + 'static) =
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
pub(crate) fn root_cause(error: &(dyn std::error::Error + 'static)) -> String {
    let mut innermost = error;
    while let Some(source) = innermost.source() {
        innermost = source;
    }
    innermost.to_string()
}
