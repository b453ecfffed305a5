//! Worknice's leave types (the categories employees request leave in), as
//! the sandbox keeps them. Inferred as a whole: Worknice publishes no leave
//! schema. A type has a name, a code unique in the organisation (compared
//! trimmed, without regard to case), a private flag (a private type's
//! leave shows as "On leave" to anyone but the employee and approvers) and
//! whether employees may request it (offered).

use rand_chacha::ChaCha8Rng;

use super::checks::invalid;
use super::writes::{code_key, WriteError};
use super::{seed, WorkniceState};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SandboxLeaveType {
    pub id: String,
    pub name: String,
    pub code: String,
    pub private: bool,
    /// Whether employees may request leave of it.
    pub offered: bool,
}

/// What an organisation set up before connecting payroll: two types whose
/// names match MicrOpay's standard categories, one whose code matches a
/// user-defined MicrOpay code, and one Worknice-only type.
const SEEDED: &[(&str, &str, bool)] = &[
    ("Annual Leave", "ANNUAL", false),
    ("Personal/Carer's Leave", "PERSONAL", false),
    ("Time in lieu", "TOIL", false),
    ("Volunteering Day", "VOLUNTEER", false),
];

pub(super) fn seeded(rng: &mut ChaCha8Rng) -> Vec<SandboxLeaveType> {
    SEEDED
        .iter()
        .map(|(name, code, private)| SandboxLeaveType {
            id: seed::id_from(rng),
            name: (*name).to_owned(),
            code: (*code).to_owned(),
            private: *private,
            offered: true,
        })
        .collect()
}

impl WorkniceState {
    /// Adds a leave type; refused when another has its code.
    pub(crate) fn create_leave_type(
        &mut self,
        name: &str,
        code: &str,
        private: bool,
    ) -> Result<SandboxLeaveType, WriteError> {
        let (name, code) = (name.trim(), code.trim());
        if name.is_empty() {
            return Err(invalid("name", "A leave type needs a name."));
        }
        if code.is_empty() {
            return Err(invalid("code", "A leave type needs a code."));
        }
        if self
            .leave_types
            .iter()
            .any(|existing| code_key(&existing.code) == code_key(code))
        {
            return Err(WriteError::LeaveTypeCodeTaken {
                code: code.to_owned(),
            });
        }
        let created = SandboxLeaveType {
            id: seed::id_from(&mut self.id_rng),
            name: name.to_owned(),
            code: code.to_owned(),
            private,
            offered: true,
        };
        self.leave_types.push(created.clone());
        Ok(created)
    }
}

impl WorkniceState {
    /// Makes a leave type private or not; `None` for an unknown id.
    pub(crate) fn set_leave_type_private(
        &mut self,
        id: &str,
        private: bool,
    ) -> Option<SandboxLeaveType> {
        let found = self.leave_types.iter_mut().find(|t| t.id == id)?;
        found.private = private;
        Some(found.clone())
    }

    /// Lets employees request leave of a type, or not; `None` for an
    /// unknown id.
    pub(crate) fn set_leave_type_offered(
        &mut self,
        id: &str,
        offered: bool,
    ) -> Option<SandboxLeaveType> {
        let found = self.leave_types.iter_mut().find(|t| t.id == id)?;
        found.offered = offered;
        Some(found.clone())
    }
}
