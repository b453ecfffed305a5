//! Client for the Access MicrOpay Web API: employees (paged, single),
//! lookups, deleted employees and a connection test, with typed errors and
//! retries on reads. See WIRE.md for what is documented and what is inferred.

mod client;
mod config;
mod error;
mod paging;
pub use paging::PageCount;
mod vendor_errors;
pub mod wire;

pub use client::{EmployeeQuery, MicropayClient, MicropayConnectionSummary, DEFAULT_PAGE_SIZE};
pub use config::MicropayConfig;
pub use error::{MicropayError, MicropayErrorKind};
pub use paybridge_http::RetryPolicy;
pub use wire::{
    BankAccount, DeletedEmployee, EmployeeDetail, Lookup, Page, PageInfo, SuperFund, TaxDetail,
};
