//! The one error type of the SDK, keeping the service's code, message and request id.

use std::fmt;
use std::time::Duration;

/// Result alias used across the crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// An error the UCS or HSS service answered with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    /// HTTP status code.
    pub status: u16,
    /// The service's error code, e.g. `UCS.01030001`; empty when the body had none.
    pub code: String,
    /// The service's error message.
    pub message: String,
    /// The `X-Request-Id` response header, when present.
    pub request_id: Option<String>,
    /// Seconds the service asked us to wait (`Retry-After`), when present.
    pub retry_after: Option<Duration>,
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "HTTP {}", self.status)?;
        if !self.code.is_empty() {
            write!(f, " {}", self.code)?;
        }
        if !self.message.is_empty() {
            write!(f, ": {}", self.message)?;
        }
        if let Some(id) = &self.request_id {
            write!(f, " (request id {id})")?;
        }
        Ok(())
    }
}

/// Error codes the reference lists for "not found".
const NOT_FOUND_CODES: &[&str] = &[
    "UCS.00000013",
    "UCS.00030001",
    "UCS.01000013",
    "UCS.01030001",
    "UCS.01100005",
];

/// Error codes the reference lists for authentication or authorization failures.
const AUTH_CODES: &[&str] = &[
    "UCS.00000004",
    "UCS.00000018",
    "UCS.01000003",
    "UCS.01000004",
    "UCS.01010003",
    "UCS.00010014",
    "UCS.00010015",
    "UCS.01010007",
    "UCS.01010008",
    "UCS.01030005",
    "UCS.01100001",
];

impl ApiError {
    /// The resource does not exist.
    pub fn is_not_found(&self) -> bool {
        self.status == 404 || NOT_FOUND_CODES.contains(&self.code.as_str())
    }

    /// The service throttled the call.
    pub fn is_throttled(&self) -> bool {
        self.status == 429 || self.code == "UCS.01000002"
    }

    /// The request conflicts with existing state (same name, ...).
    pub fn is_conflict(&self) -> bool {
        self.status == 409
    }

    /// Authentication or authorization was refused.
    pub fn is_auth(&self) -> bool {
        self.status == 401 || self.status == 403 || AUTH_CODES.contains(&self.code.as_str())
    }

    /// Retrying the same request later may succeed.
    pub fn is_retryable(&self) -> bool {
        self.is_throttled() || self.status == 408 || (500..=599).contains(&self.status)
    }

    /// The one class a binding reports this error as (its exception class), checked in the
    /// order throttled, not found, conflict, auth, so every binding agrees on overlaps.
    pub fn kind(&self) -> ApiErrorKind {
        if self.is_throttled() {
            ApiErrorKind::Throttled
        } else if self.is_not_found() {
            ApiErrorKind::NotFound
        } else if self.is_conflict() {
            ApiErrorKind::Conflict
        } else if self.is_auth() {
            ApiErrorKind::Auth
        } else {
            ApiErrorKind::Other
        }
    }
}

/// The class of a service error, as [`ApiError::kind`] decides it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ApiErrorKind {
    /// HTTP 429 or a throttling code.
    Throttled,
    /// HTTP 404 or a not-found code.
    NotFound,
    /// HTTP 409.
    Conflict,
    /// HTTP 401/403 or an auth code.
    Auth,
    /// Any other service error.
    Other,
}

/// Everything that can go wrong in a call.
#[derive(Debug, Clone, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The service answered with an error status.
    #[error("service error: {0}")]
    Api(ApiError),
    /// A deadline ran out (per attempt, per call, or a waiter's).
    #[error("timed out: {what} after {elapsed:?}")]
    Timeout {
        /// What timed out.
        what: String,
        /// How long it ran.
        elapsed: Duration,
    },
    /// The service answered with a redirect, which UCS never does for an API call; it was not
    /// followed, so no credentials or body went to `location`.
    #[error("HTTP {status} redirect to {location:?} not followed (UCS API calls are never redirected){}", request_id.as_deref().map(|r| format!(" (request id {r})")).unwrap_or_default())]
    Redirect {
        /// HTTP status of the response (3xx).
        status: u16,
        /// Its `Location` header (empty when there was none).
        location: String,
        /// The `X-Request-Id` header, when present.
        request_id: Option<String>,
    },
    /// The connection could not be made or broke.
    #[error("connection failed: {message}")]
    Connection {
        /// What the transport said.
        message: String,
    },
    /// The response could not be decoded.
    #[error("could not decode HTTP {status} response{}: {message}", request_id.as_deref().map(|r| format!(" (request id {r})")).unwrap_or_default())]
    Decode {
        /// HTTP status of the response.
        status: u16,
        /// The `X-Request-Id` header, when present.
        request_id: Option<String>,
        /// What was wrong.
        message: String,
    },
    /// An argument was refused before anything was sent.
    #[error("invalid argument `{field}`: {reason}")]
    InvalidArgument {
        /// The field (wire JSON path) that was refused.
        field: String,
        /// Why.
        reason: String,
    },
    /// Credentials are missing or could not be used.
    #[error("authentication problem: {0}")]
    Auth(String),
    /// The client configuration is incomplete or inconsistent.
    #[error("configuration problem: {0}")]
    Config(String),
    /// A federation job ended in a failure phase.
    #[error("federation of fleet {fleet_id} failed: sub-job {sub_job} is {phase}{}", if reason.is_empty() { String::new() } else { format!(" ({reason})") })]
    FederationFailed {
        /// The fleet whose federation failed.
        fleet_id: String,
        /// The type of the sub-job that failed (or the job itself).
        sub_job: String,
        /// Its phase.
        phase: String,
        /// Its reason, when given.
        reason: String,
    },
    /// A policy job (`policies.wait_job`) ended in a failure status.
    #[error("policy job {job_id} failed: {task} is {phase}{}", if reason.is_empty() { String::new() } else { format!(" ({reason})") })]
    JobFailed {
        /// The job.
        job_id: String,
        /// The type of the task that failed (or the job's type).
        task: String,
        /// Its status (`Failed`, `TimedOut`).
        phase: String,
        /// Its reason, when given.
        reason: String,
    },
    /// A bug in the SDK: a panic, caught where a binding hands the call back to its caller.
    #[error("{0}")]
    Internal(String),
}

