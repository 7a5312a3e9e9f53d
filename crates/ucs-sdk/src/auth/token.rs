//! A cached IAM token (or temporary AK/SK), fetched once however many calls need it at the same
//! moment.

use std::future::Future;
use std::time::{Duration, Instant};

use crate::error::Result;
use crate::secret::SecretString;

/// IAM tokens live 24 hours; a longer `expires_at` is not believed.
pub(crate) const TOKEN_LIFETIME: Duration = Duration::from_secs(24 * 3600);
/// Refresh this long before expiry.
pub(crate) const REFRESH_MARGIN: Duration = Duration::from_secs(3600);
/// How long a token whose `expires_at` is missing or unreadable is kept.
pub(crate) const UNKNOWN_EXPIRY_LIFETIME: Duration = Duration::from_secs(10 * 60);
/// Temporary AK/SK are refreshed this long before expiry: the official SDK's
/// `_DEFAULT_EXPIRATION_THRESHOLD_SECONDS` (40 minutes).
pub(crate) const TEMPORARY_REFRESH_MARGIN: Duration = Duration::from_secs(40 * 60);
/// After a failed refresh, the still-valid token is served this long before IAM is asked again.
pub(crate) const REFRESH_RETRY: Duration = Duration::from_secs(30);

/// A token, when to replace it and when it stops working.
#[derive(Debug, Clone)]
pub(crate) struct CachedToken {
    pub token: SecretString,
    pub refresh_at: Instant,
    pub expires_at: Instant,
    /// The project id a project-scoped token carries.
    pub project_id: Option<String>,
    /// For temporary credentials (federated auth): their AK/SK; `token` is the security token.
    pub temporary: Option<TemporaryKey>,
}

/// The key pair of temporary credentials; its security token is the [`CachedToken::token`].
#[derive(Debug, Clone)]
pub(crate) struct TemporaryKey {
    pub ak: String,
    pub sk: SecretString,
}

impl CachedToken {
    /// A token expiring `valid_for` from now (at most [`TOKEN_LIFETIME`]), refreshed
    /// [`REFRESH_MARGIN`] early, or halfway through a shorter life.
    pub(crate) fn new(
        token: SecretString,
        valid_for: Duration,
        project_id: Option<String>,
    ) -> Self {
        Self::expiring(token, valid_for, REFRESH_MARGIN, project_id, None)
    }

    /// Temporary AK/SK with their security token, valid for `valid_for` (at most
    /// [`TOKEN_LIFETIME`]), refreshed [`TEMPORARY_REFRESH_MARGIN`] early or halfway.
    pub(crate) fn temporary(
        key: TemporaryKey,
        security_token: SecretString,
        valid_for: Duration,
    ) -> Self {
        Self::expiring(
            security_token,
            valid_for,
            TEMPORARY_REFRESH_MARGIN,
            None,
            Some(key),
        )
    }

    fn expiring(
        token: SecretString,
        valid_for: Duration,
        margin: Duration,
        project_id: Option<String>,
        temporary: Option<TemporaryKey>,
    ) -> Self {
        let valid_for = valid_for.min(TOKEN_LIFETIME);
        let early = valid_for.saturating_sub(margin).max(valid_for / 2);
        let now = Instant::now();
        Self {
            token,
            refresh_at: now + early,
            expires_at: now + valid_for,
            project_id,
            temporary,
        }
    }

    fn is_valid(&self, now: Instant) -> bool {
        now < self.expires_at
    }
}

/// One token slot; the lock is held while fetching so that concurrent callers wait for one fetch.
#[derive(Debug, Default)]
pub(crate) struct TokenCache {
    slot: tokio::sync::Mutex<Option<CachedToken>>,
}

impl TokenCache {
    /// The cached token while it is fresh; otherwise a new one from `fetch`. When the refresh
    /// fails (IAM down) the cached token is served for as long as it really is valid.
    pub(crate) async fn get_or_fetch<F, Fut>(&self, fetch: F) -> Result<CachedToken>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<CachedToken>>,
    {
        let mut slot = self.slot.lock().await;
        if let Some(t) = slot.as_ref().filter(|t| Instant::now() < t.refresh_at) {
            return Ok(t.clone());
        }
        match fetch().await {
            Ok(fresh) => {
                // An already expired token is used for this call but never kept.
                *slot = fresh.is_valid(Instant::now()).then(|| fresh.clone());
                Ok(fresh)
            }
            Err(error) => {
                let now = Instant::now();
                match slot.as_mut().filter(|t| t.is_valid(now)) {
                    Some(cached) => {
                        tracing::warn!(target: "ucs_sdk", error = %error, "token refresh failed; using the cached token until it expires");
                        cached.refresh_at = (now + REFRESH_RETRY).min(cached.expires_at);
                        Ok(cached.clone())
                    }
                    None => {
                        *slot = None;
                        Err(error)
                    }
                }
            }
        }
    }

