//! Fault injection: random rates from the configuration, plus scripted faults for the next requests.

use std::collections::VecDeque;
use std::sync::Mutex;
use std::time::Duration;

use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::{Deserialize, Serialize};

use crate::config::FaultConfig;
use crate::server::lock;

/// One scripted fault, consumed by the next matching requests.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub(crate) struct ScriptedFault {
    /// Answer with this status (429 gets `UCS.01000002`, others `UCS.01000006` unless `error_code`).
    pub status: Option<u16>,
    /// Service error code to put in the body.
    pub error_code: Option<String>,
    /// `Retry-After` seconds (with a 429 by default).
    pub retry_after_secs: Option<u64>,
    /// Close the connection without answering.
    pub drop: bool,
    /// Delay before answering (or before passing the request on when no status is set).
    pub latency_ms: Option<u64>,
    /// How many matching requests it applies to (default 1).
    pub times: Option<u32>,
    /// Only requests with this method.
    pub method: Option<String>,
    /// Only requests whose path starts with this.
    pub path_prefix: Option<String>,
}

/// What to do with a request.
pub(crate) enum Decision {
    Pass,
    Drop,
    Respond(Response),
}

/// Fault state: the random configuration, scripted faults, and a scripted federation failure.
pub(crate) struct Faults {
    config: Mutex<FaultConfig>,
    scripted: Mutex<VecDeque<(ScriptedFault, u32)>>,
    federation_failure: Mutex<Option<String>>,
    policy_failure: Mutex<Option<String>>,
}

impl Faults {
    pub fn new(config: FaultConfig) -> Self {
        Self {
            config: Mutex::new(config),
            scripted: Mutex::new(VecDeque::new()),
            federation_failure: Mutex::new(None),
            policy_failure: Mutex::new(None),
        }
    }

    pub fn config(&self) -> FaultConfig {
        lock(&self.config).clone()
    }

    pub fn set_config(&self, config: FaultConfig) {
        *lock(&self.config) = config;
    }

    pub fn push(&self, faults: Vec<ScriptedFault>) {
        let mut scripted = lock(&self.scripted);
        for fault in faults {
            let times = fault.times.unwrap_or(1).max(1);
            scripted.push_back((fault, times));
        }
    }

    pub fn pending(&self) -> Vec<ScriptedFault> {
        lock(&self.scripted)
            .iter()
            .map(|(f, left)| ScriptedFault {
                times: Some(*left),
                ..f.clone()
            })
            .collect()
    }

    pub fn clear(&self) {
        lock(&self.scripted).clear();
        *lock(&self.config) = FaultConfig::default();
        *lock(&self.federation_failure) = None;
        *lock(&self.policy_failure) = None;
    }

    /// New federation jobs fail at this sub-job (None: they succeed).
    pub fn set_federation_failure(&self, sub_job: Option<String>) {
        *lock(&self.federation_failure) = sub_job;
    }

    pub fn federation_failure(&self) -> Option<String> {
        lock(&self.federation_failure).clone()
    }

    /// New policy jobs with this task fail at it (None: they succeed).
    pub fn set_policy_failure(&self, task: Option<String>) {
        *lock(&self.policy_failure) = task;
    }

    pub fn policy_failure(&self) -> Option<String> {
        lock(&self.policy_failure).clone()
    }

    /// Takes the first scripted fault matching the request, if any.
    fn take_scripted(&self, method: &str, path: &str) -> Option<ScriptedFault> {
        let mut scripted = lock(&self.scripted);
        let index = scripted.iter().position(|(f, _)| {
            f.method
                .as_deref()
                .is_none_or(|m| m.eq_ignore_ascii_case(method))
                && f.path_prefix.as_deref().is_none_or(|p| path.starts_with(p))
        })?;
        let entry = scripted.get_mut(index)?;
        entry.1 -= 1;
        let fault = entry.0.clone();
        if entry.1 == 0 {
            scripted.remove(index);
        }
        Some(fault)
    }

    /// Decides the fate of an API request; sleeps for injected latency first.
    pub async fn decide(&self, method: &str, path: &str) -> Decision {
        if let Some(fault) = self.take_scripted(method, path) {
            if let Some(ms) = fault.latency_ms {
                tokio::time::sleep(Duration::from_millis(ms)).await;
            }
            if fault.drop {
                return Decision::Drop;
            }
            return match fault.status {
                Some(status) => Decision::Respond(error_response(
                    status,
                    fault.error_code.as_deref(),
                    fault.retry_after_secs,
                )),
                None => Decision::Pass,
            };
        }
        let config = self.config();
        if !config.latency.is_zero() {
            tokio::time::sleep(config.latency).await;
        }
        if config.drop_rate > 0.0 && rand::random::<f64>() < config.drop_rate {
            return Decision::Drop;
        }
        if config.throttle_rate > 0.0 && rand::random::<f64>() < config.throttle_rate {
            return Decision::Respond(error_response(429, None, Some(config.retry_after_secs)));
        }
        if config.error_rate > 0.0 && rand::random::<f64>() < config.error_rate {
            return Decision::Respond(error_response(500, None, None));
        }
        Decision::Pass
    }
}

fn error_response(status: u16, code: Option<&str>, retry_after: Option<u64>) -> Response {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let default_code = if status == StatusCode::TOO_MANY_REQUESTS {
        "UCS.01000002"
    } else {
        "UCS.01000006"
    };
    let code = code.unwrap_or(default_code);
    // A scripted fault keeps the status it asked for; the message is the code's table message.
    let message = ucs_models::reference::error_code(code)
        .or_else(|| ucs_models::reference::error_code(default_code))
        .map_or("Server internal error.", |(_, m)| m);
    let body = serde_json::json!({
        "error_code": code,
        "error_msg": message,
    });
    let mut response = (status, Json(body)).into_response();
    let retry_after = retry_after.or((status == StatusCode::TOO_MANY_REQUESTS).then_some(1));
    if let Some(secs) = retry_after {
        if let Ok(v) = HeaderValue::from_str(&secs.to_string()) {
            response.headers_mut().insert("retry-after", v);
        }
    }
    response
}
