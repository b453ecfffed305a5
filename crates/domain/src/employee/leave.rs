use serde::{Deserialize, Serialize};

use crate::ValidationError;

/// The kinds of leave the National Employment Standards give.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub enum NesLeaveKind {
    Annual,
    PersonalCarers,
    Compassionate,
    FamilyDomesticViolence,
    CommunityService,
    Parental,
    LongService,
}

impl NesLeaveKind {
    pub const ALL: [NesLeaveKind; 7] = [
        Self::Annual,
        Self::PersonalCarers,
        Self::Compassionate,
        Self::FamilyDomesticViolence,
        Self::CommunityService,
        Self::Parental,
        Self::LongService,
    ];

    /// The MicrOpay leave type with a built-in meaning, or `None` for kinds
    /// each payroll database sets up as a user-defined leave code.
    pub fn standard_micropay_type(self) -> Option<MicropayLeaveType> {
        match self {
            Self::Annual => Some(MicropayLeaveType::AnnualLeave),
            Self::PersonalCarers => Some(MicropayLeaveType::SickLeave),
            Self::LongService => Some(MicropayLeaveType::LongServiceLeave),
            Self::Compassionate
            | Self::FamilyDomesticViolence
            | Self::CommunityService
            | Self::Parental => None,
        }
    }

    /// The MicrOpay type, using `user_defined_code` (from the
    /// UserDefinedLeave lookup) for kinds without a built-in type.
    pub fn micropay_type(
        self,
        user_defined_code: Option<&str>,
    ) -> Result<MicropayLeaveType, ValidationError> {
        if let Some(standard) = self.standard_micropay_type() {
            return Ok(standard);
        }
        MicropayLeaveType::user_defined(user_defined_code.unwrap_or_default())
    }
}

/// MicrOpay's `LeaveType`, with the `LeaveCode` a user-defined one needs.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(tag = "type")]
pub enum MicropayLeaveType {
    AnnualLeave,
    SickLeave,
    LongServiceLeave,
    UserDefinedLeave { code: String },
}

impl MicropayLeaveType {
    pub fn user_defined(code: &str) -> Result<Self, ValidationError> {
        let code = code.trim();
        if code.is_empty() {
            return Err(ValidationError::LeaveCodeMissing);
        }
        Ok(Self::UserDefinedLeave {
            code: code.to_owned(),
        })
    }

    /// Reads MicrOpay's `LeaveType` and `LeaveCode` fields.
    pub fn from_wire(leave_type: &str, leave_code: Option<&str>) -> Result<Self, ValidationError> {
        match leave_type {
            "AnnualLeave" => Ok(Self::AnnualLeave),
            "SickLeave" => Ok(Self::SickLeave),
            "LongServiceLeave" => Ok(Self::LongServiceLeave),
            "UserDefinedLeave" => Self::user_defined(leave_code.unwrap_or_default()),
            _ => Err(ValidationError::LeaveTypeUnknown),
        }
    }

    /// The `LeaveType` value MicrOpay expects.
    pub fn wire_name(&self) -> &'static str {
        match self {
            Self::AnnualLeave => "AnnualLeave",
            Self::SickLeave => "SickLeave",
            Self::LongServiceLeave => "LongServiceLeave",
            Self::UserDefinedLeave { .. } => "UserDefinedLeave",
        }
    }

    /// The `LeaveCode` to send alongside, for user-defined leave only.
    pub fn leave_code(&self) -> Option<&str> {
        match self {
            Self::UserDefinedLeave { code } => Some(code),
            _ => None,
        }
    }
}

/// A leave category as the app shows it: its name, what NES kind it is (if
/// any), the MicrOpay type it maps to, and whether employees can see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct LeaveCategory {
    pub name: String,
    pub nes_kind: Option<NesLeaveKind>,
    pub micropay_type: MicropayLeaveType,
    pub visible_to_employees: bool,
}
