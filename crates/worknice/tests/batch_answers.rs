//! A Worknice answering creates in a way the sandbox never does: a created
//! person whose answer carries an error deeper down (GraphQL's partial
//! data) was created all the same, so their outcome must say so, never read
//! as a refusal that a caller sends again. One create or several at once.

mod common;

use axum::routing::post;
use axum::{Json, Router};
use common::{config, connection_to, sample_person};
use paybridge_worknice::{NewPerson, NewPersonConnection, WorkniceClient};
use serde_json::{json, Value};
use tokio::net::TcpListener;
use tokio_util::sync::CancellationToken;

/// A server on 127.0.0.1 that answers every GraphQL request with `answer`;
/// stops when the token is dropped.
async fn answering(answer: Value) -> (String, tokio_util::sync::DropGuard) {
    let listener = TcpListener::bind(("127.0.0.1", 0))
        .await
        .expect("bind a free port");
    let url = format!("http://{}", listener.local_addr().expect("address"));
    let router = Router::new().route(
        "/api/graphql",
        post(move || {
            let answer = answer.clone();
            async move { Json::<Value>(answer) }
        }),
    );
    let shutdown = CancellationToken::new();
    let stop = shutdown.clone();
    tokio::spawn(async move {
        axum::serve(listener, router)
            .with_graceful_shutdown(stop.cancelled_owned())
            .await
    });
    (url, shutdown.drop_guard())
}

#[tokio::test]
async fn a_created_person_with_an_error_below_them_is_not_a_refusal() {
    let (url, _stop) = answering(json!({
        "data": {
            "p0": { "id": "made-0", "displayName": "Jane Citizen", "employeeCode": "B0",
                    "connection": null },
            "p1": null,
        },
        "errors": [
            { "message": "connection could not be loaded", "path": ["p0", "connection"] },
            { "message": "refused", "path": ["p1"] },
        ],
    }))
    .await;
    let people: Vec<(NewPerson, NewPersonConnection)> = ["B0", "B1"]
        .iter()
        .map(|code| {
            (
                sample_person(code),
                connection_to(&format!("R-{code}"), code),
            )
        })
        .collect();
    let outcomes = WorkniceClient::new(config(&url, "wn-test-token"))
        .expect("a client")
        .create_connected_people(&people)
        .await
        .expect("an answer per person");

    let made = outcomes[0].as_ref().expect_err("no link came back");
    assert!(
        made.outcome_unknown(),
        "created, so to be looked up before sending again: {made:?}"
    );
    let refused = outcomes[1].as_ref().expect_err("refused");
    assert!(!refused.outcome_unknown(), "{refused:?}");
}

#[tokio::test]
async fn one_create_answered_with_the_person_and_an_error_below_them_is_not_a_refusal() {
    let (url, _stop) = answering(json!({
        "data": { "createPerson": { "id": "made-0", "displayName": "Jane Citizen",
                                    "employeeCode": "C0", "connection": null } },
        "errors": [
            { "message": "connection could not be loaded", "path": ["createPerson", "connection"] },
        ],
    }))
    .await;
    let error = WorkniceClient::new(config(&url, "wn-test-token"))
        .expect("a client")
        .create_connected_person(&sample_person("C0"), &connection_to("R-C0", "C0"))
        .await
        .expect_err("no link came back");
    assert!(
        error.outcome_unknown(),
        "created, so to be looked up before sending again: {error:?}"
    );
}
