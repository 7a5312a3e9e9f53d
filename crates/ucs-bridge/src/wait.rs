//! The waiters by name: one entry point the Python and Node bindings share for the federation
//! waiter and the policy job waiter.

use std::str::FromStr;
use std::time::Duration;

use serde_json::Value;
use ucs_sdk::{Client, Error, Result, WaitOptions};

use crate::answer::Answer;

/// What a waiter waits for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Waiter {
    /// A fleet's federation job (`fleets.wait_federation`): the id is the fleet's.
    Federation,
    /// A policy job (`policies.wait_job`): the id is the job's.
    PolicyJob,
}

impl FromStr for Waiter {
    type Err = Error;

    fn from_str(name: &str) -> Result<Self> {
        match name {
            "federation" => Ok(Self::Federation),
            "policy_job" => Ok(Self::PolicyJob),
            other => Err(Error::InvalidArgument {
                field: "waiter".into(),
                reason: format!("unknown waiter {other:?} (federation, policy_job)"),
            }),
        }
    }
}

/// Polls until the job succeeds, fails or `timeout_ms` passes (default 30 minutes), calling
/// `on_progress` with each change of the job (and its sub-jobs or tasks). Answers the final job.
pub async fn wait<F>(
    client: &Client,
    waiter: Waiter,
    id: &str,
    timeout_ms: Option<u64>,
    mut on_progress: F,
) -> Result<Answer>
where
    F: FnMut(Value) + Send,
{
    let options = timeout_ms
        .map(|ms| WaitOptions::with_timeout(Duration::from_millis(ms)))
        .unwrap_or_default();
    match waiter {
        Waiter::Federation => client
            .fleets()
            .wait_federation(id, &options, |e| on_progress(to_value(&e)))
            .await
            .map(Answer::ShowFederationProgress),
        Waiter::PolicyJob => client
            .policies()
            .wait_job(id, &options, |e| on_progress(to_value(&e)))
            .await
            .map(Answer::ShowPolicyJob),
    }
}

fn to_value<T: serde::Serialize>(event: &T) -> Value {
    serde_json::to_value(event).unwrap_or(Value::Null)
}
