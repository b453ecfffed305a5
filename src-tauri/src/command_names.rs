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
];
