//! `NativeKarmada`: a fleet's Karmada gateway over `ucs_bridge::karmada`, one `call` (blocking
//! or awaitable) for every verb; `write_kubeconfig` saves a kubeconfig for standard tools.

use std::path::PathBuf;

use pyo3::prelude::*;
use ucs_bridge::karmada::{karmada_call, karmada_handle, KarmadaAuth, KarmadaCall};

use crate::client::NativeClient;
use crate::convert::from_py;
use crate::errors::{forked, guard, to_py_err};
use crate::to_python::to_py;
use crate::{blocking, runtime};

/// A gateway handle; made by `ucs_sdk.karmada.Karmada` and `AsyncKarmada`.
#[pyclass(module = "ucs_sdk._native", frozen)]
pub(crate) struct NativeKarmada {
    karmada: ucs_sdk::karmada::Karmada,
    /// The process that made the handle: its connections belong to that process's runtime.
    pid: u32,
}

/// The arguments of one call, converted while the GIL is held.
fn call_of(
    verb: String,
    kind_or_uri: String,
    namespace: Option<String>,
    name: Option<String>,
    params: Option<&Bound<'_, PyAny>>,
    body: Option<&Bound<'_, PyAny>>,
) -> PyResult<KarmadaCall> {
    Ok(KarmadaCall {
        verb,
        kind_or_uri,
        namespace,
        name,
        params: params.map(|p| from_py(p, "params")).transpose()?,
        body: body.map(|b| from_py(b, "body")).transpose()?,
    })
}

impl NativeKarmada {
    fn checked(&self, py: Python<'_>) -> PyResult<ucs_sdk::karmada::Karmada> {
        if self.pid == std::process::id() {
            Ok(self.karmada.clone())
        } else {
            Err(forked(py))
        }
    }
}

#[pymethods]
impl NativeKarmada {
    /// The gateway of `fleet_name` with a bearer `token`, the gateway a federation `kubeconfig`
    /// (dict or text) names, or, with neither, the client's IAM token.
    #[new]
    #[pyo3(signature = (client, fleet_name=None, token=None, kubeconfig=None))]
    fn new(
        py: Python<'_>,
        client: &Bound<'_, NativeClient>,
        fleet_name: Option<String>,
        token: Option<String>,
        kubeconfig: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        guard(py, || {
            let core = client.get().checked(py)?;
            let auth = match (token, kubeconfig) {
                (Some(_), Some(_)) => {
                    let e =
                        ucs_sdk::Error::invalid("token", "give a token or a kubeconfig, not both");
                    return Err(to_py_err(py, &e));
                }
                (Some(t), None) => KarmadaAuth::Token(t),
                (None, Some(k)) => KarmadaAuth::Kubeconfig(from_py(k, "kubeconfig")?),
                (None, None) => KarmadaAuth::Iam,
            };
            let karmada =
                karmada_handle(core, fleet_name.as_deref(), auth).map_err(|e| to_py_err(py, &e))?;
            Ok(Self {
                karmada,
                pid: std::process::id(),
            })
        })
    }

    /// The gateway base URL.
    fn base_url(&self, py: Python<'_>) -> PyResult<String> {
        guard(py, || Ok(self.karmada.base_url().to_owned()))
    }

    /// Runs one gateway call (`ucs_bridge::karmada::KarmadaCall`) and answers its JSON.
    #[pyo3(signature = (verb, kind_or_uri, namespace=None, name=None, params=None, body=None))]
    #[allow(clippy::too_many_arguments)]
    fn call(
        &self,
        py: Python<'_>,
        verb: String,
        kind_or_uri: String,
        namespace: Option<String>,
        name: Option<String>,
        params: Option<&Bound<'_, PyAny>>,
        body: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        guard(py, || {
            let karmada = self.checked(py)?;
            let call = call_of(verb, kind_or_uri, namespace, name, params, body)?;
            let answer = blocking::run(py, async move {
                ucs_bridge::guarded(karmada_call(&karmada, call)).await
            })?;
            to_py(py, &answer).map(Bound::unbind)
        })
    }

    /// The awaitable twin of `call`.
    #[pyo3(signature = (verb, kind_or_uri, namespace=None, name=None, params=None, body=None))]
    #[allow(clippy::too_many_arguments)]
    fn call_async<'py>(
        &self,
        py: Python<'py>,
        verb: String,
        kind_or_uri: String,
        namespace: Option<String>,
        name: Option<String>,
        params: Option<&Bound<'py, PyAny>>,
        body: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || {
            let karmada = self.checked(py)?;
            let call = call_of(verb, kind_or_uri, namespace, name, params, body)?;
            runtime::awaitable(
                py,
                async move { karmada_call(&karmada, call).await },
                |py, answer| to_py(py, &answer),
            )
        })
    }
}

/// Writes `kubeconfig` (dict or text) to `path` as the YAML file kubectl reads: mode 0600,
/// atomically.
#[pyfunction]
pub(crate) fn write_kubeconfig(
    py: Python<'_>,
    kubeconfig: &Bound<'_, PyAny>,
    path: PathBuf,
) -> PyResult<()> {
    guard(py, || {
        let doc = from_py(kubeconfig, "kubeconfig")?;
        py.detach(|| ucs_bridge::karmada::write_kubeconfig(doc, &path))
            .map_err(|e| to_py_err(py, &e))
    })
}
