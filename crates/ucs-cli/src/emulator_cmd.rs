//! `ucs emulator`: a local UCS until Ctrl-C; prints its base URL, then the demo credentials.

use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, ValueEnum};
use ucs_emulator::{AuthMode, EmulatorConfig, EmulatorCredential, FaultConfig, RequestLogTarget};

use crate::CliResult;

#[derive(Debug, Clone, Copy, ValueEnum)]
pub(crate) enum AuthArg {
    /// AK/SK signatures or issued tokens.
    Signed,
    /// No checks.
    None,
}

#[derive(Debug, Args)]
pub(crate) struct EmulatorArgs {
    /// Address to listen on; port 0 picks a free one.
    #[arg(long, default_value = "127.0.0.1:0")]
    listen: SocketAddr,
    /// Seconds from enabling federation to Success.
    #[arg(long, default_value = "3", value_parser = parse_seconds, allow_hyphen_values = true)]
    federation_seconds: Duration,
    /// Whether requests must be authenticated.
    #[arg(long, value_enum, default_value = "signed")]
    auth: AuthArg,
    /// Another accepted credential, AK:SK[:DOMAIN_ID[:PROJECT_ID]] (repeatable).
    #[arg(long = "credential")]
    credentials: Vec<String>,
    /// Clusters, fleets and rules allowed per account.
    #[arg(long, default_value_t = 50)]
    quota: usize,
    /// Most clusters one fleet holds (more answer 400 UCS.01100006).
    #[arg(long, default_value_t = 50, value_parser = clap::value_parser!(u32).range(1..))]
    fleet_cluster_limit: u32,
    /// Keep registered attached clusters Pending until `POST /_emulator/clusters/{id}/connect`
    /// (by default their agent connects at once).
    #[arg(long)]
    no_auto_connect: bool,
    /// Keep the state in this file across restarts.
    #[arg(long)]
    state: Option<PathBuf>,
    /// Share of requests answered 500.
    #[arg(long, default_value_t = 0.0)]
    fault_error_rate: f64,
    /// Share of requests answered 429.
    #[arg(long, default_value_t = 0.0)]
    fault_429_rate: f64,
    /// Retry-After seconds sent with injected 429s.
    #[arg(long, default_value_t = 1)]
    fault_retry_after: u64,
    /// Latency added to every request, in milliseconds.
    #[arg(long, default_value_t = 0)]
    fault_latency_ms: u64,
    /// Share of connections closed without an answer.
    #[arg(long, default_value_t = 0.0)]
    fault_drop_rate: f64,
    /// Register this many clusters at start (benchmarks).
    #[arg(long, default_value_t = 0)]
    seed_clusters: usize,
    /// Structured request log: a file, or `-` for stderr.
    #[arg(long)]
    request_log: Option<PathBuf>,
    /// Token `/_emulator/*` requests must carry in `X-Emulator-Token` (one is generated and
    /// printed on stderr when listening beyond loopback without this flag).
    #[arg(long, env = "UCS_EMULATOR_CONTROL_TOKEN", hide_env_values = true)]
    control_token: Option<String>,
    /// Connections served at once; further ones are closed.
    #[arg(long, default_value_t = 1024, value_parser = clap::value_parser!(u32).range(1..))]
    max_connections: u32,
}

/// Seconds as a duration: zero or more, finite, and not beyond what a duration holds.
fn parse_seconds(value: &str) -> Result<Duration, String> {
    let secs: f64 = value
        .trim()
        .parse()
        .map_err(|_| format!("{value:?} is not a number of seconds"))?;
    if !(secs.is_finite() && secs >= 0.0) {
        return Err(format!("{value:?} must be zero or more seconds"));
    }
    Duration::try_from_secs_f64(secs).map_err(|_| format!("{value:?} is too many seconds"))
}

