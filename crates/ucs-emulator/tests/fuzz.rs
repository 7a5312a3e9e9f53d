//! Emulator fuzzing: random and mutated bodies, queries, headers and ids against every route of
//! the operation catalogue (plus HSS reads, the Karmada gateway and the read-only control
//! endpoints), unsigned and signed. Never a 5xx, a dropped connection or a caught panic, and the
//! state's invariants hold afterwards. `UCS_FUZZ_CASES` (or `UCS_PROPTEST_CASES`) sets the
//! request count (3,000 by default).

use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

use chrono::Utc;
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use serde_json::{json, Map, Value};
use ucs_emulator::{AuthMode, Emulator, EmulatorConfig, DEMO_AK, DEMO_PROJECT_ID, DEMO_SK};
use ucs_sdk::auth::signer::{authorization, encode_component, format_sdk_date, SignableRequest};

/// The committed seed: every run sends the same requests.
const SEED: [u8; 32] = *b"ucs-emulator-fuzz-seed-2026-12-1";
const DEFAULT_CASES: u32 = 3000;
const QUOTA: usize = 12;

/// One route: method, path template with `{placeholders}`, body model.
#[derive(Debug, Clone)]
struct Route {
    method: &'static str,
    path: String,
    body: Option<&'static str>,
}

fn routes() -> Vec<Route> {
    // The operation table (its `iam` rows are the IAM calls the emulator also serves).
    let mut routes: Vec<Route> = ucs_models::operations::Operation::ALL
        .iter()
        .map(|op| op.info())
        .map(|info| Route {
            method: info.method,
            path: info.path.to_owned(),
            body: info.body,
        })
        .collect();
    // What the emulator serves beyond the SDK's operations.
    let hss = "/v5/{project_id}/container/kubernetes/multi-cloud/clusters";
    let cms = "/karmada/{fleet}/api/v1/namespaces/{ns}/configmaps";
    let extra: &[(&'static str, String, Option<&'static str>)] = &[
        ("GET", hss.to_owned(), None),
        ("GET", format!("{hss}/{{cluster_id}}"), None),
        ("DELETE", format!("{hss}/{{cluster_id}}"), None),
        ("GET", "/karmada/{fleet}".to_owned(), None),
        ("GET", "/karmada/{fleet}/version".to_owned(), None),
        ("GET", cms.to_owned(), None),
        ("POST", cms.to_owned(), Some("KubeObject")),
        ("DELETE", cms.to_owned(), None),
        ("GET", format!("{cms}/{{name}}"), None),
        ("PUT", format!("{cms}/{{name}}"), Some("KubeObject")),
        ("PATCH", format!("{cms}/{{name}}"), Some("KubeObject")),
        ("DELETE", format!("{cms}/{{name}}"), None),
        (
            "POST",
            "/karmada/{fleet}/apis/apps/v1/namespaces/{ns}/deployments".to_owned(),
            Some("KubeObject"),
        ),
        ("GET", "/_emulator/state".to_owned(), None),
        ("GET", "/_emulator/log".to_owned(), None),
        ("GET", "/_emulator/faults".to_owned(), None),
    ];
    for (method, path, body) in extra {
        routes.push(Route {
            method,
            path: path.clone(),
            body: *body,
        });
    }
    routes
}

/// How a path placeholder is filled.
#[derive(Debug, Clone)]
enum Id {
    /// One of the records created so far (or the demo project).
    Known(usize),
    /// Anything.
    Raw(String),
}

#[derive(Debug, Clone)]
enum Change {
    /// An object or array in the document becomes this scalar (type confusion).
    Flatten(Value),
    Replace(Value),
    Remove,
    Insert(String, Value),
}

#[derive(Debug, Clone)]
enum BodyPick {
    None,
    Template,
    Mutated(Vec<(usize, Change)>),
    Json(Value),
    Bytes(Vec<u8>),
}

