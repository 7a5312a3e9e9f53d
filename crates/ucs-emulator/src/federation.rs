//! Federation jobs: sub-jobs move Pending, Running, Success in turn over the configured duration.

use chrono::{DateTime, Duration, Utc};
use serde_json::Value;
use ucs_models::models::{ClusterGroupCondition, Job, JobSpec, JobStatus, ObjectMeta};

use crate::ids::derived_uid;
use crate::server::AppState;
use crate::state::{go_time, FederationRecord, FleetRecord};

/// The sub-jobs of `CreateFederationContainer`, in the order they run.
pub(crate) const SUB_JOBS: [&str; 4] = [
    "CreateNode",
    "CreateCert",
    "InstallFederationChart",
    "CreateNetworkResource",
];

/// The `federation_failure` fault that makes enabling fail its validation at once.
pub(crate) const VALIDATION: &str = "Validation";

/// Karmada versions a federation runs, oldest first: enabling installs the first, and each can be
/// upgraded to any later one (`upgrade_federation`; `list_server_configs` reports the same list).
pub(crate) const VERSIONS: &[&str] = &["v1.7.0", "v1.7.0-r14", "v1.10.7-t1023"];

/// The whole job's type.
pub(crate) const JOB_TYPE: &str = "CreateFederationContainer";

struct Phase {
    name: &'static str,
    started: Option<DateTime<Utc>>,
    finished: Option<DateTime<Utc>>,
}

/// Phases of every sub-job at `now`.
fn phases(record: &FederationRecord, now: DateTime<Utc>) -> Vec<Phase> {
    let total = i64::try_from(record.duration_ms).unwrap_or(i64::MAX);
    let elapsed = (now - record.started_at).num_milliseconds().max(0);
    let mut failed = false;
    SUB_JOBS
        .iter()
        .enumerate()
        .map(|(i, sub)| {
            let n = i64::try_from(i).unwrap_or(0);
            let (start, end) = (
                total / 4 * n,
                if i == 3 { total } else { total / 4 * (n + 1) },
            );
            let at = |ms: i64| record.started_at + Duration::milliseconds(ms);
            if failed || elapsed < start {
                return Phase {
                    name: "Pending",
                    started: None,
                    finished: None,
                };
            }
            if elapsed < end {
                return Phase {
                    name: "Running",
                    started: Some(at(start)),
                    finished: None,
                };
            }
            if record.fail_sub_job.as_deref() == Some(*sub) {
                failed = true;
                return Phase {
                    name: "Failed",
                    started: Some(at(start)),
                    finished: Some(at(end)),
                };
            }
            Phase {
                name: "Success",
                started: Some(at(start)),
                finished: Some(at(end)),
            }
        })
        .collect()
}

/// Whether a sub-job of the job has failed at `now`.
pub(crate) fn has_failed(record: &FederationRecord, now: DateTime<Utc>) -> bool {
    phases(record, now).iter().any(|p| p.name == "Failed")
}

/// Whether the job finished successfully at `now`.
pub(crate) fn is_ready(record: &FederationRecord, now: DateTime<Utc>) -> bool {
    phases(record, now).iter().all(|p| p.name == "Success")
}

fn meta(uid: &str, created: DateTime<Utc>, now: DateTime<Utc>) -> ObjectMeta {
    let mut annotations = std::collections::BTreeMap::new();
    annotations.insert("currentTimestamp".to_owned(), go_time(now));
    ObjectMeta {
        uid: Some(uid.to_owned()),
        creation_timestamp: Some(go_time(created)),
        update_timestamp: Some(go_time(now)),
        annotations: Some(annotations),
        ..Default::default()
    }
}

