//! The `/sandbox/` controls over real HTTP.

use serde_json::{json, Value};
use tokio::net::TcpListener;
use tokio_util::sync::CancellationToken;

use crate::dataset::Dataset;
use crate::faults::{Fault, FaultKind};
use crate::worknice::{WorkniceServer, GRAPHQL_PATH};

struct Running {
    server: WorkniceServer,
    shutdown: CancellationToken,
    http: reqwest::Client,
}

impl Drop for Running {
    fn drop(&mut self) {
        self.shutdown.cancel();
    }
}

async fn start_on(host: &str, seed: u64) -> Running {
    let listener = TcpListener::bind((host, 0)).await.expect("bind");
    let shutdown = CancellationToken::new();
    let server = WorkniceServer::start(
        listener,
        &Dataset::generate(seed, 30),
        seed,
        shutdown.clone(),
    )
    .expect("start");
    Running {
        server,
        shutdown,
        http: reqwest::Client::new(),
    }
}

impl Running {
    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.server.local_addr().port())
    }

    async fn get(&self, path: &str) -> (u16, Value) {
        let response = self.http.get(self.url(path)).send().await.expect("send");
        let status = response.status().as_u16();
        (status, response.json().await.unwrap_or(Value::Null))
    }

    async fn post(&self, path: &str, body: &Value) -> (u16, Value) {
        let response = self
            .http
            .post(self.url(path))
            .json(body)
            .send()
            .await
            .expect("send");
        let status = response.status().as_u16();
        (status, response.json().await.unwrap_or(Value::Null))
    }

    async fn person(&self, code: &str) -> Value {
        let (status, people) = self.get("/sandbox/people").await;
        assert_eq!(status, 200);
        people
            .as_array()
            .expect("a list")
            .iter()
            .find(|p| p["employeeCode"] == code)
            .cloned()
            .expect("listed")
    }

    fn seeded_code(&self) -> String {
        self.server
            .people()
            .into_iter()
            .find(|p| p.employee_code.is_some() && !p.is_archived())
            .and_then(|p| p.employee_code)
            .expect("a matched person")
    }
}

#[tokio::test]
async fn everyone_is_listed_with_every_synced_field_in_the_clear() {
    let running = start_on("127.0.0.1", 91).await;
    let (status, people) = running.get("/sandbox/people").await;
    assert_eq!(status, 200);
    let people = people.as_array().expect("a list").clone();
    assert_eq!(
        people.len(),
        running.server.people().len(),
        "archived included"
    );
    let code = running.seeded_code();
    let listed = running.person(&code).await;
    let id = listed["id"].as_str().expect("an id");
    let held = running.server.person_details(id).expect("details");
    let tax = held.tax_details.expect("seeded tax details");
    assert_eq!(listed["taxDetails"]["tfn"], tax.tfn.expose().as_str());
    assert_eq!(
        listed["personalDetails"]["firstName"],
        held.first_name.as_str()
    );
    assert_eq!(
        listed["bankAccounts"][0]["accountNumber"],
        held.bank_accounts[0].account_number.expose().as_str()
    );
    for key in [
        "updatedAt",
        "profile",
        "tenure",
        "job",
        "superFunds",
        "status",
    ] {
        assert!(listed.get(key).is_some(), "{key} in {listed}");
    }
}

#[tokio::test]
async fn an_edit_changes_only_what_it_names_and_moves_updated_at() {
    let running = start_on("127.0.0.1", 92).await;
    let code = running.seeded_code();
    let before = running.person(&code).await;
    let (status, after) = running
        .post(
            &format!("/sandbox/people/{}", code.to_lowercase()),
            &json!({
                "personalDetails": { "firstName": "Rosa", "middleName": null },
                "profile": { "mobilePhone": "0400 111 222" },
                "tenure": { "terminationDate": "2031-01-31" },
            }),
        )
        .await;
    assert_eq!(status, 200, "{after}");
    assert_eq!(after["personalDetails"]["firstName"], "Rosa");
    assert_eq!(after["personalDetails"]["middleName"], Value::Null);
    assert_eq!(
        after["personalDetails"]["lastName"],
        before["personalDetails"]["lastName"]
    );
    assert_eq!(after["profile"]["mobilePhone"], "0400 111 222");
    assert_eq!(after["taxDetails"], before["taxDetails"], "untouched");
    assert_eq!(after["tenure"]["terminationDate"], "2031-01-31");
    assert!(
        after["updatedAt"].as_str() > before["updatedAt"].as_str(),
        "{} then {}",
        before["updatedAt"],
        after["updatedAt"]
    );
    let shown = running
        .server
        .people()
        .into_iter()
        .find(|p| p.employee_code.as_deref() == Some(code.as_str()))
        .expect("still there");
    assert!(
        shown.display_name.starts_with("Rosa "),
        "{}",
        shown.display_name
    );

    let (status, archived) = running
        .post(
            &format!("/sandbox/people/{code}"),
            &json!({ "status": "ARCHIVED" }),
        )
        .await;
    assert_eq!(
        (status, archived["status"].as_str()),
        (200, Some("ARCHIVED"))
    );
}

