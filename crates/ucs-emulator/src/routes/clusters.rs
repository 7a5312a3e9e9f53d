//! `/v1/clusters`, `/v1/managedclusters`, `/v1/config/registeredclusterversions`.

use std::borrow::Cow;
use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use chrono::Utc;
use serde_json::json;
use ucs_models::models::{
    AssociateRules, Cluster, ClusterSpec, ClusterStatus, ConditionStatus, Created, Endpoint,
    JoinFleet, ObjectMeta, RegisterCluster, SupportedVersions, UpdateCluster,
};
use ucs_models::validate;

use super::{ok_empty, ok_object};
use crate::auth::Caller;
use crate::error::{ApiFailure, ApiResult};
use crate::extract::{JsonBody, Params};
use crate::ids::new_uid;
use crate::listing::{ListPage, Paging, Sortable};
use crate::server::AppState;
use crate::state::{cluster_fleet, rfc3339, Account, Agent, ClusterRecord};
use crate::validation;

pub(crate) use super::cluster_configs::{create_conf, create_kubeconfig};

/// Kubernetes versions the service accepts for registered clusters.
const SUPPORTED_VERSIONS: &[&str] = &[
    "v1.23", "v1.25", "v1.27", "v1.28", "v1.29", "v1.30", "v1.31",
];

fn check_id(id: &str) -> ApiResult<()> {
    validate::cluster_id("clusterid", id).map_err(|e| ApiFailure::bad_query(e.to_string()))
}

pub(crate) fn find<'a>(account: &'a Account, id: &str) -> ApiResult<&'a ClusterRecord> {
    account
        .clusters
        .get(id)
        .ok_or_else(|| ApiFailure::cluster_not_found(id))
}

/// A cluster to change: every caller changes it, so a frozen one is refused here.
fn find_mut<'a>(account: &'a mut Account, id: &str) -> ApiResult<&'a mut ClusterRecord> {
    let record = account
        .clusters
        .get_mut(id)
        .ok_or_else(|| ApiFailure::cluster_not_found(id))?;
    if record.frozen {
        return Err(ApiFailure::frozen(id));
    }
    Ok(record)
}

/// The cluster as the service shows it: live federation condition, optional status. Borrowed
/// when the stored record already reads so (the common case: `ClusterRecord::touch` keeps its
/// timestamp current), so lists are written straight from the state without copying it.
fn render<'a>(account: &Account, record: &'a ClusterRecord, with_status: bool) -> Cow<'a, Cluster> {
    let stored = &record.cluster;
    let updated = rfc3339(record.updated_at);
    // Federalized only once the job succeeded, not while it runs or after it failed.
    let federated = with_status
        && cluster_fleet(stored)
            .and_then(|fleet| account.fleets.get(fleet))
            .and_then(|f| f.federation.as_ref())
            .is_some_and(|f| crate::federation::is_ready(f, Utc::now()));
    let stamped = stored
        .metadata
        .as_ref()
        .is_none_or(|m| m.update_timestamp.as_deref() == Some(updated.as_str()));
    let conditions_as_shown = stored.status.as_ref().is_none_or(|status| {
        status.conditions.as_ref().is_some_and(|conditions| {
            !federated
                && !conditions
                    .iter()
                    .any(|c| c.condition_type.as_deref() == Some("Federation"))
        })
    });
    if with_status && stamped && conditions_as_shown {
        return Cow::Borrowed(stored);
    }
    let mut cluster = stored.clone();
    if let Some(meta) = cluster.metadata.as_mut() {
        meta.update_timestamp = Some(updated.clone());
    }
    if !with_status {
        cluster.status = None;
        return Cow::Owned(cluster);
    }
    if let Some(status) = cluster.status.as_mut() {
        let conditions = status.conditions.get_or_insert_with(Vec::new);
        conditions.retain(|c| c.condition_type.as_deref() != Some("Federation"));
        if federated {
            conditions.push(ConditionStatus {
                condition_type: Some("Federation".into()),
                status: Some("Federalized".into()),
                last_transition_time: Some(updated),
                ..Default::default()
            });
        }
    }
    Cow::Owned(cluster)
}

