//! What the command tests share: a `paybridge sandbox` child process.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

use serde_json::Value;

pub const BIN: &str = env!("CARGO_BIN_EXE_paybridge");

/// A `paybridge sandbox` child process, killed on drop.
pub struct SandboxProcess {
    child: Child,
    pub credentials: Value,
}

impl SandboxProcess {
    pub fn start(employees: usize, seed: u64, extra: &[&str]) -> Self {
        let mut child = Command::new(BIN)
            .args([
                "sandbox",
                "--employees",
                &employees.to_string(),
                "--seed",
                &seed.to_string(),
            ])
            .args(extra)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("paybridge sandbox starts");
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("piped stdout"))
            .read_line(&mut line)
            .expect("reads the JSON line");
        let credentials = serde_json::from_str(&line).expect("one JSON line");
        Self { child, credentials }
    }

    /// The sandbox's line is the shape of the Connections forms.
    #[allow(dead_code)] // not every test binary saves connections
    pub fn forms(&self) -> paybridge_engine::SandboxForms {
        serde_json::from_value(self.credentials.clone()).expect("the line holds both forms")
    }

    #[allow(dead_code)] // not every test binary reads a field
    pub fn field(&self, side: &str, name: &str) -> String {
        self.credentials[side][name]
            .as_str()
            .unwrap_or_else(|| panic!("{side}.{name} missing"))
            .to_owned()
    }
}

impl Drop for SandboxProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
