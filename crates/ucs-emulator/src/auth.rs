//! Who is calling: AK/SK signatures checked like the service does, IAM tokens the emulator issued.

use std::collections::HashMap;
use std::sync::Mutex;

use axum::body::Body;
use axum::extract::Request;
use chrono::{DateTime, Duration, Utc};
use sha2::{Digest, Sha256};
use ucs_models::signing::{
    expected_signature_with, parse_authorization, parse_sdk_date, signatures_match,
    SignableRequest, SigningKey, HEADER_CONTENT_SHA256,
};

use crate::config::{AuthMode, EmulatorCredential};
use crate::error::ApiFailure;
use crate::extract::query_pairs;
use crate::server::{lock, AppState};

/// How far `X-Sdk-Date` may be from the emulator's clock.
const MAX_SKEW_MINUTES: i64 = 15;
/// The `X-Sdk-Content-Sha256` value that leaves the body out of the signature.
const UNSIGNED_PAYLOAD: &str = "UNSIGNED-PAYLOAD";
/// IAM tokens kept at most; the ones closest to expiry go first.
const MAX_TOKENS: usize = 10_000;

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

/// What an IAM token is scoped to (`auth.scope` of the token request): UCS is a global service
/// and takes domain-scoped tokens, HSS a regional one and takes project-scoped tokens. A
/// federated token asked for without a scope is unscoped: only IAM takes it (for a temporary
/// key or a scoped token), as with the real IAM.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TokenScope {
    Domain,
    Project,
    Unscoped,
}

impl TokenScope {
    fn name(self) -> &'static str {
        match self {
            Self::Domain => "domain",
            Self::Project => "project",
            Self::Unscoped => "unscoped",
        }
    }

    /// The scope a path's service takes, if it insists on one (IAM's own calls take either).
    fn required_by(path: &str) -> Option<(Self, &'static str)> {
        if path.starts_with("/v5/") {
            Some((Self::Project, "HSS"))
        } else if path.starts_with("/v1/") {
            Some((Self::Domain, "UCS"))
        } else {
            None
        }
    }
}

/// IAM tokens issued by `POST /v3/auth/tokens` and temporary AK/SK issued by
/// `POST /v3.0/OS-CREDENTIAL/securitytokens`; expired ones are pruned at every issue.
#[derive(Default)]
pub(crate) struct TokenBook {
    tokens: Mutex<HashMap<String, IssuedToken>>,
    temporary: Mutex<HashMap<String, Temporary>>,
}

/// An IAM token's account, scope and expiry.
struct IssuedToken {
    caller: Caller,
    scope: TokenScope,
    expires_at: DateTime<Utc>,
}

/// A temporary access key: its secret key and security token, both needed to sign with it.
#[derive(Clone)]
pub(crate) struct Temporary {
    pub sk: String,
    pub security_token: String,
    pub caller: Caller,
    pub expires_at: DateTime<Utc>,
}

/// Drops expired entries, then the ones closest to expiry, until there is room for one more.
fn prune<V>(map: &mut HashMap<String, V>, expiry: impl Fn(&V) -> DateTime<Utc>) {
    let now = Utc::now();
    map.retain(|_, v| expiry(v) > now);
    while map.len() >= MAX_TOKENS {
        let Some(first) = map
            .iter()
            .min_by_key(|(_, v)| expiry(v))
            .map(|(k, _)| k.clone())
        else {
            break;
        };
        map.remove(&first);
    }
}

impl TokenBook {
    pub fn issue(
        &self,
        token: String,
        caller: Caller,
        scope: TokenScope,
        expires_at: DateTime<Utc>,
    ) {
        let mut tokens = lock(&self.tokens);
        prune(&mut tokens, |t| t.expires_at);
        tokens.insert(
            token,
            IssuedToken {
                caller,
                scope,
                expires_at,
            },
        );
    }

