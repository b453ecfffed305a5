//! The Import picker: every MicrOpay employee with what importing it would
//! do (its link state), and the preview of one employee.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use paybridge_domain::emp_code;
use paybridge_micropay::{EmployeeDetail, MicropayClient};
use paybridge_store::LinkRecord;
use paybridge_worknice::{WorkniceClient, WorknicePerson};

use crate::api::{AppError, EmployeePreview, ErrorCode, ImportCandidate, LinkState, LoadProgress};
use crate::plan::{self, LookupNames};
use crate::reads::{self, MicropaySnapshot};
use crate::Engine;

/// Both sides as read for one picker load or one import.
#[derive(Debug)]
pub(crate) struct PickerData {
    pub snapshot: MicropaySnapshot,
    pub names: LookupNames,
    /// Worknice people with an employee code, archived ones included, by
    /// the code's [`emp_code::duplicate_key`].
    pub people_by_code: HashMap<String, WorknicePerson>,
    pub links: Vec<LinkRecord>,
    pub micropay_source: String,
    /// Employee codes more than one MicrOpay employee has, compared as
    /// payroll staff read them ([`emp_code::duplicate_key`]).
    pub shared_codes: HashSet<String>,
}

impl PickerData {
    pub(crate) fn link_state(&self, employee: &EmployeeDetail) -> LinkState {
        let code = employee.emp_code.trim();
        // Codes compare as payroll staff read them, as duplicates do: "e001"
        // in MicrOpay is Worknice's "E001".
        let key = emp_code::duplicate_key(code);
        let linked = self.links.iter().find(|link| {
            link.id_employee == employee.id_employee
                || (!code.is_empty() && emp_code::same_code(&link.emp_code, code))
        });
        if let Some(link) = linked {
            return LinkState::AlreadyLinked {
                worknice_person_id: link.worknice_person_id.clone(),
            };
        }
        let mut reasons = plan::cant_import_reasons(employee);
        if !code.is_empty() && self.shared_codes.contains(&key) {
            reasons.push(SHARED_CODE.to_owned());
        }
        let person = self.people_by_code.get(&key).filter(|_| !key.is_empty());
        if let Some(unreadable) = person.and_then(|person| person.unreadable.as_deref()) {
            reasons.push(format!(
                "{UNREADABLE_PERSON}: {unreadable}. Correct them in Worknice."
            ));
        }
        if !reasons.is_empty() {
            return LinkState::CantImport { reasons };
        }
        match person {
            Some(person) => LinkState::Matches {
                worknice_person_id: person.id.clone(),
            },
            None => LinkState::New,
        }
    }

    pub(crate) fn candidate(&self, employee: &EmployeeDetail) -> ImportCandidate {
        ImportCandidate {
            emp_code: employee.emp_code.trim().to_owned(),
            id_employee: employee.id_employee,
            name: plan::display_name(employee),
            location: self.names.describe("Location", &employee.location),
            payroll_company: self
                .names
                .describe("PayrollCompany", &employee.payroll_company),
            terminated: employee.is_terminated(),
            link_state: self.link_state(employee),
        }
    }

    pub(crate) fn find(&self, emp_code: &str) -> Option<&EmployeeDetail> {
        let code = emp_code.trim();
        self.snapshot
            .employees
            .iter()
            .find(|employee| !code.is_empty() && employee.emp_code.trim() == code)
    }
}

const SHARED_CODE: &str = "Two or more MicrOpay employees share this employee code (ignoring capitals and spaces around it). Give each its own code in MicrOpay.";

const UNREADABLE_PERSON: &str =
    "Worknice has a person with this Employee ID that Paybridge could not read";

/// The duplicate keys of the codes that more than one employee has.
fn shared_codes(employees: &[EmployeeDetail]) -> HashSet<String> {
    let mut seen = HashSet::new();
    employees
        .iter()
        .map(|employee| emp_code::duplicate_key(&employee.emp_code))
        .filter(|key| !key.is_empty() && !seen.insert(key.clone()))
        .collect()
}

