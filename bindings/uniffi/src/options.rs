//! `ClientOptions`: everything a `UcsClient` is built from, as one record with defaults.

use std::time::Duration;

use ucs_sdk::{Client, ClientBuilder, Credentials, SecretString};

use crate::{Result, UcsError};

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
}

fn credentials(o: &ClientOptions) -> Result<Option<Credentials>> {
    if let Some(token) = &o.token {
        return Ok(Some(Credentials::token(token.expose())));
    }
    match (&o.user, &o.password) {
        (Some(user), Some(password)) => {
            return Ok(Some(Credentials::password(
                user.as_str(),
                password.expose(),
                o.domain_name.clone().unwrap_or_default(),
            )))
        }
        (Some(_), None) => return Err(UcsError::invalid("password", "is needed with user")),
        (None, Some(_)) => return Err(UcsError::invalid("user", "is needed with password")),
        (None, None) => {}
    }
    Ok(match (&o.ak, &o.sk, &o.security_token) {
        (Some(ak), Some(sk), Some(token)) => Some(Credentials::temporary(
            ak.as_str(),
            sk.expose(),
            token.expose(),
        )),
        (Some(ak), Some(sk), None) => Some(Credentials::aksk(ak.as_str(), sk.expose())),
        (Some(_), None, _) => return Err(UcsError::invalid("sk", "is needed with ak")),
        (None, Some(_), _) => return Err(UcsError::invalid("ak", "is needed with sk")),
        (None, None, _) => None,
    })
}

impl ClientOptions {
    /// The core builder these options describe.
    pub(crate) fn builder(&self) -> Result<ClientBuilder> {
        let mut b = Client::builder().user_agent_suffix("uniffi");
        if let Some(c) = credentials(self)? {
            b = b.credentials(c);
        }
        let o = self.clone();
        if let Some(v) = o.endpoint {
            b = b.endpoint(v);
        }
        if let Some(v) = o.domain_id {
            b = b.domain_id(v);
        }
        if let Some(v) = o.project_id {
            b = b.project_id(v);
        }
        if let Some(v) = o.region {
            b = b.region(v);
        }
        if let Some(v) = o.hss_endpoint {
            b = b.hss_endpoint(v);
        }
        if let Some(v) = o.iam_endpoint {
            b = b.iam_endpoint(v);
        }
        if let Some(v) = o.karmada_endpoint {
            b = b.karmada_endpoint(v);
        }
        if let Some(ms) = o.timeout_ms {
            b = b.call_timeout(Duration::from_millis(ms));
        }
        if let Some(n) = o.max_retries {
            b = b.max_retries(n);
        }
        if let Some(verify) = o.verify_tls {
            b = b.danger_skip_tls_verify(!verify);
        }
        if let Some(v) = o.ca_file {
            b = b.ca_file(v);
        }
        if let Some(v) = o.proxy {
            b = b.proxy(v);
        }
        Ok(b)
    }
}
