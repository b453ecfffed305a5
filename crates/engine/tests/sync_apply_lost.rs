//! A Change whose answer was lost and that never reached MicrOpay: held
//! (never sent again on its own), until the payroll officer marks it "not
//! received by MicrOpay"; then the next sync sends it exactly once more.

mod common;
mod sync_common;

use paybridge_engine::ErrorCode;
use paybridge_sandbox::FaultKind;
use serde_json::json;

use common::setup;
use sync_common::*;

/// A checksum-valid fake TFN no seeded employee has.
const NEW_TFN: &str = "123456782";

#[tokio::test(flavor = "multi_thread")]
async fn a_lost_change_marked_not_received_is_sent_exactly_once_more() {
    let s = setup(20, 91).await;
    let code = synced(&s).await[0].clone();
    tax_flows_to_micropay(&s).await;
    edit_tax(&s, &code, "tfn", json!(NEW_TFN)).await;
    // The connection drops before MicrOpay stores anything.
    fault_next_change(&s, FaultKind::DropConnection);
    sync(&s).await;
    assert!(requests(&s).await.is_empty(), "MicrOpay never received it");
    let lost = s.open_store().change_requests().open().expect("reads");
    assert_eq!(lost.len(), 1, "{lost:?}");
    assert_eq!(lost[0].micropay_request_id, None);

    // On its own it is never sent again: held, with what to do.
    let held = sync(&s).await;
    assert_eq!(held.summary.counts.written, 0, "{:?}", held.summary);
    assert!(
        record_for(&held, &code)
            .to_string()
            .contains("check this employee in MicrOpay"),
        "{}",
        record_for(&held, &code)
    );
    assert_eq!(audited(&s, "change-employee-change", &code), 1);

    // An Add, an unknown id, or a request that reached MicrOpay cannot be marked.
    let unknown = s.engine.mark_not_received(lost[0].id + 100).await;
    assert_eq!(
        unknown.expect_err("no such request").code,
        ErrorCode::NotFound
    );

    // While a sync runs elsewhere (another process holds the sync lock),
    // marking is refused and the request stays.
    let live_run = std::fs::File::open(s.options.data_dir.join("sync.lock")).expect("lock file");
    live_run.try_lock().expect("no run holds it now");
    let busy = s.engine.mark_not_received(lost[0].id).await;
    assert_eq!(busy.expect_err("a run is going").code, ErrorCode::Busy);
    assert_eq!(
        s.open_store()
            .change_requests()
            .open()
            .expect("reads")
            .len(),
        1
    );
    drop(live_run);

    let marked = s
        .engine
        .mark_not_received(lost[0].id)
        .await
        .expect("marked not received");
    assert_eq!(marked.emp_code, code);
    assert!(s
        .open_store()
        .change_requests()
        .open()
        .expect("reads")
        .is_empty());

    let resent = sync(&s).await;
    assert_eq!(resent.summary.counts.written, 1, "{:?}", resent.summary);
    assert_eq!(
        audited(&s, "change-employee-change", &code),
        2,
        "sent once more"
    );
    let waiting = requests(&s).await;
    assert_eq!(waiting.len(), 1, "{waiting:?}");
    assert_eq!(waiting[0]["empCode"], code.as_str());

    let quiet = sync(&s).await;
    assert_eq!(quiet.summary.counts.written, 0, "{:?}", quiet.summary);
    assert_eq!(quiet.summary.counts.pending, 1, "{:?}", quiet.summary);
    assert_eq!(
        audited(&s, "change-employee-change", &code),
        2,
        "exactly once more"
    );
    let sent_id = s.open_store().change_requests().open().expect("reads")[0].id;
    let reached = s.engine.mark_not_received(sent_id).await;
    assert_eq!(
        reached.expect_err("it reached MicrOpay").code,
        ErrorCode::Conflict
    );
}
