//! A run's progress for the window: a first sync may write thousands of
//! employees, and one window update per write would flood it. Each phase's
//! first and last updates always go; in between, at most one per
//! [`PROGRESS_EVERY`] by the engine's clock (injected in tests).

use std::sync::Mutex;

use chrono::{DateTime, Utc};

use super::run::SyncProgress;
use crate::api::{SyncPhase, SyncProgressUpdate};
use crate::Clock;

/// The least time between two updates of one phase.
pub(super) const PROGRESS_EVERY: chrono::TimeDelta = chrono::TimeDelta::milliseconds(100);

/// Sends one phase's progress.
pub(super) struct Reporter<'a> {
    sink: &'a dyn SyncProgress,
    run_id: i64,
    clock: &'a dyn Clock,
    /// The phase of the last update sent, and when it went.
    last: Mutex<Option<(SyncPhase, DateTime<Utc>)>>,
}

impl<'a> Reporter<'a> {
    pub(super) fn new(sink: &'a dyn SyncProgress, run_id: i64, clock: &'a dyn Clock) -> Self {
        Self {
            sink,
            run_id,
            clock,
            last: Mutex::new(None),
        }
    }

    pub(super) fn phase(&self, phase: SyncPhase, done: u64, total: u64) {
        let now = self.clock.now();
        {
            let mut last = self
                .last
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            let due = match *last {
                Some((sent, at)) if sent == phase => {
                    done == 0 || done >= total || now - at >= PROGRESS_EVERY
                }
                _ => true,
            };
            if !due {
                return;
            }
            *last = Some((phase, now));
        }
        self.sink.update(SyncProgressUpdate {
            run_id: self.run_id,
            phase,
            done,
            total,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A clock a test moves on by hand.
    #[derive(Debug)]
    struct StepClock(Mutex<DateTime<Utc>>);

    impl StepClock {
        fn advance(&self, by: chrono::TimeDelta) {
            *self.0.lock().expect("lock") += by;
        }
    }

    impl Clock for StepClock {
        fn now(&self) -> DateTime<Utc> {
            *self.0.lock().expect("lock")
        }
    }

    fn sent(updates: &Mutex<Vec<SyncProgressUpdate>>) -> Vec<(SyncPhase, u64)> {
        updates
            .lock()
            .expect("lock")
            .iter()
            .map(|update| (update.phase, update.done))
            .collect()
    }

    #[test]
    fn a_phase_sends_its_first_and_last_update_and_at_most_one_per_interval_between() {
        let clock = StepClock(Mutex::new(
            DateTime::parse_from_rfc3339("2026-03-02T09:00:00Z")
                .expect("time")
                .with_timezone(&Utc),
        ));
        let updates = Mutex::new(Vec::new());
        let sink = |update: SyncProgressUpdate| updates.lock().expect("lock").push(update);
        let reporter = Reporter::new(&sink, 7, &clock);

        // 5,000 writes with the clock standing still: the first and the last.
        for done in 0..=5_000 {
            reporter.phase(SyncPhase::UpdatingWorknice, done, 5_000);
        }
        assert_eq!(
            sent(&updates),
            [
                (SyncPhase::UpdatingWorknice, 0),
                (SyncPhase::UpdatingWorknice, 5_000)
            ]
        );

        // A new phase goes at once; then one update per 100 ms of 30 ms steps.
        updates.lock().expect("lock").clear();
        for done in 0..=20 {
            reporter.phase(SyncPhase::SendingToPayroll, done, 20);
            clock.advance(chrono::TimeDelta::milliseconds(30));
        }
        let dones: Vec<u64> = sent(&updates).into_iter().map(|(_, done)| done).collect();
        assert_eq!(dones, [0, 4, 8, 12, 16, 20], "{dones:?}");
        assert!(updates.lock().expect("lock").iter().all(|u| u.run_id == 7));
    }
}
