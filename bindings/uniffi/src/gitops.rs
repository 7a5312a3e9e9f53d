//! `client.configsets()` and `client.repos()`: their pagers; the operations are generated from
//! the table in operations.rs.

use std::sync::Arc;

use ucs_sdk::models::{ListConfigSetsQuery, ListReposQuery};

use crate::operations::{ConfigSets, Repos};
use crate::pager::page_size;
use crate::{ConfigSetPager, RepoPager};

#[uniffi::export]
impl ConfigSets {
    /// Every config set matching `query`, a page per `next()` call (`limit` is the page size).
    pub fn pager(&self, query: ListConfigSetsQuery) -> Arc<ConfigSetPager> {
        let size = page_size(query.limit);
        Arc::new(ConfigSetPager::new(self.ops.iter(query), size))
    }
}

#[uniffi::export]
impl Repos {
    /// Every GitOps repository matching `query`, a page per `next()` call (`limit` is the page size).
    pub fn pager(&self, query: ListReposQuery) -> Arc<RepoPager> {
        let size = page_size(query.limit);
        Arc::new(RepoPager::new(self.ops.iter(query), size))
    }
}
