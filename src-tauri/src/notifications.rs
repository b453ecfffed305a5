//! OS notifications for runs nobody watched: a scheduled run that ended
//! with held, rejected or unwritten records, or failed. Best effort: where
//! no notification service runs (a server, CI under Xvfb) it is logged and
//! the app goes on; the plugin sends it off the calling task, so it never
//! holds up the scheduler.

use paybridge_engine::{background_run_notice, SyncRunSummary};
use tauri::AppHandle;
use tauri_plugin_notification::NotificationExt;

pub fn after_background_run(app: &AppHandle, run: &SyncRunSummary) {
    let Some(text) = background_run_notice(run) else {
        return;
    };
    match app
        .notification()
        .builder()
        .title("Paybridge")
        .body(&text)
        .show()
    {
        Ok(()) => tracing::info!(run_id = run.id, "notified: {text}"),
        Err(error) => {
            tracing::warn!(run_id = run.id, %error, "the notification could not be shown")
        }
    }
}
