//! Employees through the outbox a chunk at a time, with the same states and
//! guarantees as one at a time (`item`), in fewer commits and requests:
//! - new people: the chunk's `creating` states in one transaction, then one
//!   `create_connected_people` request (one alias per person), then every
//!   created person's link and item state in one transaction. A person the
//!   answer refused, or a request whose answer was lost, goes on one at a
//!   time from where it is: the lost answer is settled by a look-up by
//!   Employee ID, never by sending the chunk again.
//! - matched people: see `chunk_links`.

use std::time::Duration;

use paybridge_store::{ItemState, LinkHow, LinkToRecord};
use paybridge_worknice::{WorkniceError, MAX_PEOPLE_PER_REQUEST};

use super::breaker::Breaker;
use super::failure::ItemFailure;
use super::item::{
    connection_for, retry_next_run, Action, ItemContext, Outcome, Work, NOT_ACCEPTED,
};
use super::new_person::new_person;
use crate::retry::{retrying, Temporary, WRITE_RETRY};

/// Employees sent together: as many as one Worknice request carries.
pub(crate) const CHUNK: usize = MAX_PEOPLE_PER_REQUEST;

/// Employees handled together: all to create, or all to link.
#[derive(Debug)]
pub(crate) struct Chunk {
    pub create: bool,
    pub works: Vec<Work>,
}

/// `work` in chunks of at most [`CHUNK`], creates and links apart, each in
/// the order given.
pub(crate) fn chunks(work: Vec<Work>) -> Vec<Chunk> {
    let (creates, links): (Vec<Work>, Vec<Work>) = work
        .into_iter()
        .partition(|work| work.action == Action::Create);
    let mut chunks = Vec::new();
    for (create, mut works) in [(true, creates), (false, links)] {
        while !works.is_empty() {
            let rest = works.split_off(works.len().min(CHUNK));
            chunks.push(Chunk {
                create,
                works: std::mem::replace(&mut works, rest),
            });
        }
    }
    chunks
}

/// A whole request Worknice did not apply (asked to wait, or refused it):
/// it may be sent again as it is.
struct NotApplied(WorkniceError);

impl Temporary for NotApplied {
    fn is_temporary(&self) -> bool {
        self.0.is_temporary()
    }

    fn retry_after(&self) -> Option<Duration> {
        Temporary::retry_after(&self.0)
    }
}

