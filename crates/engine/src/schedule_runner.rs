//! When the schedule's next run is due, and the step a scheduler takes
//! (wait, or run now). The app's background task loops over
//! [`ScheduleRunner::step`]; the times come from the injected clock.
//!
//! The rules:
//! - every N minutes and hourly count from the last scheduled run's start
//!   (or from when the schedule was set, if later);
//! - daily at HH:MM is local time: the first HH:MM after that start; in
//!   the hour the clocks skip it is the first minute after the gap, and on
//!   the night they go back, the first of the two;
//! - a run missed while the app was closed is due at once, and only once:
//!   the run it starts becomes the new "last run".

use chrono::{DateTime, Days, Duration, NaiveDateTime, NaiveTime, TimeZone, Utc};
use paybridge_store::ScheduleRecord;

use crate::api::{AppError, RunResult, SyncRunSummary};
use crate::Engine;

/// The longest the scheduler sleeps before looking again: a laptop that
/// slept, a changed clock or a DST change is noticed within this.
pub const SCHEDULE_NAP: std::time::Duration = std::time::Duration::from_secs(60);

/// What the scheduler does next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScheduleStep {
    /// The schedule is off: wait until Settings changes it.
    Off,
    /// Nothing is due yet: look again after this (at most [`SCHEDULE_NAP`]).
    Wait(std::time::Duration),
    /// A scheduled run is due now.
    Due,
}

/// The scheduler's memory between steps: when it last tried a run. A try
/// that could not start (another run held the lease, a connection is
/// missing) records no run, so without this it would be due again at once.
#[derive(Debug, Clone, Default)]
pub struct ScheduleRunner {
    last_attempt: Option<DateTime<Utc>>,
}

impl ScheduleRunner {
    pub fn new() -> Self {
        Self::default()
    }

    /// Off, wait, or due now.
    pub async fn step(&self, engine: &Engine) -> Result<ScheduleStep, AppError> {
        let Some(due) = engine.next_scheduled_after(self.last_attempt).await? else {
            return Ok(ScheduleStep::Off);
        };
        let now = engine.clock.now();
        if due <= now {
            return Ok(ScheduleStep::Due);
        }
        let wait = (due - now).to_std().unwrap_or_default();
        Ok(ScheduleStep::Wait(wait.min(SCHEDULE_NAP)))
    }

    /// Call as a due run starts, whatever becomes of it: the next one is
    /// counted from here.
    pub fn attempted(&mut self, engine: &Engine) {
        self.last_attempt = Some(engine.clock.now());
    }
}

impl Engine {
    /// When the next scheduled run starts: `None` when the schedule is off,
    /// now when one is due (a missed run is due once, at once).
    pub async fn next_scheduled_sync(&self) -> Result<Option<DateTime<Utc>>, AppError> {
        self.next_scheduled_after(None).await
    }

    async fn next_scheduled_after(
        &self,
        last_attempt: Option<DateTime<Utc>>,
    ) -> Result<Option<DateTime<Utc>>, AppError> {
        let (setting, last_run) = self
            .with_store(|store| {
                Ok((
                    store.schedule().get()?,
                    store.sync_runs().last_started("schedule")?,
                ))
            })
            .await?;
        let now = self.clock.now();
        let since = [last_run, setting.changed_at, last_attempt]
            .into_iter()
            .flatten()
            .max()
            .unwrap_or(now);
        Ok(next_due(setting.schedule, since, &chrono::Local).map(|due| due.max(now)))
    }
}

