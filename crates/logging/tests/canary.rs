//! Privacy canary: secrets planted in the sandbox's data and credentials go
//! through connect, list, preview and import with logging at TRACE into the
//! app's real log files, and none of them is found afterwards in the log
//! files, the data folder's files (raw bytes: the database is encrypted)
//! or the diagnostics report. Needs the keyring: run it inside
//! scripts/in-test-session.sh.

use std::path::{Path, PathBuf};
use std::time::Duration;

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine as _;
use paybridge_domain::Sensitive;
use paybridge_engine::{Engine, EngineOptions, ImportSelection, NoProgress, SandboxForms};
use paybridge_logging::{Diagnostics, LogOptions};
use paybridge_sandbox::dataset::{generate_tfn, tfn_checksum_ok, Dataset};
use paybridge_sandbox::{Fault, FaultKind, Sandbox, SandboxOptions};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

const EMPLOYEES: usize = 24;
const SEED: u64 = 73;
/// Not the sandbox's planted defects (4, 9, 14, 19), so all of them import;
/// about a third match a Worknice person and are linked, the rest are
/// created with their tax and bank details.
const CANARY_EMPLOYEES: [usize; 8] = [0, 1, 2, 3, 5, 6, 7, 8];

struct Canary {
    what: String,
    value: String,
}

#[tokio::test(flavor = "multi_thread")]
async fn no_planted_secret_reaches_the_log_files_or_the_data_files() {
    let logs = tempfile::tempdir().expect("log dir");
    let data = tempfile::tempdir().expect("data dir");
    let logging = paybridge_logging::init(LogOptions {
        dir: logs.path().to_owned(),
        filter: "trace".into(),
        // Large enough that nothing rotates away before it is searched.
        max_file_bytes: 1 << 30,
        max_rotated_files: 4,
        stderr: false,
    })
    .expect("logging starts");

    // Plant a checksum-valid TFN and a 9-digit account number in each canary.
    let mut rng = ChaCha8Rng::seed_from_u64(SEED);
    let mut dataset = Dataset::generate(SEED, EMPLOYEES);
    let mut canaries = Vec::new();
    for &index in &CANARY_EMPLOYEES {
        let employee = &mut dataset.employees[index];
        let tfn = generate_tfn(&mut rng);
        assert!(tfn_checksum_ok(&tfn));
        let account = rng.random_range(100_000_000u32..1_000_000_000).to_string();
        employee.tax.tfn = Sensitive::new(tfn.clone());
        employee.bank_accounts[0].account_number = Sensitive::new(account.clone());
        let code = &employee.emp_code;
        // The spaced form too: "123 456 782" is how a TFN is often shown.
        let spaced = format!("{} {} {}", &tfn[..3], &tfn[3..6], &tfn[6..]);
        canaries.push(Canary {
            what: format!("TFN of {code}"),
            value: tfn,
        });
        canaries.push(Canary {
            what: format!("spaced TFN of {code}"),
            value: spaced,
        });
        canaries.push(Canary {
            what: format!("account number of {code}"),
            value: account,
        });
    }
    let canary_codes: Vec<String> = CANARY_EMPLOYEES
        .iter()
        .map(|&index| dataset.employees[index].emp_code.clone())
        .collect();

    let sandbox = Sandbox::start_with_dataset(
        SandboxOptions {
            employees: EMPLOYEES,
            seed: SEED,
            ..SandboxOptions::default()
        },
        dataset,
    )
    .await
    .expect("sandbox starts");
    let credentials = &sandbox.credentials;
    for (what, value) in [
        ("MicrOpay password", &credentials.micropay.password),
        ("MicrOpay API key", &credentials.micropay.api_key),
        ("Worknice token", &credentials.worknice.token),
    ] {
        canaries.push(Canary {
            what: what.into(),
            value: value.clone(),
        });
    }
    // On the wire the API key is base64 and Basic auth is
    // base64("user:password"): a log of the headers would hold those forms.
    let micropay = &credentials.micropay;
    let wrong_password = format!("{}-wrong", micropay.password);
    for (what, plain) in [
        ("base64 MicrOpay API key", micropay.api_key.clone()),
        (
            "MicrOpay Basic auth",
            format!("{}:{}", micropay.username, micropay.password),
        ),
        (
            "MicrOpay Basic auth with the wrong password",
            format!("{}:{wrong_password}", micropay.username),
        ),
        ("wrong MicrOpay password", wrong_password.clone()),
    ] {
        let encoded = if what.starts_with("wrong") {
            plain
        } else {
            BASE64.encode(plain)
        };
        canaries.push(Canary {
            what: what.into(),
            value: encoded,
        });
    }
    let engine_options = EngineOptions {
        data_dir: data.path().to_owned(),
        keyring_service: format!("paybridge-canary-test-{}", std::process::id()),
    };
    let engine = Engine::open(engine_options.clone()).expect("engine opens");
    let forms = SandboxForms::from(credentials);
    // A wrong password first: the failure path must not log what was typed.
    let mut wrong = forms.micropay.clone();
    wrong.password = wrong_password.into();
    let refused = engine.test_micropay(wrong).await.expect_err("refused");
    assert_eq!(refused.code, paybridge_engine::ErrorCode::WrongCredentials);
    // It reaches the last errors About shows.
    assert!(
        logging
            .recent()
            .snapshot()
            .iter()
            .any(|event| event.message.contains(&refused.message)),
        "the refused password is not among the recent errors"
    );
    // Retries log at warn with the error that caused them.
    sandbox.micropay.faults().add(Fault::times(
        "/api/EmployeeDetails",
        FaultKind::Status(503),
        1,
    ));
    sandbox
        .worknice
        .faults()
        .add(Fault::times("/api/graphql", FaultKind::DropConnection, 1));

    engine
        .test_micropay(forms.micropay.clone())
        .await
        .expect("tests");
    engine
        .save_micropay(forms.micropay)
        .await
        .expect("MicrOpay saves");
    engine
        .save_worknice(forms.worknice)
        .await
        .expect("Worknice saves");

    let candidates = engine.employees().await.expect("employees load");
    assert_eq!(candidates.len(), EMPLOYEES);
    for code in &canary_codes {
        engine.employee_preview(code).await.expect("preview");
    }
    let summary = engine
        .import(ImportSelection::All, false, &NoProgress)
        .await
        .expect("import runs");
    assert!(summary.created >= 1, "{summary:?}");

    // The canaries really went through: created people hold them.
    let created_with_canary_tfn = sandbox
        .worknice
        .people()
        .iter()
        .filter(|person| {
            person
                .employee_code
                .as_ref()
                .is_some_and(|code| canary_codes.contains(code))
        })
        .filter_map(|person| sandbox.worknice.person_details(&person.id))
        .filter(|details| {
            details.tax_details.as_ref().is_some_and(|tax| {
                canaries
                    .iter()
                    .any(|canary| canary.value == *tax.tfn.expose())
            })
        })
        .count();
    assert!(
        created_with_canary_tfn >= 1,
        "no canary employee was created with its TFN: the test would prove nothing"
    );

    let report = Diagnostics::new(
        "test",
        data.path().display().to_string(),
        logs.path().display().to_string(),
        logging.recent().snapshot(),
    )
    .report;
    assert!(
        !logging.recent().snapshot().is_empty(),
        "the retries should have logged warnings"
    );
    drop(engine);
    drop(sandbox);
    // Let the servers' last lines arrive, then flush the file writer.
    tokio::time::sleep(Duration::from_millis(200)).await;
    drop(logging);

    let log_files = paybridge_logging::log_files(logs.path()).expect("log files");
    let log_text: String = log_files
        .iter()
        .map(|file| String::from_utf8_lossy(&std::fs::read(file).expect("read log")).into_owned())
        .collect();
    assert!(log_text.contains(" TRACE "), "logging did not run at TRACE");
    assert!(
        log_text.contains("retrying"),
        "the retries' warnings should be in the log file"
    );
    let data_files = files_under(data.path());
    assert!(
        data_files.iter().any(|file| file.ends_with("paybridge.db")),
        "no database file in {data_files:?}"
    );

    let mut found = Vec::new();
    for file in log_files.iter().chain(&data_files) {
        let bytes = std::fs::read(file).expect("read file");
        for canary in &canaries {
            if contains(&bytes, canary.value.as_bytes()) {
                found.push(format!("{} in {}", canary.what, file.display()));
            }
        }
    }
    // The raw bytes above are encrypted, so also search the database as
    // the engine reads it: every value of every table, opened with its key.
    let values = database_values(&engine_options);
    assert!(
        values.iter().any(|(_, value)| value == &canary_codes[0]),
        "the decrypted database does not hold the canary employees: the search would prove nothing"
    );
    for (place, value) in &values {
        for canary in &canaries {
            if value.contains(&canary.value) {
                found.push(format!("{} in the database, {place}", canary.what));
            }
        }
    }
    for canary in &canaries {
        if report.contains(&canary.value) {
            found.push(format!("{} in the diagnostics report", canary.what));
        }
    }
    assert!(found.is_empty(), "secrets found: {found:#?}");
}