impl From<ucs_models::InvalidInput> for Error {
    fn from(e: ucs_models::InvalidInput) -> Self {
        Self::InvalidArgument {
            field: e.field,
            reason: e.reason,
        }
    }
}

impl Error {
    /// Shorthand for an invalid argument.
    pub fn invalid(field: impl Into<String>, reason: impl Into<String>) -> Self {
        Self::InvalidArgument {
            field: field.into(),
            reason: reason.into(),
        }
    }

    /// The service error, when this is one.
    pub fn api(&self) -> Option<&ApiError> {
        match self {
            Self::Api(e) => Some(e),
            _ => None,
        }
    }

    /// HTTP status, when a response was received.
    pub fn status(&self) -> Option<u16> {
        match self {
            Self::Api(e) => Some(e.status),
            Self::Decode { status, .. } | Self::Redirect { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// The service's error code, when it sent one.
    pub fn code(&self) -> Option<&str> {
        self.api()
            .map(|e| e.code.as_str())
            .filter(|c| !c.is_empty())
    }

    /// The request id, when a response carried one.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            Self::Api(e) => e.request_id.as_deref(),
            Self::Decode { request_id, .. } | Self::Redirect { request_id, .. } => {
                request_id.as_deref()
            }
            _ => None,
        }
    }

    /// A bug in the SDK (a caught panic).
    pub fn is_internal(&self) -> bool {
        matches!(self, Self::Internal(_))
    }

    /// The resource does not exist.
    pub fn is_not_found(&self) -> bool {
        self.api().is_some_and(ApiError::is_not_found)
    }

    /// The service throttled the call.
    pub fn is_throttled(&self) -> bool {
        self.api().is_some_and(ApiError::is_throttled)
    }

    /// The request conflicts with existing state.
    pub fn is_conflict(&self) -> bool {
        self.api().is_some_and(ApiError::is_conflict)
    }

    /// Retrying may succeed: throttling, server errors, timeouts, connection failures.
    pub fn is_retryable(&self) -> bool {
        match self {
            Self::Api(e) => e.is_retryable(),
            Self::Timeout { .. } | Self::Connection { .. } => true,
            _ => false,
        }
    }
}

impl From<ApiError> for Error {
    fn from(value: ApiError) -> Self {
        Self::Api(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refused_model_check_becomes_the_same_invalid_argument() {
        let check = ucs_models::validate::id("fleet_id", "..").expect_err("dots");
        let text = check.to_string();
        let e = Error::from(check);
        assert_eq!(e.to_string(), text);
        assert!(
            matches!(&e, Error::InvalidArgument { field, .. } if field == "fleet_id"),
            "{e:?}"
        );
        assert!(text.starts_with("invalid argument `fleet_id`: "), "{text}");
    }

    fn api(status: u16, code: &str) -> Error {
        Error::Api(ApiError {
            status,
            code: code.into(),
            message: "m".into(),
            request_id: Some("rid".into()),
            retry_after: None,
        })
    }

    #[test]
    fn classifies_service_errors() {
        assert!(api(404, "UCS.01030001").is_not_found());
        assert!(api(400, "UCS.01100005").is_not_found());
        assert!(api(429, "").is_throttled() && api(429, "").is_retryable());
        assert!(api(503, "").is_retryable());
        assert!(!api(400, "UCS.00000012").is_retryable());
        assert!(api(409, "UCS.01030003").is_conflict());
        assert_eq!(api(404, "UCS.01030001").request_id(), Some("rid"));
    }

    #[test]
    fn display_keeps_code_message_and_request_id() {
        let text = api(404, "UCS.01030001").to_string();
        assert!(text.contains("UCS.01030001") && text.contains("rid") && text.contains("404"));
    }
}
