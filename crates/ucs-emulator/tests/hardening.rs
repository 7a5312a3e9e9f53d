//! Crash safety and resource limits: bad Karmada metadata, bodies refused before they are read,
//! header timeout, connection cap, control token, state file mode and durability, revocation.

mod common;

use std::time::Duration;

use chrono::Utc;
use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use ucs_emulator::{EmulatorConfig, DEMO_AK, DEMO_DOMAIN_NAME, DEMO_PASSWORD, DEMO_USER};
use ucs_sdk::auth::signer::{authorization, format_sdk_date, SignableRequest};

use common::open;

/// A safety net only: every read below ends by itself when the feature works.
const SAFETY: Duration = Duration::from_secs(60);

/// Reads until the server closes the connection; a reset counts as closed too.
async fn read_until_closed(stream: &mut TcpStream) -> String {
    let mut out = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        match tokio::time::timeout(SAFETY, stream.read(&mut buf)).await {
            Err(_) => panic!(
                "the server kept the connection open; got so far: {:?}",
                String::from_utf8_lossy(&out)
            ),
            Ok(Ok(0)) | Ok(Err(_)) => return String::from_utf8_lossy(&out).into_owned(),
            Ok(Ok(n)) => out.extend_from_slice(&buf[..n]),
        }
    }
}

/// Sends one keep-alive request and reads exactly its answer (headers plus Content-Length).
async fn exchange(stream: &mut TcpStream, request: &str) -> String {
    stream.write_all(request.as_bytes()).await.expect("sent");
    let mut out = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        let text = String::from_utf8_lossy(&out).into_owned();
        if let Some(end) = text.find("\r\n\r\n") {
            let length = text[..end]
                .lines()
                .find_map(|l| {
                    let (k, v) = l.split_once(':')?;
                    k.eq_ignore_ascii_case("content-length")
                        .then(|| v.trim().parse::<usize>().ok())
                        .flatten()
                })
                .unwrap_or(0);
            if out.len() >= end + 4 + length {
                return text;
            }
        }
        let n = tokio::time::timeout(SAFETY, stream.read(&mut buf))
            .await
            .expect("answered in time")
            .expect("read");
        assert!(n > 0, "closed before a full answer: {text:?}");
        out.extend_from_slice(&buf[..n]);
    }
}

fn host_of(base: &str) -> String {
    base.trim_start_matches("http://").to_owned()
}

#[tokio::test]
async fn karmada_metadata_that_is_not_an_object_gets_4xx_and_the_server_keeps_serving() {
    let raw = open(EmulatorConfig::default()).await;
    let fleet = raw.fleet("fuzzed", &[]).await;
    let enabled = raw
        .send(
            "POST",
            &format!("/v1/clustergroups/{fleet}/federations"),
            None,
        )
        .await;
    assert_eq!(enabled.status, 201, "{}", enabled.body);
    let collection = "/karmada/fuzzed/api/v1/namespaces/default/configmaps";
    let created = raw
        .post(
            collection,
            json!({"kind": "ConfigMap", "metadata": {"name": "cm"}}),
        )
        .await;
    assert_eq!(created.status, 201, "{}", created.body);
    for method in ["PUT", "PATCH"] {
        for metadata in [json!(5), json!("x"), json!([1])] {
            let a = raw
                .send(
                    method,
                    &format!("{collection}/cm"),
                    Some(json!({"kind": "ConfigMap", "metadata": metadata})),
                )
                .await;
            assert_eq!(a.status, 422, "{method} metadata {metadata}: {}", a.body);
            assert_eq!(a.body["kind"], "Status");
            assert_eq!(a.body["reason"], "Invalid");
        }
    }
    let refused = raw.post(collection, json!({"metadata": 5})).await;
    assert!((400..500).contains(&refused.status), "{}", refused.body);
    let still = raw.get(&format!("{collection}/cm")).await;
    assert_eq!(
        (still.status, &still.body["metadata"]["name"]),
        (200, &json!("cm"))
    );
    assert_eq!(raw.emu.panics_caught(), 0);
}

/// Headers of a `POST /v1/clusters` signed with `sk` (the body is never sent).
fn signed_head(base: &str, sk: &str, length: usize, content_hash: Option<&str>) -> String {
    let host = host_of(base);
    let date = format_sdk_date(Utc::now());
    let mut headers = vec![
        ("Content-Type".to_owned(), "application/json".to_owned()),
        ("Host".to_owned(), host.clone()),
        ("X-Sdk-Date".to_owned(), date.clone()),
    ];
    if let Some(hash) = content_hash {
        headers.push(("X-Sdk-Content-Sha256".to_owned(), hash.to_owned()));
    }
    let auth = authorization(
        DEMO_AK,
        sk,
        &SignableRequest {
            method: "POST",
            path: "/v1/clusters",
            query: &[],
            headers: &headers,
            body: b"{}",
        },
        &date,
    );
    let mut head = "POST /v1/clusters HTTP/1.1\r\n".to_owned();
    for (k, v) in &headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str(&format!(
        "Authorization: {auth}\r\nContent-Length: {length}\r\n\r\n"
    ));
    head
}