/// The status of a cluster whose agent is in `agent`: phase and the `Ready` and `Cluster`
/// conditions as the reference's examples show them.
fn status_for(agent: Agent) -> ClusterStatus {
    let (phase, ready, cluster, reason) = match agent {
        Agent::Connected => ("Available", "True", "Available", "ClusterAvailable"),
        Agent::Pending => ("Pending", "False", "Pending", "WaitingForAgent"),
        Agent::Disconnected => ("Unavailable", "False", "Unavailable", "AgentDisconnected"),
    };
    let now = rfc3339(Utc::now());
    let condition = |kind: &str, status: &str| ConditionStatus {
        condition_type: Some(kind.into()),
        status: Some(status.into()),
        last_transition_time: Some(now.clone()),
        reason: Some(reason.into()),
        ..Default::default()
    };
    ClusterStatus {
        kubernetes_version: Some("v1.28".into()),
        phase: Some(phase.into()),
        conditions: Some(vec![
            condition("Ready", ready),
            condition("Cluster", cluster),
        ]),
        endpoints: vec![Endpoint {
            url: Some("https://192.168.1.251:5443".into()),
            endpoint_type: Some("Internal".into()),
            status: None,
        }],
        arrear_freeze: Some("false".into()),
        police_freeze: Some("false".into()),
        ..Default::default()
    }
}

/// Moves a cluster's agent; its status follows.
pub(crate) fn set_agent(record: &mut ClusterRecord, agent: Agent) {
    record.agent = agent;
    record.cluster.status = Some(status_for(agent));
    record.touch();
}

/// Joining a fleet or a federation needs a connected agent: 400 `UCS.01030004` otherwise.
pub(crate) fn check_available(record: &ClusterRecord) -> ApiResult<()> {
    let why = match record.agent {
        Agent::Connected => return Ok(()),
        Agent::Pending => "its agent has never connected",
        Agent::Disconnected => "its agent is disconnected",
    };
    Err(ApiFailure::new(
        "UCS.01030004",
        format!("cluster {} is not available: {why}", record.cluster.uid()),
    ))
}

/// Brings the policy-made Karmada bindings of the fleet `fleet_id` in line with its members.
pub(crate) fn reconcile_fleet(account: &mut Account, fleet_id: &str) {
    let Some(name) = account
        .fleets
        .get(fleet_id)
        .map(|f| f.fleet.name().to_owned())
    else {
        return;
    };
    crate::karmada::bindings::reconcile(account, &name);
}

/// Builds a cluster record from a validated registration.
/// CCE clusters are always connected; others when `auto_connect` is on.
fn new_record(
    account: &mut Account,
    body: RegisterCluster,
    auto_connect: bool,
) -> (String, ClusterRecord) {
    let now = Utc::now();
    let uid = body.metadata.uid.clone().unwrap_or_else(new_uid);
    let s = body.spec;
    let agent = if auto_connect || s.category == "self" {
        Agent::Connected
    } else {
        Agent::Pending
    };
    let status = status_for(agent);
    let grouped = s.cluster_group_id.as_deref().is_some_and(|g| !g.is_empty());
    let project_name = s.region.clone().filter(|_| s.category == "self");
    let cluster = Cluster {
        kind: Some("Cluster".into()),
        api_version: Some("v1".into()),
        metadata: Some(ObjectMeta {
            uid: Some(uid.clone()),
            name: Some(body.metadata.name),
            labels: body.metadata.labels,
            annotations: body.metadata.annotations,
            creation_timestamp: Some(rfc3339(now)),
            update_timestamp: Some(rfc3339(now)),
            ..Default::default()
        }),
        spec: Some(ClusterSpec {
            sync_mode: Some(String::new()),
            cluster_group_id: s.cluster_group_id.filter(|g| !g.is_empty()),
            manage_type: Some(if grouped { "grouped" } else { "discrete" }.into()),
            provider: Some(s.provider),
            cluster_type: Some(s.cluster_type),
            category: Some(s.category),
            country: Some(s.country),
            city: s.city,
            // A CCE cluster's project is named after its region, as the CCE list shows it.
            project_name,
            region: s.region,
            project_id: s.project_id,
            is_downloaded_cert: Some(false),
            network: s.network,
            // The namespace of the cluster's UCS operator (reference 3.1.2 example).
            extra: [(
                "operatorNamespace".to_owned(),
                serde_json::Value::String(uid.replace('-', "")),
            )]
            .into_iter()
            .collect(),
            ..Default::default()
        }),
        status: Some(status),
        extra: Default::default(),
    };
    let seq = account.next_seq();
    (
        uid,
        ClusterRecord {
            cluster,
            created_at: now,
            updated_at: now,
            seq,
            access_downloaded: false,
            rules: Vec::new(),
            frozen: false,
            agent,
        },
    )
}

