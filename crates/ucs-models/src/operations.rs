//! The operation table: every operation once, with its official name, HTTP method and path, ids,
//! body, query and result models. Every other list of operations in the workspace is expanded
//! from it (see docs/design/operation-table.md): the [`Operation`] enum and its metadata here,
//! the bridge's catalogue, dispatch and answer type, the schema roots, the uniffi wrappers, the
//! emulator's route table and the CLI's coverage check.

/// Calls `$callback! { ... }` with every operation, grouped by resource.
///
/// The callback receives, for each group, `/// doc` `group_ident GroupType [pages(Query => Item)] { rows }`
/// (the pages' query and item are plain identifiers)
/// and each row reads
/// `/// doc` `Official method_name(id, ...) METHOD "path" [body(Type)] [query(Type)] -> Result;`.
/// Ids are passed in order as `&str`, then the body, then the query, to
/// `client.group().method_name(...)`. Type names are bare: the expansion site imports
/// `ucs_models::models::*`. `iam` is client-side (the token, project and account the other calls
/// use): its paths document the IAM call behind it, and it has no emulator route of this table.
#[macro_export]
macro_rules! for_each_operation {
    ($callback:ident) => {
        $callback! {
            /// Cluster operations.
            clusters Clusters pages(ListClustersQuery => Cluster) {
                /// One page of clusters.
                ShowClusterList list() GET "/v1/clusters" query(ListClustersQuery) -> ClusterList;
                /// One cluster.
                ShowCluster get(cluster_id) GET "/v1/clusters/{clusterid}" -> Cluster;
                /// Registers (attaches) a cluster.
                RegisterCluster register() POST "/v1/clusters" body(RegisterCluster) -> Created;
                /// Updates country, city and worker nodes.
                UpdateCluster update(cluster_id) PUT "/v1/clusters/{clusterid}" body(UpdateCluster) -> ();
                /// Unregisters a cluster.
                DeleteCluster delete(cluster_id) DELETE "/v1/clusters/{clusterid}" -> ();
                /// The agent's access files (answered once only, so never retried once it may have been sent).
                ShowClusterAccessInfo access_info(cluster_id) GET "/v1/clusters/{clusterid}/accessinfo" query(AccessInfoQuery) -> Vec<String>;
                /// Activates a registered cluster.
                RetryClusterActivation activate(cluster_id) PUT "/v1/clusters/{clusterid}/activation" -> ();
                /// Associates permission rules with namespaces.
                UpdateClusterRules associate_rules(cluster_id) PUT "/v1/clusters/{clusterid}/associatedrules" body(AssociateRules) -> ();
                /// The account's CCE clusters.
                ListManagedClusters list_managed() GET "/v1/managedclusters" query(ListManagedQuery) -> Vec<Cluster>;
                /// Kubernetes versions that can be registered.
                ListRegisteredClusterVersions supported_versions() GET "/v1/config/registeredclusterversions" -> SupportedVersions;
                /// Adds the cluster to a fleet.
                JoinGroup join_fleet(cluster_id) POST "/v1/clusters/{clusterid}/join" body(JoinFleet) -> ();
                /// Removes the cluster from its fleet.
                LeaveGroup leave_fleet(cluster_id) POST "/v1/clusters/{clusterid}/unjoin" -> ();
                /// A kubeconfig for the cluster's API server through UCS (the cluster must be available).
                CreateClusterKubeconfig create_kubeconfig(cluster_id) POST "/v1/clusters/{clusterid}/kubeconfig" -> Kubeconfig;
                /// The configuration an on-premise cluster's installation needs.
                CreateClusterConf create_conf(cluster_id) POST "/v1/clusters/{clusterid}/clusterconf" body(ClusterConfRequest) -> ClusterConf;
            }
            /// Fleet operations, federation included.
            fleets Fleets pages(PageQuery => ClusterGroup) {
                /// One page of fleets.
                ListClusterGroup list() GET "/v1/clustergroups" query(PageQuery) -> ClusterGroupList;
                /// Creates a fleet.
                RegisterClusterGroup register() POST "/v1/clustergroups" body(RegisterFleet) -> Created;
                /// One fleet.
                ShowClusterGroup get(fleet_id) GET "/v1/clustergroups/{clustergroupid}" -> ClusterGroup;
                /// Deletes an empty fleet.
                DeleteClusterGroup delete(fleet_id) DELETE "/v1/clustergroups/{clustergroupid}" -> ();
                /// Adds clusters to the fleet.
                UpdateClusterGroupAssociatedClusters add_clusters(fleet_id) PUT "/v1/clustergroups/{clustergroupid}/associatedclusters" body(AddClusters) -> ();
                /// Replaces the fleet's description.
                UpdateClusterGroup update_description(fleet_id) PUT "/v1/clustergroups/{clustergroupid}/description" body(UpdateDescription) -> ();
                /// Associates permission rules with namespaces.
                UpdateClusterGroupAssociatedRules associate_rules(fleet_id) PUT "/v1/clustergroups/{clustergroupid}/associatedrules" body(AssociateRules) -> ();
                /// Sets the fleet's zones.
                UpdateClusterGroupAssociatedZones update_zones(fleet_id) PUT "/v1/clustergroups/{clustergroupid}/associatedzones" body(UpdateZones) -> ();
                /// Starts enabling Karmada federation (see wait_federation).
                EnableFederation enable_federation(fleet_id) POST "/v1/clustergroups/{clustergroupid}/federations" query(EnableFederationQuery) -> ();
                /// Disables federation.
                DisableFederation disable_federation(fleet_id) DELETE "/v1/clustergroups/{clustergroupid}/federations" -> ();
                /// The federation job and its sub-jobs.
                ShowFederationProgress federation_progress(fleet_id) GET "/v1/clustergroups/{clustergroupid}/federations/progress" -> Job;
                /// Creates the network connection and answers the federation kubeconfig.
                CreateFederationCert create_federation_kubeconfig(fleet_id) POST "/v1/clustergroups/{clustergroupid}/cert" body(FederationKubeconfigRequest) -> Kubeconfig;
                /// Creates the VPC endpoint to the federation API server.
                CreateFederationConnection create_federation_connection(fleet_id) POST "/v1/clustergroups/{clustergroupid}/connection" body(FederationConnectionRequest) -> FederationConnection;
                /// The federation kubeconfig, once connected.
                DownloadFederationKubeconfig download_federation_kubeconfig(fleet_id) POST "/v1/clustergroups/{clustergroupid}/kubeconfig" body(DownloadKubeconfigRequest) -> Kubeconfig;
                /// A federated workload (`kind`, `namespace`, `name` in the query) with its Karmada policies and binding.
                ShowProxyUnitedWorkload get_united_workload(fleet_id) GET "/v1/clustergroups/{clustergroupid}/unitedworkload" query(UnitedWorkloadQuery) -> UnitedWorkload;
                /// Creates a federated workload: the object, its PropagationPolicy and OverridePolicy in the federation.
                CreateProxyUnitedWorkload create_united_workload(fleet_id) POST "/v1/clustergroups/{clustergroupid}/unitedworkload" body(UnitedWorkload) -> ();
                /// Replaces a federated workload and its policies.
                UpdateProxyUnitedWorkload update_united_workload(fleet_id) PUT "/v1/clustergroups/{clustergroupid}/unitedworkload" body(UnitedWorkload) -> ();
                /// Deletes a federated workload (`kind`, `namespace`, `name` in the query), its policies and bindings.
                DeleteProxyUnitedWorkload delete_united_workload(fleet_id) DELETE "/v1/clustergroups/{clustergroupid}/unitedworkload" query(UnitedWorkloadQuery) -> ();
                /// Upgrades the fleet's federation to `targetVersion` (the newest when absent).
                UpgradeFederation upgrade_federation(fleet_id) POST "/v1/clustergroups/{clustergroupid}/federations/upgrade" body(UpgradeFederation) -> FederationUpgrade;
            }
            /// Permission rule operations.
            rules Rules pages(PageQuery => Rule) {
                /// Creates a permission rule.
                CreateRule create() POST "/v1/permissions/rules" body(CreateRule) -> Created;
                /// One page of permission rules.
                ListRule list() GET "/v1/permissions/rules" query(PageQuery) -> RuleList;
                /// Replaces a rule's spec.
                UpdateRule update(rule_id) PUT "/v1/permissions/rules/{ruleid}" body(UpdateRule) -> ();
                /// Deletes a rule.
                DeleteRule delete(rule_id) DELETE "/v1/permissions/rules/{ruleid}" -> ();
            }
            /// Add-on instances of clusters.
            addons Addons {
                /// The add-on instances of a cluster (`cluster_id` in the query).
                ListAddonInstances list() GET "/v1/addons" query(ListAddonInstancesQuery) -> AddonInstanceList;
                /// Installs an add-on of the catalogue in a cluster.
                CreateAddonInstance create() POST "/v1/addons" body(AddonInstance) -> AddonInstance;
                /// One add-on instance.
                ShowAddonInstance get(addon_id) GET "/v1/addons/{id}" query(ShowAddonInstanceQuery) -> AddonInstance;
                /// Upgrades (`spec.version`) or reconfigures (`spec.values`) an add-on instance.
                UpdateAddonInstance update(addon_id) PUT "/v1/addons/{id}" body(AddonInstance) -> AddonInstance;
                /// Uninstalls an add-on instance.
                DeleteAddonInstance delete(addon_id) DELETE "/v1/addons/{id}" query(DeleteAddonInstanceQuery) -> ();
                /// The add-on catalogue: templates and their versions.
                ListAddonTemplates list_templates() GET "/v1/addontemplates" query(ListAddonTemplatesQuery) -> AddonTemplateList;
            }
            /// Policy (Gatekeeper) on clusters and fleets: enabling, jobs, definitions, instances.
            policies Policies {
                /// Starts enabling policy on a cluster (`retry=true` retries a failed enabling); answers the job id (see wait_job).
                EnableClusterPolicy enable_cluster(cluster_id) POST "/v1/clusters/{clusterid}/policy" query(EnablePolicyQuery) -> PolicyJobCreated;
                /// Starts disabling policy on a cluster; its policy instances go with it.
                DisableClusterPolicy disable_cluster(cluster_id) DELETE "/v1/clusters/{clusterid}/policy" -> PolicyJobCreated;
                /// Applies a policy definition to a cluster.
                CreateClusterPolicyInstance create_cluster_instance(cluster_id) POST "/v1/clusters/{clusterid}/policyinstance" body(PolicyInstanceRequest) -> PolicyJobCreated;
                /// Starts enabling policy on a fleet (`retry=true` retries a failed enabling).
                EnableClusterGroupPolicy enable_fleet(fleet_id) POST "/v1/clustergroups/{clustergroupid}/policy" query(EnablePolicyQuery) -> PolicyJobCreated;
                /// Starts disabling policy on a fleet.
                DisableClusterGroupPolicy disable_fleet(fleet_id) DELETE "/v1/clustergroups/{clustergroupid}/policy" -> PolicyJobCreated;
                /// Applies a policy definition to a fleet.
                CreateClusterGroupPolicyInstance create_fleet_instance(fleet_id) POST "/v1/clustergroups/{clustergroupid}/policyinstance" body(PolicyInstanceRequest) -> PolicyJobCreated;
                /// The policy jobs of one kind (`EnablePolicy` by default).
                ListPolicyJobs list_jobs() GET "/v1/policy/jobs" query(ListPolicyJobsQuery) -> PolicyJobList;
                /// One policy job and its tasks.
                ShowPolicyJob get_job(job_id) GET "/v1/policy/jobs/{jobid}" -> PolicyJob;
                /// The policy definitions (constraint templates).
                ListPolicyDefinitions list_definitions() GET "/v1/policydefinitions" -> PolicyDefinitionList;
                /// One policy definition.
                ShowPolicyDefinition get_definition(definition_id) GET "/v1/policydefinitions/{policydefinitionid}" -> PolicyDefinition;
                /// Replaces a policy definition's tags (official name misspelt `UpdatePolicyDefination`).
                UpdatePolicyDefination update_definition(definition_id) PUT "/v1/policydefinitions/{policydefinitionid}" body(UpdatePolicyDefinition) -> PolicyDefinition;
                /// Every policy instance of the account.
                ListPolicyInstances list_instances() GET "/v1/policyinstances" -> PolicyInstanceList;
                /// One policy instance.
                ShowPolicyInstance get_instance(instance_id) GET "/v1/policyinstances/{policyinstanceid}" -> PolicyInstance;
                /// Changes a policy instance's action, namespaces or parameters.
                UpdatePolicyInstance update_instance(instance_id) PUT "/v1/policyinstances/{policyinstanceid}" body(PolicyInstanceRequest) -> PolicyJobCreated;
                /// Deletes a policy instance.
                DeletePolicyInstance delete_instance(instance_id) DELETE "/v1/policyinstances/{policyinstanceid}" -> PolicyJobCreated;
            }
            /// The account's quotas and the service's configuration.
            account Account {
                /// The limits and use of clusters, fleets, rules and federations of the caller's account.
                ShowQuota get_quota(domain_id) GET "/v1/maintenance/quota/{domainid}" -> Quotas;
                /// The on-premise releases and federation versions on offer.
                ListServerConfigs list_server_configs() GET "/v1/serverconfig" -> ServerConfigs;
            }
            /// DNS record sets of traffic management.
            traffic Traffic {
                /// The account's record sets, every zone.
                ListRecordSets list_record_sets() GET "/v1/traffic/recordsets" -> RecordSetList;
                /// Creates record sets in a zone: the query's two fields are sent as the `X-Zone-Project-ID` and `X-Zone-ID` headers, not as query parameters.
                CreateRecordSet create_record_sets() POST "/v1/traffic/recordsets" body(Vec<CreateRecordSet>) query(RecordSetZone) -> Vec<RecordSet>;
            }
            /// GitOps on clusters: the Flux controllers the service installs.
            gitops GitOps {
                /// Enables GitOps (installs Flux) on a cluster; answers the job.
                EnableGitOps enable(cluster_id) POST "/v1/clusters/{clusterid}/gitops" query(EnableGitOpsQuery) -> GitOpsJob;
                /// The cluster's GitOps status: its Flux controller pods.
                ShowGitOpsStatus status(cluster_id) GET "/v1/clusters/{clusterid}/gitops" -> GitOpsStatus;
                /// Disables GitOps on a cluster (its repositories and config sets go with it).
                DisableGitOps disable(cluster_id) DELETE "/v1/clusters/{clusterid}/gitops" -> GitOpsJob;
            }
            /// GitOps config sets: Flux Kustomizations applying one of a cluster's repositories.
            configsets ConfigSets pages(ListConfigSetsQuery => ConfigSet) {
                /// One page of config sets (`clusterid` filters).
                ListConfigSets list() GET "/v1/configsets" query(ListConfigSetsQuery) -> ConfigSetList;
                /// Creates a config set applying one of the cluster's repositories.
                CreateConfigSet create() POST "/v1/configsets" body(CreateConfigSet) -> Created;
                /// One config set.
                ShowConfigSet get(config_set_id) GET "/v1/configsets/{configsetid}" -> ConfigSet;
                /// Changes a config set's Kustomization.
                UpdateConfigSet update(config_set_id) PUT "/v1/configsets/{configsetid}" body(UpdateConfigSet) -> ();
                /// Deletes a config set.
                DeleteConfigSet delete(config_set_id) DELETE "/v1/configsets/{configsetid}" -> ();
                /// Config set counts by status, per cluster with GitOps enabled.
                ShowGitopsStatistics statistics() GET "/v1/configsets/statistics" query(PageQuery) -> GitOpsStatistics;
            }
            /// GitOps source repositories: Flux GitRepositories (credentials sent, never echoed).
            repos Repos pages(ListReposQuery => GitOpsRepo) {
                /// One page of source repositories (`clusterid` filters).
                ListRepos list() GET "/v1/configsets/repos" query(ListReposQuery) -> GitOpsRepoList;
                /// Creates a source repository (Flux GitRepository).
                CreateRepo create() POST "/v1/configsets/repos" body(CreateRepo) -> Created;
                /// Changes a source repository.
                UpdateRepo update(repo_id) PUT "/v1/configsets/repos/{repoid}" body(UpdateRepo) -> ();
                /// Deletes a source repository no config set uses.
                DeleteRepo delete(repo_id) DELETE "/v1/configsets/repos/{repoid}" -> ();
            }
            /// HSS multi-cloud cluster creation.
            hss Hss {
                /// Adds a multi-cloud cluster to HSS.
                CreateMultiCloudClusters create_multicloud_cluster() POST "/v5/{project_id}/container/kubernetes/multi-cloud/clusters" body(CreateMulticloudCluster) query(CreateMulticloudClusterQuery) -> MulticloudClusterCreated;
            }
            /// IAM helpers: token, project id, domain id.
            iam Iam {
                /// The IAM token in use (given, or obtained with the password and cached).
                IamToken token() POST "/v3/auth/tokens" -> String;
                /// The project id: configured, or resolved through IAM.
                IamProjectId project_id() GET "/v3/projects" -> String;
                /// The account id: configured, or resolved through IAM.
                IamDomainId domain_id() GET "/v3/auth/domains" -> String;
            }
        }
    };
}

