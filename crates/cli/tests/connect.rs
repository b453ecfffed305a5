//! `paybridge connect` and `paybridge disconnect` as a server would run them:
//! child processes against a `paybridge sandbox` child process, with the
//! secrets in the throwaway keyring of scripts/in-test-session.sh or, with
//! PAYBRIDGE_SECRETS=file, in the sealed file. Every flow runs on both.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicU32, Ordering};

use paybridge_secrets::SecretStore;
use serde_json::Value;

mod common;

use common::{SandboxProcess, BIN};

static NEXT_SERVICE: AtomicU32 = AtomicU32::new(0);

const MICROPAY_VARS: [(&str, &str); 4] = [
    ("PAYBRIDGE_MICROPAY_URL", "url"),
    ("PAYBRIDGE_MICROPAY_USERNAME", "username"),
    ("PAYBRIDGE_MICROPAY_PASSWORD", "password"),
    ("PAYBRIDGE_MICROPAY_API_KEY", "apiKey"),
];
const WORKNICE_VARS: [(&str, &str); 2] = [
    ("PAYBRIDGE_WORKNICE_URL", "url"),
    ("PAYBRIDGE_WORKNICE_TOKEN", "token"),
];

#[derive(Debug, Clone, Copy, PartialEq)]
enum Place {
    Keyring,
    SealedFile,
}

/// A data folder and keyring service of the test's own, with its secrets
/// in `place`.
struct Profile {
    dir: tempfile::TempDir,
    service: String,
    place: Place,
    key_file: PathBuf,
    _keys: tempfile::TempDir,
}

impl Profile {
    fn new(place: Place) -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let keys = tempfile::tempdir().expect("temp dir");
        let key_file = keys.path().join("paybridge.key");
        write_key_file(&key_file, 0o600);
        Self {
            service: format!(
                "paybridge-cli-connect-test-{}-{}",
                std::process::id(),
                NEXT_SERVICE.fetch_add(1, Ordering::SeqCst)
            ),
            dir,
            place,
            key_file,
            _keys: keys,
        }
    }

    /// `paybridge ARGS` on this profile, with no connection variables set.
    fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(BIN);
        command.arg("--data-dir").arg(self.dir.path()).args(args);
        self.environment(&mut command);
        command
    }

    /// This profile's variables, and none of the connection variables.
    fn environment(&self, command: &mut Command) {
        command
            .env("PAYBRIDGE_KEYRING_SERVICE", &self.service)
            .env_remove("PAYBRIDGE_SECRETS")
            .env_remove("PAYBRIDGE_SECRETS_KEY_FILE")
            .env_remove("CREDENTIALS_DIRECTORY");
        for (name, _) in MICROPAY_VARS.iter().chain(&WORKNICE_VARS) {
            command.env_remove(name);
        }
        command.env_remove("PAYBRIDGE_MICROPAY_PAYROLL_COMPANY");
        if self.place == Place::SealedFile {
            command
                .env("PAYBRIDGE_SECRETS", "file")
                .env("PAYBRIDGE_SECRETS_KEY_FILE", &self.key_file);
        }
    }

    /// Runs `command`; its exit code and the JSON it printed.
    fn run(mut command: Command) -> (i32, Value, String) {
        let output = command.output().expect("paybridge runs");
        let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
        let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
        let json = serde_json::from_str(&stdout)
            .unwrap_or_else(|_| panic!("not one JSON object: {stdout}\n{stderr}"));
        (output.status.code().expect("exit code"), json, stderr)
    }

    fn connect(
        &self,
        sandbox: &SandboxProcess,
        side: &str,
        password: &str,
    ) -> (i32, Value, String) {
        let mut command = self.command(&["connect", side, "--json"]);
        let vars: &[(&str, &str)] = if side == "micropay" {
            &MICROPAY_VARS
        } else {
            &WORKNICE_VARS
        };
        for (name, field) in vars {
            let value = if *name == "PAYBRIDGE_MICROPAY_PASSWORD" {
                password.to_owned()
            } else {
                sandbox.field(side, field)
            };
            command.env(name, value);
        }
        Self::run(command)
    }

    /// The secret store this profile's `paybridge` runs use.
    fn secrets(&self) -> SecretStore {
        match self.place {
            Place::Keyring => SecretStore::keyring_for_folder(&self.service, self.dir.path()),
            Place::SealedFile => SecretStore::sealed_file(
                &self.service,
                self.dir.path(),
                paybridge_secrets::FileKey::from_key_file(&self.key_file).expect("key file"),
            ),
        }
    }

    /// What is saved under `account`, looked up where this profile keeps it.
    fn saved_secret(&self, account: &str) -> Option<String> {
        self.secrets()
            .get(account)
            .expect("the secret store answers")
            .map(|value| value.expose().clone())
    }
}

