//! `ErrorInfo`: a core error as the flat record the bindings turn into their exception classes.

use serde::Serialize;
use ucs_sdk::{ApiErrorKind, Error};

/// Calls `$callback! { rows }` with every error kind: the one declaration the bridge's
/// [`ErrorKind`], the uniffi `UcsError` (Kotlin `UcsException`) and the Python and Node exception
/// classes are expanded or generated from (`cargo run -p xtask -- errors`).
///
/// A row reads `/// doc` `Kind: Parent { /// doc field: Type, ... }`: the parent is `UcsError`
/// (the base class) or another kind; the fields are what the uniffi variant carries (Python and
/// Node errors carry the flat fields of [`ErrorInfo`]).
#[macro_export]
macro_rules! for_each_error_kind {
    ($callback:ident) => {
        $callback! {
            /// The service answered with an error not covered by a more precise case.
            Api: UcsError {
                    /// HTTP status.
                    status: Option<i32>,
                    /// The service's error code.
                    error_code: Option<String>,
                    /// The service's message.
                    error_message: String,
                    /// The `X-Request-Id` of the response.
                    request_id: Option<String>,
            }
            /// The resource does not exist (HTTP 404 or a not-found code such as `UCS.01030001`).
            NotFound: Api {
                    /// HTTP status.
                    status: Option<i32>,
                    /// The service's error code.
                    error_code: Option<String>,
                    /// The service's message.
                    error_message: String,
                    /// The `X-Request-Id` of the response.
                    request_id: Option<String>,
            }
            /// The service throttled the call (HTTP 429), after the retries.
            Throttled: Api {
                    /// HTTP status.
                    status: Option<i32>,
                    /// The service's error code.
                    error_code: Option<String>,
                    /// The service's message.
                    error_message: String,
                    /// The `X-Request-Id` of the response.
                    request_id: Option<String>,
                    /// The `Retry-After` the service asked for, in milliseconds.
                    retry_after_ms: Option<u64>,
            }
            /// The request conflicts with existing state (HTTP 409).
            Conflict: Api {
                    /// HTTP status.
                    status: Option<i32>,
                    /// The service's error code.
                    error_code: Option<String>,
                    /// The service's message.
                    error_message: String,
                    /// The `X-Request-Id` of the response.
                    request_id: Option<String>,
            }
            /// Credentials are missing, wrong or not allowed (HTTP 401/403 or an auth code).
            Auth: Api {
                    /// HTTP status, when the service refused.
                    status: Option<i32>,
                    /// The service's error code.
                    error_code: Option<String>,
                    /// What was wrong.
                    error_message: String,
                    /// The `X-Request-Id` of the response.
                    request_id: Option<String>,
            }
            /// A deadline ran out (per attempt, per call, or a waiter's).
            Timeout: UcsError {
                    /// What timed out.
                    error_message: String,
                    /// How long it ran, in milliseconds.
                    elapsed_ms: u64,
            }
            /// The connection could not be made or broke.
            Connection: UcsError {
                    /// What the transport said.
                    error_message: String,
            }
            /// The answer could not be decoded.
            Decode: UcsError {
                    /// HTTP status of the response.
                    status: Option<i32>,
                    /// What was wrong.
                    error_message: String,
                    /// The `X-Request-Id` of the response.
                    request_id: Option<String>,
            }
            /// An argument was refused before anything was sent; `field` names it.
            InvalidArgument: UcsError {
                    /// The refused field (wire JSON path).
                    field: String,
                    /// Why it was refused.
                    reason: String,
                    /// Field and reason in one sentence.
                    error_message: String,
            }
            /// The client configuration is incomplete or inconsistent.
            Config: UcsError {
                    /// What is wrong.
                    error_message: String,
            }
            /// A federation job ended in a failure phase; `sub_job` names the sub-job that failed.
            FederationFailed: UcsError {
                    /// The fleet.
                    fleet_id: String,
                    /// The type of the sub-job that failed (or the job itself).
                    sub_job: String,
                    /// Its phase.
                    phase: String,
                    /// Its reason, when given.
                    reason: String,
                    /// All of it in one sentence.
                    error_message: String,
            }
            /// A policy job ended in a failure status; `sub_job` names the task that failed.
            JobFailed: UcsError {
                    /// The job.
                    job_id: String,
                    /// The type of the task that failed (or the job's type).
                    task: String,
                    /// Its status (`Failed`, `TimedOut`).
                    phase: String,
                    /// Its reason, when given.
                    reason: String,
                    /// All of it in one sentence.
                    error_message: String,
            }
            /// A bug in the SDK (a Rust panic, caught at the binding's edge before it could end the
            /// process); please report it with the message.
            Internal: UcsError {
                    /// The panic's message.
                    error_message: String,
            }
        }
    };
}

