//! `client.clusters()`: the cluster group object and its pager; the operations are generated
//! from the table in operations.rs.

use std::sync::Arc;

use ucs_sdk::models::ListClustersQuery;

use crate::pager::page_size;
use crate::{ClusterPager, Clusters};

#[uniffi::export]
impl Clusters {
    /// Every cluster matching `query`, a page per `next()` call (`limit` is the page size).
    pub fn pager(&self, query: ListClustersQuery) -> Arc<ClusterPager> {
        let size = page_size(query.limit);
        Arc::new(ClusterPager::new(self.ops.iter(query), size))
    }
}
