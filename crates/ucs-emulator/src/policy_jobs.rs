//! Policy state and jobs: which clusters and fleets run the policy engine, the jobs that change
//! it (tasks move Pending, Running, Succeeded in turn over `--federation-seconds`, or one fails
//! when the `policy_failure` fault names it), the account's policy instances and definition tags.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use ucs_models::models::{
    ObjectMeta, PolicyJob, PolicyJobSpec, PolicyJobStatus, PolicyTask, PolicyTaskSpec,
};

use crate::ids::new_uid;
use crate::state::rfc3339;

/// The tasks of each job kind, in the order they run.
pub(crate) const TASKS: &[(&str, &[&str])] = &[
    (
        "EnablePolicy",
        &["CheckCluster", "InstallGatekeeper", "SyncPolicyDefinitions"],
    ),
    (
        "DisablePolicy",
        &["DeletePolicyInstances", "UninstallGatekeeper"],
    ),
    ("CreatePolicyInstance", &["SyncConstraint"]),
    ("UpdatePolicyInstance", &["SyncConstraint"]),
    ("DeletePolicyInstance", &["DeleteConstraint"]),
];

/// Every task name the `policy_failure` fault accepts.
pub(crate) fn task_names() -> Vec<&'static str> {
    let mut names: Vec<&str> = TASKS.iter().flat_map(|(_, t)| t.iter().copied()).collect();
    names.sort_unstable();
    names.dedup();
    names
}

/// Reads the `policy_failure` field of `PUT /_emulator/faults`: a task name, or null.
pub(crate) fn fault(value: Option<Value>) -> crate::error::ApiResult<Option<String>> {
    let names = task_names();
    match value {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(task)) if names.contains(&task.as_str()) => Ok(Some(task)),
        Some(_) => Err(crate::error::ApiFailure::bad_body(format!(
            "invalid argument `policy_failure`: must be one of {}",
            names.join(", ")
        ))),
    }
}

/// Where policy runs: a cluster or a fleet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Scope {
    Cluster,
    Fleet,
}

impl Scope {
    /// `targetScope` / `targetType` on the wire.
    pub fn wire(self) -> &'static str {
        match self {
            Self::Cluster => "cluster",
            Self::Fleet => "fleet",
        }
    }

    /// The `relatedObjects` key of the target.
    pub fn related_key(self) -> &'static str {
        match self {
            Self::Cluster => "clusterID",
            Self::Fleet => "clusterGroupID",
        }
    }
}

/// One account's policy records (`Account::policies`).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub(crate) struct PolicyState {
    /// The policy engine per target (cluster or fleet id).
    pub targets: BTreeMap<String, PolicyTarget>,
    /// Every job, by id.
    pub jobs: BTreeMap<String, PolicyJobRecord>,
    /// Policy instances, by id.
    pub instances: BTreeMap<String, PolicyInstanceRecord>,
    /// Tags set on the built-in definitions, by definition id.
    pub definition_tags: BTreeMap<String, Vec<String>>,
}

/// The policy engine of one target: the job that enabled it and the one disabling it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct PolicyTarget {
    pub scope: Scope,
    pub enable_job: String,
    #[serde(default)]
    pub disable_job: Option<String>,
}

/// Where a target's policy engine stands at a moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Engine {
    Disabled,
    Enabling,
    EnableFailed,
    Enabled,
    Disabling,
}

/// A policy job: what it changes, its tasks and its timing.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct PolicyJobRecord {
    pub id: String,
    pub kind: String,
    /// `create` or `retry`.
    pub operation: String,
    pub scope: Scope,
    pub target: String,
    pub task_ids: Vec<String>,
    pub related: BTreeMap<String, String>,
    pub started_at: DateTime<Utc>,
    pub duration_ms: u64,
    /// Scripted failure: this task ends `Failed`.
    pub fail_task: Option<String>,
    pub seq: u64,
}

/// A policy instance (a Gatekeeper constraint on a cluster or fleet).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct PolicyInstanceRecord {
    pub id: String,
    pub name: String,
    pub definition_id: String,
    pub scope: Scope,
    pub target: String,
    pub enforcement_action: String,
    pub namespaces: Vec<String>,
    pub parameters: Option<Value>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub seq: u64,
}

