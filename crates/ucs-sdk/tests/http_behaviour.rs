//! Behaviour over real HTTP against a scripted in-process server: retries, Retry-After, POST
//! safety, error mapping, deadlines, AK/SK headers and signature, IAM token caching.

mod support;

use std::time::{Duration, Instant};

use serde_json::json;
use support::{start, Canned};
use ucs_sdk::auth::signer;
use ucs_sdk::models::*;
use ucs_sdk::{Client, Credentials, Error, RetryPolicy};

const CLUSTER: &str = "b0d1ecb5-7947-11ee-9467-0255ac1001bf";

fn fast_retries(n: u32) -> RetryPolicy {
    RetryPolicy {
        max_retries: n,
        base_delay: Duration::from_millis(5),
        max_delay: Duration::from_secs(5),
    }
}

fn aksk_client(base: &str) -> Client {
    Client::builder()
        .endpoint(base)
        .credentials(Credentials::aksk("AKTEST", "SKTEST"))
        .domain_id("dom-1")
        .retry_policy(fast_retries(3))
        .build()
        .expect("client")
}

fn cluster_json() -> serde_json::Value {
    json!({"kind": "Cluster", "metadata": {"uid": CLUSTER, "name": "c1"}})
}

#[tokio::test]
async fn throttled_get_waits_for_retry_after_then_succeeds() {
    let (base, mock) = start().await;
    mock.push(
        Canned::json(
            429,
            json!({"error_code": "UCS.01000002", "error_msg": "throttled"}),
        )
        .header("retry-after", "1"),
    );
    mock.push(Canned::json(200, cluster_json()));
    let started = Instant::now();
    let c = aksk_client(&base)
        .clusters()
        .get(CLUSTER)
        .await
        .expect("retried");
    assert_eq!(c.name(), "c1");
    assert_eq!(mock.hits("/v1/clusters"), 2);
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "Retry-After was not honoured"
    );
}

#[tokio::test]
async fn server_error_then_success_is_retried_for_idempotent_calls() {
    let (base, mock) = start().await;
    mock.push(Canned::json(
        503,
        json!({"error_code": "X", "error_msg": "busy"}),
    ));
    mock.push(Canned::json(502, json!({})));
    mock.push(Canned::json(200, json!({"versions": ["v1.25"]})));
    let v = aksk_client(&base)
        .clusters()
        .supported_versions()
        .await
        .expect("retried");
    assert_eq!(v.versions, ["v1.25"]);
    assert_eq!(mock.hits("/v1/config"), 3);
    mock.push(Canned::json(503, json!({})));
    aksk_client(&base)
        .clusters()
        .delete(CLUSTER)
        .await
        .expect("DELETE retried");
    assert_eq!(
        mock.seen().iter().filter(|s| s.method == "DELETE").count(),
        2
    );
}

#[tokio::test]
async fn post_that_reached_the_server_is_never_repeated() {
    let (base, mock) = start().await;
    mock.push(
        Canned::json(
            503,
            json!({"error_code": "UCS.01000006", "error_msg": "Server internal error."}),
        )
        .header("x-request-id", "req-post"),
    );
    let body = CreateRule {
        metadata: NameMeta { name: "r1".into() },
        spec: RuleSpec {
            rule_type: Some("admin".into()),
            ..Default::default()
        },
    };
    let err = aksk_client(&base)
        .rules()
        .create(&body)
        .await
        .expect_err("503 surfaces");
    assert_eq!(err.status(), Some(503));
    assert_eq!(err.request_id(), Some("req-post"));
    assert_eq!(
        mock.hits("/v1/permissions/rules"),
        1,
        "a POST was sent twice"
    );
    let sent = &mock.seen()[0];
    assert_eq!(sent.headers["content-type"], "application/json");
    let sent_body: serde_json::Value =
        serde_json::from_slice(&sent.body).expect("JSON body, not a form");
    assert_eq!(sent_body["metadata"]["name"], "r1");
}

#[tokio::test]
async fn post_to_a_closed_port_is_retried_and_reports_a_connection_error() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let closed = format!("http://{}", listener.local_addr().expect("addr"));
    drop(listener);
    let client = Client::builder()
        .endpoint(&closed)
        .credentials(Credentials::token("t"))
        .retry_policy(fast_retries(2))
        .build()
        .expect("client");
    let err = client
        .fleets()
        .enable_federation("f1", &EnableFederationQuery::default())
        .await
        .expect_err("nobody listens");
    assert!(matches!(err, Error::Connection { .. }), "{err:?}");
    assert!(err.is_retryable());
}

