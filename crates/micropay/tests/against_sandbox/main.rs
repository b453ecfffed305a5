//! The client against the MicrOpay sandbox over real HTTP on 127.0.0.1.

mod changes;
mod controls;
mod errors;
mod faults;
mod hostile;
mod nested_records;
mod reads;
mod request_order;
mod sandbox_lifecycle;
mod sandbox_secrets;
mod write_faults;

use std::time::Duration;

use paybridge_domain::Sensitive;
use paybridge_micropay::{MicropayClient, MicropayConfig, RetryPolicy};
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