#[tokio::test]
async fn a_badly_signed_big_body_is_refused_before_it_is_read() {
    let emu = ucs_emulator::start(EmulatorConfig::default())
        .await
        .expect("start");
    let ten_mib = 10 * 1024 * 1024;
    // No declared hash: the body would enter the signature, so it is capped at the small
    // unauthenticated limit, refused from its Content-Length alone.
    let hash = "a".repeat(64);
    for (content_hash, expected) in [(None, "413"), (Some(hash.as_str()), "401")] {
        let mut stream = TcpStream::connect(emu.addr()).await.expect("connect");
        let head = signed_head(&emu.base_url(), "wrong-secret", ten_mib, content_hash);
        stream
            .write_all(head.as_bytes())
            .await
            .expect("headers sent");
        // Not one byte of the 10 MiB is sent: an answer proves the server did not wait for it.
        let answer = read_until_closed(&mut stream).await;
        assert!(
            answer.starts_with(&format!("HTTP/1.1 {expected}")),
            "hash {content_hash:?}: {answer:?}"
        );
        assert!(
            answer.to_ascii_lowercase().contains("connection: close"),
            "{answer}"
        );
    }
    // Over the server's largest body, whatever the credentials.
    let mut stream = TcpStream::connect(emu.addr()).await.expect("connect");
    let head = signed_head(&emu.base_url(), "wrong-secret", 64 * 1024 * 1024, None);
    stream.write_all(head.as_bytes()).await.expect("sent");
    assert!(read_until_closed(&mut stream)
        .await
        .starts_with("HTTP/1.1 413"));
    emu.shutdown().await;
}

#[tokio::test]
async fn a_body_whose_hash_is_signed_may_exceed_the_unauthenticated_limit() {
    use sha2::Digest;
    let emu = ucs_emulator::start(EmulatorConfig {
        max_unauthenticated_body: 1024,
        ..Default::default()
    })
    .await
    .expect("start");
    let base = emu.base_url();
    let mut cluster = common::cluster_body("big");
    cluster["metadata"]["labels"] = json!({"padding": "p".repeat(4000)});
    let body = serde_json::to_vec(&cluster).expect("json");
    let hash = hex::encode(sha2::Sha256::digest(&body));
    let send = |with_hash: bool, sk: &'static str| {
        let (body, hash, base) = (body.clone(), hash.clone(), base.clone());
        async move {
            let date = format_sdk_date(Utc::now());
            let mut headers = vec![
                ("Content-Type".to_owned(), "application/json".to_owned()),
                ("Host".to_owned(), host_of(&base)),
                ("X-Sdk-Date".to_owned(), date.clone()),
            ];
            if with_hash {
                headers.push(("X-Sdk-Content-Sha256".to_owned(), hash));
            }
            let auth = authorization(
                DEMO_AK,
                sk,
                &SignableRequest {
                    method: "POST",
                    path: "/v1/clusters",
                    query: &[],
                    headers: &headers,
                    body: &body,
                },
                &date,
            );
            let mut req = reqwest::Client::new()
                .post(format!("{base}/v1/clusters"))
                .header("Authorization", auth)
                .body(body);
            for (k, v) in headers.iter().filter(|(k, _)| k != "Host") {
                req = req.header(k, v);
            }
            req.send().await.expect("answered").status().as_u16()
        }
    };
    // Signed over the body itself: read before auth, so the small limit applies.
    assert_eq!(send(false, ucs_emulator::DEMO_SK).await, 413);
    // Signed over the declared hash: checked first, then the normal limit.
    let status = send(true, ucs_emulator::DEMO_SK).await;
    assert!(status != 413 && status != 401, "got {status}");
    assert_eq!(send(true, "wrong").await, 401);
    emu.shutdown().await;
}

#[tokio::test]
async fn a_connection_that_never_finishes_its_headers_is_closed() {
    let raw = open(EmulatorConfig {
        header_read_timeout: Duration::from_millis(200),
        ..Default::default()
    })
    .await;
    let mut stream = TcpStream::connect(raw.emu.addr()).await.expect("connect");
    stream
        .write_all(b"GET /v1/clusters HTTP/1.1\r\nHost: x\r\n")
        .await
        .expect("partial headers");
    let answer = read_until_closed(&mut stream).await;
    assert!(!answer.contains("200 OK"), "{answer}");
}

