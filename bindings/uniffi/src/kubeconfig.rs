//! `Kubeconfig`: the federation kubeconfig, as an object rather than a record.
//!
//! The core's `Kubeconfig` is a newtype with a tolerant hand-written decoder and holds
//! credentials; a record would print them in Kotlin's `toString()`. This object shows only the
//! servers in its text form and hands out the document as JSON text on request.

use ucs_sdk::models;

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

impl std::fmt::Display for Kubeconfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Kubeconfig(servers={:?})", self.servers())
    }
}

#[uniffi::export]
impl Kubeconfig {
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
