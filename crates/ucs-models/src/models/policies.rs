//! Policy management (OPA Gatekeeper on clusters and fleets): enabling, policy jobs, policy
//! definitions (constraint templates) and policy instances (constraints). The wire shapes of the
//! official SDKs (`huaweicloudsdkucs` 3.1.219, `huaweicloud-sdk-go-v3` v0.1.207
//! `services/ucs/v1/model`: `UcsJob`, `UcsConstraint`, `UcsConstraintTemplate`, ...), which the
//! reference does not document.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;
use ucs_models_derive::TolerantDeserialize;

use super::common::{Extra, ObjectMeta};
use super::de;

/// Job statuses that end a policy job successfully.
pub const POLICY_JOB_SUCCESS: &[&str] = &["Succeeded", "Success", "Completed"];
/// Job statuses that end a policy job in failure (`TimedOut` included).
pub const POLICY_JOB_FAILURE: &[&str] = &["Failed", "TimedOut", "Failure", "Error", "Cancelled"];
/// The job kinds `policies.list_jobs` filters on (`EnablePolicy` when none is given).
pub const POLICY_JOB_KINDS: &[&str] = &[
    "EnablePolicy",
    "DisablePolicy",
    "CreatePolicyInstance",
    "UpdatePolicyInstance",
    "DeletePolicyInstance",
];
/// How a policy instance acts on a violation.
pub const ENFORCEMENT_ACTIONS: &[&str] = &["deny", "warn"];

/// Query of `policies.enable_cluster` and `policies.enable_fleet`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct EnablePolicyQuery {
    /// `true`: retry an enabling whose job failed.
    #[serde(
        default,
        deserialize_with = "de::bool_or_string",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub retry: Option<bool>,
}

/// The answer of the calls that start a policy job: its id (see `policies.wait_job`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, TolerantDeserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct PolicyJobCreated {
    /// The job's id.
    #[serde(
        rename = "jobID",
        alias = "jobId",
        alias = "job_id",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub job_id: Option<String>,
    /// Fields this SDK does not know, kept as they came.
    #[serde(flatten)]
    #[cfg_attr(feature = "schema", schemars(skip))]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub extra: Extra,
}

/// Body of the policy instance create and update calls (`UcsConstraintRequest`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct PolicyInstanceRequest {
    /// The policy definition (constraint template) id; required to create.
    #[serde(
        rename = "constraintTemplateID",
        alias = "constraintTemplateId",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub constraint_template_id: Option<String>,
    /// `deny` or `warn`.
    #[serde(
        rename = "enforcementAction",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub enforcement_action: Option<String>,
    /// The namespaces it applies to (none: every namespace).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub namespaces: Option<Vec<String>>,
    /// The definition's parameters (free-form, as its schema says).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub parameters: Option<Value>,
}

/// Body of `policies.update_definition` (`UcsConstraintTemplateTagRequest`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct UpdatePolicyDefinition {
    /// The definition's tags, `;`-separated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub tag: Option<String>,
}

/// The policy definitions (constraint templates).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct PolicyDefinitionList {
    /// `List`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub kind: Option<String>,
    /// `v1`.
    #[serde(
        rename = "apiVersion",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub api_version: Option<String>,
    /// The definitions.
    #[serde(default, deserialize_with = "de::null_as_empty")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub items: Vec<PolicyDefinition>,
}

/// One policy definition: a Gatekeeper `ConstraintTemplate` (`UcsConstraintTemplate`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, TolerantDeserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct PolicyDefinition {
    /// `ConstraintTemplate`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub kind: Option<String>,
    /// API version.
    #[serde(
        rename = "apiVersion",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub api_version: Option<String>,
    /// Id (`uid`), name and tags (annotation `tag`).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub metadata: ObjectMeta,
    /// The template: its CRD (parameter schema) and Rego targets (free-form).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub spec: Option<Value>,
    /// Fields this SDK does not know, kept as they came.
    #[serde(flatten)]
    #[cfg_attr(feature = "schema", schemars(skip))]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub extra: Extra,
}

/// The policy instances (constraints) of the account.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct PolicyInstanceList {
    /// `List`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub kind: Option<String>,
    /// `v1`.
    #[serde(
        rename = "apiVersion",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub api_version: Option<String>,
    /// The instances.
    #[serde(default, deserialize_with = "de::null_as_empty")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub items: Vec<PolicyInstance>,
}

