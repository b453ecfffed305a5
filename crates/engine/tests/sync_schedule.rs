//! The schedule's next run and the scheduler's steps, with a clock moved
//! by hand, read through the engine from a real database (secrets in the
//! throwaway keyring of scripts/in-test-session.sh).

mod common;
mod history_setup;

use chrono::{Duration, Local, NaiveTime, TimeZone, Utc};
use paybridge_engine::{
    Clock, ScheduleRunner, ScheduleStep, SyncCounts, SyncSchedule, SyncTrigger, SCHEDULE_NAP,
};

use history_setup::{record_run, Setup};

#[tokio::test(flavor = "multi_thread")]
async fn every_n_minutes_counts_from_the_last_scheduled_start_and_a_missed_run_is_due_once() {
    let s = Setup::new(94).await;
    let set_at = s.clock.now();
    s.set_schedule(SyncSchedule::EveryMinutes { minutes: 15 })
        .await;
    assert_eq!(
        s.engine.next_scheduled_sync().await.expect("next"),
        Some(set_at + Duration::minutes(15)),
        "counted from when it was set"
    );
    let runner = ScheduleRunner::new();
    assert_eq!(
        runner.step(&s.engine).await.expect("step"),
        ScheduleStep::Wait(SCHEDULE_NAP),
        "a long wait is taken a minute at a time"
    );
    s.clock
        .set(set_at + Duration::minutes(14) + Duration::seconds(50));
    assert_eq!(
        runner.step(&s.engine).await.expect("step"),
        ScheduleStep::Wait(std::time::Duration::from_secs(10))
    );

    // A scheduled run at 09:15; a button run after it does not move the schedule.
    let store = s.store();
    let run_at = set_at + Duration::minutes(15);
    record_run(
        &store,
        "schedule",
        run_at,
        900,
        "done",
        SyncCounts::default(),
        &[],
    );
    record_run(
        &store,
        "button",
        run_at + Duration::minutes(5),
        900,
        "done",
        SyncCounts::default(),
        &[],
    );
    s.clock.set(run_at + Duration::minutes(6));
    assert_eq!(
        s.engine.next_scheduled_sync().await.expect("next"),
        Some(run_at + Duration::minutes(15))
    );

    // The app was closed for three hours: due now, once.
    let reopened = run_at + Duration::hours(3);
    s.clock.set(reopened);
    assert_eq!(
        s.engine.next_scheduled_sync().await.expect("next"),
        Some(reopened),
        "due now"
    );
    assert_eq!(
        runner.step(&s.engine).await.expect("step"),
        ScheduleStep::Due
    );
    record_run(
        &store,
        "schedule",
        reopened,
        900,
        "done",
        SyncCounts::default(),
        &[],
    );
    assert_eq!(
        s.engine.next_scheduled_sync().await.expect("next"),
        Some(reopened + Duration::minutes(15)),
        "the missed runs are not made up one by one"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_try_that_could_not_start_waits_for_the_next_tick() {
    let s = Setup::new(95).await;
    s.set_schedule(SyncSchedule::Hourly).await;
    let set_at = s.clock.now();
    s.clock.set(set_at + Duration::hours(1));
    let mut runner = ScheduleRunner::new();
    assert_eq!(
        runner.step(&s.engine).await.expect("step"),
        ScheduleStep::Due
    );
    // Another run held the lease, so no scheduled run was recorded.
    runner.attempted(&s.engine);
    assert_eq!(
        runner.step(&s.engine).await.expect("step"),
        ScheduleStep::Wait(SCHEDULE_NAP),
        "not due again at once"
    );
    assert_eq!(
        s.engine.next_scheduled_sync().await.expect("next"),
        Some(set_at + Duration::hours(1)),
        "the status still says the run is due"
    );
    s.clock.set(set_at + Duration::hours(2));
    assert_eq!(
        runner.step(&s.engine).await.expect("step"),
        ScheduleStep::Due
    );

    s.set_schedule(SyncSchedule::Off).await;
    assert_eq!(
        runner.step(&s.engine).await.expect("step"),
        ScheduleStep::Off
    );
    assert_eq!(s.engine.next_scheduled_sync().await.expect("next"), None);
}

#[tokio::test(flavor = "multi_thread")]
async fn daily_is_the_next_local_time_after_the_last_run() {
    let s = Setup::new(96).await;
    // The computer's own time zone: the engine uses it for daily times.
    let local_today = s.clock.now().with_timezone(&Local).date_naive();
    let local = |days: u64, hh: u32, mm: u32| {
        let date = local_today + chrono::Days::new(days);
        Local
            .from_local_datetime(&date.and_time(NaiveTime::from_hms_opt(hh, mm, 0).expect("time")))
            .earliest()
            .expect("a local time")
            .with_timezone(&Utc)
    };
    s.clock.set(local(0, 6, 0));
    s.set_schedule(SyncSchedule::Daily {
        at: "07:30".to_owned(),
    })
    .await;
    assert_eq!(
        s.engine.next_scheduled_sync().await.expect("next"),
        Some(local(0, 7, 30))
    );
    // Today's ran; the next is tomorrow's.
    let store = s.store();
    record_run(
        &store,
        "schedule",
        local(0, 7, 30),
        900,
        "done",
        SyncCounts::default(),
        &[],
    );
    s.clock.set(local(0, 12, 0));
    assert_eq!(
        s.engine.next_scheduled_sync().await.expect("next"),
        Some(local(1, 7, 30))
    );
    // Closed over two mornings: one run at start-up, then tomorrow's.
    s.clock.set(local(2, 9, 0));
    assert_eq!(
        s.engine.next_scheduled_sync().await.expect("next"),
        Some(local(2, 9, 0))
    );
    record_run(
        &store,
        "schedule",
        local(2, 9, 0),
        900,
        "done",
        SyncCounts::default(),
        &[],
    );
    assert_eq!(
        s.engine.next_scheduled_sync().await.expect("next"),
        Some(local(3, 7, 30))
    );
    let status = s.engine.sync_status().await.expect("status");
    assert_eq!(status.next_scheduled_at, Some(local(3, 7, 30).to_rfc3339()));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_due_step_runs_a_scheduled_sync_that_moves_the_next_one_on() {
    let s = Setup::new(97).await;
    s.set_schedule(SyncSchedule::EveryMinutes { minutes: 30 })
        .await;
    let set_at = s.clock.now();
    let mut runner = ScheduleRunner::new();
    s.clock.set(set_at + Duration::minutes(31));
    assert_eq!(
        runner.step(&s.engine).await.expect("step"),
        ScheduleStep::Due
    );
    // What the app's task does on Due.
    runner.attempted(&s.engine);
    let run = s
        .engine
        .sync_now(SyncTrigger::Schedule, &|_| {})
        .await
        .expect("the scheduled sync runs");
    assert_eq!(run.trigger, SyncTrigger::Schedule);
    assert_eq!(
        run.started_at,
        (set_at + Duration::minutes(31)).to_rfc3339()
    );
    assert_eq!(
        s.engine.next_scheduled_sync().await.expect("next"),
        Some(set_at + Duration::minutes(61)),
        "counted from this run's start"
    );
    assert_eq!(
        runner.step(&s.engine).await.expect("step"),
        ScheduleStep::Wait(SCHEDULE_NAP)
    );
    let status = s.engine.sync_status().await.expect("status");
    assert_eq!(status.last_run.map(|last| last.id), Some(run.id));
}
