//! Cluster models (reference 3.1): `Cluster`, its spec and status, and the cluster request bodies.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use ucs_models_derive::TolerantDeserialize;

use super::common::{Extra, ObjectMeta};
use super::de;

/// A cluster registered in UCS.
#[derive(Debug, Clone, Default, PartialEq, Serialize, TolerantDeserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Cluster {
    /// Always `Cluster`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub kind: Option<String>,
    /// Always `v1`.
    #[serde(
        rename = "apiVersion",
        alias = "apiversion",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub api_version: Option<String>,
    /// Id, name, labels, timestamps.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub metadata: Option<ObjectMeta>,
    /// What the cluster is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub spec: Option<ClusterSpec>,
    /// How the cluster is doing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub status: Option<ClusterStatus>,
    /// Fields this SDK does not know yet.
    #[serde(flatten)]
    #[cfg_attr(feature = "schema", schemars(skip))]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub extra: Extra,
}

impl Cluster {
    /// The cluster id (`metadata.uid`), or "".
    pub fn uid(&self) -> &str {
        self.metadata
            .as_ref()
            .and_then(|m| m.uid.as_deref())
            .unwrap_or("")
    }

    /// The cluster name (`metadata.name`), or "".
    pub fn name(&self) -> &str {
        self.metadata
            .as_ref()
            .and_then(|m| m.name.as_deref())
            .unwrap_or("")
    }
}

/// `ClusterSpec` (reference table 3-6).
#[derive(Debug, Clone, Default, PartialEq, Serialize, TolerantDeserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ClusterSpec {
    /// Sync mode between the cluster and the Karmada control plane.
    #[serde(rename = "syncMode", default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub sync_mode: Option<String>,
    /// Fleet id.
    #[serde(
        rename = "clusterGroupID",
        alias = "clustergroupID",
        alias = "clusterGroupId",
        alias = "clustergroupid",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub cluster_group_id: Option<String>,
    /// `grouped` or `discrete` (open set).
    #[serde(
        rename = "manageType",
        alias = "managetype",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub manage_type: Option<String>,
    /// Rules and namespaces associated with the cluster.
    #[serde(
        rename = "ruleNamespaces",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub rule_namespaces: Option<Vec<RuleNamespace>>,
    /// API server address.
    #[serde(
        rename = "apiEndpoint",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub api_endpoint: Option<String>,
    /// Secret used to reach the cluster.
    #[serde(rename = "secretRef", default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub secret_ref: Option<LocalSecretReference>,
    /// Whether TLS verification is skipped.
    #[serde(
        rename = "insecureSkipTLSVerification",
        default,
        deserialize_with = "de::bool_or_string",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub insecure_skip_tls_verification: Option<bool>,
    /// Proxy URL.
    #[serde(
        rename = "proxyURL",
        alias = "proxyUrl",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub proxy_url: Option<String>,
    /// Provider (open set, reference 5.6).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub provider: Option<String>,
    /// Type (open set, reference 5.6).
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub cluster_type: Option<String>,
    /// Category (open set, reference 5.6).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub category: Option<String>,
    /// Whether a CCE Turbo cluster manages edge infrastructure.
    #[serde(
        rename = "enableDistMgt",
        alias = "enableDistMgmt",
        default,
        deserialize_with = "de::bool_or_string",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub enable_dist_mgt: Option<bool>,
    /// Region.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub region: Option<String>,
    /// Country code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub country: Option<String>,
    /// City code (reference 5.5).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub city: Option<String>,
    /// Project id.
    #[serde(
        rename = "projectID",
        alias = "projectId",
        alias = "projectid",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub project_id: Option<String>,
    /// Project name.
    #[serde(
        rename = "projectName",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub project_name: Option<String>,
    /// Zone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub zone: Option<String>,
    /// Taints.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub taints: Option<Vec<Taint>>,
    /// Whether the certificate was downloaded already.
    #[serde(
        rename = "IsDownloadedCert",
        alias = "isDownloadedCert",
        alias = "isdownloadedcert",
        default,
        deserialize_with = "de::bool_or_string",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub is_downloaded_cert: Option<bool>,
    /// Policy management id.
    #[serde(
        rename = "policyId",
        alias = "policyID",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub policy_id: Option<String>,
    /// Network of a multi-cloud cluster.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub network: Option<NetworkConfig>,
    /// Fields this SDK does not know yet (e.g. `operatorNamespace`).
    #[serde(flatten)]
    #[cfg_attr(feature = "schema", schemars(skip))]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub extra: Extra,
}

