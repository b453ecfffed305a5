//! A system proxy (HTTP_PROXY and friends) is never used for this computer's
//! own servers. One test in its own binary: it sets the proxy variables for
//! the whole process before any client reads them.

use std::time::Duration;

use paybridge_http::client_builder;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use url::Url;

#[tokio::test]
async fn loopback_addresses_bypass_a_system_proxy() {
    // A proxy address where nothing listens: any request sent to it fails.
    let dead = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let dead_proxy = format!("http://{}", dead.local_addr().expect("address"));
    drop(dead);
    for name in [
        "HTTP_PROXY",
        "http_proxy",
        "HTTPS_PROXY",
        "https_proxy",
        "ALL_PROXY",
        "all_proxy",
    ] {
        std::env::set_var(name, &dead_proxy);
    }
    for name in ["NO_PROXY", "no_proxy"] {
        std::env::remove_var(name);
    }

    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let url = Url::parse(&format!(
        "http://{}/",
        listener.local_addr().expect("address")
    ))
    .expect("url");
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            let mut request = [0_u8; 4096];
            let _ = stream.read(&mut request).await;
            let _ = stream
                .write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok")
                .await;
        }
    });
    let timeout = Duration::from_secs(5);

    // Proof that the variables are in force: a plain client goes to the proxy.
    let through_proxy = reqwest::Client::builder()
        .timeout(timeout)
        .build()
        .expect("builds")
        .get(url.clone())
        .send()
        .await;
    assert!(through_proxy.is_err(), "the dead proxy was not used");

    let direct = client_builder(&url, timeout, timeout)
        .build()
        .expect("builds")
        .get(url.clone())
        .send()
        .await
        .expect("straight to 127.0.0.1, not to the proxy");
    assert_eq!(direct.text().await.expect("body"), "ok");
}
