//! Federated ("united") workloads of a fleet (`/v1/clustergroups/{id}/unitedworkload`) and the
//! federation upgrade (`.../federations/upgrade`): the wire shapes of the official SDKs
//! (`huaweicloudsdkucs` 3.1.219, `huaweicloud-sdk-go-v3` v0.1.207 `services/ucs/v1/model`:
//! `MutiWorkload`, `PropagationPolicy`, `OverridePolicy`, `ResourceBinding`, ...).
//!
//! Tolerant where the official models disagree with Kubernetes: `generation` and a target
//! cluster's `replicas` are strings there (numbers in Karmada); both spellings are read, and
//! they are written as the official models declare them, so the official SDKs decode them.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;
use ucs_models_derive::TolerantDeserialize;

use super::common::Extra;
use super::de;
use crate::error::{InvalidInput, Result};

/// Query of `fleets.get_united_workload` and `fleets.delete_united_workload`: which workload.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct UnitedWorkloadQuery {
    /// The workload's kind: `Deployment`, `Service`, `Ingress`, `ConfigMap`, `Secret`, `Job`,
    /// `StatefulSet`, `DaemonSet` or `PersistentVolumeClaim` (required).
    pub kind: String,
    /// Its namespace (the service's default: `default`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub namespace: Option<String>,
    /// Its name (optional in the official SDKs; required here, the answer is one workload).
    pub name: String,
}

/// A federated workload (official `MutiWorkload`): the Kubernetes object to deploy and the
/// Karmada policies that propagate and override it. The body of create and update, and the
/// answer of get.
#[derive(Clone, Default, PartialEq, Serialize, TolerantDeserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct UnitedWorkload {
    /// `Deployment`, `Service`, `Ingress`, `ConfigMap`, `Secret`, `Job`, `StatefulSet`,
    /// `DaemonSet` or `PersistentVolumeClaim`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub kind: Option<String>,
    /// The kind's API version (`apps/v1`, `v1`, ...).
    #[serde(
        rename = "apiVersion",
        alias = "apiversion",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub api_version: Option<String>,
    /// Name, namespace, labels of the workload.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub metadata: Option<WorkloadMeta>,
    /// The Kubernetes object to deploy (free-form; a `Secret`'s data is in here).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub template: Option<Value>,
    /// How the workload propagates to the fleet's clusters.
    #[serde(
        rename = "propagationPolicy",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub propagation_policy: Option<PropagationPolicy>,
    /// Per-cluster changes to the workload.
    #[serde(
        rename = "overridePolicy",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub override_policy: Option<OverridePolicy>,
    /// Where Karmada placed it (answers only; ignored in bodies).
    #[serde(
        rename = "resourceBinding",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub resource_binding: Option<ResourceBinding>,
    /// Fields this SDK does not know, kept as they came.
    #[serde(flatten)]
    #[cfg_attr(feature = "schema", schemars(skip))]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub extra: Extra,
}

/// Field names of a JSON value, values hidden.
fn keys_of(value: &Option<Value>) -> Option<Vec<&str>> {
    value.as_ref().map(|v| {
        v.as_object()
            .map_or_else(Vec::new, |m| m.keys().map(String::as_str).collect())
    })
}

// The template may be a Secret: Debug names its fields, never their values.
impl std::fmt::Debug for UnitedWorkload {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("UnitedWorkload")
            .field("kind", &self.kind)
            .field("api_version", &self.api_version)
            .field("metadata", &self.metadata)
            .field("template", &keys_of(&self.template))
            .field("propagation_policy", &self.propagation_policy)
            .field("override_policy", &self.override_policy)
            .field("resource_binding", &self.resource_binding)
            .field("extra", &self.extra.keys().collect::<Vec<_>>())
            .finish()
    }
}

