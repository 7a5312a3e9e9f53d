//! The Karmada gateway of a federated fleet (reference chapter 4): plain Kubernetes REST with a
//! bearer token, at `https://{fleet}.fleet.ucs.{region}-dev.myhuaweicloud.com/{uri}`.

mod kubeconfig;
mod params;
mod resource;

use std::fmt;

use http::Method;
use percent_encoding::percent_decode_str;
use serde_json::Value;

use crate::client::{body_of, Client};
use crate::error::{Error, Result};
use crate::models::Kubeconfig;
use crate::secret::SecretString;
use crate::transport::{AuthMode, Request};

pub use params::ListParams;
pub use resource::Resource;

/// How gateway requests are authenticated.
#[derive(Clone)]
enum Auth {
    /// A bearer token (a kubeconfig's, or a ServiceAccount's).
    Bearer(SecretString),
    /// The client's IAM token, fetched (and refreshed) through [`crate::ops::Iam::token`].
    Iam,
}

/// What [`Karmada::apply`] did: the object as the gateway answered, and whether it was created
/// (else replaced).
#[derive(Debug, Clone)]
pub struct Applied {
    /// The created or replaced object.
    pub object: Value,
    /// `true` when created, `false` when an existing object was replaced.
    pub created: bool,
}

/// A client for one fleet's Karmada gateway; get one with [`Client::karmada`],
/// [`Client::karmada_from_kubeconfig`] or [`Client::karmada_with_iam`].
#[derive(Clone)]
pub struct Karmada {
    client: Client,
    base: String,
    auth: Auth,
    /// A transport trusting the kubeconfig's CA, when it names one.
    http: Option<reqwest::Client>,
}

impl fmt::Debug for Karmada {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let auth = match self.auth {
            Auth::Bearer(_) => "bearer ***",
            Auth::Iam => "iam",
        };
        f.debug_struct("Karmada")
            .field("base", &self.base)
            .field("auth", &auth)
            .field("own_ca", &self.http.is_some())
            .finish()
    }
}

/// Refuses a fleet name that cannot be a host name label.
fn check_fleet_name(fleet_name: &str) -> Result<()> {
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
    Ok(())
}

impl Karmada {
    pub(crate) fn new(client: Client, fleet_name: &str, token: SecretString) -> Result<Self> {
        check_fleet_name(fleet_name)?;
        if token.is_empty() {
            return Err(Error::invalid("bearer_token", "must not be empty"));
        }
        let base = client.inner.config.karmada_base(fleet_name)?;
        Ok(Self {
            client,
            base,
            auth: Auth::Bearer(token),
            http: None,
        })
    }

    pub(crate) fn with_iam(client: Client, fleet_name: &str) -> Result<Self> {
        check_fleet_name(fleet_name)?;
        let base = client.inner.config.karmada_base(fleet_name)?;
        Ok(Self {
            client,
            base,
            auth: Auth::Iam,
            http: None,
        })
    }

    pub(crate) fn from_kubeconfig(client: Client, kubeconfig: &Kubeconfig) -> Result<Self> {
        let target = kubeconfig::Target::of(kubeconfig)?;
        let http = target.transport(&client.inner.config)?;
        Ok(Self {
            client,
            base: target.server,
            auth: Auth::Bearer(target.token),
            http,
        })
    }

    /// The gateway base URL.
    pub fn base_url(&self) -> &str {
        &self.base
    }

    /// Sends any Kubernetes REST request; `uri` is relative, e.g.
    /// `apis/apps/v1/namespaces/default/deployments`, and may carry a query.
    pub async fn request(&self, method: Method, uri: &str, body: Option<&Value>) -> Result<Value> {
        self.send(method, uri, Vec::new(), body).await
    }

