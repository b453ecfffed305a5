//! Which MicrOpay read a sync makes. MicrOpay keeps no per-field dates and
//! a direct edit in payroll's database may leave an employee's "last
//! changed" as it was, so `changedSince` only narrows routine reads: a
//! full read backs it up at least every [`FULL_READ_PERIOD`], and whenever
//! the last run gives no safe starting point.

use chrono::{DateTime, Duration, NaiveDateTime, Utc};
use paybridge_store::{Store, StoreError, SyncGroup};

use crate::api::{MicropayRead, ReadRequest};
use crate::AppError;
use crate::Engine;

/// The longest a routine sync goes on `changedSince` reads before it
/// reads everyone again: an edit `changedSince` misses is found within it.
pub(crate) const FULL_READ_PERIOD: Duration = Duration::hours(24);

/// Asked from this much before the last complete read started: covers a
/// difference between this computer's clock and the payroll server's.
pub(crate) const CLOCK_SKEW_OVERLAP: Duration = Duration::minutes(10);

/// The read chosen, before it is made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ReadChoice {
    /// Everyone, and why.
    Full(&'static str),
    /// Those payroll changed at or after this instant.
    ChangedSince(DateTime<Utc>),
}

pub(crate) const WHY_ASKED: &str = "asked for a full read";
pub(crate) const WHY_FIRST: &str = "the first sync";
pub(crate) const WHY_UNFINISHED: &str = "the last run did not finish";
pub(crate) const WHY_PERIOD: &str = "the last full read was 24 hours ago or more";
pub(crate) const WHY_DIRECTIONS: &str = "the directions changed since the last full read";
pub(crate) const WHY_MANY: &str = "many employees needed reading one by one";
pub(crate) const WHY_NOT_FOUND: &str = "a linked employee was not found on its own";

/// What the choice is made from.
#[derive(Debug, Clone, Default)]
pub(crate) struct ReadHistory {
    /// The run before this one: its result, start and read (if recorded).
    pub last_run: Option<(String, DateTime<Utc>, bool)>,
    /// When the last `done` run with a full read started.
    pub last_full_read: Option<DateTime<Utc>>,
    /// When a direction last changed.
    pub directions_changed: Option<DateTime<Utc>>,
}

/// The rules, pure: a full read when asked, on the first sync (no run
/// before it; the import records none, and linked employees without a
/// baseline are read one by one or in full by the read step), after a run
/// that did not finish, after the directions changed, or when the last
/// full read is [`FULL_READ_PERIOD`] old; otherwise `changedSince` the
/// last (complete) run's start, less [`CLOCK_SKEW_OVERLAP`].
pub(crate) fn choose(
    request: ReadRequest,
    history: &ReadHistory,
    now: DateTime<Utc>,
) -> ReadChoice {
    if request == ReadRequest::Full {
        return ReadChoice::Full(WHY_ASKED);
    }
    let Some((result, last_started, recorded_read)) = &history.last_run else {
        return ReadChoice::Full(WHY_FIRST);
    };
    if result != "done" || !recorded_read {
        return ReadChoice::Full(WHY_UNFINISHED);
    }
    let Some(full) = history.last_full_read else {
        return ReadChoice::Full(WHY_PERIOD);
    };
    if now - full >= FULL_READ_PERIOD {
        return ReadChoice::Full(WHY_PERIOD);
    }
    if history
        .directions_changed
        .is_some_and(|changed| changed > full)
    {
        return ReadChoice::Full(WHY_DIRECTIONS);
    }
    ReadChoice::ChangedSince(*last_started - CLOCK_SKEW_OVERLAP)
}

/// The instant as MicrOpay's zoneless `changedSince` takes it: UTC wall
/// time. A payroll server on Australian time (UTC+8 to +11) reads it as
/// that many hours earlier, so the read covers a few hours more than
/// needed, never less (crates/micropay/WIRE.md, "Reads that follow edits").
pub(crate) fn micropay_instant(since: DateTime<Utc>) -> NaiveDateTime {
    since.naive_utc()
}

impl ReadChoice {
    /// As the run records it; `read_one_by_one` counts the employees read
    /// on their own after a `changedSince` read.
    pub(crate) fn recorded(&self, read_one_by_one: u64) -> MicropayRead {
        match self {
            Self::Full(why) => MicropayRead::Full {
                why: (*why).to_owned(),
            },
            Self::ChangedSince(since) => MicropayRead::ChangedSince {
                since: since.to_rfc3339(),
                read_one_by_one,
            },
        }
    }
}

