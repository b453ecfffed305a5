//! What closing the window does: quit (the default), or keep Paybridge in
//! the tray so the schedule goes on. Recorded in the settings history.

use crate::api::{AppError, SettingsTrigger};
use crate::directions::to_store_trigger;
use crate::Engine;

impl Engine {
    /// Whether closing the window keeps the schedule running (off unless chosen).
    pub async fn keep_syncing_when_closed(&self) -> Result<bool, AppError> {
        self.with_store(|store| store.window_choice().keep_syncing_when_closed())
            .await
    }

    /// Saves the choice; returns it as saved.
    pub async fn set_keep_syncing_when_closed(
        &self,
        on: bool,
        trigger: SettingsTrigger,
    ) -> Result<bool, AppError> {
        let at = self.clock.now();
        self.with_store(move |store| {
            store.window_choice().set_keep_syncing_when_closed(
                on,
                at,
                to_store_trigger(trigger),
            )?;
            store.window_choice().keep_syncing_when_closed()
        })
        .await
    }
}