#[derive(Debug, Clone)]
struct Req {
    route: usize,
    method: Option<&'static str>,
    ids: Vec<Id>,
    query: Vec<(String, String)>,
    content_type: Option<&'static str>,
    gateway_host: bool,
    body: BodyPick,
    signed: bool,
}

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        prop_oneof![Just(0i64), Just(-1), Just(1), Just(10950), Just(i64::MAX)]
            .prop_map(Value::from),
        any::<f64>().prop_filter_map("finite", |f| serde_json::Number::from_f64(f)
            .map(Value::Number)),
        "\\PC{0,24}".prop_map(Value::from),
        prop_oneof![
            Just(""),
            Just("default"),
            Just("readonly"),
            Just("attachedcluster"),
            Just("privatek8s"),
            Just("CN"),
            Just("110000"),
            Just("a/b"),
            Just("\u{0}"),
        ]
        .prop_map(Value::from),
        (1usize..400).prop_map(|n| Value::from("x".repeat(n))),
    ];
    leaf.prop_recursive(3, 32, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
            prop::collection::btree_map(key(), inner, 0..5)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        prop_oneof![
            Just("metadata"),
            Just("name"),
            Just("spec"),
            Just("kind"),
            Just("uid"),
            Just("clusterIds"),
            Just("ruleIDNamespaces"),
            Just("ruleIDs"),
            Just("namespaces"),
            Just("clusterGroupID"),
            Just("duration"),
            Just("type"),
            Just("labels"),
            Just("dnsSuffix"),
        ]
        .prop_map(str::to_owned),
        "[a-zA-Z_]{1,10}",
    ]
}

fn id() -> impl Strategy<Value = Id> {
    prop_oneof![
        6 => (0usize..64).prop_map(Id::Known),
        1 => "[a-zA-Z0-9._~-]{0,70}".prop_map(Id::Raw),
        1 => prop_oneof![
            Just("%2F"), Just("%00"), Just(".."), Just("%ZZ"), Just("%E2%82"), Just("a%20b"),
            Just("00000000-0000-0000-0000-000000000000"), Just("-1"), Just("😀"),
        ]
        .prop_map(|s| Id::Raw(s.to_owned())),
        1 => (1usize..3000).prop_map(|n| Id::Raw("a".repeat(n))),
    ]
}

fn query() -> impl Strategy<Value = Vec<(String, String)>> {
    let keys = prop_oneof![
        Just("limit"),
        Just("offset"),
        Just("order_by"),
        Just("order"),
        Just("category"),
        Just("enablestatus"),
        Just("clustergroupid"),
        Just("managetype"),
        Just("clusterids"),
        Just("retryjoinall"),
        Just("name"),
        Just("enterprise_project_id"),
        Just("type"),
    ]
    .prop_map(str::to_owned);
    let values = prop_oneof![
        prop_oneof![
            Just("-1"),
            Just("0"),
            Just("1"),
            Just("10001"),
            Just("99999999999999999999"),
            Just("true"),
            Just("false"),
            Just("asc"),
            Just("update_at"),
            Just("all"),
            Just(""),
            Just("a,b,,c"),
        ]
        .prop_map(str::to_owned),
        "\\PC{0,16}",
    ];
    prop::collection::vec((prop_oneof![keys, "[a-z_]{1,8}"], values), 0..4)
}

