//! `Kubeconfig`: the federation kubeconfig, as an object rather than a record.
//!
//! The core's `Kubeconfig` is a newtype with a tolerant hand-written decoder and holds
//! credentials; a record would print them in Kotlin's `toString()`. This object shows only the
//! servers in its text form and hands out the document as JSON text on request.

use std::path::Path;
use std::sync::Arc;

use ucs_sdk::{kubeconfig_file, models};

use crate::error::guard;
use crate::Result;

/// A kubeconfig holding credentials: `toString()`/`description` show the servers only.
#[derive(uniffi::Object)]
#[uniffi::export(Display)]
pub struct Kubeconfig {
    inner: models::Kubeconfig,
}

impl From<models::Kubeconfig> for Kubeconfig {
    fn from(inner: models::Kubeconfig) -> Self {
        Self { inner }
    }
}

impl Kubeconfig {
    /// The core's document.
    pub(crate) fn inner(&self) -> &models::Kubeconfig {
        &self.inner
    }
}

impl std::fmt::Display for Kubeconfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Kubeconfig(servers={:?})", self.servers())
    }
}

#[uniffi::export]
impl Kubeconfig {
    /// A kubeconfig from its YAML or JSON text, e.g. a file `writeTo` wrote.
    #[uniffi::constructor]
    pub fn from_text(text: String) -> Result<Arc<Self>> {
        guard(|| {
            let inner = models::Kubeconfig::from_body(text.as_bytes())
                .map_err(|reason| ucs_sdk::Error::invalid("kubeconfig", reason))?;
            Ok(Arc::new(Self { inner }))
        })
    }

    /// The YAML text a Kubernetes client (kubectl, client-go, the Kotlin and Swift clients)
    /// reads; `apiVersion` and `kind` are filled in when missing.
    pub fn to_yaml(&self) -> Result<String> {
        guard(|| Ok(kubeconfig_file::render(&self.inner)?))
    }

    /// Writes `toYaml()` to `path` atomically with mode 0600 (it holds a bearer token),
    /// creating the parent directory; point `KUBECONFIG` or `--kubeconfig` at it.
    pub fn write_to(&self, path: String) -> Result<()> {
        guard(|| Ok(kubeconfig_file::write(&self.inner, Path::new(&path))?))
    }

    /// The whole document as JSON text, ready to save as `~/.kube/config`.
    pub fn to_json(&self) -> String {
        self.inner.to_json()
    }

    /// The API server of every cluster entry.
    pub fn servers(&self) -> Vec<String> {
        self.inner
            .0
            .clusters
            .iter()
            .filter_map(|c| c.cluster.server.clone())
            .collect()
    }

    /// The current context, when set.
    pub fn current_context(&self) -> Option<String> {
        self.inner.0.current_context.clone()
    }
}