/// What the table says about one operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OperationInfo {
    /// The operation.
    pub operation: Operation,
    /// The official SDKs' name (`ShowCluster`; snake_case there: `show_cluster`).
    pub official: &'static str,
    /// Resource group: `clusters`, `fleets`, `rules`, `hss`, `iam`.
    pub resource: &'static str,
    /// Canonical snake_case name within the group.
    pub name: &'static str,
    /// HTTP method.
    pub method: &'static str,
    /// Path template, with the reference's parameter names.
    pub path: &'static str,
    /// Positional id parameters.
    pub ids: &'static [&'static str],
    /// Rust type of the request body, when there is one.
    pub body: Option<&'static str>,
    /// Rust type of the query parameters, when there are any.
    pub query: Option<&'static str>,
    /// Rust type of the result (`()` for an empty answer).
    pub result: &'static str,
    /// One line of documentation.
    pub doc: &'static str,
}

/// A group's pager: `client.group().iter(query)` yields items of `item`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PagesInfo {
    /// Resource group.
    pub resource: &'static str,
    /// Rust type of the query (its `limit` is the page size).
    pub query: &'static str,
    /// Rust type of one item.
    pub item: &'static str,
}

#[doc(hidden)]
#[macro_export]
macro_rules! __option_of {
    () => {
        None
    };
    ($value:expr) => {
        Some($value)
    };
}

