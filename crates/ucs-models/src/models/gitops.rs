//! GitOps (`/v1/clusters/{id}/gitops`, `/v1/configsets`, `/v1/configsets/repos`): Flux source
//! repositories and config sets (Kustomizations), as the official SDKs shape them
//! (`huaweicloudsdkucs` 3.1.219, `huaweicloud-sdk-go-v3` v0.1.207 `services/ucs/v1/model`).

use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::Value;
use ucs_models_derive::TolerantDeserialize;

use super::common::{Extra, ObjectMeta};
use super::de;
use super::redact_opt;

pub mod gitops_checks;

/// Repository types the official model lists (only `GitRepository` is supported).
pub const GITOPS_REPO_TYPES: &[&str] = &["GitRepository"];
/// Source kinds a Kustomization may reference (Flux `sourceRef.kind`).
pub const GITOPS_SOURCE_KINDS: &[&str] = &["GitRepository", "OCIRepository", "Bucket"];
/// Config set types: the official bodies carry a Kustomization (HelmRelease is not supported).
pub const GITOPS_CONFIG_SET_TYPES: &[&str] = &["Kustomization"];

/// Query of `gitops.enable`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct EnableGitOpsQuery {
    /// `"true"`: retry an installation that failed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub retry: Option<String>,
}

/// What enabling or disabling GitOps answers: the job doing it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct GitOpsJob {
    /// The job id.
    #[serde(
        rename = "jobID",
        alias = "jobId",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub job_id: Option<String>,
}

/// Kubernetes list metadata (`ListMeta`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct GitOpsListMeta {
    /// Server-side version of the list.
    #[serde(
        rename = "resourceVersion",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub resource_version: Option<String>,
    /// Continuation token, when more items follow.
    #[serde(rename = "continue", default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub continue_token: Option<String>,
    /// How many items follow (a string in the official model).
    #[serde(
        rename = "remainingItemCount",
        default,
        deserialize_with = "de::string_or_number",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub remaining_item_count: Option<String>,
}

/// The GitOps status of a cluster: the pods of its Flux controllers.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct GitOpsStatus {
    /// List metadata.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub metadata: Option<GitOpsListMeta>,
    /// The controller pods.
    #[serde(default, deserialize_with = "de::null_as_empty")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub items: Vec<GitOpsPod>,
}

/// One pod (the official `Pod`; its spec is kept free-form).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct GitOpsPod {
    /// Name, namespace (in `extra`), labels.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub metadata: ObjectMeta,
    /// The pod spec (free-form).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(extend("type" = ["object", "null"])))]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub spec: Option<Value>,
    /// Phase and container states.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub status: Option<GitOpsPodStatus>,
}

/// A pod's status.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct GitOpsPodStatus {
    /// `Pending`, `Running`, `Succeeded`, `Failed`, `Unknown`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub phase: Option<String>,
    /// The node's address.
    #[serde(rename = "hostIP", default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub host_ip: Option<String>,
    /// When the kubelet accepted the pod.
    #[serde(rename = "startTime", default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub start_time: Option<String>,
    /// Container states (free-form).
    #[serde(
        rename = "containerStatuses",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub container_statuses: Option<Vec<Value>>,
}

/// The target cluster of a repository or config set.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct GitOpsClusterInfo {
    /// Cluster id.
    #[serde(
        rename = "clusterID",
        alias = "clusterId",
        alias = "clusterid",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub cluster_id: Option<String>,
    /// Cluster name.
    #[serde(
        rename = "clusterName",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub cluster_name: Option<String>,
    /// Cluster path.
    #[serde(
        rename = "clusterPath",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub cluster_path: Option<String>,
}

/// How to authenticate to a source: `secret` holds the credentials (a username and password or
/// token, free-form) and is a secret: `Debug` never shows it, the emulator never keeps nor
/// answers it.
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
// Kotlin's `toString()` and Swift's `description` print this Debug, not the credentials.
#[cfg_attr(feature = "uniffi", uniffi::export(Debug))]
pub struct GitOpsSecretInfo {
    /// The authentication mode (`basic`, `token`, `ssh`, ...).
    #[serde(rename = "authMode", default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub auth_mode: Option<String>,
    /// The credentials (a secret: never printed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub secret: Option<Value>,
}

