//! Handlers and the authentication check.

use std::collections::HashMap;
use std::sync::atomic::Ordering;
use std::sync::Arc;

use axum::extract::{Path, Query, Request, State};
use axum::http::{header, HeaderMap, HeaderValue};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use base64::Engine;
use chrono::{NaiveDate, NaiveDateTime};
use serde_json::Value;

use super::{vendor_errors, wire, MicropayState};
use crate::dataset::SeedEmployee;

type Shared = Arc<MicropayState>;

pub(super) fn router(state: Shared) -> Router {
    let live = Router::new()
        .route("/api/EmployeeDetails", get(employee_list))
        .route("/api/EmployeeDetails/{emp_code}", get(employee_one))
        .route("/api/DeletedEmployees", get(deleted_employees))
        .merge(super::change_requests::immediate_routes())
        .merge(super::leave_balances::routes())
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            require_payroll_online,
        ));
    Router::new()
        .merge(live)
        .merge(super::change_requests::queued_routes())
        .merge(super::leave_applications::routes())
        .route("/api/LookupTypes", get(lookup_types))
        .route("/api/LookupType", get(lookups_of_type))
        .route("/api/Lookups", get(lookups_of_type))
        .route("/api/LookupList", get(lookup_list))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            authenticate,
        ))
        .with_state(state)
}

/// Basic auth first, then the `Api-Key`, then the database's Web API licence.
async fn authenticate(State(state): State<Shared>, request: Request, next: Next) -> Response {
    state.requests_served.fetch_add(1, Ordering::SeqCst);
    let credentials = &state.credentials;
    let basic_ok = basic_credentials(request.headers()).is_some_and(|(user, password)| {
        user == credentials.username && password == credentials.password
    });
    if !basic_ok {
        return vendor_errors::wrong_credentials();
    }
    if !api_key_matches(request.headers(), &credentials.api_key) {
        return vendor_errors::unknown_api_key();
    }
    if !state.api_access {
        return vendor_errors::no_api_access();
    }
    next.run(request).await
}

async fn require_payroll_online(
    State(state): State<Shared>,
    request: Request,
    next: Next,
) -> Response {
    if state.payroll_online.load(Ordering::SeqCst) {
        next.run(request).await
    } else {
        vendor_errors::payroll_offline()
    }
}

/// `Api-Key: base64(key)`: the reference's walkthrough says the key is sent
/// Base 64 encoded, like the username and password. The bare key is refused,
/// so a client that forgets to encode fails here as it would there.
fn api_key_matches(headers: &HeaderMap, expected: &str) -> bool {
    headers
        .get("Api-Key")
        .and_then(|value| value.to_str().ok())
        .and_then(|value| {
            base64::engine::general_purpose::STANDARD
                .decode(value.trim())
                .ok()
        })
        .and_then(|decoded| String::from_utf8(decoded).ok())
        .is_some_and(|key| key.trim() == expected)
}

fn basic_credentials(headers: &HeaderMap) -> Option<(String, String)> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, encoded) = value.split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("basic") {
        return None;
    }
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(encoded.trim())
        .ok()?;
    let decoded = String::from_utf8(decoded).ok()?;
    let (user, password) = decoded.split_once(':')?;
    Some((user.to_owned(), password.to_owned()))
}

/// A query parameter the handler cannot use: answered as a 400.
struct BadParam(String);

impl IntoResponse for BadParam {
    fn into_response(self) -> Response {
        vendor_errors::bad_request(&self.0)
    }
}

/// Query parameters by lower-cased name: ASP.NET binds them case-insensitively.
struct Params(HashMap<String, String>);

impl Params {
    fn new(raw: HashMap<String, String>) -> Self {
        Self(
            raw.into_iter()
                .map(|(key, value)| (key.to_ascii_lowercase(), value))
                .collect(),
        )
    }

    fn get(&self, name: &str) -> Option<&str> {
        self.0
            .get(&name.to_ascii_lowercase())
            .map(String::as_str)
            .filter(|v| !v.trim().is_empty())
    }

    fn bool(&self, name: &str) -> Result<bool, BadParam> {
        match self.get(name).map(str::to_ascii_lowercase).as_deref() {
            None | Some("false") => Ok(false),
            Some("true") => Ok(true),
            Some(_) => Err(BadParam(format!("{name} must be true or false"))),
        }
    }

    fn number(&self, name: &str, default: usize) -> Result<usize, BadParam> {
        match self.get(name) {
            None => Ok(default),
            Some(text) => text
                .trim()
                .parse::<usize>()
                .map(|n| n.max(1))
                .map_err(|_| BadParam(format!("{name} must be a whole number"))),
        }
    }

