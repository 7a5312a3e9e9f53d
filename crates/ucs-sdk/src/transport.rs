//! Sending one logical request: auth headers, signing, retries with backoff, deadlines, logs.

use std::fmt;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

use bytes::{Bytes, BytesMut};
use http::{HeaderMap, HeaderValue, Method};
use rand::Rng;
use serde_json::Value;

use crate::auth::signer;
use crate::client::Inner;
use crate::error::{ApiError, Error, Result};
use crate::secret::SecretString;

/// Which service a request goes to; decides the endpoint and the auth headers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Service {
    /// UCS (`X-Domain-Id` with AK/SK).
    Ucs,
    /// HSS (`X-Project-Id` with AK/SK).
    Hss,
    /// IAM (no account header).
    Iam,
}

/// How a request is authenticated.
#[derive(Debug, Clone)]
pub(crate) enum AuthMode {
    /// From the client's credentials for the service.
    Client(Service),
    /// No auth at all (IAM password login).
    None,
    /// `Authorization: Bearer` (Karmada gateway).
    Bearer(SecretString),
}

/// One logical request, before auth.
#[derive(Clone)]
pub(crate) struct Request {
    pub method: Method,
    /// Base URL without trailing slash.
    pub base: String,
    /// Path with each segment already encoded.
    pub path: String,
    /// Raw query pairs; sent in canonical order and encoding.
    pub query: Vec<(String, String)>,
    /// Operation headers (`X-Zone-ID`, ...): sent and signed like the others.
    pub headers: Vec<(String, String)>,
    /// JSON body bytes, when there is a body.
    pub body: Option<Vec<u8>>,
    /// Content type of the body.
    pub content_type: &'static str,
    pub auth: AuthMode,
    /// The service answers this request once only (`access_info`): never resend it once it may
    /// have been written, only when it provably never left (a refused connection).
    pub one_shot: bool,
    /// A transport of its own (a Karmada gateway trusting its kubeconfig's CA); the client's
    /// when `None`.
    pub http: Option<reqwest::Client>,
}

// By hand: a body may hold a password (IAM login) or a kubeconfig; print its length only.
impl fmt::Debug for Request {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Request")
            .field("method", &self.method)
            .field("base", &self.base)
            .field("path", &self.path)
            .field("query", &self.query)
            .field("headers", &self.headers)
            .field("body_len", &self.body.as_ref().map(Vec::len))
            .field("content_type", &self.content_type)
            .field("auth", &self.auth)
            .field("one_shot", &self.one_shot)
            .field("own_transport", &self.http.is_some())
            .finish()
    }
}

impl Request {
    pub(crate) fn new(method: Method, base: String, path: String, auth: AuthMode) -> Self {
        Self {
            method,
            base,
            path,
            query: Vec::new(),
            headers: Vec::new(),
            body: None,
            content_type: "application/json",
            auth,
            one_shot: false,
            http: None,
        }
    }

    fn is_idempotent(&self) -> bool {
        matches!(
            self.method,
            Method::GET | Method::PUT | Method::DELETE | Method::HEAD | Method::OPTIONS
        )
    }
}

/// A successful response.
#[derive(Clone)]
pub(crate) struct Response {
    pub status: u16,
    pub headers: HeaderMap,
    pub request_id: Option<String>,
    pub body: Bytes,
}

/// Headers whose values are credentials; Debug output shows `***` instead.
const SENSITIVE_HEADERS: &[&str] = &[
    "authorization",
    "proxy-authorization",
    "x-auth-token",
    "x-security-token",
    "x-subject-token",
    "cookie",
    "set-cookie",
];

/// Headers as `name: value` pairs with credentials redacted.
pub(crate) fn redacted_headers(headers: &HeaderMap) -> Vec<(String, String)> {
    headers
        .iter()
        .map(|(k, v)| {
            let value = if SENSITIVE_HEADERS.contains(&k.as_str()) {
                "***".to_owned()
            } else {
                String::from_utf8_lossy(v.as_bytes()).into_owned()
            };
            (k.as_str().to_owned(), value)
        })
        .collect()
}

// By hand: `x-subject-token` is an IAM token and the body may be a kubeconfig.
impl fmt::Debug for Response {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Response")
            .field("status", &self.status)
            .field("headers", &redacted_headers(&self.headers))
            .field("request_id", &self.request_id)
            .field("body_len", &self.body.len())
            .finish()
    }
}