impl fmt::Debug for GitOpsSecretInfo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("GitOpsSecretInfo")
            .field("auth_mode", &self.auth_mode)
            .field("secret", &redact_opt(&self.secret))
            .finish()
    }
}

/// Which Git reference to check out.
#[derive(Debug, Clone, Default, PartialEq, Serialize, TolerantDeserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct GitRepositoryRef {
    /// The branch (`master` when nothing else is given).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub branch: Option<String>,
    /// Other Flux reference fields (`tag`, `semver`, `commit`), kept as they came.
    #[serde(flatten)]
    #[cfg_attr(feature = "schema", schemars(skip))]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub extra: Extra,
}

/// A reference to an object of the same namespace (the credentials' Secret).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct LocalObjectReference {
    /// The object's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub name: Option<String>,
}

/// A Flux GitRepository's spec.
#[derive(Debug, Clone, Default, PartialEq, Serialize, TolerantDeserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct GitRepositorySpec {
    /// The repository URL (`https://`, `http://` or `ssh://`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub url: Option<String>,
    /// The reference to check out.
    #[serde(rename = "ref", default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub git_ref: Option<GitRepositoryRef>,
    /// The Secret holding the credentials.
    #[serde(rename = "secretRef", default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub secret_ref: Option<LocalObjectReference>,
    /// How often to look for changes, a Go duration (`1m`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub interval: Option<String>,
    /// Timeout of Git operations, a Go duration (default `60s`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub timeout: Option<String>,
    /// Other Flux spec fields, kept as they came.
    #[serde(flatten)]
    #[cfg_attr(feature = "schema", schemars(skip))]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub extra: Extra,
}

/// Metadata of a Flux object (`GitRepositoryMetaData`, `KustomizationMetaData`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(rename_all = "camelCase")]
pub struct FluxObjectMeta {
    /// Name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub name: Option<String>,
    /// Namespace.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub namespace: Option<String>,
    /// Object id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub uid: Option<String>,
    /// Internal version, for concurrency control.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub resource_version: Option<String>,
    /// Spec generation, bumped on every spec change.
    #[serde(
        default,
        deserialize_with = "de::int_or_string",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub generation: Option<i64>,
    /// Creation time, as sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub creation_timestamp: Option<String>,
    /// Finalizers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub finalizers: Option<Vec<String>>,
    /// Field managers (free-form entries).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub managed_fields: Option<Vec<Value>>,
}

/// What a source controller produced from a repository.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(rename_all = "camelCase")]
pub struct GitRepositoryArtifact {
    /// Relative file path.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub path: Option<String>,
    /// Where to download it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub url: Option<String>,
    /// Revision (`main@sha1:...`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub revision: Option<String>,
    /// `<algorithm>:<checksum>`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub digest: Option<String>,
    /// Last update time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub last_update_time: Option<String>,
    /// Size in bytes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub size: Option<i64>,
}

/// A Flux GitRepository's status.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(rename_all = "camelCase")]
pub struct GitRepositoryStatus {
    /// The generation the controller last handled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub observed_generation: Option<i64>,
    /// Conditions (free-form Kubernetes conditions).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub conditions: Option<Vec<Value>>,
    /// The last artifact produced.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub artifact: Option<GitRepositoryArtifact>,
}

/// A Flux GitRepository.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct GitRepository {
    /// Name, namespace, uid, generation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub metadata: Option<FluxObjectMeta>,
    /// What to fetch.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub spec: Option<GitRepositorySpec>,
    /// What was fetched.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub status: Option<GitRepositoryStatus>,
}

/// The source a Kustomization applies (Flux `sourceRef`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct KustomizationSourceRef {
    /// `GitRepository`, `OCIRepository` or `Bucket` (required).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub kind: String,
    /// The source's name (required).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub name: String,
}

/// A Flux Kustomization's spec.
#[derive(Debug, Clone, Default, PartialEq, Serialize, TolerantDeserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(rename_all = "camelCase")]
pub struct KustomizationSpec {
    /// Path of the `kustomization.yaml` in the source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub path: Option<String>,
    /// How often to reconcile, a Go duration.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub interval: Option<String>,
    /// Timeout of validation, apply and health checks, a Go duration.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub timeout: Option<String>,
    /// The source to apply.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub source_ref: Option<KustomizationSourceRef>,
    /// Namespace set on (or overriding) every applied object.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub target_namespace: Option<String>,
    /// Whether removed objects are garbage-collected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub prune: Option<bool>,
    /// Other Flux spec fields, kept as they came.
    #[serde(flatten)]
    #[cfg_attr(feature = "schema", schemars(skip))]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub extra: Extra,
}