    /// Records a temporary access key.
    pub fn issue_temporary(&self, ak: String, temporary: Temporary) {
        let mut keys = lock(&self.temporary);
        prune(&mut keys, |t| t.expires_at);
        keys.insert(ak, temporary);
    }

    /// The temporary access key `ak`, while it is valid.
    pub fn temporary(&self, ak: &str) -> Option<Temporary> {
        let keys = lock(&self.temporary);
        keys.get(ak).filter(|t| t.expires_at > Utc::now()).cloned()
    }

    /// The account of a valid scoped token, whatever its scope (the Karmada gateway takes
    /// either, never an unscoped one).
    pub fn lookup(&self, token: &str) -> Option<Caller> {
        self.lookup_scoped(token)
            .filter(|(_, scope)| *scope != TokenScope::Unscoped)
            .map(|(caller, _)| caller)
    }

    /// The account and scope of a valid token.
    pub fn lookup_scoped(&self, token: &str) -> Option<(Caller, TokenScope)> {
        let tokens = lock(&self.tokens);
        let t = tokens.get(token)?;
        (t.expires_at > Utc::now()).then(|| (t.caller.clone(), t.scope))
    }

    /// How many tokens are kept (expired ones included until the next issue).
    pub fn len(&self) -> usize {
        lock(&self.tokens).len()
    }
}

/// Paths that authenticate themselves (or need nothing).
fn is_open(method: &axum::http::Method, path: &str) -> bool {
    path.starts_with("/_emulator/")
        || path.starts_with("/karmada/")
        || (method == axum::http::Method::POST
            && (path == "/v3/auth/tokens" || path == ID_TOKEN_PATH))
}

/// The federated token request: the id token in its body is its authentication.
pub(crate) const ID_TOKEN_PATH: &str = "/v3.0/OS-AUTH/id-token/tokens";
/// The temporary key request, which may carry its token in the body (`auth.identity.token.id`,
/// as the official SDKs send it) instead of `X-Auth-Token`.
pub(crate) const SECURITY_TOKENS_PATH: &str = "/v3.0/OS-CREDENTIAL/securitytokens";

fn header<'a>(req: &'a Request, name: &str) -> Option<&'a str> {
    req.headers().get(name).and_then(|v| v.to_str().ok())
}

/// Compares two secrets in constant time.
fn same_secret(a: &str, b: &str) -> bool {
    signatures_match(a, b)
}

/// The control endpoints need the configured control token, if there is one.
fn check_control_token(app: &AppState, req: &Request) -> Result<(), ApiFailure> {
    let Some(expected) = app.config.control_token.as_deref() else {
        return Ok(());
    };
    match header(req, "x-emulator-token") {
        Some(given) if same_secret(given, expected) => Ok(()),
        _ => Err(ApiFailure::unauthorized(
            "The control endpoints need the emulator's control token in X-Emulator-Token.",
        )),
    }
}

