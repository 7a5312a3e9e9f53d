//! `scale`: every cluster of a big account (10,000) through the core's pager (`clusters().iter`,
//! pages of 500) must hold memory flat. Prints the resident set before iterating (after one warm
//! page), its peak while iterating (VmHWM, reset first) and at the end, the time, and the size of
//! one page's body (what "flat" is measured against).

use std::time::Instant;

use futures_util::StreamExt;
use serde_json::json;
use ucs_sdk::models::ListClustersQuery;
use ucs_sdk::Error;

use crate::endpoint::Endpoint;

/// Where the big emulator is, how to sign for it, and what to expect of it.
#[derive(clap::Args, Clone)]
pub struct ScaleArgs {
    #[command(flatten)]
    at: Endpoint,
    /// Clusters the account holds (the run fails unless that many are iterated).
    #[arg(long, default_value_t = 10_000)]
    expect: usize,
    /// Page size.
    #[arg(long, default_value_t = 500)]
    page: i64,
}

/// A field of /proc/self/status in kB (VmRSS, VmHWM).
pub fn status_kb(field: &str) -> ucs_sdk::Result<u64> {
    let text = std::fs::read_to_string("/proc/self/status")
        .map_err(|e| Error::Config(format!("/proc/self/status: {e}")))?;
    text.lines()
        .find_map(|l| l.strip_prefix(field)?.strip_prefix(':'))
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
        .ok_or_else(|| Error::Config(format!("/proc/self/status has no {field}")))
}

/// Resets VmHWM to the current resident set (Linux: "5" to clear_refs); false when refused.
pub fn reset_peak() -> bool {
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}

pub async fn scale(a: ScaleArgs) -> ucs_sdk::Result<()> {
    let raw = a.at.raw()?;
    let page = raw.signed_get("/v1/clusters", &[("limit".into(), a.page.to_string())])?;
    let page_bytes = raw.fetch(&page).await?.len();
    drop(raw);

    let client = a.at.client()?;
    let clusters = client.clusters();
    let query = ListClustersQuery {
        limit: Some(a.page),
        ..Default::default()
    };
    // One warm page: the connection, the allocator's arenas and the decoder's first use.
    drop(clusters.list(&query).await?);
    let peak_reset = reset_peak();
    let start = status_kb("VmRSS")?;

    let started = Instant::now();
    let mut items = 0usize;
    let mut stream = clusters.iter(query);
    while let Some(cluster) = stream.next().await {
        cluster?;
        items += 1;
    }
    let seconds = started.elapsed().as_secs_f64();
    let (peak, end) = (status_kb("VmHWM")?, status_kb("VmRSS")?);
    if items != a.expect {
        return Err(Error::Config(format!(
            "iterated {items} clusters, expected {}",
            a.expect
        )));
    }
    println!(
        "{}",
        json!({"lang": "rust", "client": "core", "op": "scale", "items": items, "page": a.page,
               "page_bytes": page_bytes, "rss_start_kb": start, "rss_peak_kb": peak,
               "rss_end_kb": end, "peak_reset": peak_reset, "seconds": seconds})
    );
    Ok(())
}
