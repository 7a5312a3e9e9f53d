//! Huawei Cloud UCS (Ubiquitous Cloud Native Service) and HSS multi-cloud SDK.
//!
//! One async client covers every operation of the UCS API reference (clusters, fleets with
//! Karmada federation, permission rules), HSS multi-cloud cluster creation, the IAM calls they
//! need, and a fleet's Karmada gateway:
//!
//! ```no_run
//! # async fn demo() -> ucs_sdk::Result<()> {
//! use ucs_sdk::{Client, Credentials, models::ListClustersQuery};
//! let client = Client::builder()
//!     .credentials(Credentials::aksk("AK", "SK"))
//!     .domain_id("my-account-id")
//!     .build()?;
//! let page = client.clusters().list(&ListClustersQuery::default()).await?;
//! for cluster in &page.items {
//!     println!("{} {}", cluster.uid(), cluster.name());
//! }
//! # Ok(()) }
//! ```
//!
//! Requests are signed exactly like the official `huaweicloudsdkcore` signer (AK/SK
//! `SDK-HMAC-SHA256`) or carry an IAM token; idempotent calls are retried with backoff on
//! throttling, server errors and connection failures; every error keeps the service's code,
//! message and request id.

pub mod auth;
mod client;
pub mod config;
pub mod error;
pub mod karmada;
pub mod kubeconfig_file;
pub mod ops;
pub mod paginate;
pub mod secret;
mod transport;

// Defined in ucs-models (no HTTP client), shared with the emulator and the bindings; the
// paths stay `ucs_sdk::models`, `ucs_sdk::validate`, ...
/// Expands a callback macro with every operation of the table (see [`operations`]).
pub use ucs_models::for_each_operation;
pub use ucs_models::from_json_bytes;
pub use ucs_models::models;
/// The operation table: every operation with its official name, method, path and models.
pub use ucs_models::operations;
pub use ucs_models::reference;
pub use ucs_models::validate;

pub use auth::{CredentialSource, Credentials};
pub use client::{Client, VERSION};
pub use config::{ClientBuilder, Config, RetryPolicy, Site, Timeouts};
pub use error::{ApiError, ApiErrorKind, Error, Result};
pub use ops::{ProgressEvent, WaitOptions};
pub use paginate::ItemStream;
pub use secret::SecretString;

/// Re-exported so callers can name Karmada request methods.
pub use http::Method;

#[doc(hidden)]
pub mod __private {
    //! For the emulator and tests in this workspace; not a public API.
    pub use crate::transport::{
        parse_error_body, parse_retry_after, ERROR_CODE_MAX, ERROR_MESSAGE_MAX, RETRY_AFTER_CAP,
    };
}