    fn date_time(&self, name: &str) -> Result<Option<NaiveDateTime>, BadParam> {
        let Some(text) = self.get(name) else {
            return Ok(None);
        };
        parse_date_time(text.trim())
            .map(Some)
            .ok_or_else(|| BadParam(format!("{name} is not a date (yyyy-mm-dd)")))
    }
}

/// The formats the reference lists: yyyy-mm-dd or yyyy/mm/dd, optionally Thh:mm:ss.
pub(super) fn parse_date_time(text: &str) -> Option<NaiveDateTime> {
    let normalised = text.replace('/', "-");
    let (day, time) = normalised
        .split_once('T')
        .unwrap_or((&normalised, "00:00:00"));
    let day = NaiveDate::parse_from_str(day, "%Y-%m-%d").ok()?;
    let time = chrono::NaiveTime::parse_from_str(time.get(..8).unwrap_or(time), "%H:%M:%S").ok()?;
    Some(day.and_time(time))
}

/// One page of `items`, only its own items turned into JSON: a page costs
/// the same however many items there are.
pub(super) fn paged_as<T>(
    items: &[T],
    page: usize,
    page_size: usize,
    to_json: impl Fn(&T) -> Value,
) -> Response {
    let start = (page - 1).saturating_mul(page_size).min(items.len());
    let end = start.saturating_add(page_size).min(items.len());
    let chosen: Vec<Value> = items[start..end].iter().map(to_json).collect();
    let info = wire::page_info(page, page_size, items.len(), chosen.len());
    let header = wire::pagination_header(&info);
    let mut response =
        Json(serde_json::json!({ "items": chosen, "pageInfo": info })).into_response();
    if let Ok(value) = HeaderValue::from_str(&header) {
        response.headers_mut().insert("X-Pagination", value);
    }
    response
}

async fn employee_list(
    State(state): State<Shared>,
    Query(raw): Query<HashMap<String, String>>,
) -> Result<Response, BadParam> {
    let params = Params::new(raw);
    let include_terminated = params.bool("includeTerminated")?;
    let terminated_since = params.date_time("terminatedSince")?;
    let changed_since = params.date_time("changedSince")?;
    let (page, page_size) = paging(&params)?;
    super::payroll::lock(&state.employee_list_reads).push(changed_since);
    let payroll = state.payroll();
    // A termination is a change like any other: with `changedSince` a
    // leaver appears when terminated since then, whatever the date they left.
    let matching: Vec<&SeedEmployee> = payroll
        .employees
        .iter()
        .filter(|e| match e.termination_date {
            None => true,
            Some(left) => {
                include_terminated && terminated_since.is_none_or(|since| left >= since.date())
            }
        })
        .filter(|e| changed_since.is_none_or(|since| e.changed_at >= since))
        .collect();
    Ok(paged_as(&matching, page, page_size, |e| {
        wire::employee(e, &state.lookups)
    }))
}

/// `page` and `pageSize` with the reference's defaults, 1 and 1000.
fn paging(params: &Params) -> Result<(usize, usize), BadParam> {
    Ok((params.number("page", 1)?, params.number("pageSize", 1000)?))
}

async fn employee_one(State(state): State<Shared>, Path(emp_code): Path<String>) -> Response {
    let payroll = state.payroll();
    let found = payroll
        .employees
        .iter()
        .find(|e| !e.emp_code.is_empty() && e.emp_code.eq_ignore_ascii_case(&emp_code));
    match found {
        Some(employee) => Json(wire::employee(employee, &state.lookups)).into_response(),
        None => vendor_errors::employee_not_found(&emp_code),
    }
}

/// `DeletedEmployeesView`s of employees deleted on or after `deletedSince`.
async fn deleted_employees(
    State(state): State<Shared>,
    Query(raw): Query<HashMap<String, String>>,
) -> Result<Response, BadParam> {
    let Some(since) = Params::new(raw).date_time("deletedSince")? else {
        return Err(BadParam("deletedSince is mandatory".to_owned()));
    };
    let payroll = state.payroll();
    let deleted: Vec<Value> = payroll
        .deleted
        .iter()
        .filter(|d| d.deleted_at >= since)
        .map(wire::deleted_employee)
        .collect();
    Ok(Json(deleted).into_response())
}

async fn lookup_types(
    State(state): State<Shared>,
    Query(raw): Query<HashMap<String, String>>,
) -> Result<Response, BadParam> {
    let (page, page_size) = paging(&Params::new(raw))?;
    Ok(paged_as(
        &state.lookup_types,
        page,
        page_size,
        |name| serde_json::json!({ "type": name }),
    ))
}