#[tokio::test]
async fn connections_beyond_the_cap_are_closed() {
    let raw = open(EmulatorConfig {
        max_connections: 2,
        ..Default::default()
    })
    .await;
    let request = "GET /v1/config/registeredclusterversions HTTP/1.1\r\nHost: x\r\n\r\n";
    let mut held = Vec::new();
    for _ in 0..2 {
        let mut stream = TcpStream::connect(raw.emu.addr()).await.expect("connect");
        assert!(exchange(&mut stream, request)
            .await
            .starts_with("HTTP/1.1 200"));
        held.push(stream);
    }
    let mut third = TcpStream::connect(raw.emu.addr()).await.expect("connect");
    let _ = third.write_all(request.as_bytes()).await;
    assert_eq!(read_until_closed(&mut third).await, "");
    // The held ones still work.
    for stream in &mut held {
        assert!(exchange(stream, request).await.starts_with("HTTP/1.1 200"));
    }
}

#[tokio::test]
async fn the_control_endpoints_need_the_token_when_one_is_set() {
    let raw = open(EmulatorConfig {
        control_token: Some("ctl-s3cret".into()),
        ..Default::default()
    })
    .await;
    assert_eq!(raw.emu.control_token(), Some("ctl-s3cret"));
    let url = format!("{}/_emulator/state", raw.base);
    for token in [None, Some("wrong"), Some("")] {
        let mut req = raw.http.get(&url);
        if let Some(t) = token {
            req = req.header("X-Emulator-Token", t);
        }
        let resp = req.send().await.expect("answer");
        assert_eq!(resp.status().as_u16(), 401, "token {token:?}");
    }
    let reset = raw
        .http
        .post(format!("{}/_emulator/reset", raw.base))
        .send()
        .await
        .expect("answer");
    assert_eq!(reset.status().as_u16(), 401);
    let ok = raw
        .http
        .get(&url)
        .header("X-Emulator-Token", "ctl-s3cret")
        .send()
        .await
        .expect("answer");
    assert_eq!(ok.status().as_u16(), 200);
    // The API itself is not affected.
    assert_eq!(
        raw.get("/v1/config/registeredclusterversions").await.status,
        200
    );
    let config = EmulatorConfig {
        control_token: Some("ctl-s3cret".into()),
        ..Default::default()
    };
    assert!(!format!("{config:?}").contains("s3cret"));
}

#[cfg(unix)]
#[tokio::test]
async fn the_state_file_is_private() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("state.json");
    let raw = open(EmulatorConfig {
        state_file: Some(path.clone()),
        ..Default::default()
    })
    .await;
    raw.cluster("c1").await;
    let mode = std::fs::metadata(&path)
        .expect("state file")
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600, "mode {mode:o}");
}

#[tokio::test]
async fn a_change_the_state_file_did_not_take_is_not_a_success() {
    let dir = tempfile::tempdir().expect("tempdir");
    let sub = dir.path().join("gone");
    std::fs::create_dir(&sub).expect("mkdir");
    let raw = open(EmulatorConfig {
        state_file: Some(sub.join("state.json")),
        ..Default::default()
    })
    .await;
    raw.cluster("saved").await;
    std::fs::remove_dir_all(&sub).expect("rm");
    let a = raw
        .post("/v1/clusters", common::cluster_body("unsaved"))
        .await;
    assert_eq!((a.status, a.code()), (500, "UCS.01000006"), "{}", a.body);
    // Reads still work.
    assert_eq!(raw.get("/v1/clusters").await.status, 200);
}

/// An IAM token for the demo user.
async fn iam_token(http: &reqwest::Client, base: &str) -> reqwest::Response {
    http.post(format!("{base}/v3/auth/tokens"))
        .json(&json!({"auth": {"identity": {"methods": ["password"], "password": {"user": {
            "name": DEMO_USER, "password": DEMO_PASSWORD, "domain": {"name": DEMO_DOMAIN_NAME}}}}}}))
        .send()
        .await
        .expect("answer")
}