/// Registers `count` attached clusters at start (benchmarks, demos); quotas do not apply.
pub(crate) fn seed(app: &AppState, count: usize) {
    let Some(caller) = app.config.credentials.first().map(Caller::from) else {
        return;
    };
    let auto_connect = app.config.auto_connect;
    let _ = app.write(&caller, |account| {
        for i in 0..count {
            let body: RegisterCluster = match serde_json::from_value(json!({
                "kind": "Cluster", "apiVersion": "v1",
                "metadata": {"name": format!("seed-{i:04}"), "labels": {"seed": "true"}},
                "spec": {"category": "attachedcluster", "type": "privatek8s", "provider": "privatek8s",
                         "country": "CN", "city": "110000", "manageType": "discrete"}
            })) {
                Ok(body) => body,
                Err(_) => return Ok(()),
            };
            let (uid, record) = new_record(account, body, auto_connect);
            account.clusters.insert(uid, record);
        }
        Ok(())
    });
}

pub(crate) async fn list(
    State(app): State<Arc<AppState>>,
    Extension(caller): Extension<Caller>,
    params: Params,
) -> ApiResult<Response> {
    let paging = Paging::from_params(&params)?;
    let category = params.str("category");
    let with_status = params.bool("enablestatus")?.unwrap_or(true);
    let fleet = params.str("clustergroupid");
    let manage = params
        .one_of("managetype", validate::MANAGE_TYPE_FILTERS)?
        .filter(|m| m != "all");
    let ids: Option<Vec<&str>> = params.str("clusterids").map(|v| {
        v.split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect()
    });
    app.read(&caller, |account| {
        let rows = account
            .clusters
            .values()
            .filter(|r| {
                let spec = r.cluster.spec.as_ref();
                category.is_none_or(|c| spec.and_then(|s| s.category.as_deref()) == Some(c))
                    && fleet.is_none_or(|f| cluster_fleet(&r.cluster) == Some(f))
                    && manage
                        .as_deref()
                        .is_none_or(|m| spec.and_then(|s| s.manage_type.as_deref()) == Some(m))
                    && ids
                        .as_ref()
                        .is_none_or(|ids| ids.contains(&r.cluster.uid()))
            })
            .map(|r| Sortable {
                created: r.created_at,
                updated: r.updated_at,
                seq: r.seq,
                item: r,
            })
            .collect();
        let (page, total) = paging.apply(rows);
        let items: Vec<Cow<'_, Cluster>> = page
            .into_iter()
            .map(|r| render(account, r, with_status))
            .collect();
        // Written while the state is read, since the items borrow it.
        Ok(Json(ListPage { items, total }).into_response())
    })
}

pub(crate) async fn get(
    State(app): State<Arc<AppState>>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    check_id(&id)?;
    app.read(&caller, |account| {
        Ok(Json(render(account, find(account, &id)?, true)).into_response())
    })
}

