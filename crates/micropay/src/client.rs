//! The HTTP client: Basic auth plus the `Api-Key` header on every request,
//! retries with backoff and jitter on reads. Nothing a server sends is
//! trusted to be small or to end: bodies are read under a cap, list reads
//! stop at a page limit, and redirects are refused (see WIRE.md).

use std::time::Duration;

use backon::Retryable;
use base64::Engine as _;
use chrono::{NaiveDate, NaiveDateTime};
use paybridge_http::{
    describe_size, display_url, read_capped, redirect_target, BodyError, RetryPolicy,
    TransportFailure,
};
use reqwest::header::{HeaderMap, HeaderValue};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::value::RawValue;
use url::Url;

use crate::config::{validated_base_url, MicropayConfig};
use crate::error::MicropayError;
use crate::paging::{self, PageCount};
use crate::vendor_errors;
use crate::wire::{
    self, DeletedEmployee, EmployeeDetail, Lookup, LookupTypeItem, Page, PageError, PageInfo,
};

const API_KEY_HEADER: &str = "Api-Key";
/// How often a read that timed out is sent again (see `get_body`).
const MAX_TIMEOUT_RETRIES: u32 = 1;
/// The reference's default and largest useful page.
pub const DEFAULT_PAGE_SIZE: u32 = 1000;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct EmployeeQuery {
    pub include_terminated: bool,
    pub changed_since: Option<NaiveDateTime>,
    /// Only with `include_terminated`: leavers terminated on or after this.
    pub terminated_since: Option<NaiveDate>,
    /// 1-based; `None` is the first page.
    pub page: Option<u32>,
    /// `None` is the reference's default, 1000.
    pub page_size: Option<u32>,
}

/// What "Test connection" shows: "Connected to Demo Pty Ltd — 250 employees".
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MicropayConnectionSummary {
    pub payroll_companies: Vec<String>,
    pub employee_count: u64,
}

#[derive(Debug, Clone)]
pub struct MicropayClient {
    http: reqwest::Client,
    base_url: Url,
    username: String,
    password: paybridge_domain::Sensitive<String>,
    /// Base 64 of the key, marked sensitive: HTTP-level logging and Debug
    /// show a placeholder.
    api_key: HeaderValue,
    timeout: Duration,
    retry: RetryPolicy,
    max_response_bytes: usize,
    max_pages: u32,
}

impl MicropayClient {
    pub fn new(config: MicropayConfig) -> Result<Self, MicropayError> {
        let base_url = validated_base_url(&config.base_url)?;
        let mut api_key = api_key_header(config.api_key.expose())?;
        api_key.set_sensitive(true);
        // No redirects (the builder's default): MicrOpay documents none, and
        // a 3xx becomes an error naming where it pointed.
        let http =
            paybridge_http::client_builder(&base_url, config.timeout, Duration::from_secs(15))
                .build()
                .map_err(|err| MicropayError::Tls {
                    url: display_url(&base_url),
                    reason: format!("the secure connection could not be prepared ({err})"),
                })?;
        Ok(Self {
            http,
            base_url,
            username: config.username,
            password: config.password,
            api_key,
            timeout: config.timeout,
            retry: config.retry,
            max_response_bytes: config.max_response_bytes,
            max_pages: config.max_pages,
        })
    }

    pub fn base_url(&self) -> &Url {
        &self.base_url
    }

    /// `GET api/EmployeeDetails`: one page. Each employee is read on its
    /// own: one with a field that cannot be read comes back with it named in
    /// `unreadable_fields`, and the others are unaffected.
    pub async fn employees_page(
        &self,
        query: &EmployeeQuery,
    ) -> Result<Page<EmployeeDetail>, MicropayError> {
        let mut params: Vec<(&str, String)> =
            vec![("includeTerminated", query.include_terminated.to_string())];
        if let Some(changed_since) = query.changed_since {
            params.push((
                "changedSince",
                changed_since.format("%Y-%m-%dT%H:%M:%S").to_string(),
            ));
        }
        if query.include_terminated {
            // Mandatory on the list form; the earliest date means "all leavers".
            let since = query
                .terminated_since
                .unwrap_or(NaiveDate::from_ymd_opt(1900, 1, 1).unwrap_or_default());
            params.push(("terminatedSince", since.format("%Y-%m-%d").to_string()));
        }
        params.push(("page", query.page.unwrap_or(1).to_string()));
        params.push((
            "pageSize",
            query.page_size.unwrap_or(DEFAULT_PAGE_SIZE).to_string(),
        ));
        let page_size = query.page_size.unwrap_or(DEFAULT_PAGE_SIZE);
        self.get_page(
            "api/EmployeeDetails",
            &params,
            "employee list",
            page_size,
            |raw| Ok(wire::employee_from_raw(raw)),
        )
        .await
    }

