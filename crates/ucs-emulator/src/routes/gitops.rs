//! GitOps: Flux enabled per cluster, source repositories (GitRepository) and config sets
//! (Kustomization) that reference them, and statistics computed from those records.
//!
//! A repository's credentials (`secretInfo.secret`) are never kept: the record holds the
//! authentication mode and the credential field names only, and answers show `***` values.
//! Codes: the GitOps family of the service's error-code table (`UCS.00060001` validation,
//! `UCS.00060002` already enabled, `UCS.00060003` not enabled), `UCS.01030001` for an unknown
//! cluster, `UCS.01000013` for an unknown repository or config set.

use std::collections::BTreeMap;
use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use ucs_models::models::gitops_checks as checks;
use ucs_models::models::{
    ClusterReconcileStatus, ConfigSet, CreateConfigSet, CreateRepo, Created, FluxObjectMeta,
    GitOpsClusterInfo, GitOpsJob, GitOpsListMeta, GitOpsPod, GitOpsPodStatus, GitOpsRepo,
    GitOpsSecretInfo, GitOpsStatistics, GitOpsStatus, GitRepository, GitRepositoryArtifact,
    GitRepositoryRef, GitRepositorySpec, GitRepositoryStatus, Kustomization,
    KustomizationSourceRef, KustomizationSpec, KustomizationStatus, LocalObjectReference,
    ObjectMeta, OverviewReconcileStatus, UpdateConfigSet, UpdateRepo,
};
use ucs_models::validate;

use super::clusters::{check_available, find};
use crate::auth::Caller;
use crate::error::{ApiFailure, ApiResult};
use crate::extract::{JsonBody, Params};
use crate::ids::{derived_uid, new_uid};
use crate::listing::{ListPage, Paging, Sortable};
use crate::server::AppState;
use crate::state::{rfc3339, Account, Agent};
use crate::validation;

/// The namespace Flux runs in.
const FLUX_NAMESPACE: &str = "flux-system";
/// The Flux controllers enabling GitOps installs.
const CONTROLLERS: &[&str] = &[
    "source-controller",
    "kustomize-controller",
    "helm-controller",
    "notification-controller",
];

/// The `configsets` group's handlers, under the table's names.
pub(crate) mod configsets {
    pub(crate) use super::{
        create_config_set as create, delete_config_set as delete, get_config_set as get,
        list_config_sets as list, statistics, update_config_set as update,
    };
}

/// The `repos` group's handlers, under the table's names.
pub(crate) mod repos {
    pub(crate) use super::{
        create_repo as create, delete_repo as delete, list_repos as list, update_repo as update,
    };
}

/// One account's GitOps records (`Account.gitops`).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub(crate) struct GitOpsState {
    /// Clusters with GitOps enabled, by cluster id.
    pub clusters: BTreeMap<String, GitOpsCluster>,
    /// Source repositories, by id.
    pub repos: BTreeMap<String, RepoRecord>,
    /// Config sets, by id.
    pub config_sets: BTreeMap<String, ConfigSetRecord>,
}

/// GitOps on one cluster.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct GitOpsCluster {
    pub job_id: String,
    pub enabled_at: DateTime<Utc>,
    pub seq: u64,
}

/// A source repository. Its credentials are not kept: only their mode and field names.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct RepoRecord {
    pub name: String,
    pub namespace: String,
    pub cluster_id: String,
    pub spec: GitRepositorySpec,
    #[serde(default)]
    pub auth_mode: Option<String>,
    /// Field names of the credentials given (`username`, `password`, ...), never the values.
    #[serde(default)]
    pub secret_keys: Option<Vec<String>>,
    pub generation: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub seq: u64,
}

/// A config set: a Kustomization applying one repository.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct ConfigSetRecord {
    pub name: String,
    pub namespace: String,
    pub cluster_id: String,
    pub repo_id: String,
    pub spec: KustomizationSpec,
    pub generation: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub seq: u64,
}

/// What the two lists (repositories, config sets) need of a record.
trait ClusterScoped {
    fn cluster_id(&self) -> &str;
    fn times(&self) -> (DateTime<Utc>, DateTime<Utc>, u64);
}

