//! Regression tests of issue 11: no panic from server values, no redirect followed, bounded
//! bodies, no dot-segment ids, a retry budget and deadline that keep the last error, one-shot
//! requests, token refresh, region checks and redacted Debug output.

mod support;

use std::future::Future;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use serde_json::json;
use support::{start, Canned};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use ucs_sdk::models::*;
use ucs_sdk::{Client, ClientBuilder, Credentials, Error, RetryPolicy};

const CLUSTER: &str = "b0d1ecb5-7947-11ee-9467-0255ac1001bf";

fn fast(n: u32) -> RetryPolicy {
    RetryPolicy {
        max_retries: n,
        base_delay: Duration::from_millis(1),
        max_delay: Duration::from_secs(5),
    }
}

fn token_builder(base: &str) -> ClientBuilder {
    Client::builder()
        .endpoint(base)
        .credentials(Credentials::token("TOKEN-SECRET"))
        .retry_policy(fast(3))
}

fn cluster_json() -> serde_json::Value {
    json!({"kind": "Cluster", "metadata": {"uid": CLUSTER, "name": "c1"}})
}

// ---- a raw TCP server, for answers axum will not give (endless bodies, dropped responses) ----

/// Accepts connections forever, running `serve` on each; returns the base URL and a count.
async fn raw_server<F, Fut>(serve: F) -> (String, Arc<AtomicUsize>)
where
    F: Fn(TcpStream) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = ()> + Send + 'static,
{
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("addr"));
    let conns = Arc::new(AtomicUsize::new(0));
    let counted = conns.clone();
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            counted.fetch_add(1, Ordering::SeqCst);
            tokio::spawn(serve(stream));
        }
    });
    (base, conns)
}

/// Reads a request head (these tests send no bodies to the raw server).
async fn read_head(s: &mut TcpStream) {
    let mut seen = Vec::new();
    let mut buf = [0u8; 4096];
    while !seen.windows(4).any(|w| w == b"\r\n\r\n") {
        match s.read(&mut buf).await {
            Ok(0) | Err(_) => return,
            Ok(n) => seen.extend_from_slice(&buf[..n]),
        }
    }
}

/// Answers `status` with an endless chunked body; reports the bytes written once the client
/// has gone away.
async fn endless(
    status: u16,
) -> (
    String,
    Arc<AtomicU64>,
    tokio::sync::mpsc::UnboundedReceiver<u64>,
) {
    let written = Arc::new(AtomicU64::new(0));
    let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
    let w = written.clone();
    let (base, _) = raw_server(move |mut s| {
        let (w, tx) = (w.clone(), tx.clone());
        async move {
            read_head(&mut s).await;
            let head = format!("HTTP/1.1 {status} X\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n");
            if s.write_all(head.as_bytes()).await.is_err() {
                return;
            }
            let chunk = format!("10000\r\n{}\r\n", " ".repeat(0x10000));
            while s.write_all(chunk.as_bytes()).await.is_ok() {
                w.fetch_add(0x10000, Ordering::SeqCst);
            }
            let _ = tx.send(w.load(Ordering::SeqCst));
        }
    })
    .await;
    (base, written, rx)
}

// ---- 1. no panic from a server header or a caller value ----

