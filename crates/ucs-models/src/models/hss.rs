//! HSS v5 multi-cloud cluster creation (the HSS reference text).

use std::fmt;

use serde::{Deserialize, Serialize};

use super::redact_opt;

/// Providers the HSS reference lists.
pub const HSS_PROVIDERS: &[&str] = &[
    "ali",
    "tencent",
    "azure",
    "aws",
    "self_built_hw",
    "self_built_idc",
];
/// Image repository types the HSS reference lists.
pub const HSS_IMAGE_REPO_TYPES: &[&str] = &["harbor", "quay", "jfrog", "other"];
/// Image architectures the HSS reference lists.
pub const HSS_IMAGE_ARCHES: &[&str] = &["x86", "arm"];
/// DNS policies the HSS reference lists.
pub const HSS_DNS_POLICIES: &[&str] =
    &["default", "clusterfirst", "clusterfirstwithhostnet", "none"];

/// Body of `hss.create_multicloud_cluster`: 17 snake_case fields, all optional on the wire.
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
// Its Debug hides secrets: Kotlin/Swift print it instead of every field.
#[cfg_attr(feature = "uniffi", uniffi::export(Debug))]
pub struct CreateMulticloudCluster {
    /// Cluster name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub name: Option<String>,
    /// `ali`, `tencent`, `azure`, `aws`, `self_built_hw`, `self_built_idc`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub provider: Option<String>,
    /// API server address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub server: Option<String>,
    /// Image repository address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub image_repo: Option<String>,
    /// Image repository user.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub image_repo_username: Option<String>,
    /// Image repository password (a secret: never printed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub image_repo_password: Option<String>,
    /// Organization.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub organization: Option<String>,
    /// `harbor`, `quay`, `jfrog`, `other`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub image_repo_type: Option<String>,
    /// End of the current validity, ms since the epoch.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub current_expiration_date: Option<i64>,
    /// End of the certificate validity, ms since the epoch.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub certificate_expiration_date: Option<i64>,
    /// Kubeconfig (a secret: never printed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub kube_config: Option<String>,
    /// `x86` or `arm`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub image_arch: Option<String>,
    /// ANP proxy address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub anp_proxy: Option<String>,
    /// Hostguard proxy address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub hostguard_proxy: Option<String>,
    /// Container name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub container_name: Option<String>,
    /// `default`, `clusterfirst`, `clusterfirstwithhostnet`, `none`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub dns_policy: Option<String>,
    /// Custom DNS servers, `;`-separated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub dns_config: Option<String>,
}

impl fmt::Debug for CreateMulticloudCluster {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CreateMulticloudCluster")
            .field("name", &self.name)
            .field("provider", &self.provider)
            .field("server", &self.server)
            .field("image_repo", &self.image_repo)
            .field("image_repo_username", &self.image_repo_username)
            .field(
                "image_repo_password",
                &redact_opt(&self.image_repo_password),
            )
            .field("organization", &self.organization)
            .field("image_repo_type", &self.image_repo_type)
            .field("current_expiration_date", &self.current_expiration_date)
            .field(
                "certificate_expiration_date",
                &self.certificate_expiration_date,
            )
            .field("kube_config", &redact_opt(&self.kube_config))
            .field("image_arch", &self.image_arch)
            .field("anp_proxy", &self.anp_proxy)
            .field("hostguard_proxy", &self.hostguard_proxy)
            .field("container_name", &self.container_name)
            .field("dns_policy", &self.dns_policy)
            .field("dns_config", &self.dns_config)
            .finish()
    }
}

/// Query of `hss.create_multicloud_cluster`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct CreateMulticloudClusterQuery {
    /// Enterprise project id (`all_granted_eps` for all).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub enterprise_project_id: Option<String>,
}

/// Answer of `hss.create_multicloud_cluster`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct MulticloudClusterCreated {
    /// The new cluster's id.
    #[serde(default)]
    pub cluster_id: String,
}