#[tokio::test]
async fn a_bad_edit_is_refused_with_a_clear_400_or_404_and_changes_nothing() {
    let running = start_on("127.0.0.1", 93).await;
    let code = running.seeded_code();
    let before = running.person(&code).await;
    let path = format!("/sandbox/people/{code}");

    let (status, refused) = running
        .post(
            &path,
            &json!({ "personalDetails": { "fristName": "Rosa" } }),
        )
        .await;
    assert_eq!(status, 400);
    let message = refused["error"].as_str().expect("a message");
    assert!(message.contains("unknown field `fristName`"), "{message}");

    let (status, refused) = running.post(&path, &json!({ "nickname": "Ro" })).await;
    assert_eq!(status, 400, "{refused}");

    // A TFN of the wrong type is refused without being quoted back.
    let (status, refused) = running
        .post(
            &path,
            &json!({ "taxDetails": { "tfn": 123456782, "basisOfPayment": "F",
                                     "australianResident": true, "taxFreeThreshold": true } }),
        )
        .await;
    assert_eq!(status, 400, "{refused}");
    assert!(!refused.to_string().contains("123456782"), "{refused}");
    assert!(
        refused["error"]
            .as_str()
            .is_some_and(|m| m.contains("wrong type")),
        "{refused}"
    );

    let (status, refused) = running
        .post(
            &path,
            &json!({
                "personalDetails": { "firstName": "Rosa" },
                "taxDetails": { "tfn": "123456789", "basisOfPayment": "F",
                                "australianResident": true, "taxFreeThreshold": true },
            }),
        )
        .await;
    assert_eq!(status, 400);
    assert_eq!(refused["field"], "taxDetails.tfn");
    assert!(!refused.to_string().contains("123456789"), "{refused}");
    assert_eq!(running.person(&code).await, before, "nothing changed");

    let (status, refused) = running
        .post(
            "/sandbox/people/NOBODY",
            &json!({ "profile": { "email": null } }),
        )
        .await;
    assert_eq!(status, 404);
    assert!(refused["error"]
        .as_str()
        .is_some_and(|m| m.contains("NOBODY")));
}

#[tokio::test]
async fn a_hire_may_come_with_or_without_an_employee_id() {
    let running = start_on("127.0.0.1", 94).await;
    let hire = |code: Option<&str>| {
        let mut body = json!({
            "personalDetails": { "firstName": "Noor", "lastName": "Haddad" },
            "profile": { "email": "noor.haddad@example.com.au" },
            "job": { "positionTitle": "Site Manager", "startDate": "2999-02-01",
                     "location": "Perth" },
        });
        if let Some(code) = code {
            body["employeeCode"] = code.into();
        }
        body
    };
    let (status, without) = running.post("/sandbox/hires", &hire(None)).await;
    assert_eq!(status, 201, "{without}");
    assert_eq!(without["employeeCode"], Value::Null, "no Employee ID yet");
    assert_eq!(without["status"], "PRE_START");
    assert_eq!(without["job"]["positionTitle"], "Site Manager");
    assert_eq!(without["tenure"]["startDate"], "2999-02-01");

    // HR gives the hire their Employee ID later, addressing them by id.
    let id = without["id"].as_str().expect("an id");
    let (status, given) = running
        .post(
            &format!("/sandbox/people/{id}"),
            &json!({ "employeeCode": "NH09" }),
        )
        .await;
    assert_eq!(
        (status, given["employeeCode"].as_str()),
        (200, Some("NH09")),
        "{given}"
    );
    assert_eq!(running.person("NH09").await["id"], id);

    let (status, with) = running.post("/sandbox/hires", &hire(Some("NH01"))).await;
    assert_eq!(status, 201, "{with}");
    assert_eq!(with["employeeCode"], "NH01");
    assert_eq!(with["job"]["location"], "Perth");

    let (status, again) = running.post("/sandbox/hires", &hire(Some("nh01"))).await;
    assert_eq!(status, 409, "{again}");
    let (status, no_start) = running
        .post(
            "/sandbox/hires",
            &json!({ "personalDetails": { "firstName": "A", "lastName": "B" }, "job": {} }),
        )
        .await;
    assert_eq!(
        (status, no_start["field"].as_str()),
        (400, Some("job.startDate"))
    );
    let hires = running
        .server
        .people()
        .iter()
        .filter(|p| p.display_name == "Noor Haddad")
        .count();
    assert_eq!(hires, 2);
}

