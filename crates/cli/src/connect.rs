//! `paybridge connect micropay|worknice` and `paybridge disconnect …`: the
//! Connections screen's Save and Disconnect without a window, for servers.
//! The form starts from the saved fields, as the app's does; the same
//! `PAYBRIDGE_MICROPAY_*` / `PAYBRIDGE_WORKNICE_*` variables `check` reads
//! change them; on a terminal, what is still missing is asked for (secrets
//! without echo). A blank secret keeps the saved one, as in the app.

use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;

use paybridge_domain::Sensitive;
use paybridge_engine::{
    AppError, ConnectionKind, Engine, ErrorCode, MicropayForm, SavedConnection, WorkniceForm,
};
use serde::Serialize;

use crate::check::SideResult;
use crate::terminal::terminal_safe;

/// Which connection a command is about.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub(crate) enum Side {
    Micropay,
    Worknice,
}

impl Side {
    fn kind(self) -> ConnectionKind {
        match self {
            Self::Micropay => ConnectionKind::Micropay,
            Self::Worknice => ConnectionKind::Worknice,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Self::Micropay => "MicrOpay",
            Self::Worknice => "Worknice",
        }
    }
}

/// `check`'s shape, for the one side: `{"micropay": {"ok": …}}`.
#[derive(Debug, Serialize)]
struct OneSide<T> {
    #[serde(skip_serializing_if = "Option::is_none")]
    micropay: Option<T>,
    #[serde(skip_serializing_if = "Option::is_none")]
    worknice: Option<T>,
}

/// What `disconnect --json` says for its side.
#[derive(Debug, Serialize)]
struct Disconnected {
    ok: bool,
}

impl<T> OneSide<T> {
    fn new(side: Side, result: T) -> Self {
        match side {
            Side::Micropay => Self {
                micropay: Some(result),
                worknice: None,
            },
            Side::Worknice => Self {
                micropay: None,
                worknice: Some(result),
            },
        }
    }
}

/// Asks on the terminal for what the environment left out.
struct Prompter {
    interactive: bool,
}

impl Prompter {
    fn new() -> Self {
        Self {
            interactive: std::io::stdin().is_terminal(),
        }
    }

    fn line(&self, value: &mut String, label: &str) -> anyhow::Result<()> {
        if !self.interactive || !value.trim().is_empty() {
            return Ok(());
        }
        eprint!("{label}: ");
        std::io::stderr().flush()?;
        let mut typed = String::new();
        std::io::stdin().lock().read_line(&mut typed)?;
        *value = typed.trim().to_owned();
        Ok(())
    }

    fn secret(&self, value: &mut Sensitive<String>, label: &str) -> anyhow::Result<()> {
        if !self.interactive || !value.is_empty() {
            return Ok(());
        }
        let typed = rpassword::prompt_password(format!(
            "{label} (not shown; blank keeps the saved one): "
        ))?;
        *value = typed.into();
        Ok(())
    }
}

/// A `PAYBRIDGE_*` variable, when set (empty included: it clears a field,
/// or for a secret keeps the saved one, as a blank field does in the app).
fn var(name: &str) -> Option<String> {
    std::env::var(name).ok()
}

/// Without a terminal nothing can be asked: names the variables a required
/// field is still missing from.
fn missing_vars(prompter: &Prompter, required: &[(bool, &str)]) -> Result<(), AppError> {
    let missing: Vec<&str> = required
        .iter()
        .filter_map(|(blank, name)| blank.then_some(*name))
        .collect();
    if prompter.interactive || missing.is_empty() {
        return Ok(());
    }
    Err(AppError::new(
        ErrorCode::Validation,
        format!(
            "Set {} (there is no terminal to ask on).",
            missing.join(" and ")
        ),
    ))
}

/// The app's form: the saved fields first (secrets blank, which keeps the
/// saved ones), then what the `PAYBRIDGE_MICROPAY_*` variables set, then on
/// a terminal what is still missing.
fn micropay_form(
    saved: Option<SavedConnection>,
    prompter: &Prompter,
) -> anyhow::Result<Result<MicropayForm, AppError>> {
    let mut form = saved
        .as_ref()
        .map(|saved| MicropayForm {
            url: saved.url.clone(),
            username: saved.username.clone(),
            payroll_company: saved.payroll_company.clone(),
            ..MicropayForm::default()
        })
        .unwrap_or_default();
    let mut any_var = false;
    for (name, field) in [
        ("PAYBRIDGE_MICROPAY_URL", &mut form.url),
        ("PAYBRIDGE_MICROPAY_USERNAME", &mut form.username),
        (
            "PAYBRIDGE_MICROPAY_PAYROLL_COMPANY",
            &mut form.payroll_company,
        ),
    ] {
        if let Some(value) = var(name) {
            *field = value;
            any_var = true;
        }
    }
    for (name, secret) in [
        ("PAYBRIDGE_MICROPAY_PASSWORD", &mut form.password),
        ("PAYBRIDGE_MICROPAY_API_KEY", &mut form.api_key),
    ] {
        if let Some(value) = var(name) {
            *secret = value.into();
            any_var = true;
        }
    }
    prompter.line(&mut form.url, "MicrOpay API URL")?;
    prompter.line(&mut form.username, "MicrOpay username")?;
    prompter.secret(&mut form.password, "MicrOpay password")?;
    prompter.secret(&mut form.api_key, "MicrOpay API key")?;
    if !any_var && saved.is_none() {
        prompter.line(&mut form.payroll_company, "Payroll company (optional)")?;
    }
    let nothing_saved = saved.is_none();
    if let Err(error) = missing_vars(
        prompter,
        &[
            (form.url.trim().is_empty(), "PAYBRIDGE_MICROPAY_URL"),
            (
                form.username.trim().is_empty(),
                "PAYBRIDGE_MICROPAY_USERNAME",
            ),
            (
                nothing_saved && form.password.is_empty(),
                "PAYBRIDGE_MICROPAY_PASSWORD",
            ),
            (
                nothing_saved && form.api_key.is_empty(),
                "PAYBRIDGE_MICROPAY_API_KEY",
            ),
        ],
    ) {
        return Ok(Err(error));
    }
    Ok(Ok(form))
}

