//! Operator features: persistence across restart, concurrent writers, faults, the request log,
//! federation progress over time, and the gateway chosen by host name.

mod common;

use std::sync::Arc;
use std::time::Duration;

use common::{cluster_body, open};
use serde_json::json;
use ucs_emulator::EmulatorConfig;

#[tokio::test]
async fn state_survives_a_restart() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("state.json");
    let config = || EmulatorConfig {
        state_file: Some(file.clone()),
        ..Default::default()
    };
    let raw = open(config()).await;
    let a = raw.cluster("kept").await;
    let fleet = raw.fleet("kept-fleet", &[&a]).await;
    raw.emu.shutdown().await;
    // No temporary file is left beside the state file.
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .expect("dir")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name())
        .collect();
    assert_eq!(names, vec![std::ffi::OsString::from("state.json")]);

    let raw = open(config()).await;
    let got = raw.get(&format!("/v1/clusters/{a}")).await;
    assert_eq!(got.status, 200);
    assert_eq!(
        got.body["spec"]["clusterGroupID"].as_str(),
        Some(fleet.as_str())
    );
    assert_eq!(
        raw.post("/v1/clusters", cluster_body("kept")).await.code(),
        "UCS.01030003"
    );
    raw.emu.shutdown().await;

    std::fs::write(&file, b"{torn").expect("write");
    let err = ucs_emulator::start(config())
        .await
        .expect_err("corrupt state refused");
    assert!(err.to_string().contains("state.json"));
}

#[tokio::test]
async fn concurrent_writers_lose_nothing_and_quotas_hold_exactly() {
    let raw = Arc::new(
        open(EmulatorConfig {
            quota: 40,
            ..Default::default()
        })
        .await,
    );
    let mut tasks = Vec::new();
    for i in 0..100 {
        let raw = raw.clone();
        // 100 registrations of 60 names: 40 fit the quota, duplicates conflict.
        tasks.push(tokio::spawn(async move {
            raw.post("/v1/clusters", cluster_body(&format!("race-{}", i % 60)))
                .await
        }));
    }
    let mut created = 0;
    for t in tasks {
        let a = t.await.expect("task");
        match a.status {
            201 => created += 1,
            409 => assert_eq!(a.code(), "UCS.01030003"),
            400 => assert_eq!(a.code(), "UCS.01000017"),
            other => panic!("unexpected {other}: {}", a.body),
        }
    }
    assert_eq!(created, 40);
    let list = raw.get("/v1/clusters").await.body;
    assert_eq!(list["total"], 40);
    let mut names: Vec<&str> = list["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|c| c["metadata"]["name"].as_str())
        .collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), 40, "no duplicated names");
}

#[tokio::test]
async fn scripted_and_configured_faults() {
    let raw = open(EmulatorConfig::default()).await;
    let pushed = raw
        .post(
            "/_emulator/faults/next",
            json!([
                {"status": 429, "retry_after_secs": 7, "method": "GET", "path_prefix": "/v1/clusters"},
                {"status": 503, "error_code": "UCS.01000006", "times": 2, "path_prefix": "/v1/clustergroups"},
                {"drop": true, "path_prefix": "/v1/permissions"}
            ]),
        )
        .await;
    assert_eq!(pushed.body["pending"], 3);
    // Not matching the path: passes.
    assert_eq!(
        raw.get("/v1/config/registeredclusterversions").await.status,
        200
    );
    let resp = raw
        .http
        .get(format!("{}/v1/clusters", raw.base))
        .send()
        .await
        .expect("answer");
    assert_eq!(resp.status().as_u16(), 429);
    assert_eq!(resp.headers()["retry-after"], "7");
    assert!(resp.headers().contains_key("x-request-id"));
    for _ in 0..2 {
        assert_eq!(raw.get("/v1/clustergroups").await.status, 503);
    }
    assert_eq!(raw.get("/v1/clustergroups").await.status, 200);
    let dropped = raw
        .http
        .get(format!("{}/v1/permissions/rules", raw.base))
        .send()
        .await;
    assert!(
        dropped.is_err(),
        "the connection is closed without an answer"
    );
    assert_eq!(raw.get("/v1/permissions/rules").await.status, 200);

    let set = raw
        .put("/_emulator/faults", json!({"error_rate": 1.0}))
        .await;
    assert_eq!(set.status, 200);
    assert_eq!(raw.get("/v1/clusters").await.status, 500);
    assert_eq!(
        raw.put("/_emulator/faults", json!({"error_rate": 2.0}))
            .await
            .status,
        400
    );
    // A misspelt setting is refused, naming it; `latency_ms` is the setting's name.
    let misspelt = raw.put("/_emulator/faults", json!({"latncy_ms": 5})).await;
    assert_eq!(misspelt.status, 400);
    assert!(
        misspelt.body.to_string().contains("latncy_ms"),
        "{}",
        misspelt.body
    );
    let latency = raw
        .put(
            "/_emulator/faults",
            json!({"latency_ms": 5, "federation_failure": "CreateCert"}),
        )
        .await;
    assert_eq!(latency.status, 200);
    assert_eq!(latency.body["latency_ms"], 5);
    assert_eq!(latency.body["federation_failure"], "CreateCert");
    raw.post("/_emulator/reset", json!({})).await;
    assert_eq!(raw.get("/v1/clusters").await.status, 200);

    let log = raw.get("/_emulator/log").await.body;
    let entry = &log.as_array().expect("log")[0];
    assert!(entry["request_id"].is_string() && entry["status"].is_number());
    raw.emu.shutdown().await;
}

