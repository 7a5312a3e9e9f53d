//! Karmada's propagation: a `PropagationPolicy` that selects a resource yields a `ResourceBinding`
//! targeting the fleet's clusters; removing the policy or the resource removes the binding.
//!
//! Kept simple: namespaced policies only (not `ClusterPropagationPolicy`), the first policy by
//! name wins a resource, and `placement.clusterAffinity.clusterNames` narrows the targets.

use std::collections::BTreeMap;

use chrono::Utc;
use serde_json::{json, Value};

use super::select::Selector;
use crate::ids::new_uid;
use crate::state::{cluster_fleet, Account};

const POLICY_NAME: &str = "propagationpolicy.karmada.io/name";
const POLICY_NAMESPACE: &str = "propagationpolicy.karmada.io/namespace";

/// The collection of a namespace's resource bindings.
fn bindings_collection(ns: &str) -> String {
    format!("apis/work.karmada.io/v1alpha2/namespaces/{ns}/resourcebindings")
}

/// `(namespace, resource)` of a namespaced collection key such as
/// `apis/apps/v1/namespaces/default/deployments`.
fn namespaced(collection: &str) -> Option<(&str, &str)> {
    let (_, tail) = collection.split_once("/namespaces/")?;
    tail.split_once('/')
}

fn selects(selector: &Value, ns: &str, object: &Value) -> bool {
    let meta = &object["metadata"];
    selector["apiVersion"] == object["apiVersion"]
        && selector["kind"] == object["kind"]
        && selector["namespace"].as_str().is_none_or(|n| n == ns)
        && selector["name"]
            .as_str()
            .is_none_or(|n| meta["name"].as_str() == Some(n))
        && (selector["labelSelector"].is_null()
            || Selector::matches_object_selector(&selector["labelSelector"], &meta["labels"]))
}

/// Names of the member clusters of the fleet called `fleet`.
fn member_clusters(account: &Account, fleet: &str) -> Vec<String> {
    let Some(fleet_id) = account
        .fleets
        .iter()
        .find(|(_, f)| f.fleet.name() == fleet)
        .map(|(id, _)| id.clone())
    else {
        return Vec::new();
    };
    account
        .clusters
        .values()
        .filter(|c| cluster_fleet(&c.cluster) == Some(fleet_id.as_str()))
        .map(|c| c.cluster.name().to_owned())
        .collect()
}

/// Brings the fleet's policy-made bindings in line with its policies and resources.
pub(crate) fn reconcile(account: &mut Account, fleet: &str) {
    let members = member_clusters(account, fleet);
    let Some(objects) = account.karmada.get(fleet) else {
        return;
    };
    // Desired bindings: collection -> name -> (binding without server metadata).
    let mut desired: BTreeMap<String, BTreeMap<String, Value>> = BTreeMap::new();
    for (collection, policies) in objects {
        let Some((ns, "propagationpolicies")) = namespaced(collection) else {
            continue;
        };
        if !collection.starts_with("apis/policy.karmada.io/") {
            continue;
        }
        for (policy_name, policy) in policies {
            let selectors = policy["spec"]["resourceSelectors"].as_array();
            let wanted = &policy["spec"]["placement"]["clusterAffinity"]["clusterNames"];
            let targets: Vec<Value> = members
                .iter()
                .filter(|m| {
                    wanted
                        .as_array()
                        .is_none_or(|w| w.iter().any(|n| n.as_str() == Some(m.as_str())))
                })
                .map(|m| json!({"name": m, "replicas": 0}))
                .collect();
            for (res_collection, resources) in objects {
                // Bindings and works are Karmada's output, never propagated themselves.
                if namespaced(res_collection).map(|(n, _)| n) != Some(ns)
                    || res_collection.starts_with("apis/work.karmada.io/")
                {
                    continue;
                }
                for object in resources.values() {
                    if !selectors
                        .into_iter()
                        .flatten()
                        .any(|s| selects(s, ns, object))
                    {
                        continue;
                    }
                    let kind = object["kind"].as_str().unwrap_or_default();
                    let name = object["metadata"]["name"].as_str().unwrap_or_default();
                    let binding_name = format!("{name}-{}", kind.to_lowercase());
                    let binding = json!({
                        "apiVersion": "work.karmada.io/v1alpha2",
                        "kind": "ResourceBinding",
                        "metadata": {
                            "name": binding_name, "namespace": ns,
                            "labels": {POLICY_NAME: policy_name, POLICY_NAMESPACE: ns},
                        },
                        "spec": {
                            "resource": {
                                "apiVersion": object["apiVersion"], "kind": kind,
                                "namespace": ns, "name": name,
                                "uid": object["metadata"]["uid"],
                                "resourceVersion": object["metadata"]["resourceVersion"],
                            },
                            "replicas": object["spec"]["replicas"],
                            "placement": policy["spec"]["placement"],
                            "clusters": targets,
                        },
                    });
                    // Policies are visited by name: the first to select a resource keeps it.
                    desired
                        .entry(bindings_collection(ns))
                        .or_default()
                        .entry(binding_name)
                        .or_insert(binding);
                }
            }
        }
    }
    // Collections that hold policy-made bindings now, or should.
    let mut collections: Vec<String> = objects
        .keys()
        .filter(|c| c.starts_with("apis/work.karmada.io/v1alpha2/namespaces/"))
        .cloned()
        .collect();
    collections.extend(desired.keys().cloned());
    collections.sort();
    collections.dedup();
    for collection in collections {
        let want = desired.remove(&collection).unwrap_or_default();
        let current: BTreeMap<String, Value> = account
            .karmada
            .get(fleet)
            .and_then(|o| o.get(&collection))
            .cloned()
            .unwrap_or_default();
        let mut next: BTreeMap<String, Value> = current
            .iter()
            .filter(|(name, b)| {
                b["metadata"]["labels"].get(POLICY_NAME).is_none() || want.contains_key(*name)
            })
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        for (name, mut binding) in want {
            match current.get(&name) {
                Some(old) if old["spec"] == binding["spec"] => continue,
                Some(old) => {
                    for key in ["uid", "creationTimestamp"] {
                        binding["metadata"][key] = old["metadata"][key].clone();
                    }
                }
                None => {
                    binding["metadata"]["uid"] = json!(new_uid());
                    binding["metadata"]["creationTimestamp"] =
                        json!(crate::state::rfc3339(Utc::now()));
                }
            }
            binding["metadata"]["resourceVersion"] = json!(account.next_seq().to_string());
            next.insert(name, binding);
        }
        let fleet_objects = account.karmada.entry(fleet.to_owned()).or_default();
        if next.is_empty() {
            fleet_objects.remove(&collection);
        } else {
            fleet_objects.insert(collection, next);
        }
    }
}