fn write_key_file(path: &Path, mode: u32) {
    std::fs::write(path, [0x5a; 32]).expect("write key file");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).expect("chmod");
    }
}

fn connect_then_check_then_disconnect(place: Place) {
    let sandbox = SandboxProcess::start(30, 7, &[]);
    let profile = Profile::new(place);
    let password = sandbox.field("micropay", "password");

    let (code, report, stderr) = profile.connect(&sandbox, "micropay", &password);
    assert_eq!(code, 0, "{place:?}: {report} {stderr}");
    assert_eq!(report["micropay"]["ok"], true, "{report}");
    assert_eq!(report["micropay"]["organisation"], "Demo Pty Ltd");
    assert_eq!(report["micropay"]["employeeCount"], 29);
    assert!(report.get("worknice").is_none(), "{report}");
    let (code, report, _) = profile.connect(&sandbox, "worknice", "");
    assert_eq!(code, 0, "{place:?}: {report}");
    assert_eq!(report["worknice"]["ok"], true, "{report}");

    // Saved as the app saves: `check` finds both with no variables set.
    let (code, report, _) = Profile::run(profile.command(&["check"]));
    assert_eq!(code, 0, "{place:?}: {report}");
    assert_eq!(
        profile.saved_secret("micropay.password").as_deref(),
        Some(password.as_str())
    );
    let sealed_file = profile.dir.path().join(paybridge_secrets::SECRETS_FILE);
    match place {
        Place::Keyring => assert!(!sealed_file.exists(), "no secrets file without the choice"),
        Place::SealedFile => {
            let bytes = std::fs::read(&sealed_file).expect("the sealed file exists");
            assert!(!String::from_utf8_lossy(&bytes).contains(&password));
            assert_eq!(
                SecretStore::keyring_for_folder(&profile.service, profile.dir.path())
                    .get("micropay.password")
                    .expect("keyring answers"),
                None,
                "nothing went to the keyring"
            );
        }
    }

    let (code, report, _) = Profile::run(profile.command(&["disconnect", "micropay", "--json"]));
    assert_eq!(code, 0, "{report}");
    assert_eq!(report, serde_json::json!({"micropay": {"ok": true}}));
    assert_eq!(profile.saved_secret("micropay.password"), None);
    let (code, report, _) = Profile::run(profile.command(&["check"]));
    assert_eq!(code, 1);
    assert_eq!(report["micropay"]["code"], "not_connected", "{report}");
    assert_eq!(report["worknice"]["ok"], true, "{report}");
}

#[test]
fn connect_saves_as_the_app_does_and_disconnect_forgets_in_the_keyring() {
    connect_then_check_then_disconnect(Place::Keyring);
}

#[test]
fn connect_saves_as_the_app_does_and_disconnect_forgets_in_the_sealed_file() {
    connect_then_check_then_disconnect(Place::SealedFile);
}

#[test]
fn a_wrong_password_saves_nothing_and_is_never_echoed() {
    for place in [Place::Keyring, Place::SealedFile] {
        let sandbox = SandboxProcess::start(30, 7, &[]);
        let profile = Profile::new(place);

        let (code, report, stderr) = profile.connect(&sandbox, "micropay", "not-the-password-9");

        assert_eq!(code, 1);
        assert_eq!(report["micropay"]["ok"], false, "{report}");
        assert_eq!(report["micropay"]["code"], "wrong_credentials", "{report}");
        assert!(
            !report.to_string().contains("not-the-password-9"),
            "{report}"
        );
        assert!(!stderr.contains("not-the-password-9"), "{stderr}");
        assert_eq!(profile.saved_secret("micropay.password"), None);
        let (_, report, _) = Profile::run(profile.command(&["check"]));
        assert_eq!(report["micropay"]["code"], "not_connected", "{report}");
    }
}

