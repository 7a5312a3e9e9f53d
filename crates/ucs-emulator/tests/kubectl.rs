//! `kubectl` (the machine's, v1.32) against the Karmada gateway over TLS, with nothing but the
//! kubeconfig the emulator issued: discovery, apply, label selectors, patch, delete, NotFound,
//! and the ResourceBinding a PropagationPolicy makes.

mod common;
use common::attached;

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde_json::Value;
use ucs_emulator::{EmulatorConfig, DEMO_AK, DEMO_DOMAIN_ID, DEMO_PROJECT_ID, DEMO_SK};
use ucs_sdk::models::*;
use ucs_sdk::{Client, Credentials};

const KUBECTL: &str = "/usr/bin/kubectl";

struct Kubectl {
    kubeconfig: PathBuf,
    cache: PathBuf,
}

struct Run {
    ok: bool,
    stdout: String,
    stderr: String,
}

impl Kubectl {
    async fn run(&self, args: &[&str]) -> Run {
        let out = tokio::process::Command::new(KUBECTL)
            .arg("--kubeconfig")
            .arg(&self.kubeconfig)
            .arg("--cache-dir")
            .arg(&self.cache)
            .args(args)
            .env_remove("KUBECONFIG")
            .output()
            .await
            .expect("kubectl runs");
        Run {
            ok: out.status.success(),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    /// Runs and requires success.
    async fn ok(&self, args: &[&str]) -> String {
        let run = self.run(args).await;
        assert!(
            run.ok,
            "kubectl {args:?} failed:\n{}\n{}",
            run.stdout, run.stderr
        );
        run.stdout
    }

    async fn json(&self, args: &[&str]) -> Value {
        let out = self.ok(args).await;
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("kubectl {args:?}: {e}: {out}"))
    }
}

/// A signed emulator with fleet `fleet1` (clusters `member-a`, `member-b`) federated, and the
/// kubeconfig it issued written to `dir`.
async fn federated_fleet(dir: &Path) -> (ucs_emulator::Emulator, Kubectl, Value) {
    let emu = ucs_emulator::start(EmulatorConfig {
        federation_duration: Duration::ZERO,
        ..Default::default()
    })
    .await
    .expect("emulator starts");
    let base = emu.base_url();
    let c = Client::builder()
        .endpoint(&base)
        .iam_endpoint(&base)
        .hss_endpoint(&base)
        .credentials(Credentials::aksk(DEMO_AK, DEMO_SK))
        .domain_id(DEMO_DOMAIN_ID)
        .project_id(DEMO_PROJECT_ID)
        .build()
        .expect("client");
    let a = c
        .clusters()
        .register(&attached("member-a"))
        .await
        .expect("a");
    let b = c
        .clusters()
        .register(&attached("member-b"))
        .await
        .expect("b");
    let fleet = c
        .fleets()
        .register(&RegisterFleet {
            metadata: NameMeta {
                name: "fleet1".into(),
            },
            spec: Some(RegisterFleetSpec {
                cluster_ids: Some(vec![a.uid, b.uid]),
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
    let doc = serde_json::to_value(&kc.0).expect("kubeconfig json");
    let kubeconfig = dir.join("kubeconfig");
    std::fs::write(&kubeconfig, doc.to_string()).expect("write kubeconfig");
    let kubectl = Kubectl {
        kubeconfig,
        cache: dir.join("cache"),
    };
    (emu, kubectl, doc)
}

const DEPLOYMENT: &str = r#"apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: {app: web}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: nginx
        image: nginx:1.25
      - name: sidecar
        image: busybox:1
"#;

const POLICY: &str = r#"apiVersion: policy.karmada.io/v1alpha1
kind: PropagationPolicy
metadata:
  name: web-pp
spec:
  resourceSelectors:
  - apiVersion: apps/v1
    kind: Deployment
    name: web
  placement: {}
"#;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kubectl_applies_lists_patches_and_deletes_with_the_issued_kubeconfig() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (emu, k, doc) = federated_fleet(dir.path()).await;
    let server = doc["clusters"][0]["cluster"]["server"]
        .as_str()
        .expect("server");
    assert_eq!(server, emu.gateway_url("fleet1"));
    assert!(server.starts_with("https://127.0.0.1:"), "{server}");

    // Discovery names the Karmada groups.
    let versions = k.ok(&["api-versions"]).await;
    for gv in [
        "apps/v1",
        "policy.karmada.io/v1alpha1",
        "work.karmada.io/v1alpha2",
        "v1",
    ] {
        assert!(versions.lines().any(|l| l == gv), "{gv} in {versions}");
    }

    let deploy = dir.path().join("deploy.yaml");
    std::fs::write(&deploy, DEPLOYMENT).expect("write");
    let created = k.ok(&["apply", "-f", deploy.to_str().expect("path")]).await;
    assert!(created.contains("deployment.apps/web created"), "{created}");

    // Apply again with a change: kubectl GETs and sends a strategic merge patch.
    std::fs::write(
        &deploy,
        DEPLOYMENT
            .replace("replicas: 2", "replicas: 3")
            .replace("      - name: sidecar\n        image: busybox:1\n", ""),
    )
    .expect("write");
    let configured = k.ok(&["apply", "-f", deploy.to_str().expect("path")]).await;
    assert!(
        configured.contains("deployment.apps/web configured"),
        "{configured}"
    );
    let got = k.json(&["get", "deployment", "web", "-o", "json"]).await;
    assert_eq!(got["spec"]["replicas"], 3);
    let containers = got["spec"]["template"]["spec"]["containers"]
        .as_array()
        .expect("containers");
    assert_eq!(
        containers.len(),
        1,
        "the removed container is gone: {containers:?}"
    );
    assert!(
        got["metadata"]["annotations"]["kubectl.kubernetes.io/last-applied-configuration"]
            .as_str()
            .is_some_and(|a| a.contains("\"replicas\":3"))
    );

    // Label selectors.
    let selected = k
        .json(&["get", "deployments", "-l", "app=web", "-o", "json"])
        .await;
    assert_eq!(selected["items"].as_array().map(Vec::len), Some(1));
    let none = k
        .json(&[
            "get",
            "deployments",
            "-l",
            "app in (db,cache)",
            "-o",
            "json",
        ])
        .await;
    assert_eq!(none["items"].as_array().map(Vec::len), Some(0));

    // kubectl patch (strategic by default for a built-in type).
    k.ok(&[
        "patch",
        "deployment",
        "web",
        "-p",
        r#"{"spec":{"replicas":5}}"#,
    ])
    .await;
    let patched = k.json(&["get", "deployment", "web", "-o", "json"]).await;
    assert_eq!(patched["spec"]["replicas"], 5);
    assert_eq!(
        patched["spec"]["template"]["spec"]["containers"][0]["image"],
        "nginx:1.25"
    );

    // The policy makes a ResourceBinding targeting both member clusters.
    let policy = dir.path().join("policy.yaml");
    std::fs::write(&policy, POLICY).expect("write");
    let applied = k.ok(&["apply", "-f", policy.to_str().expect("path")]).await;
    assert!(
        applied.contains("propagationpolicy.policy.karmada.io/web-pp created"),
        "{applied}"
    );
    let rb = k
        .json(&[
            "get",
            "resourcebindings.work.karmada.io",
            "web-deployment",
            "-o",
            "json",
        ])
        .await;
    let mut targets: Vec<&str> = rb["spec"]["clusters"]
        .as_array()
        .expect("clusters")
        .iter()
        .filter_map(|c| c["name"].as_str())
        .collect();
    targets.sort_unstable();
    assert_eq!(targets, ["member-a", "member-b"]);
    assert_eq!(rb["spec"]["resource"]["name"], "web");

    // Deleting the policy removes the binding; so does deleting the deployment.
    k.ok(&["delete", "propagationpolicy", "web-pp"]).await;
    let gone = k.run(&["get", "resourcebinding", "web-deployment"]).await;
    assert!(
        !gone.ok && gone.stderr.contains("NotFound"),
        "{}",
        gone.stderr
    );
    k.ok(&["apply", "-f", policy.to_str().expect("path")]).await;
    assert!(k.run(&["get", "rb", "web-deployment"]).await.ok);
    let deleted = k.ok(&["delete", "deployment", "web"]).await;
    assert!(
        deleted.contains("deployment.apps \"web\" deleted"),
        "{deleted}"
    );
    assert!(!k.run(&["get", "rb", "web-deployment"]).await.ok);

    let missing = k.run(&["get", "deployment", "web"]).await;
    assert!(!missing.ok);
    assert!(
        missing
            .stderr
            .contains(r#"Error from server (NotFound): deployments.apps "web" not found"#),
        "{}",
        missing.stderr
    );
    emu.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kubectl_without_the_token_is_refused_and_a_stale_update_conflicts() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (emu, k, mut doc) = federated_fleet(dir.path()).await;
    // `kubectl create configmap` would send protobuf, which the gateway refuses (415): a file.
    let file = dir.path().join("cm.json");
    std::fs::write(
        &file,
        r#"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cfg"},"data":{"a":"1"}}"#,
    )
    .expect("write");
    k.ok(&["create", "-f", file.to_str().expect("path")]).await;
    let cm = k.json(&["get", "configmap", "cfg", "-o", "json"]).await;
    let stale = cm["metadata"]["resourceVersion"]
        .as_str()
        .expect("resourceVersion")
        .to_owned();
    k.ok(&["label", "configmap", "cfg", "tier=x"]).await;
    let mut old = cm.clone();
    old["data"]["a"] = "2".into();
    assert_eq!(old["metadata"]["resourceVersion"], stale.as_str());
    let file = dir.path().join("stale.json");
    std::fs::write(&file, old.to_string()).expect("write");
    let replaced = k
        .run(&["replace", "-f", file.to_str().expect("path")])
        .await;
    assert!(!replaced.ok);
    assert!(
        replaced.stderr.contains("Conflict") && replaced.stderr.contains("has been modified"),
        "{}",
        replaced.stderr
    );

    // The same kubeconfig with another token is refused.
    doc["users"][0]["user"]["token"] = "gw-not-issued".into();
    std::fs::write(&k.kubeconfig, doc.to_string()).expect("write");
    let refused = k.run(&["get", "configmaps"]).await;
    assert!(!refused.ok);
    assert!(
        refused.stderr.contains("Unauthorized") || refused.stderr.contains("credentials"),
        "{}",
        refused.stderr
    );
    emu.shutdown().await;
}
