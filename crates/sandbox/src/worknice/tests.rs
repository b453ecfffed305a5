use std::collections::HashSet;

use super::*;

use super::tests_support::server_state;

#[test]
fn checked_in_sdl_matches_the_schema() {
    let (_, state) = server_state(1, 10);
    let sdl = schema::build(state).sdl();
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/worknice/schema.graphql");
    if std::env::var_os("UPDATE_SCHEMA").is_some() {
        std::fs::write(path, &sdl).expect("write schema.graphql");
    }
    let checked_in = std::fs::read_to_string(path).unwrap_or_default();
    assert_eq!(
        checked_in, sdl,
        "schema.graphql is stale: rerun this test with UPDATE_SCHEMA=1"
    );
}

#[test]
fn seeding_is_deterministic_for_a_seed() {
    let (_, first) = server_state(42, 60);
    let (_, again) = server_state(42, 60);
    let (_, other) = server_state(43, 60);
    assert_eq!(read(&first).people, read(&again).people);
    assert_ne!(read(&first).people, read(&other).people);
}

#[test]
fn about_a_third_of_employees_exist_in_worknice_with_their_codes() {
    let (dataset, state) = server_state(5, 90);
    let people = read(&state).people.clone();
    let codes: HashSet<&str> = dataset
        .employees
        .iter()
        .map(|e| e.emp_code.as_str())
        .collect();

    let matched: Vec<&SandboxPerson> = people
        .iter()
        .filter(|p| p.employee_code.is_some())
        .collect();
    let active_matched = matched
        .iter()
        .filter(|p| p.status == PersonStatus::Active)
        .count();
    assert_eq!(active_matched, 30, "a third of 90 employees");
    assert!(matched
        .iter()
        .all(|p| codes.contains(p.employee_code.as_deref().unwrap_or_default())));

    let worknice_only = people.iter().filter(|p| p.employee_code.is_none()).count();
    assert_eq!(worknice_only, seed::WORKNICE_ONLY.len());
    let archived = people.iter().filter(|p| p.is_archived()).count();
    assert!((1..=2).contains(&archived), "{archived} archived");

    let ids: HashSet<&str> = people.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids.len(), people.len(), "ids are unique");
}

#[test]
fn matched_people_carry_their_payroll_details() {
    let (dataset, state) = server_state(9, 30);
    for person in read(&state)
        .people
        .iter()
        .filter(|p| p.employee_code.is_some())
    {
        let employee = dataset
            .employees
            .iter()
            .find(|e| Some(&e.emp_code) == person.employee_code.as_ref())
            .expect("matched employee");
        assert_eq!(
            person.display_name,
            format!("{} {}", employee.first_name, employee.surname)
        );
        assert_eq!(
            person.profile_email.as_deref(),
            Some(employee.email.as_str())
        );
        assert_eq!(person.start_date, Some(employee.hired_date));
        assert_eq!(person.is_archived(), employee.terminated);
    }
}

#[tokio::test]
async fn people_filters_archived_and_status() {
    let (_, state) = server_state(3, 30);
    let everyone = read(&state).people.clone();
    let schema = schema::build(state);
    let count = |query: &'static str| {
        let schema = schema.clone();
        async move {
            let response = schema.execute(query).await;
            assert!(response.errors.is_empty(), "{:?}", response.errors);
            let data = response.data.into_json().expect("json");
            data["session"]["org"]["people"]
                .as_array()
                .map(Vec::len)
                .unwrap_or_default()
        }
    };
    let not_archived = everyone.iter().filter(|p| !p.is_archived()).count();
    let active = everyone
        .iter()
        .filter(|p| p.status == PersonStatus::Active)
        .count();
    assert_eq!(
        count("{ session { org { people { id } } } }").await,
        not_archived
    );
    assert_eq!(
        count("{ session { org { people(includeArchived: true) { id } } } }").await,
        everyone.len()
    );
    assert_eq!(
        count("{ session { org { people(status: [ACTIVE]) { id } } } }").await,
        active
    );
    assert!(
        active < not_archived,
        "the seed includes someone not yet started"
    );
}

