//! Add-on instances (`/v1/addons`): the wire shapes of the official SDKs (`huaweicloudsdkucs`
//! 3.1.219, `huaweicloud-sdk-go-v3` v0.1.207 `services/ucs/v1/model`), which the reference does
//! not document.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::common::{Extra, ObjectMeta};

/// Query of `addons.list`: the add-on instances of one cluster.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ListAddonInstancesQuery {
    /// The cluster whose add-ons are listed (required).
    pub cluster_id: String,
    /// Only instances of this add-on template.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub addon_template_name: Option<String>,
    /// `"true"`: the add-on status as stored by the service rather than read live.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub is_database_status: Option<String>,
}

/// The add-on instances of a cluster.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct AddonInstanceList {
    /// `List`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub kind: Option<String>,
    /// `v1`.
    #[serde(
        rename = "apiVersion",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub api_version: Option<String>,
    /// The instances.
    #[serde(default, deserialize_with = "super::de::null_as_empty")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub items: Vec<AddonInstance>,
}

/// One add-on installed in a cluster.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct AddonInstance {
    /// `Addon`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub kind: Option<String>,
    /// `v3`.
    #[serde(
        rename = "apiVersion",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub api_version: Option<String>,
    /// Name, uid and timestamps.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub metadata: ObjectMeta,
    /// What is installed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub spec: Option<AddonInstanceSpec>,
    /// Where it stands.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub status: Option<AddonInstanceStatus>,
    /// Fields this SDK does not know, kept as they came.
    #[serde(flatten)]
    #[cfg_attr(feature = "schema", schemars(skip))]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub extra: Extra,
}

/// An add-on instance's specification.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(rename_all = "camelCase")]
pub struct AddonInstanceSpec {
    /// The cluster it is installed in.
    #[serde(
        rename = "clusterID",
        alias = "clusterId",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub cluster_id: Option<String>,
    /// Installed version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub version: Option<String>,
    /// The add-on template (package) name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub addon_template_name: Option<String>,
    /// The template's type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub addon_template_type: Option<String>,
    /// The template's logo URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub addon_template_logo: Option<String>,
    /// The template's labels.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub addon_template_labels: Option<Vec<String>>,
    /// Description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub description: Option<String>,
    /// The add-on's configuration values (free-form).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub values: Option<Value>,
    /// Release parameters (free-form).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub parameters: Option<Value>,
    /// Namespace it is installed in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub namespace: Option<String>,
}

/// An add-on instance's status.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct AddonInstanceStatus {
    /// `running`, `installing`, `abnormal`, ...
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub status: Option<String>,
    /// Why (the official models spell it `Reason`).
    #[serde(
        rename = "Reason",
        alias = "reason",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub reason: Option<String>,
    /// Details.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub message: Option<String>,
    /// Versions it can be upgraded to.
    #[serde(
        rename = "targetVersions",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub target_versions: Option<Vec<String>>,
    /// The installed version's details (free-form).
    #[serde(
        rename = "currentVersion",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub current_version: Option<Value>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_official_shape_and_keeps_unknown_fields() {
        let list: AddonInstanceList = serde_json::from_value(serde_json::json!({
            "kind": "List", "apiVersion": "v1",
            "items": [{"kind": "Addon", "apiVersion": "v3",
                "metadata": {"uid": "a1", "name": "gatekeeper"},
                "spec": {"clusterID": "c1", "addonTemplateName": "gatekeeper", "values": {"x": 1}},
                "status": {"status": "running", "Reason": "ok"},
                "future": true}]
        }))
        .unwrap_or_default();
        let item = &list.items[0];
        assert_eq!(item.metadata.uid.as_deref(), Some("a1"));
        let spec = item.spec.clone().unwrap_or_default();
        assert_eq!(spec.cluster_id.as_deref(), Some("c1"));
        assert_eq!(spec.addon_template_name.as_deref(), Some("gatekeeper"));
        assert_eq!(
            item.status.clone().unwrap_or_default().reason.as_deref(),
            Some("ok")
        );
        assert_eq!(item.extra.get("future"), Some(&serde_json::json!(true)));
        let null_items: AddonInstanceList =
            serde_json::from_str(r#"{"items": null}"#).unwrap_or_default();
        assert!(null_items.items.is_empty());
    }
}
