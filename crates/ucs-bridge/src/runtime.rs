//! The one tokio runtime the Python binding's calls run on, made again in a forked child (a
//! fork copies no threads, so the parent's runtime would never drive a future there).

use std::sync::Arc;

use tokio::runtime::Runtime;
use ucs_sdk::{Error, Result};

use crate::per_process::PerProcess;

static RUNTIME: PerProcess<Arc<Runtime>> = PerProcess::new();

/// The process's runtime: built on first use, and again after a fork.
pub fn runtime() -> Result<Arc<Runtime>> {
    RUNTIME.get_or_make(|| {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("ucs-sdk")
            .enable_all()
            .build()
            .map(Arc::new)
            .map_err(|e| Error::Config(format!("cannot start the async runtime: {e}")))
    })
}

/// Stops the runtime's threads (waiting up to `timeout` for running tasks), so none is left
/// running while the host interpreter finalizes. The next `runtime()` builds a new one.
pub fn shutdown_runtime(timeout: std::time::Duration) {
    if let Some((owner, rt)) = RUNTIME.take() {
        match Arc::try_unwrap(rt) {
            Ok(rt) if owner == std::process::id() => rt.shutdown_timeout(timeout),
            // Still in use, or a parent's runtime after a fork: never wait on it.
            Ok(rt) => std::mem::forget(rt),
            Err(shared) => std::mem::forget(shared),
        }
    }
}