/// A CCE cluster is imported, not made (3.1.3): its `UID` (or, without one, its name) must be
/// one of the account's CCE clusters (`list_managed`), 400 `UCS.01030010` otherwise; given
/// `name`, `region` and `projectID` must be that cluster's, 400 `UCS.01030012` otherwise.
fn check_cce(caller: &Caller, body: &RegisterCluster) -> ApiResult<()> {
    let name = &body.metadata.name;
    let known = cce_clusters(caller);
    let found = match &body.metadata.uid {
        Some(uid) => known.iter().find(|c| c.uid() == uid).ok_or_else(|| {
            ApiFailure::new(
                "UCS.01030010",
                format!("metadata.UID: {uid} is not a CCE cluster of the account (see list_managed)"),
            )
        })?,
        None => known.iter().find(|c| c.name() == name).ok_or_else(|| {
            ApiFailure::new(
                "UCS.01030010",
                format!("metadata.name: {name:?} is not a CCE cluster of the account (see list_managed)"),
            )
        })?,
    };
    let spec = found.spec.as_ref();
    let mismatch = |field: &str, given: &str, theirs: Option<&str>| {
        ApiFailure::new(
            "UCS.01030012",
            format!(
                "{field}: {given:?} is not the {field} of CCE cluster {} ({:?})",
                found.uid(),
                theirs.unwrap_or_default()
            ),
        )
    };
    if found.name() != name {
        return Err(mismatch("metadata.name", name, Some(found.name())));
    }
    // A given (non-empty) region or project must be the CCE cluster's.
    let same = |field: &str, given: Option<&str>, theirs: Option<&str>| match given {
        Some(given) if !given.is_empty() && Some(given) != theirs => {
            Err(mismatch(field, given, theirs))
        }
        _ => Ok(()),
    };
    same(
        "spec.region",
        body.spec.region.as_deref(),
        spec.and_then(|s| s.region.as_deref()),
    )?;
    same(
        "spec.projectID",
        body.spec.project_id.as_deref(),
        spec.and_then(|s| s.project_id.as_deref()),
    )
}

pub(crate) async fn register(
    State(app): State<Arc<AppState>>,
    Extension(caller): Extension<Caller>,
    JsonBody(body): JsonBody<RegisterCluster>,
) -> ApiResult<Response> {
    validation::register_cluster(&body)?;
    if body.spec.category == "self" {
        check_cce(&caller, &body)?;
    }
    let quota = app.quota();
    let fleet_limit = app.config.fleet_cluster_limit;
    let auto_connect = app.config.auto_connect;
    let uid =
        app.write(&caller, |account| {
            if account.clusters.len() >= quota {
                return Err(ApiFailure::quota("clusters", quota));
            }
            let name = &body.metadata.name;
            if account.clusters.values().any(|c| c.cluster.name() == name) {
                return Err(ApiFailure::new(
                    "UCS.01030003",
                    format!("a cluster named {name:?} is already registered"),
                ));
            }
            if let Some(uid) = &body.metadata.uid {
                if account.clusters.contains_key(uid) {
                    return Err(ApiFailure::new(
                        "UCS.01030003",
                        format!("a cluster with UID {uid} is already registered"),
                    ));
                }
            }
            match body
                .spec
                .cluster_group_id
                .as_deref()
                .filter(|g| !g.is_empty())
            {
                Some(fleet) if !account.fleets.contains_key(fleet) => {
                    return Err(ApiFailure::fleet_not_found(fleet))
                }
                Some(fleet) if account.fleet_members(fleet).len() >= fleet_limit => {
                    return Err(ApiFailure::fleet_full(fleet, fleet_limit))
                }
                None if body.spec.manage_type == "grouped" => return Err(ApiFailure::bad_body(
                    "invalid argument `spec.clusterGroupID`: required when manageType is grouped",
                )),
                _ => {}
            }
            let (uid, record) = new_record(account, body, auto_connect);
            account.clusters.insert(uid.clone(), record);
            Ok(uid)
        })?;
    Ok((StatusCode::CREATED, Json(Created { uid })).into_response())
}

