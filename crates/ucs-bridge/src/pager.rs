//! Pagers: the core's item streams handed out a page at a time, for bindings that cannot carry a
//! Rust stream (each `next` answers the items already fetched, `None` at the end).

use futures_util::{FutureExt, StreamExt};
use serde_json::Value;
use ucs_sdk::models::*;
use ucs_sdk::{Client, Error, ItemStream, Result};

use crate::answer::Answer;
use crate::invoke::query_of;

/// The page size a pager hands out: the query's `limit`, or the core's default.
pub fn page_size(limit: Option<i64>) -> usize {
    limit
        .filter(|l| *l > 0)
        .and_then(|l| usize::try_from(l).ok())
        .unwrap_or(ucs_sdk::paginate::DEFAULT_PAGE_SIZE.unsigned_abs() as usize)
}

/// An item stream read a page at a time; an error met after some items comes with the next call.
pub struct Pages<T> {
    stream: ItemStream<T>,
    error: Option<Error>,
    done: bool,
    size: usize,
}

impl<T> Pages<T> {
    /// Pages of `size` items from `stream`.
    pub fn new(stream: ItemStream<T>, size: usize) -> Self {
        Self {
            stream,
            error: None,
            done: false,
            size,
        }
    }

    /// The items of the next page: waits for the first, then takes those already fetched.
    pub async fn next(&mut self) -> Result<Option<Vec<T>>> {
        if let Some(e) = self.error.take() {
            self.done = true;
            return Err(e);
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
                return Err(e);
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

/// One branch per group of the table that pages: `client.group().iter(query)`, its items as
/// answers.
macro_rules! open_pages {
    ($(
        $(#[doc = $group_doc:literal])*
        $group:ident $Group:ident $(pages($pages_query:ident => $item:ident))? {
            $($rows:tt)*
        }
    )*) => {
        /// Every item of `resource.list(query)` (`clusters`, `fleets` or `rules`, the JSON `query`
        /// with `limit` as the page size), typed, a page at a time.
        pub fn open_pages(
            client: &Client,
            resource: &str,
            query: Option<Value>,
        ) -> Result<Pages<Answer>> {
            crate::errors::panic_for_tests(resource);
            $($(
                if resource == stringify!($group) {
                    let q: $pages_query = query_of(query)?;
                    let size = page_size(q.limit);
                    let items = client.$group().iter(q).map(|item| item.map(Answer::$item));
                    return Ok(Pages::new(items.boxed(), size));
                }
            )?)*
            Err(Error::invalid("resource", format!("{resource} has no pages")))
        }
    };
}

ucs_sdk::for_each_operation!(open_pages);
