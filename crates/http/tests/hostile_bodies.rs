//! Servers on 127.0.0.1 that send too much, or too slowly: the body cap
//! stops the first while it streams, the whole-request timeout the second.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use paybridge_http::{classify, client_builder, read_capped, BodyError, TransportFailure};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use url::Url;

const MIB: usize = 1024 * 1024;

/// How one throwaway server answers every request.
#[derive(Clone, Copy)]
enum Answer {
    /// A chunked body of `total` bytes in 64 KiB chunks.
    Streams { total: usize },
    /// Claims `declared` bytes in Content-Length, then sends a few.
    Claims { declared: u64 },
    /// Headers at once, then one byte of the body every `every`.
    Trickles { every: Duration },
}

/// The server's address and how many body bytes it managed to hand to the
/// kernel before the client stopped reading.
async fn server(answer: Answer) -> (Url, Arc<AtomicU64>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let url = Url::parse(&format!(
        "http://{}/",
        listener.local_addr().expect("address")
    ))
    .expect("url");
    let written = Arc::new(AtomicU64::new(0));
    let counter = written.clone();
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            let counter = counter.clone();
            tokio::spawn(async move {
                let mut request = [0_u8; 4096];
                let _ = stream.read(&mut request).await;
                match answer {
                    Answer::Streams { total } => {
                        let head = b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n";
                        if stream.write_all(head).await.is_err() {
                            return;
                        }
                        let chunk = vec![b' '; 64 * 1024];
                        let framed = [
                            format!("{:x}\r\n", chunk.len()).into_bytes(),
                            chunk,
                            b"\r\n".to_vec(),
                        ]
                        .concat();
                        let mut sent = 0;
                        while sent < total {
                            if stream.write_all(&framed).await.is_err() {
                                return;
                            }
                            sent += 64 * 1024;
                            counter.store(sent as u64, Ordering::SeqCst);
                        }
                        let _ = stream.write_all(b"0\r\n\r\n").await;
                    }
                    Answer::Claims { declared } => {
                        let head =
                            format!("HTTP/1.1 200 OK\r\ncontent-length: {declared}\r\n\r\n{{}}");
                        let _ = stream.write_all(head.as_bytes()).await;
                        tokio::time::sleep(Duration::from_secs(30)).await;
                    }
                    Answer::Trickles { every } => {
                        let head = b"HTTP/1.1 200 OK\r\ncontent-length: 1000\r\n\r\n";
                        if stream.write_all(head).await.is_err() {
                            return;
                        }
                        for _ in 0..1000 {
                            tokio::time::sleep(every).await;
                            if stream.write_all(b" ").await.is_err() {
                                return;
                            }
                            counter.fetch_add(1, Ordering::SeqCst);
                        }
                    }
                }
            });
        }
    });
    (url, written)
}

async fn get(url: &Url, timeout: Duration) -> reqwest::Response {
    client_builder(url, timeout, timeout)
        .build()
        .expect("client builds")
        .get(url.clone())
        .send()
        .await
        .expect("headers arrive")
}

#[tokio::test]
async fn a_body_streaming_far_past_the_cap_is_refused_while_it_streams() {
    let (url, written) = server(Answer::Streams { total: 256 * MIB }).await;
    let started = Instant::now();
    let response = get(&url, Duration::from_secs(60)).await;
    let error = read_capped(response, MIB).await.expect_err("over the cap");
    assert!(
        matches!(error, BodyError::TooLarge { cap } if cap == MIB),
        "{error:?}"
    );
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "took {:?}",
        started.elapsed()
    );
    // The client stopped reading: the server could hand over little more
    // than the cap plus what the sockets buffer, not the 256 MiB.
    tokio::time::sleep(Duration::from_millis(200)).await;
    let sent = written.load(Ordering::SeqCst) as usize;
    assert!(sent < 64 * MIB, "the server got {sent} bytes out");
}

#[tokio::test]
async fn a_body_under_the_cap_is_read_whole() {
    let (url, _) = server(Answer::Streams {
        total: 4 * 64 * 1024,
    })
    .await;
    let body = read_capped(get(&url, Duration::from_secs(10)).await, MIB)
        .await
        .expect("under the cap");
    assert_eq!(body.len(), 4 * 64 * 1024);
}

#[tokio::test]
async fn a_declared_length_over_the_cap_is_refused_before_reading() {
    let (url, _) = server(Answer::Claims {
        declared: 10 * 1024 * 1024 * 1024,
    })
    .await;
    let error = read_capped(get(&url, Duration::from_secs(20)).await, 64 * MIB)
        .await
        .expect_err("10 GiB declared");
    assert!(matches!(error, BodyError::TooLarge { .. }), "{error:?}");
}

#[tokio::test]
async fn a_trickling_body_hits_the_whole_request_timeout() {
    let (url, written) = server(Answer::Trickles {
        every: Duration::from_millis(300),
    })
    .await;
    let timeout = Duration::from_secs(1);
    let started = Instant::now();
    let response = get(&url, timeout).await;
    let error = read_capped(response, MIB).await.expect_err("too slow");
    let BodyError::Transport(error) = error else {
        panic!("expected a transport failure, got {error:?}");
    };
    assert_eq!(classify(&error), TransportFailure::TimedOut);
    let elapsed = started.elapsed();
    assert!(
        // The upper bound is generous for a busy CI machine: the error kind
        // is what shows the whole-request timeout fired.
        elapsed >= timeout && elapsed < Duration::from_secs(30),
        "took {elapsed:?}"
    );
    assert!(written.load(Ordering::SeqCst) >= 1, "bytes kept arriving");
}