#[tokio::test]
async fn a_missing_or_wrong_token_is_refused_with_401() {
    let listener = TcpListener::bind(("127.0.0.1", 0)).await.expect("bind");
    let shutdown = CancellationToken::new();
    let server = WorkniceServer::start(listener, &Dataset::generate(1, 5), 1, shutdown.clone())
        .expect("start");
    let url = format!("{}{GRAPHQL_PATH}", server.credentials().url);
    let http = reqwest::Client::new();
    let query = serde_json::json!({ "query": "{ session { org { name } } }" });

    for token in [None, Some("wrong")] {
        let mut request = http.post(&url).json(&query);
        if let Some(token) = token {
            request = request.header(auth::TOKEN_HEADER, token);
        }
        let response = request.send().await.expect("send");
        assert_eq!(response.status(), 401);
        let body: serde_json::Value = response.json().await.expect("json body");
        assert_eq!(body["errors"][0]["extensions"]["code"], "UNAUTHENTICATED");
    }

    let response = http
        .post(&url)
        .header(auth::TOKEN_HEADER, &server.credentials().token)
        .json(&query)
        .send()
        .await
        .expect("send");
    assert_eq!(response.status(), 200);
    let body: serde_json::Value = response.json().await.expect("json body");
    assert_eq!(
        body["data"]["session"]["org"]["name"],
        server.organisation()
    );
    shutdown.cancel();
}

fn create_mutation(code: &str, start_date: &str, tfn: &str) -> String {
    format!(
        r#"mutation {{ createPerson(input: {{
            employeeCode: "{code}",
            personalDetails: {{ firstName: "Ada", lastName: "Lovelace" }},
            tenure: {{ startDate: "{start_date}" }},
            bankAccounts: [{{ bsb: "062000", accountNumber: "12345678", accountName: "A L",
                              balanceOfPay: true, order: 1 }}],
            taxDetails: {{ tfn: "{tfn}", basisOfPayment: "F", australianResident: true,
                           taxFreeThreshold: true, helpDebt: false, sfssDebt: false }}
        }}) {{ id status employeeCode }} }}"#
    )
}

#[tokio::test]
async fn create_person_stores_details_and_refuses_a_taken_code_with_its_code() {
    let (_, state) = server_state(4, 10);
    let schema = schema::build(state.clone());
    let created = schema
        .execute(create_mutation("ADA1", "2999-01-01", "123 456 782"))
        .await;
    assert!(created.errors.is_empty(), "{:?}", created.errors);
    let data = created.data.into_json().expect("json");
    assert_eq!(data["createPerson"]["status"], "PRE_START");
    let id = data["createPerson"]["id"]
        .as_str()
        .expect("an id")
        .to_owned();
    {
        let state = read(&state);
        let details = state.details.get(&id).expect("details stored");
        assert_eq!(details.bank_accounts[0].bsb, "062-000", "BSB tidied");
        let tfn = details
            .tax_details
            .as_ref()
            .map(|tax| tax.tfn.expose().clone());
        assert_eq!(tfn.as_deref(), Some("123456782"), "TFN tidied");
    }

    let again = schema
        .execute(create_mutation(" ada1 ", "2020-01-01", "123456782"))
        .await;
    let error = again.errors.first().expect("refused");
    let code = error
        .extensions
        .as_ref()
        .and_then(|extensions| extensions.get("code"))
        .cloned();
    assert_eq!(
        code,
        Some(async_graphql::Value::from(error_codes::EMPLOYEE_CODE_TAKEN))
    );
    let bad_tfn = schema
        .execute(create_mutation("ADA2", "2020-01-01", "123456789"))
        .await;
    let message = &bad_tfn.errors.first().expect("refused").message;
    assert!(
        message.contains("checksum") && !message.contains("123456789"),
        "{message}"
    );
    let codes = read(&state)
        .people
        .iter()
        .filter(|p| {
            p.employee_code
                .as_deref()
                .is_some_and(|c| c.starts_with("ADA"))
        })
        .count();
    assert_eq!(codes, 1);
}

#[test]
fn connections_are_found_by_person_and_by_remote_after_an_unlink_too() {
    let (_, state) = server_state(3, 12);
    let mut state = write(&state);
    let ids: Vec<String> = state.people.iter().take(3).map(|p| p.id.clone()).collect();
    for (n, id) in ids.iter().enumerate() {
        state
            .connect_person(id, &format!("R{n}"), &format!("E{n}"))
            .expect("connects");
    }
    assert!(
        state.connect_person(&ids[1], "R1", "E1").is_ok(),
        "the same again"
    );
    assert!(state.remove_connection(&ids[0]));
    assert!(!state.remove_connection(&ids[0]), "gone already");
    assert!(matches!(
        state.connect_person(&ids[2], "R9", "E2"),
        Err(writes::WriteError::PersonConnectedElsewhere { .. })
    ));
    assert!(matches!(
        state.connect_person(&ids[0], "R2", "E0"),
        Err(writes::WriteError::RemoteConnectedElsewhere { .. })
    ));
    assert!(state.connect_person(&ids[0], "R0", "E0").is_ok());
    assert_eq!(state.connections.len(), 3);
}
