//! Core errors as the exception classes of `ucs_sdk.errors` (defined in Python, so they pickle
//! and subclass like any Python exception).

use pyo3::prelude::*;
use pyo3::types::PyDict;
use ucs_bridge::ErrorInfo;

/// The `ucs_sdk.errors` exception for a core error.
pub(crate) fn to_py_err(py: Python<'_>, error: &ucs_sdk::Error) -> PyErr {
    match build(py, &ErrorInfo::from(error)) {
        Ok(exception) => PyErr::from_value(exception),
        Err(e) => e,
    }
}

/// `InternalError` for a caught panic.
pub(crate) fn internal(py: Python<'_>, payload: &(dyn std::any::Any + Send)) -> PyErr {
    to_py_err(py, &ucs_bridge::internal_error(payload))
}

/// Runs an entry point's body, a panic raised as `InternalError` (a `UcsError`) rather than
/// pyo3's `PanicException`, which `except Exception` misses.
pub(crate) fn guard<T>(py: Python<'_>, body: impl FnOnce() -> PyResult<T>) -> PyResult<T> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(body))
        .unwrap_or_else(|payload| Err(internal(py, &*payload)))
}

fn build<'py>(py: Python<'py>, info: &ErrorInfo) -> PyResult<Bound<'py, PyAny>> {
    let fields = PyDict::new(py);
    fields.set_item("status_code", info.status_code)?;
    fields.set_item("error_code", info.error_code.as_deref())?;
    fields.set_item("error_msg", info.error_msg.as_deref())?;
    fields.set_item("request_id", info.request_id.as_deref())?;
    fields.set_item("retry_after", info.retry_after)?;
    fields.set_item("field", info.field.as_deref())?;
    fields.set_item("sub_job", info.sub_job.as_deref())?;
    py.import("ucs_sdk.errors")?
        .getattr("_from_native")?
        .call1((info.kind.name(), info.message.as_str(), fields))
}

/// The error for a call on a client made before `os.fork()`.
pub(crate) fn forked(py: Python<'_>) -> PyErr {
    let error = ucs_sdk::Error::Config(
        "this client was created before os.fork(); create a new client in the child process"
            .to_owned(),
    );
    to_py_err(py, &error)
}
