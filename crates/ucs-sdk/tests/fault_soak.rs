//! Fault soak: a few thousand calls against the emulator with random 5xx, 429 with `Retry-After`,
//! dropped connections and latency. The emulator's request log then shows that no POST ran twice
//! and no retry came before `Retry-After`; every idempotent call ends, by its deadline, in a
//! success or a fault-caused typed error. `UCS_SOAK_CALLS` raises the call count (default 2000).

use std::collections::HashMap;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use ucs_emulator::{EmulatorConfig, FaultConfig, RequestLogTarget};
use ucs_sdk::models::{EnableFederationQuery, NameMeta, RegisterFleet, UpdateDescription};
use ucs_sdk::{Client, Credentials, Error, RetryPolicy};

/// The injected 429s' `Retry-After` (the emulator sends whole seconds).
const RETRY_AFTER_SECS: u64 = 1;
/// Sequential callers running side by side; each one's calls use paths no other caller uses.
const WORKERS: usize = 16;
/// A fresh client per this many units keeps each client's retry budget far from empty.
const UNITS_PER_CLIENT: usize = 20;
const DEADLINE: Duration = Duration::from_secs(15);
const CREATE_PATH: &str = "/v1/clustergroups";

fn soak_calls() -> usize {
    std::env::var("UCS_SOAK_CALLS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2000)
}

/// What one call ended with, as the client saw it.
struct Outcome {
    method: &'static str,
    /// The request path (for the POST that names its fleet in the path).
    path: String,
    error: Option<Error>,
    elapsed: Duration,
}

/// One request as the emulator logged it.
struct Entry {
    method: String,
    path: String,
    status: u64,
    fault: Option<String>,
    at_ms: f64,
    duration_ms: f64,
}

impl Entry {
    fn parse(line: &str) -> Entry {
        let v: Value = serde_json::from_str(line).expect("a JSON request-log line");
        let text = |k: &str| v[k].as_str().unwrap_or_default().to_owned();
        Entry {
            method: text("method"),
            path: text("path"),
            status: v["status"].as_u64().expect("status"),
            fault: v["fault"].as_str().map(str::to_owned),
            at_ms: v["at_ms"].as_f64().expect("at_ms in the request log"),
            duration_ms: v["duration_ms"].as_f64().expect("duration_ms"),
        }
    }

    /// The request reached the emulator's handler (no injected answer, no drop).
    fn executed(&self) -> bool {
        self.fault.is_none()
    }
}

fn client(base: &str) -> Client {
    Client::builder()
        .endpoint(base)
        .credentials(Credentials::aksk(
            ucs_emulator::DEMO_AK,
            ucs_emulator::DEMO_SK,
        ))
        .domain_id(ucs_emulator::DEMO_DOMAIN_ID)
        .project_id(ucs_emulator::DEMO_PROJECT_ID)
        .retry_policy(RetryPolicy {
            max_retries: 8,
            base_delay: Duration::from_millis(10),
            // Above Retry-After, so throttled calls wait what the service asked.
            max_delay: Duration::from_secs(5),
        })
        .call_timeout(DEADLINE)
        .build()
        .expect("client")
}

async fn timed<T>(
    out: &mut Vec<Outcome>,
    method: &'static str,
    path: String,
    call: impl std::future::Future<Output = ucs_sdk::Result<T>>,
) -> Option<T> {
    let started = Instant::now();
    let result = call.await;
    let elapsed = started.elapsed();
    let (value, error) = match result {
        Ok(v) => (Some(v), None),
        Err(e) => (None, Some(e)),
    };
    out.push(Outcome {
        method,
        path,
        error,
        elapsed,
    });
    value
}

/// One worker's units, in turn, until it made `calls` calls: each unit works on a fleet of its own.
async fn worker(base: String, worker: usize, calls: usize) -> (Vec<Outcome>, Vec<String>) {
    let mut out = Vec::new();
    let mut created = Vec::new();
    let mut c = client(&base);
    for unit in 0.. {
        if out.len() >= calls {
            break;
        }
        if unit > 0 && unit % UNITS_PER_CLIENT == 0 {
            c = client(&base);
        }
        let fleets = c.fleets();
        let name = format!("soak-{worker}-{unit}");
        let body = RegisterFleet {
            metadata: NameMeta { name: name.clone() },
            spec: None,
        };
        let path = CREATE_PATH.to_owned();
        let Some(made) = timed(&mut out, "POST", path, fleets.register(&body)).await else {
            continue;
        };
        created.push(name);
        let id = made.uid;
        let fleet_path = format!("{CREATE_PATH}/{id}");
        timed(&mut out, "GET", fleet_path.clone(), fleets.get(&id)).await;
        let describe = UpdateDescription {
            description: format!("unit {unit}"),
        };
        let path = format!("{fleet_path}/description");
        timed(
            &mut out,
            "PUT",
            path,
            fleets.update_description(&id, &describe),
        )
        .await;
        let path = format!("{fleet_path}/federations");
        let query = EnableFederationQuery::default();
        let enabled = timed(
            &mut out,
            "POST",
            path,
            fleets.enable_federation(&id, &query),
        )
        .await;
        // An enable that ended in a timeout or a lost connection may have run, so it is
        // disabled too; an error answer means it did not.
        let maybe_enabled = enabled.is_some()
            || out
                .last()
                .and_then(|o| o.error.as_ref())
                .is_some_and(|e| !matches!(e, Error::Api(_)));
        if enabled.is_some() {
            let path = format!("{fleet_path}/federations/progress");
            timed(&mut out, "GET", path, fleets.federation_progress(&id)).await;
        }
        // A federated fleet cannot be deleted (UCS.01080002): take the federation down first.
        // The job takes no time here, so the federation is ready at once.
        if maybe_enabled {
            let path = format!("{fleet_path}/federations");
            timed(&mut out, "DELETE", path, fleets.disable_federation(&id)).await;
        }
        timed(&mut out, "DELETE", fleet_path, fleets.delete(&id)).await;
    }
    (out, created)
}

async fn control(base: &str, method: reqwest::Method, path: &str, body: Value) {
    let answer = reqwest::Client::new()
        .request(method, format!("{base}/_emulator/{path}"))
        .header("content-type", "application/json")
        .body(body.to_string())
        .send()
        .await
        .expect("control endpoint");
    assert!(answer.status().is_success(), "{path}: {}", answer.status());
}

/// An error an injected fault (5xx, 429, a dropped connection, a deadline) accounts for.
fn fault_caused(e: &Error) -> bool {
    match e {
        Error::Api(api) => api.status == 429 || api.status >= 500,
        Error::Timeout { .. } | Error::Connection { .. } => true,
        _ => false,
    }
}

/// A refusal that an earlier fault of the same fleet's unit explains: disabling a federation
/// that an enable ending in a fault never made (UCS.01080006), or deleting a fleet whose
/// disable a fault stopped, so it is still federated (UCS.01080002).
fn refusal_explained<'a>(
    o: &Outcome,
    e: &Error,
    outcome: &dyn Fn(&str, &str) -> Option<&'a Outcome>,
) -> bool {
    let Error::Api(api) = e else { return false };
    let failed_by_fault = |method: &str, path: &str| {
        outcome(method, path)
            .and_then(|p| p.error.as_ref())
            .is_some_and(fault_caused)
    };
    match api.code.as_str() {
        "UCS.01080006" if o.method == "DELETE" && o.path.ends_with("/federations") => {
            failed_by_fault("POST", &o.path)
        }
        "UCS.01080002" if o.method == "DELETE" => {
            failed_by_fault("DELETE", &format!("{}/federations", o.path))
        }
        _ => false,
    }
}

