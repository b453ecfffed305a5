//! A broken or hostile MicrOpay: answers far too large, answers that
//! trickle, redirects elsewhere, paging that never ends, and one employee
//! that cannot be read. Each gets a clear error, or holds only that employee.

use std::time::{Duration, Instant};

use base64::Engine as _;
use paybridge_micropay::{
    EmployeeDetail, EmployeeQuery, MicropayClient, MicropayConfig, MicropayError,
};
use paybridge_sandbox::{Fault, FaultKind};

use crate::{client, config, sandbox};

const EMPLOYEES: &str = "/api/EmployeeDetails";

#[tokio::test]
async fn an_answer_streaming_past_the_cap_is_refused_while_it_streams() {
    let sandbox = sandbox(5, true).await;
    sandbox.micropay.faults().add(Fault::times(
        EMPLOYEES,
        FaultKind::HugeBody {
            bytes: 300 * 1024 * 1024,
        },
        1,
    ));
    assert_eq!(
        config(&sandbox.credentials.micropay).max_response_bytes,
        64 * 1024 * 1024
    );
    let started = Instant::now();
    let error = client(&sandbox.credentials.micropay)
        .employees_page(&EmployeeQuery::default())
        .await
        .expect_err("300 MiB is over the 64 MiB cap");
    assert!(matches!(error, MicropayError::TooLarge { .. }), "{error:?}");
    assert!(
        error
            .to_string()
            .starts_with("MicrOpay sent more data than expected (more than 64 MiB in one answer)"),
        "{error}"
    );
    // Refused at the cap, not after the server finished: well under the
    // time 300 MiB takes, and not retried.
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(sandbox.micropay.faults().fired(), 1);
}

