//! `/v1/addons` and `/v1/addontemplates`: add-on instances of registered clusters, installed from
//! a fixed catalogue of templates (a few real UCS add-ons and their versions). An instance is
//! `running` as soon as it is created; deleting its cluster drops it.

use std::cmp::Ordering;
use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::json;
use ucs_models::models::{
    AddonInstance, AddonInstanceList, AddonInstanceSpec, AddonInstanceStatus, AddonSupportVersion,
    AddonTemplate, AddonTemplateList, AddonTemplateSpec, AddonVersion, ObjectMeta,
};
use ucs_models::validate;

use super::clusters::{check_available, find};
use super::ok_empty;
use crate::auth::Caller;
use crate::error::{ApiFailure, ApiResult};
use crate::extract::{JsonBody, Params};
use crate::ids::new_uid;
use crate::server::AppState;
use crate::state::{rfc3339, Account};
use crate::validation;

/// One add-on of the catalogue.
struct TemplateDef {
    name: &'static str,
    kind: &'static str,
    description: &'static str,
    labels: &'static [&'static str],
    /// Oldest first; the last is the newest.
    versions: &'static [&'static str],
}

/// The catalogue every account sees (real UCS add-on names; versions as the console listed them).
const CATALOGUE: &[TemplateDef] = &[
    TemplateDef {
        name: "gatekeeper",
        kind: "helm",
        description: "Open Policy Agent Gatekeeper: admission policies for the cluster.",
        labels: &["Security"],
        versions: &["3.13.4", "3.14.0", "3.15.1"],
    },
    TemplateDef {
        name: "kube-prometheus-stack",
        kind: "helm",
        description: "Prometheus, its operator and exporters: the cluster's monitoring.",
        labels: &["Monitoring"],
        versions: &["3.9.3", "3.10.1", "3.11.0"],
    },
    TemplateDef {
        name: "log-agent",
        kind: "helm",
        description: "Collects container and node logs into LTS.",
        labels: &["Logging"],
        versions: &["1.4.2", "1.5.0"],
    },
    TemplateDef {
        name: "cert-manager",
        kind: "helm",
        description: "Issues and renews TLS certificates for the cluster's workloads.",
        labels: &["Security"],
        versions: &["1.13.3", "1.14.4"],
    },
];

/// An installed add-on (`Account::addons`, by instance id).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct AddonRecord {
    pub instance: AddonInstance,
    pub cluster_id: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub seq: u64,
}

/// Drops the add-ons of a cluster that is unregistered.
pub(crate) fn drop_cluster(account: &mut Account, cluster_id: &str) {
    account.addons.retain(|_, a| a.cluster_id != cluster_id);
}

fn template(name: &str) -> Option<&'static TemplateDef> {
    CATALOGUE.iter().find(|t| t.name == name)
}

/// Numeric comparison of dotted versions (`3.9.3` < `3.10.1`); non-numeric parts compare as text.
fn compare_versions(a: &str, b: &str) -> Ordering {
    let parts = |v: &str| -> Vec<(u64, String)> {
        v.trim_start_matches('v')
            .split('.')
            .map(|p| (p.parse().unwrap_or(0), p.to_owned()))
            .collect()
    };
    parts(a).cmp(&parts(b))
}

fn version(t: &TemplateDef, v: &str) -> AddonVersion {
    AddonVersion {
        id: Some(format!("{}-{v}", t.name)),
        version: Some(v.to_owned()),
        input: Some(json!({"basic": {"namespace": "kube-system"}, "parameters": {}})),
        stable: Some(true),
        translate: None,
        support_versions: vec![AddonSupportVersion {
            category: Some("attachedcluster".into()),
            cluster_type: Some("VirtualMachine".into()),
            cluster_version: vec!["v1.*".into()],
        }],
        creation_timestamp: Some("2024-01-01T00:00:00Z".into()),
        update_timestamp: Some("2024-01-01T00:00:00Z".into()),
    }
}

