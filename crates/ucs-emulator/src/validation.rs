//! Body checks of the reference (5.5 city codes, 5.6 cluster kinds, names, ids), as 400 answers.

use ucs_models::models::RegisterCluster;
use ucs_models::reference;
use ucs_models::validate;

use crate::error::{ApiFailure, ApiResult};

/// Turns a core validation error (which names the field) into a 400 `UCS.00000012`.
pub(crate) fn body(result: ucs_models::Result<()>) -> ApiResult<()> {
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
    self::body(ucs_models::body_checks::register_cluster(body))?;
    kubeconfig_annotations(body.metadata.annotations.as_ref())
}

/// Annotation keys that carry a cluster's kubeconfig.
const KUBECONFIG_ANNOTATIONS: &[&str] = &["kubeconfig", "kubecfg"];

/// A kubeconfig given in the annotations must be a YAML (or JSON) mapping whose `clusters`,
/// `users` and `contexts`, when present, are lists: 400 `UCS.01030008` otherwise. The message
/// names the annotation and the reason, never the value (it holds credentials).
pub(crate) fn kubeconfig_annotations(
    annotations: Option<&std::collections::BTreeMap<String, String>>,
) -> ApiResult<()> {
    let Some(annotations) = annotations else {
        return Ok(());
    };
    for key in KUBECONFIG_ANNOTATIONS {
        let Some(text) = annotations.get(*key) else {
            continue;
        };
        let bad = |reason: &str| {
            ApiFailure::new(
                "UCS.01030008",
                format!("metadata.annotations.{key}: {reason}"),
            )
        };
        let parsed: serde_norway::Value =
            serde_norway::from_str(text).map_err(|_| bad("is not parseable YAML or JSON"))?;
        let map = parsed
            .as_mapping()
            .ok_or_else(|| bad("is not a kubeconfig mapping (apiVersion, clusters, users, ...)"))?;
        for list in ["clusters", "users", "contexts"] {
            if map
                .get(list)
                .is_some_and(|v| !v.is_sequence() && !v.is_null())
            {
                return Err(bad(&format!("`{list}` is not a list")));
            }
        }
    }
    Ok(())
}
