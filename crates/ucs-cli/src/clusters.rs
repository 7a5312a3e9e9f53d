//! `ucs clusters ...`: the 12 cluster operations.

use std::path::PathBuf;

use clap::{Args, Subcommand};
use futures_util::TryStreamExt;
use ucs_sdk::models::{
    AccessInfoQuery, AssociateRules, JoinFleet, ListClustersQuery, ListManagedQuery,
    RegisterCluster, UpdateCluster,
};
use ucs_sdk::Client;

use crate::input::read_body;
use crate::output::Printer;
use crate::CliResult;

/// Paging and ordering flags shared by the lists.
#[derive(Debug, Args)]
pub(crate) struct PageArgs {
    /// Page size (-1: everything in one answer).
    #[arg(long)]
    pub limit: Option<i64>,
    /// Offset of the first item.
    #[arg(long)]
    pub offset: Option<i64>,
    /// create_at or update_at.
    #[arg(long)]
    pub order_by: Option<String>,
    /// asc or desc.
    #[arg(long)]
    pub order: Option<String>,
    /// Follow every page and print all items.
    #[arg(long)]
    pub all: bool,
}

#[derive(Debug, Subcommand)]
pub(crate) enum ClustersCmd {
    /// List clusters.
    #[command(
        after_help = "Examples:\n  ucs clusters list\n  ucs clusters list --all --category attachedcluster -o json\n  ucs clusters list -o json --query 'items[].{name: metadata.name, id: metadata.uid}'"
    )]
    List {
        #[command(flatten)]
        page: PageArgs,
        /// Only this category (self, attachedcluster, onpremise, multicloud).
        #[arg(long)]
        category: Option<String>,
        /// Only clusters of this fleet.
        #[arg(long)]
        clustergroupid: Option<String>,
        /// all, grouped or discrete.
        #[arg(long)]
        managetype: Option<String>,
        /// Only these ids (comma-separated).
        #[arg(long, value_delimiter = ',')]
        clusterids: Vec<String>,
        /// Leave out status (faster).
        #[arg(long)]
        no_status: bool,
    },
    /// Show one cluster.
    #[command(after_help = "Examples:\n  ucs clusters get \"$CLUSTER_ID\" -o yaml")]
    Get { cluster_id: String },
    /// Register a cluster from a JSON or YAML body (`-` for stdin).
    #[command(
        after_help = "Examples:\n  ucs clusters register -f cluster.yaml\n  ucs clusters register -f - < cluster.json"
    )]
    Register {
        #[arg(long, short = 'f')]
        file: PathBuf,
    },
    /// Update a cluster from a JSON or YAML body.
    #[command(after_help = "Examples:\n  ucs clusters update \"$CLUSTER_ID\" -f update.yaml")]
    Update {
        cluster_id: String,
        #[arg(long, short = 'f')]
        file: PathBuf,
    },
    /// Unregister a cluster.
    #[command(after_help = "Examples:\n  ucs clusters delete \"$CLUSTER_ID\"")]
    Delete { cluster_id: String },
    /// Fetch the agent access info (once; later calls answer "already downloaded").
    #[command(
        after_help = "Examples:\n  ucs clusters access-info \"$CLUSTER_ID\" -o json > agent-access.json"
    )]
    AccessInfo {
        cluster_id: String,
        #[arg(long)]
        vpcendpoint: Option<String>,
        #[arg(long)]
        region: Option<String>,
    },
    /// Activate a cluster so that its agent can connect again.
    #[command(after_help = "Examples:\n  ucs clusters activate \"$CLUSTER_ID\"")]
    Activate { cluster_id: String },
    /// Associate permission rules with namespaces of a cluster (body: {ruleIDNamespaces}).
    #[command(
        after_help = "Examples:\n  ucs clusters associate-rules \"$CLUSTER_ID\" -f rule-namespaces.yaml"
    )]
    AssociateRules {
        cluster_id: String,
        #[arg(long, short = 'f')]
        file: PathBuf,
    },
    /// List the account's CCE clusters.
    #[command(after_help = "Examples:\n  ucs clusters list-managed --unregister true")]
    ListManaged {
        /// Only those not registered to UCS.
        #[arg(long)]
        unregister: Option<bool>,
    },
    /// Kubernetes versions that can be registered.
    #[command(after_help = "Examples:\n  ucs clusters supported-versions")]
    SupportedVersions,
    /// Put a cluster in a fleet.
    #[command(
        after_help = "Examples:\n  ucs clusters join-fleet \"$CLUSTER_ID\" --fleet-id \"$FLEET_ID\""
    )]
    JoinFleet {
        cluster_id: String,
        #[arg(long)]
        fleet_id: String,
    },
    /// Take a cluster out of its fleet.
    #[command(after_help = "Examples:\n  ucs clusters leave-fleet \"$CLUSTER_ID\"")]
    LeaveFleet { cluster_id: String },
}

