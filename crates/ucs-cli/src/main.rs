//! `ucs`: Huawei Cloud UCS from the shell, a local emulator, and a guided demo.

mod args;
mod clusters;
mod demo;
mod emulator_cmd;
mod fleets;
mod hss;
mod iam;
mod input;
mod output;
mod progress;
mod rules;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

use args::GlobalArgs;
use output::Printer;

/// Huawei Cloud UCS (clusters, fleets, permission rules) and HSS multi-cloud clusters.
#[derive(Debug, Parser)]
#[command(name = "ucs", version, about, propagate_version = true)]
struct Cli {
    #[command(flatten)]
    global: GlobalArgs,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Clusters: register, list, get, update, join a fleet, ...
    #[command(subcommand)]
    Clusters(clusters::ClustersCmd),
    /// Fleets (cluster groups) and their Karmada federation.
    #[command(subcommand)]
    Fleets(fleets::FleetsCmd),
    /// Permission rules.
    #[command(subcommand)]
    Rules(rules::RulesCmd),
    /// HSS multi-cloud clusters.
    #[command(subcommand)]
    Hss(hss::HssCmd),
    /// IAM: token, project id, domain id.
    #[command(subcommand)]
    Iam(iam::IamCmd),
    /// Run a local UCS emulator until interrupted.
    Emulator(emulator_cmd::EmulatorArgs),
    /// Start the embedded emulator and run a complete scenario against it.
    Demo(demo::DemoArgs),
}

/// What failed, and the exit code it gets.
#[derive(Debug)]
pub(crate) enum Failure {
    /// The service or the client refused: exit 1.
    Sdk(ucs_sdk::Error),
    /// Anything else (files, emulator start, bad flags found late): exit 1.
    Other(String),
}

impl From<ucs_sdk::Error> for Failure {
    fn from(e: ucs_sdk::Error) -> Self {
        Failure::Sdk(e)
    }
}

impl From<String> for Failure {
    fn from(e: String) -> Self {
        Failure::Other(e)
    }
}

pub(crate) type CliResult<T = ()> = Result<T, Failure>;

fn report(failure: &Failure) {
    match failure {
        Failure::Sdk(ucs_sdk::Error::Api(api)) => {
            eprintln!("error: {}", api.message);
            eprintln!("  status:     {}", api.status);
            eprintln!("  code:       {}", api.code);
            eprintln!(
                "  request id: {}",
                api.request_id.as_deref().unwrap_or("(none)")
            );
        }
        Failure::Sdk(other) => {
            eprintln!("error: {other}");
            if let Some(id) = other.request_id() {
                eprintln!("  request id: {id}");
            }
        }
        Failure::Other(message) => eprintln!("error: {message}"),
    }
}

async fn run(cli: Cli) -> CliResult {
    let printer = Printer::new(cli.global.output);
    match cli.command {
        Command::Emulator(a) => emulator_cmd::run(a).await,
        Command::Demo(a) => demo::run(a).await,
        Command::Clusters(c) => clusters::run(&cli.global.client()?, &printer, c).await,
        Command::Fleets(c) => fleets::run(&cli.global.client()?, &printer, c).await,
        Command::Rules(c) => rules::run(&cli.global.client()?, &printer, c).await,
        Command::Hss(c) => hss::run(&cli.global.client()?, &printer, c).await,
        Command::Iam(c) => iam::run(&cli.global.client()?, &printer, c).await,
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    args::init_logging(cli.global.verbose);
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            report(&failure);
            ExitCode::FAILURE
        }
    }
}
