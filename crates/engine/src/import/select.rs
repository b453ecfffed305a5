//! Which employees a run acts on, and what it does with each. Every
//! employee in scope ends up in exactly one place: work to do, held,
//! skipped (with why) or already linked.

use std::collections::HashSet;

use paybridge_micropay::EmployeeDetail;

use super::item::{Action, Work};
use crate::api::{HeldRecord, ImportSelection, LinkState, SkippedRecord};
use crate::picker::PickerData;
use crate::plan;

#[derive(Debug, Default)]
pub(crate) struct Selected {
    pub work: Vec<Work>,
    pub held: Vec<HeldRecord>,
    /// Skipped for a reason worth reading (terminated, for one).
    pub skipped: Vec<SkippedRecord>,
    pub already_linked: u32,
    /// Linked by this run's recovery of an earlier one: they count as created.
    pub recovered: u32,
    /// Employees in scope: every MicrOpay employee, or each code asked for.
    pub listed: u32,
}

/// `recovered`: employee codes this run's recovery linked.
pub(crate) fn select(
    data: &PickerData,
    selection: &ImportSelection,
    include_terminated: bool,
    recovered: &HashSet<String>,
) -> Selected {
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

    for employee in chosen {
        let name = plan::display_name(employee);
        let code = employee.emp_code.trim();
        let hold = |reason: String| HeldRecord {
            emp_code: code.to_owned(),
            name: name.clone(),
            reason,
        };
        let action = match data.link_state(employee) {
            LinkState::AlreadyLinked { .. } => {
                if recovered.contains(code) {
                    selected.recovered += 1;
                } else {
                    selected.already_linked += 1;
                }
                continue;
            }
            // Someone who has left is not brought into Worknice unless asked
            // for, whatever else is wrong with their record.
            _ if employee.is_terminated() && !include_terminated => {
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
