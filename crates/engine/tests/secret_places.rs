//! The engine on both places secrets can live (the real keyring, inside
//! scripts/in-test-session.sh, and the sealed file): connections saved and
//! found again after a restart, and a lost key never silently replaced while
//! a database or backup sealed with it exists.

mod common;

use std::sync::Arc;

use paybridge_engine::{
    ConnectionKind, Engine, EngineOptions, ErrorCode, FileKey, SandboxForms, SecretStore,
    SystemClock,
};
use paybridge_sandbox::{Sandbox, SandboxOptions};

#[derive(Debug, Clone, Copy)]
enum Place {
    Keyring,
    SealedFile,
}

const PLACES: [Place; 2] = [Place::Keyring, Place::SealedFile];

fn secrets(place: Place, options: &EngineOptions) -> SecretStore {
    match place {
        Place::Keyring => {
            SecretStore::keyring_for_folder(&options.keyring_service, &options.data_dir)
        }
        Place::SealedFile => SecretStore::sealed_file(
            &options.keyring_service,
            &options.data_dir,
            FileKey::derive(&[11; 32]),
        ),
    }
}

fn open(place: Place, options: &EngineOptions) -> Result<Engine, paybridge_engine::AppError> {
    Engine::open_with_secrets(
        options.clone(),
        Arc::new(SystemClock),
        secrets(place, options),
    )
}

async fn sandbox() -> Sandbox {
    Sandbox::start(SandboxOptions {
        employees: 12,
        seed: 5,
        ..SandboxOptions::default()
    })
    .await
    .expect("sandbox starts")
}