    /// How many pages a list has, from its first page's `pageInfo`:
    /// `ceil(totalCount / pageSize)`, an error when that is more than the
    /// page limit, or [`PageCount::Uncounted`] when the page gives no count.
    /// For readers that fetch pages 2.. side by side.
    pub fn page_count(&self, info: &PageInfo, page_size: u32) -> Result<PageCount, MicropayError> {
        paging::page_count(info, page_size, self.max_pages)
    }

    /// Whether to read the page after `page_number`, which brought
    /// `received` items and `info`: the same rule [`Self::all_employees`]
    /// follows, for readers of an uncounted list.
    pub fn another_page(
        &self,
        page_number: u32,
        info: &PageInfo,
        page_size: u32,
        received: usize,
    ) -> Result<bool, MicropayError> {
        paging::another_page(page_number, info, page_size, received, self.max_pages)
    }

    /// Every employee payroll changed at or after `since` (leavers included,
    /// so a termination is seen), all pages, by the one paging rule.
    /// MicrOpay keeps no per-field dates: this narrows a read, and a
    /// periodic full read must still back it up.
    pub async fn employees_changed_since(
        &self,
        since: NaiveDateTime,
    ) -> Result<Vec<EmployeeDetail>, MicropayError> {
        self.all_employees(&EmployeeQuery {
            include_terminated: true,
            changed_since: Some(since),
            ..EmployeeQuery::default()
        })
        .await
    }

    /// Every page of `api/EmployeeDetails` for the query (its `page` is ignored).
    pub async fn all_employees(
        &self,
        query: &EmployeeQuery,
    ) -> Result<Vec<EmployeeDetail>, MicropayError> {
        let page_size = query.page_size.unwrap_or(DEFAULT_PAGE_SIZE);
        let mut employees = Vec::new();
        let mut page_number = 1;
        loop {
            let page = self
                .employees_page(&EmployeeQuery {
                    page: Some(page_number),
                    ..query.clone()
                })
                .await?;
            let received = page.items.len();
            employees.extend(page.items);
            let more = paging::another_page(
                page_number,
                &page.page_info,
                page_size,
                received,
                self.max_pages,
            )?;
            if !more {
                return Ok(employees);
            }
            page_number += 1;
        }
    }

    /// `GET api/EmployeeDetails/{empCode}`.
    pub async fn employee(&self, emp_code: &str) -> Result<EmployeeDetail, MicropayError> {
        let mut url = self.url("api/EmployeeDetails/")?;
        url.path_segments_mut()
            .map_err(|_| MicropayError::InvalidUrl {
                url: Some(display_url(&self.base_url)),
                reason: "it cannot take a path".to_owned(),
            })?
            .pop_if_empty()
            .push(emp_code);
        let (employee, _) = self
            .get_json(url, &[], &format!("employee with code {emp_code}"))
            .await?;
        Ok(wire::employee_from_value(employee))
    }

    /// `GET api/LookupTypes`: the names of the lookup types.
    pub async fn lookup_types(&self) -> Result<Vec<String>, MicropayError> {
        let params = [
            ("page", "1".to_owned()),
            ("pageSize", DEFAULT_PAGE_SIZE.to_string()),
        ];
        let page: Page<LookupTypeItem> = self
            .get_page(
                "api/LookupTypes",
                &params,
                "lookup types",
                DEFAULT_PAGE_SIZE,
                parse_item,
            )
            .await?;
        Ok(page
            .items
            .into_iter()
            .map(LookupTypeItem::into_name)
            .collect())
    }

