//! Against both places keys can live (the real keyring, run inside
//! scripts/in-test-session.sh, and the sealed file), with a separate
//! `SecretStore` per thread as two processes would have.

use std::sync::{Arc, Barrier};

use paybridge_secrets::FileKey;

use super::*;

/// A new store on each backend for `data_dir`; `fresh()` gives another
/// instance of the same one, as a second process would open it.
/// Opens another instance of one store.
type Opener = Box<dyn Fn() -> SecretStore + Send + Sync>;

fn stores(data_dir: &Path) -> Vec<(&'static str, Opener)> {
    let service = format!("paybridge-keys-test-{}", uuid_like());
    let file_service = service.clone();
    let dir = data_dir.to_owned();
    vec![
        ("keyring", Box::new(move || SecretStore::new(&service))),
        (
            "sealed file",
            Box::new(move || {
                SecretStore::sealed_file(&file_service, &dir, FileKey::derive(&[5; 32]))
            }),
        ),
    ]
}

fn uuid_like() -> String {
    let mut bytes = [0u8; 8];
    rand::RngCore::fill_bytes(&mut rand::rng(), &mut bytes);
    hex::encode(bytes)
}

#[test]
fn processes_making_a_key_at_once_all_end_up_with_the_same_one() {
    let dir = tempfile::tempdir().expect("temp dir");
    for (backend, fresh) in stores(dir.path()) {
        let fresh = Arc::new(fresh);
        for sealed in [Sealed::Database, Sealed::Backups, Sealed::Fingerprints] {
            let racers = 6;
            let start = Arc::new(Barrier::new(racers));
            let threads: Vec<_> = (0..racers)
                .map(|_| {
                    let secrets = fresh();
                    let start = start.clone();
                    let data_dir = dir.path().to_owned();
                    std::thread::spawn(move || {
                        start.wait();
                        install_key(&secrets, &data_dir, sealed, || Ok(false))
                    })
                })
                .collect();
            let keys: Vec<DatabaseKey> = threads
                .into_iter()
                .map(|thread| thread.join().expect("thread").expect(backend))
                .collect();
            let stored = fresh()
                .key(sealed.account())
                .expect(backend)
                .expect("stored");
            for key in &keys {
                assert_eq!(key, &stored, "{backend}: {sealed:?} was made twice");
            }
            fresh().delete(sealed.account()).expect(backend);
        }
    }
}

#[test]
fn a_missing_key_is_not_made_anew_while_data_sealed_with_it_exists() {
    let dir = tempfile::tempdir().expect("temp dir");
    for (backend, fresh) in stores(dir.path()) {
        let secrets = fresh();
        let error =
            install_key(&secrets, dir.path(), Sealed::Backups, || Ok(true)).expect_err("refused");
        assert_eq!(error.code, ErrorCode::KeyringUnavailable, "{backend}");
        assert!(
            error.message.contains("\"backup-key\""),
            "{}",
            error.message
        );
        assert!(
            error.message.contains("will not make a new key"),
            "{}",
            error.message
        );
        assert_eq!(
            secrets.get(BACKUP_KEY_ACCOUNT).expect(backend),
            None,
            "{backend}: no key was made"
        );

        // A key that is there is used whatever is sealed, and never asked about.
        let made = install_key(&secrets, dir.path(), Sealed::Backups, || Ok(false)).expect(backend);
        let again = install_key(&secrets, dir.path(), Sealed::Backups, || {
            panic!("not asked when the key exists")
        })
        .expect(backend);
        assert_eq!(made, again, "{backend}");
        secrets.delete(BACKUP_KEY_ACCOUNT).expect(backend);
    }
}

#[test]
fn a_damaged_key_is_reported_and_left_alone() {
    let dir = tempfile::tempdir().expect("temp dir");
    for (backend, fresh) in stores(dir.path()) {
        let secrets = fresh();
        secrets
            .set(FINGERPRINT_KEY_ACCOUNT, &"not a key".to_owned().into())
            .expect(backend);
        let error = install_key(&secrets, dir.path(), Sealed::Fingerprints, || Ok(false))
            .expect_err("damaged");
        assert!(error.message.contains("is damaged"), "{}", error.message);
        assert_eq!(
            secrets
                .get(FINGERPRINT_KEY_ACCOUNT)
                .expect(backend)
                .map(|value| value.expose().clone()),
            Some("not a key".to_owned())
        );
        secrets.delete(FINGERPRINT_KEY_ACCOUNT).expect(backend);
    }
}

#[test]
fn a_key_missing_after_a_change_of_place_says_where_it_may_be() {
    let dir = tempfile::tempdir().expect("temp dir");
    let keyring = SecretStore::new(&format!("paybridge-keys-test-{}", uuid_like()));
    let file = SecretStore::sealed_file("svc", dir.path(), FileKey::derive(&[6; 32]));

    // Used with the keyring, now opened with PAYBRIDGE_SECRETS=file.
    let error = install_key(&file, dir.path(), Sealed::Database, || Ok(true))
        .expect_err("no key, sealed data");
    assert!(
        error
            .message
            .contains("If this folder was used with the system keyring, unset PAYBRIDGE_SECRETS."),
        "{}",
        error.message
    );

    // Without a sealed file in the folder, the keyring has no other place to
    // point at.
    let error = install_key(&keyring, dir.path(), Sealed::Database, || Ok(true))
        .expect_err("no key, sealed data");
    assert!(
        !error.message.contains("PAYBRIDGE_SECRETS"),
        "{}",
        error.message
    );

    // Used with the sealed file, now opened on the keyring.
    file.set(
        "something",
        &paybridge_domain::Sensitive::new("x".to_owned()),
    )
    .expect("the sealed file is written");
    let error = install_key(&keyring, dir.path(), Sealed::Database, || Ok(true))
        .expect_err("no key, sealed data");
    assert!(
        error.message.contains("PAYBRIDGE_SECRETS=file"),
        "{}",
        error.message
    );
}
