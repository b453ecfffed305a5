//! The types the UI and the command line exchange with the engine. They are
//! exported to TypeScript (`ui/src/api/generated/bindings.ts`, see
//! [`crate::bindings`]), so a change here shows up as a type error in the UI.

mod directions;
mod import;
mod leave;
mod leave_balances;
mod leave_from_payroll;
mod leave_requests;
mod needs_payroll;
mod payroll_desk;
mod sync;

use paybridge_domain::Sensitive;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use directions::*;
pub use import::*;
pub use leave::*;
pub use leave_balances::*;
pub use leave_from_payroll::*;
pub use leave_requests::*;
pub use needs_payroll::*;
pub use payroll_desk::*;
pub use sync::*;

/// Which side of the integration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum ConnectionKind {
    Micropay,
    Worknice,
}

/// The MicrOpay card's form. An empty password or API key means "keep the
/// one already saved" so the user never has to retype secrets. Secrets are
/// `Sensitive`: redacted in Debug, wiped on drop. The form only ever comes
/// from the webview, never goes back to it, so it does not implement
/// `Serialize` (the sandbox's filled-in forms are [`SandboxPrefill`]).
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MicropayForm {
    pub url: String,
    pub username: String,
    #[ts(type = "string")]
    pub password: Sensitive<String>,
    #[ts(type = "string")]
    pub api_key: Sensitive<String>,
    /// Optional: when set, the connection test checks the payroll database has it.
    pub payroll_company: String,
}

/// The Worknice card's form. An empty token means "keep the saved one".
/// Like [`MicropayForm`], it is never serialised.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct WorkniceForm {
    pub url: String,
    #[ts(type = "string")]
    pub token: Sensitive<String>,
}

/// What a successful connection test found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ConnectionCheck {
    pub kind: ConnectionKind,
    /// The payroll company or the Worknice organisation.
    pub organisation: String,
    #[ts(type = "number")]
    pub employee_count: u64,
    /// e.g. "Connected to Demo Pty Ltd — 250 employees".
    pub status_line: String,
}

/// A saved connection as the Connections screen shows it: no secrets, only
/// whether they are in the keyring.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SavedConnection {
    pub kind: ConnectionKind,
    pub url: String,
    /// MicrOpay only; empty for Worknice.
    pub username: String,
    pub payroll_company: String,
    pub organisation: String,
    #[ts(type = "number")]
    pub employee_count: u64,
    /// RFC 3339, when the last test ran.
    pub last_checked_at: String,
    /// Set when the last check failed.
    pub last_error: Option<AppError>,
    pub status_line: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Connections {
    pub micropay: Option<SavedConnection>,
    pub worknice: Option<SavedConnection>,
}

/// The forms filled in for the built-in sandbox, on the engine's side (for
/// tests and the command line). Never sent to the webview: that gets a
/// [`SandboxPrefill`].
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SandboxForms {
    pub micropay: MicropayForm,
    pub worknice: WorkniceForm,
}

/// What "Try it with sandbox data" fills the two forms with. A type of its
/// own, so no type that goes to the webview can carry a saved secret: these
/// credentials are the sandbox's, made up for it and good nowhere else.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SandboxPrefill {
    pub micropay: SandboxMicropayPrefill,
    pub worknice: SandboxWorknicePrefill,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SandboxMicropayPrefill {
    pub url: String,
    pub username: String,
    pub password: String,
    pub api_key: String,
    pub payroll_company: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SandboxWorknicePrefill {
    pub url: String,
    pub token: String,
}

/// Codes the UI branches on. Everything else says what happened in `message`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    WrongCredentials,
    ApiKeyNotRecognised,
    ApiNotPurchased,
    PayrollServerOffline,
    TokenRejected,
    Unreachable,
    Tls,
    MalformedResponse,
    RateLimited,
    InsecureUrl,
    Validation,
    NotConnected,
    /// A plain export needs the user's "this file will contain TFNs" confirmation.
    ConfirmationRequired,
    NotFound,
    /// The write clashes with what the vendor already holds (e.g. a Worknice
    /// person with that employee code, or a link to another record).
    Conflict,
    /// The vendor's server failed (HTTP 5xx or an unexpected status): try later.
    VendorServerError,
    /// The vendor refused the request as sent (MicrOpay 4xx, a Worknice
    /// GraphQL error): trying again unchanged will not help.
    VendorRejected,
    /// An import is already running (in this window or another Paybridge
    /// process on the same data folder).
    Busy,
    KeyringUnavailable,
    Storage,
    Internal,
}

/// The one error shape the UI sees: `{code, message}`. Messages are written
/// for a payroll officer and never hold a secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, thiserror::Error)]
#[serde(rename_all = "camelCase")]
#[error("{message}")]
pub struct AppError {
    pub code: ErrorCode,
    pub message: String,
}

impl AppError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // The forms carry the user's secrets into the engine; nothing may send
    // them back out to the webview or a log file as JSON.
    static_assertions::assert_not_impl_any!(MicropayForm: Serialize);
    static_assertions::assert_not_impl_any!(WorkniceForm: Serialize);
    static_assertions::assert_not_impl_any!(SandboxForms: Serialize);
}
