//! Federated ("united") workloads of a fleet and the federation upgrade. A workload is the
//! Kubernetes object plus its Karmada policies, written into the fleet's gateway store: what the
//! gateway, kubectl and the ResourceBinding reconciliation see is the one truth; the policies a
//! workload made carry an owner annotation so that update and delete touch only those.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use chrono::Utc;
use serde::Serialize;
use serde_json::{json, Map, Value};
use ucs_models::models::{
    FederationUpgrade, UnitedWorkload, UnitedWorkloadQuery, UpgradeFederation, WorkloadTarget,
    KARMADA_POLICY_API_VERSION,
};

use super::federation::ready_federation;
use super::fleets::{check_id, find, find_mut};
use super::{created_object, ok_object};
use crate::auth::Caller;
use crate::error::{ApiFailure, ApiResult};
use crate::extract::{JsonBody, Params};
use crate::federation::VERSIONS as FEDERATION_VERSIONS;
use crate::ids::new_uid;
use crate::karmada::{bindings, objects};
use crate::server::AppState;
use crate::state::Account;

/// Annotation naming the workload (`Kind/name`) that made a policy.
const OWNER: &str = "unitedworkload.ucs.huaweicloud.com/owner";

/// The name of the fleet `id` when its federation is ready, else the refusal the federation
/// calls answer (no federation, failed, still being enabled).
fn federated_fleet(account: &Account, id: &str) -> ApiResult<String> {
    ready_federation(account, id)?;
    Ok(find(account, id)?.fleet.name().to_owned())
}

fn policies(namespace: &str, plural: &str) -> String {
    format!("apis/{KARMADA_POLICY_API_VERSION}/namespaces/{namespace}/{plural}")
}

/// How the workload is named in owner annotations and messages.
fn owner(t: &WorkloadTarget) -> String {
    format!("{}/{}", t.kind, t.name)
}

fn describe(t: &WorkloadTarget) -> String {
    format!("{} {}/{}", t.kind, t.namespace, t.name)
}

fn missing(t: &WorkloadTarget, fleet: &str) -> ApiFailure {
    ApiFailure::not_found(format!(
        "{} is not a workload of the federation of fleet {fleet}",
        describe(t)
    ))
}

/// The reference has no code of its own for a duplicate workload: the fleet family's 409.
fn conflict(detail: String) -> ApiFailure {
    ApiFailure::new("UCS.01100004", detail)
}

fn owned_by(object: &Value, owner: &str) -> bool {
    object["metadata"]["annotations"][OWNER].as_str() == Some(owner)
}

/// Names of the policies of `plural` the workload made.
fn owned(account: &Account, fleet: &str, t: &WorkloadTarget, plural: &str) -> Vec<String> {
    let owner = owner(t);
    objects::all(account, fleet, &policies(&t.namespace, plural))
        .filter(|(_, o)| owned_by(o, &owner))
        .map(|(n, _)| n.clone())
        .collect()
}

fn to_map<T: Serialize>(field: &str, value: &T) -> ApiResult<Map<String, Value>> {
    match serde_json::to_value(value) {
        Ok(Value::Object(m)) => Ok(m),
        _ => Err(ApiFailure::bad_body(format!(
            "`{field}` must be a JSON object"
        ))),
    }
}

fn object_map(field: &str, value: Option<&Value>) -> ApiResult<Map<String, Value>> {
    match value {
        None | Some(Value::Null) => Ok(Map::new()),
        Some(Value::Object(m)) => Ok(m.clone()),
        Some(_) => Err(ApiFailure::bad_body(format!(
            "`{field}` must be a JSON object"
        ))),
    }
}

/// Server-owned metadata a body must not set.
const SERVER_OWNED: [&str; 4] = ["uid", "resourceVersion", "creationTimestamp", "generation"];

