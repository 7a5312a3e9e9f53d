//! Emulator configuration: listen address, auth, credentials, quotas, timing, persistence, faults.

use std::net::{Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::time::Duration;

use crate::EmulatorError;

/// The demo access key the emulator accepts by default (documented in the README).
pub const DEMO_AK: &str = "UCSEMULATORDEMOAK000";
/// The demo secret key paired with [`DEMO_AK`].
pub const DEMO_SK: &str = "ucs-emulator-demo-secret-key-0000000000";
/// The account (domain) id of the demo credential.
pub const DEMO_DOMAIN_ID: &str = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";
/// The project id of the demo credential (HSS paths and `X-Project-Id` carry it).
pub const DEMO_PROJECT_ID: &str = "9f8e7d6c5b4a39281706f5e4d3c2b1a0";
/// The IAM user name accepted for password tokens.
pub const DEMO_USER: &str = "demo-user";
/// The IAM password of [`DEMO_USER`].
pub const DEMO_PASSWORD: &str = "demo-password";
/// The account name [`DEMO_USER`] belongs to.
pub const DEMO_DOMAIN_NAME: &str = "demo-account";
/// The identity provider id (`X-Idp-Id`) accepted for federated OpenID Connect id tokens.
pub const DEMO_IDP_ID: &str = "demo-idp";

/// A federation connection the emulator accepts for the demo account (its project, a VPC and a
/// subnet): `download_federation_kubeconfig` needs one first (reference 3.2.16).
pub fn demo_federation_connection() -> ucs_models::models::FederationConnectionRequest {
    ucs_models::models::FederationConnectionRequest {
        project_id: DEMO_PROJECT_ID.into(),
        vpc_id: "vpc-1".into(),
        subnet_id: "subnet-1".into(),
    }
}

/// Whether requests must be authenticated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum AuthMode {
    /// AK/SK signature by a known credential, or a token the emulator issued.
    #[default]
    Signed,
    /// Every request is accepted as the first credential's account.
    None,
}

/// An AK/SK pair the emulator accepts, with the account and project it belongs to.
#[derive(Clone, PartialEq, Eq)]
pub struct EmulatorCredential {
    /// Access key.
    pub ak: String,
    /// Secret key (never printed).
    pub sk: String,
    /// Account (domain) id.
    pub domain_id: String,
    /// Project id that HSS paths and `X-Project-Id` must carry.
    pub project_id: String,
}

impl std::fmt::Debug for EmulatorCredential {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EmulatorCredential")
            .field("ak", &self.ak)
            .field("sk", &"<redacted>")
            .field("domain_id", &self.domain_id)
            .field("project_id", &self.project_id)
            .finish()
    }
}

impl EmulatorCredential {
    /// The demo credential.
    pub fn demo() -> Self {
        Self {
            ak: DEMO_AK.to_owned(),
            sk: DEMO_SK.to_owned(),
            domain_id: DEMO_DOMAIN_ID.to_owned(),
            project_id: DEMO_PROJECT_ID.to_owned(),
        }
    }

    /// Parses `AK:SK[:DOMAIN_ID[:PROJECT_ID]]`; missing ids default to the demo ones.
    pub fn parse(spec: &str) -> Result<Self, EmulatorError> {
        let parts: Vec<&str> = spec.split(':').collect();
        let invalid = |reason: &str| EmulatorError::Config {
            field: "credential",
            reason: reason.to_owned(),
        };
        if !(2..=4).contains(&parts.len()) {
            return Err(invalid("expected AK:SK[:DOMAIN_ID[:PROJECT_ID]]"));
        }
        if parts.iter().any(|p| p.is_empty()) {
            return Err(invalid("AK, SK and the ids must not be empty"));
        }
        Ok(Self {
            ak: parts[0].to_owned(),
            sk: parts[1].to_owned(),
            domain_id: parts.get(2).unwrap_or(&DEMO_DOMAIN_ID).to_string(),
            project_id: parts.get(3).unwrap_or(&DEMO_PROJECT_ID).to_string(),
        })
    }
}

/// Random faults applied to API requests (never to `/_emulator/`).
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct FaultConfig {
    /// Share of requests answered 500 `UCS.01000006` (0.0 to 1.0).
    pub error_rate: f64,
    /// Share of requests answered 429 with `Retry-After`.
    pub throttle_rate: f64,
    /// The `Retry-After` seconds sent with a 429.
    pub retry_after_secs: u64,
    /// Extra latency before every answer (`latency_ms` on the wire).
    #[serde(with = "millis", rename = "latency_ms", alias = "latency")]
    pub latency: Duration,
    /// Share of connections closed without an answer.
    pub drop_rate: f64,
}

impl FaultConfig {
    pub(crate) fn check(&self) -> Result<(), EmulatorError> {
        for (field, rate) in [
            ("fault error_rate", self.error_rate),
            ("fault throttle_rate", self.throttle_rate),
            ("fault drop_rate", self.drop_rate),
        ] {
            if !(0.0..=1.0).contains(&rate) {
                return Err(EmulatorError::Config {
                    field,
                    reason: format!("must be between 0 and 1 (got {rate})"),
                });
            }
        }
        Ok(())
    }
}

mod millis {
    //! `Duration` as whole milliseconds on the wire (`latency_ms` style).
    use std::time::Duration;

