//! JSON merge patch (RFC 7386) and a simplified strategic merge patch for the built-in types.
//!
//! The strategic merge patch here merges maps, merges the well-known keyed lists by their key
//! (`containers` by `name`, `ports` by `containerPort` or `port`, `volumeMounts` by `mountPath`,
//! ...), replaces every other list, and honours `$patch: delete|replace`, `$retainKeys` and
//! `$deleteFromPrimitiveList/`; `$setElementOrder/` is accepted and ignored.

use serde_json::{Map, Value};

/// RFC 7386 JSON merge patch.
pub(crate) fn merge_patch(target: &mut Value, patch: &Value) {
    let Value::Object(patch) = patch else {
        *target = patch.clone();
        return;
    };
    if !target.is_object() {
        *target = Value::Object(Map::new());
    }
    if let Value::Object(map) = target {
        for (k, v) in patch {
            if v.is_null() {
                map.remove(k);
            } else {
                merge_patch(map.entry(k.clone()).or_insert(Value::Null), v);
            }
        }
    }
}

/// The key a list field's elements merge by, from the field name and what the elements hold.
fn merge_key(field: &str, elements: &[Value]) -> Option<&'static str> {
    let has = |key: &str| elements.iter().any(|e| e.get(key).is_some());
    match field {
        "containers"
        | "initContainers"
        | "ephemeralContainers"
        | "volumes"
        | "env"
        | "imagePullSecrets" => Some("name"),
        "volumeMounts" | "volumeDevices" => Some("mountPath"),
        "ports" if has("containerPort") => Some("containerPort"),
        "ports" if has("port") => Some("port"),
        "conditions" => Some("type"),
        "ownerReferences" => Some("uid"),
        "hostAliases" => Some("ip"),
        _ => None,
    }
}

/// Applies a strategic merge patch to `target`.
pub(crate) fn strategic_merge_patch(target: &mut Value, patch: &Value) {
    let Value::Object(patch) = patch else {
        *target = patch.clone();
        return;
    };
    match patch.get("$patch").and_then(Value::as_str) {
        Some("replace") => {
            *target = Value::Object(without_directives(patch));
            return;
        }
        Some("delete") => {
            *target = Value::Object(Map::new());
            return;
        }
        _ => {}
    }
    if !target.is_object() {
        *target = Value::Object(Map::new());
    }
    let Value::Object(map) = target else {
        return;
    };
    for (k, v) in patch {
        if k == "$patch" || k == "$retainKeys" || k.starts_with("$setElementOrder/") {
            continue;
        }
        if let Some(field) = k.strip_prefix("$deleteFromPrimitiveList/") {
            if let (Some(Value::Array(list)), Value::Array(gone)) = (map.get_mut(field), v) {
                list.retain(|e| !gone.contains(e));
            }
            continue;
        }
        match v {
            Value::Null => {
                map.remove(k);
            }
            Value::Object(_) => {
                strategic_merge_patch(map.entry(k.clone()).or_insert(Value::Null), v);
            }
            Value::Array(items) => {
                let current = map.get(k).and_then(Value::as_array).cloned();
                let next = match (merge_key(k, items), current) {
                    (Some(key), Some(current)) => merge_list(current, items, key),
                    _ => Value::Array(plain_list(items)),
                };
                map.insert(k.clone(), next);
            }
            _ => {
                map.insert(k.clone(), v.clone());
            }
        }
    }
    if let Some(Value::Array(keep)) = patch.get("$retainKeys") {
        map.retain(|k, _| keep.iter().any(|w| w.as_str() == Some(k)));
    }
}

fn without_directives(map: &Map<String, Value>) -> Map<String, Value> {
    map.iter()
        .filter(|(k, _)| !k.starts_with('$'))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
}

/// A list with its directive elements taken out (a list patch that replaces).
fn plain_list(items: &[Value]) -> Vec<Value> {
    items
        .iter()
        .filter(|e| e.get("$patch").is_none())
        .cloned()
        .collect()
}

/// Merges a keyed list: elements with a known key merge, `$patch: delete` removes, new ones append.
fn merge_list(mut current: Vec<Value>, items: &[Value], key: &str) -> Value {
    if items
        .iter()
        .any(|e| e.get("$patch").and_then(Value::as_str) == Some("replace"))
    {
        return Value::Array(plain_list(items));
    }
    for item in items {
        let Some(id) = item.get(key) else {
            current.push(item.clone());
            continue;
        };
        let at = current.iter().position(|e| e.get(key) == Some(id));
        let delete = item.get("$patch").and_then(Value::as_str) == Some("delete");
        match (at, delete) {
            (Some(i), true) => {
                current.remove(i);
            }
            (None, true) => {}
            (Some(i), false) => strategic_merge_patch(&mut current[i], item),
            (None, false) => current.push(item.clone()),
        }
    }
    Value::Array(current)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn merge_patch_follows_rfc_7386() {
        let mut doc = json!({"a": 1, "b": {"c": 2, "d": 3}});
        merge_patch(&mut doc, &json!({"a": null, "b": {"c": 4}}));
        assert_eq!(doc, json!({"b": {"c": 4, "d": 3}}));
    }

    #[test]
    fn strategic_patch_merges_containers_by_name_and_replaces_other_lists() {
        let mut doc = json!({"spec": {"template": {"spec": {
            "containers": [{"name": "a", "image": "a:1"}, {"name": "b", "image": "b:1"}],
            "tolerations": [{"key": "x"}],
        }}}});
        strategic_merge_patch(
            &mut doc,
            &json!({"spec": {"template": {"spec": {
                "$setElementOrder/containers": [{"name": "a"}, {"name": "c"}],
                "containers": [{"name": "a", "image": "a:2"}, {"name": "b", "$patch": "delete"},
                               {"name": "c", "image": "c:1"}],
                "tolerations": [{"key": "y"}],
            }}}}),
        );
        assert_eq!(
            doc["spec"]["template"]["spec"],
            json!({"containers": [{"name": "a", "image": "a:2"}, {"name": "c", "image": "c:1"}],
                   "tolerations": [{"key": "y"}]})
        );
    }

    #[test]
    fn strategic_patch_directives_on_maps() {
        let mut doc = json!({"a": {"x": 1, "y": 2}, "b": {"x": 1}, "f": [1, 2, 3]});
        strategic_merge_patch(
            &mut doc,
            &json!({"a": {"$patch": "replace", "z": 3}, "b": {"x": null},
                    "$deleteFromPrimitiveList/f": [2]}),
        );
        assert_eq!(doc, json!({"a": {"z": 3}, "b": {}, "f": [1, 3]}));
    }
}