/// The workload object: the template, with the body's kind, version, name, namespace, labels
/// and annotations.
fn workload_object(body: &UnitedWorkload, t: &WorkloadTarget) -> ApiResult<Map<String, Value>> {
    let mut object = object_map("template", body.template.as_ref())?;
    let mut meta = object_map("template.metadata", object.get("metadata"))?;
    if let Some(given) = &body.metadata {
        for (key, value) in [
            ("labels", &given.labels),
            ("annotations", &given.annotations),
        ] {
            let Some(value) = value else { continue };
            let mut merged = object_map(&format!("template.metadata.{key}"), meta.get(key))?;
            merged.extend(value.iter().map(|(k, v)| (k.clone(), json!(v))));
            meta.insert(key.into(), Value::Object(merged));
        }
    }
    for key in SERVER_OWNED {
        meta.remove(key);
    }
    meta.insert("name".into(), json!(t.name));
    meta.insert("namespace".into(), json!(t.namespace));
    object.insert("apiVersion".into(), json!(t.api_version));
    object.insert("kind".into(), json!(t.kind));
    object.insert("metadata".into(), Value::Object(meta));
    Ok(object)
}

/// The selector of exactly this workload.
fn selector(t: &WorkloadTarget) -> Value {
    json!({"apiVersion": t.api_version, "kind": t.kind, "namespace": t.namespace, "name": t.name})
}

fn selects(selector: &Value, t: &WorkloadTarget) -> bool {
    selector["apiVersion"].as_str() == Some(t.api_version)
        && selector["kind"].as_str() == Some(t.kind)
        && selector["namespace"]
            .as_str()
            .is_none_or(|n| n == t.namespace)
        && selector["name"].as_str().is_none_or(|n| n == t.name)
}

/// A policy object of `kind` from the body's (or an empty) one: named `<name>-<kind>` unless
/// named, in the workload's namespace, owned by it, selecting it when it selects nothing.
fn policy_object(
    field: &str,
    kind: &str,
    given: Option<Map<String, Value>>,
    t: &WorkloadTarget,
) -> ApiResult<(String, Map<String, Value>)> {
    let mut object = given.unwrap_or_default();
    let mut meta = object_map(&format!("{field}.metadata"), object.get("metadata"))?;
    let name = meta
        .get("name")
        .and_then(Value::as_str)
        .filter(|n| !n.is_empty())
        .map_or_else(
            || format!("{}-{}", t.name, t.kind.to_lowercase()),
            str::to_owned,
        );
    for key in SERVER_OWNED {
        meta.remove(key);
    }
    let mut annotations = object_map(
        &format!("{field}.metadata.annotations"),
        meta.get("annotations"),
    )?;
    annotations.insert(OWNER.into(), json!(owner(t)));
    meta.insert("annotations".into(), Value::Object(annotations));
    meta.insert("namespace".into(), json!(t.namespace));
    let mut spec = object_map(&format!("{field}.spec"), object.get("spec"))?;
    let selectors = spec
        .get("resourceSelectors")
        .and_then(Value::as_array)
        .filter(|s| !s.is_empty())
        .cloned();
    match selectors {
        None => {
            spec.insert("resourceSelectors".into(), json!([selector(t)]));
        }
        Some(s) if !s.iter().any(|s| selects(s, t)) => {
            return Err(ApiFailure::bad_body(format!(
                "invalid argument `{field}.spec.resourceSelectors`: none selects {}",
                describe(t)
            )));
        }
        Some(_) => {}
    }
    object.insert("apiVersion".into(), json!(KARMADA_POLICY_API_VERSION));
    object.insert("kind".into(), json!(kind));
    object.insert("metadata".into(), Value::Object(meta));
    object.insert("spec".into(), Value::Object(spec));
    Ok((name, object))
}

/// Everything a create or update writes, checked before anything is written.
struct Plan {
    target: WorkloadTarget,
    workload: Map<String, Value>,
    propagation: (String, Map<String, Value>),
    overrides: Option<(String, Map<String, Value>)>,
}

fn plan(body: &UnitedWorkload) -> ApiResult<Plan> {
    let target = body
        .target()
        .map_err(|e| ApiFailure::bad_body(e.to_string()))?;
    let workload = workload_object(body, &target)?;
    let given_pp = body
        .propagation_policy
        .as_ref()
        .map(|p| to_map("propagationPolicy", p))
        .transpose()?;
    let propagation = policy_object("propagationPolicy", "PropagationPolicy", given_pp, &target)?;
    let overrides = body
        .override_policy
        .as_ref()
        .map(|o| {
            let given = to_map("overridePolicy", o)?;
            policy_object("overridePolicy", "OverridePolicy", Some(given), &target)
        })
        .transpose()?;
    Ok(Plan {
        target,
        workload,
        propagation,
        overrides,
    })
}