fn request(route_count: usize) -> impl Strategy<Value = Req> {
    let method = prop_oneof![
        8 => Just(None),
        1 => prop_oneof![
            Just("GET"), Just("POST"), Just("PUT"), Just("PATCH"), Just("DELETE"), Just("HEAD"),
            Just("OPTIONS"),
        ]
        .prop_map(Some),
    ];
    let content_type = prop_oneof![
        6 => Just(Some("application/json")),
        1 => Just(Some("application/json; charset=utf-8")),
        1 => Just(Some("text/plain")),
        1 => Just(None),
    ];
    let scalar = prop_oneof![
        Just(json!(5)),
        Just(json!("x")),
        Just(Value::Null),
        Just(json!(true)),
        Just(json!(-1.5)),
    ];
    let change = prop_oneof![
        2 => scalar.prop_map(Change::Flatten),
        3 => json_value().prop_map(Change::Replace),
        1 => Just(Change::Remove),
        1 => (key(), json_value()).prop_map(|(k, v)| Change::Insert(k, v)),
    ];
    let body = prop_oneof![
        2 => Just(BodyPick::None),
        4 => Just(BodyPick::Template),
        4 => prop::collection::vec((any::<usize>(), change), 1..4).prop_map(BodyPick::Mutated),
        1 => json_value().prop_map(BodyPick::Json),
        1 => prop::collection::vec(any::<u8>(), 0..64).prop_map(BodyPick::Bytes),
    ];
    (
        0..route_count,
        method,
        prop::collection::vec(id(), 3),
        query(),
        content_type,
        prop::bool::weighted(0.05),
        body,
        prop::bool::weighted(0.3),
    )
        .prop_map(
            |(route, method, ids, query, content_type, gateway_host, body, signed)| Req {
                route,
                method,
                ids,
                query,
                content_type,
                gateway_host,
                body,
                signed,
            },
        )
}

/// Records alive on one emulator, to aim ids and bodies at real things.
#[derive(Default)]
struct Pool {
    clusters: Vec<String>,
    fleets: Vec<String>,
    fleet_names: BTreeMap<String, String>,
    federated: Vec<String>,
    rules: Vec<String>,
    hss: Vec<String>,
}

fn pick(list: &[String], i: usize, fallback: &str) -> String {
    if list.is_empty() {
        fallback.to_owned()
    } else {
        list[i % list.len()].clone()
    }
}

impl Pool {
    fn fill(&self, placeholder: &str, id: &Id) -> String {
        let i = match id {
            Id::Known(i) => *i,
            Id::Raw(raw) => return raw.clone(),
        };
        let uuid = "5c6b1f8e-3a2d-4c1b-9e8f-7a6b5c4d3e2f";
        match placeholder {
            "clusterid" => pick(&self.clusters, i, uuid),
            "clustergroupid" => pick(&self.fleets, i, uuid),
            "ruleid" => pick(&self.rules, i, uuid),
            "cluster_id" => pick(&self.hss, i, uuid),
            "fleet" => pick(&self.federated, i, "nofleet"),
            "project_id" => DEMO_PROJECT_ID.to_owned(),
            "ns" => ["default", "kube-system", "team-a"][i % 3].to_owned(),
            "name" => ["cm", "cm", "web"][i % 3].to_owned(),
            _ => placeholder.to_owned(),
        }
    }

    fn template(&self, model: &str, n: usize) -> Value {
        let cluster = pick(&self.clusters, n, "5c6b1f8e-3a2d-4c1b-9e8f-7a6b5c4d3e2f");
        let fleet = pick(&self.fleets, n, "nofleet");
        let rule = pick(&self.rules, n, "norule");
        let name = format!("n{}", n % 12);
        let object_name = ["cm", "web", "a.b"][n % 4 / 2];
        match model {
            "RegisterCluster" => json!({
                "kind": "Cluster", "apiVersion": "v1", "metadata": {"name": name},
                "spec": {"category": "attachedcluster", "type": "privatek8s",
                         "provider": "privatek8s", "country": "CN", "city": "110000",
                         "manageType": "discrete"}}),
            "UpdateCluster" => json!({"spec": {"country": "CN", "city": "110000"}}),
            "AssociateRules" => {
                json!({"ruleIDNamespaces": [{"ruleIDs": [rule], "namespaces": ["default"]}]})
            }
            "JoinFleet" => json!({"clusterGroupID": fleet}),
            "RegisterFleet" if n % 2 == 0 => json!({"metadata": {"name": name}}),
            "RegisterFleet" => json!({"metadata": {"name": name},
                                       "spec": {"description": "d", "clusterIds": [cluster]}}),
            "IamToken" => json!({"auth": {"identity": {"methods": ["password"], "password": {
                "user": {"name": ucs_emulator::DEMO_USER, "password": ucs_emulator::DEMO_PASSWORD,
                         "domain": {"name": ucs_emulator::DEMO_DOMAIN_NAME}}}}}}),
            "AddClusters" => json!({"clusterIds": [cluster]}),
            "UpdateDescription" => json!({"description": "fuzzed"}),
            "UpdateZones" => json!({"dnsSuffix": ["svc.local"]}),
            "FederationKubeconfigRequest" => {
                json!({"projectID": "p", "vpcID": "v", "subnetID": "s", "duration": 1})
            }
            "FederationConnectionRequest" => {
                json!({"projectID": "p", "vpcID": "v", "subnetID": "s"})
            }
            "DownloadKubeconfigRequest" => json!({"duration": 30}),
            "CreateRule" => json!({"metadata": {"name": name},
                                    "spec": {"type": "readonly", "iamUserIDs": ["u1"]}}),
            "UpdateRule" => json!({"spec": {"type": "admin", "iamUserIDs": ["u2"]}}),
            "CreateMulticloudCluster" => json!({"name": name, "provider": "aws",
                                                 "image_repo_password": "secret"}),
            "KubeObject" => json!({"apiVersion": "v1", "kind": "ConfigMap",
                                    "metadata": {"name": object_name},
                                    "data": {"k": "v"}}),
            _ => json!({}),
        }
    }