impl ClusterScoped for RepoRecord {
    fn cluster_id(&self) -> &str {
        &self.cluster_id
    }
    fn times(&self) -> (DateTime<Utc>, DateTime<Utc>, u64) {
        (self.created_at, self.updated_at, self.seq)
    }
}

impl ClusterScoped for ConfigSetRecord {
    fn cluster_id(&self) -> &str {
        &self.cluster_id
    }
    fn times(&self) -> (DateTime<Utc>, DateTime<Utc>, u64) {
        (self.created_at, self.updated_at, self.seq)
    }
}

/// One page of `records` (optionally of one cluster, which must exist), rendered: records of a
/// cluster unregistered since are gone with it.
fn list_page<R: ClusterScoped, T: Serialize>(
    app: &AppState,
    caller: &Caller,
    params: &Params,
    records: fn(&Account) -> &BTreeMap<String, R>,
    render: fn(&Account, &str, &R) -> T,
) -> ApiResult<Response> {
    let paging = Paging::from_params(params)?;
    let filter = cluster_filter(params)?;
    let body = app.read(caller, |account| {
        if let Some(id) = &filter {
            find(account, id)?;
        }
        let rows = records(account)
            .iter()
            .filter(|(_, r)| filter.as_deref().is_none_or(|f| f == r.cluster_id()))
            .filter(|(_, r)| account.clusters.contains_key(r.cluster_id()))
            .map(|(id, r)| {
                let (created, updated, seq) = r.times();
                Sortable {
                    created,
                    updated,
                    seq,
                    item: (id, r),
                }
            })
            .collect();
        let (page, total) = paging.apply(rows);
        let items: Vec<T> = page
            .into_iter()
            .map(|(id, r)| render(account, id, r))
            .collect();
        Ok(ListPage { items, total })
    })?;
    Ok(Json(body).into_response())
}

fn validate_failed(detail: impl std::fmt::Display) -> ApiFailure {
    ApiFailure::new("UCS.00060001", detail)
}

fn not_enabled(cluster: &str) -> ApiFailure {
    ApiFailure::new(
        "UCS.00060003",
        format!("GitOps is not enabled on cluster {cluster}"),
    )
}

fn check_cluster_id(id: &str) -> ApiResult<()> {
    validate::cluster_id("clusterid", id).map_err(|e| ApiFailure::bad_query(e.to_string()))
}

/// The cluster must exist and have GitOps enabled.
fn enabled_cluster(account: &Account, cluster_id: &str) -> ApiResult<()> {
    find(account, cluster_id)?;
    if account.gitops.clusters.contains_key(cluster_id) {
        Ok(())
    } else {
        Err(not_enabled(cluster_id))
    }
}

/// A change to a cluster's GitOps objects: refused while the cluster is frozen.
fn writable_cluster(account: &Account, cluster_id: &str) -> ApiResult<()> {
    enabled_cluster(account, cluster_id)?;
    if find(account, cluster_id)?.frozen {
        return Err(ApiFailure::frozen(cluster_id));
    }
    Ok(())
}

fn body_check(result: ucs_models::Result<()>) -> ApiResult<()> {
    validation::body(result)
}

/// What the credentials look like in an answer: their field names with `***` values.
fn shown_secret(
    auth_mode: &Option<String>,
    keys: &Option<Vec<String>>,
) -> Option<GitOpsSecretInfo> {
    if auth_mode.is_none() && keys.is_none() {
        return None;
    }
    Some(GitOpsSecretInfo {
        auth_mode: auth_mode.clone(),
        secret: keys
            .as_ref()
            .map(|keys| Value::Object(keys.iter().map(|k| (k.clone(), json!("***"))).collect())),
    })
}

/// The field names of given credentials (none for a plain string token).
fn secret_keys(info: &GitOpsSecretInfo) -> Option<Vec<String>> {
    match &info.secret {
        Some(Value::Object(map)) => Some(map.keys().cloned().collect()),
        Some(_) => Some(vec!["token".to_owned()]),
        None => None,
    }
}

