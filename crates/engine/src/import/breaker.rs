//! Stops sending to Worknice within a run once it keeps failing: after
//! [`Breaker::LIMIT`] employees in a row end with passing trouble, the rest
//! are left for the next run at once, instead of each waiting out its own
//! retries against a Worknice that is down.

use std::sync::atomic::{AtomicU32, Ordering};

use super::item::{retry_record, Outcome, Work};

#[derive(Debug, Default)]
pub(crate) struct Breaker {
    in_a_row: AtomicU32,
}

impl Breaker {
    /// Twice the writes in flight: a burst of bad luck under passing
    /// trouble never gets this far, an outage does quickly.
    pub(crate) const LIMIT: u32 = 2 * super::WRITE_CONCURRENCY as u32;

    /// The outcome for `work` without trying it, when Worknice has kept failing.
    pub(crate) fn skip(&self, work: &Work) -> Option<Outcome> {
        (self.in_a_row.load(Ordering::SeqCst) >= Self::LIMIT).then(|| {
            Outcome::RetryNextRun(retry_record(
                work,
                "Worknice kept failing during this import, so Paybridge stopped sending to it; \
                 this employee is tried again next run."
                    .to_owned(),
            ))
        })
    }

    pub(crate) fn record(&self, outcome: &Outcome) {
        match outcome {
            Outcome::RetryNextRun(_) => {
                self.in_a_row.fetch_add(1, Ordering::SeqCst);
            }
            // Every employee would fail the same way: stop at once.
            Outcome::Fatal(..) => {
                self.in_a_row.fetch_max(Self::LIMIT, Ordering::SeqCst);
            }
            Outcome::NotReached => {}
            Outcome::Created | Outcome::Linked | Outcome::Held(_) => {
                self.in_a_row.store(0, Ordering::SeqCst);
            }
        }
    }
}
