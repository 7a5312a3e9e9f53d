//! Policy (Gatekeeper) operations: enabling on a cluster or fleet, policy jobs, the built-in
//! catalogue of policy definitions (their tags can be set) and policy instances.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::{Extension, Json};
use chrono::{DateTime, Utc};
use serde_json::{json, Value};
use ucs_models::models::{
    ObjectMeta, PolicyAudit, PolicyConstraint, PolicyConstraintSpec, PolicyDefinition,
    PolicyDefinitionList, PolicyInstance, PolicyInstanceList, PolicyInstanceRequest,
    PolicyInstanceSpec, PolicyInstanceStatus, PolicyJob, PolicyJobCreated, PolicyJobList,
    PolicyMatch, UpdatePolicyDefinition, POLICY_JOB_KINDS,
};

use super::clusters::{check_available, find as find_cluster};
use super::fleets::find as find_fleet;
use crate::auth::Caller;
use crate::error::{ApiFailure, ApiResult};
use crate::extract::{JsonBody, Params};
use crate::ids::new_uid;
use crate::policy_jobs::{
    Engine, PolicyInstanceRecord, PolicyJobRecord, PolicyState, PolicyTarget, Scope,
};
use crate::server::AppState;
use crate::state::{rfc3339, Account};
use crate::validation;

/// A built-in policy definition: id, template name, constraint kind, what it checks, its
/// parameters (name and JSON type) and a short Rego body.
struct Builtin {
    id: &'static str,
    name: &'static str,
    kind: &'static str,
    description: &'static str,
    parameters: &'static [(&'static str, &'static str)],
    rego: &'static str,
}

/// The catalogue: Gatekeeper library templates.
const CATALOGUE: &[Builtin] = &[
    Builtin {
        id: "3b1f9a52-7c0e-4d2a-9f61-0a8e5c2d0001",
        name: "k8srequiredlabels",
        kind: "K8sRequiredLabels",
        description: "Requires resources to carry the given labels.",
        parameters: &[("labels", "array"), ("message", "string")],
        rego: "package k8srequiredlabels\nviolation[{\"msg\": msg}] {\n  provided := {l | input.review.object.metadata.labels[l]}\n  required := {l | l := input.parameters.labels[_].key}\n  missing := required - provided\n  count(missing) > 0\n  msg := sprintf(\"missing labels: %v\", [missing])\n}\n",
    },
    Builtin {
        id: "3b1f9a52-7c0e-4d2a-9f61-0a8e5c2d0002",
        name: "k8sallowedrepos",
        kind: "K8sAllowedRepos",
        description: "Requires container images to start with one of the given prefixes.",
        parameters: &[("repos", "array")],
        rego: "package k8sallowedrepos\nviolation[{\"msg\": msg}] {\n  c := input.review.object.spec.containers[_]\n  not startswith_any(c.image, input.parameters.repos)\n  msg := sprintf(\"image %v is not from an allowed repository\", [c.image])\n}\n",
    },
    Builtin {
        id: "3b1f9a52-7c0e-4d2a-9f61-0a8e5c2d0003",
        name: "k8spspprivilegedcontainer",
        kind: "K8sPSPPrivilegedContainer",
        description: "Forbids privileged containers.",
        parameters: &[("exemptImages", "array")],
        rego: "package k8spspprivileged\nviolation[{\"msg\": msg}] {\n  c := input.review.object.spec.containers[_]\n  c.securityContext.privileged\n  msg := sprintf(\"privileged container is not allowed: %v\", [c.name])\n}\n",
    },
    Builtin {
        id: "3b1f9a52-7c0e-4d2a-9f61-0a8e5c2d0004",
        name: "k8scontainerlimits",
        kind: "K8sContainerLimits",
        description: "Requires containers to set CPU and memory limits no larger than given.",
        parameters: &[("cpu", "string"), ("memory", "string"), ("exemptImages", "array")],
        rego: "package k8scontainerlimits\nviolation[{\"msg\": msg}] {\n  c := input.review.object.spec.containers[_]\n  not c.resources.limits\n  msg := sprintf(\"container %v has no resource limits\", [c.name])\n}\n",
    },
];

