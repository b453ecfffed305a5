//! Testing, saving, re-checking and removing the two connections. Secrets go
//! to the keyring; the database keeps only what the screen shows.

use std::time::Duration;

use paybridge_domain::Sensitive;
use paybridge_micropay::{MicropayClient, MicropayConfig, RetryPolicy};
use paybridge_store::{
    CheckOutcome, ConnectionKind as StoredKind, ConnectionRecord, TestedConnection,
};
use paybridge_worknice::{WorkniceClient, WorkniceConfig};

use crate::api::*;
use crate::errors::{parse_url, storage_error};
use crate::Engine;

const MICROPAY_PASSWORD: &str = "micropay.password";
pub(crate) const MICROPAY_API_KEY: &str = "micropay.api-key";
const WORKNICE_TOKEN: &str = "worknice.token";

/// A person pressing "Test connection" waits for the answer: one quick retry
/// for a blip, not the patient policy a long sync uses.
const CONNECTION_TEST_RETRY: RetryPolicy = RetryPolicy {
    max_retry_after: Duration::from_secs(5),
    ..RetryPolicy::new(1, Duration::from_millis(300), Duration::from_secs(2))
};

fn status_line(organisation: &str, employee_count: u64) -> String {
    let noun = if employee_count == 1 {
        "employee"
    } else {
        "employees"
    };
    format!("Connected to {organisation} — {employee_count} {noun}")
}

fn required(value: &str, what: &str) -> Result<(), AppError> {
    if value.trim().is_empty() {
        Err(AppError::new(
            ErrorCode::Validation,
            format!("Enter the {what}."),
        ))
    } else {
        Ok(())
    }
}

/// The client settings for a filled-in form (the client's own retry policy).
pub(crate) fn micropay_config(form: &MicropayForm) -> Result<MicropayConfig, AppError> {
    required(&form.url, "MicrOpay API URL")?;
    required(&form.username, "MicrOpay username")?;
    required(form.password.expose(), "MicrOpay password")?;
    required(form.api_key.expose(), "MicrOpay API key")?;
    Ok(MicropayConfig::new(
        parse_url(&form.url)?,
        form.username.trim().to_owned(),
        form.password.clone(),
        Sensitive::new(form.api_key.expose().trim().to_owned()),
    ))
}

pub(crate) fn worknice_config(form: &WorkniceForm) -> Result<WorkniceConfig, AppError> {
    required(&form.url, "Worknice URL")?;
    required(form.token.expose(), "Worknice API token")?;
    Ok(WorkniceConfig::new(
        parse_url(&form.url)?,
        Sensitive::new(form.token.expose().trim().to_owned()),
    ))
}

/// Tests a MicrOpay form whose secrets are all filled in. Needs no store and
/// no keyring, so `paybridge check` can use it with environment variables.
pub async fn check_micropay_form(form: &MicropayForm) -> Result<ConnectionCheck, AppError> {
    let config = MicropayConfig {
        retry: CONNECTION_TEST_RETRY,
        ..micropay_config(form)?
    };
    let client = MicropayClient::new(config)?;
    let summary = client.test_connection().await?;
    let wanted = form.payroll_company.trim();
    let organisation = if wanted.is_empty() {
        summary
            .payroll_companies
            .first()
            .cloned()
            .unwrap_or_else(|| "MicrOpay".to_owned())
    } else {
        summary
            .payroll_companies
            .iter()
            .find(|company| company.eq_ignore_ascii_case(wanted))
            .cloned()
            .ok_or_else(|| {
                AppError::new(
                    ErrorCode::Validation,
                    format!(
                        "This payroll database has no payroll company called \"{wanted}\". It has: {}.",
                        summary.payroll_companies.join(", ")
                    ),
                )
            })?
    };
    Ok(ConnectionCheck {
        kind: ConnectionKind::Micropay,
        status_line: status_line(&organisation, summary.employee_count),
        organisation,
        employee_count: summary.employee_count,
    })
}

/// Tests a Worknice form whose token is filled in.
pub async fn check_worknice_form(form: &WorkniceForm) -> Result<ConnectionCheck, AppError> {
    let config = WorkniceConfig {
        retry: CONNECTION_TEST_RETRY,
        ..worknice_config(form)?
    };
    let client = WorkniceClient::new(config)?;
    let organisation = client.organisation().await?;
    Ok(ConnectionCheck {
        kind: ConnectionKind::Worknice,
        status_line: status_line(&organisation.name, organisation.people_count),
        organisation: organisation.name,
        employee_count: organisation.people_count,
    })
}

