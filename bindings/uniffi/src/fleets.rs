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
        Ok(self.ops.list(&query).await?)
    }

    /// Every fleet, a page per `next()` call (`limit` is the page size).
    pub fn pager(&self, query: PageQuery) -> Arc<FleetPager> {
        let size = page_size(query.limit);
        Arc::new(FleetPager::new(self.ops.iter(query), size))
    }

    /// Creates a fleet; answers its id.
    pub async fn register(&self, body: RegisterFleet) -> Result<Created> {
        Ok(self.ops.register(&body).await?)
    }

    /// One fleet.
    pub async fn get(&self, fleet_id: String) -> Result<ClusterGroup> {
        Ok(self.ops.get(&fleet_id).await?)
    }

    /// Deletes an empty fleet.
    pub async fn delete(&self, fleet_id: String) -> Result<()> {
        Ok(self.ops.delete(&fleet_id).await?)
    }

    /// Adds clusters to the fleet (never removes any).
    pub async fn add_clusters(&self, fleet_id: String, body: AddClusters) -> Result<()> {
        Ok(self.ops.add_clusters(&fleet_id, &body).await?)
    }

    /// Replaces the description.
    pub async fn update_description(
        &self,
        fleet_id: String,
        body: UpdateDescription,
    ) -> Result<()> {
        Ok(self.ops.update_description(&fleet_id, &body).await?)
    }

    /// Associates permission rules with namespaces of the fleet.
    pub async fn associate_rules(&self, fleet_id: String, body: AssociateRules) -> Result<()> {
        Ok(self.ops.associate_rules(&fleet_id, &body).await?)
    }

    /// Replaces the federation's DNS suffixes.
    pub async fn update_zones(&self, fleet_id: String, body: UpdateZones) -> Result<()> {
        Ok(self.ops.update_zones(&fleet_id, &body).await?)
    }

    /// Starts enabling federation (follow it with `waitFederation`).
    pub async fn enable_federation(
        &self,
        fleet_id: String,
        query: EnableFederationQuery,
    ) -> Result<()> {
        Ok(self.ops.enable_federation(&fleet_id, &query).await?)
    }

    /// Disables federation.
    pub async fn disable_federation(&self, fleet_id: String) -> Result<()> {
        Ok(self.ops.disable_federation(&fleet_id).await?)
    }

    /// The federation job and its sub-jobs.
    pub async fn federation_progress(&self, fleet_id: String) -> Result<Job> {
        Ok(self.ops.federation_progress(&fleet_id).await?)
    }

    /// Creates the network connection and answers the federation kubeconfig.
    pub async fn create_federation_kubeconfig(
        &self,
        fleet_id: String,
        body: FederationKubeconfigRequest,
    ) -> Result<Arc<Kubeconfig>> {
        let doc = self
            .ops
            .create_federation_kubeconfig(&fleet_id, &body)
            .await?;
        Ok(Arc::new(doc.into()))
    }

    /// Creates the VPC endpoint to the federation API server.
    pub async fn create_federation_connection(
        &self,
        fleet_id: String,
        body: FederationConnectionRequest,
    ) -> Result<FederationConnection> {
        Ok(self
            .ops
            .create_federation_connection(&fleet_id, &body)
            .await?)
    }

    /// The federation kubeconfig, once connected.
    pub async fn download_federation_kubeconfig(
        &self,
        fleet_id: String,
        body: DownloadKubeconfigRequest,
    ) -> Result<Arc<Kubeconfig>> {
        let doc = self
            .ops
            .download_federation_kubeconfig(&fleet_id, &body)
            .await?;
        Ok(Arc::new(doc.into()))
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
    }
}