#[tokio::test]
async fn exhausted_retries_keep_the_service_error_and_request_id() {
    let (base, mock) = start().await;
    for i in 0..4 {
        mock.push(
            Canned::json(429, json!({"error_code": "UCS.01000002", "error_msg": "The throttling threshold has been reached."}))
                .header("x-request-id", &format!("rid-{i}")),
        );
    }
    let err = aksk_client(&base)
        .clusters()
        .get(CLUSTER)
        .await
        .expect_err("throttled");
    assert!(err.is_throttled());
    assert_eq!(err.code(), Some("UCS.01000002"));
    assert_eq!(err.request_id(), Some("rid-3"));
    assert_eq!(mock.hits("/v1/clusters"), 4);

    let (base, mock) = start().await;
    mock.push(Canned::json(503, json!({})));
    let no_retry = Client::builder()
        .endpoint(&base)
        .credentials(Credentials::token("t"))
        .max_retries(0)
        .build()
        .expect("client");
    assert!(no_retry.clusters().get(CLUSTER).await.is_err());
    assert_eq!(mock.hits("/v1/clusters"), 1);
}

#[tokio::test]
async fn errors_keep_status_code_message_and_request_id() {
    let (base, mock) = start().await;
    mock.push(
        Canned::json(
            404,
            json!({"error_code": "UCS.01030001", "error_msg": "Cluster Not Found."}),
        )
        .header("x-request-id", "abc123"),
    );
    let err = aksk_client(&base)
        .clusters()
        .get(CLUSTER)
        .await
        .expect_err("404");
    assert!(err.is_not_found() && !err.is_retryable());
    let api = err.api().expect("api error");
    assert_eq!(
        (api.status, api.code.as_str(), api.message.as_str()),
        (404, "UCS.01030001", "Cluster Not Found.")
    );
    assert_eq!(err.request_id(), Some("abc123"));
    assert!(err.to_string().contains("UCS.01030001") && err.to_string().contains("abc123"));

    mock.push(Canned::json(200, json!(1)).header("x-request-id", "r-dec"));
    let err = aksk_client(&base)
        .clusters()
        .get(CLUSTER)
        .await
        .expect_err("undecodable");
    assert!(matches!(&err, Error::Decode { status: 200, .. }), "{err:?}");
    assert_eq!(err.request_id(), Some("r-dec"));
}

#[tokio::test]
async fn invalid_arguments_are_refused_before_sending() {
    let (base, mock) = start().await;
    let client = aksk_client(&base);
    let err = client
        .clusters()
        .get("not-a-uuid")
        .await
        .expect_err("bad id");
    assert!(
        matches!(&err, Error::InvalidArgument { field, .. } if field == "cluster_id"),
        "{err:?}"
    );
    let long = CreateRule {
        metadata: NameMeta {
            name: "x".repeat(64),
        },
        spec: RuleSpec::default(),
    };
    let err = client.rules().create(&long).await.expect_err("long name");
    assert!(err.to_string().contains("metadata.name"), "{err}");
    let bad_type = CreateRule {
        metadata: NameMeta { name: "ok".into() },
        spec: RuleSpec {
            rule_type: Some("root".into()),
            ..Default::default()
        },
    };
    assert!(client
        .rules()
        .create(&bad_type)
        .await
        .expect_err("bad type")
        .to_string()
        .contains("spec.type"));
    let err = client
        .fleets()
        .download_federation_kubeconfig("f1", &DownloadKubeconfigRequest { duration: 10951 })
        .await
        .expect_err("duration");
    assert!(err.to_string().contains("duration"));
    let q = ListClustersQuery {
        order: Some("sideways".into()),
        ..Default::default()
    };
    assert!(client
        .clusters()
        .list(&q)
        .await
        .expect_err("order")
        .to_string()
        .contains("order"));
    let desc = UpdateDescription {
        description: "d".repeat(256),
    };
    assert!(client
        .fleets()
        .update_description("f1", &desc)
        .await
        .is_err());
    assert!(mock.seen().is_empty(), "a refused call reached the server");
}

#[tokio::test]
async fn attempt_and_call_deadlines() {
    let (base, mock) = start().await;
    mock.push(Canned::json(200, cluster_json()).delayed(Duration::from_secs(3)));
    let client = Client::builder()
        .endpoint(&base)
        .credentials(Credentials::token("t"))
        .attempt_timeout(Duration::from_millis(200))
        .max_retries(0)
        .build()
        .expect("client");
    let err = client.clusters().get(CLUSTER).await.expect_err("slow");
    assert!(matches!(err, Error::Timeout { .. }), "{err:?}");

    // A wait past the call deadline is not started: the service's error is the answer.
    mock.push(Canned::json(503, json!({})).header("retry-after", "30"));
    let client = Client::builder()
        .endpoint(&base)
        .credentials(Credentials::token("t"))
        .call_timeout(Duration::from_millis(300))
        .build()
        .expect("client");
    let err = client.clusters().get(CLUSTER).await.expect_err("deadline");
    assert_eq!(err.status(), Some(503), "{err:?}");

    // The call deadline also bounds an attempt in flight.
    mock.push(Canned::json(200, cluster_json()).delayed(Duration::from_secs(3)));
    let err = client.clusters().get(CLUSTER).await.expect_err("deadline");
    assert!(matches!(err, Error::Timeout { .. }), "{err:?}");
}

