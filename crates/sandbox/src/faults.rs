//! Faults a test or a demo can switch on per route: error statuses, latency,
//! 429 with `Retry-After`, dropped connections (before or after the request
//! took effect), malformed bodies, and a hostile server's tricks: a body far
//! too large, a body that trickles, a redirect elsewhere, paging that never
//! ends.
//!
//! A fault matches every request whose path starts with its prefix ("" for
//! all). It fires either for the next `times` matching requests, or at a
//! `rate`. A rate fault's draw is a hash of the seed, the request (method,
//! path, query, and a GraphQL body's operation and variables) and how many
//! times that same request came before: a run sees the same faults whatever
//! order its concurrent requests arrive in.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

mod hostile;
mod spec;

#[derive(Debug, Clone, PartialEq)]
pub enum FaultKind {
    /// Answer with this status and a short plain-text body.
    Status(u16),
    /// 429 Too Many Requests with `Retry-After: <seconds>`.
    RateLimited { retry_after_secs: u64 },
    /// Send the headers, then cut the connection mid-body.
    DropConnection,
    /// Run the request (so a write happens), then cut the connection before
    /// the answer's body is complete: the client cannot tell whether it worked.
    DropAfterApply,
    /// 200 with a truncated JSON body.
    MalformedBody,
    /// Wait this long, then answer normally.
    Latency(Duration),
    /// 200 and a JSON start, then spaces until `bytes` have been sent.
    HugeBody { bytes: u64 },
    /// 200 and the headers at once, then one byte of the body per `every`.
    Trickle { every: Duration },
    /// 307 Temporary Redirect to `to`.
    Redirect { to: String },
    /// The real answer, but its `pageInfo` says there is always a next page
    /// (and gives no count); Worknice's `peoplePage` always names a next
    /// page, empty ones past the last person.
    EndlessPages,
    /// The real answer, but its `pageInfo` claims this many pages.
    ClaimsPages(u64),
    /// The real answer, but its first employee has a start date that is no
    /// date and its TFN as a number.
    BadRecord,
    /// The real answer, but its second employee has the first one's code in
    /// other capitals, with spaces around it.
    SharedCode,
    /// The real answer, but the first employee's first bank account has a
    /// pay amount of `1e309`, a number JSON parsers cannot hold.
    OutOfRangeNumber,
    /// The real answer, but the first employee's first bank account has a
    /// pay amount of a bare `NaN` token, as some JSON writers emit: not JSON.
    NotANumber,
    /// The real answer, with empty records added until the page has one
    /// more than its `pageSize`.
    CrowdedPage,
    /// The real answer, but every employee's code in lower case, as payroll
    /// staff may have typed it.
    LowerCaseCodes,
    /// The real Worknice people list, but the person with this employee code
    /// has no id and a number for a name: a person Paybridge cannot read.
    UnreadablePerson { code: String },
}

#[derive(Debug, Clone, PartialEq)]
pub enum FaultTrigger {
    /// The next `n` matching requests.
    Times(u32),
    /// Each matching request with this probability (0.0–1.0).
    Rate(f64),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Fault {
    pub path_prefix: String,
    /// Only GraphQL requests with this `operationName` (every Worknice call
    /// shares one path, so this is how a test aims at one mutation).
    pub operation: Option<String>,
    pub kind: FaultKind,
    pub trigger: FaultTrigger,
}

impl Fault {
    pub fn times(path_prefix: &str, kind: FaultKind, n: u32) -> Self {
        Self {
            path_prefix: path_prefix.to_owned(),
            operation: None,
            kind,
            trigger: FaultTrigger::Times(n),
        }
    }

    pub fn rate(path_prefix: &str, kind: FaultKind, rate: f64) -> Self {
        Self {
            path_prefix: path_prefix.to_owned(),
            operation: None,
            kind,
            trigger: FaultTrigger::Rate(rate),
        }
    }

    /// Narrows the fault to GraphQL requests named `operation`.
    pub fn for_operation(mut self, operation: &str) -> Self {
        self.operation = Some(operation.to_owned());
        self
    }

    fn matches(&self, path: &str, operation: Option<&str>) -> bool {
        path.starts_with(&self.path_prefix)
            && self
                .operation
                .as_deref()
                .is_none_or(|wanted| Some(wanted) == operation)
    }
}

/// The faults of one server. Cheap to clone; clones share state.
#[derive(Debug, Clone)]
pub struct Faults {
    inner: Arc<Mutex<FaultsInner>>,
}

#[derive(Debug)]
struct FaultsInner {
    faults: Vec<Fault>,
    seed: u64,
    /// How many times each request (by its key) has been seen.
    attempts: HashMap<String, u64>,
    fired: u64,
}

impl Faults {
    pub fn new(seed: u64) -> Self {
        Self {
            inner: Arc::new(Mutex::new(FaultsInner {
                faults: Vec::new(),
                seed,
                attempts: HashMap::new(),
                fired: 0,
            })),
        }
    }

