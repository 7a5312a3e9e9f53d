//! Every JSON example of the UCS and HSS references decodes into its model, and the irregular
//! spellings the examples use come out under the official SDK's names.

use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;
use ucs_sdk::models::*;

fn cases_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/cases/reference")
}

fn case(name: &str) -> Value {
    let path = cases_dir().join(format!("{name}.json"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let v: Value = serde_json::from_str(&text).expect("case file is JSON");
    v["json"].clone()
}

fn decode<T: DeserializeOwned>(name: &str) -> T {
    serde_json::from_value(case(name)).unwrap_or_else(|e| panic!("{name} does not decode: {e}"))
}

/// Decodes, re-encodes and decodes again: the second decode must equal the first.
fn round_trip<T: DeserializeOwned + Serialize + PartialEq + std::fmt::Debug>(name: &str) -> T {
    let first: T = decode(name);
    let again: T =
        serde_json::from_value(serde_json::to_value(&first).expect("encodes")).expect("re-decodes");
    assert_eq!(first, again, "{name} changes on a round trip");
    first
}

#[test]
fn every_case_file_decodes_into_its_model() {
    let mut seen = 0;
    for entry in std::fs::read_dir(cases_dir()).expect("cases dir") {
        let path = entry.expect("entry").path();
        let name = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default()
            .to_owned();
        let text = std::fs::read_to_string(&path).expect("readable");
        let meta: Value = serde_json::from_str(&text).expect("JSON");
        let model = meta["model"].as_str().unwrap_or_default();
        match model {
            "ClusterList" => drop(round_trip::<ClusterList>(&name)),
            "Cluster" => drop(round_trip::<Cluster>(&name)),
            "Vec<Cluster>" => drop(round_trip::<Vec<Cluster>>(&name)),
            "Created" => drop(round_trip::<Created>(&name)),
            "UpdateCluster" => drop(round_trip::<UpdateCluster>(&name)),
            "AssociateRules" => drop(round_trip::<AssociateRules>(&name)),
            "SupportedVersions" => drop(round_trip::<SupportedVersions>(&name)),
            "JoinFleet" => drop(round_trip::<JoinFleet>(&name)),
            "RegisterFleet" => drop(round_trip::<RegisterFleet>(&name)),
            "ClusterGroup" => drop(round_trip::<ClusterGroup>(&name)),
            "ClusterGroupList" => drop(round_trip::<ClusterGroupList>(&name)),
            "AddClusters" => drop(round_trip::<AddClusters>(&name)),
            "UpdateDescription" => drop(round_trip::<UpdateDescription>(&name)),
            "UpdateZones" => drop(round_trip::<UpdateZones>(&name)),
            "FederationKubeconfigRequest" => drop(round_trip::<FederationKubeconfigRequest>(&name)),
            "FederationConnectionRequest" => drop(round_trip::<FederationConnectionRequest>(&name)),
            "FederationConnection" => drop(round_trip::<FederationConnection>(&name)),
            "DownloadKubeconfigRequest" => drop(round_trip::<DownloadKubeconfigRequest>(&name)),
            "Job" => drop(round_trip::<Job>(&name)),
            "CreateRule" => drop(round_trip::<CreateRule>(&name)),
            "RuleList" => drop(round_trip::<RuleList>(&name)),
            "UpdateRule" => drop(round_trip::<UpdateRule>(&name)),
            "CreateMulticloudCluster" => drop(round_trip::<CreateMulticloudCluster>(&name)),
            "MulticloudClusterCreated" => drop(round_trip::<MulticloudClusterCreated>(&name)),
            "ErrorBody" => {
                let body = serde_json::to_vec(&case(&name)).expect("bytes");
                let (code, msg) = ucs_sdk::__private::parse_error_body(&body);
                assert_eq!(
                    (code.as_str(), msg.as_str()),
                    ("IMG.0001", "The request message format is invalid.")
                );
            }
            "Value" => drop(decode::<Value>(&name)),
            other => panic!("{name}: no decoder for model {other:?}"),
        }
        seen += 1;
    }
    assert!(seen >= 30, "only {seen} cases");
}

#[test]
fn cluster_examples_keep_every_spelling() {
    let c: Cluster = decode("clusters_get");
    let spec = c.spec.as_ref().expect("spec");
    assert_eq!(
        spec.project_id.as_deref(),
        Some("b6315dd3d0ff4be5b31a963256794989")
    );
    assert_eq!(spec.is_downloaded_cert, Some(false));
    assert_eq!(
        spec.extra["operatorNamespace"],
        "2cd7ebd02e4743eba4e6342c09e49344"
    );
    let status = c.status.as_ref().expect("status");
    assert_eq!(status.endpoints.len(), 1);
    assert_eq!(status.conditions.as_ref().map(Vec::len), Some(3));
    assert_eq!(
        c.metadata
            .as_ref()
            .and_then(|m| m.creation_timestamp.as_deref()),
        Some("2023-11-02T06:36:14Z")
    );
    let wire = serde_json::to_value(&c).expect("encodes");
    assert_eq!(
        wire["spec"]["projectID"],
        "b6315dd3d0ff4be5b31a963256794989"
    );
    assert_eq!(wire["spec"]["IsDownloadedCert"], false);
    assert_eq!(
        wire["spec"]["operatorNamespace"],
        "2cd7ebd02e4743eba4e6342c09e49344"
    );
    assert_eq!(
        wire["metadata"]["annotations"]["vpclid"],
        "11c9fe72-5a90-4295-bcfe-774726fb9066"
    );
    let list: ClusterList = decode("clusters_list");
    assert_eq!((list.items.len(), list.total), (1, Some(1)));
}

#[test]
fn request_examples_accept_the_other_spellings() {
    let join: JoinFleet = decode("fleets_join");
    assert_eq!(
        join.cluster_group_id,
        "49077339-f1cd-11ec-a2be-0255ac1001c2"
    );
    assert_eq!(
        serde_json::to_value(&join).expect("encodes")["clusterGroupID"],
        "49077339-f1cd-11ec-a2be-0255ac1001c2"
    );
    let add: AddClusters = decode("fleets_add_clusters");
    assert_eq!(add.cluster_ids, vec!["xxxx-xxxx-xxxx"]);
    let upd: UpdateRule = decode("rules_update");
    let spec = upd.spec.expect("spec");
    assert_eq!(spec.iam_user_ids.map(|v| v.len()), Some(2));
    assert_eq!(spec.rule_type.as_deref(), Some("custom"));
    let rules: RuleList = decode("rules_list");
    let wire = serde_json::to_value(&rules).expect("encodes");
    assert_eq!(
        wire["items"][0]["spec"]["iamUserIDs"][0],
        "873395a21c8d4d8ba9e37d6d32debc41"
    );
}

#[test]
fn fleet_examples_keep_go_timestamps_and_empty_specs() {
    let list: ClusterGroupList = decode("fleets_list");
    assert_eq!(list.total, Some(3));
    assert_eq!(
        list.items[0]
            .metadata
            .as_ref()
            .and_then(|m| m.creation_timestamp.as_deref()),
        Some("2023-11-02 06:33:35.558128 +0000 UTC")
    );
    assert_eq!(list.items[1].spec, Some(ClusterGroupSpec::default()));
    let fleet: ClusterGroup = decode("fleets_get");
    let cond = &fleet
        .status
        .as_ref()
        .and_then(|s| s.conditions.clone())
        .expect("conditions")[0];
    assert_eq!(cond.status.as_deref(), Some("Unavailable"));
}

#[test]
fn job_example_exposes_sub_jobs_and_phases() {
    let job: Job = decode("fleets_federation_progress");
    assert!(job.is_success());
    let types: Vec<&str> = job.sub_jobs().iter().map(Job::job_type).collect();
    assert_eq!(
        types,
        [
            "InstallFederationChart",
            "CreateNetworkResource",
            "CreateCert",
            "CreateNode"
        ]
    );
    let net = &job.sub_jobs()[1];
    assert_eq!(
        net.spec
            .as_ref()
            .and_then(|s| s.extendparam.clone())
            .expect("extendParam")["JobExtendParamKeyElbID"],
        "69694819-67dc-44ac-ab6e-9b18087c5c4c"
    );
    let wire = serde_json::to_value(&job).expect("encodes");
    assert_eq!(
        wire["spec"]["subJobs"][0]["status"]["completionTime"],
        "2023-07-31 13:16:22.100528 +0000 UTC"
    );
    assert_eq!(
        wire["spec"]["federationUID"],
        "70acf480-2fa4-11ee-ad1d-0255ac1001c4"
    );
}

#[test]
fn lenient_shapes_decode() {
    let c: Cluster = serde_json::from_value(serde_json::json!({
        "status": {"nodeSummary": {"totalNum": 3, "readyNum": "2"}, "endpoints": {"url": "https://x", "type": "External"},
                    "resourceSummary": {"capacity": {"cpu": "4", "pods": 110, "nested": {"a": [1]}}},
                    "conditions": [{"type": "Ready", "observedgeneration": "7", "lasttransitiontime": "t"}]},
        "spec": {"clustergroupID": "g", "enableDistMgmt": "true", "brandNew": {"x": 1}},
        "unknownTop": [1, 2]
    }))
    .expect("lenient decode");
    let status = c.status.as_ref().expect("status");
    let nodes = status.node_summary.as_ref().expect("nodes");
    assert_eq!(
        (nodes.total_num.as_deref(), nodes.ready_num.as_deref()),
        (Some("3"), Some("2"))
    );
    assert_eq!(status.endpoints[0].url.as_deref(), Some("https://x"));
    let cond = &status.conditions.as_ref().expect("conditions")[0];
    assert_eq!(
        (
            cond.observedgeneration,
            cond.last_transition_time.as_deref()
        ),
        (Some(7), Some("t"))
    );
    let spec = c.spec.as_ref().expect("spec");
    assert_eq!(
        (spec.cluster_group_id.as_deref(), spec.enable_dist_mgt),
        (Some("g"), Some(true))
    );
    assert_eq!(spec.extra["brandNew"]["x"], 1);
    assert_eq!(c.extra["unknownTop"][1], 2);
}

#[test]
fn secrets_stay_out_of_debug() {
    let hss: CreateMulticloudCluster = decode("hss_create_multicloud_cluster");
    let mut with_secret = hss.clone();
    with_secret.image_repo_password = Some("s3cr3t-pass".into());
    let text = format!("{with_secret:?}");
    assert!(
        !text.contains("s3cr3t-pass") && !text.contains("apiVersion: v1"),
        "{text}"
    );
    let upd: UpdateCluster = decode("clusters_update");
    assert!(upd.metadata.is_some());
    let reg: RegisterCluster = serde_json::from_value(serde_json::json!({
        "metadata": {"name": "a", "annotations": {"kubeconfig": "client-key-data: SECRETKEY"}},
        "spec": {"category": "attachedcluster", "type": "privatek8s", "provider": "privatek8s", "country": "CN", "manageType": "discrete"}
    }))
    .expect("decodes");
    assert_eq!(
        (reg.kind.as_str(), reg.api_version.as_str()),
        ("Cluster", "v1")
    );
    assert!(!format!("{reg:?}").contains("SECRETKEY"));
    let kc: Kubeconfig = serde_json::from_value(serde_json::json!({
        "kind": "Config", "clusters": [{"name": "c", "cluster": {"server": "https://k", "certificate-authority-data": "CA"}}],
        "users": [{"name": "u", "user": {"client-key-data": "PRIVATEKEY"}}], "current-context": "x"
    }))
    .expect("kubeconfig");
    let text = format!("{kc:?}");
    assert!(
        text.contains("https://k") && !text.contains("PRIVATEKEY"),
        "{text}"
    );
    let from_string: Kubeconfig =
        serde_json::from_value(Value::String(kc.to_json())).expect("string form");
    assert_eq!(from_string, kc);
}