/// The Secret a repository's credentials go to, named after it (within 63 characters).
fn secret_name(repo: &str) -> String {
    let stem: String = repo.chars().take(58).collect();
    format!("{}-auth", stem.trim_end_matches('-'))
}

fn cluster_info(account: &Account, cluster_id: &str) -> GitOpsClusterInfo {
    GitOpsClusterInfo {
        cluster_id: Some(cluster_id.to_owned()),
        cluster_name: account
            .clusters
            .get(cluster_id)
            .map(|c| c.cluster.name().to_owned()),
        cluster_path: None,
    }
}

/// `Health` while the cluster's agent is connected; `Unknown` when the emulator cannot reach it.
fn health(account: &Account, cluster_id: &str) -> &'static str {
    match account.clusters.get(cluster_id).map(|c| c.agent) {
        Some(Agent::Connected) => "Health",
        _ => "Unknown",
    }
}

fn ready_condition(status: &str, at: DateTime<Utc>, message: &str) -> Value {
    let (ready, reason) = if status == "Health" {
        ("True", "Succeeded")
    } else {
        ("Unknown", "ClusterUnreachable")
    };
    json!({"type": "Ready", "status": ready, "reason": reason, "message": message,
           "lastTransitionTime": rfc3339(at)})
}

fn branch(spec: &GitRepositorySpec) -> String {
    spec.git_ref
        .as_ref()
        .and_then(|r| r.branch.clone())
        .unwrap_or_else(|| "master".to_owned())
}

/// A revision stable for the same URL, branch and generation.
fn revision(spec: &GitRepositorySpec, generation: i64) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(
        format!(
            "{}#{}#{generation}",
            spec.url.as_deref().unwrap_or_default(),
            branch(spec)
        )
        .as_bytes(),
    );
    let hex = hex::encode(digest);
    format!("{}@sha1:{}", branch(spec), &hex[..40])
}

fn render_git_repository(account: &Account, id: &str, r: &RepoRecord) -> GitRepository {
    let status = health(account, &r.cluster_id);
    let rev = revision(&r.spec, r.generation);
    GitRepository {
        metadata: Some(FluxObjectMeta {
            name: Some(r.name.clone()),
            namespace: Some(r.namespace.clone()),
            uid: Some(derived_uid(id, "gitrepository")),
            resource_version: Some(r.seq.to_string()),
            generation: Some(r.generation),
            creation_timestamp: Some(rfc3339(r.created_at)),
            finalizers: Some(vec!["finalizers.fluxcd.io".into()]),
            managed_fields: None,
        }),
        spec: Some(r.spec.clone()),
        status: Some(GitRepositoryStatus {
            observed_generation: Some(r.generation),
            conditions: Some(vec![ready_condition(
                status,
                r.updated_at,
                &format!("stored artifact for revision '{rev}'"),
            )]),
            artifact: (status == "Health").then(|| GitRepositoryArtifact {
                path: Some(format!(
                    "gitrepository/{}/{}/{}.tar.gz",
                    r.namespace,
                    r.name,
                    &rev[rev.len() - 40..]
                )),
                url: Some(format!(
                    "http://source-controller.{FLUX_NAMESPACE}.svc.cluster.local./gitrepository/{}/{}/latest.tar.gz",
                    r.namespace, r.name
                )),
                revision: Some(rev.clone()),
                digest: None,
                last_update_time: Some(rfc3339(r.updated_at)),
                size: None,
            }),
        }),
    }
}

fn render_repo(account: &Account, id: &str, r: &RepoRecord) -> GitOpsRepo {
    GitOpsRepo {
        uid: Some(id.to_owned()),
        name: Some(r.name.clone()),
        repo_type: Some("GitRepository".into()),
        namespace: Some(r.namespace.clone()),
        git_repository: Some(render_git_repository(account, id, r)),
        repo_status: Some(health(account, &r.cluster_id).into()),
        cluster_info: Some(cluster_info(account, &r.cluster_id)),
        secret_info: shown_secret(&r.auth_mode, &r.secret_keys),
        extra: Default::default(),
    }
}

