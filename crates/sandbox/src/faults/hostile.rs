//! The answers of a broken or hostile server, for the faults that model one.

use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::Value;

const JSON: &str = "application/json; charset=utf-8";
const CHUNK: usize = 64 * 1024;

/// How far past the last person the next endless `peoplePage` cursor points.
static NEXT_BEYOND: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// 200 with `{"items":[` and then spaces, `bytes` in all, streamed in 64 KiB
/// chunks without a Content-Length: the server holds one chunk, never the body.
pub(super) fn huge_body(bytes: u64) -> Response {
    let start = Bytes::from_static(b"{\"items\":[");
    let padding = Bytes::from(vec![b' '; CHUNK]);
    let chunks = bytes
        .saturating_sub(start.len() as u64)
        .div_ceil(CHUNK as u64);
    let body = futures_util::stream::iter(
        std::iter::once(start)
            .chain((0..chunks).map(move |_| padding.clone()))
            .map(Ok::<_, std::io::Error>),
    );
    streamed(body)
}

/// 200 at once, then one space of the body every `every`, for ever.
pub(super) fn trickle(every: Duration) -> Response {
    let body = futures_util::stream::unfold(true, move |first| async move {
        if !first {
            tokio::time::sleep(every).await;
        }
        let byte = if first { &b"{"[..] } else { &b" "[..] };
        Some((Ok::<_, std::io::Error>(Bytes::from_static(byte)), false))
    });
    streamed(body)
}

fn streamed<S>(body: S) -> Response
where
    S: futures_util::Stream<Item = Result<Bytes, std::io::Error>> + Send + 'static,
{
    Response::builder()
        .status(StatusCode::OK)
        .header(header::CONTENT_TYPE, JSON)
        .body(Body::from_stream(body))
        .unwrap_or_else(|_| StatusCode::INTERNAL_SERVER_ERROR.into_response())
}

/// 307 to `to`, which a client that follows it would send its credentials to.
pub(super) fn redirect(to: &str) -> Response {
    let mut response = StatusCode::TEMPORARY_REDIRECT.into_response();
    if let Ok(location) = HeaderValue::from_str(to) {
        response.headers_mut().insert(header::LOCATION, location);
    }
    response
}

/// The handler's answer with its `pageInfo` rewritten: a next page always,
/// and either no count (`claimed_pages` `None`) or that many pages. Without
/// a count, Worknice's `peoplePage` names a next page always too, past the
/// last person: a cursor that moves each time, so only the pages' content
/// shows the read has no end.
pub(super) async fn rewrite_page_info(response: Response, claimed_pages: Option<u64>) -> Response {
    rewrite_json(response, |json| {
        if claimed_pages.is_none() {
            if let Some(page) = json
                .pointer_mut("/data/session/org/peoplePage")
                .and_then(Value::as_object_mut)
            {
                let total = page.get("totalCount").and_then(Value::as_u64).unwrap_or(0);
                let beyond = NEXT_BEYOND.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                page.insert(
                    "nextCursor".to_owned(),
                    total.saturating_add(beyond).to_string().into(),
                );
                return;
            }
        }
        let Some(info) = json.get_mut("pageInfo").and_then(Value::as_object_mut) else {
            return;
        };
        let page_size = info.get("pageSize").and_then(Value::as_u64).unwrap_or(1);
        let (total_pages, total_count) = match claimed_pages {
            Some(pages) => (pages, pages.saturating_mul(page_size)),
            None => (0, 0),
        };
        info.insert("hasNextPage".to_owned(), true.into());
        info.insert("totalPages".to_owned(), total_pages.into());
        info.insert("totalCount".to_owned(), total_count.into());
    })
    .await
}

/// The first employee of the page (or the one employee) with a start date
/// that is no date and its TFN sent as a number, as a broken export might.
pub(super) async fn bad_record(response: Response) -> Response {
    rewrite_json(response, |json| {
        let Some(employee) = first_item(json) else {
            return;
        };
        employee.insert("hiredDate".to_owned(), "2020-13-45".into());
        if let Some(tax) = employee
            .get_mut("employeeDetail")
            .and_then(Value::as_object_mut)
        {
            let tfn = tax
                .get("tfn")
                .and_then(Value::as_str)
                .and_then(|tfn| tfn.parse::<u64>().ok());
            tax.insert("tfn".to_owned(), tfn.unwrap_or(123_456_782).into());
        }
    })
    .await
}

