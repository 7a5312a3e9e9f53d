//! A scripted in-process HTTP server for the core's behaviour tests: it records every request
//! and answers from a queue of canned responses (default: 200 `{}`).

#![allow(dead_code)]

pub mod calls;

use std::collections::VecDeque;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};

/// A request as the server saw it.
#[derive(Debug, Clone)]
pub struct Seen {
    pub method: String,
    pub path: String,
    pub query: String,
    pub headers: HeaderMap,
    pub body: Bytes,
}

/// A canned answer.
#[derive(Debug, Clone)]
pub struct Canned {
    pub status: u16,
    pub headers: Vec<(&'static str, String)>,
    pub body: String,
    pub delay: Duration,
    /// Only answer requests whose path starts with this (others get the default).
    pub path_prefix: Option<&'static str>,
    /// Only answer requests carrying this header value.
    pub when_header: Option<(&'static str, String)>,
}

impl Canned {
    pub fn json(status: u16, body: serde_json::Value) -> Self {
        Self {
            status,
            headers: vec![],
            body: body.to_string(),
            delay: Duration::ZERO,
            path_prefix: None,
            when_header: None,
        }
    }
    pub fn when_header(mut self, name: &'static str, value: &str) -> Self {
        self.when_header = Some((name, value.to_owned()));
        self
    }
    pub fn header(mut self, k: &'static str, v: &str) -> Self {
        self.headers.push((k, v.to_owned()));
        self
    }
    pub fn delayed(mut self, d: Duration) -> Self {
        self.delay = d;
        self
    }
    pub fn for_path(mut self, prefix: &'static str) -> Self {
        self.path_prefix = Some(prefix);
        self
    }
}

#[derive(Default)]
pub struct Mock {
    pub seen: Mutex<Vec<Seen>>,
    pub script: Mutex<VecDeque<Canned>>,
}

impl Mock {
    pub fn push(&self, c: Canned) {
        self.script.lock().expect("lock").push_back(c);
    }
    pub fn seen(&self) -> Vec<Seen> {
        self.seen.lock().expect("lock").clone()
    }
    pub fn hits(&self, path_prefix: &str) -> usize {
        self.seen()
            .iter()
            .filter(|s| s.path.starts_with(path_prefix))
            .count()
    }
}

async fn handle(
    State(mock): State<Arc<Mock>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let path = uri.path().to_owned();
    let matches = |c: &Canned| {
        c.path_prefix.is_none_or(|p| path.starts_with(p))
            && c.when_header.as_ref().is_none_or(|(k, v)| {
                headers.get(*k).and_then(|h| h.to_str().ok()) == Some(v.as_str())
            })
    };
    let canned = {
        let mut script = mock.script.lock().expect("lock");
        let pos = script.iter().position(matches);
        pos.and_then(|i| script.remove(i))
    };
    mock.seen.lock().expect("lock").push(Seen {
        method: method.to_string(),
        path: path.clone(),
        query: uri.query().unwrap_or("").to_owned(),
        headers,
        body,
    });
    let c = canned.unwrap_or_else(|| Canned::json(200, serde_json::json!({})));
    if !c.delay.is_zero() {
        tokio::time::sleep(c.delay).await;
    }
    let mut resp = (StatusCode::from_u16(c.status).expect("status"), c.body).into_response();
    resp.headers_mut()
        .insert("content-type", "application/json".parse().expect("hv"));
    for (k, v) in c.headers {
        resp.headers_mut().insert(k, v.parse().expect("hv"));
    }
    resp
}

/// Starts the mock on a free loopback port; returns its base URL and state.
pub async fn start() -> (String, Arc<Mock>) {
    let mock = Arc::new(Mock::default());
    let app = axum::Router::new()
        .fallback(handle)
        .with_state(mock.clone());
    let listener = tokio::net::TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], 0)))
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    (format!("http://{addr}"), mock)
}
