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
use crate::federation::SUB_JOBS;
use crate::server::AppState;

/// `POST /_emulator/reset`: forgets every record, fault and log entry; seeds again if configured.
pub(crate) async fn reset(State(app): State<Arc<AppState>>) -> Json<Value> {
    app.reset();
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
}

/// `GET /_emulator/faults`.
pub(crate) async fn faults(State(app): State<Arc<AppState>>) -> Json<FaultSettings> {
    Json(FaultSettings {
        config: app.faults.config(),
        federation_failure: app.faults.federation_failure(),
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
        Some(Value::String(sub)) if SUB_JOBS.contains(&sub.as_str()) => Some(sub),
        Some(_) => {
            return Err(ApiFailure::bad_body(format!(
                "invalid argument `federation_failure`: must be one of {}",
                SUB_JOBS.join(", ")
            )))
        }
    };
    // `FaultConfig` denies unknown fields: a misspelt rate must not pass silently.
    let config: FaultConfig = serde_json::from_value(Value::Object(fields))
        .map_err(|e| ApiFailure::bad_body(format!("invalid fault settings: {e}")))?;
    config
        .check()
        .map_err(|e| ApiFailure::bad_body(e.to_string()))?;
    app.faults.set_config(config.clone());
    app.faults
        .set_federation_failure(federation_failure.clone());
    Ok(Json(FaultSettings {
        config,
        federation_failure,
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
pub(crate) async fn log(State(app): State<Arc<AppState>>) -> Json<Vec<Value>> {
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
