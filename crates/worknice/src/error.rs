//! Everything that can go wrong talking to Worknice, in words a payroll
//! officer can act on. No message ever contains the API token: the client
//! never puts it in one, and scrubs text that came from elsewhere
//! (see `WorkniceClient::run`). Text Worknice sent has its long numbers
//! masked too: a server may echo back a TFN or an account number.

use std::time::Duration;

use paybridge_http::{mask_long_digit_runs, truncate_chars};
use serde::Serialize;

/// Longer GraphQL messages are cut: they end up in a status line.
const MAX_MESSAGE_CHARS: usize = 300;

#[derive(Debug, thiserror::Error)]
pub enum WorkniceError {
    #[error(
        "Worknice did not accept the API token. Create a new token in Worknice and paste it again."
    )]
    TokenRejected,

    #[error("The Worknice API token is {problem}. Copy it again from Worknice.")]
    TokenUnusable { problem: &'static str },

    #[error("Could not reach Worknice at {host} ({detail}). Check the address and the internet connection.")]
    Unreachable { host: String, detail: String },

    /// The whole-request timeout ran out: no answer, or one arriving too slowly.
    #[error(
        "Worknice at {host} is not responding: no complete answer within {seconds} seconds. Try again in a few minutes."
    )]
    TimedOut { host: String, seconds: u64 },

    /// Not followed: it would carry the API token to wherever it points.
    /// `to` is scheme, host and port only.
    #[error(
        "Worknice at {host} tried to send Paybridge to another address ({}). Paybridge did not go there, so the API token went nowhere else: check the Worknice address.",
        .to.as_deref().unwrap_or("an address it did not name")
    )]
    Redirected { host: String, to: Option<String> },

    #[error(
        "Worknice sent more data than expected (more than {limit} in one answer), so Paybridge stopped reading it. Try again later; if it keeps happening, tell Worknice support."
    )]
    TooLarge { limit: String },

    #[error(
        "Worknice sent more data than expected (more than {max} people in one list), so Paybridge stopped reading it. Try again later; if it keeps happening, tell Worknice support."
    )]
    TooManyPeople { max: usize },

    #[error("The connection to Worknice at {host} was cut before it finished answering ({detail}). Try again.")]
    ConnectionDropped { host: String, detail: String },

    #[error(
        "Could not open a secure connection to {host} ({detail}). The address may be wrong, or something \
         on this network is intercepting secure connections."
    )]
    Tls { host: String, detail: String },

    #[error("Worknice sent an answer Paybridge could not read ({detail}).")]
    MalformedResponse { detail: String },

    #[error("Worknice is receiving too many requests{}. Try again shortly.", wait_hint(*.retry_after))]
    RateLimited { retry_after: Option<Duration> },

    #[error("Worknice had a problem answering (HTTP {status}). Try again later.")]
    Server { status: u16 },

    #[error(
        "Worknice answered in a way Paybridge did not expect (HTTP {status}). Try again later."
    )]
    UnexpectedStatus { status: u16 },

    #[error("There is no Worknice API at {endpoint}. Check the Worknice address.")]
    NotFound { endpoint: String },

    #[error("Worknice refused the request: {message}")]
    GraphQl { message: String },

    /// A value Worknice cannot store; `field` is the input's path, e.g.
    /// `bankAccounts[0].bsb`.
    #[error("Worknice refused the {field}: {message}")]
    InvalidField { field: String, message: String },

    #[error(
        "Worknice already has a person with employee code {employee_code}. Link that person instead \
         of creating another."
    )]
    EmployeeCodeTaken { employee_code: String },

    #[error("Worknice already has a leave type with code {code}.")]
    LeaveTypeCodeTaken { code: String },

    #[error(
        "Worknice person {person_id} cannot be linked to MicrOpay employee {remote_id}: one of them \
         is already linked to another record. Unlink it first, then try again."
    )]
    ConnectionConflict {
        person_id: String,
        remote_id: String,
    },

    #[error("Worknice has no person with id {person_id}; they may have been deleted in Worknice.")]
    PersonNotFound { person_id: String },

    #[error(
        "{url} is not a secure address. Worknice must be reached over https:// (plain http:// is only \
         allowed for a sandbox on this computer)."
    )]
    InsecureUrl { url: String },

    #[error("The Worknice address is not valid: {detail}.")]
    InvalidUrl { detail: String },
}

/// What kind of failure, for code that branches (the UI, the CLI's JSON).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum WorkniceErrorKind {
    TokenRejected,
    Unreachable,
    Tls,
    MalformedResponse,
    RateLimited,
    Server,
    NotFound,
    GraphQl,
    /// The write clashes with what Worknice already holds: a person with the
    /// same employee code, or a link to another record. Look it up and link.
    Conflict,
    PersonNotFound,
    InsecureUrl,
    InvalidUrl,
}

