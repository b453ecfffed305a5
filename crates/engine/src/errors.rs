//! Maps each crate's errors onto the one `{code, message}` the UI sees. The
//! messages come from the crates, which already write them for a payroll
//! officer and keep secrets out of them.

use paybridge_micropay::{MicropayError, MicropayErrorKind};
use paybridge_secrets::SecretsError;
use paybridge_store::StoreError;
use paybridge_worknice::{WorkniceError, WorkniceErrorKind};

use crate::api::{AppError, ErrorCode};

pub(crate) fn parse_url(text: &str) -> Result<url::Url, AppError> {
    url::Url::parse(text.trim()).map_err(|_| {
        AppError::new(
            ErrorCode::Validation,
            "That URL isn't valid. It should look like https://api.cloud.micropay.com.au/ (or your Worknice address).",
        )
    })
}

pub(crate) fn storage_error(what: &str) -> AppError {
    AppError::new(
        ErrorCode::Storage,
        format!("Paybridge's local database failed: {what}."),
    )
}

impl From<MicropayError> for AppError {
    fn from(error: MicropayError) -> Self {
        let code = match error.kind() {
            MicropayErrorKind::WrongCredentials => ErrorCode::WrongCredentials,
            MicropayErrorKind::ApiKeyNotRecognised => ErrorCode::ApiKeyNotRecognised,
            MicropayErrorKind::ApiNotPurchased => ErrorCode::ApiNotPurchased,
            MicropayErrorKind::PayrollServerOffline => ErrorCode::PayrollServerOffline,
            MicropayErrorKind::Unreachable => ErrorCode::Unreachable,
            MicropayErrorKind::Tls => ErrorCode::Tls,
            MicropayErrorKind::MalformedResponse => ErrorCode::MalformedResponse,
            MicropayErrorKind::RateLimited => ErrorCode::RateLimited,
            MicropayErrorKind::InsecureUrl => ErrorCode::InsecureUrl,
            MicropayErrorKind::InvalidUrl => ErrorCode::Validation,
            _ => ErrorCode::Internal,
        };
        AppError::new(code, error.to_string())
    }
}

impl From<WorkniceError> for AppError {
    fn from(error: WorkniceError) -> Self {
        let code = match error.kind() {
            WorkniceErrorKind::TokenRejected => ErrorCode::TokenRejected,
            WorkniceErrorKind::Unreachable => ErrorCode::Unreachable,
            WorkniceErrorKind::Tls => ErrorCode::Tls,
            WorkniceErrorKind::MalformedResponse => ErrorCode::MalformedResponse,
            WorkniceErrorKind::RateLimited => ErrorCode::RateLimited,
            WorkniceErrorKind::InsecureUrl => ErrorCode::InsecureUrl,
            WorkniceErrorKind::InvalidUrl => ErrorCode::Validation,
            _ => ErrorCode::Internal,
        };
        AppError::new(code, error.to_string())
    }
}

impl From<StoreError> for AppError {
    fn from(error: StoreError) -> Self {
        AppError::new(ErrorCode::Storage, error.to_string())
    }
}

impl From<SecretsError> for AppError {
    fn from(error: SecretsError) -> Self {
        let code = match error {
            SecretsError::Unavailable { .. } => ErrorCode::KeyringUnavailable,
            _ => ErrorCode::Storage,
        };
        AppError::new(code, error.to_string())
    }
}
