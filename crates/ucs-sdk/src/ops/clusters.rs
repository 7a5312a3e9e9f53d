//! `client.clusters()`: the 12 cluster operations of reference 3.1 and 3.2.1-3.2.2.

use http::Method;

use super::{query_pairs, seg};
use crate::client::{body_of, Client};
use crate::error::Result;
use crate::models::*;
use crate::paginate::{paginate_query, ItemStream};
use crate::transport::Service;
use crate::validate;

/// Cluster operations; get one with [`Client::clusters`].
#[derive(Debug, Clone)]
pub struct Clusters {
    client: Client,
}

fn check_list_query(q: &ListClustersQuery) -> Result<()> {
    validate::paging(q.limit, q.offset, q.order_by.as_deref(), q.order.as_deref())?;
    validate::opt_one_of(
        "managetype",
        q.managetype.as_deref(),
        validate::MANAGE_TYPE_FILTERS,
    )?;
    for (i, id) in q.clusterids.iter().enumerate() {
        validate::cluster_id(&format!("clusterids[{i}]"), id)?;
    }
    Ok(())
}

fn check_rules(body: &AssociateRules) -> Result<()> {
    for (i, item) in body.rule_id_namespaces.iter().enumerate() {
        for (j, id) in item.rule_ids.iter().enumerate() {
            validate::id(&format!("ruleIDNamespaces[{i}].ruleIDs[{j}]"), id)?;
        }
    }
    Ok(())
}

impl Clusters {
    pub(crate) fn new(client: Client) -> Self {
        Self { client }
    }

    fn path(id: &str) -> String {
        format!("/v1/clusters/{}", seg(id))
    }

    /// `GET /v1/clusters`: one page of clusters.
    pub async fn list(&self, query: &ListClustersQuery) -> Result<ClusterList> {
        check_list_query(query)?;
        let mut req = self
            .client
            .request(Service::Ucs, Method::GET, "/v1/clusters".into())?;
        req.query = query_pairs(query)?;
        self.client.call(req).await
    }

    /// Every cluster matching `query`, page after page (`limit` is the page size, default 50).
    pub fn iter(&self, query: ListClustersQuery) -> ItemStream<Cluster> {
        let this = self.clone();
        paginate_query(query, move |q| {
            let this = this.clone();
            async move { this.list(&q).await.map(|page| (page.items, page.total)) }
        })
    }

    /// `GET /v1/clusters/{id}`.
    pub async fn get(&self, cluster_id: &str) -> Result<Cluster> {
        validate::cluster_id("cluster_id", cluster_id)?;
        let req = self
            .client
            .request(Service::Ucs, Method::GET, Self::path(cluster_id))?;
        self.client.call(req).await
    }

    /// `POST /v1/clusters` (sent as JSON, never form-encoded).
    pub async fn register(&self, body: &RegisterCluster) -> Result<Created> {
        ucs_models::body_checks::register_cluster(body)?;
        let mut req = self
            .client
            .request(Service::Ucs, Method::POST, "/v1/clusters".into())?;
        req.body = Some(body_of(body)?);
        self.client.call(req).await
    }

    /// `PUT /v1/clusters/{id}`: country, city, worker nodes.
    pub async fn update(&self, cluster_id: &str, body: &UpdateCluster) -> Result<()> {
        validate::cluster_id("cluster_id", cluster_id)?;
        validate::one_of("kind", &body.kind, &["Cluster"])?;
        validate::one_of("apiVersion", &body.api_version, &["v1"])?;
        let mut req = self
            .client
            .request(Service::Ucs, Method::PUT, Self::path(cluster_id))?;
        req.body = Some(body_of(body)?);
        self.client.call_empty(req).await
    }

    /// `DELETE /v1/clusters/{id}`: unregisters the cluster.
    pub async fn delete(&self, cluster_id: &str) -> Result<()> {
        validate::cluster_id("cluster_id", cluster_id)?;
        let req = self
            .client
            .request(Service::Ucs, Method::DELETE, Self::path(cluster_id))?;
        self.client.call_empty(req).await
    }

