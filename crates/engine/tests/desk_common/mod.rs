//! An engine connected to the sandbox it started itself ("Try it with
//! sandbox data"), as the Payroll desk tests need it.

#![allow(dead_code)]

use paybridge_domain::Sensitive;
use paybridge_engine::Engine;
use paybridge_micropay::{MicropayClient, MicropayConfig};

use crate::common;

pub struct DeskSetup {
    pub _dir: tempfile::TempDir,
    pub engine: Engine,
    /// A MicrOpay client on the sandbox's credentials.
    pub client: MicropayClient,
    /// The sandbox's MicrOpay, e.g. `http://127.0.0.1:4321`.
    pub micropay_url: String,
}

pub async fn desk_setup() -> DeskSetup {
    let dir = tempfile::tempdir().expect("temp dir");
    let engine = Engine::open(common::options(&dir)).expect("engine opens");
    let forms = engine.start_sandbox().await.expect("sandbox starts");
    let micropay_url = forms.micropay.url.trim_end_matches('/').to_owned();
    let config = MicropayConfig::new(
        url::Url::parse(&forms.micropay.url).expect("a URL"),
        forms.micropay.username.clone(),
        forms.micropay.password.clone(),
        Sensitive::new(forms.micropay.api_key.expose().clone()),
    );
    let client = MicropayClient::new(config).expect("a client");
    engine
        .save_micropay(forms.micropay)
        .await
        .expect("MicrOpay saves");
    engine
        .save_worknice(forms.worknice)
        .await
        .expect("Worknice saves");
    DeskSetup {
        _dir: dir,
        engine,
        client,
        micropay_url,
    }
}