/// What an OS notification says when a run in the background ends with
/// records that need a person: held, rejected or not written; or the run
/// failed. `None` when all went through.
pub fn background_run_notice(run: &SyncRunSummary) -> Option<String> {
    if run.result == RunResult::Failed {
        let why = run.message.as_deref().unwrap_or("see Sync history");
        return Some(format!("The scheduled sync failed: {why}"));
    }
    let records = |n: u64| {
        if n == 1 {
            "1 record".to_owned()
        } else {
            format!("{n} records")
        }
    };
    let parts: Vec<(u64, &str)> = [
        (run.counts.held, "held"),
        (run.counts.rejected, "rejected by payroll"),
        (run.retry_later, "to retry next run"),
    ]
    .into_iter()
    .filter(|(count, _)| *count > 0)
    .collect();
    match parts.as_slice() {
        [] => None,
        [(count, "held")] => Some(format!("Sync finished with {count} held {}.", {
            if *count == 1 {
                "record"
            } else {
                "records"
            }
        })),
        [(count, what)] => Some(format!("Sync finished with {} {what}.", records(*count))),
        _ => {
            let listed: Vec<String> = parts
                .iter()
                .map(|(count, what)| format!("{count} {what}"))
                .collect();
            Some(format!(
                "Sync finished with records to look at: {}.",
                listed.join(", ")
            ))
        }
    }
}

/// The first scheduled time after `since`, with daily times in `zone`.
pub(crate) fn next_due<Z: TimeZone>(
    schedule: ScheduleRecord,
    since: DateTime<Utc>,
    zone: &Z,
) -> Option<DateTime<Utc>> {
    match schedule {
        ScheduleRecord::Off => None,
        ScheduleRecord::EveryMinutes(minutes) => Some(since + Duration::minutes(minutes.into())),
        ScheduleRecord::Hourly => Some(since + Duration::hours(1)),
        ScheduleRecord::Daily(at) => Some(next_daily(at, since, zone)),
    }
}

fn next_daily<Z: TimeZone>(at: NaiveTime, since: DateTime<Utc>, zone: &Z) -> DateTime<Utc> {
    let day = since.with_timezone(zone).date_naive();
    // Today's, else tomorrow's; the day after only when tomorrow's is in a gap
    // that runs past it (it never does, but the loop costs nothing).
    (0..3)
        .filter_map(|offset| day.checked_add_days(Days::new(offset)))
        .filter_map(|date| local_instant(date.and_time(at), zone))
        .find(|instant| *instant > since)
        .unwrap_or(since + Duration::days(1))
}

/// `local` as an instant: the first of two when the clocks go back, the
/// first minute after the gap when they go forward over it.
fn local_instant<Z: TimeZone>(local: NaiveDateTime, zone: &Z) -> Option<DateTime<Utc>> {
    // Gaps are 30 or 60 minutes in practice; three hours covers any.
    (0..=180).find_map(|minutes| {
        zone.from_local_datetime(&(local + Duration::minutes(minutes)))
            .earliest()
            .map(|instant| instant.with_timezone(&Utc))
    })
}

#[cfg(test)]
mod tests {
    use chrono_tz::Australia::Sydney;

    use super::*;

    fn utc(text: &str) -> DateTime<Utc> {
        text.parse().expect("an RFC 3339 time")
    }

    fn daily(at: &str) -> ScheduleRecord {
        ScheduleRecord::Daily(NaiveTime::parse_from_str(at, "%H:%M").expect("HH:MM"))
    }

    fn finished(result: RunResult, held: u64, rejected: u64, retry_later: u64) -> SyncRunSummary {
        SyncRunSummary {
            id: 1,
            trigger: crate::api::SyncTrigger::Schedule,
            started_at: "2026-06-01T09:00:00Z".to_owned(),
            finished_at: Some("2026-06-01T09:00:02Z".to_owned()),
            duration_ms: Some(2_000),
            result,
            counts: crate::api::SyncCounts {
                read: 40,
                held,
                rejected,
                ..Default::default()
            },
            retry_later,
            message: (result == RunResult::Failed)
                .then(|| "Worknice rejected the token.".to_owned()),
            micropay_read: None,
        }
    }

    #[test]
    fn a_background_run_notifies_only_when_records_need_a_person() {
        assert_eq!(
            background_run_notice(&finished(RunResult::Done, 0, 0, 0)),
            None
        );
        assert_eq!(
            background_run_notice(&finished(RunResult::Done, 3, 0, 0)).as_deref(),
            Some("Sync finished with 3 held records.")
        );
        assert_eq!(
            background_run_notice(&finished(RunResult::Done, 0, 1, 0)).as_deref(),
            Some("Sync finished with 1 record rejected by payroll.")
        );
        assert_eq!(
            background_run_notice(&finished(RunResult::Partial, 2, 1, 4)).as_deref(),
            Some("Sync finished with records to look at: 2 held, 1 rejected by payroll, 4 to retry next run.")
        );
        assert_eq!(
            background_run_notice(&finished(RunResult::Failed, 0, 0, 0)).as_deref(),
            Some("The scheduled sync failed: Worknice rejected the token.")
        );
    }

