//! Discovery for standard clients: `/api`, `/apis`, each group version's resources, `/version`.

use serde_json::{json, Value};

/// One served resource: group ("" for core), version, plural, singular, kind, namespaced, short names.
pub(crate) struct Resource {
    pub group: &'static str,
    pub version: &'static str,
    pub plural: &'static str,
    pub singular: &'static str,
    pub kind: &'static str,
    pub namespaced: bool,
    pub short: &'static [&'static str],
}

const fn r(
    group: &'static str,
    version: &'static str,
    plural: &'static str,
    singular: &'static str,
    kind: &'static str,
    namespaced: bool,
    short: &'static [&'static str],
) -> Resource {
    Resource {
        group,
        version,
        plural,
        singular,
        kind,
        namespaced,
        short,
    }
}

/// What the gateway lists; any other path still stores objects, it is just not advertised.
pub(crate) const RESOURCES: &[Resource] = &[
    r(
        "",
        "v1",
        "namespaces",
        "namespace",
        "Namespace",
        false,
        &["ns"],
    ),
    r(
        "",
        "v1",
        "configmaps",
        "configmap",
        "ConfigMap",
        true,
        &["cm"],
    ),
    r("", "v1", "secrets", "secret", "Secret", true, &[]),
    r("", "v1", "services", "service", "Service", true, &["svc"]),
    r(
        "",
        "v1",
        "serviceaccounts",
        "serviceaccount",
        "ServiceAccount",
        true,
        &["sa"],
    ),
    r(
        "",
        "v1",
        "persistentvolumeclaims",
        "persistentvolumeclaim",
        "PersistentVolumeClaim",
        true,
        &["pvc"],
    ),
    r(
        "apps",
        "v1",
        "deployments",
        "deployment",
        "Deployment",
        true,
        &["deploy"],
    ),
    r(
        "apps",
        "v1",
        "statefulsets",
        "statefulset",
        "StatefulSet",
        true,
        &["sts"],
    ),
    r(
        "apps",
        "v1",
        "daemonsets",
        "daemonset",
        "DaemonSet",
        true,
        &["ds"],
    ),
    r("batch", "v1", "jobs", "job", "Job", true, &[]),
    r(
        "batch",
        "v1",
        "cronjobs",
        "cronjob",
        "CronJob",
        true,
        &["cj"],
    ),
    r(
        "networking.k8s.io",
        "v1",
        "ingresses",
        "ingress",
        "Ingress",
        true,
        &["ing"],
    ),
    r(
        "policy.karmada.io",
        "v1alpha1",
        "propagationpolicies",
        "propagationpolicy",
        "PropagationPolicy",
        true,
        &["pp"],
    ),
    r(
        "policy.karmada.io",
        "v1alpha1",
        "clusterpropagationpolicies",
        "clusterpropagationpolicy",
        "ClusterPropagationPolicy",
        false,
        &["cpp"],
    ),
    r(
        "policy.karmada.io",
        "v1alpha1",
        "overridepolicies",
        "overridepolicy",
        "OverridePolicy",
        true,
        &["op"],
    ),
    r(
        "policy.karmada.io",
        "v1alpha1",
        "clusteroverridepolicies",
        "clusteroverridepolicy",
        "ClusterOverridePolicy",
        false,
        &["cop"],
    ),
    r(
        "work.karmada.io",
        "v1alpha2",
        "resourcebindings",
        "resourcebinding",
        "ResourceBinding",
        true,
        &["rb"],
    ),
    r(
        "work.karmada.io",
        "v1alpha2",
        "clusterresourcebindings",
        "clusterresourcebinding",
        "ClusterResourceBinding",
        false,
        &["crb"],
    ),
    r(
        "work.karmada.io",
        "v1alpha1",
        "works",
        "work",
        "Work",
        true,
        &[],
    ),
];

const VERBS: [&str; 8] = [
    "create",
    "delete",
    "deletecollection",
    "get",
    "list",
    "patch",
    "update",
    "watch",
];

/// The served resource at `api_version` (`v1` or `group/version`) and `plural`, if listed.
pub(crate) fn find(api_version: &str, plural: &str) -> Option<&'static Resource> {
    let (group, version) = api_version.split_once('/').unwrap_or(("", api_version));
    RESOURCES
        .iter()
        .find(|r| r.group == group && r.version == version && r.plural == plural)
}

/// `/api`: the core group's versions.
pub(crate) fn core_versions() -> Value {
    json!({"kind": "APIVersions", "versions": ["v1"], "serverAddressByClientCIDRs": []})
}

/// `/apis`: every named group, its versions first-preferred.
pub(crate) fn groups() -> Value {
    let mut groups: Vec<(&str, Vec<&str>)> = Vec::new();
    for res in RESOURCES.iter().filter(|r| !r.group.is_empty()) {
        match groups.iter_mut().find(|(g, _)| *g == res.group) {
            Some((_, versions)) if !versions.contains(&res.version) => versions.push(res.version),
            Some(_) => {}
            None => groups.push((res.group, vec![res.version])),
        }
    }
    let groups: Vec<Value> = groups
        .into_iter()
        .map(|(name, versions)| {
            let gvs: Vec<Value> = versions
                .iter()
                .map(|v| json!({"groupVersion": format!("{name}/{v}"), "version": v}))
                .collect();
            json!({"name": name, "versions": gvs, "preferredVersion": gvs[0]})
        })
        .collect();
    json!({"kind": "APIGroupList", "apiVersion": "v1", "groups": groups})
}

/// `/apis/{group}`: one group, if served.
pub(crate) fn group(name: &str) -> Option<Value> {
    groups()["groups"]
        .as_array()?
        .iter()
        .find(|g| g["name"] == name)
        .map(|g| {
            let mut g = g.clone();
            g["kind"] = json!("APIGroup");
            g["apiVersion"] = json!("v1");
            g
        })
}

/// `/api/v1` or `/apis/{group}/{version}`: the resources of one group version, if served.
pub(crate) fn resources(api_version: &str) -> Option<Value> {
    let (group, version) = api_version.split_once('/').unwrap_or(("", api_version));
    let list: Vec<Value> = RESOURCES
        .iter()
        .filter(|r| r.group == group && r.version == version)
        .map(|r| {
            json!({
                "name": r.plural, "singularName": r.singular, "namespaced": r.namespaced,
                "kind": r.kind, "verbs": VERBS, "shortNames": r.short,
            })
        })
        .collect();
    (!list.is_empty()).then(|| {
        json!({
            "kind": "APIResourceList", "apiVersion": "v1",
            "groupVersion": api_version, "resources": list,
        })
    })
}

/// `/version`.
pub(crate) fn version() -> Value {
    json!({
        "major": "1", "minor": "25", "gitVersion": "v1.25.0-karmada",
        "gitCommit": "ucs-emulator", "gitTreeState": "clean", "buildDate": "2024-01-01T00:00:00Z",
        "goVersion": "go1.22", "compiler": "gc", "platform": "linux/amd64",
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_list_karmada_versions_and_resources_are_found() {
        let g = groups();
        let names: Vec<&str> = g["groups"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|g| g["name"].as_str())
            .collect();
        assert!(names.contains(&"policy.karmada.io") && names.contains(&"work.karmada.io"));
        assert_eq!(
            group("work.karmada.io").map(|g| g["versions"].as_array().map(Vec::len)),
            Some(Some(2))
        );
        assert!(resources("policy.karmada.io/v1alpha1").is_some());
        assert!(resources("nope/v1").is_none());
        assert_eq!(
            find("apps/v1", "deployments").map(|r| r.kind),
            Some("Deployment")
        );
    }
}
