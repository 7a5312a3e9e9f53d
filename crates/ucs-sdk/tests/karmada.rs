//! The Karmada gateway client against an in-process emulator: a fleet federated, its kubeconfig
//! downloaded, then Deployments and PropagationPolicies created, listed by label, merge-patched,
//! applied, deleted, and the Kubernetes `Status` errors decoded (reason as the code).

use std::time::Duration;

use serde_json::{json, Value};
use ucs_emulator::{
    EmulatorConfig, DEMO_AK, DEMO_DOMAIN_ID, DEMO_DOMAIN_NAME, DEMO_PASSWORD, DEMO_PROJECT_ID,
    DEMO_SK, DEMO_USER,
};
use ucs_sdk::karmada::ListParams;
use ucs_sdk::models::*;
use ucs_sdk::{ApiErrorKind, Client, Credentials, Error};

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

fn client(base: &str, credentials: Credentials) -> Client {
    Client::builder()
        .endpoint(base)
        .iam_endpoint(base)
        .hss_endpoint(base)
        .karmada_endpoint(format!("{base}/karmada/{{fleet}}"))
        .credentials(credentials)
        .domain_id(DEMO_DOMAIN_ID)
        .project_id(DEMO_PROJECT_ID)
        .build()
        .expect("client")
}

/// An emulator with fleet `fleet1` federated; its AK/SK client and the kubeconfig it issued.
async fn federated() -> (ucs_emulator::Emulator, Client, Kubeconfig) {
    let emu = ucs_emulator::start(EmulatorConfig {
        federation_duration: Duration::ZERO,
        ..Default::default()
    })
    .await
    .expect("emulator starts");
    let c = client(&emu.base_url(), Credentials::aksk(DEMO_AK, DEMO_SK));
    let a = c
        .clusters()
        .register(&attached("member-a"))
        .await
        .expect("a");
    let fleet = c
        .fleets()
        .register(&RegisterFleet {
            metadata: NameMeta {
                name: "fleet1".into(),
            },
            spec: Some(RegisterFleetSpec {
                cluster_ids: Some(vec![a.uid]),
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
    // The kubeconfig is downloaded once a federation connection exists (reference 3.2.16).
    c.fleets()
        .create_federation_connection(&fleet, &ucs_emulator::demo_federation_connection())
        .await
        .expect("connection");
    let kc = c
        .fleets()
        .download_federation_kubeconfig(&fleet, &DownloadKubeconfigRequest { duration: 1 })
        .await
        .expect("kubeconfig");
    (emu, c, kc)
}

fn deployment(name: &str, app: &str) -> Value {
    json!({
        "apiVersion": "apps/v1", "kind": "Deployment",
        "metadata": {"name": name, "labels": {"app": app}},
        "spec": {"replicas": 2, "selector": {"matchLabels": {"app": app}},
                 "template": {"metadata": {"labels": {"app": app}},
                              "spec": {"containers": [{"name": "nginx", "image": "nginx:1.25"}]}}}
    })
}

fn names(list: &Value) -> Vec<&str> {
    let mut names: Vec<&str> = list["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|o| o["metadata"]["name"].as_str())
        .collect();
    names.sort_unstable();
    names
}

fn api_error(e: &Error) -> &ucs_sdk::ApiError {
    e.api()
        .unwrap_or_else(|| panic!("not a service error: {e}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_kubeconfig_opens_the_tls_gateway_for_deployments_and_policies() {
    let (emu, c, kc) = federated().await;
    let k = c
        .karmada_from_kubeconfig(&kc)
        .expect("gateway from kubeconfig");
    // The kubeconfig's server is the TLS listener: its CA (from the kubeconfig) is trusted.
    assert_eq!(k.base_url(), emu.gateway_url("fleet1"));
    assert!(k.base_url().starts_with("https://"), "{}", k.base_url());
    let debug = format!("{k:?}");
    let token = kc.0.users[0].user["token"].as_str().expect("token");
    assert!(!debug.contains(token), "{debug}");

    // Without the kubeconfig's CA the gateway's certificate is not trusted: the CA is what
    // makes the handle work.
    let mut no_ca = kc.clone();
    no_ca.0.clusters[0].cluster.certificate_authority_data = None;
    let e = c
        .karmada_from_kubeconfig(&no_ca)
        .expect("gateway")
        .get("apis/apps/v1/namespaces/default/deployments")
        .await
        .expect_err("untrusted");
    assert!(matches!(e, Error::Connection { .. }), "{e}");

    let deployments = k.deployments("default").expect("deployments");
    let created = deployments
        .create(&deployment("web", "web"))
        .await
        .expect("create web");
    assert_eq!(created["metadata"]["namespace"], "default");
    deployments
        .create(&deployment("api", "api"))
        .await
        .expect("create api");

    // A label selector with a space and parentheses travels percent-encoded.
    let web = deployments
        .list(&ListParams::labels("app in (web)"))
        .await
        .expect("list");
    assert_eq!(names(&web), ["web"]);
    let by_field = deployments
        .list(&ListParams {
            field_selector: Some("metadata.name=api".into()),
            ..Default::default()
        })
        .await
        .expect("list by field");
    assert_eq!(names(&by_field), ["api"]);
    assert_eq!(
        names(&deployments.list(&ListParams::default()).await.expect("all")),
        ["api", "web"]
    );

    let patched = deployments
        .patch("web", &json!({"spec": {"replicas": 5}}))
        .await
        .expect("patch");
    assert_eq!(patched["spec"]["replicas"], 5);
    assert_eq!(
        patched["spec"]["template"]["spec"]["containers"][0]["image"], "nginx:1.25",
        "a merge patch keeps what it does not name"
    );

    let policies = k.propagation_policies("default").expect("policies");
    let policy = json!({
        "apiVersion": "policy.karmada.io/v1alpha1", "kind": "PropagationPolicy",
        "metadata": {"name": "web-pp", "labels": {"app": "web"}},
        "spec": {"resourceSelectors": [{"apiVersion": "apps/v1", "kind": "Deployment", "name": "web"}],
                 "placement": {"clusterAffinity": {"clusterNames": ["member-a"]}}}
    });
    let first = policies.apply(&policy).await.expect("apply creates");
    assert_eq!(first["metadata"]["generation"], 1);
    let mut changed = policy.clone();
    changed["spec"]["placement"] = json!({});
    let second = policies.apply(&changed).await.expect("apply replaces");
    assert_eq!(second["metadata"]["generation"], 2);
    assert_eq!(second["spec"]["placement"], json!({}));
    assert_eq!(
        names(
            &policies
                .list(&ListParams::labels("app=web"))
                .await
                .expect("pp list")
        ),
        ["web-pp"]
    );

    // Creating an existing name: 409, reason AlreadyExists, Conflict.
    let e = deployments
        .create(&deployment("web", "web"))
        .await
        .expect_err("exists");
    let api = api_error(&e);
    assert_eq!((api.status, api.code.as_str()), (409, "AlreadyExists"));
    assert_eq!(api.kind(), ApiErrorKind::Conflict);

    let deleted = deployments.delete("web").await.expect("delete");
    assert_eq!(deleted["status"], "Success");
    policies.delete("web-pp").await.expect("delete policy");

    // The Status of a missing object: reason as the code, its message, 404, NotFound.
    let e = deployments.get("web").await.expect_err("gone");
    assert!(e.is_not_found(), "{e}");
    let api = api_error(&e);
    assert_eq!((api.status, api.code.as_str()), (404, "NotFound"));
    assert_eq!(api.message, "deployments.apps \"web\" not found");
    assert_eq!(api.kind(), ApiErrorKind::NotFound);
    let e = deployments.delete("web").await.expect_err("gone");
    assert_eq!(api_error(&e).code, "NotFound");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bearer_token_or_the_iam_token_opens_the_http_gateway() {
    let (emu, c, kc) = federated().await;
    let token = kc.0.users[0].user["token"].as_str().expect("token");
    let k = c.karmada("fleet1", token).expect("gateway");
    assert_eq!(k.base_url(), format!("{}/karmada/fleet1", emu.base_url()));
    k.deployments("default")
        .expect("deployments")
        .create(&deployment("web", "web"))
        .await
        .expect("create");

    // The client's IAM token, obtained with the password, as the bearer.
    let iam = client(
        &emu.base_url(),
        Credentials::password(DEMO_USER, DEMO_PASSWORD, DEMO_DOMAIN_NAME),
    );
    let k = iam.karmada_with_iam("fleet1").expect("gateway");
    let got = k
        .get("apis/apps/v1/namespaces/default/deployments/web")
        .await
        .expect("get with the IAM token");
    assert_eq!(got["metadata"]["name"], "web");
    // AK/SK credentials have no IAM token to send.
    let e = c
        .karmada_with_iam("fleet1")
        .expect("gateway")
        .get("apis/apps/v1/namespaces/default/deployments/web")
        .await
        .expect_err("no token");
    assert!(matches!(e, Error::Auth(_)), "{e}");

    // A wrong token: 401 Unauthorized from the gateway.
    let e = c
        .karmada("fleet1", "not-a-token")
        .expect("gateway")
        .get("apis/apps/v1/namespaces/default/deployments")
        .await
        .expect_err("refused");
    assert_eq!(api_error(&e).status, 401);
    assert_eq!(api_error(&e).kind(), ApiErrorKind::Auth);
}

#[tokio::test]
async fn bad_arguments_are_refused_before_sending() {
    let c = client("http://127.0.0.1:9", Credentials::aksk(DEMO_AK, DEMO_SK));
    let k = c.karmada("fleet1", "T").expect("gateway");
    let field = |e: Error| match e {
        Error::InvalidArgument { field, .. } => field,
        other => panic!("not an invalid argument: {other}"),
    };
    assert_eq!(field(k.deployments("a/b").expect_err("ns")), "namespace");
    let d = k.deployments("default").expect("deployments");
    assert_eq!(field(d.get("..").await.expect_err("name")), "name");
    assert_eq!(
        field(
            d.apply(&json!({"metadata": {}}))
                .await
                .expect_err("no name")
        ),
        "metadata.name"
    );
    let mut kc = Kubeconfig::default();
    assert_eq!(
        field(c.karmada_from_kubeconfig(&kc).expect_err("empty")),
        "kubeconfig.clusters"
    );
    kc.0.clusters.push(NamedCluster {
        name: "x".into(),
        cluster: KubeCluster {
            server: Some("https://127.0.0.1:1".into()),
            certificate_authority_data: Some("not base64!".into()),
            ..Default::default()
        },
    });
    kc.0.users.push(NamedUser {
        name: "u".into(),
        user: json!({"token": "T"}),
    });
    assert_eq!(
        field(c.karmada_from_kubeconfig(&kc).expect_err("bad ca")),
        "kubeconfig.clusters[].cluster.certificate-authority-data"
    );
    kc.0.users[0].user = json!({"client-certificate-data": "x"});
    assert_eq!(
        field(c.karmada_from_kubeconfig(&kc).expect_err("no token")),
        "kubeconfig.users[].user.token"
    );
}