fn stored_kind(kind: ConnectionKind) -> StoredKind {
    match kind {
        ConnectionKind::Micropay => StoredKind::Micropay,
        ConnectionKind::Worknice => StoredKind::Worknice,
    }
}

fn not_connected(kind: ConnectionKind) -> AppError {
    let side = match kind {
        ConnectionKind::Micropay => "MicrOpay",
        ConnectionKind::Worknice => "Worknice",
    };
    AppError::new(
        ErrorCode::NotConnected,
        format!("{side} is not connected yet. Fill in the form and press Save."),
    )
}

impl Engine {
    pub async fn connections(&self) -> Result<Connections, AppError> {
        Ok(Connections {
            micropay: self.saved(ConnectionKind::Micropay).await?.map(saved_view),
            worknice: self.saved(ConnectionKind::Worknice).await?.map(saved_view),
        })
    }

    pub async fn test_micropay(&self, form: MicropayForm) -> Result<ConnectionCheck, AppError> {
        check_micropay_form(&self.completed_micropay_form(form).await?).await
    }

    pub async fn test_worknice(&self, form: WorkniceForm) -> Result<ConnectionCheck, AppError> {
        check_worknice_form(&self.completed_worknice_form(form).await?).await
    }

    /// Tests the form and, only when the test passes, keeps the secrets in the
    /// keyring and the rest in the database.
    pub async fn save_micropay(&self, form: MicropayForm) -> Result<ConnectionCheck, AppError> {
        let form = self.completed_micropay_form(form).await?;
        let check = check_micropay_form(&form).await?;
        self.put_secret(MICROPAY_PASSWORD, &form.password).await?;
        self.put_secret(MICROPAY_API_KEY, &form.api_key).await?;
        let company = form.payroll_company.trim();
        self.upsert(ConnectionRecord {
            username: Some(form.username.trim().to_owned()),
            payroll_company: (!company.is_empty()).then(|| company.to_owned()),
            ..self.checked_record(StoredKind::Micropay, &form.url, &check)
        })
        .await?;
        Ok(check)
    }

    pub async fn save_worknice(&self, form: WorkniceForm) -> Result<ConnectionCheck, AppError> {
        let form = self.completed_worknice_form(form).await?;
        let check = check_worknice_form(&form).await?;
        self.put_secret(WORKNICE_TOKEN, &form.token).await?;
        self.upsert(self.checked_record(StoredKind::Worknice, &form.url, &check))
            .await?;
        Ok(check)
    }

    /// Re-tests the saved MicrOpay connection and records the outcome.
    pub async fn check_micropay(&self) -> Result<ConnectionCheck, AppError> {
        let record = self
            .saved_or_not_connected(ConnectionKind::Micropay)
            .await?;
        let form = MicropayForm {
            url: record.base_url.clone(),
            username: record.username.clone().unwrap_or_default(),
            payroll_company: record.payroll_company.clone().unwrap_or_default(),
            ..MicropayForm::default()
        };
        let outcome =
            async { check_micropay_form(&self.completed_micropay_form(form).await?).await }.await;
        self.record_check(record, outcome).await
    }

    /// Re-tests the saved Worknice connection and records the outcome.
    pub async fn check_worknice(&self) -> Result<ConnectionCheck, AppError> {
        let record = self
            .saved_or_not_connected(ConnectionKind::Worknice)
            .await?;
        let form = WorkniceForm {
            url: record.base_url.clone(),
            ..WorkniceForm::default()
        };
        let outcome =
            async { check_worknice_form(&self.completed_worknice_form(form).await?).await }.await;
        self.record_check(record, outcome).await
    }

    /// Forgets a connection: its secrets leave the keyring, its row the database.
    pub async fn disconnect(&self, kind: ConnectionKind) -> Result<(), AppError> {
        let accounts: &[&str] = match kind {
            ConnectionKind::Micropay => &[MICROPAY_PASSWORD, MICROPAY_API_KEY],
            ConnectionKind::Worknice => &[WORKNICE_TOKEN],
        };
        for account in accounts {
            let secrets = self.secrets.clone();
            let account = (*account).to_owned();
            blocking(move || secrets.delete(&account).map_err(AppError::from)).await?;
        }
        self.with_store(move |store| store.connections().delete(stored_kind(kind)).map(|_| ()))
            .await
    }

