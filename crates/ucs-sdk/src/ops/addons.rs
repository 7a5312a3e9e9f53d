//! `client.addons()`: add-on instances of clusters (`/v1/addons`; official SDK only).

use http::Method;

use super::query_pairs;
use crate::client::Client;
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
}
