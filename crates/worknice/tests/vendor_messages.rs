//! A Worknice that echoes values back in its GraphQL error messages (the
//! sandbox never does): what it echoes must not reach the person reading the
//! error, however it is spaced and wherever the length cut falls.

mod common;

use axum::routing::post;
use axum::{Json, Router};
use common::config;
use paybridge_domain::Sensitive;
use paybridge_worknice::{PersonUpdate, WorkniceClient, WorkniceError, WorkniceTaxDetails};
use serde_json::{json, Value};
use tokio::net::TcpListener;
use tokio_util::sync::CancellationToken;

/// Longest GraphQL message Paybridge shows (`MAX_MESSAGE_CHARS`).
const SHOWN_CHARS: usize = 300;

struct EchoingWorknice {
    url: String,
    shutdown: CancellationToken,
}

impl Drop for EchoingWorknice {
    fn drop(&mut self) {
        self.shutdown.cancel();
    }
}

/// A server on 127.0.0.1 that answers every GraphQL request with one error
/// carrying `message`.
async fn echoing_worknice(message: String) -> EchoingWorknice {
    answering_worknice(json!({ "message": message })).await
}

/// A server on 127.0.0.1 that answers every GraphQL request with `error`.
async fn answering_worknice(error: Value) -> EchoingWorknice {
    let listener = TcpListener::bind(("127.0.0.1", 0))
        .await
        .expect("bind a free port");
    let url = format!("http://{}", listener.local_addr().expect("address"));
    let body = json!({ "errors": [error] });
    let router = Router::new().route(
        "/api/graphql",
        post(move || {
            let body = body.clone();
            async move { Json::<Value>(body) }
        }),
    );
    let shutdown = CancellationToken::new();
    let stop = shutdown.clone();
    tokio::spawn(async move {
        axum::serve(listener, router)
            .with_graceful_shutdown(stop.cancelled_owned())
            .await
    });
    EchoingWorknice { url, shutdown }
}

async fn refusal_from(server: &EchoingWorknice, token: &str) -> WorkniceError {
    WorkniceClient::new(config(&server.url, token))
        .expect("a loopback http url is accepted")
        .organisation()
        .await
        .expect_err("the server refuses")
}

/// `prefix`, padded so that the length cut falls after the first
/// `kept_chars` characters of `secret`, then `secret` and a tail.
fn cut_inside(prefix: &str, secret: &str, kept_chars: usize) -> String {
    let padding = SHOWN_CHARS - prefix.chars().count() - kept_chars;
    format!(
        "{prefix}{} {secret} is already on file.",
        "x".repeat(padding - 1)
    )
}

#[tokio::test]
async fn echoed_tax_file_numbers_are_masked_spaced_or_cut() {
    let message = cut_inside("TFN 123 456 782 is not valid. ", "123456782", 6);
    assert!(
        message
            .chars()
            .take(SHOWN_CHARS)
            .collect::<String>()
            .ends_with(" 123456"),
        "the cut falls inside the second TFN"
    );
    let server = echoing_worknice(message).await;
    let error = refusal_from(&server, "wn-test-token").await;

    assert!(matches!(error, WorkniceError::GraphQl { .. }), "{error:?}");
    let shown = error.to_string();
    assert!(shown.contains("TFN •••• is not valid."), "{shown}");
    for text in [shown, format!("{error:?}")] {
        assert!(!text.contains("123"), "a TFN leaked: {text}");
        assert!(!text.contains("456"), "a TFN leaked: {text}");
    }
}

#[tokio::test]
async fn an_echoed_token_is_masked_before_the_message_is_cut() {
    let token = "wn-echoed-token-abcdefghijklmnop";
    let server = echoing_worknice(cut_inside("Token ", token, 16)).await;
    let error = refusal_from(&server, token).await;

    let shown = error.to_string();
    assert!(shown.contains("x ••••"), "{shown}");
    for text in [shown, format!("{error:?}")] {
        assert!(
            !text.contains("wn-echoed"),
            "part of the token leaked: {text}"
        );
    }
}

#[tokio::test]
async fn a_refused_field_never_shows_the_value_echoed_in_its_name_or_message() {
    // Echoed grouped differently from what was sent, so only the masking of
    // long numbers can catch it, in the field's name as in the message.
    let server = answering_worknice(json!({
        "message": "taxDetails.tfn: 123-456-782 fails its checksum",
        "extensions": { "code": "BAD_USER_INPUT", "field": "taxDetails.tfn[123-456-782]" },
    }))
    .await;
    let update = PersonUpdate {
        tax: Some(Some(WorkniceTaxDetails {
            tfn: Sensitive::new("123456782".to_owned()),
            basis_of_payment: "F".to_owned(),
            australian_resident: true,
            tax_free_threshold: true,
            help_debt: false,
            sfss_debt: false,
        })),
        ..PersonUpdate::default()
    };
    let error = WorkniceClient::new(config(&server.url, "wn-test-token"))
        .expect("a loopback http url is accepted")
        .update_person("p1", &update)
        .await
        .expect_err("the server refuses");

    assert!(
        matches!(&error, WorkniceError::InvalidField { field, .. } if field.starts_with("taxDetails.tfn")),
        "{error:?}"
    );
    for text in [error.to_string(), format!("{error:?}")] {
        assert!(!text.contains("456"), "a TFN leaked: {text}");
    }
}
