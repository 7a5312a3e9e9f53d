//! Fleet models (reference 3.2, UCS "clustergroups"): `ClusterGroup` and the fleet request bodies.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use ucs_models_derive::TolerantDeserialize;

use super::common::{Extra, ObjectMeta};
use super::de;

/// A fleet (UCS `ClusterGroup`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, TolerantDeserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ClusterGroup {
    /// Always `ClusterGroup`.
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
    /// Id, name, timestamps.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub metadata: Option<ObjectMeta>,
    /// Federation, description, DNS suffixes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub spec: Option<ClusterGroupSpec>,
    /// Federation and policy conditions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub status: Option<ClusterGroupStatus>,
    /// Fields this SDK does not know yet.
    #[serde(flatten)]
    #[cfg_attr(feature = "schema", schemars(skip))]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub extra: Extra,
}

impl ClusterGroup {
    /// The fleet id (`metadata.uid`), or "".
    pub fn uid(&self) -> &str {
        self.metadata
            .as_ref()
            .and_then(|m| m.uid.as_deref())
            .unwrap_or("")
    }

    /// The fleet name (`metadata.name`), or "".
    pub fn name(&self) -> &str {
        self.metadata
            .as_ref()
            .and_then(|m| m.name.as_deref())
            .unwrap_or("")
    }
}

/// `ClusterGroupSpec` (reference table 3-95).
#[derive(Debug, Clone, Default, PartialEq, Serialize, TolerantDeserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ClusterGroupSpec {
    /// Namespaces associated with rules (documented as strings; any JSON is kept).
    #[serde(
        rename = "ruleNamespaces",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub rule_namespaces: Option<Vec<Value>>,
    /// Federation id, once federation is enabled.
    #[serde(
        rename = "federationId",
        alias = "federationID",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub federation_id: Option<String>,
    /// Description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub description: Option<String>,
    /// DNS suffixes of the federation.
    #[serde(
        rename = "dnsSuffix",
        alias = "dnssuffix",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub dns_suffix: Option<Vec<String>>,
    /// When the federation expires.
    #[serde(
        rename = "federationExpirationTimestamp",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub federation_expiration_timestamp: Option<String>,
    /// Policy management id.
    #[serde(
        rename = "policyId",
        alias = "policyID",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub policy_id: Option<String>,
    /// Federation version.
    #[serde(
        rename = "federationVersion",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub federation_version: Option<String>,
    /// Fields this SDK does not know yet.
    #[serde(flatten)]
    #[cfg_attr(feature = "schema", schemars(skip))]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub extra: Extra,
}

/// `ClusterGroupStatus`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, TolerantDeserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ClusterGroupStatus {
    /// Federation and policy conditions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub conditions: Option<Vec<ClusterGroupCondition>>,
    /// Fields this SDK does not know yet.
    #[serde(flatten)]
    #[cfg_attr(feature = "schema", schemars(skip))]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub extra: Extra,
}

/// A fleet condition (`Federation` or `Policy`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ClusterGroupCondition {
    /// `Federation` or `Policy` (open set).
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub condition_type: Option<String>,
    /// Status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub status: Option<String>,
    /// Reason.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub reason: Option<String>,
    /// Message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub message: Option<String>,
    /// When it last changed.
    #[serde(
        rename = "lastTransitionTime",
        alias = "lasttransitiontime",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub last_transition_time: Option<String>,
}

/// A page of fleets.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ClusterGroupList {
    /// The fleets.
    #[serde(default, deserialize_with = "de::null_as_empty")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub items: Vec<ClusterGroup>,
    /// Total over all pages.
    #[serde(default, deserialize_with = "de::int_or_string")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub total: Option<i64>,
}

/// Body of `fleets.register` (reference 3.2.3).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct RegisterFleet {
    /// The fleet name.
    pub metadata: NameMeta,
    /// Clusters to add and a description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub spec: Option<RegisterFleetSpec>,
}

/// `{"name": ...}` metadata of a new fleet or rule.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct NameMeta {
    /// Name.
    pub name: String,
}

/// Spec of a new fleet.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct RegisterFleetSpec {
    /// Clusters to add.
    #[serde(
        rename = "clusterIds",
        alias = "clusterids",
        alias = "clusterIDs",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub cluster_ids: Option<Vec<String>>,
    /// Description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub description: Option<String>,
}

/// Body of `fleets.add_clusters`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct AddClusters {
    /// Clusters to add (never removes any).
    #[serde(
        rename = "clusterIds",
        alias = "clusterids",
        alias = "clusterIDs",
        default,
        deserialize_with = "de::null_as_empty"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub cluster_ids: Vec<String>,
}

/// Body of `fleets.update_description`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct UpdateDescription {
    /// The new description.
    pub description: String,
}

/// Body of `fleets.update_zones`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct UpdateZones {
    /// DNS suffixes of the federation.
    #[serde(
        rename = "dnsSuffix",
        alias = "dnssuffix",
        default,
        deserialize_with = "de::null_as_empty"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub dns_suffix: Vec<String>,
}

/// Query of `fleets.enable_federation`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct EnableFederationQuery {
    /// Retry joining every cluster to the federation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub retryjoinall: Option<bool>,
}

/// Body of `fleets.create_federation_kubeconfig` (`/cert`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct FederationKubeconfigRequest {
    /// Project id.
    #[serde(rename = "projectID", alias = "projectId")]
    pub project_id: String,
    /// VPC id in that project.
    #[serde(rename = "vpcID", alias = "vpcId")]
    pub vpc_id: String,
    /// Subnet id in that VPC.
    #[serde(rename = "subnetID", alias = "subnetId")]
    pub subnet_id: String,
    /// Certificate validity in days, 1..=10950.
    pub duration: i64,
}

/// Body of `fleets.create_federation_connection`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct FederationConnectionRequest {
    /// Project id.
    #[serde(rename = "projectID", alias = "projectId")]
    pub project_id: String,
    /// VPC id in that project.
    #[serde(rename = "vpcID", alias = "vpcId")]
    pub vpc_id: String,
    /// Subnet id in that VPC.
    #[serde(rename = "subnetID", alias = "subnetId")]
    pub subnet_id: String,
}

/// Answer of `fleets.create_federation_connection`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct FederationConnection {
    /// The VPC endpoint id.
    #[serde(default)]
    pub id: String,
}

/// Body of `fleets.download_federation_kubeconfig`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct DownloadKubeconfigRequest {
    /// Certificate validity in days, 1..=10950.
    pub duration: i64,
}
