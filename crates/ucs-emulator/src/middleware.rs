//! The path of every request: gateway host rewrite, faults, auth, routing, request id, request log.

use std::convert::Infallible;
use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Instant;

use axum::body::Body;
use axum::http::header::{CONNECTION, CONTENT_LENGTH, HOST};
use axum::http::{HeaderValue, Request, Uri};
use axum::response::{IntoResponse, Response};
use axum::Router;
use futures_util::FutureExt;
use hyper::body::Incoming;
use tokio::sync::Notify;
use tower::ServiceExt;

use crate::auth::{authenticate, Caller};
use crate::error::ApiFailure;
use crate::faults::Decision;
use crate::ids::new_request_id;
use crate::request_log::Entry;
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
        .get(HOST)
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

/// Origin of the log's `at_ms`: a monotonic arrival time, so soaks can measure the gap between a
/// 429 and its retry whatever the wall clock does.
static EPOCH: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();

/// Serves one request.
pub(crate) async fn handle(
    app: Arc<AppState>,
    router: Router,
    kill: Arc<Notify>,
    req: Request<Incoming>,
) -> Result<Response, Infallible> {
    EPOCH.get_or_init(Instant::now);
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
                    request_id.clone(),
                    method.clone(),
                    path.clone(),
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
    // Every injected answer is marked, so a log reader can tell which requests reached a handler.
    let injected = fault.is_some();
    let mut response = match fault {
        Some(response) => response,
        None => {
            let served = async {
                if let Some(refusal) = refuse_oversized(&app, &req) {
                    return refusal;
                }
                match authenticate(&app, req).await {
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
                    // The body may be unread: do not keep the connection for another request.
                    Err(failure) => closing(failure.into_response()),
                }
            };
            guarded(&app.panics, served).await
        }
    };
    if let Ok(v) = HeaderValue::from_str(&request_id) {
        response.headers_mut().insert("x-request-id", v);
    }
    let fault_note = injected.then_some("injected");
    log(
        &app,
        request_id,
        method,
        path,
        response.status().as_u16(),
        started,
        fault_note,
        caller,
    );
    Ok(response)
}

/// A body declared larger than the emulator ever reads is refused before a byte of it is read.
fn refuse_oversized(app: &AppState, req: &Request<Body>) -> Option<Response> {
    let declared: u64 = req
        .headers()
        .get(CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse().ok())?;
    let limit = app.config.max_body;
    (declared > limit as u64).then(|| closing(ApiFailure::too_large(limit).into_response()))
}

/// Marks an answer as the connection's last.
fn closing(mut response: Response) -> Response {
    response
        .headers_mut()
        .insert(CONNECTION, HeaderValue::from_static("close"));
    response
}

/// Runs a request's handling; a panic in it is counted and answered 500 instead of dropping the
/// connection.
async fn guarded(panics: &AtomicU64, served: impl Future<Output = Response>) -> Response {
    match AssertUnwindSafe(served).catch_unwind().await {
        Ok(response) => response,
        Err(_) => {
            panics.fetch_add(1, Ordering::Relaxed);
            tracing::error!("a request handler panicked; answered 500");
            closing(
                ApiFailure::new("UCS.01000006", "The emulator failed on this request.")
                    .into_response(),
            )
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn log(
    app: &AppState,
    request_id: String,
    method: String,
    path: String,
    status: u16,
    started: Instant,
    fault: Option<&'static str>,
    account: Option<String>,
) {
    let at_ms = EPOCH.get().map_or(0.0, |epoch| {
        started.saturating_duration_since(*epoch).as_secs_f64() * 1000.0
    });
    app.log.record(Entry {
        time: std::time::SystemTime::now(),
        at_ms,
        request_id,
        method,
        path,
        status,
        duration_ms: started.elapsed().as_secs_f64() * 1000.0,
        fault,
        account,
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::StatusCode;

    #[tokio::test]
    async fn a_panic_is_counted_and_answered_500_json() {
        let panics = AtomicU64::new(0);
        let response = guarded(&panics, async { panic!("handler bug") }).await;
        assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
        assert_eq!(panics.load(Ordering::Relaxed), 1);
        let body = axum::body::to_bytes(response.into_body(), 1024)
            .await
            .expect("body");
        let body: serde_json::Value = serde_json::from_slice(&body).expect("json");
        assert_eq!(body["error_code"], "UCS.01000006");
        assert!(body["error_msg"].is_string());
        let fine = guarded(&panics, async { StatusCode::OK.into_response() }).await;
        assert_eq!(
            (fine.status(), panics.load(Ordering::Relaxed)),
            (StatusCode::OK, 1)
        );
    }

    #[test]
    fn gateway_host_names_select_the_fleet() {
        assert_eq!(
            gateway_fleet("fleet1.fleet.ucs.cn-north-4-dev.myhuaweicloud.com"),
            Some("fleet1")
        );
        assert_eq!(gateway_fleet("127.0.0.1:8080"), None);
    }
}
