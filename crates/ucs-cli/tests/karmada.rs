//! `ucs fleets update-kubeconfig` and `ucs karmada FLEET ...` as users run them: against
//! `ucs emulator` as a separate process, with kubectl reading the merged kubeconfig.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};

use serde_json::Value;

const UCS: &str = env!("CARGO_BIN_EXE_ucs");
const KUBECTL: &str = "/usr/bin/kubectl";

struct Emulator {
    child: Child,
    base: String,
    creds: Value,
}

impl Drop for Emulator {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn emulator() -> Emulator {
    let mut child = Command::new(UCS)
        .args([
            "emulator",
            "--listen",
            "127.0.0.1:0",
            "--federation-seconds",
            "0",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn emulator");
    let mut lines = BufReader::new(child.stdout.take().expect("stdout")).lines();
    let base = lines.next().expect("line 1").expect("read");
    let creds = serde_json::from_str(&lines.next().expect("line 2").expect("read")).expect("json");
    Emulator { child, base, creds }
}

/// What `ucs` printed and how it exited.
struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

impl Run {
    fn ok(self, what: &str) -> Self {
        assert_eq!(
            self.code,
            Some(0),
            "{what}:\n{}\n{}",
            self.stdout,
            self.stderr
        );
        self
    }

    fn json(&self) -> Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| panic!("{e}: {}", self.stdout))
    }
}

fn finish(output: Output) -> Run {
    Run {
        code: output.status.code(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

impl Emulator {
    /// `ucs ARGS` with this emulator's AK/SK and `KUBECONFIG=kubeconfig`.
    fn ucs(&self, kubeconfig: &Path, args: &[&str], stdin: &str) -> Run {
        let mut child = Command::new(UCS)
            .args(args)
            .env("UCS_ENDPOINT", &self.base)
            .env("UCS_HSS_ENDPOINT", &self.base)
            .env("UCS_IAM_ENDPOINT", &self.base)
            .env(
                "UCS_KARMADA_ENDPOINT",
                format!("{}/karmada/{{fleet}}", self.base),
            )
            .env("HUAWEICLOUD_SDK_AK", self.creds["ak"].as_str().expect("ak"))
            .env("HUAWEICLOUD_SDK_SK", self.creds["sk"].as_str().expect("sk"))
            .env(
                "HUAWEICLOUD_SDK_DOMAIN_ID",
                self.creds["domain_id"].as_str().expect("domain"),
            )
            .env(
                "HUAWEICLOUD_SDK_PROJECT_ID",
                self.creds["project_id"].as_str().expect("project"),
            )
            .env("HUAWEICLOUD_SDK_CREDENTIALS_FILE", "/nonexistent")
            .env("KUBECONFIG", kubeconfig)
            .env_remove("UCS_PROFILE")
            .env_remove("RUST_LOG")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn ucs");
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(stdin.as_bytes())
            .expect("write stdin");
        finish(child.wait_with_output().expect("ucs ran"))
    }

    /// A fleet of that name with its federation enabled; answers its id.
    fn federated_fleet(&self, name: &str) -> String {
        let none = Path::new("/nonexistent/kubeconfig");
        let made = self
            .ucs(
                none,
                &["fleets", "register", "--name", name, "-o", "json"],
                "",
            )
            .ok("register");
        let id = made.json()["uid"].as_str().expect("uid").to_owned();
        self.ucs(
            none,
            &["fleets", "enable-federation", &id, "--wait", "-o", "json"],
            "",
        )
        .ok("enable-federation");
        // The kubeconfig download needs a federation connection (reference 3.2.16).
        let network = [
            "--project-id",
            "p",
            "--vpc-id",
            "vpc-1",
            "--subnet-id",
            "subnet-1",
        ];
        let mut args = vec!["fleets", "create-federation-connection", &id];
        args.extend(network);
        self.ucs(none, &args, "").ok("create-federation-connection");
        id
    }
}

/// A kubeconfig of someone's other cluster, with fields this CLI knows nothing about.
const UNRELATED: &str = r#"apiVersion: v1
kind: Config
preferences:
  colors: true
clusters:
- name: other
  cluster:
    server: https://other.example:6443
    certificate-authority-data: T1RIRVI=
    extensions:
    - name: client.authentication.k8s.io/exec
      extension: {audience: other}
users:
- name: other-user
  user:
    exec:
      apiVersion: client.authentication.k8s.io/v1beta1
      command: aws
      args: [eks, get-token, --cluster-name, other]
contexts:
- name: other
  context: {cluster: other, user: other-user, namespace: team-a}
current-context: other
x-tool-settings: {keep: [1, 2, 3]}
"#;

fn yaml(path: &Path) -> serde_norway::Value {
    serde_norway::from_str(&std::fs::read_to_string(path).expect("read kubeconfig"))
        .expect("kubeconfig is YAML")
}

fn entry<'a>(doc: &'a serde_norway::Value, list: &str, name: &str) -> &'a serde_norway::Value {
    doc[list]
        .as_sequence()
        .and_then(|items| items.iter().find(|e| e["name"].as_str() == Some(name)))
        .unwrap_or_else(|| panic!("no {list} entry {name}"))
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path)
        .expect("metadata")
        .permissions()
        .mode()
        & 0o777
}

/// A temp dir with `kube/config` holding [`UNRELATED`], readable by all (0644).
fn unrelated_kubeconfig() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("kube").join("config");
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(&path, UNRELATED).expect("write");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    }
    (dir, path)
}

