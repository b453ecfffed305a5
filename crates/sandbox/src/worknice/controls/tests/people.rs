//! People over the controls: listed in the clear, edited as an HR admin
//! would, bad edits refused, hires with or without an Employee ID.

use serde_json::{json, Value};

use super::start_on;

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
