//! The `ucs` binary as users run it: against `ucs emulator` as a separate process.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
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

    /// `ucs ARGS` against this emulator, with its credentials in the environment.
    fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(UCS);
        cmd.args(args)
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
            .env_remove("UCS_PROFILE")
            .env_remove("RUST_LOG");
        cmd
    }

    fn ucs_with_stdin(&self, args: &[&str], stdin: &str) -> Output {
        run(self.command(args), stdin)
    }

    /// A control call (`/_emulator/...`), plain HTTP/1.1 over a socket; returns the response.
    fn control(&self, method: &str, path: &str, body: &str) -> String {
        let addr = self.base.trim_start_matches("http://");
        let mut socket = TcpStream::connect(addr).expect("connect");
        write!(
            socket,
            "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        )
        .expect("send");
        let mut response = String::new();
        socket.read_to_string(&mut response).expect("read");
        assert!(response.starts_with("HTTP/1.1 200"), "{response}");
        response
    }

    fn register_fleet(&self, name: &str, description: &str) -> String {
        let made = self.ucs(&[
            "fleets",
            "register",
            "--name",
            name,
            "--description",
            description,
            "-o",
            "json",
        ]);
        assert!(made.status.success(), "{}", stderr(&made));
        serde_json::from_slice::<serde_json::Value>(&made.stdout).expect("json")["uid"]
            .as_str()
            .expect("uid")
            .to_owned()
    }
}

