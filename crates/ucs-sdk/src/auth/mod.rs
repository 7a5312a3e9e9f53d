//! Authentication: AK/SK signing, credentials and their sources, IAM tokens.

pub mod credentials;
pub mod signer;
pub(crate) mod token;

pub use credentials::{CredentialSource, Credentials};
