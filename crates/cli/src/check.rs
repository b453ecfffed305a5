//! `paybridge check`: one JSON object, a result per side.

use std::path::PathBuf;

use paybridge_engine::{
    check_micropay_form, check_worknice_form, AppError, ConnectionCheck, Engine, EngineOptions,
    MicropayForm, WorkniceForm,
};
use serde::Serialize;

#[derive(Debug, Serialize)]
#[serde(rename_all_fields = "camelCase", untagged)]
pub(crate) enum SideResult {
    Ok {
        ok: bool,
        organisation: String,
        employee_count: u64,
    },
    Failed {
        ok: bool,
        code: paybridge_engine::ErrorCode,
        message: String,
    },
}

impl From<Result<ConnectionCheck, AppError>> for SideResult {
    fn from(result: Result<ConnectionCheck, AppError>) -> Self {
        match result {
            Ok(check) => Self::Ok {
                ok: true,
                organisation: check.organisation,
                employee_count: check.employee_count,
            },
            Err(error) => Self::Failed {
                ok: false,
                code: error.code,
                message: error.message,
            },
        }
    }
}

impl SideResult {
    fn is_ok(&self) -> bool {
        matches!(self, Self::Ok { .. })
    }
}

#[derive(Debug, Serialize)]
struct CheckReport {
    micropay: SideResult,
    worknice: SideResult,
}

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok()
}

/// The MicrOpay form from the environment, when any of its variables is set.
pub(crate) fn micropay_from_env() -> Option<MicropayForm> {
    let names = ["URL", "USERNAME", "PASSWORD", "API_KEY", "PAYROLL_COMPANY"];
    let values: Vec<Option<String>> = names
        .iter()
        .map(|name| env(&format!("PAYBRIDGE_MICROPAY_{name}")))
        .collect();
    if values.iter().all(Option::is_none) {
        return None;
    }
    let value = |index: usize| values[index].clone().unwrap_or_default();
    Some(MicropayForm {
        url: value(0),
        username: value(1),
        password: value(2).into(),
        api_key: value(3).into(),
        payroll_company: value(4),
    })
}

pub(crate) fn worknice_from_env() -> Option<WorkniceForm> {
    let url = env("PAYBRIDGE_WORKNICE_URL");
    let token = env("PAYBRIDGE_WORKNICE_TOKEN");
    if url.is_none() && token.is_none() {
        return None;
    }
    Some(WorkniceForm {
        url: url.unwrap_or_default(),
        token: token.unwrap_or_default().into(),
    })
}

/// Runs both checks and prints the report; true when both sides are ok.
pub(crate) async fn run(data_dir: Option<PathBuf>) -> anyhow::Result<bool> {
    let micropay_form = micropay_from_env();
    let worknice_form = worknice_from_env();
    // The saved connections need the store and the keyring; open them only
    // when a side is not given by the environment.
    let engine = if micropay_form.is_none() || worknice_form.is_none() {
        let mut options = EngineOptions::from_env();
        if let Some(dir) = data_dir {
            options = options.with_data_dir(dir);
        }
        Some(Engine::open(options))
    } else {
        None
    };
    let micropay = match (&micropay_form, &engine) {
        (Some(form), _) => check_micropay_form(form).await,
        (None, Some(Ok(engine))) => engine.check_micropay().await,
        (None, Some(Err(error))) => Err(error.clone()),
        (None, None) => unreachable!("the engine is opened when a side has no form"),
    };
    let worknice = match (&worknice_form, &engine) {
        (Some(form), _) => check_worknice_form(form).await,
        (None, Some(Ok(engine))) => engine.check_worknice().await,
        (None, Some(Err(error))) => Err(error.clone()),
        (None, None) => unreachable!("the engine is opened when a side has no form"),
    };
    let report = CheckReport {
        micropay: micropay.into(),
        worknice: worknice.into(),
    };
    let all_ok = report.micropay.is_ok() && report.worknice.is_ok();
    crate::print_json_line(&report)?;
    Ok(all_ok)
}