/// A Flux Kustomization's status.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(rename_all = "camelCase")]
pub struct KustomizationStatus {
    /// The generation last reconciled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub observed_generation: Option<i64>,
    /// Conditions (free-form Kubernetes conditions).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub conditions: Option<Vec<Value>>,
    /// The revision last attempted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub last_attempted_revision: Option<String>,
}

/// A Flux Kustomization.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Kustomization {
    /// Name, namespace, uid, generation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub metadata: Option<FluxObjectMeta>,
    /// What to apply.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub spec: Option<KustomizationSpec>,
    /// Where it stands.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub status: Option<KustomizationStatus>,
}

/// Query of `gitops.list_config_sets`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ListConfigSetsQuery {
    /// Only the config sets of this cluster (the official SDKs require it; the emulator lists
    /// every cluster's without it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub clusterid: Option<String>,
    /// Page size; -1 (the default) means all.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub limit: Option<i64>,
    /// Offset of the first item.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub offset: Option<i64>,
    /// `create_at` (default) or `update_at`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub order_by: Option<String>,
    /// `desc` (default) or `asc`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub order: Option<String>,
}

/// Query of `gitops.list_repos` (the same parameters as the config set list).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ListReposQuery {
    /// Only the repositories of this cluster.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub clusterid: Option<String>,
    /// Page size; -1 (the default) means all.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub limit: Option<i64>,
    /// Offset of the first item.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub offset: Option<i64>,
    /// `create_at` (default) or `update_at`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub order_by: Option<String>,
    /// `desc` (default) or `asc`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub order: Option<String>,
}

/// Body of `gitops.create_repo`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(rename_all = "camelCase")]
pub struct CreateRepo {
    /// Repository name (required here: it names the GitRepository).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub name: Option<String>,
    /// Namespace of the GitRepository (required).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub namespace: Option<String>,
    /// URL, reference, interval, Secret reference (`url` required).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub git_repository_spec: Option<GitRepositorySpec>,
    /// The credentials, if the repository needs them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub secret_info: Option<GitOpsSecretInfo>,
    /// The cluster the repository is created in (`clusterID` required).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub cluster_info: Option<GitOpsClusterInfo>,
}

/// Body of `gitops.update_repo`: the fields given change, the others stay.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(rename_all = "camelCase")]
pub struct UpdateRepo {
    /// Repository name (must be the current one when given: a GitRepository is not renamed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub name: Option<String>,
    /// Namespace (must be the current one when given).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub namespace: Option<String>,
    /// `GitRepository` (the only type supported).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub repo_type: Option<String>,
    /// The fields of the spec to change.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub git_repository_spec: Option<GitRepositorySpec>,
    /// New credentials.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub secret_info: Option<GitOpsSecretInfo>,
}

/// A source repository (the official `RepoResponse`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, TolerantDeserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(rename_all = "camelCase")]
pub struct GitOpsRepo {
    /// Repository id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub uid: Option<String>,
    /// Name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub name: Option<String>,
    /// `GitRepository` (`Bucket`, `HelmChart`, `HelmRepository` are listed but not supported).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub repo_type: Option<String>,
    /// Namespace.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub namespace: Option<String>,
    /// The GitRepository object.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub git_repository: Option<GitRepository>,
    /// `Health`, `Failed`, `Unknown`, `Progressing`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub repo_status: Option<String>,
    /// The cluster it lives in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub cluster_info: Option<GitOpsClusterInfo>,
    /// The authentication mode (the emulator never answers the credentials themselves).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub secret_info: Option<GitOpsSecretInfo>,
    /// Fields this SDK does not know, kept as they came.
    #[serde(flatten)]
    #[cfg_attr(feature = "schema", schemars(skip))]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub extra: Extra,
}

/// A page of repositories.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct GitOpsRepoList {
    /// The repositories.
    #[serde(default, deserialize_with = "de::null_as_empty")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub items: Vec<GitOpsRepo>,
    /// Total over all pages.
    #[serde(default, deserialize_with = "de::int_or_string")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub total: Option<i64>,
}

