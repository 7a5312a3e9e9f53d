//! A local Huawei Cloud UCS, HSS and IAM emulator: real HTTP, real state, the reference's errors.
//!
//! Start it in-process on port 0 with [`start`], or as a process with `ucs emulator`. One base URL
//! serves UCS (`/v1`), HSS (`/v5`), IAM (`/v3`), a Karmada gateway per federated fleet under
//! `/karmada/{fleet}/` (or by the fleet's gateway host name; also over TLS on a second port, see
//! [`Emulator::gateway_url`]), and control endpoints under
//! `/_emulator/` (`reset`, `state`, `faults`, `faults/next`, `log`, and per cluster `freeze`,
//! `unfreeze`, `connect`, `disconnect`).

mod auth;
mod config;
mod error;
mod extract;
mod faults;
mod federation;
mod ids;
mod karmada;
mod kubeconfig;
mod listing;
mod middleware;
mod persist;
mod policy_jobs;
mod request_log;
mod routes;
mod server;
mod state;
mod tls;
mod validation;

pub use config::demo_federation_connection;
pub use config::{
    AuthMode, EmulatorConfig, EmulatorCredential, FaultConfig, RequestLogTarget, DEMO_AK,
    DEMO_DOMAIN_ID, DEMO_DOMAIN_NAME, DEMO_IDP_ID, DEMO_PASSWORD, DEMO_PROJECT_ID, DEMO_SK,
    DEMO_USER,
};
pub use server::{start, Emulator};

/// Why the emulator could not start.
#[derive(Debug, thiserror::Error)]
pub enum EmulatorError {
    /// The listen address could not be bound.
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        /// The address asked for.
        addr: std::net::SocketAddr,
        /// The operating system's reason.
        source: std::io::Error,
    },
    /// The state file exists but cannot be read or parsed.
    #[error("cannot load state file {path}: {reason}")]
    State {
        /// The state file.
        path: std::path::PathBuf,
        /// What went wrong.
        reason: String,
    },
    /// A configuration value is invalid.
    #[error("invalid emulator configuration `{field}`: {reason}")]
    Config {
        /// The option at fault.
        field: &'static str,
        /// Why it is refused.
        reason: String,
    },
    /// The gateway's CA or server certificate could not be made.
    #[error("cannot set up the gateway's TLS: {0}")]
    Tls(String),
}

/// A fresh random control token (for [`EmulatorConfig::control_token`]).
pub fn generate_control_token() -> String {
    ids::new_token("ctl-")
}

/// The demo credentials as one JSON object: `{"ak","sk","domain_id","project_id","user","password","domain_name","idp_id"}`.
///
/// `ucs emulator` prints it as its second line so that tests in other languages can sign requests.
pub fn demo_credentials_json() -> String {
    serde_json::json!({
        "ak": DEMO_AK,
        "sk": DEMO_SK,
        "domain_id": DEMO_DOMAIN_ID,
        "project_id": DEMO_PROJECT_ID,
        "user": DEMO_USER,
        "password": DEMO_PASSWORD,
        "domain_name": DEMO_DOMAIN_NAME,
        "idp_id": DEMO_IDP_ID,
    })
    .to_string()
}