impl Response {
    /// Decodes the body as JSON into `T`, naming status and request id on failure.
    pub(crate) fn json<T: serde::de::DeserializeOwned>(&self) -> Result<T> {
        let body: &[u8] = if self.body.iter().all(u8::is_ascii_whitespace) {
            b"null"
        } else {
            &self.body
        };
        ucs_models::from_json_bytes(body).map_err(|e| Error::Decode {
            status: self.status,
            request_id: self.request_id.clone(),
            message: e.to_string(),
        })
    }
}

/// Whether a failed attempt may be sent again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Resend {
    /// The request provably never left (a refused connection): always safe.
    Unsent,
    /// It may have reached the server: only idempotent, not one-shot requests.
    MaybeSent,
    /// Never again in this call (a nested IAM lookup that already had its retry).
    Never,
}

/// What one attempt ended with.
enum Attempt {
    Done(Response),
    Failed {
        error: Error,
        resend: Resend,
        /// The IAM token the attempt was sent with, to tell a stale 401 from a fresh one.
        token: Option<SecretString>,
    },
}

pub(crate) fn request_id(headers: &HeaderMap) -> Option<String> {
    headers
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
}

/// The longest `Retry-After` kept: anything larger (`1e20`, `inf`, year 9999) becomes this.
pub const RETRY_AFTER_CAP: Duration = Duration::from_secs(24 * 3600);

/// Error bodies are read up to this many bytes; the rest is never buffered.
pub const ERROR_BODY_LIMIT: usize = 64 * 1024;

/// A `Retry-After` value (seconds or an HTTP date), capped at [`RETRY_AFTER_CAP`]; `None` when
/// it is negative, NaN or garbage. A server value never panics here.
pub fn parse_retry_after(raw: &str) -> Option<Duration> {
    let raw = raw.trim();
    if let Ok(secs) = raw.parse::<f64>() {
        if secs.is_nan() || secs < 0.0 {
            return None;
        }
        let wait = Duration::try_from_secs_f64(secs).unwrap_or(RETRY_AFTER_CAP);
        return Some(wait.min(RETRY_AFTER_CAP));
    }
    let when = chrono::DateTime::parse_from_rfc2822(raw).ok()?;
    let delta = when
        .with_timezone(&chrono::Utc)
        .signed_duration_since(chrono::Utc::now());
    Some(
        delta
            .to_std()
            .unwrap_or(Duration::ZERO)
            .min(RETRY_AFTER_CAP),
    )
}

fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    parse_retry_after(headers.get("retry-after")?.to_str().ok()?)
}

fn str_field<'a>(obj: &'a serde_json::Map<String, Value>, names: &[&str]) -> Option<&'a str> {
    names
        .iter()
        .find_map(|n| obj.get(*n).and_then(Value::as_str))
        .filter(|s| !s.is_empty())
}

const CODE_NAMES: &[&str] = &["error_code", "errorCode", "code", "reason"];
const MESSAGE_NAMES: &[&str] = &["error_msg", "errorMsg", "message", "error_message", "msg"];

/// Longest error code kept, in characters.
pub const ERROR_CODE_MAX: usize = 256;
/// Longest error message kept, in characters (a non-JSON body keeps 512).
pub const ERROR_MESSAGE_MAX: usize = 4096;

fn bounded(text: &str, max: usize) -> String {
    text.chars().take(max).collect()
}

/// Finds the service's code and message in any of the body shapes OPERATIONS.md lists,
/// at the top level or nested one level down; both are bounded in length.
pub fn parse_error_body(body: &[u8]) -> (String, String) {
    let Ok(Value::Object(obj)) = serde_json::from_slice::<Value>(body) else {
        let text = String::from_utf8_lossy(body);
        return (String::new(), bounded(text.trim(), 512));
    };
    let mut code = str_field(&obj, CODE_NAMES);
    let mut message = str_field(&obj, MESSAGE_NAMES);
    if code.is_none() || message.is_none() {
        for nested in obj.values().filter_map(Value::as_object) {
            code = code.or_else(|| str_field(nested, CODE_NAMES));
            message = message.or_else(|| str_field(nested, MESSAGE_NAMES));
        }
    }
    (
        bounded(code.unwrap_or_default(), ERROR_CODE_MAX),
        bounded(message.unwrap_or_default(), ERROR_MESSAGE_MAX),
    )
}