fn builtin(id: &str) -> ApiResult<&'static Builtin> {
    CATALOGUE
        .iter()
        .find(|b| b.id == id)
        .ok_or_else(|| ApiFailure::not_found(format!("policy definition {id} does not exist")))
}

fn render_definition(b: &Builtin, tags: Option<&Vec<String>>) -> PolicyDefinition {
    let properties: serde_json::Map<String, Value> = b
        .parameters
        .iter()
        .map(|(name, ty)| ((*name).to_owned(), json!({"type": ty})))
        .collect();
    let mut annotations = std::collections::BTreeMap::new();
    annotations.insert("description".to_owned(), b.description.to_owned());
    if let Some(tags) = tags {
        annotations.insert("tag".to_owned(), tags.join(";"));
    }
    PolicyDefinition {
        kind: Some("ConstraintTemplate".into()),
        api_version: Some("templates.gatekeeper.sh/v1".into()),
        metadata: ObjectMeta {
            uid: Some(b.id.to_owned()),
            name: Some(b.name.to_owned()),
            annotations: Some(annotations),
            ..Default::default()
        },
        spec: Some(json!({
            "crd": {"spec": {
                "names": {"kind": b.kind},
                "validation": {"openAPIV3Schema": {"type": "object", "properties": properties}},
            }},
            "targets": [{"target": "admission.k8s.gatekeeper.sh", "rego": b.rego}],
        })),
        extra: Default::default(),
    }
}

fn bad_body(result: ucs_models::Result<()>) -> ApiResult<()> {
    validation::body(result)
}

