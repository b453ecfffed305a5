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
use crate::retry::{retrying, READ_RETRY};
use crate::Engine;

mod stream;

/// Both sides as read for one picker load or one import.
#[derive(Debug)]
pub(crate) struct PickerData {
    pub snapshot: MicropaySnapshot,
    pub names: LookupNames,
    /// Worknice people with an employee code, archived ones included, by
    /// the code's [`emp_code::duplicate_key`].
    pub people_by_code: HashMap<String, WorknicePerson>,
    pub links: Links,
    pub micropay_source: String,
    /// Employee codes more than one MicrOpay employee has, compared as
    /// payroll staff read them ([`emp_code::duplicate_key`]).
    pub shared_codes: HashSet<String>,
    /// Index into `snapshot.employees` by trimmed code; the first one wins.
    employee_by_code: HashMap<String, usize>,
}

/// Paybridge's links, found by MicrOpay's `idEmployee` or by code.
#[derive(Debug, Default)]
pub(crate) struct Links {
    by_id: HashMap<i64, LinkRecord>,
    /// Code (its [`emp_code::duplicate_key`]) → `idEmployee` of the link.
    id_by_code: HashMap<String, i64>,
}

impl Links {
    pub(crate) fn new(records: Vec<LinkRecord>) -> Self {
        let mut links = Self::default();
        for link in records {
            links
                .id_by_code
                .entry(emp_code::duplicate_key(&link.emp_code))
                .or_insert(link.id_employee);
            links.by_id.entry(link.id_employee).or_insert(link);
        }
        links
    }

    /// The link for this employee: by its `idEmployee`, else by its code.
    fn of(&self, employee: &EmployeeDetail) -> Option<&LinkRecord> {
        let code = employee.emp_code.trim();
        self.by_id.get(&employee.id_employee).or_else(|| {
            (!code.is_empty())
                .then(|| self.id_by_code.get(&emp_code::duplicate_key(code)))
                .flatten()
                .and_then(|id| self.by_id.get(id))
        })
    }
}

