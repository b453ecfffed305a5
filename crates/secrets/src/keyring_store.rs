//! The OS keyring backend: one entry per account under a service name.

use keyring::Entry;
use paybridge_domain::Sensitive;

use crate::SecretsError;

pub(crate) fn set(
    service: &str,
    account: &str,
    value: &Sensitive<String>,
) -> Result<(), SecretsError> {
    entry(service, account)?
        .set_password(value.expose())
        .map_err(|e| SecretsError::from_keyring(account, e))
}

pub(crate) fn get(service: &str, account: &str) -> Result<Option<Sensitive<String>>, SecretsError> {
    match entry(service, account)?.get_password() {
        Ok(value) => Ok(Some(Sensitive::new(value))),
        Err(keyring::Error::NoEntry) => Ok(None),
        Err(e) => Err(SecretsError::from_keyring(account, e)),
    }
}

pub(crate) fn delete(service: &str, account: &str) -> Result<(), SecretsError> {
    match entry(service, account)?.delete_credential() {
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