/// The parameters must be ones the definition declares: the reference's policy-management
/// rows for an instance that does not fit its definition (UCS.01130003/04, "policy validate
/// failed"), by the instance's scope.
fn check_parameters(scope: Scope, b: &Builtin, parameters: Option<&Value>) -> ApiResult<()> {
    let Some(Value::Object(map)) = parameters else {
        return Ok(());
    };
    let code = match scope {
        Scope::Cluster => "UCS.01130003",
        Scope::Fleet => "UCS.01130004",
    };
    match map
        .keys()
        .find(|k| !b.parameters.iter().any(|(p, _)| p == k))
    {
        None => Ok(()),
        Some(key) => Err(ApiFailure::new(
            code,
            format!(
                "invalid argument `parameters.{key}`: policy definition {} takes {}",
                b.name,
                b.parameters
                    .iter()
                    .map(|(p, _)| *p)
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        )),
    }
}

fn check_cluster_id(id: &str) -> ApiResult<()> {
    ucs_models::validate::cluster_id("clusterid", id)
        .map_err(|e| ApiFailure::bad_query(e.to_string()))
}

/// The target exists (and a cluster is available); its scope's codes.
fn check_target(account: &Account, scope: Scope, id: &str) -> ApiResult<()> {
    match scope {
        Scope::Cluster => check_available(find_cluster(account, id)?),
        Scope::Fleet => find_fleet(account, id).map(|_| ()),
    }
}

fn has_policy(scope: Scope, detail: String) -> ApiFailure {
    match scope {
        Scope::Cluster => ApiFailure::new("UCS.00150003", detail),
        Scope::Fleet => ApiFailure::new("UCS.00150004", detail),
    }
}

fn no_policy(scope: Scope, detail: String) -> ApiFailure {
    match scope {
        Scope::Cluster => ApiFailure::new("UCS.00150005", detail),
        Scope::Fleet => ApiFailure::new("UCS.00150006", detail),
    }
}

fn refused(scope: Scope, detail: String) -> ApiFailure {
    match scope {
        Scope::Cluster => ApiFailure::new("UCS.00150001", detail),
        Scope::Fleet => ApiFailure::new("UCS.00150002", detail),
    }
}

/// The reference's rows for a target whose policy engine is being installed or removed
/// (UCS.01130005/06, "policy management is in installing or closing status").
fn busy(scope: Scope, detail: String) -> ApiFailure {
    match scope {
        Scope::Cluster => ApiFailure::new("UCS.01130005", detail),
        Scope::Fleet => ApiFailure::new("UCS.01130006", detail),
    }
}

fn created(job: &PolicyJobRecord) -> Json<PolicyJobCreated> {
    Json(PolicyJobCreated {
        job_id: Some(job.id.clone()),
        extra: Default::default(),
    })
}

fn duration_ms(app: &AppState) -> u64 {
    u64::try_from(app.config.federation_duration.as_millis()).unwrap_or(u64::MAX)
}

/// Starts a job of `kind` on the target and records it.
fn start_job(
    app: &AppState,
    account: &mut Account,
    kind: &str,
    scope: Scope,
    target: &str,
) -> PolicyJobRecord {
    let seq = account.next_seq();
    let job = PolicyJobRecord::start(
        kind,
        scope,
        target,
        duration_ms(app),
        app.faults.policy_failure(),
        seq,
    );
    account.policies.jobs.insert(job.id.clone(), job.clone());
    job
}

async fn enable(
    app: Arc<AppState>,
    caller: Caller,
    scope: Scope,
    id: String,
    params: Params,
) -> ApiResult<Json<PolicyJobCreated>> {
    let retry = params.bool("retry")?.unwrap_or(false);
    app.write(&caller, |account| {
        check_target(account, scope, &id)?;
        let now = Utc::now();
        let operation = match (account.policies.engine(&id, now), retry) {
            (Engine::Disabled, false) => "create",
            (Engine::EnableFailed, true) => "retry",
            (Engine::Disabled, true) => {
                return Err(refused(
                    scope,
                    format!("{} {id} has no failed enabling to retry", scope.wire()),
                ))
            }
            (Engine::EnableFailed, false) => {
                return Err(has_policy(
                    scope,
                    format!(
                        "enabling policy on {} {id} failed; retry with retry=true or disable it",
                        scope.wire()
                    ),
                ))
            }
            (Engine::Disabling, _) => {
                return Err(busy(
                    scope,
                    format!("policy on {} {id} is being disabled", scope.wire()),
                ))
            }
            (Engine::Enabling | Engine::Enabled, _) => {
                return Err(has_policy(
                    scope,
                    format!("policy is already enabled on {} {id}", scope.wire()),
                ))
            }
        };
        let mut job = start_job(&app, account, "EnablePolicy", scope, &id);
        job.operation = operation.to_owned();
        account.policies.jobs.insert(job.id.clone(), job.clone());
        account.policies.targets.insert(
            id.clone(),
            PolicyTarget {
                scope,
                enable_job: job.id.clone(),
                disable_job: None,
            },
        );
        Ok(created(&job))
    })
}

async fn disable(
    app: Arc<AppState>,
    caller: Caller,
    scope: Scope,
    id: String,
) -> ApiResult<Json<PolicyJobCreated>> {
    app.write(&caller, |account| {
        match scope {
            Scope::Cluster => find_cluster(account, &id).map(|_| ())?,
            Scope::Fleet => find_fleet(account, &id).map(|_| ())?,
        }
        let now = Utc::now();
        match account.policies.engine(&id, now) {
            Engine::Disabled => {
                return Err(no_policy(
                    scope,
                    format!("policy is not enabled on {} {id}", scope.wire()),
                ))
            }
            _ if account.policies.job_running(&id, now) => {
                return Err(busy(
                    scope,
                    format!(
                        "a policy job is running on {} {id}; wait for it to end",
                        scope.wire()
                    ),
                ))
            }
            _ => {}
        }
        let job = start_job(&app, account, "DisablePolicy", scope, &id);
        if let Some(target) = account.policies.targets.get_mut(&id) {
            target.disable_job = Some(job.id.clone());
        }
        // Disabling removes the target's policy instances with the engine.
        account.policies.instances.retain(|_, i| i.target != id);
        Ok(created(&job))
    })
}

async fn create_instance(
    app: Arc<AppState>,
    caller: Caller,
    scope: Scope,
    id: String,
    body: PolicyInstanceRequest,
) -> ApiResult<Json<PolicyJobCreated>> {
    bad_body(body.check(true))?;
    let definition = builtin(body.constraint_template_id.as_deref().unwrap_or(""))?;
    check_parameters(scope, definition, body.parameters.as_ref())?;
    app.write(&caller, |account| {
        match scope {
            Scope::Cluster => find_cluster(account, &id).map(|_| ())?,
            Scope::Fleet => find_fleet(account, &id).map(|_| ())?,
        }
        let now = Utc::now();
        match account.policies.engine(&id, now) {
            Engine::Enabled => {}
            Engine::Enabling => {
                return Err(no_policy(
                    scope,
                    format!("policy is still being enabled on {} {id}", scope.wire()),
                ))
            }
            _ => {
                return Err(no_policy(
                    scope,
                    format!("policy is not enabled on {} {id}", scope.wire()),
                ))
            }
        }
        if let Some(existing) = account
            .policies
            .instances
            .values()
            .find(|i| i.target == id && i.definition_id == definition.id)
        {
            return Err(refused(
                scope,
                format!(
                    "policy definition {} is already applied to {} {id} (instance {})",
                    definition.name,
                    scope.wire(),
                    existing.id
                ),
            ));
        }
        let instance_id = new_uid();
        let seq = account.next_seq();
        let record = PolicyInstanceRecord {
            name: format!("{}-{}", definition.name, &instance_id[..8]),
            id: instance_id.clone(),
            definition_id: definition.id.to_owned(),
            scope,
            target: id.clone(),
            enforcement_action: body
                .enforcement_action
                .clone()
                .unwrap_or_else(|| "deny".into()),
            namespaces: body.namespaces.clone().unwrap_or_default(),
            parameters: body.parameters.clone(),
            created_at: now,
            updated_at: now,
            seq,
        };
        account
            .policies
            .instances
            .insert(instance_id.clone(), record);
        let mut job = start_job(&app, account, "CreatePolicyInstance", scope, &id);
        job.related.insert("policyInstanceID".into(), instance_id);
        account.policies.jobs.insert(job.id.clone(), job.clone());
        Ok(created(&job))
    })
}

fn render_instance(
    account: &Account,
    domain_id: &str,
    record: &PolicyInstanceRecord,
    now: DateTime<Utc>,
) -> PolicyInstance {
    let kind = CATALOGUE
        .iter()
        .find(|b| b.id == record.definition_id)
        .map(|b| b.kind);
    let clusters = match record.scope {
        Scope::Cluster => vec![record.target.clone()],
        Scope::Fleet => account.fleet_members(&record.target),
    };
    PolicyInstance {
        kind: Some("PolicyInstance".into()),
        api_version: Some("v1".into()),
        metadata: ObjectMeta {
            uid: Some(record.id.clone()),
            name: Some(record.name.clone()),
            creation_timestamp: Some(rfc3339(record.created_at)),
            update_timestamp: Some(rfc3339(record.updated_at)),
            ..Default::default()
        },
        spec: Some(PolicyInstanceSpec {
            constraint: Some(PolicyConstraint {
                kind: kind.map(str::to_owned),
                api_version: Some("constraints.gatekeeper.sh/v1beta1".into()),
                metadata: Some(ObjectMeta {
                    name: Some(record.name.clone()),
                    ..Default::default()
                }),
                spec: Some(PolicyConstraintSpec {
                    enforcement_action: Some(record.enforcement_action.clone()),
                    matches: Some(PolicyMatch {
                        kinds: None,
                        namespaces: (!record.namespaces.is_empty())
                            .then(|| record.namespaces.clone()),
                    }),
                    parameters: record.parameters.clone(),
                }),
            }),
            constraint_template_id: Some(record.definition_id.clone()),
            domain_id: Some(domain_id.to_owned()),
            target_scope: Some(record.scope.wire().into()),
            target_id: Some(record.target.clone()),
            extra: Default::default(),
        }),
        // The emulator runs no workloads, so every audit is clean.
        status: Some(PolicyInstanceStatus {
            violations: clusters
                .into_iter()
                .map(|c| PolicyAudit {
                    cluster_id: Some(c),
                    audit_timestamp: Some(rfc3339(now)),
                    ..Default::default()
                })
                .collect(),
        }),
        extra: Default::default(),
    }
}

fn find_instance<'a>(state: &'a PolicyState, id: &str) -> ApiResult<&'a PolicyInstanceRecord> {
    state
        .instances
        .get(id)
        .ok_or_else(|| ApiFailure::not_found(format!("policy instance {id} does not exist")))
}

