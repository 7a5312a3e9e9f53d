//! `client.clusters()`: the cluster operations, under their canonical names.

use std::sync::Arc;

use ucs_sdk::models::{
    AccessInfoQuery, AssociateRules, Cluster, ClusterList, Created, JoinFleet, ListClustersQuery,
    ListManagedQuery, RegisterCluster, SupportedVersions, UpdateCluster,
};

use crate::error::guarded;
use crate::pager::page_size;
use crate::{ClusterPager, Result};

/// Cluster operations; get one with `client.clusters()`.
#[derive(Debug, uniffi::Object)]
pub struct Clusters {
    ops: ucs_sdk::ops::Clusters,
}

impl Clusters {
    pub(crate) fn new(ops: ucs_sdk::ops::Clusters) -> Self {
        Self { ops }
    }
}

#[uniffi::export(async_runtime = "tokio")]
impl Clusters {
    /// One page of clusters (`limit`/`offset` in the query).
    pub async fn list(&self, query: ListClustersQuery) -> Result<ClusterList> {
        guarded(async { Ok(self.ops.list(&query).await?) }).await
    }

    /// Every cluster matching `query`, a page per `next()` call (`limit` is the page size).
    pub fn pager(&self, query: ListClustersQuery) -> Arc<ClusterPager> {
        let size = page_size(query.limit);
        Arc::new(ClusterPager::new(self.ops.iter(query), size))
    }

    /// One cluster.
    pub async fn get(&self, cluster_id: String) -> Result<Cluster> {
        guarded(async { Ok(self.ops.get(&cluster_id).await?) }).await
    }

    /// Registers a cluster; answers its id.
    pub async fn register(&self, body: RegisterCluster) -> Result<Created> {
        guarded(async { Ok(self.ops.register(&body).await?) }).await
    }

    /// Updates country, city or worker nodes.
    pub async fn update(&self, cluster_id: String, body: UpdateCluster) -> Result<()> {
        guarded(async { Ok(self.ops.update(&cluster_id, &body).await?) }).await
    }

    /// Unregisters a cluster.
    pub async fn delete(&self, cluster_id: String) -> Result<()> {
        guarded(async { Ok(self.ops.delete(&cluster_id).await?) }).await
    }

    /// The agent's access files (answered once only, so never retried once it may have been sent).
    pub async fn access_info(
        &self,
        cluster_id: String,
        query: AccessInfoQuery,
    ) -> Result<Vec<String>> {
        guarded(async { Ok(self.ops.access_info(&cluster_id, &query).await?) }).await
    }

    /// Activates a registered cluster.
    pub async fn activate(&self, cluster_id: String) -> Result<()> {
        guarded(async { Ok(self.ops.activate(&cluster_id).await?) }).await
    }

    /// Associates permission rules with namespaces of the cluster.
    pub async fn associate_rules(&self, cluster_id: String, body: AssociateRules) -> Result<()> {
        guarded(async { Ok(self.ops.associate_rules(&cluster_id, &body).await?) }).await
    }

    /// The account's CCE clusters.
    pub async fn list_managed(&self, query: ListManagedQuery) -> Result<Vec<Cluster>> {
        guarded(async { Ok(self.ops.list_managed(&query).await?) }).await
    }

    /// Kubernetes versions that can be registered.
    pub async fn supported_versions(&self) -> Result<SupportedVersions> {
        guarded(async { Ok(self.ops.supported_versions().await?) }).await
    }

    /// Adds the cluster to a fleet.
    pub async fn join_fleet(&self, cluster_id: String, body: JoinFleet) -> Result<()> {
        guarded(async { Ok(self.ops.join_fleet(&cluster_id, &body).await?) }).await
    }

    /// Removes the cluster from its fleet.
    pub async fn leave_fleet(&self, cluster_id: String) -> Result<()> {
        guarded(async { Ok(self.ops.leave_fleet(&cluster_id).await?) }).await
    }
}
