//! `Resource`: one namespaced kind of the gateway (Deployments, PropagationPolicies, ...) with
//! get, list, create, replace, merge-patch, delete and apply, JSON in and out.

use serde_json::Value;

use super::{Karmada, ListParams};
use crate::error::{Error, Result};

/// One kind in one namespace; get one with [`Karmada::deployments`],
/// [`Karmada::propagation_policies`] or [`Karmada::resource`].
#[derive(Debug, Clone)]
pub struct Resource {
    karmada: Karmada,
    /// `apis/apps/v1/namespaces/default/deployments`.
    collection: String,
}

/// A name or namespace as one path segment: Kubernetes names are DNS subdomains (RBAC ones may
/// hold `:`), so anything else, `.` and `..` included, is refused rather than encoded.
pub(super) fn segment<'a>(field: &str, value: &'a str) -> Result<&'a str> {
    if value.is_empty() || value.len() > 253 {
        return Err(Error::invalid(field, "must be 1 to 253 characters"));
    }
    if value == "." || value == ".." {
        return Err(Error::invalid(field, "must not be `.` or `..`"));
    }
    if !value
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b':'))
    {
        return Err(Error::invalid(
            field,
            "must be letters, digits, '-', '.', '_' or ':' (a Kubernetes name)",
        ));
    }
    Ok(value)
}

impl Resource {
    pub(super) fn new(
        karmada: Karmada,
        group_version: &str,
        plural: &str,
        namespace: &str,
    ) -> Result<Self> {
        let gv = group_version.trim_matches('/');
        let valid_gv = !gv.is_empty()
            && gv.split('/').count() <= 2
            && gv.split('/').all(|p| segment("group_version", p).is_ok());
        if !valid_gv {
            return Err(Error::invalid(
                "group_version",
                "must be `v1` or `group/version`",
            ));
        }
        let prefix = if gv.contains('/') { "apis" } else { "api" };
        let plural = segment("plural", plural)?;
        let namespace = segment("namespace", namespace)?;
        Ok(Self {
            karmada,
            collection: format!("{prefix}/{gv}/namespaces/{namespace}/{plural}"),
        })
    }

    /// The collection's relative URI.
    pub fn uri(&self) -> &str {
        &self.collection
    }

    fn item(&self, name: &str) -> Result<String> {
        Ok(format!("{}/{}", self.collection, segment("name", name)?))
    }

    /// One object.
    pub async fn get(&self, name: &str) -> Result<Value> {
        self.karmada.get(&self.item(name)?).await
    }

    /// The objects matching `params` (a `...List` with `items`).
    pub async fn list(&self, params: &ListParams) -> Result<Value> {
        self.karmada.list(&self.collection, params).await
    }

    /// Creates `object`; an existing name is `Conflict` with code `AlreadyExists`.
    pub async fn create(&self, object: &Value) -> Result<Value> {
        self.karmada.create(&self.collection, object).await
    }

    /// Replaces object `name`; a `metadata.resourceVersion` in `object` must be the live one.
    pub async fn replace(&self, name: &str, object: &Value) -> Result<Value> {
        self.karmada.replace(&self.item(name)?, object).await
    }

    /// Applies a JSON merge patch to object `name`.
    pub async fn patch(&self, name: &str, merge_patch: &Value) -> Result<Value> {
        self.karmada.patch(&self.item(name)?, merge_patch).await
    }

    /// Deletes object `name` (answers the `Status`).
    pub async fn delete(&self, name: &str) -> Result<Value> {
        self.karmada.delete(&self.item(name)?).await
    }

    /// Creates `object`, or, when it exists, replaces it at its live `resourceVersion`.
    pub async fn apply(&self, object: &Value) -> Result<Value> {
        Ok(self.karmada.apply(&self.collection, object).await?.object)
    }
}
