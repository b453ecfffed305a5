//! The answers of a broken or hostile server, for the faults that model one.

use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

const JSON: &str = "application/json; charset=utf-8";
const CHUNK: usize = 64 * 1024;

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
/// and either no count (`claimed_pages` `None`) or that many pages.
pub(super) async fn rewrite_page_info(response: Response, claimed_pages: Option<u64>) -> Response {
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, usize::MAX).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let Ok(mut json) = serde_json::from_slice::<serde_json::Value>(&bytes) else {
        return Response::from_parts(parts, Body::from(bytes));
    };
    if let Some(info) = json
        .get_mut("pageInfo")
        .and_then(|info| info.as_object_mut())
    {
        let page_size = info
            .get("pageSize")
            .and_then(serde_json::Value::as_u64)
            .unwrap_or(1);
        let (total_pages, total_count) = match claimed_pages {
            Some(pages) => (pages, pages.saturating_mul(page_size)),
            None => (0, 0),
        };
        info.insert("hasNextPage".to_owned(), true.into());
        info.insert("totalPages".to_owned(), total_pages.into());
        info.insert("totalCount".to_owned(), total_count.into());
    }
    parts.headers.remove("X-Pagination");
    parts.headers.remove(header::CONTENT_LENGTH);
    let body = serde_json::to_vec(&json).unwrap_or_default();
    Response::from_parts(parts, Body::from(body))
}
