//! Policy jobs over real HTTP where the shared cases (duration zero) cannot reach: the core's
//! `policies().wait_job` waiter (progress, failure as `Error::JobFailed`, deadline) and the
//! refusals while a job is still running.

mod common;
use common::attached;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::json;
use ucs_emulator::{EmulatorConfig, DEMO_AK, DEMO_DOMAIN_ID, DEMO_PROJECT_ID, DEMO_SK};
use ucs_sdk::models::*;
use ucs_sdk::{Client, Credentials, Error, ProgressEvent, WaitOptions};

async fn emulator(job_duration: Duration) -> ucs_emulator::Emulator {
    ucs_emulator::start(EmulatorConfig {
        federation_duration: job_duration,
        ..Default::default()
    })
    .await
    .expect("emulator starts")
}

fn client(base: &str) -> Client {
    Client::builder()
        .endpoint(base)
        .credentials(Credentials::aksk(DEMO_AK, DEMO_SK))
        .domain_id(DEMO_DOMAIN_ID)
        .project_id(DEMO_PROJECT_ID)
        .build()
        .expect("client")
}

fn quick(timeout: Duration) -> WaitOptions {
    WaitOptions {
        timeout,
        initial_interval: Duration::from_millis(10),
        max_interval: Duration::from_millis(50),
    }
}

async fn cluster(c: &Client) -> String {
    c.clusters()
        .register(&attached("guarded"))
        .await
        .expect("register")
        .uid
}

fn code(e: &Error) -> &str {
    e.code().unwrap_or_default()
}

#[tokio::test]
async fn wait_job_reports_every_task_and_answers_the_succeeded_job() {
    let emu = emulator(Duration::from_millis(300)).await;
    let c = client(&emu.base_url());
    let id = cluster(&c).await;
    let job_id = c
        .policies()
        .enable_cluster(&id, &EnablePolicyQuery::default())
        .await
        .expect("enable")
        .job_id
        .expect("a job id");
    let events: Arc<Mutex<Vec<ProgressEvent>>> = Arc::default();
    let sink = events.clone();
    let job = c
        .policies()
        .wait_job(&job_id, &quick(Duration::from_secs(60)), move |e| {
            sink.lock().expect("lock").push(e.clone())
        })
        .await
        .expect("enabled");
    assert!(job.is_success(), "{job:?}");
    assert_eq!(job.id(), job_id);
    let events = events.lock().expect("lock").clone();
    for task in ["CheckCluster", "InstallGatekeeper", "SyncPolicyDefinitions"] {
        assert!(
            events
                .iter()
                .any(|e| e.is_sub_job && e.job == task && e.phase == "Succeeded"),
            "no Succeeded event for {task}: {events:?}"
        );
    }
    let last = events.last().expect("events");
    assert_eq!(
        (last.job.as_str(), last.is_sub_job),
        ("EnablePolicy", false)
    );
    assert_eq!(last.phase, "Succeeded");
    // Each event names the status seen before it, never the same one twice.
    assert!(events
        .iter()
        .all(|e| e.previous_phase.as_deref() != Some(e.phase.as_str())));
    // Enabled: an instance can be created now.
    c.policies()
        .create_cluster_instance(
            &id,
            &PolicyInstanceRequest {
                constraint_template_id: Some("3b1f9a52-7c0e-4d2a-9f61-0a8e5c2d0001".into()),
                ..Default::default()
            },
        )
        .await
        .expect("instance on an enabled cluster");
}

#[tokio::test]
async fn a_failed_task_ends_the_wait_with_its_name_and_reason() {
    let emu = emulator(Duration::ZERO).await;
    let base = emu.base_url();
    let status = reqwest::Client::new()
        .put(format!("{base}/_emulator/faults"))
        .json(&json!({"policy_failure": "InstallGatekeeper"}))
        .send()
        .await
        .map(|r| r.status().as_u16())
        .unwrap_or(0);
    assert_eq!(status, 200);
    let c = client(&base);
    let id = cluster(&c).await;
    let job_id = c
        .policies()
        .enable_cluster(&id, &EnablePolicyQuery::default())
        .await
        .expect("enable")
        .job_id
        .expect("a job id");
    let failed = c
        .policies()
        .wait_job(&job_id, &quick(Duration::from_secs(60)), |_| {})
        .await
        .expect_err("the job fails");
    match &failed {
        Error::JobFailed {
            job_id: failed_id,
            task,
            phase,
            reason,
        } => {
            assert_eq!(failed_id, &job_id);
            assert_eq!(task, "InstallGatekeeper");
            assert_eq!(phase, "Failed");
            assert!(reason.contains("InstallGatekeeper"), "{reason}");
        }
        other => panic!("expected JobFailed, got {other:?}"),
    }
    assert!(failed.to_string().contains("InstallGatekeeper is Failed"));
    // A bad fault name is refused, naming the field.
    let refused = reqwest::Client::new()
        .put(format!("{base}/_emulator/faults"))
        .json(&json!({"policy_failure": "NoSuchTask"}))
        .send()
        .await
        .expect("answered");
    assert_eq!(refused.status().as_u16(), 400);
    assert!(refused
        .text()
        .await
        .unwrap_or_default()
        .contains("policy_failure"));
}

#[tokio::test]
async fn a_running_job_blocks_disabling_and_the_waiter_keeps_its_deadline() {
    // Jobs that outlast the test: everything below sees them running.
    let emu = emulator(Duration::from_secs(3600)).await;
    let c = client(&emu.base_url());
    let id = cluster(&c).await;
    let p = c.policies();
    let job_id = p
        .enable_cluster(&id, &EnablePolicyQuery::default())
        .await
        .expect("enable")
        .job_id
        .expect("a job id");
    let again = p
        .enable_cluster(&id, &EnablePolicyQuery::default())
        .await
        .expect_err("enabling twice");
    assert_eq!(code(&again), "UCS.00150003");
    let disable = p.disable_cluster(&id).await.expect_err("a job is running");
    assert_eq!(code(&disable), "UCS.01130005");
    assert!(disable.to_string().contains("running"), "{disable}");
    let instance = p
        .create_cluster_instance(
            &id,
            &PolicyInstanceRequest {
                constraint_template_id: Some("3b1f9a52-7c0e-4d2a-9f61-0a8e5c2d0001".into()),
                ..Default::default()
            },
        )
        .await
        .expect_err("not enabled yet");
    assert_eq!(code(&instance), "UCS.00150005");
    let job = p.get_job(&job_id).await.expect("job");
    assert_eq!(job.phase(), "Running");
    assert_eq!(job.tasks()[0].phase(), "Running");
    assert_eq!(job.tasks()[1].phase(), "Pending");
    let timed_out = p
        .wait_job(&job_id, &quick(Duration::from_millis(100)), |_| {})
        .await
        .expect_err("deadline");
    assert!(matches!(timed_out, Error::Timeout { .. }), "{timed_out:?}");
    let missing = p
        .wait_job("no-such-job", &quick(Duration::from_secs(5)), |_| {})
        .await
        .expect_err("unknown job");
    assert!(missing.is_not_found(), "{missing:?}");
    let invalid = p
        .wait_job("", &quick(Duration::from_secs(5)), |_| {})
        .await
        .expect_err("empty id");
    assert!(matches!(invalid, Error::InvalidArgument { ref field, .. } if field == "job_id"));
}
