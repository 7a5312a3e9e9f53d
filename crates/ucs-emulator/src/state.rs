//! The emulator's records, per account: clusters, fleets, rules, HSS clusters, Karmada objects.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use ucs_models::models::{Cluster, ClusterGroup, Rule, RuleIdNamespaces};

/// Everything the emulator knows; persisted as one JSON document.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub(crate) struct Store {
    /// Records per account (domain id).
    pub accounts: BTreeMap<String, Account>,
    /// Bearer tokens handed out in kubeconfigs: each opens one fleet's gateway.
    pub gateway_tokens: BTreeMap<String, GatewayGrant>,
    /// Bumped on every change; orders persistence writes.
    pub version: u64,
}

/// One account's resources.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub(crate) struct Account {
    pub clusters: BTreeMap<String, ClusterRecord>,
    pub fleets: BTreeMap<String, FleetRecord>,
    pub rules: BTreeMap<String, RuleRecord>,
    pub hss_clusters: BTreeMap<String, HssRecord>,
    /// Kubernetes objects per fleet name, keyed by collection path then object name.
    pub karmada: BTreeMap<String, BTreeMap<String, BTreeMap<String, Value>>>,
    /// Policy engines, policy jobs and instances (`crate::policy_jobs`).
    #[serde(default)]
    pub policies: crate::policy_jobs::PolicyState,
    /// Add-on instances by id (`routes::addons`).
    #[serde(default)]
    pub addons: BTreeMap<String, crate::routes::addons::AddonRecord>,
    /// DNS record sets by zone id (`routes::traffic`).
    #[serde(default)]
    pub record_sets: crate::routes::traffic::Zones,
    /// GitOps clusters, repositories and config sets (`routes::gitops`).
    #[serde(default)]
    pub gitops: crate::routes::gitops::GitOpsState,
    /// Creation counter: orders records created within the same instant.
    pub seq: u64,
}

/// A registered cluster.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct ClusterRecord {
    pub cluster: Cluster,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub seq: u64,
    /// Access info answers once.
    pub access_downloaded: bool,
    pub rules: Vec<RuleIdNamespaces>,
    /// Frozen through the control endpoint: changes answer 400 `UCS.01030016`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub frozen: bool,
    /// Whether the cluster's agent has connected; its status follows.
    #[serde(default)]
    pub agent: Agent,
}

impl ClusterRecord {
    /// Marks the record changed now, and keeps the stored `updateTimestamp` the one answers
    /// show, so that answering needs no copy of the record (routes/clusters.rs `render`).
    pub fn touch(&mut self) {
        self.updated_at = Utc::now();
        if let Some(meta) = self.cluster.metadata.as_mut() {
            meta.update_timestamp = Some(rfc3339(self.updated_at));
        }
    }
}

/// An attached cluster's agent, moved by `POST /_emulator/clusters/{id}/connect|disconnect`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Agent {
    /// Connected: the cluster is `Available`. The default, because records of state files written
    /// before the lifecycle was kept could join and federate.
    #[default]
    Connected,
    /// Registered, never connected: `Pending`.
    Pending,
    /// Connected once, lost since: `Unavailable`.
    Disconnected,
}

/// A fleet (cluster group).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct FleetRecord {
    pub fleet: ClusterGroup,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub seq: u64,
    pub rules: Vec<RuleIdNamespaces>,
    pub federation: Option<FederationRecord>,
}

/// A federation job and what it created.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct FederationRecord {
    pub job_id: String,
    pub sub_job_ids: Vec<String>,
    pub federation_id: String,
    pub started_at: DateTime<Utc>,
    pub duration_ms: u64,
    /// Scripted failure: this sub-job ends `Failed`.
    pub fail_sub_job: Option<String>,
    pub connection_id: Option<String>,
}

/// A permission rule.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct RuleRecord {
    pub rule: Rule,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub seq: u64,
}

/// An HSS multi-cloud cluster; secrets (repo password, kubeconfig) are not kept.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct HssRecord {
    pub cluster_id: String,
    pub project_id: String,
    pub enterprise_project_id: Option<String>,
    pub created_at: DateTime<Utc>,
    /// The request's non-secret fields.
    pub fields: BTreeMap<String, Value>,
}

impl Account {
    pub fn next_seq(&mut self) -> u64 {
        self.seq += 1;
        self.seq
    }

    /// Ids of the clusters whose `clusterGroupID` is this fleet.
    pub fn fleet_members(&self, fleet_id: &str) -> Vec<String> {
        self.clusters
            .iter()
            .filter(|(_, c)| cluster_fleet(&c.cluster) == Some(fleet_id))
            .map(|(id, _)| id.clone())
            .collect()
    }
}

/// The fleet a cluster belongs to, if any.
pub(crate) fn cluster_fleet(cluster: &Cluster) -> Option<&str> {
    cluster
        .spec
        .as_ref()
        .and_then(|s| s.cluster_group_id.as_deref())
        .filter(|id| !id.is_empty())
}

/// Timestamps as the reference prints cluster ones: `2023-11-02T06:36:14Z`.
pub(crate) fn rfc3339(t: DateTime<Utc>) -> String {
    // chrono's RFC 3339 writer, not `format`, which parses its pattern on every call (this runs
    // for every cluster of every answer); outside four-digit years it writes another form.
    if (0..=9999).contains(&chrono::Datelike::year(&t)) {
        t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
    } else {
        t.format("%Y-%m-%dT%H:%M:%SZ").to_string()
    }
}

/// Timestamps as the reference prints fleet, rule and job ones: `2023-11-02 06:33:35.558128 +0000 UTC`.
pub(crate) fn go_time(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%d %H:%M:%S%.6f +0000 UTC").to_string()
}

/// What a kubeconfig bearer token opens.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct GatewayGrant {
    pub domain_id: String,
    pub project_id: String,
    pub fleet: String,
    /// The kubeconfig's validity end (None in state files written before it was kept).
    #[serde(default)]
    pub expires_at: Option<DateTime<Utc>>,
}

/// Kubeconfig grants kept at most; the ones closest to expiry go first.
const MAX_GRANTS: usize = 10_000;

impl Store {
    /// Records a kubeconfig grant, pruning expired ones and keeping the map bounded.
    pub fn grant(&mut self, token: String, grant: GatewayGrant) {
        let now = Utc::now();
        let grants = &mut self.gateway_tokens;
        grants.retain(|_, g| g.expires_at.is_none_or(|at| at > now));
        while grants.len() >= MAX_GRANTS {
            let Some(first) = grants
                .iter()
                .min_by_key(|(_, g)| g.expires_at)
                .map(|(t, _)| t.clone())
            else {
                break;
            };
            grants.remove(&first);
        }
        grants.insert(token, grant);
    }

    /// Revokes every kubeconfig of an account's fleet (fleet deleted, federation disabled).
    pub fn revoke_grants(&mut self, domain_id: &str, fleet: &str) {
        self.gateway_tokens
            .retain(|_, g| !(g.domain_id == domain_id && g.fleet == fleet));
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;
    use proptest::prelude::*;

    use super::*;

    proptest! {
        #[test]
        fn rfc3339_writes_what_chrono_formats(secs in -80_000_000_000i64..300_000_000_000i64) {
            let t = Utc.timestamp_opt(secs, 0).single().expect("in chrono's range");
            prop_assert_eq!(rfc3339(t), t.format("%Y-%m-%dT%H:%M:%SZ").to_string());
        }
    }
}