    pub fn serialize<S: serde::Serializer>(d: &Duration, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u64(u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
    }

    pub fn deserialize<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Duration, D::Error> {
        let ms: u64 = serde::Deserialize::deserialize(d)?;
        Ok(Duration::from_millis(ms))
    }
}

/// Where the structured (JSON lines) request log goes; it is also kept in memory for `/_emulator/log`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RequestLogTarget {
    /// Standard error.
    Stderr,
    /// A file, appended to.
    File(PathBuf),
}

/// Everything the emulator can be told at start.
#[derive(Clone)]
pub struct EmulatorConfig {
    /// Address to bind; port 0 picks a free port.
    pub listen: SocketAddr,
    /// Whether requests must be authenticated.
    pub auth: AuthMode,
    /// Accepted AK/SK credentials; the first is the account used with [`AuthMode::None`].
    pub credentials: Vec<EmulatorCredential>,
    /// Per-account limit of clusters, of fleets and of rules (the reference's default is 50).
    pub quota: usize,
    /// Most clusters one fleet holds; more answer 400 `UCS.01100006`.
    pub fleet_cluster_limit: usize,
    /// How long enabling federation takes from start to `Success`.
    pub federation_duration: Duration,
    /// Persist the state here (loaded at start, written atomically after every change).
    pub state_file: Option<PathBuf>,
    /// Random faults.
    pub faults: FaultConfig,
    /// Clusters registered at start (for benchmarks and demos).
    pub seed_clusters: usize,
    /// Structured request log destination.
    pub request_log: Option<RequestLogTarget>,
    /// When set, `/_emulator/*` requests must carry it in `X-Emulator-Token` (never printed by
    /// `Debug`). `ucs emulator` sets one for listen addresses other than loopback.
    pub control_token: Option<String>,
    /// Connections served at once; further ones are closed as soon as they are accepted.
    pub max_connections: usize,
    /// How long a client may take to send a request's headers before its connection is closed;
    /// also how long an idle keep-alive connection is kept. Longer than reqwest's 90 s pool idle
    /// time, so a client never writes into a connection the emulator is closing.
    pub header_read_timeout: Duration,
    /// Largest body of an authenticated request (and of one whose signature covers a declared
    /// `X-Sdk-Content-Sha256`, which can be checked before the body is read).
    pub max_body: usize,
    /// Largest body read before the caller is authenticated (an AK/SK signature over the body
    /// itself, the IAM token request, the control endpoints).
    pub max_unauthenticated_body: usize,
    /// Lifetime of IAM tokens from `POST /v3/auth/tokens` (the service's is 24 hours).
    pub iam_token_ttl: Duration,
    /// Registered attached clusters connect at once (true, the default, so a script can register
    /// and join right away); false keeps them `Pending` until `POST /_emulator/clusters/{id}/connect`.
    pub auto_connect: bool,
}

impl std::fmt::Debug for EmulatorConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EmulatorConfig")
            .field("listen", &self.listen)
            .field("auth", &self.auth)
            .field("credentials", &self.credentials)
            .field("quota", &self.quota)
            .field("fleet_cluster_limit", &self.fleet_cluster_limit)
            .field("federation_duration", &self.federation_duration)
            .field("state_file", &self.state_file)
            .field("faults", &self.faults)
            .field("seed_clusters", &self.seed_clusters)
            .field("request_log", &self.request_log)
            .field(
                "control_token",
                &self.control_token.as_ref().map(|_| "<redacted>"),
            )
            .field("max_connections", &self.max_connections)
            .field("header_read_timeout", &self.header_read_timeout)
            .field("max_body", &self.max_body)
            .field("max_unauthenticated_body", &self.max_unauthenticated_body)
            .field("iam_token_ttl", &self.iam_token_ttl)
            .field("auto_connect", &self.auto_connect)
            .finish()
    }
}

impl EmulatorConfig {
    pub(crate) fn check(&self) -> Result<(), EmulatorError> {
        self.faults.check()?;
        let invalid = |field: &'static str, reason: &str| EmulatorError::Config {
            field,
            reason: reason.to_owned(),
        };
        if self.credentials.is_empty() {
            return Err(invalid("credentials", "at least one credential is needed"));
        }
        if self.max_connections == 0 {
            return Err(invalid("max_connections", "must be at least 1"));
        }
        if self.header_read_timeout.is_zero() {
            return Err(invalid("header_read_timeout", "must be more than zero"));
        }
        if self.max_unauthenticated_body > self.max_body {
            return Err(invalid(
                "max_unauthenticated_body",
                "must not be more than max_body",
            ));
        }
        if self.control_token.as_deref().is_some_and(str::is_empty) {
            return Err(invalid("control_token", "must not be empty"));
        }
        Ok(())
    }
}

impl Default for EmulatorConfig {
    fn default() -> Self {
        Self {
            listen: SocketAddr::from((Ipv4Addr::LOCALHOST, 0)),
            auth: AuthMode::Signed,
            credentials: vec![EmulatorCredential::demo()],
            quota: 50,
            fleet_cluster_limit: 50,
            federation_duration: Duration::from_secs(3),
            state_file: None,
            faults: FaultConfig::default(),
            seed_clusters: 0,
            request_log: None,
            control_token: None,
            max_connections: 1024,
            header_read_timeout: Duration::from_secs(120),
            max_body: 16 * 1024 * 1024,
            max_unauthenticated_body: 1024 * 1024,
            iam_token_ttl: Duration::from_secs(24 * 3600),
            auto_connect: true,
        }
    }
}
