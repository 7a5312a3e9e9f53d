//! `client.rules()`: the permission rule operations, under their canonical names.

use std::sync::Arc;

use ucs_sdk::models::{CreateRule, Created, PageQuery, RuleList, UpdateRule};

use crate::error::guarded;
use crate::pager::page_size;
use crate::{Result, RulePager};

/// Permission rule operations; get one with `client.rules()`.
#[derive(Debug, uniffi::Object)]
pub struct Rules {
    ops: ucs_sdk::ops::Rules,
}

impl Rules {
    pub(crate) fn new(ops: ucs_sdk::ops::Rules) -> Self {
        Self { ops }
    }
}

#[uniffi::export(async_runtime = "tokio")]
impl Rules {
    /// Creates a rule; answers its id.
    pub async fn create(&self, body: CreateRule) -> Result<Created> {
        guarded(async { Ok(self.ops.create(&body).await?) }).await
    }

    /// One page of rules.
    pub async fn list(&self, query: PageQuery) -> Result<RuleList> {
        guarded(async { Ok(self.ops.list(&query).await?) }).await
    }

    /// Every rule, a page per `next()` call (`limit` is the page size).
    pub fn pager(&self, query: PageQuery) -> Arc<RulePager> {
        let size = page_size(query.limit);
        Arc::new(RulePager::new(self.ops.iter(query), size))
    }

    /// Replaces a rule's spec.
    pub async fn update(&self, rule_id: String, body: UpdateRule) -> Result<()> {
        guarded(async { Ok(self.ops.update(&rule_id, &body).await?) }).await
    }

    /// Deletes a rule.
    pub async fn delete(&self, rule_id: String) -> Result<()> {
        guarded(async { Ok(self.ops.delete(&rule_id).await?) }).await
    }
}
