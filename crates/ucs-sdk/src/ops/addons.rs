//! `client.addons()`: add-on instances of clusters (`/v1/addons`) and the add-on catalogue
//! (`/v1/addontemplates`); official SDK only.

use http::Method;

use super::{query_pairs, seg};
use crate::client::{body_of, Client};
use crate::error::Result;
use crate::models::*;
use crate::transport::Service;
use crate::validate;

/// Add-on operations; get one with [`Client::addons`].
#[derive(Debug, Clone)]
pub struct Addons {
    client: Client,
}

impl Addons {
    pub(crate) fn new(client: Client) -> Self {
        Self { client }
    }

    /// `GET /v1/addons?cluster_id=...`: the add-on instances of a cluster.
    pub async fn list(&self, query: &ListAddonInstancesQuery) -> Result<AddonInstanceList> {
        validate::path_segment("cluster_id", &query.cluster_id)?;
        let mut req = self
            .client
            .request(Service::Ucs, Method::GET, "/v1/addons".into())?;
        req.query = query_pairs(query)?;
        self.client.call(req).await
    }

    fn path(id: &str) -> String {
        format!("/v1/addons/{}", seg(id))
    }

    /// `POST /v1/addons`: installs an add-on from the catalogue in a cluster (`kind` and
    /// `apiVersion` are filled in when absent).
    pub async fn create(&self, body: &AddonInstance) -> Result<AddonInstance> {
        let body = body.with_defaults();
        body.check_create()?;
        let mut req = self
            .client
            .request(Service::Ucs, Method::POST, "/v1/addons".into())?;
        req.body = Some(body_of(&body)?);
        self.client.call(req).await
    }

    /// `GET /v1/addons/{id}`: one add-on instance.
    pub async fn get(
        &self,
        addon_id: &str,
        query: &ShowAddonInstanceQuery,
    ) -> Result<AddonInstance> {
        validate::id("addon_id", addon_id)?;
        if let Some(cluster) = query.cluster_id.as_deref() {
            validate::cluster_id("cluster_id", cluster)?;
        }
        let mut req = self
            .client
            .request(Service::Ucs, Method::GET, Self::path(addon_id))?;
        req.query = query_pairs(query)?;
        self.client.call(req).await
    }

    /// `PUT /v1/addons/{id}`: upgrades (`spec.version`) or reconfigures (`spec.values`) an
    /// instance (`kind` and `apiVersion` are filled in when absent).
    pub async fn update(&self, addon_id: &str, body: &AddonInstance) -> Result<AddonInstance> {
        validate::id("addon_id", addon_id)?;
        let body = body.with_defaults();
        body.check_update()?;
        let mut req = self
            .client
            .request(Service::Ucs, Method::PUT, Self::path(addon_id))?;
        req.body = Some(body_of(&body)?);
        self.client.call(req).await
    }

    /// `DELETE /v1/addons/{id}`: uninstalls an instance.
    pub async fn delete(&self, addon_id: &str, query: &DeleteAddonInstanceQuery) -> Result<()> {
        validate::id("addon_id", addon_id)?;
        if let Some(cluster) = query.cluster_id.as_deref() {
            validate::cluster_id("cluster_id", cluster)?;
        }
        let mut req = self
            .client
            .request(Service::Ucs, Method::DELETE, Self::path(addon_id))?;
        req.query = query_pairs(query)?;
        self.client.call_empty(req).await
    }

    /// `GET /v1/addontemplates`: the add-on catalogue.
    pub async fn list_templates(
        &self,
        query: &ListAddonTemplatesQuery,
    ) -> Result<AddonTemplateList> {
        query.check()?;
        let mut req =
            self.client
                .request(Service::Ucs, Method::GET, "/v1/addontemplates".into())?;
        req.query = query_pairs(query)?;
        self.client.call(req).await
    }
}
