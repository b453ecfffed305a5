//! `paybridge employees` and `paybridge import` as child processes against a
//! `paybridge sandbox` child process, with the connections saved in a data
//! folder and the throwaway keyring of scripts/in-test-session.sh. The
//! import is killed (SIGKILL) at seeded random points of its progress and
//! run again: the end state must be the same as an uninterrupted import's,
//! with no person created twice.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use paybridge_domain::Sensitive;
use paybridge_engine::{Engine, EngineOptions};
use paybridge_worknice::{WorkniceClient, WorkniceConfig};
use rand::{Rng, SeedableRng};
use serde_json::Value;

mod common;

use common::{SandboxProcess, BIN};
static NEXT_SERVICE: AtomicU32 = AtomicU32::new(0);

impl SandboxProcess {
    fn worknice(&self) -> WorkniceClient {
        let url = url::Url::parse(&self.field("worknice", "url")).expect("url");
        WorkniceClient::new(WorkniceConfig::new(
            url,
            Sensitive::new(self.field("worknice", "token")),
        ))
        .expect("client")
    }
}

/// A data folder with both connections saved, as the app would leave it.
struct Profile {
    dir: tempfile::TempDir,
    keyring_service: String,
}

impl Profile {
    async fn saved_for(sandbox: &SandboxProcess) -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let keyring_service = format!(
            "paybridge-cli-import-test-{}-{}",
            std::process::id(),
            NEXT_SERVICE.fetch_add(1, Ordering::SeqCst)
        );
        let engine = Engine::open(EngineOptions {
            data_dir: dir.path().to_owned(),
            keyring_service: keyring_service.clone(),
        })
        .expect("engine opens");
        let forms = sandbox.forms();
        engine
            .save_micropay(forms.micropay)
            .await
            .expect("MicrOpay saves");
        engine
            .save_worknice(forms.worknice)
            .await
            .expect("Worknice saves");
        Self {
            dir,
            keyring_service,
        }
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(BIN);
        command
            .arg("--data-dir")
            .arg(self.dir.path())
            .args(args)
            .env("PAYBRIDGE_KEYRING_SERVICE", &self.keyring_service)
            .stdout(Stdio::piped())
            .stderr(Stdio::null());
        command
    }

    /// The data folder's database, as the app opens it.
    fn open_store(&self) -> paybridge_store::Store {
        let options = EngineOptions {
            data_dir: self.dir.path().to_owned(),
            keyring_service: self.keyring_service.clone(),
        };
        let key = options
            .secrets_from_env()
            .expect("secret store")
            .key(paybridge_secrets::DATABASE_KEY_ACCOUNT)
            .expect("answers")
            .expect("the key");
        paybridge_store::Store::open(&paybridge_store::database_path(self.dir.path()), &key)
            .expect("opens")
    }

    fn run_json(&self, args: &[&str]) -> Value {
        let output = self.command(args).output().expect("runs");
        assert!(
            output.status.success(),
            "{args:?} failed: {}",
            String::from_utf8_lossy(&output.stdout)
        );
        serde_json::from_slice(&output.stdout).expect("prints JSON")
    }
}

/// The end state in Worknice: code → (how many people carry it, the
/// connected idEmployee).
async fn worknice_state(sandbox: &SandboxProcess) -> BTreeMap<String, (usize, Option<String>)> {
    let client = sandbox.worknice();
    let mut state: BTreeMap<String, (usize, Option<String>)> = BTreeMap::new();
    for person in client.people(true).await.expect("people") {
        if let Some(code) = person.employee_code {
            state.entry(code).or_default().0 += 1;
        }
    }
    for connection in client.person_connections().await.expect("connections") {
        let entry = state.entry(connection.employee_code.clone()).or_default();
        assert!(
            entry.1.is_none(),
            "{} connected twice",
            connection.employee_code
        );
        entry.1 = Some(connection.remote_id);
    }
    state
}

fn counts(summary: &Value) -> (u64, u64, u64, usize) {
    (
        summary["created"].as_u64().expect("created"),
        summary["linked"].as_u64().expect("linked"),
        summary["skipped"].as_u64().expect("skipped"),
        summary["held"].as_array().expect("held").len(),
    )
}

fn data_dir_has_backup(dir: &Path) -> bool {
    std::fs::read_dir(dir.join("backups"))
        .map(|entries| entries.count() > 0)
        .unwrap_or(false)
}

