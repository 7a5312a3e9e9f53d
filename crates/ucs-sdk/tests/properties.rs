//! Property tests with a committed seed: the canonical URI and query against a model written
//! here, `parse_error_body` over arbitrary bytes and JSON, `Retry-After` over arbitrary strings.
//! `UCS_PROPTEST_CASES` raises the case count (default 2048).

use std::time::Duration;

use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use serde_json::{Map, Value};
use ucs_sdk::__private::{
    parse_error_body, parse_retry_after, ERROR_CODE_MAX, ERROR_MESSAGE_MAX, RETRY_AFTER_CAP,
};
use ucs_sdk::auth::signer;

const SEED: [u8; 32] = *b"ucs-sdk issue 11 property seed!!";

fn cases() -> u32 {
    std::env::var("UCS_PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2048)
}

/// Runs `test` over `strategy` with the fixed seed and prints the number of cases.
fn check<S: Strategy>(name: &str, strategy: S, test: impl Fn(S::Value) -> Result<(), TestCaseError>)
where
    S::Value: std::fmt::Debug,
{
    let n = cases();
    let config = Config {
        cases: n,
        failure_persistence: None,
        ..Config::default()
    };
    let mut runner =
        TestRunner::new_with_rng(config, TestRng::from_seed(RngAlgorithm::ChaCha, &SEED));
    if let Err(e) = runner.run(&strategy, test) {
        panic!("proptest {name} failed: {e}");
    }
    println!("proptest {name}: {n} cases");
}

// ---- the model: Python's urllib.parse.quote(s, safe='~') and unquote, written out ----

fn model_quote(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"_.-~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn model_unquote(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn model_uri(path: &str) -> String {
    let decoded = model_unquote(path);
    let mut text = decoded
        .split('/')
        .map(model_quote)
        .collect::<Vec<_>>()
        .join("/");
    if !text.ends_with('/') {
        text.push('/');
    }
    text
}

fn model_query(query: &[(String, String)]) -> String {
    let mut pairs = query.to_vec();
    // Python sorts str pairs by code point, which is UTF-8 byte order.
    pairs.sort_by(|a, b| (a.0.as_bytes(), a.1.as_bytes()).cmp(&(b.0.as_bytes(), b.1.as_bytes())));
    pairs
        .iter()
        .map(|(k, v)| format!("{}={}", model_quote(k), model_quote(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// Path-ish text: slashes, percent escapes (valid and broken), dots, unicode, anything.
fn path_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("/".to_owned()),
        Just("%".to_owned()),
        Just("%2F".to_owned()),
        Just("%2f".to_owned()),
        Just("%e9".to_owned()),
        Just("%C3%A9".to_owned()),
        Just("%zz".to_owned()),
        Just(".".to_owned()),
        Just("..".to_owned()),
        "[a-zA-Z0-9_.~-]{1,8}",
        any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..12).prop_map(|v| v.concat())
}

fn query_text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z]{0,4}",
        "[ -~]{0,12}",
        any::<String>(),
        Just(String::new()),
    ]
}

#[test]
fn canonical_uri_matches_the_model() {
    check("canonical_uri", path_text(), |path| {
        prop_assert_eq!(
            signer::canonical_uri(&path),
            model_uri(&path),
            "path {:?}",
            path
        );
        Ok(())
    });
}

#[test]
fn canonical_query_matches_the_model() {
    let pairs = prop::collection::vec((query_text(), query_text()), 0..8);
    check("canonical_query", pairs, |query| {
        let ours = signer::canonical_query(&query);
        prop_assert_eq!(&ours, &model_query(&query));
        // What is sent parses back to the same pairs (as a multiset).
        let mut back: Vec<(String, String)> = url::form_urlencoded::parse(ours.as_bytes())
            .into_owned()
            .collect();
        let mut want = query.clone();
        back.sort();
        want.sort();
        prop_assert_eq!(back, want);
        Ok(())
    });
}

// ---- parse_error_body ----

const CODE_NAMES: &[&str] = &["error_code", "errorCode", "code", "reason"];
const MESSAGE_NAMES: &[&str] = &["error_msg", "errorMsg", "message", "error_message", "msg"];

fn bounded_output(code: &str, message: &str) -> Result<(), TestCaseError> {
    prop_assert!(code.chars().count() <= ERROR_CODE_MAX);
    prop_assert!(message.chars().count() <= ERROR_MESSAGE_MAX);
    Ok(())
}

/// Any JSON value, a few levels deep, its keys often code or message names.
fn json_value() -> impl Strategy<Value = Value> {
    json_tree(true)
}

/// A JSON value whose keys are never code or message names (`x_...`).
fn plain_json() -> impl Strategy<Value = Value> {
    json_tree(false)
}

