//! Every operation the bindings expose, with its ids, body, query and result models: the table
//! the dispatcher follows and the Python and TypeScript generators read (`xtask ops`).

use serde::Serialize;

/// One operation: `client.{resource}.{name}(ids..., body, query)`.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct OpSpec {
    /// Resource group: `clusters`, `fleets`, `rules`, `hss`, `iam`.
    pub resource: &'static str,
    /// Canonical snake_case name.
    pub name: &'static str,
    /// HTTP method and path, for documentation.
    pub http: &'static str,
    /// Positional id parameters.
    pub ids: &'static [&'static str],
    /// Model of the request body, when there is one.
    pub body: Option<&'static str>,
    /// Model of the query parameters, when there are any.
    pub query: Option<&'static str>,
    /// Model of the result: a model name, `string`, `string[]`, `Model[]`, or none (empty answer).
    pub result: Option<&'static str>,
    /// For `iter`: the model of one item.
    pub item: Option<&'static str>,
    /// One line of documentation.
    pub doc: &'static str,
}

// A table row reads best as one call with every column.
#[allow(clippy::too_many_arguments)]
const fn op(
    resource: &'static str,
    name: &'static str,
    http: &'static str,
    ids: &'static [&'static str],
    body: Option<&'static str>,
    query: Option<&'static str>,
    result: Option<&'static str>,
    doc: &'static str,
) -> OpSpec {
    OpSpec {
        resource,
        name,
        http,
        ids,
        body,
        query,
        result,
        item: None,
        doc,
    }
}

const fn pages(resource: &'static str, query: &'static str, item: &'static str) -> OpSpec {
    OpSpec {
        resource,
        name: "iter",
        http: "",
        ids: &[],
        body: None,
        query: Some(query),
        result: None,
        item: Some(item),
        doc: "Every item, page after page (`limit` is the page size).",
    }
}

const CLUSTER: &[&str] = &["cluster_id"];
const FLEET: &[&str] = &["fleet_id"];
const RULE: &[&str] = &["rule_id"];

