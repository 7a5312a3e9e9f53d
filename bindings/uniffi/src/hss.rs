//! `client.hss()`: HSS multi-cloud cluster creation.

use ucs_sdk::models::{
    CreateMulticloudCluster, CreateMulticloudClusterQuery, MulticloudClusterCreated,
};

use crate::error::guarded;
use crate::Result;

/// HSS operations; get one with `client.hss()`.
#[derive(Debug, uniffi::Object)]
pub struct Hss {
    ops: ucs_sdk::ops::Hss,
}

impl Hss {
    pub(crate) fn new(ops: ucs_sdk::ops::Hss) -> Self {
        Self { ops }
    }
}

#[uniffi::export(async_runtime = "tokio")]
impl Hss {
    /// Creates a multi-cloud cluster in HSS; answers its id.
    pub async fn create_multicloud_cluster(
        &self,
        body: CreateMulticloudCluster,
        query: CreateMulticloudClusterQuery,
    ) -> Result<MulticloudClusterCreated> {
        guarded(async { Ok(self.ops.create_multicloud_cluster(&body, &query).await?) }).await
    }
}
