//! Streams over every item of a paged list (limit/offset), fetching pages on demand.

use std::future::Future;

use futures_util::stream::{self, BoxStream, StreamExt, TryStreamExt};

use crate::error::Result;

/// Page size used when the query names none.
pub const DEFAULT_PAGE_SIZE: i64 = 50;

/// A stream of items across pages; the next page is fetched when the current one is used up.
pub type ItemStream<T> = BoxStream<'static, Result<T>>;

/// One page: its items and the total over all pages, when the service said.
pub(crate) type Page<T> = (Vec<T>, Option<i64>);

/// A list query with `limit` and `offset`.
pub(crate) trait PagedQuery: Clone + Send + 'static {
    fn limit(&self) -> Option<i64>;
    fn offset(&self) -> Option<i64>;
    fn set_page(&mut self, offset: i64, limit: i64);
}

impl PagedQuery for crate::models::PageQuery {
    fn limit(&self) -> Option<i64> {
        self.limit
    }
    fn offset(&self) -> Option<i64> {
        self.offset
    }
    fn set_page(&mut self, offset: i64, limit: i64) {
        (self.offset, self.limit) = (Some(offset), Some(limit));
    }
}

impl PagedQuery for crate::models::ListClustersQuery {
    fn limit(&self) -> Option<i64> {
        self.limit
    }
    fn offset(&self) -> Option<i64> {
        self.offset
    }
    fn set_page(&mut self, offset: i64, limit: i64) {
        (self.offset, self.limit) = (Some(offset), Some(limit));
    }
}

/// Pages through a list call: `query.limit` is the page size (default 50), `query.offset` the start.
pub(crate) fn paginate_query<Q, T, F, Fut>(query: Q, fetch: F) -> ItemStream<T>
where
    Q: PagedQuery,
    T: Send + 'static,
    F: Fn(Q) -> Fut + Send + 'static,
    Fut: Future<Output = Result<Page<T>>> + Send + 'static,
{
    let start = query.offset().unwrap_or(0);
    let limit = query
        .limit()
        .filter(|l| *l > 0)
        .unwrap_or(DEFAULT_PAGE_SIZE);
    paginate(start, limit, move |offset, limit| {
        let mut q = query.clone();
        q.set_page(offset, limit);
        fetch(q)
    })
}

pub(crate) fn paginate<T, F, Fut>(start: i64, limit: i64, fetch: F) -> ItemStream<T>
where
    T: Send + 'static,
    F: FnMut(i64, i64) -> Fut + Send + 'static,
    Fut: Future<Output = Result<Page<T>>> + Send + 'static,
{
    stream::try_unfold((fetch, Some(start)), move |(mut fetch, next)| async move {
        let Some(offset) = next else {
            return Ok::<_, crate::error::Error>(None);
        };
        let (items, total) = fetch(offset, limit).await?;
        let n = items.len() as i64;
        // Trust the total when there is one: the service may cap the page size below `limit`.
        let done = n == 0 || total.map_or(n < limit, |t| offset + n >= t);
        Ok(Some((items, (fetch, (!done).then_some(offset + n)))))
    })
    .map_ok(|page| stream::iter(page.into_iter().map(Ok)))
    .try_flatten()
    .boxed()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;

    #[tokio::test]
    async fn walks_every_page_once() {
        let calls = Arc::new(AtomicUsize::new(0));
        let c = calls.clone();
        let all: Vec<i64> = paginate(0, 3, move |offset, limit| {
            c.fetch_add(1, Ordering::SeqCst);
            async move { Ok(((offset..(offset + limit).min(7)).collect(), Some(7))) }
        })
        .try_collect()
        .await
        .expect("pages");
        assert_eq!(all, (0..7).collect::<Vec<_>>());
        assert_eq!(calls.load(Ordering::SeqCst), 3);
    }
}