#[tokio::test]
async fn retry_after_values_never_panic() {
    let cap = ucs_sdk::__private::RETRY_AFTER_CAP;
    let huge = [
        "1e20",
        "18446744073709551616",
        "inf",
        "1e308",
        "Fri, 31 Dec 9999 23:59:59 GMT",
    ];
    for value in huge {
        let (base, mock) = start().await;
        mock.push(Canned::json(503, json!({"error_code": "X"})).header("retry-after", value));
        let err = token_builder(&base)
            .build()
            .expect("client")
            .clusters()
            .get(CLUSTER)
            .await
            .expect_err(value);
        // Longer than we may wait: the error comes back at once, never a retry before it.
        assert_eq!(err.status(), Some(503), "{value}: {err:?}");
        assert_eq!(err.api().and_then(|a| a.retry_after), Some(cap), "{value}");
        assert_eq!(mock.hits("/v1/"), 1, "{value}");
    }
    for value in ["-1", "-1e20", "NaN", "garbage", "", "1e", "0x10"] {
        let (base, mock) = start().await;
        mock.push(Canned::json(503, json!({})).header("retry-after", value));
        mock.push(Canned::json(200, cluster_json()));
        let got = token_builder(&base)
            .build()
            .expect("client")
            .clusters()
            .get(CLUSTER)
            .await;
        assert!(got.is_ok(), "{value:?}: {got:?}");
        assert_eq!(mock.hits("/v1/"), 2, "{value:?}");
    }
}

#[tokio::test]
async fn a_huge_waiter_interval_does_not_panic() {
    let (base, mock) = start().await;
    mock.push(Canned::json(200, json!({"status": {"phase": "Running"}})));
    mock.push(Canned::json(200, json!({"status": {"phase": "Success"}})));
    let options = ucs_sdk::WaitOptions {
        timeout: Duration::from_millis(100),
        initial_interval: Duration::MAX,
        max_interval: Duration::MAX,
    };
    let client = token_builder(&base).build().expect("client");
    // The sleep is bounded by the timeout; growing the interval after it must not overflow.
    let job = client
        .fleets()
        .wait_federation("f1", &options, |_| {})
        .await
        .expect("second poll succeeds");
    assert!(job.is_success());
    assert_eq!(mock.hits("/v1/"), 2);
}

// ---- 2. redirects are never followed ----

#[tokio::test]
async fn redirects_are_not_followed_and_name_the_location() {
    let (base, mock) = start().await;
    let (elsewhere, other) = start().await;
    let target = format!("{elsewhere}/v1/clusters/{CLUSTER}");
    mock.push(Canned::json(302, json!({})).header("location", &target));
    let client = Client::builder()
        .endpoint(&base)
        .credentials(Credentials::temporary("AK", "SK", "STS-SECRET"))
        .domain_id("d")
        .retry_policy(fast(3))
        .build()
        .expect("client");
    let err = client.clusters().get(CLUSTER).await.expect_err("302");
    match &err {
        Error::Redirect {
            status, location, ..
        } => assert_eq!((*status, location.as_str()), (302, target.as_str())),
        other => panic!("not a redirect error: {other:?}"),
    }
    assert!(err.to_string().contains(&target), "{err}");

    let post_target = format!("{elsewhere}/v1/permissions/rules");
    mock.push(Canned::json(307, json!({})).header("location", &post_target));
    let body = CreateRule {
        metadata: NameMeta { name: "r1".into() },
        spec: RuleSpec {
            rule_type: Some("admin".into()),
            ..Default::default()
        },
    };
    let err = token_builder(&base)
        .build()
        .expect("client")
        .rules()
        .create(&body)
        .await
        .expect_err("307");
    assert!(
        matches!(&err, Error::Redirect { status: 307, location, .. } if *location == post_target),
        "{err:?}"
    );
    assert_eq!(err.status(), Some(307));
    assert!(other.seen().is_empty(), "the other host received a request");
    assert_eq!(mock.hits("/v1/"), 2, "a redirect was retried");
}

// ---- 3. bounded bodies ----

#[tokio::test]
async fn an_endless_success_body_stops_at_the_cap() {
    let (base, _written, mut done) = endless(200).await;
    let client = token_builder(&base)
        .max_response_bytes(1 << 20)
        .attempt_timeout(Duration::from_secs(30))
        .build()
        .expect("client");
    let err = client.clusters().get(CLUSTER).await.expect_err("too large");
    assert!(matches!(err, Error::Decode { status: 200, .. }), "{err:?}");
    assert!(
        err.to_string()
            .contains("max_response_bytes (1048576 bytes)"),
        "{err}"
    );
    let total = done.recv().await.expect("server finished");
    // What the server got out before the client hung up: the cap plus socket buffers.
    assert!(total < 32 << 20, "the client read {total} bytes");
    eprintln!("endless body: client stopped after the server wrote {total} bytes");
}