/// Rules applied to namespaces of a cluster.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct RuleNamespace {
    /// Rules.
    #[serde(default, deserialize_with = "de::null_as_empty")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub rules: Vec<RuleInfo>,
    /// Namespaces.
    #[serde(default, deserialize_with = "de::null_as_empty")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub namespaces: Vec<String>,
}

/// A rule reference.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct RuleInfo {
    /// Rule id.
    #[serde(
        rename = "ruleID",
        alias = "ruleId",
        alias = "ruleid",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub rule_id: Option<String>,
    /// Rule name.
    #[serde(
        rename = "ruleName",
        alias = "rulename",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub rule_name: Option<String>,
}

/// A secret in the cluster.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct LocalSecretReference {
    /// Namespace.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub namespace: Option<String>,
    /// Name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub name: Option<String>,
}

/// A node taint.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Taint {
    /// Key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub key: Option<String>,
    /// Value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub value: Option<String>,
    /// Effect.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub effect: Option<String>,
    /// When it was added.
    #[serde(alias = "timeAdded", default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub timeadded: Option<String>,
}

/// `ClusterStatus` (reference table 3-11).
#[derive(Debug, Clone, Default, PartialEq, Serialize, TolerantDeserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ClusterStatus {
    /// Kubernetes version.
    #[serde(
        rename = "kubernetesVersion",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub kubernetes_version: Option<String>,
    /// Conditions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub conditions: Option<Vec<ConditionStatus>>,
    /// Node counts.
    #[serde(
        rename = "nodeSummary",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub node_summary: Option<NodeSummary>,
    /// Resource totals.
    #[serde(
        rename = "resourceSummary",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub resource_summary: Option<ResourceSummary>,
    /// Endpoints (the reference documents an object and shows an array: both decode).
    #[serde(
        default,
        deserialize_with = "de::one_or_many",
        skip_serializing_if = "Vec::is_empty"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub endpoints: Vec<Endpoint>,
    /// Phase (open set: `Available`, `Unavailable`, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub phase: Option<String>,
    /// Reason of the last change.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub reason: Option<String>,
    /// Message of the last change.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub message: Option<String>,
    /// Frozen for arrears (`"true"`/`"false"`).
    #[serde(
        rename = "arrearFreeze",
        default,
        deserialize_with = "de::string_or_number",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub arrear_freeze: Option<String>,
    /// Frozen by the police (`"true"`/`"false"`).
    #[serde(
        rename = "policeFreeze",
        default,
        deserialize_with = "de::string_or_number",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub police_freeze: Option<String>,
    /// Enabled API groups.
    #[serde(
        rename = "apiEnablements",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub api_enablements: Option<Vec<ApiEnablement>>,
    /// Fields this SDK does not know yet.
    #[serde(flatten)]
    #[cfg_attr(feature = "schema", schemars(skip))]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub extra: Extra,
}

/// A cluster condition.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ConditionStatus {
    /// Condition type.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub condition_type: Option<String>,
    /// Condition status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub status: Option<String>,
    /// Generation observed.
    #[serde(
        alias = "observedGeneration",
        default,
        deserialize_with = "de::int_or_string",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub observedgeneration: Option<i64>,
    /// When it last changed.
    #[serde(
        rename = "lastTransitionTime",
        alias = "lasttransitiontime",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub last_transition_time: Option<String>,
    /// Reason.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub reason: Option<String>,
    /// Message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub message: Option<String>,
}

/// Node counts (strings on the wire; numbers are accepted too).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct NodeSummary {
    /// All nodes.
    #[serde(
        rename = "totalNum",
        default,
        deserialize_with = "de::string_or_number",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub total_num: Option<String>,
    /// Ready nodes.
    #[serde(
        rename = "readyNum",
        default,
        deserialize_with = "de::string_or_number",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub ready_num: Option<String>,
}

/// Resource totals: maps of arbitrary JSON.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ResourceSummary {
    /// Allocatable.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub allocatable: Option<Map<String, Value>>,
    /// Being allocated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub allocating: Option<Map<String, Value>>,
    /// Allocated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub allocated: Option<Map<String, Value>>,
    /// Capacity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub capacity: Option<Map<String, Value>>,
}

/// An endpoint of the cluster.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Endpoint {
    /// URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub url: Option<String>,
    /// Type.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub endpoint_type: Option<String>,
    /// Status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub status: Option<String>,
}

