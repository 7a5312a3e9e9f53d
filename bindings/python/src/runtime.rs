//! The shared, fork-aware tokio runtime (`ucs_bridge::runtime`) as a pyo3-async-runtimes
//! runtime, so asyncio awaitables run on the same runtime as blocking calls, also after a fork.

use std::any::Any;
use std::cell::OnceCell;
use std::future::Future;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_util::FutureExt;

use pyo3::prelude::*;
use pyo3_async_runtimes::generic::{ContextExt, Runtime};
use pyo3_async_runtimes::TaskLocals;
use tokio::task::{JoinError, JoinHandle};

use crate::completer::complete;
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

/// A spawned task, or a hand-over queued for the completer thread (whose end nobody awaits).
pub(crate) enum Spawned {
    Task(JoinHandle<()>),
    Queued,
}

impl Future for Spawned {
    type Output = Result<(), JoinError>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        match self.get_mut() {
            Spawned::Task(task) => Pin::new(task).poll(cx),
            Spawned::Queued => Poll::Ready(Ok(())),
        }
    }
}

impl Runtime for SharedRuntime {
    type JoinError = JoinError;
    type JoinHandle = Spawned;

    fn spawn<F>(fut: F) -> Self::JoinHandle
    where
        F: Future<Output = ()> + Send + 'static,
    {
        Spawned::Task(handle().spawn(fut))
    }

    /// pyo3-async-runtimes calls this only to hand a finished call's result to asyncio (it takes
    /// the GIL); one completer thread does those in batches (completer.rs).
    fn spawn_blocking<F>(f: F) -> Self::JoinHandle
    where
        F: FnOnce() + Send + 'static,
    {
        complete(Box::new(f));
        Spawned::Queued
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
    pyo3_async_runtimes::generic::future_into_py::<SharedRuntime, _, Finished<T, C>>(
        py,
        async move {
            // A panic in the future is the awaiter's `InternalError`.
            let outcome = AssertUnwindSafe(fut).catch_unwind().await;
            Ok(Finished { outcome, convert })
        },
    )
}

/// A finished call, made into Python objects only when its result is handed to asyncio, so the
/// runtime's threads never wait for the GIL.
pub(crate) struct Finished<T, C> {
    outcome: Result<ucs_sdk::Result<T>, Box<dyn Any + Send>>,
    convert: C,
}

impl<'py, T, C> IntoPyObject<'py> for Finished<T, C>
where
    C: for<'a> FnOnce(Python<'a>, T) -> PyResult<Bound<'a, PyAny>>,
{
    type Target = PyAny;
    type Output = Bound<'py, PyAny>;
    type Error = PyErr;

    fn into_pyobject(self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let convert = self.convert;
        match self.outcome {
            // A panic in the conversion is the awaiter's `InternalError` too.
            Ok(Ok(value)) => catch_unwind(AssertUnwindSafe(|| convert(py, value)))
                .unwrap_or_else(|payload| Err(internal(py, &*payload))),
            Ok(Err(e)) => Err(to_py_err(py, &e)),
            Err(payload) => Err(internal(py, &*payload)),
        }
    }
}
