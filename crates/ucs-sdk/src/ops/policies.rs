//! `client.policies()`: Gatekeeper policy on clusters and fleets (official SDK only): enabling,
//! policy jobs and the `wait_job` waiter, policy definitions and policy instances.

use std::collections::HashMap;

use http::Method;

use super::wait::{poll, Polled};
use super::{query_pairs, seg, WaitOptions};
use crate::client::{body_of, Client};
use crate::error::{Error, Result};
use crate::models::*;
use crate::transport::Service;
use crate::validate;

/// Policy operations; get one with [`Client::policies`].
#[derive(Debug, Clone)]
pub struct Policies {
    client: Client,
}

impl Policies {
    pub(crate) fn new(client: Client) -> Self {
        Self { client }
    }

    async fn job_call(
        &self,
        method: Method,
        path: String,
        query: Option<Vec<(String, String)>>,
        body: Option<&PolicyInstanceRequest>,
    ) -> Result<PolicyJobCreated> {
        let mut req = self.client.request(Service::Ucs, method, path)?;
        if let Some(query) = query {
            req.query = query;
        }
        if let Some(body) = body {
            req.body = Some(body_of(body)?);
        }
        self.client.call(req).await
    }

    /// `POST /v1/clusters/{clusterid}/policy`: starts installing the policy engine on a
    /// cluster; answers the job id (see [`Policies::wait_job`]).
    pub async fn enable_cluster(
        &self,
        cluster_id: &str,
        query: &EnablePolicyQuery,
    ) -> Result<PolicyJobCreated> {
        validate::cluster_id("cluster_id", cluster_id)?;
        let path = format!("/v1/clusters/{}/policy", seg(cluster_id));
        self.job_call(Method::POST, path, Some(query_pairs(query)?), None)
            .await
    }

    /// `DELETE /v1/clusters/{clusterid}/policy`: starts removing it.
    pub async fn disable_cluster(&self, cluster_id: &str) -> Result<PolicyJobCreated> {
        validate::cluster_id("cluster_id", cluster_id)?;
        let path = format!("/v1/clusters/{}/policy", seg(cluster_id));
        self.job_call(Method::DELETE, path, None, None).await
    }

    /// `POST /v1/clusters/{clusterid}/policyinstance`: applies a policy definition to a cluster.
    pub async fn create_cluster_instance(
        &self,
        cluster_id: &str,
        body: &PolicyInstanceRequest,
    ) -> Result<PolicyJobCreated> {
        validate::cluster_id("cluster_id", cluster_id)?;
        body.check(true)?;
        let path = format!("/v1/clusters/{}/policyinstance", seg(cluster_id));
        self.job_call(Method::POST, path, None, Some(body)).await
    }

    /// `POST /v1/clustergroups/{clustergroupid}/policy`: the same for a fleet.
    pub async fn enable_fleet(
        &self,
        fleet_id: &str,
        query: &EnablePolicyQuery,
    ) -> Result<PolicyJobCreated> {
        validate::id("fleet_id", fleet_id)?;
        let path = format!("/v1/clustergroups/{}/policy", seg(fleet_id));
        self.job_call(Method::POST, path, Some(query_pairs(query)?), None)
            .await
    }

    /// `DELETE /v1/clustergroups/{clustergroupid}/policy`.
    pub async fn disable_fleet(&self, fleet_id: &str) -> Result<PolicyJobCreated> {
        validate::id("fleet_id", fleet_id)?;
        let path = format!("/v1/clustergroups/{}/policy", seg(fleet_id));
        self.job_call(Method::DELETE, path, None, None).await
    }

    /// `POST /v1/clustergroups/{clustergroupid}/policyinstance`.
    pub async fn create_fleet_instance(
        &self,
        fleet_id: &str,
        body: &PolicyInstanceRequest,
    ) -> Result<PolicyJobCreated> {
        validate::id("fleet_id", fleet_id)?;
        body.check(true)?;
        let path = format!("/v1/clustergroups/{}/policyinstance", seg(fleet_id));
        self.job_call(Method::POST, path, None, Some(body)).await
    }

    /// `GET /v1/policy/jobs?kind=...`: the jobs of one kind (`EnablePolicy` by default).
    pub async fn list_jobs(&self, query: &ListPolicyJobsQuery) -> Result<PolicyJobList> {
        validate::opt_one_of("kind", query.kind.as_deref(), POLICY_JOB_KINDS)?;
        let mut req = self
            .client
            .request(Service::Ucs, Method::GET, "/v1/policy/jobs".into())?;
        req.query = query_pairs(query)?;
        self.client.call(req).await
    }

    /// `GET /v1/policy/jobs/{jobid}`: one job and its tasks.
    pub async fn get_job(&self, job_id: &str) -> Result<PolicyJob> {
        validate::id("job_id", job_id)?;
        let path = format!("/v1/policy/jobs/{}", seg(job_id));
        let req = self.client.request(Service::Ucs, Method::GET, path)?;
        self.client.call(req).await
    }

    /// `GET /v1/policydefinitions`: the catalogue of policy definitions.
    pub async fn list_definitions(&self) -> Result<PolicyDefinitionList> {
        let req = self
            .client
            .request(Service::Ucs, Method::GET, "/v1/policydefinitions".into())?;
        self.client.call(req).await
    }

