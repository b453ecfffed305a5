//! The MicrOpay records the apply step reads (a Worknice update is built
//! from one; a lost Change is settled against one), read again once the
//! plan is made. The sync's read keeps only the planner's form of each
//! employee, page by page, so a sync of 50,000 does not hold 50,000 full
//! records; a sync with nothing to write to Worknice reads nothing more.
//!
//! A record read again is checked against the plan: an employee payroll
//! edited (or deleted) in between is left for the next sync, never
//! written with values the plan did not show.

use std::collections::{HashMap, HashSet};

use futures::{StreamExt, TryStreamExt};
use paybridge_micropay::{EmployeeDetail, MicropayClient, MicropayErrorKind};
use paybridge_store::{ChangeKind, ChangeRequestRecord, ChangeStatus};
use paybridge_worknice::{PersonUpdate, WorkniceTaxDetails};

use super::plan::{code_key, Plan, Side};
#[cfg(test)]
use super::worknice_updates::as_planned;
use super::worknice_updates::{Taken, WorkniceUpdates};
use crate::plan::LookupNames;
use crate::reads::{self, RequestCounter, READ_CONCURRENCY};
use crate::retry::{retrying, READ_RETRY};
use crate::AppError;

/// Up to this many records are read one by one; more, and every page is
/// read again (fewer requests), keeping only the needed ones.
const ONE_BY_ONE_MAX: usize = 50;

/// Why an employee read again is not written: the reason the run shows.
pub(crate) const CHANGED_SINCE_READ: &str = "MicrOpay changed this employee while the sync ran: not written now; the next sync picks it up.";

/// What the records read again give the apply step.
#[derive(Default)]
pub(super) struct ReadAgain {
    /// By [`code_key`]: the records of employees with a lost Change to
    /// settle.
    pub records: HashMap<String, EmployeeDetail>,
    /// By place in the plan: the update of each employee the plan updates
    /// in Worknice whose record still carries what was planned.
    pub updates: HashMap<usize, PersonUpdate>,
    /// By [`code_key`]: employees whose record no longer carries what the
    /// plan writes to Worknice (or was not found).
    pub changed: HashSet<String>,
}

impl ReadAgain {
    /// Takes one record read again: its updates made, kept itself only
    /// for a lost Change.
    fn take(
        &mut self,
        key: String,
        record: EmployeeDetail,
        updates: &WorkniceUpdates<'_>,
        needed: &NeededRecords,
    ) {
        // A code read twice (payroll shares it): the last record counts,
        // as in a map of them.
        self.changed.remove(&key);
        if updates.wants(&key) {
            match updates.of(&key, &record) {
                Taken::Updates(made) => self.updates.extend(made),
                Taken::Changed => {
                    self.changed.insert(key);
                    return;
                }
            }
        }
        if needed.lost_changes.contains(&key) {
            self.records.insert(key, record);
        }
    }
}

/// The needed records read again; `tax`: Worknice's tax details of the
/// people updated, by person id.
pub(super) async fn read(
    micropay: &MicropayClient,
    counter: &RequestCounter,
    names: &LookupNames,
    needed: &NeededRecords,
    (plan, tax): (&Plan, &HashMap<String, Option<WorkniceTaxDetails>>),
) -> Result<ReadAgain, AppError> {
    let mut read = ReadAgain::default();
    if needed.employees.is_empty() {
        return Ok(read);
    }
    let updates = WorkniceUpdates::new(plan, names, tax);
    let mut found = HashSet::new();
    if needed.employees.len() <= ONE_BY_ONE_MAX {
        for (key, record) in one_by_one(micropay, counter, needed).await? {
            found.insert(key.clone());
            read.take(key, record, &updates, needed);
        }
    } else {
        // Each page's needed records taken as it arrives.
        let pages = reads::employees_into(micropay, counter, &|page, _, _| {
            let mut taken = ReadAgain::default();
            let mut keys = Vec::new();
            for employee in page {
                let key = code_key(&employee.emp_code);
                if needed.employees.contains_key(&key) {
                    keys.push(key.clone());
                    taken.take(key, employee, &updates, needed);
                }
            }
            vec![(keys, taken)]
        })
        .await?;
        for (keys, taken) in pages {
            for key in &keys {
                read.changed.remove(key);
            }
            found.extend(keys);
            read.records.extend(taken.records);
            read.updates.extend(taken.updates);
            read.changed.extend(taken.changed);
        }
    }
    // Deleted meanwhile: nothing to build an update from.
    let missing: Vec<String> = updates
        .keys()
        .filter(|key| !found.contains(*key))
        .cloned()
        .collect();
    read.changed.extend(missing);
    // Any employee of a code not as planned leaves them all for the next
    // sync.
    for key in &read.changed {
        read.records.remove(key);
    }
    let changed = &read.changed;
    read.updates.retain(|place, _| {
        plan.employees[*place]
            .emp_code
            .as_deref()
            .is_none_or(|code| !changed.contains(&code_key(code)))
    });
    Ok(read)
}

