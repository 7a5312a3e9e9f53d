//! `ucs`: Huawei Cloud UCS from the shell, a local emulator, and a guided demo.

mod args;
mod clusters;
#[cfg(test)]
mod coverage;
mod demo;
mod emulator_cmd;
mod fleets;
mod generated;
mod hss;
mod iam;
mod input;
mod karmada;
mod man;
mod output;
mod profile;
mod progress;
mod rules;

use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};
use ucs_sdk::operations::Operation;

use args::GlobalArgs;
use output::Printer;

/// What `ucs --help` shows after the flags: examples and the exit codes scripts can test.
const AFTER_HELP: &str = "\
Examples:
  ucs --profile dev clusters list
  ucs fleets get \"$FLEET_ID\" -o yaml
  ucs clusters list -o json --query 'items[].metadata.name'
  ucs completions bash > ~/.local/share/bash-completion/completions/ucs
  ucs man > ucs.1

Exit codes:
  0  success
  1  any other failure (a service error of no class below, a failed federation, a file not written)
  2  usage: unknown subcommand or flag, a missing or malformed flag value
  3  invalid argument or configuration, refused before sending (a bad id, --duration, --query,
     --file body, --profile section, --ak without --sk)
  4  not found (HTTP 404 or a not-found error code)
  5  conflict (HTTP 409, e.g. a name already taken)
  6  authentication or authorization refused (HTTP 401/403, an auth error code, no credentials)
  7  throttled (HTTP 429), once the retries are spent
  8  timed out (--timeout, --wait-timeout)
  9  connection failed (refused, reset, DNS, TLS)";

/// Pointed to from every subcommand's help, where the connection flags are accepted but not listed.
const CONNECTION_NOTE: &str =
    "Connection flags (--profile, --endpoint, --region, --ak/--sk, --timeout, ...): see `ucs --help`.";

/// Huawei Cloud UCS (clusters, fleets, permission rules) and HSS multi-cloud clusters.
#[derive(Debug, Parser)]
#[command(
    name = "ucs",
    version,
    about,
    propagate_version = true,
    after_help = AFTER_HELP
)]
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
    /// Kubernetes objects through a federated fleet's Karmada gateway: get, apply, patch, delete.
    #[command(
        after_help = "Examples:\n  ucs fleets update-kubeconfig \"$FLEET_ID\"   # once: the token goes to context ucs-prod\n  ucs karmada prod get deployments -l app=web\n  ucs karmada prod apply -f web.yaml\n\nThe bearer token comes from --kubeconfig (its context), else --token, else the context\nucs-FLEET of $KUBECONFIG or ~/.kube/config, else the IAM token of the credentials."
    )]
    Karmada(karmada::KarmadaArgs),
    /// Run a local UCS emulator until interrupted.
    #[command(after_help = "Examples:\n  ucs emulator --listen 127.0.0.1:8080")]
    Emulator(emulator_cmd::EmulatorArgs),
    /// Start the embedded emulator and run a complete scenario against it.
    #[command(after_help = "Examples:\n  ucs demo --fast")]
    Demo(demo::DemoArgs),
    /// Print a shell completion script to stdout.
    #[command(
        hide = true,
        after_help = "Examples:\n  ucs completions bash > ~/.local/share/bash-completion/completions/ucs\n  ucs completions zsh > \"${fpath[1]}/_ucs\"\n  ucs completions fish > ~/.config/fish/completions/ucs.fish"
    )]
    Completions {
        /// bash, zsh, fish, elvish or powershell.
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff) to stdout, or write every subcommand's page too.
    #[command(
        hide = true,
        after_help = "Examples:\n  ucs man > ucs.1 && man ./ucs.1\n  ucs man --dir man/man1 && man -l man/man1/ucs-clusters-list.1"
    )]
    Man {
        /// Write ucs.1 and one page per subcommand (ucs-clusters.1, ucs-clusters-list.1, ...) here.
        #[arg(long, value_name = "DIR")]
        dir: Option<std::path::PathBuf>,
    },
}

/// What failed; [`exit_code`] gives its exit code.
#[derive(Debug)]
pub(crate) enum Failure {
    /// The service or the client refused: the code of the core's class of the error.
    Sdk(ucs_sdk::Error),
    /// A flag value or input file found bad by the CLI itself: exit 3.
    Invalid(String),
    /// Anything else (files, emulator start): exit 1.
    Other(String),
}