/// The operations, grouped by resource, in reference order.
#[rustfmt::skip]
pub const OPERATIONS: &[OpSpec] = &[
    op("clusters", "list", "GET /v1/clusters", &[], None, Some("ListClustersQuery"), Some("ClusterList"), "One page of clusters."),
    pages("clusters", "ListClustersQuery", "Cluster"),
    op("clusters", "get", "GET /v1/clusters/{clusterid}", CLUSTER, None, None, Some("Cluster"), "One cluster."),
    op("clusters", "register", "POST /v1/clusters", &[], Some("RegisterCluster"), None, Some("Created"), "Registers (attaches) a cluster."),
    op("clusters", "update", "PUT /v1/clusters/{clusterid}", CLUSTER, Some("UpdateCluster"), None, None, "Updates country, city and worker nodes."),
    op("clusters", "delete", "DELETE /v1/clusters/{clusterid}", CLUSTER, None, None, None, "Unregisters a cluster."),
    op("clusters", "access_info", "GET /v1/clusters/{clusterid}/accessinfo", CLUSTER, None, Some("AccessInfoQuery"), Some("string[]"), "The agent's access files (answered once only, so never retried once it may have been sent)."),
    op("clusters", "activate", "PUT /v1/clusters/{clusterid}/activation", CLUSTER, None, None, None, "Activates a registered cluster."),
    op("clusters", "associate_rules", "PUT /v1/clusters/{clusterid}/associatedrules", CLUSTER, Some("AssociateRules"), None, None, "Associates permission rules with namespaces."),
    op("clusters", "list_managed", "GET /v1/managedclusters", &[], None, Some("ListManagedQuery"), Some("Cluster[]"), "The account's CCE clusters."),
    op("clusters", "supported_versions", "GET /v1/config/registeredclusterversions", &[], None, None, Some("SupportedVersions"), "Kubernetes versions that can be registered."),
    op("clusters", "join_fleet", "POST /v1/clusters/{clusterid}/join", CLUSTER, Some("JoinFleet"), None, None, "Adds the cluster to a fleet."),
    op("clusters", "leave_fleet", "POST /v1/clusters/{clusterid}/unjoin", CLUSTER, None, None, None, "Removes the cluster from its fleet."),
    op("fleets", "list", "GET /v1/clustergroups", &[], None, Some("PageQuery"), Some("ClusterGroupList"), "One page of fleets."),
    pages("fleets", "PageQuery", "ClusterGroup"),
    op("fleets", "register", "POST /v1/clustergroups", &[], Some("RegisterFleet"), None, Some("Created"), "Creates a fleet."),
    op("fleets", "get", "GET /v1/clustergroups/{clustergroupid}", FLEET, None, None, Some("ClusterGroup"), "One fleet."),
    op("fleets", "delete", "DELETE /v1/clustergroups/{clustergroupid}", FLEET, None, None, None, "Deletes an empty fleet."),
    op("fleets", "add_clusters", "PUT /v1/clustergroups/{clustergroupid}/associatedclusters", FLEET, Some("AddClusters"), None, None, "Adds clusters to the fleet."),
    op("fleets", "update_description", "PUT /v1/clustergroups/{clustergroupid}/description", FLEET, Some("UpdateDescription"), None, None, "Replaces the fleet's description."),
    op("fleets", "associate_rules", "PUT /v1/clustergroups/{clustergroupid}/associatedrules", FLEET, Some("AssociateRules"), None, None, "Associates permission rules with namespaces."),
    op("fleets", "update_zones", "PUT /v1/clustergroups/{clustergroupid}/associatedzones", FLEET, Some("UpdateZones"), None, None, "Sets the fleet's zones."),
    op("fleets", "enable_federation", "POST /v1/clustergroups/{clustergroupid}/federations", FLEET, None, Some("EnableFederationQuery"), None, "Starts enabling Karmada federation (see wait_federation)."),
    op("fleets", "disable_federation", "DELETE /v1/clustergroups/{clustergroupid}/federations", FLEET, None, None, None, "Disables federation."),
    op("fleets", "federation_progress", "GET /v1/clustergroups/{clustergroupid}/federations/progress", FLEET, None, None, Some("Job"), "The federation job and its sub-jobs."),
    op("fleets", "create_federation_kubeconfig", "POST /v1/clustergroups/{clustergroupid}/cert", FLEET, Some("FederationKubeconfigRequest"), None, Some("Kubeconfig"), "Creates the network connection and answers the federation kubeconfig."),
    op("fleets", "create_federation_connection", "POST /v1/clustergroups/{clustergroupid}/connection", FLEET, Some("FederationConnectionRequest"), None, Some("FederationConnection"), "Creates the VPC endpoint to the federation API server."),
    op("fleets", "download_federation_kubeconfig", "POST /v1/clustergroups/{clustergroupid}/kubeconfig", FLEET, Some("DownloadKubeconfigRequest"), None, Some("Kubeconfig"), "The federation kubeconfig, once connected."),
    op("rules", "create", "POST /v1/permissions/rules", &[], Some("CreateRule"), None, Some("Created"), "Creates a permission rule."),
    op("rules", "list", "GET /v1/permissions/rules", &[], None, Some("PageQuery"), Some("RuleList"), "One page of permission rules."),
    pages("rules", "PageQuery", "Rule"),
    op("rules", "update", "PUT /v1/permissions/rules/{ruleid}", RULE, Some("UpdateRule"), None, None, "Replaces a rule's spec."),
    op("rules", "delete", "DELETE /v1/permissions/rules/{ruleid}", RULE, None, None, None, "Deletes a rule."),
    op("hss", "create_multicloud_cluster", "POST /v5/{project_id}/container/kubernetes/multi-cloud/clusters", &[], Some("CreateMulticloudCluster"), Some("CreateMulticloudClusterQuery"), Some("MulticloudClusterCreated"), "Adds a multi-cloud cluster to HSS."),
    op("iam", "token", "POST /v3/auth/tokens", &[], None, None, Some("string"), "The IAM token in use (given, or obtained with the password and cached)."),
    op("iam", "project_id", "GET /v3/projects", &[], None, None, Some("string"), "The project id: configured, or resolved through IAM."),
    op("iam", "domain_id", "GET /v3/auth/domains", &[], None, None, Some("string"), "The account id: configured, or resolved through IAM."),
];

/// The catalogue as JSON, for the code generators.
pub fn catalogue_json() -> serde_json::Value {
    serde_json::to_value(OPERATIONS).unwrap_or_default()
}
