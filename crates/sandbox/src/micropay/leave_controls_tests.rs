//! Processing leave lowers the balance, over real HTTP: the application's
//! hours come off its category's balance as `api/LeaveBalance` answers it;
//! declining changes nothing.

use base64::Engine as _;
use serde_json::{json, Value};
use tokio::net::TcpListener;
use tokio_util::sync::CancellationToken;

use crate::dataset::{Dataset, SeedEmployee};
use crate::micropay::MicropayServer;

struct Running {
    server: MicropayServer,
    dataset: Dataset,
    shutdown: CancellationToken,
    http: reqwest::Client,
}

impl Drop for Running {
    fn drop(&mut self) {
        self.shutdown.cancel();
    }
}

async fn start(seed: u64) -> Running {
    let listener = TcpListener::bind(("127.0.0.1", 0)).await.expect("bind");
    let shutdown = CancellationToken::new();
    let dataset = Dataset::generate(seed, 20);
    let server =
        MicropayServer::start(listener, &dataset, true, seed, shutdown.clone()).expect("start");
    Running {
        server,
        dataset,
        shutdown,
        http: reqwest::Client::new(),
    }
}

impl Running {
    fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.server.address())
    }

    async fn post(&self, path: &str, body: &Value) -> (u16, Value) {
        crate::test_http::post(&self.http, self.url(path), body).await
    }

    /// A current employee of `basis` (FullTime, PartTime, Casual).
    fn current(&self, basis: &str) -> SeedEmployee {
        self.dataset
            .employees
            .iter()
            .find(|e| e.termination_date.is_none() && e.tax.basis_of_payment == basis)
            .cloned()
            .expect("a current employee of that basis")
    }

    async fn set_balance(&self, emp_code: &str, leave_code: &str, hours: f64) {
        let (status, answer) = self
            .post(
                &format!("/sandbox/leave-balances/{emp_code}"),
                &json!({"leaveCode": leave_code, "hours": hours}),
            )
            .await;
        assert_eq!(status, 200, "{answer}");
    }

    /// Payroll keys leave in directly: the application's id.
    async fn enter(&self, body: Value) -> i64 {
        let (status, made) = self.post("/sandbox/leave-applications", &body).await;
        assert_eq!(status, 200, "{made}");
        made["leaveApplicationId"].as_i64().expect("an id")
    }

    /// An application through the API, as Paybridge sends one.
    async fn submit(&self, body: Value) -> i64 {
        let credentials = self.server.credentials();
        let key = base64::engine::general_purpose::STANDARD.encode(&credentials.api_key);
        let response = self
            .http
            .post(self.url("/api/LeaveApplication"))
            .basic_auth(&credentials.username, Some(&credentials.password))
            .header("Api-Key", key)
            .json(&body)
            .send()
            .await
            .expect("send");
        let status = response.status().as_u16();
        let made: Value = response.json().await.unwrap_or(Value::Null);
        assert_eq!(status, 200, "{made}");
        made["leaveApplicationId"].as_i64().expect("an id")
    }

    async fn decide(&self, id: i64, what: &str) -> u16 {
        self.post(
            &format!("/sandbox/leave-applications/{id}/{what}"),
            &json!({}),
        )
        .await
        .0
    }

    /// The employee's balance of `leave_type` (and code), as the API reads it.
    async fn balance(&self, emp_code: &str, leave_type: &str, leave_code: Option<&str>) -> f64 {
        let credentials = self.server.credentials();
        let key = base64::engine::general_purpose::STANDARD.encode(&credentials.api_key);
        let answer: Value = self
            .http
            .get(self.url(&format!("/api/LeaveBalance?EmpCode={emp_code}")))
            .basic_auth(&credentials.username, Some(&credentials.password))
            .header("Api-Key", key)
            .send()
            .await
            .expect("send")
            .json()
            .await
            .expect("JSON");
        answer["balances"]
            .as_array()
            .expect("balances")
            .iter()
            .find(|b| b["leaveType"] == leave_type && b["leaveCode"].as_str() == leave_code)
            .and_then(|b| b["hours"].as_f64())
            .unwrap_or_else(|| panic!("no {leave_type} balance in {answer}"))
    }

    fn leave_reason(&self) -> String {
        self.dataset
            .lookups
            .iter()
            .find(|l| l.lookup_type == "LeaveReason" && l.active)
            .map(|l| l.code.clone())
            .expect("a leave reason")
    }
}