    /// Follows what a successful answer created or deleted.
    fn learn(
        &mut self,
        method: &str,
        route: &Route,
        filled: &[String],
        body: &Value,
        sent: &Value,
    ) {
        let uid = body["uid"]
            .as_str()
            .or_else(|| body["cluster_id"].as_str())
            .map(str::to_owned);
        let first = filled.first().cloned().unwrap_or_default();
        let forget = |list: &mut Vec<String>, id: &str| list.retain(|x| x != id);
        match (method, route.path.as_str()) {
            ("POST", "/v1/clusters") => self.clusters.extend(uid),
            ("DELETE", "/v1/clusters/{clusterid}") => forget(&mut self.clusters, &first),
            ("POST", "/v1/clustergroups") => {
                if let (Some(uid), Some(name)) = (uid, sent["metadata"]["name"].as_str()) {
                    self.fleet_names.insert(uid.clone(), name.to_owned());
                    self.fleets.push(uid);
                }
            }
            ("DELETE", "/v1/clustergroups/{clustergroupid}") => {
                forget(&mut self.fleets, &first);
                if let Some(name) = self.fleet_names.remove(&first) {
                    forget(&mut self.federated, &name);
                }
            }
            ("POST", "/v1/clustergroups/{clustergroupid}/federations") => {
                if let Some(name) = self.fleet_names.get(&first) {
                    self.federated.push(name.clone());
                }
            }
            ("DELETE", "/v1/clustergroups/{clustergroupid}/federations") => {
                if let Some(name) = self.fleet_names.get(&first).cloned() {
                    forget(&mut self.federated, &name);
                }
            }
            ("POST", "/v1/permissions/rules") => self.rules.extend(uid),
            ("DELETE", "/v1/permissions/rules/{ruleid}") => forget(&mut self.rules, &first),
            ("POST", p) if p.starts_with("/v5/") => self.hss.extend(uid),
            ("DELETE", p) if p.starts_with("/v5/") => {
                let last = filled.last().cloned().unwrap_or_default();
                forget(&mut self.hss, &last)
            }
            _ => {}
        }
    }
}

