//! `TolerantDeserialize` against serde's own derive with `#[serde(flatten)]` (the old path): the
//! same twin structs, every tolerated spelling, the `de` helpers, defaults and unknown keys.

use proptest::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use ucs_models_derive::TolerantDeserialize;

#[allow(unused_imports)]
use super::de;

fn seven() -> i64 {
    7
}

/// Stamps each struct twice: `new::*` with `TolerantDeserialize`, `old::*` with serde's derive.
macro_rules! twins {
    ($($(#[$meta:meta])* struct $name:ident { $($body:tt)* })*) => {
        mod new {
            #[allow(unused_imports)]
            use super::*;
            $(
                #[derive(Debug, PartialEq, Serialize, TolerantDeserialize)]
                $(#[$meta])*
                pub struct $name { $($body)* }
            )*
        }
        mod old {
            #[allow(unused_imports)]
            use super::*;
            $(
                #[derive(Debug, PartialEq, Serialize, Deserialize)]
                $(#[$meta])*
                pub struct $name { $($body)* }
            )*
        }
    };
}

twins! {
    #[serde(rename_all = "camelCase")]
    struct Inner {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub display_name: Option<String>,
        #[serde(rename = "ID", alias = "id", alias = "Id", default)]
        pub id: Option<String>,
        #[serde(flatten)]
        pub extra: Map<String, Value>,
    }

    struct Outer {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub kind: Option<String>,
        #[serde(rename = "apiVersion", alias = "apiversion", default)]
        pub api_version: Option<String>,
        #[serde(default = "seven")]
        pub count: i64,
        #[serde(default, deserialize_with = "de::bool_or_string")]
        pub flag: Option<bool>,
        #[serde(default, deserialize_with = "de::int_or_string")]
        pub size: Option<i64>,
        #[serde(default, deserialize_with = "de::null_as_empty")]
        pub names: Vec<String>,
        #[serde(default, deserialize_with = "de::one_or_many")]
        pub inners: Vec<Inner>,
        #[serde(default, deserialize_with = "de::string_or_number")]
        pub code: Option<String>,
        pub required: String,
        pub maybe: Option<i64>,
        #[serde(deserialize_with = "de::string_or_number")]
        pub must: Option<String>,
        #[serde(default)]
        pub inner: Option<Inner>,
        #[serde(rename = "type", default)]
        pub item_type: Option<String>,
        #[serde(default)]
        pub r#ref: Option<String>,
        #[serde(flatten)]
        pub values: Map<String, Value>,
    }
}

/// Every key that decodes into a field of `Outer`, with a value the field accepts.
fn valid_entry() -> BoxedStrategy<(String, Value)> {
    let text = || prop_oneof![Just(String::new()), "[a-z0-9 ]{0,6}"];
    let entry = |keys: &'static [&'static str], value: BoxedStrategy<Value>| {
        (proptest::sample::select(keys), value).prop_map(|(k, v)| (k.to_owned(), v))
    };
    let opt_text = || prop_oneof![Just(Value::Null), text().prop_map(Value::from)].boxed();
    let inner = || {
        (
            proptest::sample::select(&["ID", "id", "Id"][..]),
            text(),
            proptest::option::of(text()),
            unknown_key(),
            any::<i32>(),
        )
            .prop_map(|(id_key, id, name, other, n)| {
                let mut m = Map::new();
                m.insert(id_key.to_owned(), Value::from(id));
                if let Some(name) = name {
                    m.insert("displayName".into(), Value::from(name));
                }
                m.insert(other, Value::from(n));
                Value::Object(m)
            })
            .boxed()
    };
    let inner_value = inner();
    prop_oneof![
        entry(
            &["kind", "type", "ref", "required"],
            text().prop_map(Value::from).boxed()
        ),
        entry(&["apiVersion", "apiversion"], opt_text()),
        entry(
            &["count", "maybe"],
            any::<i32>().prop_map(Value::from).boxed()
        ),
        entry(
            &["flag"],
            prop_oneof![
                Just(Value::Null),
                any::<bool>().prop_map(Value::from),
                proptest::sample::select(&["true", "False", "TRUE", ""][..]).prop_map(Value::from),
            ]
            .boxed()
        ),
        entry(
            &["size"],
            prop_oneof![
                Just(Value::Null),
                any::<i32>().prop_map(Value::from),
                any::<i32>().prop_map(|n| Value::from(format!(" {n} "))),
                Just(Value::from(2.75)),
                Just(Value::from("")),
            ]
            .boxed()
        ),
        entry(
            &["names"],
            prop_oneof![
                Just(Value::Null),
                proptest::collection::vec(text().prop_map(Value::from), 0..3).prop_map(Value::from),
            ]
            .boxed()
        ),
        entry(
            &["inners"],
            prop_oneof![
                Just(Value::Null),
                inner(),
                proptest::collection::vec(inner(), 0..3).prop_map(Value::from),
            ]
            .boxed()
        ),
        entry(
            &["code", "must"],
            prop_oneof![
                Just(Value::Null),
                text().prop_map(Value::from),
                any::<i64>().prop_map(Value::from),
                any::<bool>().prop_map(Value::from),
                Just(Value::from(0.5)),
            ]
            .boxed()
        ),
        entry(
            &["inner"],
            prop_oneof![Just(Value::Null), inner_value].boxed()
        ),
        (unknown_key(), any_json()),
    ]
    .boxed()
}

fn unknown_key() -> impl Strategy<Value = String> {
    "x[a-zA-Z_]{0,6}"
}

/// Any JSON value, for keys whose field may refuse it.
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        Just(Value::from(-1.25)),
        proptest::sample::select(&["", "true", "12", " 7 ", "abc", "é\"\\"][..])
            .prop_map(Value::from),
    ];
    leaf.prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::from),
            proptest::collection::vec(("(ID|id|displayName|x[a-z]{0,3})", inner), 0..4)
                .prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

/// Any key of `Outer` (every spelling), or an unknown one.
fn any_key() -> impl Strategy<Value = String> {
    let known = proptest::sample::select(
        &[
            "kind",
            "apiVersion",
            "apiversion",
            "count",
            "flag",
            "size",
            "names",
            "inners",
            "code",
            "required",
            "maybe",
            "must",
            "inner",
            "type",
            "ref",
        ][..],
    )
    .prop_map(str::to_owned);
    prop_oneof![known, unknown_key()]
}

/// A JSON object written entry by entry, so a key may repeat (as on the wire).
fn object_text(entries: &[(String, Value)]) -> String {
    let body: Vec<String> = entries
        .iter()
        .map(|(k, v)| format!("{}:{}", Value::from(k.as_str()), v))
        .collect();
    format!("{{{}}}", body.join(","))
}

fn decode_both(text: &str) -> (Result<Value, String>, Result<Value, String>) {
    let as_value = |r: Result<Value, serde_json::Error>| r.map_err(|e| e.to_string());
    let new = as_value(serde_json::from_str::<new::Outer>(text).and_then(serde_json::to_value));
    let old = as_value(serde_json::from_str::<old::Outer>(text).and_then(serde_json::to_value));
    (new, old)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Accepted objects, each key at most once: both derives decode the same model.
    #[test]
    fn valid_objects_decode_as_serde_flatten_did(
        entries in proptest::collection::vec(valid_entry(), 0..12),
        must in proptest::option::of(any::<u16>()),
    ) {
        let mut seen = std::collections::BTreeSet::new();
        let aliases = |k: &str| match k {
            "apiversion" => "apiVersion".to_owned(),
            other => other.to_owned(),
        };
        let mut entries: Vec<_> = entries.into_iter().filter(|(k, _)| seen.insert(aliases(k))).collect();
        if !seen.contains("required") {
            entries.push(("required".into(), Value::from("r")));
        }
        if !seen.contains("must") {
            entries.push(("must".into(), must.map_or(Value::Null, Value::from)));
        }
        let text = object_text(&entries);
        let (new, old) = decode_both(&text);
        prop_assert!(old.is_ok(), "serde refused {}: {:?}", text, old);
        prop_assert_eq!(&new, &old, "{}", text);
        // Unknown keys are kept, and a decoded model reads back as itself.
        let model = new.unwrap_or_default();
        for (k, v) in &entries {
            if k.starts_with('x') {
                prop_assert_eq!(model.get(k), Some(v));
            }
        }
        let again = serde_json::from_value::<new::Outer>(model.clone()).map(|o| serde_json::to_value(o).ok());
        prop_assert_eq!(again.ok().flatten(), Some(model));
    }

    /// Anything at all, duplicate keys included: both accept or both refuse, and agree when they accept.
    #[test]
    fn any_object_decodes_or_fails_as_serde_flatten_did(
        entries in proptest::collection::vec((any_key(), any_json()), 0..10),
    ) {
        let text = object_text(&entries);
        let (new, old) = decode_both(&text);
        prop_assert_eq!(new.is_ok(), old.is_ok(), "{}: new {:?} old {:?}", text, new, old);
        if new.is_ok() {
            prop_assert_eq!(new, old, "{}", text);
        }
    }
}

#[test]
fn missing_and_duplicate_fields_are_named_like_serde() {
    let missing = serde_json::from_str::<new::Outer>(r#"{"must": 1}"#);
    assert!(missing.is_err_and(|e| e.to_string().contains("missing field `required`")),);
    let missing = serde_json::from_str::<new::Outer>(r#"{"required": "r"}"#);
    assert!(missing.is_err_and(|e| e.to_string().contains("missing field `must`")));
    let twice = serde_json::from_str::<new::Outer>(
        r#"{"required": "r", "must": 1, "apiversion": "v1", "apiVersion": "v1"}"#,
    );
    assert!(twice.is_err_and(|e| e.to_string().contains("duplicate field `apiVersion`")));
    let ok = serde_json::from_str::<new::Outer>(r#"{"required": "r", "must": 1, "ref": "x"}"#);
    assert!(
        ok.as_ref()
            .is_ok_and(|o| o.count == 7 && o.maybe.is_none() && o.r#ref.as_deref() == Some("x")),
        "{ok:?}"
    );
}

#[test]
fn decodes_from_a_value_and_from_other_formats() {
    // `from_value` hands keys over as owned strings; YAML is what kubeconfig answers use.
    let value = serde_json::json!({"required": "r", "must": "m", "ID": "i", "xa": [1], "inner": {"id": "j", "xb": true}});
    let from_value = serde_json::from_value::<new::Outer>(value.clone());
    assert!(
        from_value
            .as_ref()
            .is_ok_and(|o| o.values.get("ID") == Some(&Value::from("i"))
                && o.inner
                    .as_ref()
                    .is_some_and(|i| i.id.as_deref() == Some("j") && i.extra.contains_key("xb"))),
        "{from_value:?}"
    );
    let yaml = "required: r\nmust: 3\napiversion: v1\nxa: [1]\n";
    let from_yaml = serde_norway::from_str::<new::Outer>(yaml);
    let old_yaml = serde_norway::from_str::<old::Outer>(yaml);
    assert!(from_yaml.is_ok(), "{from_yaml:?}");
    assert_eq!(
        from_yaml.ok().and_then(|o| serde_json::to_value(o).ok()),
        old_yaml.ok().and_then(|o| serde_json::to_value(o).ok())
    );
}

#[test]
fn cluster_unknown_fields_round_trip_at_every_level() {
    let page = serde_json::json!({
        "items": [{
            "kind": "Cluster",
            "apiversion": "v1",
            "futureTop": {"a": [1, 2]},
            "metadata": {"UID": "c1", "name": "prod", "creationtimestamp": "t", "futureMeta": null},
            "spec": {
                "clustergroupid": "g1",
                "IsDownloadedCert": "TRUE",
                "operatorNamespace": "ops",
                "futureSpec": 1.5
            },
            "status": {"phase": "Available", "arrearFreeze": false, "endpoints": {"url": "u"}, "futureStatus": "s"}
        }],
        "total": "1"
    });
    let list: super::ClusterList = serde_json::from_value(page.clone()).expect("decodes");
    let cluster = &list.items[0];
    assert_eq!((cluster.uid(), cluster.name()), ("c1", "prod"));
    let spec = cluster.spec.as_ref().expect("spec");
    assert_eq!(spec.cluster_group_id.as_deref(), Some("g1"));
    assert_eq!(spec.is_downloaded_cert, Some(true));
    assert_eq!(
        spec.extra.get("operatorNamespace"),
        Some(&Value::from("ops"))
    );
    let status = cluster.status.as_ref().expect("status");
    assert_eq!(status.arrear_freeze.as_deref(), Some("false"));
    assert_eq!(status.endpoints.len(), 1);

    let written = serde_json::to_value(&list).expect("encodes");
    let item = &written["items"][0];
    assert_eq!(item["futureTop"], page["items"][0]["futureTop"]);
    assert_eq!(item["metadata"]["futureMeta"], Value::Null);
    assert!(item["metadata"]
        .as_object()
        .is_some_and(|m| m.contains_key("futureMeta")));
    assert_eq!(item["spec"]["futureSpec"], Value::from(1.5));
    assert_eq!(item["status"]["futureStatus"], Value::from("s"));
    let again: super::ClusterList = serde_json::from_value(written).expect("decodes again");
    assert_eq!(again, list);
}