/// Kubernetes object metadata as the official workload models spell it (`ObjectMeta`, with
/// `namespace`, `resourceVersion` and `generation`).
#[derive(Clone, Default, PartialEq, Serialize, TolerantDeserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(rename_all = "camelCase")]
pub struct WorkloadMeta {
    /// Object id (set by the service).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub uid: Option<String>,
    /// Name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub name: Option<String>,
    /// Name prefix when no name is given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub generate_name: Option<String>,
    /// Namespace.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub namespace: Option<String>,
    /// Labels.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub labels: Option<BTreeMap<String, String>>,
    /// Annotations.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub annotations: Option<BTreeMap<String, String>>,
    /// Creation time, kept as sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub creation_timestamp: Option<String>,
    /// Update time, kept as sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub update_timestamp: Option<String>,
    /// The object's resource version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub resource_version: Option<String>,
    /// The spec's generation: a string in the official models, a number in Kubernetes; both read.
    #[serde(
        default,
        deserialize_with = "de::string_or_number",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub generation: Option<String>,
    /// Field ownership records (free-form).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub managed_fields: Option<Vec<Value>>,
    /// Owners (free-form).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub owner_references: Option<Vec<Value>>,
    /// Fields this SDK does not know, kept as they came.
    #[serde(flatten)]
    #[cfg_attr(feature = "schema", schemars(skip))]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub extra: Extra,
}

// Annotations and unknown fields may carry credentials: Debug names them, never their values.
impl std::fmt::Debug for WorkloadMeta {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WorkloadMeta")
            .field("uid", &self.uid)
            .field("name", &self.name)
            .field("namespace", &self.namespace)
            .field("labels", &self.labels)
            .field(
                "annotations",
                &self
                    .annotations
                    .as_ref()
                    .map(|a| a.keys().collect::<Vec<_>>()),
            )
            .field("resource_version", &self.resource_version)
            .field("generation", &self.generation)
            .field("extra", &self.extra.keys().collect::<Vec<_>>())
            .finish_non_exhaustive()
    }
}

/// A Karmada `PropagationPolicy` (policy.karmada.io/v1alpha1).
#[derive(Debug, Clone, Default, PartialEq, Serialize, TolerantDeserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct PropagationPolicy {
    /// `PropagationPolicy`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub kind: Option<String>,
    /// `policy.karmada.io/v1alpha1`.
    #[serde(
        rename = "apiVersion",
        alias = "apiversion",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub api_version: Option<String>,
    /// Name and namespace (the workload's namespace).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub metadata: Option<WorkloadMeta>,
    /// What propagates where.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub spec: Option<PropagationSpec>,
    /// Fields this SDK does not know, kept as they came.
    #[serde(flatten)]
    #[cfg_attr(feature = "schema", schemars(skip))]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub extra: Extra,
}

/// A propagation policy's spec.
#[derive(Debug, Clone, Default, PartialEq, Serialize, TolerantDeserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(rename_all = "camelCase")]
pub struct PropagationSpec {
    /// The resources it propagates (the workload when empty).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub resource_selectors: Option<Vec<ResourceSelector>>,
    /// Whether the resources they reference propagate too.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub propagate_deps: Option<bool>,
    /// Which clusters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub placement: Option<Placement>,
    /// Priority among policies (default 0).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub priority: Option<i32>,
    /// Scheduler (default `default-scheduler`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub scheduler_name: Option<String>,
    /// Fields this SDK does not know (`conflictResolution`, `failover`, ...).
    #[serde(flatten)]
    #[cfg_attr(feature = "schema", schemars(skip))]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub extra: Extra,
}

/// Selects resources by API version, kind, namespace and name.
#[derive(Debug, Clone, Default, PartialEq, Serialize, TolerantDeserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ResourceSelector {
    /// API version of the resources.
    #[serde(
        rename = "apiVersion",
        alias = "apiversion",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub api_version: Option<String>,
    /// Their kind.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub kind: Option<String>,
    /// Their namespace.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub namespace: Option<String>,
    /// Their name (all of the kind when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub name: Option<String>,
    /// Fields this SDK does not know (`labelSelector`), kept as they came.
    #[serde(flatten)]
    #[cfg_attr(feature = "schema", schemars(skip))]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub extra: Extra,
}

/// Where a policy places resources.
#[derive(Debug, Clone, Default, PartialEq, Serialize, TolerantDeserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(rename_all = "camelCase")]
pub struct Placement {
    /// The clusters chosen or excluded by name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub cluster_affinity: Option<ClusterAffinity>,
    /// Cluster taints tolerated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub cluster_tolerations: Option<Vec<ClusterToleration>>,
    /// How replicas divide among clusters (free-form).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub replica_scheduling: Option<Value>,
    /// Fields this SDK does not know (`spreadConstraints`, ...), kept as they came.
    #[serde(flatten)]
    #[cfg_attr(feature = "schema", schemars(skip))]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub extra: Extra,
}

