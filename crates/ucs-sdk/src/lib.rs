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
pub mod body_checks;
mod client;
pub mod config;
pub mod error;
pub mod karmada;
pub mod models;
pub mod ops;
pub mod paginate;
pub mod reference;
pub mod secret;
mod transport;
#[cfg(feature = "uniffi")]
mod uniffi_types;
pub mod validate;

// The models are uniffi Records for the Kotlin/Swift binding (bindings/uniffi).
#[cfg(feature = "uniffi")]
uniffi::setup_scaffolding!();

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
