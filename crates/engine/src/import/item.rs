//! One employee through the outbox: pending → creating → created → linked
//! (or held), each state written before the Worknice call it guards. A new
//! person is created already linked to their payroll record (one write);
//! `created` then `linked` are recorded as it answers.
//! Passing trouble is retried here, within the run; an employee it outlasts
//! keeps its outbox state, so the next run finishes it (see `recover`).

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, PoisonError};

use chrono::{DateTime, Utc};
use paybridge_store::{ItemState, LinkHow, LinkRecord, LinkToRecord};
use paybridge_worknice::{
    NewPerson, NewPersonConnection, WorkniceClient, WorkniceError, WorknicePerson,
};

use super::failure::ItemFailure;
use super::new_person::new_person;
use crate::api::{AppError, HeldRecord, RetryRecord};
use crate::plan::{self, PersonPlan};
use crate::retry::{retrying, Temporary, READ_RETRY, WRITE_RETRY};
use crate::Engine;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Action {
    Create,
    Link { person_id: String },
}

#[derive(Debug)]
pub(crate) struct Work {
    pub plan: PersonPlan,
    pub name: String,
    pub action: Action,
}

#[derive(Debug)]
pub(crate) enum Outcome {
    Created,
    Linked,
    /// Cancelled before this employee was reached.
    NotReached,
    Held(HeldRecord),
    /// Passing trouble outlasted the retries: the next run tries again.
    RetryNextRun(RetryRecord),
    /// The connection cannot work as set up: the run fails with this, and
    /// the employee's outbox state is left for the next run.
    Fatal(RetryRecord, AppError),
}

pub(crate) struct ItemContext<'a> {
    pub engine: &'a Engine,
    pub worknice: &'a WorkniceClient,
    pub fingerprint_key: &'a [u8; 32],
}

impl std::fmt::Debug for ItemContext<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ItemContext").finish_non_exhaustive()
    }
}

fn outcome_for(how: LinkHow) -> Outcome {
    match how {
        LinkHow::Created => Outcome::Created,
        LinkHow::Matched => Outcome::Linked,
    }
}

