//! `client.traffic()`: DNS record sets of traffic management (`/v1/traffic/recordsets`;
//! official SDK only).

use http::Method;

use crate::client::{body_of, Client};
use crate::error::Result;
use crate::models::*;
use crate::transport::Service;

/// Traffic operations; get one with [`Client::traffic`].
#[derive(Debug, Clone)]
pub struct Traffic {
    client: Client,
}

const PATH: &str = "/v1/traffic/recordsets";

impl Traffic {
    pub(crate) fn new(client: Client) -> Self {
        Self { client }
    }

    /// `GET /v1/traffic/recordsets`: the account's record sets, every zone.
    pub async fn list_record_sets(&self) -> Result<RecordSetList> {
        let req = self
            .client
            .request(Service::Ucs, Method::GET, PATH.into())?;
        self.client.call(req).await
    }

    /// `POST /v1/traffic/recordsets`: creates record sets in the zone `zone`, whose two fields
    /// are sent as the `X-Zone-Project-ID` and `X-Zone-ID` headers (not as query parameters);
    /// the body is the JSON array of record sets. Answers the created record sets.
    pub async fn create_record_sets(
        &self,
        body: &[CreateRecordSet],
        zone: &RecordSetZone,
    ) -> Result<Vec<RecordSet>> {
        zone.check()?;
        check_record_sets(body)?;
        let mut req = self
            .client
            .request(Service::Ucs, Method::POST, PATH.into())?;
        req.headers = zone
            .headers()
            .iter()
            .map(|(name, value)| ((*name).to_owned(), (*value).to_owned()))
            .collect();
        req.body = Some(body_of(&body)?);
        self.client.call(req).await
    }
}