fn run(mut cmd: Command, stdin: &str) -> Output {
    let mut child = cmd
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
    assert_eq!(missing.status.code(), Some(4));
    let err = stderr(&missing);
    assert!(
        err.contains("UCS.01030001") && err.contains("request id:") && err.contains("404"),
        "{err}"
    );
    let invalid = emu.ucs(&["clusters", "get", "not-a-uuid"]);
    assert_eq!(invalid.status.code(), Some(3));
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
    // Progress is plain lines on stderr, no bar: no cursor moves, no spinner, stdout pure JSON.
    let progress = stderr(&enabled);
    assert!(progress.contains("InstallFederationChart: Success"));
    assert!(
        !progress.contains('\u{1b}') && !progress.contains('\r'),
        "{progress:?}"
    );
    // The download needs the federation's connection (reference 3.2.16).
    let connection = emu.ucs(&[
        "fleets",
        "create-federation-connection",
        &id,
        "--project-id",
        "p",
        "--vpc-id",
        "vpc-1",
        "--subnet-id",
        "subnet-1",
    ]);
    assert!(connection.status.success(), "{}", stderr(&connection));
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

#[test]
fn exit_codes_tell_the_error_class() {
    let emu = emulator();
    let id = emu.register_fleet("twice", "first");
    let code = |o: &Output| o.status.code();
    // 4: not found; 5: conflict; 3: invalid argument (id, duration, query) before any call.
    let missing = emu.ucs(&["fleets", "get", "0f0e0d0c-0b0a-4909-8807-060504030201"]);
    assert_eq!(code(&missing), Some(4), "{}", stderr(&missing));
    let again = emu.ucs(&["fleets", "register", "--name", "twice"]);
    assert_eq!(code(&again), Some(5), "{}", stderr(&again));
    let bad_id = emu.ucs(&["clusters", "get", "not-a-uuid"]);
    assert_eq!(code(&bad_id), Some(3), "{}", stderr(&bad_id));
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("k");
    let out = out.to_str().expect("path");
    let bad_duration = emu.ucs(&[
        "fleets",
        "download-federation-kubeconfig",
        &id,
        "--duration",
        "0",
        "--out",
        out,
    ]);
    assert_eq!(code(&bad_duration), Some(3), "{}", stderr(&bad_duration));
    assert!(stderr(&bad_duration).contains("duration"));
    let bad_query = emu.ucs(&["fleets", "register", "--name", "q", "--query", "items["]);
    assert_eq!(code(&bad_query), Some(3), "{}", stderr(&bad_query));
    assert!(stderr(&bad_query).contains("--query"));
    let names = emu.ucs(&[
        "fleets",
        "list",
        "-o",
        "json",
        "--query",
        "items[].metadata.name",
    ]);
    assert_eq!(
        stdout(&names).trim(),
        "[\n  \"twice\"\n]",
        "nothing was registered"
    );
    // 6: a wrong secret key.
    let mut wrong_sk = emu.command(&["fleets", "list"]);
    wrong_sk.env("HUAWEICLOUD_SDK_SK", "not-the-secret-key");
    let refused = run(wrong_sk, "");
    assert_eq!(code(&refused), Some(6), "{}", stderr(&refused));
    // 7: throttled, retries spent.
    emu.control(
        "POST",
        "/_emulator/faults/next",
        r#"[{"status": 429, "times": 1, "retry_after_secs": 0}]"#,
    );
    let throttled = emu.ucs(&["fleets", "list", "--max-retries", "0"]);
    assert_eq!(code(&throttled), Some(7), "{}", stderr(&throttled));
    // 9: nothing listens there.
    let unreachable = emu.ucs(&[
        "fleets",
        "list",
        "--endpoint",
        "http://127.0.0.1:1",
        "--max-retries",
        "0",
    ]);
    assert_eq!(code(&unreachable), Some(9), "{}", stderr(&unreachable));
    // 8: every answer is slower than the call's deadline.
    emu.control("PUT", "/_emulator/faults", r#"{"latency_ms": 30000}"#);
    let slow = emu.ucs(&["fleets", "list", "--timeout", "0.3", "--max-retries", "0"]);
    assert_eq!(code(&slow), Some(8), "{}", stderr(&slow));
    // 2 stays clap's own usage error.
    assert_eq!(code(&emu.ucs(&["fleets", "frobnicate"])), Some(2));
}

#[test]
fn exit_codes_are_documented_in_help() {
    let help = Command::new(UCS).arg("--help").output().expect("help");
    let text = stdout(&help);
    for line in [
        "3  invalid argument",
        "4  not found",
        "5  conflict",
        "7  throttled",
        "8  timed out",
    ] {
        assert!(text.contains(line), "{line}: {text}");
    }
}

#[test]
fn query_selects_from_json_yaml_and_tables() {
    let emu = emulator();
    emu.register_fleet("alpha", "first");
    emu.register_fleet("beta", "second");
    let json = emu.ucs(&[
        "fleets",
        "list",
        "-o",
        "json",
        "--query",
        "items[].metadata.name",
    ]);
    assert!(json.status.success(), "{}", stderr(&json));
    let mut names: Vec<String> = serde_json::from_slice(&json.stdout).expect("json array");
    names.sort();
    assert_eq!(names, ["alpha", "beta"]);
    let yaml = emu.ucs(&[
        "fleets",
        "list",
        "-o",
        "yaml",
        "--query",
        "items[?metadata.name=='beta'].{n: metadata.name, d: spec.description}",
    ]);
    assert_eq!(
        stdout(&yaml),
        "- d: second\n  n: beta\n",
        "{}",
        stderr(&yaml)
    );
    let table = emu.ucs(&["fleets", "list", "--query", "length(items)"]);
    assert_eq!(stdout(&table), "2\n");
}

/// Display columns where `needle` starts in `line`.
fn column_of(line: &str, needle: &str) -> usize {
    let at = line.find(needle).expect("cell in line");
    unicode_width::UnicodeWidthStr::width(&line[..at])
}

#[test]
fn tables_align_wide_text() {
    let emu = emulator();
    let wide = emu.register_fleet("舰队-北京", "生产环境 集群");
    let narrow = emu.register_fleet("plain", "x");
    let table = emu.ucs(&["fleets", "list"]);
    assert!(table.status.success(), "{}", stderr(&table));
    let text = stdout(&table);
    let lines: Vec<&str> = text.lines().collect();
    let header = lines[0];
    let row = |id: &str| lines.iter().find(|l| l.contains(id)).copied().expect("row");
    for (id, description) in [(&wide, "生产环境 集群"), (&narrow, "x")] {
        let line = row(id);
        assert_eq!(column_of(line, id), column_of(header, "ID"), "{text}");
        assert_eq!(
            column_of(line, description),
            column_of(header, "DESCRIPTION"),
            "{text}"
        );
        // The timestamp is the first cell after the description (an id may hold "20" too).
        let after = line.find(description).expect("description") + description.len();
        let created = after + line[after..].find("20").expect("timestamp");
        assert_eq!(
            unicode_width::UnicodeWidthStr::width(&line[..created]),
            column_of(header, "CREATED"),
            "{text}"
        );
    }
}

#[test]
fn completions_for_each_shell_and_a_man_page() {
    for shell in ["bash", "zsh", "fish"] {
        let out = Command::new(UCS)
            .args(["completions", shell])
            .output()
            .expect("completions");
        assert!(out.status.success(), "{shell}: {}", stderr(&out));
        let script = stdout(&out);
        assert!(
            script.contains("enable-federation") && script.contains("endpoint"),
            "{shell}"
        );
    }
    let man = Command::new(UCS).arg("man").output().expect("man");
    assert!(man.status.success(), "{}", stderr(&man));
    let page = stdout(&man);
    assert!(page.starts_with(".ie") || page.starts_with(".TH"), "{page}");
    assert!(
        page.contains(".TH ucs 1") && page.contains("Exit codes"),
        "{page}"
    );
}

#[test]
fn profile_selects_a_section_of_the_credentials_file() {
    let emu = emulator();
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("credentials");
    let c = |k: &str| emu.creds[k].as_str().expect("cred").to_owned();
    std::fs::write(
        &file,
        format!(
            "[basic]\nak = {}\nsk = wrong-secret\n\n[dev]\nak = {}\nsk = {}\nproject_id = {}\ndomain_id = {}\n",
            c("ak"),
            c("ak"),
            c("sk"),
            c("project_id"),
            c("domain_id")
        ),
    )
    .expect("write");
    let with = |args: &[&str]| {
        let mut cmd = emu.command(args);
        cmd.env("HUAWEICLOUD_SDK_CREDENTIALS_FILE", &file)
            .env_remove("HUAWEICLOUD_SDK_AK")
            .env_remove("HUAWEICLOUD_SDK_SK")
            .env_remove("HUAWEICLOUD_SDK_DOMAIN_ID")
            .env_remove("HUAWEICLOUD_SDK_PROJECT_ID");
        run(cmd, "")
    };
    let dev = with(&["--profile", "dev", "fleets", "list"]);
    assert!(dev.status.success(), "{}", stderr(&dev));
    let default = with(&["fleets", "list"]);
    assert_eq!(default.status.code(), Some(6), "[basic] has the wrong key");
    let missing = with(&["--profile", "prod", "fleets", "list"]);
    assert_eq!(missing.status.code(), Some(3));
    let err = stderr(&missing);
    assert!(
        err.contains("[prod]") && err.contains("basic, dev"),
        "{err}"
    );
    assert!(!err.contains(&c("sk")), "{err}");
}
