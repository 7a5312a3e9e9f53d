//! `client.hss()`: HSS v5 multi-cloud cluster creation (regional, project-scoped).

use http::Method;

use super::{query_pairs, seg};
use crate::client::{body_of, Client};
use crate::error::Result;
use crate::models::*;
use crate::transport::Service;
use crate::validate;

/// HSS operations; get one with [`Client::hss`].
#[derive(Debug, Clone)]
pub struct Hss {
    client: Client,
}

fn check(body: &CreateMulticloudCluster, query: &CreateMulticloudClusterQuery) -> Result<()> {
    validate::opt_one_of("provider", body.provider.as_deref(), HSS_PROVIDERS)?;
    validate::opt_one_of(
        "image_repo_type",
        body.image_repo_type.as_deref(),
        HSS_IMAGE_REPO_TYPES,
    )?;
    validate::opt_one_of("image_arch", body.image_arch.as_deref(), HSS_IMAGE_ARCHES)?;
    validate::opt_one_of("dns_policy", body.dns_policy.as_deref(), HSS_DNS_POLICIES)?;
    for (field, value) in [
        ("current_expiration_date", body.current_expiration_date),
        (
            "certificate_expiration_date",
            body.certificate_expiration_date,
        ),
    ] {
        if let Some(v) = value {
            validate::range(field, v, 0, i64::MAX)?;
        }
    }
    if let Some(ep) = &query.enterprise_project_id {
        validate::length("enterprise_project_id", ep, 1, 256)?;
    }
    Ok(())
}

impl Hss {
    pub(crate) fn new(client: Client) -> Self {
        Self { client }
    }

    /// `POST /v5/{project_id}/container/kubernetes/multi-cloud/clusters`.
    pub async fn create_multicloud_cluster(
        &self,
        body: &CreateMulticloudCluster,
        query: &CreateMulticloudClusterQuery,
    ) -> Result<MulticloudClusterCreated> {
        check(body, query)?;
        let project_id = self.client.inner.project_id().await?;
        validate::length("project_id", &project_id, 1, 256)?;
        validate::path_segment("project_id", &project_id)?;
        let path = format!(
            "/v5/{}/container/kubernetes/multi-cloud/clusters",
            seg(&project_id)
        );
        let mut req = self.client.request(Service::Hss, Method::POST, path)?;
        req.query = query_pairs(query)?;
        req.body = Some(body_of(body)?);
        self.client.call(req).await
    }
}
