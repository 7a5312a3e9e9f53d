//! Huawei Cloud UCS/HSS wire models, their checks and the reference's tables, without an HTTP client.
//!
//! Shared by `ucs-sdk` (which re-exports `models`, `validate` and `reference` under the same
//! paths), the emulator, the bridge and the bindings; `operations` is the table every list of operations
//! is expanded from (`for_each_operation!`); `signing` is the AK/SK canonicalisation
//! both the client and the emulator use, so they cannot drift apart.

pub mod body_checks;
pub mod error;
pub mod json;
pub mod models;
pub mod operations;
pub mod reference;
pub mod signing;
#[cfg(feature = "uniffi")]
mod uniffi_types;
pub mod validate;

// The models are uniffi Records for the Kotlin/Swift binding (bindings/uniffi).
#[cfg(feature = "uniffi")]
uniffi::setup_scaffolding!();

pub use error::{InvalidInput, Result};
pub use json::from_json_bytes;