    /// `GET api/LookupType?type=`: every code of one lookup type.
    pub async fn lookup(&self, lookup_type: &str) -> Result<Vec<Lookup>, MicropayError> {
        let params = [
            ("type", lookup_type.to_owned()),
            ("page", "1".to_owned()),
            ("pageSize", DEFAULT_PAGE_SIZE.to_string()),
        ];
        let page: Page<Lookup> = self
            .get_page(
                "api/LookupType",
                &params,
                &format!("{lookup_type} lookup"),
                DEFAULT_PAGE_SIZE,
                parse_item,
            )
            .await?;
        Ok(page.items)
    }

    /// `GET api/LookupList`: every lookup of every type, all pages.
    pub async fn lookup_list(&self) -> Result<Vec<Lookup>, MicropayError> {
        self.all_pages("api/LookupList", &[], "lookup list").await
    }

    /// Every page of a list, one after another, with `params` on each.
    async fn all_pages<T: DeserializeOwned>(
        &self,
        path: &str,
        params: &[(&str, String)],
        what: &str,
    ) -> Result<Vec<T>, MicropayError> {
        let mut items = Vec::new();
        let mut page_number = 1;
        loop {
            let mut page_params = params.to_vec();
            page_params.push(("page", page_number.to_string()));
            page_params.push(("pageSize", DEFAULT_PAGE_SIZE.to_string()));
            let page: Page<T> = self
                .get_page(path, &page_params, what, DEFAULT_PAGE_SIZE, parse_item)
                .await?;
            let received = page.items.len();
            items.extend(page.items);
            let more = paging::another_page(
                page_number,
                &page.page_info,
                DEFAULT_PAGE_SIZE,
                received,
                self.max_pages,
            )?;
            if !more {
                return Ok(items);
            }
            page_number += 1;
        }
    }

    /// `GET api/DeletedEmployees?deletedSince=`.
    pub async fn deleted_employees(
        &self,
        since: NaiveDate,
    ) -> Result<Vec<DeletedEmployee>, MicropayError> {
        let url = self.url("api/DeletedEmployees")?;
        let params = [("deletedSince", since.format("%Y-%m-%d").to_string())];
        let (deleted, _) = self.get_json(url, &params, "deleted employee list").await?;
        Ok(deleted)
    }

    /// Cheap: a one-employee page for the total, and the PayrollCompany lookup.
    pub async fn test_connection(&self) -> Result<MicropayConnectionSummary, MicropayError> {
        let first = self
            .employees_page(&EmployeeQuery {
                page_size: Some(1),
                ..EmployeeQuery::default()
            })
            .await?;
        let companies = self.lookup("PayrollCompany").await?;
        Ok(MicropayConnectionSummary {
            payroll_companies: companies
                .into_iter()
                .filter(|company| company.active)
                .map(|company| {
                    if company.description.is_empty() {
                        company.code
                    } else {
                        company.description
                    }
                })
                .collect(),
            employee_count: first.page_info.total_count,
        })
    }

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
    async fn get_page<T>(
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
    fn redirected(&self, response: &reqwest::Response, headers: &HeaderMap) -> MicropayError {
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
    fn request(&self, url: Url, params: &[(&str, String)]) -> reqwest::RequestBuilder {
        self.http
            .get(url)
            .query(params)
            .basic_auth(&self.username, Some(self.password.expose()))
            .header(API_KEY_HEADER, self.api_key.clone())
            .header(reqwest::header::ACCEPT, "application/json")
    }

    fn transport_error(&self, err: &reqwest::Error) -> MicropayError {
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

/// The `Api-Key` header: the key Base 64 encoded, as the reference's
/// walkthrough says of both the username/password and the key (WIRE.md).
/// Control characters (a line break inside a pasted key) are refused.
fn api_key_header(key: &str) -> Result<HeaderValue, MicropayError> {
    let key = key.trim();
    if key.chars().any(char::is_control) {
        return Err(MicropayError::ApiKeyUnusable);
    }
    HeaderValue::from_str(&base64::engine::general_purpose::STANDARD.encode(key))
        .map_err(|_| MicropayError::ApiKeyUnusable)
}

/// One item of a list that is not an employee, read whole.
fn parse_item<T: DeserializeOwned>(raw: &RawValue) -> Result<T, serde_json::Error> {
    wire::from_slice(raw.get().as_bytes())
}

/// Where the JSON went wrong, without quoting the body.
fn describe_json_error(err: &serde_json::Error) -> String {
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

mod leave_applications;
#[cfg(test)]
mod tests;
mod writes;
