//! The cluster lifecycle: attached clusters stay `Pending` until their agent connects (with
//! `auto_connect` off), the status follows connect and disconnect, availability gates joining and
//! federating, and Karmada bindings follow a federated fleet's members.

mod common;

use std::time::Duration;

use common::open;
use serde_json::json;
use ucs_emulator::EmulatorConfig;

fn strict() -> EmulatorConfig {
    EmulatorConfig {
        auto_connect: false,
        ..Default::default()
    }
}

/// `(phase, Ready status, Ready reason)` of a cluster.
async fn status(raw: &common::Raw, id: &str) -> (String, String, String) {
    let c = raw.get(&format!("/v1/clusters/{id}")).await;
    assert_eq!(c.status, 200, "{}", c.body);
    let s = &c.body["status"];
    let ready = s["conditions"]
        .as_array()
        .and_then(|cs| cs.iter().find(|c| c["type"] == "Ready"))
        .cloned()
        .unwrap_or_default();
    let text = |v: &serde_json::Value| v.as_str().unwrap_or_default().to_owned();
    (
        text(&s["phase"]),
        text(&ready["status"]),
        text(&ready["reason"]),
    )
}

#[tokio::test]
async fn a_registered_cluster_walks_pending_available_unavailable() {
    let raw = open(strict()).await;
    let c = raw.cluster("edge").await;
    assert_eq!(
        status(&raw, &c).await,
        ("Pending".into(), "False".into(), "WaitingForAgent".into())
    );
    // Activation is not the agent connecting.
    let a = raw
        .send("PUT", &format!("/v1/clusters/{c}/activation"), None)
        .await;
    assert_eq!(a.status, 200, "{}", a.body);
    assert_eq!(status(&raw, &c).await.0, "Pending");
    let fleet = raw.fleet("f", &[]).await;
    let join = json!({"clusterGroupID": fleet});
    let refused = raw
        .post(&format!("/v1/clusters/{c}/join"), join.clone())
        .await;
    assert_eq!((refused.status, refused.code()), (400, "UCS.01030004"));
    assert!(
        refused.body["error_msg"]
            .as_str()
            .is_some_and(|m| m.contains("never connected")),
        "{}",
        refused.body
    );

    let connected = raw
        .post(&format!("/_emulator/clusters/{c}/connect"), json!({}))
        .await;
    assert_eq!(connected.status, 200, "{}", connected.body);
    assert_eq!(connected.body["phase"], "Available");
    assert_eq!(
        status(&raw, &c).await,
        ("Available".into(), "True".into(), "ClusterAvailable".into())
    );
    assert_eq!(
        raw.post(&format!("/v1/clusters/{c}/join"), join)
            .await
            .status,
        200
    );

    let lost = raw
        .post(&format!("/_emulator/clusters/{c}/disconnect"), json!({}))
        .await;
    assert_eq!(lost.status, 200, "{}", lost.body);
    assert_eq!(
        status(&raw, &c).await,
        (
            "Unavailable".into(),
            "False".into(),
            "AgentDisconnected".into()
        )
    );
    let federate = raw
        .send(
            "POST",
            &format!("/v1/clustergroups/{fleet}/federations"),
            None,
        )
        .await;
    assert_eq!((federate.status, federate.code()), (400, "UCS.01030004"));
    let missing = raw
        .post(
            "/_emulator/clusters/0b5c7b93-5a33-11ee-a3ff-0255ac100b0a/connect",
            json!({}),
        )
        .await;
    assert_eq!((missing.status, missing.code()), (404, "UCS.01030001"));
    raw.emu.shutdown().await;
}

#[tokio::test]
async fn by_default_a_registered_cluster_is_available_at_once() {
    let raw = open(EmulatorConfig::default()).await;
    let c = raw.cluster("now").await;
    assert_eq!(status(&raw, &c).await.0, "Available");
    let fleet = raw.fleet("f", &[c.as_str()]).await;
    let federate = raw
        .send(
            "POST",
            &format!("/v1/clustergroups/{fleet}/federations"),
            None,
        )
        .await;
    assert_eq!(federate.status, 201, "{}", federate.body);
    raw.emu.shutdown().await;
}