/// One policy instance (`UcsConstraint`): a definition applied to a cluster or a fleet.
#[derive(Debug, Clone, Default, PartialEq, Serialize, TolerantDeserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct PolicyInstance {
    /// `PolicyInstance`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub kind: Option<String>,
    /// API version.
    #[serde(
        rename = "apiVersion",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub api_version: Option<String>,
    /// Id, name and timestamps.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub metadata: ObjectMeta,
    /// What it applies, where.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub spec: Option<PolicyInstanceSpec>,
    /// Audit results.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub status: Option<PolicyInstanceStatus>,
    /// Fields this SDK does not know, kept as they came.
    #[serde(flatten)]
    #[cfg_attr(feature = "schema", schemars(skip))]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub extra: Extra,
}

/// `UcsConstraintSpec`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, TolerantDeserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct PolicyInstanceSpec {
    /// The Gatekeeper constraint sent to the clusters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub constraint: Option<PolicyConstraint>,
    /// The policy definition's id.
    #[serde(
        rename = "constraintTemplateID",
        alias = "constraintTemplateId",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub constraint_template_id: Option<String>,
    /// The account (domain) id.
    #[serde(
        rename = "domainID",
        alias = "domainId",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub domain_id: Option<String>,
    /// `cluster` or `fleet`.
    #[serde(
        rename = "targetScope",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub target_scope: Option<String>,
    /// The cluster or fleet id.
    #[serde(
        rename = "targetID",
        alias = "targetId",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub target_id: Option<String>,
    /// Fields this SDK does not know, kept as they came.
    #[serde(flatten)]
    #[cfg_attr(feature = "schema", schemars(skip))]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub extra: Extra,
}

/// A Gatekeeper constraint (`Constraint`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct PolicyConstraint {
    /// The template's kind, e.g. `K8sRequiredLabels`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub kind: Option<String>,
    /// `constraints.gatekeeper.sh/v1beta1`.
    #[serde(
        rename = "apiVersion",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub api_version: Option<String>,
    /// Its name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub metadata: Option<ObjectMeta>,
    /// What it enforces.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub spec: Option<PolicyConstraintSpec>,
}

/// `ConstraintSpec`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct PolicyConstraintSpec {
    /// `deny` or `warn`.
    #[serde(
        rename = "enforcementAction",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub enforcement_action: Option<String>,
    /// Which objects it applies to.
    #[serde(rename = "match", default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub matches: Option<PolicyMatch>,
    /// The definition's parameters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub parameters: Option<Value>,
}

/// `Match`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct PolicyMatch {
    /// Resource kinds (preset by the service; free-form `{apiGroups, kinds}` objects).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub kinds: Option<Vec<Value>>,
    /// Namespaces.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub namespaces: Option<Vec<String>>,
}

/// `UcsConstraintStatus`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct PolicyInstanceStatus {
    /// The audit of each cluster.
    #[serde(default, deserialize_with = "de::null_as_empty")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub violations: Vec<PolicyAudit>,
}

/// One cluster's audit (`UcsStatusViolation`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct PolicyAudit {
    /// The audited cluster.
    #[serde(
        rename = "clusterID",
        alias = "clusterId",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub cluster_id: Option<String>,
    /// When.
    #[serde(
        rename = "auditTimestamp",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub audit_timestamp: Option<String>,
    /// Objects in violation (free-form `StatusViolation`: kind, name, namespace, message, ...).
    #[serde(
        rename = "clusterViolations",
        default,
        deserialize_with = "de::null_as_empty"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub cluster_violations: Vec<Value>,
    /// Requests denied (free-form `StatusEvent`).
    #[serde(
        rename = "clusterEvents",
        default,
        deserialize_with = "de::null_as_empty"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub cluster_events: Vec<Value>,
    /// Requests warned about (free-form `StatusEvent`).
    #[serde(rename = "warnEvents", default, deserialize_with = "de::null_as_empty")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub warn_events: Vec<Value>,
}

/// Query of `policies.list_jobs`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ListPolicyJobsQuery {
    /// The job kind (`EnablePolicy` when not given; see `POLICY_JOB_KINDS`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub kind: Option<String>,
}

/// Policy jobs of one kind.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct PolicyJobList {
    /// `List`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub kind: Option<String>,
    /// `v1`.
    #[serde(
        rename = "apiVersion",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub api_version: Option<String>,
    /// The jobs, oldest first.
    #[serde(default, deserialize_with = "de::null_as_empty")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub items: Vec<PolicyJob>,
}

