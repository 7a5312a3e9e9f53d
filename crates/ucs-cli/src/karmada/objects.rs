//! The objects of an apply file, where each one goes, and the kubectl-like table of a listing.

use std::io::Read as _;
use std::path::Path;

use chrono::{DateTime, Utc};
use serde::Deserialize as _;
use serde_json::Value;
use ucs_sdk::karmada::Karmada;

use super::kinds::{collection, label, segment, Resolved, KINDS};
use crate::output::grid;
use crate::{CliResult, Failure};

/// The objects of an apply file: JSON (an object or an array), or YAML documents; Lists are
/// opened. Every failure is an invalid `--file` (exit 3).
pub(super) fn read_objects(path: &Path) -> CliResult<Vec<Value>> {
    let (text, source) = if path == Path::new("-") {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|e| Failure::Invalid(format!("cannot read the objects from stdin: {e}")))?;
        (text, "stdin".to_owned())
    } else {
        let text = std::fs::read_to_string(path)
            .map_err(|e| Failure::Invalid(format!("cannot read {}: {e}", path.display())))?;
        (text, path.display().to_string())
    };
    let bad =
        |reason: String| Failure::Invalid(format!("invalid argument `--file`: {source} {reason}"));
    let mut docs = Vec::new();
    let trimmed = text.trim_start();
    if trimmed.starts_with('{') || trimmed.starts_with('[') {
        docs.push(
            serde_json::from_str::<Value>(&text)
                .map_err(|e| bad(format!("is not valid JSON: {e}")))?,
        );
    } else {
        for doc in serde_norway::Deserializer::from_str(&text) {
            let v = Value::deserialize(doc).map_err(|e| bad(format!("is not valid YAML: {e}")))?;
            if !v.is_null() {
                docs.push(v);
            }
        }
    }
    let mut objects = Vec::new();
    for doc in docs {
        let is_list = doc["kind"].as_str().is_some_and(|k| k.ends_with("List"));
        match doc {
            Value::Array(items) => objects.extend(items),
            Value::Object(mut map) if is_list => match map.remove("items") {
                Some(Value::Array(items)) => objects.extend(items),
                _ => return Err(bad("has a List without items".into())),
            },
            other => objects.push(other),
        }
    }
    if objects.is_empty() {
        return Err(bad("holds no object".into()));
    }
    for (i, o) in objects.iter().enumerate() {
        let has = |p: &str| {
            o.pointer(p)
                .and_then(Value::as_str)
                .is_some_and(|s| !s.is_empty())
        };
        if !o.is_object() || !o["metadata"].is_object() {
            return Err(bad(format!(
                "object {} is not an object with metadata",
                i + 1
            )));
        }
        for (pointer, field) in [
            ("/apiVersion", "apiVersion"),
            ("/kind", "kind"),
            ("/metadata/name", "metadata.name"),
        ] {
            if !has(pointer) {
                return Err(bad(format!("object {} has no {field}", i + 1)));
            }
        }
    }
    Ok(objects)
}

/// Where an object of a file goes: the known kinds, else the gateway's discovery.
pub(super) async fn locate(
    karmada: &Karmada,
    object: &Value,
    namespace_flag: Option<&str>,
    default_ns: &str,
) -> CliResult<Resolved> {
    let api_version = object["apiVersion"].as_str().unwrap_or_default();
    let kind = object["kind"].as_str().unwrap_or_default();
    let name = segment(
        "metadata.name",
        object["metadata"]["name"].as_str().unwrap_or_default(),
    )?;
    let (resource, namespaced) = match KINDS
        .iter()
        .find(|k| k.kind == kind && k.group_version == api_version)
    {
        Some(k) => (k.resource.to_owned(), k.namespaced),
        None => {
            let list = karmada.get(&collection(api_version, "", None)).await;
            let found = list.ok().and_then(|l| {
                l["resources"].as_array().and_then(|rs| {
                    rs.iter()
                        .find(|r| {
                            r["kind"] == kind
                                && r["name"].as_str().is_some_and(|n| !n.contains('/'))
                        })
                        .map(|r| {
                            (
                                r["name"].as_str().unwrap_or_default().to_owned(),
                                r["namespaced"].as_bool().unwrap_or(true),
                            )
                        })
                })
            });
            found.ok_or_else(|| {
                Failure::Invalid(format!(
                    "invalid argument `--file`: the gateway serves no kind {kind:?} in {api_version:?}"
                ))
            })?
        }
    };
    let namespace = if namespaced {
        let given = object["metadata"]["namespace"].as_str();
        if let (Some(obj_ns), Some(flag)) = (given, namespace_flag) {
            if obj_ns != flag {
                return Err(Failure::Invalid(format!(
                    "invalid argument `--namespace`: the namespace of {kind} {name:?} is {obj_ns:?}, not {flag:?}"
                )));
            }
        }
        Some(segment(
            "metadata.namespace",
            given.or(namespace_flag).unwrap_or(default_ns),
        )?)
    } else {
        None
    };
    Ok(Resolved {
        collection: collection(api_version, &resource, namespace),
        name: Some(name.to_owned()),
        label: label(kind, api_version),
        namespaced,
    })
}

