/// The app's own commands. build.rs turns each into an `allow-…` permission
/// and capabilities/default.json grants them; a test keeps the two equal.
pub const COMMANDS: &[&str] = &[
    "get_connections",
    "test_micropay",
    "save_micropay",
    "check_micropay",
    "test_worknice",
    "save_worknice",
    "check_worknice",
    "disconnect",
    "start_sandbox",
    "list_employees",
    "employee_preview",
    "import_employees",
    "cancel_import",
    "unlink_employee",
    "list_backups",
    "create_backup",
    "compare_backup",
    "export_backup",
    "get_diagnostics",
    "get_directions",
    "set_direction",
    "get_new_hire_defaults",
    "get_new_hire_choices",
    "set_new_hire_defaults",
    "get_schedule",
    "set_schedule",
    "get_settings_history",
    "get_payroll_desk_status",
    "list_payroll_requests",
    "accept_payroll_request",
    "reject_payroll_request",
    "edit_employee_as_payroll",
    "sync_preview",
    "sync_now",
    "cancel_sync",
];

/// Plugin permissions the main window holds besides its own commands: none.
/// The save dialog for exports is opened from Rust (commands/backups.rs).
#[cfg_attr(not(test), allow(dead_code))]
pub const PLUGIN_PERMISSIONS: &[&str] = &[];