/// A policy job (`UcsJob`) and its tasks.
#[derive(Debug, Clone, Default, PartialEq, Serialize, TolerantDeserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct PolicyJob {
    /// `Job`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub kind: Option<String>,
    /// API version.
    #[serde(
        rename = "apiVersion",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub api_version: Option<String>,
    /// Id and timestamps.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub metadata: Option<ObjectMeta>,
    /// What it does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub spec: Option<PolicyJobSpec>,
    /// Where it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub status: Option<PolicyJobStatus>,
    /// Fields this SDK does not know, kept as they came.
    #[serde(flatten)]
    #[cfg_attr(feature = "schema", schemars(skip))]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub extra: Extra,
}

impl PolicyJob {
    /// The job's id (`metadata.uid`), or "".
    pub fn id(&self) -> &str {
        self.metadata
            .as_ref()
            .and_then(|m| m.uid.as_deref())
            .unwrap_or("")
    }

    /// The job type (`spec.type`), or "".
    pub fn job_type(&self) -> &str {
        self.spec
            .as_ref()
            .and_then(|s| s.job_type.as_deref())
            .unwrap_or("")
    }

    /// The status (`status.status`), or "".
    pub fn phase(&self) -> &str {
        self.status.as_ref().map_or("", PolicyJobStatus::phase)
    }

    /// The reason (`status.reason`), or "".
    pub fn reason(&self) -> &str {
        self.status
            .as_ref()
            .and_then(|s| s.reason.as_deref())
            .unwrap_or("")
    }

    /// The tasks, possibly none.
    pub fn tasks(&self) -> &[PolicyTask] {
        self.spec.as_ref().map_or(&[], |s| s.task_list.as_slice())
    }

    /// Whether the status is a successful end.
    pub fn is_success(&self) -> bool {
        POLICY_JOB_SUCCESS.contains(&self.phase())
    }

    /// Whether the status is a failed end (`TimedOut` included).
    pub fn is_failure(&self) -> bool {
        POLICY_JOB_FAILURE.contains(&self.phase())
    }
}

/// `UcsJobSpec`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, TolerantDeserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct PolicyJobSpec {
    /// The tasks, in the order they run.
    #[serde(
        rename = "taskList",
        alias = "tasklist",
        default,
        deserialize_with = "de::null_as_empty"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub task_list: Vec<PolicyTask>,
    /// The account (domain) id.
    #[serde(
        rename = "domainID",
        alias = "domainId",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub domain_id: Option<String>,
    /// `create` or `retry`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub operation: Option<String>,
    /// How long the job may run, in seconds.
    #[serde(
        rename = "waitTimeOut",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub wait_time_out: Option<i32>,
    /// The job kind (`EnablePolicy`, ...).
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub job_type: Option<String>,
    /// The objects it concerns (`clusterID`, `clusterGroupID`, `policyInstanceID`, ...).
    #[serde(
        rename = "relatedObjects",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub related_objects: Option<BTreeMap<String, String>>,
    /// Extra parameters (free-form).
    #[serde(
        rename = "extendParam",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub extend_param: Option<Value>,
    /// Fields this SDK does not know, kept as they came.
    #[serde(flatten)]
    #[cfg_attr(feature = "schema", schemars(skip))]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub extra: Extra,
}

/// `UcsJobStatus` / `UcsTaskStatus`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, TolerantDeserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct PolicyJobStatus {
    /// `Pending`, `Running`, `Succeeded`, `Failed` or `TimedOut`.
    #[serde(default, alias = "phase", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub status: Option<String>,
    /// Why.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub reason: Option<String>,
    /// When it started, kept as sent.
    #[serde(
        rename = "startTime",
        alias = "starttime",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub start_time: Option<String>,
    /// When it ended, kept as sent.
    #[serde(
        rename = "finishTime",
        alias = "finishtime",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub finish_time: Option<String>,
    /// Fields this SDK does not know, kept as they came.
    #[serde(flatten)]
    #[cfg_attr(feature = "schema", schemars(skip))]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub extra: Extra,
}

impl PolicyJobStatus {
    /// The status, or "".
    pub fn phase(&self) -> &str {
        self.status.as_deref().unwrap_or("")
    }
}

