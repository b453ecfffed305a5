//! Which employees a run acts on, and what it does with each. Every
//! employee in scope ends up in exactly one place: work to do, held,
//! skipped (with why) or already linked.

use std::collections::HashSet;

use chrono::NaiveDate;
use paybridge_micropay::EmployeeDetail;

use super::item::{Action, Work};
use super::recover::Recovery;
use crate::api::{HeldRecord, ImportSelection, LinkState, RetryRecord, SkippedRecord};
use crate::picker::PickerData;
use crate::plan;

#[derive(Debug, Default)]
pub(crate) struct Selected {
    pub work: Vec<Work>,
    pub held: Vec<HeldRecord>,
    /// Skipped for a reason worth reading (terminated, for one).
    pub skipped: Vec<SkippedRecord>,
    /// Left by an earlier run in a state this run could not settle.
    pub retry_next_run: Vec<RetryRecord>,
    pub already_linked: u32,
    /// Linked by this run's recovery of an earlier one, in the selection or
    /// not: they count as created (and, outside it, as listed).
    pub recovered: u32,
    /// Employees in scope: every MicrOpay employee, or each code asked for.
    pub listed: u32,
}

/// `recovery`: what this run's recovery of earlier runs did.
pub(crate) fn select(
    data: &PickerData,
    selection: &ImportSelection,
    include_terminated: bool,
    recovery: &Recovery,
    today: NaiveDate,
) -> Selected {
    let recovered = &recovery.created;
    let mut selected = Selected::default();
    let chosen: Vec<&EmployeeDetail> = match selection {
        ImportSelection::All => data.snapshot.employees.iter().collect(),
        ImportSelection::EmpCodes(codes) => {
            let mut seen = HashSet::new();
            let mut chosen = Vec::new();
            for code in codes.iter().map(|code| code.trim()) {
                if code.is_empty() || !seen.insert(code) {
                    continue;
                }
                match data.find(code) {
                    Some(employee) => chosen.push(employee),
                    None => selected.held.push(HeldRecord {
                        emp_code: code.to_owned(),
                        name: String::new(),
                        reason:
                            "MicrOpay has no employee with this code. Check the code and try again."
                                .to_owned(),
                    }),
                }
            }
            chosen
        }
    };
    selected.listed = u32::try_from(chosen.len() + selected.held.len()).unwrap_or(u32::MAX);

    let chosen_codes: HashSet<&str> = chosen.iter().map(|e| e.emp_code.trim()).collect();
    let outside = |codes: &HashSet<String>| {
        codes
            .iter()
            .filter(|code| !chosen_codes.contains(code.as_str()))
            .count()
    };
    let (recovered_outside, deferred_outside) = (outside(recovered), outside(&recovery.deferred));
    selected.recovered = u32::try_from(recovered_outside).unwrap_or(u32::MAX);
    selected.listed = selected
        .listed
        .saturating_add(u32::try_from(recovered_outside + deferred_outside).unwrap_or(u32::MAX));
    let mut deferred: Vec<&String> = recovery.deferred.iter().collect();
    deferred.sort();
    for code in deferred {
        if !chosen_codes.contains(code.as_str()) {
            selected
                .retry_next_run
                .push(retry_record(code, data.find(code)));
        }
    }

    for employee in chosen {
        let name = plan::display_name(employee);
        let code = employee.emp_code.trim();
        let hold = |reason: String| HeldRecord {
            emp_code: code.to_owned(),
            name: name.clone(),
            reason,
        };
        let state = data.link_state(employee);
        // Linking a leaver to the person Worknice already has creates
        // nothing: only creating them waits to be asked for.
        let leaver_to_create = !include_terminated
            && !matches!(state, LinkState::Matches { .. })
            && employee.termination_date.is_some_and(|date| date <= today);
        let action = match state {
            LinkState::AlreadyLinked { .. } => {
                if recovered.contains(code) {
                    selected.recovered += 1;
                } else {
                    selected.already_linked += 1;
                }
                continue;
            }
            // Recovery found somebody else under the code: not linked.
            _ if recovery.held.contains_key(code) => {
                selected.held.push(hold(recovery.held[code].clone()));
                continue;
            }
            // It may have been created already: only recovery may settle it.
            _ if recovery.deferred.contains(code) => {
                selected
                    .retry_next_run
                    .push(retry_record(code, Some(employee)));
                continue;
            }
            // Someone who has left (a date still to come is not left yet) is
            // not created in Worknice unless asked for, whatever else is
            // wrong with their record.
            _ if leaver_to_create => {
                let left = employee
                    .termination_date
                    .map(|date| date.format("%Y-%m-%d").to_string())
                    .unwrap_or_default();
                selected.skipped.push(SkippedRecord {
                    emp_code: code.to_owned(),
                    name,
                    reason: format!("terminated on {left}"),
                });
                continue;
            }
            LinkState::CantImport { reasons } => {
                selected.held.push(hold(reasons.join(" ")));
                continue;
            }
            LinkState::Matches { worknice_person_id } => Action::Link {
                person_id: worknice_person_id,
            },
            LinkState::New => Action::Create,
        };
        selected.work.push(Work {
            plan: plan::person_plan(employee, &data.names),
            name,
            action,
        });
    }
    selected
}

fn retry_record(code: &str, employee: Option<&EmployeeDetail>) -> RetryRecord {
    RetryRecord {
        emp_code: code.to_owned(),
        name: employee.map(plan::display_name).unwrap_or_default(),
        reason: "An earlier import may have created this person, and Worknice could not be \
                 asked whether it did; this employee is tried again next run."
            .to_owned(),
    }
}
