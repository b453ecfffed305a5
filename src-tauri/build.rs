//! Declares the app's own commands so that each gets an `allow-…`
//! permission; capabilities/default.json grants them to the main window.
//! Without the manifest every window could call every command.

include!("src/command_names.rs");

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("the Tauri build step failed");
}