/// One task of a policy job (`UcsTask`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct PolicyTask {
    /// `Task`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub kind: Option<String>,
    /// API version.
    #[serde(
        rename = "apiVersion",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub api_version: Option<String>,
    /// Id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub metadata: Option<ObjectMeta>,
    /// What it does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub spec: Option<PolicyTaskSpec>,
    /// Where it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub status: Option<PolicyJobStatus>,
}

impl PolicyTask {
    /// The task type (`spec.type`), or "".
    pub fn task_type(&self) -> &str {
        self.spec
            .as_ref()
            .and_then(|s| s.task_type.as_deref())
            .unwrap_or("")
    }

    /// The status, or "".
    pub fn phase(&self) -> &str {
        self.status.as_ref().map_or("", PolicyJobStatus::phase)
    }

    /// The reason, or "".
    pub fn reason(&self) -> &str {
        self.status
            .as_ref()
            .and_then(|s| s.reason.as_deref())
            .unwrap_or("")
    }

    /// Whether the status is a failed end.
    pub fn is_failure(&self) -> bool {
        POLICY_JOB_FAILURE.contains(&self.phase())
    }
}

/// `UcsTaskSpec`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct PolicyTaskSpec {
    /// The job it belongs to.
    #[serde(
        rename = "jobID",
        alias = "jobId",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub job_id: Option<String>,
    /// What it runs on (a cluster id).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub target: Option<String>,
    /// `cluster` or `fleet`.
    #[serde(
        rename = "targetType",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub target_type: Option<String>,
    /// How long it may run, in seconds.
    #[serde(
        rename = "waitTimeOut",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub wait_time_out: Option<i32>,
    /// The task type (`InstallGatekeeper`, ...).
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub task_type: Option<String>,
    /// `parallel` or `serial`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub runway: Option<String>,
}

/// Whether `name` is a Kubernetes namespace name (a DNS-1123 label).
fn is_namespace(name: &str) -> bool {
    let bytes = name.as_bytes();
    (1..=63).contains(&bytes.len())
        && bytes
            .iter()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'-')
        && bytes.first().is_some_and(u8::is_ascii_alphanumeric)
        && bytes.last().is_some_and(u8::is_ascii_alphanumeric)
}

impl PolicyInstanceRequest {
    /// The checks made before sending and again by the emulator: a definition id to create,
    /// `deny`/`warn`, namespace names, object parameters.
    pub fn check(&self, creating: bool) -> crate::error::Result<()> {
        match self.constraint_template_id.as_deref() {
            Some(id) => crate::validate::id("constraintTemplateID", id)?,
            None if creating => crate::validate::required("constraintTemplateID", "")?,
            None => {}
        }
        crate::validate::opt_one_of(
            "enforcementAction",
            self.enforcement_action.as_deref(),
            ENFORCEMENT_ACTIONS,
        )?;
        for (i, ns) in self.namespaces.iter().flatten().enumerate() {
            if !is_namespace(ns) {
                return Err(crate::error::InvalidInput::new(
                    format!("namespaces[{i}]"),
                    format!("{ns:?} is not a namespace name (lowercase letters, digits and '-', at most 63)"),
                ));
            }
        }
        match &self.parameters {
            None | Some(Value::Null) | Some(Value::Object(_)) => Ok(()),
            Some(_) => Err(crate::error::InvalidInput::new(
                "parameters",
                "must be an object (the definition's parameters by name)",
            )),
        }
    }
}

