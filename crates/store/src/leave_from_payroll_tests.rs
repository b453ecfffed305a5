use super::*;

fn store(dir: &tempfile::TempDir) -> crate::Store {
    crate::Store::open(
        &dir.path().join("p.db"),
        &crate::DatabaseKey::from_bytes([6; 32]),
    )
    .expect("opens")
}

fn at() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-03-02T09:00:00Z")
        .expect("a time")
        .with_timezone(&Utc)
}

fn dates() -> (NaiveDate, NaiveDate) {
    let day = NaiveDate::from_ymd_opt(2026, 3, 2).expect("a date");
    (day, day)
}

#[test]
fn a_created_copy_is_neither_queued_nor_skipped_again() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = store(&dir);
    let copies = store.leave_from_payroll();
    copies.queue(7, "E1", dates(), at()).expect("queued");
    let queued = copies.get(7).expect("reads").expect("a row");
    assert_eq!(queued.state, FromPayrollState::Queued);
    assert_eq!((queued.start_date, queued.end_date), dates());
    copies.mark_created(7, "lr-9", at()).expect("marked");
    copies.queue(7, "E1", dates(), at()).expect("no-op");
    copies.skip(7, "E1", dates(), "why", at()).expect("no-op");
    copies.mark_created(7, "lr-other", at()).expect("no-op");
    let row = copies.get(7).expect("reads").expect("a row");
    assert_eq!(
        row.state,
        FromPayrollState::Created {
            worknice_request_id: "lr-9".to_owned()
        }
    );
    assert_eq!(row.status_written.as_deref(), Some("APPROVED"));
}

#[test]
fn a_status_is_kept_only_for_a_created_copy_and_only_known_ones() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = store(&dir);
    let copies = store.leave_from_payroll();
    copies.queue(3, "E1", dates(), at()).expect("queued");
    copies
        .record_status(3, "CANCELLED", at())
        .expect("no-op while queued");
    assert_eq!(
        copies.get(3).expect("reads").expect("a row").status_written,
        None
    );
    copies.mark_created(3, "lr-3", at()).expect("marked");
    copies
        .record_status(3, "CANCELLED", at())
        .expect("recorded");
    let row = copies.get(3).expect("reads").expect("a row");
    assert_eq!(row.status_written.as_deref(), Some("CANCELLED"));
    assert!(copies.record_status(3, "LOST", at()).is_err());
}

#[test]
fn a_skipped_application_keeps_why_and_the_mark_moves() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = store(&dir);
    let copies = store.leave_from_payroll();
    copies
        .skip(4, "E2", dates(), "not linked", at())
        .expect("skipped");
    assert_eq!(
        copies.all().expect("reads")[0].state,
        FromPayrollState::Skipped {
            reason: "not linked".to_owned()
        }
    );
    assert_eq!(copies.next_id().expect("reads"), None);
    copies.set_next_id(5, at()).expect("set");
    copies.set_next_id(9, at()).expect("moved");
    assert_eq!(copies.next_id().expect("reads"), Some(9));
}
