//! Timing helpers: per-call latencies (median, p90), throughput with N calls in flight.

use std::future::Future;
use std::time::{Duration, Instant};

use futures_util::stream::{self, StreamExt};
use serde_json::json;

/// Per-call latencies of `runs` sequential calls, after a warm-up of a tenth as many.
pub async fn latencies<F, Fut, T>(runs: usize, mut call: F) -> ucs_sdk::Result<Vec<Duration>>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = ucs_sdk::Result<T>>,
{
    for _ in 0..runs / 10 + 1 {
        call().await?;
    }
    let mut out = Vec::with_capacity(runs);
    for _ in 0..runs {
        let started = Instant::now();
        call().await?;
        out.push(started.elapsed());
    }
    out.sort();
    Ok(out)
}

/// Prints a latency row: median and p90 in microseconds.
pub fn emit(lang: &str, client: &str, op: &str, sorted: &[Duration]) {
    let at = |q: f64| {
        let i = ((sorted.len() as f64 - 1.0) * q).round() as usize;
        sorted.get(i).map_or(0.0, |d| d.as_secs_f64() * 1e6)
    };
    println!(
        "{}",
        json!({"lang": lang, "client": client, "op": op, "median_us": at(0.5), "p90_us": at(0.9), "runs": sorted.len()})
    );
}

/// Calls per second for `total` calls with `in_flight` at once.
pub async fn throughput<F, Fut>(in_flight: usize, total: usize, make: F) -> ucs_sdk::Result<f64>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = ucs_sdk::Result<()>>,
{
    let mut make = make;
    let calls: Vec<Fut> = (0..in_flight).map(|_| make()).collect();
    for r in stream::iter(calls)
        .buffer_unordered(in_flight)
        .collect::<Vec<_>>()
        .await
    {
        r?;
    }
    let started = Instant::now();
    let calls: Vec<Fut> = (0..total).map(|_| make()).collect();
    for r in stream::iter(calls)
        .buffer_unordered(in_flight)
        .collect::<Vec<_>>()
        .await
    {
        r?;
    }
    Ok(total as f64 / started.elapsed().as_secs_f64())
}

/// Calls per second over `length`, keeping `in_flight` calls going.
pub async fn for_duration<F, Fut>(
    in_flight: usize,
    length: Duration,
    make: F,
) -> ucs_sdk::Result<f64>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = ucs_sdk::Result<()>>,
{
    let mut make = make;
    let started = Instant::now();
    let mut done = 0usize;
    let mut running = futures_util::stream::FuturesUnordered::new();
    for _ in 0..in_flight {
        running.push(make());
    }
    while let Some(r) = running.next().await {
        r?;
        done += 1;
        if started.elapsed() < length {
            running.push(make());
        }
    }
    Ok(done as f64 / started.elapsed().as_secs_f64())
}

/// Emulator start-up: spawn to the first line on stdout, median of `runs`.
pub async fn startup(ucs: &str, runs: usize) -> ucs_sdk::Result<()> {
    use tokio::io::{AsyncBufReadExt, BufReader};
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let started = Instant::now();
        let mut child = tokio::process::Command::new(ucs)
            .args(["emulator", "--listen", "127.0.0.1:0"])
            .stdout(std::process::Stdio::piped())
            .kill_on_drop(true)
            .spawn()
            .map_err(|e| ucs_sdk::Error::Config(format!("cannot start {ucs}: {e}")))?;
        let stdout = child
            .stdout
            .take()
            .ok_or_else(|| ucs_sdk::Error::Config("no stdout".into()))?;
        let mut line = String::new();
        BufReader::new(stdout)
            .read_line(&mut line)
            .await
            .map_err(|e| ucs_sdk::Error::Config(format!("reading the emulator: {e}")))?;
        times.push(started.elapsed());
        let _ = child.kill().await;
    }
    times.sort();
    emit("emulator", "startup", "startup", &times);
    Ok(())
}