/// Body of `gitops.create_config_set`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(rename_all = "camelCase")]
pub struct CreateConfigSet {
    /// Config set name (required).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub name: String,
    /// Namespace of the Kustomization (required).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub namespace: String,
    /// `Kustomization` (the default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub config_set_type: Option<String>,
    /// The source repository's name (an existing repository of the cluster).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub repo_name: Option<String>,
    /// Bucket source (free-form; not supported by the service).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub bucket_spec: Option<Value>,
    /// Helm chart source (free-form; not supported by the service).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub helm_chart_spec: Option<Value>,
    /// A Git source given inline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub git_repository_spec: Option<GitRepositorySpec>,
    /// Helm repository source (free-form; not supported by the service).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub helm_repository_spec: Option<Value>,
    /// What to apply from the source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub kustomization_spec: Option<KustomizationSpec>,
    /// The target cluster (`clusterID` required).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub cluster_info: Option<GitOpsClusterInfo>,
    /// Credentials of an inline source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub secret_info: Option<GitOpsSecretInfo>,
}

/// Body of `gitops.update_config_set`: the fields given change, the others stay.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(rename_all = "camelCase")]
pub struct UpdateConfigSet {
    /// Name (must be the current one when given).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub name: Option<String>,
    /// Namespace (must be the current one when given).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub namespace: Option<String>,
    /// HelmRelease spec (free-form; not supported by the service).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub helm_release_spec: Option<Value>,
    /// The Kustomization fields to change.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub kustomization_spec: Option<KustomizationSpec>,
}

/// A config set (the official `ConfigSetResponse` / `ShowConfigSetResponse`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, TolerantDeserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(rename_all = "camelCase")]
pub struct ConfigSet {
    /// Config set id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub uid: Option<String>,
    /// Name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub name: Option<String>,
    /// Namespace.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub namespace: Option<String>,
    /// `Kustomization`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub config_set_type: Option<String>,
    /// The source repository's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub repo_name: Option<String>,
    /// Bucket source (free-form).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(extend("type" = ["object", "null"])))]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub bucket: Option<Value>,
    /// Helm chart source (free-form).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(extend("type" = ["object", "null"])))]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub helm_chart: Option<Value>,
    /// The Git source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub git_repository: Option<GitRepository>,
    /// Helm repository source (free-form).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(extend("type" = ["object", "null"])))]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub helm_repository: Option<Value>,
    /// The source's status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub repo_status: Option<String>,
    /// HelmRelease (free-form).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(extend("type" = ["object", "null"])))]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub helm_release: Option<Value>,
    /// The Kustomization object.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub kustomization: Option<Kustomization>,
    /// `Health`, `Failed`, `Unknown`, `Progressing`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub config_set_status: Option<String>,
    /// The target cluster.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub cluster_info: Option<GitOpsClusterInfo>,
    /// The authentication mode.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub secret_info: Option<GitOpsSecretInfo>,
    /// Fields this SDK does not know, kept as they came.
    #[serde(flatten)]
    #[cfg_attr(feature = "schema", schemars(skip))]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub extra: Extra,
}

/// A page of config sets.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ConfigSetList {
    /// The config sets.
    #[serde(default, deserialize_with = "de::null_as_empty")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub items: Vec<ConfigSet>,
    /// Total over all pages.
    #[serde(default, deserialize_with = "de::int_or_string")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub total: Option<i64>,
}

/// Config set counts by status, over every cluster.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(rename_all = "camelCase")]
pub struct OverviewReconcileStatus {
    /// Config sets.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub config_set_total_num: Option<i64>,
    /// Healthy ones.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub health_status_num: Option<i64>,
    /// Failed ones.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub failed_status_num: Option<i64>,
    /// Ones of unknown status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub unknown_status_num: Option<i64>,
    /// Ones being reconciled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub progressing_status_num: Option<i64>,
}

/// Config set counts by status in one cluster.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(rename_all = "camelCase")]
pub struct ClusterReconcileStatus {
    /// The cluster.
    #[serde(
        rename = "clusterID",
        alias = "clusterId",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub cluster_id: Option<String>,
    /// Config sets.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub config_set_total_num: Option<i64>,
    /// Healthy ones.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub health_status_num: Option<i64>,
    /// Failed ones.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub failed_status_num: Option<i64>,
    /// Ones of unknown status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub unknown_status_num: Option<i64>,
    /// Ones being reconciled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub progressing_status_num: Option<i64>,
    /// Kubernetes objects the config sets manage.
    #[serde(
        rename = "k8sResourceNum",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub k8s_resource_num: Option<i64>,
    /// Source repositories.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub source_repo_num: Option<i64>,
}

