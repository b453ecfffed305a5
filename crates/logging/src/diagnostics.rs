//! What the About screen shows and "Copy diagnostics" copies: the version,
//! the folders and the last errors. Nothing in it is secret: no setting,
//! address or credential, and the errors are the log file's own lines.

use std::fmt::Write as _;

use serde::Serialize;
use ts_rs::{Config, TS};

use crate::recent::RecentEvent;

/// The TypeScript mirror of [`Diagnostics`], relative to the workspace root.
pub const DIAGNOSTICS_BINDINGS_PATH: &str = "ui/src/api/generated/diagnostics.ts";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Diagnostics {
    pub app_version: String,
    /// e.g. "linux x86_64".
    pub platform: String,
    pub data_dir: String,
    pub log_dir: String,
    /// Oldest first.
    pub recent_errors: Vec<RecentEvent>,
    /// All of the above as plain text, for "Copy diagnostics".
    pub report: String,
}

impl Diagnostics {
    pub fn new(
        app_version: &str,
        data_dir: String,
        log_dir: String,
        recent_errors: Vec<RecentEvent>,
    ) -> Self {
        let mut diagnostics = Self {
            app_version: app_version.to_owned(),
            platform: format!("{} {}", std::env::consts::OS, std::env::consts::ARCH),
            data_dir,
            log_dir,
            recent_errors,
            report: String::new(),
        };
        diagnostics.report = diagnostics.render();
        diagnostics
    }

    /// Plain text for a support email.
    fn render(&self) -> String {
        let mut text = String::new();
        let _ = writeln!(text, "Paybridge {}", self.app_version);
        let _ = writeln!(text, "Platform: {}", self.platform);
        let _ = writeln!(text, "Data folder: {}", self.data_dir);
        let _ = writeln!(text, "Log folder: {}", self.log_dir);
        if self.recent_errors.is_empty() {
            let _ = writeln!(text, "Recent errors: none");
        } else {
            let _ = writeln!(text, "Recent errors (oldest first):");
            for event in &self.recent_errors {
                let _ = writeln!(
                    text,
                    "  {} {} {}: {}",
                    event.at, event.level, event.target, event.message
                );
            }
        }
        text
    }

    pub fn typescript() -> String {
        let cfg = Config::default();
        format!(
            "// Generated from crates/logging/src by crates/logging/src/diagnostics.rs. Do not edit.\n\nexport {}\n\nexport {}\n",
            RecentEvent::decl(&cfg),
            Diagnostics::decl(&cfg),
        )
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;

    #[test]
    fn the_report_lists_version_folders_and_errors() {
        let diagnostics = Diagnostics::new(
            "0.1.0",
            "/home/pat/.local/share/Paybridge".into(),
            "/home/pat/.local/share/au.com.paybridge.desktop/logs".into(),
            vec![RecentEvent {
                at: "2026-12-01T09:00:00Z".into(),
                level: "WARN".into(),
                target: "paybridge_worknice::client".into(),
                message: "retrying Worknice wait_ms=500".into(),
            }],
        );
        let report = &diagnostics.report;
        assert!(
            report.starts_with("Paybridge 0.1.0\nPlatform: "),
            "{report}"
        );
        assert!(report.contains("Data folder: /home/pat/.local/share/Paybridge\n"));
        assert!(
            report.contains("Log folder: /home/pat/.local/share/au.com.paybridge.desktop/logs\n")
        );
        assert!(report.ends_with(
            "Recent errors (oldest first):\n  2026-12-01T09:00:00Z WARN paybridge_worknice::client: retrying Worknice wait_ms=500\n"
        ));
        let none = Diagnostics::new("0.1.0", "d".into(), "l".into(), vec![]).report;
        assert!(none.ends_with("Recent errors: none\n"), "{none}");
    }

    /// Stale UI types fail here; `UPDATE_BINDINGS=1 cargo test -p
    /// paybridge-logging bindings` refreshes the file.
    #[test]
    fn committed_diagnostics_bindings_are_current() {
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../..")
            .join(DIAGNOSTICS_BINDINGS_PATH);
        let fresh = Diagnostics::typescript();
        if std::env::var_os("UPDATE_BINDINGS").is_some() {
            std::fs::write(&path, &fresh).expect("write bindings");
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == fresh,
            "{DIAGNOSTICS_BINDINGS_PATH} is stale: run UPDATE_BINDINGS=1 cargo test -p paybridge-logging bindings"
        );
    }
}
