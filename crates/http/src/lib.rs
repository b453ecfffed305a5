//! The HTTP plumbing the MicrOpay and Worknice clients share and that knows
//! nothing about either vendor: which addresses may be reached over plain
//! http, how an address is shown in a message, the retry policy and
//! `Retry-After`, what kind of transport failure a reqwest error is, reading
//! a body under a size cap, where a refused redirect pointed, and masking
//! the long numbers in text a vendor sent.
//! Each client maps these onto its own error type and wording.

mod body;
mod endpoint;
mod retry;
mod transport;
mod vendor_text;

pub use body::{describe_size, read_capped, BodyError};
pub use endpoint::{check_endpoint, display_url, is_loopback, redirect_target, EndpointProblem};
pub use retry::{
    retry_after, retry_after_seconds, wait_before_retry, RetryPolicy, DEFAULT_MAX_RETRY_AFTER,
};
pub use transport::{
    classify, client_builder, root_cause, tls_failure, TransportFailure, USER_AGENT,
};
pub use vendor_text::{mask_long_digit_runs, truncate_chars, DIGITS_MASK};
