//! The Karmada gateway of a federated fleet (reference chapter 4): plain Kubernetes REST with a
//! bearer token, at `https://{fleet}.fleet.ucs.{region}-dev.myhuaweicloud.com/{uri}`.

use std::fmt;

use http::Method;
use percent_encoding::percent_decode_str;
use serde_json::Value;

use crate::client::{body_of, Client};
use crate::error::{Error, Result};
use crate::secret::SecretString;
use crate::transport::{AuthMode, Request};

/// A client for one fleet's Karmada gateway; get one with [`Client::karmada`].
#[derive(Clone)]
pub struct Karmada {
    client: Client,
    base: String,
    token: SecretString,
}

impl fmt::Debug for Karmada {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Karmada")
            .field("base", &self.base)
            .field("token", &"***")
            .finish()
    }
}

impl Karmada {
    pub(crate) fn new(client: Client, fleet_name: &str, token: SecretString) -> Result<Self> {
        crate::validate::length("fleet_name", fleet_name, 1, crate::validate::NAME_MAX)?;
        if !fleet_name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        {
            return Err(Error::invalid(
                "fleet_name",
                "must be letters, digits and '-' (it is a host name)",
            ));
        }
        if token.is_empty() {
            return Err(Error::invalid("bearer_token", "must not be empty"));
        }
        let base = client.inner.config.karmada_base(fleet_name)?;
        Ok(Self {
            client,
            base,
            token,
        })
    }

    /// The gateway base URL.
    pub fn base_url(&self) -> &str {
        &self.base
    }

    /// Sends any Kubernetes REST request; `uri` is relative, e.g.
    /// `apis/apps/v1/namespaces/default/deployments`, and may carry a query.
    pub async fn request(&self, method: Method, uri: &str, body: Option<&Value>) -> Result<Value> {
        let (path, query) = uri.split_once('?').unwrap_or((uri, ""));
        let path = format!("/{}", path.trim_start_matches('/'));
        let mut req = Request::new(
            method.clone(),
            self.base.clone(),
            path,
            AuthMode::Bearer(self.token.clone()),
        );
        req.query = query
            .split('&')
            .filter(|p| !p.is_empty())
            .map(|p| {
                let (k, v) = p.split_once('=').unwrap_or((p, ""));
                let dec = |s: &str| {
                    percent_decode_str(&s.replace('+', " "))
                        .decode_utf8_lossy()
                        .into_owned()
                };
                (dec(k), dec(v))
            })
            .collect();
        if method == Method::PATCH {
            req.content_type = "application/merge-patch+json";
        }
        if let Some(b) = body {
            req.body = Some(body_of(b)?);
        }
        let resp = self.client.send(req).await?;
        if resp.body.is_empty() {
            return Ok(Value::Null);
        }
        resp.json()
    }

    /// `GET`: one object or a list.
    pub async fn get(&self, uri: &str) -> Result<Value> {
        self.request(Method::GET, uri, None).await
    }

    /// `POST`: creates an object.
    pub async fn create(&self, uri: &str, object: &Value) -> Result<Value> {
        self.request(Method::POST, uri, Some(object)).await
    }

    /// `PUT`: replaces an object.
    pub async fn replace(&self, uri: &str, object: &Value) -> Result<Value> {
        self.request(Method::PUT, uri, Some(object)).await
    }

    /// `PATCH` with a JSON merge patch.
    pub async fn patch(&self, uri: &str, patch: &Value) -> Result<Value> {
        self.request(Method::PATCH, uri, Some(patch)).await
    }

    /// `DELETE`.
    pub async fn delete(&self, uri: &str) -> Result<Value> {
        self.request(Method::DELETE, uri, None).await
    }
}