/// The Worknice people by the duplicate key of their employee code. Where
/// two share a code, one Paybridge could not read wins (the employee is then
/// held, not matched past them), then the one not archived.
fn by_code(people: Vec<WorknicePerson>) -> HashMap<String, WorknicePerson> {
    let mut found: HashMap<String, WorknicePerson> = HashMap::new();
    for person in people {
        let Some(code) = person
            .employee_code
            .as_deref()
            .map(str::trim)
            .filter(|code| !code.is_empty())
            .map(emp_code::duplicate_key)
        else {
            continue;
        };
        let archived = |p: &WorknicePerson| {
            matches!(
                p.status,
                Some(paybridge_worknice::WorknicePersonStatus::Archived)
            )
        };
        let unreadable = |p: &WorknicePerson| p.unreadable.is_some();
        let keeps = |existing: &WorknicePerson| {
            unreadable(existing)
                || (!unreadable(&person) && (!archived(existing) || archived(&person)))
        };
        match found.get(&code) {
            Some(existing) if keeps(existing) => {}
            _ => {
                found.insert(code, person);
            }
        }
    }
    found
}

impl Engine {
    /// Every MicrOpay employee, terminated ones included, with its link state.
    pub async fn employees(&self) -> Result<Vec<ImportCandidate>, AppError> {
        self.employees_with_progress(&|_| {}).await
    }

    /// [`Engine::employees`], reporting `(loaded, total)` as pages arrive.
    pub async fn employees_with_progress(
        &self,
        on_progress: &(dyn Fn(LoadProgress) + Send + Sync),
    ) -> Result<Vec<ImportCandidate>, AppError> {
        let micropay = self.micropay_client().await?;
        let worknice = self.worknice_client().await?;
        let on_page = |loaded: usize, total: usize| {
            on_progress(LoadProgress {
                loaded: loaded as u64,
                total: total as u64,
            })
        };
        let data = self.load(&micropay, &worknice, &on_page).await?;
        let candidates = data
            .snapshot
            .employees
            .iter()
            .map(|employee| data.candidate(employee))
            .collect();
        *self.picker_cache.lock().await = Some(Arc::new(data));
        Ok(candidates)
    }

    /// What importing `emp_code` would send to Worknice, TFN and account
    /// numbers masked. Uses the last picker load when there is one.
    pub async fn employee_preview(&self, emp_code: &str) -> Result<EmployeePreview, AppError> {
        let cached = self.picker_cache.lock().await.clone();
        let data = match cached {
            Some(data) => data,
            None => {
                let micropay = self.micropay_client().await?;
                let worknice = self.worknice_client().await?;
                let data = Arc::new(self.load(&micropay, &worknice, &|_, _| {}).await?);
                *self.picker_cache.lock().await = Some(data.clone());
                data
            }
        };
        let employee = data
            .find(emp_code)
            .ok_or_else(|| no_such_employee(emp_code))?;
        let plan = plan::person_plan(employee, &data.names);
        Ok(plan::preview(
            &plan,
            plan::display_name(employee),
            data.link_state(employee),
        ))
    }

    /// Reads MicrOpay (all pages) and Worknice's people at the same time,
    /// then the links from the database.
    pub(crate) async fn load(
        &self,
        micropay: &MicropayClient,
        worknice: &WorkniceClient,
        on_page: &(dyn Fn(usize, usize) + Send + Sync),
    ) -> Result<PickerData, AppError> {
        let people = async {
            self.requests.worknice();
            worknice.people(true).await.map_err(AppError::from)
        };
        let snapshot = async {
            reads::snapshot(micropay, &self.requests, on_page)
                .await
                .map_err(AppError::from)
        };
        let (snapshot, people) = tokio::try_join!(snapshot, people)?;
        let links = self.with_store(|store| store.links().all()).await?;
        Ok(PickerData {
            shared_codes: shared_codes(&snapshot.employees),
            names: LookupNames::new(&snapshot.lookups),
            snapshot,
            people_by_code: by_code(people),
            links,
            micropay_source: micropay.base_url().to_string(),
        })
    }
}

pub(crate) fn no_such_employee(emp_code: &str) -> AppError {
    AppError::new(
        ErrorCode::NotFound,
        format!(
            "MicrOpay has no employee with the code \"{}\".",
            emp_code.trim()
        ),
    )
}
