//! Authentication: AK/SK signing, credentials and their sources, IAM tokens.

pub mod credentials;
/// AK/SK signing; it lives in `ucs-models` so the emulator verifies without the HTTP client.
pub use ucs_models::signing as signer;
pub(crate) mod token;

pub use credentials::{CredentialSource, Credentials};
