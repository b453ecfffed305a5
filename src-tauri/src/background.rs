//! What the app does behind the window: the schedule's state shared with
//! the commands (a Settings change wakes the scheduler; the close-to-tray
//! choice is read when the window closes, without waiting on the database)
//! and the windows listening to scheduled runs' progress.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

use paybridge_engine::SyncProgressUpdate;
use tauri::ipc::Channel;
use tokio::sync::Notify;

#[derive(Default)]
pub struct Background {
    schedule_changed: Notify,
    keep_syncing_when_closed: AtomicBool,
    watchers: Mutex<Vec<Channel<SyncProgressUpdate>>>,
    /// Set once quitting starts: the scheduler starts no new run.
    quitting: AtomicBool,
    /// A scheduled run is starting or running (set before `quitting` is
    /// read, so quitting sees a run that is still taking its lease).
    scheduled_run: AtomicBool,
}

/// A scheduled run in progress; dropping it says the run is over.
#[derive(Debug)]
pub struct ScheduledRun<'a>(&'a AtomicBool);

impl Drop for ScheduledRun<'_> {
    fn drop(&mut self) {
        self.0.store(false, Ordering::SeqCst);
    }
}

impl std::fmt::Debug for Background {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Background")
            .field("keep_syncing_when_closed", &self.keep_syncing_when_closed())
            .field("watchers", &self.lock_watchers().len())
            .finish_non_exhaustive()
    }
}

impl Background {
    /// Wakes the scheduler to read the schedule again.
    pub fn schedule_changed(&self) {
        self.schedule_changed.notify_one();
    }

    /// Resolves when Settings changes the schedule (or at once, if it
    /// changed since the last wait).
    pub async fn schedule_change(&self) {
        self.schedule_changed.notified().await;
    }

    pub fn keep_syncing_when_closed(&self) -> bool {
        self.keep_syncing_when_closed.load(Ordering::SeqCst)
    }

    pub fn set_keep_syncing_when_closed(&self, keep: bool) {
        self.keep_syncing_when_closed.store(keep, Ordering::SeqCst);
    }

    /// A scheduled run may start, unless Paybridge is quitting.
    pub fn begin_scheduled_run(&self) -> Option<ScheduledRun<'_>> {
        self.scheduled_run.store(true, Ordering::SeqCst);
        let run = ScheduledRun(&self.scheduled_run);
        (!self.quitting.load(Ordering::SeqCst)).then_some(run)
    }

    /// From now on no scheduled run starts.
    pub fn begin_quit(&self) {
        self.quitting.store(true, Ordering::SeqCst);
    }

    /// Whether a scheduled run is starting or running (quitting waits for
    /// one that has not yet registered to be cancelled).
    pub fn scheduled_run_active(&self) -> bool {
        self.scheduled_run.load(Ordering::SeqCst)
    }

    pub fn watch(&self, channel: Channel<SyncProgressUpdate>) {
        self.lock_watchers().push(channel);
    }

    /// Sends a scheduled run's progress to every window listening; one that
    /// went away (reloaded, closed) is dropped.
    pub fn report(&self, update: &SyncProgressUpdate) {
        self.lock_watchers()
            .retain(|channel| channel.send(update.clone()).is_ok());
    }

    fn lock_watchers(&self) -> std::sync::MutexGuard<'_, Vec<Channel<SyncProgressUpdate>>> {
        self.watchers
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::Background;

    #[test]
    fn once_quitting_starts_no_scheduled_run_starts_and_a_running_one_is_seen() {
        let background = Background::default();
        let run = background.begin_scheduled_run().expect("not quitting yet");
        assert!(background.scheduled_run_active());
        background.begin_quit();
        assert!(background.scheduled_run_active(), "quitting waits for it");
        drop(run);
        assert!(!background.scheduled_run_active());
        assert!(background.begin_scheduled_run().is_none());
        assert!(
            !background.scheduled_run_active(),
            "a refused run is not active"
        );
    }
}