fn json_paths(value: &Value, at: String, out: &mut Vec<String>) {
    out.push(at.clone());
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                json_paths(
                    v,
                    format!("{at}/{}", k.replace('~', "~0").replace('/', "~1")),
                    out,
                );
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                json_paths(v, format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

fn mutate(mut doc: Value, changes: &[(usize, Change)]) -> Value {
    for (selector, change) in changes {
        let mut paths = Vec::new();
        json_paths(&doc, String::new(), &mut paths);
        if let Change::Flatten(v) = change {
            // Only containers below the root: the root itself is covered by Replace.
            paths.retain(|p| {
                !p.is_empty()
                    && doc
                        .pointer(p)
                        .is_some_and(|n| n.is_object() || n.is_array())
            });
            if let Some(path) = paths.get(selector % paths.len().max(1)) {
                if let Some(slot) = doc.pointer_mut(path) {
                    *slot = v.clone();
                }
            }
            continue;
        }
        let path = paths[selector % paths.len()].clone();
        match change {
            Change::Flatten(_) => {}
            Change::Replace(v) => match doc.pointer_mut(&path) {
                Some(slot) => *slot = v.clone(),
                None => doc = v.clone(),
            },
            Change::Remove => {
                let (parent, last) = path.rsplit_once('/').unwrap_or(("", ""));
                match doc.pointer_mut(parent) {
                    Some(Value::Object(map)) => {
                        map.remove(&last.replace("~1", "/").replace("~0", "~"));
                    }
                    Some(Value::Array(items)) => {
                        if let Ok(i) = last.parse::<usize>() {
                            if i < items.len() {
                                items.remove(i);
                            }
                        }
                    }
                    _ => doc = Value::Null,
                }
            }
            Change::Insert(k, v) => match doc.pointer_mut(&path) {
                Some(Value::Object(map)) => {
                    map.insert(k.clone(), v.clone());
                }
                Some(Value::Array(items)) => items.push(v.clone()),
                _ => {}
            },
        }
    }
    doc
}

struct Target {
    emu: Emulator,
    pool: Pool,
    signed: bool,
    /// An IAM token for the gateway's bearer on the signed emulator.
    bearer: String,
}

#[derive(Default)]
struct Figures {
    requests: usize,
    server_errors: Vec<String>,
    dropped: Vec<String>,
    statuses: BTreeMap<u16, usize>,
    /// Routes that answered 2xx at least once.
    succeeded: BTreeSet<usize>,
}

fn percent_decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s)
        .decode_utf8_lossy()
        .into_owned()
}

