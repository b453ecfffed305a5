//! Matched people a chunk at a time: one `connect_people` request for the
//! chunk (safe to send again), then the chunk's links in one transaction.

use std::time::Duration;

use paybridge_store::LinkHow;

use super::breaker::Breaker;
use super::chunk::{every, TOO_LONG};
use super::failure::ItemFailure;
use super::item::{connection_for, retry_next_run, Action, ItemContext, Outcome, Work};
use crate::retry::{retrying, READ_RETRY};

impl ItemContext<'_> {
    pub(super) async fn link_chunk(
        &self,
        run_id: i64,
        works: Vec<Work>,
        patience: Duration,
        breaker: &Breaker,
    ) -> Vec<Outcome> {
        let mut outcomes: Vec<Option<Outcome>> = works.iter().map(|_| None).collect();
        let mut links = Vec::new();
        let timer = std::time::Instant::now();
        // One read for the chunk, not one per person.
        let keys: Vec<(String, i64)> = works
            .iter()
            .map(|work| (work.plan.employee_code.clone(), work.plan.id_employee))
            .collect();
        let created_earlier = self
            .engine
            .with_store(move |store| {
                keys.iter()
                    .map(|(code, id)| store.imports().created_but_not_linked(code, *id))
                    .collect::<Result<Vec<_>, _>>()
            })
            .await;
        let created_earlier = match created_earlier {
            Ok(created_earlier) => created_earlier,
            Err(error) => return every(&works, &error.message),
        };
        // The links the breaker lets through, all in one request.
        let mut sent = Vec::new();
        for (index, work) in works.iter().enumerate() {
            let Action::Link { person_id } = &work.action else {
                continue;
            };
            if let Some(skipped) = breaker.skip(work) {
                outcomes[index] = Some(skipped);
                continue;
            }
            // The person matches by code because an earlier run created
            // them and then failed to link: they finish as created.
            let how = if created_earlier[index].as_deref() == Some(person_id.as_str()) {
                LinkHow::Created
            } else {
                LinkHow::Matched
            };
            sent.push((index, person_id.clone(), how));
        }
        let answers = match tokio::time::timeout(patience, self.connect_all(&works, &sent)).await {
            Ok(Ok(answers)) => answers.into_iter().map(Some).collect(),
            Ok(Err(failure)) => {
                for (index, _, _) in &sent {
                    let outcome = self.failed(run_id, &works[*index], failure.clone()).await;
                    breaker.record(&outcome);
                    outcomes[*index] = Some(outcome);
                }
                Vec::new()
            }
            Err(_) => vec![None; sent.len()],
        };
        for ((index, person_id, how), answer) in sent
            .into_iter()
            .zip(answers.into_iter().chain(std::iter::repeat_with(|| None)))
        {
            if outcomes[index].is_some() {
                continue;
            }
            let outcome = match answer {
                Some(Ok(())) => {
                    links.push((index, person_id, how));
                    // Linked in Worknice: only the recording is to come.
                    breaker.record(&Outcome::Linked);
                    continue;
                }
                Some(Err(failure)) => self.failed(run_id, &works[index], failure).await,
                None => retry_next_run(&works[index], TOO_LONG.to_owned()),
            };
            breaker.record(&outcome);
            outcomes[index] = Some(outcome);
        }
        let answered_ms = timer.elapsed().as_millis();
        self.record_links(run_id, &works, links, &mut outcomes)
            .await;
        tracing::debug!(
            people = works.len(),
            answered_ms,
            recorded_ms = timer.elapsed().as_millis(),
            "import chunk: linked"
        );
        outcomes
            .into_iter()
            .zip(&works)
            .map(|(outcome, work)| {
                outcome.unwrap_or_else(|| {
                    retry_next_run(work, "not finished (a bug in Paybridge)".to_owned())
                })
            })
            .collect()
    }

    /// Links the `sent` people in Worknice in one request (safe to send
    /// again): one answer each, in order, or a failure for them all.
    async fn connect_all(
        &self,
        works: &[Work],
        sent: &[(usize, String, LinkHow)],
    ) -> Result<Vec<Result<(), ItemFailure>>, ItemFailure> {
        if sent.is_empty() {
            return Ok(Vec::new());
        }
        let links: Vec<_> = sent
            .iter()
            .map(|(index, person_id, _)| (person_id.clone(), connection_for(&works[*index].plan)))
            .collect();
        let answers = match retrying(&READ_RETRY, "link Worknice people", || async {
            self.engine.requests.worknice();
            self.worknice.connect_people(&links).await
        })
        .await
        {
            Ok(answers) => answers,
            Err(error) => match ItemFailure::worknice(NOT_LINKED, &error) {
                // Refused as a whole, perhaps for one person's data: each
                // goes alone, so only a link Worknice refuses is held.
                ItemFailure::Data(_) if links.len() > 1 => {
                    tracing::debug!(%error, "links refused as a whole: sending each alone");
                    let mut answers = Vec::with_capacity(links.len());
                    for (person_id, connection) in &links {
                        answers.push(
                            retrying(&READ_RETRY, "link a Worknice person", || async {
                                self.engine.requests.worknice();
                                self.worknice.connect_person(person_id, connection).await
                            })
                            .await,
                        );
                    }
                    answers
                }
                failure => return Err(failure),
            },
        };
        Ok(answers
            .into_iter()
            .map(|answer| {
                answer
                    .map(|_| ())
                    .map_err(|error| ItemFailure::worknice(NOT_LINKED, &error))
            })
            .collect())
    }
}

const NOT_LINKED: &str = "Worknice did not link the person";
