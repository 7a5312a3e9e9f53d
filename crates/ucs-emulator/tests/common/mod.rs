//! A raw HTTP view of an emulator started in-process without auth: status, code, body.

#![allow(dead_code)]

use std::time::Duration;

use serde_json::{json, Value};
use ucs_emulator::{AuthMode, Emulator, EmulatorConfig};
use ucs_sdk::models::{RegisterCluster, RegisterClusterMetadata, RegisterClusterSpec};

pub struct Raw {
    pub emu: Emulator,
    pub base: String,
    pub http: reqwest::Client,
}

pub struct Answer {
    pub status: u16,
    pub body: Value,
    pub request_id: Option<String>,
}

impl Answer {
    pub fn code(&self) -> &str {
        self.body["error_code"].as_str().unwrap_or_default()
    }
}

pub async fn open(config: EmulatorConfig) -> Raw {
    let emu = ucs_emulator::start(EmulatorConfig {
        auth: AuthMode::None,
        federation_duration: Duration::ZERO,
        ..config
    })
    .await
    .expect("emulator starts");
    let base = emu.base_url();
    Raw {
        emu,
        base,
        http: reqwest::Client::new(),
    }
}

impl Raw {
    pub async fn send(&self, method: &str, path: &str, body: Option<Value>) -> Answer {
        let method = reqwest::Method::from_bytes(method.as_bytes()).expect("method");
        let mut req = self.http.request(method, format!("{}{path}", self.base));
        if let Some(body) = body {
            req = req.json(&body);
        }
        let resp = req.send().await.expect("answered");
        let status = resp.status().as_u16();
        let request_id = resp
            .headers()
            .get("x-request-id")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let bytes = resp.bytes().await.expect("body");
        let body = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        Answer {
            status,
            body,
            request_id,
        }
    }

    pub async fn get(&self, path: &str) -> Answer {
        self.send("GET", path, None).await
    }

    pub async fn post(&self, path: &str, body: Value) -> Answer {
        self.send("POST", path, Some(body)).await
    }

    pub async fn put(&self, path: &str, body: Value) -> Answer {
        self.send("PUT", path, Some(body)).await
    }

    pub async fn delete(&self, path: &str) -> Answer {
        self.send("DELETE", path, None).await
    }

    /// Registers an attached cluster and returns its uid.
    pub async fn cluster(&self, name: &str) -> String {
        let a = self.post("/v1/clusters", cluster_body(name)).await;
        assert_eq!(a.status, 201, "register {name}: {}", a.body);
        a.body["uid"].as_str().expect("uid").to_owned()
    }

    pub async fn fleet(&self, name: &str, clusters: &[&str]) -> String {
        let a = self
            .post(
                "/v1/clustergroups",
                json!({"metadata": {"name": name}, "spec": {"clusterIds": clusters}}),
            )
            .await;
        assert_eq!(a.status, 201, "fleet {name}: {}", a.body);
        a.body["uid"].as_str().expect("uid").to_owned()
    }

    pub async fn rule(&self, name: &str) -> String {
        let a = self
            .post(
                "/v1/permissions/rules",
                json!({"metadata": {"name": name}, "spec": {"type": "readonly", "iamUserIDs": ["u1"]}}),
            )
            .await;
        assert_eq!(a.status, 201, "rule {name}: {}", a.body);
        a.body["uid"].as_str().expect("uid").to_owned()
    }
}

pub fn cluster_body(name: &str) -> Value {
    json!({
        "kind": "Cluster", "apiVersion": "v1",
        "metadata": {"name": name},
        "spec": {"category": "attachedcluster", "type": "privatek8s", "provider": "privatek8s",
                 "country": "CN", "city": "110000", "manageType": "discrete"}
    })
}

/// A valid typed registration: an attached private Kubernetes cluster in Beijing.
pub fn attached(name: &str) -> RegisterCluster {
    RegisterCluster {
        metadata: RegisterClusterMetadata {
            name: name.into(),
            ..Default::default()
        },
        spec: RegisterClusterSpec {
            category: "attachedcluster".into(),
            cluster_type: "privatek8s".into(),
            provider: "privatek8s".into(),
            country: "CN".into(),
            city: Some("110000".into()),
            manage_type: "discrete".into(),
            ..Default::default()
        },
        ..Default::default()
    }
}
