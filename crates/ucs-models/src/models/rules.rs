//! Permission rule models (reference 3.3).

use serde::{Deserialize, Serialize};
use ucs_models_derive::TolerantDeserialize;

use super::common::{Extra, ObjectMeta};
use super::de;
use super::fleets::NameMeta;

/// Rule types the reference allows.
pub const RULE_TYPES: &[&str] = &["readonly", "develop", "admin", "custom"];

/// A permission rule.
#[derive(Debug, Clone, Default, PartialEq, Serialize, TolerantDeserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Rule {
    /// API kind.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub kind: Option<String>,
    /// API version.
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
    /// Users, type, contents, description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub spec: Option<RuleSpec>,
    /// Fields this SDK does not know yet.
    #[serde(flatten)]
    #[cfg_attr(feature = "schema", schemars(skip))]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub extra: Extra,
}

impl Rule {
    /// The rule id (`metadata.uid`), or "".
    pub fn uid(&self) -> &str {
        self.metadata
            .as_ref()
            .and_then(|m| m.uid.as_deref())
            .unwrap_or("")
    }

    /// The rule name (`metadata.name`), or "".
    pub fn name(&self) -> &str {
        self.metadata
            .as_ref()
            .and_then(|m| m.name.as_deref())
            .unwrap_or("")
    }
}

/// `RuleSpec`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, TolerantDeserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct RuleSpec {
    /// IAM user ids the rule applies to.
    #[serde(
        rename = "iamUserIDs",
        alias = "iamuserids",
        alias = "iamUserIds",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub iam_user_ids: Option<Vec<String>>,
    /// `readonly`, `develop`, `admin` or `custom`.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub rule_type: Option<String>,
    /// What is allowed (for `custom`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub contents: Option<Vec<Content>>,
    /// Description, 0..=255 characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub description: Option<String>,
    /// Fields this SDK does not know yet.
    #[serde(flatten)]
    #[cfg_attr(feature = "schema", schemars(skip))]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub extra: Extra,
}

/// Verbs allowed on resources.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Content {
    /// Verbs (`get`, `list`, `*`, ...).
    #[serde(default, deserialize_with = "de::null_as_empty")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub verbs: Vec<String>,
    /// Resources (`pods`, `*`, ...).
    #[serde(default, deserialize_with = "de::null_as_empty")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub resources: Vec<String>,
}

/// A page of rules.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct RuleList {
    /// The rules.
    #[serde(default, deserialize_with = "de::null_as_empty")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub items: Vec<Rule>,
    /// Total over all pages.
    #[serde(default, deserialize_with = "de::int_or_string")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub total: Option<i64>,
}

/// Body of `rules.create`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct CreateRule {
    /// The rule name, 1..=63 characters.
    pub metadata: NameMeta,
    /// What the rule grants.
    pub spec: RuleSpec,
}

/// Body of `rules.update`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct UpdateRule {
    /// The new spec.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub spec: Option<RuleSpec>,
}