/// Exit codes, as `ucs --help` lists them.
mod code {
    pub const OTHER: u8 = 1;
    pub const INVALID: u8 = 3;
    pub const NOT_FOUND: u8 = 4;
    pub const CONFLICT: u8 = 5;
    pub const AUTH: u8 = 6;
    pub const THROTTLED: u8 = 7;
    pub const TIMEOUT: u8 = 8;
    pub const CONNECTION: u8 = 9;
}

/// The exit code of a failure; service errors go by the core's [`ucs_sdk::ApiError::kind`].
fn exit_code(failure: &Failure) -> u8 {
    use ucs_sdk::{ApiErrorKind, Error};
    match failure {
        Failure::Sdk(Error::Api(api)) => match api.kind() {
            ApiErrorKind::NotFound => code::NOT_FOUND,
            ApiErrorKind::Conflict => code::CONFLICT,
            ApiErrorKind::Auth => code::AUTH,
            ApiErrorKind::Throttled => code::THROTTLED,
            _ => code::OTHER,
        },
        Failure::Sdk(Error::InvalidArgument { .. } | Error::Config(_)) | Failure::Invalid(_) => {
            code::INVALID
        }
        Failure::Sdk(Error::Auth(_)) => code::AUTH,
        Failure::Sdk(Error::Timeout { .. }) => code::TIMEOUT,
        Failure::Sdk(Error::Connection { .. }) => code::CONNECTION,
        Failure::Sdk(_) | Failure::Other(_) => code::OTHER,
    }
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
        Failure::Invalid(message) | Failure::Other(message) => eprintln!("error: {message}"),
    }
}

/// The command line as parsed and as `--help` shows it: the connection flags are global, so
/// `ucs clusters list --endpoint X` works, but only `ucs --help` lists them.
fn command() -> clap::Command {
    let mut cmd = generated::augment(Cli::command());
    // Built first, so the global flags have been copied into every subcommand; a subcommand's
    // own flag of the same name (`access-info --region`) is not global and stays shown.
    cmd.build();
    for sub in cmd.get_subcommands_mut() {
        hide_connection_flags(sub);
    }
    cmd
}

fn hide_connection_flags(cmd: &mut clap::Command) {
    let note = match cmd.get_after_help() {
        Some(text) => format!("{text}\n\n{CONNECTION_NOTE}"),
        None => CONNECTION_NOTE.to_owned(),
    };
    *cmd = std::mem::take(cmd).after_help(note).mut_args(|a| {
        if a.is_global_set() && a.get_help_heading() == Some("Connection") {
            a.hide(true)
        } else {
            a
        }
    });
    for sub in cmd.get_subcommands_mut() {
        hide_connection_flags(sub);
    }
}

/// Writes to stdout; a reader that went away (`ucs ... | head`) is not an error.
pub(crate) fn write_stdout(bytes: &[u8]) -> CliResult {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(Failure::Other(format!("cannot write to stdout: {e}")))
        }
        _ => Ok(()),
    }
}

/// `ucs completions SHELL`: generated from the full tree, so every flag completes everywhere.
fn completions(shell: clap_complete::Shell) -> CliResult {
    // Into a buffer: clap_complete panics when its writer fails.
    let mut script = Vec::new();
    clap_complete::generate(
        shell,
        &mut generated::augment(Cli::command()),
        "ucs",
        &mut script,
    );
    write_stdout(&script)
}

async fn run(cli: Cli) -> CliResult {
    let printer = Printer::new(cli.global.output, cli.global.query.as_deref())?;
    match cli.command {
        Command::Emulator(a) => emulator_cmd::run(a).await,
        Command::Demo(a) => demo::run(a).await,
        Command::Completions { shell } => completions(shell),
        Command::Man { dir } => man::run(command(), dir.as_deref()),
        Command::Clusters(c) => clusters::run(&cli.global.client()?, &printer, c).await,
        Command::Fleets(c) => fleets::run(&cli.global.client()?, &printer, c).await,
        Command::Rules(c) => rules::run(&cli.global.client()?, &printer, c).await,
        Command::Hss(c) => hss::run(&cli.global.client()?, &printer, c).await,
        Command::Iam(c) => iam::run(&cli.global.client()?, &printer, c).await,
        Command::Karmada(a) => {
            let client = cli.global.client()?;
            karmada::run(&client, cli.global.token.as_deref(), &printer, a).await
        }
    }
}

/// What the command line asks for: a hand-written command, or a generated operation.
enum Job {
    Cli(Box<Cli>),
    Generated(Box<args::GlobalArgs>, Operation, clap::ArgMatches),
}

