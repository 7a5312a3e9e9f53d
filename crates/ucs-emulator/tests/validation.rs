//! Every validation rule and error code the emulator implements, over real HTTP.

mod common;

use common::{cluster_body, open};
use serde_json::json;
use ucs_emulator::EmulatorConfig;

/// The first CCE cluster the emulator's account has (`GET /v1/managedclusters`).
const CCE_NAME: &str = "cce-prod";
const CCE_UID: &str = "57ef11e7-7d72-11ee-a590-0255ac100b00";

#[tokio::test]
async fn register_checks_body_kinds_and_locations() {
    let raw = open(EmulatorConfig::default()).await;
    let cases = [
        (
            json!({"kind": "Cluster"}),
            400,
            "UCS.00000012",
            "missing field",
        ),
        (
            json!({"kind": "Node", "apiVersion": "v1", "metadata": {"name": "a"}, "spec": cluster_body("a")["spec"]}),
            400,
            "UCS.00000012",
            "`kind`",
        ),
        (
            {
                let mut b = cluster_body("b");
                b["spec"]["type"] = json!("eks");
                b
            },
            400,
            "UCS.01030011",
            "reference 5.6",
        ),
        (
            {
                let mut b = cluster_body("c");
                b["spec"]["city"] = json!("999999");
                b
            },
            400,
            "UCS.00000012",
            "spec.city",
        ),
        (
            {
                let mut b = cluster_body("d");
                b["spec"].as_object_mut().expect("spec").remove("city");
                b
            },
            400,
            "UCS.00000012",
            "spec.city",
        ),
        (
            {
                let mut b = cluster_body("e");
                b["spec"]["country"] = json!("china");
                b
            },
            400,
            "UCS.00000012",
            "spec.country",
        ),
        (
            cluster_body(&"x".repeat(64)),
            400,
            "UCS.00000012",
            "metadata.name",
        ),
        (
            {
                let mut b = cluster_body("f");
                b["spec"]["manageType"] = json!("grouped");
                b
            },
            400,
            "UCS.00000012",
            "clusterGroupID",
        ),
        (
            {
                let mut b = cluster_body("g");
                b["metadata"]["UID"] = json!("not-a-uuid");
                b
            },
            400,
            "UCS.00000012",
            "metadata.UID",
        ),
    ];
    for (body, status, code, needle) in cases {
        let a = raw.post("/v1/clusters", body.clone()).await;
        assert_eq!((a.status, a.code()), (status, code), "{body}: {}", a.body);
        let msg = a.body["error_msg"].as_str().unwrap_or_default();
        assert!(msg.contains(needle), "{msg:?} should name {needle:?}");
        assert!(a.request_id.is_some());
    }
    // A city outside China is optional; every combination of reference 5.6 registers.
    let mut abroad = cluster_body("abroad");
    abroad["spec"]["country"] = json!("DE");
    abroad["spec"].as_object_mut().expect("spec").remove("city");
    assert_eq!(raw.post("/v1/clusters", abroad).await.status, 201);
    // CCE clusters are imported, each once: the account's two, the first by its UID, the
    // second by its name alone.
    let mut cce = [(CCE_NAME, Some(CCE_UID)), ("cce-staging", None)].into_iter();
    for (i, (category, kind, provider)) in ucs_sdk::reference::CLUSTER_KINDS.iter().enumerate() {
        let mut b = cluster_body(&format!("kind-{i}"));
        if *category == "self" {
            let (name, uid) = cce.next().expect("a CCE cluster left to import");
            b["metadata"]["name"] = json!(name);
            if let Some(uid) = uid {
                b["metadata"]["UID"] = json!(uid);
            }
        }
        b["spec"]["category"] = json!(category);
        b["spec"]["type"] = json!(kind);
        b["spec"]["provider"] = json!(provider);
        let a = raw.post("/v1/clusters", b).await;
        assert_eq!(a.status, 201, "{category}/{kind}/{provider}: {}", a.body);
    }
    let left = raw.get("/v1/managedclusters?unregister=true").await;
    assert_eq!(
        (left.status, &left.body),
        (200, &json!([])),
        "{}",
        left.body
    );
    raw.emu.shutdown().await;
}

