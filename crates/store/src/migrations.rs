//! Forward-only schema migrations, embedded in the binary. Append new files;
//! never edit or reorder one that has shipped. The schema version is
//! SQLite's `user_version`: the number of migrations applied.

use rusqlite_migration::{Migrations, M};

const ALL: &[M<'static>] = &[
    M::up(include_str!("../migrations/0001_connections.sql")),
    M::up(include_str!("../migrations/0002_sandbox.sql")),
    M::up(include_str!("../migrations/0003_import.sql")),
    M::up(include_str!(
        "../migrations/0004_import_created_not_linked.sql"
    )),
    M::up(include_str!("../migrations/0005_directions.sql")),
    M::up(include_str!("../migrations/0006_sync_baselines.sql")),
    M::up(include_str!("../migrations/0007_sync_history.sql")),
    M::up(include_str!("../migrations/0008_leave.sql")),
    M::up(include_str!("../migrations/0009_leave_transfers.sql")),
    M::up(include_str!("../migrations/0010_leave_transfer_status.sql")),
    M::up(include_str!("../migrations/0011_leave_from_payroll.sql")),
    M::up(include_str!("../migrations/0012_leave_needs_payroll.sql")),
    M::up(include_str!(
        "../migrations/0013_leave_sent_from_worknice.sql"
    )),
];

/// The schema version this build creates and understands.
pub const LATEST_SCHEMA_VERSION: usize = ALL.len();

pub(crate) fn migrations() -> Migrations<'static> {
    Migrations::from_slice(ALL)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid_sql() {
        migrations()
            .validate()
            .expect("every migration applies in order");
    }

    #[test]
    fn every_file_in_migrations_is_embedded() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/migrations");
        let mut files: Vec<String> = std::fs::read_dir(dir)
            .expect("migrations folder")
            .map(|entry| {
                entry
                    .expect("entry")
                    .file_name()
                    .to_string_lossy()
                    .into_owned()
            })
            .filter(|name| name.ends_with(".sql"))
            .collect();
        files.sort();
        assert_eq!(files.len(), LATEST_SCHEMA_VERSION, "{files:?}");
        for (index, name) in files.iter().enumerate() {
            assert!(
                name.starts_with(&format!("{:04}_", index + 1)),
                "migration files are numbered 0001_, 0002_, …: {name}"
            );
        }
    }
}
