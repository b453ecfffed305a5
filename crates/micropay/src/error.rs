//! What can go wrong talking to MicrOpay, in words a payroll officer can act
//! on. Messages never carry the password, the API key or a response body
//! (a body may hold TFNs).

use std::time::Duration;

use serde::Serialize;

#[derive(Debug, thiserror::Error)]
pub enum MicropayError {
    #[error("MicrOpay did not accept the username or password. Check them and try again.")]
    WrongCredentials,
    #[error(
        "MicrOpay did not recognise the API key. Check the key Access Group issued for this payroll database."
    )]
    ApiKeyNotRecognised,
    #[error(
        "This payroll database does not have access to MicrOpay's Web API. MicrOpay's Web API must be purchased from Access Group before Paybridge can connect."
    )]
    ApiNotPurchased,
    #[error(
        "MicrOpay could not reach your payroll server. Check that the payroll server and its MicrOpay services are running, then try again."
    )]
    PayrollServerOffline,
    #[error("Could not reach MicrOpay at {url}: {reason}.")]
    Unreachable {
        url: String,
        reason: String,
        retryable: bool,
    },
    /// The whole-request timeout ran out: no answer, or one arriving too slowly.
    #[error(
        "MicrOpay at {url} is not responding: no complete answer within {seconds} seconds. Check that the payroll server is running, then try again in a few minutes."
    )]
    NotResponding { url: String, seconds: u64 },
    /// MicrOpay documents no redirects, so none is followed: it would carry
    /// the credentials to wherever it points. `to` is scheme, host and port only.
    #[error(
        "MicrOpay at {url} tried to send Paybridge to another address ({}). MicrOpay does not redirect, so Paybridge did not go there and sent it nothing: check the MicrOpay address.",
        .to.as_deref().unwrap_or("an address it did not name")
    )]
    Redirected { url: String, to: Option<String> },
    #[error(
        "MicrOpay sent more data than expected (more than {limit} in one answer), so Paybridge stopped reading it. Try again later; if it keeps happening, tell Access Group support."
    )]
    TooLarge { limit: String },
    /// `hasNextPage` forever, or a total that would take more pages than the cap.
    #[error(
        "MicrOpay sent more pages than expected: its list did not end within {max_pages} pages, so Paybridge stopped reading it. Try again later; if it keeps happening, tell Access Group support."
    )]
    ListDidNotEnd { max_pages: u32 },
    /// More items on one page than the page size asked for: read whole, a
    /// small body of `[{},{},…]` would be millions of records in memory.
    #[error(
        "MicrOpay sent more data than expected: more than the {page_size} records Paybridge asked for on one page, so Paybridge stopped reading it. Try again later; if it keeps happening, tell Access Group support."
    )]
    PageTooLong { page_size: u32 },
    #[error("Could not make a secure connection to {url}: {reason}.")]
    Tls { url: String, reason: String },
    #[error("MicrOpay sent an answer Paybridge could not read ({detail}).")]
    MalformedResponse { detail: String },
    #[error("MicrOpay asked Paybridge to slow down{}. Try again in a few minutes.", retry_after_text(.retry_after))]
    RateLimited { retry_after: Option<Duration> },
    #[error("MicrOpay has no {what}.")]
    NotFound { what: String },
    #[error("MicrOpay reported a problem on its side (HTTP {status}). Try again later.")]
    Server { status: u16 },
    #[error("MicrOpay refused the request (HTTP {status}).")]
    Rejected { status: u16 },
    /// Checked before sending: nothing went to MicrOpay.
    #[error("Not sent to MicrOpay: {}", join_problems(.problems))]
    InvalidChange {
        problems: Vec<crate::change::FieldProblem>,
    },
    /// MicrOpay checked the change and said no, with its reasons (long
    /// digit runs masked). Sending it again gets the same answer.
    #[error("MicrOpay refused the change: {}", .messages.join(" "))]
    ChangeRefused { messages: Vec<String> },
    /// The change went out and no clear answer came back: MicrOpay may
    /// have stored it. Look at its change requests before sending it again.
    #[error(
        "MicrOpay may or may not have received the change: the connection to {url} ended before it answered. Check the change requests before sending it again."
    )]
    OutcomeUnknown { url: String },
    #[error(
        "The MicrOpay address {url} is not secure: it must start with https:// (plain http:// is only allowed for this computer)."
    )]
    InsecureUrl { url: String },
    #[error(
        "The MicrOpay API key has characters that cannot be sent (such as a line break inside it). Copy it again from Access Group."
    )]
    ApiKeyUnusable,
    /// `url` is only ever the scheme, host and port (`None` when the text did
    /// not parse): what was typed may hold a password or key.
    #[error("{} not a usable MicrOpay address: {reason}.", subject(.url))]
    InvalidUrl { url: Option<String>, reason: String },
}

