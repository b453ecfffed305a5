//! The picker's load in pages against both sandboxes: the rows sent page by
//! page, with the result's corrections, are the same list as a load in one
//! piece, and they start coming before MicrOpay's last page is read.

mod common;

use std::sync::Mutex;
use std::time::Duration;

use paybridge_engine::{EmployeePage, ImportCandidate, ImportSelection, LinkState, NoProgress};
use paybridge_sandbox::{Fault, FaultKind};

use common::setup;

const EMPLOYEES: &str = "/api/EmployeeDetails";

#[tokio::test(flavor = "multi_thread")]
async fn rows_sent_page_by_page_are_the_list_a_single_load_gives() {
    // Two pages of 1,000: enough for rows to come before the last page.
    let s = setup(1_200, 31).await;
    let linked = s.employee(2).emp_code;
    s.engine
        .import(
            ImportSelection::EmpCodes(vec![linked.clone()]),
            false,
            &NoProgress,
        )
        .await
        .expect("one employee imports");
    let faults = s.sandbox.micropay.faults();
    // Every page's second employee shares its first one's code.
    faults.add(Fault::rate(EMPLOYEES, FaultKind::SharedCode, 1.0));
    // MicrOpay's pages come slowly, as a real payroll's do: Worknice's
    // people are read well before the last page (with a wide margin, so a
    // loaded machine reading Worknice slowly still shows it).
    faults.add(Fault::rate(
        EMPLOYEES,
        FaultKind::Latency(Duration::from_millis(1_500)),
        1.0,
    ));

    let sent = Mutex::new(Vec::<EmployeePage>::new());
    let loaded = s
        .engine
        .employees_in_pages(&|page| sent.lock().expect("lock").push(page))
        .await
        .expect("the employees load");
    let sent = sent.into_inner().expect("lock");
    assert_eq!(loaded.pages as usize, sent.len());

    let progress: Vec<(u64, u64)> = sent.iter().map(|p| (p.loaded, p.total)).collect();
    assert!(
        progress.windows(2).all(|w| w[0].0 <= w[1].0),
        "{progress:?}"
    );
    assert_eq!(progress.last(), Some(&(1_200, 1_200)));
    let with_rows: Vec<u64> = sent
        .iter()
        .filter(|p| !p.rows.is_empty())
        .map(|p| p.loaded)
        .collect();
    assert!(
        with_rows.len() >= 2 && with_rows[0] < 1_200,
        "rows come before the last page: {progress:?}"
    );

    let mut rows: Vec<ImportCandidate> = sent.into_iter().flat_map(|p| p.rows).collect();
    for corrected in &loaded.corrected {
        let row = rows
            .iter_mut()
            .find(|row| row.id_employee == corrected.id_employee)
            .expect("a correction replaces a row sent");
        *row = corrected.clone();
    }
    // The same faults, read in one piece.
    let whole = s.engine.employees().await.expect("the employees load");
    let differing = rows.iter().zip(&whole).filter(|(a, b)| a != b).count();
    assert!(
        rows.len() == whole.len() && differing == 0,
        "{} rows sent, {} in one piece, {differing} differ",
        rows.len(),
        whole.len()
    );
    assert!(whole
        .iter()
        .any(|row| row.emp_code == linked
            && matches!(row.link_state, LinkState::AlreadyLinked { .. })));
    let shared = whole
        .iter()
        .filter(|row| {
            matches!(&row.link_state, LinkState::CantImport { reasons }
            if reasons.iter().any(|r| r.contains("share this employee code")))
        })
        .count();
    assert_eq!(shared, 4, "two per page");
}
