//! Authentication: AK/SK signatures (right, wrong, unknown, stale), tokens, and `--auth none`.

use chrono::{Duration, Utc};
use ucs_emulator::{EmulatorConfig, EmulatorCredential, DEMO_AK, DEMO_DOMAIN_ID, DEMO_SK};
use ucs_sdk::auth::signer::{authorization, format_sdk_date, SignableRequest};

/// Sends `GET /v1/clusters` signed with `sk` at `date`.
async fn signed_get(
    base: &str,
    ak: &str,
    sk: &str,
    date: chrono::DateTime<Utc>,
    project: Option<&str>,
) -> (u16, serde_json::Value) {
    let host = base.trim_start_matches("http://").to_owned();
    let sdk_date = format_sdk_date(date);
    let mut headers = vec![
        ("Host".to_owned(), host),
        ("X-Sdk-Date".to_owned(), sdk_date.clone()),
        ("X-Domain-Id".to_owned(), DEMO_DOMAIN_ID.to_owned()),
    ];
    if let Some(p) = project {
        headers.push(("X-Project-Id".to_owned(), p.to_owned()));
    }
    let query = vec![("limit".to_owned(), "5".to_owned())];
    let auth = authorization(
        ak,
        sk,
        &SignableRequest {
            method: "GET",
            path: "/v1/clusters",
            query: &query,
            headers: &headers,
            body: b"",
        },
        &sdk_date,
    );
    let mut req = reqwest::Client::new()
        .get(format!("{base}/v1/clusters?limit=5"))
        .header("Authorization", auth);
    for (k, v) in headers.iter().filter(|(k, _)| k != "Host") {
        req = req.header(k, v);
    }
    let resp = req.send().await.expect("answer");
    let status = resp.status().as_u16();
    (status, resp.json().await.unwrap_or_default())
}

/// Sends `GET {base}{path}` with the IAM token `token`; the status and the JSON answer.
fn token_get(
    http: &reqwest::Client,
    base: &str,
    path: String,
    token: String,
) -> impl std::future::Future<Output = (u16, serde_json::Value)> {
    let req = http
        .get(format!("{base}{path}"))
        .header("X-Auth-Token", token);
    async move {
        let answer = req.send().await.expect("answer");
        let status = answer.status().as_u16();
        (status, answer.json().await.unwrap_or_default())
    }
}

#[tokio::test]
async fn signatures_are_checked_like_the_service() {
    let extra = EmulatorCredential::parse("SECONDAK:secondsk:dom2:proj2").expect("credential");
    let emu = ucs_emulator::start(EmulatorConfig {
        credentials: vec![EmulatorCredential::demo(), extra],
        ..Default::default()
    })
    .await
    .expect("start");
    let base = emu.base_url();
    let now = Utc::now();
    assert_eq!(signed_get(&base, DEMO_AK, DEMO_SK, now, None).await.0, 200);
    for (ak, sk, date, why) in [
        (DEMO_AK, "wrong", now, "wrong SK"),
        ("UNKNOWN", DEMO_SK, now, "unknown AK"),
        (DEMO_AK, DEMO_SK, now - Duration::minutes(16), "stale date"),
        (DEMO_AK, DEMO_SK, now + Duration::minutes(16), "future date"),
    ] {
        let (status, body) = signed_get(&base, ak, sk, date, None).await;
        assert_eq!(
            (status, body["error_code"].as_str()),
            (401, Some("UCS.01000003")),
            "{why}"
        );
    }
    // The second credential belongs to another account: X-Domain-Id must match it.
    assert_eq!(
        signed_get(&base, "SECONDAK", "secondsk", now, None).await.0,
        403
    );
    let (status, body) = signed_get(&base, DEMO_AK, DEMO_SK, now, Some("someone-else")).await;
    assert_eq!(
        (status, body["error_code"].as_str()),
        (403, Some("UCS.01000004"))
    );
    let unsigned = reqwest::get(format!("{base}/v1/clusters"))
        .await
        .expect("answer");
    assert_eq!(unsigned.status().as_u16(), 401);
    let bad_token = reqwest::Client::new()
        .get(format!("{base}/v1/clusters"))
        .header("X-Auth-Token", "forged")
        .send()
        .await
        .expect("answer");
    assert_eq!(bad_token.status().as_u16(), 401);
    emu.shutdown().await;
}

#[test]
fn credential_specs_are_parsed_or_refused() {
    let c = EmulatorCredential::parse("AK:SK").expect("short form");
    assert_eq!(
        (c.domain_id.as_str(), c.project_id.as_str()),
        (ucs_emulator::DEMO_DOMAIN_ID, ucs_emulator::DEMO_PROJECT_ID)
    );
    assert!(EmulatorCredential::parse("AK").is_err());
    assert!(EmulatorCredential::parse("AK::D").is_err());
    assert!(
        !format!("{c:?}").contains("SK\""),
        "the SK is redacted: {c:?}"
    );
}

