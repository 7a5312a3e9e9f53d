//! The kubeconfig that the federation cert and kubeconfig calls answer (kebab-case keys).

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;
use ucs_models_derive::TolerantDeserialize;

use super::common::Extra;

/// A kubeconfig. It holds credentials, so Debug shows only server addresses.
#[derive(Clone, Default, PartialEq, Serialize, TolerantDeserialize)]
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
#[derive(Debug, Clone, Default, PartialEq, Serialize, TolerantDeserialize)]
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

/// A kubeconfig as answered: usually a JSON document. The reference documents `/cert` as an
/// array of strings and `/kubeconfig` as a file, so a JSON string holding the document (JSON or
/// YAML, over several lines), an array of such strings (one document, or its lines) and a raw
/// YAML body ([`Kubeconfig::from_body`]) are accepted too.
#[derive(Clone, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(transparent)]
pub struct Kubeconfig(pub KubeconfigDoc);

impl fmt::Debug for Kubeconfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// A mapping as a document. serde's messages quote the offending value, which may be a
/// credential, so the error names only the kind of problem.
fn from_mapping(v: Value) -> Result<KubeconfigDoc, String> {
    serde_json::from_value(v).map_err(|e| {
        format!(
            "a kubeconfig field has the wrong shape ({:?} error)",
            e.classify()
        )
    })
}

/// A kubeconfig document written as text: JSON, else YAML; it must be a mapping.
fn from_text(text: &str) -> Result<KubeconfigDoc, String> {
    if let Ok(v) = serde_json::from_str::<Value>(text) {
        return match v {
            Value::Object(_) => from_mapping(v),
            _ => Err("expected a kubeconfig document, got JSON that is not an object".into()),
        };
    }
    let v: Value = serde_norway::from_str(text).map_err(|e| match e.location() {
        Some(at) => format!(
            "not JSON nor YAML (line {}, column {})",
            at.line(),
            at.column()
        ),
        None => "not JSON nor YAML".to_owned(),
    })?;
    match v {
        Value::Object(_) => from_mapping(v),
        _ => Err("expected a kubeconfig document, got YAML that is not a mapping".into()),
    }
}

fn from_value(v: Value) -> Result<KubeconfigDoc, String> {
    match v {
        Value::Object(_) => from_mapping(v),
        Value::String(s) => from_text(&s),
        Value::Array(mut items) if items.len() == 1 => from_value(items.remove(0)),
        // Several strings: the document's lines (or blocks), as `accessinfo` answers them.
        Value::Array(items) if !items.is_empty() && items.iter().all(Value::is_string) => {
            let lines: Vec<&str> = items.iter().filter_map(Value::as_str).collect();
            from_text(&lines.join("\n"))
        }
        Value::Array(_) => Err("expected a kubeconfig document, got an array".into()),
        Value::Null => Err("expected a kubeconfig document, got null".into()),
        _ => Err("expected a kubeconfig document, got a scalar".into()),
    }
}

impl<'de> Deserialize<'de> for Kubeconfig {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        from_value(Value::deserialize(d)?)
            .map(Kubeconfig)
            .map_err(D::Error::custom)
    }
}

impl Kubeconfig {
    /// Decodes an answer body: any JSON form above, or the document as raw YAML text.
    pub fn from_body(body: &[u8]) -> Result<Self, String> {
        match serde_json::from_slice::<Value>(body) {
            Ok(v) => from_value(v).map(Kubeconfig),
            Err(_) => {
                let text = std::str::from_utf8(body).map_err(|e| e.to_string())?;
                from_text(text).map(Kubeconfig)
            }
        }
    }

    /// The document as JSON text, ready to save as `~/.kube/config`.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(&self.0).unwrap_or_default()
    }
}