/// The GitOps statistics: totals, then one entry per cluster with GitOps enabled.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct GitOpsStatistics {
    /// Totals over every cluster.
    #[serde(
        rename = "overviewStatus",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub overview_status: Option<OverviewReconcileStatus>,
    /// Per cluster, one page.
    #[serde(default, deserialize_with = "de::null_as_empty")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub items: Vec<ClusterReconcileStatus>,
    /// Clusters over all pages.
    #[serde(default, deserialize_with = "de::int_or_string")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub total: Option<i64>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_info_debug_hides_the_credentials() {
        let body: CreateRepo = serde_json::from_value(serde_json::json!({
            "name": "apps", "namespace": "flux-system",
            "gitRepositorySpec": {"url": "https://example.com/apps.git", "ref": {"branch": "main"}},
            "secretInfo": {"authMode": "basic",
                           "secret": {"username": "bob", "password": "hunter2-pw"}},
            "clusterInfo": {"clusterID": "c1"}
        }))
        .unwrap_or_default();
        let shown = format!("{body:?}");
        assert!(!shown.contains("hunter2-pw"), "{shown}");
        assert!(!shown.contains("bob"), "{shown}");
        assert!(shown.contains("basic"), "{shown}");
        // The credentials are sent as given.
        let wire = serde_json::to_value(&body).unwrap_or_default();
        assert_eq!(wire["secretInfo"]["secret"]["password"], "hunter2-pw");
    }

    #[test]
    fn reads_the_official_shapes() {
        let set: ConfigSet = serde_json::from_value(serde_json::json!({
            "uid": "s1", "name": "web", "namespace": "default", "configSetType": "Kustomization",
            "repoName": "apps", "repoStatus": "Health", "configSetStatus": "Progressing",
            "kustomization": {"metadata": {"name": "web", "generation": "2"},
                "spec": {"path": "./deploy", "prune": true,
                         "sourceRef": {"kind": "GitRepository", "name": "apps"}}},
            "gitRepository": {"spec": {"url": "https://x/y.git", "ref": {"branch": "main", "tag": "v1"},
                                       "secretRef": {"name": "apps-auth"}}},
            "clusterInfo": {"clusterID": "c1"}, "future": 1
        }))
        .unwrap_or_default();
        let k = set.kustomization.clone().unwrap_or_default();
        assert_eq!(k.metadata.unwrap_or_default().generation, Some(2));
        let spec = k.spec.unwrap_or_default();
        assert_eq!(spec.source_ref.unwrap_or_default().name, "apps");
        assert_eq!(spec.prune, Some(true));
        let git = set
            .git_repository
            .clone()
            .unwrap_or_default()
            .spec
            .unwrap_or_default();
        let git_ref = git.git_ref.unwrap_or_default();
        assert_eq!(git_ref.branch.as_deref(), Some("main"));
        assert_eq!(git_ref.extra.get("tag"), Some(&serde_json::json!("v1")));
        assert_eq!(set.extra.get("future"), Some(&serde_json::json!(1)));
        assert_eq!(
            set.cluster_info.unwrap_or_default().cluster_id.as_deref(),
            Some("c1")
        );
        let status: GitOpsStatus = serde_json::from_value(serde_json::json!({
            "metadata": {"continue": "", "remainingItemCount": 0},
            "items": [{"metadata": {"name": "source-controller"}, "status": {"phase": "Running"}}]
        }))
        .unwrap_or_default();
        assert_eq!(
            status
                .metadata
                .unwrap_or_default()
                .remaining_item_count
                .as_deref(),
            Some("0")
        );
        assert_eq!(
            status.items[0]
                .status
                .clone()
                .unwrap_or_default()
                .phase
                .as_deref(),
            Some("Running")
        );
        let stats: GitOpsStatistics = serde_json::from_str(
            r#"{"overviewStatus": {"configSetTotalNum": 3}, "items": null, "total": "1"}"#,
        )
        .unwrap_or_default();
        assert_eq!(stats.total, Some(1));
        assert_eq!(
            stats
                .overview_status
                .unwrap_or_default()
                .config_set_total_num,
            Some(3)
        );
    }
}
