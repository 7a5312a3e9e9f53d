//! Blocking calls: the GIL is released while the future runs, and Ctrl-C (a pending signal
//! handler, such as `KeyboardInterrupt`) stops the wait and drops the future.

use std::future::Future;
use std::time::Duration;

use pyo3::prelude::*;

use crate::errors::to_py_err;
use crate::runtime::ensure;

/// How often a blocked call looks for pending signals.
const SIGNAL_CHECK: Duration = Duration::from_millis(50);

/// Runs `fut` to completion on the shared runtime without holding the GIL.
pub(crate) fn run<F, T>(py: Python<'_>, fut: F) -> PyResult<T>
where
    F: Future<Output = ucs_sdk::Result<T>> + Send,
    T: Send,
{
    let rt = ensure(py)?;
    let outcome: Result<ucs_sdk::Result<T>, PyErr> = py.detach(|| {
        rt.block_on(async {
            tokio::pin!(fut);
            loop {
                tokio::select! {
                    result = &mut fut => return Ok(result),
                    () = tokio::time::sleep(SIGNAL_CHECK) => {
                        Python::attach(|py| py.check_signals())?;
                    }
                }
            }
        })
    });
    outcome?.map_err(|e| to_py_err(py, &e))
}