#[tokio::test]
async fn an_endless_error_body_still_gives_the_service_error() {
    let (base, _written, mut done) = endless(500).await;
    let client = token_builder(&base)
        .max_retries(0)
        .attempt_timeout(Duration::from_secs(30))
        .build()
        .expect("client");
    let err = client.clusters().get(CLUSTER).await.expect_err("500");
    assert_eq!(err.status(), Some(500), "{err:?}");
    assert!(err.api().is_some_and(|a| a.message.len() <= 512));
    let total = done.recv().await.expect("server finished");
    assert!(total < 32 << 20, "the client read {total} bytes");
}

#[tokio::test]
async fn a_content_length_past_the_cap_is_refused_up_front() {
    let (base, _) = raw_server(|mut s| async move {
        read_head(&mut s).await;
        let head = "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 10737418240\r\n\r\n[";
        let _ = s.write_all(head.as_bytes()).await;
        // Hold the connection open: only the header may decide.
        let mut sink = [0u8; 64];
        while matches!(s.read(&mut sink).await, Ok(n) if n > 0) {}
    })
    .await;
    let client = token_builder(&base)
        .attempt_timeout(Duration::from_secs(30))
        .build()
        .expect("client");
    let err = client.clusters().get(CLUSTER).await.expect_err("too large");
    assert!(
        matches!(&err, Error::Decode { message, .. } if message.contains("max_response_bytes")),
        "{err:?}"
    );
}

// ---- 4. dot-segment ids ----

#[tokio::test]
async fn dot_segment_ids_are_refused_before_signing() {
    let (base, mock) = start().await;
    let client = Client::builder()
        .endpoint(&base)
        .credentials(Credentials::aksk("AK", "SK"))
        .domain_id("d")
        .karmada_endpoint(format!("{base}/karmada/{{fleet}}"))
        .build()
        .expect("client");
    for id in [".", "..", "", "..."] {
        let refused = |e: Error, field: &str| {
            assert!(
                matches!(&e, Error::InvalidArgument { field: f, .. } if f == field),
                "{id:?}: {e:?}"
            );
        };
        refused(client.fleets().delete(id).await.expect_err(id), "fleet_id");
        refused(client.fleets().get(id).await.expect_err(id), "fleet_id");
        refused(client.rules().delete(id).await.expect_err(id), "rule_id");
        let update = UpdateRule::default();
        refused(
            client.rules().update(id, &update).await.expect_err(id),
            "rule_id",
        );
    }
    // The last line: a path the URL parser would change is never sent.
    let k = client.karmada("fleet-a", "BEARER").expect("karmada");
    let err = k
        .delete("api/v1/../../../v1/clustergroups/x")
        .await
        .expect_err("dots");
    assert!(
        matches!(&err, Error::InvalidArgument { field, .. } if field == "path"),
        "{err:?}"
    );
    assert!(mock.seen().is_empty(), "a refused id reached the server");
}

// ---- 5. retry budget and deadlines ----

#[tokio::test]
async fn the_retry_budget_runs_out_across_calls() {
    let (base, mock) = start().await;
    for _ in 0..300 {
        mock.push(Canned::json(503, json!({"error_code": "UCS.01000006"})));
    }
    let client = token_builder(&base)
        .retry_policy(RetryPolicy {
            max_retries: 3,
            base_delay: Duration::from_millis(1),
            max_delay: Duration::from_millis(2),
        })
        .build()
        .expect("client");
    for _ in 0..40 {
        let err = client
            .clusters()
            .supported_versions()
            .await
            .expect_err("503");
        assert_eq!(err.code(), Some("UCS.01000006"));
    }
    // 500 tokens at 5 a retry: 100 retries in all (33 calls x 3 + 1), then first attempts only.
    assert_eq!(mock.hits("/v1/"), 40 + 100);
    let clone = client.clone();
    clone
        .clusters()
        .supported_versions()
        .await
        .expect_err("503");
    assert_eq!(mock.hits("/v1/"), 141, "clones share the budget");
}

