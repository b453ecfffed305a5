//! Client for the Access MicrOpay Web API: employees (paged, single,
//! changed since), lookups, deleted employees, a connection test, leave
//! balances (inferred), change requests (submit, status, immediate
//! changes) and leave applications (submit, list), with typed errors,
//! retries on reads and careful retries on writes. See WIRE.md for what is
//! documented and what is inferred.

mod change;
mod change_status;
mod client;
mod config;
mod error;
mod leave_balances;
pub use leave_balances::{EmployeeLeaveBalances, LeaveBalance, LEAVE_BALANCE_PATH};
mod leave_application;
mod paging;
pub use paging::PageCount;
mod vendor_errors;
pub mod wire;

pub use change::{
    BankAccountChange, ChangeEmployee, ChangeType, EmployeeChanges, FieldProblem, ImmediateChange,
    Placement, SuperFundChange, TaxChanges,
};
pub use change_status::{ChangeRequestId, ChangeRequestState, ChangeRequestStatus};
pub use client::{EmployeeQuery, MicropayClient, MicropayConnectionSummary, DEFAULT_PAGE_SIZE};
pub use config::MicropayConfig;
pub use error::{MicropayError, MicropayErrorKind};
pub use leave_application::{
    LeaveAmount, LeaveApplication, LeaveApplicationId, LeaveApplicationView, Session,
};
pub use paybridge_http::RetryPolicy;
pub use wire::{
    BankAccount, DeletedEmployee, EmployeeDetail, Lookup, Page, PageInfo, SuperFund, TaxDetail,
};
