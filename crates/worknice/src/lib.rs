//! Client for Worknice's GraphQL API (`POST {base}/api/graphql` with the
//! `worknice-api-token` header): a connection test, the people list, the
//! full person read the sync compares (page by page), and the writes:
//! create a person linked to their payroll record in one step (several in
//! one request if wanted), update the given fields, archive; and the
//! leave types (list, create). Reads,
//! updates and links retry passing trouble; a create is sent once.
//!
//! Worknice publishes no API reference. The operations sent are all in
//! `documents.graphql`, with the parts inferred rather than seen in
//! Worknice's public code marked there.

mod batch;
mod client;
mod config;
mod connected_creates;
mod connected_links;
mod documents;
mod error;
mod leave_balances;
mod leave_from_payroll;
mod leave_requests;
mod leave_types;
mod model;
mod new_person;
mod people_details;
mod people_writes;
mod person_details;
mod person_edits;
mod person_update;
mod response;
mod wire;
mod wire_details;
mod wire_update;
mod wire_write;

pub use client::WorkniceClient;
pub use config::{WorkniceConfig, GRAPHQL_PATH};
pub use connected_creates::{ConnectedPerson, MAX_PEOPLE_PER_REQUEST};
pub use connected_links::FoundPerson;
pub use documents::OPERATION_NAMES;
pub use error::{WorkniceError, WorkniceErrorKind};
pub use leave_balances::WorkniceLeaveBalance;
pub use leave_from_payroll::NewPayrollLeaveRequest;
pub use leave_requests::{
    LeaveRequestSource, LeaveRequestStatus, PayrollLeaveStatus, WorkniceLeaveRequest,
};
pub use leave_types::{NewLeaveType, WorkniceLeaveType};
pub use model::{
    PersonConnection, PersonConnectionStatus, WorkniceOrganisation, WorknicePerson,
    WorknicePersonStatus,
};
pub use new_person::{NewPerson, NewPersonConnection};
pub use paybridge_http::RetryPolicy;
pub use people_details::DEFAULT_DETAILS_PAGE_SIZE;
pub use person_details::{
    PeopleDetailsPage, WorkniceAddress, WorkniceBankAccount, WorknicePersonDetails,
    WorknicePersonalDetails, WorkniceSuperFund, WorkniceTaxDetails,
};
pub use person_update::{PersonUpdate, PersonalDetailsUpdate};
