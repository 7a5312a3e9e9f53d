//! `ProgressListener`: the callback `waitFederation` reports phase changes to.

use ucs_sdk::ProgressEvent;

/// Receives each phase change of a federation job and its sub-jobs, in order.
#[uniffi::export(callback_interface)]
pub trait ProgressListener: Send + Sync {
    /// Called once per phase change; keep it short (it runs on the SDK's thread).
    fn on_progress(&self, event: ProgressEvent);
}