/// As [`micropay_form`], for Worknice.
fn worknice_form(
    saved: Option<SavedConnection>,
    prompter: &Prompter,
) -> anyhow::Result<Result<WorkniceForm, AppError>> {
    let mut form = WorkniceForm {
        url: saved
            .as_ref()
            .map(|saved| saved.url.clone())
            .unwrap_or_default(),
        ..WorkniceForm::default()
    };
    if let Some(url) = var("PAYBRIDGE_WORKNICE_URL") {
        form.url = url;
    }
    if let Some(token) = var("PAYBRIDGE_WORKNICE_TOKEN") {
        form.token = token.into();
    }
    prompter.line(&mut form.url, "Worknice URL")?;
    prompter.secret(&mut form.token, "Worknice API token")?;
    if let Err(error) = missing_vars(
        prompter,
        &[
            (form.url.trim().is_empty(), "PAYBRIDGE_WORKNICE_URL"),
            (
                saved.is_none() && form.token.is_empty(),
                "PAYBRIDGE_WORKNICE_TOKEN",
            ),
        ],
    ) {
        return Ok(Err(error));
    }
    Ok(Ok(form))
}

/// Tests the side's fields and saves them as the app's Save does; prints
/// the result and gives the exit code.
pub(crate) async fn connect(
    data_dir: Option<PathBuf>,
    side: Side,
    json: bool,
) -> anyhow::Result<i32> {
    let prompter = Prompter::new();
    let result = match crate::engine::open(data_dir) {
        Ok(engine) => save(&engine, side, &prompter).await?,
        Err(error) => Err(error),
    };
    let ok = result.is_ok();
    if json {
        crate::print_json_line(&OneSide::new(side, SideResult::from(result)))?;
    } else {
        match result {
            // The status line names the vendor's organisation.
            Ok(check) => println_out(&format!("Saved. {}", terminal_safe(&check.status_line)))?,
            Err(error) => eprintln!("{}", terminal_safe(&error.message)),
        }
    }
    Ok(if ok { 0 } else { 1 })
}

async fn save(
    engine: &Engine,
    side: Side,
    prompter: &Prompter,
) -> anyhow::Result<Result<paybridge_engine::ConnectionCheck, paybridge_engine::AppError>> {
    let saved = match engine.connections().await {
        Ok(connections) => connections,
        Err(error) => return Ok(Err(error)),
    };
    Ok(match side {
        Side::Micropay => match micropay_form(saved.micropay, prompter)? {
            Ok(form) => engine.save_micropay(form).await,
            Err(error) => Err(error),
        },
        Side::Worknice => match worknice_form(saved.worknice, prompter)? {
            Ok(form) => engine.save_worknice(form).await,
            Err(error) => Err(error),
        },
    })
}

/// Forgets the side: its secrets leave the secret store, its row the database.
pub(crate) async fn disconnect(
    data_dir: Option<PathBuf>,
    side: Side,
    json: bool,
) -> anyhow::Result<i32> {
    let result = match crate::engine::open(data_dir) {
        Ok(engine) => engine.disconnect(side.kind()).await,
        Err(error) => Err(error),
    };
    match result {
        Ok(()) if json => {
            crate::print_json_line(&OneSide::new(side, Disconnected { ok: true }))?;
            Ok(0)
        }
        Ok(()) => {
            println_out(&format!(
                "{} is disconnected; its saved secrets are removed.",
                side.name()
            ))?;
            Ok(0)
        }
        Err(error) if json => {
            crate::print_json_line(&OneSide::new(side, SideResult::from(Err(error))))?;
            Ok(1)
        }
        Err(error) => {
            eprintln!("{}", terminal_safe(&error.message));
            Ok(1)
        }
    }
}

fn println_out(line: &str) -> anyhow::Result<()> {
    let mut stdout = std::io::stdout().lock();
    writeln!(stdout, "{line}")?;
    Ok(())
}
