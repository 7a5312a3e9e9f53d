//! The Karmada gateway per federated fleet: discovery, and Kubernetes objects under `/api` and
//! `/apis` with selectors, resource versions, patches and policy-made bindings.

use std::sync::Arc;

use axum::extract::{Path, Request, State};
use axum::http::header::CONTENT_TYPE;
use axum::http::{HeaderMap, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::Utc;
use serde_json::{json, Value};

use crate::auth::Caller;
use crate::config::AuthMode;
use crate::extract::query_pairs;
use crate::federation::is_ready;
use crate::ids::new_uid;
use crate::karmada::select::Selector;
use crate::karmada::{bindings, discovery, patch};
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

impl Target {
    /// `deployments.apps` / `configmaps`: how the API server names a resource in messages.
    fn qualified(&self) -> String {
        match self.api_version.split_once('/') {
            Some((group, _)) => format!("{}.{group}", self.resource),
            None => self.resource.clone(),
        }
    }

    fn details(&self, name: &str) -> Value {
        let group = self.api_version.split_once('/').map_or("", |(g, _)| g);
        json!({"name": name, "group": group, "kind": self.resource})
    }

    /// A `Status` failure about the object `name`.
    fn failure(&self, code: StatusCode, reason: &str, name: &str, message: String) -> Response {
        let body = json!({
            "kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Failure",
            "message": message, "reason": reason, "details": self.details(name),
            "code": code.as_u16(),
        });
        (code, Json(body)).into_response()
    }

    fn not_found(&self, name: &str) -> Response {
        self.failure(
            StatusCode::NOT_FOUND,
            "NotFound",
            name,
            format!("{} {name:?} not found", self.qualified()),
        )
    }

    fn conflict(&self, name: &str) -> Response {
        self.failure(
            StatusCode::CONFLICT,
            "Conflict",
            name,
            format!(
                "Operation cannot be fulfilled on {} {name:?}: the object has been modified; \
                 please apply your changes to the latest version and try again",
                self.qualified()
            ),
        )
    }

    fn list_kind(&self, items: &[&Value]) -> String {
        if let Some(res) = discovery::find(&self.api_version, &self.resource) {
            return format!("{}List", res.kind);
        }
        if let Some(kind) = items.iter().find_map(|o| o["kind"].as_str()) {
            return format!("{kind}List");
        }
        let singular = self.resource.strip_suffix('s').unwrap_or(&self.resource);
        let mut chars = singular.chars();
        let capitalised: String = chars
            .next()
            .map(|c| c.to_uppercase().chain(chars).collect())
            .unwrap_or_default();
        format!("{capitalised}List")
    }
}

/// How a PATCH body applies.
#[derive(Clone, Copy, PartialEq)]
enum PatchKind {
    Merge,
    Strategic,
}

/// What one request asks of the object store.
struct Ask<'a> {
    method: &'a Method,
    target: &'a Target,
    object: Option<Value>,
    patch: PatchKind,
    labels: Option<Selector>,
    fields: Option<Selector>,
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

/// Discovery and OpenAPI answers, for `GET` of their paths.
fn discovery_answer(rest: &str) -> Option<Response> {
    let segs: Vec<&str> = rest.trim_matches('/').split('/').collect();
    let found = match segs.as_slice() {
        ["version"] => Some(discovery::version()),
        ["api"] => Some(discovery::core_versions()),
        ["apis"] => Some(discovery::groups()),
        ["api", version] => discovery::resources(version),
        ["apis", group] => discovery::group(group),
        ["apis", group, version] => discovery::resources(&format!("{group}/{version}")),
        // An empty OpenAPI v2 document (zero protobuf bytes): kubectl's client-side validation
        // finds no schema for a kind and lets the server decide, as for schemaless CRDs.
        ["openapi", "v2"] => {
            return Some(
                (
                    [(
                        CONTENT_TYPE,
                        "application/com.github.proto-openapi.spec.v2.v1.0+protobuf",
                    )],
                    Vec::<u8>::new(),
                )
                    .into_response(),
            )
        }
        _ => return None,
    };
    Some(match found {
        Some(doc) => Json(doc).into_response(),
        None => status(
            StatusCode::NOT_FOUND,
            "NotFound",
            "the server could not find the requested resource",
        ),
    })
}

/// Query pairs of a list request; `+` is a space, as Go's clients encode it.
fn selectors(raw_query: &str) -> Result<(Option<Selector>, Option<Selector>), Refusal> {
    let mut labels = None;
    let mut fields = None;
    for (k, v) in query_pairs(&raw_query.replace('+', "%20")) {
        let bad = |e: String| Refusal(StatusCode::BAD_REQUEST, "BadRequest", e);
        match k.as_str() {
            "labelSelector" => labels = Some(Selector::labels(&v).map_err(bad)?),
            "fieldSelector" => fields = Some(Selector::fields(&v).map_err(bad)?),
            _ => {}
        }
    }
    Ok((labels, fields))
}

fn patch_kind(headers: &HeaderMap) -> Result<PatchKind, Refusal> {
    let ct = headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("application/merge-patch+json");
    let media = ct.split(';').next().unwrap_or_default().trim();
    match media {
        "application/strategic-merge-patch+json" => Ok(PatchKind::Strategic),
        "application/merge-patch+json" | "application/json" | "" => Ok(PatchKind::Merge),
        other => Err(Refusal(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "UnsupportedMediaType",
            format!(
                "the body of the request was in an unknown format - accepted media types \
                 include: application/merge-patch+json, application/strategic-merge-patch+json \
                 (got {other:?})"
            ),
        )),
    }
}

pub(crate) async fn serve(
    State(app): State<Arc<AppState>>,
    Path((fleet, rest)): Path<(String, String)>,
    method: Method,
    headers: HeaderMap,
    req: Request,
) -> Response {
    // The bearer token is checked before the body is read.
    let caller = match authorize(&app, &fleet, &headers) {
        Ok(c) => c,
        Err(r) => return r.response(),
    };
    let raw_query = req.uri().query().unwrap_or_default().to_owned();
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
    if method == Method::GET {
        if let Some(answer) = discovery_answer(&rest) {
            return answer;
        }
    }
    let Some(target) = parse_target(&rest) else {
        return status(
            StatusCode::NOT_FOUND,
            "NotFound",
            format!("the server could not find the requested resource {rest:?}"),
        );
    };
    let media = headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    if !body.is_empty() && media.contains("protobuf") {
        return status(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "UnsupportedMediaType",
            "this gateway reads JSON bodies only, not protobuf",
        );
    }
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
    let patch = if method == Method::PATCH {
        match patch_kind(&headers) {
            Ok(p) => p,
            Err(r) => return r.response(),
        }
    } else {
        PatchKind::Merge
    };
    let (labels, fields) = match selectors(&raw_query) {
        Ok(s) => s,
        Err(r) => return r.response(),
    };
    let ask = Ask {
        method: &method,
        target: &target,
        object,
        patch,
        labels,
        fields,
    };
    let result = if method == Method::GET {
        app.read(&caller, |account| Ok(read(account, &fleet, &ask)))
    } else {
        app.write(&caller, |account| Ok(change(account, &fleet, ask)))
    };
    result.unwrap_or_else(|e| e.into_response())
}

fn read(account: &Account, fleet: &str, ask: &Ask<'_>) -> Response {
    let target = ask.target;
    let empty = Default::default();
    let objects = account
        .karmada
        .get(fleet)
        .and_then(|o| o.get(&target.collection))
        .unwrap_or(&empty);
    match target.name.as_deref() {
        None => {
            let items: Vec<&Value> = objects
                .values()
                .filter(|o| ask.labels.as_ref().is_none_or(|s| s.matches(o)))
                .filter(|o| ask.fields.as_ref().is_none_or(|s| s.matches(o)))
                .collect();
            Json(json!({
                "kind": target.list_kind(&items),
                "apiVersion": target.api_version,
                "metadata": {"resourceVersion": account.seq.to_string()},
                "items": items,
            }))
            .into_response()
        }
        Some(name) => match objects.get(name) {
            Some(o) => Json(o.clone()).into_response(),
            None => target.not_found(name),
        },
    }
}

/// A write; policy-made bindings follow every successful one.
fn change(account: &mut Account, fleet: &str, ask: Ask<'_>) -> Response {
    let response = store(account, fleet, ask);
    if response.status().is_success() {
        bindings::reconcile(account, fleet);
    }
    response
}

fn store(account: &mut Account, fleet: &str, ask: Ask<'_>) -> Response {
    let Ask {
        method,
        target,
        object,
        patch: patch_kind,
        ..
    } = ask;
    let rv = account.next_seq().to_string();
    let objects = account
        .karmada
        .entry(fleet.to_owned())
        .or_default()
        .entry(target.collection.clone())
        .or_default();
    match (method.as_str(), target.name.as_deref()) {
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
            if let (Some(ns), Some(given)) = (
                target.namespace.as_deref(),
                object["metadata"]["namespace"].as_str(),
            ) {
                if ns != given {
                    return status(
                        StatusCode::BAD_REQUEST,
                        "BadRequest",
                        "the namespace of the provided object does not match the namespace \
                         sent on the request",
                    );
                }
            }
            if objects.contains_key(&name) {
                return target.failure(
                    StatusCode::CONFLICT,
                    "AlreadyExists",
                    &name,
                    format!("{} {name:?} already exists", target.qualified()),
                );
            }
            if let Some(res) = discovery::find(&target.api_version, &target.resource) {
                if object["kind"].is_null() {
                    object["kind"] = json!(res.kind);
                }
                if object["apiVersion"].is_null() {
                    object["apiVersion"] = json!(target.api_version);
                }
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
                return target.not_found(name);
            };
            // A resourceVersion in the body is a precondition: it must be the current one.
            if let Some(given) = body["metadata"]["resourceVersion"].as_str() {
                if Some(given) != current["metadata"]["resourceVersion"].as_str() {
                    return target.conflict(name);
                }
            }
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
                match patch_kind {
                    PatchKind::Merge => patch::merge_patch(&mut merged, &body),
                    PatchKind::Strategic => patch::strategic_merge_patch(&mut merged, &body),
                }
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
            for key in ["kind", "apiVersion"] {
                if next[key].is_null() && !current[key].is_null() {
                    next[key] = current[key].clone();
                }
            }
            let generation = current["metadata"]["generation"].as_i64().unwrap_or(1) + 1;
            next["metadata"]["generation"] = json!(generation);
            next["metadata"]["resourceVersion"] = json!(rv);
            objects.insert(name.to_owned(), next.clone());
            Json(next).into_response()
        }
        ("DELETE", Some(name)) => {
            let Some(current) = objects.get(name) else {
                return target.not_found(name);
            };
            let wanted = object
                .as_ref()
                .and_then(|o| o["preconditions"]["resourceVersion"].as_str());
            if wanted.is_some_and(|w| Some(w) != current["metadata"]["resourceVersion"].as_str()) {
                return target.conflict(name);
            }
            objects.remove(name);
            Json(json!({
                "kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Success",
                "details": target.details(name),
            }))
            .into_response()
        }
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
        assert_eq!(t.qualified(), "deployments.apps");
        let ns = parse_target("api/v1/namespaces/team-a").expect("parsed");
        assert_eq!(
            (ns.collection.as_str(), ns.name.as_deref()),
            ("api/v1/namespaces", Some("team-a"))
        );
        assert!(parse_target("healthz").is_none());
    }

    #[test]
    fn discovery_paths_answer_and_unknown_groups_do_not() {
        let ok = |p: &str| discovery_answer(p).map(|r| r.status());
        assert_eq!(ok("api"), Some(StatusCode::OK));
        assert_eq!(ok("apis/policy.karmada.io/v1alpha1"), Some(StatusCode::OK));
        assert_eq!(ok("apis/nope/v1"), Some(StatusCode::NOT_FOUND));
        assert_eq!(ok("api/v1/namespaces"), None);
    }
}