pub(crate) async fn enable_cluster(
    State(app): State<Arc<AppState>>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    params: Params,
) -> ApiResult<Json<PolicyJobCreated>> {
    check_cluster_id(&id)?;
    enable(app, caller, Scope::Cluster, id, params).await
}

pub(crate) async fn disable_cluster(
    State(app): State<Arc<AppState>>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
) -> ApiResult<Json<PolicyJobCreated>> {
    check_cluster_id(&id)?;
    disable(app, caller, Scope::Cluster, id).await
}

pub(crate) async fn create_cluster_instance(
    State(app): State<Arc<AppState>>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<PolicyInstanceRequest>,
) -> ApiResult<Json<PolicyJobCreated>> {
    check_cluster_id(&id)?;
    create_instance(app, caller, Scope::Cluster, id, body).await
}

pub(crate) async fn enable_fleet(
    State(app): State<Arc<AppState>>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    params: Params,
) -> ApiResult<Json<PolicyJobCreated>> {
    validation::path_id("clustergroupid", &id)?;
    enable(app, caller, Scope::Fleet, id, params).await
}

pub(crate) async fn disable_fleet(
    State(app): State<Arc<AppState>>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
) -> ApiResult<Json<PolicyJobCreated>> {
    validation::path_id("clustergroupid", &id)?;
    disable(app, caller, Scope::Fleet, id).await
}

