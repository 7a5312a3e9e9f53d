//! The Karmada gateway as JSON for the Python and Node bindings: a handle per fleet (a bearer
//! token, a federation kubeconfig, or the client's IAM token) and one `karmada_call` entry point.

use std::path::Path;

use serde_json::Value;
use ucs_sdk::karmada::{Karmada, ListParams, Resource};
use ucs_sdk::models::Kubeconfig;
use ucs_sdk::{Client, Error, Method, Result};

use crate::invoke::decode;

/// How a handle authenticates to the gateway.
pub enum KarmadaAuth {
    /// A bearer token, at the client's gateway address for the fleet.
    Token(String),
    /// A federation kubeconfig (any form the kubeconfig calls answer): its server, CA and token.
    Kubeconfig(Value),
    /// The client's IAM token, at the client's gateway address for the fleet.
    Iam,
}

/// A gateway handle of `client` for `fleet_name` (`None` only with a kubeconfig, which names
/// its server itself).
pub fn karmada_handle(
    client: &Client,
    fleet_name: Option<&str>,
    auth: KarmadaAuth,
) -> Result<Karmada> {
    let fleet = || fleet_name.ok_or_else(|| Error::invalid("fleet_name", "is required"));
    match auth {
        KarmadaAuth::Token(token) => client.karmada(fleet()?, token),
        KarmadaAuth::Iam => client.karmada_with_iam(fleet()?),
        KarmadaAuth::Kubeconfig(doc) => {
            let kubeconfig: Kubeconfig = decode("kubeconfig", doc)?;
            client.karmada_from_kubeconfig(&kubeconfig)
        }
    }
}

/// One gateway call. `verb` is `get`, `list`, `create`, `replace`, `patch`, `delete` or `apply`
/// (on a kind, or on a URI except `apply`), or an HTTP method (`GET`, `POST`, ...) sent as is to
/// a URI. `kind_or_uri` is `deployments`, `propagationpolicies`, or a relative URI
/// (`apis/apps/v1/namespaces/default/deployments/web`). Debug shows no body or parameter values.
#[derive(Clone, Default)]
pub struct KarmadaCall {
    /// What to do.
    pub verb: String,
    /// A kind of [`KINDS`] or a relative URI (it holds a `/`).
    pub kind_or_uri: String,
    /// The kind's namespace (default `default`).
    pub namespace: Option<String>,
    /// The object's name, for get, replace, patch and delete of a kind.
    pub name: Option<String>,
    /// List parameters: `labelSelector`, `fieldSelector`, `limit`, `continue`.
    pub params: Option<Value>,
    /// The object, or the merge patch.
    pub body: Option<Value>,
}

impl std::fmt::Debug for KarmadaCall {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KarmadaCall")
            .field("verb", &self.verb)
            .field("kind_or_uri", &self.kind_or_uri)
            .field("namespace", &self.namespace)
            .field("name", &self.name)
            .field("params", &self.params.as_ref().map(|_| "***"))
            .field("body", &self.body.as_ref().map(|_| "***"))
            .finish()
    }
}

/// The kinds with typed helpers: their plural and group/version.
pub const KINDS: &[(&str, &str)] = &[
    ("deployments", "apps/v1"),
    ("propagationpolicies", "policy.karmada.io/v1alpha1"),
];

fn params_of(params: Option<Value>) -> Result<ListParams> {
    match params {
        None | Some(Value::Null) => Ok(ListParams::default()),
        Some(v) => decode("params", v),
    }
}

fn body_of(verb: &str, body: Option<Value>) -> Result<Value> {
    match body {
        Some(v @ Value::Object(_)) => Ok(v),
        None | Some(Value::Null) => Err(Error::invalid("body", format!("{verb} needs a body"))),
        Some(_) => Err(Error::invalid("body", "must be a JSON object")),
    }
}

fn name_of(verb: &str, name: Option<String>) -> Result<String> {
    name.ok_or_else(|| Error::invalid("name", format!("{verb} of a kind needs a name")))
}

async fn on_kind(resource: Resource, call: KarmadaCall) -> Result<Value> {
    let KarmadaCall {
        verb,
        name,
        params,
        body,
        ..
    } = call;
    match verb.as_str() {
        "get" => resource.get(&name_of(&verb, name)?).await,
        "list" => resource.list(&params_of(params)?).await,
        "create" => resource.create(&body_of(&verb, body)?).await,
        "apply" => resource.apply(&body_of(&verb, body)?).await,
        "replace" => {
            let name = name_of(&verb, name)?;
            resource.replace(&name, &body_of(&verb, body)?).await
        }
        "patch" => {
            let name = name_of(&verb, name)?;
            resource.patch(&name, &body_of(&verb, body)?).await
        }
        "delete" => resource.delete(&name_of(&verb, name)?).await,
        other => Err(unknown_verb(other)),
    }
}

