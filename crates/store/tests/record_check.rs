//! A re-check's result lands only on the connection it tested, and only in
//! the result columns.

use chrono::{DateTime, Utc};
use paybridge_store::{
    database_path, CheckOutcome, ConnectionKind, ConnectionRecord, DatabaseKey, Store,
    TestedConnection,
};

fn at(timestamp: &str) -> DateTime<Utc> {
    timestamp.parse().expect("timestamp")
}

fn saved() -> ConnectionRecord {
    ConnectionRecord {
        kind: ConnectionKind::Micropay,
        base_url: "https://api.cloud.micropay.com.au".to_owned(),
        username: Some("paybridge".to_owned()),
        payroll_company: Some("Demo Pty Ltd".to_owned()),
        organisation: Some("Demo Pty Ltd".to_owned()),
        employee_count: Some(250),
        last_checked_at: Some(at("2025-07-01T09:30:00Z")),
        last_error_code: None,
        last_error_message: None,
        updated_at: at("2025-07-01T09:30:00Z"),
    }
}

/// A new database in a folder of its own (kept while the folder is).
fn new_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(
        &database_path(dir.path()),
        &DatabaseKey::from_bytes([1; 32]),
    )
    .expect("opens");
    (dir, store)
}

fn tested(record: &ConnectionRecord) -> TestedConnection {
    TestedConnection {
        kind: record.kind,
        base_url: record.base_url.clone(),
        username: record.username.clone(),
        updated_at: record.updated_at,
    }
}

#[test]
fn a_result_is_kept_for_the_tested_connection_and_nothing_else_changes() {
    let (_dir, store) = new_store();
    let connections = store.connections();
    connections.upsert(&saved()).expect("saves");
    let later = at("2025-07-02T08:00:00Z");

    let failed = CheckOutcome::Failed {
        code: "wrong_credentials".to_owned(),
        message: "MicrOpay did not accept the username or password.".to_owned(),
    };
    assert!(connections
        .record_check(&tested(&saved()), &failed, later)
        .expect("writes"));
    let after = connections
        .get(ConnectionKind::Micropay)
        .expect("reads")
        .expect("saved");
    assert_eq!(
        after,
        ConnectionRecord {
            last_checked_at: Some(later),
            last_error_code: Some("wrong_credentials".to_owned()),
            last_error_message: Some(
                "MicrOpay did not accept the username or password.".to_owned()
            ),
            ..saved()
        },
        "organisation and count stay as the last good check left them"
    );

    let passed = CheckOutcome::Passed {
        organisation: "Demo Pty Ltd".to_owned(),
        employee_count: Some(251),
    };
    assert!(connections
        .record_check(&tested(&saved()), &passed, later)
        .expect("writes"));
    let after = connections
        .get(ConnectionKind::Micropay)
        .expect("reads")
        .expect("saved");
    assert_eq!(
        after,
        ConnectionRecord {
            employee_count: Some(251),
            last_checked_at: Some(later),
            ..saved()
        }
    );
}

#[test]
fn a_result_for_an_address_or_user_no_longer_saved_is_dropped() {
    let (_dir, store) = new_store();
    let connections = store.connections();
    let moved = ConnectionRecord {
        base_url: "https://tapi.cloud.micropay.com.au".to_owned(),
        ..saved()
    };
    connections.upsert(&moved).expect("saves");
    let passed = CheckOutcome::Passed {
        organisation: "Old Pty Ltd".to_owned(),
        employee_count: Some(3),
    };
    let later = at("2025-07-02T08:00:00Z");

    assert!(!connections
        .record_check(&tested(&saved()), &passed, later)
        .expect("runs"));
    let other_user = TestedConnection {
        username: Some("someone-else".to_owned()),
        ..tested(&moved)
    };
    assert!(!connections
        .record_check(&other_user, &passed, later)
        .expect("runs"));
    assert_eq!(
        connections.get(ConnectionKind::Micropay).expect("reads"),
        Some(moved)
    );

    connections
        .delete(ConnectionKind::Micropay)
        .expect("disconnects");
    assert!(!connections
        .record_check(&tested(&saved()), &passed, later)
        .expect("runs"));
    assert_eq!(connections.list().expect("lists"), vec![]);
}

#[test]
fn a_result_for_a_connection_saved_again_at_the_same_address_is_dropped() {
    let (_dir, store) = new_store();
    let connections = store.connections();
    connections.upsert(&saved()).expect("saves");
    // The same address and user, saved again (a new password, say).
    let saved_again = ConnectionRecord {
        payroll_company: Some("Other Pty Ltd".to_owned()),
        updated_at: at("2025-07-02T07:59:00Z"),
        ..saved()
    };
    connections.upsert(&saved_again).expect("saves again");
    let failed = CheckOutcome::Failed {
        code: "authFailed".to_owned(),
        message: "MicrOpay did not accept the password.".to_owned(),
    };

    assert!(!connections
        .record_check(&tested(&saved()), &failed, at("2025-07-02T08:00:00Z"))
        .expect("runs"));
    assert_eq!(
        connections.get(ConnectionKind::Micropay).expect("reads"),
        Some(saved_again)
    );
}