    pub fn add(&self, fault: Fault) {
        self.lock().faults.push(fault);
    }

    pub fn clear(&self) {
        self.lock().faults.clear();
    }

    /// How many faults have fired so far: lets a test prove its fault ran.
    pub fn fired(&self) -> u64 {
        self.lock().fired
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, FaultsInner> {
        // A poisoned lock only means a test panicked mid-update; the data is
        // still a plain list.
        self.inner
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Whether some fault on `path` needs the request's body: an operation
    /// to match, or a rate whose draw depends on what is asked.
    fn wants_body(&self, path: &str) -> bool {
        self.lock().faults.iter().any(|fault| {
            path.starts_with(&fault.path_prefix)
                && (fault.operation.is_some() || matches!(fault.trigger, FaultTrigger::Rate(_)))
        })
    }

    /// The fault to apply to a request on `path`, if any; consumes one use of
    /// a `Times` fault. `key` names the request (see the module docs).
    fn take(&self, path: &str, operation: Option<&str>, key: &str) -> Option<FaultKind> {
        let mut inner = self.lock();
        let FaultsInner {
            faults,
            seed,
            attempts,
            fired,
        } = &mut *inner;
        let attempt = attempts.entry(key.to_owned()).or_default();
        *attempt += 1;
        let attempt = *attempt;
        let mut chosen = None;
        let mut index = 0u64;
        faults.retain_mut(|fault| {
            index += 1;
            if chosen.is_some() || !fault.matches(path, operation) {
                return true;
            }
            match &mut fault.trigger {
                FaultTrigger::Times(n) => {
                    chosen = Some(fault.kind.clone());
                    *n -= 1;
                    *n > 0
                }
                FaultTrigger::Rate(rate) => {
                    let mut hasher = std::collections::hash_map::DefaultHasher::new();
                    (*seed, index, key, attempt).hash(&mut hasher);
                    let mut draw = ChaCha8Rng::seed_from_u64(hasher.finish());
                    if draw.random_bool(rate.clamp(0.0, 1.0)) {
                        chosen = Some(fault.kind.clone());
                    }
                    true
                }
            }
        });
        if chosen.is_some() {
            *fired += 1;
        }
        chosen
    }
}

/// Where a sandbox serves its own controls: never faulted, so a test or a
/// demo can always see and change the sandbox's data, whatever it injects.
pub const CONTROLS_PREFIX: &str = "/sandbox/";

/// axum middleware: `middleware::from_fn_with_state(faults, apply_faults)`.
pub async fn apply_faults(State(faults): State<Faults>, request: Request, next: Next) -> Response {
    let path = request.uri().path().to_owned();
    if path.starts_with(CONTROLS_PREFIX) {
        return next.run(request).await;
    }
    let mut key = format!("{} {}", request.method(), request.uri());
    let (request, operation) = if faults.wants_body(&path) {
        let (request, operation, variables) = read_graphql_names(request).await;
        key.push_str(&variables);
        (request, operation)
    } else {
        (request, None)
    };
    if let Some(operation) = &operation {
        key.push_str(operation);
    }
    let Some(kind) = faults.take(&path, operation.as_deref(), &key) else {
        return next.run(request).await;
    };
    match kind {
        FaultKind::Latency(delay) => {
            tokio::time::sleep(delay).await;
            next.run(request).await
        }
        FaultKind::Status(code) => {
            let status = StatusCode::from_u16(code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            (status, format!("sandbox fault: {status}")).into_response()
        }
        FaultKind::RateLimited { retry_after_secs } => {
            let mut response = (StatusCode::TOO_MANY_REQUESTS, "Too many requests").into_response();
            if let Ok(value) = HeaderValue::from_str(&retry_after_secs.to_string()) {
                response.headers_mut().insert(header::RETRY_AFTER, value);
            }
            response
        }
        FaultKind::MalformedBody => (
            StatusCode::OK,
            [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
            r#"{"items":[{"idEmployee":1,"empCode":"#,
        )
            .into_response(),
        FaultKind::DropConnection => cut_short(StatusCode::OK, Bytes::from_static(b"{\"items\":[")),
        FaultKind::HugeBody { bytes } => hostile::huge_body(bytes),
        FaultKind::Trickle { every } => hostile::trickle(every),
        FaultKind::Redirect { to } => hostile::redirect(&to),
        FaultKind::EndlessPages => hostile::rewrite_page_info(next.run(request).await, None).await,
        FaultKind::ClaimsPages(pages) => {
            hostile::rewrite_page_info(next.run(request).await, Some(pages)).await
        }
        FaultKind::BadRecord => hostile::bad_record(next.run(request).await).await,
        FaultKind::SharedCode => hostile::shared_code(next.run(request).await).await,
        FaultKind::OutOfRangeNumber => {
            hostile::spoil_first_pay_amount(next.run(request).await, "1e309").await
        }
        FaultKind::NotANumber => {
            hostile::spoil_first_pay_amount(next.run(request).await, "NaN").await
        }
        FaultKind::CrowdedPage => hostile::crowded_page(next.run(request).await).await,
        FaultKind::LowerCaseCodes => hostile::lower_case_codes(next.run(request).await).await,
        FaultKind::UnreadablePerson { code } => {
            hostile::unreadable_person(next.run(request).await, &code).await
        }
        FaultKind::DropAfterApply => {
            let (parts, body) = next.run(request).await.into_parts();
            // The handler has run; whatever it wrote stays written. Only the
            // first half of its answer gets out.
            let bytes = axum::body::to_bytes(body, usize::MAX)
                .await
                .unwrap_or_default();
            cut_short(parts.status, bytes.slice(..bytes.len() / 2))
        }
    }
}

/// Reads a GraphQL body's `operationName` and `variables` (as JSON text,
/// keys in order) and puts the body back.
async fn read_graphql_names(request: Request) -> (Request, Option<String>, String) {
    const LIMIT: usize = 16 * 1024 * 1024;
    let (parts, body) = request.into_parts();
    let bytes = axum::body::to_bytes(body, LIMIT).await.unwrap_or_default();
    let json = serde_json::from_slice::<serde_json::Value>(&bytes).ok();
    let operation = json
        .as_ref()
        .and_then(|json| json.get("operationName")?.as_str().map(str::to_owned));
    let variables = json
        .as_ref()
        .and_then(|json| json.get("variables"))
        .map(|variables| variables.to_string())
        .unwrap_or_default();
    (
        Request::from_parts(parts, Body::from(bytes)),
        operation,
        variables,
    )
}

/// A response that sends its headers and `start`, then breaks off: the
/// client sees the connection reset mid-body.
fn cut_short(status: StatusCode, start: Bytes) -> Response {
    let mut chunks = Vec::with_capacity(2);
    if !start.is_empty() {
        chunks.push(Ok(start));
    }
    chunks.push(Err(std::io::Error::new(
        std::io::ErrorKind::ConnectionReset,
        "sandbox fault: connection dropped",
    )));
    Response::builder()
        .status(status)
        .header(header::CONTENT_TYPE, "application/json; charset=utf-8")
        .body(Body::from_stream(futures_util::stream::iter(chunks)))
        .unwrap_or_else(|_| StatusCode::INTERNAL_SERVER_ERROR.into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_fault_fires_exactly_n_times_on_matching_paths() {
        let faults = Faults::new(7);
        faults.add(Fault::times(
            "/api/EmployeeDetails",
            FaultKind::Status(503),
            2,
        ));
        assert_eq!(faults.take("/api/LookupTypes", None, "k"), None);
        assert_eq!(
            faults.take("/api/EmployeeDetails", None, "k"),
            Some(FaultKind::Status(503))
        );
        assert_eq!(
            faults.take("/api/EmployeeDetails/E001", None, "k"),
            Some(FaultKind::Status(503))
        );
        assert_eq!(faults.take("/api/EmployeeDetails", None, "k"), None);
        assert_eq!(faults.fired(), 2);
    }

    #[test]
    fn an_operation_fault_fires_only_for_that_graphql_operation() {
        let faults = Faults::new(7);
        faults.add(
            Fault::times("/api/graphql", FaultKind::DropAfterApply, 1)
                .for_operation("CreatePerson"),
        );
        assert!(faults.wants_body("/api/graphql"));
        assert_eq!(faults.take("/api/graphql", Some("People"), "k"), None);
        assert_eq!(faults.take("/api/graphql", None, "k"), None);
        assert_eq!(
            faults.take("/api/graphql", Some("CreatePerson"), "k"),
            Some(FaultKind::DropAfterApply)
        );
        assert_eq!(faults.take("/api/graphql", Some("CreatePerson"), "k"), None);
    }

    #[test]
    fn rate_fault_is_repeatable_for_a_seed_whatever_the_order() {
        let keys: Vec<String> = (0..64).map(|n| format!("GET /x?page={}", n % 16)).collect();
        let draw = |seed, keys: &[String]| {
            let faults = Faults::new(seed);
            faults.add(Fault::rate("", FaultKind::MalformedBody, 0.5));
            let mut hits: Vec<(String, u64, bool)> = Vec::new();
            let mut seen: HashMap<&str, u64> = HashMap::new();
            for key in keys {
                let attempt = seen.entry(key).or_default();
                *attempt += 1;
                let hit = faults.take("/x", None, key).is_some();
                hits.push((key.clone(), *attempt, hit));
            }
            hits.sort();
            hits
        };
        let first = draw(42, &keys);
        let reversed: Vec<String> = keys.iter().rev().cloned().collect();
        assert_eq!(first, draw(42, &reversed), "the same faults in any order");
        assert_ne!(first, draw(43, &keys), "another seed, other faults");
        let hits = first.iter().filter(|(_, _, hit)| *hit).count();
        assert!(
            (16..=48).contains(&hits),
            "a 50% rate fired {hits} of 64 times"
        );
    }
}