fn log_path() -> PathBuf {
    let unique = format!(
        "ucs-fault-soak-{}-{}.jsonl",
        std::process::id(),
        chrono::Utc::now().timestamp_nanos_opt().unwrap_or_default()
    );
    std::env::temp_dir().join(unique)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fault_soak_keeps_posts_single_and_waits_for_retry_after() {
    let log_file = log_path();
    let emu = ucs_emulator::start(EmulatorConfig {
        federation_duration: Duration::ZERO,
        quota: 100_000,
        request_log: Some(RequestLogTarget::File(log_file.clone())),
        faults: FaultConfig {
            error_rate: 0.05,
            throttle_rate: 0.02,
            retry_after_secs: RETRY_AFTER_SECS,
            latency: Duration::from_millis(1),
            drop_rate: 0.03,
        },
        ..Default::default()
    })
    .await
    .expect("emulator");
    let base = emu.base_url();
    // A few scripted faults first, so every kind is seen even in a short run.
    control(
        &base,
        reqwest::Method::POST,
        "faults/next",
        json!([
            {"status": 429, "retry_after_secs": RETRY_AFTER_SECS, "method": "GET", "times": 3},
            {"drop": true, "method": "POST", "times": 3},
            {"drop": true, "method": "DELETE", "times": 2},
            {"status": 503, "method": "PUT", "times": 2},
        ]),
    )
    .await;

    let started = Instant::now();
    let calls = soak_calls();
    let tasks: Vec<_> = (0..WORKERS)
        .map(|w| {
            let mine = calls / WORKERS + usize::from(w < calls % WORKERS);
            tokio::spawn(worker(base.clone(), w, mine))
        })
        .collect();
    let mut outcomes = Vec::new();
    let mut created = Vec::new();
    for task in tasks {
        let (out, names) = task.await.expect("worker");
        outcomes.extend(out);
        created.extend(names);
    }
    let soak_time = started.elapsed();
    emu.shutdown().await;
    let text = std::fs::read_to_string(&log_file).expect("request log file");
    let _ = std::fs::remove_file(&log_file);
    let entries: Vec<Entry> = text.lines().map(Entry::parse).collect();

    // Every idempotent call ended by its deadline, in a success or an error the faults explain.
    let idempotent: Vec<&Outcome> = outcomes.iter().filter(|o| o.method != "POST").collect();
    let (mut idempotent_failures, mut refusals_explained) = (0, 0);
    let outcome = |method: &str, path: &str| {
        outcomes
            .iter()
            .find(|o| o.method == method && o.path == path)
    };
    for o in &idempotent {
        let Some(e) = &o.error else { continue };
        idempotent_failures += 1;
        let explained = !fault_caused(e) && refusal_explained(o, e, &outcome);
        refusals_explained += usize::from(explained);
        assert!(
            fault_caused(e) || explained,
            "{} {} failed with {e}, which no injected fault explains",
            o.method,
            o.path
        );
    }
    let slowest = idempotent
        .iter()
        .map(|o| o.elapsed)
        .max()
        .unwrap_or_default();

    // No POST executed twice. Creating a fleet carries a fresh name: a second execution would
    // be refused (names are unique), so every executed create must have succeeded, once per
    // create the client saw succeed.
    let creates_executed: Vec<&Entry> = entries
        .iter()
        .filter(|e| e.method == "POST" && e.path == CREATE_PATH && e.executed())
        .collect();
    let creates_twice = creates_executed
        .iter()
        .filter(|e| !(200..300).contains(&e.status))
        .count();
    let creates_ok = outcomes
        .iter()
        .filter(|o| o.method == "POST" && o.path == CREATE_PATH && o.error.is_none())
        .count();
    assert_eq!(created.len(), creates_ok);
    assert_eq!(
        creates_executed.len() - creates_twice,
        creates_ok,
        "executed fleet creations differ from the successful ones"
    );
    // Enabling federation names its fleet in the path: count executions per call.
    let mut executions: HashMap<&str, usize> = HashMap::new();
    for e in entries
        .iter()
        .filter(|e| e.method == "POST" && e.path != CREATE_PATH && e.executed())
    {
        *executions.entry(e.path.as_str()).or_default() += 1;
    }
    let mut enables_twice = 0;
    for o in outcomes
        .iter()
        .filter(|o| o.method == "POST" && o.path != CREATE_PATH)
    {
        let n = executions.get(o.path.as_str()).copied().unwrap_or(0);
        enables_twice += usize::from(n > 1);
        if o.error.is_none() {
            assert_eq!(n, 1, "successful POST {} executed {n} times", o.path);
        }
    }
    let posts_twice = creates_twice + enables_twice;

    // No retry before Retry-After: every path but the create one belongs to one sequential call,
    // so the request after a 429 on it is that call's retry.
    let mut by_call: HashMap<(&str, &str), Vec<&Entry>> = HashMap::new();
    for e in entries.iter().filter(|e| e.path != CREATE_PATH) {
        by_call.entry((&e.method, &e.path)).or_default().push(e);
    }
    let wait_ms = (RETRY_AFTER_SECS * 1000) as f64;
    let (mut throttled_retries, mut early) = (0, Vec::new());
    let mut min_gap = f64::INFINITY;
    for requests in by_call.values_mut() {
        requests.sort_by(|a, b| a.at_ms.total_cmp(&b.at_ms));
        for pair in requests.windows(2) {
            if pair[0].status != 429 {
                continue;
            }
            let gap = pair[1].at_ms - (pair[0].at_ms + pair[0].duration_ms);
            throttled_retries += 1;
            min_gap = min_gap.min(gap);
            if gap < wait_ms {
                early.push(format!("{} {}: {gap:.1} ms", pair[1].method, pair[1].path));
            }
        }
    }

    let count = |f: &dyn Fn(&Entry) -> bool| entries.iter().filter(|e| f(e)).count();
    let drops = count(&|e| e.fault.as_deref() == Some("drop"));
    let throttles = count(&|e| e.fault.is_some() && e.status == 429);
    let errors = count(&|e| e.fault.is_some() && e.status >= 500);
    println!(
        "fault soak (rust): calls {} ({} idempotent, {} POST) in {:.1} s, requests {}; \
         faults injected {} (5xx {errors}, 429 {throttles}, dropped {drops}); \
         POSTs executed twice: {posts_twice}; retries before Retry-After: {} \
         (of {throttled_retries} retries after a 429, shortest wait {min_gap:.0} ms); \
         idempotent calls failed: {idempotent_failures} ({refusals_explained} refusals an \
         earlier fault explains), slowest {} ms (deadline {} ms)",
        outcomes.len(),
        idempotent.len(),
        outcomes.len() - idempotent.len(),
        soak_time.as_secs_f64(),
        entries.len(),
        drops + throttles + errors,
        early.len(),
        slowest.as_millis(),
        DEADLINE.as_millis(),
    );
    assert_eq!(posts_twice, 0, "POSTs executed twice");
    assert!(early.is_empty(), "retries before Retry-After: {early:?}");
    assert!(
        drops > 0 && throttles > 0 && errors > 0 && throttled_retries > 0,
        "every fault kind must be exercised"
    );
}
