use paybridge_domain::Sensitive;
use paybridge_micropay::{MicropayClient, MicropayConfig, MicropayError, MicropayErrorKind};

use crate::{client, config, sandbox};

/// Never the secrets, in either rendering.
fn assert_no_secrets(error: &MicropayError, secrets: &[&str]) {
    let shown = format!("{error} / {error:?}");
    for secret in secrets {
        assert!(!shown.contains(secret), "an error showed a secret: {shown}");
    }
}

#[tokio::test]
async fn wrong_password_unknown_key_and_no_api_access_are_told_apart() {
    let sandbox = sandbox(10, true).await;
    let real = &sandbox.credentials.micropay;

    let mut wrong_password = config(real);
    wrong_password.password = Sensitive::new("Hunter2-not-the-password".to_owned());
    let error = MicropayClient::new(wrong_password)
        .expect("valid")
        .test_connection()
        .await
        .expect_err("refused");
    assert_eq!(error.kind(), MicropayErrorKind::WrongCredentials);
    assert_no_secrets(&error, &["Hunter2-not-the-password", &real.api_key]);
    assert_eq!(
        sandbox.micropay.requests_served(),
        1,
        "an authentication failure is not retried"
    );

    let mut wrong_key = config(real);
    wrong_key.api_key = Sensitive::new("00000000-dead-beef-0000-000000000000".to_owned());
    let error = MicropayClient::new(wrong_key)
        .expect("valid")
        .test_connection()
        .await
        .expect_err("refused");
    assert_eq!(error.kind(), MicropayErrorKind::ApiKeyNotRecognised);
    assert_no_secrets(
        &error,
        &["00000000-dead-beef-0000-000000000000", &real.password],
    );

    let unlicensed = self::sandbox(10, false).await;
    let error = client(&unlicensed.credentials.micropay)
        .test_connection()
        .await
        .expect_err("no api access");
    assert_eq!(error.kind(), MicropayErrorKind::ApiNotPurchased);
    assert!(
        error
            .to_string()
            .contains("must be purchased from Access Group"),
        "{error}"
    );
    assert_no_secrets(
        &error,
        &[
            &unlicensed.credentials.micropay.password,
            &unlicensed.credentials.micropay.api_key,
        ],
    );
}

#[tokio::test]
async fn an_offline_payroll_server_is_reported_as_such() {
    let sandbox = sandbox(10, true).await;
    let client = client(&sandbox.credentials.micropay);
    sandbox.micropay.set_payroll_online(false);
    let error = client.test_connection().await.expect_err("offline");
    assert_eq!(error.kind(), MicropayErrorKind::PayrollServerOffline);
    // Lookups live in MicrOpay's cloud, so they still answer.
    assert!(!client
        .lookup("PayrollCompany")
        .await
        .expect("lookups answer")
        .is_empty());
    sandbox.micropay.set_payroll_online(true);
    assert!(client.test_connection().await.is_ok());
}

#[tokio::test]
async fn a_closed_port_is_unreachable() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let port = listener.local_addr().expect("address").port();
    drop(listener);
    let config = MicropayConfig::parse(
        &format!("http://127.0.0.1:{port}"),
        "someone",
        Sensitive::new("pw".to_owned()),
        Sensitive::new("key".to_owned()),
    )
    .expect("parses");
    let error = MicropayClient::new(config)
        .expect("valid")
        .test_connection()
        .await
        .expect_err("nothing listens");
    assert_eq!(error.kind(), MicropayErrorKind::Unreachable);
}

#[tokio::test]
async fn https_to_a_plain_http_server_is_a_tls_failure() {
    let sandbox = sandbox(5, true).await;
    let mut config = config(&sandbox.credentials.micropay);
    config.base_url = format!("https://{}", sandbox.micropay.address())
        .parse()
        .expect("url");
    let error = MicropayClient::new(config)
        .expect("https is accepted")
        .test_connection()
        .await
        .expect_err("no tls");
    assert_eq!(error.kind(), MicropayErrorKind::Tls, "{error}");
}

#[test]
fn plain_http_to_the_internet_is_refused_before_any_request() {
    let config = MicropayConfig::parse(
        "http://example.com",
        "someone",
        Sensitive::new("a-password".to_owned()),
        Sensitive::new("an-api-key".to_owned()),
    )
    .expect("parses");
    let error = MicropayClient::new(config).expect_err("insecure");
    assert_eq!(error.kind(), MicropayErrorKind::InsecureUrl);
    assert!(error.to_string().contains("https://"));

    let error = MicropayConfig::parse("not a url", "u", Sensitive::default(), Sensitive::default())
        .expect_err("bad");
    assert_eq!(error.kind(), MicropayErrorKind::InvalidUrl);
}

#[tokio::test]
async fn neither_the_config_nor_the_client_shows_its_secrets() {
    let sandbox = sandbox(5, true).await;
    let credentials = &sandbox.credentials.micropay;
    let config = config(credentials);
    let client = MicropayClient::new(config.clone()).expect("valid");
    let shown = format!("{config:?} {client:?}");
    assert!(!shown.contains(&credentials.password));
    assert!(!shown.contains(&credentials.api_key));
}
