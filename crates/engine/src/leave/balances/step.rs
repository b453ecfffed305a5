//! The balances step of a sync run: while the balances option is on, every
//! current employee's balances go to Worknice once a day. Payroll moves
//! balances when it processes a pay (every employee's at once), so sending
//! them on every run would read thousands of balances for nothing; a day
//! keeps Worknice no more than a pay behind. A send that could not reach
//! everyone is due again at the next run, and so is one after an admin
//! shows, hides or makes private a category (or turns the option back on).

use chrono::{DateTime, Duration, Utc};
use tokio_util::sync::CancellationToken;

use crate::api::{LeaveBalanceCounts, LeaveBalancesState};
use crate::Engine;

/// How long one complete send stands.
pub(crate) const SEND_EVERY: Duration = Duration::hours(24);

/// The balances step as the run records it.
#[derive(Debug, Default)]
pub(crate) struct BalancesStep {
    pub counts: Option<LeaveBalanceCounts>,
    /// Why the step did not finish (the run is partial), if it did not.
    pub unfinished: Option<String>,
}

/// Whether a send is due at `now`, given when the last complete one began
/// and when the leave settings last changed: a category shown, hidden or
/// made private since is offered (or no longer) at the next run, not a day
/// later.
pub(crate) fn send_due(
    last_sent: Option<DateTime<Utc>>,
    settings_changed: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> bool {
    last_sent.is_none_or(|sent| {
        now - sent >= SEND_EVERY || settings_changed.is_some_and(|changed| changed > sent)
    })
}

impl Engine {
    /// Sends the balances if the option is on and a send is due, else those
    /// of the employees whose leave the run moved (`moved`: sent to payroll,
    /// processed or declined there), so Worknice's projected balance keeps
    /// up; a failure leaves the run partial (the employees were written)
    /// and everyone's send due.
    pub(crate) async fn balances_step(
        &self,
        cancel: &CancellationToken,
        moved: Vec<String>,
    ) -> BalancesStep {
        if cancel.is_cancelled() {
            return BalancesStep::default();
        }
        let now = self.clock.now();
        let due = self
            .with_store(move |store| {
                let leave = store.leave();
                let options = leave.options()?;
                let changed = leave
                    .categories()?
                    .into_iter()
                    .filter_map(|category| category.changed_at)
                    .chain(options.changed_at)
                    .max();
                let last_sent = store.sync_runs().last_balances_sent()?;
                Ok(options.balances_live && send_due(last_sent, changed, now))
            })
            .await;
        let only = match due {
            Ok(false) if moved.is_empty() => return BalancesStep::default(),
            Ok(false) => Some(moved),
            Ok(true) => None,
            Err(error) => return not_sent(&error.message),
        };
        let everyone = only.is_none();
        let asked = only.as_ref().map_or(0, Vec::len) as u64;
        let sent = match self.send_balances_of(only).await {
            Ok(sent) => sent,
            // Recorded as held, so everyone's send is due next run (the
            // store's `last_balances_sent`) and these go with it.
            Err(error) if !everyone => {
                return BalancesStep {
                    counts: Some(LeaveBalanceCounts {
                        state: LeaveBalancesState::Shown,
                        read: asked,
                        written: 0,
                        unchanged: 0,
                        not_in_worknice: 0,
                        held: asked,
                        everyone,
                    }),
                    ..not_sent(&error.message)
                }
            }
            Err(error) => return not_sent(&error.message),
        };
        // Turned off since the check above: nothing was read or sent.
        if sent.state == LeaveBalancesState::Off {
            return BalancesStep::default();
        }
        let counts = LeaveBalanceCounts {
            everyone,
            ..LeaveBalanceCounts::from(&sent)
        };
        tracing::info!(
            read = counts.read,
            written = counts.written,
            held = counts.held,
            "leave balances sent to Worknice"
        );
        let unfinished = (counts.held > 0).then(|| {
            format!(
                "{} employee(s)' leave balances could not be sent to Worknice; everyone's are \
                 sent again next run.",
                counts.held
            )
        });
        BalancesStep {
            counts: Some(counts),
            unfinished,
        }
    }
}

fn not_sent(why: &str) -> BalancesStep {
    BalancesStep {
        counts: None,
        unfinished: Some(format!(
            "Leave balances were not sent to Worknice this run: {why} They are sent next run."
        )),
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    #[test]
    fn a_send_is_due_first_then_a_day_after_the_last_one_or_once_settings_change() {
        let at = |hour| {
            Utc.with_ymd_and_hms(2026, 12, 1, hour, 0, 0)
                .single()
                .expect("a time")
        };
        assert!(send_due(None, None, at(9)));
        assert!(!send_due(Some(at(0)), None, at(23)));
        assert!(send_due(Some(at(0)), None, at(0) + SEND_EVERY));
        assert!(!send_due(Some(at(5)), Some(at(4)), at(6)), "changed before");
        assert!(
            send_due(Some(at(5)), Some(at(6)), at(7)),
            "a category changed since"
        );
    }
}
