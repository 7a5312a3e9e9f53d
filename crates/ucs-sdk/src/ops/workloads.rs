//! `client.fleets()`, continued: federated ("united") workloads of a fleet and the federation
//! upgrade (`/v1/clustergroups/{id}/unitedworkload`, `.../federations/upgrade`; official SDKs only).

use http::Method;

use super::fleets::Fleets;
use super::{query_pairs, seg};
use crate::client::body_of;
use crate::error::Result;
use crate::models::*;
use crate::transport::Service;
use crate::validate;

/// Longest federation version accepted (`v1.10.7-t1023` is 13).
const VERSION_MAX: usize = 64;

fn workload_path(fleet_id: &str) -> Result<String> {
    validate::id("fleet_id", fleet_id)?;
    Ok(format!(
        "/v1/clustergroups/{}/unitedworkload",
        seg(fleet_id)
    ))
}

impl Fleets {
    /// `GET .../unitedworkload?kind=&namespace=&name=`: the workload with its policies and binding.
    pub async fn get_united_workload(
        &self,
        fleet_id: &str,
        query: &UnitedWorkloadQuery,
    ) -> Result<UnitedWorkload> {
        let path = workload_path(fleet_id)?;
        query.target()?;
        let mut req = self.client.request(Service::Ucs, Method::GET, path)?;
        req.query = query_pairs(query)?;
        self.client.call(req).await
    }

    /// `POST .../unitedworkload`: creates the workload, its PropagationPolicy (a default one
    /// selecting it when none is given) and its OverridePolicy.
    pub async fn create_united_workload(
        &self,
        fleet_id: &str,
        body: &UnitedWorkload,
    ) -> Result<()> {
        self.send_workload(Method::POST, fleet_id, body).await
    }

    /// `PUT .../unitedworkload`: replaces the workload and its policies.
    pub async fn update_united_workload(
        &self,
        fleet_id: &str,
        body: &UnitedWorkload,
    ) -> Result<()> {
        self.send_workload(Method::PUT, fleet_id, body).await
    }

    async fn send_workload(
        &self,
        method: Method,
        fleet_id: &str,
        body: &UnitedWorkload,
    ) -> Result<()> {
        let path = workload_path(fleet_id)?;
        body.target()?;
        let mut req = self.client.request(Service::Ucs, method, path)?;
        req.body = Some(body_of(body)?);
        self.client.call_empty(req).await
    }

    /// `DELETE .../unitedworkload?kind=&namespace=&name=`: removes the workload, its policies
    /// and bindings.
    pub async fn delete_united_workload(
        &self,
        fleet_id: &str,
        query: &UnitedWorkloadQuery,
    ) -> Result<()> {
        let path = workload_path(fleet_id)?;
        query.target()?;
        let mut req = self.client.request(Service::Ucs, Method::DELETE, path)?;
        req.query = query_pairs(query)?;
        self.client.call_empty(req).await
    }

    /// `POST .../federations/upgrade`: upgrades the fleet's federation (to the newest version
    /// when `targetVersion` is absent).
    pub async fn upgrade_federation(
        &self,
        fleet_id: &str,
        body: &UpgradeFederation,
    ) -> Result<FederationUpgrade> {
        validate::id("fleet_id", fleet_id)?;
        if let Some(version) = &body.target_version {
            validate::length("targetVersion", version, 1, VERSION_MAX)?;
        }
        let path = format!("/v1/clustergroups/{}/federations/upgrade", seg(fleet_id));
        let mut req = self.client.request(Service::Ucs, Method::POST, path)?;
        req.body = Some(body_of(body)?);
        self.client.call(req).await
    }
}