#[test]
fn update_kubeconfig_merges_beside_unrelated_entries_and_kubectl_uses_it() {
    let emu = emulator();
    let id = emu.federated_fleet("prod");
    let (dir, path) = unrelated_kubeconfig();
    // kubectl writes to the first file of KUBECONFIG; so does update-kubeconfig.
    let second = dir.path().join("second");
    let list = std::env::join_paths([&path, &second]).expect("join");
    let merged = emu
        .ucs(Path::new(&list), &["fleets", "update-kubeconfig", &id], "")
        .ok("update-kubeconfig");
    assert!(
        merged.stdout.contains("Added new context ucs-prod")
            && merged.stdout.contains(&path.display().to_string()),
        "{}",
        merged.stdout
    );
    assert!(!second.exists());
    #[cfg(unix)]
    assert_eq!(mode(&path), 0o600);

    let before: serde_norway::Value = serde_norway::from_str(UNRELATED).expect("yaml");
    let after = yaml(&path);
    for (list, name) in [
        ("clusters", "other"),
        ("users", "other-user"),
        ("contexts", "other"),
    ] {
        assert_eq!(
            entry(&after, list, name),
            entry(&before, list, name),
            "{list}"
        );
    }
    assert_eq!(after["preferences"], before["preferences"]);
    assert_eq!(after["x-tool-settings"], before["x-tool-settings"]);
    assert_eq!(after["current-context"].as_str(), Some("ucs-prod"));
    let server = entry(&after, "clusters", "ucs-prod")["cluster"]["server"]
        .as_str()
        .expect("server");
    assert!(server.starts_with("https://127.0.0.1:"), "{server}");
    assert_eq!(
        entry(&after, "contexts", "ucs-prod")["context"]["user"].as_str(),
        Some("ucs-prod")
    );
    let token = entry(&after, "users", "ucs-prod")["user"]["token"]
        .as_str()
        .expect("token")
        .to_owned();
    assert!(!merged.stdout.contains(&token) && !merged.stderr.contains(&token));

    // Again, keeping the current context: only the user (a fresh token) changes.
    let again = emu
        .ucs(
            &path,
            &[
                "fleets",
                "update-kubeconfig",
                &id,
                "--context",
                "ucs-prod",
                "--no-set-current",
                "-o",
                "json",
            ],
            "",
        )
        .ok("update-kubeconfig again");
    let outcome = again.json();
    assert_eq!(outcome["context"], "unchanged", "{outcome}");
    assert_eq!(outcome["cluster"], "unchanged", "{outcome}");
    assert_eq!(outcome["user"], "updated", "{outcome}");
    assert_eq!(outcome["previous_current_context"], "ucs-prod");
    let contexts: Vec<_> = yaml(&path)["contexts"]
        .as_sequence()
        .expect("contexts")
        .iter()
        .filter_map(|c| c["name"].as_str().map(str::to_owned))
        .collect();
    assert_eq!(contexts, ["other", "ucs-prod"]);

    if Path::new(KUBECTL).exists() {
        let out = Command::new(KUBECTL)
            .arg("--kubeconfig")
            .arg(&path)
            .arg("--cache-dir")
            .arg(dir.path().join("cache"))
            .args(["--context", "ucs-prod", "get", "deployments", "-o", "json"])
            .env_remove("KUBECONFIG")
            .output()
            .expect("kubectl runs");
        let run = finish(out).ok("kubectl get deployments");
        assert_eq!(run.json()["items"], serde_json::json!([]), "{}", run.stdout);
    }
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
      - {name: nginx, image: "nginx:1.25"}
"#;

const POLICY: &str = r#"{"apiVersion": "policy.karmada.io/v1alpha1", "kind": "PropagationPolicy",
  "metadata": {"name": "web-pp"},
  "spec": {"resourceSelectors": [{"apiVersion": "apps/v1", "kind": "Deployment", "name": "web"}],
           "placement": {}}}"#;

