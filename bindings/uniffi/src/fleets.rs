//! `client.fleets()`: the fleet operations under their canonical names, plus `waitFederation`.

use std::sync::Arc;
use std::time::Duration;

use ucs_sdk::models::{
    AddClusters, AssociateRules, ClusterGroup, ClusterGroupList, Created,
    DownloadKubeconfigRequest, EnableFederationQuery, FederationConnection,
    FederationConnectionRequest, FederationKubeconfigRequest, Job, PageQuery, RegisterFleet,
    UpdateDescription, UpdateZones,
};
use ucs_sdk::WaitOptions;

use crate::error::guarded;
use crate::pager::page_size;
use crate::{FleetPager, Kubeconfig, ProgressListener, Result};

/// Fleet operations; get one with `client.fleets()`.
#[derive(Debug, uniffi::Object)]
pub struct Fleets {
    ops: ucs_sdk::ops::Fleets,
}

impl Fleets {
    pub(crate) fn new(ops: ucs_sdk::ops::Fleets) -> Self {
        Self { ops }
    }
}

#[uniffi::export(async_runtime = "tokio")]
impl Fleets {
    /// One page of fleets.
    pub async fn list(&self, query: PageQuery) -> Result<ClusterGroupList> {
        guarded(async { Ok(self.ops.list(&query).await?) }).await
    }

    /// Every fleet, a page per `next()` call (`limit` is the page size).
    pub fn pager(&self, query: PageQuery) -> Arc<FleetPager> {
        let size = page_size(query.limit);
        Arc::new(FleetPager::new(self.ops.iter(query), size))
    }

    /// Creates a fleet; answers its id.
    pub async fn register(&self, body: RegisterFleet) -> Result<Created> {
        guarded(async { Ok(self.ops.register(&body).await?) }).await
    }

    /// One fleet.
    pub async fn get(&self, fleet_id: String) -> Result<ClusterGroup> {
        guarded(async { Ok(self.ops.get(&fleet_id).await?) }).await
    }

    /// Deletes an empty fleet.
    pub async fn delete(&self, fleet_id: String) -> Result<()> {
        guarded(async { Ok(self.ops.delete(&fleet_id).await?) }).await
    }

    /// Adds clusters to the fleet (never removes any).
    pub async fn add_clusters(&self, fleet_id: String, body: AddClusters) -> Result<()> {
        guarded(async { Ok(self.ops.add_clusters(&fleet_id, &body).await?) }).await
    }

    /// Replaces the description.
    pub async fn update_description(
        &self,
        fleet_id: String,
        body: UpdateDescription,
    ) -> Result<()> {
        guarded(async { Ok(self.ops.update_description(&fleet_id, &body).await?) }).await
    }

    /// Associates permission rules with namespaces of the fleet.
    pub async fn associate_rules(&self, fleet_id: String, body: AssociateRules) -> Result<()> {
        guarded(async { Ok(self.ops.associate_rules(&fleet_id, &body).await?) }).await
    }

    /// Replaces the federation's DNS suffixes.
    pub async fn update_zones(&self, fleet_id: String, body: UpdateZones) -> Result<()> {
        guarded(async { Ok(self.ops.update_zones(&fleet_id, &body).await?) }).await
    }

    /// Starts enabling federation (follow it with `waitFederation`).
    pub async fn enable_federation(
        &self,
        fleet_id: String,
        query: EnableFederationQuery,
    ) -> Result<()> {
        guarded(async { Ok(self.ops.enable_federation(&fleet_id, &query).await?) }).await
    }

    /// Disables federation.
    pub async fn disable_federation(&self, fleet_id: String) -> Result<()> {
        guarded(async { Ok(self.ops.disable_federation(&fleet_id).await?) }).await
    }

    /// The federation job and its sub-jobs.
    pub async fn federation_progress(&self, fleet_id: String) -> Result<Job> {
        guarded(async { Ok(self.ops.federation_progress(&fleet_id).await?) }).await
    }

    /// Creates the network connection and answers the federation kubeconfig.
    pub async fn create_federation_kubeconfig(
        &self,
        fleet_id: String,
        body: FederationKubeconfigRequest,
    ) -> Result<Arc<Kubeconfig>> {
        guarded(async {
            let doc = self
                .ops
                .create_federation_kubeconfig(&fleet_id, &body)
                .await?;
            Ok(Arc::new(doc.into()))
        })
        .await
    }

    /// Creates the VPC endpoint to the federation API server.
    pub async fn create_federation_connection(
        &self,
        fleet_id: String,
        body: FederationConnectionRequest,
    ) -> Result<FederationConnection> {
        guarded(async {
            Ok(self
                .ops
                .create_federation_connection(&fleet_id, &body)
                .await?)
        })
        .await
    }

    /// The federation kubeconfig, once connected.
    pub async fn download_federation_kubeconfig(
        &self,
        fleet_id: String,
        body: DownloadKubeconfigRequest,
    ) -> Result<Arc<Kubeconfig>> {
        guarded(async {
            let doc = self
                .ops
                .download_federation_kubeconfig(&fleet_id, &body)
                .await?;
            Ok(Arc::new(doc.into()))
        })
        .await
    }

    /// Polls the federation job until it succeeds (answers the final job), fails
    /// (`FederationFailed` naming the sub-job) or `timeoutMs` passes (`Timeout`), telling
    /// `listener` about every phase change.
    pub async fn wait_federation(
        &self,
        fleet_id: String,
        timeout_ms: u64,
        listener: Box<dyn ProgressListener>,
    ) -> Result<Job> {
        guarded(async {
            let options = WaitOptions {
                timeout: Duration::from_millis(timeout_ms),
                ..WaitOptions::default()
            };
            let job = self
                .ops
                .wait_federation(&fleet_id, &options, |event| {
                    listener.on_progress(event.clone())
                })
                .await?;
            Ok(job)
        })
        .await
    }
}
