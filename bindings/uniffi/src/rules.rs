//! `client.rules()`: the permission rule group object and its pager; the operations are
//! generated from the table in operations.rs.

use std::sync::Arc;

use ucs_sdk::models::PageQuery;

use crate::pager::page_size;
use crate::{RulePager, Rules};

#[uniffi::export]
impl Rules {
    /// Every rule, a page per `next()` call (`limit` is the page size).
    pub fn pager(&self, query: PageQuery) -> Arc<RulePager> {
        let size = page_size(query.limit);
        Arc::new(RulePager::new(self.ops.iter(query), size))
    }
}
