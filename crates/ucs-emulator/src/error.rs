//! Error answers shaped like the service's: `{"error_code", "error_msg"}` with the reference's status.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;

/// An error answer. The status comes from the reference's table for the code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ApiFailure {
    pub status: StatusCode,
    pub code: &'static str,
    pub message: String,
}

pub(crate) type ApiResult<T> = Result<T, ApiFailure>;

impl ApiFailure {
    /// The reference's code with its table status; `detail` is appended to the table message.
    pub fn new(code: &'static str, detail: impl std::fmt::Display) -> Self {
        let (status, base) =
            ucs_models::reference::error_code(code).unwrap_or((500, "Server error."));
        let detail = detail.to_string();
        let message = if detail.is_empty() {
            base.to_owned()
        } else {
            format!("{} {detail}", base.trim_end())
        };
        Self {
            status: StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
            code,
            message,
        }
    }

    /// The same answer with another status: only 413 for bodies over the limit (an HTTP-level
    /// refusal the table has no code for); every other answer keeps its code's table status.
    pub fn with_status(mut self, status: StatusCode) -> Self {
        self.status = status;
        self
    }

    /// 413 for a body over `limit` bytes.
    pub fn too_large(limit: usize) -> Self {
        Self::new(
            "UCS.00000012",
            format!("The body is larger than the {limit} bytes accepted here."),
        )
        .with_status(StatusCode::PAYLOAD_TOO_LARGE)
    }

    /// A change made in memory that the state file did not take: not durable, so not a success.
    pub fn not_durable(reason: impl std::fmt::Display) -> Self {
        Self::new(
            "UCS.01000006",
            format!("The change could not be saved to the state file: {reason}"),
        )
    }

    pub fn bad_body(detail: impl std::fmt::Display) -> Self {
        Self::new("UCS.00000012", detail)
    }

    pub fn bad_query(detail: impl std::fmt::Display) -> Self {
        Self::new("UCS.00000011", detail)
    }

    pub fn unauthorized(detail: impl std::fmt::Display) -> Self {
        Self::new("UCS.01000003", detail)
    }

    pub fn quota(what: &str, limit: usize) -> Self {
        Self::new(
            "UCS.01000017",
            format!("The quota of {what} ({limit}) is used up."),
        )
    }

    pub fn cluster_not_found(id: &str) -> Self {
        Self::new("UCS.01030001", format!("cluster {id} does not exist"))
    }

    pub fn fleet_not_found(id: &str) -> Self {
        Self::new("UCS.01100005", format!("clustergroup {id} does not exist"))
    }

    pub fn rule_not_found(id: &str) -> Self {
        Self::new("UCS.01000013", format!("rule {id} does not exist"))
    }

    pub fn not_found(detail: impl std::fmt::Display) -> Self {
        Self::new("UCS.01000013", detail)
    }

    /// A header whose value is malformed (not a mismatch: that is 403 `UCS.01000004`).
    pub fn bad_header(detail: impl std::fmt::Display) -> Self {
        Self::new("UCS.00000016", detail)
    }

    /// A fleet that would hold more clusters than the limit.
    pub fn fleet_full(fleet: &str, limit: usize) -> Self {
        Self::new(
            "UCS.01100006",
            format!("fleet {fleet} would hold more than {limit} clusters"),
        )
    }

    /// A cluster already in another fleet: one code for register, add-clusters and join.
    pub fn in_other_fleet(cluster: &str, fleet: &str) -> Self {
        Self::new(
            "UCS.01100002",
            format!("cluster {cluster} already belongs to fleet {fleet}"),
        )
    }

    /// A cluster frozen through `POST /_emulator/clusters/{id}/freeze`: read-only until thawed.
    pub fn frozen(cluster: &str) -> Self {
        Self::new(
            "UCS.01030016",
            format!("cluster {cluster} is frozen; only reads are allowed"),
        )
    }
}

impl IntoResponse for ApiFailure {
    fn into_response(self) -> Response {
        let body = serde_json::json!({"error_code": self.code, "error_msg": self.message});
        (self.status, Json(body)).into_response()
    }
}
