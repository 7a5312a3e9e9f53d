//! Checks made before anything is sent: the reference's limits, id shapes and enum values.

use crate::error::{InvalidInput, Result};

/// Whether `value` has the 8-4-4-4-12 hex shape of a Kubernetes UUID.
pub fn is_uuid(value: &str) -> bool {
    let groups: Vec<&str> = value.split('-').collect();
    groups.len() == 5
        && groups
            .iter()
            .zip([8, 4, 4, 4, 12])
            .all(|(g, n)| g.len() == n && g.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// A cluster id: the reference requires the Kubernetes UUID format.
pub fn cluster_id(field: &str, value: &str) -> Result<()> {
    if is_uuid(value) {
        Ok(())
    } else {
        Err(InvalidInput::new(
            field,
            format!("{value:?} is not a Kubernetes UUID (8-4-4-4-12 hex digits)"),
        ))
    }
}

/// A value that becomes one path segment: not empty and not only dots, which the URL parser
/// would resolve (`.` and `..` change the path: `DELETE /v1/clustergroups/..`).
pub fn path_segment(field: &str, value: &str) -> Result<()> {
    if value.is_empty() {
        return Err(InvalidInput::new(field, "must not be empty"));
    }
    if value.bytes().all(|b| b == b'.') {
        return Err(InvalidInput::new(
            field,
            format!("{value:?} is not an id: a path segment of only dots would change the path"),
        ));
    }
    Ok(())
}

/// Any other id (fleet, rule): non-empty, not only dots, at most 256 characters, no control
/// characters.
pub fn id(field: &str, value: &str) -> Result<()> {
    if value.trim().is_empty() {
        return Err(InvalidInput::new(field, "must not be empty"));
    }
    path_segment(field, value)?;
    if value.chars().count() > 256 {
        return Err(InvalidInput::new(field, "must be at most 256 characters"));
    }
    if value.chars().any(char::is_control) {
        return Err(InvalidInput::new(
            field,
            "must not contain control characters",
        ));
    }
    Ok(())
}

/// A string whose length in characters must lie in `min..=max`.
pub fn length(field: &str, value: &str, min: usize, max: usize) -> Result<()> {
    let n = value.chars().count();
    if n < min || n > max {
        let what = if min == 0 {
            format!("must be at most {max} characters (got {n})")
        } else {
            format!("must be {min} to {max} characters long (got {n})")
        };
        return Err(InvalidInput::new(field, what));
    }
    Ok(())
}

/// A value that must be one of `allowed`.
pub fn one_of(field: &str, value: &str, allowed: &[&str]) -> Result<()> {
    if allowed.contains(&value) {
        Ok(())
    } else {
        Err(InvalidInput::new(
            field,
            format!("{value:?} is not one of {}", allowed.join(", ")),
        ))
    }
}

/// An optional value that must be one of `allowed` when given.
pub fn opt_one_of(field: &str, value: Option<&str>, allowed: &[&str]) -> Result<()> {
    value.map_or(Ok(()), |v| one_of(field, v, allowed))
}

/// An integer in `min..=max`.
pub fn range(field: &str, value: i64, min: i64, max: i64) -> Result<()> {
    if (min..=max).contains(&value) {
        Ok(())
    } else {
        Err(InvalidInput::new(
            field,
            format!("must be between {min} and {max} (got {value})"),
        ))
    }
}

/// A non-empty required string.
pub fn required(field: &str, value: &str) -> Result<()> {
    if value.trim().is_empty() {
        Err(InvalidInput::new(field, "is required"))
    } else {
        Ok(())
    }
}

/// Paging and ordering parameters shared by the lists.
pub fn paging(
    limit: Option<i64>,
    offset: Option<i64>,
    order_by: Option<&str>,
    order: Option<&str>,
) -> Result<()> {
    if let Some(l) = limit {
        if l < -1 || l == 0 {
            return Err(InvalidInput::new(
                "limit",
                format!("must be -1 (all) or a positive number (got {l})"),
            ));
        }
    }
    if let Some(o) = offset {
        if o < 0 {
            return Err(InvalidInput::new(
                "offset",
                format!("must not be negative (got {o})"),
            ));
        }
    }
    opt_one_of("order_by", order_by, ORDER_BY)?;
    opt_one_of("order", order, ORDER)
}

/// Name limits of the reference (rules; applied to clusters and fleets alike).
pub const NAME_MAX: usize = 63;
/// Description limit of the reference.
pub const DESCRIPTION_MAX: usize = 255;
/// Kubeconfig validity limits in days.
pub const DURATION_DAYS: (i64, i64) = (1, 10950);
/// `order_by` values.
pub const ORDER_BY: &[&str] = &["create_at", "update_at"];
/// `order` values.
pub const ORDER: &[&str] = &["asc", "desc"];
/// `managetype` query values.
pub const MANAGE_TYPE_FILTERS: &[&str] = &["all", "grouped", "discrete"];
/// `spec.manageType` values of a cluster to register.
pub const MANAGE_TYPES: &[&str] = &["grouped", "discrete"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uuid_shape() {
        assert!(is_uuid("b0d1ecb5-7947-11ee-9467-0255ac1001bf"));
        assert!(!is_uuid("bffb35b-7949-11ee-886c-0255ac100037"));
        assert!(!is_uuid("not-a-uuid"));
    }

    #[test]
    fn errors_name_the_field_and_reason() {
        let e = length("metadata.name", &"x".repeat(64), 1, 63).expect_err("too long");
        assert_eq!(
            e.to_string(),
            "invalid argument `metadata.name`: must be 1 to 63 characters long (got 64)"
        );
        let e = range("duration", 0, 1, 10950).expect_err("out of range");
        assert!(
            e.to_string().contains("duration") && e.to_string().contains("between 1 and 10950")
        );
        assert!(one_of("spec.type", "root", &["admin"]).is_err());
        assert!(paging(Some(0), None, None, None).is_err());
        assert!(paging(Some(-1), Some(0), Some("create_at"), Some("desc")).is_ok());
    }

    #[test]
    fn dot_segments_are_not_ids() {
        for bad in [".", "..", "...", ""] {
            let e = id("fleet_id", bad).expect_err(bad);
            assert!(e.to_string().contains("fleet_id"), "{e}");
        }
        assert!(id("fleet_id", ".hidden").is_ok() && id("fleet_id", "a..b").is_ok());
    }
}