fn render_template(t: &TemplateDef, versions: Vec<AddonVersion>) -> AddonTemplate {
    AddonTemplate {
        kind: Some("Addon".into()),
        api_version: Some("v3".into()),
        metadata: ObjectMeta {
            uid: Some(format!("addon-template-{}", t.name)),
            name: Some(t.name.into()),
            creation_timestamp: Some("2024-01-01T00:00:00Z".into()),
            update_timestamp: Some("2024-01-01T00:00:00Z".into()),
            ..Default::default()
        },
        spec: Some(AddonTemplateSpec {
            template_type: Some(t.kind.into()),
            require: Some(false),
            labels: Some(t.labels.iter().map(|l| (*l).to_owned()).collect()),
            logo_url: Some(format!(
                "https://ucs-addons.obs.myhuaweicloud.com/{}.svg",
                t.name
            )),
            readme_url: Some(format!(
                "https://ucs-addons.obs.myhuaweicloud.com/{}.md",
                t.name
            )),
            description: Some(t.description.into()),
            versions,
        }),
        extra: Default::default(),
    }
}

/// The instance as answered: its status follows the template's versions.
fn render(record: &AddonRecord) -> AddonInstance {
    let mut instance = record.instance.clone();
    instance.metadata.creation_timestamp = Some(rfc3339(record.created_at));
    instance.metadata.update_timestamp = Some(rfc3339(record.updated_at));
    let spec = instance.spec.clone().unwrap_or_default();
    let installed = spec.version.unwrap_or_default();
    let t = spec.addon_template_name.as_deref().and_then(template);
    let targets = t.map(|t| {
        t.versions
            .iter()
            .filter(|v| compare_versions(v, &installed) == Ordering::Greater)
            .map(|v| (*v).to_owned())
            .collect()
    });
    instance.status = Some(AddonInstanceStatus {
        status: Some("running".into()),
        reason: Some(String::new()),
        message: Some(String::new()),
        target_versions: targets,
        current_version: t.and_then(|t| serde_json::to_value(version(t, &installed)).ok()),
    });
    instance
}

fn instance_not_found(id: &str) -> ApiFailure {
    ApiFailure::not_found(format!("add-on instance {id} does not exist"))
}

/// The version must be one of the template's: 400 naming `spec.version` otherwise.
fn check_version(t: &TemplateDef, v: &str) -> ApiResult<()> {
    if t.versions.contains(&v) {
        return Ok(());
    }
    Err(ApiFailure::bad_body(format!(
        "invalid argument `spec.version`: {v:?} is not a version of {} ({})",
        t.name,
        t.versions.join(", ")
    )))
}

/// A query `cluster_id`, when given, is a UUID naming the instance's cluster.
fn check_cluster_param(params: &Params, record: &AddonRecord) -> ApiResult<()> {
    let Some(cluster) = params.str("cluster_id").filter(|c| !c.is_empty()) else {
        return Ok(());
    };
    validate::cluster_id("cluster_id", cluster)
        .map_err(|e| ApiFailure::bad_query(e.to_string()))?;
    if cluster != record.cluster_id {
        return Err(ApiFailure::bad_query(format!(
            "`cluster_id` {cluster} is not the cluster of the add-on instance ({})",
            record.cluster_id
        )));
    }
    Ok(())
}

fn check_instance_id(id: &str) -> ApiResult<()> {
    validation::path_id("id", id)
}

/// A cluster whose add-ons change: registered, not frozen, its agent connected.
fn changeable_cluster(account: &Account, cluster_id: &str) -> ApiResult<()> {
    let cluster = find(account, cluster_id)?;
    if cluster.frozen {
        return Err(ApiFailure::frozen(cluster_id));
    }
    check_available(cluster)
}

pub(crate) async fn list(
    State(app): State<Arc<AppState>>,
    Extension(caller): Extension<Caller>,
    params: Params,
) -> ApiResult<Json<AddonInstanceList>> {
    let cluster_id = params.str("cluster_id").unwrap_or("").to_owned();
    validate::cluster_id("cluster_id", &cluster_id)
        .map_err(|e| ApiFailure::bad_query(e.to_string()))?;
    params.one_of("is_database_status", &["true", "false"])?;
    let template_name = params.str("addon_template_name").filter(|n| !n.is_empty());
    app.read(&caller, |account| {
        find(account, &cluster_id)?;
        let mut records: Vec<&AddonRecord> = account
            .addons
            .values()
            .filter(|a| a.cluster_id == cluster_id)
            .filter(|a| {
                template_name.is_none_or(|n| {
                    a.instance
                        .spec
                        .as_ref()
                        .and_then(|s| s.addon_template_name.as_deref())
                        == Some(n)
                })
            })
            .collect();
        records.sort_by_key(|a| a.seq);
        Ok(Json(AddonInstanceList {
            kind: Some("List".into()),
            api_version: Some("v1".into()),
            items: records.into_iter().map(render).collect(),
        }))
    })
}

