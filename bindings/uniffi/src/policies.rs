//! `client.policies()`: `waitJob`, the policy job waiter; the operations are generated from the
//! table in operations.rs.

use std::time::Duration;

use ucs_sdk::models::PolicyJob;
use ucs_sdk::WaitOptions;

use crate::error::guarded;
use crate::operations::Policies;
use crate::{ProgressListener, Result};

#[uniffi::export(async_runtime = "tokio")]
impl Policies {
    /// Polls the policy job until it succeeds, fails (`UcsException.JobFailed` naming the task)
    /// or `timeout_ms` passes, telling `listener` about every status change of the job and its
    /// tasks.
    pub async fn wait_job(
        &self,
        job_id: String,
        timeout_ms: u64,
        listener: Box<dyn ProgressListener>,
    ) -> Result<PolicyJob> {
        guarded(async {
            let options = WaitOptions::with_timeout(Duration::from_millis(timeout_ms));
            let job = self
                .ops
                .wait_job(&job_id, &options, |event| {
                    listener.on_progress(event.clone())
                })
                .await?;
            Ok(job)
        })
        .await
    }
}