#[tokio::test(flavor = "multi_thread")]
async fn employees_and_a_dry_run_print_json() {
    let sandbox = SandboxProcess::start(25, 8, &[]);
    let profile = Profile::saved_for(&sandbox).await;

    let employees = profile.run_json(&["employees", "--json"]);
    let employees = employees.as_array().expect("an array");
    assert_eq!(employees.len(), 25);
    let kinds: BTreeSet<&str> = employees
        .iter()
        .map(|e| e["linkState"]["kind"].as_str().expect("kind"))
        .collect();
    assert_eq!(kinds, BTreeSet::from(["new", "matches", "cantImport"]));
    let bsb = &employees[4]["linkState"];
    assert!(
        bsb["reasons"][0].as_str().expect("reason").contains("BSB"),
        "{bsb}"
    );

    let dry = profile.run_json(&["import", "--emp-code", "NOPE,", "--dry-run", "--json"]);
    assert_eq!(counts(&dry), (0, 0, 0, 1));
    assert_eq!(dry["dryRun"], true);
    assert!(
        !data_dir_has_backup(profile.dir.path()),
        "a dry run takes no backup"
    );

    let refused = profile
        .command(&["import", "--dry-run"])
        .output()
        .expect("runs");
    assert!(!refused.status.success(), "--all or --emp-code is required");
}

