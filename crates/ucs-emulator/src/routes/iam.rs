//! IAM v3: password tokens (reference 2.1, 2.2), federated tokens from OpenID Connect id tokens,
//! temporary keys, project lookup by name, the caller's account.

use std::sync::Arc;

use axum::extract::State;
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use chrono::{Duration, Utc};
use serde_json::{json, Value};

use crate::auth::{Caller, TokenScope};
use crate::config::{DEMO_DOMAIN_NAME, DEMO_IDP_ID, DEMO_PASSWORD, DEMO_USER};
use crate::error::ApiResult;
use crate::extract::{decode_json, Params};
use crate::ids::new_token;
use crate::server::AppState;

fn iam_error(status: StatusCode, code: &str, message: &str) -> Response {
    let body =
        json!({"error": {"code": code, "message": message, "title": status.canonical_reason()}});
    (status, Json(body)).into_response()
}

/// The error body of IAM's v3.0 (`OS-AUTH`, `OS-CREDENTIAL`) calls: `{"error_msg", "error_code"}`.
fn iam_v3_0_error(status: StatusCode, code: &str, message: &str) -> Response {
    (
        status,
        Json(json!({"error_msg": message, "error_code": code})),
    )
        .into_response()
}

/// The claims of an id token shaped as a JWT: three base64url parts, the first two JSON objects.
/// The signature is not verified: the emulator trusts any identity provider's signing key.
fn jwt_claims(id_token: &str) -> Option<serde_json::Map<String, Value>> {
    use base64::Engine as _;
    let parts: Vec<&str> = id_token.split('.').collect();
    let [header, payload, signature] = parts.as_slice() else {
        return None;
    };
    let decode = |part: &str| {
        base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(part.trim_end_matches('='))
            .ok()
    };
    let object = |part: &str| {
        decode(part)
            .and_then(|bytes| serde_json::from_slice::<Value>(&bytes).ok())
            .and_then(|v| match v {
                Value::Object(map) => Some(map),
                _ => None,
            })
    };
    object(header)?;
    decode(signature).filter(|s| !s.is_empty())?;
    object(payload)
}

/// `POST /v3.0/OS-AUTH/id-token/tokens`: an OpenID Connect id token of the demo identity
/// provider (`X-Idp-Id`) gives a token in `X-Subject-Token`, scoped as `auth.scope` asks
/// (domain or project), unscoped without one; the official SDKs ask unscoped and exchange it
/// for a temporary key. An id token past its `exp` claim is refused.
pub(crate) async fn id_token(
    State(app): State<Arc<AppState>>,
    headers: axum::http::HeaderMap,
    body: axum::body::Bytes,
) -> Response {
    let Some(idp_id) = headers
        .get("x-idp-id")
        .and_then(|v| v.to_str().ok())
        .filter(|v| !v.is_empty())
    else {
        return iam_v3_0_error(
            StatusCode::BAD_REQUEST,
            "IAM.0011",
            "Request header X-Idp-Id is missing.",
        );
    };
    if idp_id != DEMO_IDP_ID {
        return iam_v3_0_error(
            StatusCode::NOT_FOUND,
            "IAM.0004",
            &format!("Could not find identity provider: {idp_id}."),
        );
    }
    let Ok(request) = decode_json::<Value>(&body) else {
        return iam_v3_0_error(
            StatusCode::BAD_REQUEST,
            "IAM.0011",
            "Request body is invalid.",
        );
    };
    let Some(id) = request["auth"]["id_token"]["id"].as_str() else {
        return iam_v3_0_error(
            StatusCode::BAD_REQUEST,
            "IAM.0011",
            "Request body is invalid: auth.id_token.id is required.",
        );
    };
    let Some(claims) = jwt_claims(id) else {
        return iam_v3_0_error(
            StatusCode::UNAUTHORIZED,
            "IAM.0007",
            "Request parameter auth.id_token.id is invalid: not a JWT.",
        );
    };
    let now = Utc::now();
    if claims
        .get("exp")
        .and_then(Value::as_i64)
        .is_some_and(|exp| exp <= now.timestamp())
    {
        return iam_v3_0_error(
            StatusCode::UNAUTHORIZED,
            "IAM.0007",
            "Request parameter auth.id_token.id is invalid: the id token has expired.",
        );
    }
    let Some(credential) = app.config.credentials.first() else {
        return iam_v3_0_error(
            StatusCode::UNAUTHORIZED,
            "IAM.0007",
            "No account is configured.",
        );
    };
    let caller = Caller::from(credential);
    let scope = &request["auth"]["scope"];
    let token_scope = if scope.get("project").is_some() {
        TokenScope::Project
    } else if scope.get("domain").is_some() {
        TokenScope::Domain
    } else {
        TokenScope::Unscoped
    };
    let subject = claims
        .get("sub")
        .and_then(Value::as_str)
        .unwrap_or("federated-user");
    let user = json!({"name": subject, "id": "emulator-federated-user-id",
                      "domain": {"name": DEMO_DOMAIN_NAME, "id": caller.domain_id},
                      "OS-FEDERATION": {"identity_provider": {"id": idp_id},
                                        "protocol": {"id": "oidc"}, "groups": []}});
    issue_token(&app, &caller, token_scope, scope, "mapped", user)
}

