//! Real requests to throwaway TCP servers on 127.0.0.1, one per way a
//! connection can fail.

use std::net::SocketAddr;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

use super::*;

#[derive(Clone, Copy)]
enum Behaviour {
    /// Reads the request, writes these bytes, closes.
    Answer(&'static [u8]),
    /// Accepts and never answers.
    Silent,
}

async fn raw_server(behaviour: Behaviour) -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let address = listener.local_addr().expect("address");
    tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((mut stream, _)) = listener.accept().await {
            match behaviour {
                Behaviour::Answer(bytes) => {
                    let mut request = [0_u8; 4096];
                    let _ = stream.read(&mut request).await;
                    let _ = stream.write_all(bytes).await;
                    let _ = stream.shutdown().await;
                }
                Behaviour::Silent => held.push(stream),
            }
        }
    });
    address
}

/// The failure of one GET to a fresh server behaving so.
async fn failure_against(
    behaviour: Behaviour,
    scheme: &str,
    timeout: Duration,
    redirect: reqwest::redirect::Policy,
) -> TransportFailure {
    let address = raw_server(behaviour).await;
    let base = Url::parse(&format!("{scheme}://{address}/")).expect("url");
    let client = client_builder(&base, timeout, Duration::from_secs(5))
        .redirect(redirect)
        .build()
        .expect("client builds");
    let error = client
        .get(format!("{scheme}://{address}/"))
        .send()
        .await
        .expect_err("the request fails");
    classify(&error)
}

const PLAIN_OK: &[u8] = b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok";
const REDIRECT: &[u8] = b"HTTP/1.1 302 Found\r\nlocation: /elsewhere\r\ncontent-length: 0\r\n\r\n";
const PATIENT: Duration = Duration::from_secs(5);

fn no_redirects() -> reqwest::redirect::Policy {
    reqwest::redirect::Policy::none()
}

#[tokio::test]
async fn a_closed_port_is_unreachable() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let address = listener.local_addr().expect("address");
    drop(listener);
    let base = Url::parse(&format!("http://{address}/")).expect("url");
    let error = client_builder(&base, PATIENT, PATIENT)
        .build()
        .expect("client builds")
        .get(base)
        .send()
        .await
        .expect_err("nothing listens");
    let failure = classify(&error);
    assert!(
        matches!(failure, TransportFailure::Unreachable { .. }),
        "{failure:?}"
    );
}

#[tokio::test]
async fn https_to_a_plain_http_server_is_a_tls_failure() {
    let failure = failure_against(
        Behaviour::Answer(PLAIN_OK),
        "https",
        PATIENT,
        no_redirects(),
    )
    .await;
    let TransportFailure::Tls { detail } = failure else {
        panic!("expected a TLS failure, got {failure:?}");
    };
    assert!(
        detail.contains("did not answer in the secure protocol"),
        "{detail}"
    );
}

#[tokio::test]
async fn no_answer_within_the_timeout_is_timed_out() {
    let short = Duration::from_millis(200);
    let failure = failure_against(Behaviour::Silent, "http", short, no_redirects()).await;
    assert_eq!(failure, TransportFailure::TimedOut);
}

#[tokio::test]
async fn a_connection_closed_before_the_answer_is_dropped() {
    let failure = failure_against(Behaviour::Answer(b""), "http", PATIENT, no_redirects()).await;
    assert!(
        matches!(failure, TransportFailure::Dropped { .. }),
        "{failure:?}"
    );
}

#[tokio::test]
async fn a_refused_redirect_is_not_sent() {
    let refuse = reqwest::redirect::Policy::custom(|attempt| {
        attempt.error("redirects are not followed here")
    });
    let failure = failure_against(Behaviour::Answer(REDIRECT), "http", PATIENT, refuse).await;
    assert_eq!(
        failure,
        TransportFailure::NotSent {
            cause: "redirects are not followed here".to_owned()
        }
    );
}

#[tokio::test]
async fn redirects_are_not_followed_by_default() {
    let address = raw_server(Behaviour::Answer(REDIRECT)).await;
    let base = Url::parse(&format!("http://{address}/")).expect("url");
    let response = client_builder(&base, PATIENT, PATIENT)
        .build()
        .expect("client builds")
        .get(base.clone())
        .send()
        .await
        .expect("the 302 itself comes back");
    assert_eq!(response.status(), reqwest::StatusCode::FOUND);
    assert_eq!(
        crate::redirect_target(&base, response.headers()),
        Some(format!("http://{address}"))
    );
}
