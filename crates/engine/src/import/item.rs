//! One employee through the outbox: pending → creating → created → linked
//! (or held), each state written before the Worknice call it guards.

use paybridge_store::{ItemState, LinkHow, LinkRecord};
use paybridge_worknice::{NewPersonConnection, WorkniceClient, WorkniceError, WorkniceErrorKind};

use super::new_person::new_person;
use crate::api::{AppError, HeldRecord};
use crate::picker::PickerData;
use crate::plan::{self, PersonPlan};
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

fn worknice_reason(what: &str, error: &WorkniceError) -> String {
    format!("{what}: {error}")
}

impl ItemContext<'_> {
    async fn advance(
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
            Err(error) => self.held(work, error.message),
        }
    }

    fn held(&self, work: &Work, reason: String) -> Outcome {
        Outcome::Held(HeldRecord {
            emp_code: work.plan.employee_code.clone(),
            name: work.name.clone(),
            reason,
        })
    }

    /// Brings one employee across; a failure becomes a held record (and the
    /// item's final state) so the run goes on.
    pub(crate) async fn run(&self, run_id: i64, work: Work) -> Outcome {
        match self.try_run(run_id, &work).await {
            Ok(outcome) => outcome,
            Err(reason) => {
                let code = &work.plan.employee_code;
                if let Err(error) = self
                    .advance(run_id, code, ItemState::Held, Some(reason.clone()), None)
                    .await
                {
                    tracing::warn!(%error, "an import item could not be marked held");
                }
                self.held(&work, reason)
            }
        }
    }

    async fn try_run(&self, run_id: i64, work: &Work) -> Result<Outcome, String> {
        let code = &work.plan.employee_code;
        match &work.action {
            Action::Link { person_id } => {
                // The person matches by code because an earlier run created
                // them and then failed to link: they finish as created, with
                // their fingerprints.
                let created_earlier = self
                    .person_created_earlier(&work.plan)
                    .await
                    .map_err(|error| error.message)?;
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
                    .map_err(|error| error.message)?;
                let (person_id, how) = self.create(&work.plan).await?;
                // Only a person this import made is recorded as created: a
                // later run that finds the item held with this person
                // finishes it as created.
                if how == LinkHow::Created {
                    self.advance(
                        run_id,
                        code,
                        ItemState::Created,
                        None,
                        Some(person_id.clone()),
                    )
                    .await
                    .map_err(|error| error.message)?;
                }
                self.finish_link(run_id, &work.plan, &person_id, how)
                    .await?;
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

    /// Sends the create once. When the answer is lost, or Worknice says the
    /// code is taken, the person is looked up by code instead of created again.
    async fn create(&self, plan: &PersonPlan) -> Result<(String, LinkHow), String> {
        self.engine.requests.worknice();
        let error = match self.worknice.create_person(&new_person(plan)).await {
            Ok(person) => return Ok((person.id, LinkHow::Created)),
            Err(error) => error,
        };
        let conflict = error.kind() == WorkniceErrorKind::Conflict;
        if !conflict && !error.outcome_unknown() {
            return Err(worknice_reason(
                "Worknice did not accept the new person",
                &error,
            ));
        }
        self.engine.requests.worknice();
        match self
            .worknice
            .person_by_employee_code(&plan.employee_code)
            .await
        {
            // Someone else made them: link, as for any match.
            Ok(Some(person)) if conflict => Ok((person.id, LinkHow::Matched)),
            // Our create went through; only its answer was lost.
            Ok(Some(person)) => Ok((person.id, LinkHow::Created)),
            Ok(None) => Err(worknice_reason(
                "Worknice did not confirm the new person, and no person has this employee code; import again",
                &error,
            )),
            Err(lookup) => Err(worknice_reason(
                "Worknice did not confirm the new person and could not be asked whether it exists; import again",
                &lookup,
            )),
        }
    }

    /// Connects the person to the payroll record in Worknice, then records
    /// the link (and, for a created person, the fingerprints) here.
    async fn finish_link(
        &self,
        run_id: i64,
        plan: &PersonPlan,
        person_id: &str,
        how: LinkHow,
    ) -> Result<(), String> {
        let connection = NewPersonConnection {
            remote_id: plan.id_employee.to_string(),
            employee_code: plan.employee_code.clone(),
        };
        self.engine.requests.worknice();
        self.worknice
            .connect_person(person_id, &connection)
            .await
            .map_err(|error| worknice_reason("Worknice did not link the person", &error))?;
        let fingerprints = match how {
            LinkHow::Created => plan::fingerprints(plan, self.fingerprint_key),
            LinkHow::Matched => Vec::new(),
        };
        let link = LinkRecord {
            emp_code: plan.employee_code.clone(),
            id_employee: plan.id_employee,
            worknice_person_id: person_id.to_owned(),
            how,
            linked_at: self.engine.clock.now(),
        };
        self.engine
            .with_store(move |store| store.links().record(&link, &fingerprints))
            .await
            .map_err(|error| error.message)?;
        self.advance(
            run_id,
            &plan.employee_code,
            ItemState::Linked,
            None,
            Some(person_id.to_owned()),
        )
        .await
        .map_err(|error| error.message)
    }
}

/// Finishes what an earlier run left (it was killed or lost its database
/// connection): an item marked `creating` may have created its person, so
/// it is looked up by employee code, never created again. Returns how many
/// people such items had created.
pub(crate) async fn recover(ctx: &ItemContext<'_>, data: &PickerData) -> Result<u32, AppError> {
    let items = ctx
        .engine
        .with_store(|store| store.imports().unfinished_items())
        .await?;
    let mut created = 0;
    for item in items {
        tracing::info!(
            run = item.run_id,
            state = item.state.as_str(),
            "finishing an interrupted import item"
        );
        let person_id = match item.state {
            ItemState::Creating => {
                ctx.engine.requests.worknice();
                ctx.worknice
                    .person_by_employee_code(&item.emp_code)
                    .await?
                    .map(|person| person.id)
            }
            ItemState::Created => item.worknice_person_id.clone(),
            _ => None,
        };
        let employee = data
            .find(&item.emp_code)
            .filter(|employee| employee.id_employee == item.id_employee);
        let (Some(person_id), Some(employee)) = (person_id, employee) else {
            let reason = "The import stopped before this employee was finished; they are picked up again by the next import.";
            ctx.advance(
                item.run_id,
                &item.emp_code,
                ItemState::Skipped,
                Some(reason.to_owned()),
                None,
            )
            .await?;
            continue;
        };
        if item.state == ItemState::Creating {
            ctx.advance(
                item.run_id,
                &item.emp_code,
                ItemState::Created,
                None,
                Some(person_id.clone()),
            )
            .await?;
        }
        let plan = plan::person_plan(employee, &data.names);
        match ctx
            .finish_link(item.run_id, &plan, &person_id, LinkHow::Created)
            .await
        {
            Ok(()) => created += 1,
            Err(reason) => {
                ctx.advance(
                    item.run_id,
                    &item.emp_code,
                    ItemState::Held,
                    Some(reason),
                    None,
                )
                .await?;
            }
        }
    }
    let runs = ctx
        .engine
        .with_store(|store| store.imports().unfinished_runs())
        .await?;
    let at = ctx.engine.clock.now();
    for run in runs {
        ctx.engine
            .with_store(move |store| store.imports().finish(run, at))
            .await?;
    }
    Ok(created)
}
