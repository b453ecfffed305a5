//! Links and look-ups for several people in one request, over real HTTP
//! against the Worknice sandbox: one answer per person, one refused link
//! leaving the others linked.

mod common;

use common::{client_for, connection_to, sample_person, start};
use paybridge_worknice::WorkniceErrorKind;

#[tokio::test]
async fn several_links_go_in_one_request_and_a_refused_one_fails_only_itself() {
    let running = start(91).await;
    let client = client_for(&running);
    let mut ids = Vec::new();
    for code in ["LNK1", "LNK2", "LNK3"] {
        ids.push(
            client
                .create_person(&sample_person(code))
                .await
                .expect("created")
                .id,
        );
    }
    let served = running.server.requests_served();
    let answers = client
        .connect_people(&[
            (ids[0].clone(), connection_to("601", "LNK1")),
            (ids[1].clone(), connection_to("602", "LNK2")),
            // The payroll record is LNK1's already.
            (ids[2].clone(), connection_to("601", "LNK3")),
        ])
        .await
        .expect("answered");
    assert_eq!(running.server.requests_served() - served, 1, "one request");
    assert_eq!(answers.len(), 3);
    assert_eq!(answers[0].as_ref().expect("linked").remote_id, "601");
    assert_eq!(answers[1].as_ref().expect("linked").person_id, ids[1]);
    let refused = answers[2].as_ref().expect_err("record taken");
    assert_eq!(refused.kind(), WorkniceErrorKind::Conflict, "{refused:?}");
    assert_eq!(running.server.connections().len(), 2);

    let served = running.server.requests_served();
    let found = client
        .connected_people_by_employee_codes(&[
            "LNK2".to_owned(),
            "NOBODY".to_owned(),
            "LNK3".to_owned(),
        ])
        .await
        .expect("looked up");
    assert_eq!(running.server.requests_served() - served, 1, "one request");
    let (person, link) = found[0].as_ref().expect("LNK2 is there");
    assert_eq!(person.id, ids[1]);
    assert_eq!(link.as_ref().map(|l| l.remote_id.as_str()), Some("602"));
    assert!(found[1].is_none(), "{:?}", found[1]);
    let (person, link) = found[2].as_ref().expect("LNK3 is there");
    assert_eq!((person.id.as_str(), link), (ids[2].as_str(), &None));
}
