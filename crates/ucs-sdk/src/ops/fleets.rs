//! `client.fleets()`: the 14 fleet operations of reference 3.2 plus the `wait_federation` waiter.

use std::collections::HashMap;

use http::Method;

use super::wait::{poll, Polled};
use super::{query_pairs, seg, WaitOptions};
use crate::client::{body_of, Client};
use crate::error::{Error, Result};
use crate::models::*;
use crate::paginate::{paginate_query, ItemStream};
use crate::transport::Service;
use crate::validate;

/// Fleet operations; get one with [`Client::fleets`].
#[derive(Debug, Clone)]
pub struct Fleets {
    // Also read by `workloads.rs`, which adds the united-workload methods.
    pub(super) client: Client,
}

fn check_fleet_id(id: &str) -> Result<()> {
    Ok(validate::id("fleet_id", id)?)
}

fn check_duration(days: i64) -> Result<()> {
    Ok(validate::range(
        "duration",
        days,
        validate::DURATION_DAYS.0,
        validate::DURATION_DAYS.1,
    )?)
}

fn check_network(project: &str, vpc: &str, subnet: &str) -> Result<()> {
    validate::required("projectID", project)?;
    validate::required("vpcID", vpc)?;
    Ok(validate::required("subnetID", subnet)?)
}

fn check_cluster_ids(ids: &[String], field: &str) -> Result<()> {
    for (i, id) in ids.iter().enumerate() {
        validate::cluster_id(&format!("{field}[{i}]"), id)?;
    }
    Ok(())
}

impl Fleets {
    pub(crate) fn new(client: Client) -> Self {
        Self { client }
    }

    fn path(id: &str, tail: &str) -> String {
        format!("/v1/clustergroups/{}{tail}", seg(id))
    }

    /// `GET /v1/clustergroups`: one page of fleets.
    pub async fn list(&self, query: &PageQuery) -> Result<ClusterGroupList> {
        validate::paging(
            query.limit,
            query.offset,
            query.order_by.as_deref(),
            query.order.as_deref(),
        )?;
        let mut req = self
            .client
            .request(Service::Ucs, Method::GET, "/v1/clustergroups".into())?;
        req.query = query_pairs(query)?;
        self.client.call(req).await
    }

    /// Every fleet, page after page (`limit` is the page size, default 50).
    pub fn iter(&self, query: PageQuery) -> ItemStream<ClusterGroup> {
        let this = self.clone();
        paginate_query(query, move |q| {
            let this = this.clone();
            async move { this.list(&q).await.map(|page| (page.items, page.total)) }
        })
    }

    /// `POST /v1/clustergroups` (sent as JSON, never form-encoded).
    pub async fn register(&self, body: &RegisterFleet) -> Result<Created> {
        validate::length("metadata.name", &body.metadata.name, 1, validate::NAME_MAX)?;
        if let Some(spec) = &body.spec {
            if let Some(d) = &spec.description {
                validate::length("spec.description", d, 0, validate::DESCRIPTION_MAX)?;
            }
            check_cluster_ids(
                spec.cluster_ids.as_deref().unwrap_or_default(),
                "spec.clusterIds",
            )?;
        }
        let mut req =
            self.client
                .request(Service::Ucs, Method::POST, "/v1/clustergroups".into())?;
        req.body = Some(body_of(body)?);
        self.client.call(req).await
    }

    /// `GET /v1/clustergroups/{id}`.
    pub async fn get(&self, fleet_id: &str) -> Result<ClusterGroup> {
        check_fleet_id(fleet_id)?;
        let req = self
            .client
            .request(Service::Ucs, Method::GET, Self::path(fleet_id, ""))?;
        self.client.call(req).await
    }

    /// `DELETE /v1/clustergroups/{id}`: only an empty fleet can be deleted.
    pub async fn delete(&self, fleet_id: &str) -> Result<()> {
        check_fleet_id(fleet_id)?;
        let req = self
            .client
            .request(Service::Ucs, Method::DELETE, Self::path(fleet_id, ""))?;
        self.client.call_empty(req).await
    }

