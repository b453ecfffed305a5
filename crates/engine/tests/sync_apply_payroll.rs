//! "Sync now" with Worknice → MicrOpay fields: change requests queued
//! before they are POSTed, followed at the start of each run until payroll
//! implements or rejects them, never reverted while they wait.

mod common;
mod sync_common;

use paybridge_engine::RunResult;
use serde_json::json;

use common::setup;
use sync_common::*;

/// Checksum-valid fake TFNs no seeded employee has.
const NEW_TFN: &str = "123456782";

/// The reason `record`'s TFN field is held (it must be held).
fn held_tfn_reason(record: &serde_json::Value) -> String {
    let tfn = record["fields"]
        .as_array()
        .expect("fields")
        .iter()
        .find(|field| field["field"] == "tfn")
        .cloned()
        .expect("the TFN field");
    assert_eq!(tfn["action"], "held", "{record}");
    tfn["reason"].as_str().expect("a reason").to_owned()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_tax_change_in_worknice_waits_for_payroll_then_is_implemented_or_set_back() {
    let s = setup(30, 31).await;
    let code = synced(&s).await[0].clone();
    tax_flows_to_micropay(&s).await;

    edit_tax(&s, &code, "tfn", json!(NEW_TFN)).await;
    let run = sync(&s).await;
    assert_eq!(run.summary.result, RunResult::Done, "{:?}", run.summary);
    assert_eq!(run.summary.counts.written, 1, "{:?}", run.summary);
    let waiting = requests(&s).await;
    assert_eq!(waiting.len(), 1, "{waiting:?}");
    assert_eq!(waiting[0]["changeType"], "Change");
    assert_eq!(waiting[0]["empCode"], code.as_str());
    assert_eq!(waiting[0]["changeStatus"], "Received", "{waiting:?}");
    let record = record_for(&run, &code);
    assert!(
        !record.to_string().contains(NEW_TFN),
        "a TFN in the record, unmasked"
    );
    // The store: sent, with MicrOpay's id, the TFN only as a fingerprint.
    let store = s.open_store();
    let stored = store.change_requests().all().expect("reads");
    assert_eq!(stored.len(), 1);
    assert_eq!(
        stored[0].micropay_request_id.as_deref(),
        Some(waiting[0]["changeEmployeeId"].to_string().as_str())
    );
    assert!(stored[0].fields.iter().all(|field| field.value != NEW_TFN));

    // While it waits, the next sync neither reverts Worknice nor resends.
    let again = sync(&s).await;
    assert_eq!(again.summary.counts.written, 0, "{:?}", again.summary);
    assert_eq!(again.summary.counts.pending, 1, "{:?}", again.summary);
    // Compared without printing: a TFN never goes into a test's output.
    assert!(worknice_person(&s, &code).await["taxDetails"]["tfn"] == NEW_TFN);
    assert_eq!(requests(&s).await.len(), 1, "not sent twice");

    // Payroll accepts: implemented, nothing written back either way.
    accept(&s, &waiting[0]["changeEmployeeId"]).await;
    let implemented = sync(&s).await;
    assert_eq!(
        implemented.summary.counts.written, 0,
        "{:?}",
        implemented.summary
    );
    assert_eq!(
        implemented.summary.counts.pending, 0,
        "{:?}",
        implemented.summary
    );
    let stored = s.open_store().change_requests().all().expect("reads");
    assert_eq!(stored[0].status, paybridge_store::ChangeStatus::Implemented);
    // Compared without printing: a TFN never goes into a test's output.
    assert!(worknice_person(&s, &code).await["taxDetails"]["tfn"] == NEW_TFN);
    let quiet = sync(&s).await;
    assert_eq!(
        (quiet.summary.counts.written, quiet.summary.counts.changed),
        (0, 0)
    );
    assert_eq!(requests(&s).await.len(), 1);

    // Another change, rejected by payroll: Worknice is set back, and the
    // record says why.
    let before = worknice_person(&s, &code).await["taxDetails"]["helpDebt"].clone();
    let flipped = !before.as_bool().expect("a flag");
    edit_tax(&s, &code, "helpDebt", json!(flipped)).await;
    sync(&s).await;
    let all = requests(&s).await;
    assert_eq!(all.len(), 2, "{all:?}");
    reject(
        &s,
        &all[1]["changeEmployeeId"],
        "HELP debt needs the signed form",
    )
    .await;
    let set_back = sync(&s).await;
    assert_eq!(
        set_back.summary.counts.rejected, 1,
        "{:?}",
        set_back.summary
    );
    assert_eq!(set_back.summary.counts.written, 1, "{:?}", set_back.summary);
    assert_eq!(
        worknice_person(&s, &code).await["taxDetails"]["helpDebt"],
        before
    );
    let record = record_for(&set_back, &code).to_string();
    assert!(
        record.contains("HELP debt needs the signed form"),
        "{record}"
    );
    // Set back once: the next sync is quiet and sends nothing more.
    let after = sync(&s).await;
    assert_eq!(after.summary.counts.written, 0, "{:?}", after.summary);
    assert_eq!(requests(&s).await.len(), 2);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_bad_tax_file_number_is_held_with_its_reason_and_the_rest_still_syncs() {
    let s = setup(30, 32).await;
    let codes = synced(&s).await;
    let (bad, good) = (codes[0].clone(), codes[1].clone());
    let tfn_before = worknice_person(&s, &bad).await["taxDetails"]["tfn"].clone();
    // Nine digits (all MicrOpay checks), failing the checksum.
    edit_in_micropay(
        &s,
        &bad,
        json!({"preferredName": "Kit", "employeeDetail": {"tfn": BAD_TFN}}),
    )
    .await;
    edit_in_micropay(&s, &good, json!({"preferredName": "Ash"})).await;

    let run = sync(&s).await;
    assert_eq!(run.summary.result, RunResult::Done, "{:?}", run.summary);
    let record = record_for(&run, &bad);
    let held: Vec<&serde_json::Value> = record["fields"]
        .as_array()
        .expect("fields")
        .iter()
        .filter(|field| field["action"] == "held")
        .collect();
    assert_eq!(held.len(), 1, "{record}");
    assert_eq!(held[0]["field"], "tfn");
    assert_eq!(
        held[0]["reason"], "tax file number fails its checksum: not sent; correct it in MicrOpay",
        "{record}"
    );
    assert!(
        !record.to_string().contains(BAD_TFN),
        "a TFN in the record, unmasked"
    );
    // The rest of that employee still goes, and the other employee too.
    let person = worknice_person(&s, &bad).await;
    assert_eq!(
        person["personalDetails"]["preferredName"], "Kit",
        "{person}"
    );
    assert!(
        person["taxDetails"]["tfn"] == tfn_before,
        "the bad TFN is not sent"
    );
    let other = worknice_person(&s, &good).await;
    assert_eq!(other["personalDetails"]["preferredName"], "Ash");
    assert_eq!(run.summary.counts.written, 2, "{:?}", run.summary);
    // Held until fixed: the next run holds it again and writes nothing.
    let again = sync(&s).await;
    assert_eq!(again.summary.counts.written, 0, "{:?}", again.summary);
    assert_eq!(record_for(&again, &bad)["fields"][0]["action"], "held");
}

/// Fails the checksum (…789 instead of …782).
const BAD_TFN: &str = "123456789";

#[tokio::test(flavor = "multi_thread")]
async fn a_change_whose_answer_was_lost_is_held_with_what_to_do_and_never_sent_again() {
    let s = setup(30, 34).await;
    let code = synced(&s).await[0].clone();
    tax_flows_to_micropay(&s).await;
    // Full reads: the held counts are compared across runs.
    let quiet = sync_full(&s).await;
    // The POST's answer is cut off before MicrOpay stored anything: the
    // change never reached payroll, and Paybridge cannot know that.
    fault_next_change(&s, paybridge_sandbox::FaultKind::DropConnection);
    edit_tax(&s, &code, "tfn", json!(NEW_TFN)).await;
    let lost = sync(&s).await;
    assert!(
        record_for(&lost, &code)["writeError"].is_string(),
        "{:?}",
        lost.records
    );
    assert!(requests(&s).await.is_empty(), "payroll got nothing");

    for _ in 0..2 {
        let next = sync_full(&s).await;
        let record = record_for(&next, &code);
        assert_eq!(record["outcome"], "held", "{record}");
        let reason = held_tfn_reason(&record);
        assert!(
            reason.contains("its answer was lost")
                && reason.contains("check this employee in MicrOpay"),
            "{reason}"
        );
        assert!(
            !record.to_string().contains(NEW_TFN),
            "a TFN in the record, unmasked"
        );
        assert_eq!(next.summary.counts.held, quiet.summary.counts.held + 1);
        assert_eq!(next.summary.counts.pending, 0, "{:?}", next.summary);
        assert_eq!(next.summary.counts.written, 0, "{:?}", next.summary);
        assert!(requests(&s).await.is_empty(), "never sent again");
        assert!(
            worknice_person(&s, &code).await["taxDetails"]["tfn"] == NEW_TFN,
            "Worknice is not reverted"
        );
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_change_micropay_refuses_when_sent_is_held_not_set_back_and_not_sent_again() {
    let s = setup(30, 37).await;
    let code = synced(&s).await[0].clone();
    tax_flows_to_micropay(&s).await;
    // Full reads: the held counts are compared across runs.
    let quiet = sync_full(&s).await;
    // MicrOpay answers the POST with a 400: refused, nothing stored.
    fault_next_change(&s, paybridge_sandbox::FaultKind::Status(400));
    edit_tax(&s, &code, "tfn", json!(NEW_TFN)).await;
    let refused = sync(&s).await;
    assert_eq!(record_for(&refused, &code)["outcome"], "held");
    assert!(requests(&s).await.is_empty(), "payroll got nothing");

    for _ in 0..2 {
        let next = sync_full(&s).await;
        // Compared without printing: a TFN never goes into a test's output.
        assert!(
            worknice_person(&s, &code).await["taxDetails"]["tfn"] == NEW_TFN,
            "the HR edit stays in Worknice"
        );
        let record = record_for(&next, &code);
        assert_eq!(record["outcome"], "held", "{record}");
        let reason = held_tfn_reason(&record);
        assert!(
            reason.contains("MicrOpay refused change request")
                && reason.contains("correct it in Worknice"),
            "{reason}"
        );
        assert!(
            !record.to_string().contains(NEW_TFN),
            "a TFN in the record, unmasked"
        );
        assert_eq!(next.summary.counts.written, 0, "{:?}", next.summary);
        assert_eq!(next.summary.counts.rejected, 0, "{:?}", next.summary);
        assert_eq!(next.summary.counts.held, quiet.summary.counts.held + 1);
        assert!(requests(&s).await.is_empty(), "never sent again");
    }
}

/// MicrOpay stores the Change and its answer is lost; once payroll
/// implements it, the next sync settles it. Nothing is written for this
/// employee in that run: the read must still keep their MicrOpay record
/// for the settling to compare with.
#[tokio::test(flavor = "multi_thread")]
async fn a_change_whose_answer_was_lost_is_settled_once_payroll_implements_it() {
    let s = setup(30, 38).await;
    let code = synced(&s).await[0].clone();
    tax_flows_to_micropay(&s).await;
    sync(&s).await;
    fault_next_change(&s, paybridge_sandbox::FaultKind::DropAfterApply);
    edit_tax(&s, &code, "tfn", json!(NEW_TFN)).await;
    let lost = sync(&s).await;
    assert!(record_for(&lost, &code)["writeError"].is_string());
    let sent = requests(&s).await;
    assert_eq!(sent.len(), 1, "payroll has it: {sent:?}");
    let open = |s: &common::Setup| {
        s.open_store()
            .change_requests()
            .all()
            .expect("reads")
            .into_iter()
            .map(|request| (request.micropay_request_id, request.status))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        open(&s),
        [(None, paybridge_store::ChangeStatus::Queued)],
        "no id: the answer was lost"
    );

    accept(&s, &sent[0]["changeEmployeeId"]).await;
    let settling = sync(&s).await;
    assert_eq!(settling.summary.counts.written, 0, "{:?}", settling.summary);
    assert_eq!(
        open(&s),
        [(None, paybridge_store::ChangeStatus::Implemented)],
        "settled: MicrOpay holds what it carried"
    );
    // Settled, the employee is in step: no longer held, nothing to write.
    let quiet = sync(&s).await;
    assert!(
        quiet
            .records
            .iter()
            .all(|record| record.employee.emp_code.as_deref() != Some(code.as_str())),
        "{code} untouched: {:?}",
        quiet.summary
    );
    assert_eq!(quiet.summary.counts.written, 0, "{:?}", quiet.summary);
    assert_eq!(requests(&s).await.len(), 1, "never sent again");
}
