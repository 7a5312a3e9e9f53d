//! GitOps records: a repository's credentials never reach the state file, an answer or the
//! state dump; the records survive a restart; refusals keep the request id.

mod common;

use common::open;
use serde_json::{json, Value};
use ucs_emulator::EmulatorConfig;

const PASSWORD: &str = "pa55-w0rd-never-shown";
const TOKEN: &str = "ghp_token_never_shown";

fn repo_body(cluster: &str, name: &str) -> Value {
    json!({"name": name, "namespace": "default",
           "gitRepositorySpec": {"url": "https://example.com/apps.git", "ref": {"branch": "main"}},
           "secretInfo": {"authMode": "basic", "secret": {"username": "deploy", "password": PASSWORD}},
           "clusterInfo": {"clusterID": cluster}})
}

#[tokio::test]
async fn credentials_are_never_kept_nor_answered_and_records_survive_a_restart() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("state.json");
    let config = || EmulatorConfig {
        state_file: Some(file.clone()),
        ..Default::default()
    };
    let raw = open(config()).await;
    let cluster = raw.cluster("flux").await;
    let enabled = raw
        .post(&format!("/v1/clusters/{cluster}/gitops"), json!({}))
        .await;
    assert_eq!(enabled.status, 201, "{}", enabled.body);
    let created = raw
        .post("/v1/configsets/repos", repo_body(&cluster, "apps"))
        .await;
    assert_eq!(created.status, 201, "{}", created.body);
    let repo = created.body["uid"].as_str().unwrap_or_default().to_owned();
    let updated = raw
        .put(
            &format!("/v1/configsets/repos/{repo}"),
            json!({"secretInfo": {"authMode": "token", "secret": TOKEN}}),
        )
        .await;
    assert_eq!(updated.status, 200, "{}", updated.body);
    let set = raw
        .post(
            "/v1/configsets",
            json!({"name": "web", "namespace": "default", "repoName": "apps",
                   "clusterInfo": {"clusterID": cluster}}),
        )
        .await;
    assert_eq!(set.status, 201, "{}", set.body);

    let listed = raw.get("/v1/configsets/repos").await;
    let shown = raw
        .get(&format!(
            "/v1/configsets/{}",
            set.body["uid"].as_str().unwrap_or_default()
        ))
        .await;
    let dump = raw.get("/_emulator/state").await;
    let saved = std::fs::read_to_string(&file).expect("state file");
    for (what, text) in [
        ("list", listed.body.to_string()),
        ("config set", shown.body.to_string()),
        ("state dump", dump.body.to_string()),
        ("state file", saved),
    ] {
        assert!(
            !text.contains(PASSWORD),
            "{what} holds the password: {text}"
        );
        assert!(!text.contains(TOKEN), "{what} holds the token: {text}");
    }
    assert_eq!(listed.body["items"][0]["secretInfo"]["authMode"], "token");
    assert_eq!(
        listed.body["items"][0]["secretInfo"]["secret"],
        json!({"token": "***"})
    );
    raw.emu.shutdown().await;

    let raw = open(config()).await;
    let stats = raw.get("/v1/configsets/statistics").await;
    assert_eq!(stats.status, 200, "{}", stats.body);
    assert_eq!(stats.body["overviewStatus"]["configSetTotalNum"], 1);
    assert_eq!(stats.body["items"][0]["sourceRepoNum"], 1);
    let again = raw
        .post(&format!("/v1/clusters/{cluster}/gitops"), json!({}))
        .await;
    assert_eq!((again.status, again.code()), (400, "UCS.00060002"));
    assert!(again.request_id.is_some_and(|id| id.len() == 32));
}

#[tokio::test]
async fn unregistered_clusters_take_their_records_out_of_the_lists() {
    let raw = open(EmulatorConfig::default()).await;
    let cluster = raw.cluster("gone").await;
    raw.post(&format!("/v1/clusters/{cluster}/gitops"), json!({}))
        .await;
    let created = raw
        .post("/v1/configsets/repos", repo_body(&cluster, "apps"))
        .await;
    assert_eq!(created.status, 201, "{}", created.body);
    assert_eq!(raw.get("/v1/configsets/repos").await.body["total"], 1);
    let deleted = raw.delete(&format!("/v1/clusters/{cluster}")).await;
    assert_eq!(deleted.status, 200, "{}", deleted.body);
    assert_eq!(raw.get("/v1/configsets/repos").await.body["total"], 0);
    assert_eq!(raw.get("/v1/configsets/statistics").await.body["total"], 0);
    let filtered = raw
        .get(&format!("/v1/configsets?clusterid={cluster}"))
        .await;
    assert_eq!((filtered.status, filtered.code()), (404, "UCS.01030001"));
}

