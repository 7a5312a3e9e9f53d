//! Control endpoints under `/_emulator/`: reset, state dump, faults, request log, freezing.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::Json;
use serde::Serialize;
use serde_json::{json, Map, Value};

use crate::config::FaultConfig;
use crate::error::ApiFailure;
use crate::error::ApiResult;
use crate::extract::JsonBody;
use crate::faults::ScriptedFault;
use crate::federation::{SUB_JOBS, VALIDATION};
use crate::server::AppState;
use crate::state::Agent;

/// `POST /_emulator/reset`: forgets every record, fault and log entry; seeds again if configured.
pub(crate) async fn reset(State(app): State<Arc<AppState>>) -> Json<Value> {
    app.reset();
    app.set_quota(app.config.quota);
    app.faults.clear();
    app.log.clear();
    if app.config.seed_clusters > 0 {
        super::clusters::seed(&app, app.config.seed_clusters);
    }
    Json(json!({"reset": true}))
}

/// `GET /_emulator/state`: every record; gateway tokens are shown by fleet only.
pub(crate) async fn state(State(app): State<Arc<AppState>>) -> Json<Value> {
    let store = app.snapshot();
    let grants: Vec<Value> = store
        .gateway_tokens
        .values()
        .map(|g| json!({"domain_id": g.domain_id, "fleet": g.fleet}))
        .collect();
    Json(json!({
        "version": store.version,
        "accounts": store.accounts,
        "gateway_grants": grants,
        "iam_tokens": app.tokens.len(),
        "panics": app.panics.load(std::sync::atomic::Ordering::Relaxed),
    }))
}

/// The random fault rates plus the scripted federation failure.
#[derive(Debug, Serialize)]
pub(crate) struct FaultSettings {
    #[serde(flatten)]
    config: FaultConfig,
    /// New federation jobs fail at this sub-job.
    federation_failure: Option<String>,
    /// New policy jobs fail at this task.
    policy_failure: Option<String>,
}

/// `GET /_emulator/faults`.
pub(crate) async fn faults(State(app): State<Arc<AppState>>) -> Json<FaultSettings> {
    Json(FaultSettings {
        config: app.faults.config(),
        federation_failure: app.faults.federation_failure(),
        policy_failure: app.faults.policy_failure(),
    })
}

/// `PUT /_emulator/faults`: replaces the random fault rates (fields: `error_rate`, `throttle_rate`,
/// `retry_after_secs`, `latency_ms`, `drop_rate`, `federation_failure`).
pub(crate) async fn set_faults(
    State(app): State<Arc<AppState>>,
    JsonBody(mut fields): JsonBody<Map<String, Value>>,
) -> ApiResult<Json<FaultSettings>> {
    let federation_failure: Option<String> = match fields.remove("federation_failure") {
        None | Some(Value::Null) => None,
        Some(Value::String(sub)) if SUB_JOBS.contains(&sub.as_str()) || sub == VALIDATION => {
            Some(sub)
        }
        Some(_) => {
            return Err(ApiFailure::bad_body(format!(
                "invalid argument `federation_failure`: must be one of {}, {VALIDATION}",
                SUB_JOBS.join(", ")
            )))
        }
    };
    let policy_failure = crate::policy_jobs::fault(fields.remove("policy_failure"))?;
    // `FaultConfig` denies unknown fields: a misspelt rate must not pass silently.
    let config: FaultConfig = serde_json::from_value(Value::Object(fields))
        .map_err(|e| ApiFailure::bad_body(format!("invalid fault settings: {e}")))?;
    config
        .check()
        .map_err(|e| ApiFailure::bad_body(e.to_string()))?;
    app.faults.set_config(config.clone());
    app.faults
        .set_federation_failure(federation_failure.clone());
    app.faults.set_policy_failure(policy_failure.clone());
    Ok(Json(FaultSettings {
        config,
        federation_failure,
        policy_failure,
    }))
}

/// `POST /_emulator/faults/next`: scripted faults for the next matching requests.
pub(crate) async fn push_faults(
    State(app): State<Arc<AppState>>,
    JsonBody(faults): JsonBody<Vec<ScriptedFault>>,
) -> Json<Value> {
    app.faults.push(faults);
    Json(json!({"pending": app.faults.pending().len()}))
}

/// `GET /_emulator/faults/next`: scripted faults not yet used.
pub(crate) async fn pending_faults(State(app): State<Arc<AppState>>) -> Json<Vec<ScriptedFault>> {
    Json(app.faults.pending())
}

/// `GET /_emulator/log`: the last 1,000 requests.
pub(crate) async fn log(State(app): State<Arc<AppState>>) -> Json<Vec<crate::request_log::Entry>> {
    Json(app.log.recent())
}

