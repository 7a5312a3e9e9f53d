//! The one error of this crate: an input refused by a check, naming the field and the reason.

/// An argument or body field was refused; `ucs_sdk::Error::InvalidArgument` wraps it unchanged.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid argument `{field}`: {reason}")]
pub struct InvalidInput {
    /// The field (wire JSON path) that was refused.
    pub field: String,
    /// Why.
    pub reason: String,
}

impl InvalidInput {
    /// An invalid input for `field`.
    pub fn new(field: impl Into<String>, reason: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            reason: reason.into(),
        }
    }
}

/// The result of a check.
pub type Result<T, E = InvalidInput> = std::result::Result<T, E>;
