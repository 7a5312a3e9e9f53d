//! Core errors as napi errors whose message is the `ErrorInfo` JSON; the package's JavaScript
//! turns it into the matching error class (`NotFoundError`, ...).

use serde_json::json;
use ucs_bridge::ErrorInfo;

/// The napi error for a core error.
pub(crate) fn to_js(error: &ucs_sdk::Error) -> napi::Error {
    encoded(&ErrorInfo::from(error))
}

fn encoded(info: &ErrorInfo) -> napi::Error {
    let text = serde_json::to_string(info).unwrap_or_else(|_| info.message.clone());
    napi::Error::from_reason(text)
}

/// The `InternalError` of a caught panic.
pub(crate) fn internal(payload: &(dyn std::any::Any + Send)) -> napi::Error {
    encoded(&ErrorInfo::internal(payload))
}

/// Runs a synchronous export's body, a panic thrown as `InternalError` (a panic crossing the
/// N-API boundary would abort the process).
pub(crate) fn guard<T>(body: impl FnOnce() -> napi::Result<T>) -> napi::Result<T> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(body))
        .unwrap_or_else(|payload| Err(internal(&*payload)))
}

/// The error of a call cancelled through its AbortSignal.
pub(crate) fn aborted() -> napi::Error {
    napi::Error::from_reason(
        json!({"kind": "Aborted", "message": "the call was aborted"}).to_string(),
    )
}
