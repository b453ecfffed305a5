//! People's leave balances as Worknice shows them to employees. Inferred as
//! a whole (Worknice publishes no leave schema): each person has a list of
//! balances, one per leave type, that an integration replaces in one write
//! (`setLeaveBalances`), so a category left out — hidden from employees —
//! is no longer offered.

use super::checks::invalid;
use super::writes::WriteError;
use super::WorkniceState;

#[derive(Debug, Clone, PartialEq)]
pub struct SandboxLeaveBalance {
    pub leave_type_id: String,
    pub hours: f64,
    pub days: Option<f64>,
    /// The hours once approved leave payroll has not processed is taken.
    pub projected_hours: Option<f64>,
    /// RFC 3339: when payroll's figure was read.
    pub as_of: String,
}

impl WorkniceState {
    /// The person's balances; `None` for a code nobody has.
    pub(crate) fn leave_balances_of(
        &self,
        employee_code: &str,
    ) -> Option<Vec<SandboxLeaveBalance>> {
        let person = self.person_by_employee_code(employee_code)?;
        Some(
            self.leave_balances
                .get(&person.id)
                .cloned()
                .unwrap_or_default(),
        )
    }

    /// Replaces the person's balances; `Ok(None)` for a code nobody has.
    /// A balance of a leave type the organisation doesn't have, or a
    /// second one of the same type, is refused and nothing changes.
    pub(crate) fn set_leave_balances(
        &mut self,
        employee_code: &str,
        balances: Vec<SandboxLeaveBalance>,
    ) -> Result<Option<Vec<SandboxLeaveBalance>>, WriteError> {
        for (index, balance) in balances.iter().enumerate() {
            let field = format!("balances[{index}].leaveTypeId");
            if !self
                .leave_types
                .iter()
                .any(|t| t.id == balance.leave_type_id)
            {
                return Err(invalid(&field, "No leave type has that id."));
            }
            if balances[..index]
                .iter()
                .any(|earlier| earlier.leave_type_id == balance.leave_type_id)
            {
                return Err(invalid(&field, "A leave type has one balance."));
            }
            if !balance.hours.is_finite() {
                return Err(invalid(
                    format!("balances[{index}].hours"),
                    "Hours must be a number.",
                ));
            }
            if balance
                .projected_hours
                .is_some_and(|hours| !hours.is_finite())
            {
                return Err(invalid(
                    format!("balances[{index}].projectedHours"),
                    "Hours must be a number.",
                ));
            }
        }
        let Some(person_id) = self
            .person_by_employee_code(employee_code)
            .map(|person| person.id.clone())
        else {
            return Ok(None);
        };
        self.leave_balances.insert(person_id, balances.clone());
        Ok(Some(balances))
    }
}