#[tokio::test]
async fn form_encoded_and_malformed_bodies_are_refused() {
    let raw = open(EmulatorConfig::default()).await;
    for path in ["/v1/clusters", "/v1/clustergroups", "/v1/permissions/rules"] {
        let resp = raw
            .http
            .post(format!("{}{path}", raw.base))
            .header("content-type", "application/x-www-form-urlencoded")
            .body("kind=Cluster&metadata=name")
            .send()
            .await
            .expect("answer");
        assert_eq!(resp.status().as_u16(), 400);
        let body: serde_json::Value = resp.json().await.expect("json");
        // The Content-Type header is what is wrong here.
        assert_eq!(body["error_code"], "UCS.00000016");
        let resp = raw
            .http
            .post(format!("{}{path}", raw.base))
            .header("content-type", "application/json")
            .body("{not json")
            .send()
            .await
            .expect("answer");
        assert_eq!(resp.status().as_u16(), 400);
        let body: serde_json::Value = resp.json().await.expect("json");
        assert_eq!(body["error_code"], "UCS.00000012");
    }
    raw.emu.shutdown().await;
}

#[tokio::test]
async fn query_parameters_are_checked() {
    let raw = open(EmulatorConfig::default()).await;
    for query in [
        "limit=abc",
        "limit=0",
        "offset=-1",
        "order_by=name",
        "order=up",
        "managetype=other",
        "enablestatus=maybe",
    ] {
        let a = raw.get(&format!("/v1/clusters?{query}")).await;
        assert_eq!((a.status, a.code()), (400, "UCS.00000011"), "{query}");
    }
    let a = raw.get("/v1/clusters/not-a-uuid").await;
    assert_eq!((a.status, a.code()), (400, "UCS.00000011"));
    raw.emu.shutdown().await;
}

#[tokio::test]
async fn not_found_duplicates_and_quotas() {
    let raw = open(EmulatorConfig {
        quota: 3,
        ..Default::default()
    })
    .await;
    let missing = "b0d1ecb5-7947-11ee-9467-0255ac1001bf";
    let a = raw.get(&format!("/v1/clusters/{missing}")).await;
    assert_eq!((a.status, a.code()), (404, "UCS.01030001"));
    let a = raw.get(&format!("/v1/clustergroups/{missing}")).await;
    assert_eq!((a.status, a.code()), (404, "UCS.01100005"));
    let a = raw
        .delete(&format!("/v1/permissions/rules/{missing}"))
        .await;
    assert_eq!((a.status, a.code()), (404, "UCS.01000013"));
    let a = raw.get("/v1/nothing-here").await;
    assert_eq!(a.status, 404);

    raw.cluster("one").await;
    let a = raw.post("/v1/clusters", cluster_body("one")).await;
    assert_eq!((a.status, a.code()), (409, "UCS.01030003"));
    raw.fleet("f1", &[]).await;
    let a = raw
        .post("/v1/clustergroups", json!({"metadata": {"name": "f1"}}))
        .await;
    assert_eq!((a.status, a.code()), (409, "UCS.01100004"));

    raw.cluster("two").await;
    raw.cluster("three").await;
    let a = raw.post("/v1/clusters", cluster_body("four")).await;
    assert_eq!((a.status, a.code()), (400, "UCS.01000017"));
    for i in 0..3 {
        raw.rule(&format!("r{i}")).await;
    }
    let a = raw
        .post(
            "/v1/permissions/rules",
            json!({"metadata": {"name": "r4"}, "spec": {"type": "admin"}}),
        )
        .await;
    assert_eq!((a.status, a.code()), (400, "UCS.01000017"));
    raw.emu.shutdown().await;
}

#[tokio::test]
async fn rules_are_checked_and_leave_associations_when_deleted() {
    let raw = open(EmulatorConfig::default()).await;
    for (spec, needle) in [
        (json!({"type": "owner"}), "spec.type"),
        (
            json!({"type": "custom", "contents": [{"verbs": [], "resources": ["*"]}]}),
            "spec.contents[0]",
        ),
        (
            json!({"type": "admin", "description": "d".repeat(256)}),
            "spec.description",
        ),
    ] {
        let a = raw
            .post(
                "/v1/permissions/rules",
                json!({"metadata": {"name": "r"}, "spec": spec}),
            )
            .await;
        assert_eq!((a.status, a.code()), (400, "UCS.00000012"));
        assert!(a.body["error_msg"]
            .as_str()
            .unwrap_or_default()
            .contains(needle));
    }
    let rule = raw.rule("readers").await;
    let cluster = raw.cluster("c1").await;
    let fleet = raw.fleet("f", &[]).await;
    let assoc = json!({"ruleIDNamespaces": [{"ruleIDs": [rule], "namespaces": ["default"]}]});
    assert_eq!(
        raw.put(
            &format!("/v1/clusters/{cluster}/associatedrules"),
            assoc.clone()
        )
        .await
        .status,
        200
    );
    assert_eq!(
        raw.put(&format!("/v1/clustergroups/{fleet}/associatedrules"), assoc)
            .await
            .status,
        200
    );
    let unknown = json!({"ruleIDNamespaces": [{"ruleIDs": ["nope"], "namespaces": ["default"]}]});
    let a = raw
        .put(
            &format!("/v1/clustergroups/{fleet}/associatedrules"),
            unknown,
        )
        .await;
    assert_eq!((a.status, a.code()), (400, "UCS.01100003"));
    assert_eq!(
        raw.delete(&format!("/v1/permissions/rules/{rule}"))
            .await
            .status,
        200
    );
    let state = raw.get("/_emulator/state").await.body;
    let account = state["accounts"]
        .as_object()
        .and_then(|a| a.values().next())
        .cloned()
        .expect("account");
    assert_eq!(account["clusters"][&cluster]["rules"], json!([]));
    assert_eq!(account["fleets"][&fleet]["rules"], json!([]));
    raw.emu.shutdown().await;
}

