//! Fleet federation: enable, disable, progress, connection, cert and kubeconfig.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use chrono::Utc;
use ucs_models::models::{
    DownloadKubeconfigRequest, FederationConnection, FederationConnectionRequest,
    FederationKubeconfigRequest, Job,
};
use ucs_models::validate;

use super::clusters::check_available;
use super::fleets::{check_id, find, find_mut};
use super::{created_object, ok_empty};
use crate::auth::Caller;
use crate::error::{ApiFailure, ApiResult};
use crate::extract::{JsonBody, Params};
use crate::federation::{has_failed, is_ready, job, SUB_JOBS, VALIDATION};
use crate::ids::{new_token, new_uid};
use crate::server::AppState;
use crate::state::{Account, FederationRecord, GatewayGrant};
use crate::{kubeconfig, validation};

fn not_federated(id: &str) -> ApiFailure {
    ApiFailure::new("UCS.01080006", format!("fleet {id} has no federation"))
}

pub(crate) async fn enable(
    State(app): State<Arc<AppState>>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    params: Params,
) -> ApiResult<Response> {
    check_id(&id)?;
    let retry_join_all = params.bool("retryjoinall")?.unwrap_or(false);
    let duration_ms = u64::try_from(app.config.federation_duration.as_millis()).unwrap_or(u64::MAX);
    // `Validation` is refused at once (400 `UCS.01080004`); a sub-job name fails the job later.
    let fail_sub_job = app.faults.federation_failure();
    let validation_fails = fail_sub_job.as_deref() == Some(VALIDATION);
    let fail_sub_job = fail_sub_job.filter(|s| s != VALIDATION);
    app.write(&caller, |account| {
        find(account, &id)?;
        // Every member must be reachable to join the control plane.
        let members = account.fleet_members(&id);
        let unavailable: Option<(String, ApiFailure)> = members
            .iter()
            .filter_map(|m| account.clusters.get(m))
            .find_map(|c| check_available(c).err().map(|e| (c.cluster.uid().to_owned(), e)));
        let record = find_mut(account, &id)?;
        if record.federation.is_some() {
            // Retrying the join of every cluster is allowed on an enabled federation.
            let failed = record
                .federation
                .as_ref()
                .is_some_and(|f| has_failed(f, Utc::now()));
            return if retry_join_all && failed {
                // Clusters cannot join a control plane that was never set up.
                Err(ApiFailure::new(
                    "UCS.01080005",
                    format!("the federation of fleet {id} failed; disable it and enable it again"),
                ))
            } else if let (true, Some((cluster, _))) = (retry_join_all, &unavailable) {
                // The control plane is up; this one member cannot join it.
                Err(ApiFailure::new(
                    "UCS.01080007",
                    format!(
                        "cluster {cluster} cannot join the federation of fleet {id}: it is not available"
                    ),
                ))
            } else if retry_join_all {
                Ok(created_object())
            } else {
                Err(ApiFailure::new(
                    "UCS.01080002",
                    format!("fleet {id} already has a federation"),
                ))
            };
        }
        if let Some((_, failure)) = unavailable {
            return Err(failure);
        }
        if validation_fails {
            return Err(ApiFailure::new(
                "UCS.01080004",
                format!("the federation of fleet {id} did not pass validation (injected by the emulator)"),
            ));
        }
        let federation_id = new_uid();
        let now = Utc::now();
        if let Some(spec) = record.fleet.spec.as_mut() {
            spec.federation_id = Some(federation_id.clone());
            spec.federation_version = crate::federation::VERSIONS.first().map(|v| (*v).to_owned());
        }
        record.federation = Some(FederationRecord {
            job_id: new_uid(),
            sub_job_ids: SUB_JOBS.iter().map(|_| new_uid()).collect(),
            federation_id,
            started_at: now,
            duration_ms,
            fail_sub_job,
            connection_id: None,
        });
        record.updated_at = now;
        Ok(created_object())
    })
}

pub(crate) async fn disable(
    State(app): State<Arc<AppState>>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    check_id(&id)?;
    app.write_store(|store| {
        let account = store
            .accounts
            .get_mut(&caller.domain_id)
            .ok_or_else(|| ApiFailure::fleet_not_found(&id))?;
        let record = find_mut(account, &id)?;
        let Some(federation) = record.federation.as_ref() else {
            return Err(not_federated(&id));
        };
        // The control plane is being set up: there is nothing whole to take down yet.
        let now = Utc::now();
        if !is_ready(federation, now) && !has_failed(federation, now) {
            return Err(ApiFailure::new(
                "UCS.01080001",
                format!("the federation of fleet {id} is still being enabled; wait for federation_progress to finish"),
            ));
        }
        record.federation = None;
        if let Some(spec) = record.fleet.spec.as_mut() {
            spec.federation_id = None;
            spec.federation_version = None;
        }
        record.updated_at = Utc::now();
        let name = record.fleet.name().to_owned();
        account.karmada.remove(&name);
        // The fleet's kubeconfigs stop opening its gateway.
        store.revoke_grants(&caller.domain_id, &name);
        Ok(ok_empty())
    })
}

