//! `/v1/clustergroups`: fleets, their clusters, rules, zones and description.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use chrono::Utc;
use ucs_models::models::{
    AddClusters, AssociateRules, ClusterGroup, ClusterGroupSpec, ClusterGroupStatus, Created,
    ObjectMeta, RegisterFleet, UpdateDescription, UpdateZones,
};
use ucs_models::validate;

use super::clusters::{check_rules, join};
use super::{ok_empty, ok_object};
use crate::auth::Caller;
use crate::error::{ApiFailure, ApiResult};
use crate::extract::{JsonBody, Params};
use crate::federation;
use crate::ids::new_uid;
use crate::listing::{ListPage, Paging, Sortable};
use crate::server::AppState;
use crate::state::{go_time, Account, FleetRecord};
use crate::validation;

// The federation handlers live in federation.rs; the route table finds them here, under the
// operations' names.
pub(crate) use super::federation::{
    connection as create_federation_connection, disable as disable_federation,
    download_kubeconfig as download_federation_kubeconfig, enable as enable_federation,
    kubeconfig_with_cert as create_federation_kubeconfig, progress as federation_progress,
};
// The federated workloads and the federation upgrade live in workloads.rs.
pub(crate) use super::workloads::{
    create_united_workload, delete_united_workload, get_united_workload, update_united_workload,
    upgrade_federation,
};

pub(crate) fn check_id(id: &str) -> ApiResult<()> {
    validation::path_id("clustergroupid", id)
}

pub(crate) fn find<'a>(account: &'a Account, id: &str) -> ApiResult<&'a FleetRecord> {
    account
        .fleets
        .get(id)
        .ok_or_else(|| ApiFailure::fleet_not_found(id))
}

pub(crate) fn find_mut<'a>(account: &'a mut Account, id: &str) -> ApiResult<&'a mut FleetRecord> {
    account
        .fleets
        .get_mut(id)
        .ok_or_else(|| ApiFailure::fleet_not_found(id))
}

/// The fleet as the service shows it, with its federation condition computed now.
fn render(app: &AppState, record: &FleetRecord) -> ClusterGroup {
    let mut fleet = record.fleet.clone();
    if let Some(meta) = fleet.metadata.as_mut() {
        meta.update_timestamp = Some(go_time(record.updated_at));
    }
    let condition = federation::condition(app, record);
    fleet.status = Some(ClusterGroupStatus {
        conditions: Some(vec![condition]),
        extra: Default::default(),
    });
    fleet
}

pub(crate) async fn list(
    State(app): State<Arc<AppState>>,
    Extension(caller): Extension<Caller>,
    params: Params,
) -> ApiResult<Response> {
    let paging = Paging::from_params(&params)?;
    let body = app.read(&caller, |account| {
        let rows = account
            .fleets
            .values()
            .map(|r| Sortable {
                created: r.created_at,
                updated: r.updated_at,
                seq: r.seq,
                item: r,
            })
            .collect();
        let (page, total) = paging.apply(rows);
        let items: Vec<ClusterGroup> = page.into_iter().map(|r| render(&app, r)).collect();
        Ok(ListPage { items, total })
    })?;
    Ok(Json(body).into_response())
}

pub(crate) async fn get(
    State(app): State<Arc<AppState>>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
) -> ApiResult<Json<ClusterGroup>> {
    check_id(&id)?;
    app.read(&caller, |account| {
        Ok(Json(render(&app, find(account, &id)?)))
    })
}

fn check_cluster_ids(account: &Account, ids: &[String], field: &str) -> ApiResult<()> {
    for (i, id) in ids.iter().enumerate() {
        validation::body(validate::cluster_id(&format!("{field}[{i}]"), id))?;
        super::clusters::find(account, id)?;
    }
    Ok(())
}

pub(crate) async fn register(
    State(app): State<Arc<AppState>>,
    Extension(caller): Extension<Caller>,
    JsonBody(body): JsonBody<RegisterFleet>,
) -> ApiResult<Response> {
    validation::name("metadata.name", &body.metadata.name)?;
    let spec = body.spec.unwrap_or_default();
    if let Some(d) = &spec.description {
        validation::body(validate::length(
            "spec.description",
            d,
            0,
            validate::DESCRIPTION_MAX,
        ))?;
    }
    let cluster_ids = spec.cluster_ids.unwrap_or_default();
    let quota = app.quota();
    let fleet_limit = app.config.fleet_cluster_limit;
    let uid = app.write(&caller, |account| {
        if account.fleets.len() >= quota {
            return Err(ApiFailure::quota("fleets", quota));
        }
        let name = &body.metadata.name;
        if account.fleets.values().any(|f| f.fleet.name() == name) {
            return Err(ApiFailure::new(
                "UCS.01100004",
                format!("a fleet named {name:?} already exists"),
            ));
        }
        check_cluster_ids(account, &cluster_ids, "spec.clusterIds")?;
        for id in &cluster_ids {
            let record = super::clusters::find(account, id)?;
            if record.frozen {
                return Err(ApiFailure::frozen(id));
            }
            if let Some(other) = crate::state::cluster_fleet(&record.cluster) {
                return Err(ApiFailure::in_other_fleet(id, other));
            }
            super::clusters::check_available(record)?;
        }
        let distinct: std::collections::BTreeSet<&String> = cluster_ids.iter().collect();
        if distinct.len() > fleet_limit {
            return Err(ApiFailure::fleet_full(name, fleet_limit));
        }
        let now = Utc::now();
        let uid = new_uid();
        let seq = account.next_seq();
        account.fleets.insert(
            uid.clone(),
            FleetRecord {
                fleet: ClusterGroup {
                    kind: Some("ClusterGroup".into()),
                    api_version: Some("v1".into()),
                    metadata: Some(ObjectMeta {
                        uid: Some(uid.clone()),
                        name: Some(name.clone()),
                        creation_timestamp: Some(go_time(now)),
                        ..Default::default()
                    }),
                    spec: Some(ClusterGroupSpec {
                        description: spec.description,
                        ..Default::default()
                    }),
                    status: None,
                    extra: Default::default(),
                },
                created_at: now,
                updated_at: now,
                seq,
                rules: Vec::new(),
                federation: None,
            },
        );
        for id in &cluster_ids {
            join(account, id, &uid, fleet_limit)?;
        }
        Ok(uid)
    })?;
    Ok((StatusCode::CREATED, Json(Created { uid })).into_response())
}

