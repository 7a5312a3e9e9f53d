//! `NativePager`: a page of JSON items per call, blocking or awaitable.

use std::sync::Arc;

use pyo3::prelude::*;
use tokio::sync::Mutex;
use ucs_bridge::{Answer, Pages};

use crate::errors::guard;
use crate::to_python::to_py;
use crate::{blocking, runtime};

/// Every item of a list operation, a page per call; `None` at the end.
#[pyclass(module = "ucs_sdk._native", frozen)]
pub(crate) struct NativePager {
    pages: Arc<Mutex<Pages<Answer>>>,
}

impl NativePager {
    pub(crate) fn new(pages: Pages<Answer>) -> Self {
        Self {
            pages: Arc::new(Mutex::new(pages)),
        }
    }
}

/// A page as a list (one conversion, so the key cache is taken once per page), or None at the end.
fn page_to_py<'py>(py: Python<'py>, page: Option<Vec<Answer>>) -> PyResult<Bound<'py, PyAny>> {
    to_py(py, &page)
}

#[pymethods]
impl NativePager {
    /// The next page of items, or `None` once every page was handed out.
    fn next_page(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        guard(py, || {
            let pages = self.pages.clone();
            let page = blocking::run(py, async move { pages.lock().await.next().await })?;
            page_to_py(py, page).map(Bound::unbind)
        })
    }

    /// The awaitable twin of `next_page`.
    fn next_page_async<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || {
            let pages = self.pages.clone();
            runtime::awaitable(
                py,
                async move { pages.lock().await.next().await },
                page_to_py,
            )
        })
    }
}
