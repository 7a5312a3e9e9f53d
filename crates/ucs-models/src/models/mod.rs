//! Request and response models, defined once here and reused by every binding and the emulator.
//!
//! Serialization uses the official SDK's JSON names; decoding also accepts the other spellings
//! the reference's examples use, and keeps unknown fields in `extra`.

mod account;
mod addons;
mod cluster_configs;
mod clusters;
mod common;
pub(crate) mod de;
mod fleets;
mod gitops;
mod hss;
mod jobs;
mod kubeconfig;
mod policies;
mod rules;
#[cfg(test)]
mod tolerant_tests;
mod traffic;
mod workloads;

pub use account::*;
pub use addons::*;
pub use cluster_configs::*;
pub use clusters::*;
pub use common::*;
pub use fleets::*;
pub use gitops::*;
pub use hss::*;
pub use jobs::*;
pub use kubeconfig::*;
pub use policies::*;
pub use rules::*;
pub use traffic::*;
pub use workloads::*;

/// `Some("***")` for a set secret, so `Debug` shows that it is set but never its value.
pub(crate) fn redact_opt<T>(value: &Option<T>) -> Option<&'static str> {
    value.as_ref().map(|_| "***")
}
