//! A minimal Karmada gateway per federated fleet: generic Kubernetes objects under `/api` and `/apis`.

use std::collections::BTreeMap;
use std::sync::Arc;

use axum::extract::{Path, Request, State};
use axum::http::{HeaderMap, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::Utc;
use serde_json::{json, Map, Value};

use crate::auth::Caller;
use crate::config::AuthMode;
use crate::extract::Params;
use crate::federation::is_ready;
use crate::ids::new_uid;
use crate::server::AppState;
use crate::state::Account;

/// A Kubernetes `Status` failure.
fn status(code: StatusCode, reason: &str, message: impl Into<String>) -> Response {
    let body = json!({
        "kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Failure",
        "message": message.into(), "reason": reason, "code": code.as_u16(),
    });
    (code, Json(body)).into_response()
}

/// A Kubernetes `Invalid` answer for a `metadata` that is not an object.
fn invalid_metadata() -> Response {
    status(
        StatusCode::UNPROCESSABLE_ENTITY,
        "Invalid",
        "metadata: Invalid value: must be an object",
    )
}

/// Where an object lives: its collection key, its name, and the namespace in the path.
struct Target {
    api_version: String,
    resource: String,
    namespace: Option<String>,
    collection: String,
    name: Option<String>,
}

fn parse_target(rest: &str) -> Option<Target> {
    let segs: Vec<&str> = rest.trim_matches('/').split('/').collect();
    let (api_version, tail) = match segs.as_slice() {
        ["api", version, tail @ ..] => ((*version).to_owned(), tail),
        ["apis", group, version, tail @ ..] => (format!("{group}/{version}"), tail),
        _ => return None,
    };
    let (namespace, resource, name) = match tail {
        [res] => (None, *res, None),
        [res, name] => (None, *res, Some(*name)),
        ["namespaces", ns, res] => (Some(*ns), *res, None),
        ["namespaces", ns, res, name] => (Some(*ns), *res, Some(*name)),
        _ => return None,
    };
    let prefix = if api_version.contains('/') {
        "apis"
    } else {
        "api"
    };
    let collection = match namespace {
        Some(ns) => format!("{prefix}/{api_version}/namespaces/{ns}/{resource}"),
        None => format!("{prefix}/{api_version}/{resource}"),
    };
    Some(Target {
        api_version,
        resource: resource.to_owned(),
        namespace: namespace.map(str::to_owned),
        collection,
        name: name.map(str::to_owned),
    })
}

/// Why the gateway refuses a caller (kept small: it travels in a `Result`).
struct Refusal(StatusCode, &'static str, String);

impl Refusal {
    fn response(self) -> Response {
        status(self.0, self.1, self.2)
    }
}

/// The account the bearer token opens this fleet's gateway for.
fn authorize(app: &AppState, fleet: &str, headers: &HeaderMap) -> Result<Caller, Refusal> {
    if app.config.auth == AuthMode::None {
        return app
            .config
            .credentials
            .first()
            .map(Caller::from)
            .ok_or_else(|| {
                Refusal(
                    StatusCode::UNAUTHORIZED,
                    "Unauthorized",
                    "no account".into(),
                )
            });
    }
    let bearer = headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .ok_or_else(|| {
            Refusal(
                StatusCode::UNAUTHORIZED,
                "Unauthorized",
                "Unauthorized".into(),
            )
        })?;
    if let Some(caller) = app.tokens.lookup(bearer) {
        return Ok(caller);
    }
    let grant = app.snapshot_grant(bearer).ok_or_else(|| {
        Refusal(
            StatusCode::UNAUTHORIZED,
            "Unauthorized",
            "Unauthorized".into(),
        )
    })?;
    if grant.fleet != fleet {
        return Err(Refusal(
            StatusCode::FORBIDDEN,
            "Forbidden",
            format!("this token opens fleet {:?}, not {fleet:?}", grant.fleet),
        ));
    }
    Ok(Caller {
        domain_id: grant.domain_id,
        project_id: grant.project_id,
    })
}

fn fleet_is_federated(account: &Account, fleet: &str) -> bool {
    account
        .fleets
        .values()
        .find(|f| f.fleet.name() == fleet)
        .and_then(|f| f.federation.as_ref())
        .is_some_and(|f| is_ready(f, Utc::now()))
}

/// RFC 7386 JSON merge patch.
fn merge_patch(target: &mut Value, patch: &Value) {
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

fn list_kind(items: &BTreeMap<String, Value>, resource: &str) -> String {
    if let Some(kind) = items.values().find_map(|o| o["kind"].as_str()) {
        return format!("{kind}List");
    }
    let singular = resource.strip_suffix('s').unwrap_or(resource);
    let mut chars = singular.chars();
    let capitalised: String = chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default();
    format!("{capitalised}List")
}

pub(crate) async fn root(
    State(app): State<Arc<AppState>>,
    Path(fleet): Path<String>,
    headers: HeaderMap,
) -> Response {
    if let Err(r) = authorize(&app, &fleet, &headers) {
        return r.response();
    }
    Json(json!({"paths": ["/api", "/apis", "/version"]})).into_response()
}

pub(crate) async fn serve(
    State(app): State<Arc<AppState>>,
    Path((fleet, rest)): Path<(String, String)>,
    method: Method,
    headers: HeaderMap,
    _params: Params,
    req: Request,
) -> Response {
    // The bearer token is checked before the body is read.
    let caller = match authorize(&app, &fleet, &headers) {
        Ok(c) => c,
        Err(r) => return r.response(),
    };
    let body = match axum::body::to_bytes(req.into_body(), app.config.max_body).await {
        Ok(body) => body,
        Err(_) => {
            return status(
                StatusCode::PAYLOAD_TOO_LARGE,
                "RequestEntityTooLarge",
                format!(
                    "the body is larger than the {} bytes accepted",
                    app.config.max_body
                ),
            )
        }
    };
    let federated = app
        .read(&caller, |account| Ok(fleet_is_federated(account, &fleet)))
        .unwrap_or(false);
    if !federated {
        return status(
            StatusCode::NOT_FOUND,
            "NotFound",
            format!("fleet {fleet:?} has no ready federation"),
        );
    }
    if rest == "version" {
        return Json(json!({"major": "1", "minor": "25", "gitVersion": "v1.25.0-karmada"}))
            .into_response();
    }
    let Some(target) = parse_target(&rest) else {
        return status(
            StatusCode::NOT_FOUND,
            "NotFound",
            format!("the server could not find the requested resource {rest:?}"),
        );
    };
    let object: Option<Value> = if body.is_empty() {
        None
    } else {
        match serde_json::from_slice(&body) {
            Ok(v @ Value::Object(_)) => Some(v),
            _ => {
                return status(
                    StatusCode::BAD_REQUEST,
                    "BadRequest",
                    "the body must be a JSON object",
                )
            }
        }
    };
    let result = app.write(&caller, |account| {
        Ok(apply(account, &fleet, &method, &target, object))
    });
    result.unwrap_or_else(|e| e.into_response())
}

fn apply(
    account: &mut Account,
    fleet: &str,
    method: &Method,
    target: &Target,
    object: Option<Value>,
) -> Response {
    let rv = account.next_seq().to_string();
    let objects = account
        .karmada
        .entry(fleet.to_owned())
        .or_default()
        .entry(target.collection.clone())
        .or_default();
    let not_found = |name: &str| {
        status(
            StatusCode::NOT_FOUND,
            "NotFound",
            format!("{} {name:?} not found", target.resource),
        )
    };
    match (method.as_str(), target.name.as_deref()) {
        ("GET", None) => Json(json!({
            "kind": list_kind(objects, &target.resource),
            "apiVersion": target.api_version,
            "metadata": {"resourceVersion": rv},
            "items": objects.values().collect::<Vec<_>>(),
        }))
        .into_response(),
        ("GET", Some(name)) => match objects.get(name) {
            Some(o) => Json(o.clone()).into_response(),
            None => not_found(name),
        },
        ("POST", None) => {
            let Some(mut object) = object else {
                return status(StatusCode::BAD_REQUEST, "BadRequest", "a body is required");
            };
            if !object["metadata"].is_object() && !object["metadata"].is_null() {
                return invalid_metadata();
            }
            let Some(name) = object["metadata"]["name"].as_str().map(str::to_owned) else {
                return status(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "Invalid",
                    "metadata.name: Required value",
                );
            };
            if objects.contains_key(&name) {
                return status(
                    StatusCode::CONFLICT,
                    "AlreadyExists",
                    format!("{} {name:?} already exists", target.resource),
                );
            }
            let meta = &mut object["metadata"];
            meta["uid"] = json!(new_uid());
            meta["creationTimestamp"] = json!(crate::state::rfc3339(Utc::now()));
            meta["resourceVersion"] = json!(rv);
            meta["generation"] = json!(1);
            if let Some(ns) = &target.namespace {
                meta["namespace"] = json!(ns);
            }
            objects.insert(name, object.clone());
            (StatusCode::CREATED, Json(object)).into_response()
        }
        ("PUT", Some(name)) | ("PATCH", Some(name)) => {
            let Some(body) = object else {
                return status(StatusCode::BAD_REQUEST, "BadRequest", "a body is required");
            };
            let Some(current) = objects.get(name).cloned() else {
                return not_found(name);
            };
            let mut next = if method == Method::PUT {
                if body["metadata"]["name"].as_str().is_some_and(|n| n != name) {
                    return status(
                        StatusCode::BAD_REQUEST,
                        "BadRequest",
                        "metadata.name does not match the path",
                    );
                }
                body
            } else {
                let mut merged = current.clone();
                merge_patch(&mut merged, &body);
                merged
            };
            // `metadata` is the server's to fill in: anything but an object is refused.
            match next.get("metadata") {
                None | Some(Value::Null) | Some(Value::Object(_)) => {}
                Some(_) => return invalid_metadata(),
            }
            // Server-owned metadata survives replacement.
            for key in ["uid", "creationTimestamp", "namespace", "name"] {
                if let Some(v) = current["metadata"].get(key) {
                    next["metadata"][key] = v.clone();
                }
            }
            let generation = current["metadata"]["generation"].as_i64().unwrap_or(1) + 1;
            next["metadata"]["generation"] = json!(generation);
            next["metadata"]["resourceVersion"] = json!(rv);
            objects.insert(name.to_owned(), next.clone());
            Json(next).into_response()
        }
        ("DELETE", Some(name)) => match objects.remove(name) {
            Some(_) => Json(json!({
                "kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Success",
                "details": {"name": name, "kind": target.resource},
            }))
            .into_response(),
            None => not_found(name),
        },
        ("DELETE", None) => {
            objects.clear();
            Json(json!({"kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Success"}))
                .into_response()
        }
        _ => status(
            StatusCode::METHOD_NOT_ALLOWED,
            "MethodNotAllowed",
            format!("{method} is not supported here"),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_of_namespaced_and_cluster_scoped_paths() {
        let t = parse_target("apis/apps/v1/namespaces/default/deployments/nginx").expect("parsed");
        assert_eq!(t.collection, "apis/apps/v1/namespaces/default/deployments");
        assert_eq!(t.name.as_deref(), Some("nginx"));
        let ns = parse_target("api/v1/namespaces/team-a").expect("parsed");
        assert_eq!(
            (ns.collection.as_str(), ns.name.as_deref()),
            ("api/v1/namespaces", Some("team-a"))
        );
        assert!(parse_target("healthz").is_none());
    }

    #[test]
    fn merge_patch_follows_rfc_7386() {
        let mut doc = json!({"a": 1, "b": {"c": 2, "d": 3}});
        merge_patch(&mut doc, &json!({"a": null, "b": {"c": 4}}));
        assert_eq!(doc, json!({"b": {"c": 4, "d": 3}}));
    }
}
