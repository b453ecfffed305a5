//! The desktop shell: opens the engine, hands it to the commands, opens the
//! window. Logic lives in `paybridge-engine`, where it is tested without a
//! window.

mod background;
#[cfg(test)]
mod command_names;
mod commands;
mod logs;
mod notifications;
mod renderer;
mod scheduler;
mod state;
mod tray;

use background::Background;
use state::AppState;

/// Starts the app. If the engine cannot open (say there is no OS keyring)
/// the window still opens and every command answers with that error, so
/// the user reads what is wrong instead of watching the app vanish.
pub fn run() {
    let renderer = renderer::configure();
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_notification::init())
        // The log folder is known once Tauri has started; the engine opens
        // after logging, so what it logs while opening is kept.
        .setup(move |app| {
            logs::start(app);
            tracing::info!(?renderer, "window renderer chosen");
            let state = AppState::open(paybridge_engine::EngineOptions::from_env());
            let background = Background::default();
            if let Ok(engine) = state.engine() {
                match tauri::async_runtime::block_on(engine.keep_syncing_when_closed()) {
                    Ok(keep) => background.set_keep_syncing_when_closed(keep),
                    Err(error) => tracing::warn!(message = %error.message, "the close-to-tray choice could not be read"),
                }
            }
            tauri::Manager::manage(app, state);
            tauri::Manager::manage(app, background);
            scheduler::start(app.handle());
            Ok(())
        })
        .on_window_event(tray::on_window_event)
        .invoke_handler(tauri::generate_handler![
            commands::get_connections,
            commands::test_micropay,
            commands::save_micropay,
            commands::check_micropay,
            commands::test_worknice,
            commands::save_worknice,
            commands::check_worknice,
            commands::disconnect,
            commands::start_sandbox,
            commands::list_employees,
            commands::employee_preview,
            commands::import_employees,
            commands::cancel_import,
            commands::unlink_employee,
            commands::list_backups,
            commands::create_backup,
            commands::compare_backup,
            commands::export_backup,
            commands::get_diagnostics,
            commands::get_directions,
            commands::set_direction,
            commands::get_new_hire_defaults,
            commands::get_new_hire_choices,
            commands::set_new_hire_defaults,
            commands::get_schedule,
            commands::set_schedule,
            commands::get_settings_history,
            commands::get_leave_categories,
            commands::set_leave_visibility,
            commands::set_leave_private,
            commands::get_leave_options,
            commands::set_leave_option,
            commands::get_leave_balances,
            commands::get_needs_payroll,
            commands::mark_needs_payroll_done,
            commands::get_payroll_desk_status,
            commands::list_payroll_requests,
            commands::accept_payroll_request,
            commands::reject_payroll_request,
            commands::edit_employee_as_payroll,
            commands::list_payroll_leave,
            commands::process_payroll_leave,
            commands::decline_payroll_leave,
            commands::get_sync_history,
            commands::get_sync_run_detail,
            commands::get_sync_status,
            commands::watch_scheduled_syncs,
            commands::get_keep_syncing_when_closed,
            commands::set_keep_syncing_when_closed,
            commands::sync_preview,
            commands::sync_now,
            commands::cancel_sync,
        ])
        .run(tauri::generate_context!())
        .unwrap_or_else(|error| {
            // Setup may not have run (no display, say): make sure this
            // reaches stderr at least. A no-op when logging has started.
            paybridge_logging::init_stderr_only();
            tracing::error!(%error, "the window could not start");
            std::process::exit(1);
        });
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::command_names::{COMMANDS, PLUGIN_PERMISSIONS};

    /// Least privilege: the main window gets exactly the app's commands, and
    /// no core or plugin permission.
    #[test]
    fn the_main_window_is_granted_exactly_the_apps_commands() {
        let capability: serde_json::Value =
            serde_json::from_str(include_str!("../capabilities/default.json")).expect("valid JSON");
        assert_eq!(capability["windows"], serde_json::json!(["main"]));
        let granted: BTreeSet<String> = capability["permissions"]
            .as_array()
            .expect("a permissions list")
            .iter()
            .map(|permission| permission.as_str().expect("a permission name").to_owned())
            .collect();
        let declared: BTreeSet<String> = COMMANDS
            .iter()
            .map(|command| format!("allow-{}", command.replace('_', "-")))
            .chain(
                PLUGIN_PERMISSIONS
                    .iter()
                    .map(|&permission| permission.to_owned()),
            )
            .collect();
        assert_eq!(granted, declared);
    }
}