fn read_history(store: &Store, current_run: Option<i64>) -> Result<ReadHistory, StoreError> {
    let runs = store.sync_runs();
    let last_run = runs.latest_other(current_run)?.map(|row| {
        let recorded = serde_json::from_str::<serde_json::Value>(&row.counts)
            .is_ok_and(|counts| counts.get("micropayRead").is_some());
        (row.result, row.started_at, recorded)
    });
    Ok(ReadHistory {
        last_run,
        last_full_read: runs.last_full_read()?,
        // The two groups that can flow either way (the rest are fixed, or
        // set by the leave work).
        directions_changed: store
            .directions()
            .list()?
            .into_iter()
            .filter(|record| matches!(record.group, SyncGroup::Personal | SyncGroup::Tax))
            .filter(|record| record.changed_by.is_some())
            .filter_map(|record| record.changed_at)
            .max(),
    })
}

impl Engine {
    /// The read this sync makes (`current_run`: the run asking, left out of
    /// the history it looks at).
    pub(crate) async fn read_choice(
        &self,
        request: ReadRequest,
        current_run: Option<i64>,
    ) -> Result<ReadChoice, AppError> {
        let history = self
            .with_store(move |store| read_history(store, current_run))
            .await?;
        Ok(choose(request, &history, self.clock.now()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<Utc> {
        text.parse().expect("an RFC 3339 time")
    }

    fn routine_after(last_started: &str, full: &str) -> ReadHistory {
        ReadHistory {
            last_run: Some(("done".to_owned(), at(last_started), true)),
            last_full_read: Some(at(full)),
            directions_changed: None,
        }
    }

    #[test]
    fn a_routine_sync_asks_from_the_last_run_less_the_overlap() {
        let history = routine_after("2026-12-01T09:00:00Z", "2026-12-01T08:00:00Z");
        assert_eq!(
            choose(ReadRequest::Routine, &history, at("2026-12-01T09:05:00Z")),
            ReadChoice::ChangedSince(at("2026-12-01T08:50:00Z"))
        );
        assert_eq!(
            choose(ReadRequest::Full, &history, at("2026-12-01T09:05:00Z")),
            ReadChoice::Full(WHY_ASKED)
        );
    }

    #[test]
    fn a_full_read_comes_back_once_the_period_has_passed() {
        let history = routine_after("2026-12-02T07:00:00Z", "2026-12-01T08:00:00Z");
        assert_eq!(
            choose(ReadRequest::Routine, &history, at("2026-12-02T07:59:59Z")),
            ReadChoice::ChangedSince(at("2026-12-02T06:50:00Z"))
        );
        assert_eq!(
            choose(ReadRequest::Routine, &history, at("2026-12-02T08:00:00Z")),
            ReadChoice::Full(WHY_PERIOD)
        );
    }

    #[test]
    fn first_unfinished_and_redirected_syncs_read_everyone() {
        let now = at("2026-12-01T09:05:00Z");
        assert_eq!(
            choose(ReadRequest::Routine, &ReadHistory::default(), now),
            ReadChoice::Full(WHY_FIRST)
        );
        for result in ["partial", "failed", "running"] {
            let mut history = routine_after("2026-12-01T09:00:00Z", "2026-12-01T08:00:00Z");
            history.last_run.as_mut().expect("a run").0 = result.to_owned();
            assert_eq!(
                choose(ReadRequest::Routine, &history, now),
                ReadChoice::Full(WHY_UNFINISHED),
                "{result}"
            );
        }
        let mut history = routine_after("2026-12-01T09:00:00Z", "2026-12-01T08:00:00Z");
        history.last_run.as_mut().expect("a run").2 = false;
        assert_eq!(
            choose(ReadRequest::Routine, &history, now),
            ReadChoice::Full(WHY_UNFINISHED),
            "a run from before the read was recorded"
        );
        let mut history = routine_after("2026-12-01T09:00:00Z", "2026-12-01T08:00:00Z");
        history.directions_changed = Some(at("2026-12-01T08:30:00Z"));
        assert_eq!(
            choose(ReadRequest::Routine, &history, now),
            ReadChoice::Full(WHY_DIRECTIONS)
        );
        history.directions_changed = Some(at("2026-12-01T07:30:00Z"));
        assert_eq!(
            choose(ReadRequest::Routine, &history, now),
            ReadChoice::ChangedSince(at("2026-12-01T08:50:00Z")),
            "a change before the last full read is in it"
        );
    }
}
