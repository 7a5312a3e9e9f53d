//! Federation job models (reference 3.2.13): the `Job` tree that `federation_progress` answers.

use serde::Serialize;
use serde_json::Value;
use ucs_models_derive::TolerantDeserialize;

use super::common::{Extra, ObjectMeta};
use super::de;

/// Job phases that end a job successfully.
pub const SUCCESS_PHASES: &[&str] = &["Success", "Succeeded", "Completed"];
/// Job phases that end a job in failure.
pub const FAILURE_PHASES: &[&str] = &["Failed", "Failure", "Error", "Cancelled", "Canceled"];

/// A federation job, with its sub-jobs.
#[derive(Debug, Clone, Default, PartialEq, Serialize, TolerantDeserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Job {
    /// Always `Job`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub kind: Option<String>,
    /// API version (`v3` in the reference's example).
    #[serde(
        rename = "apiVersion",
        alias = "apiversion",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub api_version: Option<String>,
    /// Id and timestamps.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub metadata: Option<ObjectMeta>,
    /// What the job does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub spec: Option<JobSpec>,
    /// Where the job is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub status: Option<JobStatus>,
    /// Fields this SDK does not know yet.
    #[serde(flatten)]
    #[cfg_attr(feature = "schema", schemars(skip))]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub extra: Extra,
}

impl Job {
    /// The job type (`spec.type`), or "".
    pub fn job_type(&self) -> &str {
        self.spec
            .as_ref()
            .and_then(|s| s.job_type.as_deref())
            .unwrap_or("")
    }

    /// The phase (`status.phase`), or "".
    pub fn phase(&self) -> &str {
        self.status
            .as_ref()
            .and_then(|s| s.phase.as_deref())
            .unwrap_or("")
    }

    /// The reason (`status.reason`), or "".
    pub fn reason(&self) -> &str {
        self.status
            .as_ref()
            .and_then(|s| s.reason.as_deref())
            .unwrap_or("")
    }

    /// The sub-jobs, possibly none.
    pub fn sub_jobs(&self) -> &[Job] {
        self.spec
            .as_ref()
            .map(|s| s.sub_jobs.as_slice())
            .unwrap_or(&[])
    }

    /// Whether the phase is a successful end.
    pub fn is_success(&self) -> bool {
        SUCCESS_PHASES.contains(&self.phase())
    }

    /// Whether the phase is a failed end.
    pub fn is_failure(&self) -> bool {
        FAILURE_PHASES.contains(&self.phase())
    }
}

/// `JobSpec`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, TolerantDeserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct JobSpec {
    /// Job type, e.g. `CreateFederationContainer`, `CreateNode`, `CreateCert`.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub job_type: Option<String>,
    /// Federation id.
    #[serde(
        rename = "federationUID",
        alias = "federationuid",
        alias = "federationUid",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub federation_uid: Option<String>,
    /// Resource id.
    #[serde(
        rename = "resourceID",
        alias = "resourceid",
        alias = "resourceId",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub resource_id: Option<String>,
    /// Resource name.
    #[serde(
        rename = "resourceName",
        alias = "resourcename",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub resource_name: Option<String>,
    /// Extension parameters: a string or an object.
    #[serde(
        alias = "extendParam",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub extendparam: Option<Value>,
    /// Sub-jobs.
    #[serde(
        rename = "subJobs",
        alias = "subjobs",
        default,
        deserialize_with = "de::null_as_empty",
        skip_serializing_if = "Vec::is_empty"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub sub_jobs: Vec<Job>,
    /// Fields this SDK does not know yet.
    #[serde(flatten)]
    #[cfg_attr(feature = "schema", schemars(skip))]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub extra: Extra,
}

/// `JobStatus`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, TolerantDeserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct JobStatus {
    /// Phase (open set: `Pending`, `Running`, `Success`, `Failed`, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub phase: Option<String>,
    /// Reason.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub reason: Option<String>,
    /// When it completed.
    #[serde(
        rename = "completionTime",
        alias = "completiontime",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub completion_time: Option<String>,
    /// When it started.
    #[serde(
        rename = "startTime",
        alias = "starttime",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub start_time: Option<String>,
    /// Fields this SDK does not know yet.
    #[serde(flatten)]
    #[cfg_attr(feature = "schema", schemars(skip))]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub extra: Extra,
}

/// A phase change seen by `wait_federation`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ProgressEvent {
    /// The job type, e.g. `CreateNode` for a sub-job or `CreateFederationContainer` for the job.
    pub job: String,
    /// True for a sub-job, false for the job itself.
    pub is_sub_job: bool,
    /// The phase seen before, if any.
    pub previous_phase: Option<String>,
    /// The new phase.
    pub phase: String,
    /// The reason given with it.
    pub reason: String,
}
