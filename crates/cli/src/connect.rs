//! `paybridge connect micropay|worknice` and `paybridge disconnect …`: the
//! Connections screen's Save and Disconnect without a window, for servers.
//! Fields come from the same `PAYBRIDGE_MICROPAY_*` / `PAYBRIDGE_WORKNICE_*`
//! variables `check` reads; on a terminal, what they leave out is asked for
//! (secrets without echo). A blank secret keeps the saved one, as in the app.

use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;

use paybridge_domain::Sensitive;
use paybridge_engine::{ConnectionKind, Engine, MicropayForm, WorkniceForm};
use serde::Serialize;

use crate::check::{micropay_from_env, worknice_from_env, SideResult};
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

fn micropay_form(prompter: &Prompter) -> anyhow::Result<MicropayForm> {
    let from_env = micropay_from_env();
    let ask_everything = from_env.is_none();
    let mut form = from_env.unwrap_or_default();
    prompter.line(&mut form.url, "MicrOpay API URL")?;
    prompter.line(&mut form.username, "MicrOpay username")?;
    prompter.secret(&mut form.password, "MicrOpay password")?;
    prompter.secret(&mut form.api_key, "MicrOpay API key")?;
    if ask_everything {
        prompter.line(&mut form.payroll_company, "Payroll company (optional)")?;
    }
    Ok(form)
}

fn worknice_form(prompter: &Prompter) -> anyhow::Result<WorkniceForm> {
    let mut form = worknice_from_env().unwrap_or_default();
    prompter.line(&mut form.url, "Worknice URL")?;
    prompter.secret(&mut form.token, "Worknice API token")?;
    Ok(form)
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
    Ok(match side {
        Side::Micropay => engine.save_micropay(micropay_form(prompter)?).await,
        Side::Worknice => engine.save_worknice(worknice_form(prompter)?).await,
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
