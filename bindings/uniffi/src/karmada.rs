//! `client.karmada(fleetName, token)`: a federated fleet's Karmada gateway, JSON text in and out.
//!
//! Objects cross the FFI as JSON text (`String`) rather than records: Kubernetes kinds are open
//! ended, and Kotlin and Swift users already have a JSON library (kotlinx.serialization,
//! `JSONSerialization`/`Codable`). A Kubernetes `Status` error arrives as a `UcsError` case with
//! the Kubernetes reason (`NotFound`, `AlreadyExists`, ...) as `errorCode` and the HTTP `status`.

use std::sync::Arc;

use serde_json::Value;
use ucs_sdk::{Error, Method};

use crate::error::{guard, guarded};
use crate::Result;

/// Selectors and paging of a list call; every field is optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, uniffi::Record)]
pub struct ListParams {
    /// `app=web,tier in (a,b)`.
    #[uniffi(default)]
    pub label_selector: Option<String>,
    /// `metadata.name=web`.
    #[uniffi(default)]
    pub field_selector: Option<String>,
    /// Page size (1 or more).
    #[uniffi(default)]
    pub limit: Option<u32>,
    /// The `metadata.continue` of the previous page.
    #[uniffi(default)]
    pub continue_token: Option<String>,
}

impl From<ListParams> for ucs_sdk::karmada::ListParams {
    fn from(p: ListParams) -> Self {
        Self {
            label_selector: p.label_selector,
            field_selector: p.field_selector,
            limit: p.limit,
            continue_token: p.continue_token,
        }
    }
}

/// `text` as JSON; refused naming `field` (serde's message gives the position, not the text).
fn parse(field: &str, text: &str) -> Result<Value> {
    serde_json::from_str(text)
        .map_err(|e| Error::invalid(field, format!("is not JSON: {e}")).into())
}

/// The answer as compact JSON text (`null` for an empty body).
fn text(value: Value) -> String {
    value.to_string()
}

/// One fleet's Karmada gateway; get one with `client.karmada(fleetName, token)`,
/// `client.karmadaFromKubeconfig(kubeconfig)` or `client.karmadaWithIam(fleetName)`.
/// `toString()`/`description` show the base URL only, never the token.
#[derive(Debug, uniffi::Object)]
#[uniffi::export(Debug, Display)]
pub struct Karmada {
    inner: ucs_sdk::karmada::Karmada,
}

impl Karmada {
    pub(crate) fn new(inner: ucs_sdk::karmada::Karmada) -> Arc<Self> {
        Arc::new(Self { inner })
    }
}

impl std::fmt::Display for Karmada {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Karmada(baseUrl={})", self.inner.base_url())
    }
}

#[uniffi::export(async_runtime = "tokio")]
impl Karmada {
    /// The gateway base URL.
    pub fn base_url(&self) -> String {
        self.inner.base_url().to_owned()
    }

    /// Any Kubernetes REST call: `method` (`GET`, `POST`, `PUT`, `PATCH` as a JSON merge patch,
    /// `DELETE`, ...), `uri` relative to the gateway (it may carry a query), `body` JSON text.
    pub async fn request(
        &self,
        method: String,
        uri: String,
        body: Option<String>,
    ) -> Result<String> {
        guarded(async {
            let method = Method::from_bytes(method.as_bytes())
                .map_err(|_| Error::invalid("method", "must be an HTTP method such as GET"))?;
            let body = body.map(|b| parse("body", &b)).transpose()?;
            Ok(text(self.inner.request(method, &uri, body.as_ref()).await?))
        })
        .await
    }

    /// `GET`: one object or a list.
    pub async fn get(&self, uri: String) -> Result<String> {
        guarded(async { Ok(text(self.inner.get(&uri).await?)) }).await
    }

    /// `GET` of a collection with selectors and paging.
    pub async fn list(&self, uri: String, params: ListParams) -> Result<String> {
        guarded(async { Ok(text(self.inner.list(&uri, &params.into()).await?)) }).await
    }

    /// `POST`: creates the object `body` (JSON text).
    pub async fn create(&self, uri: String, body: String) -> Result<String> {
        guarded(async {
            let body = parse("body", &body)?;
            Ok(text(self.inner.create(&uri, &body).await?))
        })
        .await
    }

    /// `PUT`: replaces the object at `uri` by `body` (JSON text).
    pub async fn replace(&self, uri: String, body: String) -> Result<String> {
        guarded(async {
            let body = parse("body", &body)?;
            Ok(text(self.inner.replace(&uri, &body).await?))
        })
        .await
    }

    /// `PATCH` with a JSON merge patch (JSON text).
    pub async fn patch(&self, uri: String, merge_patch: String) -> Result<String> {
        guarded(async {
            let patch = parse("merge_patch", &merge_patch)?;
            Ok(text(self.inner.patch(&uri, &patch).await?))
        })
        .await
    }

    /// `DELETE`; answers the `Status` (or the object) as JSON text.
    pub async fn delete(&self, uri: String) -> Result<String> {
        guarded(async { Ok(text(self.inner.delete(&uri).await?)) }).await
    }

    /// Any namespaced kind: `resource("apps/v1", "deployments", "default")`; `groupVersion`
    /// `v1` is the core group.
    pub fn resource(
        &self,
        group_version: String,
        plural: String,
        namespace: String,
    ) -> Result<Arc<KarmadaResource>> {
        guard(|| {
            let inner = self.inner.resource(&group_version, &plural, &namespace)?;
            Ok(Arc::new(KarmadaResource { inner }))
        })
    }