pub(crate) async fn create_fleet_instance(
    State(app): State<Arc<AppState>>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<PolicyInstanceRequest>,
) -> ApiResult<Json<PolicyJobCreated>> {
    validation::path_id("clustergroupid", &id)?;
    create_instance(app, caller, Scope::Fleet, id, body).await
}

pub(crate) async fn list_jobs(
    State(app): State<Arc<AppState>>,
    Extension(caller): Extension<Caller>,
    params: Params,
) -> ApiResult<Json<PolicyJobList>> {
    let kind = params
        .one_of("kind", POLICY_JOB_KINDS)?
        .unwrap_or_else(|| "EnablePolicy".into());
    app.read(&caller, |account| {
        let now = Utc::now();
        let mut jobs: Vec<&PolicyJobRecord> = account
            .policies
            .jobs
            .values()
            .filter(|j| j.kind == kind)
            .collect();
        jobs.sort_by_key(|j| j.seq);
        Ok(Json(PolicyJobList {
            kind: Some("List".into()),
            api_version: Some("v1".into()),
            items: jobs
                .into_iter()
                .map(|j| j.render(&caller.domain_id, now))
                .collect(),
        }))
    })
}

pub(crate) async fn get_job(
    State(app): State<Arc<AppState>>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
) -> ApiResult<Json<PolicyJob>> {
    validation::path_id("jobid", &id)?;
    app.read(&caller, |account| {
        let job = account
            .policies
            .jobs
            .get(&id)
            .ok_or_else(|| ApiFailure::not_found(format!("policy job {id} does not exist")))?;
        Ok(Json(job.render(&caller.domain_id, Utc::now())))
    })
}

pub(crate) async fn list_definitions(
    State(app): State<Arc<AppState>>,
    Extension(caller): Extension<Caller>,
) -> ApiResult<Json<PolicyDefinitionList>> {
    app.read(&caller, |account| {
        Ok(Json(PolicyDefinitionList {
            kind: Some("List".into()),
            api_version: Some("v1".into()),
            items: CATALOGUE
                .iter()
                .map(|b| render_definition(b, account.policies.definition_tags.get(b.id)))
                .collect(),
        }))
    })
}

