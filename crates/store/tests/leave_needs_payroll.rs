//! The Needs payroll list: raised once per request and kind, kept across a
//! reopen, done with when, and back only when the request changes again.

use std::path::Path;

use chrono::{DateTime, Utc};
use paybridge_store::{database_path, DatabaseKey, NeedsPayrollKind, NewNeedsPayroll, Store};

fn at(timestamp: &str) -> DateTime<Utc> {
    timestamp.parse().expect("timestamp")
}

fn open(dir: &Path) -> Store {
    Store::open(&database_path(dir), &DatabaseKey::from_bytes([7; 32])).expect("opens")
}

fn item(kind: NeedsPayrollKind, detail: &str) -> NewNeedsPayroll {
    NewNeedsPayroll {
        worknice_request_id: "lr-1".to_owned(),
        kind,
        micropay_id: 1234,
        emp_code: "EMP001".to_owned(),
        detail: detail.to_owned(),
        what_to_do: format!("Do {detail} in MicrOpay"),
    }
}

#[test]
fn an_item_is_raised_once_and_kept_across_a_reopen() {
    let dir = tempfile::tempdir().expect("temp dir");
    let change = item(NeedsPayrollKind::Change, "2027-03-10..2027-03-12");
    let first = {
        let store = open(dir.path());
        let list = store.leave_needs_payroll();
        let first = list
            .raise(&change, at("2027-03-01T09:00:00Z"))
            .expect("raises");
        assert!(first.is_some());
        assert_eq!(
            list.raise(&change, at("2027-03-01T10:00:00Z"))
                .expect("raises"),
            None,
            "the same item is not raised twice"
        );
        first
    };
    let store = open(dir.path());
    let open_items = store.leave_needs_payroll().open().expect("reads");
    assert_eq!(open_items.len(), 1);
    assert_eq!(Some(open_items[0].id), first);
    assert_eq!(open_items[0].micropay_id, 1234);
    assert_eq!(open_items[0].raised_at, at("2027-03-01T09:00:00Z"));
    assert_eq!(open_items[0].done_at, None);
}

#[test]
fn a_done_item_comes_back_only_when_the_request_changes_again() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = open(dir.path());
    let list = store.leave_needs_payroll();
    let change = item(NeedsPayrollKind::Change, "2027-03-10..2027-03-12");
    let id = list
        .raise(&change, at("2027-03-01T09:00:00Z"))
        .expect("raises")
        .expect("raised");
    assert!(list
        .mark_done(id, at("2027-03-02T09:00:00Z"))
        .expect("done"));
    assert!(!list
        .mark_done(id, at("2027-03-02T10:00:00Z"))
        .expect("no-op"));
    assert!(!list
        .mark_done(999, at("2027-03-02T10:00:00Z"))
        .expect("no-op"));
    assert!(list.open().expect("reads").is_empty());
    assert_eq!(
        list.raise(&change, at("2027-03-03T09:00:00Z"))
            .expect("raises"),
        None,
        "done as it is: not raised again"
    );
    let done = list.done_since(at("2027-03-01T00:00:00Z")).expect("reads");
    assert_eq!(done.len(), 1);
    assert_eq!(done[0].done_at, Some(at("2027-03-02T09:00:00Z")));

    let again = item(NeedsPayrollKind::Change, "2027-03-17..2027-03-18");
    let raised = list
        .raise(&again, at("2027-03-04T09:00:00Z"))
        .expect("raises");
    assert!(raised.is_some() && raised != Some(id));
    assert_eq!(list.open().expect("reads").len(), 1);
}

#[test]
fn a_cancel_closes_the_request_s_open_change_without_listing_it_as_done() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = open(dir.path());
    let list = store.leave_needs_payroll();
    list.raise(
        &item(NeedsPayrollKind::Change, "2027-03-10..2027-03-12"),
        at("2027-03-01T09:00:00Z"),
    )
    .expect("raises");
    list.raise(
        &item(NeedsPayrollKind::Cancel, "cancelled"),
        at("2027-03-02T09:00:00Z"),
    )
    .expect("raises");
    let open_items = list.open().expect("reads");
    assert_eq!(open_items.len(), 1);
    assert_eq!(open_items[0].kind, NeedsPayrollKind::Cancel);
    // Nobody did the change: it is not in the recently done list.
    assert_eq!(
        list.done_since(at("2027-03-01T00:00:00Z"))
            .expect("reads")
            .len(),
        0
    );
    assert!(list
        .mark_done(open_items[0].id, at("2027-03-03T09:00:00Z"))
        .expect("marks"));
    let done = list.done_since(at("2027-03-01T00:00:00Z")).expect("reads");
    assert_eq!(done.len(), 1);
    assert_eq!(done[0].kind, NeedsPayrollKind::Cancel);
}
