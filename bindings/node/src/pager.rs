//! `NativePager`: a page of items per `nextPage()`, `null` at the end.

use std::sync::Arc;

use napi_derive::napi;
use tokio::sync::Mutex;
use ucs_bridge::Pages;

use crate::calls::Calls;

/// Every item of a list operation, a page at a time.
#[napi]
pub struct NativePager {
    pages: Arc<Mutex<Pages<ucs_bridge::Answer>>>,
    calls: Calls,
}

impl NativePager {
    pub(crate) fn new(pages: Pages<ucs_bridge::Answer>, calls: Calls) -> Self {
        Self {
            pages: Arc::new(Mutex::new(pages)),
            calls,
        }
    }
}

#[napi]
impl NativePager {
    /// The next page as the JSON text of an array, or `null` once every page was handed out;
    /// `call_id` makes it cancellable.
    #[napi]
    pub async fn next_page(&self, call_id: u32) -> napi::Result<Option<String>> {
        let pages = self.pages.clone();
        self.calls
            .run(call_id, async move {
                let page = pages.lock().await.next().await?;
                page.map(|items| ucs_bridge::json_text(&items)).transpose()
            })
            .await
    }
}
