//! Leave requests: approval states, the changed-since read and payroll's answer.

use chrono::NaiveDate;

use super::leave_requests::{LeaveActionRefused, LeaveRequestStatus, NewLeaveRequest};
use super::tests_support::server_state;
use super::*;

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("a date")
}

fn annual_leave_for(code: &str) -> NewLeaveRequest {
    NewLeaveRequest {
        employee_code: code.to_owned(),
        category: "annual".to_owned(),
        start_date: day("2026-03-02"),
        end_date: day("2026-03-06"),
        hours: None,
        part_day: false,
    }
}

fn with_leave_types(state: &SharedState) {
    let mut rng = ChaCha8Rng::seed_from_u64(1);
    write(state).leave_types = leave_types::seeded(&mut rng);
}

fn first_code(state: &SharedState) -> String {
    read(state)
        .people
        .iter()
        .find_map(|p| p.employee_code.clone())
        .expect("someone with a code")
}

#[test]
fn a_request_is_decided_once_and_cancelled_after_approval_only() {
    let (_, state) = server_state(3, 20);
    with_leave_types(&state);
    let code = first_code(&state);
    let mut state = write(&state);
    let made = state
        .create_leave_request(annual_leave_for(&code))
        .expect("made");
    assert_eq!(made.status, LeaveRequestStatus::Submitted);
    let approved = state
        .decide_leave_request(&made.id, LeaveRequestStatus::Approved)
        .expect("approved");
    assert!(approved.updated_at > made.updated_at);
    assert_eq!(
        state.decide_leave_request(&made.id, LeaveRequestStatus::Declined),
        Err(LeaveActionRefused::AlreadyDecided(
            LeaveRequestStatus::Approved
        ))
    );
    let cancelled = state
        .decide_leave_request(&made.id, LeaveRequestStatus::Cancelled)
        .expect("cancelled");
    assert_eq!(cancelled.status, LeaveRequestStatus::Cancelled);
    assert_eq!(
        state.decide_leave_request("nobody", LeaveRequestStatus::Approved),
        Err(LeaveActionRefused::NoSuchRequest)
    );
}

#[test]
fn an_unknown_employee_or_category_or_backwards_dates_are_refused_by_field() {
    let (_, state) = server_state(3, 20);
    with_leave_types(&state);
    let code = first_code(&state);
    let mut state = write(&state);
    let field = |result: Result<_, writes::WriteError>| match result {
        Err(writes::WriteError::Invalid { field, .. }) => field,
        other => panic!("refused by field, not {other:?}"),
    };
    assert_eq!(
        field(state.create_leave_request(annual_leave_for("NOBODY"))),
        "employeeCode"
    );
    let mut unknown = annual_leave_for(&code);
    unknown.category = "SABBATICAL".to_owned();
    assert_eq!(field(state.create_leave_request(unknown)), "category");
    let mut backwards = annual_leave_for(&code);
    backwards.end_date = day("2026-03-01");
    assert_eq!(field(state.create_leave_request(backwards)), "endDate");
    let mut long_part_day = annual_leave_for(&code);
    long_part_day.part_day = true;
    assert_eq!(field(state.create_leave_request(long_part_day)), "partDay");
    assert!(state.leave_requests.is_empty(), "nothing refused is kept");
}

