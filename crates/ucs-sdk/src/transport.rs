//! Sending one logical request: auth headers, signing, retries with backoff, deadlines, logs.

use std::time::{Duration, Instant};

use bytes::Bytes;
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
#[derive(Debug, Clone)]
pub(crate) struct Request {
    pub method: Method,
    /// Base URL without trailing slash.
    pub base: String,
    /// Path with each segment already encoded.
    pub path: String,
    /// Raw query pairs; sent in canonical order and encoding.
    pub query: Vec<(String, String)>,
    /// JSON body bytes, when there is a body.
    pub body: Option<Vec<u8>>,
    /// Content type of the body.
    pub content_type: &'static str,
    pub auth: AuthMode,
}

impl Request {
    pub(crate) fn new(method: Method, base: String, path: String, auth: AuthMode) -> Self {
        Self {
            method,
            base,
            path,
            query: Vec::new(),
            body: None,
            content_type: "application/json",
            auth,
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
#[derive(Debug, Clone)]
pub(crate) struct Response {
    pub status: u16,
    pub headers: HeaderMap,
    pub request_id: Option<String>,
    pub body: Bytes,
}

impl Response {
    /// Decodes the body as JSON into `T`, naming status and request id on failure.
    pub(crate) fn json<T: serde::de::DeserializeOwned>(&self) -> Result<T> {
        let body: &[u8] = if self.body.iter().all(u8::is_ascii_whitespace) {
            b"null"
        } else {
            &self.body
        };
        serde_json::from_slice(body).map_err(|e| Error::Decode {
            status: self.status,
            request_id: self.request_id.clone(),
            message: e.to_string(),
        })
    }
}

/// What one attempt ended with.
enum Attempt {
    Done(Response),
    /// A failure, and whether the request provably never reached the server.
    Failed {
        error: Error,
        unsent: bool,
    },
}

pub(crate) fn request_id(headers: &HeaderMap) -> Option<String> {
    headers
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
}

/// `Retry-After` as seconds or an HTTP date.
fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let raw = headers.get("retry-after")?.to_str().ok()?.trim();
    if let Ok(secs) = raw.parse::<f64>() {
        return (secs.is_finite() && secs >= 0.0).then(|| Duration::from_secs_f64(secs));
    }
    let when = chrono::DateTime::parse_from_rfc2822(raw).ok()?;
    let delta = when.with_timezone(&chrono::Utc) - chrono::Utc::now();
    Some(delta.to_std().unwrap_or(Duration::ZERO))
}

fn str_field<'a>(obj: &'a serde_json::Map<String, Value>, names: &[&str]) -> Option<&'a str> {
    names
        .iter()
        .find_map(|n| obj.get(*n).and_then(Value::as_str))
        .filter(|s| !s.is_empty())
}

const CODE_NAMES: &[&str] = &["error_code", "errorCode", "code", "reason"];
const MESSAGE_NAMES: &[&str] = &["error_msg", "errorMsg", "message", "error_message", "msg"];

/// Finds the service's code and message in any of the body shapes OPERATIONS.md lists,
/// at the top level or nested one level down.
pub fn parse_error_body(body: &[u8]) -> (String, String) {
    let Ok(Value::Object(obj)) = serde_json::from_slice::<Value>(body) else {
        let text = String::from_utf8_lossy(body);
        let text: String = text.trim().chars().take(512).collect();
        return (String::new(), text);
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
        code.unwrap_or_default().to_owned(),
        message.unwrap_or_default().to_owned(),
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
    let jitter = rand::rng().random_range(0.0..=1.0);
    half + half.mul_f64(jitter)
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

impl Inner {
    /// Sends the request with retries, deadlines and logs; errors carry the service's details.
    pub(crate) async fn execute(&self, req: Request) -> Result<Response> {
        match self.config.timeouts.call {
            Some(limit) => {
                let started = Instant::now();
                tokio::time::timeout(limit, self.execute_with_retries(&req))
                    .await
                    .unwrap_or_else(|_| {
                        Err(Error::Timeout {
                            what: format!("{} {}", req.method, req.path),
                            elapsed: started.elapsed(),
                        })
                    })
            }
            None => self.execute_with_retries(&req).await,
        }
    }

    async fn execute_with_retries(&self, req: &Request) -> Result<Response> {
        let policy = &self.config.retry;
        let mut retried_auth = false;
        let mut attempt: u32 = 0;
        loop {
            attempt += 1;
            let outcome = self.attempt(req, attempt).await;
            let (error, unsent) = match outcome {
                Attempt::Done(resp) => return Ok(resp),
                Attempt::Failed { error, unsent } => (error, unsent),
            };
            // An expired or revoked cached token: fetch a new one once.
            if let Error::Api(api) = &error {
                if api.status == 401
                    && !retried_auth
                    && self.invalidate_cached_token(&req.auth).await
                {
                    retried_auth = true;
                    continue;
                }
            }
            let may_retry = error.is_retryable() && (req.is_idempotent() || unsent);
            if !may_retry || attempt > policy.max_retries {
                return Err(error);
            }
            let mut delay = backoff(policy, attempt - 1);
            if let Some(after) = error.api().and_then(|a| a.retry_after) {
                delay = delay.max(after.min(policy.max_delay));
            }
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

    async fn attempt(&self, req: &Request, attempt: u32) -> Attempt {
        let started = Instant::now();
        let prepared = match self.prepare(req).await {
            Ok(p) => p,
            // Auth set-up failures (IAM down, bad password) surface as they are.
            Err(error) => {
                let unsent = error.is_retryable();
                return Attempt::Failed { error, unsent };
            }
        };
        let send = self.http.execute(prepared);
        let result = tokio::time::timeout(self.config.timeouts.attempt, async {
            let resp = send.await?;
            let status = resp.status().as_u16();
            let headers = resp.headers().clone();
            let body = resp.bytes().await?;
            Ok::<_, reqwest::Error>((status, headers, body))
        })
        .await;
        let elapsed_ms = started.elapsed().as_millis() as u64;
        match result {
            Err(_) => {
                tracing::debug!(target: "ucs_sdk", method = %req.method, path = %req.path, attempt, elapsed_ms, "attempt timed out");
                Attempt::Failed {
                    error: Error::Timeout {
                        what: format!("{} {}", req.method, req.path),
                        elapsed: started.elapsed(),
                    },
                    unsent: false,
                }
            }
            Ok(Err(e)) => {
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
                Attempt::Failed { error, unsent }
            }
            Ok(Ok((status, headers, body))) => {
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
                        unsent: false,
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
        let body = req.body.clone().unwrap_or_default();
        let mut headers: Vec<(String, String)> = vec![
            ("Host".to_owned(), host_header(&url)),
            ("User-Agent".to_owned(), self.user_agent.clone()),
        ];
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