fn main() -> ExitCode {
    let cmd = command();
    let matches = cmd.clone().get_matches();
    let job = match generated::matched(&cmd, &matches) {
        Some((operation, op_matches)) => match args::GlobalArgs::from_arg_matches(&matches) {
            Ok(global) => Job::Generated(Box::new(global), operation, op_matches),
            Err(e) => e.exit(),
        },
        None => match Cli::from_arg_matches(&matches) {
            Ok(cli) => Job::Cli(Box::new(cli)),
            Err(e) => e.exit(),
        },
    };
    let verbose = match &job {
        Job::Cli(cli) => cli.global.verbose,
        Job::Generated(global, ..) => global.verbose,
    };
    args::init_logging(verbose);
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
    let outcome = match job {
        Job::Cli(cli) => runtime.block_on(run(*cli)),
        Job::Generated(global, operation, op_matches) => runtime.block_on(async move {
            let printer = Printer::new(global.output, global.query.as_deref())?;
            generated::run(&global.client()?, &printer, operation, &op_matches).await
        }),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            report(&failure);
            ExitCode::from(exit_code(&failure))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ucs_sdk::{ApiError, Error};

    fn leaves(cmd: &clap::Command, path: String, out: &mut Vec<(String, clap::Command)>) {
        for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
            let path = format!("{path} {}", sub.get_name());
            if sub.has_subcommands() {
                leaves(sub, path, out);
            } else {
                out.push((path, sub.clone()));
            }
        }
    }

    #[test]
    fn every_subcommand_has_an_example() {
        let mut all = Vec::new();
        leaves(&command(), "ucs".into(), &mut all);
        assert!(all.len() > 30, "{}", all.len());
        for (path, sub) in all {
            let help = sub.get_after_help().map(ToString::to_string);
            let help = help.unwrap_or_default();
            assert!(help.starts_with("Examples:\n  ucs"), "{path}: {help}");
        }
    }

    #[test]
    fn connection_flags_are_listed_once_but_accepted_everywhere() {
        let mut cmd = command();
        let root = cmd.render_long_help().to_string();
        assert!(
            root.contains("--endpoint") && root.contains("Exit codes:"),
            "{root}"
        );
        let list = cmd
            .find_subcommand_mut("clusters")
            .and_then(|c| c.find_subcommand_mut("list"))
            .map(|c| c.render_long_help().to_string())
            .unwrap_or_default();
        assert!(
            list.contains("--limit") && list.contains("--output"),
            "{list}"
        );
        assert!(
            !list.contains("<ENDPOINT>") && !list.contains("<SK>"),
            "{list}"
        );
        let m = command()
            .try_get_matches_from(["ucs", "clusters", "list", "--endpoint", "http://x"])
            .expect("parses");
        let cli = Cli::from_arg_matches(&m).expect("cli");
        assert_eq!(cli.global.endpoint.as_deref(), Some("http://x"));
        // A subcommand's own flag of a global's name still works and is still shown.
        let info = command()
            .find_subcommand("clusters")
            .and_then(|c| c.find_subcommand("access-info"))
            .map(|c| c.clone().render_long_help().to_string())
            .unwrap_or_default();
        assert!(info.contains("--region"), "{info}");
    }

    fn api(status: u16, code: &str) -> Failure {
        Failure::Sdk(Error::Api(ApiError {
            status,
            code: code.into(),
            message: "m".into(),
            request_id: None,
            retry_after: None,
        }))
    }

    #[test]
    fn exit_codes_follow_the_core_classes() {
        assert_eq!(exit_code(&api(404, "UCS.01030001")), 4);
        assert_eq!(exit_code(&api(400, "UCS.01100005")), 4, "not-found code");
        assert_eq!(exit_code(&api(409, "")), 5);
        assert_eq!(exit_code(&api(401, "")), 6);
        assert_eq!(exit_code(&api(403, "")), 6);
        assert_eq!(exit_code(&api(429, "")), 7);
        assert_eq!(exit_code(&api(500, "")), 1);
        assert_eq!(exit_code(&Failure::Sdk(Error::invalid("id", "bad"))), 3);
        assert_eq!(exit_code(&Failure::Sdk(Error::Config("x".into()))), 3);
        assert_eq!(exit_code(&Failure::Invalid("x".into())), 3);
        assert_eq!(exit_code(&Failure::Sdk(Error::Auth("none".into()))), 6);
        let timeout = Error::Timeout {
            what: "call".into(),
            elapsed: std::time::Duration::from_millis(5),
        };
        assert_eq!(exit_code(&Failure::Sdk(timeout)), 8);
        let refused = Error::Connection {
            message: "refused".into(),
        };
        assert_eq!(exit_code(&Failure::Sdk(refused)), 9);
        assert_eq!(exit_code(&Failure::Other("disk".into())), 1);
    }
}
