//! Validation failures, in words a payroll officer can act on.
//!
//! No message ever contains the value that failed: a TFN or an account number
//! in an error would end up in a log or on screen.

use std::fmt;

/// Which of a person's name fields a problem is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameField {
    Title,
    FirstName,
    MiddleName,
    PreferredName,
    Surname,
}

impl fmt::Display for NameField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Title => "title",
            Self::FirstName => "first name",
            Self::MiddleName => "middle name",
            Self::PreferredName => "preferred name",
            Self::Surname => "surname",
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ValidationError {
    #[error("The tax file number may contain only digits and spaces")]
    TfnNotDigits,
    #[error("The tax file number must have 9 digits (or 8, for an older TFN)")]
    TfnLength,
    #[error("The tax file number fails its checksum")]
    TfnChecksum,

    #[error("The ABN may contain only digits and spaces")]
    AbnNotDigits,
    #[error("The ABN must have 11 digits")]
    AbnLength,
    #[error("The ABN fails its checksum")]
    AbnChecksum,

    #[error("The BSB may contain only digits, a dash and spaces")]
    BsbNotDigits,
    #[error("The BSB must have 6 digits, for example 062-000")]
    BsbLength,

    #[error("The bank account number is missing")]
    AccountNumberMissing,
    #[error("The bank account number may contain only digits, dashes and spaces")]
    AccountNumberNotDigits,
    #[error("The bank account number has more than {max} digits, too many for a bank file")]
    AccountNumberTooLongForBankFile { max: usize },
    #[error("The bank account number has more than {max} characters, too many for MicrOpay")]
    AccountNumberTooLongForMicropay { max: usize },
    #[error("The bank account name is missing")]
    AccountNameMissing,

    #[error("An employee needs at least one bank account to be paid")]
    BankSplitEmpty,
    #[error("The bank account at order {order} has a negative fixed amount")]
    BankAmountNegative { order: u16 },
    #[error("One bank account must take the balance of pay, and none does")]
    BalanceOfPayMissing,
    #[error("Only one bank account may take the balance of pay, and {count} do")]
    BalanceOfPayMoreThanOne { count: usize },
    #[error("The bank account that takes the balance of pay must have a fixed amount of 0")]
    BalanceOfPayHasAmount,
    #[error("The bank account order {order} is outside 0 to 999")]
    BankOrderOutOfRange { order: u16 },
    #[error("Two or more bank accounts share the order {order}; each needs its own")]
    BankOrderDuplicate { order: u16 },

    #[error("The employee code (EmpCode) is missing")]
    EmpCodeMissing,
    #[error("The employee code (EmpCode) is longer than {max} characters")]
    EmpCodeTooLong { max: usize },
    #[error("The employee code (EmpCode) may not contain control characters")]
    EmpCodeInvalidCharacters,
    #[error("The employee code (EmpCode) contains invisible or text-direction characters; retype it in MicrOpay")]
    EmpCodeInvisibleCharacters,

    #[error("The {field} is missing")]
    NameMissing { field: NameField },
    #[error("The {field} is longer than MicrOpay's limit of {max} characters")]
    NameTooLong { field: NameField, max: usize },
    #[error("The date of birth is after today")]
    DateOfBirthInFuture,
    #[error("The email address does not look like an email address")]
    EmailInvalid,
    #[error("The postcode must have 4 digits")]
    PostcodeInvalid,

    #[error("The super fund's USI must look like ABC1234XY or have 14 digits starting with the fund's ABN")]
    UsiInvalid,
    #[error("The super fund code is missing")]
    FundCodeMissing,
    #[error("The super fund membership number is missing")]
    MembershipNumberMissing,
    #[error("The date joined the super fund is before the employee's start date")]
    SuperDateJoinedBeforeHire,

    #[error("A user-defined leave type needs a leave code from MicrOpay's UserDefinedLeave list")]
    LeaveCodeMissing,
    #[error("The leave type is not one MicrOpay knows (AnnualLeave, SickLeave, LongServiceLeave, UserDefinedLeave)")]
    LeaveTypeUnknown,
}

impl ValidationError {
    /// A stable, machine-readable name for the UI and tests to branch on.
    pub fn code(&self) -> &'static str {
        match self {
            Self::TfnNotDigits => "tfn_not_digits",
            Self::TfnLength => "tfn_length",
            Self::TfnChecksum => "tfn_checksum",
            Self::AbnNotDigits => "abn_not_digits",
            Self::AbnLength => "abn_length",
            Self::AbnChecksum => "abn_checksum",
            Self::BsbNotDigits => "bsb_not_digits",
            Self::BsbLength => "bsb_length",
            Self::AccountNumberMissing => "account_number_missing",
            Self::AccountNumberNotDigits => "account_number_not_digits",
            Self::AccountNumberTooLongForBankFile { .. } => "account_number_too_long_for_bank_file",
            Self::AccountNumberTooLongForMicropay { .. } => "account_number_too_long_for_micropay",
            Self::AccountNameMissing => "account_name_missing",
            Self::BankSplitEmpty => "bank_split_empty",
            Self::BankAmountNegative { .. } => "bank_amount_negative",
            Self::BalanceOfPayMissing => "balance_of_pay_missing",
            Self::BalanceOfPayMoreThanOne { .. } => "balance_of_pay_more_than_one",
            Self::BalanceOfPayHasAmount => "balance_of_pay_has_amount",
            Self::BankOrderOutOfRange { .. } => "bank_order_out_of_range",
            Self::BankOrderDuplicate { .. } => "bank_order_duplicate",
            Self::EmpCodeMissing => "emp_code_missing",
            Self::EmpCodeTooLong { .. } => "emp_code_too_long",
            Self::EmpCodeInvalidCharacters => "emp_code_invalid_characters",
            Self::EmpCodeInvisibleCharacters => "emp_code_invisible_characters",
            Self::NameMissing { .. } => "name_missing",
            Self::NameTooLong { .. } => "name_too_long",
            Self::DateOfBirthInFuture => "date_of_birth_in_future",
            Self::EmailInvalid => "email_invalid",
            Self::PostcodeInvalid => "postcode_invalid",
            Self::UsiInvalid => "usi_invalid",
            Self::FundCodeMissing => "fund_code_missing",
            Self::MembershipNumberMissing => "membership_number_missing",
            Self::SuperDateJoinedBeforeHire => "super_date_joined_before_hire",
            Self::LeaveCodeMissing => "leave_code_missing",
            Self::LeaveTypeUnknown => "leave_type_unknown",
        }
    }
}

/// Serialized as `{"code": …, "message": …}` for the UI: the code to branch
/// on, the message to show.
impl serde::Serialize for ValidationError {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut state = serializer.serialize_struct("ValidationError", 2)?;
        state.serialize_field("code", self.code())?;
        state.serialize_field("message", &self.to_string())?;
        state.end()
    }
}

/// Every problem found in one record, so a person can fix them all at once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidationErrors(pub Vec<ValidationError>);

impl ValidationErrors {
    pub fn iter(&self) -> std::slice::Iter<'_, ValidationError> {
        self.0.iter()
    }

    /// `Ok(())` when `problems` is empty.
    pub fn check(problems: Vec<ValidationError>) -> Result<(), ValidationErrors> {
        if problems.is_empty() {
            Ok(())
        } else {
            Err(ValidationErrors(problems))
        }
    }
}

impl fmt::Display for ValidationErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, problem) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{problem}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ValidationErrors {}
