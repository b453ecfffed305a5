//! The client over real HTTP against the Worknice sandbox on 127.0.0.1:
//! reads, authentication, addresses, and keeping the token out of errors.

mod common;

use common::{client_for, closed_port_url, config, count_requests, start};
use paybridge_sandbox::worknice::{PersonStatus, SandboxPerson, GRAPHQL_PATH};
use paybridge_sandbox::{Fault, FaultKind, Sandbox, SandboxOptions};
use paybridge_worknice::{WorkniceClient, WorkniceError, WorkniceErrorKind, WorknicePersonStatus};

#[tokio::test]
async fn organisation_name_and_count_match_the_sandbox() {
    let running = start(11).await;
    let organisation = client_for(&running)
        .organisation()
        .await
        .expect("connection test");
    let not_archived = running
        .server
        .people()
        .iter()
        .filter(|p| !p.is_archived())
        .count();
    assert_eq!(organisation.name, running.server.organisation());
    assert!(!organisation.name.is_empty());
    assert_eq!(organisation.people_count, not_archived as u64);
}

#[tokio::test]
async fn people_carry_every_field_of_the_people_query() {
    let running = start(12).await;
    let people = client_for(&running).people(false).await.expect("people");
    let expected: Vec<SandboxPerson> = running
        .server
        .people()
        .into_iter()
        .filter(|p| !p.is_archived())
        .collect();
    assert_eq!(people.len(), expected.len());
    for (person, seeded) in people.iter().zip(&expected) {
        assert_eq!(person.id, seeded.id);
        assert_eq!(person.display_name, seeded.display_name);
        assert_eq!(person.employee_code, seeded.employee_code);
        assert_eq!(person.start_date, seeded.start_date);
        assert_eq!(person.profile_email, seeded.profile_email);
        assert_eq!(person.profile_phone, seeded.profile_phone);
        assert_eq!(person.location, seeded.location);
        assert_eq!(person.position_title, seeded.position_title);
        let status = match seeded.status {
            PersonStatus::Active => WorknicePersonStatus::Active,
            PersonStatus::PreStart => WorknicePersonStatus::PreStart,
            PersonStatus::Archived => WorknicePersonStatus::Archived,
        };
        assert_eq!(person.status, Some(status));
    }
    assert!(
        people.iter().any(|p| p.employee_code.is_some()),
        "some are payroll employees"
    );
    assert!(
        people.iter().any(|p| p.employee_code.is_none()),
        "some exist only in Worknice"
    );
}

#[tokio::test]
async fn archived_people_come_only_when_asked_for() {
    let running = start(13).await;
    let client = client_for(&running);
    let current = client.people(false).await.expect("people");
    let everyone = client.people(true).await.expect("people with archived");
    let archived = |people: &[paybridge_worknice::WorknicePerson]| {
        people
            .iter()
            .filter(|p| p.status == Some(WorknicePersonStatus::Archived))
            .count()
    };
    assert_eq!(archived(&current), 0);
    assert!(archived(&everyone) >= 1);
    assert_eq!(everyone.len(), running.server.people().len());
    assert_eq!(everyone.len(), current.len() + archived(&everyone));
}

#[tokio::test]
async fn a_wrong_token_is_rejected_once_without_retrying() {
    let running = start(14).await;
    count_requests(&running);
    let client = WorkniceClient::new(config(
        &running.server.credentials().url,
        "wn-not-the-token",
    ))
    .expect("config");
    let error = client.organisation().await.expect_err("wrong token");
    assert_eq!(error.kind(), WorkniceErrorKind::TokenRejected);
    assert!(matches!(error, WorkniceError::TokenRejected));
    assert_eq!(running.server.faults().fired(), 1, "exactly one request");
}

#[tokio::test]
async fn a_closed_port_is_unreachable() {
    let client = WorkniceClient::new(config(&closed_port_url(), "token")).expect("config");
    let error = client.organisation().await.expect_err("nothing listens");
    assert_eq!(error.kind(), WorkniceErrorKind::Unreachable);
    assert!(
        error.to_string().contains("Could not reach Worknice"),
        "{error}"
    );
}

#[tokio::test]
async fn https_to_a_plain_http_server_is_a_tls_failure() {
    let running = start(15).await;
    let https = running
        .server
        .credentials()
        .url
        .replacen("http://", "https://", 1);
    let error = WorkniceClient::new(config(&https, "token"))
        .expect("config")
        .organisation()
        .await
        .expect_err("no TLS");
    assert_eq!(error.kind(), WorkniceErrorKind::Tls, "{error:?}");
    assert!(
        error
            .to_string()
            .contains("did not answer in the secure protocol"),
        "{error}"
    );
}

#[tokio::test]
async fn plain_http_to_another_computer_is_refused() {
    let error =
        WorkniceClient::new(config("http://app.worknice.com", "token")).expect_err("insecure");
    assert_eq!(error.kind(), WorkniceErrorKind::InsecureUrl);
}

#[tokio::test]
async fn no_error_or_debug_output_shows_the_token() {
    let running = start(23).await;
    let token = running.server.credentials().token.clone();
    let base = running.server.credentials().url.clone();
    let mut errors = Vec::new();

    // The token pasted into the address: the 404's message names the endpoint.
    let pasted = WorkniceClient::new(config(&format!("{base}/{token}"), &token)).expect("config");
    errors.push(pasted.organisation().await.expect_err("no API there"));
    errors.push(
        WorkniceClient::new(config(&format!("http://example.com/{token}"), &token))
            .expect_err("insecure"),
    );
    let https = base.replacen("http://", "https://", 1);
    errors.push(
        WorkniceClient::new(config(&https, &token))
            .expect("config")
            .organisation()
            .await
            .expect_err("tls"),
    );
    errors.push(
        WorkniceClient::new(config(&closed_port_url(), &token))
            .expect("c")
            .organisation()
            .await
            .expect_err("x"),
    );
    running
        .server
        .faults()
        .add(Fault::times(GRAPHQL_PATH, FaultKind::MalformedBody, 1));
    let client = client_for(&running);
    errors.push(client.organisation().await.expect_err("malformed"));

    assert_eq!(
        errors[0].kind(),
        WorkniceErrorKind::NotFound,
        "{:?}",
        errors[0]
    );
    for error in &errors {
        assert!(
            !error.to_string().contains(&token),
            "Display leaks the token: {error}"
        );
        assert!(
            !format!("{error:?}").contains(&token),
            "Debug leaks the token: {error:?}"
        );
    }
    assert!(!format!("{client:?}").contains(&token));
    assert!(!format!("{:?}", config(&base, &token)).contains(&token));
}

#[tokio::test]
async fn the_whole_sandbox_hands_out_working_credentials() {
    let options = SandboxOptions {
        employees: 20,
        seed: 24,
        ..SandboxOptions::default()
    };
    let sandbox = Sandbox::start(options).await.expect("start both sandboxes");
    let credentials = &sandbox.credentials.worknice;
    let client = WorkniceClient::new(config(&credentials.url, &credentials.token)).expect("config");
    let organisation = client.organisation().await.expect("connection test");
    assert_eq!(organisation.name, sandbox.worknice.organisation());
    sandbox.shutdown();
}
