//! `ucs fleets ...`: the 14 fleet operations and `enable-federation --wait`.

use std::path::{Path, PathBuf};
use std::time::Duration;

use clap::Subcommand;
use futures_util::TryStreamExt;
use ucs_sdk::kubeconfig_file::{self, MergeOptions};
use ucs_sdk::models::{
    AddClusters, AssociateRules, DownloadKubeconfigRequest, EnableFederationQuery,
    FederationConnectionRequest, FederationKubeconfigRequest, Kubeconfig, NameMeta, PageQuery,
    RegisterFleet, RegisterFleetSpec, UpdateDescription, UpdateZones,
};
use ucs_sdk::{Client, WaitOptions};

use crate::clusters::PageArgs;
use crate::input::read_body;
use crate::output::Printer;
use crate::progress::FederationProgress;
use crate::{CliResult, Failure};

#[derive(Debug, Subcommand)]
pub(crate) enum FleetsCmd {
    /// List fleets.
    #[command(
        after_help = "Examples:\n  ucs fleets list\n  ucs fleets list --all -o json --query 'items[].metadata.name'"
    )]
    List {
        #[command(flatten)]
        page: PageArgs,
    },
    /// Create a fleet, from flags or a body file.
    #[command(
        after_help = "Examples:\n  ucs fleets register --name prod --description \"生产环境\" --cluster-ids \"$C1,$C2\"\n  ucs fleets register -f fleet.yaml"
    )]
    Register {
        /// Fleet name (ignored with --file).
        #[arg(long, required_unless_present = "file")]
        name: Option<String>,
        #[arg(long)]
        description: Option<String>,
        /// Clusters to put in it (comma-separated ids).
        #[arg(long, value_delimiter = ',')]
        cluster_ids: Vec<String>,
        #[arg(long, short = 'f')]
        file: Option<PathBuf>,
    },
    /// Show one fleet.
    #[command(after_help = "Examples:\n  ucs fleets get \"$FLEET_ID\" -o yaml")]
    Get { fleet_id: String },
    /// Delete a fleet that has no clusters.
    #[command(after_help = "Examples:\n  ucs fleets delete \"$FLEET_ID\"")]
    Delete { fleet_id: String },
    /// Add clusters to a fleet (never removes any).
    #[command(
        after_help = "Examples:\n  ucs fleets add-clusters \"$FLEET_ID\" --cluster-ids \"$C1,$C2\""
    )]
    AddClusters {
        fleet_id: String,
        #[arg(long, value_delimiter = ',', required = true)]
        cluster_ids: Vec<String>,
    },
    /// Change a fleet's description.
    #[command(
        after_help = "Examples:\n  ucs fleets update-description \"$FLEET_ID\" --description \"staging\""
    )]
    UpdateDescription {
        fleet_id: String,
        #[arg(long)]
        description: String,
    },
    /// Associate permission rules with namespaces of a fleet (body: {ruleIDNamespaces}).
    #[command(
        after_help = "Examples:\n  ucs fleets associate-rules \"$FLEET_ID\" -f rule-namespaces.yaml"
    )]
    AssociateRules {
        fleet_id: String,
        #[arg(long, short = 'f')]
        file: PathBuf,
    },
    /// Set the fleet's DNS suffixes.
    #[command(
        after_help = "Examples:\n  ucs fleets update-zones \"$FLEET_ID\" --dns-suffix cluster.local,svc.example.com"
    )]
    UpdateZones {
        fleet_id: String,
        #[arg(long, value_delimiter = ',', required = true)]
        dns_suffix: Vec<String>,
    },
    /// Enable Karmada federation; --wait follows the job to the end.
    #[command(
        after_help = "Examples:\n  ucs fleets enable-federation \"$FLEET_ID\" --wait --wait-timeout 600"
    )]
    EnableFederation {
        fleet_id: String,
        /// Retry joining every cluster.
        #[arg(long)]
        retryjoinall: bool,
        #[arg(long)]
        wait: bool,
        /// Give up waiting after this many seconds.
        #[arg(long, default_value_t = 1800)]
        wait_timeout: u64,
    },
    /// Wait for a federation job to end, showing each sub-job.
    #[command(
        after_help = "Examples:\n  ucs fleets wait-federation \"$FLEET_ID\" --timeout 600 -o json"
    )]
    WaitFederation {
        fleet_id: String,
        #[arg(long, default_value_t = 1800)]
        timeout: u64,
    },
    /// Disable federation.
    #[command(after_help = "Examples:\n  ucs fleets disable-federation \"$FLEET_ID\"")]
    DisableFederation { fleet_id: String },
    /// Show the federation job.
    #[command(
        after_help = "Examples:\n  ucs fleets federation-progress \"$FLEET_ID\" -o json --query status.phase"
    )]
    FederationProgress { fleet_id: String },
    /// Create a federation kubeconfig with a certificate (written to --out, mode 0600).
    #[command(
        after_help = "Examples:\n  ucs fleets create-federation-kubeconfig \"$FLEET_ID\" --project-id \"$PROJECT_ID\" \\\n      --vpc-id \"$VPC_ID\" --subnet-id \"$SUBNET_ID\" --duration 30 --out fleet.kubeconfig"
    )]
    CreateFederationKubeconfig {
        fleet_id: String,
        #[arg(long)]
        project_id: String,
        #[arg(long)]
        vpc_id: String,
        #[arg(long)]
        subnet_id: String,
        /// Validity in days (1 to 10950).
        #[arg(long)]
        duration: i64,
        #[arg(long)]
        out: PathBuf,
    },
    /// Create the federation's private connection.
    #[command(
        after_help = "Examples:\n  ucs fleets create-federation-connection \"$FLEET_ID\" --project-id \"$PROJECT_ID\" \\\n      --vpc-id \"$VPC_ID\" --subnet-id \"$SUBNET_ID\""
    )]
    CreateFederationConnection {
        fleet_id: String,
        #[arg(long)]
        project_id: String,
        #[arg(long)]
        vpc_id: String,
        #[arg(long)]
        subnet_id: String,
    },
    /// Download the federation kubeconfig (written to --out, mode 0600).
    #[command(
        after_help = "Examples:\n  ucs fleets download-federation-kubeconfig \"$FLEET_ID\" --duration 7 --out fleet.kubeconfig\n\nThe fleet needs a ready federation and its federation connection: make the connection once\nwith `ucs fleets create-federation-connection` (or `ucs fleets create-federation-kubeconfig`,\nwhich makes it). Without one the service answers 400 UCS.01080001."
    )]
    DownloadFederationKubeconfig {
        fleet_id: String,
        /// Validity in days (1 to 10950).
        #[arg(long)]
        duration: i64,
        #[arg(long)]
        out: PathBuf,
    },
    /// Download the federation kubeconfig and merge it into your kubeconfig file, like
    /// `aws eks update-kubeconfig`: only the context, cluster and user of that name change.
    #[command(
        after_help = "Examples:\n  ucs fleets update-kubeconfig \"$FLEET_ID\"   # context ucs-FLEET_NAME in $KUBECONFIG or ~/.kube/config\n  ucs fleets update-kubeconfig \"$FLEET_ID\" --kubeconfig ./kc --context prod --no-set-current\n\nThe fleet needs a ready federation and its federation connection: make the connection once\nwith `ucs fleets create-federation-connection` (or `ucs fleets create-federation-kubeconfig`,\nwhich makes it). Without one the service answers 400 UCS.01080001."
    )]
    UpdateKubeconfig {
        fleet_id: String,
        /// File to merge into (default: the first path of $KUBECONFIG, else ~/.kube/config).
        #[arg(long, value_name = "PATH")]
        kubeconfig: Option<PathBuf>,
        /// Name of the context, cluster and user entries (default: ucs-FLEET_NAME).
        #[arg(long, value_name = "NAME")]
        context: Option<String>,
        /// Keep the file's current-context as it is.
        #[arg(long)]
        no_set_current: bool,
        /// Validity of the downloaded credentials in days (1 to 10950).
        #[arg(long, default_value_t = 7)]
        duration: i64,
    },
}