    /// `GET /v1/clusters/{id}/accessinfo`: the agent's access files; answered once only.
    ///
    /// Never retried once the request may have reached the service (only a refused connection
    /// is retried): the service answers it once, so a repeat would lose the agent's credentials.
    pub async fn access_info(
        &self,
        cluster_id: &str,
        query: &AccessInfoQuery,
    ) -> Result<Vec<String>> {
        validate::cluster_id("cluster_id", cluster_id)?;
        let path = format!("{}/accessinfo", Self::path(cluster_id));
        let mut req = self.client.request(Service::Ucs, Method::GET, path)?;
        req.query = query_pairs(query)?;
        req.one_shot = true;
        self.client.call(req).await
    }

    /// `PUT /v1/clusters/{id}/activation`.
    pub async fn activate(&self, cluster_id: &str) -> Result<()> {
        validate::cluster_id("cluster_id", cluster_id)?;
        let path = format!("{}/activation", Self::path(cluster_id));
        let req = self.client.request(Service::Ucs, Method::PUT, path)?;
        self.client.call_empty(req).await
    }

    /// `PUT /v1/clusters/{id}/associatedrules`.
    pub async fn associate_rules(&self, cluster_id: &str, body: &AssociateRules) -> Result<()> {
        validate::cluster_id("cluster_id", cluster_id)?;
        check_rules(body)?;
        let path = format!("{}/associatedrules", Self::path(cluster_id));
        let mut req = self.client.request(Service::Ucs, Method::PUT, path)?;
        req.body = Some(body_of(body)?);
        self.client.call_empty(req).await
    }

    /// `GET /v1/managedclusters`: the account's CCE clusters.
    pub async fn list_managed(&self, query: &ListManagedQuery) -> Result<Vec<Cluster>> {
        let mut req =
            self.client
                .request(Service::Ucs, Method::GET, "/v1/managedclusters".into())?;
        req.query = query_pairs(query)?;
        self.client.call(req).await
    }

    /// `GET /v1/config/registeredclusterversions`.
    pub async fn supported_versions(&self) -> Result<SupportedVersions> {
        let path = "/v1/config/registeredclusterversions".to_owned();
        let req = self.client.request(Service::Ucs, Method::GET, path)?;
        self.client.call(req).await
    }

    /// `POST /v1/clusters/{id}/join` (sent as JSON, never form-encoded).
    pub async fn join_fleet(&self, cluster_id: &str, body: &JoinFleet) -> Result<()> {
        validate::cluster_id("cluster_id", cluster_id)?;
        validate::id("clusterGroupID", &body.cluster_group_id)?;
        let path = format!("{}/join", Self::path(cluster_id));
        let mut req = self.client.request(Service::Ucs, Method::POST, path)?;
        req.body = Some(body_of(body)?);
        self.client.call_empty(req).await
    }

    /// `POST /v1/clusters/{id}/unjoin`.
    pub async fn leave_fleet(&self, cluster_id: &str) -> Result<()> {
        validate::cluster_id("cluster_id", cluster_id)?;
        let path = format!("{}/unjoin", Self::path(cluster_id));
        let req = self.client.request(Service::Ucs, Method::POST, path)?;
        self.client.call_empty(req).await
    }

    /// `POST /v1/clusters/{id}/kubeconfig`: a kubeconfig for the cluster's API server through
    /// UCS (the cluster must be available).
    pub async fn create_kubeconfig(&self, cluster_id: &str) -> Result<Kubeconfig> {
        validate::cluster_id("cluster_id", cluster_id)?;
        let path = format!("{}/kubeconfig", Self::path(cluster_id));
        let req = self.client.request(Service::Ucs, Method::POST, path)?;
        self.client.call(req).await
    }

    /// `POST /v1/clusters/{id}/clusterconf`: the configuration an on-premise cluster's
    /// installation needs.
    pub async fn create_conf(
        &self,
        cluster_id: &str,
        body: &ClusterConfRequest,
    ) -> Result<ClusterConf> {
        validate::cluster_id("cluster_id", cluster_id)?;
        body.check()?;
        let path = format!("{}/clusterconf", Self::path(cluster_id));
        let mut req = self.client.request(Service::Ucs, Method::POST, path)?;
        req.body = Some(body_of(body)?);
        self.client.call(req).await
    }
}