impl EmulatorArgs {
    fn config(&self) -> Result<EmulatorConfig, String> {
        let mut credentials = vec![EmulatorCredential::demo()];
        for spec in &self.credentials {
            credentials.push(EmulatorCredential::parse(spec).map_err(|e| e.to_string())?);
        }
        Ok(EmulatorConfig {
            listen: self.listen,
            auth: match self.auth {
                AuthArg::Signed => AuthMode::Signed,
                AuthArg::None => AuthMode::None,
            },
            credentials,
            quota: self.quota,
            fleet_cluster_limit: usize::try_from(self.fleet_cluster_limit).unwrap_or(usize::MAX),
            auto_connect: !self.no_auto_connect,
            federation_duration: self.federation_seconds,
            state_file: self.state.clone(),
            faults: FaultConfig {
                error_rate: self.fault_error_rate,
                throttle_rate: self.fault_429_rate,
                retry_after_secs: self.fault_retry_after,
                latency: Duration::from_millis(self.fault_latency_ms),
                drop_rate: self.fault_drop_rate,
            },
            seed_clusters: self.seed_clusters,
            request_log: self.request_log.as_ref().map(|p| {
                if p.as_os_str() == "-" {
                    RequestLogTarget::Stderr
                } else {
                    RequestLogTarget::File(p.clone())
                }
            }),
            // Beyond loopback anyone on the network could reset or read the state: require a
            // token there.
            control_token: match &self.control_token {
                Some(token) if token.is_empty() => {
                    return Err("--control-token must not be empty".to_owned())
                }
                Some(token) => Some(token.clone()),
                None if self.listen.ip().is_loopback() => None,
                None => Some(ucs_emulator::generate_control_token()),
            },
            max_connections: usize::try_from(self.max_connections).unwrap_or(usize::MAX),
            ..EmulatorConfig::default()
        })
    }
}

async fn stop_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        if let Ok(mut term) = signal(SignalKind::terminate()) {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = term.recv() => {}
            }
            return;
        }
    }
    let _ = tokio::signal::ctrl_c().await;
}

pub(crate) async fn run(args: EmulatorArgs) -> CliResult {
    let config = args.config()?;
    let emulator = ucs_emulator::start(config)
        .await
        .map_err(|e| e.to_string())?;
    if let (Some(token), None) = (emulator.control_token(), &args.control_token) {
        // Generated here, so the only way to learn it; stdout's two lines stay as they are.
        eprintln!("control token for /_emulator/* (X-Emulator-Token): {token}");
    }
    // On stderr too: the kubeconfigs it issues name this listener.
    eprintln!(
        "Karmada gateway over TLS: {}",
        emulator.gateway_url("{fleet}")
    );
    {
        let mut stdout = std::io::stdout().lock();
        let written = writeln!(stdout, "{}", emulator.base_url())
            .and_then(|()| writeln!(stdout, "{}", ucs_emulator::demo_credentials_json()))
            .and_then(|()| stdout.flush());
        written.map_err(|e| format!("cannot write to stdout: {e}"))?;
    }
    stop_signal().await;
    emulator.shutdown().await;
    Ok(())
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::EmulatorArgs;

    #[derive(Parser)]
    struct Cli {
        #[command(flatten)]
        args: EmulatorArgs,
    }

    fn parse(args: &[&str]) -> Result<EmulatorArgs, String> {
        Cli::try_parse_from(std::iter::once("emulator").chain(args.iter().copied()))
            .map(|c| c.args)
            .map_err(|e| e.to_string())
    }

    #[test]
    fn federation_seconds_out_of_range_is_a_clap_error_naming_the_flag() {
        for bad in ["1e30", "-1", "-0.5", "NaN", "inf", "soon"] {
            let err = parse(&["--federation-seconds", bad]).expect_err(bad);
            assert!(err.contains("--federation-seconds"), "{bad}: {err}");
        }
        let ok = parse(&["--federation-seconds", "0.5"]).expect("0.5");
        assert_eq!(ok.federation_seconds, std::time::Duration::from_millis(500));
    }

    #[test]
    fn a_control_token_is_required_beyond_loopback() {
        let config = |args: &[&str]| parse(args).expect("args").config().expect("config");
        assert_eq!(config(&["--listen", "127.0.0.1:0"]).control_token, None);
        assert_eq!(config(&["--listen", "[::1]:0"]).control_token, None);
        let generated = config(&["--listen", "0.0.0.0:0"]).control_token;
        assert!(generated.is_some_and(|t| t.len() >= 32));
        assert_eq!(
            config(&["--listen", "0.0.0.0:0", "--control-token", "given"]).control_token,
            Some("given".to_owned())
        );
        assert!(parse(&["--max-connections", "0"]).is_err());
    }

    #[test]
    fn fleet_cluster_limit_and_auto_connect_reach_the_config() {
        let config = |args: &[&str]| parse(args).expect("args").config().expect("config");
        let defaults = config(&[]);
        assert_eq!(defaults.fleet_cluster_limit, 50);
        assert!(defaults.auto_connect);
        let set = config(&["--fleet-cluster-limit", "3", "--no-auto-connect"]);
        assert_eq!(set.fleet_cluster_limit, 3);
        assert!(!set.auto_connect);
        let err = parse(&["--fleet-cluster-limit", "0"])
            .err()
            .unwrap_or_default();
        assert!(err.contains("--fleet-cluster-limit"), "{err}");
    }
}