pub(crate) async fn update(
    State(app): State<Arc<AppState>>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<UpdateCluster>,
) -> ApiResult<Response> {
    check_id(&id)?;
    validation::body(validate::one_of("kind", &body.kind, &["Cluster"]))?;
    validation::body(validate::one_of("apiVersion", &body.api_version, &["v1"]))?;
    validation::kubeconfig_annotations(
        body.metadata.as_ref().and_then(|m| m.annotations.as_ref()),
    )?;
    app.write(&caller, |account| {
        let record = find_mut(account, &id)?;
        // Reference 3.1.3 asks a 5.5 city code only of clusters in China (the reference's own
        // update example is `country AL, city AL`).
        if let Some(new) = body.spec.as_ref() {
            let country = new
                .country
                .as_deref()
                .or_else(|| record.cluster.spec.as_ref()?.country.as_deref());
            if let (Some("CN"), Some(city)) = (country, new.city.as_deref()) {
                if !city.is_empty() {
                    validation::body(ucs_models::body_checks::city_code("spec.city", city))?;
                }
            }
        }
        if let (Some(meta), Some(new)) = (record.cluster.metadata.as_mut(), body.metadata) {
            if new.labels.is_some() {
                meta.labels = new.labels;
            }
            if new.annotations.is_some() {
                meta.annotations = new.annotations;
            }
        }
        if let (Some(spec), Some(new)) = (record.cluster.spec.as_mut(), body.spec) {
            if new.country.is_some() {
                spec.country = new.country;
            }
            if new.city.is_some() {
                spec.city = new.city;
            }
            if let Some(worker) = new.worker_config {
                spec.extra.insert(
                    "workerConfig".into(),
                    serde_json::to_value(worker).unwrap_or_default(),
                );
            }
        }
        record.touch();
        Ok(ok_object())
    })
}

pub(crate) async fn delete(
    State(app): State<Arc<AppState>>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    check_id(&id)?;
    app.write(&caller, |account| {
        let fleet = cluster_fleet(&find_mut(account, &id)?.cluster).map(str::to_owned);
        account.clusters.remove(&id);
        super::addons::drop_cluster(account, &id);
        if let Some(fleet) = fleet {
            reconcile_fleet(account, &fleet);
        }
        Ok(ok_empty())
    })
}

pub(crate) async fn access_info(
    State(app): State<Arc<AppState>>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    params: Params,
) -> ApiResult<Json<Vec<String>>> {
    check_id(&id)?;
    let vpc_endpoint = params.str("vpcendpoint").map(str::to_owned);
    let region = params.str("region").unwrap_or("cn-north-4").to_owned();
    app.write(&caller, |account| {
        let record = find_mut(account, &id)?;
        let spec = record.cluster.spec.as_ref();
        if spec.and_then(|s| s.category.as_deref()) == Some("self") {
            return Err(ApiFailure::new(
                "UCS.01030011",
                "CCE clusters do not take access info; it is only for attached, on-premise and multi-cloud clusters.",
            ));
        }
        if record.access_downloaded {
            return Ok(Json(vec!["already downloaded".to_owned()]));
        }
        record.access_downloaded = true;
        if let Some(spec) = record.cluster.spec.as_mut() {
            spec.is_downloaded_cert = Some(true);
        }
        let proxy = vpc_endpoint.unwrap_or_else(|| format!("proxyurl.ucs.{region}.myhuaweicloud.com"));
        Ok(Json(vec![
            "apiVersion: v1".to_owned(),
            "kind: Config".to_owned(),
            format!("clusters:\n- name: ucs-agent\n  cluster:\n    server: https://{proxy}:30123"),
            format!("users:\n- name: ucs-agent\n  user:\n    token: agent-{id}"),
        ]))
    })
}

pub(crate) async fn activate(
    State(app): State<Arc<AppState>>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    check_id(&id)?;
    app.write(&caller, |account| {
        let record = find_mut(account, &id)?;
        // Activation does not connect the agent (that is the agent's doing): the status stays.
        let agent = record.agent;
        set_agent(record, agent);
        // Activation lets the agent connect again, so its access info can be fetched again.
        record.access_downloaded = false;
        record.touch();
        Ok(ok_object())
    })
}

