//! The first wired step of the sync: read both sides and what the store
//! holds, and make the plan. Nothing is written anywhere (not even
//! baselines): this is what `paybridge sync --dry-run` shows.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::{Mutex, PoisonError};

use chrono::NaiveDate;
use futures::{StreamExt, TryStreamExt};
use paybridge_micropay::{DeletedEmployee, EmployeeDetail, MicropayClient, MicropayErrorKind};
use paybridge_secrets::DatabaseKey;
use paybridge_store::{ChangeRequestRecord, LinkRecord};
use paybridge_worknice::{PersonUpdate, WorkniceConfig, WorkniceTaxDetails};

use super::baseline::Baseline;
use super::plan::{
    code_key, plan, Directions, MicropayCoverage, MicropayEmployee, Plan, PlanInputs,
};
use super::planner::Planner;
use super::read_choice::{micropay_instant, ReadChoice, WHY_MANY, WHY_NOT_FOUND};
use super::read_people::PeopleRead;
use super::records_needed::NeededRecords;
use super::unread::codes_to_read;
use crate::api::{MicropayRead, ReadRequest, SyncGroup, SyncPreview};
use crate::plan::LookupNames;
use crate::reads;
use crate::retry::{retrying, READ_RETRY};
use crate::AppError;
use crate::Engine;

/// `DeletedEmployees` from the start: the plan needs every deleted
/// employee, not only those since the last sync (see `PlanInputs::deleted`).
const DELETED_SINCE: NaiveDate = match NaiveDate::from_ymd_opt(1900, 1, 1) {
    Some(date) => date,
    None => panic!("a valid date"),
};

/// What one read found, with the plan made of it. Of the source records
/// it keeps only what the apply step needs (the rest went once planned).
#[derive(Debug)]
pub(crate) struct SyncRead {
    pub plan: Plan,
    /// MicrOpay's records, by [`code_key`], of the employees with a lost
    /// Change to settle.
    pub employees: HashMap<String, EmployeeDetail>,
    /// By [`code_key`]: employees whose record, read again for the apply
    /// step, no longer carries what was planned (payroll edited them
    /// meanwhile, or deleted them): left for the next sync.
    pub changed_since_read: HashSet<String>,
    /// By place in the plan: each Worknice update, built from MicrOpay's
    /// record read again (and Worknice's tax details: the group is sent
    /// whole).
    pub worknice_updates: HashMap<usize, PersonUpdate>,
    pub names: LookupNames,
    /// How MicrOpay was read, for the run's history.
    pub micropay_read: MicropayRead,
}

/// Past this many employees to read one by one after a `changedSince`
/// read, one full read (a few pages) is quicker.
const ONE_BY_ONE_LIMIT: usize = 50;

/// What the plan reads from the store (and the keyring).
struct Stored {
    links: Vec<LinkRecord>,
    baselines: BTreeMap<String, Baseline>,
    change_requests: Vec<ChangeRequestRecord>,
    directions: Directions,
    new_hire_defaults_set: bool,
    fingerprint_key: DatabaseKey,
}

fn plan_inputs<'a>(
    stored: &'a Stored,
    people: &'a PeopleRead,
    deleted: &'a [DeletedEmployee],
    micropay: &'a [MicropayEmployee],
    coverage: MicropayCoverage,
) -> PlanInputs<'a> {
    PlanInputs {
        fingerprint_key: stored.fingerprint_key.expose(),
        micropay,
        coverage,
        worknice: &people.people,
        links: &stored.links,
        baselines: &stored.baselines,
        directions: stored.directions,
        change_requests: &stored.change_requests,
        deleted,
        new_hire_defaults_set: stored.new_hire_defaults_set,
    }
}

impl Engine {
    /// The plan a sync would carry out now: the counts (`read`, `changed`,
    /// `written`, `held`, `conflicts`, `pending`, `rejected`, the names
    /// `paybridge sync --json` promises), the `accounting` and the
    /// `employees` behind them, sensitive values masked. Reads only.
    pub async fn sync_preview(&self) -> Result<SyncPreview, AppError> {
        self.sync_preview_reading(ReadRequest::Routine).await
    }

    /// [`Engine::sync_preview`], reading MicrOpay as asked
    /// (`paybridge sync --dry-run --full-read`).
    pub async fn sync_preview_reading(
        &self,
        request: ReadRequest,
    ) -> Result<SyncPreview, AppError> {
        Ok(self.make_plan(request).await?.shown())
    }

    pub(crate) async fn make_plan(&self, request: ReadRequest) -> Result<Plan, AppError> {
        Ok(self.read_and_plan(request, None).await?.plan)
    }

