//! `/v1/maintenance/quota/{domainid}` and `/v1/serverconfig`: the caller's quotas as the emulator
//! enforces them (the limit of `--quota` / `PUT /_emulator/quota`, the live counts) and a fixed
//! service configuration.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::{Extension, Json};
use ucs_models::models::{
    OnPremisesConfig, OnPremisesVersionInfo, QuotaResource, QuotaResources, Quotas, ServerConfigs,
    ServerFederationConfig, ServerFederationVersion, ServerFederationVersionInfo,
};

use super::control::MAX_QUOTA;
use crate::auth::Caller;
use crate::error::{ApiFailure, ApiResult};
use crate::federation::VERSIONS;
use crate::server::AppState;
use crate::validation;

fn resource(kind: &str, quota: usize, used: usize) -> QuotaResource {
    QuotaResource {
        resource_type: Some(kind.into()),
        quota: Some(quota.to_string()),
        used: Some(used.to_string()),
        unit: Some("count".into()),
        min: Some("1".into()),
        max: Some(MAX_QUOTA.to_string()),
    }
}

/// One quota for each of clusters, fleets, rules and federations: the one limit the emulator
/// applies to each (federations are bounded by fleets), and what the account holds. Another
/// account's id is 403 `UCS.01000004`.
pub(crate) async fn get_quota(
    State(app): State<Arc<AppState>>,
    Extension(caller): Extension<Caller>,
    Path(domain_id): Path<String>,
) -> ApiResult<Json<Quotas>> {
    validation::path_id("domainid", &domain_id)?;
    if domain_id != caller.domain_id {
        return Err(ApiFailure::new(
            "UCS.01000004",
            format!("domain {domain_id} is not the caller's account"),
        ));
    }
    let quota = app.quota();
    app.read(&caller, |account| {
        let federations = account
            .fleets
            .values()
            .filter(|f| f.federation.is_some())
            .count();
        Ok(Json(Quotas {
            quotas: QuotaResources {
                resources: vec![
                    resource("cluster", quota, account.clusters.len()),
                    resource("clustergroup", quota, account.fleets.len()),
                    resource("rule", quota, account.rules.len()),
                    resource("federation", quota, federations),
                ],
            },
        }))
    })
}

/// The on-premise releases (one per architecture) and federation versions the emulator offers.
pub(crate) const ONPREMISE_RELEASES: &[(&str, &str, &str)] = &[
    ("v1.28.15", "v1.28.15-r0", "x86_64"),
    ("v1.28.15", "v1.28.15-r0", "aarch64"),
    ("v1.29.10", "v1.29.10-r0", "x86_64"),
    ("v1.29.10", "v1.29.10-r0", "aarch64"),
];

pub(crate) async fn list_server_configs() -> Json<ServerConfigs> {
    let obs = "obs.cn-north-4.myhuaweicloud.com";
    let versions_info = ONPREMISE_RELEASES
        .iter()
        .map(|(k8s, release, arch)| OnPremisesVersionInfo {
            kubernetes_version: Some((*k8s).into()),
            release_version: Some((*release).into()),
            ucsctl_download_url: Some(format!(
                "https://ucs-onpremise.{obs}/{release}/{arch}/ucs-ctl"
            )),
            arch: Some((*arch).into()),
            obs_endpoint: Some(obs.into()),
            package_path: Some(format!("ucs-onpremise/{release}/{arch}/packages.tar.gz")),
            images_package_path: Some(format!("ucs-onpremise/{release}/{arch}/images.tar.gz")),
            target_version: None,
        })
        .collect();
    let spec = |v: &str| ServerFederationVersion {
        federation_version: Some(v.into()),
    };
    Json(ServerConfigs {
        onpremises: Some(OnPremisesConfig { versions_info }),
        federations: Some(ServerFederationConfig {
            // Each version with the later ones it can be upgraded to.
            versions_info: VERSIONS
                .iter()
                .enumerate()
                .map(|(i, current)| ServerFederationVersionInfo {
                    current_version: Some(spec(current)),
                    target_versions: VERSIONS[i + 1..].iter().map(|t| spec(t)).collect(),
                })
                .collect(),
        }),
        extra: Default::default(),
    })
}
