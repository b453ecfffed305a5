//! How patiently a client retries its reads, and what the server asked for.

use std::time::Duration;

use backon::ExponentialBuilder;
use reqwest::header::{HeaderMap, RETRY_AFTER};

/// The longest `Retry-After` both clients are willing to wait out.
pub const DEFAULT_MAX_RETRY_AFTER: Duration = Duration::from_secs(60);

/// Retries for reads: exponential backoff with jitter. What a `Retry-After`
/// does to the wait is each client's choice; a longer one than
/// `max_retry_after` is never waited for.
///
/// No `Default`: each client has its own (see its config's `DEFAULT_RETRY`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Retries after the first attempt; 0 disables retrying.
    pub max_retries: usize,
    pub min_delay: Duration,
    pub max_delay: Duration,
    /// A server asking for a longer wait than this gets a rate-limited error instead.
    pub max_retry_after: Duration,
}

impl RetryPolicy {
    /// With [`DEFAULT_MAX_RETRY_AFTER`].
    pub const fn new(max_retries: usize, min_delay: Duration, max_delay: Duration) -> Self {
        Self {
            max_retries,
            min_delay,
            max_delay,
            max_retry_after: DEFAULT_MAX_RETRY_AFTER,
        }
    }

    /// One attempt, no retries.
    pub const fn none() -> Self {
        Self::new(0, Duration::ZERO, Duration::ZERO)
    }

    /// The backoff to hand to `backon`'s `retry`.
    pub fn backoff(&self) -> ExponentialBuilder {
        ExponentialBuilder::default()
            .with_min_delay(self.min_delay)
            .with_max_delay(self.max_delay)
            .with_max_times(self.max_retries)
            .with_jitter()
    }
}

/// The pause before the next try, for both clients and the engine: the
/// backoff, or longer when the server asked for longer (never sooner than
/// the backoff); `None` (stop) when no tries are left or the server asked
/// for more than `max_retry_after`.
pub fn wait_before_retry(
    asked: Option<Duration>,
    backoff: Option<Duration>,
    max_retry_after: Duration,
) -> Option<Duration> {
    let backoff = backoff?;
    match asked {
        Some(asked) if asked > max_retry_after => None,
        Some(asked) => Some(asked.max(backoff)),
        None => Some(backoff),
    }
}

/// `Retry-After` in seconds only; an HTTP date is ignored (`None`).
pub fn retry_after_seconds(headers: &HeaderMap) -> Option<Duration> {
    let text = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    text.parse::<u64>().ok().map(Duration::from_secs)
}

/// `Retry-After` as seconds or as an HTTP date (a date in the past means now).
pub fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    if let Some(wait) = retry_after_seconds(headers) {
        return Some(wait);
    }
    let text = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    let at = chrono::DateTime::parse_from_rfc2822(text).ok()?;
    Some(
        (at.with_timezone(&chrono::Utc) - chrono::Utc::now())
            .to_std()
            .unwrap_or(Duration::ZERO),
    )
}

#[cfg(test)]
mod wait_tests {
    use super::*;

    #[test]
    fn retry_after_is_waited_out_up_to_the_limit_never_sooner_than_the_backoff() {
        let limit = Duration::from_secs(60);
        let backoff = Some(Duration::from_millis(200));
        assert_eq!(wait_before_retry(None, backoff, limit), backoff);
        assert_eq!(
            wait_before_retry(Some(Duration::from_secs(3)), backoff, limit),
            Some(Duration::from_secs(3))
        );
        assert_eq!(
            wait_before_retry(Some(Duration::ZERO), backoff, limit),
            backoff
        );
        assert_eq!(
            wait_before_retry(Some(Duration::from_secs(61)), backoff, limit),
            None
        );
        assert_eq!(
            wait_before_retry(Some(Duration::from_secs(3)), None, limit),
            None
        );
    }
}

#[cfg(test)]
mod tests {
    use backon::BackoffBuilder;
    use reqwest::header::HeaderValue;

    use super::*;

    fn headers(value: &'static str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(RETRY_AFTER, HeaderValue::from_static(value));
        headers
    }

    #[test]
    fn retry_after_reads_seconds_and_http_dates() {
        assert_eq!(retry_after(&headers("7")), Some(Duration::from_secs(7)));
        assert_eq!(retry_after(&headers(" 7 ")), Some(Duration::from_secs(7)));
        assert_eq!(
            retry_after(&headers("Wed, 21 Oct 2015 07:28:00 GMT")),
            Some(Duration::ZERO),
            "a date in the past means now"
        );
        let later = (chrono::Utc::now() + chrono::Duration::hours(1))
            .to_rfc2822()
            .parse::<HeaderValue>()
            .expect("a header value");
        let mut future = HeaderMap::new();
        future.insert(RETRY_AFTER, later);
        let wait = retry_after(&future).expect("a future date");
        assert!(wait > Duration::from_secs(3500) && wait <= Duration::from_secs(3600));
        assert_eq!(retry_after(&headers("soon")), None);
        assert_eq!(retry_after(&HeaderMap::new()), None);
    }

    #[test]
    fn retry_after_seconds_ignores_dates() {
        assert_eq!(
            retry_after_seconds(&headers("120")),
            Some(Duration::from_secs(120))
        );
        assert_eq!(
            retry_after_seconds(&headers("Wed, 21 Oct 2015 07:28:00 GMT")),
            None
        );
        assert_eq!(retry_after_seconds(&headers("-1")), None);
        assert_eq!(retry_after_seconds(&HeaderMap::new()), None);
    }

    #[test]
    fn backoff_stays_within_the_policy() {
        let policy = RetryPolicy::new(3, Duration::from_millis(100), Duration::from_millis(150));
        let delays: Vec<Duration> = policy.backoff().build().collect();
        assert_eq!(delays.len(), 3);
        // Jitter adds up to one more delay on top of the exponential one.
        assert!(delays
            .iter()
            .all(|d| *d >= Duration::from_millis(100) && *d <= Duration::from_millis(300)));
        assert_eq!(RetryPolicy::none().backoff().build().count(), 0);
        assert_eq!(RetryPolicy::none().max_retry_after, DEFAULT_MAX_RETRY_AFTER);
    }
}