    /// Reads both sides and the store and plans, keeping what the apply
    /// step needs of the source records (it builds Worknice updates from
    /// MicrOpay's). MicrOpay is read in full or `changedSince` as
    /// [`super::read_choice`] decides (`current_run`: the run reading).
    pub(crate) async fn read_and_plan(
        &self,
        request: ReadRequest,
        current_run: Option<i64>,
    ) -> Result<SyncRead, AppError> {
        let started = std::time::Instant::now();
        let micropay = self.micropay_client().await?;
        let worknice = self.worknice_client().await?;
        // The store is read while the two sides answer: it is local, but at
        // thousands of employees its baselines take a few hundred ms.
        let stored = async {
            let stored = self.read_stored().await;
            tracing::debug!(ms = started.elapsed().as_millis(), "sync read: the store");
            stored
        };
        let sides = async {
            // The planner's forms name lookups: one small request first.
            let (lookups, choice) = tokio::try_join!(
                async {
                    reads::lookups(&micropay, &self.requests)
                        .await
                        .map_err(AppError::from)
                },
                self.read_choice(request, current_run)
            )?;
            let names = LookupNames::new(&lookups);
            let employees = async {
                // A full read is planned page by page once Worknice and the
                // store are in (`plan_full_read`).
                let ReadChoice::ChangedSince(since) = &choice else {
                    return Ok(Vec::new());
                };
                let employees = self.read_changed_since(&micropay, *since, &names).await;
                tracing::debug!(
                    ms = started.elapsed().as_millis(),
                    ?choice,
                    "sync read: MicrOpay employees"
                );
                employees
            };
            let people = async {
                let people = self.read_people_planned(&worknice, &names).await;
                tracing::debug!(
                    ms = started.elapsed().as_millis(),
                    "sync read: Worknice people"
                );
                people
            };
            let (employees, people, deleted) =
                tokio::try_join!(employees, people, self.read_deleted(&micropay))?;
            Ok::<_, AppError>((names, choice, employees, people, deleted))
        };
        let ((names, mut choice, mut micropay_side, people, deleted), stored) =
            tokio::try_join!(sides, stored)?;
        tracing::debug!(ms = started.elapsed().as_millis(), "sync read: both sides");
        let mut read_one_by_one = 0;
        if let ReadChoice::ChangedSince(_) = choice {
            let codes = codes_to_read(&plan_inputs(
                &stored,
                &people,
                &deleted,
                &micropay_side,
                MicropayCoverage::Changed,
            ));
            tracing::debug!(
                ms = started.elapsed().as_millis(),
                changed = micropay_side.len(),
                one_by_one = codes.len(),
                "sync read: MicrOpay changes"
            );
            let linked: HashSet<String> = stored
                .links
                .iter()
                .map(|link| code_key(&link.emp_code))
                .collect();
            let more = if codes.len() > ONE_BY_ONE_LIMIT {
                Err(WHY_MANY)
            } else {
                self.read_one_by_one(&micropay, &codes, &linked).await?
            };
            match more {
                Ok(more) => {
                    read_one_by_one = codes.len() as u64;
                    micropay_side.extend(
                        more.iter()
                            .map(|employee| MicropayEmployee::from_detail(employee, &names)),
                    );
                }
                Err(why) => {
                    choice = ReadChoice::Full(why);
                    micropay_side = Vec::new();
                }
            }
        }
        let plan = match choice {
            ReadChoice::Full(_) => {
                let inputs =
                    plan_inputs(&stored, &people, &deleted, &[], MicropayCoverage::Everyone);
                self.plan_full_read(&micropay, &names, &inputs).await?
            }
            ReadChoice::ChangedSince(_) => plan(&plan_inputs(
                &stored,
                &people,
                &deleted,
                &micropay_side,
                MicropayCoverage::Changed,
            )),
        };
        tracing::debug!(ms = started.elapsed().as_millis(), "sync read: planned");
        drop(micropay_side);
        let needed = NeededRecords::of(&plan, &stored.change_requests);
        // Not needed past the plan: the links alone are megabytes at
        // 50,000, and the records read again come on top.
        drop((stored, deleted));
        let PeopleRead { people, tax } = people;
        let tax: HashMap<String, Option<WorkniceTaxDetails>> = people
            .into_iter()
            .zip(tax)
            .filter(|(person, _)| needed.people.contains(person.person_id.as_str()))
            .filter_map(|(person, tax)| Some((person.person_id, tax?)))
            .collect();
        let again =
            super::records_needed::read(&micropay, &self.requests, &names, &needed, (&plan, &tax))
                .await?;
        Ok(SyncRead {
            employees: again.records,
            changed_since_read: again.changed,
            worknice_updates: again.updates,
            plan,
            names,
            micropay_read: choice.recorded(read_one_by_one),
        })
    }

