//! The import's floor (`import_floor`, for `paybridge bench sync`) must be
//! the import minus the store: the same reads and writes, to the same end
//! in Worknice. Otherwise the ratio the bench prints says nothing. Real
//! HTTP to two sandboxes of the same seed; the engine's secrets in the
//! throwaway keyring of scripts/in-test-session.sh.

mod common;

use common::setup;
use paybridge_engine::{import_floor, ImportSelection, NoProgress, SandboxForms};
use paybridge_sandbox::{Sandbox, SandboxOptions};

/// Worknice's people as (employee code, name, status), and its connections
/// as (employee code, MicrOpay idEmployee): what an import leaves there.
type EndState = (Vec<(String, String, String)>, Vec<(String, String)>);

fn worknice_end_state(sandbox: &Sandbox) -> EndState {
    let mut people: Vec<_> = sandbox
        .worknice
        .people()
        .into_iter()
        .map(|person| {
            (
                person.employee_code.unwrap_or_default(),
                person.display_name,
                format!("{:?}", person.status),
            )
        })
        .collect();
    people.sort();
    let mut connections: Vec<_> = sandbox
        .worknice
        .connections()
        .into_iter()
        .map(|connection| (connection.employee_code, connection.remote_id))
        .collect();
    connections.sort();
    (people, connections)
}

#[tokio::test(flavor = "multi_thread")]
async fn the_floor_sends_what_the_import_sends_and_ends_where_it_ends() {
    const EMPLOYEES: usize = 40;
    const SEED: u64 = 42;
    let s = setup(EMPLOYEES, SEED).await;
    let twin = Sandbox::start(SandboxOptions {
        employees: EMPLOYEES,
        seed: SEED,
        ..SandboxOptions::default()
    })
    .await
    .expect("twin sandbox starts");
    assert_eq!(
        worknice_end_state(&s.sandbox),
        worknice_end_state(&twin),
        "the twins start alike"
    );

    let before = s.engine.request_counts();
    let summary = s
        .engine
        .import(ImportSelection::All, false, &NoProgress)
        .await
        .expect("the import runs");
    let after = s.engine.request_counts();
    let forms = SandboxForms::from(&twin.credentials);
    let floor = import_floor(&forms.micropay, &forms.worknice)
        .await
        .expect("the floor runs");

    assert!(
        summary.created > 0 && summary.linked > 0,
        "the seed gives both creates and links: {summary:?}"
    );
    assert_eq!(
        (floor.created, floor.linked),
        (summary.created, summary.linked)
    );
    assert_eq!(
        (floor.requests.micropay, floor.requests.worknice),
        (
            after.micropay - before.micropay,
            after.worknice - before.worknice
        ),
        "the same requests to each side"
    );
    assert_eq!(
        worknice_end_state(&twin),
        worknice_end_state(&s.sandbox),
        "the same people and connections in Worknice"
    );
}
