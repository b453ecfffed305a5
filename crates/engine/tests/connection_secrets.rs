//! Saved secrets stay with the address they were saved for: a form whose
//! address or username changed never gets them, so pressing Test cannot
//! send them to another host.

mod common;

use std::sync::Arc;

use paybridge_engine::{ErrorCode, MicropayForm, SandboxForms, WorkniceForm};

use common::setup;

/// A server that only notes who connects, and hangs up on them.
struct RecordingListener {
    url: String,
    address: std::net::SocketAddr,
    peers: Arc<std::sync::Mutex<Vec<std::net::SocketAddr>>>,
}

impl RecordingListener {
    async fn start() -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let address = listener.local_addr().expect("addr");
        let peers = Arc::new(std::sync::Mutex::new(Vec::new()));
        let recorded = peers.clone();
        tokio::spawn(async move {
            while let Ok((stream, peer)) = listener.accept().await {
                recorded.lock().expect("lock").push(peer);
                drop(stream);
            }
        });
        Self {
            url: format!("http://{address}/"),
            address,
            peers,
        }
    }

    /// How many connected before now. Connections are accepted in order, so
    /// once a probe made now has been recorded, every earlier one has too.
    async fn connections_so_far(&self) -> usize {
        let probe = tokio::net::TcpStream::connect(self.address)
            .await
            .expect("probe connects");
        let probe = probe.local_addr().expect("probe address");
        for _ in 0..400 {
            let peers = self.peers.lock().expect("lock").clone();
            if let Some(position) = peers.iter().position(|peer| *peer == probe) {
                return position;
            }
            tokio::time::sleep(std::time::Duration::from_millis(5)).await;
        }
        panic!("the probe was never accepted");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn saved_secrets_are_never_sent_to_a_changed_address_or_user() {
    let s = setup(12, 31).await;
    let (engine, forms) = (&s.engine, SandboxForms::from(&s.sandbox.credentials));
    let elsewhere = RecordingListener::start().await;

    let micropay_moved = MicropayForm {
        url: elsewhere.url.clone(),
        password: Default::default(),
        ..forms.micropay.clone()
    };
    let error = engine
        .test_micropay(micropay_moved)
        .await
        .expect_err("the password must be typed again");
    assert_eq!(error.code, ErrorCode::Validation);
    assert_eq!(
        error.message,
        "Enter the MicrOpay password again: the address or username changed since it was saved."
    );

    let other_user = MicropayForm {
        username: "someone-else".to_owned(),
        password: Default::default(),
        api_key: Default::default(),
        ..forms.micropay.clone()
    };
    let error = engine
        .test_micropay(other_user)
        .await
        .expect_err("the secrets must be typed again");
    assert_eq!(error.code, ErrorCode::Validation);
    assert!(
        error.message.contains("password and API key again"),
        "{}",
        error.message
    );

    let worknice_moved = WorkniceForm {
        url: elsewhere.url.clone(),
        token: Default::default(),
    };
    let error = engine
        .test_worknice(worknice_moved)
        .await
        .expect_err("the token must be typed again");
    assert_eq!(error.code, ErrorCode::Validation);
    assert_eq!(
        error.message,
        "Enter the Worknice API token again: the address changed since it was saved."
    );
    assert_eq!(
        elsewhere.connections_so_far().await,
        0,
        "nothing reached the other host"
    );

    // The saved address, give or take spaces and a trailing slash, still
    // gets the saved secrets.
    let same_place = |url: &str| format!("  {}/ ", url.trim_end_matches('/'));
    engine
        .test_micropay(MicropayForm {
            url: same_place(&forms.micropay.url),
            password: Default::default(),
            api_key: Default::default(),
            ..forms.micropay.clone()
        })
        .await
        .expect("the saved secrets are used");
    engine
        .test_worknice(WorkniceForm {
            url: same_place(&forms.worknice.url),
            token: Default::default(),
        })
        .await
        .expect("the saved token is used");
}