macro_rules! error_kinds {
    ($(
        $(#[doc = $doc:literal])*
        $kind:ident : $parent:ident {
            $( $(#[doc = $fdoc:literal])* $field:ident : $fty:ty, )*
        }
    )*) => {
        /// Which exception class a binding raises; one per case a caller may handle differently.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
        pub enum ErrorKind {
            $( $(#[doc = $doc])* $kind, )*
        }

        impl ErrorKind {
            /// Every kind, in the table's order.
            pub const ALL: &'static [ErrorKind] = &[$(Self::$kind),*];

            /// The kind's name, as the bindings' class names end (`NotFound` → `NotFoundError`).
            pub fn name(self) -> &'static str {
                match self {
                    $(Self::$kind => stringify!($kind),)*
                }
            }

            /// The same as [`ErrorKind::name`].
            pub fn as_str(self) -> &'static str {
                self.name()
            }
        }

        /// Every error kind, for the bindings' generators (`xtask errors`): kind, class name,
        /// doc, parent kind (none for the base) and the uniffi variant's fields.
        pub fn errors_json() -> serde_json::Value {
            let doc = |lines: &[&str]| {
                lines.iter().map(|l| l.trim()).collect::<Vec<_>>().join(" ")
            };
            let parent = |p: &'static str| (p != "UcsError").then_some(p);
            serde_json::Value::Array(vec![$(
                serde_json::json!({
                    "kind": stringify!($kind),
                    "class": concat!(stringify!($kind), "Error"),
                    "doc": doc(&[$($doc),*]),
                    "parent": parent(stringify!($parent)),
                    "fields": [$(serde_json::json!({
                        "name": stringify!($field),
                        "type": stringify!($fty).replace(' ', ""),
                        "doc": doc(&[$($fdoc),*]),
                    })),*],
                }),
            )*])
        }
    };
}

for_each_error_kind!(error_kinds);

/// Everything a binding's exception carries. The message never holds a secret: the core's errors
/// are built without credentials.
#[derive(Debug, Clone, Serialize)]
pub struct ErrorInfo {
    /// The class to raise.
    pub kind: ErrorKind,
    /// The whole message.
    pub message: String,
    /// HTTP status, when a response came.
    pub status_code: Option<u16>,
    /// The service's error code.
    pub error_code: Option<String>,
    /// The service's message (or the reason, for local errors).
    pub error_msg: Option<String>,
    /// The response's `X-Request-Id`.
    pub request_id: Option<String>,
    /// `Retry-After`, in seconds.
    pub retry_after: Option<f64>,
    /// The refused field (`InvalidArgument`).
    pub field: Option<String>,
    /// The failed sub-job (`FederationFailed`) or task (`JobFailed`).
    pub sub_job: Option<String>,
}

impl From<&Error> for ErrorInfo {
    fn from(error: &Error) -> Self {
        let mut info = Self {
            kind: ErrorKind::Api,
            message: error.to_string(),
            status_code: error.status(),
            error_code: error.code().map(str::to_owned),
            error_msg: None,
            request_id: error.request_id().map(str::to_owned),
            retry_after: None,
            field: None,
            sub_job: None,
        };
        info.kind = match error {
            Error::Api(api) => {
                info.error_msg = Some(api.message.clone());
                info.retry_after = api.retry_after.map(|d| d.as_secs_f64());
                match api.kind() {
                    ApiErrorKind::Throttled => ErrorKind::Throttled,
                    ApiErrorKind::NotFound => ErrorKind::NotFound,
                    ApiErrorKind::Conflict => ErrorKind::Conflict,
                    ApiErrorKind::Auth => ErrorKind::Auth,
                    _ => ErrorKind::Api,
                }
            }
            Error::Timeout { .. } => ErrorKind::Timeout,
            Error::Connection { message } => {
                info.error_msg = Some(message.clone());
                ErrorKind::Connection
            }
            Error::Decode { message, .. } => {
                info.error_msg = Some(message.clone());
                ErrorKind::Decode
            }
            // A redirect is a service answer (status kept), reported as a plain service error.
            Error::Redirect { location, .. } => {
                info.error_msg = Some(format!("redirect to {location:?} not followed"));
                ErrorKind::Api
            }
            Error::InvalidArgument { field, reason } => {
                info.field = Some(field.clone());
                info.error_msg = Some(reason.clone());
                ErrorKind::InvalidArgument
            }
            Error::Auth(reason) => {
                info.error_msg = Some(reason.clone());
                ErrorKind::Auth
            }
            Error::Config(reason) => {
                info.error_msg = Some(reason.clone());
                ErrorKind::Config
            }
            Error::FederationFailed {
                sub_job, reason, ..
            } => {
                info.sub_job = Some(sub_job.clone());
                info.error_msg = Some(reason.clone());
                ErrorKind::FederationFailed
            }
            Error::JobFailed { task, reason, .. } => {
                info.sub_job = Some(task.clone());
                info.error_msg = Some(reason.clone());
                ErrorKind::JobFailed
            }
            Error::Internal(reason) => {
                info.error_msg = Some(reason.clone());
                ErrorKind::Internal
            }
            // `Error` is non-exhaustive: a new case is at least a UcsError.
            _ => ErrorKind::Api,
        };
        info
    }
}

/// The message of a caught panic: its text when it has one.
pub fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    let text = payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_owned());
    format!("internal error in ucs-sdk (a bug; please report it): {text}")
}

/// The core error of a caught panic.
pub fn internal_error(payload: &(dyn std::any::Any + Send)) -> Error {
    Error::Internal(panic_message(payload))
}

/// Runs `fut`, a panic in it answered as [`Error::Internal`]: what every binding's async entry
/// points do before an error crosses into their language.
pub async fn guarded<T>(
    fut: impl std::future::Future<Output = ucs_sdk::Result<T>>,
) -> ucs_sdk::Result<T> {
    use futures_util::FutureExt;
    std::panic::AssertUnwindSafe(fut)
        .catch_unwind()
        .await
        .unwrap_or_else(|payload| Err(internal_error(&*payload)))
}

impl ErrorInfo {
    /// The record of a panic caught at a binding's edge (`InternalError`).
    pub fn internal(payload: &(dyn std::any::Any + Send)) -> Self {
        Self::from(&internal_error(payload))
    }
}

/// The name of the operation (and pager resource) that panics on purpose, so each binding can
/// test that a panic reaches its caller as an `InternalError`.
pub const PANIC_FOR_TESTS: &str = "__panic_for_tests";

/// Panics when `name` is [`PANIC_FOR_TESTS`] and `UCS_SDK_TEST_PANIC=1` is set; a no-op
/// otherwise, so no caller can reach it by accident.
pub fn panic_for_tests(name: &str) {
    if name == PANIC_FOR_TESTS && std::env::var("UCS_SDK_TEST_PANIC").as_deref() == Ok("1") {
        panic!("{PANIC_FOR_TESTS} was called");
    }
}

#[cfg(test)]
mod tests {
    use super::{errors_json, ErrorKind};

    #[test]
    fn the_description_has_every_kind_with_its_parent() {
        let rows = errors_json();
        let rows = rows.as_array().cloned().unwrap_or_default();
        let kinds: Vec<&str> = rows.iter().filter_map(|r| r["kind"].as_str()).collect();
        let names: Vec<&str> = ErrorKind::ALL.iter().map(|k| k.as_str()).collect();
        assert_eq!(kinds, names);
        for row in &rows {
            let kind = row["kind"].as_str().unwrap_or_default();
            let derives_from_api = ["NotFound", "Throttled", "Conflict", "Auth"].contains(&kind);
            let parent = if derives_from_api {
                "Api".into()
            } else {
                serde_json::Value::Null
            };
            assert_eq!(row["parent"], parent, "{kind}");
            assert_eq!(row["class"], format!("{kind}Error"));
            // Every uniffi variant carries the message (its `Display`).
            let fields = row["fields"].as_array().cloned().unwrap_or_default();
            assert!(
                fields.iter().any(|f| f["name"] == "error_message"),
                "{kind}"
            );
        }
        let throttled = rows.iter().find(|r| r["kind"] == "Throttled");
        let fields = throttled
            .map(|r| r["fields"].to_string())
            .unwrap_or_default();
        assert!(fields.contains("\"Option<u64>\""), "{fields}");
    }
}
