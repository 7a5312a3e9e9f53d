//! The route table: UCS v1, HSS v5, IAM v3, the Karmada gateway and the control endpoints.

mod account;
pub(crate) mod addons;
mod cluster_configs;
pub(crate) mod clusters;
mod control;
mod federation;
mod fleets;
pub(crate) mod gitops;
use gitops::{configsets, repos};
mod hss;
mod iam;
mod karmada;
mod policies;
mod rules;
pub(crate) mod traffic;
mod workloads;

use std::sync::Arc;

use axum::extract::DefaultBodyLimit;
use axum::handler::Handler;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get, on, post, MethodFilter};
use axum::Router;

use crate::error::ApiFailure;
use crate::server::AppState;

/// An empty 200 answer (updates, deletes).
pub(crate) fn ok_empty() -> Response {
    StatusCode::OK.into_response()
}

/// A 200 `{}` JSON answer: the official SDKs model these answers (updates, activation,
/// leaving a fleet) as a JSON object, and the Go SDK fails on an empty body.
pub(crate) fn ok_object() -> Response {
    (StatusCode::OK, axum::Json(serde_json::json!({}))).into_response()
}

/// A 201 `{}` JSON answer (enabling federation), for the same reason as [`ok_object`].
pub(crate) fn created_object() -> Response {
    (StatusCode::CREATED, axum::Json(serde_json::json!({}))).into_response()
}

/// One route per operation of the table (`ucs_models::for_each_operation!`), to the handler of
/// the same name in the group's module: an operation without a handler is a compile error. The
/// `iam` group is the client's side of IAM; its routes are written below.
macro_rules! operation_routes {
    ($(
        $(#[doc = $group_doc:literal])*
        $group:ident $Group:ident $(pages($pages_query:ident => $item:ident))? {
            $($rows:tt)*
        }
    )*) => {
        fn operation_routes(router: Router<Arc<AppState>>) -> Router<Arc<AppState>> {
            $( let router = operation_group!(router, $group { $($rows)* }); )*
            router
        }
    };
}

macro_rules! operation_group {
    ($router:expr, iam { $($rows:tt)* }) => {
        $router
    };
    ($router:expr, $group:ident {
        $(
            $(#[doc = $doc:literal])*
            $official:ident $name:ident ( $($id:ident),* ) $method:ident $path:literal
                $(body($body:ty))? $(query($query:ty))? -> $result:ty;
        )*
    }) => {
        $router $(.route($path, on(MethodFilter::$method, $group::$name)))*
    };
}

ucs_models::for_each_operation!(operation_routes);

pub(crate) fn router(app: Arc<AppState>) -> Router {
    // Bodies read without authentication (the IAM token request, the control endpoints).
    let small = app.config.max_unauthenticated_body;
    operation_routes(Router::new())
        .route(
            "/v5/{project_id}/container/kubernetes/multi-cloud/clusters",
            get(hss::list),
        )
        .route(
            "/v5/{project_id}/container/kubernetes/multi-cloud/clusters/{cluster_id}",
            get(hss::get).delete(hss::delete),
        )
        .route(
            "/v3/auth/tokens",
            post(iam::token).layer(DefaultBodyLimit::max(small)),
        )
        .route(
            "/v3.0/OS-AUTH/id-token/tokens",
            post(iam::id_token).layer(DefaultBodyLimit::max(small)),
        )
        .route(
            "/v3.0/OS-CREDENTIAL/securitytokens",
            post(iam::security_token).layer(DefaultBodyLimit::max(small)),
        )
        .route("/v3/projects", get(iam::projects))
        .route("/v3/auth/domains", get(iam::domains))
        .route("/karmada/{fleet}", any(karmada::root))
        .route("/karmada/{fleet}/{*rest}", any(karmada::serve))
        .route("/_emulator/reset", post(control::reset))
        .route("/_emulator/state", get(control::state))
        .route(
            "/_emulator/faults",
            get(control::faults).put(control::set_faults.layer(DefaultBodyLimit::max(small))),
        )
        .route(
            "/_emulator/faults/next",
            get(control::pending_faults)
                .post(control::push_faults.layer(DefaultBodyLimit::max(small))),
        )
        .route("/_emulator/log", get(control::log))
        .route(
            "/_emulator/quota",
            get(control::quota).put(control::set_quota.layer(DefaultBodyLimit::max(small))),
        )
        .route("/_emulator/clusters/{id}/freeze", post(control::freeze))
        .route("/_emulator/clusters/{id}/unfreeze", post(control::unfreeze))
        .route("/_emulator/clusters/{id}/connect", post(control::connect))
        .route(
            "/_emulator/clusters/{id}/disconnect",
            post(control::disconnect),
        )
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        // Requests that got here are authenticated (or open with a smaller limit above).
        .layer(DefaultBodyLimit::max(app.config.max_body))
        .with_state(app)
}

async fn not_found() -> ApiFailure {
    ApiFailure::not_found("no such API")
}

/// A known path with a method it does not take is an API that does not exist, as on the service's
/// gateway: 404 `UCS.01000013`, the status of its code in the table.
async fn method_not_allowed(method: axum::http::Method, uri: axum::http::Uri) -> ApiFailure {
    ApiFailure::not_found(format!("no API {method} {}", uri.path()))
}
