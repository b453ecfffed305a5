//! The HTTP side: one POST per GraphQL operation, retried when it may help.

use std::time::Duration;

use backon::Retryable;
use paybridge_domain::Sensitive;
use paybridge_http::{
    describe_size, display_url, read_capped, redirect_target, root_cause, BodyError, RetryPolicy,
    TransportFailure,
};
use reqwest::header::HeaderValue;
use reqwest::StatusCode;
use serde::de::DeserializeOwned;
use serde_json::{json, Value};
use url::Url;

use crate::config::{self, WorkniceConfig};
use crate::documents::{self, ORGANISATION, PEOPLE};
use crate::error::WorkniceError;
use crate::model::{WorkniceOrganisation, WorknicePerson};
use crate::response::{no_refusal, org_of, read_data, wait_before_retry, Refusal};
use crate::wire::{OrganisationOrg, PeopleOrg, Person, SessionData};

const TOKEN_HEADER: &str = "worknice-api-token";

/// Whether an operation may be sent again after passing trouble.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Resend {
    /// A write that must not happen twice: the caller decides what to do.
    Never,
    /// A read, or a write that is idempotent by contract.
    WhenTransient,
}

#[derive(Debug, Clone)]
pub struct WorkniceClient {
    http: reqwest::Client,
    endpoint: Url,
    token: Sensitive<String>,
    timeout: Duration,
    retry: RetryPolicy,
    max_response_bytes: usize,
}

impl WorkniceClient {
    pub fn new(config: WorkniceConfig) -> Result<Self, WorkniceError> {
        let secret = config.token.expose().trim();
        let endpoint = config::endpoint(&config.base_url).map_err(|error| error.redact(secret))?;
        if secret.is_empty() {
            return Err(WorkniceError::TokenUnusable { problem: "empty" });
        }
        if HeaderValue::from_str(secret).is_err() {
            return Err(WorkniceError::TokenUnusable {
                problem: "made of characters that cannot be sent (such as line breaks inside it)",
            });
        }
        // No redirects (the builder's default): one would carry the token
        // header to wherever it points; a 3xx becomes an error naming where.
        let http =
            paybridge_http::client_builder(&endpoint, config.timeout, Duration::from_secs(10))
                .build()
                .map_err(|error| WorkniceError::Tls {
                    host: display_url(&endpoint),
                    detail: root_cause(&error),
                })?;
        Ok(Self {
            http,
            endpoint,
            token: Sensitive::new(secret.to_owned()),
            timeout: config.timeout,
            retry: config.retry,
            max_response_bytes: config.max_response_bytes,
        })
    }

    /// The GraphQL endpoint requests go to.
    pub fn endpoint(&self) -> &Url {
        &self.endpoint
    }

    /// The connection test: the organisation's name and how many people it has.
    pub async fn organisation(&self) -> Result<WorkniceOrganisation, WorkniceError> {
        let org: OrganisationOrg = self.query(ORGANISATION, json!({})).await?;
        Ok(WorkniceOrganisation {
            name: org.name,
            people_count: org.people.len() as u64,
        })
    }

    /// Everyone in the organisation; archived people only when asked for.
    /// A person with a field that cannot be read is kept by id, name and
    /// employee code, never failing the whole list.
    pub async fn people(
        &self,
        include_archived: bool,
    ) -> Result<Vec<WorknicePerson>, WorkniceError> {
        let org: PeopleOrg = self
            .query(PEOPLE, json!({ "includeArchived": include_archived }))
            .await?;
        Ok(org
            .people
            .into_iter()
            .filter_map(Person::read_listed)
            .collect())
    }

    /// Runs a read from `documents.graphql` and returns `session.org`. Reads
    /// are safe to send again, so passing trouble is retried.
    pub(crate) async fn query<Org: DeserializeOwned>(
        &self,
        operation: &'static str,
        variables: Value,
    ) -> Result<Org, WorkniceError> {
        let data: SessionData<Org> = self
            .run(
                operation,
                variables,
                Resend::WhenTransient,
                &no_refusal,
                &[],
            )
            .await?;
        org_of(data)
    }

    /// Runs one operation from `documents.graphql` and returns its `data`.
    /// `refusal` types the GraphQL errors the operation expects; every
    /// string in `secrets` (and the token) is masked in the error, and so is
    /// every long number in text Worknice sent.
    pub(crate) async fn run<Data: DeserializeOwned>(
        &self,
        operation: &'static str,
        variables: Value,
        resend: Resend,
        refusal: Refusal<'_>,
        secrets: &[&str],
    ) -> Result<Data, WorkniceError> {
        let document =
            documents::operation(operation).ok_or_else(|| WorkniceError::MalformedResponse {
                detail: format!("Paybridge has no {operation} operation (a bug in Paybridge)"),
            })?;
        let body = json!({ "query": document, "operationName": operation, "variables": variables });
        self.retrying(operation, resend, secrets, || self.send(&body, refusal))
            .await
    }