fn render_config_set(account: &Account, id: &str, c: &ConfigSetRecord) -> ConfigSet {
    let repo = account.gitops.repos.get(&c.repo_id);
    let status = health(account, &c.cluster_id);
    let rev = repo.map(|r| revision(&r.spec, r.generation));
    ConfigSet {
        uid: Some(id.to_owned()),
        name: Some(c.name.clone()),
        namespace: Some(c.namespace.clone()),
        config_set_type: Some("Kustomization".into()),
        repo_name: repo.map(|r| r.name.clone()),
        git_repository: repo.map(|r| render_git_repository(account, &c.repo_id, r)),
        repo_status: repo.map(|r| health(account, &r.cluster_id).to_owned()),
        kustomization: Some(Kustomization {
            metadata: Some(FluxObjectMeta {
                name: Some(c.name.clone()),
                namespace: Some(c.namespace.clone()),
                uid: Some(derived_uid(id, "kustomization")),
                resource_version: Some(c.seq.to_string()),
                generation: Some(c.generation),
                creation_timestamp: Some(rfc3339(c.created_at)),
                finalizers: Some(vec!["finalizers.fluxcd.io".into()]),
                managed_fields: None,
            }),
            spec: Some(c.spec.clone()),
            status: Some(KustomizationStatus {
                observed_generation: Some(c.generation),
                conditions: Some(vec![ready_condition(
                    status,
                    c.updated_at,
                    &format!("Applied revision: {}", rev.as_deref().unwrap_or_default()),
                )]),
                last_attempted_revision: rev,
            }),
        }),
        config_set_status: Some(status.into()),
        cluster_info: Some(cluster_info(account, &c.cluster_id)),
        secret_info: repo.and_then(|r| shown_secret(&r.auth_mode, &r.secret_keys)),
        ..Default::default()
    }
}

/// The repository a config set applies: `name` in the cluster, preferring `namespace`.
fn repo_by_name(
    account: &Account,
    cluster_id: &str,
    name: &str,
    namespace: &str,
) -> ApiResult<String> {
    let mut found: Vec<(&String, &RepoRecord)> = account
        .gitops
        .repos
        .iter()
        .filter(|(_, r)| r.cluster_id == cluster_id && r.name == name)
        .collect();
    found.sort_by_key(|(_, r)| r.namespace != namespace);
    found.first().map(|(id, _)| (*id).clone()).ok_or_else(|| {
        validate_failed(format!(
            "repoName: no repository {name:?} in cluster {cluster_id}; create it first"
        ))
    })
}

fn job() -> GitOpsJob {
    GitOpsJob {
        job_id: Some(new_uid()),
    }
}

pub(crate) async fn enable(
    State(app): State<Arc<AppState>>,
    Extension(caller): Extension<Caller>,
    Path(cluster_id): Path<String>,
    params: Params,
) -> ApiResult<Response> {
    check_cluster_id(&cluster_id)?;
    params.one_of("retry", &["true", "false"])?;
    let answer = app.write(&caller, |account| {
        let record = find(account, &cluster_id)?;
        if record.frozen {
            return Err(ApiFailure::frozen(&cluster_id));
        }
        check_available(record)?;
        if account.gitops.clusters.contains_key(&cluster_id) {
            return Err(ApiFailure::new(
                "UCS.00060002",
                format!("GitOps is already enabled on cluster {cluster_id}"),
            ));
        }
        let answer = job();
        let seq = account.next_seq();
        account.gitops.clusters.insert(
            cluster_id.clone(),
            GitOpsCluster {
                job_id: answer.job_id.clone().unwrap_or_default(),
                enabled_at: Utc::now(),
                seq,
            },
        );
        Ok(answer)
    })?;
    Ok((StatusCode::CREATED, Json(answer)).into_response())
}