#[test]
fn the_sealed_file_is_refused_without_a_private_key() {
    let sandbox = SandboxProcess::start(30, 7, &[]);
    let profile = Profile::new(Place::SealedFile);
    write_key_file(&profile.key_file, 0o644);

    let (code, report, _) = profile.connect(&sandbox, "worknice", "");
    assert_eq!(code, 1);
    let message = report["worknice"]["message"].as_str().expect("message");
    assert!(message.contains("is refused"), "{message}");
    assert!(
        message.contains("0644") && message.contains("0600"),
        "{message}"
    );
    assert!(!profile
        .dir
        .path()
        .join(paybridge_secrets::SECRETS_FILE)
        .exists());

    let (code, report, _) = Profile::run(profile.command(&["disconnect", "worknice", "--json"]));
    assert_eq!(code, 1);
    assert_eq!(report["worknice"]["ok"], false, "{report}");
    assert!(report["worknice"]["message"]
        .as_str()
        .is_some_and(|message| message.contains("is refused")));

    let mut no_key = profile.command(&["connect", "worknice", "--json"]);
    no_key.env_remove("PAYBRIDGE_SECRETS_KEY_FILE");
    let (code, report, _) = Profile::run(no_key);
    assert_eq!(code, 1);
    let message = report["worknice"]["message"].as_str().expect("message");
    assert!(message.contains("PAYBRIDGE_SECRETS_KEY_FILE"), "{message}");
    assert!(message.contains("paybridge-secrets-key"), "{message}");

    let mut unknown = profile.command(&["connect", "worknice", "--json"]);
    unknown.env("PAYBRIDGE_SECRETS", "plaintext");
    let (code, report, _) = Profile::run(unknown);
    assert_eq!(code, 1);
    let message = report["worknice"]["message"].as_str().expect("message");
    assert!(message.contains("\"plaintext\""), "{message}");
}

#[test]
fn a_systemd_credential_is_a_key_too() {
    let sandbox = SandboxProcess::start(30, 7, &[]);
    let profile = Profile::new(Place::SealedFile);
    let credentials = tempfile::tempdir().expect("temp dir");
    write_key_file(
        &credentials
            .path()
            .join(paybridge_secrets::SECRETS_KEY_CREDENTIAL),
        0o400,
    );
    let with_credential = |args: &[&str]| {
        let mut command = profile.command(args);
        command
            .env_remove("PAYBRIDGE_SECRETS_KEY_FILE")
            .env("CREDENTIALS_DIRECTORY", credentials.path());
        command
    };
    let mut connect = with_credential(&["connect", "worknice", "--json"]);
    for (name, field) in WORKNICE_VARS {
        connect.env(name, sandbox.field("worknice", field));
    }
    let (code, report, _) = Profile::run(connect);
    assert_eq!(code, 0, "{report}");
    // The key file holds the same bytes, so it opens what the credential sealed.
    assert_eq!(
        profile.saved_secret("worknice.token"),
        Some(sandbox.field("worknice", "token"))
    );
}

