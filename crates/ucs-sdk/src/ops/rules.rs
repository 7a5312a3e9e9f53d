//! `client.rules()`: the 4 permission rule operations of reference 3.3.

use http::Method;

use super::{query_pairs, seg};
use crate::client::{body_of, Client};
use crate::error::Result;
use crate::models::*;
use crate::paginate::{paginate_query, ItemStream};
use crate::transport::Service;
use crate::validate;

/// Permission rule operations; get one with [`Client::rules`].
#[derive(Debug, Clone)]
pub struct Rules {
    client: Client,
}

impl Rules {
    pub(crate) fn new(client: Client) -> Self {
        Self { client }
    }

    /// `POST /v1/permissions/rules` (sent as JSON, never form-encoded).
    pub async fn create(&self, body: &CreateRule) -> Result<Created> {
        validate::length("metadata.name", &body.metadata.name, 1, validate::NAME_MAX)?;
        ucs_models::body_checks::rule_spec(&body.spec)?;
        let mut req =
            self.client
                .request(Service::Ucs, Method::POST, "/v1/permissions/rules".into())?;
        req.body = Some(body_of(body)?);
        self.client.call(req).await
    }

    /// `GET /v1/permissions/rules`: one page of rules.
    pub async fn list(&self, query: &PageQuery) -> Result<RuleList> {
        validate::paging(
            query.limit,
            query.offset,
            query.order_by.as_deref(),
            query.order.as_deref(),
        )?;
        let mut req =
            self.client
                .request(Service::Ucs, Method::GET, "/v1/permissions/rules".into())?;
        req.query = query_pairs(query)?;
        self.client.call(req).await
    }

    /// Every rule, page after page (`limit` is the page size, default 50).
    pub fn iter(&self, query: PageQuery) -> ItemStream<Rule> {
        let this = self.clone();
        paginate_query(query, move |q| {
            let this = this.clone();
            async move { this.list(&q).await.map(|page| (page.items, page.total)) }
        })
    }

    /// `PUT /v1/permissions/rules/{id}`.
    pub async fn update(&self, rule_id: &str, body: &UpdateRule) -> Result<()> {
        validate::id("rule_id", rule_id)?;
        if let Some(spec) = &body.spec {
            ucs_models::body_checks::rule_spec(spec)?;
        }
        let path = format!("/v1/permissions/rules/{}", seg(rule_id));
        let mut req = self.client.request(Service::Ucs, Method::PUT, path)?;
        req.body = Some(body_of(body)?);
        self.client.call_empty(req).await
    }

    /// `DELETE /v1/permissions/rules/{id}`.
    pub async fn delete(&self, rule_id: &str) -> Result<()> {
        validate::id("rule_id", rule_id)?;
        let path = format!("/v1/permissions/rules/{}", seg(rule_id));
        let req = self.client.request(Service::Ucs, Method::DELETE, path)?;
        self.client.call_empty(req).await
    }
}