pub(crate) async fn status(
    State(app): State<Arc<AppState>>,
    Extension(caller): Extension<Caller>,
    Path(cluster_id): Path<String>,
) -> ApiResult<Json<GitOpsStatus>> {
    check_cluster_id(&cluster_id)?;
    app.read(&caller, |account| {
        enabled_cluster(account, &cluster_id)?;
        let Some(enabled) = account.gitops.clusters.get(&cluster_id) else {
            return Err(not_enabled(&cluster_id));
        };
        let phase = match health(account, &cluster_id) {
            "Health" => "Running",
            _ => "Unknown",
        };
        let items = CONTROLLERS
            .iter()
            .map(|name| GitOpsPod {
                metadata: ObjectMeta {
                    uid: Some(derived_uid(&cluster_id, name)),
                    name: Some(format!(
                        "{name}-{}",
                        // By characters: a state file is read back as written, but never trusted.
                        enabled.job_id.chars().take(8).collect::<String>()
                    )),
                    labels: Some(
                        [("app".to_owned(), (*name).to_owned())]
                            .into_iter()
                            .collect(),
                    ),
                    creation_timestamp: Some(rfc3339(enabled.enabled_at)),
                    extra: [("namespace".to_owned(), json!(FLUX_NAMESPACE))]
                        .into_iter()
                        .collect(),
                    ..Default::default()
                },
                spec: Some(json!({"containers": [{"name": "manager",
                    "image": format!("ghcr.io/fluxcd/{name}")}], "restartPolicy": "Always"})),
                status: Some(GitOpsPodStatus {
                    phase: Some(phase.into()),
                    host_ip: Some("192.168.1.251".into()),
                    start_time: Some(rfc3339(enabled.enabled_at)),
                    container_statuses: Some(vec![json!({"name": "manager",
                        "ready": phase == "Running", "restartCount": 0})]),
                }),
            })
            .collect();
        Ok(Json(GitOpsStatus {
            metadata: Some(GitOpsListMeta {
                resource_version: Some(enabled.seq.to_string()),
                ..Default::default()
            }),
            items,
        }))
    })
}

/// Uninstalling Flux removes its objects: the cluster's repositories and config sets go too.
pub(crate) async fn disable(
    State(app): State<Arc<AppState>>,
    Extension(caller): Extension<Caller>,
    Path(cluster_id): Path<String>,
) -> ApiResult<Json<GitOpsJob>> {
    check_cluster_id(&cluster_id)?;
    app.write(&caller, |account| {
        writable_cluster(account, &cluster_id)?;
        let g = &mut account.gitops;
        g.clusters.remove(&cluster_id);
        g.config_sets.retain(|_, c| c.cluster_id != cluster_id);
        g.repos.retain(|_, r| r.cluster_id != cluster_id);
        Ok(Json(job()))
    })
}

/// The `clusterid` filter of the lists.
fn cluster_filter(params: &Params) -> ApiResult<Option<String>> {
    let id = params.str("clusterid").map(str::to_owned);
    if let Some(id) = &id {
        check_cluster_id(id)?;
    }
    Ok(id)
}

pub(crate) async fn list_config_sets(
    State(app): State<Arc<AppState>>,
    Extension(caller): Extension<Caller>,
    params: Params,
) -> ApiResult<Response> {
    list_page(
        &app,
        &caller,
        &params,
        |account| &account.gitops.config_sets,
        render_config_set,
    )
}

pub(crate) async fn create_config_set(
    State(app): State<Arc<AppState>>,
    Extension(caller): Extension<Caller>,
    JsonBody(body): JsonBody<CreateConfigSet>,
) -> ApiResult<Response> {
    body_check(checks::create_config_set(&body))?;
    if body.helm_chart_spec.is_some()
        || body.helm_repository_spec.is_some()
        || body.bucket_spec.is_some()
    {
        return Err(ApiFailure::bad_body(
            "only Git repositories are supported as sources (no bucketSpec, helmChartSpec or helmRepositorySpec)",
        ));
    }
    let cluster_id = body
        .cluster_info
        .as_ref()
        .and_then(|c| c.cluster_id.clone())
        .unwrap_or_default();
    let quota = app.quota();
    let uid = app.write(&caller, |account| {
        writable_cluster(account, &cluster_id)?;
        let repo_name = body.repo_name.clone().unwrap_or_default();
        let repo_id = repo_by_name(account, &cluster_id, &repo_name, &body.namespace)?;
        if account.gitops.config_sets.values().any(|c| {
            c.cluster_id == cluster_id && c.namespace == body.namespace && c.name == body.name
        }) {
            return Err(validate_failed(format!(
                "name: config set {:?} already exists in namespace {:?} of cluster {cluster_id}",
                body.name, body.namespace
            )));
        }
        if account.gitops.config_sets.len() >= quota {
            return Err(ApiFailure::quota("config sets", quota));
        }
        let mut spec = body.kustomization_spec.clone().unwrap_or_default();
        spec.source_ref
            .get_or_insert_with(|| KustomizationSourceRef {
                kind: "GitRepository".into(),
                name: repo_name.clone(),
            });
        spec.interval.get_or_insert_with(|| "10m".into());
        spec.path.get_or_insert_with(|| "./".into());
        spec.prune.get_or_insert(false);
        let now = Utc::now();
        let uid = new_uid();
        let seq = account.next_seq();
        account.gitops.config_sets.insert(
            uid.clone(),
            ConfigSetRecord {
                name: body.name.clone(),
                namespace: body.namespace.clone(),
                cluster_id: cluster_id.clone(),
                repo_id,
                spec,
                generation: 1,
                created_at: now,
                updated_at: now,
                seq,
            },
        );
        Ok(uid)
    })?;
    Ok((StatusCode::CREATED, Json(Created { uid })).into_response())
}