#[tokio::test]
async fn faults_never_touch_the_controls_but_do_touch_the_api() {
    let running = start_on("127.0.0.1", 95).await;
    running
        .server
        .faults()
        .add(Fault::rate("", FaultKind::Status(503), 1.0));
    let (status, _) = running.get("/sandbox/people").await;
    assert_eq!(status, 200);
    let api = running
        .http
        .post(running.url(GRAPHQL_PATH))
        .json(&json!({ "query": "{ session { org { name } } }" }))
        .send()
        .await
        .expect("send");
    assert_eq!(api.status().as_u16(), 503);
}

#[tokio::test]
async fn the_controls_are_served_only_on_a_loopback_address() {
    let running = start_on("0.0.0.0", 96).await;
    let (status, _) = running.get("/sandbox/people").await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn the_calendar_control_shows_approved_leave_to_the_viewer_named() {
    let running = start_on("127.0.0.1", 31).await;
    let person = running.person(&running.seeded_code()).await;
    let (status, made) = running
        .post(
            "/sandbox/leave-requests",
            &json!({
                "employeeCode": person["employeeCode"],
                "category": "ANNUAL",
                "startDate": "2026-03-02",
                "endDate": "2026-03-03",
            }),
        )
        .await;
    assert_eq!(status, 201, "{made}");
    let id = made["id"].as_str().expect("an id");
    let (_, calendar) = running.get("/sandbox/calendar?viewer=approver").await;
    assert_eq!(
        calendar,
        json!([]),
        "submitted leave is not on the calendar"
    );
    running
        .post(&format!("/sandbox/leave-requests/{id}/approve"), &json!({}))
        .await;

    let (status, calendar) = running.get("/sandbox/calendar?viewer=approver").await;
    assert_eq!(status, 200);
    assert_eq!(calendar[0]["label"], "Annual Leave");
    assert_eq!(calendar[0]["personId"], person["id"]);
    assert_eq!(calendar[0]["startDate"], "2026-03-02");
    let (status, refused) = running.get("/sandbox/calendar?viewer=nobody").await;
    assert_eq!(status, 404);
    assert_eq!(refused["field"], "viewer");
}

#[tokio::test]
async fn the_change_control_edits_an_approved_request_only() {
    let running = start_on("127.0.0.1", 32).await;
    let code = running.seeded_code();
    let body = json!({"employeeCode": code, "category": "ANNUAL",
                      "startDate": "2026-03-02", "endDate": "2026-03-03"});
    let (_, made) = running.post("/sandbox/leave-requests", &body).await;
    let id = made["id"].as_str().expect("an id");
    let change = format!("/sandbox/leave-requests/{id}/change");
    let (status, _) = running
        .post(&change, &json!({"endDate": "2026-03-04"}))
        .await;
    assert_eq!(status, 409, "a submitted request is not edited");
    running
        .post(&format!("/sandbox/leave-requests/{id}/approve"), &json!({}))
        .await;
    let (status, changed) = running
        .post(
            &change,
            &json!({"startDate": "2026-03-09", "endDate": "2026-03-10"}),
        )
        .await;
    assert_eq!(status, 200, "{changed}");
    assert_eq!(
        (
            &changed["startDate"],
            &changed["endDate"],
            &changed["status"]
        ),
        (
            &json!("2026-03-09"),
            &json!("2026-03-10"),
            &json!("APPROVED")
        )
    );
    assert!(changed["updatedAt"].as_str() > made["updatedAt"].as_str());
    let (status, refused) = running
        .post(&change, &json!({"endDate": "2026-03-01"}))
        .await;
    assert_eq!((status, &refused["field"]), (400, &json!("endDate")));
    let (status, _) = running
        .post("/sandbox/leave-requests/nobody/change", &json!({}))
        .await;
    assert_eq!(status, 404);
}