/// Authenticates a request and records the caller in its extensions, or refuses it with 401.
pub(crate) async fn authenticate(app: &AppState, mut req: Request) -> Result<Request, ApiFailure> {
    if req.uri().path().starts_with("/_emulator/") {
        check_control_token(app, &req)?;
        return Ok(req);
    }
    if is_open(req.method(), req.uri().path()) {
        return Ok(req);
    }
    let caller = if app.config.auth == AuthMode::None {
        let caller = unchecked_caller(app, &req)?;
        req.extensions_mut().insert(caller);
        return Ok(req);
    } else if let Some(token) = header(&req, "x-auth-token") {
        let (caller, scope) = app
            .tokens
            .lookup_scoped(token)
            .ok_or_else(|| ApiFailure::unauthorized("The token is invalid or has expired."))?;
        check_scope(req.uri().path(), scope)?;
        caller
    } else if let Some(value) = header(&req, "authorization").map(str::to_owned) {
        let (checked, caller) = check_signature(app, req, &value).await?;
        req = checked;
        caller
    } else if req.method() == axum::http::Method::POST && req.uri().path() == SECURITY_TOKENS_PATH {
        // The route checks the token of the body and finds the caller itself.
        return Ok(req);
    } else {
        return Err(ApiFailure::unauthorized(
            "The request carries neither X-Auth-Token nor an SDK-HMAC-SHA256 signature.",
        ));
    };
    for name in ["X-Domain-Id", "X-Project-Id"] {
        check_id_header(&req, name)?;
    }
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

/// A token of the wrong scope is refused as IAM-backed services refuse it: 401, naming the scope
/// the service takes (UCS: `auth.scope.domain`, HSS: `auth.scope.project`).
fn check_scope(path: &str, scope: TokenScope) -> Result<(), ApiFailure> {
    match TokenScope::required_by(path) {
        Some((required, service)) if required != scope => {
            let this = match scope {
                TokenScope::Unscoped => "unscoped".to_owned(),
                scoped => format!("{}-scoped", scoped.name()),
            };
            Err(ApiFailure::unauthorized(format!(
                "{service} takes {}-scoped IAM tokens; this token is {this} (request it with auth.scope.{})",
                required.name(),
                required.name()
            )))
        }
        _ => Ok(()),
    }
}

/// With checks off, the account is the one the request names (`X-Domain-Id`, `X-Project-Id`),
/// each with its own state, else the first credential's: tests of several tenants need no keys.
fn unchecked_caller(app: &AppState, req: &Request) -> Result<Caller, ApiFailure> {
    for name in ["X-Domain-Id", "X-Project-Id"] {
        check_id_header(req, name)?;
    }
    let mut caller = app
        .config
        .credentials
        .first()
        .map(Caller::from)
        .ok_or_else(|| ApiFailure::unauthorized("no credential is configured"))?;
    if let Some(domain) = header(req, "x-domain-id") {
        caller.domain_id = domain.to_owned();
    }
    if let Some(project) = header(req, "x-project-id") {
        caller.project_id = project.to_owned();
    }
    Ok(caller)
}

/// An account or project id header, when present, is 1 to 64 letters, digits, `-` or `_`:
/// anything else is 400 `UCS.00000016` (a well-formed id of someone else is 403 instead).
fn check_id_header(req: &Request, name: &str) -> Result<(), ApiFailure> {
    let Some(raw) = req.headers().get(name) else {
        return Ok(());
    };
    let well_formed = raw.to_str().ok().is_some_and(|v| {
        (1..=64).contains(&v.len())
            && v.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    });
    if well_formed {
        Ok(())
    } else {
        Err(ApiFailure::bad_header(format!(
            "invalid header `{name}`: must be 1 to 64 letters, digits, '-' or '_'"
        )))
    }
}

/// The body length the headers declare: `Some(0)` for none, `None` when chunked.
fn declared_length(req: &Request) -> Option<u64> {
    if req
        .headers()
        .contains_key(axum::http::header::TRANSFER_ENCODING)
    {
        return None;
    }
    match header(req, "content-length") {
        Some(v) => v.trim().parse().ok(),
        None => Some(0),
    }
}

/// Checks an AK/SK signature. Everything but the body is checked before the body is read; a
/// body whose hash the signature covers (signed `X-Sdk-Content-Sha256`) is read up to the normal
/// limit once the signature holds, any other body only up to the unauthenticated limit.
async fn check_signature(
    app: &AppState,
    req: Request,
    authorization: &str,
) -> Result<(Request, Caller), ApiFailure> {
    let parsed = parse_authorization(authorization).ok_or_else(|| {
        ApiFailure::unauthorized("The Authorization header is not an SDK-HMAC-SHA256 signature.")
    })?;
    let (key, caller) = signing_key(app, &req, &parsed.access)?;
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
    let declared = declared_length(&req);
    let headers: Vec<(String, String)> = parsed
        .signed_headers
        .iter()
        .map(|name| {
            let value = req
                .headers()
                .get(name.as_str())
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default();
            (name.clone(), value.to_owned())
        })
        .collect();
    let content_hash = headers
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case(HEADER_CONTENT_SHA256))
        .map(|(_, v)| v.trim().to_owned())
        .filter(|v| !v.is_empty());
    let query = query_pairs(req.uri().query().unwrap_or_default());
    let method = req.method().as_str().to_owned();
    let path = req.uri().path().to_owned();
    let matches = |body: &[u8]| {
        let signable = SignableRequest {
            method: &method,
            path: &path,
            query: &query,
            headers: &headers,
            body,
        };
        let expected = expected_signature_with(&key, &signable, &parsed.signed_headers, &sdk_date);
        signatures_match(&expected, &parsed.signature)
    };
    let mismatch = || ApiFailure::unauthorized("The signature does not match the request.");
    // With a declared hash (or no body at all) the body does not enter the signature: check it
    // now, before reading a byte of the body.
    let checked_early = match (&content_hash, declared) {
        (_, Some(0)) => Some(matches(b"")),
        (Some(_), Some(_)) => Some(matches(b"-")),
        _ => None,
    };
    if checked_early == Some(false) {
        return Err(mismatch());
    }
    let limit = if checked_early.is_some() {
        app.config.max_body
    } else {
        app.config.max_unauthenticated_body
    };
    if declared.is_some_and(|n| n > limit as u64) {
        return Err(ApiFailure::too_large(limit));
    }
    let (parts, body) = req.into_parts();
    let bytes = axum::body::to_bytes(body, limit)
        .await
        .map_err(|_| ApiFailure::too_large(limit))?;
    let valid = match (checked_early, content_hash.as_deref()) {
        (None, _) => matches(&bytes),
        // An early check of a declared empty body already verified exactly this.
        (Some(_), _) if bytes.is_empty() => declared == Some(0) || matches(b""),
        // The signature covered the declared hash: the body must be what it declared.
        (Some(_), Some(hash)) if hash != UNSIGNED_PAYLOAD => {
            hash.eq_ignore_ascii_case(&hex::encode(Sha256::digest(&bytes)))
        }
        (Some(_), Some(_)) => true,
        (Some(_), None) => false,
    };
    if !valid {
        return Err(mismatch());
    }
    Ok((Request::from_parts(parts, Body::from(bytes)), caller))
}