/// Sets whether the cluster `id` (of any account) is frozen.
fn set_frozen(app: &AppState, id: &str, frozen: bool) -> ApiResult<Json<Value>> {
    app.write_store(|store| {
        let record = store
            .accounts
            .values_mut()
            .find_map(|account| account.clusters.get_mut(id))
            .ok_or_else(|| ApiFailure::cluster_not_found(id))?;
        record.frozen = frozen;
        Ok(Json(json!({"uid": id, "frozen": frozen})))
    })
}

/// `POST /_emulator/clusters/{id}/freeze`: the cluster stays readable, every change of it (update,
/// delete, activation, rules, joining or leaving a fleet) is 400 `UCS.01030016`.
pub(crate) async fn freeze(
    State(app): State<Arc<AppState>>,
    Path(id): Path<String>,
) -> ApiResult<Json<Value>> {
    set_frozen(&app, &id, true)
}

/// `POST /_emulator/clusters/{id}/unfreeze`: undoes [`freeze`].
pub(crate) async fn unfreeze(
    State(app): State<Arc<AppState>>,
    Path(id): Path<String>,
) -> ApiResult<Json<Value>> {
    set_frozen(&app, &id, false)
}

/// Moves the agent of the cluster `id` (of any account); its status follows.
fn set_agent(app: &AppState, id: &str, agent: Agent) -> ApiResult<Json<Value>> {
    app.write_store(|store| {
        let record = store
            .accounts
            .values_mut()
            .find_map(|account| account.clusters.get_mut(id))
            .ok_or_else(|| ApiFailure::cluster_not_found(id))?;
        super::clusters::set_agent(record, agent);
        let phase = record.cluster.status.as_ref().and_then(|s| s.phase.clone());
        Ok(Json(json!({"uid": id, "agent": agent, "phase": phase})))
    })
}

/// `POST /_emulator/clusters/{id}/connect`: the cluster's agent connects; it is `Available`.
pub(crate) async fn connect(
    State(app): State<Arc<AppState>>,
    Path(id): Path<String>,
) -> ApiResult<Json<Value>> {
    set_agent(&app, &id, Agent::Connected)
}

/// `POST /_emulator/clusters/{id}/disconnect`: the agent is lost; the cluster is `Unavailable`,
/// and joining a fleet or a federation with it is 400 `UCS.01030004`.
pub(crate) async fn disconnect(
    State(app): State<Arc<AppState>>,
    Path(id): Path<String>,
) -> ApiResult<Json<Value>> {
    set_agent(&app, &id, Agent::Disconnected)
}

/// The most `PUT /_emulator/quota` accepts (the service raises quotas on request, not without end).
pub(crate) const MAX_QUOTA: u64 = 100_000;

/// `GET /_emulator/quota`: clusters, fleets and rules allowed per account now.
pub(crate) async fn quota(State(app): State<Arc<AppState>>) -> Json<Value> {
    Json(json!({"quota": app.quota()}))
}

/// `PUT /_emulator/quota` `{"quota": N}`: changes the quota in force, as raising it on request
/// would. An invalid value is 400 `UCS.01000018`: not a whole number from 1 to 100,000, or below
/// what an account already holds.
pub(crate) async fn set_quota(
    State(app): State<Arc<AppState>>,
    JsonBody(mut fields): JsonBody<Map<String, Value>>,
) -> ApiResult<Json<Value>> {
    let invalid = |reason: String| ApiFailure::new("UCS.01000018", reason);
    let value = fields
        .remove("quota")
        .ok_or_else(|| invalid("invalid argument `quota`: required".to_owned()))?;
    if let Some(field) = fields.keys().next() {
        return Err(invalid(format!(
            "invalid argument `{field}`: unknown field"
        )));
    }
    let quota = value
        .as_u64()
        .filter(|q| (1..=MAX_QUOTA).contains(q))
        .and_then(|q| usize::try_from(q).ok())
        .ok_or_else(|| {
            invalid(format!(
                "invalid argument `quota`: must be a whole number from 1 to {MAX_QUOTA} (got {value})"
            ))
        })?;
    let used = app
        .snapshot()
        .accounts
        .values()
        .flat_map(|a| {
            [
                a.clusters.len(),
                a.fleets.len(),
                a.rules.len(),
                a.hss_clusters.len(),
            ]
        })
        .max()
        .unwrap_or(0);
    if quota < used {
        return Err(invalid(format!(
            "invalid argument `quota`: {quota} is below the {used} resources an account holds"
        )));
    }
    app.set_quota(quota);
    Ok(Json(json!({"quota": quota})))
}
