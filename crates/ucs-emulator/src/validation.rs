//! Body checks of the reference (5.5 city codes, 5.6 cluster kinds, names, ids), as 400 answers.

use ucs_sdk::models::RegisterCluster;
use ucs_sdk::reference;
use ucs_sdk::validate;

use crate::error::{ApiFailure, ApiResult};

/// Turns a core validation error (which names the field) into a 400 `UCS.00000012`.
pub(crate) fn body(result: ucs_sdk::Result<()>) -> ApiResult<()> {
    result.map_err(|e| ApiFailure::bad_body(e.to_string()))
}

/// A path id: fleets and rules take any well-formed id, clusters a Kubernetes UUID.
pub(crate) fn path_id(field: &str, id: &str) -> ApiResult<()> {
    validate::id(field, id).map_err(|e| ApiFailure::bad_query(e.to_string()))
}

/// A resource name: 1 to 63 characters, no control characters, no `/`.
pub(crate) fn name(field: &str, value: &str) -> ApiResult<()> {
    body(validate::length(field, value, 1, validate::NAME_MAX))?;
    if value.chars().any(|c| c.is_control() || c == '/') {
        return Err(ApiFailure::bad_body(format!(
            "invalid argument `{field}`: must not hold control characters or '/'"
        )));
    }
    Ok(())
}

/// A cluster registration: the core's checks, with the reference's own code for a kind
/// combination outside reference 5.6.
pub(crate) fn register_cluster(body: &RegisterCluster) -> ApiResult<()> {
    name("metadata.name", &body.metadata.name)?;
    let s = &body.spec;
    let filled = [&s.category, &s.cluster_type, &s.provider]
        .iter()
        .all(|v| !v.is_empty());
    if filled && !reference::is_known_cluster_kind(&s.category, &s.cluster_type, &s.provider) {
        return Err(ApiFailure::new(
            "UCS.01030011",
            format!(
                "category {:?}, type {:?} and provider {:?} are not a combination of reference 5.6",
                s.category, s.cluster_type, s.provider
            ),
        ));
    }
    self::body(ucs_sdk::body_checks::register_cluster(body))
}