fn api_error(status: u16, headers: &HeaderMap, body: &[u8]) -> ApiError {
    let (code, message) = parse_error_body(body);
    ApiError {
        status,
        code,
        message,
        request_id: request_id(headers),
        retry_after: retry_after(headers),
    }
}

fn backoff(policy: &crate::config::RetryPolicy, retry: u32) -> Duration {
    let exp = policy
        .base_delay
        .saturating_mul(1u32.checked_shl(retry.min(16)).unwrap_or(u32::MAX));
    let capped = exp.min(policy.max_delay);
    // Equal jitter: half fixed, half random, so retries never bunch up at zero.
    let half = capped / 2;
    let jitter: f64 = rand::rng().random_range(0.0..=1.0);
    // `mul_f64` panics on overflow; this cannot exceed `half`, whatever the policy holds.
    let random = Duration::try_from_secs_f64(half.as_secs_f64() * jitter)
        .unwrap_or(half)
        .min(half);
    half.saturating_add(random)
}

/// A client's retry quota (the AWS SDKs' standard mode): a retry spends tokens, a success
/// refunds some, and an empty bucket means no more retries until calls succeed again. It stops
/// a fleet of clients from multiplying the load on a failing service.
#[derive(Debug)]
pub(crate) struct RetryBudget {
    tokens: AtomicU32,
}

/// Tokens in a full bucket.
pub(crate) const RETRY_BUDGET: u32 = 500;
/// Tokens a retry after an error costs.
pub(crate) const RETRY_COST: u32 = 5;
/// Tokens a retry after a timeout costs.
pub(crate) const TIMEOUT_RETRY_COST: u32 = 10;
/// Tokens a first-attempt success gives back.
pub(crate) const SUCCESS_REFUND: u32 = 1;

impl Default for RetryBudget {
    fn default() -> Self {
        Self {
            tokens: AtomicU32::new(RETRY_BUDGET),
        }
    }
}

impl RetryBudget {
    /// Takes `cost` tokens; false (and nothing taken) when there are not that many.
    fn try_spend(&self, cost: u32) -> bool {
        self.tokens
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |t| t.checked_sub(cost))
            .is_ok()
    }

    fn refund(&self, n: u32) {
        // The closure always returns Some, so this cannot fail.
        let _ = self
            .tokens
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |t| {
                Some(t.saturating_add(n).min(RETRY_BUDGET))
            });
    }
}

/// Host header value as the signer sees it: `host[:port]` of the URL.
fn host_header(url: &url::Url) -> String {
    let host = match url.host() {
        Some(url::Host::Ipv6(a)) => format!("[{a}]"),
        Some(h) => h.to_string(),
        None => String::new(),
    };
    match url.port() {
        Some(p) => format!("{host}:{p}"),
        None => host,
    }
}

/// Reads a body up to `limit` bytes; true in the second place when more was left unread.
async fn read_capped(
    resp: &mut reqwest::Response,
    limit: usize,
) -> std::result::Result<(Bytes, bool), reqwest::Error> {
    let hint = resp
        .content_length()
        .and_then(|n| usize::try_from(n).ok())
        .unwrap_or(0);
    let mut buf = BytesMut::with_capacity(hint.min(limit).min(1 << 20));
    while let Some(chunk) = resp.chunk().await? {
        let room = limit.saturating_sub(buf.len());
        if chunk.len() > room {
            buf.extend_from_slice(&chunk[..room]);
            return Ok((buf.freeze(), true));
        }
        buf.extend_from_slice(&chunk);
    }
    Ok((buf.freeze(), false))
}

fn too_large(status: u16, request_id: Option<String>, limit: u64) -> Error {
    Error::Decode {
        status,
        request_id,
        message: format!(
            "the response body is larger than max_response_bytes ({limit} bytes); nothing was kept"
        ),
    }
}

/// How an attempt's exchange ended, before it becomes an [`Attempt`].
enum Exchange {
    Answer {
        status: u16,
        headers: HeaderMap,
        body: Bytes,
    },
    /// Refused before sending (auth set-up, an unusable path) or after (body too large, a redirect).
    Refused(Error),
    Transport(reqwest::Error),
}

