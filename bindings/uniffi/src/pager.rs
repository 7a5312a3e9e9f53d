//! Pagers: uniffi cannot carry a stream, so each pager hands out the core's `iter` stream a page
//! at a time (`next()` answers `null`/`nil` at the end); Kotlin turns it into a `Flow`, Swift
//! into an `AsyncSequence` (hand-written wrappers next to the generated code).

use futures_util::{FutureExt, StreamExt};
use tokio::sync::Mutex;
use ucs_sdk::models::{Cluster, ClusterGroup, Rule};
use ucs_sdk::{Error, ItemStream};

use crate::Result;

/// `ucs_sdk::paginate::DEFAULT_PAGE_SIZE`, as a length.
const DEFAULT_PAGE_SIZE: usize = ucs_sdk::paginate::DEFAULT_PAGE_SIZE.unsigned_abs() as usize;

/// The page size a pager hands out: the query's `limit`, or the core's default.
pub(crate) fn page_size(limit: Option<i64>) -> usize {
    limit
        .filter(|l| *l > 0)
        .and_then(|l| usize::try_from(l).ok())
        .unwrap_or(DEFAULT_PAGE_SIZE)
}

/// The stream, an error seen after items already handed out, and the page size.
struct Pages<T> {
    stream: ItemStream<T>,
    error: Option<Error>,
    done: bool,
    size: usize,
}

impl<T> Pages<T> {
    fn new(stream: ItemStream<T>, size: usize) -> Mutex<Self> {
        Mutex::new(Self {
            stream,
            error: None,
            done: false,
            size,
        })
    }

    /// The items of the next page: waits for the first, then takes those already fetched.
    async fn next(&mut self) -> Result<Option<Vec<T>>> {
        if let Some(e) = self.error.take() {
            self.done = true;
            return Err(e.into());
        }
        if self.done {
            return Ok(None);
        }
        let mut items = match self.stream.next().await {
            None => {
                self.done = true;
                return Ok(None);
            }
            Some(Err(e)) => {
                self.done = true;
                return Err(e.into());
            }
            Some(Ok(item)) => vec![item],
        };
        while items.len() < self.size {
            match self.stream.next().now_or_never() {
                Some(Some(Ok(item))) => items.push(item),
                // Hand out what we have; the error comes with the next call.
                Some(Some(Err(e))) => {
                    self.error = Some(e);
                    break;
                }
                Some(None) => {
                    self.done = true;
                    break;
                }
                // The next page is not fetched yet.
                None => break,
            }
        }
        Ok(Some(items))
    }
}

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
                    pages: Pages::new(stream, size),
                }
            }
        }

        #[uniffi::export(async_runtime = "tokio")]
        impl $name {
            /// The next page of items, or none once every page was handed out.
            pub async fn next(&self) -> Result<Option<Vec<$item>>> {
                self.pages.lock().await.next().await
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
