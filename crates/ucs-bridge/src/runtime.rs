//! The one tokio runtime the Python binding's calls run on, made again in a forked child (a
//! fork copies no threads, so the parent's runtime would never drive a future there).

use std::sync::{Arc, Mutex};

use tokio::runtime::Runtime;
use ucs_sdk::{Error, Result};

static RUNTIME: Mutex<Option<(u32, Arc<Runtime>)>> = Mutex::new(None);

/// The process's runtime: built on first use, and again after a fork.
pub fn runtime() -> Result<Arc<Runtime>> {
    let pid = std::process::id();
    let mut slot = RUNTIME
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some((owner, rt)) = slot.as_ref() {
        if *owner == pid {
            return Ok(rt.clone());
        }
        // The parent's runtime has no threads here; it must never be dropped (that would wait
        // for them), so it is forgotten.
        if let Some((_, old)) = slot.take() {
            std::mem::forget(old);
        }
    }
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .thread_name("ucs-sdk")
        .enable_all()
        .build()
        .map(Arc::new)
        .map_err(|e| Error::Config(format!("cannot start the async runtime: {e}")))?;
    *slot = Some((pid, rt.clone()));
    Ok(rt)
}

/// Stops the runtime's threads (waiting up to `timeout` for running tasks), so none is left
/// running while the host interpreter finalizes. The next `runtime()` builds a new one.
pub fn shutdown_runtime(timeout: std::time::Duration) {
    let taken = RUNTIME
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
        .take();
    if let Some((owner, rt)) = taken {
        match Arc::try_unwrap(rt) {
            Ok(rt) if owner == std::process::id() => rt.shutdown_timeout(timeout),
            // Still in use, or a parent's runtime after a fork: never wait on it.
            Ok(rt) => std::mem::forget(rt),
            Err(shared) => std::mem::forget(shared),
        }
    }
}
