//! Client for Worknice's GraphQL API (`POST {base}/api/graphql` with the
//! `worknice-api-token` header): a connection test and the people list.
//!
//! Worknice publishes no API reference. The operations sent are all in
//! `documents.graphql`, with the parts inferred rather than seen in
//! Worknice's public code marked there.

mod client;
mod config;
mod documents;
mod error;
mod model;
mod response;
mod wire;

pub use client::WorkniceClient;
pub use config::{WorkniceConfig, GRAPHQL_PATH};
pub use error::{WorkniceError, WorkniceErrorKind};
pub use model::{WorkniceOrganisation, WorknicePerson, WorknicePersonStatus};
pub use paybridge_http::RetryPolicy;
