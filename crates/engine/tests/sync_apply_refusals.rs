//! Worknice refusing an update the planner could not foresee (an HR admin
//! locked the field): the employee is held with Worknice's reason, keeps
//! their old baseline, the others are written, and the next run tries again.

mod common;
mod sync_common;

use paybridge_engine::{RunResult, SyncOutcome};
use serde_json::json;

use common::setup;
use sync_common::*;

#[tokio::test(flavor = "multi_thread")]
async fn an_update_worknice_refuses_holds_that_employee_with_the_reason_and_is_tried_next_run() {
    let s = setup(20, 73).await;
    let codes = synced(&s).await;
    let (locked, free) = (codes[0].clone(), codes[1].clone());
    edit_in_micropay(&s, &locked, json!({"firstName": "Marguerite"})).await;
    edit_in_micropay(&s, &free, json!({"firstName": "Ottoline"})).await;
    lock_in_worknice(&s, &locked, &["personalDetails.firstName"]).await;
    let baseline_before = s.open_store().baselines().get(&locked).expect("reads");
    assert!(!baseline_before.is_empty(), "synced: a baseline to keep");

    let run = sync(&s).await;
    assert_eq!(run.summary.result, RunResult::Done, "{:?}", run.summary);
    assert_eq!(run.summary.counts.written, 1, "{:?}", run.summary);
    assert_eq!(
        worknice_person(&s, &free).await["personalDetails"]["firstName"],
        "Ottoline"
    );
    let person = worknice_person(&s, &locked).await;
    assert_ne!(person["personalDetails"]["firstName"], "Marguerite");
    let record = record_for(&run, &locked);
    assert_eq!(record["outcome"], json!(SyncOutcome::Held));
    let reasons = record["reasons"].to_string();
    assert!(
        reasons.contains("personalDetails.firstName") && reasons.contains("locked"),
        "Worknice's reason, naming the field: {reasons}"
    );
    assert!(
        !reasons.contains("Marguerite") && !record["writeError"].to_string().contains("Marguerite"),
        "the reason names the field, not the value: {reasons}"
    );
    assert_eq!(
        s.open_store().baselines().get(&locked).expect("reads"),
        baseline_before,
        "the old baseline is kept"
    );

    // Unlocked in Worknice: the next run plans the employee again and writes.
    lock_in_worknice(&s, &locked, &[]).await;
    let next = sync(&s).await;
    assert_eq!(next.summary.counts.written, 1, "{:?}", next.summary);
    assert_eq!(
        worknice_person(&s, &locked).await["personalDetails"]["firstName"],
        "Marguerite"
    );
    assert_eq!(
        record_for(&next, &locked)["outcome"],
        json!(SyncOutcome::Updated)
    );
}