impl Inner {
    /// Sends the request with retries, deadlines and logs; errors carry the service's details.
    pub(crate) async fn execute(&self, req: Request) -> Result<Response> {
        self.execute_with_retries(&req, self.config.retry.max_retries)
            .await
    }

    /// An IAM lookup made while preparing another request: retried once at most, because the
    /// outer call has its own retries and deadline.
    pub(crate) async fn execute_nested(&self, req: Request) -> Result<Response> {
        self.execute_with_retries(&req, self.config.retry.max_retries.min(1))
            .await
    }

    async fn execute_with_retries(&self, req: &Request, max_retries: u32) -> Result<Response> {
        let policy = &self.config.retry;
        let started = Instant::now();
        let deadline = self
            .config
            .timeouts
            .call
            .and_then(|d| started.checked_add(d));
        let call_timeout = || Error::Timeout {
            what: format!("{} {}", req.method, req.path),
            elapsed: started.elapsed(),
        };
        let mut retried_auth = false;
        let mut attempt: u32 = 0;
        // Tokens the last retry of this call took, refunded when it succeeds.
        let mut spent: u32 = 0;
        loop {
            attempt += 1;
            let mut limit = self.config.timeouts.attempt;
            if let Some(d) = deadline {
                let left = d.saturating_duration_since(Instant::now());
                if left.is_zero() {
                    return Err(call_timeout());
                }
                limit = limit.min(left);
            }
            let outcome = self.attempt(req, attempt, limit).await;
            let (error, resend, token) = match outcome {
                Attempt::Done(resp) => {
                    self.retry_budget
                        .refund(if spent > 0 { spent } else { SUCCESS_REFUND });
                    return Ok(resp);
                }
                Attempt::Failed {
                    error,
                    resend,
                    token,
                } => (error, resend, token),
            };
            // An expired or revoked cached token: fetch a new one once.
            if let Error::Api(api) = &error {
                if api.status == 401
                    && !retried_auth
                    && self
                        .invalidate_cached_token(&req.auth, token.as_ref())
                        .await
                {
                    retried_auth = true;
                    continue;
                }
            }
            let resendable = match resend {
                Resend::Unsent => true,
                Resend::MaybeSent => req.is_idempotent() && !req.one_shot,
                Resend::Never => false,
            };
            if !(error.is_retryable() && resendable) || attempt > max_retries {
                return Err(error);
            }
            // A retry must never come before the server's Retry-After: when we may not wait
            // that long, the throttling error is the answer.
            let after = error.api().and_then(|a| a.retry_after);
            if after.is_some_and(|a| a > policy.max_delay) {
                return Err(error);
            }
            let delay = backoff(policy, attempt - 1).max(after.unwrap_or_default());
            // Sleeping past the deadline would only turn the service's error into a timeout.
            if let Some(d) = deadline {
                if Instant::now().checked_add(delay).is_none_or(|at| at >= d) {
                    return Err(error);
                }
            }
            let cost = if matches!(error, Error::Timeout { .. }) {
                TIMEOUT_RETRY_COST
            } else {
                RETRY_COST
            };
            if !self.retry_budget.try_spend(cost) {
                tracing::warn!(target: "ucs_sdk", method = %req.method, path = %req.path, attempt, error = %error, "retry budget exhausted; not retrying");
                return Err(error);
            }
            spent = cost;
            tracing::warn!(
                target: "ucs_sdk",
                method = %req.method,
                path = %req.path,
                attempt,
                delay_ms = delay.as_millis() as u64,
                error = %error,
                "retrying"
            );
            tokio::time::sleep(delay).await;
        }
    }