    /// `PUT .../associatedclusters`: adds clusters, never removes any.
    pub async fn add_clusters(&self, fleet_id: &str, body: &AddClusters) -> Result<()> {
        check_fleet_id(fleet_id)?;
        check_cluster_ids(&body.cluster_ids, "clusterIds")?;
        self.put(fleet_id, "/associatedclusters", body).await
    }

    /// `PUT .../description`.
    pub async fn update_description(&self, fleet_id: &str, body: &UpdateDescription) -> Result<()> {
        check_fleet_id(fleet_id)?;
        validate::length(
            "description",
            &body.description,
            0,
            validate::DESCRIPTION_MAX,
        )?;
        self.put(fleet_id, "/description", body).await
    }

    /// `PUT .../associatedrules`.
    pub async fn associate_rules(&self, fleet_id: &str, body: &AssociateRules) -> Result<()> {
        check_fleet_id(fleet_id)?;
        for (i, item) in body.rule_id_namespaces.iter().enumerate() {
            for (j, id) in item.rule_ids.iter().enumerate() {
                validate::id(&format!("ruleIDNamespaces[{i}].ruleIDs[{j}]"), id)?;
            }
        }
        self.put(fleet_id, "/associatedrules", body).await
    }

    /// `PUT .../associatedzones`: the federation's DNS suffixes.
    pub async fn update_zones(&self, fleet_id: &str, body: &UpdateZones) -> Result<()> {
        check_fleet_id(fleet_id)?;
        self.put(fleet_id, "/associatedzones", body).await
    }

    async fn put<B: serde::Serialize>(&self, fleet_id: &str, tail: &str, body: &B) -> Result<()> {
        let mut req = self
            .client
            .request(Service::Ucs, Method::PUT, Self::path(fleet_id, tail))?;
        req.body = Some(body_of(body)?);
        self.client.call_empty(req).await
    }

    /// `POST .../federations`: starts enabling federation (see [`Fleets::wait_federation`]).
    pub async fn enable_federation(
        &self,
        fleet_id: &str,
        query: &EnableFederationQuery,
    ) -> Result<()> {
        check_fleet_id(fleet_id)?;
        let mut req = self.client.request(
            Service::Ucs,
            Method::POST,
            Self::path(fleet_id, "/federations"),
        )?;
        req.query = query_pairs(query)?;
        self.client.call_empty(req).await
    }

    /// `DELETE .../federations`.
    pub async fn disable_federation(&self, fleet_id: &str) -> Result<()> {
        check_fleet_id(fleet_id)?;
        let req = self.client.request(
            Service::Ucs,
            Method::DELETE,
            Self::path(fleet_id, "/federations"),
        )?;
        self.client.call_empty(req).await
    }

    /// `GET .../federations/progress`: the federation job and its sub-jobs.
    pub async fn federation_progress(&self, fleet_id: &str) -> Result<Job> {
        check_fleet_id(fleet_id)?;
        let path = Self::path(fleet_id, "/federations/progress");
        let req = self.client.request(Service::Ucs, Method::GET, path)?;
        self.client.call(req).await
    }

    /// `POST .../cert`: creates the network connection and answers the federation kubeconfig.
    pub async fn create_federation_kubeconfig(
        &self,
        fleet_id: &str,
        body: &FederationKubeconfigRequest,
    ) -> Result<Kubeconfig> {
        check_fleet_id(fleet_id)?;
        check_network(&body.project_id, &body.vpc_id, &body.subnet_id)?;
        check_duration(body.duration)?;
        let mut req =
            self.client
                .request(Service::Ucs, Method::POST, Self::path(fleet_id, "/cert"))?;
        req.body = Some(body_of(body)?);
        self.kubeconfig(req).await
    }

