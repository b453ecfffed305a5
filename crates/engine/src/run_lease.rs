//! The run lease: one sync at a time per pair of connections, across the
//! app and the CLI, held in the database (see `paybridge_store::lease`).
//! The pair is named by a hash of both saved connections, never a secret.

use chrono::{DateTime, Duration, Utc};
use paybridge_store::LeaseOutcome;
use sha2::{Digest, Sha256};

use crate::api::{AppError, ConnectionKind, ErrorCode};
use crate::connections::MICROPAY_API_KEY;
use crate::Engine;

/// How long a lease lasts unless renewed: a run renews it as it goes, and
/// one that crashed frees the pair this long after its last renewal.
pub const RUN_LEASE_TTL: Duration = Duration::minutes(2);

/// A held lease. Pass it back to renew or release it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunLease {
    pub pair_key: String,
    /// This run's own name, unique per process and run.
    pub holder: String,
    pub expires_at: DateTime<Utc>,
}

impl Engine {
    /// Names the pair of saved connections: the MicrOpay address, a
    /// fingerprint of its API key (another payroll database behind the same
    /// address has another key) and the Worknice address.
    pub async fn sync_pair_key(&self) -> Result<String, AppError> {
        let micropay = self
            .saved_or_not_connected(ConnectionKind::Micropay)
            .await?;
        let worknice = self
            .saved_or_not_connected(ConnectionKind::Worknice)
            .await?;
        let api_key = self.get_secret(MICROPAY_API_KEY).await?.unwrap_or_default();
        Ok(pair_key(
            &micropay.base_url,
            api_key.expose(),
            &worknice.base_url,
        ))
    }

    /// Takes the lease for the saved pair, or says a run is in progress
    /// (`ErrorCode::Busy`) and since when.
    pub async fn acquire_run_lease(&self) -> Result<RunLease, AppError> {
        let pair_key = self.sync_pair_key().await?;
        let holder = new_holder();
        let now = self.clock.now();
        let outcome = {
            let (pair_key, holder) = (pair_key.clone(), holder.clone());
            self.with_store(move |store| {
                store
                    .leases()
                    .acquire(&pair_key, &holder, now, RUN_LEASE_TTL)
            })
            .await?
        };
        match outcome {
            LeaseOutcome::Acquired { expires_at } => Ok(RunLease {
                pair_key,
                holder,
                expires_at,
            }),
            LeaseOutcome::HeldBy(lease) => Err(AppError::new(
                ErrorCode::Busy,
                format!(
                    "A sync is already running (started {} UTC). \
                     Wait for it to finish, then try again.",
                    lease.acquired_at.format("%Y-%m-%d %H:%M:%S")
                ),
            )),
        }
    }

    /// Extends a held lease; an error when it was lost (expired and taken).
    pub async fn renew_run_lease(&self, lease: &RunLease) -> Result<RunLease, AppError> {
        let now = self.clock.now();
        let (pair_key, holder) = (lease.pair_key.clone(), lease.holder.clone());
        let renewed = self
            .with_store(move |store| store.leases().renew(&pair_key, &holder, now, RUN_LEASE_TTL))
            .await?;
        if !renewed {
            return Err(AppError::new(
                ErrorCode::Busy,
                "This sync lost its turn: it paused longer than its lease and another run \
                 started. It stops here; the other run carries on.",
            ));
        }
        Ok(RunLease {
            expires_at: now + RUN_LEASE_TTL,
            ..lease.clone()
        })
    }

    /// Gives the lease up (nothing happens when it was already lost).
    pub async fn release_run_lease(&self, lease: RunLease) -> Result<(), AppError> {
        self.with_store(move |store| store.leases().release(&lease.pair_key, &lease.holder))
            .await
            .map(|_| ())
    }
}

/// 128 bits of SHA-256 over both addresses and the API key's own SHA-256:
/// the key itself is never stored, and it is long and random enough that
/// its hash cannot be turned back into it.
fn pair_key(micropay_url: &str, api_key: &str, worknice_url: &str) -> String {
    let key_fingerprint = Sha256::digest(api_key.as_bytes());
    let mut pair = Sha256::new();
    for part in [
        b"paybridge sync pair v1".as_slice(),
        normalised(micropay_url).as_bytes(),
        key_fingerprint.as_slice(),
        normalised(worknice_url).as_bytes(),
    ] {
        // Length-prefixed, so no two different pairs run together alike.
        pair.update((part.len() as u64).to_be_bytes());
        pair.update(part);
    }
    hex::encode(&pair.finalize()[..16])
}

fn normalised(url: &str) -> String {
    url.trim().trim_end_matches('/').to_ascii_lowercase()
}

fn new_holder() -> String {
    format!("pid-{}-{:016x}", std::process::id(), rand::random::<u64>())
}

#[cfg(test)]
mod tests {
    use super::pair_key;

    const MICROPAY: &str = "https://api.cloud.micropay.com.au/";
    const WORKNICE: &str = "https://demo.worknice.com";

    #[test]
    fn the_pair_key_names_both_connections_without_the_api_key() {
        let key = pair_key(MICROPAY, "k3y-0f-the-payroll", WORKNICE);
        assert_eq!(key.len(), 32);
        assert!(!key.contains("k3y"));
        // The same pair, written a little differently.
        assert_eq!(
            key,
            pair_key(
                " HTTPS://api.cloud.micropay.com.au",
                "k3y-0f-the-payroll",
                "https://demo.worknice.com/"
            )
        );
        // Another payroll database behind the same address, or another Worknice.
        assert_ne!(key, pair_key(MICROPAY, "another-key", WORKNICE));
        assert_ne!(
            key,
            pair_key(MICROPAY, "k3y-0f-the-payroll", "https://other.worknice.com")
        );
        assert_ne!(key, pair_key(WORKNICE, "k3y-0f-the-payroll", MICROPAY));
    }
}
