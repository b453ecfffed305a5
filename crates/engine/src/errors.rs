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

/// A vendor's refusal (a wrong password, say) reaches About's last errors.
/// Only the code and the message, which the clients write without secrets.
pub(crate) fn logged(error: AppError) -> AppError {
    tracing::warn!(code = ?error.code, message = %error.message, "a vendor call failed");
    error
}

impl From<MicropayError> for AppError {
    fn from(error: MicropayError) -> Self {
        // No catch-all: a new kind in the client must be given a code here.
        let code = match error.kind() {
            MicropayErrorKind::WrongCredentials => ErrorCode::WrongCredentials,
            MicropayErrorKind::ApiKeyNotRecognised => ErrorCode::ApiKeyNotRecognised,
            MicropayErrorKind::ApiNotPurchased => ErrorCode::ApiNotPurchased,
            MicropayErrorKind::PayrollServerOffline => ErrorCode::PayrollServerOffline,
            MicropayErrorKind::Unreachable => ErrorCode::Unreachable,
            MicropayErrorKind::Tls => ErrorCode::Tls,
            MicropayErrorKind::MalformedResponse => ErrorCode::MalformedResponse,
            MicropayErrorKind::RateLimited => ErrorCode::RateLimited,
            MicropayErrorKind::NotFound => ErrorCode::NotFound,
            MicropayErrorKind::Server => ErrorCode::VendorServerError,
            MicropayErrorKind::Rejected => ErrorCode::VendorRejected,
            MicropayErrorKind::InsecureUrl => ErrorCode::InsecureUrl,
            MicropayErrorKind::InvalidUrl => ErrorCode::Validation,
        };
        logged(AppError::new(code, error.to_string()))
    }
}

impl From<WorkniceError> for AppError {
    fn from(error: WorkniceError) -> Self {
        logged(AppError::new(
            worknice_error_code(error.kind()),
            error.to_string(),
        ))
    }
}

/// The code a Worknice error of this kind reaches callers with.
pub(crate) fn worknice_error_code(kind: WorkniceErrorKind) -> ErrorCode {
    {
        // No catch-all: a new kind in the client must be given a code here.
        match kind {
            WorkniceErrorKind::TokenRejected => ErrorCode::TokenRejected,
            WorkniceErrorKind::Unreachable => ErrorCode::Unreachable,
            WorkniceErrorKind::Tls => ErrorCode::Tls,
            WorkniceErrorKind::MalformedResponse => ErrorCode::MalformedResponse,
            WorkniceErrorKind::RateLimited => ErrorCode::RateLimited,
            WorkniceErrorKind::Server => ErrorCode::VendorServerError,
            // The address answers but has no Worknice API there: the form is wrong.
            WorkniceErrorKind::NotFound => ErrorCode::Validation,
            WorkniceErrorKind::GraphQl => ErrorCode::VendorRejected,
            WorkniceErrorKind::Conflict => ErrorCode::Conflict,
            WorkniceErrorKind::PersonNotFound => ErrorCode::NotFound,
            WorkniceErrorKind::InsecureUrl => ErrorCode::InsecureUrl,
            WorkniceErrorKind::InvalidUrl => ErrorCode::Validation,
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vendor_failures_get_codes_the_screen_can_branch_on() {
        let code = |error: MicropayError| AppError::from(error).code;
        assert_eq!(
            code(MicropayError::Server { status: 503 }),
            ErrorCode::VendorServerError
        );
        assert_eq!(
            code(MicropayError::Rejected { status: 400 }),
            ErrorCode::VendorRejected
        );
        assert_eq!(
            code(MicropayError::NotFound {
                what: "employee 7".to_owned()
            }),
            ErrorCode::NotFound
        );

        let code = |error: WorkniceError| AppError::from(error);
        let not_found = code(WorkniceError::NotFound {
            endpoint: "https://example.com/api/graphql".to_owned(),
        });
        assert_eq!(not_found.code, ErrorCode::Validation);
        assert!(
            not_found.message.contains("no Worknice API at"),
            "{}",
            not_found.message
        );
        assert_eq!(
            code(WorkniceError::Server { status: 502 }).code,
            ErrorCode::VendorServerError
        );
        assert_eq!(
            code(WorkniceError::EmployeeCodeTaken {
                employee_code: "E1".to_owned()
            })
            .code,
            ErrorCode::Conflict
        );
        assert_eq!(
            code(WorkniceError::GraphQl {
                message: "bad input".to_owned()
            })
            .code,
            ErrorCode::VendorRejected
        );
    }
}
