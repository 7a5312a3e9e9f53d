//! Operations grouped by resource, under their canonical names.

mod account;
mod addons;
mod clusters;
mod fleets;
mod gitops;
mod hss;
mod iam;
mod policies;
mod rules;
mod traffic;
mod wait;
mod workloads;

pub use crate::models::ProgressEvent;
pub use account::Account;
pub use addons::Addons;
pub use clusters::Clusters;
pub use fleets::Fleets;
pub use gitops::{ConfigSets, GitOps, Repos};
pub use hss::Hss;
pub use iam::Iam;
pub use policies::Policies;
pub use rules::Rules;
pub use traffic::Traffic;
pub use wait::WaitOptions;

use serde::Serialize;
use serde_json::Value;

use crate::auth::signer::encode_component;
use crate::error::{Error, Result};

/// Encodes one path segment (an id).
pub(crate) fn seg(value: &str) -> String {
    encode_component(value)
}

/// Turns a query struct into raw pairs: bools as `true`/`false`, lists comma-joined, `None` left out.
pub(crate) fn query_pairs<Q: Serialize>(query: &Q) -> Result<Vec<(String, String)>> {
    let value = serde_json::to_value(query).map_err(|e| Error::invalid("query", e.to_string()))?;
    let Value::Object(map) = value else {
        return Ok(Vec::new());
    };
    Ok(map
        .into_iter()
        .filter_map(|(k, v)| {
            let text = match v {
                Value::Null => return None,
                Value::String(s) => s,
                Value::Array(items) => items
                    .iter()
                    .map(|i| i.as_str().map_or_else(|| i.to_string(), str::to_owned))
                    .collect::<Vec<_>>()
                    .join(","),
                other => other.to_string(),
            };
            Some((k, text))
        })
        .collect())
}