    #[test]
    fn every_n_minutes_and_hourly_count_from_the_last_start() {
        let since = utc("2026-06-01T09:07:30Z");
        assert_eq!(
            next_due(ScheduleRecord::EveryMinutes(15), since, &Sydney),
            Some(utc("2026-06-01T09:22:30Z"))
        );
        assert_eq!(
            next_due(ScheduleRecord::Hourly, since, &Sydney),
            Some(utc("2026-06-01T10:07:30Z"))
        );
        assert_eq!(next_due(ScheduleRecord::Off, since, &Sydney), None);
    }

    #[test]
    fn daily_is_today_before_the_time_and_tomorrow_after_it() {
        // Sydney in June is UTC+10: 07:30 local is 21:30 UTC the day before.
        let at_0730 = daily("07:30");
        assert_eq!(
            next_due(at_0730, utc("2026-06-01T20:00:00Z"), &Sydney),
            Some(utc("2026-06-01T21:30:00Z")),
            "06:00 local: today's 07:30"
        );
        assert_eq!(
            next_due(at_0730, utc("2026-06-01T21:30:00Z"), &Sydney),
            Some(utc("2026-06-02T21:30:00Z")),
            "a run at 07:30 sharp: tomorrow's"
        );
    }

    #[test]
    fn daily_around_midnight() {
        // 23:59:30 local, 3 June: midnight is 30 seconds away, on the 4th.
        assert_eq!(
            next_due(daily("00:00"), utc("2026-06-03T13:59:30Z"), &Sydney),
            Some(utc("2026-06-03T14:00:00Z"))
        );
        // 00:00:30 local, 4 June: 23:59 is still today.
        assert_eq!(
            next_due(daily("23:59"), utc("2026-06-03T14:00:30Z"), &Sydney),
            Some(utc("2026-06-04T13:59:00Z"))
        );
    }

    #[test]
    fn daily_when_the_clocks_go_forward_runs_after_the_gap() {
        // Sydney, Sunday 4 October 2026: 02:00 AEST becomes 03:00 AEDT, so
        // 02:30 does not happen; the run is at 03:00 AEDT (16:00 UTC on the 3rd).
        let since = utc("2026-10-03T12:00:00Z");
        assert_eq!(
            next_due(daily("02:30"), since, &Sydney),
            Some(utc("2026-10-03T16:00:00Z"))
        );
        // The next day 02:30 exists again, at UTC+11.
        assert_eq!(
            next_due(daily("02:30"), utc("2026-10-03T16:00:00Z"), &Sydney),
            Some(utc("2026-10-04T15:30:00Z"))
        );
        // A time outside the gap keeps its local time across the change:
        // Saturday 07:30 AEST (21:30 UTC) → Sunday 07:30 AEDT (20:30 UTC).
        assert_eq!(
            next_due(daily("07:30"), utc("2026-10-02T21:30:00Z"), &Sydney),
            Some(utc("2026-10-03T20:30:00Z"))
        );
    }

    #[test]
    fn daily_when_the_clocks_go_back_runs_once() {
        // Sydney, Sunday 5 April 2026: 03:00 AEDT becomes 02:00 AEST, so
        // 02:30 happens twice (15:30 and 16:30 UTC on the 4th): the first.
        let first = utc("2026-04-04T15:30:00Z");
        assert_eq!(
            next_due(daily("02:30"), utc("2026-04-04T12:00:00Z"), &Sydney),
            Some(first)
        );
        // After that run, not the second 02:30 an hour later, but Monday's.
        assert_eq!(
            next_due(daily("02:30"), first, &Sydney),
            Some(utc("2026-04-05T16:30:00Z"))
        );
    }
}