pub(crate) async fn get_config_set(
    State(app): State<Arc<AppState>>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
) -> ApiResult<Json<ConfigSet>> {
    validation::path_id("configsetid", &id)?;
    app.read(&caller, |account| {
        let c = account
            .gitops
            .config_sets
            .get(&id)
            .ok_or_else(|| ApiFailure::not_found(format!("config set {id} does not exist")))?;
        Ok(Json(render_config_set(account, &id, c)))
    })
}

/// The name and namespace of an update must be the object's own: Flux objects are not renamed.
fn same_identity(
    what: &str,
    name: Option<&str>,
    namespace: Option<&str>,
    current: (&str, &str),
) -> ApiResult<()> {
    for (field, given, now) in [
        ("name", name, current.0),
        ("namespace", namespace, current.1),
    ] {
        if let Some(given) = given.filter(|g| *g != now) {
            return Err(ApiFailure::bad_body(format!(
                "invalid argument `{field}`: a {what} cannot be renamed or moved ({given:?} is not {now:?})"
            )));
        }
    }
    Ok(())
}

pub(crate) async fn update_config_set(
    State(app): State<Arc<AppState>>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<UpdateConfigSet>,
) -> ApiResult<Response> {
    validation::path_id("configsetid", &id)?;
    body_check(checks::update_config_set(&body))?;
    app.write(&caller, |account| {
        let c = account
            .gitops
            .config_sets
            .get(&id)
            .ok_or_else(|| ApiFailure::not_found(format!("config set {id} does not exist")))?;
        same_identity("config set", body.name.as_deref(), body.namespace.as_deref(), (&c.name, &c.namespace))?;
        writable_cluster(account, &c.cluster_id)?;
        let (cluster_id, namespace) = (c.cluster_id.clone(), c.namespace.clone());
        let new = body.kustomization_spec.clone().unwrap_or_default();
        // A new source must be a repository of the same cluster.
        let repo_id = match &new.source_ref {
            Some(source) => Some(repo_by_name(account, &cluster_id, &source.name, &namespace)?),
            None => None,
        };
        let Some(c) = account.gitops.config_sets.get_mut(&id) else {
            return Err(ApiFailure::not_found(format!("config set {id} does not exist")));
        };
        if let Some(repo_id) = repo_id {
            c.repo_id = repo_id;
        }
        let spec = &mut c.spec;
        macro_rules! merge {
            ($($field:ident),*) => { $( if new.$field.is_some() { spec.$field = new.$field.clone(); } )* };
        }
        merge!(path, interval, timeout, source_ref, target_namespace, prune);
        spec.extra.extend(new.extra);
        c.generation += 1;
        c.updated_at = Utc::now();
        Ok(super::ok_object())
    })
}