impl ItemContext<'_> {
    /// Brings a chunk across (see the module docs); one outcome per
    /// employee, in order. `patience` bounds each wait for Worknice.
    /// A chunk of new people goes as one request, or not at all while the
    /// breaker is open; links are asked of the breaker one by one.
    pub(crate) async fn run_chunk(
        &self,
        run_id: i64,
        chunk: Chunk,
        patience: Duration,
        breaker: &Breaker,
    ) -> Vec<Outcome> {
        if !chunk.create {
            return self
                .link_chunk(run_id, chunk.works, patience, breaker)
                .await;
        }
        // Left as they are in the outbox: the next run picks them up.
        if breaker.skip(&chunk.works[0]).is_some() {
            let outcomes: Vec<Outcome> = chunk.works.iter().map(Breaker::skipped).collect();
            for outcome in &outcomes {
                breaker.record(outcome);
            }
            return outcomes;
        }
        self.create_chunk(run_id, chunk.works, patience, breaker)
            .await
    }

    /// Every outcome is told to `breaker` as it comes: those settled one at
    /// a time ask it first, so a chunk met by an outage stops sending after
    /// a few, instead of waiting out each person's patience in turn.
    async fn create_chunk(
        &self,
        run_id: i64,
        works: Vec<Work>,
        patience: Duration,
        breaker: &Breaker,
    ) -> Vec<Outcome> {
        let codes: Vec<String> = works
            .iter()
            .map(|work| work.plan.employee_code.clone())
            .collect();
        let at = self.engine.clock.now();
        let timer = std::time::Instant::now();
        let creating_codes = codes.clone();
        let creating = self
            .engine
            .with_store(move |store| {
                store
                    .imports()
                    .advance_all(run_id, &creating_codes, ItemState::Creating, None, at)
            })
            .await;
        if let Err(error) = creating {
            return every(&works, &error.message);
        }
        let committed_ms = timer.elapsed().as_millis();
        let people: Vec<_> = works
            .iter()
            .map(|work| (new_person(&work.plan), connection_for(&work.plan)))
            .collect();
        let send = retrying(&WRITE_RETRY, "create Worknice people", || async {
            self.engine.requests.worknice();
            match self.worknice.create_connected_people(&people).await {
                // Nothing was applied: the same request may go again.
                Err(error) if !error.outcome_unknown() => Err(NotApplied(error)),
                answer => Ok(answer),
            }
        });
        // Cut short, the chunk stays `creating`: the next run looks each up.
        let Ok(sent) = tokio::time::timeout(patience, send).await else {
            return every(&works, TOO_LONG);
        };
        let answered_ms = timer.elapsed().as_millis();
        let mut outcomes: Vec<Option<Outcome>> = works.iter().map(|_| None).collect();
        // Settled one at a time, and told to the breaker then.
        let mut alone = vec![false; works.len()];
        let mut created = Vec::new();
        match sent {
            // Nothing was applied, perhaps for one person's data: each goes
            // alone, so only a person Worknice refuses is held.
            Ok(Err(error)) | Err(NotApplied(error)) if works.len() > 1 && refused_whole(&error) => {
                tracing::debug!(%error, "import chunk refused as a whole: sending each alone");
                for (index, work) in works.iter().enumerate() {
                    outcomes[index] =
                        Some(self.one_by_one(run_id, work, None, patience, breaker).await);
                    alone[index] = true;
                }
            }
            Ok(Ok(answers)) => {
                let mut refused = Vec::new();
                for (index, answer) in answers.into_iter().enumerate() {
                    match answer {
                        Ok(made) => created.push((index, made.person.id)),
                        Err(error) => refused.push((index, error)),
                    }
                }
                // One person's refusal or missing answer is theirs alone.
                for (index, error) in refused {
                    let work = &works[index];
                    outcomes[index] = Some(
                        self.one_by_one(run_id, work, Some(&error), patience, breaker)
                            .await,
                    );
                    alone[index] = true;
                }
            }
            // Any of them may exist: each is looked up before anything is sent again.
            Ok(Err(unknown)) => {
                for (index, work) in works.iter().enumerate() {
                    outcomes[index] = Some(
                        self.one_by_one(run_id, work, Some(&unknown), patience, breaker)
                            .await,
                    );
                    alone[index] = true;
                }
            }
            Err(NotApplied(error)) => {
                // Nothing was created: no look-up is owed next run.
                let at = self.engine.clock.now();
                let cleared = self
                    .engine
                    .with_store(move |store| {
                        store.imports().advance_all(
                            run_id,
                            &codes,
                            ItemState::Skipped,
                            Some(NOT_SENT),
                            at,
                        )
                    })
                    .await;
                if let Err(error) = cleared {
                    tracing::warn!(%error, "a chunk Worknice did not take stays `creating`");
                }
                for (index, work) in works.iter().enumerate() {
                    let failure = ItemFailure::worknice(NOT_ACCEPTED, &error);
                    outcomes[index] = Some(self.failed(run_id, work, failure).await);
                }
            }
        }
        let links = created
            .into_iter()
            .map(|(index, person_id)| (index, person_id, LinkHow::Created))
            .collect();
        self.record_links(run_id, &works, links, &mut outcomes)
            .await;
        tracing::debug!(
            people = works.len(),
            committed_ms,
            answered_ms,
            recorded_ms = timer.elapsed().as_millis(),
            "import chunk: created"
        );
        let outcomes: Vec<Outcome> = outcomes
            .into_iter()
            .zip(&works)
            .map(|(outcome, work)| {
                outcome.unwrap_or_else(|| {
                    retry_next_run(work, "not finished (a bug in Paybridge)".to_owned())
                })
            })
            .collect();
        for (outcome, told) in outcomes.iter().zip(alone) {
            if !told {
                breaker.record(outcome);
            }
        }
        outcomes
    }

    /// One new person on from a chunk's `answer` (`None`: sent alone), as
    /// `item` would, unless the breaker is open: then they stay as they are
    /// in the outbox (`creating`: the next run looks them up). Tells the
    /// breaker how it went.
    async fn one_by_one(
        &self,
        run_id: i64,
        work: &Work,
        answer: Option<&WorkniceError>,
        patience: Duration,
        breaker: &Breaker,
    ) -> Outcome {
        let outcome = match breaker.skip(work) {
            Some(skipped) => skipped,
            None => {
                let fallback = retry_next_run(work, TOO_LONG.to_owned());
                tokio::time::timeout(patience, self.run(run_id, work, answer))
                    .await
                    .unwrap_or(fallback)
            }
        };
        breaker.record(&outcome);
        outcome
    }

    /// Records the links Worknice holds, in one transaction, and fills in
    /// their outcomes.
    pub(super) async fn record_links(
        &self,
        run_id: i64,
        works: &[Work],
        links: Vec<(usize, String, LinkHow)>,
        outcomes: &mut [Option<Outcome>],
    ) {
        if links.is_empty() {
            return;
        }
        let at = self.engine.clock.now();
        let records: Vec<LinkToRecord> = links
            .iter()
            .map(|(index, person_id, how)| {
                self.link_to_record(&works[*index].plan, person_id, *how, at)
            })
            .collect();
        let recorded = self
            .engine
            .with_store(move |store| {
                let results = store.imports().record_linked_all(run_id, &records, at)?;
                Ok(results
                    .into_iter()
                    .map(|result| result.map_err(|error| crate::api::AppError::from(error).message))
                    .collect::<Vec<_>>())
            })
            .await;
        match recorded {
            Ok(results) => {
                for ((index, _, how), result) in links.into_iter().zip(results) {
                    outcomes[index] = Some(match result {
                        Ok(()) => match how {
                            LinkHow::Created => Outcome::Created,
                            LinkHow::Matched => Outcome::Linked,
                        },
                        Err(reason) => retry_next_run(&works[index], reason),
                    });
                }
            }
            Err(error) => {
                for (index, _, _) in links {
                    outcomes[index] = Some(retry_next_run(&works[index], error.message.clone()));
                }
            }
        }
    }
}

/// Worknice refused the request as it stood (a 4xx, a GraphQL error for
/// the whole document, as a single create's refusal is read: nothing
/// created), which one person's bad value is enough for.
fn refused_whole(error: &WorkniceError) -> bool {
    matches!(
        ItemFailure::worknice(NOT_ACCEPTED, error),
        ItemFailure::Data(_)
    )
}

/// The same passing trouble for every employee of a chunk.
pub(super) fn every(works: &[Work], reason: &str) -> Vec<Outcome> {
    works
        .iter()
        .map(|work| retry_next_run(work, reason.to_owned()))
        .collect()
}

const NOT_SENT: &str = "Worknice asked Paybridge to wait, and nothing was created; \
     this employee is picked up again by the next import.";

pub(super) const TOO_LONG: &str =
    "Worknice took too long to answer for this employee; they are tried again next run.";
