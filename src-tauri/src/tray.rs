//! Closing the window: quit (the default), or, when Settings says "Keep
//! syncing on schedule when the window is closed", hide it to a tray icon
//! with "Open Paybridge" and "Quit" while the schedule goes on. Quitting
//! with a sync running asks it to stop at its next safe point first.

use std::sync::OnceLock;
use std::time::Duration;

use tauri::menu::{Menu, MenuItem};
use tauri::tray::{TrayIcon, TrayIconBuilder};
use tauri::{AppHandle, Manager, Window, WindowEvent};

use crate::background::Background;
use crate::state::AppState;

/// How long quitting waits for a running sync to reach a safe point.
const STOP_PATIENCE: Duration = Duration::from_secs(60);

static TRAY: OnceLock<TrayIcon> = OnceLock::new();

/// The main window's close button.
pub fn on_window_event(window: &Window, event: &WindowEvent) {
    let WindowEvent::CloseRequested { api, .. } = event else {
        return;
    };
    let app = window.app_handle();
    api.prevent_close();
    if app.state::<Background>().keep_syncing_when_closed() {
        match show_tray(app) {
            Ok(()) => {
                if let Err(error) = window.hide() {
                    tracing::warn!(%error, "the window could not be hidden");
                }
                return;
            }
            // No tray to come back from: quitting is the safe choice.
            Err(error) => tracing::warn!(%error, "no tray icon; quitting instead"),
        }
    }
    quit(app);
}

fn show_tray(app: &AppHandle) -> Result<(), String> {
    if TRAY.get().is_some() {
        return Ok(());
    }
    let tray = without_panic(|| build_tray(app))?;
    let _ = TRAY.set(tray);
    Ok(())
}

/// Where the tray's library is missing (Linux without
/// libayatana-appindicator3), tray-icon panics instead of returning an
/// error: that becomes an error here, so closing quits instead of crashing.
fn without_panic<T>(build: impl FnOnce() -> tauri::Result<T>) -> Result<T, String> {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(build)) {
        Ok(built) => built.map_err(|error| error.to_string()),
        Err(panic) => Err(panic
            .downcast_ref::<&str>()
            .map(|text| (*text).to_owned())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "the tray icon could not be created".to_owned())),
    }
}

fn build_tray(app: &AppHandle) -> tauri::Result<TrayIcon> {
    let open = MenuItem::with_id(app, "open", "Open Paybridge", true, None::<&str>)?;
    let quit_item = MenuItem::with_id(app, "quit", "Quit", true, None::<&str>)?;
    let menu = Menu::with_items(app, &[&open, &quit_item])?;
    let mut builder = TrayIconBuilder::with_id("paybridge")
        .tooltip("Paybridge: syncing on schedule")
        .menu(&menu)
        .on_menu_event(|app, event| match event.id().as_ref() {
            "open" => open_window(app),
            "quit" => quit(app),
            _ => {}
        });
    if let Some(icon) = app.default_window_icon() {
        builder = builder.icon(icon.clone());
    }
    builder.build(app)
}

fn open_window(app: &AppHandle) {
    if let Some(window) = app.get_webview_window("main") {
        let shown = window
            .show()
            .and_then(|()| window.unminimize())
            .and_then(|()| window.set_focus());
        if let Err(error) = shown {
            tracing::warn!(%error, "the window could not be shown");
        }
    }
}

/// Quits once a sync running in this process has stopped at a safe point
/// (or after [`STOP_PATIENCE`]); at once when none runs.
fn quit(app: &AppHandle) {
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.hide();
    }
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        let background = app.state::<Background>();
        background.begin_quit();
        if let Ok(engine) = app.state::<AppState>().engine() {
            let waited = tokio::time::timeout(STOP_PATIENCE, async {
                // `cancel_sync` says whether a run is still registered; a
                // scheduled run still taking its lease is not registered
                // yet, but is cancelled once it is.
                while engine.cancel_sync() || background.scheduled_run_active() {
                    tokio::time::sleep(Duration::from_millis(200)).await;
                }
            })
            .await;
            if waited.is_err() {
                tracing::warn!("the running sync did not stop in time; quitting anyway");
            }
        }
        app.exit(0);
    });
}

#[cfg(test)]
mod tests {
    use super::without_panic;

    #[test]
    fn a_tray_library_that_panics_is_an_error_not_a_crash() {
        let missing: Result<(), String> = without_panic(|| {
            panic!("Failed to load ayatana-appindicator3 or appindicator3 dynamic library")
        });
        assert_eq!(
            missing,
            Err("Failed to load ayatana-appindicator3 or appindicator3 dynamic library".to_owned())
        );
        let formatted: Result<(), String> = without_panic(|| panic!("no {}", "tray"));
        assert_eq!(formatted, Err("no tray".to_owned()));
        assert_eq!(without_panic(|| Ok(7)), Ok(7));
    }
}