    /// `uri` (its own query kept) with `extra` query pairs added.
    async fn send(
        &self,
        method: Method,
        uri: &str,
        extra: Vec<(String, String)>,
        body: Option<&Value>,
    ) -> Result<Value> {
        let (path, query) = uri.split_once('?').unwrap_or((uri, ""));
        let path = format!("/{}", path.trim_start_matches('/'));
        let token = match &self.auth {
            Auth::Bearer(t) => t.clone(),
            Auth::Iam => self.client.iam().token().await?,
        };
        let mut req = Request::new(
            method.clone(),
            self.base.clone(),
            path,
            AuthMode::Bearer(token),
        );
        req.http = self.http.clone();
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
        req.query.extend(extra);
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

    /// Creates `object` in `collection` (a relative URI), or, when it exists (`409
    /// AlreadyExists`), replaces it at its live `resourceVersion`.
    pub async fn apply(&self, collection: &str, object: &Value) -> Result<Applied> {
        let name = object["metadata"]["name"]
            .as_str()
            .ok_or_else(|| Error::invalid("metadata.name", "is required to apply an object"))?;
        let item = format!(
            "{}/{}",
            collection.trim_end_matches('/'),
            resource::segment("name", name)?
        );
        match self.create(collection, object).await {
            Ok(object) => Ok(Applied {
                object,
                created: true,
            }),
            Err(Error::Api(e)) if e.status == 409 && e.code == "AlreadyExists" => {
                let live = self.get(&item).await?;
                let mut next = object.clone();
                next["metadata"]["resourceVersion"] = live["metadata"]["resourceVersion"].clone();
                Ok(Applied {
                    object: self.replace(&item, &next).await?,
                    created: false,
                })
            }
            Err(e) => Err(e),
        }
    }

    /// `GET`: one object or a list.
    pub async fn get(&self, uri: &str) -> Result<Value> {
        self.request(Method::GET, uri, None).await
    }

    /// `GET` of a collection with selectors and paging (`labelSelector`, `fieldSelector`,
    /// `limit`, `continue`), each percent-encoded.
    pub async fn list(&self, uri: &str, params: &ListParams) -> Result<Value> {
        self.send(Method::GET, uri, params.query()?, None).await
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

    /// Any namespaced kind: `resource("apps/v1", "deployments", "default")`; `group_version`
    /// `v1` is the core group (`api/v1`).
    pub fn resource(&self, group_version: &str, plural: &str, namespace: &str) -> Result<Resource> {
        Resource::new(self.clone(), group_version, plural, namespace)
    }

    /// `apps/v1` Deployments in `namespace`.
    pub fn deployments(&self, namespace: &str) -> Result<Resource> {
        self.resource("apps/v1", "deployments", namespace)
    }

    /// Karmada `policy.karmada.io/v1alpha1` PropagationPolicies in `namespace`.
    pub fn propagation_policies(&self, namespace: &str) -> Result<Resource> {
        self.resource(
            "policy.karmada.io/v1alpha1",
            "propagationpolicies",
            namespace,
        )
    }
}

impl Client {
    /// A client for a federated fleet's Karmada gateway, authenticated by a bearer token.
    pub fn karmada(&self, fleet_name: &str, bearer_token: impl Into<String>) -> Result<Karmada> {
        Karmada::new(self.clone(), fleet_name, SecretString::new(bearer_token))
    }

    /// The gateway a federation kubeconfig (`fleets().download_federation_kubeconfig`) opens:
    /// server, bearer token and CA of its current context; nothing else of this client's
    /// configuration but its transport options (proxy, timeouts, retries).
    pub fn karmada_from_kubeconfig(&self, kubeconfig: &Kubeconfig) -> Result<Karmada> {
        Karmada::from_kubeconfig(self.clone(), kubeconfig)
    }

    /// The gateway of `fleet_name` authenticated by this client's IAM token
    /// ([`crate::ops::Iam::token`]: token or user/password credentials), sent as the bearer.
    pub fn karmada_with_iam(&self, fleet_name: &str) -> Result<Karmada> {
        Karmada::with_iam(self.clone(), fleet_name)
    }
}
