//! `ErrorInfo`: a core error as the flat record the bindings turn into their exception classes.

use serde::Serialize;
use ucs_sdk::{ApiErrorKind, Error};

/// Which exception class a binding raises; one per case a caller may handle differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum ErrorKind {
    /// A service error not covered below.
    Api,
    /// HTTP 404 or a not-found code.
    NotFound,
    /// HTTP 429, after the retries.
    Throttled,
    /// HTTP 409.
    Conflict,
    /// HTTP 401/403, an auth code, or unusable credentials.
    Auth,
    /// A deadline ran out.
    Timeout,
    /// The connection failed.
    Connection,
    /// The answer could not be decoded.
    Decode,
    /// An argument was refused before sending.
    InvalidArgument,
    /// The client configuration is incomplete.
    Config,
    /// A federation job failed.
    FederationFailed,
    /// A bug in the SDK (a Rust panic), caught at the binding's edge.
    Internal,
}

impl ErrorKind {
    /// The kind's name, as the bindings' class names end (`NotFound` → `NotFoundError`).
    pub fn name(self) -> &'static str {
        match self {
            Self::Api => "Api",
            Self::NotFound => "NotFound",
            Self::Throttled => "Throttled",
            Self::Conflict => "Conflict",
            Self::Auth => "Auth",
            Self::Timeout => "Timeout",
            Self::Connection => "Connection",
            Self::Decode => "Decode",
            Self::InvalidArgument => "InvalidArgument",
            Self::Config => "Config",
            Self::FederationFailed => "FederationFailed",
            Self::Internal => "Internal",
        }
    }
}

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
    /// The failed sub-job (`FederationFailed`).
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
