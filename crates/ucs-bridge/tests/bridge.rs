//! The bridge's contract with the bindings: the catalogue is complete, bad JSON is refused with the
//! wire path of the field, and errors map to the classes the bindings raise.

use serde_json::json;
use ucs_bridge::{invoke, Call, ErrorInfo, Options};
use ucs_sdk::{ApiError, Error};

#[test]
fn the_catalogue_has_every_operation_once() {
    let catalogue = ucs_bridge::catalogue_json();
    let rows = catalogue.as_array().cloned().unwrap_or_default();
    let count = |resource: &str| {
        rows.iter()
            .filter(|op| op["resource"] == resource && op["name"] != "iter")
            .count()
    };
    assert_eq!(count("clusters"), 14);
    assert_eq!(count("fleets"), 19);
    assert_eq!(count("rules"), 4);
    assert_eq!(count("hss"), 1);
    assert_eq!(count("iam"), 3);
    let pagers = rows.iter().filter(|op| op["name"] == "iter").count();
    assert_eq!(pagers, 5);
    let mut names: Vec<String> = rows
        .iter()
        .map(|op| format!("{}.{}", op["resource"], op["name"]))
        .collect();
    let all = names.len();
    names.sort();
    names.dedup();
    assert_eq!(names.len(), all, "an operation is listed twice");
    // Every row names its official operation; result types are spelled for the generators.
    let get = rows.iter().find(|op| op["official"] == "ShowCluster");
    assert_eq!(get.map(|op| op["result"].clone()), Some(json!("Cluster")));
    let access = rows.iter().find(|op| op["name"] == "access_info");
    assert_eq!(
        access.map(|op| op["result"].clone()),
        Some(json!("string[]"))
    );
}

fn offline_client() -> ucs_sdk::Client {
    let options = Options::from_json(json!({
        "endpoint": "http://127.0.0.1:9",
        "ak": "AK",
        "sk": "SK",
        "domain_id": "d",
        "max_retries": 0,
    }));
    match options.and_then(|o| ucs_bridge::build_client(&o)) {
        Ok(client) => client,
        Err(e) => panic!("options refused: {e}"),
    }
}

async fn refused_field(resource: &str, name: &str, body: serde_json::Value) -> String {
    let call = Call {
        resource: resource.into(),
        name: name.into(),
        body: Some(body),
        ..Call::default()
    };
    match invoke(&offline_client(), call).await {
        Err(Error::InvalidArgument { field, .. }) => field,
        Err(other) => panic!("expected an invalid argument, got {other}"),
        Ok(_) => panic!("a bad body was accepted"),
    }
}

#[tokio::test]
async fn bad_bodies_name_the_wire_path() {
    let wrong_type = refused_field("rules", "create", json!({"metadata": {"name": 5}})).await;
    assert_eq!(wrong_type, "metadata.name");
    let missing = json!({"metadata": {"name": "x"}, "spec": {"category": "attachedcluster"}});
    assert_eq!(
        refused_field("clusters", "register", missing).await,
        "spec.type"
    );
    assert_eq!(refused_field("rules", "create", json!([])).await, "body");
}

#[tokio::test]
async fn calls_of_the_wrong_shape_are_refused() {
    let client = offline_client();
    let no_id = Call {
        resource: "clusters".into(),
        name: "get".into(),
        ..Call::default()
    };
    assert!(matches!(
        invoke(&client, no_id).await,
        Err(Error::InvalidArgument { field, .. }) if field == "cluster_id"
    ));
    let unknown = Call {
        resource: "clusters".into(),
        name: "explode".into(),
        ..Call::default()
    };
    assert!(matches!(
        invoke(&client, unknown).await,
        Err(Error::InvalidArgument { field, .. }) if field == "operation"
    ));
}