/// A small code the UI can branch on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum MicropayErrorKind {
    WrongCredentials,
    ApiKeyNotRecognised,
    ApiNotPurchased,
    PayrollServerOffline,
    Unreachable,
    Tls,
    MalformedResponse,
    RateLimited,
    NotFound,
    Server,
    Rejected,
    InsecureUrl,
    InvalidUrl,
}

impl MicropayError {
    pub fn kind(&self) -> MicropayErrorKind {
        match self {
            Self::WrongCredentials => MicropayErrorKind::WrongCredentials,
            Self::ApiKeyNotRecognised | Self::ApiKeyUnusable => {
                MicropayErrorKind::ApiKeyNotRecognised
            }
            Self::ApiNotPurchased => MicropayErrorKind::ApiNotPurchased,
            Self::PayrollServerOffline => MicropayErrorKind::PayrollServerOffline,
            Self::Unreachable { .. } | Self::NotResponding { .. } => MicropayErrorKind::Unreachable,
            Self::Redirected { .. } => MicropayErrorKind::InvalidUrl,
            Self::TooLarge { .. } | Self::ListDidNotEnd { .. } | Self::PageTooLong { .. } => {
                MicropayErrorKind::MalformedResponse
            }
            Self::Tls { .. } => MicropayErrorKind::Tls,
            Self::MalformedResponse { .. } => MicropayErrorKind::MalformedResponse,
            Self::RateLimited { .. } => MicropayErrorKind::RateLimited,
            Self::NotFound { .. } => MicropayErrorKind::NotFound,
            Self::Server { .. } => MicropayErrorKind::Server,
            Self::Rejected { .. } => MicropayErrorKind::Rejected,
            // The engine maps kinds exhaustively; these three stay distinct
            // as variants and through `is_refusal` / `outcome_unknown`.
            Self::InvalidChange { .. } | Self::ChangeRefused { .. } => MicropayErrorKind::Rejected,
            Self::OutcomeUnknown { .. } => MicropayErrorKind::Unreachable,
            Self::InsecureUrl { .. } => MicropayErrorKind::InsecureUrl,
            Self::InvalidUrl { .. } => MicropayErrorKind::InvalidUrl,
        }
    }

    /// Worth another try on a read: server trouble, rate limits, timeouts and
    /// dropped connections. Never authentication failures.
    pub fn is_retryable(&self) -> bool {
        match self {
            Self::Server { .. } | Self::RateLimited { .. } | Self::NotResponding { .. } => true,
            Self::Unreachable { retryable, .. } => *retryable,
            _ => false,
        }
    }

    /// The change itself is wrong (checked here, or refused by MicrOpay):
    /// sending it again gets the same answer, so it is held with the reasons.
    pub fn is_refusal(&self) -> bool {
        matches!(
            self,
            Self::InvalidChange { .. } | Self::ChangeRefused { .. }
        )
    }

    /// A write that went out without a clear answer: it may have been
    /// applied, so it is never sent again blindly.
    pub fn outcome_unknown(&self) -> bool {
        matches!(self, Self::OutcomeUnknown { .. })
    }

    /// Worth sending a write again: MicrOpay said, before doing anything,
    /// that it is busy (429) or unavailable (503).
    pub(crate) fn is_safe_to_resend(&self) -> bool {
        matches!(
            self,
            Self::RateLimited { .. } | Self::Server { status: 503 }
        )
    }

    pub(crate) fn retry_after(&self) -> Option<Duration> {
        match self {
            Self::RateLimited { retry_after } => *retry_after,
            _ => None,
        }
    }
}

fn join_problems(problems: &[crate::change::FieldProblem]) -> String {
    let messages: Vec<&str> = problems.iter().map(|p| p.message.as_str()).collect();
    messages.join(" ")
}

fn subject(url: &Option<String>) -> String {
    match url {
        Some(url) => format!("\"{url}\" is"),
        None => "What was entered is".to_owned(),
    }
}

fn retry_after_text(retry_after: &Option<Duration>) -> String {
    match retry_after {
        Some(wait) => format!(" (it asked for a pause of {} seconds)", wait.as_secs()),
        None => String::new(),
    }
}