pub(crate) async fn delete(
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
        let record = find(account, &id)?;
        // The reference's row for a fleet whose federation is on (or still being enabled) is
        // UCS.01080002 "Cluster group has federalized." (appendix, 舰队已开启联邦): the service
        // will not drop a fleet under a live Karmada control plane; disable_federation first.
        if record.federation.is_some() {
            return Err(ApiFailure::new(
                "UCS.01080002",
                format!("fleet {id} is federated; disable its federation before deleting it"),
            ));
        }
        let members = account.fleet_members(&id);
        if !members.is_empty() {
            return Err(ApiFailure::new(
                "UCS.01100007",
                format!(
                    "the fleet still holds {} cluster(s); remove them before deleting it",
                    members.len()
                ),
            ));
        }
        let name = record.fleet.name().to_owned();
        account.fleets.remove(&id);
        account.karmada.remove(&name);
        store.revoke_grants(&caller.domain_id, &name);
        Ok(ok_empty())
    })
}

pub(crate) async fn add_clusters(
    State(app): State<Arc<AppState>>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<AddClusters>,
) -> ApiResult<Response> {
    check_id(&id)?;
    let limit = app.config.fleet_cluster_limit;
    app.write(&caller, |account| {
        find(account, &id)?;
        check_cluster_ids(account, &body.cluster_ids, "clusterIds")?;
        for cid in &body.cluster_ids {
            let record = super::clusters::find(account, cid)?;
            if record.frozen {
                return Err(ApiFailure::frozen(cid));
            }
            let cluster = &record.cluster;
            match crate::state::cluster_fleet(cluster) {
                Some(other) if other != id => return Err(ApiFailure::in_other_fleet(cid, other)),
                Some(_) => {}
                None => super::clusters::check_available(record)?,
            }
        }
        // Checked before any cluster joins, so a refused request changes nothing.
        let mut after: std::collections::BTreeSet<String> =
            account.fleet_members(&id).into_iter().collect();
        after.extend(body.cluster_ids.iter().cloned());
        if after.len() > limit {
            return Err(ApiFailure::fleet_full(&id, limit));
        }
        // Adds only: clusters already in the fleet and not listed stay.
        for cid in &body.cluster_ids {
            join(account, cid, &id, limit)?;
        }
        find_mut(account, &id)?.updated_at = Utc::now();
        Ok(ok_object())
    })
}

pub(crate) async fn update_description(
    State(app): State<Arc<AppState>>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<UpdateDescription>,
) -> ApiResult<Response> {
    check_id(&id)?;
    validation::body(validate::length(
        "description",
        &body.description,
        0,
        validate::DESCRIPTION_MAX,
    ))?;
    app.write(&caller, |account| {
        let record = find_mut(account, &id)?;
        if let Some(spec) = record.fleet.spec.as_mut() {
            spec.description = Some(body.description);
        }
        record.updated_at = Utc::now();
        Ok(ok_object())
    })
}

pub(crate) async fn associate_rules(
    State(app): State<Arc<AppState>>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<AssociateRules>,
) -> ApiResult<Response> {
    check_id(&id)?;
    app.write(&caller, |account| {
        find(account, &id)?;
        check_rules(account, &body)?;
        let record = find_mut(account, &id)?;
        record.rules = body.rule_id_namespaces;
        record.updated_at = Utc::now();
        Ok(ok_object())
    })
}

pub(crate) async fn update_zones(
    State(app): State<Arc<AppState>>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<UpdateZones>,
) -> ApiResult<Response> {
    check_id(&id)?;
    for (i, suffix) in body.dns_suffix.iter().enumerate() {
        validation::body(validate::length(&format!("dnsSuffix[{i}]"), suffix, 1, 253))?;
    }
    app.write(&caller, |account| {
        let record = find_mut(account, &id)?;
        if let Some(spec) = record.fleet.spec.as_mut() {
            spec.dns_suffix = Some(body.dns_suffix);
        }
        record.updated_at = Utc::now();
        Ok(ok_object())
    })
}
