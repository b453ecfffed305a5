//! The admin's cap on balance requests to MicrOpay ("5 a second"), paced by
//! `governor`'s GCRA limiter rather than sleeps of our own. The burst is 1:
//! requests go evenly spaced, so no second ever sees more than the cap.

use std::num::NonZeroU32;
use std::time::Duration;

use governor::clock::Clock;
use governor::middleware::NoOpMiddleware;
use governor::state::{InMemoryState, NotKeyed};
use governor::{Quota, RateLimiter};

type Limiter<C> = RateLimiter<NotKeyed, InMemoryState, C, NoOpMiddleware<<C as Clock>::Instant>>;

/// One evenly spaced request every `1/per_second` seconds.
pub(crate) fn quota(per_second: NonZeroU32) -> Quota {
    Quota::with_period(Duration::from_secs(1) / per_second.get())
        .unwrap_or_else(|| Quota::per_second(per_second))
        .allow_burst(NonZeroU32::MIN)
}

/// The pacing of balance requests: none, or the cap. One per engine (kept
/// in `BalanceMemory` while the cap stays the same), so answers running at
/// once share the cap instead of each getting all of it.
#[derive(Debug)]
pub(crate) struct RequestPace {
    per_second: Option<u32>,
    limiter: Option<Limiter<governor::clock::DefaultClock>>,
}

impl RequestPace {
    pub fn new(per_second: Option<u32>) -> Self {
        Self {
            per_second,
            limiter: per_second
                .and_then(NonZeroU32::new)
                .map(|n| RateLimiter::direct(quota(n))),
        }
    }

    /// The cap this pace keeps.
    pub fn per_second(&self) -> Option<u32> {
        self.per_second
    }

    /// Returns when the next request may go; true if it had to wait.
    pub async fn turn(&self) -> bool {
        let Some(limiter) = &self.limiter else {
            return false;
        };
        if limiter.check().is_ok() {
            return false;
        }
        limiter.until_ready().await;
        true
    }
}

#[cfg(test)]
mod tests {
    use std::num::NonZeroU32;
    use std::time::Duration;

    use governor::clock::FakeRelativeClock;
    use governor::RateLimiter;

    use super::quota;

    /// Counts, on a clock the test moves: at 5 a second, asking every 10 ms
    /// for ten seconds gets exactly 5 requests through in each second.
    #[test]
    fn the_cap_lets_through_no_more_than_its_number_in_any_second() {
        let clock = FakeRelativeClock::default();
        let cap = NonZeroU32::new(5).expect("non-zero");
        let limiter = RateLimiter::direct_with_clock(quota(cap), clock.clone());
        let mut granted_at_ms = Vec::new();
        for step in 0..1000u64 {
            if limiter.check().is_ok() {
                granted_at_ms.push(step * 10);
            }
            clock.advance(Duration::from_millis(10));
        }
        assert_eq!(granted_at_ms.len(), 50, "5 a second for 10 seconds");
        for start in (0..10_000).step_by(10) {
            let in_window = granted_at_ms
                .iter()
                .filter(|at| (start..start + 1000).contains(*at))
                .count();
            assert!(in_window <= 5, "{in_window} in the second from {start} ms");
        }
    }
}