#[tokio::test]
async fn the_core_pages_through_repositories_and_config_sets() {
    use futures_util::TryStreamExt;
    use ucs_sdk::models::*;

    let emu = ucs_emulator::start(EmulatorConfig::default())
        .await
        .expect("emulator starts");
    let base = emu.base_url();
    let c = ucs_sdk::Client::builder()
        .endpoint(&base)
        .iam_endpoint(&base)
        .credentials(ucs_sdk::Credentials::aksk(
            ucs_emulator::DEMO_AK,
            ucs_emulator::DEMO_SK,
        ))
        .domain_id(ucs_emulator::DEMO_DOMAIN_ID)
        .project_id(ucs_emulator::DEMO_PROJECT_ID)
        .build()
        .expect("client");
    let cluster = c
        .clusters()
        .register(&common::attached("paged"))
        .await
        .expect("register")
        .uid;
    c.gitops()
        .enable(&cluster, &EnableGitOpsQuery::default())
        .await
        .expect("enable");
    for i in 0..5 {
        let name = format!("repo-{i}");
        c.repos()
            .create(&CreateRepo {
                name: Some(name.clone()),
                namespace: Some("default".into()),
                git_repository_spec: Some(GitRepositorySpec {
                    url: Some(format!("https://example.com/{name}.git")),
                    ..Default::default()
                }),
                cluster_info: Some(GitOpsClusterInfo {
                    cluster_id: Some(cluster.clone()),
                    ..Default::default()
                }),
                ..Default::default()
            })
            .await
            .expect("repo");
        c.configsets()
            .create(&CreateConfigSet {
                name: format!("set-{i}"),
                namespace: "default".into(),
                repo_name: Some(name),
                cluster_info: Some(GitOpsClusterInfo {
                    cluster_id: Some(cluster.clone()),
                    ..Default::default()
                }),
                ..Default::default()
            })
            .await
            .expect("config set");
    }
    let repos: Vec<GitOpsRepo> = c
        .repos()
        .iter(ListReposQuery {
            limit: Some(2),
            order: Some("asc".into()),
            ..Default::default()
        })
        .try_collect()
        .await
        .expect("repos");
    let names: Vec<_> = repos.iter().filter_map(|r| r.name.as_deref()).collect();
    assert_eq!(names, ["repo-0", "repo-1", "repo-2", "repo-3", "repo-4"]);
    let sets: Vec<ConfigSet> = c
        .configsets()
        .iter(ListConfigSetsQuery {
            clusterid: Some(cluster.clone()),
            limit: Some(2),
            ..Default::default()
        })
        .try_collect()
        .await
        .expect("config sets");
    let names: Vec<_> = sets.iter().filter_map(|s| s.name.as_deref()).collect();
    assert_eq!(names, ["set-4", "set-3", "set-2", "set-1", "set-0"]);
    let stats = c
        .configsets()
        .statistics(&PageQuery::default())
        .await
        .expect("statistics");
    assert_eq!(
        stats.items[0].k8s_resource_num,
        Some(10),
        "5 Kustomizations and 5 GitRepositories"
    );
    // Refused before anything is sent, naming the field.
    let e = c
        .repos()
        .delete("..")
        .await
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(e.contains("repo_id"), "{e}");
    emu.shutdown().await;
}

/// Whether any string (key or value) of `v` contains `needle`.
fn holds(v: &Value, needle: &str) -> bool {
    match v {
        Value::String(s) => s.contains(needle),
        Value::Array(items) => items.iter().any(|i| holds(i, needle)),
        Value::Object(map) => map
            .iter()
            .any(|(k, v)| k.contains(needle) || holds(v, needle)),
        _ => false,
    }
}

/// Random credentials (any printable text, under any field name) never surface in an answer,
/// the state dump or the state file. Fixed seed; `UCS_PROPTEST_CASES` raises the 48 cases.
#[test]
fn random_credentials_never_surface() {
    use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};

    const SEED: [u8; 32] = *b"ucs-emulator-gitops-secret-seed1";
    let cases = std::env::var("UCS_PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(48);
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("state.json");
    let raw = rt.block_on(open(EmulatorConfig {
        state_file: Some(file.clone()),
        ..Default::default()
    }));
    let cluster = rt.block_on(raw.cluster("fuzzed"));
    rt.block_on(raw.post(&format!("/v1/clusters/{cluster}/gitops"), json!({})));
    let config = Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    };
    let mut runner =
        TestRunner::new_with_rng(config, TestRng::from_seed(RngAlgorithm::ChaCha, &SEED));
    let strategy = ("[a-z][a-zA-Z_]{0,11}", "[ -~]{16,48}", proptest::bool::ANY);
    let result = runner.run(&strategy, |(key, secret, as_string)| {
        rt.block_on(async {
            let secret_value = if as_string {
                json!(secret)
            } else {
                json!({ key.clone(): secret })
            };
            let mut body = repo_body(&cluster, "fuzzed");
            body["secretInfo"]["secret"] = secret_value;
            let created = raw.post("/v1/configsets/repos", body).await;
            assert_eq!(created.status, 201, "{}", created.body);
            let id = created.body["uid"].as_str().unwrap_or_default().to_owned();
            let listed = raw.get("/v1/configsets/repos").await;
            let dump = raw.get("/_emulator/state").await;
            let saved: Value =
                serde_json::from_str(&std::fs::read_to_string(&file).expect("state"))
                    .expect("state JSON");
            for (what, v) in [
                ("list", &listed.body),
                ("dump", &dump.body),
                ("file", &saved),
            ] {
                assert!(!holds(v, &secret), "{what} holds the credential: {v}");
            }
            let deleted = raw.delete(&format!("/v1/configsets/repos/{id}")).await;
            assert_eq!(deleted.status, 200, "{}", deleted.body);
        });
        Ok(())
    });
    assert!(result.is_ok(), "{result:?}");
}