/// Clusters chosen or excluded by name.
#[derive(Debug, Clone, Default, PartialEq, Serialize, TolerantDeserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(rename_all = "camelCase")]
pub struct ClusterAffinity {
    /// Only these clusters (all members when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub cluster_names: Option<Vec<String>>,
    /// Never these clusters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub exclude: Option<Vec<String>>,
    /// Fields this SDK does not know (`labelSelector`, ...), kept as they came.
    #[serde(flatten)]
    #[cfg_attr(feature = "schema", schemars(skip))]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub extra: Extra,
}

/// A cluster taint tolerated (official `Toleration`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(rename_all = "camelCase")]
pub struct ClusterToleration {
    /// The taint's key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub key: Option<String>,
    /// `Exists` or `Equal` (default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub operator: Option<String>,
    /// The taint's value (empty with `Exists`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub value: Option<String>,
    /// `NoSchedule`, `PreferNoSchedule` or `NoExecute` (all when empty).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub effect: Option<String>,
    /// How long a `NoExecute` taint is tolerated, in seconds.
    #[serde(
        default,
        deserialize_with = "de::int_or_string",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub toleration_seconds: Option<i64>,
}

/// A Karmada `OverridePolicy` (policy.karmada.io/v1alpha1). The official models have no
/// `metadata` here; it is read and written when present (Karmada's objects have one).
#[derive(Debug, Clone, Default, PartialEq, Serialize, TolerantDeserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct OverridePolicy {
    /// `OverridePolicy`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub kind: Option<String>,
    /// `policy.karmada.io/v1alpha1`.
    #[serde(
        rename = "apiVersion",
        alias = "apiversion",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub api_version: Option<String>,
    /// Name and namespace (the workload's namespace).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub metadata: Option<WorkloadMeta>,
    /// What is overridden.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub spec: Option<OverrideSpec>,
    /// Fields this SDK does not know, kept as they came.
    #[serde(flatten)]
    #[cfg_attr(feature = "schema", schemars(skip))]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub extra: Extra,
}

/// An override policy's spec.
#[derive(Debug, Clone, Default, PartialEq, Serialize, TolerantDeserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(rename_all = "camelCase")]
pub struct OverrideSpec {
    /// The resources it applies to (the workload when empty).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub resource_selectors: Option<Vec<ResourceSelector>>,
    /// The override rules (free-form: `plaintext`, `imageOverrider`, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub overriders: Option<Value>,
    /// Fields this SDK does not know (`overrideRules`, `targetCluster`, ...), kept as they came.
    #[serde(flatten)]
    #[cfg_attr(feature = "schema", schemars(skip))]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub extra: Extra,
}

/// A Karmada `ResourceBinding` (work.karmada.io/v1alpha2): a resource and its target clusters.
#[derive(Debug, Clone, Default, PartialEq, Serialize, TolerantDeserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ResourceBinding {
    /// `ResourceBinding`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub kind: Option<String>,
    /// `work.karmada.io/v1alpha2`.
    #[serde(
        rename = "apiVersion",
        alias = "apiversion",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub api_version: Option<String>,
    /// Name (`<workload>-<kind>`), namespace, the policy's labels.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub metadata: Option<WorkloadMeta>,
    /// The resource and its clusters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub spec: Option<ResourceBindingSpec>,
    /// Scheduling conditions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub status: Option<ResourceBindingStatus>,
    /// Fields this SDK does not know, kept as they came.
    #[serde(flatten)]
    #[cfg_attr(feature = "schema", schemars(skip))]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub extra: Extra,
}

/// A resource binding's spec.
#[derive(Debug, Clone, Default, PartialEq, Serialize, TolerantDeserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(rename_all = "camelCase")]
pub struct ResourceBindingSpec {
    /// The bound resource's reference (free-form: apiVersion, kind, namespace, name, uid).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub resource: Option<Value>,
    /// Whether referenced resources propagate too.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub propagate_deps: Option<bool>,
    /// What each replica needs (free-form).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub replica_requirements: Option<Value>,
    /// Replicas of the resource.
    #[serde(
        default,
        deserialize_with = "de::int_or_string",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub replicas: Option<i64>,
    /// The policy's placement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub placement: Option<Placement>,
    /// The member clusters it goes to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub clusters: Option<Vec<TargetCluster>>,
    /// Fields this SDK does not know, kept as they came.
    #[serde(flatten)]
    #[cfg_attr(feature = "schema", schemars(skip))]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub extra: Extra,
}