pub(crate) async fn get_definition(
    State(app): State<Arc<AppState>>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
) -> ApiResult<Json<PolicyDefinition>> {
    validation::path_id("policydefinitionid", &id)?;
    let definition = builtin(&id)?;
    app.read(&caller, |account| {
        Ok(Json(render_definition(
            definition,
            account.policies.definition_tags.get(definition.id),
        )))
    })
}

pub(crate) async fn update_definition(
    State(app): State<Arc<AppState>>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<UpdatePolicyDefinition>,
) -> ApiResult<Json<PolicyDefinition>> {
    validation::path_id("policydefinitionid", &id)?;
    let definition = builtin(&id)?;
    let tags = body
        .tags()
        .map_err(|e| ApiFailure::bad_body(e.to_string()))?;
    app.write(&caller, |account| {
        account
            .policies
            .definition_tags
            .insert(definition.id.to_owned(), tags.clone());
        Ok(Json(render_definition(definition, Some(&tags))))
    })
}

pub(crate) async fn list_instances(
    State(app): State<Arc<AppState>>,
    Extension(caller): Extension<Caller>,
) -> ApiResult<Json<PolicyInstanceList>> {
    app.read(&caller, |account| {
        let now = Utc::now();
        let mut records: Vec<&PolicyInstanceRecord> = account.policies.instances.values().collect();
        records.sort_by_key(|r| r.seq);
        Ok(Json(PolicyInstanceList {
            kind: Some("List".into()),
            api_version: Some("v1".into()),
            items: records
                .into_iter()
                .map(|r| render_instance(account, &caller.domain_id, r, now))
                .collect(),
        }))
    })
}

pub(crate) async fn get_instance(
    State(app): State<Arc<AppState>>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
) -> ApiResult<Json<PolicyInstance>> {
    validation::path_id("policyinstanceid", &id)?;
    app.read(&caller, |account| {
        let record = find_instance(&account.policies, &id)?;
        Ok(Json(render_instance(
            account,
            &caller.domain_id,
            record,
            Utc::now(),
        )))
    })
}

pub(crate) async fn update_instance(
    State(app): State<Arc<AppState>>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<PolicyInstanceRequest>,
) -> ApiResult<Json<PolicyJobCreated>> {
    validation::path_id("policyinstanceid", &id)?;
    bad_body(body.check(false))?;
    app.write(&caller, |account| {
        let record = find_instance(&account.policies, &id)?.clone();
        if let Some(template) = body.constraint_template_id.as_deref() {
            if template != record.definition_id {
                return Err(ApiFailure::bad_body(format!(
                    "invalid argument `constraintTemplateID`: instance {id} applies {}; its definition cannot change",
                    record.definition_id
                )));
            }
        }
        let definition = builtin(&record.definition_id)?;
        check_parameters(record.scope, definition, body.parameters.as_ref())?;
        let now = Utc::now();
        if let Some(r) = account.policies.instances.get_mut(&id) {
            if let Some(action) = &body.enforcement_action {
                r.enforcement_action = action.clone();
            }
            if let Some(namespaces) = &body.namespaces {
                r.namespaces = namespaces.clone();
            }
            if body.parameters.is_some() {
                r.parameters = body.parameters.clone();
            }
            r.updated_at = now;
        }
        let mut job = start_job(
            &app,
            account,
            "UpdatePolicyInstance",
            record.scope,
            &record.target,
        );
        job.related.insert("policyInstanceID".into(), id.clone());
        account.policies.jobs.insert(job.id.clone(), job.clone());
        Ok(created(&job))
    })
}

pub(crate) async fn delete_instance(
    State(app): State<Arc<AppState>>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
) -> ApiResult<Json<PolicyJobCreated>> {
    validation::path_id("policyinstanceid", &id)?;
    app.write(&caller, |account| {
        let record = find_instance(&account.policies, &id)?.clone();
        account.policies.instances.remove(&id);
        let mut job = start_job(
            &app,
            account,
            "DeletePolicyInstance",
            record.scope,
            &record.target,
        );
        job.related.insert("policyInstanceID".into(), id.clone());
        account.policies.jobs.insert(job.id.clone(), job.clone());
        Ok(created(&job))
    })
}
