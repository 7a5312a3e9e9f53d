//! `client.iam()`: the IAM token, project id and domain id the other calls use.

use ucs_sdk::SecretString;

use crate::error::guarded;
use crate::{Iam, Result};

#[uniffi::export(async_runtime = "tokio")]
impl Iam {
    /// The IAM token in use (a `Secret`: its text form never shows the value).
    pub async fn token(&self) -> Result<SecretString> {
        guarded(async { Ok(self.ops.token().await?) }).await
    }

    /// The project id: configured, or resolved through IAM once.
    pub async fn project_id(&self) -> Result<String> {
        guarded(async { Ok(self.ops.project_id().await?) }).await
    }

    /// The account id: configured, or resolved through IAM once.
    pub async fn domain_id(&self) -> Result<String> {
        guarded(async { Ok(self.ops.domain_id().await?) }).await
    }
}