/// Writes a kubeconfig readable by its owner only; it holds a bearer token.
pub(crate) fn save_kubeconfig(kubeconfig: &Kubeconfig, path: &Path) -> Result<(), String> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options
        .open(path)
        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    file.write_all(kubeconfig.to_json().as_bytes())
        .map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// Waits for the federation job, drawing progress; the job is printed at the end.
pub(crate) async fn wait(
    client: &Client,
    fleet_id: &str,
    timeout: Duration,
    for_people: bool,
) -> CliResult<ucs_sdk::models::Job> {
    let mut progress = FederationProgress::new(for_people);
    let options = WaitOptions::with_timeout(timeout);
    let result = client
        .fleets()
        .wait_federation(fleet_id, &options, |event| progress.update(event))
        .await;
    progress.finish();
    Ok(result?)
}

pub(crate) async fn run(client: &Client, out: &Printer, cmd: FleetsCmd) -> CliResult {
    let fleets = client.fleets();
    match cmd {
        FleetsCmd::List { page } => {
            let query = PageQuery {
                limit: page.limit,
                offset: page.offset,
                order_by: page.order_by,
                order: page.order,
            };
            if page.all {
                let items: Vec<_> = fleets.iter(query).try_collect().await?;
                let total = items.len();
                out.print(&serde_json::json!({"items": items, "total": total}))
            } else {
                out.print(&fleets.list(&query).await?)
            }
        }
        FleetsCmd::Register {
            name,
            description,
            cluster_ids,
            file,
        } => {
            let body: RegisterFleet = match file {
                Some(file) => read_body(&file)?,
                None => RegisterFleet {
                    metadata: NameMeta {
                        name: name.unwrap_or_default(),
                    },
                    spec: Some(RegisterFleetSpec {
                        cluster_ids: (!cluster_ids.is_empty()).then_some(cluster_ids),
                        description,
                    }),
                },
            };
            out.print(&fleets.register(&body).await?)
        }
        FleetsCmd::Get { fleet_id } => out.print(&fleets.get(&fleet_id).await?),
        FleetsCmd::Delete { fleet_id } => {
            fleets.delete(&fleet_id).await?;
            out.done(&format!("fleet {fleet_id} deleted"))
        }
        FleetsCmd::AddClusters {
            fleet_id,
            cluster_ids,
        } => {
            fleets
                .add_clusters(&fleet_id, &AddClusters { cluster_ids })
                .await?;
            out.done(&format!("clusters added to fleet {fleet_id}"))
        }
        FleetsCmd::UpdateDescription {
            fleet_id,
            description,
        } => {
            fleets
                .update_description(&fleet_id, &UpdateDescription { description })
                .await?;
            out.done(&format!("fleet {fleet_id} description updated"))
        }
        FleetsCmd::AssociateRules { fleet_id, file } => {
            let body: AssociateRules = read_body(&file)?;
            fleets.associate_rules(&fleet_id, &body).await?;
            out.done(&format!("rules associated with fleet {fleet_id}"))
        }
        FleetsCmd::UpdateZones {
            fleet_id,
            dns_suffix,
        } => {
            fleets
                .update_zones(&fleet_id, &UpdateZones { dns_suffix })
                .await?;
            out.done(&format!("fleet {fleet_id} zones updated"))
        }
        FleetsCmd::EnableFederation {
            fleet_id,
            retryjoinall,
            wait: follow,
            wait_timeout,
        } => {
            let query = EnableFederationQuery {
                retryjoinall: retryjoinall.then_some(true),
            };
            fleets.enable_federation(&fleet_id, &query).await?;
            if follow {
                let job = wait(
                    client,
                    &fleet_id,
                    Duration::from_secs(wait_timeout),
                    out.for_people(),
                )
                .await?;
                out.print(&job)
            } else {
                out.done(&format!("federation of fleet {fleet_id} started"))
            }
        }
        FleetsCmd::WaitFederation { fleet_id, timeout } => {
            let job = wait(
                client,
                &fleet_id,
                Duration::from_secs(timeout),
                out.for_people(),
            )
            .await?;
            out.print(&job)
        }
        FleetsCmd::DisableFederation { fleet_id } => {
            fleets.disable_federation(&fleet_id).await?;
            out.done(&format!("federation of fleet {fleet_id} disabled"))
        }
        FleetsCmd::FederationProgress { fleet_id } => {
            out.print(&fleets.federation_progress(&fleet_id).await?)
        }
        FleetsCmd::CreateFederationKubeconfig {
            fleet_id,
            project_id,
            vpc_id,
            subnet_id,
            duration,
            out: path,
        } => {
            let body = FederationKubeconfigRequest {
                project_id,
                vpc_id,
                subnet_id,
                duration,
            };
            let kubeconfig = fleets
                .create_federation_kubeconfig(&fleet_id, &body)
                .await?;
            save_kubeconfig(&kubeconfig, &path)?;
            out.done(&format!("kubeconfig written to {}", path.display()))
        }
        FleetsCmd::CreateFederationConnection {
            fleet_id,
            project_id,
            vpc_id,
            subnet_id,
        } => {
            let body = FederationConnectionRequest {
                project_id,
                vpc_id,
                subnet_id,
            };
            out.print(
                &fleets
                    .create_federation_connection(&fleet_id, &body)
                    .await?,
            )
        }
        FleetsCmd::DownloadFederationKubeconfig {
            fleet_id,
            duration,
            out: path,
        } => {
            let kubeconfig = fleets
                .download_federation_kubeconfig(&fleet_id, &DownloadKubeconfigRequest { duration })
                .await?;
            save_kubeconfig(&kubeconfig, &path)?;
            out.done(&format!("kubeconfig written to {}", path.display()))
        }
        FleetsCmd::UpdateKubeconfig {
            fleet_id,
            kubeconfig: path,
            context,
            no_set_current,
            duration,
        } => {
            let path = match path {
                Some(p) => p,
                None => kubeconfig_file::default_path()?,
            };
            let context_name = match context {
                Some(c) => c,
                None => {
                    let fleet = fleets.get(&fleet_id).await?;
                    let name = Some(fleet.name()).filter(|n| !n.is_empty());
                    format!("ucs-{}", name.unwrap_or(&fleet_id))
                }
            };
            let kubeconfig = fleets
                .download_federation_kubeconfig(&fleet_id, &DownloadKubeconfigRequest { duration })
                .await?;
            let options = MergeOptions {
                context_name: Some(context_name),
                set_current: !no_set_current,
            };
            let outcome =
                kubeconfig_file::merge(&kubeconfig, &path, &options).map_err(|e| match e {
                    // The file could not be read, parsed or written: "a file not written" (exit 1).
                    ucs_sdk::Error::Config(message) => Failure::Other(message),
                    other => Failure::Sdk(other),
                })?;
            if out.for_people() && !out.has_query() {
                println!("{outcome}");
                Ok(())
            } else {
                out.print(&outcome)
            }
        }
    }
}
