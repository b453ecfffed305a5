//! How the sync reads, counted in requests over real HTTP to the sandbox
//! servers (secrets in the throwaway keyring of scripts/in-test-session.sh).

mod common;
mod sync_common;

use common::setup;
use sync_common::worknice_people;

/// Worknice's people come in pages that follow one another (each names the
/// next): a sync waits for every page in turn, so it asks for 1,000 at a
/// time (the sandbox's cap; real Worknice's is not known, see
/// `DEFAULT_DETAILS_PAGE_SIZE`).
#[tokio::test]
async fn the_sync_reads_worknice_people_a_thousand_at_a_time() {
    let s = setup(2400, 11).await;
    let people = worknice_people(&s).await.len();
    assert!(
        people > 500 && people <= 2000,
        "the seed gives {people} Worknice people: pick a size that tells the pages apart"
    );
    let before = s.engine.request_counts();
    let preview = s.engine.sync_preview().await.expect("previews");
    let worknice_requests = s.engine.request_counts().worknice - before.worknice;
    assert_eq!(worknice_requests, people.div_ceil(1000) as u64);
    assert!(preview.counts.read >= 2400, "{:?}", preview.counts);
}

/// A Worknice whose pages never end (each names a next one, with a cursor
/// that moves, empty past the last person) ends the read with an error after
/// a few requests, instead of paging for ever.
#[tokio::test]
async fn pages_of_people_that_never_end_are_refused() {
    use paybridge_sandbox::{Fault, FaultKind};
    let s = setup(30, 12).await;
    s.sandbox.worknice.faults().add(
        Fault::rate("/api/graphql", FaultKind::EndlessPages, 1.0)
            .for_operation("PeopleDetailsPage"),
    );
    let before = s.engine.request_counts();
    // Generous: the bound is only there so a read with no end fails the
    // test rather than hang it.
    let read = tokio::time::timeout(std::time::Duration::from_secs(60), s.engine.sync_preview())
        .await
        .expect("the read ends");
    let error = read.expect_err("refused");
    assert!(
        error
            .message
            .contains("a page of people was empty yet named a next page"),
        "{error:?}"
    );
    let pages = s.engine.request_counts().worknice - before.worknice;
    assert!(pages < 20, "{pages} Worknice requests");
}
