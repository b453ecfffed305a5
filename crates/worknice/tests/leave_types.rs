//! Leave types against the Worknice sandbox over HTTP: listed, created once,
//! a repeated code refused, a lost answer seen in the list, reads retried.

mod common;

use common::{client_for, start};
use paybridge_sandbox::worknice::GRAPHQL_PATH;
use paybridge_sandbox::{Fault, FaultKind};
use paybridge_worknice::{NewLeaveType, WorkniceError, WorkniceErrorKind};

fn study() -> NewLeaveType {
    NewLeaveType {
        name: "Study Leave".to_owned(),
        code: "STUDY".to_owned(),
        private: false,
    }
}

#[tokio::test]
async fn leave_types_are_listed_and_created_with_their_private_flag() {
    let running = start(61).await;
    let client = client_for(&running);
    let seeded = client.leave_types().await.expect("listed");
    let codes: Vec<&str> = seeded.iter().map(|t| t.code.as_str()).collect();
    assert_eq!(codes, ["ANNUAL", "PERSONAL", "TOIL", "VOLUNTEER"]);
    assert_eq!(seeded[0].name, "Annual Leave");

    let created = client
        .create_leave_type(&NewLeaveType {
            name: "Family and Domestic Violence Leave".to_owned(),
            code: "FDV".to_owned(),
            private: true,
        })
        .await
        .expect("created");
    assert!(created.private);
    let listed = client.leave_types().await.expect("listed");
    assert_eq!(listed.len(), 5);
    assert_eq!(listed.last(), Some(&created));
    let held = running.server.leave_types();
    assert_eq!(
        held.last().map(|t| (t.id.as_str(), t.private)),
        Some((created.id.as_str(), true))
    );
}

#[tokio::test]
async fn a_code_worknice_has_is_refused_in_any_case() {
    let running = start(62).await;
    let client = client_for(&running);
    let refused = client
        .create_leave_type(&NewLeaveType {
            name: "Time off in lieu".to_owned(),
            code: "toil".to_owned(),
            private: false,
        })
        .await
        .expect_err("taken");
    assert!(
        matches!(&refused, WorkniceError::LeaveTypeCodeTaken { code } if code == "toil"),
        "{refused:?}"
    );
    assert_eq!(refused.kind(), WorkniceErrorKind::Conflict);
    assert_eq!(running.server.leave_types().len(), 4);
}

#[tokio::test]
async fn a_create_whose_answer_was_lost_is_not_resent_and_shows_in_the_list() {
    let running = start(63).await;
    running.server.faults().add(
        Fault::times(GRAPHQL_PATH, FaultKind::DropAfterApply, 1).for_operation("CreateLeaveType"),
    );
    let client = client_for(&running);
    let lost = client.create_leave_type(&study()).await.expect_err("lost");
    assert!(lost.outcome_unknown(), "{lost:?}");
    assert_eq!(running.server.faults().fired(), 1, "sent once, not retried");
    let listed = client.leave_types().await.expect("listed");
    assert_eq!(listed.iter().filter(|t| t.code == "STUDY").count(), 1);
}

#[tokio::test]
async fn the_list_is_retried_through_passing_trouble() {
    let running = start(64).await;
    running
        .server
        .faults()
        .add(Fault::times(GRAPHQL_PATH, FaultKind::Status(503), 2).for_operation("LeaveTypes"));
    let listed = client_for(&running).leave_types().await.expect("third try");
    assert_eq!(listed.len(), 4);
    assert_eq!(running.server.faults().fired(), 2);
}
