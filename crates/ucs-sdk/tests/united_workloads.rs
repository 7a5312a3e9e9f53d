//! Federated ("united") workloads against an in-process emulator: what `fleets()` creates,
//! updates and deletes is what the fleet's Karmada gateway serves to the kubeconfig it issued
//! (the Deployment, its PropagationPolicy and OverridePolicy, the ResourceBinding), and what
//! changes through the gateway is what `get_united_workload` shows.

use std::time::Duration;

use serde_json::{json, Value};
use ucs_emulator::{EmulatorConfig, DEMO_AK, DEMO_DOMAIN_ID, DEMO_PROJECT_ID, DEMO_SK};
use ucs_sdk::karmada::Karmada;
use ucs_sdk::models::*;
use ucs_sdk::{Client, Credentials, Error};

fn attached(name: &str) -> RegisterCluster {
    RegisterCluster {
        metadata: RegisterClusterMetadata {
            name: name.into(),
            ..Default::default()
        },
        spec: RegisterClusterSpec {
            category: "attachedcluster".into(),
            cluster_type: "privatek8s".into(),
            provider: "privatek8s".into(),
            country: "CN".into(),
            city: Some("110000".into()),
            manage_type: "discrete".into(),
            ..Default::default()
        },
        ..Default::default()
    }
}

fn client(base: &str) -> Client {
    Client::builder()
        .endpoint(base)
        .iam_endpoint(base)
        .hss_endpoint(base)
        .karmada_endpoint(format!("{base}/karmada/{{fleet}}"))
        .credentials(Credentials::aksk(DEMO_AK, DEMO_SK))
        .domain_id(DEMO_DOMAIN_ID)
        .project_id(DEMO_PROJECT_ID)
        .build()
        .expect("client")
}

/// An emulator whose federation takes `duration`, a fleet `fleet1` of two members with
/// federation enabled; the client and the fleet id.
async fn fleet(duration: Duration) -> (ucs_emulator::Emulator, Client, String) {
    let emu = ucs_emulator::start(EmulatorConfig {
        federation_duration: duration,
        ..Default::default()
    })
    .await
    .expect("emulator starts");
    let c = client(&emu.base_url());
    let mut members = Vec::new();
    for name in ["member-a", "member-b"] {
        members.push(
            c.clusters()
                .register(&attached(name))
                .await
                .expect("cluster")
                .uid,
        );
    }
    let fleet = c
        .fleets()
        .register(&RegisterFleet {
            metadata: NameMeta {
                name: "fleet1".into(),
            },
            spec: Some(RegisterFleetSpec {
                cluster_ids: Some(members),
                description: None,
            }),
        })
        .await
        .expect("fleet")
        .uid;
    c.fleets()
        .enable_federation(&fleet, &EnableFederationQuery::default())
        .await
        .expect("enable");
    (emu, c, fleet)
}

/// The gateway opened by the kubeconfig the fleet issues.
async fn gateway(c: &Client, fleet: &str) -> Karmada {
    // The kubeconfig is downloaded once a federation connection exists (reference 3.2.16).
    c.fleets()
        .create_federation_connection(fleet, &ucs_emulator::demo_federation_connection())
        .await
        .expect("connection");
    let kc = c
        .fleets()
        .download_federation_kubeconfig(fleet, &DownloadKubeconfigRequest { duration: 1 })
        .await
        .expect("kubeconfig");
    c.karmada_from_kubeconfig(&kc).expect("gateway")
}

fn web(replicas: i64, clusters: &[&str]) -> UnitedWorkload {
    serde_json::from_value(json!({
        "kind": "Deployment", "apiVersion": "apps/v1",
        "metadata": {"name": "web", "labels": {"app": "web"}},
        "template": {"spec": {"replicas": replicas, "selector": {"matchLabels": {"app": "web"}},
            "template": {"metadata": {"labels": {"app": "web"}},
                         "spec": {"containers": [{"name": "nginx", "image": "nginx:1.25"}]}}}},
        "propagationPolicy": {"metadata": {"name": "web-pp"},
            "spec": {"placement": {"clusterAffinity": {"clusterNames": clusters}}}},
        "overridePolicy": {"spec": {"overriders": {"plaintext": [
            {"path": "/metadata/labels/tier", "operator": "add", "value": "front"}]}}}
    }))
    .expect("workload body")
}