#[tokio::test]
async fn with_checks_off_every_account_is_served_with_its_own_state() {
    let emu = ucs_emulator::start(EmulatorConfig {
        auth: ucs_emulator::AuthMode::None,
        ..Default::default()
    })
    .await
    .expect("starts");
    let base = emu.base_url();
    let http = reqwest::Client::new();
    let register = |domain: Option<&'static str>| {
        let mut req = http
            .post(format!("{base}/v1/clustergroups"))
            .json(&serde_json::json!({"metadata": {"name": "tenant-fleet"}}));
        if let Some(d) = domain {
            req = req.header("X-Domain-Id", d);
        }
        req.send()
    };
    let list = |domain: Option<&'static str>| {
        let mut req = http.get(format!("{base}/v1/clustergroups"));
        if let Some(d) = domain {
            req = req.header("X-Domain-Id", d);
        }
        req.send()
    };
    // The same name in three accounts: no conflict, as each has its own records.
    for domain in [None, Some("tenant-a"), Some("tenant-b")] {
        let answer = register(domain).await.expect("answer");
        assert_eq!(answer.status().as_u16(), 201, "{domain:?}");
    }
    let total = |v: serde_json::Value| v["total"].as_u64();
    let a: serde_json::Value = list(Some("tenant-a"))
        .await
        .expect("a")
        .json()
        .await
        .expect("json");
    assert_eq!(total(a), Some(1));
    let demo: serde_json::Value = list(Some(DEMO_DOMAIN_ID))
        .await
        .expect("d")
        .json()
        .await
        .expect("json");
    assert_eq!(total(demo), Some(1), "no header is the demo account");
    // A malformed account id is still a bad header.
    let bad = http
        .get(format!("{base}/v1/clustergroups"))
        .header("X-Domain-Id", "not an id!")
        .send()
        .await
        .expect("answer");
    assert_eq!(bad.status().as_u16(), 400);
    emu.shutdown().await;
}

#[tokio::test]
async fn temporary_keys_sign_only_with_their_security_token() {
    use ucs_sdk::{Client, Credentials, Error};
    let emu = ucs_emulator::start(EmulatorConfig::default())
        .await
        .expect("starts");
    let base = emu.base_url();
    let http = reqwest::Client::new();
    // The security-token call is authenticated like any other: here by a password token.
    let login = serde_json::json!({"auth": {
        "identity": {"methods": ["password"], "password": {"user": {
            "name": ucs_emulator::DEMO_USER, "password": ucs_emulator::DEMO_PASSWORD,
            "domain": {"name": ucs_emulator::DEMO_DOMAIN_NAME}}}},
        "scope": {"domain": {"name": ucs_emulator::DEMO_DOMAIN_NAME}}}});
    let answer = http
        .post(format!("{base}/v3/auth/tokens"))
        .json(&login)
        .send()
        .await
        .expect("token");
    let token = answer.headers()["x-subject-token"]
        .to_str()
        .expect("ascii")
        .to_owned();
    let issue = |seconds: i64| {
        http.post(format!("{base}/v3.0/OS-CREDENTIAL/securitytokens"))
            .header("X-Auth-Token", &token)
            .json(
                &serde_json::json!({"auth": {"identity": {"methods": ["token"],
                "token": {"duration_seconds": seconds}}}}),
            )
            .send()
    };
    assert_eq!(
        issue(60).await.expect("answer").status().as_u16(),
        400,
        "below 900 s"
    );
    let answer = issue(900).await.expect("answer");
    assert_eq!(answer.status().as_u16(), 201);
    let body: serde_json::Value = answer.json().await.expect("json");
    let credential = &body["credential"];
    let field = |name: &str| credential[name].as_str().expect(name).to_owned();
    let (ak, sk, security_token) = (field("access"), field("secret"), field("securitytoken"));
    let client = |credentials: Credentials| {
        Client::builder()
            .endpoint(&base)
            .credentials(credentials)
            .domain_id(DEMO_DOMAIN_ID)
            .build()
            .expect("client")
    };
    let with_token = client(Credentials::temporary(&ak, &sk, &security_token));
    let versions = with_token
        .clusters()
        .supported_versions()
        .await
        .expect("signed with the temporary key and its token");
    assert!(!versions.versions.is_empty());
    for (credentials, why) in [
        (Credentials::aksk(&ak, &sk), "no security token"),
        (
            Credentials::temporary(&ak, &sk, "forged"),
            "another security token",
        ),
    ] {
        let err = client(credentials)
            .clusters()
            .supported_versions()
            .await
            .expect_err(why);
        match err {
            Error::Api(api) => assert_eq!(
                (api.status, api.code.as_str()),
                (401, "UCS.01000003"),
                "{why}"
            ),
            other => panic!("{why}: {other:?}"),
        }
    }
    emu.shutdown().await;
}