    /// `POST .../connection`: creates the VPC endpoint to the federation API server.
    pub async fn create_federation_connection(
        &self,
        fleet_id: &str,
        body: &FederationConnectionRequest,
    ) -> Result<FederationConnection> {
        check_fleet_id(fleet_id)?;
        check_network(&body.project_id, &body.vpc_id, &body.subnet_id)?;
        let mut req = self.client.request(
            Service::Ucs,
            Method::POST,
            Self::path(fleet_id, "/connection"),
        )?;
        req.body = Some(body_of(body)?);
        self.client.call(req).await
    }

    /// `POST .../kubeconfig`: the federation kubeconfig, once connected.
    pub async fn download_federation_kubeconfig(
        &self,
        fleet_id: &str,
        body: &DownloadKubeconfigRequest,
    ) -> Result<Kubeconfig> {
        check_fleet_id(fleet_id)?;
        check_duration(body.duration)?;
        let mut req = self.client.request(
            Service::Ucs,
            Method::POST,
            Self::path(fleet_id, "/kubeconfig"),
        )?;
        req.body = Some(body_of(body)?);
        self.kubeconfig(req).await
    }

    /// Sends a kubeconfig call; the answer may be JSON or a YAML file (reference 3.2.16).
    async fn kubeconfig(&self, req: crate::transport::Request) -> Result<Kubeconfig> {
        let resp = self.client.send(req).await?;
        Kubeconfig::from_body(&resp.body).map_err(|message| Error::Decode {
            status: resp.status,
            request_id: resp.request_id.clone(),
            message,
        })
    }

    /// Polls `federation_progress` until the job succeeds, fails or `options.timeout` passes,
    /// calling `on_progress` for each phase change of the job and its sub-jobs.
    ///
    /// Returns the final job; a failure names the sub-job that failed.
    pub async fn wait_federation<F>(
        &self,
        fleet_id: &str,
        options: &WaitOptions,
        mut on_progress: F,
    ) -> Result<Job>
    where
        F: FnMut(&ProgressEvent) + Send,
    {
        check_fleet_id(fleet_id)?;
        let mut seen: HashMap<String, String> = HashMap::new();
        poll(
            options,
            || self.federation_progress(fleet_id),
            |job: Job| {
                report_changes(&job, &mut seen, &mut on_progress);
                if let Some(failed) = job.sub_jobs().iter().find(|j| j.is_failure()) {
                    return Err(federation_failed(fleet_id, failed));
                }
                if job.is_failure() {
                    return Err(federation_failed(fleet_id, &job));
                }
                if job.is_success() {
                    return Ok(Polled::Done(job));
                }
                Ok(Polled::Pending(format!("{:?}", job.phase())))
            },
            |phase| format!("waiting for the federation of fleet {fleet_id} (last phase {phase})"),
        )
        .await
    }
}

fn federation_failed(fleet_id: &str, job: &Job) -> Error {
    Error::FederationFailed {
        fleet_id: fleet_id.to_owned(),
        sub_job: job.job_type().to_owned(),
        phase: job.phase().to_owned(),
        reason: job.reason().to_owned(),
    }
}

fn job_key(job: &Job, index: usize) -> String {
    match job.metadata.as_ref().and_then(|m| m.uid.as_deref()) {
        Some(uid) => uid.to_owned(),
        None => format!("{}#{index}", job.job_type()),
    }
}

fn report_changes<F: FnMut(&ProgressEvent)>(
    job: &Job,
    seen: &mut HashMap<String, String>,
    on_progress: &mut F,
) {
    let top = std::iter::once((job, false, "job".to_owned()));
    let subs = job
        .sub_jobs()
        .iter()
        .enumerate()
        .map(|(i, j)| (j, true, job_key(j, i)));
    for (j, is_sub_job, key) in top.chain(subs) {
        let phase = j.phase();
        if phase.is_empty() || seen.get(&key).map(String::as_str) == Some(phase) {
            continue;
        }
        let previous_phase = seen.insert(key, phase.to_owned());
        on_progress(&ProgressEvent {
            job: j.job_type().to_owned(),
            is_sub_job,
            previous_phase,
            phase: phase.to_owned(),
            reason: j.reason().to_owned(),
        });
    }
}
