//! The connections table through its typed API.

use chrono::{DateTime, Utc};
use paybridge_store::{database_path, ConnectionKind, ConnectionRecord, DatabaseKey, Store};

fn at(timestamp: &str) -> DateTime<Utc> {
    timestamp.parse().expect("timestamp")
}

fn open(dir: &tempfile::TempDir) -> Store {
    Store::open(
        &database_path(dir.path()),
        &DatabaseKey::from_bytes([42; 32]),
    )
    .expect("opens")
}

fn micropay() -> ConnectionRecord {
    ConnectionRecord {
        kind: ConnectionKind::Micropay,
        base_url: "https://api.cloud.micropay.com.au".to_owned(),
        username: Some("paybridge".to_owned()),
        payroll_company: Some("Demo Pty Ltd".to_owned()),
        organisation: Some("Demo Pty Ltd".to_owned()),
        employee_count: Some(250),
        last_checked_at: Some(at("2025-07-01T09:30:00.123Z")),
        last_error_code: None,
        last_error_message: None,
        updated_at: at("2025-07-01T09:30:05Z"),
    }
}

fn worknice() -> ConnectionRecord {
    ConnectionRecord {
        kind: ConnectionKind::Worknice,
        base_url: "https://demo.worknice.com".to_owned(),
        username: None,
        payroll_company: None,
        organisation: None,
        employee_count: None,
        last_checked_at: Some(at("2025-07-01T09:31:00Z")),
        last_error_code: Some("unauthorised".to_owned()),
        last_error_message: Some("Worknice did not accept the API token".to_owned()),
        updated_at: at("2025-07-01T09:31:00Z"),
    }
}

#[test]
fn an_empty_table_has_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = open(&dir);
    assert_eq!(store.connections().list().expect("list"), vec![]);
    assert_eq!(
        store
            .connections()
            .get(ConnectionKind::Micropay)
            .expect("get"),
        None
    );
    assert!(!store
        .connections()
        .delete(ConnectionKind::Worknice)
        .expect("delete"));
}

#[test]
fn upsert_inserts_then_replaces_each_field() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = open(&dir);
    let connections = store.connections();

    connections.upsert(&micropay()).expect("insert");
    assert_eq!(
        connections.get(ConnectionKind::Micropay).expect("get"),
        Some(micropay())
    );

    let changed = ConnectionRecord {
        base_url: "http://127.0.0.1:4010".to_owned(),
        username: None,
        organisation: Some("Other Pty Ltd".to_owned()),
        employee_count: Some(0),
        last_error_code: Some("offline".to_owned()),
        last_error_message: Some("The payroll server is offline".to_owned()),
        updated_at: at("2025-07-02T08:00:00Z"),
        ..micropay()
    };
    connections.upsert(&changed).expect("replace");
    assert_eq!(
        connections.get(ConnectionKind::Micropay).expect("get"),
        Some(changed)
    );
    assert_eq!(
        connections.list().expect("list").len(),
        1,
        "one row per kind"
    );
}

#[test]
fn list_returns_both_kinds_micropay_first_and_survives_reopening() {
    let dir = tempfile::tempdir().expect("temp dir");
    {
        let store = open(&dir);
        store.connections().upsert(&worknice()).expect("worknice");
        store.connections().upsert(&micropay()).expect("micropay");
    }
    let store = open(&dir);
    assert_eq!(
        store.connections().list().expect("list"),
        vec![micropay(), worknice()]
    );
}

#[test]
fn delete_removes_only_that_kind() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = open(&dir);
    store.connections().upsert(&micropay()).expect("micropay");
    store.connections().upsert(&worknice()).expect("worknice");

    assert!(store
        .connections()
        .delete(ConnectionKind::Micropay)
        .expect("delete"));
    assert!(!store
        .connections()
        .delete(ConnectionKind::Micropay)
        .expect("delete again"));
    assert_eq!(store.connections().list().expect("list"), vec![worknice()]);
}

#[test]
fn two_stores_on_one_file_see_each_others_writes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let first = open(&dir);
    let second = open(&dir);
    first
        .connections()
        .upsert(&micropay())
        .expect("write through the first");
    assert_eq!(
        second
            .connections()
            .get(ConnectionKind::Micropay)
            .expect("read through the second"),
        Some(micropay())
    );
    second
        .connections()
        .delete(ConnectionKind::Micropay)
        .expect("delete through the second");
    assert_eq!(first.connections().list().expect("list"), vec![]);
}

#[test]
fn records_serialize_for_the_ui_without_any_secret_fields() {
    let json = serde_json::to_value(micropay()).expect("serializes");
    let mut keys: Vec<&str> = json
        .as_object()
        .expect("object")
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "baseUrl",
            "employeeCount",
            "kind",
            "lastCheckedAt",
            "lastErrorCode",
            "lastErrorMessage",
            "organisation",
            "payrollCompany",
            "updatedAt",
            "username",
        ]
    );
    assert_eq!(json["kind"], "micropay");
}
