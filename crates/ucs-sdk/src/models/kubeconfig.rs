//! The kubeconfig that the federation cert and kubeconfig calls answer (kebab-case keys).

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;

use super::common::Extra;

/// A kubeconfig. It holds credentials, so Debug shows only server addresses.
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct KubeconfigDoc {
    /// Always `Config`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// Always `v1`.
    #[serde(
        rename = "apiVersion",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub api_version: Option<String>,
    /// Clusters with their servers and CA data.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub clusters: Vec<NamedCluster>,
    /// Contexts.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contexts: Vec<NamedContext>,
    /// The current context.
    #[serde(
        rename = "current-context",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub current_context: Option<String>,
    /// Users with their credentials.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub users: Vec<NamedUser>,
    /// Preferences.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preferences: Option<Value>,
    /// Fields this SDK does not know yet.
    #[serde(flatten)]
    #[cfg_attr(feature = "schema", schemars(skip))]
    pub extra: Extra,
}

/// A named cluster entry.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct NamedCluster {
    /// Entry name.
    #[serde(default)]
    pub name: String,
    /// Server and CA.
    #[serde(default)]
    pub cluster: KubeCluster,
}

/// Server and CA of a cluster entry.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct KubeCluster {
    /// API server URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub server: Option<String>,
    /// Base64 CA bundle.
    #[serde(
        rename = "certificate-authority-data",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub certificate_authority_data: Option<String>,
    /// Skip TLS verification.
    #[serde(
        rename = "insecure-skip-tls-verify",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub insecure_skip_tls_verify: Option<bool>,
    /// Fields this SDK does not know yet.
    #[serde(flatten)]
    #[cfg_attr(feature = "schema", schemars(skip))]
    pub extra: Extra,
}

/// A named context entry.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct NamedContext {
    /// Entry name.
    #[serde(default)]
    pub name: String,
    /// Cluster, user and namespace.
    #[serde(default)]
    pub context: KubeContext,
}

/// Cluster, user and namespace of a context.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct KubeContext {
    /// Cluster entry name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cluster: Option<String>,
    /// User entry name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<String>,
    /// Default namespace.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub namespace: Option<String>,
}

/// A named user entry; its credentials stay free-form JSON.
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct NamedUser {
    /// Entry name.
    #[serde(default)]
    pub name: String,
    /// Credentials (`client-certificate-data`, `client-key-data`, `token`, ...).
    #[serde(default)]
    pub user: Value,
}

impl fmt::Debug for NamedUser {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NamedUser")
            .field("name", &self.name)
            .field("user", &"***")
            .finish()
    }
}

impl fmt::Debug for KubeconfigDoc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let servers: Vec<&str> = self
            .clusters
            .iter()
            .filter_map(|c| c.cluster.server.as_deref())
            .collect();
        f.debug_struct("Kubeconfig")
            .field("servers", &servers)
            .field("current_context", &self.current_context)
            .field("users", &self.users)
            .finish_non_exhaustive()
    }
}

/// A kubeconfig as answered: usually a JSON document; the reference also documents an array of
/// strings, so a JSON string (or a one-element array of one) holding the document is accepted too.
#[derive(Clone, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(transparent)]
pub struct Kubeconfig(pub KubeconfigDoc);

impl fmt::Debug for Kubeconfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl<'de> Deserialize<'de> for Kubeconfig {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        fn from_value<E: Error>(v: Value) -> Result<KubeconfigDoc, E> {
            match v {
                Value::Object(_) => serde_json::from_value(v).map_err(E::custom),
                Value::String(s) => serde_json::from_str(&s).map_err(E::custom),
                Value::Array(mut items) if items.len() == 1 => from_value(items.remove(0)),
                other => Err(E::custom(format!(
                    "expected a kubeconfig document, got {}",
                    match other {
                        Value::Array(_) => "an array",
                        Value::Null => "null",
                        _ => "a scalar",
                    }
                ))),
            }
        }
        from_value(Value::deserialize(d)?).map(Kubeconfig)
    }
}

impl Kubeconfig {
    /// The document as JSON text, ready to save as `~/.kube/config`.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(&self.0).unwrap_or_default()
    }
}
