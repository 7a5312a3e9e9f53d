//! The `ucs-sdk` npm package's addon: one generic client over `ucs_bridge` (every operation by
//! name, JSON in and out as plain JS values). The package's JavaScript builds the resource
//! groups, errors and AbortSignal handling on top.

mod calls;
mod client;
mod errors;
mod federation;
pub mod karmada;
mod pager;

use napi_derive::napi;

/// Every operation: `resource`, `name`, `http`, `ids`, `body`, `query`, `result`, `item`, `doc`.
#[napi]
pub fn catalogue() -> napi::Result<serde_json::Value> {
    errors::guard(|| Ok(ucs_bridge::catalogue_json()))
}

/// The core crate's version.
#[napi]
pub fn version() -> napi::Result<String> {
    errors::guard(|| Ok(ucs_sdk::VERSION.to_owned()))
}