/// Refuses a policy name held by an object this workload did not make.
fn check_free(
    account: &Account,
    fleet: &str,
    t: &WorkloadTarget,
    plural: &str,
    name: &str,
) -> ApiResult<()> {
    match objects::get(account, fleet, &policies(&t.namespace, plural), name) {
        Some(o) if !owned_by(o, &owner(t)) => Err(conflict(format!(
            "{plural} {}/{name} already exists in the federation of fleet {fleet}",
            t.namespace
        ))),
        _ => Ok(()),
    }
}

/// Writes the plan, replacing the policies the workload made before.
fn apply(account: &mut Account, fleet: &str, plan: Plan) {
    let t = &plan.target;
    for plural in ["propagationpolicies", "overridepolicies"] {
        for name in owned(account, fleet, t, plural) {
            objects::remove(account, fleet, &policies(&t.namespace, plural), &name);
        }
    }
    objects::put(account, fleet, &t.collection(), &t.name, plan.workload);
    let (name, pp) = plan.propagation;
    objects::put(
        account,
        fleet,
        &policies(&t.namespace, "propagationpolicies"),
        &name,
        pp,
    );
    if let Some((name, op)) = plan.overrides {
        objects::put(
            account,
            fleet,
            &policies(&t.namespace, "overridepolicies"),
            &name,
            op,
        );
    }
    bindings::reconcile(account, fleet);
}

fn write_workload(account: &mut Account, id: &str, plan: Plan, create: bool) -> ApiResult<()> {
    let fleet = federated_fleet(account, id)?;
    let t = &plan.target;
    let exists = objects::get(account, &fleet, &t.collection(), &t.name).is_some();
    if create && exists {
        return Err(conflict(format!(
            "{} already exists in the federation of fleet {fleet}",
            describe(t)
        )));
    }
    if !create && !exists {
        return Err(missing(t, &fleet));
    }
    check_free(
        account,
        &fleet,
        t,
        "propagationpolicies",
        &plan.propagation.0,
    )?;
    if let Some((name, _)) = &plan.overrides {
        check_free(account, &fleet, t, "overridepolicies", name)?;
    }
    apply(account, &fleet, plan);
    Ok(())
}

pub(crate) async fn create_united_workload(
    State(app): State<Arc<AppState>>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<UnitedWorkload>,
) -> ApiResult<Response> {
    check_id(&id)?;
    let plan = plan(&body)?;
    app.write(&caller, |account| write_workload(account, &id, plan, true))?;
    Ok(created_object())
}

pub(crate) async fn update_united_workload(
    State(app): State<Arc<AppState>>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<UnitedWorkload>,
) -> ApiResult<Response> {
    check_id(&id)?;
    let plan = plan(&body)?;
    app.write(&caller, |account| write_workload(account, &id, plan, false))?;
    Ok(ok_object())
}

/// The workload the query names; a bad parameter is 400 `UCS.00000011`.
fn query_target(params: &Params) -> ApiResult<WorkloadTarget> {
    let query = UnitedWorkloadQuery {
        kind: params.str("kind").unwrap_or_default().to_owned(),
        namespace: params.str("namespace").map(str::to_owned),
        name: params.str("name").unwrap_or_default().to_owned(),
    };
    query
        .target()
        .map_err(|e| ApiFailure::bad_query(e.to_string()))
}

/// A stored object in a typed model; a shape the model cannot read (an object edited through
/// the gateway) is left out rather than failing the whole answer.
fn typed<T: serde::de::DeserializeOwned>(value: Option<&Value>) -> Option<T> {
    value.and_then(|v| serde_json::from_value(v.clone()).ok())
}

