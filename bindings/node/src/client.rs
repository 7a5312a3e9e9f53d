//! `NativeClient`: one core client; every operation by name as a Promise.

use napi_derive::napi;
use serde_json::Value;
use ucs_bridge::{Call, Options};

use crate::calls::Calls;
use crate::errors::{guard, to_js};
use crate::federation::FederationWait;
use crate::pager::NativePager;

/// A core client; made by the package's `Client`.
#[napi]
pub struct NativeClient {
    client: ucs_sdk::Client,
    calls: Calls,
    summary: ucs_bridge::Summary,
}

impl NativeClient {
    /// The core client (for the Karmada handle).
    pub(crate) fn core(&self) -> &ucs_sdk::Client {
        &self.client
    }
}

#[napi]
impl NativeClient {
    /// Builds a client from options with the keys of `ucs_bridge::Options` (snake_case).
    #[napi(constructor)]
    pub fn new(options: Value) -> napi::Result<Self> {
        guard(|| {
            let options = Options::from_json(options).map_err(|e| to_js(&e))?;
            let client = ucs_bridge::build_client(&options).map_err(|e| to_js(&e))?;
            Ok(Self {
                client,
                calls: Calls::default(),
                summary: options.summary(),
            })
        })
    }

    /// `{endpoint, auth, ak}`: what the client shows of itself, never a secret.
    #[napi]
    pub fn describe(&self) -> napi::Result<Value> {
        guard(|| {
            serde_json::to_value(&self.summary).map_err(|e| napi::Error::from_reason(e.to_string()))
        })
    }

    /// Runs `resource.name(ids..., body, query)` and answers its JSON text (the package parses it
    /// with `JSON.parse`, much faster than building objects through N-API); `call_id` (non-zero)
    /// lets `cancel` stop it.
    #[napi]
    pub async fn call(
        &self,
        call_id: u32,
        resource: String,
        name: String,
        ids: Vec<String>,
        body: Option<Value>,
        query: Option<Value>,
    ) -> napi::Result<String> {
        let call = Call {
            resource,
            name,
            ids,
            body,
            query,
        };
        let client = self.client.clone();
        self.calls
            .run(call_id, async move {
                ucs_bridge::invoke(&client, call)
                    .await
                    .and_then(|answer| ucs_bridge::json_text(&answer))
            })
            .await
    }

    /// Cancels the call started with `call_id` (its Promise rejects with an abort error).
    #[napi]
    pub fn cancel(&self, call_id: u32) -> napi::Result<()> {
        guard(|| {
            self.calls.cancel(call_id);
            Ok(())
        })
    }

    /// A pager over `resource` (`clusters`, `fleets`, `rules`).
    #[napi]
    pub fn pages(&self, resource: String, query: Option<Value>) -> napi::Result<NativePager> {
        guard(|| {
            let pages =
                ucs_bridge::open_pages(&self.client, &resource, query).map_err(|e| to_js(&e))?;
            Ok(NativePager::new(pages, self.calls.clone()))
        })
    }

    /// Starts a waiter (`federation` for a fleet id, `policy_job` for a job id); read its
    /// events and result with `next()`.
    #[napi]
    pub fn wait(
        &self,
        waiter: String,
        id: String,
        timeout_ms: Option<f64>,
    ) -> napi::Result<FederationWait> {
        guard(|| {
            let waiter = waiter.parse().map_err(|e| to_js(&e))?;
            let timeout = timeout_ms.filter(|ms| *ms >= 0.0).map(|ms| ms as u64);
            FederationWait::start(self.client.clone(), waiter, id, timeout, self.calls.clone())
        })
    }
}
