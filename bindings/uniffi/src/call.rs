//! `UcsClient.callJson`: any operation of the table by name, JSON in and out — the escape hatch
//! for dynamic callers (data-driven tests, scripting, generic tooling) that cannot build the
//! typed records. It runs the same dispatcher as the Python and Node bindings, `ucs_bridge::invoke`.

use serde_json::Value;

use crate::error::guarded;
use crate::{Result, UcsClient};

/// A JSON text argument: none, empty or `null` is no value.
fn parse(what: &str, text: Option<String>) -> Result<Option<Value>> {
    match text.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(text) => serde_json::from_str(text).map(Some).map_err(|e| {
            // serde's message names the position, never the text (which may hold a secret).
            ucs_sdk::Error::invalid(what, format!("is not JSON: {e}")).into()
        }),
    }
}

#[uniffi::export(async_runtime = "tokio")]
impl UcsClient {
    /// Calls `resource.name` (`"clusters"`, `"get"`: the snake_case names of docs/OPERATIONS.md)
    /// with `ids` in order, the body and query as JSON text (wire names; null or empty for
    /// none), and answers the result as JSON text (`null` for an empty answer). Errors are the
    /// same `UcsError` cases as the typed calls'. Prefer the typed groups (`clusters()`, ...):
    /// here nothing is checked at compile time, and `iam.token` answers the token as plain text.
    pub async fn call_json(
        &self,
        resource: String,
        name: String,
        ids: Vec<String>,
        body_json: Option<String>,
        query_json: Option<String>,
    ) -> Result<String> {
        guarded(async {
            let call = ucs_bridge::Call {
                resource,
                name,
                ids,
                body: parse("body", body_json)?,
                query: parse("query", query_json)?,
            };
            let answer = ucs_bridge::invoke(&self.inner, call).await?;
            Ok(ucs_bridge::json_text(&answer)?)
        })
        .await
    }
}