async fn one_by_one(
    micropay: &MicropayClient,
    counter: &RequestCounter,
    needed: &NeededRecords,
) -> Result<HashMap<String, EmployeeDetail>, AppError> {
    // Made into futures first: a stream holding the closure would make
    // `sync_now`'s future not `Send` (as in `apply`).
    let reads: Vec<_> = needed
        .employees
        .iter()
        .map(|(key, emp_code)| async move {
            let read = retrying(&READ_RETRY, "read an employee again", || {
                counter.micropay();
                micropay.employee(emp_code)
            })
            .await;
            match read {
                Ok(employee) => Ok(Some((key.clone(), employee))),
                // Deleted meanwhile: nothing to build an update from.
                Err(error) if error.kind() == MicropayErrorKind::NotFound => Ok(None),
                Err(error) => Err(AppError::from(error)),
            }
        })
        .collect();
    let found: Vec<Option<(String, EmployeeDetail)>> = futures::stream::iter(reads)
        .buffer_unordered(READ_CONCURRENCY)
        .try_collect()
        .await?;
    Ok(found.into_iter().flatten().collect())
}

/// The employees the plan writes to Worknice whose record (read again) is
/// missing or carries another value for a field written than the plan's.
#[cfg(test)]
fn changed_since_planned(
    plan: &Plan,
    records: &HashMap<String, EmployeeDetail>,
    names: &LookupNames,
) -> HashSet<String> {
    plan.employees
        .iter()
        .filter(|employee| employee.writes_to(Side::Worknice))
        .filter_map(|employee| {
            let key = code_key(employee.emp_code.as_deref()?);
            let as_planned = records
                .get(&key)
                .is_some_and(|record| as_planned(employee, record, names));
            (!as_planned).then_some(key)
        })
        .collect()
}

/// Whose source records the apply step reads: the employees and people
/// the plan updates in Worknice, and the employees with a Change whose
/// answer was lost (`settle_lost_changes` compares MicrOpay with it).
pub(super) struct NeededRecords {
    /// MicrOpay's code, by [`code_key`].
    pub(super) employees: HashMap<String, String>,
    /// By person id.
    pub(super) people: HashSet<String>,
    /// Of `employees`, those with a lost Change to settle.
    pub(super) lost_changes: HashSet<String>,
}

impl NeededRecords {
    pub(super) fn of(plan: &Plan, change_requests: &[ChangeRequestRecord]) -> Self {
        let mut needed = Self {
            employees: HashMap::new(),
            people: HashSet::new(),
            lost_changes: HashSet::new(),
        };
        for employee in plan
            .employees
            .iter()
            .filter(|employee| employee.writes_to(Side::Worknice))
        {
            if let Some(code) = &employee.emp_code {
                needed.employees.insert(code_key(code), code.clone());
            }
            if let Some(person_id) = &employee.worknice_person_id {
                needed.people.insert(person_id.clone());
            }
        }
        for request in change_requests.iter().filter(|request| {
            request.kind == ChangeKind::Change
                && request.micropay_request_id.is_none()
                && !matches!(
                    request.status,
                    ChangeStatus::Implemented | ChangeStatus::Rejected
                )
        }) {
            let key = code_key(&request.emp_code);
            needed.lost_changes.insert(key.clone());
            needed.employees.insert(key, request.emp_code.clone());
        }
        needed
    }
}

#[cfg(test)]
mod tests {
    use std::collections::{HashMap, HashSet};

    use paybridge_store::{ChangeKind, ChangeStatus};

    use super::super::fields::FieldId;
    use super::super::tests::{detail, micropay, plain, World};
    use super::{changed_since_planned, NeededRecords};
    use crate::plan::LookupNames;

    /// Payroll renamed three synced employees, so the plan updates them in
    /// Worknice. Read again for the apply step, one still carries the
    /// planned name, one was renamed once more meanwhile and one is gone:
    /// only the first may be written.
    #[test]
    fn a_record_that_changed_after_planning_is_left_for_the_next_sync() {
        let details = [detail("E1", 1), detail("E2", 2), detail("E3", 3)];
        let mut world = World::synced(&details);
        let renamed: Vec<_> = details
            .iter()
            .map(|original| {
                let mut renamed = original.clone();
                renamed.first_name = "Liv".to_owned();
                renamed
            })
            .collect();
        world.micropay = renamed.iter().map(micropay).collect();
        let plan = world.plan();
        assert_eq!(plan.counts.written, 3, "three Worknice updates planned");

        let mut renamed_again = renamed[1].clone();
        renamed_again.first_name = "Mia".to_owned();
        let records = HashMap::from([
            ("e1".to_owned(), renamed[0].clone()),
            ("e2".to_owned(), renamed_again),
        ]);
        let changed = changed_since_planned(&plan, &records, &LookupNames::default());
        assert_eq!(
            changed,
            HashSet::from(["e2".to_owned(), "e3".to_owned()]),
            "E1 is as planned"
        );
    }

