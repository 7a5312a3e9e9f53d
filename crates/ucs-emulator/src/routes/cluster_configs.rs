//! `/v1/clusters/{clusterid}/kubeconfig` and `/v1/clusters/{clusterid}/clusterconf`: a
//! kubeconfig for an available cluster and the installation configuration of an on-premise one.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::{Extension, Json};
use serde_json::{json, Value};
use ucs_models::models::{ClusterConf, ClusterConfRequest, Kubeconfig};
use ucs_models::validate;

use super::clusters::{check_available, find};
use crate::auth::Caller;
use crate::error::{ApiFailure, ApiResult};
use crate::extract::JsonBody;
use crate::ids::new_token;
use crate::server::AppState;
use crate::{kubeconfig, validation};

/// The API server a kubeconfig names when the cluster reports no endpoint.
const DEFAULT_SERVER: &str = "https://192.168.1.251:5443";

fn check_id(id: &str) -> ApiResult<()> {
    validate::cluster_id("clusterid", id).map_err(|e| ApiFailure::bad_query(e.to_string()))
}

/// A kubeconfig whose cluster is the registered cluster's first endpoint, trusting the
/// emulator's CA, with a fresh token (the emulator runs no cluster API that would accept it).
pub(crate) async fn create_kubeconfig(
    State(app): State<Arc<AppState>>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
) -> ApiResult<Json<Kubeconfig>> {
    check_id(&id)?;
    let (name, server) = app.read(&caller, |account| {
        let record = find(account, &id)?;
        check_available(record)?;
        let server = record
            .cluster
            .status
            .as_ref()
            .and_then(|s| s.endpoints.iter().find_map(|e| e.url.clone()))
            .unwrap_or_else(|| DEFAULT_SERVER.to_owned());
        Ok((record.cluster.name().to_owned(), server))
    })?;
    let token = new_token("kc-");
    Ok(Json(kubeconfig::for_fleet(
        &name,
        &server,
        app.gateway_ca_pem().await?,
        &token,
        1,
    )))
}

/// The installation configuration: the request's values (defaults for those left out) and what
/// the installer needs of the service. Only on-premise clusters take one (400 `UCS.01030011`).
pub(crate) async fn create_conf(
    State(app): State<Arc<AppState>>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<ClusterConfRequest>,
) -> ApiResult<Json<ClusterConf>> {
    check_id(&id)?;
    validation::body(body.check())?;
    if let Some(domain) = body.iam_domain_id.as_deref() {
        if domain != caller.domain_id {
            return Err(ApiFailure::new(
                "UCS.01000004",
                format!("IAM_DOMAIN_ID {domain} is not the caller's account"),
            ));
        }
    }
    app.read(&caller, |account| {
        let record = find(account, &id)?;
        let spec = record.cluster.spec.as_ref();
        if spec.and_then(|s| s.category.as_deref()) != Some("onpremise") {
            return Err(ApiFailure::new(
                "UCS.01030011",
                "only on-premise clusters take an installation configuration",
            ));
        }
        let version = record
            .cluster
            .status
            .as_ref()
            .and_then(|s| s.kubernetes_version.clone())
            .unwrap_or_else(|| "v1.28".to_owned());
        let values = json!({
            "CLUSTER_ID": id,
            "CLUSTER_NAME": record.cluster.name(),
            "KUBERNETES_VERSION": version,
            "USERNAME": body.username.as_deref().unwrap_or("root"),
            "ACCESS_EXTERNAL_LOAD_BALANCE": body.access_external_load_balance.unwrap_or(false),
            "NETWORK_CIDR": body.network_cidr.as_deref().unwrap_or("10.0.0.0/16"),
            "DNS_SERVER_IP": body.dns_server_ip.as_deref().unwrap_or("100.125.1.250"),
            "NTP_SERVER_IP": body.ntp_server_ip.as_deref().unwrap_or("100.125.0.251"),
            "IAM_DOMAIN_ID": caller.domain_id,
            "PROJECT_ID": caller.project_id,
            "UCS_PROXY_ENDPOINT": "proxyurl.ucs.cn-north-4.myhuaweicloud.com",
        });
        let Value::Object(values) = values else {
            return Err(ApiFailure::new(
                "UCS.01000006",
                "configuration is not an object",
            ));
        };
        Ok(Json(ClusterConf { values }))
    })
}