#[tokio::test]
async fn aksk_requests_carry_a_valid_signature_and_canonical_query() {
    let (base, mock) = start().await;
    mock.push(Canned::json(200, json!({"items": [], "total": 0})));
    let q = ListClustersQuery {
        clusterids: vec![
            CLUSTER.into(),
            "d4804da3-8f03-11ec-b384-0255ac100189".into(),
        ],
        managetype: Some("grouped".into()),
        enablestatus: Some(false),
        ..Default::default()
    };
    aksk_client(&base).clusters().list(&q).await.expect("list");
    let seen = &mock.seen()[0];
    assert_eq!(seen.query, "clusterids=b0d1ecb5-7947-11ee-9467-0255ac1001bf%2Cd4804da3-8f03-11ec-b384-0255ac100189&enablestatus=false&managetype=grouped");
    assert_eq!(seen.headers["x-domain-id"], "dom-1");
    let ua = seen.headers["user-agent"].to_str().expect("ua");
    assert!(
        ua.starts_with(&format!("ucs-sdk/{}", ucs_sdk::VERSION)),
        "{ua}"
    );
    let auth = seen.headers["authorization"].to_str().expect("auth");
    let parsed = signer::parse_authorization(auth).expect("SDK-HMAC-SHA256 header");
    assert_eq!(parsed.access, "AKTEST");
    let headers: Vec<(String, String)> = seen
        .headers
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_str().unwrap_or("").to_owned()))
        .collect();
    let query: Vec<(String, String)> = url::form_urlencoded::parse(seen.query.as_bytes())
        .into_owned()
        .collect();
    let date = seen.headers["x-sdk-date"].to_str().expect("date");
    let req = signer::SignableRequest {
        method: &seen.method,
        path: &seen.path,
        query: &query,
        headers: &headers,
        body: &seen.body,
    };
    let expected = signer::expected_signature("SKTEST", &req, &parsed.signed_headers, date);
    assert!(
        signer::signatures_match(&expected, &parsed.signature),
        "signature does not verify"
    );
    assert!(
        parsed.signed_headers.contains(&"x-domain-id".to_owned())
            && parsed.signed_headers.contains(&"host".to_owned())
    );
}

#[tokio::test]
async fn security_token_and_project_header_for_hss() {
    let (base, mock) = start().await;
    mock.push(Canned::json(200, json!({"cluster_id": "c-1"})));
    let client = Client::builder()
        .endpoint(&base)
        .hss_endpoint(&base)
        .credentials(Credentials::temporary("AK", "SK", "STS-TOKEN"))
        .project_id("proj-9")
        .build()
        .expect("client");
    let body = CreateMulticloudCluster {
        name: Some("x".into()),
        provider: Some("tencent".into()),
        ..Default::default()
    };
    let q = CreateMulticloudClusterQuery {
        enterprise_project_id: Some("all_granted_eps".into()),
    };
    let out = client
        .hss()
        .create_multicloud_cluster(&body, &q)
        .await
        .expect("created");
    assert_eq!(out.cluster_id, "c-1");
    let seen = &mock.seen()[0];
    assert_eq!(
        seen.path,
        "/v5/proj-9/container/kubernetes/multi-cloud/clusters"
    );
    assert_eq!(seen.query, "enterprise_project_id=all_granted_eps");
    assert_eq!(seen.headers["x-project-id"], "proj-9");
    assert_eq!(seen.headers["x-security-token"], "STS-TOKEN");
    assert!(seen.headers.get("x-domain-id").is_none());
    let signed = signer::parse_authorization(seen.headers["authorization"].to_str().expect("a"))
        .expect("parsed");
    assert!(signed
        .signed_headers
        .contains(&"x-security-token".to_owned()));
}

#[tokio::test]
async fn domain_id_is_resolved_once_through_iam() {
    let (base, mock) = start().await;
    mock.push(
        Canned::json(
            200,
            json!({"domains": [{"id": "resolved-dom", "name": "acct"}]}),
        )
        .for_path("/v3/auth/domains"),
    );
    let client = Client::builder()
        .endpoint(&base)
        .iam_endpoint(&base)
        .credentials(Credentials::aksk("AK", "SK"))
        .build()
        .expect("client");
    let calls = (0..10).map(|_| {
        let c = client.clone();
        async move { c.clusters().supported_versions().await }
    });
    for r in futures_util::future::join_all(calls).await {
        r.expect("call");
    }
    assert_eq!(mock.hits("/v3/auth/domains"), 1);
    assert!(mock
        .seen()
        .iter()
        .filter(|s| s.path.starts_with("/v1/"))
        .all(|s| s.headers["x-domain-id"] == "resolved-dom"));
}

