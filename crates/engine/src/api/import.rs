//! What the Import and Backups screens exchange with the engine.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What importing an employee would do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(
    tag = "kind",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum LinkState {
    /// Paybridge will create a Worknice person.
    New,
    /// A Worknice person has the same Employee ID: Paybridge will link to it.
    Matches { worknice_person_id: String },
    /// Linked already; importing again does nothing.
    AlreadyLinked { worknice_person_id: String },
    /// Something in MicrOpay must be fixed first; each reason says what.
    CantImport { reasons: Vec<String> },
}

/// One row of the Import picker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportCandidate {
    /// MicrOpay's EmpCode (Worknice's Employee ID); empty when MicrOpay has none.
    pub emp_code: String,
    #[ts(type = "number")]
    pub id_employee: i64,
    /// "First Surname" (the preferred name when there is one).
    pub name: String,
    /// The Location lookup's description, e.g. "Sydney".
    pub location: String,
    /// The PayrollCompany lookup's description, e.g. "Demo Pty Ltd".
    pub payroll_company: String,
    pub terminated: bool,
    pub link_state: LinkState,
}

/// Which employees to import. Terminated ones are skipped unless
/// [`ImportOptions::include_terminated`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", content = "empCodes", rename_all = "camelCase")]
pub enum ImportSelection {
    /// Every MicrOpay employee.
    All,
    /// These employees.
    EmpCodes(Vec<String>),
}

/// How to import.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportOptions {
    /// Write nothing; the counts say what would happen.
    pub dry_run: bool,
    /// Import employees who have left too (otherwise "skipped: terminated on …").
    pub include_terminated: bool,
}

/// What the import will send to Worknice for one employee, group by group,
/// with the TFN, account and super membership numbers masked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct EmployeePreview {
    pub emp_code: String,
    pub name: String,
    pub link_state: LinkState,
    pub personal: PersonalPreview,
    pub bank_accounts: Vec<BankAccountPreview>,
    pub super_funds: Vec<SuperFundPreview>,
    /// None when MicrOpay holds no tax details.
    pub tax: Option<TaxPreview>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PersonalPreview {
    pub title: Option<String>,
    pub first_name: String,
    pub middle_name: Option<String>,
    pub preferred_name: Option<String>,
    pub last_name: String,
    pub gender: Option<String>,
    /// yyyy-mm-dd.
    pub date_of_birth: Option<String>,
    pub start_date: Option<String>,
    pub email: Option<String>,
    pub mobile_phone: Option<String>,
    /// One line, e.g. "12 King St, Newtown NSW 2042".
    pub residential_address: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BankAccountPreview {
    pub bsb: String,
    /// e.g. "••••• 789"; only dots when shorter than six digits.
    pub account_number_masked: String,
    pub account_name: String,
    /// Fixed amount per pay in cents; None on the balance-of-pay account.
    #[ts(type = "number | null")]
    pub fixed_amount_cents: Option<i64>,
    pub balance_of_pay: bool,
    pub order: u16,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SuperFundPreview {
    pub fund_code: String,
    pub fund_name: String,
    /// e.g. "•••••• 321"; only dots when shorter than six characters.
    pub membership_number_masked: String,
    pub date_joined: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TaxPreview {
    /// e.g. "•••••• 782".
    pub tfn_masked: String,
    pub basis_of_payment: String,
    pub australian_resident: bool,
    pub tax_free_threshold: bool,
    pub help_debt: bool,
    pub sfss_debt: bool,
}

/// Sent while the picker loads: employees read so far, of the total MicrOpay
/// reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LoadProgress {
    #[ts(type = "number")]
    pub loaded: u64,
    #[ts(type = "number")]
    pub total: u64,
}

/// One message of the picker's load: how far MicrOpay's read is, with the
/// rows of the pages read since the last rows were sent, once Worknice's
/// people are read too (before then `rows` is empty).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct EmployeePage {
    #[ts(type = "number")]
    pub loaded: u64,
    #[ts(type = "number")]
    pub total: u64,
    pub rows: Vec<ImportCandidate>,
}

/// The end of the picker's load: every row has been sent in `pages`
/// messages (which may arrive after this), and these rows replace the ones
/// with their `idEmployee`: their link state changed once every page was
/// read (a code another page shares).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct EmployeesLoaded {
    pub pages: u32,
    pub corrected: Vec<ImportCandidate>,
}

