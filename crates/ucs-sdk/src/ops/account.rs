//! `client.account()`: the account's quotas and the service's configuration
//! (`/v1/maintenance/quota/{domainid}`, `/v1/serverconfig`; official SDK only).

use http::Method;

use super::seg;
use crate::client::Client;
use crate::error::Result;
use crate::models::*;
use crate::transport::Service;
use crate::validate;

/// Account operations; get one with [`Client::account`].
#[derive(Debug, Clone)]
pub struct Account {
    client: Client,
}

impl Account {
    pub(crate) fn new(client: Client) -> Self {
        Self { client }
    }

    /// `GET /v1/maintenance/quota/{domainid}`: the limits and use of clusters, fleets, rules and
    /// federations of the account `domain_id` (the caller's own).
    pub async fn get_quota(&self, domain_id: &str) -> Result<Quotas> {
        validate::id("domain_id", domain_id)?;
        let path = format!("/v1/maintenance/quota/{}", seg(domain_id));
        let req = self.client.request(Service::Ucs, Method::GET, path)?;
        self.client.call(req).await
    }

    /// `GET /v1/serverconfig`: the on-premise releases and federation versions on offer.
    pub async fn list_server_configs(&self) -> Result<ServerConfigs> {
        let req = self
            .client
            .request(Service::Ucs, Method::GET, "/v1/serverconfig".into())?;
        self.client.call(req).await
    }
}
