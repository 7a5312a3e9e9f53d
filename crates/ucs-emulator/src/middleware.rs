//! The path of every request: gateway host rewrite, faults, auth, routing, request id, request log.

use std::convert::Infallible;
use std::sync::Arc;
use std::time::Instant;

use axum::body::Body;
use axum::http::{HeaderValue, Request, Uri};
use axum::response::{IntoResponse, Response};
use axum::Router;
use hyper::body::Incoming;
use tokio::sync::Notify;
use tower::ServiceExt;

use crate::auth::{authenticate, Caller};
use crate::faults::Decision;
use crate::ids::new_request_id;
use crate::server::AppState;

/// Host names of the real Karmada gateway: `{fleet}.fleet.ucs.{region}-dev.myhuaweicloud.com`.
fn gateway_fleet(host: &str) -> Option<&str> {
    let host = host.split(':').next()?;
    let (fleet, rest) = host.split_once(".fleet.ucs.")?;
    (!fleet.is_empty() && !rest.is_empty()).then_some(fleet)
}

/// Requests addressed to a gateway host name are served as `/karmada/{fleet}/...`.
fn rewrite_gateway_host(req: &mut Request<Body>) {
    let host = req
        .headers()
        .get("host")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let Some(fleet) = gateway_fleet(host) else {
        return;
    };
    let path_and_query = req
        .uri()
        .path_and_query()
        .map(|pq| pq.as_str())
        .unwrap_or("/");
    if let Ok(uri) = format!("/karmada/{fleet}{path_and_query}").parse::<Uri>() {
        *req.uri_mut() = uri;
    }
}

/// Serves one request.
pub(crate) async fn handle(
    app: Arc<AppState>,
    router: Router,
    kill: Arc<Notify>,
    req: Request<Incoming>,
) -> Result<Response, Infallible> {
    let started = Instant::now();
    let request_id = new_request_id();
    let mut req = req.map(Body::new);
    rewrite_gateway_host(&mut req);
    let method = req.method().as_str().to_owned();
    let path = req.uri().path().to_owned();
    let mut fault = None;
    if !path.starts_with("/_emulator/") {
        match app.faults.decide(&method, &path).await {
            Decision::Pass => {}
            Decision::Drop => {
                log(
                    &app,
                    &request_id,
                    &method,
                    &path,
                    0,
                    started,
                    Some("drop"),
                    None,
                );
                kill.notify_one();
                // The connection task drops this future together with the socket.
                std::future::pending::<()>().await;
            }
            Decision::Respond(response) => fault = Some(response),
        }
    }
    let mut caller = None;
    let mut response = match fault {
        Some(response) => response,
        None => match authenticate(&app, req).await {
            Ok(req) => {
                caller = req
                    .extensions()
                    .get::<Caller>()
                    .map(|c| c.domain_id.clone());
                match router.oneshot(req).await {
                    Ok(response) => response,
                    Err(never) => match never {},
                }
            }
            Err(failure) => failure.into_response(),
        },
    };
    if let Ok(v) = HeaderValue::from_str(&request_id) {
        response.headers_mut().insert("x-request-id", v);
    }
    let fault_note = response
        .headers()
        .contains_key("retry-after")
        .then_some("injected");
    log(
        &app,
        &request_id,
        &method,
        &path,
        response.status().as_u16(),
        started,
        fault_note,
        caller,
    );
    Ok(response)
}

#[allow(clippy::too_many_arguments)]
fn log(
    app: &AppState,
    request_id: &str,
    method: &str,
    path: &str,
    status: u16,
    started: Instant,
    fault: Option<&str>,
    account: Option<String>,
) {
    app.log.record(serde_json::json!({
        "time": chrono::Utc::now().to_rfc3339(),
        "request_id": request_id,
        "method": method,
        "path": path,
        "status": status,
        "duration_ms": started.elapsed().as_secs_f64() * 1000.0,
        "fault": fault,
        "account": account,
    }));
}

#[cfg(test)]
mod tests {
    use super::gateway_fleet;

    #[test]
    fn gateway_host_names_select_the_fleet() {
        assert_eq!(
            gateway_fleet("fleet1.fleet.ucs.cn-north-4-dev.myhuaweicloud.com"),
            Some("fleet1")
        );
        assert_eq!(gateway_fleet("127.0.0.1:8080"), None);
    }
}
