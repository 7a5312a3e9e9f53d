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
