//! Every error code the emulator can emit, each provoked by the request that causes it, with the
//! status of reference table 5-1; fails when the source can emit a code no case provokes.

mod common;

use std::collections::BTreeSet;
use std::time::Duration;

use common::{cluster_body, open, Answer, Raw};
use serde_json::{json, Value};
use ucs_emulator::{AuthMode, EmulatorConfig};

/// Every source file of the emulator (all of `src/`, walked at run time so a new file cannot
/// hide a code).
fn sources() -> Vec<String> {
    fn walk(dir: &std::path::Path, out: &mut Vec<String>) {
        let entries = std::fs::read_dir(dir).expect("src/ is readable");
        for entry in entries {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(std::fs::read_to_string(&path).expect("source file"));
            }
        }
    }
    let mut out = Vec::new();
    walk(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut out,
    );
    assert!(out.len() > 20, "only {} source files found", out.len());
    out
}

/// Codes written in the emulator's source: `UCS.` followed by eight digits, or `APIGW.` codes.
fn codes_in_source() -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for source in &sources() {
        for prefix in ["\"UCS.", "\"APIGW."] {
            for (at, _) in source.match_indices(prefix) {
                let rest = &source[at + 1..];
                let end = rest.find('"').unwrap_or(rest.len());
                found.insert(rest[..end].to_owned());
            }
        }
    }
    found
}

/// The provoked answers, checked against the table as they come.
#[derive(Default)]
struct Cases {
    provoked: BTreeSet<String>,
    lines: Vec<String>,
}

impl Cases {
    fn check(&mut self, code: &str, request: &str, answer: &Answer) {
        let (status, _) = ucs_sdk::reference::error_code(code)
            .unwrap_or_else(|| panic!("{code} is not in reference table 5-1"));
        assert_eq!(
            (answer.status, answer.code()),
            (status, code),
            "{request}: {}",
            answer.body
        );
        assert!(
            answer.body["error_msg"]
                .as_str()
                .is_some_and(|m| !m.is_empty()),
            "{request}: no error_msg in {}",
            answer.body
        );
        self.provoked.insert(code.to_owned());
        self.lines.push(format!("{code} {status} <- {request}"));
    }
}

async fn send_with(
    raw: &Raw,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: Option<(&str, String)>,
) -> Answer {
    let method = reqwest::Method::from_bytes(method.as_bytes()).expect("method");
    let mut req = raw.http.request(method, format!("{}{path}", raw.base));
    for (name, value) in headers {
        req = req.header(*name, *value);
    }
    if let Some((content_type, body)) = body {
        req = req.header("content-type", content_type).body(body);
    }
    let resp = req.send().await.expect("answered");
    let status = resp.status().as_u16();
    let bytes = resp.bytes().await.expect("body");
    Answer {
        status,
        body: serde_json::from_slice(&bytes).unwrap_or(Value::Null),
        request_id: None,
    }
}

const MISSING_CLUSTER: &str = "0b5c7b93-5a33-11ee-a3ff-0255ac100b0a";
/// The UID of `cce-prod`, the first CCE cluster of the emulator's account.
const CCE_PROD: &str = "57ef11e7-7d72-11ee-a590-0255ac100b00";

