//! Finishing what an earlier run left: it was killed, lost its database
//! connection, or ran into passing trouble that outlasted its retries.

use std::collections::HashSet;

use paybridge_store::{ItemState, LinkHow};

use super::failure::ItemFailure;
use super::item::ItemContext;
use crate::api::AppError;
use crate::picker::PickerData;
use crate::plan;
use crate::retry::{retrying, READ_RETRY};

/// What recovery did with the items earlier runs left.
#[derive(Debug, Default)]
pub(crate) struct Recovery {
    /// Employee codes whose person an earlier run had created, now linked.
    pub created: HashSet<String>,
    /// Employee codes of `creating` items that could not be looked up: left
    /// as they are, never created again by this run, tried again next run.
    pub deferred: HashSet<String>,
}

/// An item marked `creating` may have created its person, so it is looked
/// up by employee code, never created again. One that cannot be looked up
/// stays as it is and does not stop the run; nor do the `creating` items
/// after it, which are not asked about at all (a killed chunk leaves up to
/// one request's worth per worker: asking Worknice, with retries, about
/// each of them while it fails would hold the run up for minutes).
pub(crate) async fn recover(
    ctx: &ItemContext<'_>,
    data: &PickerData,
) -> Result<Recovery, AppError> {
    let items = ctx
        .engine
        .with_store(|store| store.imports().unfinished_items())
        .await?;
    let mut recovery = Recovery::default();
    let mut worknice_failing = false;
    for item in items {
        if worknice_failing && item.state == ItemState::Creating {
            recovery.deferred.insert(item.emp_code.trim().to_owned());
            continue;
        }
        tracing::info!(
            run = item.run_id,
            state = item.state.as_str(),
            "finishing an interrupted import item"
        );
        // The person, and the payroll record Worknice shows them linked to.
        let (person_id, linked_to) = match item.state {
            ItemState::Creating => {
                match retrying(&READ_RETRY, "look a person up", || async {
                    ctx.engine.requests.worknice();
                    ctx.worknice
                        .connected_person_by_employee_code(&item.emp_code)
                        .await
                })
                .await
                {
                    Ok(Some((person, link))) => (Some(person.id), link.map(|link| link.remote_id)),
                    Ok(None) => (None, None),
                    Err(error) => {
                        tracing::warn!(
                            %error,
                            "an interrupted create could not be looked up; \
                             the interrupted creates left are settled next run"
                        );
                        worknice_failing = true;
                        recovery.deferred.insert(item.emp_code.trim().to_owned());
                        continue;
                    }
                }
            }
            ItemState::Created => (item.worknice_person_id.clone(), None),
            _ => (None, None),
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
        // The interrupted create carried the link: Worknice holds it already.
        let linked = linked_to == Some(employee.id_employee.to_string());
        let finished = if linked {
            ctx.record_link(item.run_id, &plan, &person_id, LinkHow::Created)
                .await
        } else {
            ctx.finish_link(item.run_id, &plan, &person_id, LinkHow::Created)
                .await
        };
        match finished {
            Ok(()) => {
                recovery.created.insert(item.emp_code.trim().to_owned());
            }
            // Held with its person: this run links them again as a match
            // and finishes them as created (`created_but_not_linked`).
            Err(ItemFailure::Fatal(error)) => return Err(error),
            Err(ItemFailure::Data(reason) | ItemFailure::Passing { reason, .. }) => {
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
    Ok(recovery)
}
