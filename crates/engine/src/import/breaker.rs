//! Stops sending to Worknice within a run once it keeps failing: after
//! [`Breaker::LIMIT`] employees in a row end with passing trouble, the rest
//! are left for the next run, instead of each waiting out its own retries
//! against a Worknice that is down. After a cool-down one employee is tried
//! again; if it works, the breaker closes and the run goes on. A connection
//! that cannot work (`Fatal`) stops it for good.

use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use super::item::{retry_record, Outcome, Work};

#[derive(Debug)]
pub(crate) struct Breaker {
    in_a_row: AtomicU32,
    cool_down: Duration,
    /// When it last opened (or a probe failed).
    opened_at: Mutex<Option<Instant>>,
    /// One employee is being tried to see whether Worknice is back.
    probing: AtomicBool,
    fatal: AtomicBool,
}

impl Breaker {
    /// Twice the writes in flight: a burst of bad luck under passing
    /// trouble never gets this far, an outage does quickly.
    pub(crate) const LIMIT: u32 = 2 * super::WRITE_CONCURRENCY as u32;

    pub(crate) fn new(cool_down: Duration) -> Self {
        Self {
            in_a_row: AtomicU32::new(0),
            cool_down,
            opened_at: Mutex::new(None),
            probing: AtomicBool::new(false),
            fatal: AtomicBool::new(false),
        }
    }

    fn opened_at(&self) -> std::sync::MutexGuard<'_, Option<Instant>> {
        self.opened_at
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The outcome for `work` without trying it, when Worknice has kept
    /// failing; `None` to try it (as usual, or as the probe).
    pub(crate) fn skip(&self, work: &Work) -> Option<Outcome> {
        self.is_open().then(|| Self::skipped(work))
    }

    /// The outcome of an employee not sent because the breaker is open.
    pub(crate) fn skipped(work: &Work) -> Outcome {
        Outcome::RetryNextRun(retry_record(
            work,
            "Worknice kept failing during this import, so Paybridge stopped sending to it; \
             this employee is tried again next run."
                .to_owned(),
        ))
    }

    /// Not to be sent to Worknice now (a `false` may make this the probe).
    fn is_open(&self) -> bool {
        self.fatal.load(Ordering::SeqCst)
            || (self.in_a_row.load(Ordering::SeqCst) >= Self::LIMIT && !self.probe_now())
    }

    /// Whether this employee is the probe: the cool-down is over and no
    /// other probe is out.
    fn probe_now(&self) -> bool {
        let cooled = self
            .opened_at()
            .is_none_or(|at| at.elapsed() >= self.cool_down);
        cooled
            && self
                .probing
                .compare_exchange(false, true, Ordering::SeqCst, Ordering::SeqCst)
                .is_ok()
    }

    pub(crate) fn record(&self, outcome: &Outcome) {
        match outcome {
            Outcome::RetryNextRun(_) => {
                let in_a_row = self.in_a_row.fetch_add(1, Ordering::SeqCst) + 1;
                if in_a_row == Self::LIMIT || self.probing.swap(false, Ordering::SeqCst) {
                    *self.opened_at() = Some(Instant::now());
                }
            }
            // Every employee would fail the same way: stop at once.
            Outcome::Fatal(..) => self.fatal.store(true, Ordering::SeqCst),
            Outcome::NotReached => {}
            Outcome::Created | Outcome::Linked | Outcome::Held(_) => {
                self.in_a_row.store(0, Ordering::SeqCst);
                self.probing.store(false, Ordering::SeqCst);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::RetryRecord;

    fn failed() -> Outcome {
        Outcome::RetryNextRun(RetryRecord {
            emp_code: "E1".to_owned(),
            name: String::new(),
            reason: String::new(),
        })
    }

    #[test]
    fn it_opens_after_the_limit_and_a_probe_that_works_closes_it() {
        // A cool-down no step of this test outlasts; "it is over" is said by
        // moving the time it opened back, so no wall-clock timing is involved.
        let cool_down = Duration::from_secs(30);
        let breaker = Breaker::new(cool_down);
        let cool_down_over = || {
            let at = breaker.opened_at().expect("opened");
            let earlier = at
                .checked_sub(cool_down)
                .expect("the machine has been up longer than the cool-down");
            *breaker.opened_at() = Some(earlier);
        };
        for _ in 0..Breaker::LIMIT {
            assert!(!breaker.is_open());
            breaker.record(&failed());
        }
        assert!(breaker.is_open(), "open during the cool-down");
        cool_down_over();
        assert!(!breaker.is_open(), "one probe after it");
        assert!(breaker.is_open(), "only one probe at a time");
        breaker.record(&failed());
        assert!(breaker.is_open(), "a failed probe waits again");
        cool_down_over();
        assert!(!breaker.is_open());
        breaker.record(&Outcome::Created);
        assert!(!breaker.is_open(), "closed again");
        assert!(!breaker.is_open());
    }
}
