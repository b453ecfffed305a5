//! Finishing what an earlier run left: it was killed, lost its database
//! connection, or ran into passing trouble that outlasted its retries.

use std::collections::{HashMap, HashSet};

use paybridge_store::{ItemState, LinkHow};

use super::failure::ItemFailure;
use super::item::{is_person_sent, ItemContext};
use super::new_person::new_person;
use crate::api::AppError;
use crate::picker::PickerData;
use crate::plan;
use crate::retry::{retrying, READ_RETRY};
use paybridge_worknice::{FoundPerson, MAX_PEOPLE_PER_REQUEST};

/// What recovery did with the items earlier runs left.
#[derive(Debug, Default)]
pub(crate) struct Recovery {
    /// Employee codes whose person an earlier run had created, now linked.
    pub created: HashSet<String>,
    /// Employee codes of `creating` items that could not be looked up: left
    /// as they are, never created again by this run, tried again next run.
    pub deferred: HashSet<String>,
    /// Employee codes of `creating` items whose code Worknice shows on a
    /// person with another name: held with this reason, not linked.
    pub held: HashMap<String, String>,
}

const SOMEONE_ELSE: &str = "An interrupted import may have created this person, but the Worknice \
     person with this Employee ID has another name: check them in Worknice, then import again";

/// An item marked `creating` may have created its person, so it is looked
/// up by employee code (a chunk's worth to a request), never created
/// again; a person found with another name is somebody else's, held. One
/// that cannot be looked up stays as it is and does not stop the run; nor
/// do the `creating` items after it, which are not asked about at all
/// (asking Worknice, with retries, about each of them while it fails would
/// hold the run up for minutes).
pub(crate) async fn recover(
    ctx: &ItemContext<'_>,
    data: &PickerData,
) -> Result<Recovery, AppError> {
    let items = ctx
        .engine
        .with_store(|store| store.imports().unfinished_items())
        .await?;
    let mut recovery = Recovery::default();
    let creating: Vec<String> = items
        .iter()
        .filter(|item| item.state == ItemState::Creating)
        .map(|item| item.emp_code.clone())
        .collect();
    let found = look_up(ctx, &creating).await;
    for item in items {
        tracing::info!(
            run = item.run_id,
            state = item.state.as_str(),
            "finishing an interrupted import item"
        );
        // The person, and the payroll record Worknice shows them linked to.
        let (person_id, linked_to, found_person) = match item.state {
            ItemState::Creating => match found.get(&item.emp_code) {
                Some(Some((person, link))) => (
                    Some(person.id.clone()),
                    link.as_ref().map(|link| link.remote_id.clone()),
                    Some(person),
                ),
                Some(None) => (None, None, None),
                // Not asked, or the asking failed: left for the next run.
                None => {
                    recovery.deferred.insert(item.emp_code.trim().to_owned());
                    continue;
                }
            },
            ItemState::Created => (item.worknice_person_id.clone(), None, None),
            _ => (None, None, None),
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
        let plan = plan::person_plan(employee, &data.names);
        // Somebody else has the code: not ours to claim, as a normal match
        // would not claim them either (`item`'s name check).
        if found_person.is_some_and(|person| !is_person_sent(person, &new_person(&plan))) {
            ctx.advance(
                item.run_id,
                &item.emp_code,
                ItemState::Held,
                Some(SOMEONE_ELSE.to_owned()),
                None,
            )
            .await?;
            recovery
                .held
                .insert(item.emp_code.trim().to_owned(), SOMEONE_ELSE.to_owned());
            continue;
        }
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

/// What Worknice has under each of `codes`, asked a chunk's worth at a
/// time; from the first look-up that fails on, the codes are left out
/// (not asked, settled next run).
async fn look_up(ctx: &ItemContext<'_>, codes: &[String]) -> HashMap<String, Option<FoundPerson>> {
    let mut found = HashMap::new();
    for batch in codes.chunks(MAX_PEOPLE_PER_REQUEST) {
        let answer = retrying(&READ_RETRY, "look people up", || async {
            ctx.engine.requests.worknice();
            ctx.worknice.connected_people_by_employee_codes(batch).await
        })
        .await;
        match answer {
            Ok(people) => found.extend(batch.iter().cloned().zip(people)),
            Err(error) => {
                tracing::warn!(
                    %error,
                    "interrupted creates could not be looked up; \
                     the interrupted creates left are settled next run"
                );
                break;
            }
        }
    }
    found
}
