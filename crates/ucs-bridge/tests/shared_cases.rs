//! The language-neutral cases of tests/cases/operations (format: its README.md), run through
//! `ucs_bridge::invoke`, the dispatcher every binding shares, against an in-process emulator;
//! and the check that every operation of the table appears in some case.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde_json::{json, Value};
use ucs_bridge::{build_client, invoke, Call, Client, ErrorInfo, Operation, Options};
use ucs_emulator::{
    EmulatorConfig, DEMO_AK, DEMO_DOMAIN_ID, DEMO_DOMAIN_NAME, DEMO_PASSWORD, DEMO_PROJECT_ID,
    DEMO_SK, DEMO_USER,
};

fn cases_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/cases/operations")
}

/// Every scenario file, by name, with its steps.
fn scenarios() -> Vec<(String, Vec<Value>)> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(cases_dir())
        .expect("tests/cases/operations")
        .filter_map(|e| Some(e.ok()?.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).expect("case file");
            let steps: Vec<Value> = serde_json::from_str(&text).expect("a JSON list of steps");
            let name = p.file_name().map(|n| n.to_string_lossy().into_owned());
            (name.unwrap_or_default(), steps)
        })
        .collect()
}

/// `${name}` replaced by saved values, in the step's JSON text: `"${name}"` takes the value with
/// its JSON type, `${name}` inside a longer string its text. `${unique}` is a fresh name each time.
fn substitute(step: &Value, saved: &HashMap<String, Value>, unique: &mut u32) -> Value {
    let mut text = step.to_string();
    while let Some(start) = text.find("${") {
        let end = start + text[start..].find('}').expect("a closed ${...}");
        let name = &text[start + 2..end];
        let value = match name {
            "unique" => {
                *unique += 1;
                json!(format!("u{unique}"))
            }
            _ => saved
                .get(name)
                .cloned()
                .unwrap_or_else(|| panic!("${{{name}}} was never saved")),
        };
        let (range, with) = if text[..start].ends_with('"') && text[end + 1..].starts_with('"') {
            (start - 1..end + 2, value.to_string())
        } else {
            let inner = value
                .as_str()
                .map_or_else(|| value.to_string(), str::to_owned);
            let quoted = json!(inner).to_string();
            (start..end + 1, quoted[1..quoted.len() - 1].to_owned())
        };
        text.replace_range(range, &with);
    }
    serde_json::from_str(&text).expect("a step after substitution")
}

/// Subset matching: the expected value's keys, `$` operators and array items must match.
fn matches(expected: &Value, actual: &Value, at: &str) -> Result<(), String> {
    let fail = || Err(format!("at {at}: expected {expected}, got {actual}"));
    match expected {
        Value::Object(map) if map.keys().any(|k| k.starts_with('$')) => {
            for (op, arg) in map {
                let ok = match op.as_str() {
                    "$len" => len(actual).is_some_and(|n| Some(n as u64) == arg.as_u64()),
                    "$nonempty" => len(actual).is_some_and(|n| (n > 0) == (arg == &json!(true))),
                    "$type" => Some(type_name(actual)) == arg.as_str(),
                    "$contains" => actual.as_array().is_some_and(|items| {
                        items.iter().any(|item| matches(arg, item, at).is_ok())
                    }),
                    other => panic!("unknown operator {other}"),
                };
                if !ok {
                    return fail();
                }
            }
            Ok(())
        }
        Value::Object(map) => {
            let Some(got) = actual.as_object() else {
                return fail();
            };
            for (key, want) in map {
                matches(
                    want,
                    got.get(key).unwrap_or(&Value::Null),
                    &format!("{at}.{key}"),
                )?;
            }
            Ok(())
        }
        Value::Array(items) => match actual.as_array() {
            Some(got) if got.len() == items.len() => items
                .iter()
                .zip(got)
                .enumerate()
                .try_for_each(|(i, (w, g))| matches(w, g, &format!("{at}[{i}]"))),
            _ => fail(),
        },
        Value::Number(n) if actual.as_f64() == n.as_f64() => Ok(()),
        _ if expected == actual => Ok(()),
        _ => fail(),
    }
}

fn len(value: &Value) -> Option<usize> {
    match value {
        Value::Array(a) => Some(a.len()),
        Value::Object(o) => Some(o.len()),
        Value::String(s) => Some(s.chars().count()),
        _ => None,
    }
}

fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// The value at a dotted path (`items.0.metadata.uid`; `$` is the whole answer).
fn at_path<'a>(value: &'a Value, path: &str) -> &'a Value {
    if path == "$" {
        return value;
    }
    path.split('.').fold(value, |v, key| match v {
        Value::Array(items) => key
            .parse()
            .ok()
            .and_then(|i: usize| items.get(i))
            .unwrap_or(&Value::Null),
        _ => v.get(key).unwrap_or(&Value::Null),
    })
}

fn client(options: Value) -> Client {
    let options = Options::from_json(options).expect("options");
    build_client(&options).expect("client")
}

struct Runner {
    base: String,
    aksk: Client,
    password: Client,
    http: reqwest::Client,
}

