//! Subcommands generated from the operation table for every operation without a hand-written
//! one: `ucs GROUP NAME [IDS...] [--file BODY] [--query JSON]`, run through the bridge's
//! dispatcher. A new operation is in the CLI as soon as it is in the table; a hand-written
//! subcommand (friendlier flags, tables, waiting) replaces the generated one when it exists.

use std::path::PathBuf;

use clap::{Arg, ArgMatches, Command};
use serde_json::Value;
use ucs_sdk::operations::{Operation, OperationInfo};

use crate::input::read_body;
use crate::output::Printer;
use crate::{CliResult, Failure};

/// Marks a generated subcommand, so `matched` tells it from the hand-written ones.
const MARK: &str = "generated from the operation table";

fn kebab(name: &str) -> String {
    name.replace('_', "-")
}

fn subcommand(info: &OperationInfo) -> Command {
    let mut cmd = Command::new(kebab(info.name))
        .about(info.doc.trim().to_owned())
        .long_about(format!(
            "{} `{} {}` (official name {}).",
            info.doc.trim(),
            info.method,
            info.path,
            info.official
        ))
        .after_help(format!(
            "Examples:\n  {}\n\nThis subcommand is {MARK}: the body and query use the wire names of the API.",
            example(info)
        ));
    for id in info.ids {
        cmd = cmd.arg(Arg::new(*id).required(true).value_name(id.to_uppercase()));
    }
    if info.body.is_some() {
        cmd = cmd.arg(
            Arg::new("file")
                .short('f')
                .long("file")
                .required(true)
                .value_parser(clap::value_parser!(PathBuf))
                .help(format!(
                    "The {} body, JSON or YAML (`-` for stdin)",
                    // `Vec < CreateRecordSet >` as the table's stringify! spells it.
                    info.body.unwrap_or_default().replace(' ', "")
                )),
        );
    }
    if info.query.is_some() {
        cmd = cmd.arg(
            Arg::new("query-params")
                .long("params")
                .value_name("JSON")
                .help(format!(
                    "The {} query parameters as a JSON object",
                    info.query.unwrap_or_default()
                )),
        );
    }
    cmd
}

/// A command line calling the operation: its ids as placeholders, a body file, the query fields.
fn example(info: &OperationInfo) -> String {
    let mut line = format!("ucs {} {}", info.resource, kebab(info.name));
    for id in info.ids {
        line.push_str(&format!(" \"${}\"", id.to_uppercase()));
    }
    if info.body.is_some() {
        line.push_str(" -f body.yaml");
    }
    if info.query.is_some() {
        line.push_str(" --params '{...}'");
    }
    line
}

/// `cmd` with a generated subcommand for every operation it lacks (and a group for a group it
/// lacks).
pub(crate) fn augment(mut cmd: Command) -> Command {
    for op in Operation::ALL {
        let info = op.info();
        let name = kebab(info.name);
        if cmd.find_subcommand(info.resource).is_none() {
            cmd = cmd.subcommand(
                Command::new(info.resource)
                    .about(format!("{} operations", info.resource))
                    .subcommand_required(true),
            );
        }
        cmd = cmd.mut_subcommand(info.resource, |group| {
            if group.find_subcommand(&name).is_some() {
                group
            } else {
                group.subcommand(subcommand(info))
            }
        });
    }
    cmd
}

/// The operation and its arguments when the command line chose a generated subcommand.
pub(crate) fn matched(cmd: &Command, matches: &ArgMatches) -> Option<(Operation, ArgMatches)> {
    let (group, group_matches) = matches.subcommand()?;
    let (name, op_matches) = group_matches.subcommand()?;
    let sub = cmd.find_subcommand(group)?.find_subcommand(name)?;
    let generated = sub
        .get_after_help()
        .is_some_and(|help| help.to_string().contains(MARK));
    let operation = Operation::find(group, &name.replace('-', "_"))?;
    generated.then(|| (operation, op_matches.clone()))
}

/// Runs a generated subcommand and prints its answer.
pub(crate) async fn run(
    client: &ucs_sdk::Client,
    printer: &Printer,
    operation: Operation,
    matches: &ArgMatches,
) -> CliResult {
    let info = operation.info();
    let ids = info
        .ids
        .iter()
        .map(|id| matches.get_one::<String>(id).cloned().unwrap_or_default())
        .collect();
    let body = match matches.try_get_one::<PathBuf>("file").ok().flatten() {
        Some(path) => Some(read_body::<Value>(path)?),
        None => None,
    };
    let query = match matches.try_get_one::<String>("query-params").ok().flatten() {
        Some(text) => Some(
            serde_json::from_str::<Value>(text)
                .map_err(|e| Failure::Invalid(format!("--params is not a JSON object: {e}")))?,
        ),
        None => None,
    };
    let call = ucs_bridge::Call {
        resource: info.resource.to_owned(),
        name: info.name.to_owned(),
        ids,
        body,
        query,
    };
    let answer = ucs_bridge::invoke(client, call)
        .await
        .map_err(Failure::Sdk)?;
    printer.print(&answer)
}
