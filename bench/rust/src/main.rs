//! `ucs-bench`: the Rust rows of bench/RESULTS.md, one JSON line per measurement on stdout.
//!
//! - `core`: the core client's `clusters.get`, `clusters.list` (50 and 500) and 64 concurrent gets;
//! - `raw`: the loopback limit, the same requests pre-signed once and sent by a bare reqwest
//!   client that reads the body without decoding it;
//! - `load`: small GETs per second against the endpoint with many connections (for the emulator
//!   pinned to one core);
//! - `startup`: the emulator's start-up time (spawn to its first line of output);
//! - `scale`: memory and time of iterating 10,000 clusters with the pager (scale.rs);
//! - `decode`, `decode-local`: the decode profile of the 500-cluster page (decode.rs).

mod decode;
mod endpoint;
mod measure;
mod raw;
mod scale;

use std::time::Duration;

use clap::{Parser, Subcommand};
use serde_json::json;
use ucs_sdk::models::ListClustersQuery;

use measure::{emit, latencies, throughput};

/// The allocator of the bindings and the CLI (see ucs-bridge), so the Rust rows measure the same
/// decode the other languages get (to compare with glibc's allocator, build without these lines).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Where the emulator is and how to sign for it.
#[derive(clap::Args, Clone)]
struct Target {
    #[command(flatten)]
    at: endpoint::Endpoint,
    /// A cluster that exists (for `get`).
    #[arg(long)]
    cluster_id: String,
}

#[derive(Parser)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// The core client.
    Core(Target),
    /// The loopback limit.
    Raw(Target),
    /// GETs per second for `seconds` with `connections` in flight.
    Load {
        #[command(flatten)]
        target: Target,
        #[arg(long, default_value_t = 64)]
        connections: usize,
        #[arg(long, default_value_t = 3.0)]
        seconds: f64,
        /// Send exactly this many GETs (after one warm-up GET per connection) instead of
        /// running for `seconds`: a fixed amount of work for instruction counts (callgrind).
        #[arg(long)]
        count: Option<usize>,
        /// The path to GET, with a query if any (`/v1/clusters?limit=500`); the default is a small
        /// answer every emulator has, seeded or not.
        #[arg(long, default_value = "/v1/config/registeredclusterversions")]
        path: String,
    },
    /// Where the time of a big answer goes: decoding it into the typed models, into a plain
    /// JSON tree, and writing the typed models back out as JSON text (what the bindings parse).
    Decode(Target),
    /// The same decode profile on the page of an in-process emulator seeded with 500 clusters
    /// (nothing to start first); `runs` timed decodes of each kind.
    DecodeLocal {
        #[arg(long, default_value_t = 200)]
        runs: usize,
    },
    /// Emulator start-up: median of `runs` spawns of `ucs emulator` until its first line.
    Startup {
        #[arg(long)]
        ucs: String,
        #[arg(long, default_value_t = 20)]
        runs: usize,
    },
    /// Resident memory and time while iterating every cluster of a big account.
    Scale(scale::ScaleArgs),
}

async fn core(t: Target) -> ucs_sdk::Result<()> {
    let c = t.at.client()?;
    let clusters = c.clusters();
    let id = t.cluster_id.clone();
    emit(
        "rust",
        "core",
        "get",
        &latencies(2000, || clusters.get(&id)).await?,
    );
    for n in [50_i64, 500] {
        let q = ListClustersQuery {
            limit: Some(n),
            ..Default::default()
        };
        let runs = if n == 50 { 500 } else { 100 };
        emit(
            "rust",
            "core",
            &format!("list{n}"),
            &latencies(runs, || clusters.list(&q)).await?,
        );
    }
    let per_sec = throughput(64, 6400, || {
        let clusters = clusters.clone();
        let id = id.clone();
        async move { clusters.get(&id).await.map(drop) }
    })
    .await?;
    println!(
        "{}",
        json!({"lang": "rust", "client": "core", "op": "concurrent64", "calls_per_sec": per_sec})
    );
    Ok(())
}

async fn raw_limit(t: Target) -> ucs_sdk::Result<()> {
    let raw = t.at.raw()?;
    let get = raw.signed_get(&format!("/v1/clusters/{}", t.cluster_id), &[])?;
    emit(
        "rust",
        "raw",
        "get",
        &latencies(2000, || raw.send(&get)).await?,
    );
    for n in [50, 500] {
        let list = raw.signed_get("/v1/clusters", &[("limit".into(), n.to_string())])?;
        let runs = if n == 50 { 500 } else { 100 };
        emit(
            "rust",
            "raw",
            &format!("list{n}"),
            &latencies(runs, || raw.send(&list)).await?,
        );
    }
    let per_sec = throughput(64, 6400, || {
        let (raw, get) = (raw.clone(), get.clone());
        async move { raw.send(&get).await }
    })
    .await?;
    println!(
        "{}",
        json!({"lang": "rust", "client": "raw", "op": "concurrent64", "calls_per_sec": per_sec})
    );
    Ok(())
}

async fn load(
    t: Target,
    connections: usize,
    seconds: f64,
    count: Option<usize>,
    path: &str,
) -> ucs_sdk::Result<()> {
    let raw = t.at.raw()?;
    // `--path /v1/clusters?limit=500`: the query is signed as its own pairs.
    let (path, query) = path.split_once('?').unwrap_or((path, ""));
    let query: Vec<(String, String)> = query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (k.to_owned(), v.to_owned())
        })
        .collect();
    let get = raw.signed_get(path, &query)?;
    let send = || {
        let (raw, get) = (raw.clone(), get.clone());
        async move { raw.send(&get).await }
    };
    let per_sec = match count {
        Some(total) => throughput(connections, total, send).await?,
        None => measure::for_duration(connections, Duration::from_secs_f64(seconds), send).await?,
    };
    println!(
        "{}",
        json!({"lang": "emulator", "client": "load", "op": "gets_per_sec", "calls_per_sec": per_sec, "connections": connections})
    );
    Ok(())
}

/// Latency rows run on a current-thread runtime (what a CLI or a single-task service uses: no
/// hop between threads per answer); the load generator spreads over all cores.
fn runtime_for(command: &Command) -> std::io::Result<tokio::runtime::Runtime> {
    match command {
        Command::Load { .. } => tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build(),
        _ => tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build(),
    }
}

fn main() {
    let cli = Cli::parse();
    let runtime = match runtime_for(&cli.command) {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("ucs-bench: cannot start the runtime: {e}");
            std::process::exit(1);
        }
    };
    let outcome = runtime.block_on(async {
        match cli.command {
            Command::Core(t) => core(t).await,
            Command::Raw(t) => raw_limit(t).await,
            Command::Load {
                target,
                connections,
                seconds,
                count,
                path,
            } => load(target, connections, seconds, count, &path).await,
            Command::Startup { ucs, runs } => measure::startup(&ucs, runs).await,
            Command::Decode(t) => decode::profile(&t.at, 50).await,
            Command::DecodeLocal { runs } => decode::local(runs).await,
            Command::Scale(a) => scale::scale(a).await,
        }
    });
    if let Err(e) = outcome {
        eprintln!("ucs-bench: {e}");
        std::process::exit(1);
    }
}