    async fn attempt(&self, req: &Request, attempt: u32, limit: Duration) -> Attempt {
        let started = Instant::now();
        let mut token = None;
        // Auth set-up (IAM lookups) runs under the attempt's deadline too.
        let result = tokio::time::timeout(limit, self.exchange(req, &mut token)).await;
        let elapsed_ms = started.elapsed().as_millis() as u64;
        let exchange = match result {
            Err(_) => {
                tracing::debug!(target: "ucs_sdk", method = %req.method, path = %req.path, attempt, elapsed_ms, "attempt timed out");
                return Attempt::Failed {
                    error: Error::Timeout {
                        what: format!("{} {}", req.method, req.path),
                        elapsed: started.elapsed(),
                    },
                    resend: Resend::MaybeSent,
                    token,
                };
            }
            Ok(e) => e,
        };
        match exchange {
            // Nested IAM calls already retried; the outer loop does not repeat them.
            Exchange::Refused(error) => Attempt::Failed {
                error,
                resend: Resend::Never,
                token,
            },
            Exchange::Transport(e) => {
                let unsent = e.is_connect();
                tracing::debug!(target: "ucs_sdk", method = %req.method, path = %req.path, attempt, elapsed_ms, unsent, error = %e, "transport error");
                let error = if e.is_timeout() {
                    Error::Timeout {
                        what: format!("{} {}", req.method, req.path),
                        elapsed: started.elapsed(),
                    }
                } else {
                    Error::Connection {
                        message: error_chain(&e),
                    }
                };
                let resend = if unsent {
                    Resend::Unsent
                } else {
                    Resend::MaybeSent
                };
                Attempt::Failed {
                    error,
                    resend,
                    token,
                }
            }
            Exchange::Answer {
                status,
                headers,
                body,
            } => {
                let rid = request_id(&headers);
                tracing::debug!(
                    target: "ucs_sdk",
                    method = %req.method,
                    path = %req.path,
                    status,
                    elapsed_ms,
                    request_id = rid.as_deref().unwrap_or(""),
                    attempt,
                    "response"
                );
                if status >= 400 {
                    Attempt::Failed {
                        error: Error::Api(api_error(status, &headers, &body)),
                        resend: Resend::MaybeSent,
                        token,
                    }
                } else {
                    Attempt::Done(Response {
                        status,
                        headers,
                        request_id: rid,
                        body,
                    })
                }
            }
        }
    }

    /// Prepares, sends and reads one attempt, the body within its caps.
    async fn exchange(&self, req: &Request, token: &mut Option<SecretString>) -> Exchange {
        let prepared = match self.prepare(req).await {
            Ok(p) => p,
            Err(e) => return Exchange::Refused(e),
        };
        // The cached credential a 401 may invalidate: an IAM token, or the security token of
        // federated temporary keys.
        *token = prepared
            .headers()
            .get("x-auth-token")
            .or_else(|| prepared.headers().get("x-security-token"))
            .and_then(|v| v.to_str().ok())
            .map(SecretString::new);
        let http = req.http.as_ref().unwrap_or(&self.http);
        let mut resp = match http.execute(prepared).await {
            Ok(r) => r,
            Err(e) => return Exchange::Transport(e),
        };
        let status = resp.status().as_u16();
        let headers = resp.headers().clone();
        // UCS never redirects an API call; following one would hand the credentials and the
        // body to another host, so it is an error naming where it pointed.
        if (300..400).contains(&status) {
            let location = headers
                .get(http::header::LOCATION)
                .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
                .unwrap_or_default();
            return Exchange::Refused(Error::Redirect {
                status,
                location,
                request_id: request_id(&headers),
            });
        }
        let limit = if status >= 400 {
            ERROR_BODY_LIMIT
        } else {
            let max = self.config.max_response_bytes;
            if resp.content_length().is_some_and(|n| n > max) {
                return Exchange::Refused(too_large(status, request_id(&headers), max));
            }
            usize::try_from(max).unwrap_or(usize::MAX)
        };
        match read_capped(&mut resp, limit).await {
            Err(e) => Exchange::Transport(e),
            Ok((_, true)) if status < 400 => Exchange::Refused(too_large(
                status,
                request_id(&headers),
                self.config.max_response_bytes,
            )),
            // An error body past its cap: what was read is enough for the code and message.
            Ok((body, _)) => Exchange::Answer {
                status,
                headers,
                body,
            },
        }
    }