/// The network sub-job reports the load balancer it created, once it has (reference 3.2.13's
/// example: `{"JobExtendParamKeyElbID": "..."}`). Sent under `extendparam` as a JSON string: the
/// reference's field table and both official SDKs (Go `Extendparam *string`, Python `str`) type it
/// as a string, and the Go SDK's case-insensitive decoder fails on the example's object form;
/// this SDK reads either.
fn network_extend_param(record: &FederationRecord, sub: &str, phase: &str) -> Option<Value> {
    (sub == "CreateNetworkResource" && phase == "Success").then(|| {
        let elb = derived_uid(&record.federation_id, "elb");
        Value::String(serde_json::json!({ "JobExtendParamKeyElbID": elb }).to_string())
    })
}

/// The `federation_progress` answer at `now`.
pub(crate) fn job(record: &FederationRecord, now: DateTime<Utc>) -> Job {
    let phases = phases(record, now);
    let sub_jobs: Vec<Job> = SUB_JOBS
        .iter()
        .zip(&phases)
        .zip(&record.sub_job_ids)
        .map(|((sub, phase), uid)| Job {
            kind: Some("Job".into()),
            api_version: Some("v3".into()),
            metadata: Some(meta(uid, record.started_at, now)),
            spec: Some(JobSpec {
                job_type: Some((*sub).to_owned()),
                federation_uid: Some(record.federation_id.clone()),
                extendparam: network_extend_param(record, sub, phase.name),
                ..Default::default()
            }),
            status: Some(JobStatus {
                phase: Some(phase.name.to_owned()),
                reason: (phase.name == "Failed")
                    .then(|| format!("{sub} failed (injected by the emulator)")),
                start_time: phase.started.map(go_time),
                completion_time: phase.finished.map(go_time),
                extra: Default::default(),
            }),
            extra: Default::default(),
        })
        .collect();
    let failed = phases.iter().find(|p| p.name == "Failed").is_some();
    let top = if failed {
        "Failed"
    } else if phases.iter().all(|p| p.name == "Success") {
        "Success"
    } else {
        "Running"
    };
    let finished = phases.iter().filter_map(|p| p.finished).max();
    Job {
        kind: Some("Job".into()),
        api_version: Some("v3".into()),
        metadata: Some(meta(&record.job_id, record.started_at, now)),
        spec: Some(JobSpec {
            job_type: Some(JOB_TYPE.into()),
            federation_uid: Some(record.federation_id.clone()),
            resource_id: Some(record.federation_id.clone()),
            resource_name: Some(record.federation_id.clone()),
            sub_jobs,
            ..Default::default()
        }),
        status: Some(JobStatus {
            phase: Some(top.to_owned()),
            reason: failed.then(|| "a sub-job failed".to_owned()),
            start_time: Some(go_time(record.started_at)),
            completion_time: (top != "Running")
                .then_some(finished)
                .flatten()
                .map(go_time),
            extra: Default::default(),
        }),
        extra: Default::default(),
    }
}

/// The fleet's `Federation` condition, following the job.
pub(crate) fn condition(_app: &AppState, fleet: &FleetRecord) -> ClusterGroupCondition {
    let now = Utc::now();
    let (status, reason, message) = match &fleet.federation {
        None => (
            "Disabled",
            "FederationDisabled",
            "federation is not enabled",
        ),
        Some(record) => match job(record, now).phase() {
            "Success" => (
                "Available",
                "FederationAvailable",
                "federation is available",
            ),
            "Failed" => (
                "Unavailable",
                "FederationUnavailable",
                "enabling federation failed",
            ),
            _ => (
                "Creating",
                "FederationCreating",
                "federation is being enabled",
            ),
        },
    };
    ClusterGroupCondition {
        condition_type: Some("Federation".into()),
        status: Some(status.into()),
        reason: Some(reason.into()),
        message: Some(message.into()),
        last_transition_time: Some(
            fleet
                .federation
                .as_ref()
                .map(|f| f.started_at)
                .unwrap_or(fleet.updated_at)
                .format("%Y-%m-%dT%H:%M:%SZ")
                .to_string(),
        ),
    }
}
