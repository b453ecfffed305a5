//! New hires: a Worknice person with an Employee ID and no MicrOpay
//! employee goes to payroll as one `ChangeEmployee` Add, once, even when
//! MicrOpay's answer to it is lost; implemented → linked.

mod common;
mod sync_common;

use paybridge_sandbox::FaultKind;
use serde_json::{json, Value};

use common::{setup, Setup};
use sync_common::*;

async fn hire(s: &Setup, code: &str, last_name: &str) {
    hire_in_worknice(
        s,
        json!({
            "personalDetails": {"firstName": "Noor", "lastName": last_name},
            "job": {"positionTitle": "Site Manager", "startDate": "2026-02-01", "location": "Perth"},
            "employeeCode": code,
        }),
    )
    .await;
}

async fn adds_for(s: &Setup, code: &str) -> Vec<Value> {
    requests(s)
        .await
        .into_iter()
        .filter(|request| request["changeType"] == "Add" && request["empCode"] == code)
        .collect()
}

/// Synced, with the new-hire defaults chosen: ready to take hires.
async fn ready_for_hires(seed: u64) -> Setup {
    let s = setup(25, seed).await;
    synced(&s).await;
    choose_new_hire_defaults(&s).await;
    s
}

/// MicrOpay stores the next Add, and its answer never arrives.
fn lose_the_next_answer(s: &Setup) {
    fault_next_change(s, FaultKind::DropAfterApply);
}

/// Whether `paybridge status` lists a request for `code` as waiting.
async fn pending_for(s: &Setup, code: &str) -> bool {
    let status = s.engine.sync_status().await.expect("status");
    status
        .pending_requests
        .iter()
        .any(|request| request.emp_code == code)
}

