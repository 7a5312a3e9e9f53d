//! `ucs rules ...`: the 4 permission rule operations.

use std::path::PathBuf;

use clap::Subcommand;
use futures_util::TryStreamExt;
use ucs_sdk::models::{CreateRule, PageQuery, UpdateRule};
use ucs_sdk::Client;

use crate::clusters::PageArgs;
use crate::input::read_body;
use crate::output::Printer;
use crate::CliResult;

#[derive(Debug, Subcommand)]
pub(crate) enum RulesCmd {
    /// Create a rule from a JSON or YAML body ({metadata: {name}, spec: {...}}).
    #[command(
        after_help = "Examples:\n  ucs rules create -f rule.yaml -o json --query metadata.uid"
    )]
    Create {
        #[arg(long, short = 'f')]
        file: PathBuf,
    },
    /// List rules.
    #[command(after_help = "Examples:\n  ucs rules list --all")]
    List {
        #[command(flatten)]
        page: PageArgs,
    },
    /// Replace a rule's spec from a body ({spec: {...}}).
    #[command(after_help = "Examples:\n  ucs rules update \"$RULE_ID\" -f rule-spec.yaml")]
    Update {
        rule_id: String,
        #[arg(long, short = 'f')]
        file: PathBuf,
    },
    /// Delete a rule (it leaves every association).
    #[command(after_help = "Examples:\n  ucs rules delete \"$RULE_ID\"")]
    Delete { rule_id: String },
}

pub(crate) async fn run(client: &Client, out: &Printer, cmd: RulesCmd) -> CliResult {
    let rules = client.rules();
    match cmd {
        RulesCmd::Create { file } => {
            let body: CreateRule = read_body(&file)?;
            out.print(&rules.create(&body).await?)
        }
        RulesCmd::List { page } => {
            let query = PageQuery {
                limit: page.limit,
                offset: page.offset,
                order_by: page.order_by,
                order: page.order,
            };
            if page.all {
                let items: Vec<_> = rules.iter(query).try_collect().await?;
                let total = items.len();
                out.print(&serde_json::json!({"items": items, "total": total}))
            } else {
                out.print(&rules.list(&query).await?)
            }
        }
        RulesCmd::Update { rule_id, file } => {
            let body: UpdateRule = read_body(&file)?;
            rules.update(&rule_id, &body).await?;
            out.done(&format!("rule {rule_id} updated"))
        }
        RulesCmd::Delete { rule_id } => {
            rules.delete(&rule_id).await?;
            out.done(&format!("rule {rule_id} deleted"))
        }
    }
}