impl WorkniceError {
    pub fn kind(&self) -> WorkniceErrorKind {
        use WorkniceErrorKind as Kind;
        match self {
            Self::TokenRejected | Self::TokenUnusable { .. } => Kind::TokenRejected,
            Self::Unreachable { .. } | Self::TimedOut { .. } | Self::ConnectionDropped { .. } => {
                Kind::Unreachable
            }
            Self::Tls { .. } => Kind::Tls,
            Self::MalformedResponse { .. } | Self::TooLarge { .. } | Self::TooManyPeople { .. } => {
                Kind::MalformedResponse
            }
            Self::Redirected { .. } => Kind::InvalidUrl,
            Self::RateLimited { .. } => Kind::RateLimited,
            Self::Server { .. } | Self::UnexpectedStatus { .. } => Kind::Server,
            Self::NotFound { .. } => Kind::NotFound,
            Self::GraphQl { .. } | Self::InvalidField { .. } => Kind::GraphQl,
            Self::EmployeeCodeTaken { .. }
            | Self::LeaveTypeCodeTaken { .. }
            | Self::ConnectionConflict { .. } => Kind::Conflict,
            Self::PersonNotFound { .. } => Kind::PersonNotFound,
            Self::InsecureUrl { .. } => Kind::InsecureUrl,
            Self::InvalidUrl { .. } => Kind::InvalidUrl,
        }
    }

    /// Worth another try: the same request may well succeed in a moment.
    /// A refused connection is not retried: it fails the same way at once,
    /// and the person testing the connection should hear so quickly.
    pub fn is_transient(&self) -> bool {
        matches!(
            self,
            Self::TimedOut { .. }
                | Self::ConnectionDropped { .. }
                | Self::RateLimited { .. }
                | Self::Server { .. }
        )
    }
}

impl WorkniceError {
    /// The request went out and no clear answer came back, so a write may
    /// have taken effect. Before sending a create again, look the record up.
    pub fn outcome_unknown(&self) -> bool {
        matches!(
            self,
            Self::TimedOut { .. }
                | Self::ConnectionDropped { .. }
                | Self::Server { .. }
                | Self::UnexpectedStatus { .. }
                | Self::MalformedResponse { .. }
                | Self::TooLarge { .. }
                | Self::TooManyPeople { .. }
        )
    }

    /// The same error with every run of six or more digits masked in the text
    /// Worknice sent (its messages, and parse errors that may quote its
    /// answer), then a long message cut to length. Call it after
    /// [`Self::redact`], so that a cut never splits a secret first.
    pub(crate) fn mask_vendor_text(self) -> Self {
        match self {
            Self::GraphQl { message } => Self::GraphQl {
                message: truncate_chars(&mask_long_digit_runs(&message), MAX_MESSAGE_CHARS),
            },
            Self::MalformedResponse { detail } => Self::MalformedResponse {
                detail: mask_long_digit_runs(&detail),
            },
            // The field's name comes from Worknice too: it may echo a value.
            Self::InvalidField { field, message } => Self::InvalidField {
                field: truncate_chars(&mask_long_digit_runs(&field), MAX_MESSAGE_CHARS),
                message: truncate_chars(&mask_long_digit_runs(&message), MAX_MESSAGE_CHARS),
            },
            other => other,
        }
    }

    /// [`Self::redact`] for each of `secrets`.
    pub(crate) fn redact_all<'a>(self, secrets: impl IntoIterator<Item = &'a str>) -> Self {
        secrets
            .into_iter()
            .fold(self, |error, secret| error.redact(secret))
    }

    /// The same error with every occurrence of `secret` masked, for text that
    /// came from elsewhere (a server's message, an OS error, a pasted URL).
    pub(crate) fn redact(self, secret: &str) -> Self {
        if secret.is_empty() {
            return self;
        }
        let clean = |text: String| {
            if text.contains(secret) {
                text.replace(secret, "••••")
            } else {
                text
            }
        };
        match self {
            Self::Unreachable { host, detail } => Self::Unreachable {
                host: clean(host),
                detail: clean(detail),
            },
            Self::TimedOut { host, seconds } => Self::TimedOut {
                host: clean(host),
                seconds,
            },
            Self::ConnectionDropped { host, detail } => Self::ConnectionDropped {
                host: clean(host),
                detail: clean(detail),
            },
            Self::Tls { host, detail } => Self::Tls {
                host: clean(host),
                detail: clean(detail),
            },
            Self::MalformedResponse { detail } => Self::MalformedResponse {
                detail: clean(detail),
            },
            Self::NotFound { endpoint } => Self::NotFound {
                endpoint: clean(endpoint),
            },
            Self::GraphQl { message } => Self::GraphQl {
                message: clean(message),
            },
            Self::InvalidField { field, message } => Self::InvalidField {
                field: clean(field),
                message: clean(message),
            },
            Self::EmployeeCodeTaken { employee_code } => Self::EmployeeCodeTaken {
                employee_code: clean(employee_code),
            },
            Self::LeaveTypeCodeTaken { code } => Self::LeaveTypeCodeTaken { code: clean(code) },
            Self::ConnectionConflict {
                person_id,
                remote_id,
            } => Self::ConnectionConflict {
                person_id: clean(person_id),
                remote_id: clean(remote_id),
            },
            Self::PersonNotFound { person_id } => Self::PersonNotFound {
                person_id: clean(person_id),
            },
            Self::InsecureUrl { url } => Self::InsecureUrl { url: clean(url) },
            Self::Redirected { host, to } => Self::Redirected {
                host: clean(host),
                to: to.map(clean),
            },
            Self::InvalidUrl { detail } => Self::InvalidUrl {
                detail: clean(detail),
            },
            other @ (Self::TokenRejected
            | Self::TokenUnusable { .. }
            | Self::RateLimited { .. }
            | Self::Server { .. }
            | Self::TooLarge { .. }
            | Self::TooManyPeople { .. }
            | Self::UnexpectedStatus { .. }) => other,
        }
    }
}

