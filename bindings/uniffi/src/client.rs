//! `UcsClient`: the entry point, handing out the resource groups.

use std::sync::Arc;

use crate::error::guard;
use crate::{ClientOptions, Clusters, Fleets, Hss, Iam, Result, Rules};

/// A UCS client. Cheap to share; every group it hands out uses the same connections.
#[derive(Debug, uniffi::Object)]
#[uniffi::export(Debug)]
pub struct UcsClient {
    inner: ucs_sdk::Client,
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

    /// Cluster operations.
    pub fn clusters(&self) -> Arc<Clusters> {
        Arc::new(Clusters::new(self.inner.clusters()))
    }

    /// Fleet operations, federation included.
    pub fn fleets(&self) -> Arc<Fleets> {
        Arc::new(Fleets::new(self.inner.fleets()))
    }

    /// Permission rule operations.
    pub fn rules(&self) -> Arc<Rules> {
        Arc::new(Rules::new(self.inner.rules()))
    }

    /// HSS multi-cloud cluster creation.
    pub fn hss(&self) -> Arc<Hss> {
        Arc::new(Hss::new(self.inner.hss()))
    }

    /// IAM helpers: token, project id, domain id.
    pub fn iam(&self) -> Arc<Iam> {
        Arc::new(Iam::new(self.inner.iam()))
    }
}