pub(crate) async fn create(
    State(app): State<Arc<AppState>>,
    Extension(caller): Extension<Caller>,
    JsonBody(body): JsonBody<AddonInstance>,
) -> ApiResult<Response> {
    validation::body(body.check_create())?;
    let spec = body.spec.clone().unwrap_or_default();
    let cluster_id = spec.cluster_id.clone().unwrap_or_default();
    let template_name = spec.addon_template_name.clone().unwrap_or_default();
    let installed = app.write(&caller, |account| {
        changeable_cluster(account, &cluster_id)?;
        let t = template(&template_name).ok_or_else(|| {
            ApiFailure::not_found(format!("add-on template {template_name:?} does not exist"))
        })?;
        check_version(t, spec.version.as_deref().unwrap_or(""))?;
        let name = body
            .metadata
            .name
            .clone()
            .unwrap_or_else(|| template_name.clone());
        let taken = account.addons.values().any(|a| {
            a.cluster_id == cluster_id && a.instance.metadata.name.as_deref() == Some(&name)
        });
        if taken {
            // The reference has no add-on code: the cluster-scoped conflict is the closest.
            return Err(ApiFailure::new(
                "UCS.01030003",
                format!("an add-on named {name:?} is already installed in cluster {cluster_id}"),
            ));
        }
        let id = new_uid();
        let now = Utc::now();
        let mut instance = body.clone();
        instance.metadata.uid = Some(id.clone());
        instance.metadata.name = Some(name);
        instance.status = None;
        instance.extra.clear();
        instance.spec = Some(AddonInstanceSpec {
            addon_template_type: Some(t.kind.into()),
            addon_template_logo: Some(format!(
                "https://ucs-addons.obs.myhuaweicloud.com/{}.svg",
                t.name
            )),
            addon_template_labels: Some(t.labels.iter().map(|l| (*l).to_owned()).collect()),
            description: spec
                .description
                .clone()
                .or_else(|| Some(t.description.into())),
            namespace: spec
                .namespace
                .clone()
                .or_else(|| Some("kube-system".into())),
            ..spec.clone()
        });
        let record = AddonRecord {
            instance,
            cluster_id: cluster_id.clone(),
            created_at: now,
            updated_at: now,
            seq: account.next_seq(),
        };
        let answer = render(&record);
        account.addons.insert(id, record);
        Ok(answer)
    })?;
    Ok((StatusCode::CREATED, Json(installed)).into_response())
}

pub(crate) async fn get(
    State(app): State<Arc<AppState>>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    params: Params,
) -> ApiResult<Json<AddonInstance>> {
    check_instance_id(&id)?;
    params.one_of("is_database_status", &["true", "false"])?;
    app.read(&caller, |account| {
        let record = account
            .addons
            .get(&id)
            .ok_or_else(|| instance_not_found(&id))?;
        check_cluster_param(&params, record)?;
        Ok(Json(render(record)))
    })
}

