//! `ClientOptions`: everything a `UcsClient` is built from, as one record with defaults.

use ucs_sdk::{ClientBuilder, SecretString};

use crate::Result;

// Secrets cross as plain strings but are `Secret` objects on the other side, whose
// `toString()`/`description` never show the value (see uniffi.toml).
uniffi::custom_type!(SecretString, String, {
    remote,
    lower: |secret| secret.expose().to_owned(),
    try_lift: |text| Ok(SecretString::new(text)),
});

/// How to reach and authenticate to UCS; every field is optional.
///
/// Credentials, in order of precedence: `token`; `user` + `password` (+ `domainName`);
/// `ak` + `sk` (+ `securityToken` for temporary credentials).
#[derive(Debug, Clone, Default, uniffi::Record)]
pub struct ClientOptions {
    /// UCS endpoint (an emulator: `http://127.0.0.1:PORT`); defaults to the China site.
    #[uniffi(default)]
    pub endpoint: Option<String>,
    /// Access key id.
    #[uniffi(default)]
    pub ak: Option<String>,
    /// Secret access key.
    #[uniffi(default)]
    pub sk: Option<SecretString>,
    /// Account id (`X-Domain-Id`); resolved through IAM when missing.
    #[uniffi(default)]
    pub domain_id: Option<String>,
    /// Project id (HSS); resolved through IAM when missing.
    #[uniffi(default)]
    pub project_id: Option<String>,
    /// Security token of temporary AK/SK credentials.
    #[uniffi(default)]
    pub security_token: Option<SecretString>,
    /// A ready IAM token.
    #[uniffi(default)]
    pub token: Option<SecretString>,
    /// IAM user name (password credentials).
    #[uniffi(default)]
    pub user: Option<String>,
    /// IAM password.
    #[uniffi(default)]
    pub password: Option<SecretString>,
    /// Account name of the IAM user.
    #[uniffi(default)]
    pub domain_name: Option<String>,
    /// Region (HSS, IAM, Karmada gateway).
    #[uniffi(default)]
    pub region: Option<String>,
    /// HSS endpoint; defaults from the region.
    #[uniffi(default)]
    pub hss_endpoint: Option<String>,
    /// IAM endpoint; defaults from the region.
    #[uniffi(default)]
    pub iam_endpoint: Option<String>,
    /// Karmada gateway template with `{fleet}` and `{region}`.
    #[uniffi(default)]
    pub karmada_endpoint: Option<String>,
    /// Deadline of a whole call (retries included), in milliseconds.
    #[uniffi(default)]
    pub timeout_ms: Option<u64>,
    /// Retries after the first attempt (default 3; 0 switches retries off).
    #[uniffi(default)]
    pub max_retries: Option<u32>,
    /// Verify TLS certificates (default true).
    #[uniffi(default)]
    pub verify_tls: Option<bool>,
    /// Extra CA bundle (PEM file).
    #[uniffi(default)]
    pub ca_file: Option<String>,
    /// HTTP(S) proxy URL.
    #[uniffi(default)]
    pub proxy: Option<String>,
    /// Largest successful response body read, in bytes (default 64 MiB).
    #[uniffi(default)]
    pub max_response_bytes: Option<u64>,
}

impl ClientOptions {
    /// The core builder these options describe (built by the bridge every binding shares).
    pub(crate) fn builder(&self) -> Result<ClientBuilder> {
        let o = self.clone();
        let options = ucs_bridge::Options {
            endpoint: o.endpoint,
            ak: o.ak,
            sk: o.sk,
            domain_id: o.domain_id,
            project_id: o.project_id,
            security_token: o.security_token,
            token: o.token,
            user: o.user,
            password: o.password,
            domain_name: o.domain_name,
            region: o.region,
            hss_endpoint: o.hss_endpoint,
            iam_endpoint: o.iam_endpoint,
            karmada_endpoint: o.karmada_endpoint,
            timeout_ms: o.timeout_ms,
            max_retries: o.max_retries,
            verify: o.verify_tls,
            ca_file: o.ca_file,
            proxy: o.proxy,
            from_env: false,
            user_agent: Some("uniffi".to_owned()),
            max_response_bytes: o.max_response_bytes,
        };
        Ok(options.builder()?)
    }
}
