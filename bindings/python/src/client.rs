//! `NativeClient`: one core client; every operation by name, blocking or as an awaitable.

use pyo3::prelude::*;
use pyo3::types::PyDict;
use serde_json::Value;
use ucs_bridge::{Call, Options};

use crate::convert::from_py;
use crate::errors::{forked, guard, to_py_err};
use crate::pager::NativePager;
use crate::to_python::to_py;
use crate::{blocking, runtime};

/// A core client; made by `ucs_sdk.Client` and `ucs_sdk.AsyncClient`.
#[pyclass(module = "ucs_sdk._native", frozen)]
pub(crate) struct NativeClient {
    client: ucs_sdk::Client,
    /// The process that made the client: its connections belong to that process's runtime.
    pid: u32,
    summary: String,
}

/// The arguments of one call, converted while the GIL is held.
fn call_of(
    resource: String,
    name: String,
    ids: Vec<String>,
    body: Option<&Bound<'_, PyAny>>,
    query: Option<&Bound<'_, PyDict>>,
) -> PyResult<Call> {
    Ok(Call {
        resource,
        name,
        ids,
        body: body.map(|b| from_py(b, "body")).transpose()?,
        query: query_dict(query)?,
    })
}

/// Drops `None` query values: keyword arguments left at their default.
fn query_dict(query: Option<&Bound<'_, PyDict>>) -> PyResult<Option<Value>> {
    let Some(query) = query else {
        return Ok(None);
    };
    let mut map = serde_json::Map::new();
    for (k, v) in query.iter() {
        if v.is_none() {
            continue;
        }
        let key: String = k.extract()?;
        let value = from_py(&v, &key)?;
        map.insert(key, value);
    }
    Ok((!map.is_empty()).then_some(Value::Object(map)))
}

impl NativeClient {
    pub(crate) fn checked(&self, py: Python<'_>) -> PyResult<&ucs_sdk::Client> {
        if self.pid == std::process::id() {
            Ok(&self.client)
        } else {
            Err(forked(py))
        }
    }
}

#[pymethods]
impl NativeClient {
    /// Builds a client from the options dict (keys of `ucs_bridge::Options`).
    #[new]
    fn new(py: Python<'_>, options: &Bound<'_, PyDict>) -> PyResult<Self> {
        guard(py, || {
            let options = Options::from_json(from_py(options.as_any(), "options")?)
                .map_err(|e| to_py_err(py, &e))?;
            let summary = summary_text(&options.summary());
            let client = ucs_bridge::build_client(&options).map_err(|e| to_py_err(py, &e))?;
            Ok(Self {
                client,
                pid: std::process::id(),
                summary,
            })
        })
    }

    /// The endpoint and credential kind, never a secret (for `repr`).
    fn describe(&self, py: Python<'_>) -> PyResult<String> {
        guard(py, || Ok(self.summary.clone()))
    }