#[tokio::test]
async fn a_small_cap_refuses_a_quarter_gigabyte_quickly() {
    let sandbox = sandbox(5, true).await;
    sandbox.micropay.faults().add(Fault::times(
        EMPLOYEES,
        FaultKind::HugeBody {
            bytes: 256 * 1024 * 1024,
        },
        1,
    ));
    let mut config = config(&sandbox.credentials.micropay);
    config.max_response_bytes = 256 * 1024;
    let started = Instant::now();
    let error = MicropayClient::new(config)
        .expect("valid")
        .employees_page(&EmployeeQuery::default())
        .await
        .expect_err("over the cap");
    assert!(error.to_string().contains("more than 256 KiB"), "{error}");
    // Generous for a busy CI machine; the error shows it stopped at the cap.
    assert!(
        started.elapsed() < Duration::from_secs(30),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn an_answer_that_trickles_is_not_responding() {
    let sandbox = sandbox(5, true).await;
    sandbox.micropay.faults().add(Fault::times(
        EMPLOYEES,
        FaultKind::Trickle {
            every: Duration::from_millis(200),
        },
        10,
    ));
    let mut config = config(&sandbox.credentials.micropay);
    config.timeout = Duration::from_secs(1);
    let started = Instant::now();
    let error = MicropayClient::new(config)
        .expect("valid")
        .employees_page(&EmployeeQuery::default())
        .await
        .expect_err("a byte every 200 ms never finishes");
    assert!(
        matches!(error, MicropayError::NotResponding { seconds: 1, .. }),
        "{error:?}"
    );
    assert!(error.to_string().contains("is not responding"), "{error}");
    // Four retries are allowed, but a timeout is tried again only once: a
    // payroll officer waits two timeouts, not five.
    assert_eq!(sandbox.micropay.faults().fired(), 2, "retried once");
    assert!(
        started.elapsed() < Duration::from_secs(30),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn a_redirect_is_refused_and_named_without_following_it() {
    let sandbox = sandbox(5, true).await;
    let own = &sandbox.credentials.micropay.url;
    for target in [
        "https://elsewhere.example:8443/steal?key=abc".to_owned(),
        // Even back to the same server: MicrOpay documents no redirects.
        format!("{own}/api/EmployeeDetails?page=1"),
    ] {
        sandbox.micropay.faults().clear();
        sandbox.micropay.faults().add(Fault::times(
            EMPLOYEES,
            FaultKind::Redirect { to: target.clone() },
            1,
        ));
        let error = client(&sandbox.credentials.micropay)
            .employees_page(&EmployeeQuery::default())
            .await
            .expect_err("a redirect");
        let MicropayError::Redirected { to, .. } = &error else {
            panic!("expected a refused redirect, got {error:?}");
        };
        let shown = error.to_string();
        assert!(
            !shown.contains("steal") && !shown.contains("key=abc"),
            "{shown}"
        );
        let expected = if target.starts_with("https://elsewhere") {
            "https://elsewhere.example:8443".to_owned()
        } else {
            own.clone()
        };
        assert_eq!(to.as_deref(), Some(expected.as_str()));
        assert!(shown.contains(&expected), "{shown}");
    }
    assert_eq!(
        sandbox.micropay.requests_served(),
        0,
        "no redirect was followed to a handler"
    );
}

#[tokio::test]
async fn a_list_that_says_there_is_always_another_page_ends_with_an_error() {
    let sandbox = sandbox(60, true).await;
    sandbox
        .micropay
        .faults()
        .add(Fault::rate(EMPLOYEES, FaultKind::EndlessPages, 1.0));
    let mut config = config(&sandbox.credentials.micropay);
    config.max_pages = 20;
    let error = MicropayClient::new(config)
        .expect("valid")
        .all_employees(&EmployeeQuery {
            page_size: Some(1),
            ..EmployeeQuery::default()
        })
        .await
        .expect_err("hasNextPage never turns false");
    assert!(
        matches!(error, MicropayError::ListDidNotEnd { max_pages: 20 }),
        "{error:?}"
    );
    assert!(
        error
            .to_string()
            .starts_with("MicrOpay sent more pages than expected"),
        "{error}"
    );
    assert_eq!(
        sandbox.micropay.requests_served(),
        20,
        "stopped at the page limit"
    );
}

#[tokio::test]
async fn a_claim_of_a_billion_pages_is_refused_after_the_first() {
    let sandbox = sandbox(30, true).await;
    sandbox.micropay.faults().add(Fault::rate(
        EMPLOYEES,
        FaultKind::ClaimsPages(1_000_000_000),
        1.0,
    ));
    let client = client(&sandbox.credentials.micropay);
    let error = client
        .all_employees(&EmployeeQuery::default())
        .await
        .expect_err("a billion pages");
    assert!(
        matches!(error, MicropayError::ListDidNotEnd { max_pages } if max_pages == MicropayConfig::MAX_PAGES),
        "{error:?}"
    );
    assert_eq!(sandbox.micropay.requests_served(), 1);
    // The side-by-side reader asks the client how many pages to fetch.
    let first = client
        .employees_page(&EmployeeQuery::default())
        .await
        .expect("one page");
    assert!(client.page_count(&first.page_info, 1000).is_err());
}

#[tokio::test]
async fn a_list_stops_at_its_count_even_if_has_next_page_stays_true() {
    let sandbox = sandbox(30, true).await;
    // Every page claims 3 pages of 10 and a next page.
    sandbox
        .micropay
        .faults()
        .add(Fault::rate(EMPLOYEES, FaultKind::ClaimsPages(3), 1.0));
    let employees = client(&sandbox.credentials.micropay)
        .all_employees(&EmployeeQuery {
            include_terminated: true,
            page_size: Some(10),
            ..EmployeeQuery::default()
        })
        .await
        .expect("three pages");
    assert_eq!(employees.len(), 30);
    assert_eq!(sandbox.micropay.requests_served(), 3);
}

/// The first page of 12 employees with `kind` spoiling the first one, and
/// the employees as seeded. Only the first may be unreadable.
async fn page_with_one_spoiled_record(
    kind: FaultKind,
) -> (
    Vec<EmployeeDetail>,
    Vec<paybridge_sandbox::dataset::SeedEmployee>,
) {
    let sandbox = sandbox(12, true).await;
    sandbox
        .micropay
        .faults()
        .add(Fault::times(EMPLOYEES, kind, 1));
    let page = client(&sandbox.credentials.micropay)
        .employees_page(&EmployeeQuery {
            include_terminated: true,
            ..EmployeeQuery::default()
        })
        .await
        .expect("the page is read");
    assert_eq!(page.items.len(), 12);
    assert!(page.items[1..]
        .iter()
        .all(|employee| employee.unreadable_fields.is_empty()));
    (page.items, sandbox.micropay.employees())
}

#[tokio::test]
async fn one_unreadable_employee_is_named_and_the_rest_are_read() {
    let (items, seeded) = page_with_one_spoiled_record(FaultKind::BadRecord).await;
    let bad = &items[0];
    assert_eq!(bad.emp_code, seeded[0].emp_code);
    assert_eq!(bad.surname, seeded[0].surname);
    assert_eq!(
        bad.unreadable_fields,
        [
            "employeeDetail.tfn is a number, where a string was expected",
            "hiredDate is not a date in the form yyyy-mm-dd",
        ]
    );
    let tfn = seeded[0].tax.tfn.expose().to_owned();
    assert!(!format!("{:?}", bad.unreadable_fields).contains(&tfn));
}

#[tokio::test]
async fn the_sandbox_takes_the_api_key_base64_encoded_only() {
    let sandbox = sandbox(3, true).await;
    let credentials = &sandbox.credentials.micropay;
    let get = |key: String| {
        reqwest::Client::new()
            .get(format!(
                "{}/api/EmployeeDetails?includeTerminated=false",
                credentials.url
            ))
            .basic_auth(&credentials.username, Some(&credentials.password))
            .header("Api-Key", key)
            .send()
    };
    let bare = get(credentials.api_key.clone()).await.expect("an answer");
    assert_eq!(bare.status(), 401);
    let encoded = base64::engine::general_purpose::STANDARD.encode(&credentials.api_key);
    let encoded = get(encoded).await.expect("an answer");
    assert_eq!(encoded.status(), 200);
}

#[tokio::test]
async fn a_number_out_of_range_holds_only_its_employee() {
    let (items, seeded) = page_with_one_spoiled_record(FaultKind::OutOfRangeNumber).await;
    assert_eq!(items[0].emp_code, seeded[0].emp_code);
    assert_eq!(
        items[0].unreadable_fields,
        ["employeeBanks has a number too large to read"]
    );
}

#[tokio::test]
async fn a_bare_nan_holds_only_its_employee() {
    let (items, seeded) = page_with_one_spoiled_record(FaultKind::NotANumber).await;
    assert_eq!(items[0].emp_code, seeded[0].emp_code);
    assert_eq!(items[0].surname, seeded[0].surname);
    assert_eq!(
        items[0].unreadable_fields,
        ["employeeBanks has a value that is not a finite number (NaN or infinity)"]
    );
}

#[tokio::test]
async fn a_page_with_more_records_than_asked_for_is_refused() {
    let sandbox = sandbox(12, true).await;
    sandbox
        .micropay
        .faults()
        .add(Fault::times(EMPLOYEES, FaultKind::CrowdedPage, 1));
    let error = client(&sandbox.credentials.micropay)
        .employees_page(&EmployeeQuery {
            page_size: Some(50),
            ..EmployeeQuery::default()
        })
        .await
        .expect_err("51 records on a page of 50");
    assert!(
        matches!(error, MicropayError::PageTooLong { page_size: 50 }),
        "{error:?}"
    );
    assert!(
        error
            .to_string()
            .starts_with("MicrOpay sent more data than expected"),
        "{error}"
    );
}