    /// `GET /v1/policydefinitions/{policydefinitionid}`.
    pub async fn get_definition(&self, definition_id: &str) -> Result<PolicyDefinition> {
        validate::id("definition_id", definition_id)?;
        let path = format!("/v1/policydefinitions/{}", seg(definition_id));
        let req = self.client.request(Service::Ucs, Method::GET, path)?;
        self.client.call(req).await
    }

    /// `PUT /v1/policydefinitions/{policydefinitionid}` (`UpdatePolicyDefination` in the
    /// official SDKs): replaces the definition's tags; answers the definition.
    pub async fn update_definition(
        &self,
        definition_id: &str,
        body: &UpdatePolicyDefinition,
    ) -> Result<PolicyDefinition> {
        validate::id("definition_id", definition_id)?;
        body.tags()?;
        let path = format!("/v1/policydefinitions/{}", seg(definition_id));
        let mut req = self.client.request(Service::Ucs, Method::PUT, path)?;
        req.body = Some(body_of(body)?);
        self.client.call(req).await
    }

    /// `GET /v1/policyinstances`: every policy instance of the account.
    pub async fn list_instances(&self) -> Result<PolicyInstanceList> {
        let req = self
            .client
            .request(Service::Ucs, Method::GET, "/v1/policyinstances".into())?;
        self.client.call(req).await
    }

    /// `GET /v1/policyinstances/{policyinstanceid}`.
    pub async fn get_instance(&self, instance_id: &str) -> Result<PolicyInstance> {
        validate::id("instance_id", instance_id)?;
        let path = format!("/v1/policyinstances/{}", seg(instance_id));
        let req = self.client.request(Service::Ucs, Method::GET, path)?;
        self.client.call(req).await
    }

    /// `PUT /v1/policyinstances/{policyinstanceid}`: changes the action, namespaces or
    /// parameters; answers the job that applies it.
    pub async fn update_instance(
        &self,
        instance_id: &str,
        body: &PolicyInstanceRequest,
    ) -> Result<PolicyJobCreated> {
        validate::id("instance_id", instance_id)?;
        body.check(false)?;
        let path = format!("/v1/policyinstances/{}", seg(instance_id));
        self.job_call(Method::PUT, path, None, Some(body)).await
    }

    /// `DELETE /v1/policyinstances/{policyinstanceid}`: answers the job that removes it.
    pub async fn delete_instance(&self, instance_id: &str) -> Result<PolicyJobCreated> {
        validate::id("instance_id", instance_id)?;
        let path = format!("/v1/policyinstances/{}", seg(instance_id));
        self.job_call(Method::DELETE, path, None, None).await
    }

    /// Polls [`Policies::get_job`] until the job succeeds, fails or `options.timeout` passes,
    /// calling `on_progress` for each status change of the job and its tasks.
    ///
    /// Returns the final job; a failure ([`Error::JobFailed`]) names the task that failed and
    /// its reason.
    pub async fn wait_job<F>(
        &self,
        job_id: &str,
        options: &WaitOptions,
        mut on_progress: F,
    ) -> Result<PolicyJob>
    where
        F: FnMut(&ProgressEvent) + Send,
    {
        validate::id("job_id", job_id)?;
        let mut seen: HashMap<String, String> = HashMap::new();
        poll(
            options,
            || self.get_job(job_id),
            |job: PolicyJob| {
                report_changes(&job, &mut seen, &mut on_progress);
                if let Some(task) = job.tasks().iter().find(|t| t.is_failure()) {
                    return Err(job_failed(
                        job_id,
                        task.task_type(),
                        task.phase(),
                        task.reason(),
                    ));
                }
                if job.is_failure() {
                    return Err(job_failed(
                        job_id,
                        job.job_type(),
                        job.phase(),
                        job.reason(),
                    ));
                }
                if job.is_success() {
                    return Ok(Polled::Done(job));
                }
                Ok(Polled::Pending(format!("{:?}", job.phase())))
            },
            |status| format!("waiting for policy job {job_id} (last status {status})"),
        )
        .await
    }
}

fn job_failed(job_id: &str, task: &str, phase: &str, reason: &str) -> Error {
    Error::JobFailed {
        job_id: job_id.to_owned(),
        task: task.to_owned(),
        phase: phase.to_owned(),
        reason: reason.to_owned(),
    }
}

fn report_changes<F: FnMut(&ProgressEvent)>(
    job: &PolicyJob,
    seen: &mut HashMap<String, String>,
    on_progress: &mut F,
) {
    let top = std::iter::once((
        job.job_type(),
        false,
        "job".to_owned(),
        job.phase(),
        job.reason(),
    ));
    let tasks = job.tasks().iter().enumerate().map(|(i, t)| {
        let key = match t.metadata.as_ref().and_then(|m| m.uid.as_deref()) {
            Some(uid) => uid.to_owned(),
            None => format!("{}#{i}", t.task_type()),
        };
        (t.task_type(), true, key, t.phase(), t.reason())
    });
    // Tasks first, so that the job's own end is the last event.
    for (kind, is_sub_job, key, phase, reason) in tasks.chain(top) {
        if phase.is_empty() || seen.get(&key).map(String::as_str) == Some(phase) {
            continue;
        }
        let previous_phase = seen.insert(key, phase.to_owned());
        on_progress(&ProgressEvent {
            job: kind.to_owned(),
            is_sub_job,
            previous_phase,
            phase: phase.to_owned(),
            reason: reason.to_owned(),
        });
    }
}