async fn send(
    http: &reqwest::Client,
    target: &mut Target,
    routes: &[Route],
    req: &Req,
    figures: &mut Figures,
) {
    let route = &routes[req.route];
    let mut path = String::new();
    let mut ids = req.ids.iter();
    let mut filled = Vec::new();
    for piece in route.path.split_inclusive(['{', '}']) {
        if let Some(name) = piece.strip_suffix('}') {
            let id = ids.next().cloned().unwrap_or(Id::Known(0));
            let value = target.pool.fill(name, &id);
            path.push_str(&value);
            filled.push(value);
        } else {
            path.push_str(piece.trim_end_matches('{'));
        }
    }
    let base = target.emu.base_url();
    let query: String = req
        .query
        .iter()
        .map(|(k, v)| format!("{}={}", encode_component(k), encode_component(v)))
        .collect::<Vec<_>>()
        .join("&");
    let raw_url = if query.is_empty() {
        format!("{base}{path}")
    } else {
        format!("{base}{path}?{query}")
    };
    let Ok(url) = reqwest::Url::parse(&raw_url) else {
        return;
    };
    let method = req.method.unwrap_or(route.method);
    let n = req
        .ids
        .iter()
        .map(|i| match i {
            Id::Known(k) => *k,
            Id::Raw(r) => r.len(),
        })
        .sum::<usize>();
    let model = match route.path.as_str() {
        "/v3/auth/tokens" => Some("IamToken"),
        _ => route.body,
    };
    let template = model.map(|model| target.pool.template(model, n));
    let (body, sent_json): (Vec<u8>, Value) = match (&req.body, &template) {
        (BodyPick::None, _) => (Vec::new(), Value::Null),
        (BodyPick::Template, Some(t)) => (serde_json::to_vec(t).unwrap_or_default(), t.clone()),
        (BodyPick::Mutated(changes), Some(t)) => {
            let doc = mutate(t.clone(), changes);
            (serde_json::to_vec(&doc).unwrap_or_default(), doc)
        }
        (BodyPick::Template | BodyPick::Mutated(_), None) => (Vec::new(), Value::Null),
        (BodyPick::Json(v), _) => (serde_json::to_vec(v).unwrap_or_default(), v.clone()),
        (BodyPick::Bytes(b), _) => (b.clone(), Value::Null),
    };
    let mut headers: Vec<(String, String)> = Vec::new();
    if let Some(ct) = req.content_type.filter(|_| !body.is_empty()) {
        headers.push(("Content-Type".into(), ct.into()));
    }
    if req.gateway_host {
        let fleet = target.pool.fill("fleet", &Id::Known(n));
        headers.push((
            "Host".into(),
            format!("{fleet}.fleet.ucs.cn-north-4-dev.myhuaweicloud.com"),
        ));
    }
    if path.starts_with("/karmada/") || req.gateway_host {
        headers.push(("Authorization".into(), format!("Bearer {}", target.bearer)));
    } else if target.signed && req.signed {
        let host = url.host_str().unwrap_or_default().to_owned();
        let host = format!("{host}:{}", url.port().unwrap_or(80));
        let date = format_sdk_date(Utc::now());
        let mut signed = headers.clone();
        signed.push(("Host".into(), host));
        signed.push(("X-Sdk-Date".into(), date.clone()));
        let pairs: Vec<(String, String)> = url
            .query()
            .unwrap_or_default()
            .split('&')
            .filter(|p| !p.is_empty())
            .map(|p| {
                let (k, v) = p.split_once('=').unwrap_or((p, ""));
                (percent_decode(k), percent_decode(v))
            })
            .collect();
        let auth = authorization(
            DEMO_AK,
            DEMO_SK,
            &SignableRequest {
                method,
                path: url.path(),
                query: &pairs,
                headers: &signed,
                body: &body,
            },
            &date,
        );
        headers.push(("X-Sdk-Date".into(), date));
        headers.push(("Authorization".into(), auth));
    }
    let Ok(reqwest_method) = reqwest::Method::from_bytes(method.as_bytes()) else {
        return;
    };
    let mut builder = http.request(reqwest_method, url.clone());
    for (k, v) in &headers {
        builder = builder.header(k, v);
    }
    if !body.is_empty() {
        builder = builder.body(body);
    }
    figures.requests += 1;
    let what = || format!("{method} {} {req:?}", url.as_str());
    match builder.send().await {
        Err(e) => figures.dropped.push(format!("{}: {e}", what())),
        Ok(resp) => {
            let status = resp.status().as_u16();
            *figures.statuses.entry(status).or_default() += 1;
            let answer: Value = match resp.bytes().await {
                Ok(bytes) => serde_json::from_slice(&bytes).unwrap_or(Value::Null),
                Err(e) => {
                    figures.dropped.push(format!("{} (body): {e}", what()));
                    return;
                }
            };
            if (200..300).contains(&status) {
                figures.succeeded.insert(req.route);
            }
            if status >= 500 {
                figures
                    .server_errors
                    .push(format!("{status} {answer} for {}", what()));
            } else if (200..300).contains(&status) && method == route.method {
                target
                    .pool
                    .learn(method, route, &filled, &answer, &sent_json);
            }
        }
    }
}