/// Sent while an import runs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportProgressUpdate {
    pub done: u32,
    pub total: u32,
    /// The employee being worked on, e.g. "Olivia Nguyen".
    pub current_name: String,
}

/// An employee the import could not bring across, and what to fix.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct HeldRecord {
    pub emp_code: String,
    pub name: String,
    pub reason: String,
}

/// An employee the import left alone, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SkippedRecord {
    pub emp_code: String,
    pub name: String,
    /// e.g. "terminated on 2025-03-14".
    pub reason: String,
}

/// An employee the import could not finish for a passing reason (Worknice
/// busy or unreachable, an answer lost) after retrying; the next import
/// tries again, and never creates them twice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RetryRecord {
    pub emp_code: String,
    pub name: String,
    pub reason: String,
}

/// How an import went. In a dry run the counts say what would happen.
/// Every employee in scope is counted once:
/// `created + linked + skipped + heldCount + retryNextRunCount = listed`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportSummary {
    pub dry_run: bool,
    /// The import was cancelled; employees not reached count as skipped.
    pub cancelled: bool,
    /// Some employees will be retried next run (`retryNextRun`).
    pub partial: bool,
    /// Employees in scope: every MicrOpay employee, or each code asked for.
    pub listed: u32,
    pub created: u32,
    pub linked: u32,
    /// Already linked, terminated (unless included) or not reached.
    pub skipped: u32,
    /// Of `skipped`, those already linked (not listed one by one).
    pub already_linked: u32,
    /// The other skipped employees, each with why.
    pub skipped_records: Vec<SkippedRecord>,
    /// Problems in the data, each with what to fix.
    pub held: Vec<HeldRecord>,
    pub held_count: u32,
    /// Passing trouble outlasted the retries: tried again next run.
    pub retry_next_run: Vec<RetryRecord>,
    pub retry_next_run_count: u32,
    /// The backup taken before this import, when one was needed.
    #[ts(type = "number | null")]
    pub backup_id: Option<i64>,
}

/// One backup as the Backups screen lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupSummary {
    #[ts(type = "number")]
    pub id: i64,
    /// RFC 3339.
    pub created_at: String,
    pub employee_count: u32,
    #[ts(type = "number")]
    pub size_bytes: u64,
    pub file_name: String,
}

/// The file an exported backup is written as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum BackupFormat {
    /// As kept: encrypted with this computer's backup key.
    Encrypted,
    /// Plain JSON: contains tax file numbers and bank account numbers.
    Json,
    /// Plain CSV, one row per employee: contains tax file numbers.
    Csv,
}

/// A group of an employee's data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum DataGroupName {
    Personal,
    Bank,
    Super,
    Tax,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct EmployeeRef {
    pub emp_code: String,
    #[ts(type = "number")]
    pub id_employee: i64,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ChangedEmployee {
    pub employee: EmployeeRef,
    /// Which groups differ; never the values themselves.
    pub groups: Vec<DataGroupName>,
}

/// A backup against MicrOpay as it is now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupComparison {
    #[ts(type = "number")]
    pub backup_id: i64,
    pub backup_created_at: String,
    /// In MicrOpay now, not in the backup.
    pub added: Vec<EmployeeRef>,
    /// In the backup, gone from MicrOpay now.
    pub removed: Vec<EmployeeRef>,
    pub changed: Vec<ChangedEmployee>,
    pub unchanged: u32,
}