fn linked(s: &Setup, code: &str) -> bool {
    s.open_store().links().get(code).expect("reads").is_some()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_new_hire_goes_to_payroll_as_one_add_and_is_linked_once_implemented() {
    let s = ready_for_hires(41).await;
    hire(&s, "NH001", "Haddad").await;

    let run = sync(&s).await;
    assert_eq!(run.summary.counts.written, 1, "{:?}", run.summary);
    let adds = adds_for(&s, "NH001").await;
    assert_eq!(adds.len(), 1, "{adds:?}");
    assert_eq!(adds[0]["submitted"]["surname"], "Haddad", "{adds:?}");
    assert_eq!(record_for(&run, "NH001")["action"], "add");

    // Waiting for payroll: never a second Add.
    for _ in 0..2 {
        let again = sync(&s).await;
        assert_eq!(again.summary.counts.written, 0, "{:?}", again.summary);
        assert_eq!(record_for(&again, "NH001")["outcome"], "pending");
    }
    assert_eq!(adds_for(&s, "NH001").await.len(), 1);
    assert!(!linked(&s, "NH001"));

    accept(&s, &adds[0]["changeEmployeeId"]).await;
    // The run that learns it was implemented; the link follows as soon as
    // MicrOpay lists the new employee (the same run or the next).
    sync(&s).await;
    if !linked(&s, "NH001") {
        sync(&s).await;
    }
    assert!(linked(&s, "NH001"), "linked once payroll added them");
    let person = worknice_person(&s, "NH001").await;
    assert!(
        !person["connection"].is_null(),
        "linked in Worknice too: {person}"
    );
    // The hire had no date of birth: payroll invents none, so none is
    // written back to Worknice.
    assert!(
        person["personalDetails"]["dateOfBirth"].is_null(),
        "no date of birth invented: {person}"
    );
    let quiet = sync(&s).await;
    assert_eq!(quiet.summary.counts.written, 0, "{:?}", quiet.summary);
    assert_eq!(adds_for(&s, "NH001").await.len(), 1, "still one Add");
}

#[tokio::test(flavor = "multi_thread")]
async fn an_add_whose_answer_was_lost_is_never_added_twice() {
    let s = ready_for_hires(42).await;
    hire(&s, "NH002", "Okafor").await;
    lose_the_next_answer(&s);
    let lost = sync(&s).await;
    assert_eq!(adds_for(&s, "NH002").await.len(), 1);
    let stored = s.open_store().change_requests().all().expect("reads");
    assert_eq!(stored.len(), 1, "{stored:?}");
    assert_eq!(
        stored[0].micropay_request_id, None,
        "no id: the answer was lost"
    );
    assert!(record_for(&lost, "NH002")["writeError"].is_string());

    // Repeated syncs find out what happened instead of adding again.
    for _ in 0..3 {
        sync(&s).await;
        assert_eq!(adds_for(&s, "NH002").await.len(), 1, "one Add in payroll");
        assert!(!linked(&s, "NH002"));
    }
    let adds = adds_for(&s, "NH002").await;
    accept(&s, &adds[0]["changeEmployeeId"]).await;
    sync(&s).await;
    if !linked(&s, "NH002") {
        sync(&s).await;
    }
    assert!(linked(&s, "NH002"));
    assert_eq!(adds_for(&s, "NH002").await.len(), 1);
    let quiet = sync(&s).await;
    assert_eq!(quiet.summary.counts.written, 0, "{:?}", quiet.summary);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_lost_add_payroll_rejected_shows_the_reason_and_is_not_sent_again_until_corrected() {
    let s = ready_for_hires(43).await;
    hire(&s, "NH003", "Lindqvist").await;
    lose_the_next_answer(&s);
    sync(&s).await;
    let adds = adds_for(&s, "NH003").await;
    assert_eq!(adds.len(), 1, "{adds:?}");
    reject(&s, &adds[0]["changeEmployeeId"], "Visa details missing").await;

    // The run that sends the lost Add again and hears it landed, rejected.
    let resent = sync(&s).await;
    assert_eq!(
        audited(&s, "change-employee-add", "NH003"),
        2,
        "the first, and one resend"
    );
    let record = record_for(&resent, "NH003");
    assert_eq!(record["outcome"], "held", "{record}");
    assert!(
        record.to_string().contains("Visa details missing"),
        "payroll's reason shown: {record}"
    );
    // Settled: later runs send nothing and keep showing the reason.
    for _ in 0..2 {
        let quiet = sync(&s).await;
        assert_eq!(quiet.summary.counts.written, 0, "{:?}", quiet.summary);
        let record = record_for(&quiet, "NH003");
        assert_eq!(record["outcome"], "held", "{record}");
        assert!(
            record.to_string().contains("Visa details missing"),
            "{record}"
        );
    }
    assert_eq!(
        audited(&s, "change-employee-add", "NH003"),
        2,
        "not sent again unchanged"
    );

    // Corrected in Worknice: sent once more, and settled again.
    edit_in_worknice(
        &s,
        "NH003",
        json!({"personalDetails": {"lastName": "Lindqvist-Berg"}}),
    )
    .await;
    sync(&s).await;
    assert_eq!(
        audited(&s, "change-employee-add", "NH003"),
        3,
        "the corrected hire goes once"
    );
    sync(&s).await;
    assert_eq!(audited(&s, "change-employee-add", "NH003"), 3);
    assert_eq!(adds_for(&s, "NH003").await.len(), 1, "one Add in payroll");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_lost_add_refused_while_payroll_still_decides_shows_payrolls_reason_once_rejected() {
    let s = ready_for_hires(44).await;
    hire(&s, "NH004", "Moreau").await;
    lose_the_next_answer(&s);
    let lost = sync(&s).await;
    // The fixture's own invalid employees are held in every run.
    let held_before = lost.summary.counts.held;
    // Payroll's turn, not a data problem: pending, not held, so a run
    // never looks settled while the Add waits in MicrOpay. First the run
    // whose resend is refused as still waiting, then the one after, which
    // plans it from the store.
    for run in ["resend refused", "planned from the store"] {
        let detail = sync(&s).await;
        let record = record_for(&detail, "NH004");
        assert!(
            record.to_string().contains("already waiting for payroll"),
            "{run}: {record}"
        );
        assert_eq!(record["outcome"], "pending", "{run}: {record}");
        let counts = detail.summary.counts;
        assert_eq!(
            (counts.pending, counts.held),
            (1, held_before),
            "{run}: {counts:?}"
        );
    }
    let adds = adds_for(&s, "NH004").await;
    assert_eq!(adds.len(), 1, "{adds:?}");
    assert!(pending_for(&s, "NH004").await, "still waiting for payroll");

    // Payroll rejects it: the next run shows payroll's reason.
    reject(&s, &adds[0]["changeEmployeeId"], "Visa details missing").await;
    let rejected = sync(&s).await;
    let record = record_for(&rejected, "NH004");
    assert_eq!(record["outcome"], "held", "{record}");
    assert!(
        record.to_string().contains("Visa details missing"),
        "payroll's reason shown: {record}"
    );
    // And it settles: nothing is sent again while the hire is unchanged.
    let sent = audited(&s, "change-employee-add", "NH004");
    for _ in 0..2 {
        let quiet = sync(&s).await;
        assert!(
            record_for(&quiet, "NH004")
                .to_string()
                .contains("Visa details missing"),
            "{:?}",
            quiet.records
        );
    }
    assert_eq!(audited(&s, "change-employee-add", "NH004"), sent);
    assert_eq!(adds_for(&s, "NH004").await.len(), 1, "one Add in payroll");
    assert!(
        !pending_for(&s, "NH004").await,
        "payroll answered: not listed as waiting by `paybridge status`"
    );

    // Marking it not received is refused, saying truly what the sync does.
    let open = s.open_store().change_requests().open().expect("reads");
    let add = open.iter().find(|r| r.emp_code == "NH004").expect("kept");
    let refused = s
        .engine
        .mark_not_received(add.id)
        .await
        .expect_err("an Add cannot be marked");
    assert_eq!(refused.code, paybridge_engine::ErrorCode::Conflict);
    assert!(
        refused
            .message
            .contains("once the hire is corrected in Worknice"),
        "{}",
        refused.message
    );
}