pub(crate) async fn update(
    State(app): State<Arc<AppState>>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<AddonInstance>,
) -> ApiResult<Json<AddonInstance>> {
    check_instance_id(&id)?;
    validation::body(body.check_update())?;
    let new = body.spec.clone().unwrap_or_default();
    app.write(&caller, |account| {
        let cluster_id = account
            .addons
            .get(&id)
            .ok_or_else(|| instance_not_found(&id))?
            .cluster_id
            .clone();
        changeable_cluster(account, &cluster_id)?;
        let record = account
            .addons
            .get_mut(&id)
            .ok_or_else(|| instance_not_found(&id))?;
        let spec = record.instance.spec.get_or_insert_with(Default::default);
        if new.cluster_id.as_deref().is_some_and(|c| c != cluster_id) {
            return Err(ApiFailure::bad_body(format!(
                "invalid argument `spec.clusterID`: the add-on instance is in cluster {cluster_id}; it cannot move"
            )));
        }
        let template_name = spec.addon_template_name.clone().unwrap_or_default();
        if new
            .addon_template_name
            .as_deref()
            .is_some_and(|n| n != template_name)
        {
            return Err(ApiFailure::bad_body(format!(
                "invalid argument `spec.addonTemplateName`: the add-on instance is of template {template_name:?}"
            )));
        }
        if let (Some(v), Some(t)) = (new.version.as_deref(), template(&template_name)) {
            check_version(t, v)?;
            spec.version = Some(v.to_owned());
        }
        if new.values.is_some() {
            spec.values = new.values;
        }
        if new.parameters.is_some() {
            spec.parameters = new.parameters;
        }
        if new.description.is_some() {
            spec.description = new.description;
        }
        if body.metadata.labels.is_some() {
            record.instance.metadata.labels = body.metadata.labels.clone();
        }
        if body.metadata.annotations.is_some() {
            record.instance.metadata.annotations = body.metadata.annotations.clone();
        }
        record.updated_at = Utc::now();
        Ok(Json(render(record)))
    })
}

pub(crate) async fn delete(
    State(app): State<Arc<AppState>>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    params: Params,
) -> ApiResult<Response> {
    check_instance_id(&id)?;
    app.write(&caller, |account| {
        let record = account
            .addons
            .get(&id)
            .ok_or_else(|| instance_not_found(&id))?;
        check_cluster_param(&params, record)?;
        let cluster_id = record.cluster_id.clone();
        let cluster = find(account, &cluster_id)?;
        if cluster.frozen {
            return Err(ApiFailure::frozen(&cluster_id));
        }
        account.addons.remove(&id);
        Ok(ok_empty())
    })
}

pub(crate) async fn list_templates(
    State(app): State<Arc<AppState>>,
    Extension(caller): Extension<Caller>,
    params: Params,
) -> ApiResult<Json<AddonTemplateList>> {
    let newest = params.one_of("newest", &["true", "false"])?.as_deref() == Some("true");
    let only_version = params.str("version").filter(|v| !v.is_empty());
    let name = params.str("addon_template_name").filter(|n| !n.is_empty());
    let base = params
        .str("base_update_addon_version")
        .filter(|v| !v.is_empty());
    if let Some(cluster) = params.str("cluster_id").filter(|c| !c.is_empty()) {
        validate::cluster_id("cluster_id", cluster)
            .map_err(|e| ApiFailure::bad_query(e.to_string()))?;
        app.read(&caller, |account| find(account, cluster).map(|_| ()))?;
    }
    let items = CATALOGUE
        .iter()
        .filter(|t| name.is_none_or(|n| n == t.name))
        .filter_map(|t| {
            let mut versions: Vec<&str> = t
                .versions
                .iter()
                .copied()
                .filter(|v| only_version.is_none_or(|o| o == *v))
                .filter(|v| base.is_none_or(|b| compare_versions(v, b) == Ordering::Greater))
                .collect();
            if newest {
                versions = versions.last().copied().into_iter().collect();
            }
            let versions: Vec<AddonVersion> = versions.iter().map(|v| version(t, v)).collect();
            (!versions.is_empty()).then(|| render_template(t, versions))
        })
        .collect();
    Ok(Json(AddonTemplateList {
        kind: Some("List".into()),
        api_version: Some("v3".into()),
        items,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_compare_numerically() {
        assert_eq!(compare_versions("3.9.3", "3.10.1"), Ordering::Less);
        assert_eq!(compare_versions("v1.14.4", "1.14.4"), Ordering::Equal);
        assert_eq!(compare_versions("3.15.1", "3.14.0"), Ordering::Greater);
    }

    #[test]
    fn the_catalogue_lists_versions_oldest_first() {
        for t in CATALOGUE {
            assert!(
                t.versions
                    .windows(2)
                    .all(|w| compare_versions(w[0], w[1]) == Ordering::Less),
                "{}",
                t.name
            );
        }
    }
}
