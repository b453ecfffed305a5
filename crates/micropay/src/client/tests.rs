//! The requests the client builds, checked before any is sent.

use paybridge_domain::Sensitive;

use super::*;

fn client(api_key: &str) -> Result<MicropayClient, MicropayError> {
    MicropayClient::new(MicropayConfig::new(
        Url::parse("https://api.cloud.micropay.com.au").expect("a URL"),
        "payroll",
        Sensitive::new("pw-secret".to_owned()),
        Sensitive::new(api_key.to_owned()),
    ))
}

#[test]
fn both_credential_headers_are_marked_sensitive() {
    let client = client("key-secret").expect("valid");
    let url = client.url("api/EmployeeDetails").expect("joins");
    let request = client.request(url, &[]).build().expect("builds");
    let headers = request.headers();
    let api_key = headers.get(API_KEY_HEADER).expect("an Api-Key header");
    // Base 64 of "key-secret", as the reference's walkthrough sends it.
    assert_eq!(api_key.as_bytes(), b"a2V5LXNlY3JldA==");
    assert!(api_key.is_sensitive());
    let authorization = headers
        .get(reqwest::header::AUTHORIZATION)
        .expect("Basic auth");
    assert!(authorization.is_sensitive());
    let shown = format!("{headers:?} {client:?}");
    assert!(!shown.contains("key-secret"), "{shown}");
    assert!(!shown.contains("a2V5LXNlY3JldA"), "{shown}");
}

#[test]
fn an_api_key_that_cannot_be_sent_is_refused_without_echoing_it() {
    let error = client("key\nsecret").expect_err("a line break");
    assert!(matches!(error, MicropayError::ApiKeyUnusable), "{error:?}");
    assert!(!error.to_string().contains("secret"));
}