/// The second employee of the page given the first one's code, in other
/// capitals and with spaces around it: a duplicate as payroll staff see it.
pub(super) async fn shared_code(response: Response) -> Response {
    rewrite_json(response, |json| {
        let Some(items) = json.get_mut("items").and_then(Value::as_array_mut) else {
            return;
        };
        let Some(code) = items
            .first()
            .and_then(|first| first.get("empCode"))
            .and_then(Value::as_str)
        else {
            return;
        };
        let lookalike = format!(" {} ", code.to_lowercase());
        if let Some(second) = items.get_mut(1).and_then(Value::as_object_mut) {
            second.insert("empCode".to_owned(), lookalike.into());
        }
    })
    .await
}

/// The first bank account of the page's first employee with a pay amount
/// of `number` (`1e309`, `NaN`): written as text, since no JSON value here
/// can hold it.
pub(super) async fn spoil_first_pay_amount(response: Response, number: &str) -> Response {
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, usize::MAX).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let text = String::from_utf8_lossy(&bytes).replacen(
        "\"employeeBanks\":[{",
        &format!("\"employeeBanks\":[{{\"payAmount\":{number},"),
        1,
    );
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, Body::from(text))
}

/// Empty records added to the page until it has one more than its
/// `pageSize`.
pub(super) async fn crowded_page(response: Response) -> Response {
    rewrite_json(response, |json| {
        let page_size = json
            .pointer("/pageInfo/pageSize")
            .and_then(Value::as_u64)
            .and_then(|size| usize::try_from(size).ok())
            .unwrap_or(1000);
        if let Some(items) = json.get_mut("items").and_then(Value::as_array_mut) {
            items.resize(page_size + 1, Value::Object(serde_json::Map::new()));
        }
    })
    .await
}

/// Every employee of the page with its code in lower case.
pub(super) async fn lower_case_codes(response: Response) -> Response {
    rewrite_json(response, |json| {
        let Some(items) = json.get_mut("items").and_then(Value::as_array_mut) else {
            return;
        };
        for item in items.iter_mut().filter_map(Value::as_object_mut) {
            if let Some(code) = item.get("empCode").and_then(Value::as_str) {
                let lower = code.to_lowercase();
                item.insert("empCode".to_owned(), lower.into());
            }
        }
    })
    .await
}

/// The Worknice person with employee code `code` made unreadable: no id,
/// and a number for a name; in the people list or a page of the full read.
pub(super) async fn unreadable_person(response: Response, code: &str) -> Response {
    rewrite_json(response, |json| {
        let people = [
            "/data/session/org/people",
            "/data/session/org/peoplePage/people",
        ]
        .into_iter()
        .find(|pointer| json.pointer(pointer).is_some_and(Value::is_array));
        let Some(people) = people
            .and_then(|pointer| json.pointer_mut(pointer))
            .and_then(Value::as_array_mut)
        else {
            return;
        };
        for person in people.iter_mut().filter_map(Value::as_object_mut) {
            if person.get("employeeCode").and_then(Value::as_str) == Some(code) {
                person.insert("id".to_owned(), Value::Null);
                person.insert("displayName".to_owned(), 42.into());
            }
        }
    })
    .await
}

fn first_item(json: &mut Value) -> Option<&mut serde_json::Map<String, Value>> {
    if json.get("items").is_some() {
        json.get_mut("items")?
            .as_array_mut()?
            .first_mut()?
            .as_object_mut()
    } else {
        json.as_object_mut()
    }
}

/// The handler's JSON answer after `change`; anything else unchanged.
async fn rewrite_json(response: Response, change: impl FnOnce(&mut Value)) -> Response {
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, usize::MAX).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let Ok(mut json) = serde_json::from_slice::<Value>(&bytes) else {
        return Response::from_parts(parts, Body::from(bytes));
    };
    change(&mut json);
    parts.headers.remove("X-Pagination");
    parts.headers.remove(header::CONTENT_LENGTH);
    let body = serde_json::to_vec(&json).unwrap_or_default();
    Response::from_parts(parts, Body::from(body))
}
