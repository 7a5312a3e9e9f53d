//! A cached IAM token, fetched once however many calls need it at the same moment.

use std::future::Future;
use std::time::{Duration, Instant};

use crate::error::Result;
use crate::secret::SecretString;

/// IAM tokens live 24 hours.
pub(crate) const TOKEN_LIFETIME: Duration = Duration::from_secs(24 * 3600);
/// Refresh this long before expiry.
pub(crate) const REFRESH_MARGIN: Duration = Duration::from_secs(3600);

/// A token and when to replace it.
#[derive(Debug, Clone)]
pub(crate) struct CachedToken {
    pub token: SecretString,
    pub refresh_at: Instant,
    /// The project id a project-scoped token carries.
    pub project_id: Option<String>,
}

impl CachedToken {
    /// A token expiring `valid_for` from now, refreshed [`REFRESH_MARGIN`] early.
    pub(crate) fn new(
        token: SecretString,
        valid_for: Duration,
        project_id: Option<String>,
    ) -> Self {
        let early = valid_for.saturating_sub(REFRESH_MARGIN).max(valid_for / 2);
        Self {
            token,
            refresh_at: Instant::now() + early,
            project_id,
        }
    }
}

/// One token slot; the lock is held while fetching so that concurrent callers wait for one fetch.
#[derive(Debug, Default)]
pub(crate) struct TokenCache {
    slot: tokio::sync::Mutex<Option<CachedToken>>,
}

impl TokenCache {
    pub(crate) async fn get_or_fetch<F, Fut>(&self, fetch: F) -> Result<CachedToken>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<CachedToken>>,
    {
        let mut slot = self.slot.lock().await;
        if let Some(t) = slot.as_ref().filter(|t| Instant::now() < t.refresh_at) {
            return Ok(t.clone());
        }
        let fresh = fetch().await?;
        *slot = Some(fresh.clone());
        Ok(fresh)
    }

    /// Drops the cached token; true when there was one.
    pub(crate) async fn clear(&self) -> bool {
        self.slot.lock().await.take().is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;

    #[tokio::test]
    async fn concurrent_callers_share_one_fetch() {
        let cache = Arc::new(TokenCache::default());
        let fetches = Arc::new(AtomicUsize::new(0));
        let mut tasks = Vec::new();
        for _ in 0..50 {
            let (cache, fetches) = (cache.clone(), fetches.clone());
            tasks.push(tokio::spawn(async move {
                cache
                    .get_or_fetch(|| async {
                        fetches.fetch_add(1, Ordering::SeqCst);
                        tokio::task::yield_now().await;
                        Ok(CachedToken::new("t".into(), TOKEN_LIFETIME, None))
                    })
                    .await
                    .map(|t| t.token.expose().to_owned())
            }));
        }
        for t in tasks {
            assert_eq!(t.await.ok().and_then(|r| r.ok()).as_deref(), Some("t"));
        }
        assert_eq!(fetches.load(Ordering::SeqCst), 1);
    }

    #[test]
    fn refreshes_before_expiry() {
        let t = CachedToken::new("t".into(), TOKEN_LIFETIME, None);
        let left = t.refresh_at.saturating_duration_since(Instant::now());
        assert!(left <= TOKEN_LIFETIME - REFRESH_MARGIN && left > Duration::from_secs(22 * 3600));
    }
}
