//! The client against the MicrOpay sandbox over real HTTP on 127.0.0.1.

mod changes;
mod controls;
mod errors;
mod faults;
mod hostile;
mod leave_applications;
mod leave_balances;
mod nested_records;
mod reads;
mod request_order;
mod sandbox_lifecycle;
mod sandbox_secrets;
mod write_faults;

use std::time::Duration;

use chrono::{NaiveDate, NaiveDateTime};
use paybridge_domain::Sensitive;
use paybridge_micropay::{ChangeEmployee, MicropayClient, MicropayConfig, Placement, RetryPolicy};
use paybridge_sandbox::dataset::SeedEmployee;
use paybridge_sandbox::{MicropayCredentials, Sandbox, SandboxOptions};

pub fn fast_retries() -> RetryPolicy {
    RetryPolicy {
        max_retries: 3,
        min_delay: Duration::from_millis(10),
        max_delay: Duration::from_millis(50),
        max_retry_after: Duration::from_secs(5),
    }
}

pub async fn sandbox(employees: usize, api_access: bool) -> Sandbox {
    Sandbox::start(SandboxOptions {
        employees,
        seed: 11,
        api_access,
        ..SandboxOptions::default()
    })
    .await
    .expect("the sandbox starts")
}

/// A 10-employee sandbox whose payroll answers each request `delay_ms`
/// after it arrives, its clock pinned at `now`.
pub async fn auto_accepting_sandbox(delay_ms: u64, now: NaiveDateTime) -> Sandbox {
    let sandbox = Sandbox::start(SandboxOptions {
        employees: 10,
        seed: 11,
        auto_accept_ms: Some(delay_ms),
        ..SandboxOptions::default()
    })
    .await
    .expect("the sandbox starts");
    sandbox.micropay.pin_clock(now);
    sandbox
}

/// `hour` o'clock on a day of 2026.
pub fn in_2026(month: u32, day: u32, hour: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, month, day)
        .and_then(|d| d.and_hms_opt(hour, 0, 0))
        .expect("a date")
}

/// Where `employee` sits in payroll, for an Add placed alongside them.
pub fn placement_of(employee: &SeedEmployee) -> Placement {
    Placement {
        location: employee.location.clone(),
        payroll_company: employee.payroll_company.clone(),
        pay_frequency: employee.pay_frequency.clone(),
        pay_point: employee.pay_point.clone(),
    }
}

/// An Add with the start date payroll's New Employee wizard needs.
pub fn dated_add(emp_code: &str, surname: &str, placement: Placement) -> ChangeEmployee {
    let mut add = ChangeEmployee::add(emp_code, surname, placement);
    add.details.hired_date = NaiveDate::from_ymd_opt(2026, 2, 2);
    add
}

pub fn config(credentials: &MicropayCredentials) -> MicropayConfig {
    let mut config = MicropayConfig::parse(
        &credentials.url,
        credentials.username.clone(),
        Sensitive::new(credentials.password.clone()),
        Sensitive::new(credentials.api_key.clone()),
    )
    .expect("the sandbox url parses");
    config.timeout = Duration::from_secs(10);
    config.retry = fast_retries();
    config
}

pub fn client(credentials: &MicropayCredentials) -> MicropayClient {
    MicropayClient::new(config(credentials)).expect("a loopback http url is accepted")
}
