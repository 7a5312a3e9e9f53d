//! The route table: UCS v1, HSS v5, IAM v3, the Karmada gateway and the control endpoints.

pub(crate) mod clusters;
mod control;
mod federation;
mod fleets;
mod hss;
mod iam;
mod karmada;
mod rules;

use std::sync::Arc;

use axum::extract::DefaultBodyLimit;
use axum::handler::Handler;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get, post, put};
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

pub(crate) fn router(app: Arc<AppState>) -> Router {
    let fleet = "/v1/clustergroups/{id}";
    // Bodies read without authentication (the IAM token request, the control endpoints).
    let small = app.config.max_unauthenticated_body;
    Router::new()
        .route("/v1/clusters", get(clusters::list).post(clusters::register))
        .route(
            "/v1/clusters/{id}",
            get(clusters::get)
                .put(clusters::update)
                .delete(clusters::delete),
        )
        .route("/v1/clusters/{id}/accessinfo", get(clusters::access_info))
        .route("/v1/clusters/{id}/activation", put(clusters::activate))
        .route(
            "/v1/clusters/{id}/associatedrules",
            put(clusters::associate_rules),
        )
        .route("/v1/clusters/{id}/join", post(clusters::join_fleet))
        .route("/v1/clusters/{id}/unjoin", post(clusters::leave_fleet))
        .route("/v1/managedclusters", get(clusters::list_managed))
        .route(
            "/v1/config/registeredclusterversions",
            get(clusters::supported_versions),
        )
        .route(
            "/v1/clustergroups",
            get(fleets::list).post(fleets::register),
        )
        .route(fleet, get(fleets::get).delete(fleets::delete))
        .route(
            &format!("{fleet}/associatedclusters"),
            put(fleets::add_clusters),
        )
        .route(
            &format!("{fleet}/description"),
            put(fleets::update_description),
        )
        .route(
            &format!("{fleet}/associatedrules"),
            put(fleets::associate_rules),
        )
        .route(
            &format!("{fleet}/associatedzones"),
            put(fleets::update_zones),
        )
        .route(
            &format!("{fleet}/federations"),
            post(federation::enable).delete(federation::disable),
        )
        .route(
            &format!("{fleet}/federations/progress"),
            get(federation::progress),
        )
        .route(
            &format!("{fleet}/cert"),
            post(federation::kubeconfig_with_cert),
        )
        .route(&format!("{fleet}/connection"), post(federation::connection))
        .route(
            &format!("{fleet}/kubeconfig"),
            post(federation::download_kubeconfig),
        )
        .route(
            "/v1/permissions/rules",
            get(rules::list).post(rules::create),
        )
        .route(
            "/v1/permissions/rules/{id}",
            put(rules::update).delete(rules::delete),
        )
        .route(
            "/v5/{project_id}/container/kubernetes/multi-cloud/clusters",
            post(hss::create).get(hss::list),
        )
        .route(
            "/v5/{project_id}/container/kubernetes/multi-cloud/clusters/{cluster_id}",
            get(hss::get).delete(hss::delete),
        )
        .route(
            "/v3/auth/tokens",
            post(iam::token).layer(DefaultBodyLimit::max(small)),
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
        .route("/_emulator/clusters/{id}/freeze", post(control::freeze))
        .route("/_emulator/clusters/{id}/unfreeze", post(control::unfreeze))
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