/// One member cluster a binding targets.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct TargetCluster {
    /// The cluster's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub name: Option<String>,
    /// Replicas there: a string in the official models, a number in Karmada; both read.
    #[serde(
        default,
        deserialize_with = "de::string_or_number",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub replicas: Option<String>,
}

/// A resource binding's status.
#[derive(Debug, Clone, Default, PartialEq, Serialize, TolerantDeserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(rename_all = "camelCase")]
pub struct ResourceBindingStatus {
    /// The generation the scheduler last saw.
    #[serde(
        default,
        deserialize_with = "de::int_or_string",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub scheduler_observed_generation: Option<i64>,
    /// Conditions (free-form `ConditionStatus` objects).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub conditions: Option<Vec<Value>>,
    /// Fields this SDK does not know, kept as they came.
    #[serde(flatten)]
    #[cfg_attr(feature = "schema", schemars(skip))]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub extra: Extra,
}

/// Body of `fleets.upgrade_federation` (official `UpgradeFederationRequestBody`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct UpgradeFederation {
    /// The version to upgrade to (`v1.10.7-t1023`); the newest when absent.
    #[serde(
        rename = "targetVersion",
        alias = "targetversion",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub target_version: Option<String>,
}

/// Answer of `fleets.upgrade_federation` (free-form `body` in the official models; the
/// reference's example has these two fields).
#[derive(Debug, Clone, Default, PartialEq, Serialize, TolerantDeserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct FederationUpgrade {
    /// The upgrade job's id.
    #[serde(
        rename = "jobId",
        alias = "jobID",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub job_id: Option<String>,
    /// `The federation is being upgraded`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub message: Option<String>,
    /// Fields this SDK does not know, kept as they came.
    #[serde(flatten)]
    #[cfg_attr(feature = "schema", schemars(skip))]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub extra: Extra,
}

/// The kinds a federated workload can be, as the official SDKs list them: (kind, apiVersion,
/// plural of its Kubernetes collection).
pub const UNITED_WORKLOAD_KINDS: &[(&str, &str, &str)] = &[
    ("Deployment", "apps/v1", "deployments"),
    ("Service", "v1", "services"),
    ("Ingress", "networking.k8s.io/v1", "ingresses"),
    ("ConfigMap", "v1", "configmaps"),
    ("Secret", "v1", "secrets"),
    ("Job", "batch/v1", "jobs"),
    ("StatefulSet", "apps/v1", "statefulsets"),
    ("DaemonSet", "apps/v1", "daemonsets"),
    ("PersistentVolumeClaim", "v1", "persistentvolumeclaims"),
];

/// The API group and version of Karmada's policies.
pub const KARMADA_POLICY_API_VERSION: &str = "policy.karmada.io/v1alpha1";

/// Which Kubernetes object a federated workload is: resolved from its body or query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkloadTarget {
    /// Canonical kind (`Deployment`).
    pub kind: &'static str,
    /// Its API version (`apps/v1`).
    pub api_version: &'static str,
    /// Its collection's plural (`deployments`).
    pub plural: &'static str,
    /// Namespace (`default` when not given).
    pub namespace: String,
    /// Name.
    pub name: String,
}

impl WorkloadTarget {
    /// The object's path under a Kubernetes API server, without the leading `/`
    /// (`apis/apps/v1/namespaces/default/deployments/web`).
    pub fn collection(&self) -> String {
        let prefix = if self.api_version.contains('/') {
            "apis"
        } else {
            "api"
        };
        format!(
            "{prefix}/{}/namespaces/{}/{}",
            self.api_version, self.namespace, self.plural
        )
    }
}