#[tokio::test]
async fn every_emitted_code_is_provoked_with_its_table_status() {
    let mut cases = Cases::default();
    let raw = open(EmulatorConfig {
        quota: 5,
        fleet_cluster_limit: 2,
        max_body: 64 * 1024,
        max_unauthenticated_body: 64 * 1024,
        ..Default::default()
    })
    .await;

    // Requests and headers.
    let a = raw.get("/v1/clusters/not-a-uuid").await;
    cases.check("UCS.00000011", "GET /v1/clusters/not-a-uuid", &a);
    let a = raw.post("/v1/clusters", json!({"kind": "Cluster"})).await;
    cases.check("UCS.00000012", "POST /v1/clusters without metadata", &a);
    let body = Some(("text/plain", cluster_body("plain").to_string()));
    let a = send_with(&raw, "POST", "/v1/clusters", &[], body).await;
    cases.check("UCS.00000016", "POST /v1/clusters as text/plain", &a);
    let a = send_with(
        &raw,
        "GET",
        "/v1/clusters",
        &[("X-Domain-Id", "not an id!")],
        None,
    )
    .await;
    cases.check(
        "UCS.00000016",
        "GET /v1/clusters, X-Domain-Id `not an id!`",
        &a,
    );
    let a = raw
        .get("/v5/someotherproject/container/kubernetes/multi-cloud/clusters")
        .await;
    cases.check("UCS.01000004", "GET /v5/{another project}/.../clusters", &a);
    // The one answer whose status is not its code's: a body over the limit is refused at the
    // HTTP level, before it is read.
    let huge = Some(("application/json", " ".repeat(65 * 1024)));
    let a = send_with(&raw, "POST", "/v1/clusters", &[], huge).await;
    assert_eq!((a.status, a.code()), (413, "UCS.00000012"), "{}", a.body);
    let a = raw.get("/v1/nothing-here").await;
    cases.check("UCS.01000013", "GET /v1/nothing-here", &a);
    let a = raw.delete("/v1/clusters").await;
    cases.check("UCS.01000013", "DELETE /v1/clusters (no such method)", &a);
    let a = raw.delete("/v1/permissions/rules/nope").await;
    cases.check("UCS.01000013", "DELETE /v1/permissions/rules/nope", &a);

    // Clusters.
    let a = raw.get(&format!("/v1/clusters/{MISSING_CLUSTER}")).await;
    cases.check("UCS.01030001", "GET /v1/clusters/{missing}", &a);
    let c1 = raw.cluster("c1").await;
    let a = raw.post("/v1/clusters", cluster_body("c1")).await;
    cases.check("UCS.01030003", "POST /v1/clusters, name taken", &a);
    let mut eks = cluster_body("eks");
    eks["spec"]["type"] = json!("eks");
    let a = raw.post("/v1/clusters", eks).await;
    cases.check(
        "UCS.01030011",
        "POST /v1/clusters, type eks from privatek8s",
        &a,
    );
    for (what, kubeconfig) in [
        ("unparseable", "clusters: [\n  - {"),
        ("a scalar", "just-a-string"),
        (
            "clusters not a list",
            "{\"kind\": \"Config\", \"clusters\": 3}",
        ),
    ] {
        let mut bad = cluster_body("badkc");
        bad["metadata"]["annotations"] = json!({ "kubeconfig": kubeconfig });
        let a = raw.post("/v1/clusters", bad).await;
        assert!(!a.body.to_string().contains(kubeconfig), "{}", a.body);
        cases.check(
            "UCS.01030008",
            &format!("POST /v1/clusters, kubeconfig {what}"),
            &a,
        );
    }
    let update = json!({"kind": "Cluster", "apiVersion": "v1",
        "metadata": {"annotations": {"kubeconfig": "[not, a, mapping]"}}});
    let a = raw.put(&format!("/v1/clusters/{c1}"), update).await;
    cases.check(
        "UCS.01030008",
        "PUT /v1/clusters/{id}, kubeconfig a list",
        &a,
    );
    // CCE clusters are imported: the UID or name must be one of the account's CCE clusters
    // (GET /v1/managedclusters), and what else is given must be that cluster's.
    let cce = |name: &str, uid: Option<&str>, project: Option<&str>| {
        let mut b = cluster_body(name);
        b["spec"]["category"] = json!("self");
        b["spec"]["type"] = json!("cce");
        b["spec"]["provider"] = json!("huaweicloud");
        if let Some(uid) = uid {
            b["metadata"]["UID"] = json!(uid);
        }
        if let Some(project) = project {
            b["spec"]["projectID"] = json!(project);
        }
        b
    };
    let a = raw
        .post("/v1/clusters", cce("cce-prod", Some(MISSING_CLUSTER), None))
        .await;
    cases.check(
        "UCS.01030010",
        "POST /v1/clusters, CCE UID not the account's",
        &a,
    );
    let a = raw
        .post("/v1/clusters", cce("cce-nowhere", None, None))
        .await;
    cases.check(
        "UCS.01030010",
        "POST /v1/clusters, CCE name not the account's",
        &a,
    );
    let a = raw
        .post("/v1/clusters", cce("cce-staging", Some(CCE_PROD), None))
        .await;
    cases.check(
        "UCS.01030012",
        "POST /v1/clusters, CCE UID of cce-prod with the name cce-staging",
        &a,
    );
    let a = raw
        .post(
            "/v1/clusters",
            cce("cce-prod", Some(CCE_PROD), Some("another-project")),
        )
        .await;
    cases.check(
        "UCS.01030012",
        "POST /v1/clusters, CCE cluster with another projectID",
        &a,
    );
    let mut good = cluster_body("goodkc");
    good["metadata"]["annotations"] =
        json!({"kubeconfig": "apiVersion: v1\nkind: Config\nclusters: []\n"});
    assert_eq!(raw.post("/v1/clusters", good).await.status, 201);

    // Frozen clusters are readable, not changeable.
    let c2 = raw.cluster("c2").await;
    let frozen = raw
        .post(&format!("/_emulator/clusters/{c2}/freeze"), json!({}))
        .await;
    assert_eq!(frozen.status, 200, "{}", frozen.body);
    assert_eq!(raw.get(&format!("/v1/clusters/{c2}")).await.status, 200);
    let a = raw
        .put(
            &format!("/v1/clusters/{c2}"),
            json!({"kind": "Cluster", "apiVersion": "v1"}),
        )
        .await;
    cases.check("UCS.01030016", "PUT /v1/clusters/{frozen}", &a);
    let a = raw.delete(&format!("/v1/clusters/{c2}")).await;
    cases.check("UCS.01030016", "DELETE /v1/clusters/{frozen}", &a);
    let a = raw
        .post(
            "/v1/clustergroups",
            json!({"metadata": {"name": "icy"}, "spec": {"clusterIds": [c2]}}),
        )
        .await;
    cases.check(
        "UCS.01030016",
        "POST /v1/clustergroups with a frozen cluster",
        &a,
    );
    let thawed = raw
        .post(&format!("/_emulator/clusters/{c2}/unfreeze"), json!({}))
        .await;
    assert_eq!(thawed.status, 200, "{}", thawed.body);
    assert_eq!(raw.delete(&format!("/v1/clusters/{c2}")).await.status, 200);

    // Fleets.
    let a = raw.get("/v1/clustergroups/nope").await;
    cases.check("UCS.01100005", "GET /v1/clustergroups/nope", &a);
    let f1 = raw.fleet("f1", &[c1.as_str()]).await;
    let a = raw
        .post("/v1/clustergroups", json!({"metadata": {"name": "f1"}}))
        .await;
    cases.check("UCS.01100004", "POST /v1/clustergroups, name taken", &a);
    let f2 = raw.fleet("f2", &[]).await;
    // One condition, one code: a cluster in another fleet, whichever way it is added.
    let a = raw
        .post(
            "/v1/clustergroups",
            json!({"metadata": {"name": "f3"}, "spec": {"clusterIds": [c1]}}),
        )
        .await;
    cases.check(
        "UCS.01100002",
        "POST /v1/clustergroups with a cluster of f1",
        &a,
    );
    let a = raw
        .put(
            &format!("/v1/clustergroups/{f2}/associatedclusters"),
            json!({"clusterIds": [c1]}),
        )
        .await;
    cases.check(
        "UCS.01100002",
        "PUT /v1/clustergroups/{f2}/associatedclusters, a cluster of f1",
        &a,
    );
    let a = raw
        .post(
            &format!("/v1/clusters/{c1}/join"),
            json!({"clusterGroupID": f2}),
        )
        .await;
    cases.check("UCS.01100002", "POST /v1/clusters/{of f1}/join f2", &a);
    let unknown = json!({"ruleIDNamespaces": [{"ruleIDs": ["nope"], "namespaces": ["default"]}]});
    let a = raw
        .put(&format!("/v1/clustergroups/{f1}/associatedrules"), unknown)
        .await;
    cases.check(
        "UCS.01100003",
        "PUT /v1/clustergroups/{id}/associatedrules, unknown rule",
        &a,
    );
    let a = raw.delete(&format!("/v1/clustergroups/{f1}")).await;
    cases.check(
        "UCS.01100007",
        "DELETE /v1/clustergroups/{fleet with clusters}",
        &a,
    );
    // The limit is 2 here; a refused request changes nothing.
    let c3 = raw.cluster("c3").await;
    let c4 = raw.cluster("c4").await;
    let a = raw
        .put(
            &format!("/v1/clustergroups/{f1}/associatedclusters"),
            json!({"clusterIds": [c3, c4]}),
        )
        .await;
    cases.check(
        "UCS.01100006",
        "PUT associatedclusters, 3 clusters over a limit of 2",
        &a,
    );
    let members = raw.get(&format!("/v1/clusters?clustergroupid={f1}")).await;
    assert_eq!(members.body["total"], 1, "{}", members.body);
    let fleet_full = raw
        .post(
            &format!("/v1/clusters/{c3}/join"),
            json!({"clusterGroupID": f1}),
        )
        .await;
    assert_eq!(fleet_full.status, 200, "{}", fleet_full.body);
    let a = raw
        .post(
            &format!("/v1/clusters/{c4}/join"),
            json!({"clusterGroupID": f1}),
        )
        .await;
    cases.check(
        "UCS.01100006",
        "POST /v1/clusters/{id}/join a full fleet",
        &a,
    );
    let mut into_full = cluster_body("c5");
    into_full["spec"]["clusterGroupID"] = json!(f1);
    into_full["spec"]["manageType"] = json!("grouped");
    let a = raw.post("/v1/clusters", into_full).await;
    cases.check("UCS.01100006", "POST /v1/clusters into a full fleet", &a);
    let a = raw
        .post(
            "/v1/clustergroups",
            json!({"metadata": {"name": "big"}, "spec": {"clusterIds": [c4, c4]}}),
        )
        .await;
    assert_eq!(
        a.status, 201,
        "a cluster listed twice counts once: {}",
        a.body
    );
    let mut refused = None;
    for i in 0..10 {
        let a = raw
            .post(
                "/v1/clustergroups",
                json!({"metadata": {"name": format!("q{i}")}}),
            )
            .await;
        if a.status != 201 {
            refused = Some(a);
            break;
        }
    }
    let a = refused.expect("the quota of fleets is reached");
    cases.check(
        "UCS.01000017",
        "POST /v1/clustergroups over a quota of 5",
        &a,
    );

    // Federation.
    let enable = format!("/v1/clustergroups/{f2}/federations");
    let a = raw.get(&format!("{enable}/progress")).await;
    cases.check(
        "UCS.01080006",
        "GET /v1/clustergroups/{not federated}/federations/progress",
        &a,
    );
    assert_eq!(raw.send("POST", &enable, None).await.status, 201);
    let a = raw.send("POST", &enable, None).await;
    cases.check("UCS.01080002", "POST federations twice", &a);
    let a = raw
        .send("DELETE", &format!("/v1/clustergroups/{f2}"), None)
        .await;
    cases.check("UCS.01080002", "DELETE a federated fleet", &a);
    let download = format!("/v1/clustergroups/{f2}/kubeconfig");
    let a = raw.post(&download, json!({"duration": 1})).await;
    cases.check(
        "UCS.01080001",
        "POST kubeconfig of a federation without a connection",
        &a,
    );
    let connection = raw
        .post(
            &format!("/v1/clustergroups/{f2}/connection"),
            json!({"projectID": "p", "vpcID": "v", "subnetID": "s"}),
        )
        .await;
    assert_eq!(connection.status, 201, "{}", connection.body);
    let a = raw.post(&download, json!({"duration": 1})).await;
    assert_eq!(a.status, 201, "with a connection: {}", a.body);
    let set = raw
        .put(
            "/_emulator/faults",
            json!({"federation_failure": "CreateCert"}),
        )
        .await;
    assert_eq!(set.status, 200, "{}", set.body);
    let failing = format!("/v1/clustergroups/{f1}/federations");
    assert_eq!(raw.send("POST", &failing, None).await.status, 201);
    let a = raw
        .post(
            &format!("/v1/clustergroups/{f1}/kubeconfig"),
            json!({"duration": 1}),
        )
        .await;
    cases.check("UCS.01080003", "POST kubeconfig of a failed federation", &a);
    let a = raw
        .send("POST", &format!("{failing}?retryjoinall=true"), None)
        .await;
    cases.check(
        "UCS.01080005",
        "POST federations?retryjoinall=true on a failed federation",
        &a,
    );
    let retried = raw
        .send("POST", &format!("{enable}?retryjoinall=true"), None)
        .await;
    assert_eq!(retried.status, 201, "{}", retried.body);
    raw.emu.shutdown().await;

    // A federation still being set up.
    let emu = ucs_emulator::start(EmulatorConfig {
        auth: AuthMode::None,
        federation_duration: Duration::from_secs(3600),
        ..Default::default()
    })
    .await
    .expect("starts");
    let slow = Raw {
        base: emu.base_url(),
        emu,
        http: reqwest::Client::new(),
    };
    let fleet = slow.fleet("slow", &[]).await;
    assert_eq!(
        slow.send(
            "POST",
            &format!("/v1/clustergroups/{fleet}/federations"),
            None
        )
        .await
        .status,
        201
    );
    let a = slow
        .post(
            &format!("/v1/clustergroups/{fleet}/kubeconfig"),
            json!({"duration": 1}),
        )
        .await;
    cases.check("UCS.01080001", "POST kubeconfig while federation runs", &a);
    let a = slow
        .send(
            "DELETE",
            &format!("/v1/clustergroups/{fleet}/federations"),
            None,
        )
        .await;
    cases.check(
        "UCS.01080001",
        "DELETE federations while federation runs",
        &a,
    );
    // Policy jobs take as long: a target whose engine is being installed is busy.
    let cluster = slow.cluster("busy").await;
    for (target, shown, code) in [
        (
            format!("/v1/clusters/{cluster}/policy"),
            "/v1/clusters/{id}/policy",
            "UCS.01130005",
        ),
        (
            format!("/v1/clustergroups/{fleet}/policy"),
            "/v1/clustergroups/{id}/policy",
            "UCS.01130006",
        ),
    ] {
        let started = slow.send("POST", &target, None).await;
        assert!((200..300).contains(&started.status), "{}", started.body);
        let a = slow.send("DELETE", &target, None).await;
        cases.check(
            code,
            &format!("DELETE {shown} while its policy job runs"),
            &a,
        );
    }

    // Faults: the throttle and server error the emulator injects.
    let set = slow
        .put("/_emulator/faults", json!({"throttle_rate": 1.0}))
        .await;
    assert_eq!(set.status, 200, "{}", set.body);
    let a = slow.get("/v1/clusters").await;
    cases.check("UCS.01000002", "GET /v1/clusters with throttle_rate 1", &a);
    slow.put("/_emulator/faults", json!({"error_rate": 1.0}))
        .await;
    let a = slow.get("/v1/clusters").await;
    cases.check("UCS.01000006", "GET /v1/clusters with error_rate 1", &a);
    slow.put("/_emulator/faults", json!({})).await;
    slow.emu.shutdown().await;

    // The cluster lifecycle: agents connect through the control endpoint only.
    let strict = open(EmulatorConfig {
        auto_connect: false,
        ..Default::default()
    })
    .await;
    let pending = strict.cluster("pending").await;
    let fleet = strict.fleet("lifecycle", &[]).await;
    let a = strict
        .post(
            &format!("/v1/clusters/{pending}/join"),
            json!({"clusterGroupID": fleet}),
        )
        .await;
    cases.check(
        "UCS.01030004",
        "POST /v1/clusters/{never connected}/join",
        &a,
    );
    let a = strict
        .post(
            "/v1/clustergroups",
            json!({"metadata": {"name": "early"}, "spec": {"clusterIds": [pending]}}),
        )
        .await;
    cases.check(
        "UCS.01030004",
        "POST /v1/clustergroups with a never-connected cluster",
        &a,
    );
    let a = strict
        .put(
            &format!("/v1/clustergroups/{fleet}/associatedclusters"),
            json!({"clusterIds": [pending]}),
        )
        .await;
    cases.check(
        "UCS.01030004",
        "PUT associatedclusters, a never-connected cluster",
        &a,
    );
    let connect = format!("/_emulator/clusters/{pending}/connect");
    assert_eq!(strict.post(&connect, json!({})).await.status, 200);
    let joined = strict
        .post(
            &format!("/v1/clusters/{pending}/join"),
            json!({"clusterGroupID": fleet}),
        )
        .await;
    assert_eq!(joined.status, 200, "{}", joined.body);
    let disconnect = format!("/_emulator/clusters/{pending}/disconnect");
    assert_eq!(strict.post(&disconnect, json!({})).await.status, 200);
    let federate = format!("/v1/clustergroups/{fleet}/federations");
    let a = strict.send("POST", &federate, None).await;
    cases.check(
        "UCS.01030004",
        "POST federations with a disconnected member",
        &a,
    );
    assert_eq!(strict.post(&connect, json!({})).await.status, 200);
    let set = strict
        .put(
            "/_emulator/faults",
            json!({"federation_failure": "Validation"}),
        )
        .await;
    assert_eq!(set.status, 200, "{}", set.body);
    let a = strict.send("POST", &federate, None).await;
    cases.check(
        "UCS.01080004",
        "POST federations with federation_failure Validation",
        &a,
    );
    strict.put("/_emulator/faults", json!({})).await;
    assert_eq!(strict.send("POST", &federate, None).await.status, 201);
    assert_eq!(strict.post(&disconnect, json!({})).await.status, 200);
    let a = strict
        .send("POST", &format!("{federate}?retryjoinall=true"), None)
        .await;
    cases.check(
        "UCS.01080007",
        "POST federations?retryjoinall=true, a member disconnected",
        &a,
    );
    assert_eq!(strict.post(&connect, json!({})).await.status, 200);
    let retried = strict
        .send("POST", &format!("{federate}?retryjoinall=true"), None)
        .await;
    assert_eq!(retried.status, 201, "{}", retried.body);
    // Quotas: changing the quota in force is validated.
    strict.cluster("second").await;
    for (what, body) in [
        ("zero", json!({"quota": 0})),
        ("not a number", json!({"quota": "many"})),
        ("below what the account holds", json!({"quota": 1})),
        ("an unknown field", json!({"quota": 10, "clusters": 10})),
    ] {
        let a = strict.put("/_emulator/quota", body).await;
        cases.check("UCS.01000018", &format!("PUT /_emulator/quota, {what}"), &a);
    }
    let raised = strict.put("/_emulator/quota", json!({"quota": 2})).await;
    assert_eq!(raised.body["quota"], 2, "{}", raised.body);
    let a = strict.post("/v1/clusters", cluster_body("third")).await;
    assert_eq!(
        (a.status, a.code()),
        (400, "UCS.01000017"),
        "the new quota holds: {}",
        a.body
    );
    assert_eq!(strict.post("/_emulator/reset", json!({})).await.status, 200);
    assert_eq!(strict.get("/_emulator/quota").await.body["quota"], 50);
    strict.emu.shutdown().await;

    // GitOps: not enabled, enabled twice, a config set of a missing repository.
    let git = open(EmulatorConfig::default()).await;
    let gc = git.cluster("gitops").await;
    let a = git.get(&format!("/v1/clusters/{gc}/gitops")).await;
    cases.check("UCS.00060003", "GET gitops status before enabling", &a);
    let enable = format!("/v1/clusters/{gc}/gitops");
    git.post(&enable, json!({})).await;
    let a = git.post(&enable, json!({})).await;
    cases.check("UCS.00060002", "POST gitops twice", &a);
    let set = json!({"name": "web", "namespace": "default", "repoName": "missing",
                     "clusterInfo": {"clusterID": gc}});
    let a = git.post("/v1/configsets", set).await;
    cases.check("UCS.00060001", "POST configsets, missing repository", &a);
    git.emu.shutdown().await;

    // Policy: enabling twice, retrying what did not fail, disabling what is off, per target.
    let raw = open(EmulatorConfig::default()).await;
    let cluster = raw.cluster("guarded").await;
    let fleet = raw.fleet("guarded", &[]).await;
    for (target, retry_code, twice_code, off_code) in [
        (
            format!("/v1/clusters/{cluster}"),
            "UCS.00150001",
            "UCS.00150003",
            "UCS.00150005",
        ),
        (
            format!("/v1/clustergroups/{fleet}"),
            "UCS.00150002",
            "UCS.00150004",
            "UCS.00150006",
        ),
    ] {
        let policy = format!("{target}/policy");
        let a = raw.send("DELETE", &policy, None).await;
        cases.check(
            off_code,
            &format!("DELETE {policy} while policy is off"),
            &a,
        );
        let a = raw
            .send("POST", &format!("{policy}?retry=true"), None)
            .await;
        cases.check(
            retry_code,
            &format!("POST {policy}?retry=true with nothing failed"),
            &a,
        );
        assert!((200..300).contains(&raw.send("POST", &policy, None).await.status));
        let a = raw.send("POST", &policy, None).await;
        cases.check(twice_code, &format!("POST {policy} twice"), &a);
    }
    // A policy instance whose parameters its definition does not declare, per target.
    let repos = json!({"constraintTemplateID": "3b1f9a52-7c0e-4d2a-9f61-0a8e5c2d0002",
                       "parameters": {"labels": []}});
    for (target, shown, code) in [
        (
            format!("/v1/clusters/{cluster}"),
            "/v1/clusters/{id}",
            "UCS.01130003",
        ),
        (
            format!("/v1/clustergroups/{fleet}"),
            "/v1/clustergroups/{id}",
            "UCS.01130004",
        ),
    ] {
        let a = raw
            .post(&format!("{target}/policyinstance"), repos.clone())
            .await;
        cases.check(
            code,
            &format!("POST {shown}/policyinstance, k8sallowedrepos with `labels`"),
            &a,
        );
    }
    // Record sets: the same name, type and line twice in one zone.
    let record = json!({"name": "www.example.com.", "ttl": 60, "records": ["10.0.0.1"],
                        "line": "default_view", "type": "A"});
    let body = Some(("application/json", json!([record, record]).to_string()));
    let zone = [("X-Zone-Project-ID", "project"), ("X-Zone-ID", "zone-a")];
    let a = send_with(&raw, "POST", "/v1/traffic/recordsets", &zone, body).await;
    cases.check(
        "UCS.01050001",
        "POST /v1/traffic/recordsets, a record set twice",
        &a,
    );
    raw.emu.shutdown().await;

    // Authentication.
    let signed = ucs_emulator::start(EmulatorConfig {
        federation_duration: Duration::ZERO,
        ..Default::default()
    })
    .await
    .expect("starts");
    let resp = reqwest::get(format!("{}/v1/clusters", signed.base_url()))
        .await
        .expect("answered");
    let status = resp.status().as_u16();
    let body: Value = resp.json().await.unwrap_or(Value::Null);
    let a = Answer {
        status,
        body,
        request_id: None,
    };
    cases.check("UCS.01000003", "GET /v1/clusters unsigned", &a);
    // A valid token sent with someone else's account id (with checks off, that account is
    // served instead: see tests/auth.rs).
    let login = json!({"auth": {
        "identity": {"methods": ["password"], "password": {"user": {
            "name": ucs_emulator::DEMO_USER, "password": ucs_emulator::DEMO_PASSWORD,
            "domain": {"name": ucs_emulator::DEMO_DOMAIN_NAME}}}},
        "scope": {"domain": {"name": ucs_emulator::DEMO_DOMAIN_NAME}}}});
    let token = reqwest::Client::new()
        .post(format!("{}/v3/auth/tokens", signed.base_url()))
        .json(&login)
        .send()
        .await
        .expect("token");
    let token = token
        .headers()
        .get("x-subject-token")
        .and_then(|v| v.to_str().ok())
        .expect("x-subject-token")
        .to_owned();
    let resp = reqwest::Client::new()
        .get(format!("{}/v1/clusters", signed.base_url()))
        .header("X-Auth-Token", token)
        .header("X-Domain-Id", "someoneelse")
        .send()
        .await
        .expect("answered");
    let a = Answer {
        status: resp.status().as_u16(),
        body: resp.json().await.unwrap_or(Value::Null),
        request_id: None,
    };
    cases.check(
        "UCS.01000004",
        "GET /v1/clusters, token with another X-Domain-Id",
        &a,
    );
    signed.shutdown().await;

    for line in &cases.lines {
        println!("{line}");
    }
    let source = codes_in_source();
    let unprovoked: Vec<&String> = source.difference(&cases.provoked).collect();
    assert!(
        unprovoked.is_empty(),
        "codes the emulator's source can emit without a case here: {unprovoked:?}"
    );
    let stale: Vec<&String> = cases.provoked.difference(&source).collect();
    assert!(
        stale.is_empty(),
        "cases for codes not in the source: {stale:?}"
    );
    for code in &source {
        assert!(
            ucs_sdk::reference::error_code(code).is_some(),
            "{code} is not in reference table 5-1"
        );
    }
    let table: BTreeSet<&str> = ucs_sdk::reference::ERROR_CODES
        .iter()
        .map(|(c, _, _)| *c)
        .collect();
    println!(
        "error codes: {} of {} emitted by the emulator, each provoked by a test",
        cases.provoked.len(),
        table.len()
    );
}

