//! `UcsClient`: the entry point (the resource groups it hands out are generated in operations.rs).

use std::sync::Arc;

use crate::error::guard;
use ucs_sdk::SecretString;

use crate::{ClientOptions, Karmada, Kubeconfig, Result};

/// A UCS client. Cheap to share; every group it hands out uses the same connections.
#[derive(Debug, uniffi::Object)]
#[uniffi::export(Debug)]
pub struct UcsClient {
    pub(crate) inner: ucs_sdk::Client,
}

#[uniffi::export]
impl UcsClient {
    /// A client built from `options` (unset values keep the SDK defaults).
    #[uniffi::constructor]
    pub fn new(options: ClientOptions) -> Result<Arc<Self>> {
        guard(|| {
            let inner = options.builder()?.build()?;
            Ok(Arc::new(Self { inner }))
        })
    }

    /// A client configured from `HUAWEICLOUD_SDK_*` / `UCS_*` variables and
    /// `~/.huaweicloud/credentials`, with `options` taking precedence.
    #[uniffi::constructor]
    pub fn from_env(options: ClientOptions) -> Result<Arc<Self>> {
        guard(|| {
            let inner = options.builder()?.from_env()?.build()?;
            Ok(Arc::new(Self { inner }))
        })
    }

    /// The Karmada gateway of federated fleet `fleet_name`, authenticated by `token` (the
    /// bearer token of the fleet's kubeconfig, or a ServiceAccount's).
    pub fn karmada(&self, fleet_name: String, token: SecretString) -> Result<Arc<Karmada>> {
        guard(|| {
            let inner = self.inner.karmada(&fleet_name, token.expose())?;
            Ok(Karmada::new(inner))
        })
    }

    /// The gateway a federation kubeconfig opens: its current context's server, bearer token
    /// and CA; this client's transport options (proxy, timeouts, retries) apply.
    pub fn karmada_from_kubeconfig(&self, kubeconfig: Arc<Kubeconfig>) -> Result<Arc<Karmada>> {
        guard(|| {
            let inner = self.inner.karmada_from_kubeconfig(kubeconfig.inner())?;
            Ok(Karmada::new(inner))
        })
    }

    /// The gateway of `fleet_name` authenticated by this client's IAM token (token or
    /// user/password credentials; AK/SK have none).
    pub fn karmada_with_iam(&self, fleet_name: String) -> Result<Arc<Karmada>> {
        guard(|| {
            let inner = self.inner.karmada_with_iam(&fleet_name)?;
            Ok(Karmada::new(inner))
        })
    }
}
