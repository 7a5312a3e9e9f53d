//! What a federation kubeconfig's current context names: the gateway, its CA, the bearer token.

use base64::Engine as _;

use crate::config::Config;
use crate::error::{Error, Result};
use crate::models::Kubeconfig;
use crate::secret::SecretString;

/// The gateway a kubeconfig opens.
pub(super) struct Target {
    /// Server URL without a trailing slash.
    pub server: String,
    pub token: SecretString,
    /// PEM (or DER) bytes of `certificate-authority-data`.
    ca: Option<Vec<u8>>,
    insecure: bool,
}

impl Target {
    /// The current context's cluster and user (the only ones, when there is no current context).
    pub(super) fn of(kubeconfig: &Kubeconfig) -> Result<Self> {
        let doc = &kubeconfig.0;
        let context =
            match doc.current_context.as_deref().filter(|c| !c.is_empty()) {
                Some(name) => Some(doc.contexts.iter().find(|c| c.name == name).ok_or_else(
                    || {
                        Error::invalid(
                            "kubeconfig.current-context",
                            format!("no context named {name:?}"),
                        )
                    },
                )?),
                None => doc.contexts.first(),
            };
        let cluster_name = context.and_then(|c| c.context.cluster.as_deref());
        let user_name = context.and_then(|c| c.context.user.as_deref());
        let cluster = match cluster_name {
            Some(name) => doc
                .clusters
                .iter()
                .find(|c| c.name == name)
                .ok_or_else(|| {
                    Error::invalid("kubeconfig.clusters", format!("no cluster named {name:?}"))
                })?,
            None => doc
                .clusters
                .first()
                .ok_or_else(|| Error::invalid("kubeconfig.clusters", "is empty"))?,
        };
        let user = match user_name {
            Some(name) => doc.users.iter().find(|u| u.name == name).ok_or_else(|| {
                Error::invalid("kubeconfig.users", format!("no user named {name:?}"))
            })?,
            None => doc
                .users
                .first()
                .ok_or_else(|| Error::invalid("kubeconfig.users", "is empty"))?,
        };
        let server = cluster
            .cluster
            .server
            .as_deref()
            .filter(|s| !s.is_empty())
            .ok_or_else(|| Error::invalid("kubeconfig.clusters[].cluster.server", "is missing"))?;
        let url = url::Url::parse(server).map_err(|e| {
            Error::invalid(
                "kubeconfig.clusters[].cluster.server",
                format!("{server:?} is not a URL: {e}"),
            )
        })?;
        if !matches!(url.scheme(), "http" | "https") {
            return Err(Error::invalid(
                "kubeconfig.clusters[].cluster.server",
                "must be an http:// or https:// URL",
            ));
        }
        // Only bearer tokens: the gateway takes nothing else (no client certificates).
        let token = user.user["token"]
            .as_str()
            .filter(|t| !t.is_empty())
            .ok_or_else(|| {
                Error::invalid(
                    "kubeconfig.users[].user.token",
                    "is missing (the gateway needs a bearer token)",
                )
            })?;
        let ca = match cluster.cluster.certificate_authority_data.as_deref() {
            Some(data) if !data.trim().is_empty() => Some(
                base64::engine::general_purpose::STANDARD
                    .decode(data.trim())
                    .map_err(|e| {
                        Error::invalid(
                            "kubeconfig.clusters[].cluster.certificate-authority-data",
                            format!("is not base64: {e}"),
                        )
                    })?,
            ),
            _ => None,
        };
        Ok(Self {
            server: server.trim_end_matches('/').to_owned(),
            token: SecretString::new(token),
            ca,
            insecure: cluster.cluster.insecure_skip_tls_verify == Some(true),
        })
    }

    /// A transport of its own when the kubeconfig brings a CA or skips verification, as kubectl
    /// would; `None` (the client's transport) otherwise.
    pub(super) fn transport(&self, config: &Config) -> Result<Option<reqwest::Client>> {
        if self.ca.is_none() && !self.insecure {
            return Ok(None);
        }
        let mut builder = crate::client::http_builder(config)?;
        if self.insecure {
            builder = builder.tls_danger_accept_invalid_certs(true);
        }
        if let Some(ca) = &self.ca {
            let field = "kubeconfig.clusters[].cluster.certificate-authority-data";
            let certs = match reqwest::Certificate::from_pem_bundle(ca) {
                Ok(certs) if !certs.is_empty() => certs,
                _ => vec![reqwest::Certificate::from_der(ca).map_err(|e| {
                    Error::invalid(field, format!("is not a PEM or DER certificate: {e}"))
                })?],
            };
            for cert in certs {
                builder = builder.add_root_certificate(cert);
            }
        }
        builder.build().map(Some).map_err(|e| {
            Error::Config(format!("cannot build the HTTP client for the gateway: {e}"))
        })
    }
}
