//! `client.iam()`: what calling the API needs from IAM: a token, the project id, the domain id.

use crate::auth::Credentials;
use crate::client::Client;
use crate::error::{Error, Result};
use crate::secret::SecretString;

/// IAM helpers; get one with [`Client::iam`].
#[derive(Debug, Clone)]
pub struct Iam {
    client: Client,
}

impl Iam {
    pub(crate) fn new(client: Client) -> Self {
        Self { client }
    }

    /// The IAM token in use: the given one, or a domain-scoped one obtained with the password
    /// (`POST /v3/auth/tokens`), cached and refreshed before its 24 h expiry.
    pub async fn token(&self) -> Result<SecretString> {
        match &self.client.inner.config.credentials {
            Some(Credentials::Token(t)) => Ok(t.clone()),
            Some(Credentials::Password { .. }) => {
                Ok(self.client.inner.password_token(false).await?.token)
            }
            _ => Err(Error::Auth(
                "a token needs token or user/password credentials".to_owned(),
            )),
        }
    }

    /// The project id: configured, or resolved once through `GET /v3/projects?name={region}`.
    pub async fn project_id(&self) -> Result<String> {
        self.client.inner.project_id().await
    }

    /// The account id: configured, or resolved once through `GET /v3/auth/domains`.
    pub async fn domain_id(&self) -> Result<String> {
        self.client.inner.domain_id().await
    }
}
