//! `Options`: every way a binding can configure a client, as one record (JSON-decodable), and the
//! core client it builds. Shared by the Python, Node and uniffi bindings.

use std::time::Duration;

use serde::Deserialize;
use ucs_sdk::{Client, ClientBuilder, Credentials, Error, Result, SecretString};

/// How to reach and authenticate to UCS; every field is optional.
///
/// Credentials, in order of precedence: `token`; `user` + `password` (+ `domain_name`);
/// `ak` + `sk` (+ `security_token` for temporary credentials). With `from_env`, what is not given
/// is read from the environment and the profile file, as the official SDK does.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Options {
    /// UCS endpoint (an emulator: `http://127.0.0.1:PORT`); defaults to the China site.
    pub endpoint: Option<String>,
    /// Access key id.
    pub ak: Option<String>,
    /// Secret access key.
    pub sk: Option<SecretString>,
    /// Account id (`X-Domain-Id`); resolved through IAM when missing.
    pub domain_id: Option<String>,
    /// Project id (HSS); resolved through IAM when missing.
    pub project_id: Option<String>,
    /// Security token of temporary AK/SK credentials.
    pub security_token: Option<SecretString>,
    /// A ready IAM token.
    pub token: Option<SecretString>,
    /// IAM user name (password credentials).
    pub user: Option<String>,
    /// IAM password.
    pub password: Option<SecretString>,
    /// Account name of the IAM user.
    pub domain_name: Option<String>,
    /// Region (HSS, IAM, Karmada gateway).
    pub region: Option<String>,
    /// HSS endpoint; defaults from the region.
    pub hss_endpoint: Option<String>,
    /// IAM endpoint; defaults from the region.
    pub iam_endpoint: Option<String>,
    /// Karmada gateway template with `{fleet}` and `{region}`.
    pub karmada_endpoint: Option<String>,
    /// Deadline of a whole call (retries included), in milliseconds (default 120000).
    pub timeout_ms: Option<u64>,
    /// Retries after the first attempt (default 3; 0 switches retries off).
    pub max_retries: Option<u32>,
    /// Verify TLS certificates (default true).
    pub verify: Option<bool>,
    /// Extra CA bundle (PEM file).
    pub ca_file: Option<String>,
    /// HTTP(S) proxy URL.
    pub proxy: Option<String>,
    /// Read what is not given from the environment and the profile file.
    pub from_env: bool,
    /// Appended to the User-Agent (`python`, `node`, `uniffi`).
    pub user_agent: Option<String>,
    /// Largest successful response body read, in bytes (default 64 MiB).
    pub max_response_bytes: Option<u64>,
}

fn credentials(o: &Options) -> Result<Option<Credentials>> {
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
        (Some(_), None) => return Err(Error::invalid("password", "is needed with user")),
        (None, Some(_)) => return Err(Error::invalid("user", "is needed with password")),
        (None, None) => {}
    }
    Ok(match (&o.ak, &o.sk, &o.security_token) {
        (Some(ak), Some(sk), Some(token)) => Some(Credentials::temporary(
            ak.as_str(),
            sk.expose(),
            token.expose(),
        )),
        (Some(ak), Some(sk), None) => Some(Credentials::aksk(ak.as_str(), sk.expose())),
        (Some(_), None, _) => return Err(Error::invalid("sk", "is needed with ak")),
        (None, Some(_), _) => return Err(Error::invalid("ak", "is needed with sk")),
        (None, None, _) => None,
    })
}

impl Options {
    /// Decodes options from JSON, naming the refused field (a secret's value is never quoted).
    pub fn from_json(value: serde_json::Value) -> Result<Self> {
        serde_path_to_error::deserialize(value).map_err(|e| {
            let path = e.path().to_string();
            let field = if path == "." {
                "options".to_owned()
            } else {
                path
            };
            Error::invalid(field, e.into_inner().to_string())
        })
    }

    /// The core builder these options describe.
    pub fn builder(&self) -> Result<ClientBuilder> {
        let mut b = Client::builder();
        if let Some(suffix) = &self.user_agent {
            b = b.user_agent_suffix(suffix.clone());
        }
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
        if let Some(n) = o.max_response_bytes {
            b = b.max_response_bytes(n);
        }
        if let Some(verify) = o.verify {
            b = b.danger_skip_tls_verify(!verify);
        }
        if let Some(v) = o.ca_file {
            b = b.ca_file(v);
        }
        if let Some(v) = o.proxy {
            b = b.proxy(v);
        }
        if o.from_env {
            b = b.from_env()?;
        }
        Ok(b)
    }
}

/// What a client shows of itself (`repr`, `util.inspect`): never a secret.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Summary {
    /// The UCS endpoint, or `default`.
    pub endpoint: String,
    /// The credential kind: `token`, `password`, `aksk`, `env` or `none`.
    pub auth: &'static str,
    /// The access key id's first four characters, with AK/SK credentials.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ak: Option<String>,
}

impl Options {
    /// The summary these options give a client.
    pub fn summary(&self) -> Summary {
        let auth = if self.token.is_some() {
            "token"
        } else if self.user.is_some() {
            "password"
        } else if self.ak.is_some() {
            "aksk"
        } else if self.from_env {
            "env"
        } else {
            "none"
        };
        let ak = self
            .ak
            .as_deref()
            .filter(|_| auth == "aksk")
            .map(|ak| format!("{}...", ak.chars().take(4).collect::<String>()));
        Summary {
            endpoint: self
                .endpoint
                .clone()
                .unwrap_or_else(|| "default".to_owned()),
            auth,
            ak,
        }
    }
}

/// Builds the core client `options` describe.
pub fn build_client(options: &Options) -> Result<Client> {
    options.builder()?.build()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn max_response_bytes_reaches_the_core() {
        let o =
            Options::from_json(serde_json::json!({"max_response_bytes": 1024})).expect("options");
        assert_eq!(
            o.builder().expect("builder").config().max_response_bytes,
            1024
        );
        let o = Options::from_json(serde_json::json!({})).expect("options");
        assert_eq!(
            o.builder().expect("builder").config().max_response_bytes,
            64 * 1024 * 1024
        );
    }
}
