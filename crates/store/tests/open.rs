//! Opening the encrypted database: migrations, keys, refusal of newer schemas.

use std::path::Path;

use paybridge_store::{
    database_path, ConnectionKind, ConnectionRecord, DatabaseKey, Store, StoreError,
    LATEST_SCHEMA_VERSION,
};
use rusqlite::Connection;

fn key(byte: u8) -> DatabaseKey {
    DatabaseKey::from_bytes([byte; 32])
}

/// A plain rusqlite connection to the encrypted file, for looking behind
/// the Store's back.
fn open_raw(path: &Path, key: &DatabaseKey) -> Connection {
    let conn = Connection::open(path).expect("open raw");
    conn.execute_batch(&format!("PRAGMA key = \"x'{}'\";", key.to_hex().expose()))
        .expect("key");
    conn
}

/// Every schema object's SQL, to compare a database before and after.
fn schema(path: &Path, key: &DatabaseKey) -> Vec<(String, String)> {
    let conn = open_raw(path, key);
    let mut statement = conn
        .prepare("SELECT name, ifnull(sql, '') FROM sqlite_master ORDER BY name")
        .expect("prepare");
    statement
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows")
}

fn record(kind: ConnectionKind, organisation: &str) -> ConnectionRecord {
    ConnectionRecord {
        kind,
        base_url: "http://127.0.0.1:4010".to_owned(),
        username: Some("payroll".to_owned()),
        payroll_company: Some("Demo Pty Ltd".to_owned()),
        organisation: Some(organisation.to_owned()),
        employee_count: Some(250),
        last_checked_at: None,
        last_error_code: None,
        last_error_message: None,
        updated_at: "2025-07-01T09:30:00Z".parse().expect("timestamp"),
    }
}

#[test]
fn an_empty_folder_gets_a_migrated_database() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = database_path(&dir.path().join("nested").join("data"));
    let store = Store::open(&path, &key(1)).expect("opens");
    assert_eq!(
        store.schema_version().expect("version"),
        LATEST_SCHEMA_VERSION
    );
    assert_eq!(LATEST_SCHEMA_VERSION, 13);
    assert!(path.exists());

    let conn = open_raw(&path, &key(1));
    let columns: Vec<String> = conn
        .prepare("SELECT name FROM pragma_table_info('connections') ORDER BY cid")
        .expect("prepare")
        .query_map([], |row| row.get(0))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows");
    assert_eq!(
        columns,
        [
            "kind",
            "base_url",
            "username",
            "payroll_company",
            "organisation",
            "employee_count",
            "last_checked_at",
            "last_error_code",
            "last_error_message",
            "updated_at",
        ]
    );
    let journal: String = conn
        .query_row("PRAGMA journal_mode", [], |row| row.get(0))
        .expect("journal mode");
    assert_eq!(journal, "wal");
}

#[test]
fn reopening_changes_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = database_path(dir.path());
    {
        let store = Store::open(&path, &key(2)).expect("first open");
        store
            .connections()
            .upsert(&record(ConnectionKind::Micropay, "Demo Pty Ltd"))
            .expect("upsert");
    }
    let before = schema(&path, &key(2));
    for _ in 0..2 {
        let store = Store::open(&path, &key(2)).expect("reopen");
        assert_eq!(
            store.schema_version().expect("version"),
            LATEST_SCHEMA_VERSION
        );
        assert_eq!(store.connections().list().expect("list").len(), 1);
    }
    assert_eq!(schema(&path, &key(2)), before);
}

#[test]
fn a_newer_database_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = database_path(dir.path());
    drop(Store::open(&path, &key(4)).expect("opens"));
    open_raw(&path, &key(4))
        .execute_batch("PRAGMA user_version = 99;")
        .expect("bump version");

    match Store::open(&path, &key(4)) {
        Err(error @ StoreError::NewerSchema { found: 99, known }) => {
            assert_eq!(known, LATEST_SCHEMA_VERSION);
            assert!(error
                .to_string()
                .starts_with("This database was written by a newer Paybridge"));
        }
        other => panic!("expected NewerSchema, got {other:?}"),
    }
    let version: usize = open_raw(&path, &key(4))
        .query_row("PRAGMA user_version", [], |row| row.get(0))
        .expect("version");
    assert_eq!(version, 99, "a refused database is left as it was");
}

#[test]
fn a_wrong_key_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = database_path(dir.path());
    drop(Store::open(&path, &key(5)).expect("opens"));

    match Store::open(&path, &key(6)) {
        Err(error @ StoreError::WrongKey { .. }) => {
            let message = error.to_string();
            assert!(
                message.contains("cannot be opened with the key"),
                "{message}"
            );
            assert!(!message.contains(&key(6).to_hex().expose()[..16]));
        }
        other => panic!("expected WrongKey, got {other:?}"),
    }
    Store::open(&path, &key(5)).expect("the right key still opens it");
}

#[test]
fn a_plain_sqlite_file_is_refused_as_not_ours() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = database_path(dir.path());
    Connection::open(&path)
        .expect("plain sqlite")
        .execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
        .expect("write plain");
    assert!(matches!(
        Store::open(&path, &key(7)),
        Err(StoreError::WrongKey { .. })
    ));
}

#[test]
fn nothing_on_disk_is_plaintext() {
    const MARKER: &str = "PLAINTEXT-MARKER-7f3a9c";
    let dir = tempfile::tempdir().expect("temp dir");
    let path = database_path(dir.path());
    let store = Store::open(&path, &key(8)).expect("opens");
    store
        .connections()
        .upsert(&record(ConnectionKind::Worknice, MARKER))
        .expect("upsert");

    // Check the WAL while it still holds the write, then the main file
    // after the checkpoint that closing the last connection runs.
    let wal = path.with_extension("db-wal");
    assert_no_marker(&[&path, &wal], MARKER);
    drop(store);
    assert_no_marker(&[&path], MARKER);
    let header = std::fs::read(&path).expect("read db");
    assert!(
        !header.starts_with(b"SQLite format 3\0"),
        "the header is encrypted too"
    );

    let reopened = Store::open(&path, &key(8)).expect("reopens");
    let saved = reopened
        .connections()
        .get(ConnectionKind::Worknice)
        .expect("get")
        .expect("saved");
    assert_eq!(saved.organisation.as_deref(), Some(MARKER));
}

fn assert_no_marker(files: &[&Path], marker: &str) {
    let mut checked = 0;
    for file in files {
        let Ok(bytes) = std::fs::read(file) else {
            continue;
        };
        checked += bytes.len();
        assert!(
            !bytes
                .windows(marker.len())
                .any(|window| window == marker.as_bytes()),
            "{} contains the marker in plaintext",
            file.display()
        );
    }
    assert!(checked > 0, "nothing was read");
}
