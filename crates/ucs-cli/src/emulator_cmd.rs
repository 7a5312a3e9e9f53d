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
    #[arg(long, default_value_t = 3.0)]
    federation_seconds: f64,
    /// Whether requests must be authenticated.
    #[arg(long, value_enum, default_value = "signed")]
    auth: AuthArg,
    /// Another accepted credential, AK:SK[:DOMAIN_ID[:PROJECT_ID]] (repeatable).
    #[arg(long = "credential")]
    credentials: Vec<String>,
    /// Clusters, fleets and rules allowed per account.
    #[arg(long, default_value_t = 50)]
    quota: usize,
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
}

impl EmulatorArgs {
    fn config(&self) -> Result<EmulatorConfig, String> {
        if !(self.federation_seconds.is_finite() && self.federation_seconds >= 0.0) {
            return Err("--federation-seconds must be zero or more".to_owned());
        }
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
            federation_duration: Duration::from_secs_f64(self.federation_seconds),
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