    /// A client for the saved MicrOpay connection, with the patient retry
    /// policy a long read needs.
    pub(crate) async fn micropay_client(&self) -> Result<MicropayClient, AppError> {
        let record = self
            .saved_or_not_connected(ConnectionKind::Micropay)
            .await?;
        let form = self
            .completed_micropay_form(MicropayForm {
                url: record.base_url.clone(),
                username: record.username.clone().unwrap_or_default(),
                ..MicropayForm::default()
            })
            .await?;
        Ok(MicropayClient::new(micropay_config(&form)?)?)
    }

    /// A client for the saved Worknice connection.
    pub(crate) async fn worknice_client(&self) -> Result<WorkniceClient, AppError> {
        let record = self
            .saved_or_not_connected(ConnectionKind::Worknice)
            .await?;
        let form = self
            .completed_worknice_form(WorkniceForm {
                url: record.base_url.clone(),
                ..WorkniceForm::default()
            })
            .await?;
        Ok(WorkniceClient::new(worknice_config(&form)?)?)
    }

    /// Keeps the outcome of a re-check for the Connections screen, then
    /// passes it on. Only the result columns are written, and only while the
    /// saved row is still the one tested (a Save writes a new `updated_at`):
    /// a Save or a Disconnect pressed during the check is never undone by it.
    async fn record_check(
        &self,
        tested: ConnectionRecord,
        outcome: Result<ConnectionCheck, AppError>,
    ) -> Result<ConnectionCheck, AppError> {
        let at = self.clock.now();
        let tested = TestedConnection {
            kind: tested.kind,
            base_url: tested.base_url,
            username: tested.username,
            updated_at: tested.updated_at,
        };
        let result = match &outcome {
            Ok(check) => CheckOutcome::Passed {
                organisation: check.organisation.clone(),
                employee_count: u32::try_from(check.employee_count).ok(),
            },
            Err(error) => CheckOutcome::Failed {
                code: error_code_name(error.code),
                message: error.message.clone(),
            },
        };
        self.with_store(move |store| store.connections().record_check(&tested, &result, at))
            .await?;
        outcome
    }

    /// A record for a connection that has just passed its test; the caller
    /// adds the side's own fields.
    fn checked_record(
        &self,
        kind: StoredKind,
        url: &str,
        check: &ConnectionCheck,
    ) -> ConnectionRecord {
        let now = self.clock.now();
        ConnectionRecord {
            kind,
            base_url: url.trim().to_owned(),
            username: None,
            payroll_company: None,
            organisation: Some(check.organisation.clone()),
            employee_count: u32::try_from(check.employee_count).ok(),
            last_checked_at: Some(now),
            last_error_code: None,
            last_error_message: None,
            updated_at: now,
        }
    }

    pub(crate) async fn saved_or_not_connected(
        &self,
        kind: ConnectionKind,
    ) -> Result<ConnectionRecord, AppError> {
        self.saved(kind).await?.ok_or_else(|| not_connected(kind))
    }

    async fn saved(&self, kind: ConnectionKind) -> Result<Option<ConnectionRecord>, AppError> {
        self.with_store(move |store| store.connections().get(stored_kind(kind)))
            .await
    }

    async fn upsert(&self, record: ConnectionRecord) -> Result<(), AppError> {
        self.with_store(move |store| store.connections().upsert(&record))
            .await
    }

