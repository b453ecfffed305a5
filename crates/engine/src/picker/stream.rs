//! The picker's load in pages: each MicrOpay page's rows go to the window
//! as the page arrives, so building, sending and showing them overlaps the
//! rest of the read instead of following it.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use paybridge_domain::emp_code;
use paybridge_micropay::EmployeeDetail;

use super::{by_code, shared_codes, Links, PickerData};
use crate::api::{AppError, EmployeePage, EmployeesLoaded};
use crate::plan::LookupNames;
use crate::reads::{self, MicropaySnapshot};
use crate::Engine;

/// The rows sent so far, and what building more of them needs.
struct Paging<'a> {
    send: &'a (dyn Fn(EmployeePage) + Send + Sync),
    /// Names, Worknice's people and the links, without the employees;
    /// None until the lookups and the people are read.
    rows_from: Option<PickerData>,
    links: Option<Links>,
    /// Employees read before `rows_from`, waiting for it.
    waiting: Vec<EmployeeDetail>,
    /// How many employees read so far have each code (its duplicate key).
    code_counts: HashMap<String, u32>,
    loaded: u64,
    total: u64,
    sent: u32,
}

impl Paging<'_> {
    /// A page of employees: its rows now when they can be built, else its
    /// progress now and its rows once the lookups and the people are in.
    fn page(&mut self, employees: &[EmployeeDetail], loaded: usize, total: usize) {
        (self.loaded, self.total) = (loaded as u64, total as u64);
        self.count_codes(employees);
        if self.rows_from.is_none() {
            self.waiting.extend_from_slice(employees);
        }
        let rows = self.rows(employees);
        self.send(rows);
    }

    /// The lookups and the people are in: the rows of the pages read so far.
    fn ready(&mut self, names: LookupNames, people: Vec<paybridge_worknice::WorknicePerson>) {
        let mut data = PickerData::without_employees(
            names,
            by_code(people),
            self.links.take().unwrap_or_default(),
        );
        data.shared_codes = self.shared_so_far();
        self.rows_from = Some(data);
        let waiting = std::mem::take(&mut self.waiting);
        if !waiting.is_empty() {
            let rows = self.rows(&waiting);
            self.send(rows);
        }
    }

    fn count_codes(&mut self, employees: &[EmployeeDetail]) {
        for employee in employees {
            let key = emp_code::duplicate_key(&employee.emp_code);
            if key.is_empty() {
                continue;
            }
            let count = self.code_counts.entry(key.clone()).or_insert(0);
            *count += 1;
            if *count == 2 {
                if let Some(data) = &mut self.rows_from {
                    data.shared_codes.insert(key);
                }
            }
        }
    }

    fn shared_so_far(&self) -> std::collections::HashSet<String> {
        self.code_counts
            .iter()
            .filter(|(_, count)| **count > 1)
            .map(|(key, _)| key.clone())
            .collect()
    }

    fn rows(&self, employees: &[EmployeeDetail]) -> Vec<crate::api::ImportCandidate> {
        match &self.rows_from {
            Some(data) => employees.iter().map(|e| data.candidate(e)).collect(),
            None => Vec::new(),
        }
    }

    fn send(&mut self, rows: Vec<crate::api::ImportCandidate>) {
        self.sent += 1;
        (self.send)(EmployeePage {
            loaded: self.loaded,
            total: self.total,
            rows,
        });
    }

    /// Every page read: the picker's data for previews and imports, and the
    /// rows sent before a code turned out to be shared, rebuilt.
    fn finish(
        mut self,
        employees: Vec<EmployeeDetail>,
        lookups: Vec<paybridge_micropay::Lookup>,
        micropay_source: String,
    ) -> (PickerData, EmployeesLoaded) {
        let mut data = self
            .rows_from
            .take()
            .expect("the lookups and the people are read before the load ends");
        data.shared_codes = shared_codes(&employees);
        data.set_employees(MicropaySnapshot { employees, lookups }, micropay_source);
        // A code shared with a later page was not known to be shared when
        // its first row was sent; each such row is sent again.
        let corrected = data
            .snapshot
            .employees
            .iter()
            .filter(|e| {
                data.shared_codes
                    .contains(&emp_code::duplicate_key(&e.emp_code))
            })
            .map(|e| data.candidate(e))
            .collect();
        let loaded = EmployeesLoaded {
            pages: self.sent,
            corrected,
        };
        (data, loaded)
    }
}