const DEPLOYMENT: &str = "apis/apps/v1/namespaces/default/deployments/web";
const POLICY: &str =
    "apis/policy.karmada.io/v1alpha1/namespaces/default/propagationpolicies/web-pp";
const OVERRIDES: &str =
    "apis/policy.karmada.io/v1alpha1/namespaces/default/overridepolicies/web-deployment";
const BINDING: &str =
    "apis/work.karmada.io/v1alpha2/namespaces/default/resourcebindings/web-deployment";

fn query() -> UnitedWorkloadQuery {
    UnitedWorkloadQuery {
        kind: "Deployment".into(),
        namespace: Some("default".into()),
        name: "web".into(),
    }
}

fn targets(binding: &Value) -> Vec<&str> {
    binding["spec"]["clusters"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|c| c["name"].as_str())
        .collect()
}

fn code(e: &Error) -> (u16, &str) {
    let api = e
        .api()
        .unwrap_or_else(|| panic!("not a service error: {e}"));
    (api.status, api.code.as_str())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_united_workload_is_what_the_gateway_serves_to_the_issued_kubeconfig() {
    let (_emu, c, fleet) = fleet(Duration::ZERO).await;
    let fleets = c.fleets();
    fleets
        .create_united_workload(&fleet, &web(2, &["member-a"]))
        .await
        .expect("create");

    let k = gateway(&c, &fleet).await;
    let deployment = k
        .get(DEPLOYMENT)
        .await
        .expect("the Deployment is in the gateway");
    assert_eq!(deployment["spec"]["replicas"], 2);
    assert_eq!(deployment["metadata"]["labels"]["app"], "web");
    let policy = k.get(POLICY).await.expect("its PropagationPolicy");
    assert_eq!(
        policy["spec"]["resourceSelectors"][0],
        json!({"apiVersion": "apps/v1", "kind": "Deployment", "namespace": "default", "name": "web"})
    );
    let overrides = k.get(OVERRIDES).await.expect("its OverridePolicy");
    assert_eq!(
        overrides["spec"]["overriders"]["plaintext"][0]["value"],
        "front"
    );
    let binding = k.get(BINDING).await.expect("Karmada bound it");
    assert_eq!(targets(&binding), ["member-a"]);

    // The answer of get is read back from the same objects.
    let shown = fleets
        .get_united_workload(&fleet, &query())
        .await
        .expect("get");
    let meta = shown.metadata.clone().unwrap_or_default();
    assert_eq!(
        meta.uid.as_ref(),
        deployment["metadata"]["uid"]
            .as_str()
            .map(String::from)
            .as_ref()
    );
    assert_eq!(shown.template.as_ref(), Some(&deployment));
    let shown_binding = shown
        .resource_binding
        .and_then(|b| b.spec)
        .unwrap_or_default();
    let names: Vec<_> = shown_binding
        .clusters
        .unwrap_or_default()
        .into_iter()
        .filter_map(|c| c.name)
        .collect();
    assert_eq!(names, ["member-a"]);

    // A change through the gateway is what get shows: one store.
    k.patch(DEPLOYMENT, &json!({"spec": {"replicas": 5}}))
        .await
        .expect("patch");
    let shown = fleets
        .get_united_workload(&fleet, &query())
        .await
        .expect("get");
    assert_eq!(shown.template.unwrap_or_default()["spec"]["replicas"], 5);

    // Update replaces the object and the policies: the binding follows the new placement, the
    // OverridePolicy left out of the update is gone.
    let mut update = web(3, &["member-b"]);
    update.override_policy = None;
    fleets
        .update_united_workload(&fleet, &update)
        .await
        .expect("update");
    let deployment = k.get(DEPLOYMENT).await.expect("still there");
    assert_eq!(deployment["spec"]["replicas"], 3);
    assert_eq!(
        deployment["metadata"]["generation"], 3,
        "create, patch, update"
    );
    assert_eq!(
        targets(&k.get(BINDING).await.expect("binding")),
        ["member-b"]
    );
    assert!(k
        .get(OVERRIDES)
        .await
        .expect_err("override policy removed")
        .is_not_found());

    // Delete removes the object, its policy and its binding.
    fleets
        .delete_united_workload(&fleet, &query())
        .await
        .expect("delete");
    for uri in [DEPLOYMENT, POLICY, BINDING] {
        let e = k.get(uri).await.expect_err("removed");
        assert!(e.is_not_found(), "{uri}: {e}");
    }
    let e = fleets
        .get_united_workload(&fleet, &query())
        .await
        .expect_err("gone");
    assert_eq!(code(&e), (404, "UCS.01000013"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_policy_name_held_by_another_object_is_a_conflict_and_nothing_is_written() {
    let (_emu, c, fleet) = fleet(Duration::ZERO).await;
    let k = gateway(&c, &fleet).await;
    k.propagation_policies("default")
        .expect("policies")
        .create(&json!({"metadata": {"name": "web-pp"}, "spec": {"resourceSelectors": []}}))
        .await
        .expect("a policy made through the gateway");
    let e = c
        .fleets()
        .create_united_workload(&fleet, &web(2, &["member-a"]))
        .await
        .expect_err("web-pp is taken");
    assert_eq!(code(&e), (409, "UCS.01100004"));
    assert!(e.is_conflict(), "{e}");
    assert!(k
        .get(DEPLOYMENT)
        .await
        .expect_err("not written")
        .is_not_found());
    let kept = k.get(POLICY).await.expect("the other policy is untouched");
    assert_eq!(kept["spec"]["resourceSelectors"], json!([]));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_federation_still_being_enabled_takes_no_workload_and_no_upgrade() {
    let (_emu, c, fleet) = fleet(Duration::from_secs(3600)).await;
    let e = c
        .fleets()
        .create_united_workload(&fleet, &web(1, &[]))
        .await
        .expect_err("not ready");
    assert_eq!(code(&e), (400, "UCS.01080001"));
    let e = c
        .fleets()
        .upgrade_federation(&fleet, &UpgradeFederation::default())
        .await
        .expect_err("not ready");
    assert_eq!(code(&e), (400, "UCS.01080001"));
}

#[tokio::test]
async fn bad_arguments_are_refused_before_sending() {
    // Nothing listens on port 9: a request sent would fail as a connection error.
    let c = client("http://127.0.0.1:9");
    let field = |e: Error| match e {
        Error::InvalidArgument { field, .. } => field,
        other => panic!("not an invalid argument: {other}"),
    };
    let f = c.fleets();
    let mut q = query();
    q.kind = "Pod".into();
    assert_eq!(
        field(f.get_united_workload("f", &q).await.expect_err("kind")),
        "kind"
    );
    let mut q = query();
    q.name = String::new();
    assert_eq!(
        field(f.delete_united_workload("f", &q).await.expect_err("name")),
        "name"
    );
    assert_eq!(
        field(f.get_united_workload("..", &query()).await.expect_err("id")),
        "fleet_id"
    );
    let mut body = web(1, &[]);
    body.template = Some(json!({"kind": "Service"}));
    assert_eq!(
        field(
            f.create_united_workload("f", &body)
                .await
                .expect_err("template.kind")
        ),
        "template.kind"
    );
    body.template = None;
    body.metadata = None;
    assert_eq!(
        field(
            f.update_united_workload("f", &body)
                .await
                .expect_err("name")
        ),
        "metadata.name"
    );
    let upgrade = UpgradeFederation {
        target_version: Some(String::new()),
    };
    assert_eq!(
        field(
            f.upgrade_federation("f", &upgrade)
                .await
                .expect_err("version")
        ),
        "targetVersion"
    );
}