#[tokio::test]
async fn password_token_is_fetched_once_cached_and_refreshed_after_401() {
    let (base, mock) = start().await;
    let token = |t: &str| {
        Canned::json(201, json!({"token": {"expires_at": "2099-01-01T00:00:00.000000Z", "project": {"id": "p1"}}}))
            .header("x-subject-token", t)
            .for_path("/v3/auth/tokens")
    };
    mock.push(token("TOKEN-ONE"));
    let client = Client::builder()
        .endpoint(&base)
        .iam_endpoint(&base)
        .credentials(Credentials::password("alice", "pw-secret", "acct"))
        .build()
        .expect("client");
    let calls = (0..20).map(|_| {
        let c = client.clone();
        async move { c.clusters().supported_versions().await }
    });
    for r in futures_util::future::join_all(calls).await {
        r.expect("call");
    }
    assert_eq!(mock.hits("/v3/auth/tokens"), 1);
    let login: serde_json::Value =
        serde_json::from_slice(&mock.seen()[0].body).expect("login body");
    assert_eq!(login["auth"]["scope"]["domain"]["name"], "acct");
    assert_eq!(
        login["auth"]["identity"]["password"]["user"]["name"],
        "alice"
    );
    assert!(mock
        .seen()
        .iter()
        .filter(|s| s.path.starts_with("/v1/"))
        .all(|s| s.headers["x-auth-token"] == "TOKEN-ONE"));

    mock.push(
        Canned::json(
            401,
            json!({"error_code": "UCS.01000003", "error_msg": "Authorization failed."}),
        )
        .for_path("/v1/"),
    );
    mock.push(token("TOKEN-TWO"));
    client
        .clusters()
        .supported_versions()
        .await
        .expect("refreshed after 401");
    assert_eq!(mock.hits("/v3/auth/tokens"), 2);
    let last = mock.seen().into_iter().last().expect("seen");
    assert_eq!(last.headers["x-auth-token"], "TOKEN-TWO");
    assert_eq!(
        client.iam().token().await.expect("token").expose(),
        "TOKEN-TWO"
    );
    assert!(!format!("{client:?}").contains("pw-secret"));
}

#[tokio::test]
async fn karmada_gateway_sends_bearer_requests() {
    let (base, mock) = start().await;
    mock.push(Canned::json(
        201,
        json!({"kind": "Deployment", "metadata": {"name": "nginx"}}),
    ));
    let client = Client::builder()
        .endpoint(&base)
        .credentials(Credentials::token("t"))
        .karmada_endpoint(format!("{base}/karmada/{{fleet}}"))
        .build()
        .expect("client");
    let k = client.karmada("fleet-a", "BEARER-1").expect("karmada");
    let made = k
        .create(
            "apis/apps/v1/namespaces/default/deployments",
            &json!({"kind": "Deployment", "metadata": {"name": "nginx"}}),
        )
        .await
        .expect("created");
    assert_eq!(made["metadata"]["name"], "nginx");
    let seen = &mock.seen()[0];
    assert_eq!(
        seen.path,
        "/karmada/fleet-a/apis/apps/v1/namespaces/default/deployments"
    );
    assert_eq!(seen.headers["authorization"], "Bearer BEARER-1");
    assert!(!format!("{k:?}").contains("BEARER-1"));
    mock.push(Canned::json(404, json!({"kind": "Status", "reason": "NotFound", "message": "deployments \"x\" not found", "code": 404})));
    let err = k
        .get("apis/apps/v1/namespaces/default/deployments/x")
        .await
        .expect_err("404");
    assert_eq!(err.code(), Some("NotFound"));
    assert!(err.is_not_found());
}

#[test]
fn bad_configuration_is_refused_by_build() {
    assert!(Client::builder().endpoint("ftp://x").build().is_err());
    assert!(Client::builder().endpoint("not a url").build().is_err());
    assert!(matches!(
        Client::builder()
            .credentials(Credentials::aksk("", "s"))
            .build(),
        Err(Error::InvalidArgument { .. })
    ));
    assert!(Client::builder()
        .ca_file("/nonexistent/ca.pem")
        .build()
        .is_err());
    let c = Client::builder()
        .credentials(Credentials::aksk("AK", "VERYSECRET"))
        .build()
        .expect("client");
    assert!(!format!("{c:?}").contains("VERYSECRET"));
}