/// Counts within quota, names unique per account, every association pointing at a record.
fn check_invariants(state: &Value) -> Vec<String> {
    let mut broken = Vec::new();
    let Some(accounts) = state["accounts"].as_object() else {
        return vec![format!("no accounts in {state}")];
    };
    let empty = Map::new();
    for (domain, account) in accounts {
        let section = |name: &str| account[name].as_object().unwrap_or(&empty);
        let (clusters, fleets, rules) = (section("clusters"), section("fleets"), section("rules"));
        for (what, records) in [("clusters", clusters), ("fleets", fleets), ("rules", rules)] {
            if records.len() > QUOTA {
                broken.push(format!("{domain}: {} {what} over the quota", records.len()));
            }
        }
        for (what, records, key) in [("cluster", clusters, "cluster"), ("fleet", fleets, "fleet")] {
            let mut names = BTreeSet::new();
            for record in records.values() {
                let name = record[key]["metadata"]["name"].as_str().unwrap_or_default();
                if !names.insert(name.to_owned()) {
                    broken.push(format!("{domain}: two {what}s named {name:?}"));
                }
            }
        }
        let fleet_names: BTreeSet<&str> = fleets
            .values()
            .filter_map(|f| f["fleet"]["metadata"]["name"].as_str())
            .collect();
        let rule_refs = |record: &Value, owner: &str, broken: &mut Vec<String>| {
            for assoc in record["rules"].as_array().into_iter().flatten() {
                for rule in assoc["ruleIDs"].as_array().into_iter().flatten() {
                    if !rule.as_str().is_some_and(|r| rules.contains_key(r)) {
                        broken.push(format!("{domain}: {owner} points at missing rule {rule}"));
                    }
                }
            }
        };
        for (id, cluster) in clusters {
            if let Some(fleet) = cluster["cluster"]["spec"]["clusterGroupID"].as_str() {
                if !fleet.is_empty() && !fleets.contains_key(fleet) {
                    broken.push(format!("{domain}: cluster {id} in missing fleet {fleet}"));
                }
            }
            rule_refs(cluster, &format!("cluster {id}"), &mut broken);
        }
        for (id, fleet) in fleets {
            rule_refs(fleet, &format!("fleet {id}"), &mut broken);
        }
        for name in section("karmada").keys() {
            let federated = fleets.values().any(|f| {
                f["fleet"]["metadata"]["name"] == name.as_str() && !f["federation"].is_null()
            });
            if !federated {
                broken.push(format!(
                    "{domain}: Karmada objects of unfederated fleet {name}"
                ));
            }
        }
        for grant in state["gateway_grants"].as_array().into_iter().flatten() {
            if grant["domain_id"] == domain.as_str()
                && !grant["fleet"]
                    .as_str()
                    .is_some_and(|f| fleet_names.contains(f))
            {
                broken.push(format!(
                    "{domain}: a kubeconfig of missing fleet {}",
                    grant["fleet"]
                ));
            }
        }
    }
    broken
}

async fn start(auth: AuthMode, http: &reqwest::Client) -> Target {
    let emu = ucs_emulator::start(EmulatorConfig {
        auth,
        federation_duration: Duration::ZERO,
        quota: QUOTA,
        ..Default::default()
    })
    .await
    .expect("emulator starts");
    let token = http
        .post(format!("{}/v3/auth/tokens", emu.base_url()))
        .json(
            &json!({"auth": {"identity": {"methods": ["password"], "password": {"user": {
            "name": ucs_emulator::DEMO_USER, "password": ucs_emulator::DEMO_PASSWORD,
            "domain": {"name": ucs_emulator::DEMO_DOMAIN_NAME}}}}}}),
        )
        .send()
        .await
        .expect("token");
    let bearer = token
        .headers()
        .get("x-subject-token")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    // A few records to start from, so that deep routes are reached from the first requests.
    let mut pool = Pool::default();
    let base = emu.base_url();
    let post = |path: String, body: Value| {
        let req = http
            .post(format!("{base}{path}"))
            .header("X-Auth-Token", &bearer)
            .bearer_auth(&bearer)
            .json(&body);
        async move {
            let resp = req.send().await.expect("seeded");
            assert!(
                resp.status().is_success(),
                "seeding {path}: {}",
                resp.status()
            );
            resp.json::<Value>().await.unwrap_or_default()["uid"]
                .as_str()
                .unwrap_or_default()
                .to_owned()
        }
    };
    for name in ["seed-a", "seed-b"] {
        let body = pool.template("RegisterCluster", 0);
        let mut body = body;
        body["metadata"]["name"] = json!(name);
        pool.clusters.push(post("/v1/clusters".into(), body).await);
    }
    let fleet = post(
        "/v1/clustergroups".into(),
        json!({"metadata": {"name": "fz"}}),
    )
    .await;
    post(
        format!("/v1/clustergroups/{fleet}/federations"),
        Value::Null,
    )
    .await;
    // Kept out of the id pool, so that its gateway stays open all along.
    let _ = fleet;
    pool.federated.push("fz".into());
    // And one the fuzzed requests may change and delete.
    let fleet = post(
        "/v1/clustergroups".into(),
        json!({"metadata": {"name": "fy"}}),
    )
    .await;
    post(
        format!("/v1/clustergroups/{fleet}/federations"),
        Value::Null,
    )
    .await;
    pool.fleet_names.insert(fleet.clone(), "fy".into());
    pool.fleets.push(fleet);
    pool.federated.push("fy".into());
    for collection in [
        "api/v1/namespaces/default/configmaps",
        "api/v1/namespaces/team-a/configmaps",
    ] {
        post(
            format!("/karmada/fz/{collection}"),
            pool.template("KubeObject", 0),
        )
        .await;
    }
    pool.rules.push(
        post(
            "/v1/permissions/rules".into(),
            pool.template("CreateRule", 0),
        )
        .await,
    );
    Target {
        emu,
        pool,
        signed: auth == AuthMode::Signed,
        bearer,
    }
}