/// An enabled API group.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ApiEnablement {
    /// Group and version.
    #[serde(
        rename = "groupVersion",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub group_version: Option<String>,
    /// Resources.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub resources: Option<Vec<ApiResource>>,
}

/// An API resource.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ApiResource {
    /// Name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub name: Option<String>,
    /// Kind.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub kind: Option<String>,
}

/// A page of clusters.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ClusterList {
    /// The clusters.
    #[serde(default, deserialize_with = "de::null_as_empty")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub items: Vec<Cluster>,
    /// Total over all pages.
    #[serde(default, deserialize_with = "de::int_or_string")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub total: Option<i64>,
}

fn cluster_kind() -> String {
    "Cluster".to_owned()
}

fn api_v1() -> String {
    "v1".to_owned()
}

/// Body of `clusters.register` (reference 3.1.3).
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
// Its Debug hides secrets: Kotlin/Swift print it instead of every field.
#[cfg_attr(feature = "uniffi", uniffi::export(Debug))]
pub struct RegisterCluster {
    /// Must be `Cluster` (the default).
    #[serde(default = "cluster_kind")]
    #[cfg_attr(feature = "uniffi", uniffi(default = "Cluster"))]
    pub kind: String,
    /// Must be `v1` (the default).
    #[serde(rename = "apiVersion", default = "api_v1")]
    #[cfg_attr(feature = "uniffi", uniffi(default = "v1"))]
    pub api_version: String,
    /// Name, labels, annotations (attached clusters carry `kubeconfig` here).
    pub metadata: RegisterClusterMetadata,
    /// Category, type, provider, location, manage type.
    pub spec: RegisterClusterSpec,
}

impl fmt::Debug for RegisterCluster {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RegisterCluster")
            .field("kind", &self.kind)
            .field("api_version", &self.api_version)
            .field("metadata", &self.metadata)
            .field("spec", &self.spec)
            .finish()
    }
}

/// Metadata of a cluster to register.
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
// Its Debug hides secrets: Kotlin/Swift print it instead of every field.
#[cfg_attr(feature = "uniffi", uniffi::export(Debug))]
pub struct RegisterClusterMetadata {
    /// Cluster id; only for CCE clusters being imported.
    #[serde(
        rename = "UID",
        alias = "uid",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub uid: Option<String>,
    /// Cluster name.
    pub name: String,
    /// Labels (Kubernetes label rules).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub labels: Option<BTreeMap<String, String>>,
    /// Annotations; attached clusters need `kubeconfig` (a secret: never printed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub annotations: Option<BTreeMap<String, String>>,
}

/// Annotation keys whose values are kubeconfigs, hidden from Debug output.
const SECRET_ANNOTATIONS: &[&str] = &["kubeconfig", "kubecfg"];

impl fmt::Debug for RegisterClusterMetadata {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let annotations = self.annotations.as_ref().map(|a| {
            a.iter()
                .map(|(k, v)| {
                    let shown = if SECRET_ANNOTATIONS.contains(&k.to_ascii_lowercase().as_str()) {
                        "***"
                    } else {
                        v.as_str()
                    };
                    (k.as_str(), shown)
                })
                .collect::<BTreeMap<_, _>>()
        });
        f.debug_struct("RegisterClusterMetadata")
            .field("uid", &self.uid)
            .field("name", &self.name)
            .field("labels", &self.labels)
            .field("annotations", &annotations)
            .finish()
    }
}

/// Spec of a cluster to register.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct RegisterClusterSpec {
    /// Fleet to join at once.
    #[serde(
        rename = "clusterGroupID",
        alias = "clustergroupID",
        alias = "clusterGroupId",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub cluster_group_id: Option<String>,
    /// `self`, `onpremise`, `multicloud`, `attachedcluster` (reference 5.6).
    pub category: String,
    /// Cluster type matching the category and provider.
    #[serde(rename = "type")]
    pub cluster_type: String,
    /// Provider matching the category and type.
    pub provider: String,
    /// Country code.
    pub country: String,
    /// City code (reference 5.5); Chinese clusters only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub city: Option<String>,
    /// Region; CCE clusters only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub region: Option<String>,
    /// Project id; CCE clusters only.
    #[serde(
        rename = "projectID",
        alias = "projectId",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub project_id: Option<String>,
    /// `grouped` or `discrete`.
    #[serde(rename = "manageType", alias = "managetype")]
    pub manage_type: String,
    /// Network of a multi-cloud cluster.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub network: Option<NetworkConfig>,
}

