//! uniffi binding of the UCS SDK: one `UcsClient` with resource groups, for Kotlin and Swift.
//!
//! Every operation of the core crate is exported under its canonical name (camelCase in the
//! generated code) as a `suspend` (Kotlin) / `async` (Swift) function running on tokio. Models
//! are the core's own structs (uniffi Records behind the core's `uniffi` feature); errors arrive
//! as one `UcsException` (Kotlin) / `UcsError` (Swift) hierarchy.

mod call;
mod client;
mod clusters;
mod error;
mod fleets;
mod gitops;
mod iam;
mod karmada;
mod kubeconfig;
mod operations;
mod options;
mod pager;
mod policies;
mod progress;
mod rules;

pub use client::UcsClient;
pub use error::{panic_for_tests, panic_for_tests_async, UcsError};
pub use karmada::{Karmada, KarmadaResource, ListParams};
pub use kubeconfig::Kubeconfig;
pub use operations::{Clusters, Fleets, Hss, Iam, Rules};
pub use options::ClientOptions;
pub use pager::{ClusterPager, ConfigSetPager, FleetPager, RepoPager, RulePager};
pub use progress::ProgressListener;

uniffi::setup_scaffolding!();

/// What every exported call returns.
pub type Result<T, E = UcsError> = std::result::Result<T, E>;