    /// Payroll moved an employee to another street, so the plan writes the
    /// street to Worknice (the address goes whole). Read again, the record
    /// also has a new suburb, which the plan neither showed nor planned:
    /// the employee is left for the next sync rather than written with it.
    #[test]
    fn an_address_part_changed_after_planning_holds_the_address_write() {
        let details = [detail("E1", 1), detail("E2", 2)];
        let mut world = World::synced(&details);
        let moved: Vec<_> = details
            .iter()
            .map(|original| {
                let mut moved = original.clone();
                moved.street = "2 Pitt St".to_owned();
                moved
            })
            .collect();
        world.micropay = moved.iter().map(micropay).collect();
        let plan = world.plan();
        assert_eq!(plan.counts.written, 2, "two Worknice updates planned");

        let mut suburb_changed = moved[1].clone();
        suburb_changed.suburb_city = "Parramatta".to_owned();
        let records = HashMap::from([
            ("e1".to_owned(), moved[0].clone()),
            ("e2".to_owned(), suburb_changed),
        ]);
        let changed = changed_since_planned(&plan, &records, &LookupNames::default());
        assert_eq!(
            changed,
            HashSet::from(["e2".to_owned()]),
            "E1 is as planned"
        );
    }

    /// The sync's read turns each MicrOpay page into the planner's form as
    /// it arrives (pages read several at once): the plan made from those
    /// equals the one made from the whole list read first, over real HTTP
    /// with several pages.
    #[tokio::test]
    async fn a_plan_from_streamed_pages_equals_one_from_the_whole_list() {
        use paybridge_domain::Sensitive;
        use paybridge_micropay::{MicropayClient, MicropayConfig};
        use paybridge_sandbox::{Sandbox, SandboxOptions};

        use crate::reads::{self, RequestCounter, PAGE_SIZE};
        use crate::sync::plan::MicropayEmployee;

        let employees = PAGE_SIZE as usize * 2 + 7;
        let sandbox = Sandbox::start(SandboxOptions {
            employees,
            seed: 7,
            ..SandboxOptions::default()
        })
        .await
        .expect("sandbox starts");
        let credentials = &sandbox.credentials.micropay;
        let client = MicropayClient::new(MicropayConfig::new(
            credentials.url.parse().expect("sandbox URL"),
            credentials.username.clone(),
            Sensitive::new(credentials.password.clone()),
            Sensitive::new(credentials.api_key.clone()),
        ))
        .expect("client");
        let counter = RequestCounter::default();
        let names = LookupNames::default();

        let whole = reads::all_employees(&client, &counter, &|_, _| {})
            .await
            .expect("whole list");
        assert!(whole.len() > PAGE_SIZE as usize * 2, "three pages or more");
        let streamed = reads::employees_into(&client, &counter, &|page, _, _| {
            page.iter()
                .map(|employee| MicropayEmployee::from_detail(employee, &names))
                .collect()
        })
        .await
        .expect("streamed pages");

        let plan_of = |micropay: Vec<MicropayEmployee>| {
            let world = World {
                micropay,
                defaults_set: true,
                ..World::default()
            };
            serde_json::to_value(world.plan()).expect("plan as JSON")
        };
        let from_whole = plan_of(
            whole
                .iter()
                .map(|employee| MicropayEmployee::from_detail(employee, &names))
                .collect(),
        );
        let from_streamed = plan_of(streamed);
        assert_eq!(
            from_whole["employees"].as_array().map(Vec::len),
            Some(whole.len()),
            "every employee is in the plan"
        );
        assert_eq!(from_streamed, from_whole);
        sandbox.shutdown();
    }

    /// Of three synced employees, one renamed in MicrOpay (a Worknice
    /// update) and one with a lost Change: only their records are kept for
    /// the apply step, not the third's.
    #[test]
    fn only_the_records_the_apply_step_reads_are_kept() {
        let mut world = World::synced(&[detail("E1", 1), detail("E2", 2), detail("E3", 3)]);
        world.set_micropay("E1", FieldId::FirstName, plain("Liv"));
        let lost = world.request(
            "E2",
            ChangeKind::Change,
            ChangeStatus::Queued,
            &[(FieldId::Email, plain("e2@example.com"))],
            None,
        );
        world
            .requests
            .iter_mut()
            .filter(|request| request.id == lost)
            .for_each(|request| request.micropay_request_id = None);
        // An answered request needs nothing.
        world.request(
            "E3",
            ChangeKind::Change,
            ChangeStatus::Implemented,
            &[(FieldId::Email, plain("e3@example.com"))],
            None,
        );
        let plan = world.plan();
        let needed = NeededRecords::of(&plan, &world.requests);
        let mut employees: Vec<&str> = needed.employees.keys().map(String::as_str).collect();
        employees.sort_unstable();
        assert_eq!(employees, ["e1", "e2"]);
        assert_eq!(
            needed.people.iter().collect::<Vec<_>>(),
            [&"p-1".to_owned()],
            "only the person updated"
        );
    }
}