    /// `attempt`, again while it fails with passing trouble when `resend`
    /// allows, its error scrubbed of `secrets`, the token and long numbers.
    pub(crate) async fn retrying<T, Fut>(
        &self,
        operation: &'static str,
        resend: Resend,
        secrets: &[&str],
        mut attempt: impl FnMut() -> Fut,
    ) -> Result<T, WorkniceError>
    where
        Fut: std::future::Future<Output = Result<T, WorkniceError>>,
    {
        let scrub = |error: WorkniceError| self.scrub(error, secrets);
        match resend {
            Resend::Never => attempt().await.map_err(scrub),
            Resend::WhenTransient => {
                let max_retry_after = self.retry.max_retry_after;
                attempt
                    .retry(self.retry.backoff())
                    .when(WorkniceError::is_transient)
                    .adjust(|error, backoff| wait_before_retry(error, backoff, max_retry_after))
                    .notify(|error, wait| {
                        tracing::warn!(operation, kind = ?error.kind(), wait_ms = wait.as_millis() as u64, "retrying Worknice");
                    })
                    .await
                    .map_err(scrub)
            }
        }
    }

    /// `error` with every string in `secrets`, the token and every long
    /// number masked: exact secrets first, then any long number, then the
    /// length cut.
    pub(crate) fn scrub(&self, error: WorkniceError, secrets: &[&str]) -> WorkniceError {
        error
            .redact_all(secrets.iter().copied())
            .redact(self.token.expose())
            .mask_vendor_text()
    }

    /// One POST, and its answer read down to `data`.
    async fn send<Data: DeserializeOwned>(
        &self,
        body: &Value,
        refusal: Refusal<'_>,
    ) -> Result<Data, WorkniceError> {
        let (status, bytes) = self.post(body).await?;
        read_data(status, &bytes, refusal)
    }

    /// One POST: the answer's status and body, or the error its status or
    /// transport means.
    pub(crate) async fn post(&self, body: &Value) -> Result<(StatusCode, Vec<u8>), WorkniceError> {
        let response = self
            .http
            .post(self.endpoint.clone())
            .header(TOKEN_HEADER, self.token_header()?)
            .json(body)
            .send()
            .await
            .map_err(|error| self.transport_error(&error))?;

        let status = response.status();
        if status.is_redirection() {
            return Err(WorkniceError::Redirected {
                host: display_url(&self.endpoint),
                to: redirect_target(response.url(), response.headers()),
            });
        }
        match status {
            StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN => {
                return Err(WorkniceError::TokenRejected)
            }
            StatusCode::TOO_MANY_REQUESTS => {
                return Err(WorkniceError::RateLimited {
                    retry_after: paybridge_http::retry_after(response.headers()),
                })
            }
            StatusCode::NOT_FOUND | StatusCode::METHOD_NOT_ALLOWED => {
                return Err(WorkniceError::NotFound {
                    endpoint: self.endpoint.to_string(),
                })
            }
            status if status.is_server_error() => {
                return Err(WorkniceError::Server {
                    status: status.as_u16(),
                })
            }
            _ => {}
        }
        let bytes = read_capped(response, self.max_response_bytes)
            .await
            .map_err(|error| match error {
                BodyError::TooLarge { cap } => WorkniceError::TooLarge {
                    limit: describe_size(cap),
                },
                BodyError::Transport(error) => self.transport_error(&error),
            })?;
        Ok((status, bytes))
    }

    /// The token as a header value marked sensitive, so that HTTP-level
    /// logging and debug output show a placeholder instead.
    fn token_header(&self) -> Result<HeaderValue, WorkniceError> {
        let mut token = HeaderValue::from_str(self.token.expose()).map_err(|_| {
            WorkniceError::TokenUnusable {
                problem: "made of characters that cannot be sent",
            }
        })?;
        token.set_sensitive(true);
        Ok(token)
    }

    fn transport_error(&self, error: &reqwest::Error) -> WorkniceError {
        let host = display_url(&self.endpoint);
        match paybridge_http::classify(error) {
            TransportFailure::TimedOut => WorkniceError::TimedOut {
                host,
                seconds: self.timeout.as_secs().max(1),
            },
            TransportFailure::Tls { detail } => WorkniceError::Tls { host, detail },
            TransportFailure::Unreachable { cause } => WorkniceError::Unreachable {
                host,
                detail: cause,
            },
            // The request went out; the answer was cut off or never came.
            TransportFailure::Dropped { cause } | TransportFailure::NotSent { cause } => {
                WorkniceError::ConnectionDropped {
                    host,
                    detail: cause,
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_token_header_is_marked_sensitive() {
        let config = WorkniceConfig::new(
            Url::parse("https://app.worknice.com").expect("a URL"),
            Sensitive::new("wn-token".to_owned()),
        );
        let header = WorkniceClient::new(config)
            .expect("valid")
            .token_header()
            .expect("sendable");
        assert!(header.is_sensitive());
        assert!(!format!("{header:?}").contains("wn-token"));
    }
}
