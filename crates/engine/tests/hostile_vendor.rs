//! What a broken MicrOpay record does to the picker and the import: one
//! unreadable employee, or two codes that only differ in capitals and
//! spaces, are held with a reason; everyone else reads and imports as usual.

mod common;

use paybridge_engine::{ImportSelection, LinkState, NoProgress};
use paybridge_sandbox::{Fault, FaultKind};

use common::setup;

const EMPLOYEES: &str = "/api/EmployeeDetails";

fn reasons(state: &LinkState) -> String {
    match state {
        LinkState::CantImport { reasons } => reasons.join(" | "),
        other => panic!("expected can't import, got {other:?}"),
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn an_unreadable_employee_is_held_with_the_field_named_and_the_rest_import() {
    let s = setup(20, 11).await;
    s.sandbox
        .micropay
        .faults()
        .add(Fault::rate(EMPLOYEES, FaultKind::BadRecord, 1.0));
    let bad = s.employee(0);
    let good = s.employee(1);

    let candidates = s.engine.employees().await.expect("the list loads");
    assert_eq!(
        candidates.len(),
        20,
        "one bad record does not fail the list"
    );
    let state = |code: &str| {
        &candidates
            .iter()
            .find(|c| c.emp_code == code)
            .expect("listed")
            .link_state
    };
    let why = reasons(state(&bad.emp_code));
    assert_eq!(
        why,
        "MicrOpay sent parts of this employee's record that Paybridge cannot read: \
         employeeDetail.tfn is a number, where a string was expected; hiredDate is not a date \
         in the form yyyy-mm-dd. Correct them in MicrOpay."
    );
    assert!(!why.contains(bad.tax.tfn.expose()));
    assert!(
        matches!(
            state(&good.emp_code),
            LinkState::New | LinkState::Matches { .. }
        ),
        "{:?}",
        state(&good.emp_code)
    );

    let summary = s
        .engine
        .import(
            ImportSelection::EmpCodes(vec![bad.emp_code.clone(), good.emp_code.clone()]),
            false,
            &NoProgress,
        )
        .await
        .expect("the import runs");
    assert_eq!(summary.held.len(), 1, "{:?}", summary.held);
    assert_eq!(summary.held[0].emp_code, bad.emp_code);
    assert_eq!(summary.held[0].reason, why);
    assert_eq!(summary.created + summary.linked, 1);
    assert_eq!(
        s.people_with_code(&good.emp_code),
        1,
        "the good one is in Worknice"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn codes_that_differ_only_in_capitals_and_spaces_are_duplicates() {
    let s = setup(20, 12).await;
    s.sandbox
        .micropay
        .faults()
        .add(Fault::rate(EMPLOYEES, FaultKind::SharedCode, 1.0));
    let first = s.employee(0);
    let candidates = s.engine.employees().await.expect("the list loads");
    let shared: Vec<_> = candidates
        .iter()
        .filter(|c| c.emp_code.eq_ignore_ascii_case(&first.emp_code))
        .collect();
    assert_eq!(shared.len(), 2, "both are listed");
    for candidate in &shared {
        assert!(
            reasons(&candidate.link_state)
                .contains("Two or more MicrOpay employees share this employee code"),
            "{:?}",
            candidate.link_state
        );
    }
    let summary = s
        .engine
        .import(
            ImportSelection::EmpCodes(vec![first.emp_code.clone()]),
            false,
            &NoProgress,
        )
        .await
        .expect("the import runs");
    assert_eq!(
        (summary.created, summary.linked, summary.held.len()),
        (0, 0, 1)
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_list_without_a_count_is_read_page_after_page_not_just_its_first() {
    // Pages of 1000: 2500 employees are three pages and an empty fourth.
    let s = setup(2500, 13).await;
    s.sandbox
        .micropay
        .faults()
        .add(Fault::rate(EMPLOYEES, FaultKind::EndlessPages, 1.0));
    let candidates = s.engine.employees().await.expect("the list loads");
    assert_eq!(
        candidates.len(),
        2500,
        "every page is read, not only the first"
    );
}

/// A MicrOpay employee with a code that has capitals, and the Worknice
/// person (not archived, not linked) who has the same code.
fn employee_with_a_worknice_person(
    s: &common::Setup,
) -> (paybridge_sandbox::dataset::SeedEmployee, String) {
    let people = s.sandbox.worknice.people();
    s.sandbox
        .micropay
        .employees()
        .into_iter()
        .filter(|employee| employee.emp_code.to_lowercase() != employee.emp_code)
        .find_map(|employee| {
            let person = people.iter().find(|person| {
                person.employee_code.as_deref() == Some(employee.emp_code.as_str())
                    && !person.is_archived()
            })?;
            Some((employee.clone(), person.id.clone()))
        })
        .expect("the sandbox seeds such a pair")
}

#[tokio::test(flavor = "multi_thread")]
async fn a_code_in_other_capitals_in_worknice_matches_and_is_not_created_again() {
    let s = setup(20, 14).await;
    let (employee, person_id) = employee_with_a_worknice_person(&s);
    s.sandbox
        .micropay
        .faults()
        .add(Fault::rate(EMPLOYEES, FaultKind::LowerCaseCodes, 1.0));
    let lower = employee.emp_code.to_lowercase();

    let candidates = s.engine.employees().await.expect("the list loads");
    let candidate = candidates
        .iter()
        .find(|c| c.emp_code == lower)
        .expect("listed");
    assert_eq!(
        candidate.link_state,
        LinkState::Matches {
            worknice_person_id: person_id
        }
    );
    let summary = s
        .engine
        .import(ImportSelection::EmpCodes(vec![lower]), false, &NoProgress)
        .await
        .expect("the import runs");
    assert_eq!((summary.created, summary.linked), (0, 1), "{summary:?}");
    assert_eq!(
        s.people_with_code(&employee.emp_code),
        1,
        "no second person"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn an_unreadable_worknice_person_keeps_their_code_taken_and_holds_the_employee() {
    let s = setup(20, 15).await;
    let (employee, _) = employee_with_a_worknice_person(&s);
    s.sandbox.worknice.faults().add(Fault::rate(
        "/api/graphql",
        FaultKind::UnreadablePerson {
            code: employee.emp_code.clone(),
        },
        1.0,
    ));

    let candidates = s.engine.employees().await.expect("the list loads");
    let candidate = candidates
        .iter()
        .find(|c| c.emp_code == employee.emp_code)
        .expect("listed");
    assert_eq!(
        reasons(&candidate.link_state),
        "Worknice has a person with this Employee ID that Paybridge could not read: \
         its id is missing or not text; its displayName is missing or not text. \
         Correct them in Worknice."
    );
    let summary = s
        .engine
        .import(
            ImportSelection::EmpCodes(vec![employee.emp_code.clone()]),
            false,
            &NoProgress,
        )
        .await
        .expect("the import runs");
    assert_eq!(summary.held.len(), 1, "{summary:?}");
    assert_eq!(summary.created + summary.linked, 0);
    assert_eq!(
        s.people_with_code(&employee.emp_code),
        1,
        "no second person"
    );
}