/// docs/emulator-error-codes.md lists every code of table 5-1 once, with its table status, and
/// marks "emitted" exactly the codes the source can emit, so the page cannot drift.
#[test]
fn the_error_code_page_matches_the_table_and_the_source() {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/emulator-error-codes.md");
    let page = std::fs::read_to_string(&path).expect("docs/emulator-error-codes.md");
    let mut rows = std::collections::BTreeMap::new();
    let mut emitted = BTreeSet::new();
    for line in page.lines().filter(|l| l.starts_with("| `")) {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        assert_eq!(cells.len(), 6, "a row has 4 cells: {line}");
        let code = cells[1].trim_matches('`').to_owned();
        let status: u16 = cells[2]
            .parse()
            .unwrap_or_else(|_| panic!("{code}: status {:?}", cells[2]));
        if cells[4].starts_with("emitted: ") {
            emitted.insert(code.clone());
        } else {
            assert!(
                cells[4].starts_with("not emitted: "),
                "{code}: neither emitted nor not emitted: {}",
                cells[4]
            );
        }
        assert!(rows.insert(code.clone(), status).is_none(), "{code} twice");
    }
    let table: std::collections::BTreeMap<String, u16> = ucs_sdk::reference::ERROR_CODES
        .iter()
        .map(|(c, s, _)| ((*c).to_owned(), *s))
        .collect();
    assert_eq!(rows, table, "the page's codes and statuses are table 5-1's");
    let source = codes_in_source();
    let undocumented: Vec<&String> = source.difference(&emitted).collect();
    let unemitted: Vec<&String> = emitted.difference(&source).collect();
    assert!(
        undocumented.is_empty() && unemitted.is_empty(),
        "emitted by the source, not the page: {undocumented:?}; the page only: {unemitted:?}"
    );
}
