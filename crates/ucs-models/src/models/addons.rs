//! Add-on instances (`/v1/addons`): the wire shapes of the official SDKs (`huaweicloudsdkucs`
//! 3.1.219, `huaweicloud-sdk-go-v3` v0.1.207 `services/ucs/v1/model`), which the reference does
//! not document.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use ucs_models_derive::TolerantDeserialize;

use super::common::{Extra, ObjectMeta};
use crate::error::{InvalidInput, Result};
use crate::validate;

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
#[derive(Debug, Clone, Default, PartialEq, Serialize, TolerantDeserialize)]
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

/// Query of `addons.get`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ShowAddonInstanceQuery {
    /// The cluster the instance must belong to (checked against the instance's when given).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub cluster_id: Option<String>,
    /// `"true"`: the add-on status as stored by the service rather than read live.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub is_database_status: Option<String>,
}

/// Query of `addons.delete`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct DeleteAddonInstanceQuery {
    /// The cluster the instance must belong to; the instance's own when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub cluster_id: Option<String>,
}

/// Query of `addons.list_templates`: the add-on catalogue, filtered.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ListAddonTemplatesQuery {
    /// Only this package version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub version: Option<String>,
    /// `"true"`: only each template's newest version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub newest: Option<String>,
    /// Only versions that support this cluster.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub cluster_id: Option<String>,
    /// Only this template.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub addon_template_name: Option<String>,
    /// Only versions newer than this one (what an instance at this version can be upgraded to).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub base_update_addon_version: Option<String>,
}

/// The add-on catalogue.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct AddonTemplateList {
    /// `List`.
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
    /// The templates.
    #[serde(default, deserialize_with = "super::de::null_as_empty")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub items: Vec<AddonTemplate>,
}

/// One add-on of the catalogue and its versions.
#[derive(Debug, Clone, Default, PartialEq, Serialize, TolerantDeserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct AddonTemplate {
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
    /// Name (the template name instances refer to), uid, labels and timestamps.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub metadata: ObjectMeta,
    /// What the template offers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub spec: Option<AddonTemplateSpec>,
    /// Fields this SDK does not know, kept as they came.
    #[serde(flatten)]
    #[cfg_attr(feature = "schema", schemars(skip))]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub extra: Extra,
}

/// An add-on template's specification.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct AddonTemplateSpec {
    /// How it installs: `helm` or `static`.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub template_type: Option<String>,
    /// Whether every cluster must have it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub require: Option<bool>,
    /// Labels.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub labels: Option<Vec<String>>,
    /// Logo URL.
    #[serde(
        rename = "logoURL",
        alias = "logoUrl",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub logo_url: Option<String>,
    /// README URL.
    #[serde(
        rename = "readmeURL",
        alias = "readmeUrl",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub readme_url: Option<String>,
    /// Description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub description: Option<String>,
    /// The versions that can be installed.
    #[serde(default, deserialize_with = "super::de::null_as_empty")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub versions: Vec<AddonVersion>,
}

/// One version of an add-on template.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(rename_all = "camelCase")]
pub struct AddonVersion {
    /// Package version id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub id: Option<String>,
    /// The version (`3.14.0`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub version: Option<String>,
    /// The default values (free-form).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub input: Option<Value>,
    /// Whether it is a stable version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub stable: Option<bool>,
    /// Console translations (free-form).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub translate: Option<Value>,
    /// The cluster kinds and Kubernetes versions it supports.
    #[serde(default, deserialize_with = "super::de::null_as_empty")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub support_versions: Vec<AddonSupportVersion>,
    /// Creation time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub creation_timestamp: Option<String>,
    /// Update time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub update_timestamp: Option<String>,
}

/// Cluster kinds and versions an add-on version supports (the official `SupportVersion`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(rename_all = "camelCase")]
pub struct AddonSupportVersion {
    /// Cluster category.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub category: Option<String>,
    /// Cluster type (`BareMetal`, `VirtualMachine`, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub cluster_type: Option<String>,
    /// Kubernetes versions, as regular expressions (`v1.2[5-9].*`).
    #[serde(default, deserialize_with = "super::de::null_as_empty")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub cluster_version: Vec<String>,
}

impl AddonInstance {
    /// The body of `addons.create` with `kind` `Addon` and `apiVersion` `v3` filled in when
    /// absent (the official models require both; nothing else is valid).
    pub fn with_defaults(&self) -> Self {
        let mut body = self.clone();
        body.kind.get_or_insert_with(|| "Addon".into());
        body.api_version.get_or_insert_with(|| "v3".into());
        body
    }

    /// What `addons.create` must be given: `kind` `Addon`, `apiVersion` `v3`, the cluster (a
    /// UUID), the template and its version; a name, when given, is a DNS label.
    pub fn check_create(&self) -> Result<()> {
        self.check_kind()?;
        let spec = self
            .spec
            .as_ref()
            .ok_or_else(|| InvalidInput::new("spec", "is required"))?;
        validate::cluster_id("spec.clusterID", spec.cluster_id.as_deref().unwrap_or(""))?;
        validate::id(
            "spec.addonTemplateName",
            spec.addon_template_name.as_deref().unwrap_or(""),
        )?;
        validate::required("spec.version", spec.version.as_deref().unwrap_or(""))?;
        self.metadata
            .name
            .as_deref()
            .map_or(Ok(()), |name| dns_label("metadata.name", name))
    }