    /// Runs a database call on the blocking pool.
    pub(crate) async fn with_store<T: Send + 'static>(
        &self,
        work: impl FnOnce(&paybridge_store::Store) -> Result<T, paybridge_store::StoreError>
            + Send
            + 'static,
    ) -> Result<T, AppError> {
        let store = self.store.clone();
        blocking(move || {
            let store = store
                .lock()
                .map_err(|_| storage_error("the database lock was poisoned"))?;
            work(&store).map_err(AppError::from)
        })
        .await
    }

    async fn put_secret(&self, account: &str, value: &Sensitive<String>) -> Result<(), AppError> {
        let secrets = self.secrets.clone();
        let account = account.to_owned();
        let value = value.clone();
        blocking(move || secrets.set(&account, &value).map_err(AppError::from)).await
    }

    pub(crate) async fn get_secret(
        &self,
        account: &str,
    ) -> Result<Option<Sensitive<String>>, AppError> {
        let secrets = self.secrets.clone();
        let account = account.to_owned();
        blocking(move || secrets.get(&account).map_err(AppError::from)).await
    }

    /// Fills blank secrets from the keyring ("leave blank to keep"), and
    /// brings back the built-in sandbox when the form points at it. Saved
    /// secrets only go back to the address (and user) they were saved for:
    /// a form whose address or username changed must have them typed again,
    /// or pressing Test would send them to the new host.
    async fn completed_micropay_form(
        &self,
        mut form: MicropayForm,
    ) -> Result<MicropayForm, AppError> {
        self.resume_sandbox_for(&form.url).await?;
        let missing: Vec<&str> = [
            (form.password.is_empty(), "password"),
            (form.api_key.is_empty(), "API key"),
        ]
        .into_iter()
        .filter_map(|(blank, what)| blank.then_some(what))
        .collect();
        if missing.is_empty() {
            return Ok(form);
        }
        let Some(record) = self.saved(ConnectionKind::Micropay).await? else {
            return Ok(form);
        };
        let same_user = record.username.as_deref().map(str::trim) == Some(form.username.trim());
        if !same_address(&record.base_url, &form.url) || !same_user {
            return Err(AppError::new(
                ErrorCode::Validation,
                format!(
                    "Enter the MicrOpay {} again: the address or username changed since it was saved.",
                    missing.join(" and ")
                ),
            ));
        }
        if form.password.is_empty() {
            if let Some(saved) = self.get_secret(MICROPAY_PASSWORD).await? {
                form.password = saved;
            }
        }
        if form.api_key.is_empty() {
            if let Some(saved) = self.get_secret(MICROPAY_API_KEY).await? {
                form.api_key = saved;
            }
        }
        Ok(form)
    }

    async fn completed_worknice_form(
        &self,
        mut form: WorkniceForm,
    ) -> Result<WorkniceForm, AppError> {
        self.resume_sandbox_for(&form.url).await?;
        if !form.token.is_empty() {
            return Ok(form);
        }
        let Some(record) = self.saved(ConnectionKind::Worknice).await? else {
            return Ok(form);
        };
        if !same_address(&record.base_url, &form.url) {
            return Err(AppError::new(
                ErrorCode::Validation,
                "Enter the Worknice API token again: the address changed since it was saved.",
            ));
        }
        if let Some(saved) = self.get_secret(WORKNICE_TOKEN).await? {
            form.token = saved;
        }
        Ok(form)
    }
}

/// The same address, give or take surrounding spaces and a trailing slash.
fn same_address(saved: &str, typed: &str) -> bool {
    let normalise = |url: &str| url.trim().trim_end_matches('/').to_owned();
    normalise(saved) == normalise(typed)
}

fn saved_view(record: ConnectionRecord) -> SavedConnection {
    let kind = match record.kind {
        StoredKind::Micropay => ConnectionKind::Micropay,
        StoredKind::Worknice => ConnectionKind::Worknice,
    };
    let organisation = record.organisation.unwrap_or_default();
    let employee_count = u64::from(record.employee_count.unwrap_or_default());
    let last_error = match (record.last_error_code.as_deref(), record.last_error_message) {
        (Some(code), Some(message)) => Some(AppError::new(error_code_from_name(code), message)),
        _ => None,
    };
    let status_line = match &last_error {
        Some(error) => error.message.clone(),
        None => status_line(&organisation, employee_count),
    };
    SavedConnection {
        kind,
        url: record.base_url,
        username: record.username.unwrap_or_default(),
        payroll_company: record.payroll_company.unwrap_or_default(),
        organisation,
        employee_count,
        last_checked_at: record
            .last_checked_at
            .map(|at| at.to_rfc3339())
            .unwrap_or_default(),
        last_error,
        status_line,
    }
}

fn error_code_name(code: ErrorCode) -> String {
    serde_json::to_value(code)
        .ok()
        .and_then(|value| value.as_str().map(str::to_owned))
        .unwrap_or_default()
}

fn error_code_from_name(name: &str) -> ErrorCode {
    serde_json::from_value(serde_json::Value::String(name.to_owned()))
        .unwrap_or(ErrorCode::Internal)
}

/// Keyring and SQLite calls block; keep them off the async threads.
pub(crate) async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, AppError> + Send + 'static,
) -> Result<T, AppError> {
    tokio::task::spawn_blocking(work).await.map_err(|error| {
        AppError::new(
            ErrorCode::Internal,
            format!("A background task failed: {error}"),
        )
    })?
}
