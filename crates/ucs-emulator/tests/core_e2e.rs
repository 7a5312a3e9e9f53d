//! The core against the emulator over real HTTP where the shared cases (tests/cases/operations)
//! cannot reach: typed answers, AK/SK and IAM credentials, pagers, the federation waiter and the
//! Karmada gateway, scripted faults.

mod common;
use common::attached;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures_util::TryStreamExt;
use serde_json::json;
use ucs_emulator::{
    EmulatorConfig, DEMO_AK, DEMO_DOMAIN_ID, DEMO_DOMAIN_NAME, DEMO_PASSWORD, DEMO_PROJECT_ID,
    DEMO_SK, DEMO_USER,
};
use ucs_sdk::models::*;
use ucs_sdk::{Client, Credentials, Error, ProgressEvent, RetryPolicy, WaitOptions};

async fn emulator() -> ucs_emulator::Emulator {
    ucs_emulator::start(EmulatorConfig {
        federation_duration: Duration::ZERO,
        ..Default::default()
    })
    .await
    .expect("emulator starts")
}

fn client(base: &str) -> Client {
    Client::builder()
        .endpoint(base)
        .hss_endpoint(base)
        .iam_endpoint(base)
        .karmada_endpoint(format!("{base}/karmada/{{fleet}}"))
        .credentials(Credentials::aksk(DEMO_AK, DEMO_SK))
        .domain_id(DEMO_DOMAIN_ID)
        .project_id(DEMO_PROJECT_ID)
        .retry_policy(RetryPolicy {
            max_retries: 3,
            base_delay: Duration::from_millis(10),
            max_delay: Duration::from_secs(5),
        })
        .build()
        .expect("client")
}

async fn post_json(url: &str, body: serde_json::Value) {
    let resp = reqwest_post(url, body).await;
    assert!(resp < 300, "control call {url} answered {resp}");
}

async fn reqwest_post(url: &str, body: serde_json::Value) -> u16 {
    // The control endpoints need no auth; a raw POST keeps this independent of the client.
    let http = reqwest::Client::new();
    http.post(url)
        .json(&body)
        .send()
        .await
        .map(|r| r.status().as_u16())
        .unwrap_or(0)
}

// The step-by-step "every operation" scenarios are the shared cases (tests/cases/operations, run
// through the bridge by crates/ucs-bridge/tests/shared_cases.rs); here what they cannot express:
// typed accessors, answers that differ call to call, the waiter, the gateway, pagers, credentials.

#[tokio::test]
async fn typed_cluster_answers_and_access_info_answered_once() {
    let emu = emulator().await;
    let c = client(&emu.base_url());
    let id = c
        .clusters()
        .register(&attached("alpha"))
        .await
        .expect("register")
        .uid;
    let got = c.clusters().get(&id).await.expect("get");
    assert_eq!(got.name(), "alpha");
    assert_eq!(
        got.spec.as_ref().and_then(|s| s.manage_type.as_deref()),
        Some("discrete")
    );
    let dup = c
        .clusters()
        .register(&attached("alpha"))
        .await
        .expect_err("duplicate");
    assert_eq!(
        (dup.status(), dup.code()),
        (Some(409), Some("UCS.01030003"))
    );
    assert!(dup.request_id().is_some_and(|r| !r.is_empty()));

    let first = c
        .clusters()
        .access_info(&id, &AccessInfoQuery::default())
        .await
        .expect("access info");
    assert!(!first.is_empty());
    let second = c
        .clusters()
        .access_info(&id, &AccessInfoQuery::default())
        .await
        .expect("again");
    assert_ne!(first, second, "access info must answer only once");
    c.clusters().delete(&id).await.expect("delete");
    let gone = c.clusters().get(&id).await.expect_err("deleted");
    assert!(gone.is_not_found() && gone.code() == Some("UCS.01030001"));
    emu.shutdown().await;
}

