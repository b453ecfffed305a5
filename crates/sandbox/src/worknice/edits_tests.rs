//! The edit rules, on the state directly, and the paged read's bounds.

use super::edits::PersonEdit;
use super::tests_support::server_state;
use super::writes::WriteError;
use super::*;

fn date(y: i32, m: u32, d: u32) -> Option<chrono::NaiveDate> {
    chrono::NaiveDate::from_ymd_opt(y, m, d)
}

fn matched_id(state: &WorkniceState) -> (String, String) {
    state
        .people
        .iter()
        .find_map(|p| Some((p.id.clone(), p.employee_code.clone()?)))
        .expect("a matched person")
}

#[test]
fn a_new_employee_code_moves_the_index_and_frees_the_old_one() {
    let (_, state) = server_state(7, 12);
    let mut state = write(&state);
    let (id, old) = matched_id(&state);
    let edit = PersonEdit {
        employee_code: Some(" NEW9 ".to_owned()),
        ..PersonEdit::default()
    };
    let person = state.update_person(&id, edit).expect("updated");
    assert_eq!(person.employee_code.as_deref(), Some("NEW9"));
    assert_eq!(
        state.person_by_employee_code("new9").map(|p| &p.id),
        Some(&id)
    );
    assert!(
        state.person_by_employee_code(&old).is_none(),
        "the old code is free"
    );
}

#[test]
fn an_edit_that_breaks_a_rule_names_the_field_and_changes_nothing() {
    let (_, state) = server_state(8, 12);
    let mut state = write(&state);
    let (id, _) = matched_id(&state);
    let other = state
        .people
        .iter()
        .filter(|p| p.id != id)
        .find_map(|p| p.employee_code.clone())
        .expect("another code");
    let before = state.details.get(&id).cloned();
    let refused = |state: &mut WorkniceState, edit: PersonEdit| {
        state.update_person(&id, edit).expect_err("refused")
    };
    let field = |error: WriteError| match error {
        WriteError::Invalid { field, .. } => field,
        other => panic!("{other:?}"),
    };
    let taken = refused(
        &mut state,
        PersonEdit {
            employee_code: Some(other.to_lowercase()),
            ..PersonEdit::default()
        },
    );
    assert!(
        matches!(taken, WriteError::EmployeeCodeTaken { .. }),
        "{taken:?}"
    );
    let cleared = refused(
        &mut state,
        PersonEdit {
            employee_code: Some(" ".to_owned()),
            ..PersonEdit::default()
        },
    );
    assert_eq!(field(cleared), "employeeCode");
    let nameless = refused(
        &mut state,
        PersonEdit {
            last_name: Some(String::new()),
            ..PersonEdit::default()
        },
    );
    assert_eq!(field(nameless), "personalDetails.lastName");
    let backwards = refused(
        &mut state,
        PersonEdit {
            start_date: Some(date(2024, 7, 1)),
            termination_date: Some(date(2024, 6, 30)),
            ..PersonEdit::default()
        },
    );
    assert_eq!(field(backwards), "tenure.terminationDate");
    assert_eq!(state.details.get(&id).cloned(), before, "nothing changed");
}

#[test]
fn archiving_keeps_the_person_and_is_the_same_the_second_time() {
    let (_, state) = server_state(9, 12);
    let mut state = write(&state);
    let (id, _) = matched_id(&state);
    let count = state.people.len();
    let archived = state
        .archive_person(&id, date(2025, 3, 14))
        .expect("archived");
    assert_eq!(archived.status, PersonStatus::Archived);
    let stamp = state.details[&id].updated_at;
    let again = state.archive_person(&id, None).expect("again");
    assert_eq!(again, archived);
    assert_eq!(state.details[&id].updated_at, stamp, "nothing changed");
    assert_eq!(state.details[&id].termination_date, date(2025, 3, 14));
    assert_eq!(state.people.len(), count, "nobody deleted");
}

#[tokio::test]
async fn a_page_holds_one_to_a_thousand_people_and_refuses_a_foreign_cursor() {
    let (_, state) = server_state(10, 12);
    let schema = schema::build(state);
    let page = |arguments: &str| {
        let schema = schema.clone();
        let query = format!(
            "{{ session {{ org {{ peoplePage({arguments}) {{ nextCursor totalCount people {{ id }} }} }} }} }}"
        );
        async move { schema.execute(query).await }
    };
    for refused in ["first: 0", "first: 1001", r#"after: "x""#] {
        let response = page(refused).await;
        let field = response
            .errors
            .first()
            .and_then(|error| error.extensions.as_ref())
            .and_then(|extensions| extensions.get("field").cloned());
        assert!(field.is_some(), "{refused}: {:?}", response.errors);
    }
    let first = page("first: 3").await.data.into_json().expect("json");
    let first = &first["session"]["org"]["peoplePage"];
    assert_eq!(first["people"].as_array().map(Vec::len), Some(3));
    assert_eq!(first["nextCursor"], "3");
    let total = first["totalCount"].as_u64().expect("a count") as usize;
    let last = page(&format!(r#"first: 3, after: "{}""#, total - 1))
        .await
        .data
        .into_json()
        .expect("json");
    let last = &last["session"]["org"]["peoplePage"];
    assert_eq!(last["people"].as_array().map(Vec::len), Some(1));
    assert_eq!(last["nextCursor"], serde_json::Value::Null);
}
