//! The first wired step of the sync: read both sides and what the store
//! holds, and make the plan. Nothing is written anywhere (not even
//! baselines): this is what `paybridge sync --dry-run` shows.

use std::collections::HashMap;

use chrono::NaiveDate;
use paybridge_micropay::{DeletedEmployee, EmployeeDetail, MicropayClient};
use paybridge_worknice::{
    WorkniceClient, WorknicePerson, WorknicePersonDetails, WorknicePersonStatus,
    DEFAULT_DETAILS_PAGE_SIZE,
};

use super::plan::{
    code_key, plan, Directions, MicropayEmployee, Plan, PlanInputs, WorknicePersonSide,
};
use super::worknice_snapshot::snapshot_from_worknice_details;
use crate::api::{SyncGroup, SyncPreview};
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

/// What one read found, with the plan made of it.
#[derive(Debug)]
pub(crate) struct SyncRead {
    pub plan: Plan,
    /// MicrOpay's employees by [`code_key`].
    pub employees: HashMap<String, EmployeeDetail>,
    /// Worknice's people read in full, by person id.
    pub people: HashMap<String, WorknicePersonDetails>,
    pub names: LookupNames,
}

/// A person from the full read as the planner takes them.
pub(crate) fn person_side(
    person: &WorknicePersonDetails,
    names: &LookupNames,
) -> WorknicePersonSide {
    WorknicePersonSide {
        person_id: person.id.clone(),
        emp_code: person
            .employee_code
            .as_deref()
            .map(str::trim)
            .filter(|code| !code.is_empty())
            .map(str::to_owned),
        name: person.display_name.trim().to_owned(),
        side: snapshot_from_worknice_details(person, names),
        unreadable: None,
        archived: matches!(person.status, Some(WorknicePersonStatus::Archived)),
    }
}

impl Engine {
    /// The plan a sync would carry out now: the counts (`read`, `changed`,
    /// `written`, `held`, `conflicts`, `pending`, `rejected`, the names
    /// `paybridge sync --json` promises), the `accounting` and the
    /// `employees` behind them, sensitive values masked. Reads only.
    pub async fn sync_preview(&self) -> Result<SyncPreview, AppError> {
        Ok(self.make_plan().await?.shown())
    }

    pub(crate) async fn make_plan(&self) -> Result<Plan, AppError> {
        Ok(self.read_and_plan().await?.plan)
    }

    /// Reads both sides and the store and plans, keeping what was read for
    /// the apply step (which builds its writes from the source records).
    pub(crate) async fn read_and_plan(&self) -> Result<SyncRead, AppError> {
        let micropay = self.micropay_client().await?;
        let worknice = self.worknice_client().await?;
        let employees = async {
            reads::all_employees(&micropay, &self.requests, &|_, _| {})
                .await
                .map_err(AppError::from)
        };
        let lookups = async {
            reads::lookups(&micropay, &self.requests)
                .await
                .map_err(AppError::from)
        };
        let (employees, lookups, people, deleted) = tokio::try_join!(
            employees,
            lookups,
            self.read_people_details(&worknice),
            self.read_deleted(&micropay),
        )?;
        let names = LookupNames::new(&lookups);
        let micropay_side: Vec<MicropayEmployee> = employees
            .iter()
            .map(|employee| MicropayEmployee::from_detail(employee, &names))
            .collect();
        let (people_details, unreadable) = people;
        let people: Vec<WorknicePersonSide> = people_details
            .iter()
            .map(|person| person_side(person, &names))
            .chain(unreadable.iter().map(WorknicePersonSide::from_person))
            .collect();
        let (links, baselines, change_requests) = self
            .with_store(|store| {
                Ok((
                    store.links().all()?,
                    super::baseline::load(store)?,
                    store.change_requests().all()?,
                ))
            })
            .await?;
        let directions = Directions {
            personal: self.direction_of(SyncGroup::Personal).await?,
            tax: self.direction_of(SyncGroup::Tax).await?,
        };
        let new_hire_defaults_set = self.new_hire_defaults().await?.complete;
        let key = self.fingerprint_key().await?;
        let plan = plan(&PlanInputs {
            fingerprint_key: key.expose(),
            micropay: &micropay_side,
            worknice: &people,
            links: &links,
            baselines: &baselines,
            directions,
            change_requests: &change_requests,
            deleted: &deleted,
            new_hire_defaults_set,
        });
        Ok(SyncRead {
            plan,
            employees: employees
                .into_iter()
                .map(|employee| (code_key(&employee.emp_code), employee))
                .collect(),
            people: people_details
                .into_iter()
                .map(|person| (person.id.clone(), person))
                .collect(),
            names,
        })
    }

    /// Every Worknice person with their details, archived ones too, page
    /// after page; people Worknice sent unreadably are kept by what can be
    /// read, with the reason.
    async fn read_people_details(
        &self,
        worknice: &WorkniceClient,
    ) -> Result<(Vec<WorknicePersonDetails>, Vec<WorknicePerson>), AppError> {
        let (mut people, mut unreadable) = (Vec::new(), Vec::new());
        let mut cursor: Option<String> = None;
        loop {
            let after = cursor.clone();
            let page = retrying(&READ_RETRY, "read a page of Worknice people", || {
                self.requests.worknice();
                let after = after.clone();
                async move {
                    worknice
                        .people_details_page(true, after.as_deref(), DEFAULT_DETAILS_PAGE_SIZE)
                        .await
                }
            })
            .await?;
            people.extend(page.people);
            unreadable.extend(page.unreadable);
            match page.next_cursor {
                Some(next) => cursor = Some(next),
                None => return Ok((people, unreadable)),
            }
        }
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