impl ItemContext<'_> {
    pub(crate) async fn advance(
        &self,
        run_id: i64,
        emp_code: &str,
        to: ItemState,
        reason: Option<String>,
        person_id: Option<String>,
    ) -> Result<(), AppError> {
        let code = emp_code.to_owned();
        let at = self.engine.clock.now();
        self.engine
            .with_store(move |store| {
                store.imports().advance(
                    run_id,
                    &code,
                    to,
                    reason.as_deref(),
                    person_id.as_deref(),
                    at,
                )
            })
            .await
    }

    /// Marks an employee the cancelled run did not reach.
    pub(crate) async fn not_reached(&self, run_id: i64, work: &Work) -> Outcome {
        let reason = "The import was cancelled before reaching this employee.".to_owned();
        match self
            .advance(
                run_id,
                &work.plan.employee_code,
                ItemState::Skipped,
                Some(reason),
                None,
            )
            .await
        {
            Ok(()) => Outcome::NotReached,
            Err(error) => retry_next_run(work, error.message),
        }
    }

    /// Brings one employee across. A data problem becomes a held record (and
    /// the item's final state); passing trouble leaves the item where it got
    /// to, for the next run. Either way the run goes on. For a new person,
    /// `first` is the answer their chunk's request already gave (see
    /// `chunk`): it is settled before anything more is sent.
    pub(crate) async fn run(
        &self,
        run_id: i64,
        work: &Work,
        first: Option<&WorkniceError>,
    ) -> Outcome {
        match self.try_run(run_id, work, first).await {
            Ok(outcome) => outcome,
            Err(failure) => self.failed(run_id, work, failure).await,
        }
    }

    /// The outcome of a failure: a data problem holds the item with its
    /// reason; passing trouble leaves it where it got to.
    pub(crate) async fn failed(&self, run_id: i64, work: &Work, failure: ItemFailure) -> Outcome {
        match failure {
            ItemFailure::Data(reason) => {
                let code = &work.plan.employee_code;
                if let Err(error) = self
                    .advance(run_id, code, ItemState::Held, Some(reason.clone()), None)
                    .await
                {
                    tracing::warn!(%error, "an import item could not be marked held");
                }
                Outcome::Held(HeldRecord {
                    emp_code: work.plan.employee_code.clone(),
                    name: work.name.clone(),
                    reason,
                })
            }
            ItemFailure::Passing { reason, .. } => retry_next_run(work, reason),
            ItemFailure::Fatal(error) => {
                Outcome::Fatal(retry_record(work, error.message.clone()), error)
            }
        }
    }

    async fn try_run(
        &self,
        run_id: i64,
        work: &Work,
        first: Option<&WorkniceError>,
    ) -> Result<Outcome, ItemFailure> {
        let code = &work.plan.employee_code;
        match &work.action {
            Action::Link { person_id } => {
                // The person matches by code because an earlier run created
                // them and then failed to link: they finish as created, with
                // their fingerprints.
                let created_earlier = self
                    .person_created_earlier(&work.plan)
                    .await
                    .map_err(ItemFailure::store)?;
                let how = if created_earlier.as_deref() == Some(person_id.as_str()) {
                    LinkHow::Created
                } else {
                    LinkHow::Matched
                };
                self.finish_link(run_id, &work.plan, person_id, how).await?;
                Ok(outcome_for(how))
            }
            Action::Create => {
                self.advance(run_id, code, ItemState::Creating, None, None)
                    .await
                    .map_err(ItemFailure::store)?;
                let Made {
                    person_id,
                    how,
                    linked,
                } = self.create(&work.plan, first).await?;
                // Only a person this import made is recorded as created
                // (with the link, see `record_link`): a later run that
                // finds the item held with this person finishes it as
                // created. One not linked yet is marked created first.
                if how == LinkHow::Created && !linked {
                    self.advance(
                        run_id,
                        code,
                        ItemState::Created,
                        None,
                        Some(person_id.clone()),
                    )
                    .await
                    .map_err(ItemFailure::store)?;
                }
                if linked {
                    self.record_link(run_id, &work.plan, &person_id, how)
                        .await?;
                } else {
                    self.finish_link(run_id, &work.plan, &person_id, how)
                        .await?;
                }
                Ok(outcome_for(how))
            }
        }
    }

    /// The Worknice person an earlier import created for this employee and
    /// then could not link, if any.
    async fn person_created_earlier(&self, plan: &PersonPlan) -> Result<Option<String>, AppError> {
        let code = plan.employee_code.clone();
        let id_employee = plan.id_employee;
        self.engine
            .with_store(move |store| store.imports().created_but_not_linked(&code, id_employee))
            .await
    }

    /// Creates the person, linked to their payroll record, exactly once,
    /// retrying passing trouble: a try whose answer was lost is followed by
    /// a look-up by employee code, and the create is sent again only when
    /// nobody has the code. `first` is the answer a chunk's request gave:
    /// the first try settles it instead of sending.
    async fn create(
        &self,
        plan: &PersonPlan,
        first: Option<&WorkniceError>,
    ) -> Result<Made, ItemFailure> {
        let person = new_person(plan);
        let connection = connection_for(plan);
        // Set once a try may have gone through: from then on, a person with
        // this code is the one this run made.
        let maybe_created = AtomicBool::new(false);
        let first = Mutex::new(first);
        retrying(&WRITE_RETRY, "create a Worknice person", || {
            let answered = first.lock().unwrap_or_else(PoisonError::into_inner).take();
            let (person, connection, maybe_created) = (&person, &connection, &maybe_created);
            async move {
                match answered {
                    Some(error) => self.settle(person, connection, error, maybe_created).await,
                    None => self.create_once(person, connection, maybe_created).await,
                }
            }
        })
        .await
    }

    async fn create_once(
        &self,
        person: &NewPerson,
        connection: &NewPersonConnection,
        maybe_created: &AtomicBool,
    ) -> Result<Made, ItemFailure> {
        self.engine.requests.worknice();
        match self
            .worknice
            .create_connected_person(person, connection)
            .await
        {
            Ok(made) => Ok(Made {
                person_id: made.person.id,
                how: LinkHow::Created,
                linked: true,
            }),
            Err(error) => self.settle(person, connection, &error, maybe_created).await,
        }
    }

    /// What a create answered with `error` means: a refusal, or (when the
    /// person may exist) what a look-up by employee code finds.
    async fn settle(
        &self,
        person: &NewPerson,
        connection: &NewPersonConnection,
        error: &WorkniceError,
        maybe_created: &AtomicBool,
    ) -> Result<Made, ItemFailure> {
        // The code taken is the conflict worth a look-up, and so is the
        // payroll record linked already after a try of ours may have gone
        // through (it linked them); otherwise that record is linked to
        // someone else, held with what to do.
        let code_taken = matches!(error, WorkniceError::EmployeeCodeTaken { .. });
        let conflict = match error {
            WorkniceError::EmployeeCodeTaken { .. } => true,
            WorkniceError::ConnectionConflict { .. } => maybe_created.load(Ordering::SeqCst),
            _ => false,
        };
        let failure = match error {
            // Worknice's words would name the employee code as a person.
            WorkniceError::ConnectionConflict { .. } => {
                ItemFailure::Data(LINKED_ELSEWHERE.to_owned())
            }
            _ => ItemFailure::worknice(NOT_ACCEPTED, error),
        };
        // A refusal (a 4xx, a GraphQL error) says nothing was created:
        // asking whether it was, and sending it again, would only repeat it.
        if !conflict && !matches!(failure, ItemFailure::Passing { .. }) {
            return Err(failure);
        }
        if error.outcome_unknown() {
            maybe_created.store(true, Ordering::SeqCst);
        } else if !conflict {
            return Err(failure);
        }
        let ours = maybe_created.load(Ordering::SeqCst);
        self.engine.requests.worknice();
        match self
            .worknice
            .connected_person_by_employee_code(&person.employee_code)
            .await
        {
            // The picker showed this employee as new, so a person with the
            // code that no try of ours made is news to this run: linking
            // them would be a match nobody saw.
            Ok(Some(_)) if conflict && !ours => Err(ItemFailure::Data(UNSEEN_PERSON.to_owned())),
            // Our earlier try went through; only its answer was lost. A
            // conflict with somebody else's person is not claimed as ours.
            // The try linked them too, unless Worknice shows otherwise.
            Ok(Some((found, link))) if is_person_sent(&found, person) => Ok(Made {
                person_id: found.id,
                how: LinkHow::Created,
                linked: link.is_some_and(|link| link.remote_id == connection.remote_id),
            }),
            Ok(Some(_)) => Err(ItemFailure::Data(UNSEEN_PERSON.to_owned())),
            // Linked to someone without this code: not ours.
            Ok(None) if !code_taken && conflict => Err(failure),
            Ok(None) if conflict => Err(ItemFailure::Data(format!(
                "Worknice says another person has employee code {}, but finds nobody with it. \
                 Check the employee codes in Worknice.",
                person.employee_code
            ))),
            // Nothing was created: the next try sends the create again.
            Ok(None) => Err(not_confirmed(error)),
            // Unknown still, whatever the look-up's error: the item stays
            // `creating`, so this run's next try (answered "code taken" if
            // the first went through) or the next run's recovery settles it.
            Err(lookup) => match ItemFailure::worknice("", &lookup) {
                fatal @ ItemFailure::Fatal(_) => Err(fatal),
                _ => Err(ItemFailure::Passing {
                reason: format!(
                    "Worknice did not confirm the new person and could not be asked whether it exists: {lookup}"
                ),
                retry_now: lookup.is_temporary(),
                retry_after: Temporary::retry_after(&lookup),
            }),
            },
        }
    }

    /// Connects the person to the payroll record in Worknice (safe to send
    /// again: linking twice to the same record changes nothing), then
    /// records the link (and, for a created person, the fingerprints) here.
    pub(crate) async fn finish_link(
        &self,
        run_id: i64,
        plan: &PersonPlan,
        person_id: &str,
        how: LinkHow,
    ) -> Result<(), ItemFailure> {
        let connection = connection_for(plan);
        // The client retries this call itself: a couple more tries here,
        // not a series of series.
        retrying(&READ_RETRY, "link a Worknice person", || async {
            self.engine.requests.worknice();
            self.worknice.connect_person(person_id, &connection).await
        })
        .await
        .map_err(|error| ItemFailure::worknice("Worknice did not link the person", &error))?;
        self.record_link(run_id, plan, person_id, how).await
    }

    /// Records here a link Worknice holds (and, for a created person, the
    /// fingerprints of what was imported), and marks the item linked (by
    /// way of created, for a created person), in one transaction.
    pub(crate) async fn record_link(
        &self,
        run_id: i64,
        plan: &PersonPlan,
        person_id: &str,
        how: LinkHow,
    ) -> Result<(), ItemFailure> {
        let at = self.engine.clock.now();
        let (link, fingerprints) = self.link_to_record(plan, person_id, how, at);
        self.engine
            .with_store(move |store| {
                store
                    .imports()
                    .record_linked(run_id, &link, &fingerprints, at)
            })
            .await
            .map_err(ItemFailure::store)
    }

    /// The link to record for `plan`'s employee and `person_id`, with, for
    /// a created person, the fingerprints of what was imported.
    pub(crate) fn link_to_record(
        &self,
        plan: &PersonPlan,
        person_id: &str,
        how: LinkHow,
        at: DateTime<Utc>,
    ) -> LinkToRecord {
        let fingerprints = match how {
            LinkHow::Created => plan::fingerprints(plan, self.fingerprint_key),
            LinkHow::Matched => Vec::new(),
        };
        let link = LinkRecord {
            emp_code: plan.employee_code.clone(),
            id_employee: plan.id_employee,
            worknice_person_id: person_id.to_owned(),
            how,
            linked_at: at,
        };
        (link, fingerprints)
    }
}

