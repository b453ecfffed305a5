//! The client's HTTP plumbing: addresses, one GET read under the body cap
//! with its retries, paged reads, and what a failed request is called.
//! Redirects are refused here (WIRE.md).

use backon::Retryable;
use paybridge_http::{
    describe_size, display_url, read_capped, redirect_target, BodyError, TransportFailure,
};
use reqwest::header::HeaderMap;
use serde::de::DeserializeOwned;
use serde_json::value::RawValue;
use url::Url;

use super::{MicropayClient, API_KEY_HEADER, MAX_TIMEOUT_RETRIES};
use crate::error::MicropayError;
use crate::vendor_errors;
use crate::wire::{self, Page, PageError, PageInfo};

impl MicropayClient {
    pub(crate) fn url(&self, path: &str) -> Result<Url, MicropayError> {
        self.base_url
            .join(path)
            .map_err(|err| MicropayError::InvalidUrl {
                url: Some(display_url(&self.base_url)),
                reason: err.to_string(),
            })
    }

    /// A paged list of at most `page_size` items, each read by `read_item`;
    /// when the body lacks `pageInfo`, the `X-Pagination` header (kept by
    /// MicrOpay for backwards compatibility) stands in.
    pub(super) async fn get_page<T>(
        &self,
        path: &str,
        params: &[(&str, String)],
        what: &str,
        page_size: u32,
        read_item: impl Fn(&RawValue) -> Result<T, serde_json::Error>,
    ) -> Result<Page<T>, MicropayError> {
        let url = self.url(path)?;
        let (body, headers) = self.get_body(url, params, what).await?;
        let max_items = usize::try_from(page_size).unwrap_or(usize::MAX);
        let mut page =
            wire::parse_page(&body, max_items, read_item).map_err(|error| match error {
                PageError::TooManyItems => MicropayError::PageTooLong { page_size },
                PageError::Json(err) => MicropayError::MalformedResponse {
                    detail: describe_json_error(&err),
                },
            })?;
        if page.page_info == PageInfo::default() {
            if let Some(info) = headers
                .get("X-Pagination")
                .and_then(|value| wire::from_slice::<PageInfo>(value.as_bytes()).ok())
            {
                page.page_info = info;
            }
        }
        Ok(page)
    }

    pub(crate) async fn get_json<T: DeserializeOwned>(
        &self,
        url: Url,
        params: &[(&str, String)],
        what: &str,
    ) -> Result<(T, HeaderMap), MicropayError> {
        let (body, headers) = self.get_body(url, params, what).await?;
        let parsed = wire::from_slice(&body).map_err(|err| MicropayError::MalformedResponse {
            detail: describe_json_error(&err),
        })?;
        Ok((parsed, headers))
    }

    /// The body of a successful GET, retried as the policy says.
    async fn get_body(
        &self,
        url: Url,
        params: &[(&str, String)],
        what: &str,
    ) -> Result<(Vec<u8>, HeaderMap), MicropayError> {
        let max_retry_after = self.retry.max_retry_after;
        let attempt = || self.get_once(url.clone(), params, what);
        // A timeout is tried again once, not as often as the policy allows:
        // each costs the whole timeout (a minute by default), and a server
        // that did not answer in one rarely answers in the next four.
        let timeouts = std::sync::atomic::AtomicU32::new(0);
        let worth_retrying = |error: &MicropayError| match error {
            MicropayError::NotResponding { .. } => {
                timeouts.fetch_add(1, std::sync::atomic::Ordering::Relaxed) < MAX_TIMEOUT_RETRIES
            }
            other => other.is_retryable(),
        };
        let (body, headers) = attempt
            .retry(self.retry.backoff())
            .sleep(tokio::time::sleep)
            .when(worth_retrying)
            .adjust(move |error, backoff| {
                paybridge_http::wait_before_retry(error.retry_after(), backoff, max_retry_after)
            })
            .notify(|error, delay| {
                tracing::debug!(kind = ?error.kind(), ?delay, "retrying a MicrOpay read");
            })
            .await?;
        Ok((body, headers))
    }

    /// A redirect is refused, never followed (MicrOpay documents none, and
    /// following one could carry the credentials elsewhere): it is named.
    pub(super) fn redirected(
        &self,
        response: &reqwest::Response,
        headers: &HeaderMap,
    ) -> MicropayError {
        MicropayError::Redirected {
            url: display_url(&self.base_url),
            to: redirect_target(response.url(), headers),
        }
    }

    async fn get_once(
        &self,
        url: Url,
        params: &[(&str, String)],
        what: &str,
    ) -> Result<(Vec<u8>, HeaderMap), MicropayError> {
        let response = self
            .request(url, params)
            .send()
            .await
            .map_err(|err| self.transport_error(&err))?;
        let status = response.status();
        let headers = response.headers().clone();
        if status.is_redirection() {
            return Err(self.redirected(&response, &headers));
        }
        let body = read_capped(response, self.max_response_bytes)
            .await
            .map_err(|error| match error {
                BodyError::TooLarge { cap } => MicropayError::TooLarge {
                    limit: describe_size(cap),
                },
                BodyError::Transport(err) => self.transport_error(&err),
            })?;
        if status.is_success() {
            Ok((body, headers))
        } else {
            Err(vendor_errors::classify(status, &headers, &body, what))
        }
    }

    /// A GET with both credentials; each header that carries one is marked
    /// sensitive (reqwest does so for Basic auth).
    pub(super) fn request(&self, url: Url, params: &[(&str, String)]) -> reqwest::RequestBuilder {
        self.http
            .get(url)
            .query(params)
            .basic_auth(&self.username, Some(self.password.expose()))
            .header(API_KEY_HEADER, self.api_key.clone())
            .header(reqwest::header::ACCEPT, "application/json")
    }

    pub(super) fn transport_error(&self, err: &reqwest::Error) -> MicropayError {
        let url = display_url(&self.base_url);
        let (reason, retryable) =
            match paybridge_http::classify(err) {
                TransportFailure::Tls { .. } => return MicropayError::Tls {
                    url,
                    reason:
                        "the server's certificate could not be verified, or it does not speak https"
                            .to_owned(),
                },
                // No answer, or one arriving too slowly to finish in time.
                TransportFailure::TimedOut => {
                    return MicropayError::NotResponding {
                        url,
                        seconds: self.timeout.as_secs().max(1),
                    }
                }
                TransportFailure::Unreachable { .. } => (
                    "the connection was refused or the address could not be found",
                    false,
                ),
                TransportFailure::Dropped { .. } => (
                    "the connection dropped before the answer was complete",
                    true,
                ),
                TransportFailure::NotSent { .. } => ("the request could not be sent", true),
            };
        MicropayError::Unreachable {
            url,
            reason: reason.to_owned(),
            retryable,
        }
    }
}

/// One item of a list that is not an employee, read whole.
pub(super) fn parse_item<T: DeserializeOwned>(raw: &RawValue) -> Result<T, serde_json::Error> {
    wire::from_slice(raw.get().as_bytes())
}

/// Where the JSON went wrong, without quoting the body.
pub(super) fn describe_json_error(err: &serde_json::Error) -> String {
    use serde_json::error::Category;
    match err.classify() {
        Category::Eof => "the answer was cut short".to_owned(),
        Category::Syntax => format!(
            "not valid JSON at line {}, column {}",
            err.line(),
            err.column()
        ),
        Category::Data => "the JSON did not have the expected shape".to_owned(),
        Category::Io => "the answer could not be read".to_owned(),
    }
}