/// Checks that every rule of an association exists.
pub(crate) fn check_rules(account: &Account, body: &AssociateRules) -> ApiResult<()> {
    for (i, item) in body.rule_id_namespaces.iter().enumerate() {
        for id in &item.rule_ids {
            if !account.rules.contains_key(id) {
                return Err(ApiFailure::new(
                    "UCS.01100003",
                    format!("ruleIDNamespaces[{i}]: rule {id} does not exist"),
                ));
            }
        }
    }
    Ok(())
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
        record.touch();
        Ok(ok_object())
    })
}

/// The account's CCE clusters, as the CCE service would list them.
fn cce_clusters(caller: &Caller) -> Vec<Cluster> {
    ["cce-prod", "cce-staging"]
        .iter()
        .enumerate()
        .filter_map(|(i, name)| {
            serde_json::from_value(json!({
                "kind": "Cluster", "apiVersion": "v1",
                "metadata": {"name": name, "uid": format!("57ef11e7-7d72-11ee-a590-0255ac100b0{i}"),
                             "creationTimestamp": "2023-11-07T13:34:15Z",
                             "labels": {"FeatureGates": "elbv3,SupportClientCertificateRevocation,xGPU"}},
                "spec": {"syncMode": "", "apiEndpoint": "https://cce-internal.cn-north-4.myhuaweicloud.com",
                         "provider": "huaweicloud", "type": "cce", "category": "self", "region": "cn-north-4",
                         "country": "CN", "city": "150900", "projectID": caller.project_id,
                         "projectName": "cn-north-4", "IsDownloadedCert": false},
                "status": {"kubernetesVersion": "v1.28", "phase": "Available",
                           "conditions": [
                               {"type": "Ready", "status": "True", "reason": "ClusterAvailable",
                                "lastTransitionTime": "2023-11-07T13:40:00Z"},
                               {"type": "Cluster", "status": "Available", "reason": "ClusterAvailable",
                                "lastTransitionTime": "2023-11-07T13:40:00Z"}],
                           "endpoints": [{"url": format!("https://192.168.1.4{i}:5443"), "type": "Internal"}]}
            }))
            .ok()
        })
        .collect()
}

pub(crate) async fn list_managed(
    State(app): State<Arc<AppState>>,
    Extension(caller): Extension<Caller>,
    params: Params,
) -> ApiResult<Json<Vec<Cluster>>> {
    // The official SDK sends `unimported`; the reference names it `unregister`.
    let only_unregistered = match params.bool("unregister")? {
        Some(v) => Some(v),
        None => params.bool("unimported")?,
    };
    let all = cce_clusters(&caller);
    app.read(&caller, |account| {
        let registered = |c: &Cluster| {
            account
                .clusters
                .values()
                .any(|r| r.cluster.name() == c.name() || r.cluster.uid() == c.uid())
        };
        Ok(Json(
            all.into_iter()
                .filter(|c| match only_unregistered {
                    Some(true) => !registered(c),
                    Some(false) => registered(c),
                    None => true,
                })
                .collect(),
        ))
    })
}

pub(crate) async fn supported_versions() -> Json<SupportedVersions> {
    Json(SupportedVersions {
        versions: SUPPORTED_VERSIONS.iter().map(|v| (*v).to_owned()).collect(),
    })
}

pub(crate) async fn join_fleet(
    State(app): State<Arc<AppState>>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<JoinFleet>,
) -> ApiResult<Response> {
    check_id(&id)?;
    validation::body(validate::id("clusterGroupID", &body.cluster_group_id))?;
    let limit = app.config.fleet_cluster_limit;
    app.write(&caller, |account| {
        join(account, &id, &body.cluster_group_id, limit)?;
        Ok(ok_object())
    })
}

