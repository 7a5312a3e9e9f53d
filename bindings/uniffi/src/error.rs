//! `UcsError` (Kotlin `UcsException`): the one error hierarchy, mapped from `ucs_sdk::Error` here only.

use ucs_sdk::{ApiError, ApiErrorKind, Error};

// One variant per kind of the bridge's error table, with the fields the table gives it.
macro_rules! ucs_error {
    ($(
        $(#[doc = $doc:literal])*
        $kind:ident : $parent:ident {
            $( $(#[doc = $fdoc:literal])* $field:ident : $fty:ty, )*
        }
    )*) => {
        /// Everything a call can fail with. Every case carries `errorMessage`; the service's cases
        /// also `status` (HTTP, when a response came), `errorCode` (the service's, e.g.
        /// `UCS.01030001`) and `requestId`.
        #[derive(Debug, Clone, PartialEq, thiserror::Error, uniffi::Error)]
        pub enum UcsError {
            $(
                $(#[doc = $doc])*
                #[error("{error_message}")]
                $kind {
                    $( $(#[doc = $fdoc])* $field: $fty, )*
                },
            )*
        }

        impl UcsError {
            /// The kind of the bridge's table this case is (its variant name).
            #[cfg(test)]
            pub(crate) fn kind(&self) -> ucs_bridge::ErrorKind {
                match self {
                    $(Self::$kind { .. } => ucs_bridge::ErrorKind::$kind,)*
                }
            }
        }
    };
}

ucs_bridge::for_each_error_kind!(ucs_error);

impl UcsError {
    /// The error of a caught panic.
    pub(crate) fn panicked(payload: &(dyn std::any::Any + Send)) -> Self {
        Self::from(ucs_bridge::internal_error(payload))
    }
}

/// Runs an async export's body, a panic answered as `UcsError::Internal`.
pub(crate) async fn guarded<T>(
    fut: impl std::future::Future<Output = crate::Result<T>>,
) -> crate::Result<T> {
    use futures_util::FutureExt;
    std::panic::AssertUnwindSafe(fut)
        .catch_unwind()
        .await
        .unwrap_or_else(|payload| Err(UcsError::panicked(&*payload)))
}

/// Runs a synchronous export's body, a panic answered as `UcsError::Internal`.
pub(crate) fn guard<T>(body: impl FnOnce() -> crate::Result<T>) -> crate::Result<T> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(body))
        .unwrap_or_else(|payload| Err(UcsError::panicked(&*payload)))
}

/// Panics on purpose when `UCS_SDK_TEST_PANIC=1` is set (otherwise answers `Ok`), so the Kotlin
/// and Swift tests can check a panic arrives as `UcsError.Internal`. Not for applications.
#[uniffi::export]
pub fn panic_for_tests() -> crate::Result<()> {
    guard(|| {
        ucs_bridge::panic_for_tests(ucs_bridge::PANIC_FOR_TESTS);
        Ok(())
    })
}

/// The async twin of `panic_for_tests`.
#[uniffi::export(async_runtime = "tokio")]
pub async fn panic_for_tests_async() -> crate::Result<()> {
    guarded(async {
        ucs_bridge::panic_for_tests(ucs_bridge::PANIC_FOR_TESTS);
        Ok(())
    })
    .await
}

fn api_error(e: ApiError) -> UcsError {
    let status = Some(i32::from(e.status));
    let error_code = Some(e.code.clone()).filter(|c| !c.is_empty());
    // The service's own message; the whole line when it sent none.
    let error_message = if e.message.is_empty() {
        e.to_string()
    } else {
        e.message.clone()
    };
    let request_id = e.request_id.clone();
    match e.kind() {
        ApiErrorKind::Throttled => UcsError::Throttled {
            status,
            error_code,
            error_message,
            request_id,
            retry_after_ms: e
                .retry_after
                .map(|d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX)),
        },
        ApiErrorKind::NotFound => UcsError::NotFound {
            status,
            error_code,
            error_message,
            request_id,
        },
        ApiErrorKind::Conflict => UcsError::Conflict {
            status,
            error_code,
            error_message,
            request_id,
        },
        ApiErrorKind::Auth => UcsError::Auth {
            status,
            error_code,
            error_message,
            request_id,
        },
        _ => UcsError::Api {
            status,
            error_code,
            error_message,
            request_id,
        },
    }
}

impl From<Error> for UcsError {
    fn from(e: Error) -> Self {
        let error_message = e.to_string();
        match e {
            Error::Api(api) => api_error(api),
            Error::Timeout { elapsed, .. } => Self::Timeout {
                error_message,
                elapsed_ms: u64::try_from(elapsed.as_millis()).unwrap_or(u64::MAX),
            },
            Error::Connection { .. } => Self::Connection { error_message },
            Error::Decode {
                status, request_id, ..
            } => Self::Decode {
                status: Some(i32::from(status)),
                error_message,
                request_id,
            },
            Error::InvalidArgument { field, reason } => Self::InvalidArgument {
                field,
                reason,
                error_message,
            },
            Error::Auth(_) => Self::Auth {
                status: None,
                error_code: None,
                error_message,
                request_id: None,
            },
            Error::FederationFailed {
                fleet_id,
                sub_job,
                phase,
                reason,
            } => Self::FederationFailed {
                fleet_id,
                sub_job,
                phase,
                reason,
                error_message,
            },
            Error::JobFailed {
                job_id,
                task,
                phase,
                reason,
            } => Self::JobFailed {
                job_id,
                task,
                phase,
                reason,
                error_message,
            },
            // A redirect is a service answer (status kept), a plain service error as in the bridge.
            Error::Redirect {
                status, request_id, ..
            } => Self::Api {
                status: Some(i32::from(status)),
                error_code: None,
                error_message,
                request_id,
            },
            Error::Internal(error_message) => Self::Internal { error_message },
            // `Config` and any case a newer core adds.
            _ => Self::Config { error_message },
        }
    }
}

#[uniffi::export]
impl UcsError {
    /// The HTTP status, whatever the case, when a response came.
    pub fn status(&self) -> Option<i32> {
        match self {
            Self::Api { status, .. }
            | Self::NotFound { status, .. }
            | Self::Throttled { status, .. }
            | Self::Conflict { status, .. }
            | Self::Auth { status, .. }
            | Self::Decode { status, .. } => *status,
            _ => None,
        }
    }

    /// The service's error code, whatever the case, when it sent one.
    pub fn error_code(&self) -> Option<String> {
        match self {
            Self::Api { error_code, .. }
            | Self::NotFound { error_code, .. }
            | Self::Throttled { error_code, .. }
            | Self::Conflict { error_code, .. }
            | Self::Auth { error_code, .. } => error_code.clone(),
            _ => None,
        }
    }

    /// The request id, whatever the case, when a response carried one.
    pub fn request_id(&self) -> Option<String> {
        match self {
            Self::Api { request_id, .. }
            | Self::NotFound { request_id, .. }
            | Self::Throttled { request_id, .. }
            | Self::Conflict { request_id, .. }
            | Self::Auth { request_id, .. }
            | Self::Decode { request_id, .. } => request_id.clone(),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn service_errors_keep_their_fields() {
        let UcsError::NotFound {
            status,
            error_code,
            request_id,
            ..
        } = UcsError::from(api(404, "UCS.01030001"))
        else {
            panic!("not NotFound");
        };
        assert_eq!(status, Some(404));
        assert_eq!(error_code.as_deref(), Some("UCS.01030001"));
        assert_eq!(request_id.as_deref(), Some("rid"));
        assert!(matches!(
            UcsError::from(api(429, "")),
            UcsError::Throttled { .. }
        ));
        assert!(matches!(
            UcsError::from(api(409, "UCS.01030003")),
            UcsError::Conflict { .. }
        ));
        assert!(matches!(
            UcsError::from(api(401, "")),
            UcsError::Auth { .. }
        ));
        assert!(matches!(UcsError::from(api(500, "")), UcsError::Api { .. }));
    }

    /// One core error of each kind the bridge's table lists.
    fn one_of_each_kind() -> Vec<Error> {
        vec![
            api(500, ""),
            api(404, "UCS.01030001"),
            api(429, ""),
            api(409, "UCS.01030003"),
            api(401, ""),
            Error::Timeout {
                what: "call".into(),
                elapsed: std::time::Duration::from_millis(5),
            },
            Error::Connection {
                message: "refused".into(),
            },
            Error::Decode {
                status: 200,
                request_id: None,
                message: "bad".into(),
            },
            Error::invalid("limit", "must be -1 or more"),
            Error::Config("no endpoint".into()),
            Error::FederationFailed {
                fleet_id: "f".into(),
                sub_job: "s".into(),
                phase: "Failed".into(),
                reason: String::new(),
            },
            Error::JobFailed {
                job_id: "j".into(),
                task: "t".into(),
                phase: "Failed".into(),
                reason: String::new(),
            },
            Error::Internal("boom".into()),
            Error::Redirect {
                status: 302,
                location: "http://elsewhere".into(),
                request_id: None,
            },
            Error::Auth("no credentials".into()),
        ]
    }

    #[test]
    fn every_kind_is_a_variant_and_both_mappings_agree() {
        let mut seen = Vec::new();
        for e in one_of_each_kind() {
            let bridge = ucs_bridge::ErrorInfo::from(&e).kind;
            let uniffi = UcsError::from(e).kind();
            assert_eq!(
                uniffi, bridge,
                "the bridge and uniffi map an error differently"
            );
            seen.push(bridge);
        }
        for kind in ucs_bridge::ErrorKind::ALL {
            assert!(
                seen.contains(kind),
                "{kind:?} has no case in one_of_each_kind"
            );
        }
    }

    #[test]
    fn invalid_argument_names_the_field() {
        let e = UcsError::from(Error::invalid("limit", "must be -1 or more"));
        assert!(matches!(e, UcsError::InvalidArgument { ref field, .. } if field == "limit"));
    }
}