/// UCS takes domain-scoped IAM tokens and HSS project-scoped ones; a token of the other scope is
/// 401 naming the scope, and a client with a password gets one token per scope and uses each
/// where it belongs.
#[tokio::test]
async fn tokens_carry_their_scope_and_each_service_takes_its_own() {
    use ucs_sdk::{Client, Credentials, Error};
    let emu = ucs_emulator::start(EmulatorConfig::default())
        .await
        .expect("starts");
    let base = emu.base_url();
    let http = reqwest::Client::new();
    let token = |scope: serde_json::Value| {
        let login = serde_json::json!({"auth": {
            "identity": {"methods": ["password"], "password": {"user": {
                "name": ucs_emulator::DEMO_USER, "password": ucs_emulator::DEMO_PASSWORD,
                "domain": {"name": ucs_emulator::DEMO_DOMAIN_NAME}}}},
            "scope": scope}});
        let req = http.post(format!("{base}/v3/auth/tokens")).json(&login);
        async move {
            let answer = req.send().await.expect("token");
            assert_eq!(answer.status().as_u16(), 201);
            let token = answer.headers()["x-subject-token"]
                .to_str()
                .expect("ascii")
                .to_owned();
            let body: serde_json::Value = answer.json().await.expect("json");
            (token, body)
        }
    };
    let (domain, body) =
        token(serde_json::json!({"domain": {"name": ucs_emulator::DEMO_DOMAIN_NAME}})).await;
    assert!(body["token"]["domain"]["id"].is_string() && body["token"]["project"].is_null());
    let (project, body) = token(serde_json::json!({"project": {"name": "cn-north-4"}})).await;
    let project_id = body["token"]["project"]["id"]
        .as_str()
        .expect("a project-scoped token names its project")
        .to_owned();
    let get = |path: String, token: &str| token_get(&http, &base, path, token.to_owned());
    let ucs = "/v1/clusters".to_owned();
    let hss = format!("/v5/{project_id}/container/kubernetes/multi-cloud/clusters");
    assert_eq!(get(ucs.clone(), &domain).await.0, 200);
    assert_eq!(get(hss.clone(), &project).await.0, 200);
    for (path, wrong, needs) in [(&ucs, &project, "domain"), (&hss, &domain, "project")] {
        let (status, body) = get(path.clone(), wrong).await;
        assert_eq!(
            (status, body["error_code"].as_str()),
            (401, Some("UCS.01000003")),
            "{path}: {body}"
        );
        let message = body["error_msg"].as_str().unwrap_or_default();
        assert!(message.contains(&format!("{needs}-scoped")), "{message}");
    }
    // IAM's own calls take either scope.
    assert_eq!(get("/v3/auth/domains".into(), &project).await.0, 200);

    // The core client: a password gives it a domain token for UCS and a project token for HSS.
    let client = Client::builder()
        .endpoint(&base)
        .iam_endpoint(&base)
        .hss_endpoint(&base)
        .region("cn-north-4")
        .credentials(Credentials::password(
            ucs_emulator::DEMO_USER,
            ucs_emulator::DEMO_PASSWORD,
            ucs_emulator::DEMO_DOMAIN_NAME,
        ))
        .build()
        .expect("client");
    client
        .clusters()
        .list(&Default::default())
        .await
        .expect("UCS with a domain token");
    let body = ucs_sdk::models::CreateMulticloudCluster {
        name: Some("mc".into()),
        provider: Some("tencent".into()),
        kube_config: Some("apiVersion: v1\nkind: Config\n".into()),
        ..Default::default()
    };
    client
        .hss()
        .create_multicloud_cluster(&body, &Default::default())
        .await
        .expect("HSS with a project token");
    client
        .clusters()
        .list(&Default::default())
        .await
        .expect("UCS again, with the cached domain token");
    // A given token is used as it is: a project-scoped one is refused by UCS.
    let given = Client::builder()
        .endpoint(&base)
        .credentials(Credentials::token(&project))
        .build()
        .expect("client");
    let refused = given
        .clusters()
        .list(&Default::default())
        .await
        .expect_err("a project-scoped token on UCS");
    assert!(
        matches!(&refused, Error::Api(api) if api.status == 401),
        "{refused}"
    );
}

