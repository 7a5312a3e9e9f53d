//! Who is calling: AK/SK signatures checked like the service does, IAM tokens the emulator issued.

use std::collections::HashMap;
use std::sync::Mutex;

use axum::body::Body;
use axum::extract::Request;
use chrono::{DateTime, Duration, Utc};
use ucs_sdk::auth::signer::{
    expected_signature, parse_authorization, parse_sdk_date, signatures_match, SignableRequest,
};

use crate::config::{AuthMode, EmulatorCredential};
use crate::error::ApiFailure;
use crate::extract::query_pairs;
use crate::server::{lock, AppState};

/// Largest body the emulator reads.
pub(crate) const MAX_BODY: usize = 16 * 1024 * 1024;
/// How far `X-Sdk-Date` may be from the emulator's clock.
const MAX_SKEW_MINUTES: i64 = 15;

/// The authenticated account, put in each request's extensions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Caller {
    pub domain_id: String,
    pub project_id: String,
}

impl From<&EmulatorCredential> for Caller {
    fn from(c: &EmulatorCredential) -> Self {
        Self {
            domain_id: c.domain_id.clone(),
            project_id: c.project_id.clone(),
        }
    }
}

/// IAM tokens issued by `POST /v3/auth/tokens`.
#[derive(Default)]
pub(crate) struct TokenBook {
    tokens: Mutex<HashMap<String, (Caller, DateTime<Utc>)>>,
}

impl TokenBook {
    pub fn issue(&self, token: String, caller: Caller, expires_at: DateTime<Utc>) {
        lock(&self.tokens).insert(token, (caller, expires_at));
    }

    pub fn lookup(&self, token: &str) -> Option<Caller> {
        let tokens = lock(&self.tokens);
        let (caller, expires_at) = tokens.get(token)?;
        (*expires_at > Utc::now()).then(|| caller.clone())
    }
}

/// Paths that authenticate themselves (or need nothing).
fn is_open(method: &axum::http::Method, path: &str) -> bool {
    path.starts_with("/_emulator/")
        || path.starts_with("/karmada/")
        || (method == axum::http::Method::POST && path == "/v3/auth/tokens")
}

fn header<'a>(req: &'a Request, name: &str) -> Option<&'a str> {
    req.headers().get(name).and_then(|v| v.to_str().ok())
}

/// Authenticates a request and records the caller in its extensions, or refuses it with 401.
pub(crate) async fn authenticate(app: &AppState, mut req: Request) -> Result<Request, ApiFailure> {
    if is_open(req.method(), req.uri().path()) {
        return Ok(req);
    }
    let caller = if app.config.auth == AuthMode::None {
        app.config
            .credentials
            .first()
            .map(Caller::from)
            .ok_or_else(|| ApiFailure::unauthorized("no credential is configured"))?
    } else if let Some(token) = header(&req, "x-auth-token") {
        app.tokens
            .lookup(token)
            .ok_or_else(|| ApiFailure::unauthorized("The token is invalid or has expired."))?
    } else if let Some(value) = header(&req, "authorization").map(str::to_owned) {
        let (checked, caller) = check_signature(app, req, &value).await?;
        req = checked;
        caller
    } else {
        return Err(ApiFailure::unauthorized(
            "The request carries neither X-Auth-Token nor an SDK-HMAC-SHA256 signature.",
        ));
    };
    if let Some(domain) = header(&req, "x-domain-id") {
        if domain != caller.domain_id {
            return Err(ApiFailure::new(
                "UCS.01000004",
                "X-Domain-Id does not match the credential's account.",
            ));
        }
    }
    if let Some(project) = header(&req, "x-project-id") {
        if project != caller.project_id {
            return Err(ApiFailure::new(
                "UCS.01000004",
                "X-Project-Id does not match the credential's project.",
            ));
        }
    }
    req.extensions_mut().insert(caller);
    Ok(req)
}

async fn check_signature(
    app: &AppState,
    req: Request,
    authorization: &str,
) -> Result<(Request, Caller), ApiFailure> {
    let parsed = parse_authorization(authorization).ok_or_else(|| {
        ApiFailure::unauthorized("The Authorization header is not an SDK-HMAC-SHA256 signature.")
    })?;
    let credential = app
        .config
        .credentials
        .iter()
        .find(|c| c.ak == parsed.access)
        .ok_or_else(|| ApiFailure::unauthorized("The access key is unknown."))?;
    let sdk_date = header(&req, "x-sdk-date")
        .map(str::to_owned)
        .ok_or_else(|| ApiFailure::unauthorized("X-Sdk-Date is missing."))?;
    let signed_at = parse_sdk_date(&sdk_date)
        .ok_or_else(|| ApiFailure::unauthorized("X-Sdk-Date is not in %Y%m%dT%H%M%SZ format."))?;
    if (Utc::now() - signed_at).abs() > Duration::minutes(MAX_SKEW_MINUTES) {
        return Err(ApiFailure::unauthorized(
            "X-Sdk-Date is more than 15 minutes from the server's time.",
        ));
    }
    let (parts, body) = req.into_parts();
    let bytes = axum::body::to_bytes(body, MAX_BODY)
        .await
        .map_err(|e| ApiFailure::bad_body(format!("cannot read the body: {e}")))?;
    let headers: Vec<(String, String)> = parsed
        .signed_headers
        .iter()
        .map(|name| {
            let value = parts
                .headers
                .get(name.as_str())
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default();
            (name.clone(), value.to_owned())
        })
        .collect();
    let query = query_pairs(parts.uri.query().unwrap_or_default());
    let method = parts.method.as_str().to_owned();
    let signable = SignableRequest {
        method: &method,
        path: parts.uri.path(),
        query: &query,
        headers: &headers,
        body: &bytes,
    };
    let expected = expected_signature(&credential.sk, &signable, &parsed.signed_headers, &sdk_date);
    if !signatures_match(&expected, &parsed.signature) {
        return Err(ApiFailure::unauthorized(
            "The signature does not match the request.",
        ));
    }
    Ok((
        Request::from_parts(parts, Body::from(bytes)),
        Caller::from(credential),
    ))
}