impl PolicyJobRecord {
    /// A new job of `kind` on `target`, started now.
    pub fn start(
        kind: &str,
        scope: Scope,
        target: &str,
        duration_ms: u64,
        fail_task: Option<String>,
        seq: u64,
    ) -> Self {
        let tasks = tasks_of(kind);
        let mut related = BTreeMap::new();
        related.insert(scope.related_key().to_owned(), target.to_owned());
        Self {
            id: new_uid(),
            kind: kind.to_owned(),
            operation: "create".to_owned(),
            scope,
            target: target.to_owned(),
            task_ids: tasks.iter().map(|_| new_uid()).collect(),
            related,
            started_at: Utc::now(),
            duration_ms,
            fail_task: fail_task.filter(|t| tasks.contains(&t.as_str())),
            seq,
        }
    }

    /// The status of every task at `now`, with start and end times.
    fn task_phases(&self, now: DateTime<Utc>) -> Vec<Phase> {
        let tasks = tasks_of(&self.kind);
        let n = i64::try_from(tasks.len().max(1)).unwrap_or(1);
        let total = i64::try_from(self.duration_ms).unwrap_or(i64::MAX);
        let elapsed = (now - self.started_at).num_milliseconds().max(0);
        let at = |ms: i64| self.started_at + Duration::milliseconds(ms);
        let mut failed = false;
        tasks
            .iter()
            .enumerate()
            .map(|(i, task)| {
                let i = i64::try_from(i).unwrap_or(0);
                let (start, end) = (
                    total / n * i,
                    if i == n - 1 {
                        total
                    } else {
                        total / n * (i + 1)
                    },
                );
                if failed || elapsed < start {
                    return Phase::new("Pending", None, None);
                }
                if elapsed < end {
                    return Phase::new("Running", Some(at(start)), None);
                }
                if self.fail_task.as_deref() == Some(*task) {
                    failed = true;
                    return Phase::new("Failed", Some(at(start)), Some(at(end)));
                }
                Phase::new("Succeeded", Some(at(start)), Some(at(end)))
            })
            .collect()
    }

    /// The job's status at `now`: `Running`, `Succeeded` or `Failed`.
    pub fn status(&self, now: DateTime<Utc>) -> &'static str {
        let phases = self.task_phases(now);
        if phases.iter().any(|p| p.name == "Failed") {
            "Failed"
        } else if phases.iter().all(|p| p.name == "Succeeded") {
            "Succeeded"
        } else {
            "Running"
        }
    }

    /// Whether the job has not ended at `now`.
    pub fn is_running(&self, now: DateTime<Utc>) -> bool {
        self.status(now) == "Running"
    }

    /// The job as `get_job` answers it at `now`.
    pub fn render(&self, domain_id: &str, now: DateTime<Utc>) -> PolicyJob {
        let phases = self.task_phases(now);
        let task_list = tasks_of(&self.kind)
            .iter()
            .zip(&phases)
            .zip(&self.task_ids)
            .map(|((task, phase), uid)| PolicyTask {
                kind: Some("Task".into()),
                api_version: Some("v1".into()),
                metadata: Some(meta(uid, self.started_at)),
                spec: Some(PolicyTaskSpec {
                    job_id: Some(self.id.clone()),
                    target: Some(self.target.clone()),
                    target_type: Some(self.scope.wire().into()),
                    wait_time_out: Some(600),
                    task_type: Some((*task).to_owned()),
                    runway: Some("serial".into()),
                }),
                status: Some(
                    phase.status(
                        (phase.name == "Failed")
                            .then(|| format!("{task} failed (injected by the emulator)")),
                    ),
                ),
            })
            .collect();
        let status = self.status(now);
        let finished = (status != "Running")
            .then(|| phases.iter().filter_map(|p| p.finished).max())
            .flatten();
        PolicyJob {
            kind: Some("Job".into()),
            api_version: Some("v1".into()),
            metadata: Some(meta(&self.id, self.started_at)),
            spec: Some(PolicyJobSpec {
                task_list,
                domain_id: Some(domain_id.to_owned()),
                operation: Some(self.operation.clone()),
                wait_time_out: Some(600),
                job_type: Some(self.kind.clone()),
                related_objects: Some(self.related.clone()),
                ..Default::default()
            }),
            status: Some(PolicyJobStatus {
                status: Some(status.to_owned()),
                reason: (status == "Failed").then(|| "a task failed".to_owned()),
                start_time: Some(rfc3339(self.started_at)),
                finish_time: finished.map(rfc3339),
                extra: Default::default(),
            }),
            extra: Default::default(),
        }
    }
}

impl PolicyState {
    /// Where the target's policy engine stands at `now`.
    pub fn engine(&self, target: &str, now: DateTime<Utc>) -> Engine {
        let Some(record) = self.targets.get(target) else {
            return Engine::Disabled;
        };
        let status = |id: &str| self.jobs.get(id).map_or("Succeeded", |j| j.status(now));
        match status(&record.enable_job) {
            "Running" => return Engine::Enabling,
            "Failed" if record.disable_job.is_none() => return Engine::EnableFailed,
            _ => {}
        }
        match record.disable_job.as_deref().map(status) {
            None | Some("Failed") => Engine::Enabled,
            Some("Running") => Engine::Disabling,
            Some(_) => Engine::Disabled,
        }
    }