    /// MicrOpay's employees changed since the instant, in the planner's
    /// form.
    async fn read_changed_since(
        &self,
        micropay: &MicropayClient,
        since: chrono::DateTime<chrono::Utc>,
        names: &LookupNames,
    ) -> Result<Vec<MicropayEmployee>, AppError> {
        let since = micropay_instant(since);
        retrying(&READ_RETRY, "read the employees changed since", || {
            self.requests.micropay();
            micropay.employees_changed_since(since)
        })
        .await
        .map(|employees| {
            employees
                .iter()
                .map(|employee| MicropayEmployee::from_detail(employee, names))
                .collect()
        })
        .map_err(AppError::from)
    }

    /// Everyone in MicrOpay, each page planned as it arrives
    /// ([`Planner`]): of a page only its plans are kept (the full records
    /// go, the few the apply step needs are read again, see
    /// `records_needed`).
    async fn plan_full_read(
        &self,
        micropay: &MicropayClient,
        names: &LookupNames,
        inputs: &PlanInputs<'_>,
    ) -> Result<Plan, AppError> {
        let started = std::time::Instant::now();
        let planner = Mutex::new(Planner::new(inputs, 0));
        reads::employees_into(micropay, &self.requests, &|page, _, total| {
            let mut planner = planner.lock().unwrap_or_else(PoisonError::into_inner);
            // Room for everyone MicrOpay counts, made once (its count is
            // a server's word: capped as Worknice's people are; room not
            // written to takes no memory).
            planner.expect(total.min(WorkniceConfig::MAX_PEOPLE));
            for employee in &page {
                planner.employee(&MicropayEmployee::from_detail(employee, names));
            }
            Vec::<()>::new()
        })
        .await
        .map_err(AppError::from)?;
        tracing::debug!(
            ms = started.elapsed().as_millis(),
            "sync read: MicrOpay employees, planned as read"
        );
        let planner = planner.into_inner().unwrap_or_else(PoisonError::into_inner);
        Ok(Plan::from_employees(planner.finish()))
    }

    /// `GET api/EmployeeDetails/{code}` for each code, a few at a time, with
    /// the read retries. An unknown code is left out, unless it is linked:
    /// then only a full read can say what happened to it (`Ok(Err(why))`).
    async fn read_one_by_one(
        &self,
        micropay: &MicropayClient,
        codes: &[String],
        linked: &HashSet<String>,
    ) -> Result<Result<Vec<EmployeeDetail>, &'static str>, AppError> {
        enum Stop {
            LinkedMissing,
            Failed(AppError),
        }
        // Owned codes: a closure over borrowed ones makes the run's future
        // not `Send` (a higher-ranked lifetime the compiler cannot prove).
        let found: Result<Vec<Option<EmployeeDetail>>, Stop> =
            futures::stream::iter(codes.to_vec())
                .map(|code: String| async move {
                    let read = retrying(&READ_RETRY, "read an employee", || {
                        self.requests.micropay();
                        micropay.employee(&code)
                    })
                    .await;
                    match read {
                        Ok(employee) => Ok(Some(employee)),
                        Err(error) if error.kind() == MicropayErrorKind::NotFound => {
                            if linked.contains(&code_key(&code)) {
                                Err(Stop::LinkedMissing)
                            } else {
                                Ok(None)
                            }
                        }
                        Err(error) => Err(Stop::Failed(error.into())),
                    }
                })
                .buffer_unordered(reads::READ_CONCURRENCY)
                .try_collect()
                .await;
        match found {
            Ok(found) => Ok(Ok(found.into_iter().flatten().collect())),
            Err(Stop::LinkedMissing) => Ok(Err(WHY_NOT_FOUND)),
            Err(Stop::Failed(error)) => Err(error),
        }
    }

    /// What the plan needs from the store and the keyring.
    async fn read_stored(&self) -> Result<Stored, AppError> {
        let rows = self.with_store(|store| {
            Ok((
                store.links().all()?,
                super::baseline::load(store)?,
                store.change_requests().all()?,
            ))
        });
        let directions = async {
            Ok::<_, AppError>(Directions {
                personal: self.direction_of(SyncGroup::Personal).await?,
                tax: self.direction_of(SyncGroup::Tax).await?,
            })
        };
        let defaults = self.new_hire_defaults();
        let key = self.fingerprint_key();
        let ((links, baselines, change_requests), directions, defaults, key) =
            tokio::try_join!(rows, directions, defaults, key)?;
        Ok(Stored {
            links,
            baselines,
            change_requests,
            directions,
            new_hire_defaults_set: defaults.complete,
            fingerprint_key: key,
        })
    }

    async fn read_deleted(
        &self,
        micropay: &MicropayClient,
    ) -> Result<Vec<DeletedEmployee>, AppError> {
        retrying(&READ_RETRY, "read the deleted employees", || {
            self.requests.micropay();
            micropay.deleted_employees(DELETED_SINCE)
        })
        .await
        .map_err(AppError::from)
    }
}
