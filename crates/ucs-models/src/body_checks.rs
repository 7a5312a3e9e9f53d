//! Checks of whole request bodies, shared by the client (before sending) and the emulator.

use crate::error::{InvalidInput, Result};
use crate::models::{RegisterCluster, RuleSpec, RULE_TYPES};
use crate::reference;
use crate::validate;

/// Everything reference 3.1.3, 5.5 and 5.6 require of a cluster registration.
pub fn register_cluster(body: &RegisterCluster) -> Result<()> {
    validate::one_of("kind", &body.kind, &["Cluster"])?;
    validate::one_of("apiVersion", &body.api_version, &["v1"])?;
    validate::length("metadata.name", &body.metadata.name, 1, validate::NAME_MAX)?;
    let s = &body.spec;
    validate::required("spec.category", &s.category)?;
    validate::required("spec.type", &s.cluster_type)?;
    validate::required("spec.provider", &s.provider)?;
    validate::required("spec.country", &s.country)?;
    validate::one_of("spec.manageType", &s.manage_type, validate::MANAGE_TYPES)?;
    if !reference::is_known_cluster_kind(&s.category, &s.cluster_type, &s.provider) {
        return Err(InvalidInput::new(
            "spec.category",
            format!(
                "category {:?}, type {:?} and provider {:?} are not a combination of reference 5.6",
                s.category, s.cluster_type, s.provider
            ),
        ));
    }
    if s.country.len() != 2 || !s.country.bytes().all(|b| b.is_ascii_uppercase()) {
        return Err(InvalidInput::new(
            "spec.country",
            format!("{:?} is not a two-letter country code", s.country),
        ));
    }
    match (
        s.country.as_str(),
        s.city.as_deref().filter(|c| !c.is_empty()),
    ) {
        ("CN", None) => {
            return Err(InvalidInput::new(
                "spec.city",
                "required for clusters in China (reference 5.5)",
            ))
        }
        // Reference 3.1.3 asks the city (a 5.5 code) only of clusters in China.
        ("CN", Some(city)) => city_code("spec.city", city)?,
        _ => {}
    }
    if let Some(id) = &s.cluster_group_id {
        validate::id("spec.clusterGroupID", id)?;
    }
    if let Some(uid) = &body.metadata.uid {
        validate::cluster_id("metadata.UID", uid)?;
    }
    Ok(())
}

/// A city code of reference 5.5.
pub fn city_code(field: &str, city: &str) -> Result<()> {
    if reference::city_name(city).is_some() {
        Ok(())
    } else {
        Err(InvalidInput::new(
            field,
            format!("{city:?} is not a city code of reference 5.5"),
        ))
    }
}

/// A rule's spec: its type (optional), description length, and any contents' entries.
/// Every field is optional (reference 3.3.1 and 3.3.4, and the official `RuleSpec`); a custom
/// rule without `contents` is the reference's own 3.3.4 example, so it is allowed.
pub fn rule_spec(spec: &RuleSpec) -> Result<()> {
    validate::opt_one_of("spec.type", spec.rule_type.as_deref(), RULE_TYPES)?;
    if let Some(d) = &spec.description {
        validate::length("spec.description", d, 0, validate::DESCRIPTION_MAX)?;
    }
    let contents = spec.contents.as_deref().unwrap_or_default();
    for (i, c) in contents.iter().enumerate() {
        if c.verbs.is_empty() || c.resources.is_empty() {
            return Err(InvalidInput::new(
                format!("spec.contents[{i}]"),
                "verbs and resources must not be empty",
            ));
        }
    }
    Ok(())
}