/// Issues a token of `token_scope` for `caller` and answers as IAM does: 201, the token in
/// `X-Subject-Token`, a body with its method, user, expiry and scope (`scope` is the request's
/// `auth.scope`, which names the project).
fn issue_token(
    app: &AppState,
    caller: &Caller,
    token_scope: TokenScope,
    scope: &Value,
    method: &str,
    user: Value,
) -> Response {
    let now = Utc::now();
    let ttl = Duration::from_std(app.config.iam_token_ttl).unwrap_or(Duration::hours(24));
    let expires = now.checked_add_signed(ttl).unwrap_or(now);
    let token = new_token("MII");
    app.tokens
        .issue(token.clone(), caller.clone(), token_scope, expires);
    let mut body = json!({"token": {
        "methods": [method],
        "expires_at": expires.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string(),
        "issued_at": now.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string(),
        "user": user,
    }});
    match token_scope {
        TokenScope::Project => {
            body["token"]["project"] = json!({
                "id": caller.project_id,
                "name": scope["project"]["name"].as_str().unwrap_or("cn-north-4"),
                "domain": {"name": DEMO_DOMAIN_NAME, "id": caller.domain_id},
            });
        }
        TokenScope::Domain => {
            body["token"]["domain"] = json!({"name": DEMO_DOMAIN_NAME, "id": caller.domain_id});
        }
        TokenScope::Unscoped => {}
    }
    let mut response = (StatusCode::CREATED, Json(body)).into_response();
    if let Ok(v) = HeaderValue::from_str(&token) {
        response.headers_mut().insert("x-subject-token", v);
    }
    response
}

/// `POST /v3/auth/tokens`: the demo user's password gives a 24 h token in `X-Subject-Token`.
pub(crate) async fn token(State(app): State<Arc<AppState>>, body: axum::body::Bytes) -> Response {
    let request: Value = match decode_json(&body) {
        Ok(v) => v,
        Err(_) => {
            return iam_error(
                StatusCode::BAD_REQUEST,
                "1100",
                "The request body is invalid.",
            )
        }
    };
    let identity = &request["auth"]["identity"];
    let user = &identity["password"]["user"];
    let methods_ok = identity["methods"]
        .as_array()
        .is_some_and(|m| m.iter().any(|v| v == "password"));
    if !methods_ok || !user.is_object() {
        return iam_error(
            StatusCode::BAD_REQUEST,
            "1100",
            "auth.identity must use the password method with a user.",
        );
    }
    let domain = user["domain"]["name"].as_str().unwrap_or_default();
    if user["name"] != DEMO_USER || user["password"] != DEMO_PASSWORD || domain != DEMO_DOMAIN_NAME
    {
        return iam_error(
            StatusCode::UNAUTHORIZED,
            "1101",
            "The username or password is wrong.",
        );
    }
    let Some(credential) = app.config.credentials.first() else {
        return iam_error(
            StatusCode::UNAUTHORIZED,
            "1101",
            "No account is configured.",
        );
    };
    let caller = Caller::from(credential);
    let scope = &request["auth"]["scope"];
    let token_scope = if scope.get("project").is_some() {
        TokenScope::Project
    } else {
        TokenScope::Domain
    };
    let user = json!({"name": DEMO_USER, "id": "emulator-user-id",
                      "domain": {"name": DEMO_DOMAIN_NAME, "id": caller.domain_id}});
    issue_token(&app, &caller, token_scope, scope, "password", user)
}

