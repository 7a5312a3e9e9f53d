//! `traffic.create_record_sets` sends its zone as the signed `X-Zone-Project-ID` and `X-Zone-ID`
//! headers (never as query parameters) and its body as a JSON array; both headers are required
//! before anything is sent.

mod support;

use serde_json::json;
use support::{start, Canned};
use ucs_sdk::auth::signer;
use ucs_sdk::models::*;
use ucs_sdk::{Client, Credentials, Error};

fn client(base: &str) -> Client {
    Client::builder()
        .endpoint(base)
        .credentials(Credentials::aksk("AKTEST", "SKTEST"))
        .domain_id("dom-1")
        .build()
        .expect("client")
}

fn record_set() -> CreateRecordSet {
    CreateRecordSet {
        name: "www.example.com.".into(),
        ttl: 300,
        records: Some(vec!["10.0.0.1".into()]),
        line: "default_view".into(),
        weight: None,
        record_type: Some("A".into()),
    }
}

#[tokio::test]
async fn the_zone_travels_as_signed_headers_and_the_body_as_an_array() {
    let (base, mock) = start().await;
    mock.push(Canned::json(
        201,
        json!([{"id": "r1", "name": "www.example.com.", "zone_id": "zone-a", "ttl": 300,
                "records": ["10.0.0.1"], "weight": 1, "line": "default_view"}]),
    ));
    let zone = RecordSetZone {
        x_zone_project_id: "proj-1".into(),
        x_zone_id: "zone-a".into(),
    };
    let created = client(&base)
        .traffic()
        .create_record_sets(&[record_set()], &zone)
        .await
        .expect("created");
    assert_eq!(created[0].zone_id.as_deref(), Some("zone-a"));
    let seen = mock.seen().pop().expect("one request");
    assert_eq!(seen.path, "/v1/traffic/recordsets");
    assert_eq!(
        seen.query, "",
        "the zone must not be sent as query parameters"
    );
    assert_eq!(seen.headers["x-zone-project-id"], "proj-1");
    assert_eq!(seen.headers["x-zone-id"], "zone-a");
    let signed = signer::parse_authorization(seen.headers["authorization"].to_str().expect("text"))
        .expect("SDK-HMAC-SHA256 header");
    assert!(signed.signed_headers.iter().any(|h| h == "x-zone-id"));
    assert!(signed
        .signed_headers
        .iter()
        .any(|h| h == "x-zone-project-id"));
    let body: serde_json::Value = serde_json::from_slice(&seen.body).expect("JSON body");
    assert_eq!(body[0]["name"], "www.example.com.");
    assert!(body.is_array());
}

#[tokio::test]
async fn a_missing_zone_header_is_refused_before_sending() {
    let (base, mock) = start().await;
    for (zone, field) in [
        (("", "zone-a"), "x_zone_project_id"),
        (("proj-1", ""), "x_zone_id"),
        (("proj-1", "zone\na"), "x_zone_id"),
    ] {
        let zone = RecordSetZone {
            x_zone_project_id: zone.0.into(),
            x_zone_id: zone.1.into(),
        };
        let err = client(&base)
            .traffic()
            .create_record_sets(&[record_set()], &zone)
            .await
            .expect_err("refused");
        match err {
            Error::InvalidArgument { field: f, .. } => assert_eq!(f, field),
            other => panic!("expected InvalidArgument for {field}, got {other:?}"),
        }
    }
    assert!(mock.seen().is_empty());
}
