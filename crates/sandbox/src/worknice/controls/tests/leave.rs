//! Leave requests over the controls: the calendar an approver or a person
//! sees, and an employee's change to an approved request.

use serde_json::json;

use super::start_on;

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
