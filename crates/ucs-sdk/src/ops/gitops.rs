//! GitOps (official SDKs only): `client.gitops()` enables Flux on a cluster
//! (`/v1/clusters/{id}/gitops`), `client.configsets()` manages its config sets (Kustomizations,
//! `/v1/configsets`) and `client.repos()` their source repositories (`/v1/configsets/repos`).

use http::Method;

use super::{query_pairs, seg};
use crate::client::{body_of, Client};
use crate::error::Result;
use crate::models::gitops_checks as checks;
use crate::models::*;
use crate::paginate::{paginate_query, ItemStream, PagedQuery};
use crate::transport::Service;
use crate::validate;

/// GitOps on clusters; get one with [`Client::gitops`].
#[derive(Debug, Clone)]
pub struct GitOps {
    client: Client,
}

/// Config sets; get one with [`Client::configsets`].
#[derive(Debug, Clone)]
pub struct ConfigSets {
    client: Client,
}

/// Source repositories; get one with [`Client::repos`].
#[derive(Debug, Clone)]
pub struct Repos {
    client: Client,
}

macro_rules! paged {
    ($($query:ty),*) => {$(
        impl PagedQuery for $query {
            fn limit(&self) -> Option<i64> {
                self.limit
            }
            fn offset(&self) -> Option<i64> {
                self.offset
            }
            fn set_page(&mut self, offset: i64, limit: i64) {
                (self.offset, self.limit) = (Some(offset), Some(limit));
            }
        }
    )*};
}

paged!(ListConfigSetsQuery, ListReposQuery);

/// The filter and paging of the two lists.
fn check_list(
    clusterid: Option<&str>,
    limit: Option<i64>,
    offset: Option<i64>,
    order_by: Option<&str>,
    order: Option<&str>,
) -> Result<()> {
    if let Some(id) = clusterid {
        validate::cluster_id("clusterid", id)?;
    }
    validate::paging(limit, offset, order_by, order)?;
    Ok(())
}

impl GitOps {
    pub(crate) fn new(client: Client) -> Self {
        Self { client }
    }

    fn path(cluster_id: &str) -> Result<String> {
        validate::cluster_id("cluster_id", cluster_id)?;
        Ok(format!("/v1/clusters/{}/gitops", seg(cluster_id)))
    }

    /// `POST /v1/clusters/{id}/gitops`: installs the Flux controllers; answers the job.
    pub async fn enable(&self, cluster_id: &str, query: &EnableGitOpsQuery) -> Result<GitOpsJob> {
        let path = Self::path(cluster_id)?;
        validate::opt_one_of("retry", query.retry.as_deref(), &["true", "false"])?;
        let mut req = self.client.request(Service::Ucs, Method::POST, path)?;
        req.query = query_pairs(query)?;
        self.client.call(req).await
    }

    /// `GET /v1/clusters/{id}/gitops`: the Flux controller pods.
    pub async fn status(&self, cluster_id: &str) -> Result<GitOpsStatus> {
        let req = self
            .client
            .request(Service::Ucs, Method::GET, Self::path(cluster_id)?)?;
        self.client.call(req).await
    }

    /// `DELETE /v1/clusters/{id}/gitops`: uninstalls them; answers the job.
    pub async fn disable(&self, cluster_id: &str) -> Result<GitOpsJob> {
        let req = self
            .client
            .request(Service::Ucs, Method::DELETE, Self::path(cluster_id)?)?;
        self.client.call(req).await
    }
}

impl ConfigSets {
    pub(crate) fn new(client: Client) -> Self {
        Self { client }
    }

    fn path(config_set_id: &str) -> Result<String> {
        validate::id("config_set_id", config_set_id)?;
        Ok(format!("/v1/configsets/{}", seg(config_set_id)))
    }

    /// `GET /v1/configsets`: one page of config sets.
    pub async fn list(&self, query: &ListConfigSetsQuery) -> Result<ConfigSetList> {
        check_list(
            query.clusterid.as_deref(),
            query.limit,
            query.offset,
            query.order_by.as_deref(),
            query.order.as_deref(),
        )?;
        let mut req = self
            .client
            .request(Service::Ucs, Method::GET, "/v1/configsets".into())?;
        req.query = query_pairs(query)?;
        self.client.call(req).await
    }

    /// Every config set, page after page (`limit` is the page size, default 50).
    pub fn iter(&self, query: ListConfigSetsQuery) -> ItemStream<ConfigSet> {
        let this = self.clone();
        paginate_query(query, move |q| {
            let this = this.clone();
            async move { this.list(&q).await.map(|page| (page.items, page.total)) }
        })
    }