#[tokio::test]
async fn membership_federation_state_and_access_info() {
    let raw = open(EmulatorConfig::default()).await;
    let a = raw.cluster("a").await;
    let b = raw.cluster("b").await;
    let fleet = raw.fleet("fleet", &[&a]).await;
    let other = raw.fleet("other", &[]).await;
    let got = raw.get(&format!("/v1/clusters/{a}")).await.body;
    assert_eq!(
        (
            got["spec"]["clusterGroupID"].as_str(),
            got["spec"]["manageType"].as_str()
        ),
        (Some(fleet.as_str()), Some("grouped"))
    );
    let moved = raw
        .post(
            &format!("/v1/clusters/{a}/join"),
            json!({"clusterGroupID": other}),
        )
        .await;
    assert_eq!((moved.status, moved.code()), (400, "UCS.01100002"));
    let listed = raw
        .get(&format!("/v1/clusters?clustergroupid={fleet}"))
        .await
        .body;
    assert_eq!(listed["total"], 1);
    let listed = raw.get("/v1/clusters?managetype=discrete").await.body;
    assert_eq!(
        listed["items"][0]["metadata"]["uid"].as_str(),
        Some(b.as_str())
    );
    let busy = raw.delete(&format!("/v1/clustergroups/{fleet}")).await;
    assert_eq!((busy.status, busy.code()), (400, "UCS.01100007"));

    let p = raw
        .get(&format!("/v1/clustergroups/{fleet}/federations/progress"))
        .await;
    assert_eq!((p.status, p.code()), (400, "UCS.01080006"));
    let kc = raw
        .post(
            &format!("/v1/clustergroups/{fleet}/kubeconfig"),
            json!({"duration": 1}),
        )
        .await;
    assert_eq!(kc.code(), "UCS.01080006");
    assert_eq!(
        raw.send(
            "POST",
            &format!("/v1/clustergroups/{fleet}/federations"),
            None
        )
        .await
        .status,
        201
    );
    let again = raw
        .send(
            "POST",
            &format!("/v1/clustergroups/{fleet}/federations"),
            None,
        )
        .await;
    assert_eq!((again.status, again.code()), (400, "UCS.01080002"));
    let job = raw
        .get(&format!("/v1/clustergroups/{fleet}/federations/progress"))
        .await
        .body;
    assert_eq!(job["status"]["phase"], "Success");
    assert_eq!(job["spec"]["subJobs"].as_array().map(Vec::len), Some(4));
    let bad = raw
        .post(
            &format!("/v1/clustergroups/{fleet}/kubeconfig"),
            json!({"duration": 0}),
        )
        .await;
    assert_eq!((bad.status, bad.code()), (400, "UCS.00000012"));
    let no_connection = raw
        .post(
            &format!("/v1/clustergroups/{fleet}/kubeconfig"),
            json!({"duration": 1}),
        )
        .await;
    assert_eq!(
        (no_connection.status, no_connection.code()),
        (400, "UCS.01080001")
    );
    let connection = raw
        .post(
            &format!("/v1/clustergroups/{fleet}/connection"),
            json!({"projectID": "p", "vpcID": "v", "subnetID": "s"}),
        )
        .await;
    assert_eq!(connection.status, 201, "{}", connection.body);
    let kc = raw
        .post(
            &format!("/v1/clustergroups/{fleet}/kubeconfig"),
            json!({"duration": 10950}),
        )
        .await;
    assert_eq!(kc.status, 201);
    assert!(kc.body["clusters"][0]["cluster"]["server"]
        .as_str()
        .is_some_and(|s| s.ends_with("/karmada/fleet")));
    let fleet_view = raw.get(&format!("/v1/clustergroups/{fleet}")).await.body;
    assert_eq!(fleet_view["status"]["conditions"][0]["status"], "Available");
    let member = raw.get(&format!("/v1/clusters/{a}")).await.body;
    assert!(member["status"]["conditions"]
        .as_array()
        .expect("conditions")
        .iter()
        .any(|c| c["type"] == "Federation"));

    let first = raw.get(&format!("/v1/clusters/{b}/accessinfo")).await;
    assert_eq!(first.status, 200);
    let second = raw.get(&format!("/v1/clusters/{b}/accessinfo")).await;
    assert_eq!(second.body, json!(["already downloaded"]));
    assert_ne!(first.body, second.body);
    raw.emu.shutdown().await;
}

