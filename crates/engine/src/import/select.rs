//! Which employees a run acts on, and what it does with each.

use paybridge_micropay::EmployeeDetail;

use super::item::{Action, Work};
use crate::api::{HeldRecord, ImportSelection, LinkState};
use crate::picker::PickerData;
use crate::plan;

#[derive(Debug, Default)]
pub(crate) struct Selected {
    pub work: Vec<Work>,
    pub held: Vec<HeldRecord>,
    /// Already linked.
    pub skipped: u32,
}

pub(crate) fn select(data: &PickerData, selection: &ImportSelection) -> Selected {
    let mut selected = Selected::default();
    let chosen: Vec<&EmployeeDetail> = match selection {
        // Former employees are not created in Worknice unless asked for by code.
        ImportSelection::All => data
            .snapshot
            .employees
            .iter()
            .filter(|employee| !employee.is_terminated())
            .collect(),
        ImportSelection::EmpCodes(codes) => {
            let mut seen = Vec::new();
            let mut chosen = Vec::new();
            for code in codes.iter().map(|code| code.trim()) {
                if code.is_empty() || seen.contains(&code) {
                    continue;
                }
                seen.push(code);
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
                selected.skipped += 1;
                continue;
            }
            LinkState::CantImport { reasons } => {
                selected.held.push(hold(reasons.join(" ")));
                continue;
            }
            LinkState::Matches { worknice_person_id } => Action::Link {
                person_id: worknice_person_id,
            },
            LinkState::New if employee.is_terminated() => {
                selected.held.push(hold(
                    "This employee has left (terminated in MicrOpay), so Paybridge does not create them in Worknice."
                        .to_owned(),
                ));
                continue;
            }
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
