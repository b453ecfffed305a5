//! The schedule's background task: sleeps until the engine says a run is
//! due (at most a minute at a time, waking early when Settings changes the
//! schedule), then runs a sync with the Schedule trigger. A run that
//! cannot start because another holds the lease (the button, the CLI)
//! waits for the next tick. The window is never blocked: this runs on
//! Tauri's async runtime.

use paybridge_engine::{ScheduleRunner, ScheduleStep, SyncTrigger, SCHEDULE_NAP};
use tauri::{AppHandle, Manager};

use crate::background::Background;
use crate::notifications;
use crate::state::AppState;

pub fn start(app: &AppHandle) {
    let app = app.clone();
    tauri::async_runtime::spawn(run(app));
}

async fn run(app: AppHandle) {
    let state = app.state::<AppState>();
    let background = app.state::<Background>();
    let Ok(engine) = state.engine() else {
        // The window shows why the engine did not open; nothing to schedule.
        return;
    };
    let mut runner = ScheduleRunner::new();
    loop {
        let nap = match runner.step(engine).await {
            Ok(ScheduleStep::Due) => {
                let Some(_run) = background.begin_scheduled_run() else {
                    // Quitting: the app exits once the running sync stops.
                    return;
                };
                runner.attempted(engine);
                let report = |update| background.report(&update);
                match engine.sync_now(SyncTrigger::Schedule, &report).await {
                    Ok(summary) => {
                        tracing::info!(run_id = summary.id, result = ?summary.result, "scheduled sync ended");
                        notifications::after_background_run(&app, &summary);
                    }
                    // Busy: another run has the lease; this tick is skipped.
                    Err(error) => {
                        tracing::warn!(code = ?error.code, message = %error.message, "the scheduled sync did not run");
                    }
                }
                continue;
            }
            Ok(ScheduleStep::Wait(wait)) => wait,
            Ok(ScheduleStep::Off) => SCHEDULE_NAP,
            Err(error) => {
                tracing::warn!(code = ?error.code, message = %error.message, "the schedule could not be read");
                SCHEDULE_NAP
            }
        };
        tokio::select! {
            () = tokio::time::sleep(nap) => {}
            () = background.schedule_change() => {}
        }
    }
}
