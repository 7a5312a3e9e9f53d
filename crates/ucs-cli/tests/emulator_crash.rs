//! Crash safety of `ucs emulator --state FILE`: concurrent writers over HTTP, SIGKILL at seeded
//! random moments (after a random number of acknowledged writes), and after every restart the
//! file loads and holds every write that was answered 2xx before the kill.

#![cfg(unix)]

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use tokio::sync::mpsc;
use ucs_emulator::{DEMO_AK, DEMO_DOMAIN_ID, DEMO_SK};
use ucs_sdk::models::{CreateRule, PageQuery, RegisterFleet};

const UCS: &str = env!("CARGO_BIN_EXE_ucs");
const SEED: u64 = 0x5eed_2026_1201;
const KILLS: usize = 20;
const WRITERS: usize = 3;

/// A running emulator process; its stdout stays open (a closed pipe would end it).
struct Running {
    child: Child,
    _stdout: std::io::Lines<BufReader<std::process::ChildStdout>>,
}

/// Starts the emulator on the state file; line 1 of its stdout is the base URL, printed once the
/// state has loaded and it accepts connections.
fn spawn(state: &Path) -> (Running, String) {
    let mut child = Command::new(UCS)
        .args([
            "emulator",
            "--listen",
            "127.0.0.1:0",
            "--federation-seconds",
            "0",
        ])
        .args(["--quota", "100000", "--state"])
        .arg(state)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn emulator");
    let mut lines = BufReader::new(child.stdout.take().expect("stdout")).lines();
    let base = lines
        .next()
        .expect("the emulator printed its URL (the state file loaded)")
        .expect("read");
    (
        Running {
            child,
            _stdout: lines,
        },
        base,
    )
}

fn client(base: &str) -> ucs_sdk::Client {
    ucs_sdk::Client::builder()
        .endpoint(base)
        .credentials(ucs_sdk::Credentials::aksk(DEMO_AK, DEMO_SK))
        .domain_id(DEMO_DOMAIN_ID)
        .max_retries(0)
        .build()
        .expect("client")
}

/// What a writer got acknowledged: a fleet or a rule uid.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Ack {
    Fleet(String),
    Rule(String),
}

async fn writer(
    client: ucs_sdk::Client,
    round: usize,
    id: usize,
    acks: mpsc::UnboundedSender<Ack>,
) {
    for i in 0.. {
        let name = format!("r{round}-w{id}-{i}");
        let ack = if i % 2 == 0 {
            let body: RegisterFleet =
                serde_json::from_value(serde_json::json!({"metadata": {"name": name}}))
                    .expect("fleet body");
            client
                .fleets()
                .register(&body)
                .await
                .map(|c| Ack::Fleet(c.uid))
        } else {
            let body: CreateRule = serde_json::from_value(serde_json::json!({
                "metadata": {"name": name},
                "spec": {"type": "readonly", "iamUserIDs": ["u1"]}
            }))
            .expect("rule body");
            client.rules().create(&body).await.map(|c| Ack::Rule(c.uid))
        };
        // The first failure is the kill: stop writing.
        let Ok(ack) = ack else { return };
        if acks.send(ack).is_err() {
            return;
        }
    }
}

/// Every fleet and rule the running emulator holds.
async fn stored(client: &ucs_sdk::Client) -> BTreeSet<Ack> {
    let all = PageQuery {
        limit: Some(-1),
        ..Default::default()
    };
    let fleets = client.fleets().list(&all).await.expect("fleets");
    let rules = client.rules().list(&all).await.expect("rules");
    let uid = |m: &Option<ucs_sdk::models::ObjectMeta>| {
        m.as_ref().and_then(|m| m.uid.clone()).unwrap_or_default()
    };
    fleets
        .items
        .iter()
        .map(|f| Ack::Fleet(uid(&f.metadata)))
        .chain(rules.items.iter().map(|r| Ack::Rule(uid(&r.metadata))))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn acknowledged_writes_survive_sigkill() {
    let dir = tempfile::tempdir().expect("tempdir");
    let state = dir.path().join("state.json");
    let mut rng = StdRng::seed_from_u64(SEED);
    let mut acknowledged = BTreeSet::new();
    let (mut child, mut base) = spawn(&state);
    for round in 0..KILLS {
        let kill_after: usize = rng.random_range(1..=30);
        let (tx, mut rx) = mpsc::unbounded_channel();
        let writers: Vec<_> = (0..WRITERS)
            .map(|id| tokio::spawn(writer(client(&base), round, id, tx.clone())))
            .collect();
        drop(tx);
        let mut this_round = 0;
        while this_round < kill_after {
            let Some(ack) = rx.recv().await else { break };
            acknowledged.insert(ack);
            this_round += 1;
        }
        // SIGKILL while the other writers are mid-request.
        child.child.kill().expect("SIGKILL");
        child.child.wait().expect("reaped");
        for w in writers {
            w.await.expect("writer ends");
        }
        // Acknowledged before the kill, read after it: they count too.
        while let Ok(ack) = rx.try_recv() {
            acknowledged.insert(ack);
        }
        (child, base) = spawn(&state);
        let present = stored(&client(&base)).await;
        let lost: Vec<_> = acknowledged.difference(&present).collect();
        assert!(lost.is_empty(), "round {round}: lost {lost:?}");
    }
    let _ = child.child.kill();
    let _ = child.child.wait();
    println!(
        "crash safety: {KILLS} kills, {} acknowledged writes, 0 lost",
        acknowledged.len()
    );
}