#[tokio::test]
async fn a_deadline_during_backoff_returns_the_last_service_error() {
    let (base, mock) = start().await;
    mock.push(
        Canned::json(
            503,
            json!({"error_code": "UCS.01000006", "error_msg": "busy"}),
        )
        .header("retry-after", "2")
        .header("x-request-id", "rid-last"),
    );
    let client = token_builder(&base)
        .call_timeout(Duration::from_millis(500))
        .build()
        .expect("client");
    let err = client.clusters().get(CLUSTER).await.expect_err("503");
    assert_eq!(err.code(), Some("UCS.01000006"), "{err:?}");
    assert_eq!(err.request_id(), Some("rid-last"));
    assert_eq!(mock.hits("/v1/"), 1);
}

#[tokio::test]
async fn a_retry_after_longer_than_max_delay_is_not_cut_short() {
    let (base, mock) = start().await;
    mock.push(Canned::json(429, json!({"error_code": "UCS.01000002"})).header("retry-after", "60"));
    let err = token_builder(&base)
        .build()
        .expect("client")
        .clusters()
        .get(CLUSTER)
        .await
        .expect_err("throttled");
    assert!(err.is_throttled(), "{err:?}");
    assert_eq!(
        err.api().and_then(|a| a.retry_after),
        Some(Duration::from_secs(60))
    );
    assert_eq!(mock.hits("/v1/"), 1, "retried before Retry-After");
}

#[test]
fn a_call_deadline_is_set_by_default_and_can_be_removed() {
    let c = Client::builder().build().expect("client");
    assert_eq!(c.config().timeouts.call, Some(Duration::from_secs(120)));
    let c = Client::builder()
        .call_deadline(None)
        .build()
        .expect("client");
    assert_eq!(c.config().timeouts.call, None);
}

// ---- 6. one-shot requests ----

#[tokio::test]
async fn access_info_is_not_retried_after_a_503() {
    let (base, mock) = start().await;
    mock.push(Canned::json(503, json!({"error_code": "UCS.01000006"})));
    let err = token_builder(&base)
        .build()
        .expect("client")
        .clusters()
        .access_info(CLUSTER, &AccessInfoQuery::default())
        .await
        .expect_err("503");
    assert_eq!(err.status(), Some(503));
    assert_eq!(mock.hits("/v1/"), 1, "access_info was sent twice");
}

#[tokio::test]
async fn access_info_is_not_retried_after_a_dropped_response() {
    let (base, conns) = raw_server(|mut s| async move {
        read_head(&mut s).await;
        // The request arrived; the answer is lost.
    })
    .await;
    let client = token_builder(&base).build().expect("client");
    let err = client
        .clusters()
        .access_info(CLUSTER, &AccessInfoQuery::default())
        .await
        .expect_err("dropped");
    assert!(matches!(err, Error::Connection { .. }), "{err:?}");
    assert_eq!(
        conns.load(Ordering::SeqCst),
        1,
        "access_info was sent twice"
    );
    // An ordinary GET is still retried after the same failure.
    client.clusters().get(CLUSTER).await.expect_err("dropped");
    assert_eq!(conns.load(Ordering::SeqCst), 1 + 4);
}

// ---- 7. tokens ----

fn password_client(base: &str) -> Client {
    Client::builder()
        .endpoint(base)
        .iam_endpoint(base)
        .credentials(Credentials::password("alice", "pw-secret", "acct"))
        .retry_policy(fast(3))
        .build()
        .expect("client")
}