    /// Builds the reqwest request with the canonical query, auth headers and signature.
    async fn prepare(&self, req: &Request) -> Result<reqwest::Request> {
        let query = signer::canonical_query(&req.query);
        let mut url_text = format!("{}{}", req.base, req.path);
        if !query.is_empty() {
            url_text.push('?');
            url_text.push_str(&query);
        }
        let url = url::Url::parse(&url_text)
            .map_err(|e| Error::Config(format!("invalid URL {url_text:?}: {e}")))?;
        check_path_kept(&req.base, &req.path, &url)?;
        let body = req.body.clone().unwrap_or_default();
        let mut headers: Vec<(String, String)> = vec![
            ("Host".to_owned(), host_header(&url)),
            ("User-Agent".to_owned(), self.user_agent.clone()),
        ];
        headers.extend(req.headers.iter().cloned());
        if req.body.is_some() || req.method != Method::GET {
            headers.push(("Content-Type".to_owned(), req.content_type.to_owned()));
        }
        let mut aksk = None;
        match &req.auth {
            AuthMode::None => {}
            AuthMode::Bearer(token) => {
                headers.push((
                    "Authorization".to_owned(),
                    format!("Bearer {}", token.expose()),
                ));
            }
            AuthMode::Client(service) => {
                aksk = self.add_auth_headers(*service, &mut headers).await?;
            }
        }
        if let Some((ak, sk)) = aksk {
            let date = signer::format_sdk_date(chrono::Utc::now());
            headers.push((signer::HEADER_SDK_DATE.to_owned(), date.clone()));
            let signable = signer::SignableRequest {
                method: req.method.as_str(),
                path: url.path(),
                query: &req.query,
                headers: &headers,
                body: &body,
            };
            let authorization = signer::authorization(&ak, sk.expose(), &signable, &date);
            headers.push(("Authorization".to_owned(), authorization));
        }
        let mut out = reqwest::Request::new(req.method.clone(), url);
        let map = out.headers_mut();
        for (k, v) in &headers {
            let name = http::HeaderName::from_bytes(k.as_bytes())
                .map_err(|_| Error::invalid(k.clone(), "is not a valid header name"))?;
            let mut value = HeaderValue::from_str(v)
                .map_err(|_| Error::invalid(k.clone(), "is not a valid header value"))?;
            if k == "Authorization" || k == "X-Auth-Token" || k == "X-Security-Token" {
                value.set_sensitive(true);
            }
            map.insert(name, value);
        }
        if req.body.is_some() {
            *out.body_mut() = Some(body.into());
        }
        Ok(out)
    }
}

/// The last line of defence: the URL parser must not have changed the path we built (dot
/// segments resolved, a `#` or `?` cut it short, characters re-encoded), or the signature and
/// the server would disagree about which resource is meant.
fn check_path_kept(base: &str, path: &str, url: &url::Url) -> Result<()> {
    let base_path = url::Url::parse(base)
        .map(|b| b.path().trim_end_matches('/').to_owned())
        .unwrap_or_default();
    let sent = url.path();
    let kept = sent.len() == base_path.len() + path.len()
        && sent.starts_with(base_path.as_str())
        && sent.ends_with(path);
    if kept {
        Ok(())
    } else {
        Err(Error::invalid(
            "path",
            format!("{path:?} would be sent as {sent:?}; refusing to send a path the server would read differently"),
        ))
    }
}