/// Waits (bounded) until `output` holds `text`.
fn wait_for(output: &std::sync::Mutex<String>, text: &str) {
    for _ in 0..1000 {
        if output.lock().expect("lock").contains(text) {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    panic!("never printed {text:?}: {}", output.lock().expect("lock"));
}

#[test]
fn on_a_terminal_the_fields_are_asked_for_and_the_token_is_not_shown() {
    use std::io::{Read, Write};
    use std::process::Stdio;

    let sandbox = SandboxProcess::start(30, 7, &[]);
    let profile = Profile::new(Place::Keyring);
    let token = sandbox.field("worknice", "token");
    // util-linux `script` runs the command on a pseudo-terminal of its own.
    let inner = format!(
        "'{BIN}' --data-dir '{}' connect worknice",
        profile.dir.path().display()
    );
    let mut script = Command::new("script");
    script.args(["-qec", &inner, "/dev/null"]);
    profile.environment(&mut script);
    let mut child = script
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("script runs");
    let output = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
    let reader = {
        let output = output.clone();
        let mut stdout = child.stdout.take().expect("stdout");
        std::thread::spawn(move || {
            let mut buffer = [0u8; 256];
            while let Ok(read) = stdout.read(&mut buffer) {
                if read == 0 {
                    break;
                }
                output
                    .lock()
                    .expect("lock")
                    .push_str(&String::from_utf8_lossy(&buffer[..read]));
            }
        })
    };
    let mut stdin = child.stdin.take().expect("stdin");
    wait_for(&output, "Worknice URL: ");
    writeln!(stdin, "{}", sandbox.field("worknice", "url")).expect("types the URL");
    wait_for(&output, "Worknice API token");
    // The prompt is printed just before echo is switched off; a person types
    // after that, but a test could beat it and have the terminal echo what
    // it typed. Give the switch a moment, as a person's reaction would.
    std::thread::sleep(std::time::Duration::from_millis(500));
    writeln!(stdin, "{token}").expect("types the token");
    let status = child.wait().expect("exits");
    reader.join().expect("reader");

    let shown = output.lock().expect("lock").clone();
    assert!(status.success(), "{shown}");
    assert!(
        shown.contains("Saved. Connected to Demo Pty Ltd"),
        "{shown}"
    );
    assert!(!shown.contains(&token), "the token was echoed: {shown}");
    assert_eq!(profile.saved_secret("worknice.token"), Some(token));
}

#[test]
fn two_processes_starting_at_once_on_a_new_data_folder_share_one_key() {
    for place in [Place::Keyring, Place::SealedFile] {
        let sandbox = SandboxProcess::start(30, 7, &[]);
        let profile = Profile::new(place);
        let racers: Vec<_> = (0..3)
            .map(|_| {
                let mut command = profile.command(&["connect", "worknice", "--json"]);
                for (name, field) in WORKNICE_VARS {
                    command.env(name, sandbox.field("worknice", field));
                }
                command
                    .stdout(std::process::Stdio::piped())
                    .spawn()
                    .expect("paybridge starts")
            })
            .collect();
        for racer in racers {
            let output = racer.wait_with_output().expect("exits");
            let stdout = String::from_utf8_lossy(&output.stdout);
            assert!(output.status.success(), "{place:?}: {stdout}");
        }
        let (code, report, _) = Profile::run(profile.command(&["check"]));
        assert_eq!(report["worknice"]["ok"], true, "{place:?}: {report}");
        assert_eq!(code, 1, "MicrOpay is not connected");
    }
}

/// What the data folder has saved for MicrOpay, read through the engine as
/// the app would show it.
fn saved_micropay(profile: &Profile) -> paybridge_engine::SavedConnection {
    let secrets = profile.secrets();
    let engine = paybridge_engine::Engine::open_with_secrets(
        paybridge_engine::EngineOptions {
            data_dir: profile.dir.path().to_owned(),
            keyring_service: profile.service.clone(),
        },
        std::sync::Arc::new(paybridge_engine::SystemClock),
        secrets,
    )
    .expect("engine opens");
    tokio::runtime::Runtime::new()
        .expect("runtime")
        .block_on(engine.connections())
        .expect("connections")
        .micropay
        .expect("MicrOpay is saved")
}

#[test]
fn rotating_the_password_keeps_the_saved_payroll_company() {
    let sandbox = SandboxProcess::start(30, 7, &[]);
    let profile = Profile::new(Place::Keyring);
    let company = sandbox.field("micropay", "payrollCompany");
    let mut first = profile.command(&["connect", "micropay", "--json"]);
    for (name, field) in MICROPAY_VARS {
        first.env(name, sandbox.field("micropay", field));
    }
    first.env("PAYBRIDGE_MICROPAY_PAYROLL_COMPANY", &company);
    let (code, report, _) = Profile::run(first);
    assert_eq!(code, 0, "{report}");
    assert_eq!(saved_micropay(&profile).payroll_company, company);

    // The new password, with only the address, username and password set.
    let mut rotate = profile.command(&["connect", "micropay", "--json"]);
    for (name, field) in &MICROPAY_VARS[..3] {
        rotate.env(name, sandbox.field("micropay", field));
    }
    let (code, report, _) = Profile::run(rotate);
    assert_eq!(code, 0, "{report}");
    let saved = saved_micropay(&profile);
    assert_eq!(saved.payroll_company, company, "the payroll company stays");
    assert_eq!(saved.url, sandbox.field("micropay", "url"));
}

#[test]
fn without_a_terminal_a_missing_field_names_its_variable() {
    let profile = Profile::new(Place::Keyring);
    let mut command = profile.command(&["connect", "micropay", "--json"]);
    command.env("PAYBRIDGE_MICROPAY_USERNAME", "paybridge");
    let (code, report, _) = Profile::run(command);
    assert_eq!(code, 1, "{report}");
    let message = report["micropay"]["message"].as_str().expect("message");
    for name in [
        "PAYBRIDGE_MICROPAY_URL",
        "PAYBRIDGE_MICROPAY_PASSWORD",
        "PAYBRIDGE_MICROPAY_API_KEY",
    ] {
        assert!(message.contains(name), "{message}");
    }
    assert!(
        !message.contains("PAYBRIDGE_MICROPAY_USERNAME"),
        "{message}"
    );

    let (code, report, _) = Profile::run(profile.command(&["connect", "worknice", "--json"]));
    assert_eq!(code, 1, "{report}");
    let message = report["worknice"]["message"].as_str().expect("message");
    assert!(
        message.contains("PAYBRIDGE_WORKNICE_URL") && message.contains("PAYBRIDGE_WORKNICE_TOKEN"),
        "{message}"
    );
}