fn token_answer(token: &str, expires_at: &str) -> Canned {
    Canned::json(201, json!({"token": {"expires_at": expires_at}}))
        .header("x-subject-token", token)
        .for_path("/v3/auth/tokens")
}

#[tokio::test]
async fn concurrent_401s_cause_one_relogin() {
    let (base, mock) = start().await;
    let later = "2099-01-01T00:00:00.000000Z";
    mock.push(token_answer("TOKEN-ONE", later));
    let client = password_client(&base);
    client.clusters().supported_versions().await.expect("first");
    assert_eq!(mock.hits("/v3/auth/tokens"), 1);
    for _ in 0..10 {
        mock.push(
            Canned::json(401, json!({"error_code": "UCS.01000003"}))
                .for_path("/v1/")
                .when_header("x-auth-token", "TOKEN-ONE"),
        );
    }
    // Enough answers for a re-login per 401, so extra ones would be counted, not fail.
    for _ in 0..10 {
        mock.push(token_answer("TOKEN-TWO", later));
    }
    let calls = (0..10).map(|_| {
        let c = client.clone();
        async move { c.clusters().supported_versions().await }
    });
    for r in futures_util::future::join_all(calls).await {
        r.expect("call after refresh");
    }
    assert_eq!(mock.hits("/v3/auth/tokens"), 2, "one re-login for ten 401s");
}

#[tokio::test]
async fn a_past_expires_at_is_not_cached() {
    let (base, mock) = start().await;
    for _ in 0..2 {
        mock.push(token_answer("TOKEN-OLD", "2000-01-01T00:00:00Z"));
    }
    let client = password_client(&base);
    for _ in 0..2 {
        client.clusters().supported_versions().await.expect("call");
    }
    assert_eq!(
        mock.hits("/v3/auth/tokens"),
        2,
        "an expired token was cached"
    );
}

#[tokio::test]
async fn iam_lookups_are_retried_once_in_all() {
    let (base, mock) = start().await;
    for _ in 0..20 {
        mock.push(
            Canned::json(503, json!({"error_code": "IAM.0001"})).for_path("/v3/auth/domains"),
        );
    }
    let client = Client::builder()
        .endpoint(&base)
        .iam_endpoint(&base)
        .credentials(Credentials::aksk("AK", "SK"))
        .retry_policy(fast(3))
        .build()
        .expect("client");
    let err = client
        .clusters()
        .supported_versions()
        .await
        .expect_err("IAM down");
    assert_eq!(err.code(), Some("IAM.0001"));
    // One attempt and one retry of the lookup, not max_retries inside each outer attempt.
    assert_eq!(mock.hits("/v3/auth/domains"), 2);
    assert_eq!(mock.hits("/v1/"), 0);
}

// ---- 10. region and Debug ----

#[test]
fn region_is_validated_at_build_time() {
    for bad in [
        "x.evil.com/#",
        "CN-NORTH-4",
        "cn--north",
        "-cn",
        "cn-",
        "",
        "cn north",
    ] {
        let err = Client::builder().region(bad).build().expect_err(bad);
        assert!(
            matches!(&err, Error::InvalidArgument { field, .. } if field == "region"),
            "{bad:?}: {err:?}"
        );
    }
    assert!(Client::builder().region("a".repeat(65)).build().is_err());
    for good in ["cn-north-4", "ap-southeast-1", "la-south-2"] {
        Client::builder().region(good).build().expect(good);
    }
}

#[test]
fn config_debug_hides_proxy_credentials() {
    let c = Client::builder()
        .proxy("http://puser:pr0xy-pass@proxy.local:3128")
        .credentials(Credentials::aksk("AK", "VERYSECRET"))
        .build()
        .expect("client");
    let text = format!("{:?}", c.config());
    assert!(
        !text.contains("pr0xy-pass") && !text.contains("puser"),
        "{text}"
    );
    assert!(!text.contains("VERYSECRET"), "{text}");
    assert!(text.contains("proxy.local:3128"), "{text}");
}
