//! Replays requests signed by the official `huaweicloudsdkcore` signer through ours: every
//! Authorization header and every sent query string must be byte-identical.
//!
//! The vectors come from `tests/signer/gen_vectors.py` run with the official SDK; the committed file
//! has 1,200 of them, and `UCS_SIGNER_VECTORS=path` replays a freshly generated file (the README's
//! test command does that with a new seed each run).

use base64::Engine;
use serde_json::Value;
use ucs_sdk::auth::signer;

fn vectors_path() -> std::path::PathBuf {
    match std::env::var_os("UCS_SIGNER_VECTORS") {
        Some(p) => p.into(),
        None => std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../tests/signer/vectors.jsonl"),
    }
}

fn pairs(v: &Value) -> Vec<(String, String)> {
    v.as_array()
        .into_iter()
        .flatten()
        .map(|p| {
            (
                p[0].as_str().unwrap_or_default().to_owned(),
                p[1].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect()
}

#[test]
fn matches_the_official_signer_on_every_vector() {
    let path = vectors_path();
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read signer vectors {}: {e}", path.display()));
    let mut checked = 0;
    let mut mismatches = Vec::new();
    for (line_no, line) in text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let v: Value = serde_json::from_str(line).expect("vector line is JSON");
        let query = pairs(&v["query"]);
        let headers = pairs(&v["headers"]);
        let body = base64::engine::general_purpose::STANDARD
            .decode(v["body_b64"].as_str().unwrap_or_default())
            .expect("body is base64");
        let request = signer::SignableRequest {
            method: v["method"].as_str().unwrap_or_default(),
            path: v["path"].as_str().unwrap_or_default(),
            query: &query,
            headers: &headers,
            body: &body,
        };
        let ours = signer::authorization(
            v["ak"].as_str().unwrap_or_default(),
            v["sk"].as_str().unwrap_or_default(),
            &request,
            v["date"].as_str().unwrap_or_default(),
        );
        if ours != v["authorization"].as_str().unwrap_or_default() {
            mismatches.push(format!(
                "line {}: {} {}\n  ours:     {ours}\n  official: {}",
                line_no + 1,
                v["method"],
                v["path"],
                v["authorization"]
            ));
        }
        let sent_query = signer::canonical_query(&query);
        if sent_query != v["sent_query"].as_str().unwrap_or_default() {
            mismatches.push(format!(
                "line {}: query {sent_query:?} != {}",
                line_no + 1,
                v["sent_query"]
            ));
        }
        checked += 1;
    }
    assert!(
        mismatches.is_empty(),
        "{} mismatches:\n{}",
        mismatches.len(),
        mismatches.join("\n")
    );
    assert!(
        checked >= 1000,
        "only {checked} vectors in {}",
        path.display()
    );
}