impl PickerData {
    pub(crate) fn link_state(&self, employee: &EmployeeDetail) -> LinkState {
        let code = employee.emp_code.trim();
        // Codes compare as payroll staff read them, as duplicates do: "e001"
        // in MicrOpay is Worknice's "E001".
        let key = emp_code::duplicate_key(code);
        if let Some(link) = self.links.of(employee) {
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

    /// What building rows needs, before the employees are read.
    fn without_employees(
        names: LookupNames,
        people_by_code: HashMap<String, WorknicePerson>,
        links: Links,
    ) -> Self {
        Self {
            snapshot: MicropaySnapshot {
                employees: Vec::new(),
                lookups: Vec::new(),
            },
            names,
            people_by_code,
            links,
            micropay_source: String::new(),
            shared_codes: HashSet::new(),
            employee_by_code: HashMap::new(),
        }
    }

    /// The employees read, indexed by code; `shared_codes` is the caller's.
    fn set_employees(&mut self, snapshot: MicropaySnapshot, micropay_source: String) {
        let mut employee_by_code = HashMap::with_capacity(snapshot.employees.len());
        for (index, employee) in snapshot.employees.iter().enumerate() {
            let code = employee.emp_code.trim();
            if !code.is_empty() {
                employee_by_code.entry(code.to_owned()).or_insert(index);
            }
        }
        self.employee_by_code = employee_by_code;
        self.snapshot = snapshot;
        self.micropay_source = micropay_source;
    }

    pub(crate) fn find(&self, emp_code: &str) -> Option<&EmployeeDetail> {
        let index = *self.employee_by_code.get(emp_code.trim())?;
        self.snapshot.employees.get(index)
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
        self.keep_picker_data(Some(Arc::new(data))).await;
        Ok(candidates)
    }

    /// Reads what [`Engine::employees`] reads, the same way (every MicrOpay
    /// page, the lookups, Worknice's people), and builds nothing from it:
    /// the floor the benchmarks measure the picker against. Returns how
    /// many employees and people it read.
    pub async fn bare_fetch(&self) -> Result<(usize, usize), AppError> {
        let micropay = self.micropay_client().await?;
        let worknice = self.worknice_client().await?;
        // The same reads as `load`, retried and counted the same way: only
        // the store and the link states are left out.
        let people = self.read_people(&worknice);
        let snapshot = async {
            reads::snapshot(&micropay, &self.requests, &|_, _| {})
                .await
                .map_err(AppError::from)
        };
        let (snapshot, people) = tokio::try_join!(snapshot, people)?;
        Ok((snapshot.employees.len(), people.len()))
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
                self.keep_picker_data(Some(data.clone())).await;
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

    /// Replaces the last picker load (None: forgets it). The old one, often
    /// tens of thousands of records, is freed on a blocking thread: freeing
    /// it took 35–40 ms, which every Reload waited for.
    pub(crate) async fn keep_picker_data(&self, data: Option<Arc<PickerData>>) {
        let old = std::mem::replace(&mut *self.picker_cache.lock().await, data);
        if let Some(old) = old {
            tokio::task::spawn_blocking(move || drop(old));
        }
    }

    /// Every Worknice person, archived ones too.
    async fn read_people(
        &self,
        worknice: &WorkniceClient,
    ) -> Result<Vec<WorknicePerson>, AppError> {
        retrying(&READ_RETRY, "read the Worknice people", || {
            self.requests.worknice();
            worknice.people(true)
        })
        .await
        .map_err(AppError::from)
    }

    /// Reads MicrOpay (all pages) and Worknice's people at the same time,
    /// then the links from the database.
    pub(crate) async fn load(
        &self,
        micropay: &MicropayClient,
        worknice: &WorkniceClient,
        on_page: &(dyn Fn(usize, usize) + Send + Sync),
    ) -> Result<PickerData, AppError> {
        let started = std::time::Instant::now();
        let people = async {
            let people = self.read_people(worknice).await;
            tracing::debug!(ms = started.elapsed().as_millis(), "load: Worknice read");
            people
        };
        let snapshot = async {
            let snapshot = reads::snapshot(micropay, &self.requests, on_page).await;
            tracing::debug!(ms = started.elapsed().as_millis(), "load: MicrOpay read");
            snapshot.map_err(AppError::from)
        };
        let (snapshot, people) = tokio::try_join!(snapshot, people)?;
        let links = self.with_store(|store| store.links().all()).await?;
        let data = PickerData::read(
            snapshot,
            people,
            Links::new(links),
            micropay.base_url().to_string(),
        );
        tracing::debug!(ms = started.elapsed().as_millis(), "load: built");
        Ok(data)
    }
}

impl PickerData {
    /// Both sides as read, with the links the store holds.
    pub(crate) fn read(
        snapshot: MicropaySnapshot,
        people: Vec<WorknicePerson>,
        links: Links,
        micropay_source: String,
    ) -> Self {
        let mut data = PickerData::without_employees(
            LookupNames::new(&snapshot.lookups),
            by_code(people),
            links,
        );
        data.shared_codes = shared_codes(&snapshot.employees);
        data.set_employees(snapshot, micropay_source);
        data
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

#[cfg(test)]
mod tests {
    use paybridge_store::LinkHow;

    use super::*;

    fn link(emp_code: &str, id_employee: i64, person: &str) -> LinkRecord {
        LinkRecord {
            emp_code: emp_code.to_owned(),
            id_employee,
            worknice_person_id: person.to_owned(),
            how: LinkHow::Created,
            linked_at: chrono::DateTime::UNIX_EPOCH,
        }
    }

    fn employee(emp_code: &str, id_employee: i64) -> EmployeeDetail {
        EmployeeDetail {
            emp_code: emp_code.to_owned(),
            id_employee,
            ..EmployeeDetail::default()
        }
    }

    #[test]
    fn a_link_is_found_by_id_employee_first_then_by_code() {
        let links = Links::new(vec![link("E1", 1, "p1"), link("E2", 2, "p2")]);
        let person = |e: &EmployeeDetail| links.of(e).map(|l| l.worknice_person_id.clone());
        assert_eq!(person(&employee("E1", 1)), Some("p1".to_owned()));
        // The code changed in MicrOpay: still the same employee.
        assert_eq!(person(&employee("NEW", 2)), Some("p2".to_owned()));
        // Another employee now has a linked code.
        assert_eq!(person(&employee(" E1 ", 9)), Some("p1".to_owned()));
        // Codes compare as payroll staff read them.
        assert_eq!(person(&employee("e2", 8)), Some("p2".to_owned()));
        assert_eq!(person(&employee("", 9)), None, "no code, no match by code");
        assert_eq!(person(&employee("E3", 3)), None);
    }
}