/// Network of a multi-cloud cluster.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct NetworkConfig {
    /// Pod CIDR.
    #[serde(
        rename = "podCIDR",
        alias = "podCidr",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub pod_cidr: Option<String>,
    /// Service CIDR.
    #[serde(
        rename = "serviceCIDR",
        alias = "serviceCidr",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub service_cidr: Option<String>,
}

/// Body of `clusters.update` (reference 3.1.4).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct UpdateCluster {
    /// Must be `Cluster` (the default).
    #[serde(default = "cluster_kind")]
    #[cfg_attr(feature = "uniffi", uniffi(default = "Cluster"))]
    pub kind: String,
    /// Must be `v1` (the default).
    #[serde(rename = "apiVersion", default = "api_v1")]
    #[cfg_attr(feature = "uniffi", uniffi(default = "v1"))]
    pub api_version: String,
    /// Metadata.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub metadata: Option<ObjectMeta>,
    /// What to change.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub spec: Option<UpdateClusterSpec>,
}

impl Default for RegisterCluster {
    fn default() -> Self {
        Self {
            kind: cluster_kind(),
            api_version: api_v1(),
            metadata: RegisterClusterMetadata::default(),
            spec: RegisterClusterSpec::default(),
        }
    }
}

impl Default for UpdateCluster {
    fn default() -> Self {
        Self {
            kind: cluster_kind(),
            api_version: api_v1(),
            metadata: None,
            spec: None,
        }
    }
}

/// The updatable part of a cluster.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct UpdateClusterSpec {
    /// Country code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub country: Option<String>,
    /// City code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub city: Option<String>,
    /// Worker nodes of a multi-cloud cluster.
    #[serde(
        rename = "workerConfig",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub worker_config: Option<WorkerConfig>,
}

/// Worker nodes of a multi-cloud cluster.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct WorkerConfig {
    /// Node count.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub replicas: Option<i64>,
    /// Update strategy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub strategy: Option<NodeUpgradeStrategy>,
}

/// Node update strategy.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct NodeUpgradeStrategy {
    /// Strategy type.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub strategy_type: Option<String>,
    /// Rolling update settings.
    #[serde(
        rename = "rollingUpdate",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub rolling_update: Option<RollingUpdateNodeUpgradeStrategy>,
}

/// Rolling update settings.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct RollingUpdateNodeUpgradeStrategy {
    /// A count or a percentage.
    #[serde(
        rename = "maxUnavailable",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub max_unavailable: Option<Value>,
    /// A count or a percentage.
    #[serde(rename = "maxSurge", default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub max_surge: Option<Value>,
    /// `Random`, `Oldest` or `Newest`.
    #[serde(
        rename = "deletePolicy",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub delete_policy: Option<String>,
}

/// Body of `clusters.join_fleet`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct JoinFleet {
    /// The fleet to join.
    #[serde(
        rename = "clusterGroupID",
        alias = "clustergroupID",
        alias = "clusterGroupId",
        alias = "clustergroupid"
    )]
    pub cluster_group_id: String,
}

/// Answer of `clusters.supported_versions`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct SupportedVersions {
    /// Kubernetes versions that can be registered.
    #[serde(default, deserialize_with = "de::null_as_empty")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub versions: Vec<String>,
}

/// Query of `clusters.list`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ListClustersQuery {
    /// Only this category.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub category: Option<String>,
    /// Include resource summaries (service default true).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub enablestatus: Option<bool>,
    /// Only clusters of this fleet.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub clustergroupid: Option<String>,
    /// Page size; -1 (the service default) means all.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub limit: Option<i64>,
    /// Offset of the first item.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub offset: Option<i64>,
    /// `create_at` or `update_at`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub order_by: Option<String>,
    /// `asc` or `desc`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub order: Option<String>,
    /// `all`, `grouped` or `discrete`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub managetype: Option<String>,
    /// Only these cluster ids (sent comma-joined).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub clusterids: Vec<String>,
}

/// Query of `clusters.access_info`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct AccessInfoQuery {
    /// VPC endpoint IP, for private access.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub vpcendpoint: Option<String>,
    /// Access region, for private access.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub region: Option<String>,
}

/// Query of `clusters.list_managed`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ListManagedQuery {
    /// Only CCE clusters not registered to UCS yet.
    #[serde(default, alias = "unimported", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub unregister: Option<bool>,
}