fn close(actual: f64, expected: f64) -> bool {
    (actual - expected).abs() < 1e-9
}

#[tokio::test]
async fn processing_takes_the_application_s_hours_off_its_balance_and_declining_does_not() {
    let running = start(61).await;
    let code = running.current("FullTime").emp_code;
    running.set_balance(&code, "AL", 40.0).await;
    let annual = |start: &str, end: &str, hours: Option<f64>| {
        json!({"empCode": code, "leaveType": "AnnualLeave",
               "startDate": start, "endDate": end, "hours": hours})
    };
    let eight_hours = running
        .enter(annual("2026-03-02", "2026-03-03", Some(8.0)))
        .await;
    // Wednesday to Friday: three days of 7.6 hours.
    let three_days = running
        .enter(annual("2026-03-04", "2026-03-06", None))
        .await;
    // Monday from the 2nd session to Tuesday: a day and a half.
    let day_and_a_half = running
        .submit(json!({
            "ChangeType": "Add", "EmpCode": code, "LeaveType": "AnnualLeave",
            "LeaveReason": running.leave_reason(), "LeaveStatus": "Approved",
            "StartDate": "2026-03-09", "EndDate": "2026-03-10", "StartSession": 2,
        }))
        .await;
    let declined = running
        .enter(annual("2026-03-16", "2026-03-16", Some(5.0)))
        .await;
    let balance = || running.balance(&code, "AnnualLeave", None);
    assert!(close(balance().await, 40.0), "nothing processed yet");

    assert_eq!(running.decide(eight_hours, "process").await, 200);
    assert!(close(balance().await, 32.0));
    assert_eq!(running.decide(three_days, "process").await, 200);
    assert!(close(balance().await, 32.0 - 3.0 * 7.6));
    assert_eq!(running.decide(day_and_a_half, "process").await, 200);
    let after_all = 32.0 - 4.5 * 7.6;
    assert!(
        close(balance().await, after_all),
        "below zero, as in advance"
    );

    assert_eq!(running.decide(declined, "decline").await, 200);
    assert!(close(balance().await, after_all), "a decline takes nothing");
    assert_eq!(running.decide(eight_hours, "process").await, 409);
    assert!(close(balance().await, after_all), "taken once");
}

#[tokio::test]
async fn user_defined_leave_comes_off_its_own_code_and_a_casual_s_whole_days_off_nothing() {
    let running = start(62).await;
    let full_timer = running.current("FullTime").emp_code;
    running.set_balance(&full_timer, "TOIL", 10.0).await;
    running.set_balance(&full_timer, "AL", 20.0).await;
    let toil = running
        .enter(
            json!({"empCode": full_timer, "leaveType": "UserDefinedLeave",
                      "leaveCode": "toil", "startDate": "2026-03-02",
                      "endDate": "2026-03-02", "hours": 3.5}),
        )
        .await;
    assert_eq!(running.decide(toil, "process").await, 200);
    let toil_left = running
        .balance(&full_timer, "UserDefinedLeave", Some("TOIL"))
        .await;
    assert!(close(toil_left, 6.5), "{toil_left}");
    let annual = running.balance(&full_timer, "AnnualLeave", None).await;
    assert!(close(annual, 20.0), "other categories untouched: {annual}");

    let casual = running.current("Casual").emp_code;
    running.set_balance(&casual, "AL", 4.0).await;
    let whole_days = running
        .enter(json!({"empCode": casual, "leaveType": "AnnualLeave",
                      "startDate": "2026-03-02", "endDate": "2026-03-03"}))
        .await;
    assert_eq!(running.decide(whole_days, "process").await, 200);
    let casual_annual = running.balance(&casual, "AnnualLeave", None).await;
    assert!(
        close(casual_annual, 4.0),
        "no standard day: {casual_annual}"
    );
}
