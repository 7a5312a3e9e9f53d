//! The loopback limit: requests signed once (a signature stays valid for 15 minutes) and
//! replayed by a bare reqwest client that reads each body without decoding it.

use std::sync::Arc;

use ucs_sdk::auth::signer;
use ucs_sdk::Error;

/// A bare HTTP client and the signing identity.
#[derive(Clone)]
pub struct RawClient {
    http: reqwest::Client,
    base: Arc<str>,
    ak: Arc<str>,
    sk: Arc<str>,
    domain_id: Arc<str>,
}

/// A ready-to-send GET: URL and headers.
#[derive(Clone)]
pub struct Signed {
    url: reqwest::Url,
    headers: reqwest::header::HeaderMap,
}

fn config(e: impl std::fmt::Display) -> Error {
    Error::Config(e.to_string())
}

impl RawClient {
    pub fn new(base: &str, ak: &str, sk: &str, domain_id: &str) -> ucs_sdk::Result<Self> {
        Ok(Self {
            http: reqwest::Client::builder().build().map_err(config)?,
            base: base.trim_end_matches('/').into(),
            ak: ak.into(),
            sk: sk.into(),
            domain_id: domain_id.into(),
        })
    }

    /// Signs `GET path?query` once.
    pub fn signed_get(&self, path: &str, query: &[(String, String)]) -> ucs_sdk::Result<Signed> {
        let q = signer::canonical_query(query);
        let text = if q.is_empty() {
            format!("{}{path}", self.base)
        } else {
            format!("{}{path}?{q}", self.base)
        };
        let url = reqwest::Url::parse(&text).map_err(config)?;
        let host = match url.port() {
            Some(p) => format!("{}:{p}", url.host_str().unwrap_or_default()),
            None => url.host_str().unwrap_or_default().to_owned(),
        };
        let date = signer::format_sdk_date(chrono::Utc::now());
        let mut headers = vec![
            ("Host".to_owned(), host),
            ("X-Domain-Id".to_owned(), self.domain_id.to_string()),
            (signer::HEADER_SDK_DATE.to_owned(), date.clone()),
        ];
        let signable = signer::SignableRequest {
            method: "GET",
            path: url.path(),
            query,
            headers: &headers,
            body: b"",
        };
        let authorization = signer::authorization(&self.ak, &self.sk, &signable, &date);
        headers.push(("Authorization".to_owned(), authorization));
        let mut map = reqwest::header::HeaderMap::new();
        for (k, v) in headers.into_iter().filter(|(k, _)| k != "Host") {
            let name = reqwest::header::HeaderName::from_bytes(k.as_bytes()).map_err(config)?;
            map.insert(
                name,
                reqwest::header::HeaderValue::from_str(&v).map_err(config)?,
            );
        }
        Ok(Signed { url, headers: map })
    }

    /// Sends a signed GET; reads the body as bytes and checks the status only.
    pub async fn send(&self, req: &Signed) -> ucs_sdk::Result<()> {
        self.fetch(req).await.map(drop)
    }

    /// Sends a signed GET and answers the body.
    pub async fn fetch(&self, req: &Signed) -> ucs_sdk::Result<Vec<u8>> {
        let response = self
            .http
            .get(req.url.clone())
            .headers(req.headers.clone())
            .send()
            .await
            .map_err(|e| Error::Connection {
                message: e.to_string(),
            })?;
        let status = response.status();
        let body = response.bytes().await.map_err(|e| Error::Connection {
            message: e.to_string(),
        })?;
        if !status.is_success() {
            return Err(Error::Config(format!(
                "HTTP {status}: {}",
                String::from_utf8_lossy(&body)
            )));
        }
        Ok(body.to_vec())
    }
}
