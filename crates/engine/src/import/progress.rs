//! Progress as the screen sees it: `done` never goes backwards, however the
//! employees in flight finish.

use std::sync::{Mutex, PoisonError};

use super::ImportProgress;
use crate::api::ImportProgressUpdate;

pub(crate) struct Reporter<'a> {
    sink: &'a dyn ImportProgress,
    total: u32,
    /// How many have finished. Held while the sink is told, so updates go out
    /// one at a time, in the order `done` grew.
    done: Mutex<u32>,
}

impl<'a> Reporter<'a> {
    pub(crate) fn new(sink: &'a dyn ImportProgress, total: u32) -> Self {
        Self {
            sink,
            total,
            done: Mutex::new(0),
        }
    }

    /// Work on `name` starts (the empty name before anyone starts).
    pub(crate) fn started(&self, name: &str) {
        let done = self.done.lock().unwrap_or_else(PoisonError::into_inner);
        self.send(*done, name);
    }

    /// `count` employees ended together (a chunk), `last` among them: one
    /// update for them all.
    pub(crate) fn finished_all(&self, count: usize, last: &str) {
        let mut done = self.done.lock().unwrap_or_else(PoisonError::into_inner);
        *done = done.saturating_add(u32::try_from(count).unwrap_or(u32::MAX));
        self.send(*done, last);
    }

    fn send(&self, done: u32, name: &str) {
        self.sink.update(ImportProgressUpdate {
            done,
            total: self.total,
            current_name: name.to_owned(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn done_never_goes_backwards_across_threads() {
        let seen = Mutex::new(Vec::new());
        let record = |update: ImportProgressUpdate| seen.lock().expect("lock").push(update.done);
        let reporter = Reporter::new(&record, 400);
        std::thread::scope(|scope| {
            for worker in 0..4 {
                let reporter = &reporter;
                scope.spawn(move || {
                    for item in 0..100 {
                        let name = format!("{worker}-{item}");
                        reporter.started(&name);
                        reporter.finished_all(1, &name);
                    }
                });
            }
        });
        let seen = seen.into_inner().expect("lock");
        assert_eq!(seen.len(), 800);
        assert!(seen.windows(2).all(|pair| pair[0] <= pair[1]), "{seen:?}");
        assert_eq!(seen.last(), Some(&400));
    }
}
