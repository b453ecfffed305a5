//! The `worknice-api-token` check, and the answer to a missing or wrong token.
//!
//! Inferred: Worknice publishes no error format. This answers 401 with a
//! GraphQL-shaped body and the conventional `UNAUTHENTICATED` code, which is
//! what GraphQL servers of its kind send. Keep every part of that guess here.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{header, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

pub const TOKEN_HEADER: &str = "worknice-api-token";

#[derive(Clone)]
pub struct ApiToken(Arc<str>);

impl std::fmt::Debug for ApiToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ApiToken(<redacted>)")
    }
}

impl ApiToken {
    pub fn new(token: String) -> Self {
        Self(token.into())
    }
}

pub async fn require_api_token(
    State(expected): State<ApiToken>,
    request: Request,
    next: Next,
) -> Response {
    let presented = request
        .headers()
        .get(TOKEN_HEADER)
        .and_then(|value| value.to_str().ok());
    if presented == Some(&*expected.0) {
        next.run(request).await
    } else {
        unauthenticated()
    }
}

fn unauthenticated() -> Response {
    let body = serde_json::json!({
        "errors": [{
            "message": "Not authenticated: the API token is missing, revoked or wrong.",
            "extensions": { "code": "UNAUTHENTICATED" }
        }]
    });
    (
        StatusCode::UNAUTHORIZED,
        [(header::CONTENT_TYPE, "application/json")],
        body.to_string(),
    )
        .into_response()
}