#[tokio::test]
async fn kubeconfig_tokens_are_revoked_with_the_federation_and_the_fleet() {
    let emu = ucs_emulator::start(EmulatorConfig {
        federation_duration: Duration::ZERO,
        ..Default::default()
    })
    .await
    .expect("start");
    let (base, http) = (emu.base_url(), reqwest::Client::new());
    let iam = iam_token(&http, &base).await;
    let token = iam
        .headers()
        .get("x-subject-token")
        .and_then(|v| v.to_str().ok())
        .expect("token")
        .to_owned();
    let call = |method: &str, path: &str, body: Option<Value>| {
        let mut req = http
            .request(
                reqwest::Method::from_bytes(method.as_bytes()).expect("method"),
                format!("{base}{path}"),
            )
            .header("X-Auth-Token", &token);
        if let Some(b) = body {
            req = req.json(&b);
        }
        async move {
            let resp = req.send().await.expect("answer");
            let status = resp.status().as_u16();
            (status, resp.json::<Value>().await.unwrap_or_default())
        }
    };
    let gateway = |bearer: String| {
        let req = http
            .get(format!("{base}/karmada/blue/api/v1/namespaces"))
            .bearer_auth(bearer);
        async move { req.send().await.expect("answer").status().as_u16() }
    };
    let (status, body) = call(
        "POST",
        "/v1/clustergroups",
        Some(json!({"metadata": {"name": "blue"}})),
    )
    .await;
    assert_eq!(status, 201, "{body}");
    let fleet = body["uid"].as_str().expect("uid").to_owned();
    let federations = format!("/v1/clustergroups/{fleet}/federations");
    let kubeconfig = || async {
        // The download needs a federation connection (reference 3.2.16).
        let network = json!({"projectID": "p", "vpcID": "v", "subnetID": "s"});
        let connection = format!("/v1/clustergroups/{fleet}/connection");
        assert_eq!(call("POST", &connection, Some(network)).await.0, 201);
        let (status, body) = call(
            "POST",
            &format!("/v1/clustergroups/{fleet}/kubeconfig"),
            Some(json!({"duration": 1})),
        )
        .await;
        assert_eq!(status, 201, "{body}");
        body["users"][0]["user"]["token"]
            .as_str()
            .expect("bearer")
            .to_owned()
    };
    assert_eq!(call("POST", &federations, None).await.0, 201);
    let first = kubeconfig().await;
    assert_eq!(gateway(first.clone()).await, 200);
    assert_eq!(call("DELETE", &federations, None).await.0, 200);
    assert_eq!(gateway(first.clone()).await, 401, "after disabling");
    assert_eq!(call("POST", &federations, None).await.0, 201);
    assert_eq!(gateway(first).await, 401, "after enabling again");
    let second = kubeconfig().await;
    assert_eq!(gateway(second.clone()).await, 200);
    // A federated fleet is not deleted (UCS.01080002), so its kubeconfig keeps working.
    let fleet_path = format!("/v1/clustergroups/{fleet}");
    let refused = call("DELETE", &fleet_path, None).await;
    assert_eq!(
        (refused.0, refused.1["error_code"].as_str()),
        (400, Some("UCS.01080002"))
    );
    assert_eq!(gateway(second.clone()).await, 200, "after a refused delete");
    assert_eq!(call("DELETE", &federations, None).await.0, 200);
    assert_eq!(call("DELETE", &fleet_path, None).await.0, 200);
    assert_eq!(gateway(second.clone()).await, 401, "after deleting");
    // A new fleet of the same name is not opened by the old token.
    let (_, body) = call(
        "POST",
        "/v1/clustergroups",
        Some(json!({"metadata": {"name": "blue"}})),
    )
    .await;
    let again = body["uid"].as_str().expect("uid").to_owned();
    assert_eq!(
        call(
            "POST",
            &format!("/v1/clustergroups/{again}/federations"),
            None
        )
        .await
        .0,
        201
    );
    assert_eq!(gateway(second).await, 401, "same name, new fleet");
    emu.shutdown().await;
}

#[tokio::test]
async fn expired_iam_tokens_are_pruned() {
    let emu = ucs_emulator::start(EmulatorConfig {
        iam_token_ttl: Duration::ZERO,
        ..Default::default()
    })
    .await
    .expect("start");
    let (base, http) = (emu.base_url(), reqwest::Client::new());
    let mut last = String::new();
    for _ in 0..5 {
        let resp = iam_token(&http, &base).await;
        assert_eq!(resp.status().as_u16(), 201);
        last = resp
            .headers()
            .get("x-subject-token")
            .and_then(|v| v.to_str().ok())
            .expect("token")
            .to_owned();
    }
    let state: Value = http
        .get(format!("{base}/_emulator/state"))
        .send()
        .await
        .expect("state")
        .json()
        .await
        .expect("json");
    assert_eq!(state["iam_tokens"], 1, "only the newest is kept");
    let refused = http
        .get(format!("{base}/v1/clusters"))
        .header("X-Auth-Token", last)
        .send()
        .await
        .expect("answer");
    assert_eq!(refused.status().as_u16(), 401);
    emu.shutdown().await;
}