fn json_tree(named_keys: bool) -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        any::<String>().prop_map(Value::String),
        "[a-z]{0,8}".prop_map(Value::String),
        // Longer than any bound the parser keeps.
        (4090usize..4200, any::<char>()).prop_map(|(n, c)| Value::String(c.to_string().repeat(n))),
    ];
    leaf.prop_recursive(3, 32, 6, move |inner| {
        if !named_keys {
            let objects = prop::collection::btree_map("x_[a-z]{1,6}", inner.clone(), 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect()));
            return prop_oneof![
                prop::collection::vec(inner, 0..6).prop_map(Value::Array),
                objects,
            ]
            .boxed();
        }
        let key = prop_oneof![
            "[a-z_]{1,10}".boxed(),
            prop::sample::select(CODE_NAMES)
                .prop_map(str::to_owned)
                .boxed(),
            prop::sample::select(MESSAGE_NAMES)
                .prop_map(str::to_owned)
                .boxed(),
        ];
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(key, inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
        .boxed()
    })
}

#[test]
fn parse_error_body_takes_any_bytes() {
    let bytes = prop_oneof![
        prop::collection::vec(any::<u8>(), 0..2048),
        any::<String>().prop_map(String::into_bytes),
        "[{}\\[\\]\":,a-z0-9 ]{0,64}".prop_map(String::into_bytes),
    ];
    check("parse_error_body_bytes", bytes, |body| {
        let (code, message) = parse_error_body(&body);
        bounded_output(&code, &message)
    });
}

#[test]
fn parse_error_body_takes_any_json() {
    check("parse_error_body_json", json_value(), |value| {
        let body = serde_json::to_vec(&value).unwrap_or_default();
        let (code, message) = parse_error_body(&body);
        bounded_output(&code, &message)
    });
}

/// Keys that are neither a code nor a message name.
fn other_key() -> impl Strategy<Value = String> {
    "x_[a-z]{1,8}"
}

fn filler() -> impl Strategy<Value = Map<String, Value>> {
    prop::collection::btree_map(other_key(), plain_json(), 0..4)
        .prop_map(|m| m.into_iter().collect())
}

#[test]
fn parse_error_body_finds_code_and_message_at_the_top_or_one_down() {
    let text = "[^\u{0}]{1,40}".prop_filter("non-empty", |s: &String| !s.is_empty());
    let cases = (
        prop::sample::select(CODE_NAMES),
        prop::sample::select(MESSAGE_NAMES),
        text.clone(),
        text,
        filler(),
        filler(),
        any::<bool>(),
        other_key(),
    );
    check(
        "parse_error_body_fields",
        cases,
        |(code_name, msg_name, code, msg, top, nested, at_top, wrapper)| {
            let mut holder = nested;
            holder.insert(code_name.to_owned(), Value::String(code.clone()));
            holder.insert(msg_name.to_owned(), Value::String(msg.clone()));
            let body = if at_top {
                let mut all = top;
                all.extend(holder);
                Value::Object(all)
            } else {
                let mut all = top;
                all.insert(wrapper, Value::Object(holder));
                Value::Object(all)
            };
            let bytes = serde_json::to_vec(&body).unwrap_or_default();
            let (got_code, got_msg) = parse_error_body(&bytes);
            prop_assert_eq!(got_code, code);
            prop_assert_eq!(got_msg, msg);
            Ok(())
        },
    );
}

// ---- Retry-After ----

#[test]
fn retry_after_never_panics_and_is_capped() {
    let numeric = prop_oneof![
        any::<f64>().prop_map(|f| f.to_string()),
        any::<f64>().prop_map(|f| format!("{f:e}")),
        any::<u64>().prop_map(|n| n.to_string()),
        any::<i64>().prop_map(|n| format!("{n}e{}", n % 400)),
        "[0-9]{1,40}(\\.[0-9]{0,10})?",
        "[-+]?(inf|infinity|nan|NaN|1e[0-9]{1,4})",
    ];
    let dates = (0u32..10000, 1u32..=28, 0usize..12, 0u32..24).prop_map(|(y, d, m, h)| {
        let months = [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ];
        format!("{d} {} {y:04} {h:02}:00:00 GMT", months[m])
    });
    let raw = prop_oneof![numeric, dates, any::<String>(), "[ -~]{0,40}"];
    check("retry_after", raw, |raw| {
        if let Some(wait) = parse_retry_after(&raw) {
            prop_assert!(wait <= RETRY_AFTER_CAP, "{:?} gave {:?}", raw, wait);
        }
        if let Ok(secs) = raw.trim().parse::<f64>() {
            let got = parse_retry_after(&raw);
            if secs.is_nan() || secs < 0.0 {
                prop_assert_eq!(got, None);
            } else if secs < 3600.0 {
                prop_assert_eq!(got, Some(Duration::from_secs_f64(secs)));
            } else {
                prop_assert!(got.is_some());
            }
        }
        Ok(())
    });
}
