//! Where an emulator is and how to sign for it: the arguments every measuring subcommand takes.

use ucs_sdk::{Client, Credentials};

use crate::raw::RawClient;

/// The emulator's base URL and the AK/SK account to sign with.
#[derive(clap::Args, Clone)]
pub struct Endpoint {
    /// Emulator base URL.
    #[arg(long)]
    pub base: String,
    #[arg(long)]
    pub ak: String,
    #[arg(long)]
    pub sk: String,
    #[arg(long)]
    pub domain_id: String,
}

impl Endpoint {
    /// The core client for this emulator.
    pub fn client(&self) -> ucs_sdk::Result<Client> {
        Client::builder()
            .endpoint(self.base.clone())
            .credentials(Credentials::aksk(self.ak.clone(), self.sk.clone()))
            .domain_id(self.domain_id.clone())
            .build()
    }

    /// The pre-signing loopback client for this emulator.
    pub fn raw(&self) -> ucs_sdk::Result<RawClient> {
        RawClient::new(&self.base, &self.ak, &self.sk, &self.domain_id)
    }
}