impl Engine {
    /// [`Engine::employees`] in pages: `on_page` hears each MicrOpay page as
    /// it arrives, with its rows once Worknice's people are read too (the
    /// rows of pages read before then come with a later message). The
    /// result says how many messages were sent and which rows changed once
    /// every page was read (a code shared across pages).
    pub async fn employees_in_pages(
        &self,
        on_page: &(dyn Fn(EmployeePage) + Send + Sync),
    ) -> Result<EmployeesLoaded, AppError> {
        let micropay = self.micropay_client().await?;
        let worknice = self.worknice_client().await?;
        let links = Links::new(self.with_store(|store| store.links().all()).await?);
        let paging = Mutex::new(Paging {
            send: on_page,
            rows_from: None,
            links: Some(links),
            waiting: Vec::new(),
            code_counts: HashMap::new(),
            loaded: 0,
            total: 0,
            sent: 0,
        });
        let lock = || paging.lock().unwrap_or_else(PoisonError::into_inner);
        let names_and_people = async {
            let lookups = reads::lookups(&micropay, &self.requests);
            let (lookups, people) = tokio::try_join!(
                async { lookups.await.map_err(AppError::from) },
                self.read_people(&worknice)
            )?;
            lock().ready(LookupNames::new(&lookups), people);
            Ok::<_, AppError>(lookups)
        };
        let employees = async {
            reads::employees_by_page(&micropay, &self.requests, &|employees, loaded, total| {
                lock().page(employees, loaded, total)
            })
            .await
            .map_err(AppError::from)
        };
        let (lookups, employees) = tokio::try_join!(names_and_people, employees)?;
        let paging = paging.into_inner().unwrap_or_else(PoisonError::into_inner);
        let (data, loaded) = paging.finish(employees, lookups, micropay.base_url().to_string());
        self.keep_picker_data(Some(Arc::new(data))).await;
        Ok(loaded)
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Mutex;

    use super::*;
    use crate::api::{ImportCandidate, LinkState};

    fn employee(emp_code: &str, id_employee: i64) -> EmployeeDetail {
        EmployeeDetail {
            emp_code: emp_code.to_owned(),
            id_employee,
            first_name: "Ann".to_owned(),
            surname: format!("Number{id_employee}"),
            ..EmployeeDetail::default()
        }
    }

    fn shared(row: &ImportCandidate) -> bool {
        matches!(&row.link_state, LinkState::CantImport { reasons }
            if reasons.iter().any(|r| r.starts_with("Two or more MicrOpay employees share")))
    }

    #[test]
    fn rows_wait_for_the_people_and_a_code_shared_across_pages_is_corrected() {
        let sent = Mutex::new(Vec::<EmployeePage>::new());
        let send = |page: EmployeePage| sent.lock().expect("lock").push(page);
        let mut paging = Paging {
            send: &send,
            rows_from: None,
            links: Some(Links::default()),
            waiting: Vec::new(),
            code_counts: HashMap::new(),
            loaded: 0,
            total: 0,
            sent: 0,
        };
        let first = [employee("E1", 1), employee("E2", 2)];
        let second = [employee(" e1 ", 3), employee("E4", 4)];
        paging.page(&first, 2, 4);
        paging.ready(LookupNames::new(&[]), Vec::new());
        paging.page(&second, 4, 4);
        let employees: Vec<_> = first.iter().chain(&second).cloned().collect();
        let (data, loaded) = paging.finish(employees, Vec::new(), "http://micropay".to_owned());

        let sent = sent.into_inner().expect("lock");
        assert_eq!(loaded.pages as usize, sent.len());
        let progress: Vec<_> = sent
            .iter()
            .map(|p| (p.loaded, p.total, p.rows.len()))
            .collect();
        // The first page's progress at once, its rows once the people are in.
        assert_eq!(progress, [(2, 4, 0), (2, 4, 2), (4, 4, 2)]);
        let rows: Vec<&ImportCandidate> = sent.iter().flat_map(|p| &p.rows).collect();
        assert!(!shared(rows[0]), "E1 was not known to be shared yet");
        assert!(shared(rows[2]), "by the second page it is");
        let corrected: Vec<_> = loaded.corrected.iter().map(|r| r.id_employee).collect();
        assert_eq!(corrected, [1, 3]);
        assert!(loaded.corrected.iter().all(shared));
        assert_eq!(data.find("E4").map(|e| e.id_employee), Some(4));
    }
}
