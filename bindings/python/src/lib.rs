//! `ucs_sdk._native`: the pyo3 module under the `ucs_sdk` Python package. It exposes one generic
//! client over `ucs_bridge` (every operation by name, JSON in and out as Python objects); the
//! Python package builds the typed, resource-grouped API on top of it.

mod blocking;
mod client;
mod completer;
mod convert;
mod errors;
mod karmada;
mod logging;
mod pager;
mod runtime;
mod to_python;

use pyo3::prelude::*;

/// The native module.
#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<client::NativeClient>()?;
    m.add_class::<pager::NativePager>()?;
    m.add_class::<karmada::NativeKarmada>()?;
    m.add_function(wrap_pyfunction!(karmada::write_kubeconfig, m)?)?;
    m.add_function(wrap_pyfunction!(catalogue, m)?)?;
    m.add_function(wrap_pyfunction!(logging::set_log_level, m)?)?;
    m.add_function(wrap_pyfunction!(shutdown, m)?)?;
    m.add_function(wrap_pyfunction!(_roundtrip, m)?)?;
    m.add("VERSION", ucs_sdk::VERSION)?;
    Ok(())
}

/// Every operation: a list of dicts (`resource`, `name`, `http`, `ids`, `body`, `query`,
/// `result`, `item`, `doc`).
#[pyfunction]
fn catalogue(py: Python<'_>) -> PyResult<Py<PyAny>> {
    errors::guard(py, || {
        to_python::to_py(py, &ucs_bridge::catalogue_json()).map(Bound::unbind)
    })
}

/// `value` converted to JSON and back, as every call argument is (for the property tests).
#[pyfunction]
fn _roundtrip(py: Python<'_>, value: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
    errors::guard(py, || {
        let json = convert::from_py(value, "value")?;
        to_python::to_py(py, &json).map(Bound::unbind)
    })
}

/// Stops the runtime's threads; registered with `atexit` so none runs while Python finalizes.
#[pyfunction]
fn shutdown(py: Python<'_>) -> PyResult<()> {
    // Without the GIL: a task finishing on a runtime thread may need it.
    errors::guard(py, || {
        py.detach(|| ucs_bridge::shutdown_runtime(std::time::Duration::from_secs(1)));
        Ok(())
    })
}
