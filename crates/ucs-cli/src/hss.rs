//! `ucs hss ...`: HSS multi-cloud cluster creation.

use std::path::PathBuf;

use clap::Subcommand;
use ucs_sdk::models::{CreateMulticloudCluster, CreateMulticloudClusterQuery};
use ucs_sdk::Client;

use crate::input::read_body;
use crate::output::Printer;
use crate::CliResult;

#[derive(Debug, Subcommand)]
pub(crate) enum HssCmd {
    /// Create a multi-cloud cluster from a JSON or YAML body (17 snake_case fields).
    #[command(
        after_help = "Examples:\n  ucs --region cn-north-4 hss create-multicloud-cluster -f multicloud.yaml"
    )]
    CreateMulticloudCluster {
        #[arg(long, short = 'f')]
        file: PathBuf,
        #[arg(long)]
        enterprise_project_id: Option<String>,
    },
}

pub(crate) async fn run(client: &Client, out: &Printer, cmd: HssCmd) -> CliResult {
    match cmd {
        HssCmd::CreateMulticloudCluster {
            file,
            enterprise_project_id,
        } => {
            let body: CreateMulticloudCluster = read_body(&file)?;
            let query = CreateMulticloudClusterQuery {
                enterprise_project_id,
            };
            out.print(
                &client
                    .hss()
                    .create_multicloud_cluster(&body, &query)
                    .await?,
            )
        }
    }
}
