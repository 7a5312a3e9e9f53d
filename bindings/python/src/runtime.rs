//! The shared, fork-aware tokio runtime (`ucs_bridge::runtime`) as a pyo3-async-runtimes
//! runtime, so asyncio awaitables run on the same runtime as blocking calls, also after a fork.

use std::cell::OnceCell;
use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::pin::Pin;

use futures_util::FutureExt;

use pyo3::prelude::*;
use pyo3_async_runtimes::generic::{ContextExt, Runtime};
use pyo3_async_runtimes::TaskLocals;
use tokio::task::JoinHandle;

use crate::errors::{internal, to_py_err};

/// Marker type for `pyo3_async_runtimes::generic`.
pub(crate) struct SharedRuntime;

tokio::task_local! {
    static TASK_LOCALS: OnceCell<TaskLocals>;
}

/// The runtime, made (again, after a fork) if needed; call before handing work to it.
pub(crate) fn ensure(py: Python<'_>) -> PyResult<std::sync::Arc<tokio::runtime::Runtime>> {
    ucs_bridge::runtime().map_err(|e| to_py_err(py, &e))
}

fn handle() -> tokio::runtime::Handle {
    match ucs_bridge::runtime() {
        Ok(rt) => rt.handle().clone(),
        // `ensure` ran just before in this process, so the runtime exists; a runtime that cannot
        // be built at all is out of threads, which no caller can recover from.
        Err(e) => panic!("ucs-sdk: {e}"),
    }
}

impl Runtime for SharedRuntime {
    type JoinError = tokio::task::JoinError;
    type JoinHandle = JoinHandle<()>;

    fn spawn<F>(fut: F) -> Self::JoinHandle
    where
        F: Future<Output = ()> + Send + 'static,
    {
        handle().spawn(fut)
    }

    fn spawn_blocking<F>(f: F) -> Self::JoinHandle
    where
        F: FnOnce() + Send + 'static,
    {
        handle().spawn_blocking(f)
    }
}

impl ContextExt for SharedRuntime {
    fn scope<F, R>(locals: TaskLocals, fut: F) -> Pin<Box<dyn Future<Output = R> + Send>>
    where
        F: Future<Output = R> + Send + 'static,
    {
        let cell = OnceCell::new();
        let _ = cell.set(locals);
        Box::pin(TASK_LOCALS.scope(cell, fut))
    }

    fn get_task_locals() -> Option<TaskLocals> {
        TASK_LOCALS
            .try_with(|c| c.get().cloned())
            .unwrap_or_default()
    }
}

/// A core future as an asyncio awaitable: the answer converted to Python objects, an error as
/// the matching `ucs_sdk.errors` exception, a panic as `InternalError`. Cancelling the awaitable
/// drops the future.
pub(crate) fn awaitable<'py, F, T, C>(
    py: Python<'py>,
    fut: F,
    convert: C,
) -> PyResult<Bound<'py, PyAny>>
where
    F: Future<Output = ucs_sdk::Result<T>> + Send + 'static,
    T: Send + 'static,
    C: for<'a> FnOnce(Python<'a>, T) -> PyResult<Bound<'a, PyAny>> + Send + 'static,
{
    ensure(py)?;
    let answer = async move {
        let result = fut.await;
        Python::attach(|py| match result {
            Ok(value) => convert(py, value).map(Bound::unbind),
            Err(e) => Err(to_py_err(py, &e)),
        })
    };
    pyo3_async_runtimes::generic::future_into_py::<SharedRuntime, _, Py<PyAny>>(py, async move {
        // A panic in the future or the conversion is the awaiter's `InternalError`.
        match AssertUnwindSafe(answer).catch_unwind().await {
            Ok(outcome) => outcome,
            Err(payload) => Python::attach(|py| Err(internal(py, &*payload))),
        }
    })
}