fn names(v: &Value) -> Vec<String> {
    v["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|o| o["metadata"]["name"].as_str().map(str::to_owned))
        .collect()
}

#[test]
fn karmada_applies_lists_patches_and_deletes_with_the_merged_context() {
    let emu = emulator();
    let id = emu.federated_fleet("prod");
    let (dir, kc) = unrelated_kubeconfig();
    emu.ucs(&kc, &["fleets", "update-kubeconfig", &id], "")
        .ok("update-kubeconfig");
    let ucs = |args: &[&str], stdin: &str| {
        let mut all = vec!["karmada", "prod"];
        all.extend_from_slice(args);
        emu.ucs(&kc, &all, stdin)
    };

    let deploy = dir.path().join("deploy.yaml");
    std::fs::write(&deploy, DEPLOYMENT).expect("write");
    let deploy = deploy.to_str().expect("path");
    let created = ucs(&["apply", "-f", deploy], "").ok("apply deployment");
    assert_eq!(created.stdout, "deployment.apps/web created\n");
    let policy = ucs(&["apply", "-f", "-"], POLICY).ok("apply policy");
    assert_eq!(
        policy.stdout,
        "propagationpolicy.policy.karmada.io/web-pp created\n"
    );
    // Applying again replaces it at the live resourceVersion.
    std::fs::write(deploy, DEPLOYMENT.replace("replicas: 2", "replicas: 3")).expect("write");
    let configured = ucs(&["apply", "-f", deploy], "").ok("apply again");
    assert_eq!(configured.stdout, "deployment.apps/web configured\n");
    let db = DEPLOYMENT.replace("web", "db");
    ucs(&["apply", "-f", "-", "-n", "default"], &db).ok("apply db");

    // Tables by default, kubectl-like; label and field selectors reach the gateway.
    let table = ucs(&["get", "deployments", "-l", "app=web"], "").ok("get -l");
    let mut rows = table.stdout.lines();
    let header: Vec<&str> = rows.next().unwrap_or_default().split_whitespace().collect();
    assert_eq!(header, ["NAME", "NAMESPACE", "AGE"]);
    let row: Vec<&str> = rows.next().unwrap_or_default().split_whitespace().collect();
    assert_eq!(&row[..2], ["web", "default"], "{}", table.stdout);
    assert_eq!(rows.next(), None, "{}", table.stdout);
    let listed = ucs(
        &["get", "deploy", "-l", "app in (web,db)", "-o", "json"],
        "",
    )
    .ok("get in");
    let mut all = names(&listed.json());
    all.sort();
    assert_eq!(all, ["db", "web"]);
    let by_field = ucs(
        &[
            "get",
            "deployment",
            "--field-selector",
            "metadata.name=db",
            "-o",
            "json",
        ],
        "",
    )
    .ok("field selector");
    assert_eq!(names(&by_field.json()), ["db"]);
    let queried = ucs(
        &[
            "get",
            "deploy",
            "web",
            "-o",
            "json",
            "--query",
            "spec.replicas",
        ],
        "",
    )
    .ok("query");
    assert_eq!(queried.stdout.trim(), "3");
    // The policy made a ResourceBinding for the Deployment.
    let bindings = ucs(&["get", "rb", "-o", "json"], "").ok("get rb");
    assert!(!names(&bindings.json()).is_empty(), "{}", bindings.stdout);

    let patched = ucs(
        &["patch", "deploy", "web", "-p", r#"{"spec":{"replicas":5}}"#],
        "",
    )
    .ok("patch");
    assert_eq!(patched.stdout, "deployment.apps/web patched\n");
    let got = ucs(&["get", "deploy", "web", "-o", "yaml"], "").ok("get yaml");
    let got: Value = serde_norway::from_str(&got.stdout).expect("yaml");
    assert_eq!(got["spec"]["replicas"], 5);
    assert_eq!(got["metadata"]["labels"]["app"], "web");

    let deleted = ucs(&["delete", "deploy", "web"], "").ok("delete");
    assert_eq!(deleted.stdout, "deployment.apps/web deleted\n");
    let missing = ucs(&["get", "deploy", "web"], "");
    assert_eq!(missing.code, Some(4), "{}", missing.stderr);
    assert!(
        missing.stderr.contains("NotFound") && missing.stderr.contains("\"web\" not found"),
        "{}",
        missing.stderr
    );
    let missing_pp = ucs(&["delete", "pp", "nope"], "");
    assert_eq!(missing_pp.code, Some(4), "{}", missing_pp.stderr);
    // Several objects need a selector or --all.
    let refused = ucs(&["delete", "deploy"], "");
    assert_eq!(refused.code, Some(3), "{}", refused.stderr);
    let all = ucs(&["delete", "deploy", "--all"], "").ok("delete --all");
    assert_eq!(all.stdout, "deployment.apps/db deleted\n");
    let empty = ucs(&["get", "deploy", "-o", "json"], "").ok("get empty");
    assert!(names(&empty.json()).is_empty());
    let raw = ucs(
        &[
            "get",
            "--uri",
            "apis/policy.karmada.io/v1alpha1/namespaces/default/propagationpolicies/web-pp",
            "-o",
            "json",
        ],
        "",
    )
    .ok("get --uri");
    assert_eq!(raw.json()["metadata"]["name"], "web-pp");
}

#[test]
fn karmada_tokens_come_from_the_named_kubeconfig_or_the_credentials() {
    let emu = emulator();
    let id = emu.federated_fleet("prod");
    let dir = tempfile::tempdir().expect("tempdir");
    let own = dir.path().join("own");
    emu.ucs(
        &own,
        &["fleets", "update-kubeconfig", &id, "--context", "mine"],
        "",
    )
    .ok("update-kubeconfig");
    let nowhere = dir.path().join("absent");
    // A file that is not a kubeconfig is refused, named, and left as it was.
    let bad = dir.path().join("bad");
    std::fs::write(&bad, "- just\n- a list\n").expect("write");
    let refused_file = emu.ucs(&bad, &["fleets", "update-kubeconfig", &id], "");
    assert_eq!(refused_file.code, Some(1), "{}", refused_file.stderr);
    assert!(
        refused_file.stderr.contains(&bad.display().to_string())
            && refused_file.stderr.contains("not a YAML mapping"),
        "{}",
        refused_file.stderr
    );
    assert_eq!(
        std::fs::read_to_string(&bad).expect("read"),
        "- just\n- a list\n"
    );
    let no_fleet = emu.ucs(
        &nowhere,
        &[
            "fleets",
            "update-kubeconfig",
            "b0d1ecb5-7947-11ee-9467-0255ac1001bf",
        ],
        "",
    );
    assert_eq!(no_fleet.code, Some(4), "{}", no_fleet.stderr);
    assert!(!nowhere.exists());
    // Named file and context.
    let listed = emu
        .ucs(
            &nowhere,
            &[
                "karmada",
                "prod",
                "--kubeconfig",
                own.to_str().expect("p"),
                "--context",
                "mine",
                "get",
                "ns",
                "-o",
                "json",
            ],
            "",
        )
        .ok("get with --kubeconfig");
    assert!(listed.json()["items"].is_array());
    // A named file that does not exist is a bad argument.
    let absent = emu.ucs(
        &nowhere,
        &[
            "karmada",
            "prod",
            "--kubeconfig",
            nowhere.to_str().expect("p"),
            "get",
            "ns",
        ],
        "",
    );
    assert_eq!(absent.code, Some(3), "{}", absent.stderr);
    assert!(absent.stderr.contains("absent"), "{}", absent.stderr);
    // No kubeconfig and AK/SK credentials: no token to send.
    let no_token = emu.ucs(&nowhere, &["karmada", "prod", "get", "ns"], "");
    assert_eq!(no_token.code, Some(6), "{}", no_token.stderr);
    assert!(no_token.stderr.contains("token"), "{}", no_token.stderr);
    // A token the gateway does not know.
    let refused = emu.ucs(
        &nowhere,
        &["--token", "not-issued", "karmada", "prod", "get", "ns"],
        "",
    );
    assert_eq!(refused.code, Some(6), "{}", refused.stderr);
}
