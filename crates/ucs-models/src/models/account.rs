//! The account's quotas (`/v1/maintenance/quota/{domainid}`) and the service's configuration
//! (`/v1/serverconfig`): the wire shapes of the official SDKs (`huaweicloudsdkucs` 3.1.219,
//! `huaweicloud-sdk-go-v3` v0.1.207 `services/ucs/v1/model`), which the reference does not
//! document.

use serde::{Deserialize, Serialize};
use ucs_models_derive::TolerantDeserialize;

use super::common::Extra;
use super::de;

/// Answer of `account.get_quota`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Quotas {
    /// The quotas (the official `CommonQuotas`).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub quotas: QuotaResources,
}

/// The quota of each resource type.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct QuotaResources {
    /// One entry per type.
    #[serde(default, deserialize_with = "de::null_as_empty")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub resources: Vec<QuotaResource>,
}

/// One resource type's quota. The official models carry the numbers as strings; numbers are
/// read too.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct QuotaResource {
    /// `cluster`, `clustergroup`, `rule` or `federation`.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub resource_type: Option<String>,
    /// The limit.
    #[serde(
        default,
        deserialize_with = "de::string_or_number",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub quota: Option<String>,
    /// How many are in use.
    #[serde(
        default,
        deserialize_with = "de::string_or_number",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub used: Option<String>,
    /// Unit (`count`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub unit: Option<String>,
    /// The smallest limit that can be set.
    #[serde(
        default,
        deserialize_with = "de::string_or_number",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub min: Option<String>,
    /// The largest limit that can be set.
    #[serde(
        default,
        deserialize_with = "de::string_or_number",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub max: Option<String>,
}

/// Answer of `account.list_server_configs`: what the service offers on-premise clusters and
/// federations.
#[derive(Debug, Clone, Default, PartialEq, Serialize, TolerantDeserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ServerConfigs {
    /// On-premise cluster releases.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub onpremises: Option<OnPremisesConfig>,
    /// Federation (Karmada) versions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub federations: Option<ServerFederationConfig>,
    /// Fields this SDK does not know, kept as they came.
    #[serde(flatten)]
    #[cfg_attr(feature = "schema", schemars(skip))]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub extra: Extra,
}

/// On-premise cluster releases.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct OnPremisesConfig {
    /// One entry per release and architecture.
    #[serde(
        rename = "versionsInfo",
        default,
        deserialize_with = "de::null_as_empty"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub versions_info: Vec<OnPremisesVersionInfo>,
}

/// One on-premise release.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(rename_all = "camelCase")]
pub struct OnPremisesVersionInfo {
    /// Kubernetes version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub kubernetes_version: Option<String>,
    /// Release version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub release_version: Option<String>,
    /// Where the `ucs-ctl` tool is downloaded from.
    #[serde(
        rename = "ucsctlDownloadURL",
        alias = "ucsctlDownloadUrl",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub ucsctl_download_url: Option<String>,
    /// CPU architecture (`x86_64`, `aarch64`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub arch: Option<String>,
    /// OBS endpoint of the packages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub obs_endpoint: Option<String>,
    /// Path of the software package.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub package_path: Option<String>,
    /// Path of the image package.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub images_package_path: Option<String>,
    /// The version it upgrades to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub target_version: Option<String>,
}

/// Federation versions.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ServerFederationConfig {
    /// One entry per current version.
    #[serde(
        rename = "versionsInfo",
        default,
        deserialize_with = "de::null_as_empty"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub versions_info: Vec<ServerFederationVersionInfo>,
}

/// A federation version and the versions it can be upgraded to.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ServerFederationVersionInfo {
    /// The version.
    #[serde(
        rename = "currentVersion",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub current_version: Option<ServerFederationVersion>,
    /// Upgrade targets.
    #[serde(
        rename = "targetVersions",
        default,
        deserialize_with = "de::null_as_empty"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub target_versions: Vec<ServerFederationVersion>,
}

/// One federation version (the official models spell the key `FederationVersion`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ServerFederationVersion {
    /// The version (`v1.11.1`).
    #[serde(
        rename = "FederationVersion",
        alias = "federationVersion",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub federation_version: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quota_numbers_are_read_as_strings_or_numbers_and_written_as_strings() {
        let q: Quotas = serde_json::from_value(serde_json::json!({"quotas": {"resources": [
            {"type": "cluster", "quota": "50", "used": 3, "unit": "count"}]}}))
        .unwrap_or_default();
        let r = &q.quotas.resources[0];
        assert_eq!(r.resource_type.as_deref(), Some("cluster"));
        assert_eq!(r.quota.as_deref(), Some("50"));
        assert_eq!(r.used.as_deref(), Some("3"));
        let back = serde_json::to_value(&q).unwrap_or_default();
        assert_eq!(back["quotas"]["resources"][0]["used"], "3");
    }

    #[test]
    fn server_configs_read_the_official_names() {
        let c: ServerConfigs = serde_json::from_value(serde_json::json!({
            "onpremises": {"versionsInfo": [{"kubernetesVersion": "v1.28", "ucsctlDownloadURL": "u"}]},
            "federations": {"versionsInfo": [{"currentVersion": {"FederationVersion": "v1.8"},
                "targetVersions": [{"FederationVersion": "v1.9"}]}]}
        }))
        .unwrap_or_default();
        let on = c.onpremises.unwrap_or_default();
        assert_eq!(
            on.versions_info[0].ucsctl_download_url.as_deref(),
            Some("u")
        );
        let fed = c.federations.unwrap_or_default();
        assert_eq!(
            fed.versions_info[0].target_versions[0]
                .federation_version
                .as_deref(),
            Some("v1.9")
        );
    }
}
