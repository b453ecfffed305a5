//! Against a real OS keyring. On Linux run under a session bus with an
//! unlocked gnome-keyring, e.g.:
//! `dbus-run-session -- bash -c 'export XDG_DATA_HOME=$(mktemp -d);
//!  eval "$(printf pw | gnome-keyring-daemon --unlock --components=secrets)";
//!  cargo test -p paybridge-secrets'`

use std::process::Command;

use paybridge_domain::Sensitive;
use paybridge_secrets::{DatabaseKey, SecretStore, SecretsError, DATABASE_KEY_ACCOUNT};

/// A service name no other run or test shares, so runs never see each
/// other's entries.
fn unique_store(test: &str) -> SecretStore {
    SecretStore::new(&format!("paybridge-test-{test}-{}", uuid::Uuid::new_v4()))
}

fn secret(value: &str) -> Sensitive<String> {
    Sensitive::new(value.to_owned())
}

#[test]
fn set_get_overwrite_delete_round_trip() {
    let store = unique_store("round-trip");
    let account = "micropay-password";

    assert_eq!(store.get(account).expect("keyring reachable"), None);
    store.set(account, &secret("correct horse")).expect("set");
    assert_eq!(
        store.get(account).expect("get"),
        Some(secret("correct horse"))
    );

    store
        .set(account, &secret("battery staple ✓"))
        .expect("overwrite");
    assert_eq!(
        store.get(account).expect("get"),
        Some(secret("battery staple ✓"))
    );

    store.delete(account).expect("delete");
    assert_eq!(store.get(account).expect("get after delete"), None);
    store
        .delete(account)
        .expect("deleting a missing entry is fine");
}

#[test]
fn accounts_and_services_are_kept_apart() {
    let store = unique_store("apart");
    let other_service = unique_store("apart-other");
    store
        .set("worknice-token", &secret("token-a"))
        .expect("set");
    store
        .set("micropay-api-key", &secret("key-b"))
        .expect("set");

    assert_eq!(
        store.get("worknice-token").expect("get"),
        Some(secret("token-a"))
    );
    assert_eq!(
        store.get("micropay-api-key").expect("get"),
        Some(secret("key-b"))
    );
    assert_eq!(other_service.get("worknice-token").expect("get"), None);

    store.delete("worknice-token").expect("delete");
    assert_eq!(
        store.get("micropay-api-key").expect("get"),
        Some(secret("key-b"))
    );
    store.delete("micropay-api-key").expect("delete");
}

#[test]
fn database_key_is_created_once_and_stays_the_same() {
    let service = format!("paybridge-test-db-key-{}", uuid::Uuid::new_v4());
    let first = SecretStore::new(&service).database_key().expect("created");
    let second = SecretStore::new(&service)
        .database_key()
        .expect("read back");
    assert_eq!(first, second);

    let stored = SecretStore::new(&service)
        .get(DATABASE_KEY_ACCOUNT)
        .expect("get")
        .expect("stored");
    assert_eq!(stored.expose().len(), 64, "stored as 64 hex digits");
    assert_eq!(DatabaseKey::from_hex(stored.expose()), Some(first));

    SecretStore::new(&service)
        .delete(DATABASE_KEY_ACCOUNT)
        .expect("delete");
}

#[test]
fn a_damaged_database_key_is_reported_not_replaced() {
    let store = unique_store("damaged-key");
    store
        .set(DATABASE_KEY_ACCOUNT, &secret("not a key"))
        .expect("set");
    assert!(matches!(
        store.database_key(),
        Err(SecretsError::DatabaseKeyDamaged)
    ));
    assert_eq!(
        store.get(DATABASE_KEY_ACCOUNT).expect("get"),
        Some(secret("not a key")),
        "the damaged value is left for the person to deal with"
    );
    store.delete(DATABASE_KEY_ACCOUNT).expect("delete");
}

const CHILD_MARKER: &str = "PAYBRIDGE_SECRETS_TEST_CHILD";
const CHILD_OK: &str = "child: every operation reported Unavailable";

/// Runs `without_a_session_bus_every_call_is_unavailable` in a child copy of
/// this test binary whose session bus address points at a dead socket, so
/// the shared test process's environment is never touched.
#[test]
fn no_session_bus_means_unavailable_not_a_fallback() {
    // A path in a fresh folder: nothing listens there.
    let dir = tempfile::tempdir().expect("temp dir");
    let dead_socket = dir.path().join("no-bus-here.sock");
    let output = Command::new(std::env::current_exe().expect("test binary path"))
        .args([
            "--exact",
            "without_a_session_bus_every_call_is_unavailable",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD_MARKER, "1")
        .env(
            "DBUS_SESSION_BUS_ADDRESS",
            format!("unix:path={}", dead_socket.display()),
        )
        .output()
        .expect("child test runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "child failed:\n{stdout}\n{stderr}");
    assert!(
        stdout.contains(CHILD_OK),
        "child did not run the probe:\n{stdout}"
    );
}

#[test]
#[ignore = "runs only as the child of no_session_bus_means_unavailable_not_a_fallback"]
fn without_a_session_bus_every_call_is_unavailable() {
    assert_eq!(
        std::env::var(CHILD_MARKER).as_deref(),
        Ok("1"),
        "run through no_session_bus_means_unavailable_not_a_fallback"
    );
    let store = SecretStore::new("paybridge-test-no-bus");
    let results = [
        store.set("a", &secret("never stored")).err(),
        store.get("a").err(),
        store.delete("a").err(),
        store.database_key().err(),
    ];
    for error in results {
        let error = error.expect("must fail without a keyring");
        assert!(
            matches!(error, SecretsError::Unavailable { .. }),
            "{error:?}"
        );
        assert!(error.to_string().starts_with("No OS keyring is available"));
    }
    #[allow(clippy::print_stdout)]
    {
        println!("{CHILD_OK}");
    }
}
