//! Cancellation of in-flight calls: each call registers under the id the JavaScript side gave
//! it; `cancel(id)` (from an AbortSignal) makes the call drop its future and reject.

use std::collections::HashMap;
use std::future::Future;
use std::sync::{Arc, Mutex};

use tokio::sync::Notify;

use crate::errors::{aborted, to_js};

/// In-flight calls by id.
#[derive(Default, Clone)]
pub(crate) struct Calls {
    by_id: Arc<Mutex<HashMap<u32, Arc<Notify>>>>,
}

impl Calls {
    fn register(&self, id: u32) -> Arc<Notify> {
        let notify = Arc::new(Notify::new());
        if let Ok(mut calls) = self.by_id.lock() {
            calls.insert(id, notify.clone());
        }
        notify
    }

    fn forget(&self, id: u32) {
        if let Ok(mut calls) = self.by_id.lock() {
            calls.remove(&id);
        }
    }

    /// Cancels call `id`; a no-op once it ended.
    pub(crate) fn cancel(&self, id: u32) {
        let notify = self
            .by_id
            .lock()
            .ok()
            .and_then(|calls| calls.get(&id).cloned());
        if let Some(notify) = notify {
            // `notify_one` keeps a permit, so a cancel racing the call's start still lands.
            notify.notify_one();
        }
    }

    /// Runs `fut` as call `id` (0: not cancellable); every async export runs through here.
    pub(crate) async fn run<T>(
        &self,
        id: u32,
        fut: impl Future<Output = ucs_sdk::Result<T>>,
    ) -> napi::Result<T> {
        // A panic in the call rejects it with `InternalError` (and still forgets its id).
        let fut = async move { ucs_bridge::guarded(fut).await.map_err(|e| to_js(&e)) };
        if id == 0 {
            return fut.await;
        }
        let notify = self.register(id);
        let outcome = tokio::select! {
            result = fut => result,
            () = notify.notified() => Err(aborted()),
        };
        self.forget(id);
        outcome
    }
}