    /// Whether a job on this target (enabling, disabling, an instance's) is still running.
    pub fn job_running(&self, target: &str, now: DateTime<Utc>) -> bool {
        self.jobs
            .values()
            .any(|j| j.target == target && j.is_running(now))
    }
}

fn tasks_of(kind: &str) -> &'static [&'static str] {
    TASKS
        .iter()
        .find(|(k, _)| *k == kind)
        .map_or(&[], |(_, tasks)| *tasks)
}

struct Phase {
    name: &'static str,
    started: Option<DateTime<Utc>>,
    finished: Option<DateTime<Utc>>,
}

impl Phase {
    fn new(
        name: &'static str,
        started: Option<DateTime<Utc>>,
        finished: Option<DateTime<Utc>>,
    ) -> Self {
        Self {
            name,
            started,
            finished,
        }
    }

    fn status(&self, reason: Option<String>) -> PolicyJobStatus {
        PolicyJobStatus {
            status: Some(self.name.to_owned()),
            reason,
            start_time: self.started.map(rfc3339),
            finish_time: self.finished.map(rfc3339),
            extra: Default::default(),
        }
    }
}

fn meta(uid: &str, created: DateTime<Utc>) -> ObjectMeta {
    ObjectMeta {
        uid: Some(uid.to_owned()),
        creation_timestamp: Some(rfc3339(created)),
        ..Default::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn job(duration_ms: u64, fail: Option<&str>) -> PolicyJobRecord {
        PolicyJobRecord::start(
            "EnablePolicy",
            Scope::Cluster,
            "c1",
            duration_ms,
            fail.map(str::to_owned),
            1,
        )
    }

    #[test]
    fn tasks_run_in_turn_over_the_duration() {
        let record = job(3000, None);
        let t0 = record.started_at;
        let phases = |ms: i64| {
            record
                .render("d", t0 + Duration::milliseconds(ms))
                .tasks()
                .iter()
                .map(|t| t.phase().to_owned())
                .collect::<Vec<_>>()
        };
        assert_eq!(phases(0), ["Running", "Pending", "Pending"]);
        assert_eq!(phases(1500), ["Succeeded", "Running", "Pending"]);
        assert_eq!(phases(3000), ["Succeeded", "Succeeded", "Succeeded"]);
        assert_eq!(record.status(t0 + Duration::milliseconds(2999)), "Running");
        assert_eq!(
            record.status(t0 + Duration::milliseconds(3000)),
            "Succeeded"
        );
    }

    #[test]
    fn a_scripted_task_fails_and_the_rest_stay_pending() {
        let record = job(0, Some("InstallGatekeeper"));
        let now = record.started_at;
        let rendered = record.render("d", now);
        assert_eq!(rendered.phase(), "Failed");
        let phases: Vec<&str> = rendered.tasks().iter().map(PolicyTask::phase).collect();
        assert_eq!(phases, ["Succeeded", "Failed", "Pending"]);
        assert!(rendered.tasks()[1].reason().contains("InstallGatekeeper"));
        // A fault naming a task the job does not have leaves it alone.
        let other = job(0, Some("SyncConstraint"));
        assert_eq!(other.status(other.started_at), "Succeeded");
    }

    #[test]
    fn the_engine_follows_its_jobs() {
        let mut state = PolicyState::default();
        let now = Utc::now();
        assert_eq!(state.engine("c1", now), Engine::Disabled);
        let enable = job(0, None);
        state.targets.insert(
            "c1".into(),
            PolicyTarget {
                scope: Scope::Cluster,
                enable_job: enable.id.clone(),
                disable_job: None,
            },
        );
        state.jobs.insert(enable.id.clone(), enable);
        assert_eq!(state.engine("c1", now), Engine::Enabled);
        let disable =
            PolicyJobRecord::start("DisablePolicy", Scope::Cluster, "c1", 60_000, None, 2);
        if let Some(t) = state.targets.get_mut("c1") {
            t.disable_job = Some(disable.id.clone());
        }
        state.jobs.insert(disable.id.clone(), disable);
        assert_eq!(state.engine("c1", now), Engine::Disabling);
        assert!(state.job_running("c1", now));
        assert_eq!(
            state.engine("c1", now + Duration::milliseconds(120_000)),
            Engine::Disabled
        );
    }
}
