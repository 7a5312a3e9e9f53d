//! List semantics shared by clusters, fleets and rules: ordering, offset and limit from the query.

use chrono::{DateTime, Utc};

use crate::error::ApiResult;
use crate::extract::Params;

/// `limit`, `offset`, `order_by` and `order` of a list request.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Paging {
    limit: Option<usize>,
    offset: usize,
    by_update: bool,
    ascending: bool,
}

/// What a record is ordered by.
pub(crate) struct Sortable<T> {
    pub created: DateTime<Utc>,
    pub updated: DateTime<Utc>,
    pub seq: u64,
    pub item: T,
}

impl Paging {
    pub fn from_params(params: &Params) -> ApiResult<Self> {
        // -1 (the default) means everything.
        let limit = params.int("limit", -1, 10_000)?;
        if limit == Some(0) {
            return Err(crate::error::ApiFailure::bad_query(
                "`limit` must be -1 (all) or a positive number (got \"0\")",
            ));
        }
        let offset = params.int("offset", 0, i64::from(i32::MAX))?.unwrap_or(0);
        let by_update = params
            .one_of("order_by", &["create_at", "update_at"])?
            .as_deref()
            == Some("update_at");
        let ascending = params.one_of("order", &["asc", "desc"])?.as_deref() == Some("asc");
        Ok(Self {
            limit: limit
                .filter(|l| *l > 0)
                .and_then(|l| usize::try_from(l).ok()),
            offset: usize::try_from(offset).unwrap_or(usize::MAX),
            by_update,
            ascending,
        })
    }

    /// Orders, then cuts the page; returns the page and the total before cutting.
    pub fn apply<T>(&self, mut rows: Vec<Sortable<T>>) -> (Vec<T>, usize) {
        let total = rows.len();
        rows.sort_by(|a, b| {
            let key = |r: &Sortable<T>| (if self.by_update { r.updated } else { r.created }, r.seq);
            if self.ascending {
                key(a).cmp(&key(b))
            } else {
                key(b).cmp(&key(a))
            }
        });
        let page = rows
            .into_iter()
            .skip(self.offset)
            .take(self.limit.unwrap_or(usize::MAX))
            .map(|r| r.item)
            .collect();
        (page, total)
    }
}

/// A list answer, `{"items": [...], "total": N}`, serialized straight from the models (no
/// intermediate JSON tree: a page of 500 clusters is the emulator's biggest answer).
#[derive(serde::Serialize)]
pub(crate) struct ListPage<T> {
    pub items: Vec<T>,
    pub total: usize,
}