fn wait_hint(retry_after: Option<Duration>) -> String {
    match retry_after {
        Some(wait) => format!(" (it asked to wait {} seconds)", wait.as_secs().max(1)),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redact_masks_the_secret_in_every_text_field() {
        let secret = "wn-secret-123";
        let leaky = WorkniceError::GraphQl {
            message: format!("token {secret} is revoked"),
        };
        let clean = leaky.redact(secret);
        assert!(!clean.to_string().contains(secret));
        assert!(!format!("{clean:?}").contains(secret));
        assert!(clean.to_string().contains("token •••• is revoked"));
    }

    #[test]
    fn redact_all_masks_every_echoed_value() {
        let echoed = WorkniceError::GraphQl {
            message: "TFN 123456782 and account 11223344 refused".to_owned(),
        };
        let clean = echoed.redact_all(["123456782", "11223344", ""]);
        assert_eq!(
            clean.to_string(),
            "Worknice refused the request: TFN •••• and account •••• refused"
        );
    }

    #[test]
    fn long_numbers_in_text_worknice_sent_are_masked() {
        let malformed = WorkniceError::MalformedResponse {
            detail: "unexpected shape: invalid type: string \"062-000 1234 5678\"".to_owned(),
        }
        .mask_vendor_text();
        assert_eq!(
            malformed.to_string(),
            "Worknice sent an answer Paybridge could not read (unexpected shape: invalid type: \
             string \"••••\")."
        );
        let long = WorkniceError::GraphQl {
            message: format!("TFN 123-456-782 {}", "x".repeat(400)),
        }
        .mask_vendor_text();
        let WorkniceError::GraphQl { message } = long else {
            panic!("still a GraphQL error");
        };
        assert_eq!(message.chars().count(), MAX_MESSAGE_CHARS);
        assert!(message.starts_with("TFN •••• xxx"), "{message}");
    }

    #[test]
    fn conflicts_are_one_kind_and_lost_answers_are_flagged() {
        let taken = WorkniceError::EmployeeCodeTaken {
            employee_code: "E1".to_owned(),
        };
        let linked = WorkniceError::ConnectionConflict {
            person_id: "p".to_owned(),
            remote_id: "1".to_owned(),
        };
        assert_eq!(taken.kind(), WorkniceErrorKind::Conflict);
        assert_eq!(linked.kind(), WorkniceErrorKind::Conflict);
        assert!(!taken.is_transient() && !taken.outcome_unknown());
        let dropped = WorkniceError::ConnectionDropped {
            host: "h".to_owned(),
            detail: "reset".to_owned(),
        };
        assert!(dropped.outcome_unknown());
        assert!(!WorkniceError::TokenRejected.outcome_unknown());
    }

    #[test]
    fn only_passing_trouble_is_retried() {
        assert!(WorkniceError::Server { status: 503 }.is_transient());
        assert!(WorkniceError::RateLimited { retry_after: None }.is_transient());
        assert!(!WorkniceError::TokenRejected.is_transient());
        assert!(!WorkniceError::UnexpectedStatus { status: 400 }.is_transient());
        assert!(!WorkniceError::MalformedResponse {
            detail: String::new()
        }
        .is_transient());
    }

    #[test]
    fn kinds_serialize_as_snake_case_codes() {
        let code = serde_json::to_string(&WorkniceError::TokenRejected.kind()).expect("serializes");
        assert_eq!(code, "\"token_rejected\"");
    }
}
