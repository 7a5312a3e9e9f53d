//! Pagers: uniffi cannot carry a stream, so each pager hands out the core's `iter` stream a page
//! at a time (`next()` answers `null`/`nil` at the end); Kotlin turns it into a `Flow`, Swift
//! into an `AsyncSequence` (hand-written wrappers next to the generated code).

use tokio::sync::Mutex;
use ucs_bridge::Pages;
use ucs_sdk::models::{Cluster, ClusterGroup, ConfigSet, GitOpsRepo, Rule};
use ucs_sdk::ItemStream;

use crate::Result;

pub(crate) use ucs_bridge::page_size;

macro_rules! pager {
    ($(#[$doc:meta])* $name:ident, $item:ty) => {
        $(#[$doc])*
        #[derive(uniffi::Object)]
        pub struct $name {
            pages: Mutex<Pages<$item>>,
        }

        impl $name {
            pub(crate) fn new(stream: ItemStream<$item>, size: usize) -> Self {
                Self {
                    pages: Mutex::new(Pages::new(stream, size)),
                }
            }
        }

        #[uniffi::export(async_runtime = "tokio")]
        impl $name {
            /// The next page of items, or none once every page was handed out.
            pub async fn next(&self) -> Result<Option<Vec<$item>>> {
                crate::error::guarded(async {
                    Ok(self.pages.lock().await.next().await?)
                })
                .await
            }
        }
    };
}

pager!(
    /// Every cluster of a query, a page per `next()`; get one with `clusters().pager(query)`.
    ClusterPager,
    Cluster
);
pager!(
    /// Every fleet, a page per `next()`; get one with `fleets().pager(query)`.
    FleetPager,
    ClusterGroup
);
pager!(
    /// Every permission rule, a page per `next()`; get one with `rules().pager(query)`.
    RulePager,
    Rule
);
pager!(
    /// Every GitOps config set of a query, a page per `next()`; get one with `configsets().pager(query)`.
    ConfigSetPager,
    ConfigSet
);
pager!(
    /// Every GitOps repository of a query, a page per `next()`; get one with `repos().pager(query)`.
    RepoPager,
    GitOpsRepo
);