#[tokio::test]
async fn the_api_lists_approved_requests_changed_since_and_takes_payroll_status() {
    let (_, state) = server_state(3, 20);
    with_leave_types(&state);
    let code = first_code(&state);
    let (approved, submitted) = {
        let mut state = write(&state);
        let approved = state
            .create_leave_request(annual_leave_for(&code))
            .expect("made");
        let submitted = state
            .create_leave_request(annual_leave_for(&code))
            .expect("made");
        let approved = state
            .decide_leave_request(&approved.id, LeaveRequestStatus::Approved)
            .expect("approved");
        (approved, submitted)
    };
    let schema = schema::build(state.clone());
    let list = |query: String| {
        let schema = schema.clone();
        async move {
            let response = schema.execute(query).await;
            assert!(response.errors.is_empty(), "{:?}", response.errors);
            response.data.into_json().expect("json")["session"]["org"]["leaveRequestsPage"].clone()
        }
    };
    let page = list(
        "{ session { org { leaveRequestsPage(statuses: [APPROVED]) { totalCount requests { id employeeCode startDate endDate status leaveType { code } updatedAt } } } } }"
            .to_owned(),
    )
    .await;
    assert_eq!(page["totalCount"], 1);
    assert_eq!(page["requests"][0]["id"], approved.id.as_str());
    assert_eq!(page["requests"][0]["leaveType"]["code"], "ANNUAL");
    assert_eq!(page["requests"][0]["startDate"], "2026-03-02");
    let stamp = page["requests"][0]["updatedAt"]
        .as_str()
        .expect("a time")
        .to_owned();
    let since = format!(
        "{{ session {{ org {{ leaveRequestsPage(updatedSince: \"{stamp}\") {{ totalCount }} }} }} }}"
    );
    // The approval came after the second request was made: only it is newer.
    assert_eq!(list(since.clone()).await["totalCount"], 1);

    let set = format!(
        "mutation {{ setLeaveRequestPayrollStatus(id: \"{}\", status: DECLINED, message: \" No balance left \") {{ payrollStatus payrollMessage }} }}",
        approved.id
    );
    let response = schema.execute(set.clone()).await;
    assert!(response.errors.is_empty(), "{:?}", response.errors);
    let answer = response.data.into_json().expect("json");
    assert_eq!(
        answer["setLeaveRequestPayrollStatus"]["payrollStatus"],
        "DECLINED"
    );
    assert_eq!(
        answer["setLeaveRequestPayrollStatus"]["payrollMessage"],
        "No balance left"
    );
    let after_first = read(&state).leave_requests[0].updated_at;
    // Setting it again changes nothing: safe to retry.
    assert!(schema.execute(set).await.errors.is_empty());
    assert_eq!(read(&state).leave_requests[0].updated_at, after_first);
    assert_eq!(read(&state).leave_requests[1].id, submitted.id);
}

#[test]
fn the_shared_calendar_shows_a_private_category_only_to_the_employee_and_approvers() {
    use super::calendar::{shared_calendar, CalendarViewer, ON_LEAVE};
    let (_, state) = server_state(3, 20);
    with_leave_types(&state);
    let mut state = write(&state);
    let fdv = state
        .create_leave_type("Family and Domestic Violence Leave", "FDV", true)
        .expect("FDV made private, as Paybridge makes it");
    let people: Vec<(String, String)> = state
        .people
        .iter()
        .filter_map(|p| Some((p.id.clone(), p.employee_code.clone()?)))
        .take(2)
        .collect();
    let [(employee, code), (colleague, colleague_code)] = &people[..] else {
        panic!("two people with codes");
    };
    let private_leave = state
        .create_leave_request(NewLeaveRequest {
            category: "FDV".to_owned(),
            ..annual_leave_for(code)
        })
        .expect("made");
    let annual = state
        .create_leave_request(annual_leave_for(code))
        .expect("made");
    // Submitted only: not on the calendar until approved.
    state
        .create_leave_request(annual_leave_for(colleague_code))
        .expect("made");
    for id in [&private_leave.id, &annual.id] {
        state
            .decide_leave_request(id, LeaveRequestStatus::Approved)
            .expect("approved");
    }
    let labels = |state: &WorkniceState, viewer| -> Vec<String> {
        shared_calendar(state, viewer)
            .into_iter()
            .map(|entry| entry.label)
            .collect()
    };

    let full = vec![fdv.name.clone(), "Annual Leave".to_owned()];
    assert_eq!(labels(&state, CalendarViewer::Person(employee)), full);
    assert_eq!(labels(&state, CalendarViewer::Approver), full);
    assert_eq!(
        labels(&state, CalendarViewer::Person(colleague)),
        vec![ON_LEAVE.to_owned(), "Annual Leave".to_owned()]
    );
    let entry = &shared_calendar(&state, CalendarViewer::Person(colleague))[0];
    assert_eq!(entry.person_id, *employee);
    assert_eq!(entry.start_date, private_leave.start_date);

    // Any category can be made private; cancelled leave leaves the calendar.
    let annual_type = annual.leave_type_id.clone();
    state
        .set_leave_type_private(&annual_type, true)
        .expect("a type");
    assert_eq!(
        labels(&state, CalendarViewer::Person(colleague)),
        vec![ON_LEAVE.to_owned(), ON_LEAVE.to_owned()]
    );
    state
        .decide_leave_request(&private_leave.id, LeaveRequestStatus::Cancelled)
        .expect("cancelled");
    assert_eq!(
        labels(&state, CalendarViewer::Person(colleague)),
        vec![ON_LEAVE.to_owned()]
    );
}