#[test]
fn errors_map_to_the_binding_classes() {
    let api = |status: u16, code: &str| {
        Error::Api(ApiError {
            status,
            code: code.into(),
            message: "m".into(),
            request_id: Some("rid".into()),
            retry_after: None,
        })
    };
    let kind = |e: &Error| ErrorInfo::from(e).kind.name();
    assert_eq!(kind(&api(404, "UCS.01030001")), "NotFound");
    assert_eq!(kind(&api(429, "APIGW.0308")), "Throttled");
    assert_eq!(kind(&api(409, "UCS.01030003")), "Conflict");
    assert_eq!(kind(&api(401, "UCS.01000003")), "Auth");
    assert_eq!(kind(&api(500, "UCS.01000006")), "Api");
    assert_eq!(kind(&Error::invalid("spec.city", "bad")), "InvalidArgument");
    let info = ErrorInfo::from(&api(404, "UCS.01030001"));
    assert_eq!(info.status_code, Some(404));
    assert_eq!(info.error_code.as_deref(), Some("UCS.01030001"));
    assert_eq!(info.request_id.as_deref(), Some("rid"));
}

#[test]
fn options_refuse_unknown_fields_and_never_print_secrets() {
    let Err(e) = Options::from_json(json!({"endpiont": "x"})) else {
        panic!("a misspelt option was accepted");
    };
    assert!(e.to_string().contains("endpiont"), "{e}");
    let options =
        Options::from_json(json!({"ak": "AK", "sk": "very-secret-sk", "password": "pw-secret"}));
    let text = format!("{options:?}");
    assert!(
        !text.contains("very-secret-sk") && !text.contains("pw-secret"),
        "{text}"
    );
}

#[test]
fn call_debug_shows_keys_not_values() {
    let call = Call {
        resource: "fleets".into(),
        name: "create_federation_kubeconfig".into(),
        ids: vec!["f1".into()],
        body: Some(json!({"password": "pw-s3cr3t", "kubeconfig": {"token": "tok-s3cr3t"}})),
        query: Some(json!({"token": "q-s3cr3t"})),
    };
    let text = format!("{call:?} {call:#?}");
    assert!(!text.contains("s3cr3t"), "{text}");
    assert!(text.contains("create_federation_kubeconfig") && text.contains("password"));
}

#[test]
fn wrong_typed_secret_options_name_the_option_not_the_value() {
    for option in ["sk", "password", "security_token", "token"] {
        let Err(e) = Options::from_json(json!({ option: 12345678 })) else {
            panic!("{option}=12345678 was accepted");
        };
        let Error::InvalidArgument { field, reason } = &e else {
            panic!("{option}: {e}");
        };
        assert_eq!(field, option);
        assert!(reason.contains("expected a string"), "{reason}");
        assert!(!e.to_string().contains("12345678"), "{e}");
    }
}

#[test]
fn the_panic_hook_is_inert_without_its_variable() {
    // The variable is never set in this test process: the hook must not fire.
    assert_ne!(std::env::var("UCS_SDK_TEST_PANIC").as_deref(), Ok("1"));
    ucs_bridge::panic_for_tests(ucs_bridge::PANIC_FOR_TESTS);
    let info = ErrorInfo::internal(&"boom");
    assert_eq!(info.kind.name(), "Internal");
    assert!(info.message.contains("boom"), "{}", info.message);
}

#[tokio::test]
async fn a_wrong_typed_body_field_is_refused_without_its_value() {
    // A password in a string field of the wrong type, and a number where a string is due.
    for (body, field) in [
        (
            json!({"name": "mc", "image_repo_password": 12345678}),
            "image_repo_password",
        ),
        (
            json!({"name": "mc", "kube_config": ["kc-s3cr3t"]}),
            "kube_config",
        ),
    ] {
        let call = Call {
            resource: "hss".into(),
            name: "create_multicloud_cluster".into(),
            body: Some(body),
            ..Call::default()
        };
        let Err(e) = invoke(&offline_client(), call).await else {
            panic!("a bad body was accepted");
        };
        let text = e.to_string();
        assert!(
            text.contains(field) && text.contains("invalid type"),
            "{text}"
        );
        assert!(
            !text.contains("12345678") && !text.contains("kc-s3cr3t"),
            "{text}"
        );
    }
}