/// Age as kubectl shows it: `45s`, `12m`, `5h`, `3d`, `2y`.
fn age(created: Option<&str>, now: DateTime<Utc>) -> String {
    let Some(t) = created.and_then(|t| DateTime::parse_from_rfc3339(t).ok()) else {
        return "<unknown>".to_owned();
    };
    let s = (now - t.with_timezone(&Utc)).num_seconds().max(0);
    match s {
        s if s < 120 => format!("{s}s"),
        s if s < 3 * 3600 => format!("{}m", s / 60),
        s if s < 2 * 86400 => format!("{}h", s / 3600),
        s if s < 2 * 365 * 86400 => format!("{}d", s / 86400),
        s => format!("{}y", s / (365 * 86400)),
    }
}

/// NAME, NAMESPACE (for namespaced objects) and AGE of each object.
pub(super) fn table(objects: &[Value], now: DateTime<Utc>) -> String {
    let text = |o: &Value, p: &str| {
        o.pointer(p)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned()
    };
    let namespaced = objects
        .iter()
        .any(|o| o.pointer("/metadata/namespace").is_some());
    let headers: &[&str] = if namespaced {
        &["NAME", "NAMESPACE", "AGE"]
    } else {
        &["NAME", "AGE"]
    };
    let rows: Vec<Vec<String>> = objects
        .iter()
        .map(|o| {
            let mut row = vec![text(o, "/metadata/name")];
            if namespaced {
                row.push(text(o, "/metadata/namespace"));
            }
            row.push(age(
                o.pointer("/metadata/creationTimestamp")
                    .and_then(Value::as_str),
                now,
            ));
            row
        })
        .collect();
    grid(headers, &rows)
}

/// The items of a list answer, or the one object.
pub(super) fn objects_of(answer: &Value) -> Vec<Value> {
    match answer.get("items") {
        Some(Value::Array(items)) => items.clone(),
        Some(_) => Vec::new(),
        None => vec![answer.clone()],
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn ages_read_like_kubectl() {
        let now = DateTime::parse_from_rfc3339("2026-01-10T00:00:00Z")
            .map(|t| t.with_timezone(&Utc))
            .unwrap_or_default();
        let at = |s: &str| age(Some(s), now);
        assert_eq!(at("2026-01-09T23:59:15Z"), "45s");
        assert_eq!(at("2026-01-09T23:48:00Z"), "12m");
        assert_eq!(at("2026-01-09T19:00:00Z"), "5h");
        assert_eq!(at("2026-01-07T00:00:00Z"), "3d");
        assert_eq!(age(None, now), "<unknown>");
        let rows = [
            json!({"metadata": {"name": "web", "namespace": "default", "creationTimestamp": "2026-01-09T23:59:15Z"}}),
        ];
        assert_eq!(
            table(&rows, now),
            "NAME  NAMESPACE  AGE\nweb   default    45s\n"
        );
    }

    #[test]
    fn apply_files_may_hold_documents_lists_and_arrays() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join("objects.yaml");
        let obj = |n: &str| format!("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {n}\n");
        let text = format!(
            "{}---\n{}---\napiVersion: v1\nkind: List\nitems:\n- {{apiVersion: v1, kind: ConfigMap, metadata: {{name: c}}}}\n",
            obj("a"),
            obj("b")
        );
        std::fs::write(&path, text).unwrap_or_else(|e| panic!("{e}"));
        let names: Vec<String> = read_objects(&path)
            .unwrap_or_else(|_| panic!("read"))
            .iter()
            .map(|o| {
                o["metadata"]["name"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned()
            })
            .collect();
        assert_eq!(names, ["a", "b", "c"]);
        std::fs::write(&path, "apiVersion: v1\nkind: ConfigMap\nmetadata: {}\n")
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(
            matches!(read_objects(&path), Err(Failure::Invalid(m)) if m.contains("metadata.name"))
        );
    }
}