    /// Runs `resource.name(ids..., body, query)` and answers its result as Python objects.
    #[pyo3(signature = (resource, name, ids, body=None, query=None))]
    fn call(
        &self,
        py: Python<'_>,
        resource: String,
        name: String,
        ids: Vec<String>,
        body: Option<&Bound<'_, PyAny>>,
        query: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Py<PyAny>> {
        guard(py, || {
            let client = self.checked(py)?.clone();
            let call = call_of(resource, name, ids, body, query)?;
            let answer = blocking::run(py, ucs_bridge::invoke(&client, call))?;
            to_py(py, &answer).map(Bound::unbind)
        })
    }

    /// The awaitable twin of `call`.
    #[pyo3(signature = (resource, name, ids, body=None, query=None))]
    fn call_async<'py>(
        &self,
        py: Python<'py>,
        resource: String,
        name: String,
        ids: Vec<String>,
        body: Option<&Bound<'py, PyAny>>,
        query: Option<&Bound<'py, PyDict>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || {
            let client = self.checked(py)?.clone();
            let call = call_of(resource, name, ids, body, query)?;
            runtime::awaitable(
                py,
                async move { ucs_bridge::invoke(&client, call).await },
                |py, answer| to_py(py, &answer),
            )
        })
    }

    /// A pager over `resource` (`clusters`, `fleets`, `rules`).
    #[pyo3(signature = (resource, query=None))]
    fn pages(
        &self,
        py: Python<'_>,
        resource: &str,
        query: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<NativePager> {
        guard(py, || {
            let client = self.checked(py)?;
            let query = query_dict(query)?;
            // The stream is lazy: its first fetch runs in `next_page`, on the runtime.
            let pages =
                ucs_bridge::open_pages(client, resource, query).map_err(|e| to_py_err(py, &e))?;
            Ok(NativePager::new(pages))
        })
    }

    /// Runs a waiter (`federation` for a fleet id, `policy_job` for a job id);
    /// `on_progress(event)` is called with each change of the job.
    #[pyo3(signature = (waiter, id, timeout_ms=None, on_progress=None))]
    fn wait(
        &self,
        py: Python<'_>,
        waiter: &str,
        id: String,
        timeout_ms: Option<u64>,
        on_progress: Option<Py<PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        guard(py, || {
            let client = self.checked(py)?.clone();
            let waiter: ucs_bridge::Waiter = waiter.parse().map_err(|e| to_py_err(py, &e))?;
            let (report, errors) = progress_reporter(on_progress);
            let answer = blocking::run(py, async move {
                ucs_bridge::wait(&client, waiter, &id, timeout_ms, report).await
            })?;
            if let Some(e) = errors.lock().ok().and_then(|mut e| e.take()) {
                return Err(e);
            }
            to_py(py, &answer).map(Bound::unbind)
        })
    }

    /// The awaitable twin of `wait`.
    #[pyo3(signature = (waiter, id, timeout_ms=None, on_progress=None))]
    fn wait_async<'py>(
        &self,
        py: Python<'py>,
        waiter: &str,
        id: String,
        timeout_ms: Option<u64>,
        on_progress: Option<Py<PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || {
            let client = self.checked(py)?.clone();
            let waiter: ucs_bridge::Waiter = waiter.parse().map_err(|e| to_py_err(py, &e))?;
            let (report, errors) = progress_reporter(on_progress);
            runtime::awaitable(
                py,
                async move { ucs_bridge::wait(&client, waiter, &id, timeout_ms, report).await },
                move |py, answer| match errors.lock().ok().and_then(|mut e| e.take()) {
                    Some(e) => Err(e),
                    None => to_py(py, &answer),
                },
            )
        })
    }
}

type ErrorSlot = std::sync::Arc<std::sync::Mutex<Option<PyErr>>>;

/// A progress callback that calls the Python callable (once it raised, it is not called again
/// and its exception is raised when the wait ends).
fn progress_reporter(callback: Option<Py<PyAny>>) -> (impl FnMut(Value) + Send, ErrorSlot) {
    let errors: ErrorSlot = Default::default();
    let slot = errors.clone();
    let report = move |event: Value| {
        let Some(callback) = &callback else { return };
        let Ok(mut failed) = slot.lock() else { return };
        if failed.is_some() {
            return;
        }
        Python::attach(|py| {
            let outcome = to_py(py, &event).and_then(|e| callback.call1(py, (e,)));
            if let Err(e) = outcome {
                *failed = Some(e);
            }
        });
    };
    (report, errors)
}

/// `repr` text: `endpoint='...', auth=aksk, ak='AKAK...'`.
fn summary_text(summary: &ucs_bridge::Summary) -> String {
    let mut text = format!("endpoint='{}', auth={}", summary.endpoint, summary.auth);
    if let Some(ak) = &summary.ak {
        text.push_str(&format!(", ak='{ak}'"));
    }
    text
}
