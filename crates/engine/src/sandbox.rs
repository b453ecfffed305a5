//! The built-in sandbox ("Try it with sandbox data"): both vendors' APIs
//! served inside the app. Its seed and ports are recorded, so after a
//! restart the saved connections that point at it find it again.

use paybridge_sandbox::{Sandbox, SandboxCredentials, SandboxOptions};
use paybridge_store::SandboxRecord;

use crate::api::{AppError, ErrorCode, SandboxForms, SandboxPrefill};
use crate::Engine;

fn start_error(error: std::io::Error) -> AppError {
    AppError::new(
        ErrorCode::Internal,
        format!("The sandbox servers could not start: {error}"),
    )
}

fn options_for(record: &SandboxRecord) -> SandboxOptions {
    SandboxOptions {
        employees: record.employees as usize,
        seed: record.seed,
        micropay_port: record.micropay_port,
        worknice_port: record.worknice_port,
        ..SandboxOptions::default()
    }
}

impl Engine {
    /// Starts both sandbox servers (once per app run) on the ports recorded
    /// last time when they are free, and returns the forms filled in for them.
    pub async fn start_sandbox(&self) -> Result<SandboxForms, AppError> {
        Ok(SandboxForms::from(&self.started_sandbox().await?))
    }

    /// [`Self::start_sandbox`] for the window: what to fill its forms with.
    pub async fn start_sandbox_prefill(&self) -> Result<SandboxPrefill, AppError> {
        Ok(SandboxPrefill::from(&self.started_sandbox().await?))
    }

    async fn started_sandbox(&self) -> Result<SandboxCredentials, AppError> {
        let mut running = self.sandbox.lock().await;
        if let Some(sandbox) = running.as_ref() {
            return Ok(sandbox.credentials.clone());
        }
        let recorded = self.with_store(|store| store.sandbox().get()).await?;
        let options = recorded.as_ref().map(options_for).unwrap_or_default();
        let sandbox = match Sandbox::start(options.clone()).await {
            Ok(sandbox) => sandbox,
            // Another program took a recorded port: take free ones instead.
            Err(_) if recorded.is_some() => Sandbox::start(SandboxOptions {
                micropay_port: 0,
                worknice_port: 0,
                ..options.clone()
            })
            .await
            .map_err(start_error)?,
            Err(error) => return Err(start_error(error)),
        };
        let record = SandboxRecord {
            seed: options.seed,
            employees: u32::try_from(options.employees).unwrap_or(u32::MAX),
            micropay_port: sandbox.micropay.address().port(),
            worknice_port: sandbox.worknice.local_addr().port(),
            started_at: self.clock.now(),
        };
        self.with_store(move |store| store.sandbox().put(&record))
            .await?;
        let credentials = sandbox.credentials.clone();
        *running = Some(sandbox);
        Ok(credentials)
    }

    /// Brings the recorded sandbox back when `url` points at it and it is not
    /// running (the app was restarted). Anything else is left alone: a
    /// connection test then reports the address as unreachable.
    pub(crate) async fn resume_sandbox_for(&self, url: &str) -> Result<(), AppError> {
        let mut running = self.sandbox.lock().await;
        if running.is_some() {
            return Ok(());
        }
        let Some(record) = self.with_store(|store| store.sandbox().get()).await? else {
            return Ok(());
        };
        let Ok(url) = url::Url::parse(url.trim()) else {
            return Ok(());
        };
        let port = url.port().unwrap_or_default();
        let points_at_sandbox = url.scheme() == "http"
            && url.host_str() == Some("127.0.0.1")
            && (port == record.micropay_port || port == record.worknice_port);
        if points_at_sandbox {
            match Sandbox::start(options_for(&record)).await {
                Ok(sandbox) => *running = Some(sandbox),
                Err(error) => tracing::warn!(%error, "the recorded sandbox could not start again"),
            }
        }
        Ok(())
    }
}