/// `POST /v3.0/OS-AUTH/id-token/tokens`: the demo identity provider's JWT-shaped id token gives
/// a token of the scope asked for (unscoped without one, which only IAM takes: a temporary key
/// from `auth.identity.token.id`); a missing `X-Idp-Id` is 400, an unknown one 404, an id token
/// that is no JWT or has expired 401.
#[tokio::test]
async fn federated_id_tokens_give_scoped_and_unscoped_tokens() {
    use base64::Engine as _;
    let emu = ucs_emulator::start(EmulatorConfig::default())
        .await
        .expect("starts");
    let base = emu.base_url();
    let http = reqwest::Client::new();
    let part = |v: serde_json::Value| {
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(v.to_string().as_bytes())
    };
    let jwt = |exp: i64| {
        format!(
            "{}.{}.c2lnbmF0dXJl",
            part(serde_json::json!({"alg": "RS256"})),
            part(serde_json::json!({"sub": "job", "exp": exp}))
        )
    };
    let good = jwt(Utc::now().timestamp() + 600);
    let exchange = |idp: Option<&str>, id_token: &str, scope: serde_json::Value| {
        let mut body = serde_json::json!({"auth": {"id_token": {"id": id_token}}});
        if !scope.is_null() {
            body["auth"]["scope"] = scope;
        }
        let mut req = http
            .post(format!("{base}/v3.0/OS-AUTH/id-token/tokens"))
            .json(&body);
        if let Some(idp) = idp {
            req = req.header("X-Idp-Id", idp);
        }
        async move {
            let answer = req.send().await.expect("answer");
            let status = answer.status().as_u16();
            let token = answer
                .headers()
                .get("x-subject-token")
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned);
            let body: serde_json::Value = answer.json().await.unwrap_or_default();
            (status, token, body)
        }
    };
    let idp = Some(ucs_emulator::DEMO_IDP_ID);
    for (given, id_token, status, code) in [
        (None, good.as_str(), 400, "IAM.0011"),
        (Some("other-idp"), good.as_str(), 404, "IAM.0004"),
        (idp, "opaque-token", 401, "IAM.0007"),
        (idp, &jwt(Utc::now().timestamp() - 5), 401, "IAM.0007"),
    ] {
        let (got, token, body) = exchange(given, id_token, serde_json::Value::Null).await;
        assert_eq!(
            (got, body["error_code"].as_str()),
            (status, Some(code)),
            "{body}"
        );
        assert!(token.is_none());
    }
    let (status, unscoped, body) = exchange(idp, &good, serde_json::Value::Null).await;
    assert_eq!(status, 201, "{body}");
    assert!(body["token"]["expires_at"].is_string(), "{body}");
    assert_eq!(body["token"]["methods"], serde_json::json!(["mapped"]));
    let unscoped = unscoped.expect("X-Subject-Token");
    let (_, domain, _) = exchange(
        idp,
        &good,
        serde_json::json!({"domain": {"id": DEMO_DOMAIN_ID}}),
    )
    .await;
    let (_, project, body) = exchange(
        idp,
        &good,
        serde_json::json!({"project": {"name": "cn-north-4"}}),
    )
    .await;
    let project_id = body["token"]["project"]["id"]
        .as_str()
        .expect("project")
        .to_owned();
    let get = |path: String, token: String| token_get(&http, &base, path, token);
    let ucs = "/v1/clusters".to_owned();
    let hss = format!("/v5/{project_id}/container/kubernetes/multi-cloud/clusters");
    assert_eq!(get(ucs.clone(), domain.expect("domain token")).await.0, 200);
    assert_eq!(
        get(hss.clone(), project.expect("project token")).await.0,
        200
    );
    for path in [&ucs, &hss] {
        let (status, body) = get(path.clone(), unscoped.clone()).await;
        assert_eq!(status, 401, "{path}: {body}");
        let message = body["error_msg"].as_str().unwrap_or_default();
        assert!(message.contains("unscoped"), "{message}");
    }
    // The official SDKs' next step: the unscoped token in the body, no X-Auth-Token.
    let key = |token: &str| {
        let req = http
            .post(format!("{base}/v3.0/OS-CREDENTIAL/securitytokens"))
            .json(
                &serde_json::json!({"auth": {"identity": {"methods": ["token"],
                "token": {"id": token, "duration_seconds": 21600}}}}),
            );
        async move {
            let answer = req.send().await.expect("answer");
            let status = answer.status().as_u16();
            (
                status,
                answer.json::<serde_json::Value>().await.unwrap_or_default(),
            )
        }
    };
    let (status, body) = key(&unscoped).await;
    assert_eq!(status, 201, "{body}");
    let credential = &body["credential"];
    let (ak, sk) = (
        credential["access"].as_str().expect("access"),
        credential["secret"].as_str().expect("secret"),
    );
    assert!(credential["securitytoken"].is_string());
    // Signed with the key but without its security token: refused, so the key is the real one.
    assert_eq!(signed_get(&base, ak, sk, Utc::now(), None).await.0, 401);
    let (status, body) = key("not-a-token").await;
    assert_eq!(
        (status, body["error_code"].as_str()),
        (401, Some("IAM.0007"))
    );
    emu.shutdown().await;
}
