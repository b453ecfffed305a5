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
