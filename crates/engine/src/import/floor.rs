//! The import's floor, for `paybridge bench sync`: the reads an import of
//! everyone makes and the writes it sends (new people 50 to a request, as
//! the import's chunks; links 50 to a request too), at the same concurrency, through
//! the bare clients. No store, no outbox, no backup, no fingerprints, no
//! engine retries: what is left is what any import has to pay.

use futures::StreamExt;
use paybridge_micropay::MicropayClient;
use paybridge_worknice::WorkniceClient;

use super::chunk::chunks;
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
    let started = std::time::Instant::now();
    let counter = RequestCounter::default();
    let micropay = MicropayClient::new(micropay_config(micropay)?)?;
    let worknice = WorkniceClient::new(worknice_config(worknice)?)?;
    let people = async {
        counter.worknice();
        let people = worknice.people(true).await;
        tracing::debug!(
            ms = started.elapsed().as_millis(),
            "import floor: Worknice read"
        );
        people.map_err(AppError::from)
    };
    let snapshot = async {
        let snapshot = reads::snapshot(&micropay, &counter, &|_, _| {}).await;
        tracing::debug!(
            ms = started.elapsed().as_millis(),
            "import floor: MicrOpay read"
        );
        snapshot.map_err(AppError::from)
    };
    let (snapshot, people) = tokio::try_join!(snapshot, people)?;
    tracing::debug!(ms = started.elapsed().as_millis(), "import floor: read");
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
    // The import's chunks: one request per chunk of new people, one per
    // chunk of links, so both send the same requests.
    let outcomes: Vec<Result<(u32, u32), AppError>> = futures::stream::iter(chunks(selected.work))
        .map(|chunk| async move {
            if chunk.create {
                counter.worknice();
                let people: Vec<_> = chunk
                    .works
                    .iter()
                    .map(|work| (new_person(&work.plan), connection_for(&work.plan)))
                    .collect();
                let answers = worknice.create_connected_people(&people).await?;
                let created = answers.into_iter().collect::<Result<Vec<_>, _>>()?;
                return Ok((u32::try_from(created.len()).unwrap_or(u32::MAX), 0));
            }
            let links: Vec<_> = chunk
                .works
                .iter()
                .filter_map(|work| match &work.action {
                    Action::Link { person_id } => {
                        Some((person_id.clone(), connection_for(&work.plan)))
                    }
                    Action::Create => None,
                })
                .collect();
            counter.worknice();
            let answers = worknice.connect_people(&links).await?;
            answers.into_iter().collect::<Result<Vec<_>, _>>()?;
            Ok((0, u32::try_from(chunk.works.len()).unwrap_or(u32::MAX)))
        })
        .buffer_unordered(WRITE_CONCURRENCY)
        .collect()
        .await;
    tracing::debug!(ms = started.elapsed().as_millis(), "import floor: written");
    let (mut created, mut linked) = (0, 0);
    for outcome in outcomes {
        let (made, connected) = outcome?;
        created += made;
        linked += connected;
    }
    Ok(ImportFloor {
        requests: counter.counts(),
        created,
        linked,
    })
}
