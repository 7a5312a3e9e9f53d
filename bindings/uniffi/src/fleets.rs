//! `client.fleets()`: the fleet group object, its pager and `waitFederation`; the operations are
//! generated from the table in operations.rs.

use std::sync::Arc;
use std::time::Duration;

use ucs_sdk::models::{Job, PageQuery};
use ucs_sdk::WaitOptions;

use crate::error::guarded;
use crate::pager::page_size;
use crate::{FleetPager, Fleets, ProgressListener, Result};

#[uniffi::export(async_runtime = "tokio")]
impl Fleets {
    /// Every fleet, a page per `next()` call (`limit` is the page size).
    pub fn pager(&self, query: PageQuery) -> Arc<FleetPager> {
        let size = page_size(query.limit);
        Arc::new(FleetPager::new(self.ops.iter(query), size))
    }
    /// `listener` about every phase change.
    pub async fn wait_federation(
        &self,
        fleet_id: String,
        timeout_ms: u64,
        listener: Box<dyn ProgressListener>,
    ) -> Result<Job> {
        guarded(async {
            let options = WaitOptions::with_timeout(Duration::from_millis(timeout_ms));
            let job = self
                .ops
                .wait_federation(&fleet_id, &options, |event| {
                    listener.on_progress(event.clone())
                })
                .await?;
            Ok(job)
        })
        .await
    }
}
