//! Federated credentials (`HUAWEICLOUD_SDK_IDP_ID` + `HUAWEICLOUD_SDK_ID_TOKEN_FILE`) as the
//! official `FederalAccessor` uses them: the id token file exchanged for an unscoped token, that
//! for a temporary key signing the calls, the file read again at every refresh.

mod support;

use std::collections::HashMap;
use std::path::PathBuf;
use std::time::Duration;

use base64::Engine as _;
use serde_json::json;
use support::{start, Canned};
use ucs_sdk::models::*;
use ucs_sdk::{Client, ClientBuilder, Error};

/// A directory removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(tag: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("ucs-federated-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir");
        Self(dir)
    }

    fn write(&self, name: &str, text: &str) -> String {
        let path = self.0.join(name);
        std::fs::write(&path, text).expect("write");
        path.display().to_string()
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// An id token shaped as a JWT (the emulator does not check its signature).
fn jwt(sub: &str, exp: i64) -> String {
    let part = |v: serde_json::Value| {
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(v.to_string().as_bytes())
    };
    format!(
        "{}.{}.{}",
        part(json!({"alg": "RS256", "typ": "JWT"})),
        part(json!({"sub": sub, "exp": exp, "iss": "https://idp.example"})),
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(b"not-a-real-signature")
    )
}

fn far_future() -> i64 {
    chrono::Utc::now().timestamp() + 3600
}

/// `from_env_with` over exactly these variables (no HOME: no profile file is read).
fn client_from(vars: &[(&str, &str)]) -> ucs_sdk::Result<Client> {
    let map: HashMap<String, String> = vars
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
    ClientBuilder::new()
        .max_retries(0)
        .from_env_with(|k| map.get(k).cloned())
        .and_then(ClientBuilder::build)
}

async fn emulator() -> ucs_emulator::Emulator {
    ucs_emulator::start(ucs_emulator::EmulatorConfig {
        federation_duration: Duration::ZERO,
        ..Default::default()
    })
    .await
    .expect("emulator")
}

/// Makes the emulator answer the next UCS call 401, as for a revoked key.
async fn next_call_unauthorized(base: &str) {
    reqwest::Client::new()
        .post(format!("{base}/_emulator/faults/next"))
        .json(&json!([{"status": 401, "error_code": "UCS.01000003", "path_prefix": "/v1/"}]))
        .send()
        .await
        .expect("fault")
        .error_for_status()
        .expect("fault accepted");
}

/// End to end: the variables alone give a client that lists clusters, resolves its account and
/// project through IAM with the temporary key, and calls HSS.
#[tokio::test]
async fn idp_id_and_id_token_file_from_the_environment_reach_the_emulator() {
    let emu = emulator().await;
    let base = emu.base_url();
    let dir = TempDir::new("env");
    let token = jwt("ci-job", far_future());
    let file = dir.write("token", &format!("{token}\n"));
    let client = client_from(&[
        ("HUAWEICLOUD_SDK_IDP_ID", ucs_emulator::DEMO_IDP_ID),
        ("HUAWEICLOUD_SDK_ID_TOKEN_FILE", &file),
        ("UCS_ENDPOINT", &base),
        ("UCS_HSS_ENDPOINT", &base),
        ("HUAWEICLOUD_SDK_IAM_ENDPOINT", &base),
        ("UCS_REGION", "cn-north-4"),
    ])
    .expect("client");
    let page = client
        .clusters()
        .list(&ListClustersQuery::default())
        .await
        .expect("UCS call signed with the federated temporary key");
    assert!(page.items.is_empty());
    assert_eq!(
        client.iam().domain_id().await.expect("domain id"),
        ucs_emulator::DEMO_DOMAIN_ID
    );
    assert_eq!(
        client.iam().project_id().await.expect("project id"),
        ucs_emulator::DEMO_PROJECT_ID
    );
    support::calls::create_hss_cluster(&client).await;
    let debug = format!("{client:?}");
    assert!(debug.contains(&file) && !debug.contains(&token), "{debug}");
    emu.shutdown().await;
}

/// A refresh forced by a 401 reads the file again: a rotated-in expired token is refused by
/// IAM, the next valid one works.
#[tokio::test]
async fn a_rotated_token_file_is_read_again_on_refresh() {
    let emu = emulator().await;
    let base = emu.base_url();
    let dir = TempDir::new("rotate");
    let file = dir.write("token", &jwt("first", far_future()));
    let client = client_from(&[
        ("HUAWEICLOUD_SDK_IDP_ID", ucs_emulator::DEMO_IDP_ID),
        ("HUAWEICLOUD_SDK_ID_TOKEN_FILE", &file),
        ("HUAWEICLOUD_SDK_DOMAIN_ID", ucs_emulator::DEMO_DOMAIN_ID),
        ("UCS_ENDPOINT", &base),
        ("HUAWEICLOUD_SDK_IAM_ENDPOINT", &base),
    ])
    .expect("client");
    let list = || async { client.clusters().list(&ListClustersQuery::default()).await };
    list().await.expect("first key");
    let expired = jwt("expired", chrono::Utc::now().timestamp() - 60);
    dir.write("token", &expired);
    // Still cached: the file is not read before a refresh is due.
    list().await.expect("cached key");
    next_call_unauthorized(&base).await;
    let err = list().await.expect_err("the expired id token is refused");
    assert_eq!(err.status(), Some(401), "{err}");
    assert!(err.to_string().contains("expired"), "{err}");
    assert!(!err.to_string().contains(&expired), "{err}");
    dir.write("token", &jwt("second", far_future()));
    list().await.expect("the rotated token is read");
    emu.shutdown().await;
}

/// The requests are the official SDK's, byte for byte where it matters.
#[tokio::test]
async fn the_exchange_follows_the_official_federal_accessor() {
    let (base, mock) = start().await;
    let dir = TempDir::new("mock");
    let file = dir.write("token", "  ID-TOKEN-ONE \n");
    let exchange = |unscoped: &'static str, ak: &str, st: &str| {
        mock.push(
            Canned::json(
                201,
                json!({"token": {"expires_at": "2099-01-01T00:00:00.000000Z"}}),
            )
            .header("x-subject-token", unscoped)
            .for_path("/v3.0/OS-AUTH/id-token/tokens"),
        );
        mock.push(
            Canned::json(
                201,
                json!({"credential": {"access": ak, "secret": "tmp-secret", "securitytoken": st,
                                      "expires_at": "2099-01-01T00:00:00.000000Z"}}),
            )
            .for_path("/v3.0/OS-CREDENTIAL/securitytokens"),
        );
    };
    exchange("UNSCOPED-ONE", "TMPAKONE", "ST-ONE");
    let client = client_from(&[
        ("HUAWEICLOUD_SDK_IDP_ID", "my-idp"),
        ("HUAWEICLOUD_SDK_ID_TOKEN_FILE", &file),
        ("HUAWEICLOUD_SDK_DOMAIN_ID", "dom-1"),
        ("UCS_ENDPOINT", &base),
        ("HUAWEICLOUD_SDK_IAM_ENDPOINT", &base),
    ])
    .expect("client");
    for _ in 0..3 {
        client.clusters().supported_versions().await.expect("call");
    }
    assert_eq!(mock.hits("/v3.0/OS-AUTH/id-token/tokens"), 1, "cached");
    assert_eq!(mock.hits("/v3.0/OS-CREDENTIAL/securitytokens"), 1);
    let seen = mock.seen();
    let id_req = &seen[0];
    assert_eq!(id_req.method, "POST");
    assert_eq!(id_req.headers["x-idp-id"], "my-idp");
    let body: serde_json::Value = serde_json::from_slice(&id_req.body).expect("json");
    assert_eq!(body, json!({"auth": {"id_token": {"id": "ID-TOKEN-ONE"}}}));
    let sts_req = &seen[1];
    assert!(sts_req.headers.get("x-auth-token").is_none());
    let body: serde_json::Value = serde_json::from_slice(&sts_req.body).expect("json");
    assert_eq!(
        body,
        json!({"auth": {"identity": {"methods": ["token"],
            "token": {"id": "UNSCOPED-ONE", "duration_seconds": 21600}}}})
    );
    let call = &seen[2];
    assert!(call.path.starts_with("/v1/"));
    assert_eq!(call.headers["x-security-token"], "ST-ONE");
    assert_eq!(call.headers["x-domain-id"], "dom-1");
    let auth = call.headers["authorization"].to_str().expect("ascii");
    assert!(auth.contains("Access=TMPAKONE"), "{auth}");

    // A 401 on the temporary key: the file is read again and exchanged again, once.
    dir.write("token", "ID-TOKEN-TWO");
    mock.push(
        Canned::json(401, json!({"error_code": "UCS.01000003"}))
            .for_path("/v1/")
            .when_header("x-security-token", "ST-ONE"),
    );
    exchange("UNSCOPED-TWO", "TMPAKTWO", "ST-TWO");
    client
        .clusters()
        .supported_versions()
        .await
        .expect("refreshed after 401");
    assert_eq!(mock.hits("/v3.0/OS-AUTH/id-token/tokens"), 2);
    let seen = mock.seen();
    let again = seen
        .iter()
        .rfind(|s| s.path == "/v3.0/OS-AUTH/id-token/tokens")
        .expect("second exchange");
    let body: serde_json::Value = serde_json::from_slice(&again.body).expect("json");
    assert_eq!(body["auth"]["id_token"]["id"], "ID-TOKEN-TWO");
    let last = seen.last().expect("seen");
    assert_eq!(last.headers["x-security-token"], "ST-TWO");
}