pub(crate) async fn run(client: &Client, out: &Printer, cmd: ClustersCmd) -> CliResult {
    let clusters = client.clusters();
    match cmd {
        ClustersCmd::List {
            page,
            category,
            clustergroupid,
            managetype,
            clusterids,
            no_status,
        } => {
            let query = ListClustersQuery {
                category,
                enablestatus: no_status.then_some(false),
                clustergroupid,
                limit: page.limit,
                offset: page.offset,
                order_by: page.order_by,
                order: page.order,
                managetype,
                clusterids,
            };
            if page.all {
                let items: Vec<_> = clusters.iter(query).try_collect().await?;
                let total = items.len();
                out.print(&serde_json::json!({"items": items, "total": total}))
            } else {
                out.print(&clusters.list(&query).await?)
            }
        }
        ClustersCmd::Get { cluster_id } => out.print(&clusters.get(&cluster_id).await?),
        ClustersCmd::Register { file } => {
            let body: RegisterCluster = read_body(&file)?;
            out.print(&clusters.register(&body).await?)
        }
        ClustersCmd::Update { cluster_id, file } => {
            let body: UpdateCluster = read_body(&file)?;
            clusters.update(&cluster_id, &body).await?;
            out.done(&format!("cluster {cluster_id} updated"))
        }
        ClustersCmd::Delete { cluster_id } => {
            clusters.delete(&cluster_id).await?;
            out.done(&format!("cluster {cluster_id} unregistered"))
        }
        ClustersCmd::AccessInfo {
            cluster_id,
            vpcendpoint,
            region,
        } => {
            let query = AccessInfoQuery {
                vpcendpoint,
                region,
            };
            out.print(&clusters.access_info(&cluster_id, &query).await?)
        }
        ClustersCmd::Activate { cluster_id } => {
            clusters.activate(&cluster_id).await?;
            out.done(&format!("cluster {cluster_id} activated"))
        }
        ClustersCmd::AssociateRules { cluster_id, file } => {
            let body: AssociateRules = read_body(&file)?;
            clusters.associate_rules(&cluster_id, &body).await?;
            out.done(&format!("rules associated with cluster {cluster_id}"))
        }
        ClustersCmd::ListManaged { unregister } => out.print(
            &clusters
                .list_managed(&ListManagedQuery { unregister })
                .await?,
        ),
        ClustersCmd::SupportedVersions => out.print(&clusters.supported_versions().await?),
        ClustersCmd::JoinFleet {
            cluster_id,
            fleet_id,
        } => {
            let body = JoinFleet {
                cluster_group_id: fleet_id.clone(),
            };
            clusters.join_fleet(&cluster_id, &body).await?;
            out.done(&format!("cluster {cluster_id} joined fleet {fleet_id}"))
        }
        ClustersCmd::LeaveFleet { cluster_id } => {
            clusters.leave_fleet(&cluster_id).await?;
            out.done(&format!("cluster {cluster_id} left its fleet"))
        }
    }
}