#[tokio::test]
async fn list_ordering_and_pagination_follow_the_query() {
    let raw = open(EmulatorConfig::default()).await;
    for i in 0..5 {
        raw.cluster(&format!("c{i}")).await;
    }
    let names = |v: &serde_json::Value| -> Vec<String> {
        v["items"]
            .as_array()
            .expect("items")
            .iter()
            .map(|c| {
                c["metadata"]["name"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned()
            })
            .collect()
    };
    let asc = raw.get("/v1/clusters?order=asc").await.body;
    assert_eq!(names(&asc), ["c0", "c1", "c2", "c3", "c4"]);
    let desc = raw
        .get("/v1/clusters?order=desc&limit=2&offset=1")
        .await
        .body;
    assert_eq!(names(&desc), ["c3", "c2"]);
    assert_eq!(desc["total"], 5);
    let no_status = raw.get("/v1/clusters?enablestatus=false").await.body;
    assert!(no_status["items"][0].get("status").is_none());
    raw.emu.shutdown().await;
}

/// What the reference marks optional is accepted: a rule without `type`, a custom rule without
/// `contents` (3.3.4's example), an update without `spec` (which changes nothing), any city
/// outside China (3.1.4's `country AL, city AL`), and 5.5's `unknown` city; updates answer `{}`.
#[tokio::test]
async fn reference_optional_fields_are_accepted() {
    let raw = open(EmulatorConfig::default()).await;
    let untyped = raw
        .post(
            "/v1/permissions/rules",
            json!({"metadata": {"name": "untyped"}, "spec": {"iamUserIDs": ["u1"]}}),
        )
        .await;
    assert_eq!(untyped.status, 201, "{}", untyped.body);
    let rid = untyped.body["uid"].as_str().expect("uid").to_owned();
    let path = format!("/v1/permissions/rules/{rid}");
    let a = raw
        .put(
            &path,
            json!({"spec": {"type": "custom", "description": "d"}}),
        )
        .await;
    assert_eq!((a.status, &a.body), (200, &json!({})));
    assert_eq!(raw.put(&path, json!({})).await.status, 200);
    let spec = &raw.get("/v1/permissions/rules").await.body["items"][0]["spec"];
    assert_eq!(
        (&spec["type"], &spec["description"], &spec["iamUserIDs"]),
        (&json!("custom"), &json!("d"), &json!(["u1"]))
    );
    let cid = raw.cluster("c1").await;
    let a = raw
        .put(
            &format!("/v1/clusters/{cid}"),
            json!({"kind": "Cluster", "apiVersion": "v1", "spec": {"country": "AL", "city": "AL"}}),
        )
        .await;
    assert_eq!((a.status, &a.body), (200, &json!({})), "{}", a.body);
    let a = raw
        .put(
            &format!("/v1/clusters/{cid}"),
            json!({"kind": "Cluster", "apiVersion": "v1", "spec": {"country": "CN", "city": "AL"}}),
        )
        .await;
    assert_eq!((a.status, a.code()), (400, "UCS.00000012"));
    let mut unknown = cluster_body("unknown-city");
    unknown["spec"]["city"] = json!("unknown");
    assert_eq!(raw.post("/v1/clusters", unknown).await.status, 201);
    let mut abroad = cluster_body("abroad-city");
    abroad["spec"]["country"] = json!("DE");
    abroad["spec"]["city"] = json!("Berlin");
    assert_eq!(raw.post("/v1/clusters", abroad).await.status, 201);
    raw.emu.shutdown().await;
}