pub(crate) async fn get_united_workload(
    State(app): State<Arc<AppState>>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    params: Params,
) -> ApiResult<Json<UnitedWorkload>> {
    check_id(&id)?;
    let t = query_target(&params)?;
    app.read(&caller, |account| {
        let fleet = federated_fleet(account, &id)?;
        let workload = objects::get(account, &fleet, &t.collection(), &t.name)
            .ok_or_else(|| missing(&t, &fleet))?;
        let binding_name = format!("{}-{}", t.name, t.kind.to_lowercase());
        let binding = objects::get(
            account,
            &fleet,
            &format!(
                "apis/work.karmada.io/v1alpha2/namespaces/{}/resourcebindings",
                t.namespace
            ),
            &binding_name,
        );
        // The policy the workload made; else the one that binds it (made through the gateway).
        let propagation = owned(account, &fleet, &t, "propagationpolicies")
            .first()
            .cloned()
            .or_else(|| {
                binding
                    .and_then(|b| {
                        b["metadata"]["labels"]["propagationpolicy.karmada.io/name"].as_str()
                    })
                    .map(str::to_owned)
            })
            .and_then(|name| {
                objects::get(
                    account,
                    &fleet,
                    &policies(&t.namespace, "propagationpolicies"),
                    &name,
                )
            });
        let overrides = owned(account, &fleet, &t, "overridepolicies")
            .first()
            .and_then(|name| {
                objects::get(
                    account,
                    &fleet,
                    &policies(&t.namespace, "overridepolicies"),
                    name,
                )
            });
        Ok(Json(UnitedWorkload {
            kind: Some(t.kind.to_owned()),
            api_version: Some(t.api_version.to_owned()),
            metadata: typed(workload.get("metadata")),
            template: Some(workload.clone()),
            propagation_policy: typed(propagation),
            override_policy: typed(overrides),
            resource_binding: typed(binding),
            extra: Default::default(),
        }))
    })
}

pub(crate) async fn delete_united_workload(
    State(app): State<Arc<AppState>>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    params: Params,
) -> ApiResult<Response> {
    check_id(&id)?;
    let t = query_target(&params)?;
    app.write(&caller, |account| {
        let fleet = federated_fleet(account, &id)?;
        objects::remove(account, &fleet, &t.collection(), &t.name)
            .ok_or_else(|| missing(&t, &fleet))?;
        for plural in ["propagationpolicies", "overridepolicies"] {
            for name in owned(account, &fleet, &t, plural) {
                objects::remove(account, &fleet, &policies(&t.namespace, plural), &name);
            }
        }
        // The bindings of the workload go with it.
        bindings::reconcile(account, &fleet);
        Ok(ok_object())
    })
}

pub(crate) async fn upgrade_federation(
    State(app): State<Arc<AppState>>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<UpgradeFederation>,
) -> ApiResult<Response> {
    check_id(&id)?;
    let newest = FEDERATION_VERSIONS.last().copied().unwrap_or_default();
    let target = body
        .target_version
        .as_deref()
        .filter(|v| !v.is_empty())
        .unwrap_or(newest)
        .to_owned();
    let Some(rank) = FEDERATION_VERSIONS.iter().position(|v| *v == target) else {
        return Err(ApiFailure::bad_body(format!(
            "invalid argument `targetVersion`: {target:?} is not a federation version ({})",
            FEDERATION_VERSIONS.join(", ")
        )));
    };
    let answer = app.write(&caller, |account| {
        federated_fleet(account, &id)?;
        let record = find_mut(account, &id)?;
        let spec = record.fleet.spec.get_or_insert_with(Default::default);
        let current = spec.federation_version.clone().unwrap_or_default();
        let current_rank = FEDERATION_VERSIONS.iter().position(|v| *v == current);
        if current_rank.is_some_and(|c| c >= rank) {
            return Err(ApiFailure::bad_body(format!(
                "invalid argument `targetVersion`: {target:?} is not newer than the federation's {current:?}"
            )));
        }
        spec.federation_version = Some(target.clone());
        record.updated_at = Utc::now();
        Ok(FederationUpgrade {
            job_id: Some(new_uid()),
            message: Some("The federation is being upgraded".into()),
            extra: Default::default(),
        })
    })?;
    Ok((StatusCode::OK, Json(answer)).into_response())
}