impl Runner {
    async fn run(&self, file: &str, steps: &[Value]) {
        let mut saved: HashMap<String, Value> = HashMap::from([
            ("domain_id".to_owned(), json!(DEMO_DOMAIN_ID)),
            ("project_id".to_owned(), json!(DEMO_PROJECT_ID)),
        ]);
        let mut unique = 0;
        self.control("reset", "POST", json!({})).await;
        for (i, raw) in steps.iter().enumerate() {
            let step = substitute(raw, &saved, &mut unique);
            let here = format!(
                "{file} step {i} ({})",
                raw["call"].as_str().unwrap_or("emulator")
            );
            if let Some(path) = step["emulator"].as_str() {
                let method = step["method"].as_str().unwrap_or("POST");
                self.control(path, method, step.get("body").cloned().unwrap_or(json!({})))
                    .await;
                continue;
            }
            let (resource, name) = step["call"]
                .as_str()
                .and_then(|c| c.split_once('.'))
                .expect("call");
            let call = Call {
                resource: resource.into(),
                name: name.into(),
                ids: serde_json::from_value(step["ids"].clone()).unwrap_or_default(),
                body: step.get("body").cloned(),
                query: step.get("query").cloned(),
            };
            let who = if step["auth"] == "password" {
                &self.password
            } else {
                &self.aksk
            };
            let answer = invoke(who, call)
                .await
                .map(|a| serde_json::to_value(&a).expect("json"));
            match (answer, step.get("expect_error")) {
                (Ok(got), None) => {
                    if let Some(want) = step.get("expect") {
                        if let Err(e) = matches(want, &got, "answer") {
                            panic!("{here}: {e}");
                        }
                    }
                    for (key, path) in step["save"].as_object().into_iter().flatten() {
                        let value = at_path(&got, path.as_str().expect("save path"));
                        assert!(!value.is_null(), "{here}: nothing at {path} in {got}");
                        saved.insert(key.clone(), value.clone());
                    }
                }
                (Err(e), Some(want)) => {
                    let info = ErrorInfo::from(&e);
                    let got = json!({
                        "kind": info.kind.name(),
                        "code": info.error_code,
                        "status": info.status_code,
                        "field": info.field,
                    });
                    let mut subset = want.clone();
                    if let Some(text) = subset
                        .as_object_mut()
                        .and_then(|m| m.remove("message_contains"))
                    {
                        let text = text.as_str().unwrap_or_default();
                        assert!(
                            info.message.contains(text),
                            "{here}: {:?} lacks {text:?}",
                            info.message
                        );
                    }
                    if let Err(diff) = matches(&subset, &got, "error") {
                        panic!("{here}: {diff} ({e})");
                    }
                }
                (Ok(got), Some(want)) => panic!("{here}: expected the error {want}, got {got}"),
                (Err(e), None) => panic!("{here}: failed: {e}"),
            }
        }
    }

    async fn control(&self, path: &str, method: &str, body: Value) {
        let method = reqwest::Method::from_bytes(method.as_bytes()).expect("method");
        let url = format!("{}/_emulator/{path}", self.base);
        let resp = self
            .http
            .request(method, &url)
            .json(&body)
            .send()
            .await
            .expect("control");
        assert!(
            resp.status().is_success(),
            "{url} answered {}",
            resp.status()
        );
    }
}

#[tokio::test]
async fn every_shared_case_passes_through_the_bridge() {
    let emu = ucs_emulator::start(EmulatorConfig {
        federation_duration: Duration::ZERO,
        ..Default::default()
    })
    .await
    .expect("emulator starts");
    let base = emu.base_url();
    let endpoints = json!({"endpoint": base, "hss_endpoint": base, "iam_endpoint": base});
    let with = |extra: Value| {
        let mut options = endpoints.clone();
        if let (Some(o), Some(e)) = (options.as_object_mut(), extra.as_object()) {
            o.extend(e.clone());
        }
        client(options)
    };
    let runner = Runner {
        base: base.clone(),
        aksk: with(
            json!({"ak": DEMO_AK, "sk": DEMO_SK, "domain_id": DEMO_DOMAIN_ID, "project_id": DEMO_PROJECT_ID}),
        ),
        password: with(
            json!({"user": DEMO_USER, "password": DEMO_PASSWORD, "domain_name": DEMO_DOMAIN_NAME, "region": "cn-north-4"}),
        ),
        http: reqwest::Client::new(),
    };
    let files = scenarios();
    assert!(files.len() >= 6, "scenario files missing: {}", files.len());
    let mut steps = 0;
    for (file, scenario) in &files {
        runner.run(file, scenario).await;
        steps += scenario.len();
    }
    println!("shared cases: {} files, {steps} steps", files.len());
    emu.shutdown().await;
}

#[test]
fn every_operation_of_the_table_has_a_case() {
    let called: BTreeSet<String> = scenarios()
        .iter()
        .flat_map(|(_, steps)| {
            steps
                .iter()
                .filter_map(|s| s["call"].as_str().map(str::to_owned))
        })
        .collect();
    for call in &called {
        let (resource, name) = call.split_once('.').unwrap_or_default();
        assert!(
            Operation::find(resource, name).is_some(),
            "a case calls {call}, not in the table"
        );
    }
    let missing: Vec<String> = Operation::ALL
        .iter()
        .map(|op| format!("{}.{}", op.info().resource, op.info().name))
        .filter(|name| !called.contains(name))
        .collect();
    assert!(
        missing.is_empty(),
        "operations without a case in tests/cases/operations: {missing:?}"
    );
}
