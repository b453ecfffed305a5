//! The last warnings and errors this process logged, for the About
//! screen. They hold what the log file holds for those events, which the
//! canary test checks carries no secret.

use std::collections::VecDeque;
use std::fmt::Write as _;
use std::sync::{Arc, Mutex};

use serde::Serialize;
use tracing::field::{Field, Visit};
use tracing::{Event, Level, Subscriber};
use tracing_subscriber::layer::Context;
use tracing_subscriber::Layer;
use ts_rs::TS;

/// How many recent events are kept; older ones drop off.
pub const RECENT_CAPACITY: usize = 20;

/// One warning or error as the diagnostics show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RecentEvent {
    /// RFC 3339, UTC.
    pub at: String,
    /// "WARN" or "ERROR".
    pub level: String,
    /// The module that logged it, e.g. `paybridge_engine::sandbox`.
    pub target: String,
    /// The message and its fields, as the log file has them.
    pub message: String,
}

/// A shared, bounded list of recent events; cheap to clone.
#[derive(Debug, Clone, Default)]
pub struct RecentErrors {
    events: Arc<Mutex<VecDeque<RecentEvent>>>,
}

impl RecentErrors {
    /// Oldest first.
    pub fn snapshot(&self) -> Vec<RecentEvent> {
        self.lock().iter().cloned().collect()
    }

    pub fn push(&self, event: RecentEvent) {
        let mut events = self.lock();
        if events.len() == RECENT_CAPACITY {
            events.pop_front();
        }
        events.push_back(event);
    }

    /// The tracing layer that records WARN and ERROR events here.
    pub fn layer(&self) -> RecentErrorsLayer {
        RecentErrorsLayer {
            recent: self.clone(),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, VecDeque<RecentEvent>> {
        // A panic while holding the lock leaves a list that is still valid.
        self.events
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

#[derive(Debug)]
pub struct RecentErrorsLayer {
    recent: RecentErrors,
}

impl<S: Subscriber> Layer<S> for RecentErrorsLayer {
    fn on_event(&self, event: &Event<'_>, _: Context<'_, S>) {
        let metadata = event.metadata();
        if *metadata.level() > Level::WARN {
            return;
        }
        let mut message = MessageText::default();
        event.record(&mut message);
        self.recent.push(RecentEvent {
            at: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            level: metadata.level().to_string(),
            target: metadata.target().to_owned(),
            message: message.0,
        });
    }
}

/// `message field=value …`, the way the fmt layer writes an event.
#[derive(Default)]
struct MessageText(String);

impl Visit for MessageText {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        if !self.0.is_empty() {
            self.0.push(' ');
        }
        if field.name() == "message" {
            let _ = write!(self.0, "{value:?}");
        } else {
            let _ = write!(self.0, "{}={value:?}", field.name());
        }
    }
}

#[cfg(test)]
mod tests {
    use tracing_subscriber::layer::SubscriberExt;

    use super::*;

    #[test]
    fn keeps_the_last_warnings_and_errors_only() {
        let recent = RecentErrors::default();
        let subscriber = tracing_subscriber::registry().with(recent.layer());
        tracing::subscriber::with_default(subscriber, || {
            tracing::info!("not kept");
            for n in 0..RECENT_CAPACITY + 3 {
                tracing::warn!(n, "retrying");
            }
            tracing::error!(code = "unreachable", "MicrOpay could not be reached");
        });
        let events = recent.snapshot();
        assert_eq!(events.len(), RECENT_CAPACITY);
        assert_eq!(events[0].message, "retrying n=4");
        let last = events.last().expect("an event");
        assert_eq!(last.level, "ERROR");
        assert_eq!(
            last.message,
            "MicrOpay could not be reached code=\"unreachable\""
        );
        assert!(last.target.ends_with("recent::tests"), "{}", last.target);
    }
}