#[tokio::test]
async fn federation_moves_through_its_phases_and_can_fail() {
    let raw = open(EmulatorConfig::default()).await;
    // A slow federation for this emulator: 400 ms from start to Success.
    let slow = ucs_emulator::start(EmulatorConfig {
        auth: ucs_emulator::AuthMode::None,
        federation_duration: Duration::from_millis(400),
        ..Default::default()
    })
    .await
    .expect("start");
    let client = ucs_sdk::Client::builder()
        .endpoint(slow.base_url())
        .credentials(ucs_sdk::Credentials::aksk("any", "any"))
        .domain_id(ucs_emulator::DEMO_DOMAIN_ID)
        .build()
        .expect("client");
    let fleet = client
        .fleets()
        .register(&ucs_sdk::models::RegisterFleet {
            metadata: ucs_sdk::models::NameMeta {
                name: "slow".into(),
            },
            spec: None,
        })
        .await
        .expect("fleet")
        .uid;
    client
        .fleets()
        .enable_federation(&fleet, &Default::default())
        .await
        .expect("enable");
    let phases = Arc::new(std::sync::Mutex::new(Vec::new()));
    let sink = phases.clone();
    let options = ucs_sdk::WaitOptions {
        initial_interval: Duration::from_millis(20),
        max_interval: Duration::from_millis(50),
        ..Default::default()
    };
    let job = client
        .fleets()
        .wait_federation(&fleet, &options, move |e| {
            sink.lock()
                .expect("lock")
                .push((e.job.clone(), e.phase.clone()))
        })
        .await
        .expect("federated");
    assert!(job.is_success());
    let phases = phases.lock().expect("lock").clone();
    assert!(phases.iter().any(|(_, p)| p == "Running"), "{phases:?}");
    slow.shutdown().await;

    raw.put(
        "/_emulator/faults",
        json!({"federation_failure": "InstallFederationChart"}),
    )
    .await;
    let fleet = raw.fleet("failing", &[]).await;
    raw.send(
        "POST",
        &format!("/v1/clustergroups/{fleet}/federations"),
        None,
    )
    .await;
    let job = raw
        .get(&format!("/v1/clustergroups/{fleet}/federations/progress"))
        .await
        .body;
    assert_eq!(job["status"]["phase"], "Failed");
    let subs: Vec<&str> = job["spec"]["subJobs"]
        .as_array()
        .expect("subs")
        .iter()
        .filter_map(|s| s["status"]["phase"].as_str())
        .collect();
    assert_eq!(subs, ["Success", "Success", "Failed", "Pending"]);
    raw.emu.shutdown().await;
}

#[tokio::test]
async fn the_gateway_is_found_by_host_name_too() {
    let raw = open(EmulatorConfig::default()).await;
    let fleet = raw.fleet("edge", &[]).await;
    raw.send(
        "POST",
        &format!("/v1/clustergroups/{fleet}/federations"),
        None,
    )
    .await;
    let resp = raw
        .http
        .post(format!("{}/api/v1/namespaces", raw.base))
        .header("host", "edge.fleet.ucs.cn-north-4-dev.myhuaweicloud.com")
        .json(&json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "team-a"}}))
        .send()
        .await
        .expect("answer");
    assert_eq!(resp.status().as_u16(), 201);
    let got = raw.get("/karmada/edge/api/v1/namespaces/team-a").await;
    assert_eq!(got.body["metadata"]["name"], "team-a");
    let missing = raw.get("/karmada/edge/api/v1/namespaces/none").await;
    assert_eq!(
        (missing.status, missing.body["reason"].as_str()),
        (404, Some("NotFound"))
    );
    let dup = raw
        .post(
            "/karmada/edge/api/v1/namespaces",
            json!({"metadata": {"name": "team-a"}}),
        )
        .await;
    assert_eq!(
        (dup.status, dup.body["reason"].as_str()),
        (409, Some("AlreadyExists"))
    );
    let unfederated = raw.fleet("plain", &[]).await;
    assert!(!unfederated.is_empty());
    assert_eq!(
        raw.get("/karmada/plain/api/v1/namespaces").await.status,
        404
    );
    raw.emu.shutdown().await;
}
