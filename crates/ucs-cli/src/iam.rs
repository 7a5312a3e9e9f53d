//! `ucs iam ...`: what calling the API needs from IAM.

use clap::Subcommand;
use ucs_sdk::Client;

use crate::output::Printer;
use crate::CliResult;

#[derive(Debug, Subcommand)]
pub(crate) enum IamCmd {
    /// Print an IAM token (from the given token or user/password), for `X-Auth-Token`.
    #[command(
        after_help = "Examples:\n  ucs --user alice --domain-name acme iam token   # password from UCS_PASSWORD"
    )]
    Token,
    /// Print the project id (configured or resolved by region).
    #[command(after_help = "Examples:\n  ucs --region cn-north-4 iam project-id")]
    ProjectId,
    /// Print the account (domain) id (configured or resolved).
    #[command(after_help = "Examples:\n  ucs iam domain-id")]
    DomainId,
}

pub(crate) async fn run(client: &Client, out: &Printer, cmd: IamCmd) -> CliResult {
    let iam = client.iam();
    match cmd {
        // The one place a secret is printed: the user asked for it, on stdout only.
        IamCmd::Token => out.print(&iam.token().await?.expose()),
        IamCmd::ProjectId => out.print(&iam.project_id().await?),
        IamCmd::DomainId => out.print(&iam.domain_id().await?),
    }
}