#[tokio::test]
async fn a_cluster_shows_federalized_only_once_the_job_succeeded() {
    let emu = ucs_emulator::start(EmulatorConfig {
        auth: ucs_emulator::AuthMode::None,
        federation_duration: Duration::from_secs(3600),
        ..Default::default()
    })
    .await
    .expect("starts");
    let raw = common::Raw {
        base: emu.base_url(),
        emu,
        http: reqwest::Client::new(),
    };
    let c = raw.cluster("slow").await;
    let fleet = raw.fleet("f", &[c.as_str()]).await;
    let a = raw
        .send(
            "POST",
            &format!("/v1/clustergroups/{fleet}/federations"),
            None,
        )
        .await;
    assert_eq!(a.status, 201, "{}", a.body);
    let got = raw.get(&format!("/v1/clusters/{c}")).await;
    let federalized = got.body["status"]["conditions"]
        .as_array()
        .is_some_and(|cs| cs.iter().any(|c| c["type"] == "Federation"));
    assert!(!federalized, "the job still runs: {}", got.body);
    raw.emu.shutdown().await;
}

/// Names of the clusters a resource binding targets.
async fn bound(raw: &common::Raw) -> Vec<String> {
    let b = raw
        .get("/karmada/web/apis/work.karmada.io/v1alpha2/namespaces/default/resourcebindings/nginx-deployment")
        .await;
    assert_eq!(b.status, 200, "{}", b.body);
    let mut names: Vec<String> = b.body["spec"]["clusters"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|c| c["name"].as_str().map(str::to_owned))
        .collect();
    names.sort();
    names
}

#[tokio::test]
async fn resource_bindings_follow_the_fleet_members() {
    let raw = open(EmulatorConfig::default()).await;
    let a = raw.cluster("a").await;
    let fleet = raw.fleet("web", &[a.as_str()]).await;
    let on = raw
        .send(
            "POST",
            &format!("/v1/clustergroups/{fleet}/federations"),
            None,
        )
        .await;
    assert_eq!(on.status, 201, "{}", on.body);
    let policy = json!({"apiVersion": "policy.karmada.io/v1alpha1", "kind": "PropagationPolicy",
        "metadata": {"name": "all", "namespace": "default"},
        "spec": {"resourceSelectors": [{"apiVersion": "apps/v1", "kind": "Deployment"}]}});
    let made = raw
        .post(
            "/karmada/web/apis/policy.karmada.io/v1alpha1/namespaces/default/propagationpolicies",
            policy,
        )
        .await;
    assert_eq!(made.status, 201, "{}", made.body);
    let deployment = json!({"apiVersion": "apps/v1", "kind": "Deployment",
        "metadata": {"name": "nginx", "namespace": "default"}, "spec": {"replicas": 1}});
    let made = raw
        .post(
            "/karmada/web/apis/apps/v1/namespaces/default/deployments",
            deployment,
        )
        .await;
    assert_eq!(made.status, 201, "{}", made.body);
    assert_eq!(bound(&raw).await, ["a"]);

    let b = raw.cluster("b").await;
    let join = raw
        .post(
            &format!("/v1/clusters/{b}/join"),
            json!({"clusterGroupID": fleet}),
        )
        .await;
    assert_eq!(join.status, 200, "{}", join.body);
    assert_eq!(bound(&raw).await, ["a", "b"]);
    let c = raw.cluster("c").await;
    let add = raw
        .put(
            &format!("/v1/clustergroups/{fleet}/associatedclusters"),
            json!({"clusterIds": [c]}),
        )
        .await;
    assert_eq!(add.status, 200, "{}", add.body);
    assert_eq!(bound(&raw).await, ["a", "b", "c"]);
    let leave = raw
        .send("POST", &format!("/v1/clusters/{a}/unjoin"), None)
        .await;
    assert_eq!(leave.status, 200, "{}", leave.body);
    assert_eq!(bound(&raw).await, ["b", "c"]);
    assert_eq!(raw.delete(&format!("/v1/clusters/{c}")).await.status, 200);
    assert_eq!(bound(&raw).await, ["b"]);
    raw.emu.shutdown().await;
}
