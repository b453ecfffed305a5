//! A broken or hostile Worknice: an answer far too large, one that trickles,
//! and a redirect that would carry the API token elsewhere.

mod common;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use common::{client_for, config, start};
use paybridge_sandbox::{Fault, FaultKind};
use paybridge_worknice::{WorkniceClient, WorkniceError, WorkniceErrorKind};

const GRAPHQL: &str = "/api/graphql";

#[tokio::test]
async fn an_answer_streaming_past_the_cap_is_refused_while_it_streams() {
    let running = start(31).await;
    running.server.faults().add(Fault::times(
        GRAPHQL,
        FaultKind::HugeBody {
            bytes: 256 * 1024 * 1024,
        },
        1,
    ));
    let credentials = running.server.credentials();
    let mut config = config(&credentials.url, &credentials.token);
    config.max_response_bytes = 512 * 1024;
    let started = Instant::now();
    let error = WorkniceClient::new(config)
        .expect("valid")
        .people(true)
        .await
        .expect_err("over the cap");
    assert!(matches!(error, WorkniceError::TooLarge { .. }), "{error:?}");
    assert_eq!(
        error.to_string(),
        "Worknice sent more data than expected (more than 512 KiB in one answer), so Paybridge \
         stopped reading it. Try again later; if it keeps happening, tell Worknice support."
    );
    // Generous for a busy CI machine; the error and one fired fault are
    // what show it stopped at the cap.
    assert!(
        started.elapsed() < Duration::from_secs(30),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(running.server.faults().fired(), 1, "not retried");
}

#[tokio::test]
async fn the_default_cap_is_64_mib() {
    let running = start(32).await;
    running.server.faults().add(Fault::times(
        GRAPHQL,
        FaultKind::HugeBody {
            bytes: 200 * 1024 * 1024,
        },
        1,
    ));
    let error = client_for(&running)
        .organisation()
        .await
        .expect_err("200 MiB");
    assert!(error.to_string().contains("more than 64 MiB"), "{error}");
}

#[tokio::test]
async fn an_answer_that_trickles_is_not_responding() {
    let running = start(33).await;
    running.server.faults().add(Fault::times(
        GRAPHQL,
        FaultKind::Trickle {
            every: Duration::from_millis(200),
        },
        10,
    ));
    let credentials = running.server.credentials();
    let mut config = config(&credentials.url, &credentials.token);
    config.timeout = Duration::from_secs(1);
    config.retry.max_retries = 1;
    let error = WorkniceClient::new(config)
        .expect("valid")
        .people(false)
        .await
        .expect_err("never finishes");
    assert!(
        matches!(error, WorkniceError::TimedOut { seconds: 1, .. }),
        "{error:?}"
    );
    assert!(error.to_string().contains("is not responding"), "{error}");
    assert_eq!(running.server.faults().fired(), 2, "retried once");
}

#[tokio::test]
async fn a_redirect_is_refused_and_the_token_goes_nowhere_else() {
    // Where the redirect points: counts every connection made to it.
    let elsewhere = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let target = format!(
        "http://{}/api/graphql",
        elsewhere.local_addr().expect("address")
    );
    let connections = Arc::new(AtomicUsize::new(0));
    let counter = connections.clone();
    tokio::spawn(async move {
        while let Ok((_stream, _)) = elsewhere.accept().await {
            counter.fetch_add(1, Ordering::SeqCst);
        }
    });

    let running = start(34).await;
    running.server.faults().add(Fault::times(
        GRAPHQL,
        FaultKind::Redirect { to: target.clone() },
        1,
    ));
    let error = client_for(&running)
        .people(true)
        .await
        .expect_err("a redirect");
    assert_eq!(error.kind(), WorkniceErrorKind::InvalidUrl);
    let expected = target.trim_end_matches("/api/graphql");
    assert!(
        matches!(&error, WorkniceError::Redirected { to: Some(to), .. } if to == expected),
        "{error:?}"
    );
    assert!(error.to_string().contains(expected), "{error}");
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert_eq!(
        connections.load(Ordering::SeqCst),
        0,
        "nothing was sent there"
    );
}

#[tokio::test]
async fn one_unreadable_person_does_not_fail_the_people_list() {
    use axum::routing::post;
    use axum::{Json, Router};
    use serde_json::{json, Value};

    let people = json!([
        { "id": "p1", "displayName": "Good Person", "employeeCode": "E1", "startDate": "2020-01-02" },
        { "id": "p2", "displayName": "Bad Date", "employeeCode": "E2", "startDate": "31/12/2020",
          "location": { "name": "Sydney" } },
        { "id": "p3", "displayName": 42, "employeeCode": "E3", "status": "ARCHIVED" },
        { "id": null, "displayName": "No Id", "employeeCode": "E4" },
        { "id": null, "displayName": "Nothing to match" }
    ]);
    let body = json!({ "data": { "session": { "org": { "people": people } } } });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let url = format!("http://{}", listener.local_addr().expect("address"));
    let router = Router::new().route(
        GRAPHQL,
        post(move || {
            let body = body.clone();
            async move { Json::<Value>(body) }
        }),
    );
    let server = tokio::spawn(async move { axum::serve(listener, router).await });

    let listed = WorkniceClient::new(config(&url, "wn-token"))
        .expect("valid")
        .people(true)
        .await
        .expect("the list is read");
    server.abort();
    // id, employee code, start date, location, status, what could not be read.
    let summary: Vec<String> = listed
        .iter()
        .map(|p| {
            format!(
                "{} {:?} {:?} {:?} {:?} {:?}",
                p.id,
                p.employee_code,
                p.start_date.map(|d| d.to_string()),
                p.location,
                p.status,
                p.unreadable
            )
        })
        .collect();
    // Unreadable people are kept, so their employee codes stay taken; only
    // one with neither an id nor a code is left out.
    assert_eq!(
        summary,
        [
            r#"p1 Some("E1") Some("2020-01-02") None None None"#,
            r#"p2 Some("E2") None Some("Sydney") None None"#,
            r#"p3 Some("E3") None None Some(Archived) Some("its displayName is missing or not text")"#,
            r#" Some("E4") None None None Some("its id is missing or not text")"#,
        ]
    );
}

#[tokio::test]
async fn an_unreadable_person_does_not_fail_the_connection_test() {
    use axum::routing::post;
    use axum::{Json, Router};
    use serde_json::{json, Value};

    let body = json!({ "data": { "session": { "org": {
        "name": "Demo Pty Ltd",
        "people": [{ "id": "p1" }, { "id": null }, { "id": 42 }]
    } } } });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let url = format!("http://{}", listener.local_addr().expect("address"));
    let router = Router::new().route(
        GRAPHQL,
        post(move || {
            let body = body.clone();
            async move { Json::<Value>(body) }
        }),
    );
    let server = tokio::spawn(async move { axum::serve(listener, router).await });
    let organisation = WorkniceClient::new(config(&url, "wn-token"))
        .expect("valid")
        .organisation()
        .await
        .expect("the connection test reads");
    server.abort();
    assert_eq!(
        (organisation.name.as_str(), organisation.people_count),
        ("Demo Pty Ltd", 3)
    );
}
