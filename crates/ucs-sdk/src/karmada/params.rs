//! `ListParams`: the query of a Kubernetes list call.

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// Selectors and paging of a list call; sent as `labelSelector`, `fieldSelector`, `limit` and
/// `continue`, percent-encoded by the transport.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ListParams {
    /// `app=web,tier in (a,b)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label_selector: Option<String>,
    /// `metadata.name=web`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field_selector: Option<String>,
    /// Page size.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    /// The `metadata.continue` of the previous page.
    #[serde(rename = "continue", default, skip_serializing_if = "Option::is_none")]
    pub continue_token: Option<String>,
}

impl ListParams {
    /// With a label selector.
    pub fn labels(selector: impl Into<String>) -> Self {
        Self {
            label_selector: Some(selector.into()),
            ..Self::default()
        }
    }

    /// The raw query pairs (the transport encodes them).
    pub(crate) fn query(&self) -> Result<Vec<(String, String)>> {
        let mut q = Vec::new();
        if let Some(s) = &self.label_selector {
            q.push(("labelSelector".to_owned(), s.clone()));
        }
        if let Some(s) = &self.field_selector {
            q.push(("fieldSelector".to_owned(), s.clone()));
        }
        if let Some(n) = self.limit {
            if n == 0 {
                return Err(Error::invalid("limit", "must be at least 1"));
            }
            q.push(("limit".to_owned(), n.to_string()));
        }
        if let Some(c) = &self.continue_token {
            q.push(("continue".to_owned(), c.clone()));
        }
        Ok(q)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_goes_in_the_query_under_its_kubernetes_name() {
        let p = ListParams {
            label_selector: Some("app in (a,b)".into()),
            field_selector: Some("metadata.name=x".into()),
            limit: Some(5),
            continue_token: Some("t".into()),
        };
        let q = p.query().expect("query");
        let keys: Vec<&str> = q.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(
            keys,
            ["labelSelector", "fieldSelector", "limit", "continue"]
        );
        assert!(ListParams {
            limit: Some(0),
            ..Default::default()
        }
        .query()
        .is_err());
    }
}