/// The secret key of an access key and whose it is: a configured credential, or a temporary key
/// the IAM security-token call issued, which signs only with its `X-Security-Token`.
/// A configured credential's key was prepared at start; a temporary one is prepared here.
fn signing_key<'a>(
    app: &'a AppState,
    req: &Request,
    ak: &str,
) -> Result<(std::borrow::Cow<'a, SigningKey>, Caller), ApiFailure> {
    if let Some(credential) = app.config.credentials.iter().find(|c| c.ak == ak) {
        let key = match app.signing_keys.get(ak) {
            Some(key) => std::borrow::Cow::Borrowed(key),
            None => std::borrow::Cow::Owned(SigningKey::new(&credential.sk)),
        };
        return Ok((key, Caller::from(credential)));
    }
    let temporary = app
        .tokens
        .temporary(ak)
        .ok_or_else(|| ApiFailure::unauthorized("The access key is unknown."))?;
    match header(req, "x-security-token") {
        Some(given) if same_secret(given, &temporary.security_token) => Ok((
            std::borrow::Cow::Owned(SigningKey::new(&temporary.sk)),
            temporary.caller,
        )),
        Some(_) => Err(ApiFailure::unauthorized(
            "X-Security-Token does not belong to this temporary access key.",
        )),
        None => Err(ApiFailure::unauthorized(
            "A temporary access key signs only with its X-Security-Token.",
        )),
    }
}
