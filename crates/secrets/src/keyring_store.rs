//! The OS keyring backend: one entry per account under a service name.

use std::time::Duration;

use keyring::Entry;
use paybridge_domain::Sensitive;

use crate::SecretsError;

pub(crate) fn set(
    service: &str,
    account: &str,
    value: &Sensitive<String>,
) -> Result<(), SecretsError> {
    let entry = entry(service, account)?;
    retrying_timeouts(|| entry.set_password(value.expose()))
        .map_err(|e| SecretsError::from_keyring(account, e))
}

pub(crate) fn get(service: &str, account: &str) -> Result<Option<Sensitive<String>>, SecretsError> {
    let entry = entry(service, account)?;
    match retrying_timeouts(|| entry.get_password()) {
        Ok(value) => Ok(Some(Sensitive::new(value))),
        Err(keyring::Error::NoEntry) => Ok(None),
        Err(e) => Err(SecretsError::from_keyring(account, e)),
    }
}

pub(crate) fn delete(service: &str, account: &str) -> Result<(), SecretsError> {
    let entry = entry(service, account)?;
    match retrying_timeouts(|| entry.delete_credential()) {
        Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
        Err(e) => Err(SecretsError::from_keyring(account, e)),
    }
}

fn entry(service: &str, account: &str) -> Result<Entry, SecretsError> {
    let entry = Entry::new(service, account).map_err(|e| SecretsError::from_keyring(account, e))?;
    refuse_mock_store(&entry)?;
    Ok(entry)
}

/// A `keyring` build without a platform feature (or a test that swapped the
/// default builder) stores secrets in memory only; refuse it.
fn refuse_mock_store(entry: &Entry) -> Result<(), SecretsError> {
    if entry.get_credential().is::<keyring::mock::MockCredential>() {
        return Err(SecretsError::unavailable(
            "the keyring crate was built without a platform credential store",
        ));
    }
    Ok(())
}

/// Pauses before trying a timed-out keyring call again. The Secret Service
/// client gives gnome-keyring 2 s per D-Bus call (a fixed timeout in
/// dbus-secret-service); on a busy desktop one call can take longer, and
/// that is not "no keyring". A missing service fails at once, unretried.
const TIMEOUT_PAUSES: [Duration; 3] = [
    Duration::from_millis(200),
    Duration::from_millis(500),
    Duration::from_millis(1000),
];

/// `call`, tried again after each pause while it times out. Setting the same
/// value again or deleting an entry already gone is harmless.
fn retrying_timeouts<T>(mut call: impl FnMut() -> keyring::Result<T>) -> keyring::Result<T> {
    for pause in TIMEOUT_PAUSES {
        match call() {
            Err(error) if timed_out(&error) => std::thread::sleep(pause),
            done => return done,
        }
    }
    call()
}

/// Whether the keyring did not answer in time (D-Bus NoReply or Timeout),
/// as opposed to being absent, locked or refusing.
fn timed_out(error: &keyring::Error) -> bool {
    match error {
        keyring::Error::PlatformFailure(source) | keyring::Error::NoStorageAccess(source) => {
            // The D-Bus error's name shows only in its Debug form.
            let text = format!("{source:?}");
            [
                "org.freedesktop.DBus.Error.NoReply",
                "org.freedesktop.DBus.Error.Timeout",
            ]
            .iter()
            .any(|name| text.contains(name))
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;

    use super::*;

    /// Like a D-Bus error: its name shows only in its Debug form.
    struct DbusLike(&'static str);

    impl std::fmt::Debug for DbusLike {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str(self.0)
        }
    }

    impl std::fmt::Display for DbusLike {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a D-Bus failure")
        }
    }

    impl std::error::Error for DbusLike {}

    fn failure(name: &'static str) -> keyring::Error {
        keyring::Error::PlatformFailure(Box::new(DbusLike(name)))
    }

    #[test]
    fn a_call_that_times_out_is_tried_again_until_it_answers() {
        let calls = Cell::new(0);
        let answer = retrying_timeouts(|| {
            calls.set(calls.get() + 1);
            if calls.get() < 3 {
                Err(failure(
                    "D-Bus error: Did not receive a reply (org.freedesktop.DBus.Error.NoReply)",
                ))
            } else {
                Ok("stored")
            }
        });
        assert_eq!(answer.ok(), Some("stored"));
        assert_eq!(calls.get(), 3);
    }

    #[test]
    fn a_keyring_that_keeps_timing_out_fails_after_the_pauses() {
        let calls = Cell::new(0);
        let answer: keyring::Result<()> = retrying_timeouts(|| {
            calls.set(calls.get() + 1);
            Err(failure("org.freedesktop.DBus.Error.Timeout"))
        });
        assert!(matches!(answer, Err(keyring::Error::PlatformFailure(_))));
        assert_eq!(calls.get(), TIMEOUT_PAUSES.len() + 1);
    }

    #[test]
    fn a_missing_service_or_a_missing_entry_is_not_retried() {
        for error in [
            || {
                failure("D-Bus error: The name is not activatable (org.freedesktop.DBus.Error.ServiceUnknown)")
            },
            || keyring::Error::NoEntry,
        ] {
            let calls = Cell::new(0);
            let answer: keyring::Result<()> = retrying_timeouts(|| {
                calls.set(calls.get() + 1);
                Err(error())
            });
            assert!(answer.is_err());
            assert_eq!(calls.get(), 1);
        }
    }
}