/// Puts a cluster in a fleet: `clusterGroupID` set, `manageType` grouped.
/// At most `limit` clusters in a fleet (400 `UCS.01100006`).
pub(crate) fn join(
    account: &mut Account,
    cluster_id: &str,
    fleet_id: &str,
    limit: usize,
) -> ApiResult<()> {
    if !account.fleets.contains_key(fleet_id) {
        return Err(ApiFailure::fleet_not_found(fleet_id));
    }
    let members = account.fleet_members(fleet_id);
    let record = find_mut(account, cluster_id)?;
    match cluster_fleet(&record.cluster) {
        Some(other) if other != fleet_id => {
            return Err(ApiFailure::in_other_fleet(cluster_id, other));
        }
        // Already a member: nothing to check.
        Some(_) => {}
        None if members.len() >= limit => return Err(ApiFailure::fleet_full(fleet_id, limit)),
        None => check_available(record)?,
    }
    if let Some(spec) = record.cluster.spec.as_mut() {
        spec.cluster_group_id = Some(fleet_id.to_owned());
        spec.manage_type = Some("grouped".into());
    }
    record.touch();
    reconcile_fleet(account, fleet_id);
    Ok(())
}

pub(crate) async fn leave_fleet(
    State(app): State<Arc<AppState>>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    check_id(&id)?;
    app.write(&caller, |account| {
        let record = find_mut(account, &id)?;
        let Some(fleet) = cluster_fleet(&record.cluster).map(str::to_owned) else {
            return Err(ApiFailure::new(
                "UCS.01100002",
                format!("cluster {id} is not in a fleet"),
            ));
        };
        if let Some(spec) = record.cluster.spec.as_mut() {
            spec.cluster_group_id = None;
            spec.manage_type = Some("discrete".into());
        }
        record.touch();
        reconcile_fleet(account, &fleet);
        Ok(ok_object())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn registered() -> (Account, ClusterRecord) {
        let mut account = Account::default();
        let body: RegisterCluster = serde_json::from_value(json!({
            "metadata": {"name": "render-me"},
            "spec": {"category": "attachedcluster", "type": "privatek8s", "provider": "privatek8s",
                     "country": "CN", "city": "110000", "manageType": "discrete"}
        }))
        .expect("a valid registration");
        let (_, record) = new_record(&mut account, body, true);
        (account, record)
    }

    fn shown_timestamp(cluster: &Cluster) -> Option<&str> {
        cluster.metadata.as_ref()?.update_timestamp.as_deref()
    }

    #[test]
    fn a_record_as_stored_is_answered_without_a_copy() {
        let (account, mut record) = registered();
        assert!(matches!(render(&account, &record, true), Cow::Borrowed(_)));
        record.touch();
        assert!(matches!(render(&account, &record, true), Cow::Borrowed(_)));
    }

    #[test]
    fn a_stale_timestamp_or_no_status_is_answered_from_a_copy() {
        let (account, mut record) = registered();
        record.updated_at += chrono::Duration::seconds(90);
        let shown = render(&account, &record, true);
        assert!(matches!(shown, Cow::Owned(_)));
        let expected = rfc3339(record.updated_at);
        assert_eq!(shown_timestamp(&shown), Some(expected.as_str()));
        let without = render(&account, &record, false);
        assert!(without.status.is_none());
        assert!(
            record.cluster.status.is_some(),
            "the stored record keeps its status"
        );
    }

    #[test]
    fn a_stored_federation_condition_is_not_shown_unless_federated() {
        let (account, mut record) = registered();
        let status = record.cluster.status.as_mut().expect("a status");
        status
            .conditions
            .get_or_insert_with(Vec::new)
            .push(ConditionStatus {
                condition_type: Some("Federation".into()),
                status: Some("Federalized".into()),
                ..Default::default()
            });
        let shown = render(&account, &record, true);
        assert!(matches!(shown, Cow::Owned(_)));
        let conditions = shown
            .status
            .as_ref()
            .and_then(|s| s.conditions.as_ref())
            .expect("conditions");
        assert!(conditions
            .iter()
            .all(|c| c.condition_type.as_deref() != Some("Federation")));
    }
}