pub(crate) async fn delete_config_set(
    State(app): State<Arc<AppState>>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    validation::path_id("configsetid", &id)?;
    app.write(&caller, |account| {
        let c = account
            .gitops
            .config_sets
            .get(&id)
            .ok_or_else(|| ApiFailure::not_found(format!("config set {id} does not exist")))?;
        if account
            .clusters
            .get(&c.cluster_id)
            .is_some_and(|r| r.frozen)
        {
            return Err(ApiFailure::frozen(&c.cluster_id));
        }
        account.gitops.config_sets.remove(&id);
        Ok(super::ok_object())
    })
}

pub(crate) async fn list_repos(
    State(app): State<Arc<AppState>>,
    Extension(caller): Extension<Caller>,
    params: Params,
) -> ApiResult<Response> {
    list_page(
        &app,
        &caller,
        &params,
        |account| &account.gitops.repos,
        render_repo,
    )
}

pub(crate) async fn create_repo(
    State(app): State<Arc<AppState>>,
    Extension(caller): Extension<Caller>,
    JsonBody(body): JsonBody<CreateRepo>,
) -> ApiResult<Response> {
    body_check(checks::create_repo(&body))?;
    let cluster_id = body
        .cluster_info
        .as_ref()
        .and_then(|c| c.cluster_id.clone())
        .unwrap_or_default();
    let name = body.name.clone().unwrap_or_default();
    let namespace = body.namespace.clone().unwrap_or_default();
    let quota = app.quota();
    let uid = app.write(&caller, |account| {
        writable_cluster(account, &cluster_id)?;
        if account
            .gitops
            .repos
            .values()
            .any(|r| r.cluster_id == cluster_id && r.namespace == namespace && r.name == name)
        {
            return Err(validate_failed(format!(
                "name: repository {name:?} already exists in namespace {namespace:?} of cluster {cluster_id}"
            )));
        }
        if account.gitops.repos.len() >= quota {
            return Err(ApiFailure::quota("GitOps repositories", quota));
        }
        let mut spec = body.git_repository_spec.clone().unwrap_or_default();
        spec.git_ref.get_or_insert_with(|| GitRepositoryRef {
            branch: Some("master".into()),
            ..Default::default()
        });
        spec.interval.get_or_insert_with(|| "1m".into());
        spec.timeout.get_or_insert_with(|| "60s".into());
        let keys = body.secret_info.as_ref().and_then(secret_keys);
        if keys.is_some() && spec.secret_ref.is_none() {
            spec.secret_ref = Some(LocalObjectReference {
                name: Some(secret_name(&name)),
            });
        }
        let now = Utc::now();
        let uid = new_uid();
        let seq = account.next_seq();
        account.gitops.repos.insert(
            uid.clone(),
            RepoRecord {
                name: name.clone(),
                namespace: namespace.clone(),
                cluster_id: cluster_id.clone(),
                spec,
                auth_mode: body.secret_info.as_ref().and_then(|s| s.auth_mode.clone()),
                secret_keys: keys,
                generation: 1,
                created_at: now,
                updated_at: now,
                seq,
            },
        );
        Ok(uid)
    })?;
    Ok((StatusCode::CREATED, Json(Created { uid })).into_response())
}

pub(crate) async fn update_repo(
    State(app): State<Arc<AppState>>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<UpdateRepo>,
) -> ApiResult<Response> {
    validation::path_id("repoid", &id)?;
    body_check(checks::update_repo(&body))?;
    app.write(&caller, |account| {
        let r = account
            .gitops
            .repos
            .get(&id)
            .ok_or_else(|| ApiFailure::not_found(format!("repository {id} does not exist")))?;
        same_identity("repository", body.name.as_deref(), body.namespace.as_deref(), (&r.name, &r.namespace))?;
        writable_cluster(account, &r.cluster_id)?;
        let Some(r) = account.gitops.repos.get_mut(&id) else {
            return Err(ApiFailure::not_found(format!("repository {id} does not exist")));
        };
        if let Some(new) = body.git_repository_spec.clone() {
            let spec = &mut r.spec;
            macro_rules! merge {
                ($($field:ident),*) => { $( if new.$field.is_some() { spec.$field = new.$field.clone(); } )* };
            }
            merge!(url, git_ref, secret_ref, interval, timeout);
            spec.extra.extend(new.extra);
        }
        if let Some(info) = &body.secret_info {
            if info.auth_mode.is_some() {
                r.auth_mode = info.auth_mode.clone();
            }
            if let Some(keys) = secret_keys(info) {
                r.secret_keys = Some(keys);
                if r.spec.secret_ref.is_none() {
                    r.spec.secret_ref = Some(LocalObjectReference {
                        name: Some(secret_name(&r.name)),
                    });
                }
            }
        }
        r.generation += 1;
        r.updated_at = Utc::now();
        Ok(super::ok_object())
    })
}