pub(crate) async fn progress(
    State(app): State<Arc<AppState>>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
) -> ApiResult<Json<Job>> {
    check_id(&id)?;
    app.read(&caller, |account| {
        let record = find(account, &id)?;
        let federation = record
            .federation
            .as_ref()
            .ok_or_else(|| not_federated(&id))?;
        Ok(Json(job(federation, Utc::now())))
    })
}

/// The federation of a fleet whose job has finished; connection, kubeconfigs and united
/// workloads need one.
pub(crate) fn ready_federation<'a>(
    account: &'a Account,
    id: &str,
) -> ApiResult<&'a FederationRecord> {
    let federation = find(account, id)?
        .federation
        .as_ref()
        .ok_or_else(|| not_federated(id))?;
    if has_failed(federation, Utc::now()) {
        return Err(ApiFailure::new(
            "UCS.01080003",
            format!("enabling the federation of fleet {id} failed; see federation_progress"),
        ));
    }
    if !is_ready(federation, Utc::now()) {
        return Err(ApiFailure::new(
            "UCS.01080001",
            format!("the federation of fleet {id} is not ready yet; watch federation_progress"),
        ));
    }
    Ok(federation)
}

fn check_network(project: &str, vpc: &str, subnet: &str) -> ApiResult<()> {
    validation::body(validate::required("projectID", project))?;
    validation::body(validate::required("vpcID", vpc))?;
    validation::body(validate::required("subnetID", subnet))
}

fn check_days(days: i64) -> ApiResult<()> {
    validation::body(validate::range(
        "duration",
        days,
        validate::DURATION_DAYS.0,
        validate::DURATION_DAYS.1,
    ))
}

pub(crate) async fn connection(
    State(app): State<Arc<AppState>>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<FederationConnectionRequest>,
) -> ApiResult<Response> {
    check_id(&id)?;
    check_network(&body.project_id, &body.vpc_id, &body.subnet_id)?;
    let connection_id = app.write(&caller, |account| {
        ready_federation(account, &id)?;
        let connection_id = new_uid();
        if let Some(f) = find_mut(account, &id)?.federation.as_mut() {
            f.connection_id = Some(connection_id.clone());
        }
        Ok(connection_id)
    })?;
    Ok((
        axum::http::StatusCode::CREATED,
        Json(FederationConnection { id: connection_id }),
    )
        .into_response())
}

/// Issues a kubeconfig for the fleet's gateway, reachable through this emulator.
async fn issue_kubeconfig(
    app: &AppState,
    caller: &Caller,
    id: &str,
    headers: &HeaderMap,
    days: i64,
) -> ApiResult<Response> {
    // First, so that a failure grants no token.
    let ca_pem = app.gateway_ca_pem().await?;
    let host = headers
        .get("host")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("127.0.0.1")
        .to_owned();
    let name = app.read(caller, |account| {
        let federation = ready_federation(account, id)?;
        // 3.2.16: the kubeconfig is downloaded "舰队开通联邦并且创建网络连接之后" (after the
        // federation is on and a network connection was created). The reference has no row
        // of its own for a missing connection; UCS.01080001 "Failed to obtain the federation
        // information." is the row whose condition this is (the endpoint is not known).
        if federation.connection_id.is_none() {
            return Err(ApiFailure::new(
                "UCS.01080001",
                format!(
                    "fleet {id} has no federation connection; create one with create_federation_connection first"
                ),
            ));
        }
        Ok(find(account, id)?.fleet.name().to_owned())
    })?;
    let token = new_token("gw-");
    let expires_at =
        chrono::Duration::try_days(days).and_then(|d| Utc::now().checked_add_signed(d));
    app.write_store(|store| {
        store.grant(
            token.clone(),
            GatewayGrant {
                domain_id: caller.domain_id.clone(),
                project_id: caller.project_id.clone(),
                fleet: name.clone(),
                expires_at,
            },
        );
        Ok(())
    })?;
    let server = kubeconfig::gateway_server(&host, app.gateway_addr.port(), &name);
    let doc = kubeconfig::for_fleet(&name, &server, ca_pem, &token, days);
    Ok((axum::http::StatusCode::CREATED, Json(doc)).into_response())
}

pub(crate) async fn kubeconfig_with_cert(
    State(app): State<Arc<AppState>>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    headers: HeaderMap,
    JsonBody(body): JsonBody<FederationKubeconfigRequest>,
) -> ApiResult<Response> {
    check_id(&id)?;
    check_network(&body.project_id, &body.vpc_id, &body.subnet_id)?;
    check_days(body.duration)?;
    // `/cert` creates the connection and downloads in one call (3.2.14).
    app.write(&caller, |account| {
        ready_federation(account, &id)?;
        if let Some(f) = find_mut(account, &id)?.federation.as_mut() {
            f.connection_id.get_or_insert_with(new_uid);
        }
        Ok(())
    })?;
    issue_kubeconfig(&app, &caller, &id, &headers, body.duration).await
}

pub(crate) async fn download_kubeconfig(
    State(app): State<Arc<AppState>>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    headers: HeaderMap,
    JsonBody(body): JsonBody<DownloadKubeconfigRequest>,
) -> ApiResult<Response> {
    check_id(&id)?;
    check_days(body.duration)?;
    issue_kubeconfig(&app, &caller, &id, &headers, body.duration).await
}