    /// `apps/v1` Deployments in `namespace`.
    pub fn deployments(&self, namespace: String) -> Result<Arc<KarmadaResource>> {
        guard(|| {
            let inner = self.inner.deployments(&namespace)?;
            Ok(Arc::new(KarmadaResource { inner }))
        })
    }

    /// Karmada `policy.karmada.io/v1alpha1` PropagationPolicies in `namespace`.
    pub fn propagation_policies(&self, namespace: String) -> Result<Arc<KarmadaResource>> {
        guard(|| {
            let inner = self.inner.propagation_policies(&namespace)?;
            Ok(Arc::new(KarmadaResource { inner }))
        })
    }
}

/// One kind in one namespace of the gateway; objects are JSON text in and out.
#[derive(Debug, uniffi::Object)]
#[uniffi::export(Debug)]
pub struct KarmadaResource {
    inner: ucs_sdk::karmada::Resource,
}

#[uniffi::export(async_runtime = "tokio")]
impl KarmadaResource {
    /// The collection's URI relative to the gateway, e.g.
    /// `apis/apps/v1/namespaces/default/deployments`.
    pub fn uri(&self) -> String {
        self.inner.uri().to_owned()
    }

    /// Object `name`; a missing one is `NotFound` with `errorCode` `NotFound`.
    pub async fn get(&self, name: String) -> Result<String> {
        guarded(async { Ok(text(self.inner.get(&name).await?)) }).await
    }

    /// The objects matching `params`: a `...List` with `items`.
    pub async fn list(&self, params: ListParams) -> Result<String> {
        guarded(async { Ok(text(self.inner.list(&params.into()).await?)) }).await
    }

    /// Creates the object `body`; an existing name is `Conflict` with `errorCode` `AlreadyExists`.
    pub async fn create(&self, body: String) -> Result<String> {
        guarded(async {
            let body = parse("body", &body)?;
            Ok(text(self.inner.create(&body).await?))
        })
        .await
    }

    /// Replaces object `name`; a `metadata.resourceVersion` in `body` must be the live one.
    pub async fn replace(&self, name: String, body: String) -> Result<String> {
        guarded(async {
            let body = parse("body", &body)?;
            Ok(text(self.inner.replace(&name, &body).await?))
        })
        .await
    }

    /// Applies a JSON merge patch to object `name`.
    pub async fn patch(&self, name: String, merge_patch: String) -> Result<String> {
        guarded(async {
            let patch = parse("merge_patch", &merge_patch)?;
            Ok(text(self.inner.patch(&name, &patch).await?))
        })
        .await
    }

    /// Deletes object `name`; answers the `Status` as JSON text.
    pub async fn delete(&self, name: String) -> Result<String> {
        guarded(async { Ok(text(self.inner.delete(&name).await?)) }).await
    }

    /// Creates the object `body`, or replaces it at its live `resourceVersion` when it exists.
    pub async fn apply(&self, body: String) -> Result<String> {
        guarded(async {
            let body = parse("body", &body)?;
            Ok(text(self.inner.apply(&body).await?))
        })
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::UcsError;

    fn client() -> ucs_sdk::Client {
        ucs_sdk::Client::builder()
            .endpoint("http://127.0.0.1:9")
            .karmada_endpoint("http://127.0.0.1:9/karmada/{fleet}")
            .credentials(ucs_sdk::Credentials::aksk("AK", "SK"))
            .domain_id("d")
            .project_id("p")
            .build()
            .unwrap_or_else(|e| panic!("client: {e}"))
    }

    fn field(r: Result<String>) -> String {
        match r {
            Err(UcsError::InvalidArgument { field, .. }) => field,
            other => panic!("not an invalid argument: {other:?}"),
        }
    }

    #[test]
    fn text_forms_hide_the_token() {
        let k = Karmada::new(
            client()
                .karmada("fleet1", "tok-s3cr3t")
                .unwrap_or_else(|e| panic!("{e}")),
        );
        for text in [k.to_string(), format!("{k:?}")] {
            assert!(!text.contains("tok-s3cr3t"), "{text}");
        }
        assert_eq!(
            k.to_string(),
            "Karmada(baseUrl=http://127.0.0.1:9/karmada/fleet1)"
        );
    }

    #[tokio::test]
    async fn bad_json_and_methods_are_refused_naming_the_field() {
        let k = Karmada::new(
            client()
                .karmada("fleet1", "T")
                .unwrap_or_else(|e| panic!("{e}")),
        );
        let d = k
            .deployments("default".into())
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(field(d.create("{not json".into()).await), "body");
        assert_eq!(
            field(d.patch("web".into(), "[1,".into()).await),
            "merge_patch"
        );
        assert_eq!(
            field(k.request("NOT A METHOD".into(), "api".into(), None).await),
            "method"
        );
        assert_eq!(
            field(
                k.request("POST".into(), "api".into(), Some("x".into()))
                    .await
            ),
            "body"
        );
        assert!(matches!(
            k.deployments("a/b".into()),
            Err(UcsError::InvalidArgument { ref field, .. }) if field == "namespace"
        ));
    }

    #[test]
    fn list_params_keep_every_field() {
        let p = ListParams {
            label_selector: Some("app=web".into()),
            field_selector: Some("metadata.name=web".into()),
            limit: Some(3),
            continue_token: Some("c".into()),
        };
        let core: ucs_sdk::karmada::ListParams = p.into();
        assert_eq!(
            (
                core.label_selector.as_deref(),
                core.field_selector.as_deref(),
                core.limit,
                core.continue_token.as_deref()
            ),
            (
                Some("app=web"),
                Some("metadata.name=web"),
                Some(3),
                Some("c")
            )
        );
    }
}
