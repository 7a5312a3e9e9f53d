//! `invoke`: runs any operation of the catalogue from JSON ids, body and query, answering JSON.

use std::future::Future;
use std::pin::Pin;

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;
use ucs_sdk::models::*;
use ucs_sdk::{Client, Error, Result};

use crate::answer::Answer;
use crate::catalogue::{Operation, OperationInfo};

/// One call: `client.{resource}.{name}(ids..., body, query)`. Its Debug shows the body's and
/// query's top-level keys, never their values (a body may carry a password or a kubeconfig).
#[derive(Clone, Default)]
pub struct Call {
    /// Resource group (`clusters`, `fleets`, `rules`, `hss`, `iam`).
    pub resource: String,
    /// Operation name.
    pub name: String,
    /// Positional ids, as many as the operation names.
    pub ids: Vec<String>,
    /// The request body, with the wire JSON names.
    pub body: Option<Value>,
    /// The query parameters, with the wire names.
    pub query: Option<Value>,
}

/// A JSON value as its shape: an object's keys, otherwise its type.
struct Shape<'a>(&'a Value);

impl std::fmt::Debug for Shape<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0 {
            Value::Object(map) => f
                .debug_map()
                .entries(map.keys().map(|k| (k, "***")))
                .finish(),
            Value::Null => f.write_str("null"),
            Value::Array(items) => write!(f, "[*** x{}]", items.len()),
            _ => f.write_str("***"),
        }
    }
}

impl std::fmt::Debug for Call {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Call")
            .field("resource", &self.resource)
            .field("name", &self.name)
            .field("ids", &self.ids)
            .field("body", &self.body.as_ref().map(Shape))
            .field("query", &self.query.as_ref().map(Shape))
            .finish()
    }
}

/// The operation `resource.name` of the table.
pub(crate) fn operation(resource: &str, name: &str) -> Result<Operation> {
    Operation::find(resource, name)
        .ok_or_else(|| Error::invalid("operation", format!("no operation {resource}.{name}")))
}

/// Decodes a body or query into its model; the error names the wire path that was refused.
pub(crate) fn decode<T: DeserializeOwned>(what: &str, value: Value) -> Result<T> {
    serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e.path().to_string();
        let reason = without_value(&e.into_inner().to_string());
        let parent = if path == "." { what.to_owned() } else { path };
        // A missing field is reported on its parent; name the field itself.
        let field = match missing_field(&reason) {
            Some(name) if parent == what => name.to_owned(),
            Some(name) => format!("{parent}.{name}"),
            None => parent,
        };
        Error::invalid(field, reason)
    })
}

/// serde's "invalid type: integer `5`, expected a string" without the value, which may be a
/// secret put in the wrong field (a password, a kubeconfig): "invalid type: integer, expected ...".
fn without_value(reason: &str) -> String {
    for prefix in ["invalid type: ", "invalid value: "] {
        if let Some((got, expected)) = reason
            .strip_prefix(prefix)
            .and_then(|rest| rest.rsplit_once(", expected "))
        {
            let kind = got.split(['`', '"']).next().unwrap_or(got).trim_end();
            return format!("{prefix}{kind}, expected {expected}");
        }
    }
    reason.to_owned()
}

/// `x` in serde's "missing field `x`".
fn missing_field(reason: &str) -> Option<&str> {
    reason.strip_prefix("missing field `")?.split('`').next()
}

/// The query model, empty when none was given.
pub(crate) fn query_of<T: DeserializeOwned + Default>(query: Option<Value>) -> Result<T> {
    match query {
        None | Some(Value::Null) => Ok(T::default()),
        Some(value) => decode("query", value),
    }
}

fn body_of<T: DeserializeOwned>(body: Option<Value>) -> Result<T> {
    match body {
        None | Some(Value::Null) => Err(Error::invalid("body", "is required")),
        Some(value) => decode("body", value),
    }
}

/// Any answer as JSON text.
pub fn json_text<T: Serialize + ?Sized>(value: &T) -> Result<String> {
    serde_json::to_string(value).map_err(|e| Error::Decode {
        status: 200,
        request_id: None,
        message: format!("cannot encode the result: {e}"),
    })
}

/// Checks the call's shape against the catalogue: id count, body and query presence.
fn check_shape(spec: &OperationInfo, call: &Call) -> Result<()> {
    if call.ids.len() != spec.ids.len() {
        return Err(Error::invalid(
            spec.ids.get(call.ids.len()).copied().unwrap_or("ids"),
            format!(
                "{}.{} takes {} id(s), got {}",
                spec.resource,
                spec.name,
                spec.ids.len(),
                call.ids.len()
            ),
        ));
    }
    if spec.body.is_none() && call.body.as_ref().is_some_and(|b| !b.is_null()) {
        return Err(Error::invalid(
            "body",
            format!("{}.{} takes no body", spec.resource, spec.name),
        ));
    }
    if spec.query.is_none() && call.query.as_ref().is_some_and(|q| !q.is_null()) {
        return Err(Error::invalid(
            "query",
            format!("{}.{} takes no query parameters", spec.resource, spec.name),
        ));
    }
    Ok(())
}

/// The core's answer as the table's result type: itself, except the IAM token, which the
/// bindings hand out as text.
trait IntoAnswer<T> {
    fn into_answer(self) -> T;
}

impl<T> IntoAnswer<T> for T {
    fn into_answer(self) -> T {
        self
    }
}

impl IntoAnswer<String> for ucs_sdk::SecretString {
    fn into_answer(self) -> String {
        self.expose().to_owned()
    }
}

/// One `match` arm per operation of the table: a missing core method or a mismatched argument is
/// a compile error here, and the match is exhaustive over [`Operation`].
macro_rules! dispatch {
    ($(
        $(#[doc = $group_doc:literal])*
        $group:ident $Group:ident $(pages($pages_query:ident => $item:ident))? {
            $(
                $(#[doc = $doc:literal])*
                $official:ident $name:ident ( $($id:ident),* ) $method:ident $path:literal
                    $(body($body:ty))? $(query($query:ty))? -> $result:ty;
            )*
        }
    )*) => {
        /// Calls `operation` with ids already counted by [`check_shape`].
        ///
        /// Each arm is its own boxed future: one state machine holding every operation's future
        /// inline needs a poll frame (in dev builds) larger than a JVM thread's 1 MiB stack,
        /// and uniffi polls on the caller's thread.
        fn dispatch(
            client: &Client,
            operation: Operation,
            ids: Vec<String>,
            body: Option<Value>,
            query: Option<Value>,
        ) -> Pin<Box<dyn Future<Output = Result<Answer>> + Send + '_>> {
            let mut ids = ids.into_iter();
            match operation {
                $($(
                    Operation::$official => {
                        $( let $id = ids.next().unwrap_or_default(); )*
                        Box::pin(async move {
                            let answer = client
                                .$group()
                                .$name(
                                    $( &$id, )*
                                    $( &body_of::<$body>(body)?, )?
                                    $( &query_of::<$query>(query)?, )?
                                )
                                .await?;
                            Ok(Answer::$official(IntoAnswer::into_answer(answer)))
                        })
                    }
                )*)*
            }
        }
    };
}

ucs_sdk::for_each_operation!(dispatch);

/// Runs one operation and answers its typed result (unit, serialized as `null`, when empty).
pub async fn invoke(client: &Client, call: Call) -> Result<Answer> {
    crate::errors::panic_for_tests(&call.name);
    let operation = operation(&call.resource, &call.name)?;
    check_shape(operation.info(), &call)?;
    dispatch(client, operation, call.ids, call.body, call.query).await
}
