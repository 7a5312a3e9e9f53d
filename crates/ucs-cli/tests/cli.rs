//! The `ucs` binary as users run it: against `ucs emulator` as a separate process.

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, Command, Output, Stdio};

const UCS: &str = env!("CARGO_BIN_EXE_ucs");

struct Emulator {
    child: Child,
    base: String,
    creds: serde_json::Value,
}

impl Drop for Emulator {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn emulator() -> Emulator {
    let mut child = Command::new(UCS)
        .args([
            "emulator",
            "--listen",
            "127.0.0.1:0",
            "--federation-seconds",
            "0",
        ])
        .stdout(Stdio::piped())
        .spawn()
        .expect("spawn emulator");
    let mut lines = BufReader::new(child.stdout.take().expect("stdout")).lines();
    let base = lines.next().expect("line 1").expect("read");
    let creds = serde_json::from_str(&lines.next().expect("line 2").expect("read")).expect("json");
    Emulator { child, base, creds }
}

impl Emulator {
    fn ucs(&self, args: &[&str]) -> Output {
        self.ucs_with_stdin(args, "")
    }

    fn ucs_with_stdin(&self, args: &[&str], stdin: &str) -> Output {
        let mut child = Command::new(UCS)
            .args(args)
            .env("UCS_ENDPOINT", &self.base)
            .env("UCS_HSS_ENDPOINT", &self.base)
            .env("UCS_IAM_ENDPOINT", &self.base)
            .env(
                "UCS_KARMADA_ENDPOINT",
                format!("{}/karmada/{{fleet}}", self.base),
            )
            .env("HUAWEICLOUD_SDK_AK", self.creds["ak"].as_str().expect("ak"))
            .env("HUAWEICLOUD_SDK_SK", self.creds["sk"].as_str().expect("sk"))
            .env(
                "HUAWEICLOUD_SDK_DOMAIN_ID",
                self.creds["domain_id"].as_str().expect("domain"),
            )
            .env(
                "HUAWEICLOUD_SDK_PROJECT_ID",
                self.creds["project_id"].as_str().expect("project"),
            )
            .env("HUAWEICLOUD_SDK_CREDENTIALS_FILE", "/nonexistent")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn ucs");
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(stdin.as_bytes())
            .expect("write stdin");
        child.wait_with_output().expect("ucs ran")
    }
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

const CLUSTER_YAML: &str = "kind: Cluster\napiVersion: v1\nmetadata:\n  name: from-yaml\nspec:\n  category: attachedcluster\n  type: privatek8s\n  provider: privatek8s\n  country: CN\n  city: '110000'\n  manageType: discrete\n";

#[test]
fn clusters_register_list_get_in_every_format() {
    let emu = emulator();
    let made = emu.ucs_with_stdin(
        &["clusters", "register", "--file", "-", "-o", "json"],
        CLUSTER_YAML,
    );
    assert!(made.status.success(), "{}", stderr(&made));
    let uid = serde_json::from_slice::<serde_json::Value>(&made.stdout).expect("json")["uid"]
        .as_str()
        .expect("uid")
        .to_owned();
    let table = emu.ucs(&["clusters", "list"]);
    assert!(table.status.success());
    let text = stdout(&table);
    assert!(
        text.starts_with("NAME") && text.contains("from-yaml") && text.contains(&uid),
        "{text}"
    );
    let yaml = emu.ucs(&["clusters", "get", &uid, "-o", "yaml"]);
    assert!(stdout(&yaml).contains("name: from-yaml"));
    let json = emu.ucs(&["clusters", "list", "--all", "--limit", "1", "-o", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).expect("json");
    assert_eq!(v["total"], 1);
}

#[test]
fn errors_show_code_message_and_request_id_and_exit_non_zero() {
    let emu = emulator();
    let missing = emu.ucs(&["clusters", "get", "b0d1ecb5-7947-11ee-9467-0255ac1001bf"]);
    assert_eq!(missing.status.code(), Some(1));
    let err = stderr(&missing);
    assert!(
        err.contains("UCS.01030001") && err.contains("request id:") && err.contains("404"),
        "{err}"
    );
    let invalid = emu.ucs(&["clusters", "get", "not-a-uuid"]);
    assert_eq!(invalid.status.code(), Some(1));
    assert!(stderr(&invalid).contains("cluster_id"));
    let usage = emu.ucs(&["clusters", "frobnicate"]);
    assert_eq!(usage.status.code(), Some(2));
    let sk = emu.creds["sk"].as_str().expect("sk");
    for o in [&missing, &invalid, &usage] {
        assert!(!stderr(o).contains(sk) && !stdout(o).contains(sk));
    }
}

#[test]
fn fleets_enable_federation_and_wait() {
    let emu = emulator();
    let fleet = emu.ucs(&["fleets", "register", "--name", "cli-fleet", "-o", "json"]);
    assert!(fleet.status.success(), "{}", stderr(&fleet));
    let id = serde_json::from_slice::<serde_json::Value>(&fleet.stdout).expect("json")["uid"]
        .as_str()
        .expect("uid")
        .to_owned();
    let enabled = emu.ucs(&["fleets", "enable-federation", &id, "--wait", "-o", "json"]);
    assert!(enabled.status.success(), "{}", stderr(&enabled));
    let job: serde_json::Value = serde_json::from_slice(&enabled.stdout).expect("json");
    assert_eq!(job["status"]["phase"], "Success");
    assert!(stderr(&enabled).contains("InstallFederationChart: Success"));
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("kubeconfig");
    let path_str = path.to_str().expect("path");
    let saved = emu.ucs(&[
        "fleets",
        "download-federation-kubeconfig",
        &id,
        "--duration",
        "1",
        "--out",
        path_str,
    ]);
    assert!(saved.status.success(), "{}", stderr(&saved));
    let text = std::fs::read_to_string(&path).expect("kubeconfig");
    assert!(text.contains("current-context"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).expect("meta").permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}

#[test]
fn demo_runs_to_the_end() {
    let out = Command::new(UCS)
        .args(["demo", "--fast"])
        .output()
        .expect("demo");
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).trim_end().ends_with("demo complete"));
}
