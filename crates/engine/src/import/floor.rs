//! The import's floor, for `paybridge bench sync`: the reads an import of
//! everyone makes and the writes it sends, at the same concurrency, through
//! the bare clients. No store, no outbox, no backup, no fingerprints, no
//! engine retries: what is left is what any import has to pay.

use futures::StreamExt;
use paybridge_micropay::MicropayClient;
use paybridge_worknice::WorkniceClient;

use super::item::{connection_for, Action};
use super::new_person::new_person;
use super::recover::Recovery;
use super::select::select;
use super::WRITE_CONCURRENCY;
use crate::api::{AppError, ImportSelection, MicropayForm, WorkniceForm};
use crate::connections::{micropay_config, worknice_config};
use crate::picker::{Links, PickerData};
use crate::reads::{self, RequestCounter, RequestCounts};

/// What the floor sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImportFloor {
    pub requests: RequestCounts,
    pub created: u32,
    pub linked: u32,
}

/// Reads both sides as an import does, picks the same employees the same
/// way (current employees; nobody linked yet), and sends each one's write:
/// a create already linked to the payroll record, or a link to the person
/// with the same Employee ID. Meant for a fresh sandbox: it writes.
pub async fn import_floor(
    micropay: &MicropayForm,
    worknice: &WorkniceForm,
) -> Result<ImportFloor, AppError> {
    let counter = RequestCounter::default();
    let micropay = MicropayClient::new(micropay_config(micropay)?)?;
    let worknice = WorkniceClient::new(worknice_config(worknice)?)?;
    let people = async {
        counter.worknice();
        worknice.people(true).await.map_err(AppError::from)
    };
    let snapshot = async {
        reads::snapshot(&micropay, &counter, &|_, _| {})
            .await
            .map_err(AppError::from)
    };
    let (snapshot, people) = tokio::try_join!(snapshot, people)?;
    let source = micropay.base_url().to_string();
    let data = PickerData::read(snapshot, people, Links::default(), source);
    let today = chrono::Local::now().date_naive();
    let selected = select(
        &data,
        &ImportSelection::All,
        false,
        &Recovery::default(),
        today,
    );
    let (worknice, counter) = (&worknice, &counter);
    let outcomes: Vec<Result<Action, AppError>> = futures::stream::iter(selected.work)
        .map(|work| async move {
            counter.worknice();
            let connection = connection_for(&work.plan);
            match &work.action {
                Action::Create => worknice
                    .create_connected_person(&new_person(&work.plan), &connection)
                    .await
                    .map(|_| ()),
                Action::Link { person_id } => worknice
                    .connect_person(person_id, &connection)
                    .await
                    .map(|_| ()),
            }
            .map(|()| work.action)
            .map_err(AppError::from)
        })
        .buffer_unordered(WRITE_CONCURRENCY)
        .collect()
        .await;
    let (mut created, mut linked) = (0, 0);
    for outcome in outcomes {
        match outcome? {
            Action::Create => created += 1,
            Action::Link { .. } => linked += 1,
        }
    }
    Ok(ImportFloor {
        requests: counter.counts(),
        created,
        linked,
    })
}