/// Errors name the file or the identity provider and the reason, never the token.
#[tokio::test]
async fn bad_files_and_identity_providers_are_reported() {
    let emu = emulator().await;
    let base = emu.base_url();
    let dir = TempDir::new("bad");
    let good = jwt("ci", far_future());
    let cases = [
        (
            "unknown-idp",
            dir.write("good", &good),
            Some(404),
            "unknown-idp",
        ),
        (
            ucs_emulator::DEMO_IDP_ID,
            dir.write("empty", " \n"),
            None,
            "empty",
        ),
        (
            ucs_emulator::DEMO_IDP_ID,
            dir.0.join("missing").display().to_string(),
            None,
            "missing",
        ),
        (
            ucs_emulator::DEMO_IDP_ID,
            dir.write("opaque", "opaque-token-value"),
            Some(401),
            "JWT",
        ),
    ];
    for (idp, file, status, needle) in cases {
        let client = client_from(&[
            ("HUAWEICLOUD_SDK_IDP_ID", idp),
            ("HUAWEICLOUD_SDK_ID_TOKEN_FILE", &file),
            ("HUAWEICLOUD_SDK_DOMAIN_ID", ucs_emulator::DEMO_DOMAIN_ID),
            ("UCS_ENDPOINT", &base),
            ("HUAWEICLOUD_SDK_IAM_ENDPOINT", &base),
        ])
        .expect("client");
        let err = client
            .clusters()
            .list(&ListClustersQuery::default())
            .await
            .expect_err("refused");
        let text = err.to_string();
        assert_eq!(err.status(), status, "{idp} {file}: {text}");
        assert!(text.contains(needle), "{text}");
        assert!(
            !text.contains(&good) && !text.contains("opaque-token-value"),
            "{text}"
        );
        if status.is_none() {
            assert!(
                matches!(err, Error::Config(_)) && text.contains(&file),
                "{text}"
            );
        }
    }
    // One of the two variables alone is refused when the client is built, naming both.
    let Err(Error::Config(m)) = client_from(&[("HUAWEICLOUD_SDK_IDP_ID", "idp")]) else {
        panic!("half pair accepted");
    };
    assert!(
        m.contains("HUAWEICLOUD_SDK_IDP_ID") && m.contains("HUAWEICLOUD_SDK_ID_TOKEN_FILE"),
        "{m}"
    );
    emu.shutdown().await;
}
