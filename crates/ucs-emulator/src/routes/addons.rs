//! `/v1/addons`: add-on instances of a registered cluster. The emulator installs none, so a
//! known cluster lists an empty set; the query is checked as the service checks it.

use std::sync::Arc;

use axum::extract::State;
use axum::{Extension, Json};
use ucs_models::models::AddonInstanceList;
use ucs_models::validate;

use super::clusters::find;
use crate::auth::Caller;
use crate::error::{ApiFailure, ApiResult};
use crate::extract::Params;
use crate::server::AppState;

pub(crate) async fn list(
    State(app): State<Arc<AppState>>,
    Extension(caller): Extension<Caller>,
    Params(params): Params,
) -> ApiResult<Json<AddonInstanceList>> {
    let cluster_id = params.get("cluster_id").map(String::as_str).unwrap_or("");
    validate::cluster_id("cluster_id", cluster_id)
        .map_err(|e| ApiFailure::bad_query(e.to_string()))?;
    app.read(&caller, |account| {
        find(account, cluster_id)?;
        Ok(Json(AddonInstanceList {
            kind: Some("List".into()),
            api_version: Some("v1".into()),
            items: Vec::new(),
        }))
    })
}