/// The official kind spelled `kind` (any case), or a refusal naming `field`.
fn known_kind(field: &str, kind: &str) -> Result<(&'static str, &'static str, &'static str)> {
    UNITED_WORKLOAD_KINDS
        .iter()
        .copied()
        .find(|(k, _, _)| k.eq_ignore_ascii_case(kind))
        .ok_or_else(|| {
            let kinds: Vec<&str> = UNITED_WORKLOAD_KINDS.iter().map(|(k, _, _)| *k).collect();
            InvalidInput::new(
                field,
                format!("{kind:?} is not one of {}", kinds.join(", ")),
            )
        })
}

/// A Kubernetes object name (RFC 1123 subdomain: lowercase letters, digits, `-` and `.`,
/// starting and ending alphanumeric, at most `max` characters).
pub fn kubernetes_name(field: &str, value: &str, max: usize) -> Result<()> {
    crate::validate::length(field, value, 1, max)?;
    let alnum = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit();
    let ok = value.chars().all(|c| alnum(c) || c == '-' || c == '.')
        && value.starts_with(alnum)
        && value.ends_with(alnum);
    if ok {
        Ok(())
    } else {
        Err(InvalidInput::new(
            field,
            format!(
                "{value:?} is not a Kubernetes name (lowercase letters, digits, '-' and '.', \
                 starting and ending with a letter or digit)"
            ),
        ))
    }
}

const NAME_MAX: usize = 253;
const NAMESPACE_MAX: usize = 63;

fn namespace_of(field: &str, namespace: Option<&str>) -> Result<String> {
    match namespace.filter(|n| !n.is_empty()) {
        None => Ok("default".to_owned()),
        Some(ns) => {
            kubernetes_name(field, ns, NAMESPACE_MAX)?;
            if ns.contains('.') {
                return Err(InvalidInput::new(field, "a namespace must not contain '.'"));
            }
            Ok(ns.to_owned())
        }
    }
}

/// `Some(text)` of a template's string field.
fn template_str<'a>(template: Option<&'a Value>, path: &[&str]) -> Option<&'a str> {
    let mut v = template?;
    for key in path {
        v = v.get(*key)?;
    }
    v.as_str()
}

/// Two spellings of one field that must agree when both are given.
fn agree<'a>(
    field: &str,
    top: Option<&'a str>,
    inner_field: &str,
    inner: Option<&'a str>,
) -> Result<Option<&'a str>> {
    match (
        top.filter(|s| !s.is_empty()),
        inner.filter(|s| !s.is_empty()),
    ) {
        (Some(a), Some(b)) if a != b => Err(InvalidInput::new(
            inner_field,
            format!("{b:?} does not match {field} {a:?}"),
        )),
        (a, b) => Ok(a.or(b)),
    }
}

impl UnitedWorkloadQuery {
    /// The workload the query names, or the first bad parameter.
    pub fn target(&self) -> Result<WorkloadTarget> {
        crate::validate::required("kind", &self.kind)?;
        let (kind, api_version, plural) = known_kind("kind", &self.kind)?;
        kubernetes_name("name", &self.name, NAME_MAX)?;
        Ok(WorkloadTarget {
            kind,
            api_version,
            plural,
            namespace: namespace_of("namespace", self.namespace.as_deref())?,
            name: self.name.clone(),
        })
    }
}

