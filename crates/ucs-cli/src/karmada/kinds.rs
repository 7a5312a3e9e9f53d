//! The kinds `ucs karmada` knows by name, and the request URIs of a KIND, NAME and namespace.

use super::Target;
use crate::{CliResult, Failure};

/// A resource the CLI knows by name and aliases.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Kind {
    /// Plural resource name, as in the URI.
    pub(super) resource: &'static str,
    /// `kind` of its objects.
    pub(super) kind: &'static str,
    /// `v1` or `group/version`.
    pub(super) group_version: &'static str,
    pub(super) namespaced: bool,
    pub(super) aliases: &'static [&'static str],
}

const fn k(
    resource: &'static str,
    kind: &'static str,
    group_version: &'static str,
    namespaced: bool,
    aliases: &'static [&'static str],
) -> Kind {
    Kind {
        resource,
        kind,
        group_version,
        namespaced,
        aliases,
    }
}

const POLICY: &str = "policy.karmada.io/v1alpha1";
const WORK: &str = "work.karmada.io/v1alpha2";

pub(super) const KINDS: &[Kind] = &[
    k(
        "deployments",
        "Deployment",
        "apps/v1",
        true,
        &["deploy", "deployment"],
    ),
    k(
        "propagationpolicies",
        "PropagationPolicy",
        POLICY,
        true,
        &["pp", "propagationpolicy"],
    ),
    k(
        "clusterpropagationpolicies",
        "ClusterPropagationPolicy",
        POLICY,
        false,
        &["cpp", "clusterpropagationpolicy"],
    ),
    k(
        "overridepolicies",
        "OverridePolicy",
        POLICY,
        true,
        &["op", "overridepolicy"],
    ),
    k(
        "clusteroverridepolicies",
        "ClusterOverridePolicy",
        POLICY,
        false,
        &["cop", "clusteroverridepolicy"],
    ),
    k("namespaces", "Namespace", "v1", false, &["ns", "namespace"]),
    k("services", "Service", "v1", true, &["svc", "service"]),
    k("configmaps", "ConfigMap", "v1", true, &["cm", "configmap"]),
    k("secrets", "Secret", "v1", true, &["secret"]),
    k(
        "resourcebindings",
        "ResourceBinding",
        WORK,
        true,
        &["rb", "resourcebinding"],
    ),
    k(
        "clusterresourcebindings",
        "ClusterResourceBinding",
        WORK,
        false,
        &["crb", "clusterresourcebinding"],
    ),
];

impl Kind {
    fn by_name(name: &str) -> CliResult<&'static Kind> {
        let wanted = name.to_ascii_lowercase();
        // `deployments.apps` as kubectl writes it is accepted too.
        let short = wanted.split('.').next().unwrap_or_default();
        KINDS
            .iter()
            .find(|k| k.resource == short || k.aliases.contains(&short))
            .ok_or_else(|| {
                Failure::Invalid(format!(
                    "invalid argument `KIND`: {name:?} is not a kind this CLI knows; use --uri for it"
                ))
            })
    }

    /// `kind.group` as kubectl prints it, e.g. `deployment.apps`.
    fn label(&self) -> String {
        label(self.kind, self.group_version)
    }
}

pub(super) fn label(kind: &str, group_version: &str) -> String {
    match group_version.split_once('/') {
        Some((group, _)) => format!("{}.{group}", kind.to_ascii_lowercase()),
        None => kind.to_ascii_lowercase(),
    }
}

/// The collection URI of a resource, in `namespace` when it is namespaced.
pub(super) fn collection(group_version: &str, resource: &str, namespace: Option<&str>) -> String {
    let prefix = if group_version.contains('/') {
        "apis"
    } else {
        "api"
    };
    match namespace {
        Some(ns) => format!("{prefix}/{group_version}/namespaces/{ns}/{resource}"),
        None => format!("{prefix}/{group_version}/{resource}"),
    }
}

/// A name or namespace as a path segment: Kubernetes names never hold these characters.
pub(super) fn segment<'a>(field: &str, value: &'a str) -> CliResult<&'a str> {
    let reason = if value.is_empty() {
        "must not be empty"
    } else if value == "." || value == ".." {
        "must not be . or .."
    } else if value.contains(['/', '?', '#', '%']) || value.chars().any(char::is_whitespace) {
        "must not contain /, ?, #, % or spaces"
    } else {
        return Ok(value);
    };
    Err(Failure::Invalid(format!(
        "invalid argument `{field}`: {value:?} {reason}"
    )))
}

/// Where a command goes: the collection, the object in it, and how to name it in messages.
pub(super) struct Resolved {
    pub(super) collection: String,
    pub(super) name: Option<String>,
    pub(super) label: String,
    pub(super) namespaced: bool,
}

impl Resolved {
    pub(super) fn item(&self, name: &str) -> String {
        format!("{}/{name}", self.collection)
    }

    pub(super) fn uri(&self) -> String {
        match &self.name {
            Some(n) => self.item(n),
            None => self.collection.clone(),
        }
    }
}

pub(super) fn resolve(target: &Target, default_ns: &str) -> CliResult<Resolved> {
    if let Some(uri) = &target.uri {
        let uri = uri.trim_start_matches('/');
        return Ok(Resolved {
            collection: uri.to_owned(),
            name: None,
            label: uri.to_owned(),
            namespaced: uri.contains("/namespaces/"),
        });
    }
    let kind = Kind::by_name(target.kind.as_deref().unwrap_or_default())?;
    let namespace = match (&target.namespace, kind.namespaced) {
        (Some(ns), true) => Some(segment("--namespace", ns)?),
        (None, true) => Some(default_ns),
        (_, false) => None,
    };
    let name = target
        .name
        .as_deref()
        .map(|n| segment("NAME", n).map(str::to_owned))
        .transpose()?;
    Ok(Resolved {
        collection: collection(kind.group_version, kind.resource, namespace),
        name,
        label: kind.label(),
        namespaced: kind.namespaced,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_resolve_by_name_alias_and_group_suffix() {
        for name in [
            "deployments",
            "deploy",
            "deployment",
            "Deployments",
            "deployments.apps",
        ] {
            assert_eq!(
                Kind::by_name(name).map(|k| k.resource).ok(),
                Some("deployments")
            );
        }
        for name in ["pp", "propagationpolicy", "propagationpolicies"] {
            assert_eq!(
                Kind::by_name(name).map(|k| k.resource).ok(),
                Some("propagationpolicies")
            );
        }
        assert!(matches!(Kind::by_name("pods"), Err(Failure::Invalid(m)) if m.contains("--uri")));
        let t = Target {
            kind: Some("cpp".into()),
            name: Some("x".into()),
            namespace: Some("ns".into()),
            uri: None,
        };
        let r = resolve(&t, "default").expect("resolves");
        // Cluster-scoped: the namespace is not in the URI.
        assert_eq!(
            r.uri(),
            "apis/policy.karmada.io/v1alpha1/clusterpropagationpolicies/x"
        );
        assert_eq!(r.label, "clusterpropagationpolicy.policy.karmada.io");
        let t = Target {
            kind: Some("cm".into()),
            name: None,
            namespace: None,
            uri: None,
        };
        let r = resolve(&t, "team").expect("resolves");
        assert_eq!(r.uri(), "api/v1/namespaces/team/configmaps");
        let bad = Target {
            kind: Some("deploy".into()),
            name: Some("a/b".into()),
            namespace: None,
            uri: None,
        };
        assert!(
            matches!(resolve(&bad, "default"), Err(Failure::Invalid(m)) if m.contains("`NAME`"))
        );
    }
}