/// `GET /v3/projects?name=REGION`: the caller's project, named after the region asked for.
pub(crate) async fn projects(
    Extension(caller): Extension<Caller>,
    params: Params,
) -> ApiResult<Json<Value>> {
    let name = params.str("name").unwrap_or("cn-north-4");
    Ok(Json(json!({
        "projects": [{
            "id": caller.project_id, "name": name, "domain_id": caller.domain_id,
            "parent_id": caller.domain_id, "is_domain": false, "enabled": true, "description": "",
            "links": {"next": null, "previous": null, "self": format!("/v3/projects/{}", caller.project_id)},
        }],
        "links": {"next": null, "previous": null, "self": "/v3/projects"},
    })))
}

/// `GET /v3/auth/domains`: the caller's account.
pub(crate) async fn domains(Extension(caller): Extension<Caller>) -> Json<Value> {
    Json(json!({
        "domains": [{"id": caller.domain_id, "name": DEMO_DOMAIN_NAME, "enabled": true, "description": ""}],
        "links": {"next": null, "previous": null, "self": "/v3/auth/domains"},
    }))
}

/// Shortest and longest life of a temporary access key (IAM's bounds), and the default.
const TEMPORARY_SECONDS: (i64, i64, i64) = (900, 86_400, 900);

/// `POST /v3.0/OS-CREDENTIAL/securitytokens`: a temporary AK/SK and its security token for the
/// caller (authenticated by `X-Auth-Token`, a signature, or the token of
/// `auth.identity.token.id`, any scope), as IAM issues them: requests signed with the temporary
/// key must carry `X-Security-Token`.
pub(crate) async fn security_token(
    State(app): State<Arc<AppState>>,
    caller: Option<Extension<Caller>>,
    body: axum::body::Bytes,
) -> Response {
    let request: Value = if body.is_empty() {
        Value::Null
    } else {
        match decode_json(&body) {
            Ok(v) => v,
            Err(_) => {
                return iam_error(
                    StatusCode::BAD_REQUEST,
                    "1100",
                    "The request body is invalid.",
                )
            }
        }
    };
    let identity = &request["auth"]["identity"];
    let methods_ok = identity["methods"]
        .as_array()
        .is_some_and(|m| m.iter().any(|v| v == "token"));
    if !methods_ok {
        return iam_error(
            StatusCode::BAD_REQUEST,
            "1100",
            "auth.identity.methods must contain \"token\".",
        );
    }
    let caller = match caller {
        Some(Extension(caller)) => caller,
        None => match identity["token"]["id"]
            .as_str()
            .and_then(|t| app.tokens.lookup_scoped(t))
        {
            Some((caller, _)) => caller,
            None => {
                return iam_v3_0_error(
                    StatusCode::UNAUTHORIZED,
                    "IAM.0007",
                    "Request parameter auth.identity.token.id is invalid or has expired.",
                )
            }
        },
    };
    let (min, max, default) = TEMPORARY_SECONDS;
    let seconds = match &identity["token"]["duration_seconds"] {
        Value::Null => default,
        v => match v.as_i64().filter(|s| (min..=max).contains(s)) {
            Some(s) => s,
            None => {
                return iam_error(
                    StatusCode::BAD_REQUEST,
                    "1100",
                    &format!("auth.identity.token.duration_seconds must be {min} to {max}."),
                )
            }
        },
    };
    let now = Utc::now();
    let expires = now
        .checked_add_signed(Duration::seconds(seconds))
        .unwrap_or(now);
    let ak = new_token("TMP")
        .chars()
        .take(20)
        .collect::<String>()
        .to_ascii_uppercase();
    let sk = new_token("");
    let security_token = new_token("gQ");
    app.tokens.issue_temporary(
        ak.clone(),
        crate::auth::Temporary {
            sk: sk.clone(),
            security_token: security_token.clone(),
            caller,
            expires_at: expires,
        },
    );
    let body = json!({"credential": {
        "access": ak,
        "secret": sk,
        "securitytoken": security_token,
        "expires_at": expires.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string(),
    }});
    (StatusCode::CREATED, Json(body)).into_response()
}