async fn lookups_of_type(
    State(state): State<Shared>,
    Query(raw): Query<HashMap<String, String>>,
) -> Result<Response, BadParam> {
    let params = Params::new(raw);
    let lookup_type = params
        .get("type")
        .ok_or_else(|| BadParam("type is mandatory".to_owned()))?;
    let of_type = state
        .lookups
        .iter()
        .filter(|l| l.lookup_type.eq_ignore_ascii_case(lookup_type));
    if let Some(code) = params.get("code") {
        // With a code the reference returns one LookupView, not a page.
        return Ok(
            match of_type.clone().find(|l| l.code.eq_ignore_ascii_case(code)) {
                Some(found) => Json(wire::lookup(found)).into_response(),
                None => vendor_errors::lookup_not_found(),
            },
        );
    }
    let (page, page_size) = paging(&params)?;
    let of_type: Vec<_> = of_type.collect();
    Ok(paged_as(&of_type, page, page_size, |l| wire::lookup(l)))
}

async fn lookup_list(
    State(state): State<Shared>,
    Query(raw): Query<HashMap<String, String>>,
) -> Result<Response, BadParam> {
    let (page, page_size) = paging(&Params::new(raw))?;
    Ok(paged_as(&state.lookups, page, page_size, wire::lookup))
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::AtomicU64;

    use super::*;
    use crate::dataset::Dataset;
    use crate::MicropayCredentials;

    fn state_with(employees: usize) -> Shared {
        let dataset = Dataset::generate(5, employees);
        Arc::new(MicropayState::new(
            &dataset,
            MicropayCredentials {
                url: String::new(),
                username: String::new(),
                password: String::new(),
                api_key: String::new(),
                payroll_company: String::new(),
            },
            true,
        ))
    }

    /// Page 1 (100 employees), as JSON.
    async fn first_page(state: &Shared) -> Value {
        let raw = HashMap::from([
            ("includeTerminated".to_owned(), "true".to_owned()),
            ("pageSize".to_owned(), "100".to_owned()),
        ]);
        let response = employee_list(State(state.clone()), Query(raw))
            .await
            .unwrap_or_else(|_| panic!("a page"));
        let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .expect("a body");
        serde_json::from_slice(&bytes).expect("JSON")
    }

    #[tokio::test]
    async fn a_page_costs_the_same_however_many_employees_there_are() {
        let large_page = first_page(&state_with(20_000)).await;
        assert_eq!(large_page["items"].as_array().map(Vec::len), Some(100));
        assert_eq!(large_page["pageInfo"]["totalCount"], 20_000);
        // Serialising is the cost of a page: only the page's own items are
        // turned into JSON, whatever the dataset's size.
        let items: Vec<u32> = (0..20_000).collect();
        for (page, expected) in [(1, 100), (200, 100), (201, 0)] {
            let serialised = AtomicU64::new(0);
            let _ = paged_as(&items, page, 100, |n| {
                serialised.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                Value::from(*n)
            });
            assert_eq!(serialised.into_inner(), expected, "page {page}");
        }
    }

    #[test]
    fn the_api_key_is_accepted_base64_encoded_only() {
        let key = "0f8e2c1a-1111-2222-3333-444455556666";
        let with = |value: &str| {
            let mut headers = HeaderMap::new();
            headers.insert(
                "Api-Key",
                HeaderValue::from_str(value).expect("a header value"),
            );
            headers
        };
        let encoded = base64::engine::general_purpose::STANDARD.encode(key);
        assert!(api_key_matches(&with(&encoded), key));
        assert!(api_key_matches(&with(&format!(" {encoded} ")), key));
        assert!(!api_key_matches(&with(key), key), "the bare key");
        let other = base64::engine::general_purpose::STANDARD.encode("another-key");
        assert!(!api_key_matches(&with(&other), key));
        assert!(!api_key_matches(&HeaderMap::new(), key));
    }

    #[test]
    fn parses_the_reference_date_formats() {
        let expected = NaiveDate::from_ymd_opt(2024, 3, 5).and_then(|d| d.and_hms_opt(0, 0, 0));
        assert_eq!(parse_date_time("2024-03-05"), expected);
        assert_eq!(parse_date_time("2024/03/05"), expected);
        let with_time = NaiveDate::from_ymd_opt(2024, 3, 5).and_then(|d| d.and_hms_opt(13, 4, 5));
        assert_eq!(parse_date_time("2024-03-05T13:04:05"), with_time);
        assert_eq!(parse_date_time("05/03/2024"), None);
    }
}