#[tokio::test(flavor = "multi_thread")]
async fn an_import_killed_at_random_points_ends_as_an_uninterrupted_one() {
    // New people go 50 to a request, four requests at a time: enough
    // employees for several rounds of requests, so every kill finds creates
    // still to send.
    const EMPLOYEES: usize = 2000;
    const SEED: u64 = 5;
    const KILLS: u32 = 4;
    // Every create request takes a known time, so an import still has a
    // long way to go whenever Worknice shows new people, and a kill then
    // always lands mid-import, however fast the machine is.
    const CREATE_MS: u64 = 150;
    let slow_creates = format!("path=/api/graphql,operation=CreatePeople,latency-ms={CREATE_MS}");
    let slow = ["--worknice-fault", slow_creates.as_str()];

    let reference = SandboxProcess::start(EMPLOYEES, SEED, &slow);
    let reference_profile = Profile::saved_for(&reference).await;
    let uninterrupted = reference_profile.run_json(&["import", "--all", "--json"]);
    let (created, linked, _, held) = counts(&uninterrupted);
    assert!(created >= 40 && linked > 0 && held == 4, "{uninterrupted}");
    let expected = worknice_state(&reference).await;

    let sandbox = SandboxProcess::start(EMPLOYEES, SEED, &slow);
    let profile = Profile::saved_for(&sandbox).await;
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(2026);
    let client = sandbox.worknice();
    let people_count = || async { client.people(true).await.expect("people").len() };
    // The kills together wait for at most half the creates, so every one
    // finds the import with creates still to send.
    let most_per_kill = created / u64::from(2 * KILLS);
    for kill in 0..KILLS {
        // The kill point: once Worknice holds a seeded random number of the
        // child's new people, plus a seeded random part of one create's
        // time, so kills land between any two steps of an employee's import.
        let target = people_count().await + rng.random_range(1..=most_per_kill) as usize;
        let extra = Duration::from_millis(rng.random_range(0..CREATE_MS));
        let mut child = profile
            .command(&["import", "--all", "--json"])
            .spawn()
            .expect("import starts");
        while people_count().await < target {
            assert!(
                child.try_wait().expect("polls").is_none(),
                "import {kill} ended before creating its people"
            );
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        // Not synchronisation: a random point within the next create.
        tokio::time::sleep(extra).await;
        assert!(
            child.try_wait().expect("polls").is_none(),
            "import {kill} finished before it was killed"
        );
        child.kill().expect("SIGKILL");
        child.wait().expect("reaped");
    }
    let remaining = profile.run_json(&["import", "--all", "--dry-run", "--json"]);
    assert!(
        counts(&remaining).0 < created,
        "the kills left nothing half done: {remaining}"
    );
    let resumed = profile.run_json(&["import", "--all", "--json"]);
    assert_eq!(counts(&resumed).3, 4, "{resumed}");

    let state = worknice_state(&sandbox).await;
    assert_eq!(
        state, expected,
        "the end state differs from an uninterrupted import"
    );
    for (code, (people, _)) in &state {
        assert_eq!(*people, 1, "{code} is in Worknice {people} times");
    }

    // The links Paybridge recorded agree with Worknice's connections.
    let client = sandbox.worknice();
    let connections: BTreeMap<String, String> = client
        .person_connections()
        .await
        .expect("connections")
        .into_iter()
        .map(|c| (c.employee_code, c.person_id))
        .collect();
    let employees = profile.run_json(&["employees", "--json"]);
    let mut linked_here = 0;
    for employee in employees.as_array().expect("array") {
        let code = employee["empCode"].as_str().expect("code");
        if employee["linkState"]["kind"] == "alreadyLinked" {
            linked_here += 1;
            assert_eq!(
                employee["linkState"]["worknicePersonId"].as_str(),
                connections.get(code).map(String::as_str),
                "{code}"
            );
        }
    }
    assert_eq!(linked_here, connections.len());

    // And once more: nothing to do.
    let again = profile.run_json(&["import", "--all", "--json"]);
    let (_, _, skipped, _) = counts(&again);
    assert_eq!(counts(&again), (0, 0, skipped, 4));
    assert_eq!(again["alreadyLinked"], created + linked);
    assert_eq!(
        skipped,
        EMPLOYEES as u64 - 4,
        "the rest are already linked or have left"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn an_import_killed_while_a_chunk_of_creates_awaits_its_answer_creates_nobody_twice() {
    const EMPLOYEES: usize = 120;
    const SEED: u64 = 6;
    const HELD_MS: u64 = 3000;
    let reference = SandboxProcess::start(EMPLOYEES, SEED, &[]);
    let uninterrupted = Profile::saved_for(&reference)
        .await
        .run_json(&["import", "--all", "--json"]);
    let expected = worknice_state(&reference).await;

    // Every request of new people is held, so the kill lands after a
    // chunk's `creating` commit and before any chunk's answer (with only
    // the first held, another chunk's people could be created before the
    // kill on a slow machine).
    let held = format!("path=/api/graphql,operation=CreatePeople,latency-ms={HELD_MS}");
    let sandbox = SandboxProcess::start(EMPLOYEES, SEED, &["--worknice-fault", held.as_str()]);
    let profile = Profile::saved_for(&sandbox).await;
    let client = sandbox.worknice();
    let people_before = client.people(true).await.expect("people").len();
    let store = profile.open_store();
    let mut child = profile
        .command(&["import", "--all", "--json"])
        .spawn()
        .expect("import starts");
    let creating = loop {
        let creating = store
            .imports()
            .unfinished_items()
            .expect("reads")
            .into_iter()
            .filter(|item| item.state == paybridge_store::ItemState::Creating)
            .count();
        if creating > 0 {
            break creating;
        }
        assert!(
            child.try_wait().expect("polls").is_none(),
            "the import ended before creating anyone"
        );
        tokio::time::sleep(Duration::from_millis(5)).await;
    };
    child.kill().expect("SIGKILL");
    child.wait().expect("reaped");
    assert!(
        creating > 1,
        "a whole chunk was marked creating: {creating}"
    );
    assert_eq!(
        client.people(true).await.expect("people").len(),
        people_before,
        "killed before the chunk was answered"
    );
    // Whatever the sandbox makes of the request it was holding, it has done
    // it before the next run starts.
    tokio::time::sleep(Duration::from_millis(HELD_MS + 500)).await;

    let resumed = profile.run_json(&["import", "--all", "--json"]);
    assert_eq!(counts(&resumed).3, counts(&uninterrupted).3, "{resumed}");
    let state = worknice_state(&sandbox).await;
    assert_eq!(
        state, expected,
        "the end state differs from an uninterrupted import"
    );
    for (code, (people, _)) in &state {
        assert_eq!(*people, 1, "{code} is in Worknice {people} times");
    }
    let again = profile.run_json(&["import", "--all", "--json"]);
    assert_eq!((counts(&again).0, counts(&again).1), (0, 0), "{again}");
    assert_eq!(store.integrity_check().expect("checks"), "ok");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_partial_run_exits_2_and_accounts_for_every_employee() {
    // Worknice asks every create to wait an hour: nothing is wrong with the
    // records, so they wait for the next run rather than being held.
    let refuse = [
        "--worknice-fault",
        "path=/api/graphql,operation=CreatePeople,retry-after=3600",
    ];
    let sandbox = SandboxProcess::start(40, 8, &refuse);
    let profile = Profile::saved_for(&sandbox).await;

    let output = profile
        .command(&["import", "--all", "--json"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2), "a partial run exits with 2");
    let summary: Value = serde_json::from_slice(&output.stdout).expect("prints JSON");
    assert_eq!(summary["partial"], true);
    let number = |field: &str| {
        summary[field]
            .as_u64()
            .unwrap_or_else(|| panic!("{field} is a number: {summary}"))
    };
    let retry = summary["retryNextRun"].as_array().expect("a list");
    assert!(!retry.is_empty());
    assert_eq!(retry.len() as u64, number("retryNextRunCount"));
    // Each waits because Worknice asked it to, or (once the breaker has
    // seen enough of that, which on a slow machine comes sooner) because
    // Paybridge stopped sending to it: both are passing trouble, not data.
    let reasons: Vec<&str> = retry
        .iter()
        .map(|r| r["reason"].as_str().expect("reason"))
        .collect();
    assert!(
        reasons.iter().any(|r| r.contains("too many requests"))
            && reasons
                .iter()
                .all(|r| r.contains("too many requests") || r.contains("Worknice kept failing")),
        "{reasons:?}"
    );
    let held = summary["held"].as_array().expect("held is a list");
    assert_eq!(held.len() as u64, number("heldCount"));
    assert_eq!(number("created"), 0);
    assert_eq!(number("listed"), 40);
    assert_eq!(
        number("created")
            + number("linked")
            + number("skipped")
            + number("heldCount")
            + number("retryNextRunCount"),
        40,
        "every employee accounted for: {summary}"
    );
    let skipped = summary["skippedRecords"].as_array().expect("a list");
    assert!(!skipped.is_empty(), "the sandbox seeds leavers");
    assert!(skipped.iter().all(|r| r["reason"]
        .as_str()
        .expect("reason")
        .starts_with("terminated on 20")));

    let text = profile
        .command(&["import", "--all"])
        .output()
        .expect("runs");
    assert_eq!(text.status.code(), Some(2));
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("will be retried next run"), "{text}");
    assert!(text.contains(": skipped: terminated on 20"), "{text}");
    assert!(text.contains("--include-terminated"), "{text}");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_rejected_token_fails_the_run_instead_of_waiting_for_the_next() {
    let revoked = [
        "--worknice-fault",
        "path=/api/graphql,operation=CreatePeople,status=401",
    ];
    let sandbox = SandboxProcess::start(25, 8, &revoked);
    let profile = Profile::saved_for(&sandbox).await;
    let output = profile
        .command(&["import", "--all", "--json"])
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "a failed run: {text}");
    assert!(text.contains("API token"), "{text}");
    assert!(!text.contains("retried next run"), "{text}");
}

#[tokio::test(flavor = "multi_thread")]
async fn ctrl_c_cancels_the_import_and_exits_2_saying_the_rest_is_retried_next_run() {
    // More chunks of new people than are sent at once, so some are still
    // to send when the signal comes.
    const EMPLOYEES: usize = 600;
    // Every create request takes a while, so the import is still creating
    // when the signal comes, however fast the machine is.
    let slow = [
        "--worknice-fault",
        "path=/api/graphql,operation=CreatePeople,latency-ms=300",
    ];
    let sandbox = SandboxProcess::start(EMPLOYEES, 9, &slow);
    let profile = Profile::saved_for(&sandbox).await;
    let would = profile.run_json(&["import", "--all", "--dry-run", "--json"]);
    let would_create = would["created"].as_u64().expect("created");
    assert!(would_create >= 10, "{would}");

    let client = sandbox.worknice();
    let people_before = client.people(true).await.expect("people").len();
    let child = profile
        .command(&["import", "--all"])
        .spawn()
        .expect("import starts");
    // Once the first person exists, the import is past its backup and busy.
    while client.people(true).await.expect("people").len() == people_before {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let interrupted = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(interrupted.success());
    let output = child.wait_with_output().expect("the import ends");
    let text = String::from_utf8_lossy(&output.stdout);
    assert_eq!(
        output.status.code(),
        Some(2),
        "a cancelled run exits 2, not killed by the signal: {text}"
    );
    assert!(text.contains("(cancelled)"), "{text}");
    assert!(text.contains("will be retried next run"), "{text}");
    // What the run says it left. Worknice's own count can reach everyone:
    // chunks already sent when the signal came are still made by Worknice
    // (a fast machine sends the last ones before the first answer), and the
    // next run links them.
    assert!(
        text.contains("not reached before the import was cancelled"),
        "the import stopped before doing everyone: {text}"
    );

    // The next run does the rest, creating nobody twice.
    let created_before_the_signal =
        client.people(true).await.expect("people").len() - people_before;
    let rest = profile.run_json(&["import", "--all", "--json"]);
    assert_eq!(
        created_before_the_signal as u64 + rest["created"].as_u64().expect("created"),
        would_create,
        "{rest}"
    );
    for (code, (people, _)) in worknice_state(&sandbox).await {
        assert!(people <= 1, "{code} is in Worknice {people} times");
    }
}
