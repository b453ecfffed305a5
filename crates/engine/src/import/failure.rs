//! Why one employee could not be brought across: a problem in the data
//! (held, with what to fix) or passing trouble that outlasted the retries
//! (tried again by the next run), or a connection that cannot work until
//! someone fixes its settings (the run fails).

use std::time::Duration;

use paybridge_worknice::{WorkniceError, WorkniceErrorKind};

use crate::api::AppError;
use crate::errors::{logged, worknice_error_code};
use crate::retry::Temporary;

#[derive(Debug, Clone)]
pub(crate) enum ItemFailure {
    /// Something to fix in MicrOpay or Worknice.
    Data(String),
    /// Nothing wrong with the record: Worknice was busy, unreachable or
    /// lost an answer, or this computer's database failed.
    Passing {
        reason: String,
        /// Worth another try within this run.
        retry_now: bool,
        retry_after: Option<Duration>,
    },
    /// The connection itself is wrong (token rejected, no API at the
    /// address, TLS, the address): every employee would fail the same way,
    /// so the run stops and says so.
    Fatal(AppError),
}

impl ItemFailure {
    /// `what` went wrong, for the reason a payroll officer reads.
    pub(crate) fn worknice(what: &str, error: &WorkniceError) -> Self {
        let reason = format!("{what}: {error}");
        // A request refused as it stands (an unexpected 4xx too) would be
        // refused again however often it is sent.
        // 408 Request Timeout and 425 Too Early ask for the same request later.
        let later = matches!(error, WorkniceError::UnexpectedStatus { status: 408 | 425 });
        let refused = !later
            && matches!(error, WorkniceError::UnexpectedStatus { status } if (400..500).contains(status));
        match error.kind() {
            kind @ (WorkniceErrorKind::TokenRejected
            | WorkniceErrorKind::NotFound
            | WorkniceErrorKind::Tls
            | WorkniceErrorKind::InsecureUrl
            | WorkniceErrorKind::InvalidUrl) => Self::Fatal(logged(AppError::new(
                worknice_error_code(kind),
                error.to_string(),
            ))),
            WorkniceErrorKind::GraphQl
            | WorkniceErrorKind::Conflict
            | WorkniceErrorKind::PersonNotFound => Self::Data(reason),
            _ if refused => Self::Data(reason),
            _ => Self::Passing {
                reason,
                retry_now: later || error.is_temporary(),
                retry_after: Temporary::retry_after(error),
            },
        }
    }

    /// This computer's database failed; retried on the next run, not now.
    pub(crate) fn store(error: AppError) -> Self {
        Self::Passing {
            reason: error.message,
            retry_now: false,
            retry_after: None,
        }
    }
}

impl Temporary for ItemFailure {
    fn is_temporary(&self) -> bool {
        matches!(
            self,
            Self::Passing {
                retry_now: true,
                ..
            }
        )
    }

    fn retry_after(&self) -> Option<Duration> {
        match self {
            Self::Passing { retry_after, .. } => *retry_after,
            Self::Data(_) | Self::Fatal(_) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusals_are_data_problems_and_the_rest_passing() {
        let refused = WorkniceError::GraphQl {
            message: "The BSB is not valid".to_owned(),
        };
        assert!(matches!(
            ItemFailure::worknice("Worknice did not accept the new person", &refused),
            ItemFailure::Data(reason) if reason.contains("The BSB is not valid")
        ));
        let limited = ItemFailure::worknice(
            "Worknice did not link the person",
            &WorkniceError::RateLimited {
                retry_after: Some(Duration::from_secs(2)),
            },
        );
        assert!(limited.is_temporary());
        assert!(matches!(
            ItemFailure::worknice(
                "Worknice did not link the person",
                &WorkniceError::UnexpectedStatus { status: 400 }
            ),
            ItemFailure::Data(_)
        ));
        assert!(matches!(
            ItemFailure::worknice(
                "Worknice did not link the person",
                &WorkniceError::UnexpectedStatus { status: 502 }
            ),
            ItemFailure::Passing { .. }
        ));
        assert_eq!(limited.retry_after(), Some(Duration::from_secs(2)));
        for status in [408, 425] {
            let later = ItemFailure::worknice("x", &WorkniceError::UnexpectedStatus { status });
            assert!(later.is_temporary(), "{status} asks to try again later");
        }
        assert!(matches!(
            ItemFailure::worknice("x", &WorkniceError::TokenRejected),
            ItemFailure::Fatal(_)
        ));
        let refused_connection = ItemFailure::worknice(
            "Worknice did not link the person",
            &WorkniceError::Unreachable {
                host: "h".to_owned(),
                detail: "refused".to_owned(),
            },
        );
        assert!(
            matches!(
                refused_connection,
                ItemFailure::Passing {
                    retry_now: false,
                    ..
                }
            ),
            "a refused connection waits for the next run: {refused_connection:?}"
        );
    }
}