#[tokio::test(flavor = "multi_thread")]
async fn connections_survive_a_restart_and_disconnect_removes_their_secrets() {
    let sandbox = sandbox().await;
    for place in PLACES {
        let dir = tempfile::tempdir().expect("temp dir");
        let options = common::options(&dir);
        let forms = SandboxForms::from(&sandbox.credentials);
        let engine = open(place, &options).expect("engine opens");
        engine
            .save_micropay(forms.micropay.clone())
            .await
            .expect("MicrOpay saves");
        engine
            .save_worknice(forms.worknice.clone())
            .await
            .expect("Worknice saves");
        drop(engine);

        let restarted = open(place, &options).expect("engine reopens");
        restarted
            .check_micropay()
            .await
            .unwrap_or_else(|error| panic!("{place:?}: {error}"));
        restarted.check_worknice().await.expect("saved token works");
        assert_eq!(
            secrets(place, &options)
                .get("worknice.token")
                .expect("answers")
                .map(|token| token.expose().clone()),
            Some(forms.worknice.token.expose().clone()),
            "{place:?}"
        );

        restarted
            .disconnect(ConnectionKind::Worknice)
            .await
            .expect("disconnects");
        assert_eq!(
            secrets(place, &options)
                .get("worknice.token")
                .expect("answers"),
            None,
            "{place:?}"
        );
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_lost_database_key_is_reported_never_replaced() {
    for place in PLACES {
        let dir = tempfile::tempdir().expect("temp dir");
        let options = common::options(&dir);
        drop(open(place, &options).expect("a new data folder opens"));
        let database = paybridge_store::database_path(&options.data_dir);
        let before = std::fs::read(&database).expect("the database exists");
        secrets(place, &options)
            .delete(paybridge_secrets::DATABASE_KEY_ACCOUNT)
            .expect("the key goes");

        let error = open(place, &options).expect_err("refused");

        assert_eq!(error.code, ErrorCode::KeyringUnavailable, "{place:?}");
        assert!(
            error.message.contains("\"database-key\""),
            "{}",
            error.message
        );
        assert!(
            error.message.contains("will not make a new key"),
            "{}",
            error.message
        );
        assert_eq!(
            secrets(place, &options)
                .get(paybridge_secrets::DATABASE_KEY_ACCOUNT)
                .expect("answers"),
            None,
            "{place:?}: no new key was made"
        );
        assert_eq!(std::fs::read(&database).expect("still there"), before);
    }
}

/// An engine on a new data folder in `place`, MicrOpay saved.
async fn engine_with_micropay(
    place: Place,
    sandbox: &Sandbox,
) -> (tempfile::TempDir, EngineOptions, Engine) {
    let dir = tempfile::tempdir().expect("temp dir");
    let options = common::options(&dir);
    let engine = open(place, &options).expect("engine opens");
    engine
        .save_micropay(SandboxForms::from(&sandbox.credentials).micropay)
        .await
        .expect("MicrOpay saves");
    (dir, options, engine)
}

#[tokio::test(flavor = "multi_thread")]
async fn a_lost_backup_key_is_reported_while_backups_exist() {
    let sandbox = sandbox().await;
    for place in PLACES {
        let (_dir, options, engine) = engine_with_micropay(place, &sandbox).await;
        let backup = engine.create_backup().await.expect("backs up");
        secrets(place, &options)
            .delete("backup-key")
            .expect("the key goes");

        let error = engine
            .compare_backup(backup.id)
            .await
            .expect_err("cannot open the backup");
        assert_eq!(error.code, ErrorCode::KeyringUnavailable, "{place:?}");
        assert!(
            error.message.contains("\"backup-key\""),
            "{}",
            error.message
        );
        let error = engine.create_backup().await.expect_err("no new key either");
        assert!(
            error.message.contains("will not make a new key"),
            "{}",
            error.message
        );
        assert_eq!(
            secrets(place, &options).get("backup-key").expect("answers"),
            None,
            "{place:?}: no new key was made"
        );
    }
}

/// Two data folders under one keyring service (what `--data-dir` gives):
/// each keeps its own credentials, so a re-check in one never sends the
/// other's to its server.
#[tokio::test(flavor = "multi_thread")]
async fn two_data_folders_under_one_service_keep_their_own_credentials() {
    let acme_sandbox = sandbox().await;
    let beta_sandbox = Sandbox::start(SandboxOptions {
        employees: 3,
        seed: 6,
        ..SandboxOptions::default()
    })
    .await
    .expect("sandbox starts");
    let acme_forms = SandboxForms::from(&acme_sandbox.credentials);
    let beta_forms = SandboxForms::from(&beta_sandbox.credentials);
    assert_ne!(
        acme_forms.worknice.url, beta_forms.worknice.url,
        "two servers"
    );
    let acme_dir = tempfile::tempdir().expect("temp dir");
    let beta_dir = tempfile::tempdir().expect("temp dir");
    let acme = common::options(&acme_dir);
    let beta = EngineOptions {
        data_dir: beta_dir.path().to_owned(),
        ..acme.clone()
    };

    let acme_engine = Engine::open(acme.clone()).expect("Acme's engine opens");
    acme_engine
        .save_worknice(acme_forms.worknice.clone())
        .await
        .expect("Acme's Worknice saves");
    let beta_engine = Engine::open(beta.clone()).expect("Beta's engine opens");
    beta_engine
        .save_worknice(beta_forms.worknice.clone())
        .await
        .expect("Beta's Worknice saves");

    acme_engine
        .check_worknice()
        .await
        .expect("Acme's re-check uses Acme's saved connection");
    for (options, forms) in [(&acme, &acme_forms), (&beta, &beta_forms)] {
        assert_eq!(
            options
                .secrets_from_env()
                .expect("secret store")
                .get("worknice.token")
                .expect("answers")
                .map(|token| token.expose().clone()),
            Some(forms.worknice.token.expose().clone()),
            "{}",
            options.data_dir.display()
        );
    }
    let keys = |options: &EngineOptions| {
        options
            .secrets_from_env()
            .expect("secret store")
            .get(paybridge_secrets::DATABASE_KEY_ACCOUNT)
            .expect("answers")
            .expect("a database key")
            .expose()
            .clone()
    };
    assert_ne!(keys(&acme), keys(&beta), "each folder has its own key");
}

/// The backup files moved away (another disk, say) but still recorded: a
/// lost backup key is still not made anew.
#[tokio::test(flavor = "multi_thread")]
async fn a_lost_backup_key_is_reported_while_backups_are_recorded() {
    let sandbox = sandbox().await;
    for place in PLACES {
        let (_dir, options, engine) = engine_with_micropay(place, &sandbox).await;
        engine.create_backup().await.expect("backs up");
        std::fs::remove_dir_all(options.data_dir.join("backups")).expect("files moved away");
        secrets(place, &options)
            .delete("backup-key")
            .expect("the key goes");

        let error = engine.create_backup().await.expect_err("no new key");
        assert!(
            error.message.contains("will not make a new key"),
            "{place:?}: {}",
            error.message
        );
        assert_eq!(
            secrets(place, &options).get("backup-key").expect("answers"),
            None,
            "{place:?}: no new key was made"
        );
    }
}