    /// What `addons.update` must be given: `kind`, `apiVersion` and a `spec`, whose cluster
    /// (when given) is a UUID and whose version (when given) is not empty.
    pub fn check_update(&self) -> Result<()> {
        self.check_kind()?;
        let spec = self
            .spec
            .as_ref()
            .ok_or_else(|| InvalidInput::new("spec", "is required"))?;
        if let Some(cluster) = spec.cluster_id.as_deref() {
            validate::cluster_id("spec.clusterID", cluster)?;
        }
        if let Some(version) = spec.version.as_deref() {
            validate::required("spec.version", version)?;
        }
        Ok(())
    }

    fn check_kind(&self) -> Result<()> {
        validate::one_of("kind", self.kind.as_deref().unwrap_or(""), &["Addon"])?;
        validate::one_of(
            "apiVersion",
            self.api_version.as_deref().unwrap_or(""),
            &["v3"],
        )
    }
}

/// A Kubernetes DNS label: 1 to 63 lower-case letters, digits and `-`, starting with a letter
/// and not ending with `-` (add-on instances are Helm releases named this way).
fn dns_label(field: &str, value: &str) -> Result<()> {
    validate::length(field, value, 1, 63)?;
    let ok = value.starts_with(|c: char| c.is_ascii_lowercase())
        && !value.ends_with('-')
        && value
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if ok {
        Ok(())
    } else {
        Err(InvalidInput::new(
            field,
            format!("{value:?} is not a DNS label (lower-case letters, digits and '-', starting with a letter)"),
        ))
    }
}

impl ListAddonTemplatesQuery {
    /// `cluster_id` is a UUID and `newest` is `true` or `false` when given.
    pub fn check(&self) -> Result<()> {
        if let Some(cluster) = self.cluster_id.as_deref() {
            validate::cluster_id("cluster_id", cluster)?;
        }
        validate::opt_one_of("newest", self.newest.as_deref(), &["true", "false"])
    }
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

    fn valid_create() -> AddonInstance {
        AddonInstance {
            metadata: ObjectMeta {
                name: Some("gatekeeper".into()),
                ..Default::default()
            },
            spec: Some(AddonInstanceSpec {
                cluster_id: Some("00000000-0000-0000-0000-000000000001".into()),
                addon_template_name: Some("gatekeeper".into()),
                version: Some("3.14.0".into()),
                ..Default::default()
            }),
            ..Default::default()
        }
        .with_defaults()
    }

    #[test]
    fn create_checks_name_each_refused_field() {
        assert_eq!(valid_create().check_create(), Ok(()));
        let field = |edit: fn(&mut AddonInstance)| {
            let mut body = valid_create();
            edit(&mut body);
            body.check_create().err().map(|e| e.field)
        };
        assert_eq!(
            field(|b| b.kind = Some("Pod".into())).as_deref(),
            Some("kind")
        );
        assert_eq!(
            field(|b| b.api_version = None).as_deref(),
            Some("apiVersion")
        );
        assert_eq!(field(|b| b.spec = None).as_deref(), Some("spec"));
        assert_eq!(
            field(|b| b
                .spec
                .iter_mut()
                .for_each(|s| s.cluster_id = Some("c1".into())))
            .as_deref(),
            Some("spec.clusterID")
        );
        assert_eq!(
            field(|b| b.spec.iter_mut().for_each(|s| s.addon_template_name = None)).as_deref(),
            Some("spec.addonTemplateName")
        );
        assert_eq!(
            field(|b| b.spec.iter_mut().for_each(|s| s.version = Some(" ".into()))).as_deref(),
            Some("spec.version")
        );
        assert_eq!(
            field(|b| b.metadata.name = Some("Bad_Name".into())).as_deref(),
            Some("metadata.name")
        );
        // An update may leave the cluster and version out.
        let mut update = valid_create();
        update.spec = Some(AddonInstanceSpec::default());
        assert_eq!(update.check_update(), Ok(()));
    }

    #[test]
    fn reads_a_template_with_versions() {
        let list: AddonTemplateList = serde_json::from_value(serde_json::json!({
            "kind": "List",
            "items": [{"metadata": {"name": "gatekeeper"},
                "spec": {"type": "helm", "logoURL": "l", "versions": [
                    {"version": "3.14.0", "stable": true,
                     "supportVersions": [{"category": "attachedcluster", "clusterVersion": ["v1.2.*"]}]}]}}]
        }))
        .unwrap_or_default();
        let spec = list.items[0].spec.clone().unwrap_or_default();
        assert_eq!(spec.template_type.as_deref(), Some("helm"));
        assert_eq!(spec.logo_url.as_deref(), Some("l"));
        assert_eq!(spec.versions[0].version.as_deref(), Some("3.14.0"));
        assert_eq!(
            spec.versions[0].support_versions[0].cluster_version,
            ["v1.2.*"]
        );
        let back = serde_json::to_value(&spec).unwrap_or_default();
        assert_eq!(
            back["versions"][0]["supportVersions"][0]["category"],
            "attachedcluster"
        );
    }
}
