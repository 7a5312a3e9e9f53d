//! Request and response models, defined once here and reused by every binding and the emulator.
//!
//! Serialization uses the official SDK's JSON names; decoding also accepts the other spellings
//! the reference's examples use, and keeps unknown fields in `extra`.

mod addons;
mod clusters;
mod common;
pub(crate) mod de;
mod fleets;
mod hss;
mod jobs;
mod kubeconfig;
mod rules;

pub use addons::*;
pub use clusters::*;
pub use common::*;
pub use fleets::*;
pub use hss::*;
pub use jobs::*;
pub use kubeconfig::*;
pub use rules::*;

/// `Some("***")` for a set secret, so `Debug` shows that it is set but never its value.
pub(crate) fn redact_opt<T>(value: &Option<T>) -> Option<&'static str> {
    value.as_ref().map(|_| "***")
}
