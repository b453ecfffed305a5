//! Temporary failures retried by the engine within a run, on top of what
//! each client retries itself: writes that are safe to send again (the
//! create only after a look-up, see `import::item`), and reads whose answer
//! came back unreadable (a cut-off body is worth asking for again). Backoff
//! with jitter from [`RetryPolicy`]; a `Retry-After` is waited out.

use std::future::Future;
use std::time::Duration;

use backon::Retryable;
use paybridge_micropay::{MicropayError, MicropayErrorKind};
use paybridge_worknice::RetryPolicy;
use paybridge_worknice::{WorkniceError, WorkniceErrorKind};

/// For one employee's writes: many tries, the first ones quick. Most
/// passing trouble clears at once, and an employee still failing after them
/// waits for the next run. The create is sent once per try, and has no
/// retries of its client's own, hence the count.
pub(crate) const WRITE_RETRY: RetryPolicy =
    RetryPolicy::new(10, Duration::from_millis(200), Duration::from_secs(5));

/// For reads, whose clients already retry passing trouble: two more tries,
/// mostly for an answer cut short or unreadable, which the clients do not
/// retry. Few, because each try is already a client's whole series of
/// retries (and a server that times out every time is slow to give up on).
pub(crate) const READ_RETRY: RetryPolicy =
    RetryPolicy::new(2, Duration::from_millis(250), Duration::from_secs(2));

/// A failure the engine may try again in a moment.
pub(crate) trait Temporary {
    /// Sending the same request again may well work.
    fn is_temporary(&self) -> bool;
    /// How long the server asked to be left alone.
    fn retry_after(&self) -> Option<Duration>;
}

impl Temporary for WorkniceError {
    fn is_temporary(&self) -> bool {
        self.is_transient() || self.kind() == WorkniceErrorKind::MalformedResponse
    }

    fn retry_after(&self) -> Option<Duration> {
        match self {
            Self::RateLimited { retry_after } => *retry_after,
            _ => None,
        }
    }
}

impl Temporary for MicropayError {
    fn is_temporary(&self) -> bool {
        self.is_retryable() || self.kind() == MicropayErrorKind::MalformedResponse
    }

    fn retry_after(&self) -> Option<Duration> {
        match self {
            Self::RateLimited { retry_after } => *retry_after,
            _ => None,
        }
    }
}

/// Runs `operation` until it succeeds, fails for good, or `policy`'s tries
/// are used up. `what` names it in the log.
pub(crate) async fn retrying<T, E, F, Fut>(
    policy: &RetryPolicy,
    what: &'static str,
    operation: F,
) -> Result<T, E>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, E>>,
    E: Temporary,
{
    let max_retry_after = policy.max_retry_after;
    operation
        .retry(policy.backoff())
        .sleep(tokio::time::sleep)
        .when(|error: &E| error.is_temporary())
        .adjust(move |error: &E, backoff| {
            paybridge_http::wait_before_retry(error.retry_after(), backoff, max_retry_after)
        })
        .notify(|_, wait: Duration| {
            tracing::info!(what, wait_ms = wait.as_millis() as u64, "retrying");
        })
        .await
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicU32, Ordering};

    use super::*;

    const QUICK: RetryPolicy =
        RetryPolicy::new(5, Duration::from_millis(1), Duration::from_millis(2));

    #[tokio::test]
    async fn temporary_failures_are_tried_again_and_the_rest_are_not() {
        let tries = AtomicU32::new(0);
        let outcome: Result<u32, WorkniceError> = retrying(&QUICK, "test", || async {
            match tries.fetch_add(1, Ordering::SeqCst) {
                0 => Err(WorkniceError::Server { status: 503 }),
                1 => Err(WorkniceError::MalformedResponse {
                    detail: "cut off".to_owned(),
                }),
                n => Ok(n),
            }
        })
        .await;
        assert_eq!(outcome.expect("third try works"), 2);

        let tries = AtomicU32::new(0);
        let refused: Result<(), WorkniceError> = retrying(&QUICK, "test", || async {
            tries.fetch_add(1, Ordering::SeqCst);
            Err(WorkniceError::GraphQl {
                message: "bad BSB".to_owned(),
            })
        })
        .await;
        assert!(refused.is_err());
        assert_eq!(tries.load(Ordering::SeqCst), 1, "a refusal is final");

        let tries = AtomicU32::new(0);
        let exhausted: Result<(), MicropayError> = retrying(&QUICK, "test", || async {
            tries.fetch_add(1, Ordering::SeqCst);
            Err(MicropayError::MalformedResponse {
                detail: "cut off".to_owned(),
            })
        })
        .await;
        assert!(exhausted.is_err());
        assert_eq!(
            tries.load(Ordering::SeqCst),
            6,
            "the first try and five more"
        );
    }
}