impl UpdatePolicyDefinition {
    /// The tags as the service keeps them: `;`-separated, each non-empty and at most 64
    /// characters, no more than 20.
    pub fn tags(&self) -> crate::error::Result<Vec<String>> {
        let raw = self.tag.as_deref().unwrap_or("");
        crate::validate::required("tag", raw.trim())?;
        let tags: Vec<String> = raw.split(';').map(|t| t.trim().to_owned()).collect();
        if let Some(i) = tags.iter().position(String::is_empty) {
            return Err(crate::error::InvalidInput::new(
                "tag",
                format!("tag {} is empty (tags are separated by ';')", i + 1),
            ));
        }
        if let Some(long) = tags.iter().find(|t| t.chars().count() > 64) {
            return Err(crate::error::InvalidInput::new(
                "tag",
                format!("tag {long:?} is longer than 64 characters"),
            ));
        }
        if tags.len() > 20 {
            return Err(crate::error::InvalidInput::new(
                "tag",
                format!("{} tags given; at most 20", tags.len()),
            ));
        }
        Ok(tags)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_official_job_shape() {
        let job: PolicyJob = serde_json::from_value(serde_json::json!({
            "kind": "Job", "metadata": {"uid": "j1"},
            "spec": {"type": "EnablePolicy", "operation": "create", "waitTimeOut": 600,
                     "relatedObjects": {"clusterID": "c1"},
                     "taskList": [{"spec": {"type": "InstallGatekeeper", "jobID": "j1"},
                                   "status": {"status": "Failed", "reason": "no room"}}]},
            "status": {"status": "Failed", "reason": "a task failed",
                       "startTime": "2024-01-01T00:00:00Z"},
            "future": 1
        }))
        .unwrap_or_default();
        assert_eq!(job.id(), "j1");
        assert_eq!(job.job_type(), "EnablePolicy");
        assert!(job.is_failure() && !job.is_success());
        assert_eq!(job.tasks()[0].task_type(), "InstallGatekeeper");
        assert!(job.tasks()[0].is_failure());
        assert_eq!(job.tasks()[0].reason(), "no room");
        assert_eq!(job.extra.get("future"), Some(&serde_json::json!(1)));
        let timed_out: PolicyJob = serde_json::from_str(
            r#"{"status": {"status": "TimedOut"}, "spec": {"taskList": null}}"#,
        )
        .unwrap_or_default();
        assert!(timed_out.is_failure() && timed_out.tasks().is_empty());
    }

    #[test]
    fn writes_the_official_names() {
        let body = PolicyInstanceRequest {
            constraint_template_id: Some("t1".into()),
            enforcement_action: Some("warn".into()),
            namespaces: Some(vec!["default".into()]),
            parameters: Some(serde_json::json!({"labels": ["app"]})),
        };
        let wire = serde_json::to_value(&body).unwrap_or_default();
        assert_eq!(wire["constraintTemplateID"], "t1");
        assert_eq!(wire["enforcementAction"], "warn");
        let created: PolicyJobCreated =
            serde_json::from_str(r#"{"jobID": "j9"}"#).unwrap_or_default();
        assert_eq!(created.job_id.as_deref(), Some("j9"));
        assert_eq!(
            serde_json::to_value(&created).unwrap_or_default(),
            serde_json::json!({"jobID": "j9"})
        );
        let query: EnablePolicyQuery =
            serde_json::from_str(r#"{"retry": "true"}"#).unwrap_or_default();
        assert_eq!(query.retry, Some(true));
        let spec: PolicyConstraintSpec =
            serde_json::from_str(r#"{"match": {"namespaces": ["a"]}}"#).unwrap_or_default();
        assert_eq!(
            spec.matches.and_then(|m| m.namespaces),
            Some(vec!["a".to_owned()])
        );
    }

    #[test]
    fn checks_name_the_refused_field() {
        let field = |r: crate::error::Result<()>| r.err().map(|e| e.field);
        let ok = PolicyInstanceRequest {
            constraint_template_id: Some("t1".into()),
            ..Default::default()
        };
        assert_eq!(field(ok.check(true)), None);
        assert_eq!(
            field(PolicyInstanceRequest::default().check(true)).as_deref(),
            Some("constraintTemplateID")
        );
        assert_eq!(field(PolicyInstanceRequest::default().check(false)), None);
        let bad_action = PolicyInstanceRequest {
            enforcement_action: Some("block".into()),
            ..ok.clone()
        };
        assert_eq!(
            field(bad_action.check(true)).as_deref(),
            Some("enforcementAction")
        );
        let bad_ns = PolicyInstanceRequest {
            namespaces: Some(vec!["default".into(), "Bad_NS".into()]),
            ..ok.clone()
        };
        assert_eq!(field(bad_ns.check(true)).as_deref(), Some("namespaces[1]"));
        let bad_params = PolicyInstanceRequest {
            parameters: Some(serde_json::json!([1])),
            ..ok
        };
        assert_eq!(field(bad_params.check(true)).as_deref(), Some("parameters"));
        let tags = UpdatePolicyDefinition {
            tag: Some("security; pods".into()),
        };
        assert_eq!(tags.tags().unwrap_or_default(), vec!["security", "pods"]);
        for bad in [None, Some(""), Some("a;;b")] {
            let body = UpdatePolicyDefinition {
                tag: bad.map(str::to_owned),
            };
            assert_eq!(body.tags().err().map(|e| e.field).as_deref(), Some("tag"));
        }
    }
}