    /// `POST /v1/configsets`: a Kustomization of one of the cluster's repositories.
    pub async fn create(&self, body: &CreateConfigSet) -> Result<Created> {
        checks::create_config_set(body)?;
        let mut req = self
            .client
            .request(Service::Ucs, Method::POST, "/v1/configsets".into())?;
        req.body = Some(body_of(body)?);
        self.client.call(req).await
    }

    /// `GET /v1/configsets/{id}`.
    pub async fn get(&self, config_set_id: &str) -> Result<ConfigSet> {
        let path = Self::path(config_set_id)?;
        let req = self.client.request(Service::Ucs, Method::GET, path)?;
        self.client.call(req).await
    }

    /// `PUT /v1/configsets/{id}`: changes the Kustomization fields given.
    pub async fn update(&self, config_set_id: &str, body: &UpdateConfigSet) -> Result<()> {
        let path = Self::path(config_set_id)?;
        checks::update_config_set(body)?;
        let mut req = self.client.request(Service::Ucs, Method::PUT, path)?;
        req.body = Some(body_of(body)?);
        self.client.call_empty(req).await
    }

    /// `DELETE /v1/configsets/{id}`.
    pub async fn delete(&self, config_set_id: &str) -> Result<()> {
        let path = Self::path(config_set_id)?;
        let req = self.client.request(Service::Ucs, Method::DELETE, path)?;
        self.client.call_empty(req).await
    }

    /// `GET /v1/configsets/statistics`: config set counts by status, per cluster.
    pub async fn statistics(&self, query: &PageQuery) -> Result<GitOpsStatistics> {
        validate::paging(
            query.limit,
            query.offset,
            query.order_by.as_deref(),
            query.order.as_deref(),
        )?;
        let mut req = self.client.request(
            Service::Ucs,
            Method::GET,
            "/v1/configsets/statistics".into(),
        )?;
        req.query = query_pairs(query)?;
        self.client.call(req).await
    }
}

impl Repos {
    pub(crate) fn new(client: Client) -> Self {
        Self { client }
    }

    fn path(repo_id: &str) -> Result<String> {
        validate::id("repo_id", repo_id)?;
        Ok(format!("/v1/configsets/repos/{}", seg(repo_id)))
    }

    /// `GET /v1/configsets/repos`: one page of source repositories.
    pub async fn list(&self, query: &ListReposQuery) -> Result<GitOpsRepoList> {
        check_list(
            query.clusterid.as_deref(),
            query.limit,
            query.offset,
            query.order_by.as_deref(),
            query.order.as_deref(),
        )?;
        let mut req =
            self.client
                .request(Service::Ucs, Method::GET, "/v1/configsets/repos".into())?;
        req.query = query_pairs(query)?;
        self.client.call(req).await
    }

    /// Every repository, page after page (`limit` is the page size, default 50).
    pub fn iter(&self, query: ListReposQuery) -> ItemStream<GitOpsRepo> {
        let this = self.clone();
        paginate_query(query, move |q| {
            let this = this.clone();
            async move { this.list(&q).await.map(|page| (page.items, page.total)) }
        })
    }

    /// `POST /v1/configsets/repos`: a Flux GitRepository (its credentials are sent, never
    /// printed).
    pub async fn create(&self, body: &CreateRepo) -> Result<Created> {
        checks::create_repo(body)?;
        let mut req =
            self.client
                .request(Service::Ucs, Method::POST, "/v1/configsets/repos".into())?;
        req.body = Some(body_of(body)?);
        self.client.call(req).await
    }

    /// `PUT /v1/configsets/repos/{id}`: changes the fields given.
    pub async fn update(&self, repo_id: &str, body: &UpdateRepo) -> Result<()> {
        let path = Self::path(repo_id)?;
        checks::update_repo(body)?;
        let mut req = self.client.request(Service::Ucs, Method::PUT, path)?;
        req.body = Some(body_of(body)?);
        self.client.call_empty(req).await
    }

    /// `DELETE /v1/configsets/repos/{id}` (refused while a config set uses it).
    pub async fn delete(&self, repo_id: &str) -> Result<()> {
        let path = Self::path(repo_id)?;
        let req = self.client.request(Service::Ucs, Method::DELETE, path)?;
        self.client.call_empty(req).await
    }
}
