//! Client for Worknice's GraphQL API (`POST {base}/api/graphql` with the
//! `worknice-api-token` header): a connection test, the people list, and the
//! write side an import needs (create a person, link them to a payroll
//! record). Reads retry passing trouble; creating a person is sent once.
//!
//! Worknice publishes no API reference. The operations sent are all in
//! `documents.graphql`, with the parts inferred rather than seen in
//! Worknice's public code marked there.

mod client;
mod config;
mod documents;
mod error;
mod model;
mod new_person;
mod people_writes;
mod response;
mod wire;
mod wire_write;

pub use client::WorkniceClient;
pub use config::{WorkniceConfig, GRAPHQL_PATH};
pub use documents::OPERATION_NAMES;
pub use error::{WorkniceError, WorkniceErrorKind};
pub use model::{
    PersonConnection, PersonConnectionStatus, WorkniceOrganisation, WorknicePerson,
    WorknicePersonStatus,
};
pub use new_person::{
    NewAddress, NewBankAccount, NewPerson, NewPersonConnection, NewSuperFund, NewTaxDetails,
};
pub use paybridge_http::RetryPolicy;