fn unknown_verb(verb: &str) -> Error {
    Error::invalid(
        "verb",
        format!(
            "{verb:?} is not one of get, list, create, replace, patch, delete, apply, \
             or an HTTP method (GET, POST, PUT, PATCH, DELETE)"
        ),
    )
}

async fn on_uri(karmada: &Karmada, call: KarmadaCall) -> Result<Value> {
    let KarmadaCall {
        verb,
        kind_or_uri: uri,
        params,
        body,
        ..
    } = call;
    match verb.as_str() {
        "get" => karmada.get(&uri).await,
        "list" => karmada.list(&uri, &params_of(params)?).await,
        "create" => karmada.create(&uri, &body_of(&verb, body)?).await,
        "replace" => karmada.replace(&uri, &body_of(&verb, body)?).await,
        "patch" => karmada.patch(&uri, &body_of(&verb, body)?).await,
        "delete" => karmada.delete(&uri).await,
        "apply" => Err(Error::invalid(
            "verb",
            "apply works on a kind (deployments, propagationpolicies), not a URI",
        )),
        m @ ("GET" | "POST" | "PUT" | "PATCH" | "DELETE") => {
            let method = Method::from_bytes(m.as_bytes())
                .map_err(|_| Error::invalid("verb", "is not an HTTP method"))?;
            let body = body.filter(|b| !b.is_null());
            karmada.request(method, &uri, body.as_ref()).await
        }
        other => Err(unknown_verb(other)),
    }
}

/// Runs one gateway call and answers the gateway's JSON (`null` for an empty answer).
pub async fn karmada_call(karmada: &Karmada, call: KarmadaCall) -> Result<Value> {
    crate::errors::panic_for_tests(&call.verb);
    if call.kind_or_uri.contains('/') {
        return on_uri(karmada, call).await;
    }
    let Some((plural, gv)) = KINDS.iter().find(|(k, _)| *k == call.kind_or_uri) else {
        return Err(Error::invalid(
            "kind_or_uri",
            format!(
                "{:?} is neither a kind (deployments, propagationpolicies) nor a relative URI",
                call.kind_or_uri
            ),
        ));
    };
    let namespace = call.namespace.as_deref().unwrap_or("default");
    let resource = karmada.resource(gv, plural, namespace)?;
    on_kind(resource, call).await
}

/// Writes a kubeconfig (any form the kubeconfig calls answer) to `path` as the YAML file a
/// Kubernetes client reads, mode 0600, atomically (`ucs_sdk::kubeconfig_file::write`).
pub fn write_kubeconfig(kubeconfig: Value, path: &Path) -> Result<()> {
    let kubeconfig: Kubeconfig = decode("kubeconfig", kubeconfig)?;
    ucs_sdk::kubeconfig_file::write(&kubeconfig, path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn offline() -> Karmada {
        let client = Client::builder()
            .endpoint("http://127.0.0.1:9")
            .karmada_endpoint("http://127.0.0.1:9/karmada/{fleet}")
            .build()
            .expect("client");
        karmada_handle(&client, Some("f"), KarmadaAuth::Token("T".into())).expect("handle")
    }

    async fn refused(call: KarmadaCall) -> String {
        match karmada_call(&offline(), call).await {
            Err(Error::InvalidArgument { field, .. }) => field,
            other => panic!("not refused: {other:?}"),
        }
    }

    #[tokio::test]
    async fn calls_of_the_wrong_shape_name_the_field() {
        let call = |verb: &str, kind: &str| KarmadaCall {
            verb: verb.into(),
            kind_or_uri: kind.into(),
            ..Default::default()
        };
        assert_eq!(refused(call("get", "deployments")).await, "name");
        assert_eq!(refused(call("create", "deployments")).await, "body");
        assert_eq!(refused(call("frobnicate", "deployments")).await, "verb");
        assert_eq!(refused(call("get", "pods")).await, "kind_or_uri");
        assert_eq!(refused(call("apply", "api/v1/pods")).await, "verb");
        let mut bad_params = call("list", "deployments");
        bad_params.params = Some(json!({"labelselector": "a=b"}));
        assert_eq!(refused(bad_params).await, "labelselector");
        let client = Client::builder().build().expect("client");
        assert!(matches!(
            karmada_handle(&client, None, KarmadaAuth::Iam),
            Err(Error::InvalidArgument { ref field, .. }) if field == "fleet_name"
        ));
    }

    #[test]
    fn debug_shows_no_body() {
        let call = KarmadaCall {
            body: Some(json!({"data": {"password": "PW-SECRET"}})),
            ..Default::default()
        };
        assert!(!format!("{call:?}").contains("PW-SECRET"));
    }
}