/// A person the create made: linked to their payroll record unless a
/// look-up after a lost answer found them without that link.
#[derive(Debug)]
pub(crate) struct Made {
    person_id: String,
    how: LinkHow,
    linked: bool,
}

/// The link to the employee's payroll record.
pub(crate) fn connection_for(plan: &PersonPlan) -> NewPersonConnection {
    NewPersonConnection {
        remote_id: plan.id_employee.to_string(),
        employee_code: plan.employee_code.clone(),
    }
}

pub(crate) const NOT_ACCEPTED: &str = "Worknice did not accept the new person";

const LINKED_ELSEWHERE: &str =
    "This employee's MicrOpay record is already linked to another Worknice person: \
     unlink that person in Worknice, then import again";

pub(crate) const UNSEEN_PERSON: &str =
    "Worknice has a person with this Employee ID that Paybridge did not see \
     when the run started: check it in Worknice, then import again";

/// The person found by code is the one a lost try of ours sent: the same name.
pub(crate) fn is_person_sent(found: &WorknicePerson, sent: &NewPerson) -> bool {
    let found = found.display_name.trim().to_lowercase();
    let last = sent.last_name.trim().to_lowercase();
    let given = [Some(&sent.first_name), sent.preferred_name.as_ref()];
    found.ends_with(&last)
        && given
            .into_iter()
            .flatten()
            .any(|name| found.starts_with(&name.trim().to_lowercase()))
}

/// The create's answer was lost and nobody has the code: passing, and
/// worth sending again.
fn not_confirmed(error: &WorkniceError) -> ItemFailure {
    ItemFailure::Passing {
        reason: format!(
            "Worknice did not confirm the new person, and no person has this employee code: {error}"
        ),
        retry_now: true,
        retry_after: None,
    }
}

pub(crate) fn retry_next_run(work: &Work, reason: String) -> Outcome {
    Outcome::RetryNextRun(retry_record(work, reason))
}

pub(crate) fn retry_record(work: &Work, reason: String) -> RetryRecord {
    RetryRecord {
        emp_code: work.plan.employee_code.clone(),
        name: work.name.clone(),
        reason,
    }
}
