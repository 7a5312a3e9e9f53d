//! Shapes shared by clusters, fleets and rules: object metadata, list pages, created ids.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use ucs_models_derive::TolerantDeserialize;

/// Unknown fields, kept so that nothing the service sends is lost.
pub type Extra = Map<String, Value>;

/// Kubernetes-style object metadata (`ObjectMeta`).
// Its Debug shows annotation and unknown field names, not their values (a kubeconfig, a token).
#[derive(Clone, Default, PartialEq, Serialize, TolerantDeserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
// Kotlin's `toString()` and Swift's `description` print this Debug, not every field.
#[cfg_attr(feature = "uniffi", uniffi::export(Debug))]
pub struct ObjectMeta {
    /// Object id.
    #[serde(default, skip_serializing_if = "Option::is_none", alias = "UID")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub uid: Option<String>,
    /// Object name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub name: Option<String>,
    /// Labels.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub labels: Option<BTreeMap<String, String>>,
    /// Annotations.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub annotations: Option<BTreeMap<String, String>>,
    /// Creation time, RFC 3339 or Go's `2006-01-02 15:04:05.999999 +0000 UTC`; kept as sent.
    #[serde(
        rename = "creationTimestamp",
        alias = "creationtimestamp",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub creation_timestamp: Option<String>,
    /// Update time, kept as sent.
    #[serde(
        rename = "updateTimestamp",
        alias = "updatetimestamp",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub update_timestamp: Option<String>,
    /// Fields this SDK does not know yet.
    #[serde(flatten)]
    #[cfg_attr(feature = "schema", schemars(skip))]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub extra: Extra,
}

/// Map keys with every value shown as `***`.
struct Redacted<'a, I>(&'a I);

impl<'a, I, K, V> std::fmt::Debug for Redacted<'a, I>
where
    &'a I: IntoIterator<Item = (K, V)>,
    K: std::fmt::Debug,
{
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_map()
            .entries(self.0.into_iter().map(|(k, _)| (k, "***")))
            .finish()
    }
}

impl std::fmt::Debug for ObjectMeta {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ObjectMeta")
            .field("uid", &self.uid)
            .field("name", &self.name)
            .field("labels", &self.labels)
            .field("annotations", &self.annotations.as_ref().map(Redacted))
            .field("creation_timestamp", &self.creation_timestamp)
            .field("update_timestamp", &self.update_timestamp)
            .field("extra", &Redacted(&self.extra))
            .finish()
    }
}

/// `{"uid": ...}`: what the create calls answer.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Created {
    /// The new object's id.
    #[serde(default, alias = "UID")]
    pub uid: String,
}

/// A rule id list with the namespaces it applies to (`ruleIDNamespaces` items).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct RuleIdNamespaces {
    /// Permission rule ids.
    #[serde(
        rename = "ruleIDs",
        alias = "ruleIds",
        alias = "ruleids",
        default,
        deserialize_with = "super::de::null_as_empty"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub rule_ids: Vec<String>,
    /// Namespaces the rules apply to.
    #[serde(default, deserialize_with = "super::de::null_as_empty")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub namespaces: Vec<String>,
}

/// Body of `associate_rules` for clusters and fleets.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct AssociateRules {
    /// Rules with their namespaces.
    #[serde(
        rename = "ruleIDNamespaces",
        alias = "ruleIdNamespaces",
        alias = "ruleidnamespaces",
        default,
        deserialize_with = "super::de::null_as_empty"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub rule_id_namespaces: Vec<RuleIdNamespaces>,
}

/// Paging and ordering shared by the fleet and rule lists.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct PageQuery {
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
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_hides_annotation_and_extra_values() {
        let meta = ObjectMeta {
            name: Some("prod".into()),
            annotations: Some(BTreeMap::from([(
                "kubeconfig".to_owned(),
                "token: s3cr3t-annotation".to_owned(),
            )])),
            extra: Map::from_iter([("password".to_owned(), Value::from("s3cr3t-extra"))]),
            ..Default::default()
        };
        let text = format!("{meta:?} {meta:#?}");
        assert!(!text.contains("s3cr3t"), "{text}");
        assert!(text.contains("prod") && text.contains("kubeconfig") && text.contains("password"));
    }
}
