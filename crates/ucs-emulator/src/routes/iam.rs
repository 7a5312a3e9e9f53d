//! IAM v3: password tokens (reference 2.1, 2.2), project lookup by name, the caller's account.

use std::sync::Arc;

use axum::extract::State;
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use chrono::{Duration, Utc};
use serde_json::{json, Value};

use crate::auth::{Caller, TokenScope};
use crate::config::{DEMO_DOMAIN_NAME, DEMO_PASSWORD, DEMO_USER};
use crate::error::ApiResult;
use crate::extract::{decode_json, Params};
use crate::ids::new_token;
use crate::server::AppState;

fn iam_error(status: StatusCode, code: &str, message: &str) -> Response {
    let body =
        json!({"error": {"code": code, "message": message, "title": status.canonical_reason()}});
    (status, Json(body)).into_response()
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
    let project_scoped = scope.get("project").is_some();
    let now = Utc::now();
    let ttl = Duration::from_std(app.config.iam_token_ttl).unwrap_or(Duration::hours(24));
    let expires = now.checked_add_signed(ttl).unwrap_or(now);
    let token = new_token("MII");
    let token_scope = if project_scoped {
        TokenScope::Project
    } else {
        TokenScope::Domain
    };
    app.tokens
        .issue(token.clone(), caller.clone(), token_scope, expires);
    let mut body = json!({"token": {
        "methods": ["password"],
        "expires_at": expires.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string(),
        "issued_at": now.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string(),
        "user": {"name": DEMO_USER, "id": "emulator-user-id",
                 "domain": {"name": DEMO_DOMAIN_NAME, "id": caller.domain_id}},
    }});
    if project_scoped {
        body["token"]["project"] = json!({
            "id": caller.project_id,
            "name": scope["project"]["name"].as_str().unwrap_or("cn-north-4"),
            "domain": {"name": DEMO_DOMAIN_NAME, "id": caller.domain_id},
        });
    } else {
        body["token"]["domain"] = json!({"name": DEMO_DOMAIN_NAME, "id": caller.domain_id});
    }
    let mut response = (StatusCode::CREATED, Json(body)).into_response();
    if let Ok(v) = HeaderValue::from_str(&token) {
        response.headers_mut().insert("x-subject-token", v);
    }
    response
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
/// caller (authenticated by token or signature), as IAM issues them: requests signed with the
/// temporary key must carry `X-Security-Token`.
pub(crate) async fn security_token(
    State(app): State<Arc<AppState>>,
    Extension(caller): Extension<Caller>,
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
