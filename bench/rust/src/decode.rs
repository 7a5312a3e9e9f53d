//! Where the time of a big answer goes: the 500-cluster page decoded into the typed models, into
//! a plain JSON tree, and the typed models written back as JSON text (what the bindings parse).

use std::time::{Duration, Instant};

use serde_json::json;
use ucs_sdk::models::ClusterList;

use crate::endpoint::Endpoint;
use crate::measure::emit;

/// Fetches the first page of 500 clusters from the emulator `at` and times its decodes, `runs` each.
pub async fn profile(at: &Endpoint, runs: usize) -> ucs_sdk::Result<()> {
    let raw = at.raw()?;
    let list = raw.signed_get("/v1/clusters", &[("limit".into(), "500".into())])?;
    let body = raw.fetch(&list).await?;
    rows(&body, runs)
}

/// The same page from an in-process emulator seeded with 500 clusters: nothing to start first.
pub async fn local(runs: usize) -> ucs_sdk::Result<()> {
    let config = ucs_emulator::EmulatorConfig {
        seed_clusters: 500,
        quota: 1000,
        ..Default::default()
    };
    let emulator = ucs_emulator::start(config)
        .await
        .map_err(|e| ucs_sdk::Error::Config(e.to_string()))?;
    let at = Endpoint {
        base: emulator.base_url(),
        ak: ucs_emulator::DEMO_AK.into(),
        sk: ucs_emulator::DEMO_SK.into(),
        domain_id: ucs_emulator::DEMO_DOMAIN_ID.into(),
    };
    profile(&at, runs).await
}

fn rows(body: &[u8], runs: usize) -> ucs_sdk::Result<()> {
    let bad = |e: serde_json::Error| ucs_sdk::Error::Config(e.to_string());
    let typed: ClusterList = ucs_sdk::from_json_bytes(body).map_err(bad)?;
    let time = |f: &mut dyn FnMut() -> ucs_sdk::Result<()>| -> ucs_sdk::Result<Vec<Duration>> {
        // A warm-up of a tenth, then `runs` timed calls.
        for _ in 0..runs / 10 + 1 {
            f()?;
        }
        let mut out = Vec::with_capacity(runs);
        for _ in 0..runs {
            let started = Instant::now();
            f()?;
            out.push(started.elapsed());
        }
        out.sort();
        Ok(out)
    };
    let typed_decode = time(&mut || {
        ucs_sdk::from_json_bytes::<ClusterList>(body)
            .map(drop)
            .map_err(bad)
    })?;
    emit("rust", "decode", "typed_list500", &typed_decode);
    let tree = time(&mut || {
        ucs_sdk::from_json_bytes::<serde_json::Value>(body)
            .map(drop)
            .map_err(bad)
    })?;
    emit("rust", "decode", "tree_list500", &tree);
    let text = time(&mut || serde_json::to_string(&typed).map(drop).map_err(bad))?;
    emit("rust", "decode", "typed_to_text_list500", &text);
    println!(
        "{}",
        json!({"lang": "rust", "client": "decode", "op": "bytes_list500", "bytes": body.len()})
    );
    Ok(())
}