macro_rules! define_operations {
    ($(
        $(#[doc = $group_doc:literal])*
        $group:ident $Group:ident $(pages($pages_query:ident => $item:ident))? {
            $(
                $(#[doc = $doc:literal])*
                $official:ident $name:ident ( $($id:ident),* ) $method:ident $path:literal
                    $(body($body:ty))? $(query($query:ty))? -> $result:ty;
            )*
        }
    )*) => {
        /// Every operation, by its official name.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Operation {
            $($(
                $(#[doc = $doc])*
                $official,
            )*)*
        }

        impl Operation {
            /// Every operation, in table order.
            pub const ALL: &'static [Operation] = &[$($(Operation::$official,)*)*];

            /// What the table says about the operation.
            pub const fn info(self) -> &'static OperationInfo {
                match self {
                    $($(
                        Operation::$official => &OperationInfo {
                            operation: Operation::$official,
                            official: stringify!($official),
                            resource: stringify!($group),
                            name: stringify!($name),
                            method: stringify!($method),
                            path: $path,
                            ids: &[$(stringify!($id)),*],
                            body: $crate::__option_of!($(stringify!($body))?),
                            query: $crate::__option_of!($(stringify!($query))?),
                            result: stringify!($result),
                            doc: concat!($($doc),*),
                        },
                    )*)*
                }
            }
        }

        /// The groups that page: one entry per group with an `iter`.
        pub const PAGES: &[PagesInfo] = &[$($(PagesInfo {
            resource: stringify!($group),
            query: stringify!($pages_query),
            item: stringify!($item),
        },)?)*];
    };
}

for_each_operation!(define_operations);

impl Operation {
    /// The operation `resource.name` (`clusters.get`), if the table has it.
    pub fn find(resource: &str, name: &str) -> Option<Operation> {
        Operation::ALL
            .iter()
            .copied()
            .find(|op| op.info().resource == resource && op.info().name == name)
    }

    /// The operation of an official name, in either spelling (`ShowCluster`, `show_cluster`).
    pub fn find_official(official: &str) -> Option<Operation> {
        let flat = official.replace('_', "").to_ascii_lowercase();
        Operation::ALL
            .iter()
            .copied()
            .find(|op| op.info().official.to_ascii_lowercase() == flat)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_paths_well_formed() {
        let mut seen = std::collections::HashSet::new();
        for op in Operation::ALL {
            let info = op.info();
            assert_eq!(info.operation, *op);
            assert!(seen.insert((info.resource, info.name)), "{info:?} twice");
            assert!(info.path.starts_with('/'), "{info:?}");
            assert!(!info.doc.trim().is_empty(), "{} has no doc", info.official);
            // Every `{param}` of the path but the project id is one of the ids, in order.
            let params: Vec<&str> = info
                .path
                .split('/')
                .filter_map(|s| s.strip_prefix('{')?.strip_suffix('}'))
                .filter(|p| *p != "project_id")
                .collect();
            assert_eq!(params.len(), info.ids.len(), "{info:?}");
        }
        // The 75 UCS v1 operations of the official SDKs, the HSS call and the three IAM helpers.
        assert_eq!(Operation::ALL.len(), 79);
    }

    #[test]
    fn lookups() {
        assert_eq!(
            Operation::find("clusters", "get"),
            Some(Operation::ShowCluster)
        );
        assert_eq!(
            Operation::find_official("show_cluster"),
            Some(Operation::ShowCluster)
        );
        assert_eq!(Operation::ShowCluster.info().ids, ["cluster_id"]);
        assert_eq!(Operation::LeaveGroup.info().result, "()");
        assert_eq!(PAGES.len(), 5);
    }
}
