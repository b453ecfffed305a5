//! The sandboxes' own HTTP tests send a control call and read its answer:
//! the status and the JSON (null when the body is none).

use serde_json::Value;

pub(crate) async fn post(http: &reqwest::Client, url: String, body: &Value) -> (u16, Value) {
    answer(http.post(url).json(body).send().await.expect("send")).await
}

pub(crate) async fn get(http: &reqwest::Client, url: String) -> (u16, Value) {
    answer(http.get(url).send().await.expect("send")).await
}

async fn answer(response: reqwest::Response) -> (u16, Value) {
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}