#[test]
fn fuzzed_requests_never_fail_the_server() {
    // One case is one request; UCS_PROPTEST_CASES (shared by the property tests) works too.
    let cases = ["UCS_FUZZ_CASES", "UCS_PROPTEST_CASES"]
        .iter()
        .find_map(|name| std::env::var(name).ok()?.parse().ok())
        .unwrap_or(DEFAULT_CASES);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let http = reqwest::Client::builder()
        .timeout(Duration::from_secs(60))
        .build()
        .expect("client");
    let routes = routes();
    let targets = rt.block_on(async {
        vec![
            start(AuthMode::None, &http).await,
            start(AuthMode::Signed, &http).await,
        ]
    });
    let figures = std::cell::RefCell::new(Figures::default());
    let targets = std::cell::RefCell::new(targets);
    let config = Config {
        cases,
        max_shrink_iters: 0,
        failure_persistence: None,
        ..Config::default()
    };
    let mut runner =
        TestRunner::new_with_rng(config, TestRng::from_seed(RngAlgorithm::ChaCha, &SEED));
    let result = runner.run(&request(routes.len()), |req| {
        let mut targets = targets.borrow_mut();
        // Signed requests go to the emulator that checks signatures, the others to the open one.
        let target = &mut targets[usize::from(req.signed)];
        rt.block_on(send(
            &http,
            target,
            &routes,
            &req,
            &mut figures.borrow_mut(),
        ));
        Ok(())
    });
    result.expect("the runner ran");
    let figures = figures.into_inner();
    let targets = targets.into_inner();
    let mut broken = Vec::new();
    let mut panics = 0;
    for target in &targets {
        let state: Value = rt.block_on(async {
            http.get(format!("{}/_emulator/state", target.emu.base_url()))
                .send()
                .await
                .expect("state")
                .json()
                .await
                .expect("state json")
        });
        broken.extend(check_invariants(&state));
        panics += target.emu.panics_caught();
    }
    println!(
        "fuzz: {} requests, {} routes, {} 5xx, {} dropped, {panics} panics; {} routes answered 2xx; statuses {:?}",
        figures.requests,
        routes.len(),
        figures.server_errors.len(),
        figures.dropped.len(),
        figures.succeeded.len(),
        figures.statuses
    );
    let missed: Vec<String> = (0..routes.len())
        .filter(|i| !figures.succeeded.contains(i))
        .map(|i| format!("{} {}", routes[i].method, routes[i].path))
        .collect();
    println!("fuzz: never 2xx: {missed:?}");
    assert!(
        figures.server_errors.is_empty(),
        "5xx: {:#?}",
        &figures.server_errors[..figures.server_errors.len().min(5)]
    );
    assert!(
        figures.dropped.is_empty(),
        "dropped: {:#?}",
        &figures.dropped[..figures.dropped.len().min(5)]
    );
    assert_eq!(panics, 0, "handler panics were caught");
    assert!(broken.is_empty(), "state invariants: {broken:#?}");
    assert!(
        figures.statuses.keys().any(|s| (200..300).contains(s)),
        "some requests succeed"
    );
}