/// Every text and blob value in every table of the engine's database, with
/// `table.column` it came from; blobs are read as UTF-8 text where they can.
fn database_values(options: &EngineOptions) -> Vec<(String, String)> {
    let secrets = options.secrets_from_env().expect("secret store");
    let key = secrets
        .key(paybridge_secrets::DATABASE_KEY_ACCOUNT)
        .expect("keyring readable")
        .expect("the database key exists");
    let conn = rusqlite::Connection::open(paybridge_store::database_path(&options.data_dir))
        .expect("database opens");
    conn.execute_batch(&format!("PRAGMA key = \"x'{}'\";", key.to_hex().expose()))
        .expect("key accepted");
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
        .and_then(|mut statement| {
            statement
                .query_map([], |row| row.get(0))?
                .collect::<Result<_, _>>()
        })
        .expect("the key opens the database");
    let mut values = Vec::new();
    for table in tables {
        let mut statement = conn
            .prepare(&format!("SELECT * FROM \"{table}\""))
            .expect("select");
        let columns: Vec<String> = statement
            .column_names()
            .iter()
            .map(|&name| name.to_owned())
            .collect();
        let mut rows = statement.query([]).expect("query");
        while let Some(row) = rows.next().expect("row") {
            for (index, column) in columns.iter().enumerate() {
                let text = match row.get_ref(index).expect("value") {
                    rusqlite::types::ValueRef::Text(bytes)
                    | rusqlite::types::ValueRef::Blob(bytes) => {
                        String::from_utf8_lossy(bytes).into_owned()
                    }
                    // Numbers too: an account number could be stored as one.
                    rusqlite::types::ValueRef::Integer(number) => number.to_string(),
                    _ => continue,
                };
                values.push((format!("{table}.{column}"), text));
            }
        }
    }
    values
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window == needle)
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_owned()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).expect("read dir").flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files
}

#[test]
fn the_search_finds_a_planted_value() {
    assert!(contains(b"tfn=123456782;", b"123456782"));
    assert!(!contains(b"tfn=12345678", b"123456782"));
}