pub(crate) async fn delete_repo(
    State(app): State<Arc<AppState>>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    validation::path_id("repoid", &id)?;
    app.write(&caller, |account| {
        let r = account
            .gitops
            .repos
            .get(&id)
            .ok_or_else(|| ApiFailure::not_found(format!("repository {id} does not exist")))?;
        if account
            .clusters
            .get(&r.cluster_id)
            .is_some_and(|c| c.frozen)
        {
            return Err(ApiFailure::frozen(&r.cluster_id));
        }
        let users: Vec<&str> = account
            .gitops
            .config_sets
            .values()
            .filter(|c| c.repo_id == id)
            .map(|c| c.name.as_str())
            .collect();
        if !users.is_empty() {
            return Err(validate_failed(format!(
                "repository {:?} is used by config set(s) {}; delete them first",
                r.name,
                users.join(", ")
            )));
        }
        account.gitops.repos.remove(&id);
        Ok(super::ok_object())
    })
}

/// Config set counts of one cluster, from its records.
fn cluster_counts(account: &Account, cluster_id: &str) -> ClusterReconcileStatus {
    let sets = account
        .gitops
        .config_sets
        .values()
        .filter(|c| c.cluster_id == cluster_id)
        .count();
    let repos = account
        .gitops
        .repos
        .values()
        .filter(|r| r.cluster_id == cluster_id)
        .count();
    let healthy = health(account, cluster_id) == "Health";
    let n = |v: usize| Some(i64::try_from(v).unwrap_or(i64::MAX));
    ClusterReconcileStatus {
        cluster_id: Some(cluster_id.to_owned()),
        config_set_total_num: n(sets),
        health_status_num: n(if healthy { sets } else { 0 }),
        failed_status_num: n(0),
        unknown_status_num: n(if healthy { 0 } else { sets }),
        progressing_status_num: n(0),
        // One Kustomization per config set and one GitRepository per repository.
        k8s_resource_num: n(sets + repos),
        source_repo_num: n(repos),
    }
}

pub(crate) async fn statistics(
    State(app): State<Arc<AppState>>,
    Extension(caller): Extension<Caller>,
    params: Params,
) -> ApiResult<Json<GitOpsStatistics>> {
    let paging = Paging::from_params(&params)?;
    app.read(&caller, |account| {
        let enabled: Vec<(&String, &GitOpsCluster)> = account
            .gitops
            .clusters
            .iter()
            .filter(|(id, _)| account.clusters.contains_key(*id))
            .collect();
        let all: Vec<ClusterReconcileStatus> = enabled
            .iter()
            .map(|(id, _)| cluster_counts(account, id))
            .collect();
        let sum = |f: fn(&ClusterReconcileStatus) -> Option<i64>| {
            Some(all.iter().filter_map(f).sum::<i64>())
        };
        let overview = OverviewReconcileStatus {
            config_set_total_num: sum(|c| c.config_set_total_num),
            health_status_num: sum(|c| c.health_status_num),
            failed_status_num: sum(|c| c.failed_status_num),
            unknown_status_num: sum(|c| c.unknown_status_num),
            progressing_status_num: sum(|c| c.progressing_status_num),
        };
        let rows = enabled
            .iter()
            .zip(all.iter())
            .map(|((_, g), counts)| Sortable {
                created: g.enabled_at,
                updated: g.enabled_at,
                seq: g.seq,
                item: counts.clone(),
            })
            .collect();
        let (items, total) = paging.apply(rows);
        Ok(Json(GitOpsStatistics {
            overview_status: Some(overview),
            items,
            total: Some(i64::try_from(total).unwrap_or(i64::MAX)),
        }))
    })
}