impl UnitedWorkload {
    /// The workload the body describes (from its fields or its template), or the first bad
    /// field: kind one of [`UNITED_WORKLOAD_KINDS`] at its API version, a Kubernetes name, the
    /// template an object agreeing with the body, policies of the right kind in its namespace.
    pub fn target(&self) -> Result<WorkloadTarget> {
        let template = self.template.as_ref();
        if template.is_some_and(|t| !t.is_object()) {
            return Err(InvalidInput::new("template", "must be a JSON object"));
        }
        let meta = self.metadata.clone().unwrap_or_default();
        let kind = agree(
            "kind",
            self.kind.as_deref(),
            "template.kind",
            template_str(template, &["kind"]),
        )?
        .ok_or_else(|| InvalidInput::new("kind", "is required"))?;
        let (kind, api_version, plural) = known_kind("kind", kind)?;
        if let Some(given) = agree(
            "apiVersion",
            self.api_version.as_deref(),
            "template.apiVersion",
            template_str(template, &["apiVersion"]),
        )? {
            if given != api_version {
                return Err(InvalidInput::new(
                    "apiVersion",
                    format!("{given:?} is not the API version of {kind} ({api_version})"),
                ));
            }
        }
        let name = agree(
            "metadata.name",
            meta.name.as_deref(),
            "template.metadata.name",
            template_str(template, &["metadata", "name"]),
        )?
        .ok_or_else(|| InvalidInput::new("metadata.name", "is required"))?;
        kubernetes_name("metadata.name", name, NAME_MAX)?;
        let namespace = agree(
            "metadata.namespace",
            meta.namespace.as_deref(),
            "template.metadata.namespace",
            template_str(template, &["metadata", "namespace"]),
        )?;
        let namespace = namespace_of("metadata.namespace", namespace)?;
        if let Some(p) = &self.propagation_policy {
            check_policy(
                "propagationPolicy",
                "PropagationPolicy",
                p.kind.as_deref(),
                p.api_version.as_deref(),
                p.metadata.as_ref(),
                &namespace,
            )?;
        }
        if let Some(o) = &self.override_policy {
            check_policy(
                "overridePolicy",
                "OverridePolicy",
                o.kind.as_deref(),
                o.api_version.as_deref(),
                o.metadata.as_ref(),
                &namespace,
            )?;
        }
        Ok(WorkloadTarget {
            kind,
            api_version,
            plural,
            namespace,
            name: name.to_owned(),
        })
    }
}

