//! The HTTP client: Basic auth plus the `Api-Key` header on every request,
//! retries with backoff and jitter on reads. Nothing a server sends is
//! trusted to be small or to end: bodies are read under a cap, list reads
//! stop at a page limit, and redirects are refused (see WIRE.md).

use std::time::Duration;

use base64::Engine as _;
use chrono::{NaiveDate, NaiveDateTime};
use paybridge_http::{display_url, RetryPolicy};
use reqwest::header::HeaderValue;
use serde::de::DeserializeOwned;
use serde::Serialize;
use url::Url;

use crate::config::{validated_base_url, MicropayConfig};
use crate::error::MicropayError;
use crate::paging::{self, PageCount};
use crate::wire::{self, DeletedEmployee, EmployeeDetail, Lookup, LookupTypeItem, Page, PageInfo};
use transport::parse_item;

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

mod leave_applications;
#[cfg(test)]
mod tests;
mod transport;
mod writes;