/// The error and its sources, for a useful message.
fn error_chain(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        text.push_str(": ");
        text.push_str(&s.to_string());
        source = s.source();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_error_body_shape() {
        let cases: &[(&str, &str, &str)] = &[
            (
                r#"{"error_code":"UCS.01030001","error_msg":"Cluster Not Found."}"#,
                "UCS.01030001",
                "Cluster Not Found.",
            ),
            (r#"{"errorCode":"C","errorMsg":"M"}"#, "C", "M"),
            (r#"{"code":"C","message":"M"}"#, "C", "M"),
            (r#"{"error":{"code":"C","message":"M"}}"#, "C", "M"),
            (
                r#"{"kind":"Status","reason":"NotFound","message":"x","code":404}"#,
                "NotFound",
                "x",
            ),
            ("upstream down", "", "upstream down"),
        ];
        for (body, code, msg) in cases {
            assert_eq!(
                parse_error_body(body.as_bytes()),
                (code.to_string(), msg.to_string()),
                "{body}"
            );
        }
    }

    #[test]
    fn retry_after_takes_seconds_and_dates() {
        let mut h = HeaderMap::new();
        h.insert("retry-after", HeaderValue::from_static("2"));
        assert_eq!(retry_after(&h), Some(Duration::from_secs(2)));
        h.insert(
            "retry-after",
            HeaderValue::from_static("Sun, 06 Nov 1994 08:49:37 GMT"),
        );
        assert_eq!(retry_after(&h), Some(Duration::ZERO));
    }

    #[test]
    fn retry_after_never_panics_on_huge_values() {
        for raw in ["1e20", "inf", "18446744073709551616", "1e308"] {
            assert_eq!(parse_retry_after(raw), Some(RETRY_AFTER_CAP), "{raw}");
        }
        for raw in ["-1", "NaN", "-inf", "soon"] {
            assert_eq!(parse_retry_after(raw), None, "{raw}");
        }
    }

    #[test]
    fn backoff_never_panics_on_huge_policies() {
        let p = crate::config::RetryPolicy {
            max_retries: 5,
            base_delay: Duration::MAX,
            max_delay: Duration::MAX,
        };
        for retry in [0, 1, 16, u32::MAX] {
            assert!(backoff(&p, retry) <= Duration::MAX);
        }
    }

    #[test]
    fn retry_budget_spends_and_refunds() {
        let b = RetryBudget::default();
        let mut retries = 0;
        while b.try_spend(RETRY_COST) {
            retries += 1;
        }
        assert_eq!(retries, RETRY_BUDGET / RETRY_COST);
        assert!(!b.try_spend(TIMEOUT_RETRY_COST));
        b.refund(TIMEOUT_RETRY_COST);
        assert!(b.try_spend(TIMEOUT_RETRY_COST) && !b.try_spend(1));
        for _ in 0..1000 {
            b.refund(SUCCESS_REFUND);
        }
        assert_eq!(b.tokens.load(Ordering::Acquire), RETRY_BUDGET);
    }

    #[test]
    fn debug_shows_no_body_and_no_token() {
        let mut req = Request::new(
            Method::POST,
            "https://iam.example".into(),
            "/v3/auth/tokens".into(),
            AuthMode::Bearer(SecretString::new("BEARER-SECRET")),
        );
        req.body = Some(br#"{"password":"PW-SECRET"}"#.to_vec());
        let text = format!("{req:?}");
        assert!(
            !text.contains("PW-SECRET") && !text.contains("BEARER-SECRET"),
            "{text}"
        );
        assert!(text.contains("body_len: Some(24)"), "{text}");
        let mut headers = HeaderMap::new();
        headers.insert("x-subject-token", HeaderValue::from_static("IAM-SECRET"));
        headers.insert("x-request-id", HeaderValue::from_static("rid"));
        let resp = Response {
            status: 201,
            headers,
            request_id: Some("rid".into()),
            body: Bytes::from_static(b"apiVersion: v1 # KUBECONFIG-SECRET"),
        };
        let text = format!("{resp:?}");
        assert!(
            !text.contains("IAM-SECRET") && !text.contains("KUBECONFIG"),
            "{text}"
        );
        assert!(
            text.contains("x-request-id") && text.contains("body_len: 34"),
            "{text}"
        );
    }

    #[test]
    fn a_path_the_parser_changes_is_refused() {
        for (base, path) in [
            ("http://h", "/v1/clustergroups/."),
            ("http://h", "/v1/clustergroups/.."),
            ("http://h/prefix", "/a/../../x"),
            ("http://h", "/a#frag"),
            ("http://h", "/a b"),
        ] {
            let url = url::Url::parse(&format!("{base}{path}")).expect("url");
            assert!(check_path_kept(base, path, &url).is_err(), "{base}{path}");
        }
        let url = url::Url::parse("http://h/prefix/v1/x%2Fy").expect("url");
        assert!(check_path_kept("http://h/prefix", "/v1/x%2Fy", &url).is_ok());
    }

    #[test]
    fn backoff_grows_and_is_capped() {
        let p = crate::config::RetryPolicy {
            max_retries: 5,
            base_delay: Duration::from_millis(100),
            max_delay: Duration::from_millis(300),
        };
        let d0 = backoff(&p, 0);
        assert!(d0 >= Duration::from_millis(50) && d0 <= Duration::from_millis(100));
        let d5 = backoff(&p, 5);
        assert!(d5 >= Duration::from_millis(150) && d5 <= Duration::from_millis(300));
    }
}