fn check_policy(
    field: &str,
    want_kind: &str,
    kind: Option<&str>,
    api_version: Option<&str>,
    meta: Option<&WorkloadMeta>,
    namespace: &str,
) -> Result<()> {
    if let Some(k) = kind.filter(|k| *k != want_kind) {
        return Err(InvalidInput::new(
            format!("{field}.kind"),
            format!("must be {want_kind} (got {k:?})"),
        ));
    }
    if let Some(v) = api_version.filter(|v| *v != KARMADA_POLICY_API_VERSION) {
        return Err(InvalidInput::new(
            format!("{field}.apiVersion"),
            format!("must be {KARMADA_POLICY_API_VERSION} (got {v:?})"),
        ));
    }
    let Some(meta) = meta else { return Ok(()) };
    if let Some(name) = meta.name.as_deref() {
        kubernetes_name(&format!("{field}.metadata.name"), name, NAME_MAX)?;
    }
    if let Some(ns) = meta
        .namespace
        .as_deref()
        .filter(|n| !n.is_empty() && *n != namespace)
    {
        return Err(InvalidInput::new(
            format!("{field}.metadata.namespace"),
            format!("{ns:?} is not the workload's namespace {namespace:?}: a {want_kind} acts in its own namespace"),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_numbers_where_the_official_models_say_strings_and_writes_strings() {
        let w: UnitedWorkload = serde_json::from_value(json!({
            "kind": "Deployment", "apiVersion": "apps/v1",
            "metadata": {"name": "web", "namespace": "default", "generation": 2},
            "template": {"spec": {"replicas": 2}},
            "propagationPolicy": {"spec": {"resourceSelectors": [{"kind": "Deployment",
                "labelSelector": {"matchLabels": {"app": "web"}}}],
                "placement": {"clusterAffinity": {"clusterNames": ["a"]},
                              "clusterTolerations": [{"key": "k", "tolerationSeconds": "30"}]}}},
            "resourceBinding": {"spec": {"replicas": "2", "clusters": [{"name": "a", "replicas": 1}]}},
            "future": true
        }))
        .unwrap_or_default();
        let meta = w.metadata.clone().unwrap_or_default();
        assert_eq!(meta.generation.as_deref(), Some("2"));
        assert_eq!(meta.namespace.as_deref(), Some("default"));
        let spec = w
            .propagation_policy
            .clone()
            .and_then(|p| p.spec)
            .unwrap_or_default();
        let selector = &spec.resource_selectors.unwrap_or_default()[0];
        assert!(selector.extra.contains_key("labelSelector"));
        let placement = spec.placement.unwrap_or_default();
        assert_eq!(
            placement.cluster_tolerations.unwrap_or_default()[0].toleration_seconds,
            Some(30)
        );
        let binding = w
            .resource_binding
            .clone()
            .and_then(|b| b.spec)
            .unwrap_or_default();
        assert_eq!(binding.replicas, Some(2));
        assert_eq!(
            binding.clusters.unwrap_or_default()[0].replicas.as_deref(),
            Some("1")
        );
        assert_eq!(w.extra.get("future"), Some(&json!(true)));
        let out = serde_json::to_value(&w).unwrap_or_default();
        assert_eq!(out["metadata"]["generation"], "2");
        assert_eq!(
            out["resourceBinding"]["spec"]["clusters"][0]["replicas"],
            "1"
        );
    }

    #[test]
    fn debug_hides_the_template_values_and_annotations() {
        let w = UnitedWorkload {
            kind: Some("Secret".into()),
            template: Some(json!({"data": {"password": "czNjcjN0"}})),
            metadata: Some(WorkloadMeta {
                name: Some("db".into()),
                annotations: Some(BTreeMap::from([("token".into(), "s3cr3t".into())])),
                ..Default::default()
            }),
            ..Default::default()
        };
        let text = format!("{w:?} {w:#?}");
        assert!(
            !text.contains("czNjcjN0") && !text.contains("s3cr3t"),
            "{text}"
        );
        assert!(text.contains("data") && text.contains("token") && text.contains("db"));
    }

    #[test]
    fn the_upgrade_answer_reads_both_job_id_spellings() {
        let a: FederationUpgrade =
            serde_json::from_value(json!({"jobID": "j1", "message": "m"})).unwrap_or_default();
        assert_eq!(a.job_id.as_deref(), Some("j1"));
        let empty: FederationUpgrade = serde_json::from_str("{}").unwrap_or_default();
        assert_eq!(empty, FederationUpgrade::default());
    }
    #[test]
    fn the_target_comes_from_the_body_or_its_template_and_bad_fields_are_named() {
        let body = |v: Value| serde_json::from_value::<UnitedWorkload>(v).unwrap_or_default();
        let t = body(
            json!({"template": {"apiVersion": "apps/v1", "kind": "deployment",
            "metadata": {"name": "web", "namespace": "team-a"}}}),
        )
        .target();
        let t = t.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((t.kind, t.namespace.as_str()), ("Deployment", "team-a"));
        assert_eq!(t.collection(), "apis/apps/v1/namespaces/team-a/deployments");
        let cm = body(json!({"kind": "ConfigMap", "metadata": {"name": "conf"}})).target();
        assert_eq!(
            cm.map(|t| t.collection()).ok().as_deref(),
            Some("api/v1/namespaces/default/configmaps")
        );
        let field = |v: Value| body(v).target().map_err(|e| e.field).err();
        assert_eq!(
            field(json!({"metadata": {"name": "w"}})).as_deref(),
            Some("kind")
        );
        assert_eq!(
            field(json!({"kind": "Pod", "metadata": {"name": "w"}})).as_deref(),
            Some("kind")
        );
        assert_eq!(
            field(json!({"kind": "Deployment"})).as_deref(),
            Some("metadata.name")
        );
        assert_eq!(
            field(json!({"kind": "Deployment", "metadata": {"name": "Web_1"}})).as_deref(),
            Some("metadata.name")
        );
        assert_eq!(
            field(json!({"kind": "Deployment", "apiVersion": "v1", "metadata": {"name": "w"}}))
                .as_deref(),
            Some("apiVersion")
        );
        assert_eq!(
            field(json!({"kind": "Deployment", "metadata": {"name": "w"},
                         "template": {"metadata": {"name": "x"}}}))
            .as_deref(),
            Some("template.metadata.name")
        );
        assert_eq!(
            field(json!({"kind": "Deployment", "metadata": {"name": "w"}, "template": [1]}))
                .as_deref(),
            Some("template")
        );
        assert_eq!(
            field(json!({"kind": "Deployment", "metadata": {"name": "w"},
                         "propagationPolicy": {"metadata": {"namespace": "other"}}}))
            .as_deref(),
            Some("propagationPolicy.metadata.namespace")
        );
        assert_eq!(
            field(json!({"kind": "Deployment", "metadata": {"name": "w"},
                         "overridePolicy": {"kind": "PropagationPolicy"}}))
            .as_deref(),
            Some("overridePolicy.kind")
        );
        let q = UnitedWorkloadQuery {
            kind: "Secret".into(),
            namespace: Some("a.b".into()),
            name: "db".into(),
        };
        assert_eq!(
            q.target().map_err(|e| e.field).err().as_deref(),
            Some("namespace")
        );
    }
}
