//! `FederationWait`: the core's federation waiter (or policy job waiter) running on the runtime,
//! its progress events and final job read by JavaScript with `next()` (a pull, so no callback
//! crosses threads).

use napi::bindgen_prelude::spawn;
use napi_derive::napi;
use serde_json::{json, Value};
use tokio::sync::{mpsc, Mutex};

use crate::calls::Calls;

/// A running waiter (`fleets.waitFederation` or `policies.waitJob`).
#[napi]
pub struct FederationWait {
    events: Mutex<mpsc::UnboundedReceiver<ucs_sdk::Result<Value>>>,
    task: tokio::task::JoinHandle<()>,
    calls: Calls,
}

impl FederationWait {
    /// Starts `waiter` for `id` on the runtime.
    pub(crate) fn start(
        client: ucs_sdk::Client,
        waiter: ucs_bridge::Waiter,
        id: String,
        timeout_ms: Option<u64>,
        calls: Calls,
    ) -> napi::Result<Self> {
        Self::spawn_wait(calls, move |report| async move {
            ucs_bridge::wait(&client, waiter, &id, timeout_ms, report).await
        })
    }

    fn spawn_wait<W, F>(calls: Calls, wait: W) -> napi::Result<Self>
    where
        W: FnOnce(Box<dyn FnMut(Value) + Send>) -> F + Send + 'static,
        F: std::future::Future<Output = ucs_sdk::Result<ucs_bridge::Answer>> + Send,
    {
        let (tx, rx) = mpsc::unbounded_channel();
        let task = spawn(async move {
            let progress = tx.clone();
            let wait = wait(Box::new(move |event| {
                let _ = progress.send(Ok(json!({ "event": event })));
            }));
            // A panic ends the wait with `InternalError` rather than a silent end of events.
            let job = ucs_bridge::guarded(wait).await.and_then(|answer| {
                serde_json::to_value(&answer).map_err(|e| ucs_sdk::Error::Decode {
                    status: 200,
                    request_id: None,
                    message: e.to_string(),
                })
            });
            let _ = tx.send(job.map(|job| json!({ "job": job })));
        });
        Ok(Self {
            events: Mutex::new(rx),
            task,
            calls,
        })
    }
}

#[napi]
impl FederationWait {
    /// The next message: `{event}` for a phase change, `{job}` at the end (then `null`).
    #[napi]
    pub async fn next(&self, call_id: u32) -> napi::Result<Option<Value>> {
        let message = self
            .calls
            .run(call_id, async {
                self.events.lock().await.recv().await.transpose()
            })
            .await;
        message.inspect_err(|_| self.task.abort())
    }

    /// Stops the wait (an aborted signal).
    #[napi]
    pub fn cancel(&self) -> napi::Result<()> {
        crate::errors::guard(|| {
            self.task.abort();
            Ok(())
        })
    }
}