    /// Drops the cached token if it is `failed`; true when it was.
    pub(crate) async fn clear_if(&self, failed: &SecretString) -> bool {
        let mut slot = self.slot.lock().await;
        if slot.as_ref().is_some_and(|t| &t.token == failed) {
            *slot = None;
            true
        } else {
            false
        }
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

    fn due(valid_for: Duration) -> CachedToken {
        // Refresh due now, still valid for `valid_for`.
        let mut t = CachedToken::new("OLD".into(), valid_for, None);
        t.refresh_at = Instant::now();
        t
    }

    #[tokio::test]
    async fn a_valid_token_is_served_while_iam_is_down() {
        let cache = TokenCache::default();
        *cache.slot.lock().await = Some(due(Duration::from_secs(1800)));
        let asked = AtomicUsize::new(0);
        let down = || async {
            asked.fetch_add(1, Ordering::SeqCst);
            Err(crate::Error::Connection {
                message: "IAM down".into(),
            })
        };
        for _ in 0..2 {
            let got = cache.get_or_fetch(down).await.expect("cached token served");
            assert_eq!(got.token.expose(), "OLD");
        }
        // The second call did not ask IAM again right after the failure.
        assert_eq!(asked.load(Ordering::SeqCst), 1);
    }

    #[tokio::test]
    async fn an_expired_token_is_not_served_when_iam_is_down() {
        let cache = TokenCache::default();
        let mut t = due(Duration::ZERO);
        t.expires_at = Instant::now();
        *cache.slot.lock().await = Some(t);
        let down = || async {
            Err(crate::Error::Connection {
                message: "IAM down".into(),
            })
        };
        assert!(cache.get_or_fetch(down).await.is_err());
    }

    #[tokio::test]
    async fn past_expiry_is_not_cached_and_unknown_expiry_is_short() {
        let cache = TokenCache::default();
        let fetches = AtomicUsize::new(0);
        for _ in 0..2 {
            cache
                .get_or_fetch(|| async {
                    fetches.fetch_add(1, Ordering::SeqCst);
                    Ok(CachedToken::new("t".into(), Duration::ZERO, None))
                })
                .await
                .expect("token");
        }
        assert_eq!(
            fetches.load(Ordering::SeqCst),
            2,
            "an expired token was cached"
        );
        let t = CachedToken::new("t".into(), UNKNOWN_EXPIRY_LIFETIME, None);
        assert!(t.expires_at <= Instant::now() + UNKNOWN_EXPIRY_LIFETIME);
        let t = CachedToken::new("t".into(), Duration::MAX, None);
        assert!(t.expires_at <= Instant::now() + TOKEN_LIFETIME);
    }

    #[tokio::test]
    async fn clear_if_only_drops_the_failed_token() {
        let cache = TokenCache::default();
        *cache.slot.lock().await = Some(CachedToken::new("NEW".into(), TOKEN_LIFETIME, None));
        assert!(!cache.clear_if(&"OLD".into()).await);
        assert!(cache.slot.lock().await.is_some());
        assert!(cache.clear_if(&"NEW".into()).await);
        assert!(cache.slot.lock().await.is_none());
    }

    #[test]
    fn temporary_keys_refresh_forty_minutes_early() {
        let key = TemporaryKey {
            ak: "TMPAK".into(),
            sk: "tmp-sk".into(),
        };
        let t = CachedToken::temporary(key, "ST".into(), Duration::from_secs(6 * 3600));
        let left = t.refresh_at.saturating_duration_since(Instant::now());
        assert!(left <= Duration::from_secs(6 * 3600) - TEMPORARY_REFRESH_MARGIN);
        assert!(left > Duration::from_secs(5 * 3600));
        assert_eq!(t.temporary.map(|k| k.ak).as_deref(), Some("TMPAK"));
    }

    #[test]
    fn refreshes_before_expiry() {
        let t = CachedToken::new("t".into(), TOKEN_LIFETIME, None);
        let left = t.refresh_at.saturating_duration_since(Instant::now());
        assert!(left <= TOKEN_LIFETIME - REFRESH_MARGIN && left > Duration::from_secs(22 * 3600));
    }
}