#[tokio::test]
async fn fleets_federation_and_karmada() {
    let emu = emulator().await;
    let c = client(&emu.base_url());
    let a = c.clusters().register(&attached("a")).await.expect("a").uid;
    let fleet = c
        .fleets()
        .register(&RegisterFleet {
            metadata: NameMeta {
                name: "fleet1".into(),
            },
            spec: Some(RegisterFleetSpec {
                cluster_ids: Some(vec![a.clone()]),
                description: Some("first".into()),
            }),
        })
        .await
        .expect("fleet")
        .uid;
    c.fleets()
        .enable_federation(&fleet, &EnableFederationQuery::default())
        .await
        .expect("enable");
    let events: Arc<Mutex<Vec<ProgressEvent>>> = Arc::default();
    let sink = events.clone();
    let job = c
        .fleets()
        .wait_federation(
            &fleet,
            &WaitOptions {
                timeout: Duration::from_secs(30),
                ..Default::default()
            },
            move |e| sink.lock().expect("lock").push(e.clone()),
        )
        .await
        .expect("federated");
    assert!(job.is_success());
    let events = events.lock().expect("lock").clone();
    for sub in [
        "CreateNode",
        "CreateCert",
        "InstallFederationChart",
        "CreateNetworkResource",
    ] {
        assert!(
            events
                .iter()
                .any(|e| e.is_sub_job && e.job == sub && e.phase == "Success"),
            "no Success event for {sub}: {events:?}"
        );
    }
    // The kubeconfig is downloaded once a federation connection exists (reference 3.2.16).
    c.fleets()
        .create_federation_connection(&fleet, &ucs_emulator::demo_federation_connection())
        .await
        .expect("connection");
    let kc2 = c
        .fleets()
        .download_federation_kubeconfig(&fleet, &DownloadKubeconfigRequest { duration: 1 })
        .await
        .expect("kubeconfig");
    assert!(kc2.0.current_context.is_some());

    let bearer = kc2.0.users[0].user["token"]
        .as_str()
        .expect("kubeconfig token")
        .to_owned();
    let k = c.karmada("fleet1", &bearer).expect("karmada");
    let refused = c.karmada("fleet1", "not-issued").expect("karmada");
    assert_eq!(
        refused
            .get("api/v1/namespaces")
            .await
            .expect_err("unknown bearer")
            .status(),
        Some(401)
    );
    let deploy = json!({"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "nginx", "namespace": "default"}, "spec": {"replicas": 2}});
    k.create("apis/apps/v1/namespaces/default/deployments", &deploy)
        .await
        .expect("create deployment");
    let patched = k
        .patch(
            "apis/apps/v1/namespaces/default/deployments/nginx",
            &json!({"spec": {"replicas": 3}}),
        )
        .await
        .expect("patch");
    assert_eq!(patched["spec"]["replicas"], 3);
    let list = k
        .get("apis/apps/v1/namespaces/default/deployments")
        .await
        .expect("list");
    assert_eq!(list["items"].as_array().map(Vec::len), Some(1));
    k.delete("apis/apps/v1/namespaces/default/deployments/nginx")
        .await
        .expect("delete");
    assert!(k
        .get("apis/apps/v1/namespaces/default/deployments/nginx")
        .await
        .expect_err("gone")
        .is_not_found());

    emu.shutdown().await;
}

#[tokio::test]
async fn pagers_walk_every_page() {
    let emu = emulator().await;
    let c = client(&emu.base_url());
    for i in 0..7 {
        c.clusters()
            .register(&attached(&format!("page-{i}")))
            .await
            .expect("register");
        c.rules()
            .create(&CreateRule {
                metadata: NameMeta {
                    name: format!("rule-{i}"),
                },
                spec: RuleSpec {
                    rule_type: Some("admin".into()),
                    ..Default::default()
                },
            })
            .await
            .expect("rule");
    }
    let all: Vec<Cluster> = c
        .clusters()
        .iter(ListClustersQuery {
            limit: Some(3),
            ..Default::default()
        })
        .try_collect()
        .await
        .expect("iter");
    assert_eq!(all.len(), 7);
    let mut names: Vec<&str> = all.iter().map(Cluster::name).collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), 7, "pages overlapped");
    let rules: Vec<Rule> = c
        .rules()
        .iter(PageQuery {
            limit: Some(2),
            ..Default::default()
        })
        .try_collect()
        .await
        .expect("rules");
    assert_eq!(rules.len(), 7);
    emu.shutdown().await;
}

#[tokio::test]
async fn iam_password_tokens_and_id_resolution() {
    let emu = emulator().await;
    let base = emu.base_url();
    let by_password = Client::builder()
        .endpoint(&base)
        .iam_endpoint(&base)
        .hss_endpoint(&base)
        .region("cn-north-4")
        .credentials(Credentials::password(
            DEMO_USER,
            DEMO_PASSWORD,
            DEMO_DOMAIN_NAME,
        ))
        .build()
        .expect("client");
    by_password
        .clusters()
        .supported_versions()
        .await
        .expect("token auth");
    assert!(!by_password.iam().token().await.expect("token").is_empty());

    let resolving = Client::builder()
        .endpoint(&base)
        .iam_endpoint(&base)
        .region("cn-north-4")
        .credentials(Credentials::aksk(DEMO_AK, DEMO_SK))
        .build()
        .expect("client");
    assert_eq!(
        resolving.iam().domain_id().await.expect("domain"),
        DEMO_DOMAIN_ID
    );
    assert_eq!(
        resolving.iam().project_id().await.expect("project"),
        DEMO_PROJECT_ID
    );
    resolving
        .clusters()
        .supported_versions()
        .await
        .expect("signed with the resolved domain id");

    let wrong = Client::builder()
        .endpoint(&base)
        .credentials(Credentials::aksk(DEMO_AK, "wrong-sk"))
        .domain_id(DEMO_DOMAIN_ID)
        .build()
        .expect("client");
    let err = wrong
        .clusters()
        .supported_versions()
        .await
        .expect_err("bad signature");
    assert_eq!(
        (err.status(), err.code()),
        (Some(401), Some("UCS.01000003"))
    );
    let bad_password = Client::builder()
        .endpoint(&base)
        .iam_endpoint(&base)
        .credentials(Credentials::password(DEMO_USER, "nope", DEMO_DOMAIN_NAME))
        .build()
        .expect("client");
    assert!(
        matches!(bad_password.clusters().supported_versions().await, Err(Error::Api(e)) if e.status == 401)
    );
    emu.shutdown().await;
}

#[tokio::test]
async fn scripted_faults_are_retried_and_keep_details() {
    let emu = emulator().await;
    let base = emu.base_url();
    let c = client(&base);
    post_json(
        &format!("{base}/_emulator/faults/next"),
        json!([{"status": 429, "retry_after_secs": 1, "times": 1}]),
    )
    .await;
    c.clusters()
        .supported_versions()
        .await
        .expect("retried after 429");
    post_json(
        &format!("{base}/_emulator/faults/next"),
        json!([{"status": 503, "times": 5}]),
    )
    .await;
    let err = c
        .clusters()
        .supported_versions()
        .await
        .expect_err("still failing after 3 retries");
    assert_eq!(err.status(), Some(503));
    assert!(err.request_id().is_some());
    post_json(&format!("{base}/_emulator/reset"), json!({})).await;
    emu.shutdown().await;
}
