//! HSS v5 multi-cloud clusters: create (the reference's operation) plus list, get and delete.

use std::collections::BTreeMap;
use std::sync::Arc;

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use chrono::Utc;
use serde_json::{json, Value};
use ucs_models::models::{
    CreateMulticloudCluster, MulticloudClusterCreated, HSS_DNS_POLICIES, HSS_IMAGE_ARCHES,
    HSS_IMAGE_REPO_TYPES, HSS_PROVIDERS,
};
use ucs_models::validate;

use super::ok_empty;
use crate::auth::Caller;
use crate::error::{ApiFailure, ApiResult};
use crate::extract::{JsonBody, Params};
use crate::ids::new_uid;
use crate::server::AppState;
use crate::state::{rfc3339, HssRecord};
use crate::validation;

/// Fields never kept nor shown.
const SECRET_FIELDS: &[&str] = &["image_repo_password", "kube_config"];

fn check_project(caller: &Caller, project_id: &str) -> ApiResult<()> {
    if caller.project_id == project_id {
        Ok(())
    } else {
        Err(ApiFailure::new(
            "UCS.01000004",
            format!("project {project_id} is not the credential's project"),
        ))
    }
}

fn check(body: &CreateMulticloudCluster) -> ApiResult<()> {
    // The official HSS models require `kube_config` (the cluster's access) and nothing else;
    // `name` is optional there, so it is checked only when given.
    validation::body(validate::required(
        "kube_config",
        body.kube_config.as_deref().unwrap_or_default(),
    ))?;
    if let Some(name) = body.name.as_deref() {
        validation::body(validate::length("name", name, 1, 128))?;
    }
    for (field, value, allowed) in [
        ("provider", &body.provider, HSS_PROVIDERS),
        (
            "image_repo_type",
            &body.image_repo_type,
            HSS_IMAGE_REPO_TYPES,
        ),
        ("image_arch", &body.image_arch, HSS_IMAGE_ARCHES),
        ("dns_policy", &body.dns_policy, HSS_DNS_POLICIES),
    ] {
        validation::body(validate::opt_one_of(field, value.as_deref(), allowed))?;
    }
    for (field, value) in [
        ("current_expiration_date", body.current_expiration_date),
        (
            "certificate_expiration_date",
            body.certificate_expiration_date,
        ),
    ] {
        if let Some(v) = value {
            validation::body(validate::range(field, v, 0, i64::MAX))?;
        }
    }
    Ok(())
}

pub(crate) async fn create_multicloud_cluster(
    State(app): State<Arc<AppState>>,
    Extension(caller): Extension<Caller>,
    Path(project_id): Path<String>,
    params: Params,
    JsonBody(body): JsonBody<CreateMulticloudCluster>,
) -> ApiResult<Json<MulticloudClusterCreated>> {
    check_project(&caller, &project_id)?;
    check(&body)?;
    let mut fields: BTreeMap<String, Value> = match serde_json::to_value(&body) {
        Ok(Value::Object(map)) => map.into_iter().collect(),
        _ => BTreeMap::new(),
    };
    fields.retain(|k, _| !SECRET_FIELDS.contains(&k.as_str()));
    let enterprise_project_id = params.str("enterprise_project_id").map(str::to_owned);
    let quota = app.quota();
    let cluster_id = app.write(&caller, |account| {
        if account.hss_clusters.len() >= quota {
            return Err(ApiFailure::quota("multi-cloud clusters", quota));
        }
        let cluster_id = new_uid();
        account.hss_clusters.insert(
            cluster_id.clone(),
            HssRecord {
                cluster_id: cluster_id.clone(),
                project_id,
                enterprise_project_id,
                created_at: Utc::now(),
                fields,
            },
        );
        Ok(cluster_id)
    })?;
    // HSS answers 200 (not 201) with the new id.
    Ok(Json(MulticloudClusterCreated { cluster_id }))
}

fn show(record: &HssRecord) -> Value {
    let mut out: serde_json::Map<String, Value> = record.fields.clone().into_iter().collect();
    out.insert("cluster_id".into(), json!(record.cluster_id));
    out.insert("create_time".into(), json!(rfc3339(record.created_at)));
    out.insert(
        "enterprise_project_id".into(),
        json!(record.enterprise_project_id),
    );
    Value::Object(out)
}

pub(crate) async fn list(
    State(app): State<Arc<AppState>>,
    Extension(caller): Extension<Caller>,
    Path(project_id): Path<String>,
) -> ApiResult<Json<Value>> {
    check_project(&caller, &project_id)?;
    app.read(&caller, |account| {
        let items: Vec<Value> = account
            .hss_clusters
            .values()
            .filter(|r| r.project_id == project_id)
            .map(show)
            .collect();
        Ok(Json(json!({"total_num": items.len(), "data_list": items})))
    })
}

pub(crate) async fn get(
    State(app): State<Arc<AppState>>,
    Extension(caller): Extension<Caller>,
    Path((project_id, cluster_id)): Path<(String, String)>,
) -> ApiResult<Json<Value>> {
    check_project(&caller, &project_id)?;
    app.read(&caller, |account| {
        account
            .hss_clusters
            .get(&cluster_id)
            .filter(|r| r.project_id == project_id)
            .map(|r| Json(show(r)))
            .ok_or_else(|| {
                ApiFailure::not_found(format!("multi-cloud cluster {cluster_id} does not exist"))
            })
    })
}

pub(crate) async fn delete(
    State(app): State<Arc<AppState>>,
    Extension(caller): Extension<Caller>,
    Path((project_id, cluster_id)): Path<(String, String)>,
) -> ApiResult<Response> {
    check_project(&caller, &project_id)?;
    app.write(&caller, |account| {
        match account.hss_clusters.get(&cluster_id) {
            Some(r) if r.project_id == project_id => {}
            _ => {
                return Err(ApiFailure::not_found(format!(
                    "multi-cloud cluster {cluster_id} does not exist"
                )))
            }
        }
        account.hss_clusters.remove(&cluster_id);
        Ok(ok_empty().into_response())
    })
}
