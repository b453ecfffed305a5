//! The same tests against both places secrets can live: the real OS keyring
//! and the sealed secrets file. On Linux run under a session bus with an
//! unlocked gnome-keyring, e.g. `scripts/in-test-session.sh cargo test -p
//! paybridge-secrets`.

use std::process::Command;

use paybridge_domain::Sensitive;
use paybridge_secrets::{DatabaseKey, FileKey, SecretStore, SecretsError, DATABASE_KEY_ACCOUNT};

/// Makes stores of one backend: `store("name")` gives the store of service
/// "name" (unique to this run), so tests never see each other's entries.
struct Backend {
    name: &'static str,
    data_dir: Option<tempfile::TempDir>,
    run: String,
}

impl Backend {
    fn store(&self, service: &str) -> SecretStore {
        let service = format!("paybridge-test-{service}-{}", self.run);
        match &self.data_dir {
            None => SecretStore::new(&service),
            Some(dir) => SecretStore::sealed_file(&service, dir.path(), FileKey::derive(&[42; 32])),
        }
    }
}

/// The keyring, then a sealed file in a fresh data folder.
fn backends() -> [Backend; 2] {
    let run = uuid::Uuid::new_v4().to_string();
    [
        Backend {
            name: "keyring",
            data_dir: None,
            run: run.clone(),
        },
        Backend {
            name: "sealed file",
            data_dir: Some(tempfile::tempdir().expect("temp dir")),
            run,
        },
    ]
}

fn secret(value: &str) -> Sensitive<String> {
    Sensitive::new(value.to_owned())
}

#[test]
fn set_get_overwrite_delete_round_trip() {
    for backend in backends() {
        let store = backend.store("round-trip");
        let account = "micropay-password";
        let name = backend.name;

        assert_eq!(store.get(account).expect(name), None, "{name}");
        store.set(account, &secret("correct horse")).expect(name);
        assert_eq!(
            store.get(account).expect(name),
            Some(secret("correct horse")),
            "{name}"
        );

        store.set(account, &secret("battery staple ✓")).expect(name);
        assert_eq!(
            store.get(account).expect(name),
            Some(secret("battery staple ✓")),
            "{name}"
        );

        store.delete(account).expect(name);
        assert_eq!(store.get(account).expect(name), None, "{name}");
        store
            .delete(account)
            .expect("deleting a missing entry is fine");
    }
}

#[test]
fn accounts_and_services_are_kept_apart() {
    for backend in backends() {
        let name = backend.name;
        let store = backend.store("apart");
        let other_service = backend.store("apart-other");
        store.set("worknice-token", &secret("token-a")).expect(name);
        store.set("micropay-api-key", &secret("key-b")).expect(name);

        assert_eq!(
            store.get("worknice-token").expect(name),
            Some(secret("token-a")),
            "{name}"
        );
        assert_eq!(
            store.get("micropay-api-key").expect(name),
            Some(secret("key-b")),
            "{name}"
        );
        assert_eq!(
            other_service.get("worknice-token").expect(name),
            None,
            "{name}"
        );

        store.delete("worknice-token").expect(name);
        assert_eq!(
            store.get("micropay-api-key").expect(name),
            Some(secret("key-b")),
            "{name}"
        );
        store.delete("micropay-api-key").expect(name);
    }
}

#[test]
fn a_saved_key_reads_back_as_the_same_key() {
    for backend in backends() {
        let name = backend.name;
        let key = DatabaseKey::generate();
        assert_eq!(
            backend
                .store("db-key")
                .key(DATABASE_KEY_ACCOUNT)
                .expect(name),
            None,
            "{name}: no key until one is saved"
        );
        backend
            .store("db-key")
            .set(DATABASE_KEY_ACCOUNT, &key.to_hex())
            .expect(name);

        let stored = backend
            .store("db-key")
            .get(DATABASE_KEY_ACCOUNT)
            .expect(name)
            .expect("stored");
        assert_eq!(stored.expose().len(), 64, "stored as 64 hex digits");
        assert_eq!(
            backend
                .store("db-key")
                .key(DATABASE_KEY_ACCOUNT)
                .expect(name),
            Some(key)
        );

        backend
            .store("db-key")
            .delete(DATABASE_KEY_ACCOUNT)
            .expect(name);
    }
}

#[test]
fn a_damaged_database_key_is_reported_not_replaced() {
    for backend in backends() {
        let name = backend.name;
        let store = backend.store("damaged-key");
        store
            .set(DATABASE_KEY_ACCOUNT, &secret("not a key"))
            .expect(name);
        assert!(
            matches!(
                store.key(DATABASE_KEY_ACCOUNT),
                Err(SecretsError::Damaged { .. })
            ),
            "{name}"
        );
        assert_eq!(
            store.get(DATABASE_KEY_ACCOUNT).expect(name),
            Some(secret("not a key")),
            "the damaged value is left for the person to deal with"
        );
        store.delete(DATABASE_KEY_ACCOUNT).expect(name);
    }
}

#[test]
fn the_sealed_file_holds_no_secret_in_the_clear_and_opens_only_with_its_key() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = SecretStore::sealed_file("svc", dir.path(), FileKey::derive(&[1; 32]));
    store
        .set("worknice.token", &secret("tok-3f9a-visible?"))
        .expect("set");

    let path = dir.path().join(paybridge_secrets::SECRETS_FILE);
    let bytes = std::fs::read(&path).expect("the file exists");
    let text = String::from_utf8_lossy(&bytes);
    assert!(!text.contains("tok-3f9a"), "the token is in the clear");
    assert!(
        !text.contains("worknice.token"),
        "the account name is in the clear"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path)
            .expect("metadata")
            .permissions()
            .mode();
        assert_eq!(mode & 0o077, 0, "readable by others: {mode:o}");
    }
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .expect("dir")
        .map(|entry| entry.expect("entry").file_name())
        .collect();
    assert_eq!(
        leftovers.len(),
        2,
        "only the file and its lock: {leftovers:?}"
    );

    let wrong = SecretStore::sealed_file("svc", dir.path(), FileKey::derive(&[2; 32]));
    let error = wrong.get("worknice.token").expect_err("wrong key");
    assert!(
        matches!(error, SecretsError::SecretsFileWrongKey { .. }),
        "{error:?}"
    );
    assert!(!error.to_string().contains("tok-3f9a"), "{error}");
    assert!(
        wrong.set("worknice.token", &secret("other")).is_err(),
        "a wrong key never overwrites the file"
    );
    assert_eq!(
        store.get("worknice.token").expect("still opens"),
        Some(secret("tok-3f9a-visible?"))
    );
}

#[test]
fn two_stores_writing_one_sealed_file_at_once_lose_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let threads: Vec<_> = (0..8)
        .map(|thread| {
            let store = SecretStore::sealed_file("svc", dir.path(), FileKey::derive(&[3; 32]));
            std::thread::spawn(move || {
                for entry in 0..5 {
                    store
                        .set(&format!("t{thread}-e{entry}"), &secret("v"))
                        .expect("set");
                }
            })
        })
        .collect();
    for thread in threads {
        thread.join().expect("thread");
    }
    let store = SecretStore::sealed_file("svc", dir.path(), FileKey::derive(&[3; 32]));
    for thread in 0..8 {
        for entry in 0..5 {
            assert_eq!(
                store.get(&format!("t{thread}-e{entry}")).expect("get"),
                Some(secret("v")),
                "t{thread}-e{entry} was lost"
            );
        }
    }
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
        store.key(DATABASE_KEY_ACCOUNT).err(),
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
