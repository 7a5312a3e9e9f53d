//! DNS record sets of traffic management (`/v1/traffic/recordsets`): the wire shapes of the
//! official SDKs (`huaweicloudsdkucs` 3.1.219, `huaweicloud-sdk-go-v3` v0.1.207
//! `services/ucs/v1/model`), which the reference does not document.

use serde::{Deserialize, Serialize};
use ucs_models_derive::TolerantDeserialize;

use super::common::Extra;
use super::de;
use crate::error::{InvalidInput, Result};
use crate::validate;

/// The zone `traffic.create_record_sets` writes to. The table's rows have no header slot, so this
/// sits in the query slot, but the core sends its fields as the `X-Zone-Project-ID` and
/// `X-Zone-ID` headers, never as query parameters. Both are required.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct RecordSetZone {
    /// The project owning the DNS zone (header `X-Zone-Project-ID`).
    pub x_zone_project_id: String,
    /// The DNS zone (header `X-Zone-ID`).
    pub x_zone_id: String,
}

/// One record set to create (the official `CreateRecordSetRequestBody`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct CreateRecordSet {
    /// The domain name: a FQDN ending with `.` under the zone's name.
    #[serde(default)]
    pub name: String,
    /// Seconds resolvers cache the answer.
    #[serde(default)]
    pub ttl: i32,
    /// The values (addresses for `A`, a host name for `CNAME`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub records: Option<Vec<String>>,
    /// The resolution line id (`default_view`).
    #[serde(default)]
    pub line: String,
    /// Weight among record sets of the same name and line (0-1000).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub weight: Option<i32>,
    /// `A` or `CNAME`.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub record_type: Option<String>,
}

/// A record set as the service answers it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, TolerantDeserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct RecordSet {
    /// Record set id.
    #[serde(default)]
    pub id: String,
    /// Description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub description: Option<String>,
    /// The zone it belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub zone_id: Option<String>,
    /// The zone's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub zone_name: Option<String>,
    /// `A` or `CNAME`.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub record_type: Option<String>,
    /// The project owning the zone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub project_id: Option<String>,
    /// The domain name.
    #[serde(default)]
    pub name: String,
    /// Seconds resolvers cache the answer.
    #[serde(default)]
    pub ttl: i32,
    /// The values.
    #[serde(default, deserialize_with = "de::null_as_empty")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub records: Vec<String>,
    /// Weight.
    #[serde(default)]
    pub weight: i32,
    /// Resolution line id.
    #[serde(default)]
    pub line: String,
    /// Creation time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub create_at: Option<String>,
    /// Update time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub update_at: Option<String>,
    /// Whether the zone made it (its SOA and NS sets).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub default: Option<bool>,
    /// Fields this SDK does not know, kept as they came.
    #[serde(flatten)]
    #[cfg_attr(feature = "schema", schemars(skip))]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub extra: Extra,
}

/// Answer of `traffic.list_record_sets`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct RecordSetList {
    /// Links to this page and the next.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub links: Option<RecordSetLinks>,
    /// The record sets.
    #[serde(default, deserialize_with = "de::null_as_empty")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub recordsets: Vec<RecordSet>,
    /// The count.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub metadata: Option<RecordSetListMeta>,
}

/// Links of a record set list.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct RecordSetLinks {
    /// This list.
    #[serde(rename = "self", default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub self_link: Option<String>,
    /// The next page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub next: Option<String>,
}

/// The count of a record set list.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct RecordSetListMeta {
    /// How many record sets there are.
    #[serde(
        default,
        deserialize_with = "de::int_or_string",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub total_count: Option<i64>,
}

/// The record set types the service creates.
pub const RECORD_SET_TYPES: &[&str] = &["A", "CNAME"];

impl RecordSetZone {
    /// Both headers are required, and are header values (no control characters).
    pub fn check(&self) -> Result<()> {
        validate::id("x_zone_project_id", &self.x_zone_project_id)?;
        validate::id("x_zone_id", &self.x_zone_id)
    }

    /// The headers to send, by their wire names.
    pub fn headers(&self) -> [(&'static str, &str); 2] {
        [
            ("X-Zone-Project-ID", self.x_zone_project_id.as_str()),
            ("X-Zone-ID", self.x_zone_id.as_str()),
        ]
    }
}

/// Checks the body of `traffic.create_record_sets`: at least one record set, each with a FQDN
/// name ending in `.`, a TTL of 1 to 2147483647 s, a line, at least one record, a weight of 0
/// to 1000 and the type `A` or `CNAME` (fields named `[i].name`, ...).
pub fn check_record_sets(sets: &[CreateRecordSet]) -> Result<()> {
    if sets.is_empty() {
        return Err(InvalidInput::new(
            "body",
            "must hold at least one record set",
        ));
    }
    for (i, set) in sets.iter().enumerate() {
        let field = |name: &str| format!("[{i}].{name}");
        validate::required(&field("name"), &set.name)?;
        validate::length(&field("name"), &set.name, 2, 254)?;
        if !set.name.ends_with('.') || set.name.starts_with('.') {
            return Err(InvalidInput::new(
                field("name"),
                format!(
                    "{:?} is not a fully qualified domain name ending with '.'",
                    set.name
                ),
            ));
        }
        validate::range(&field("ttl"), i64::from(set.ttl), 1, i64::from(i32::MAX))?;
        validate::required(&field("line"), &set.line)?;
        let records = set.records.as_deref().unwrap_or_default();
        if records.is_empty() {
            return Err(InvalidInput::new(
                field("records"),
                "must hold at least one value",
            ));
        }
        for (j, record) in records.iter().enumerate() {
            validate::required(&format!("[{i}].records[{j}]"), record)?;
        }
        if let Some(weight) = set.weight {
            validate::range(&field("weight"), i64::from(weight), 0, 1000)?;
        }
        validate::opt_one_of(&field("type"), set.record_type.as_deref(), RECORD_SET_TYPES)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn valid() -> CreateRecordSet {
        CreateRecordSet {
            name: "www.example.com.".into(),
            ttl: 300,
            records: Some(vec!["10.0.0.1".into()]),
            line: "default_view".into(),
            weight: Some(1),
            record_type: Some("A".into()),
        }
    }

    #[test]
    fn record_set_checks_name_the_refused_field() {
        let field = |edit: fn(&mut CreateRecordSet)| {
            let mut set = valid();
            edit(&mut set);
            check_record_sets(&[valid(), set]).err().map(|e| e.field)
        };
        assert_eq!(check_record_sets(&[valid()]), Ok(()));
        assert_eq!(
            check_record_sets(&[]).err().map(|e| e.field).as_deref(),
            Some("body")
        );
        assert_eq!(
            field(|s| s.name = "www.example.com".into()).as_deref(),
            Some("[1].name")
        );
        assert_eq!(field(|s| s.ttl = 0).as_deref(), Some("[1].ttl"));
        assert_eq!(
            field(|s| s.line = String::new()).as_deref(),
            Some("[1].line")
        );
        assert_eq!(field(|s| s.records = None).as_deref(), Some("[1].records"));
        assert_eq!(
            field(|s| s.weight = Some(1001)).as_deref(),
            Some("[1].weight")
        );
        assert_eq!(
            field(|s| s.record_type = Some("MX".into())).as_deref(),
            Some("[1].type")
        );
        let zone = RecordSetZone {
            x_zone_project_id: "p".into(),
            x_zone_id: " ".into(),
        };
        assert_eq!(
            zone.check().err().map(|e| e.field).as_deref(),
            Some("x_zone_id")
        );
        assert_eq!(zone.headers()[0], ("X-Zone-Project-ID", "p"));
    }

    #[test]
    fn reads_the_official_list_and_writes_the_official_body() {
        let list: RecordSetList = serde_json::from_value(serde_json::json!({
            "links": {"self": "s"},
            "recordsets": [{"id": "r1", "name": "www.example.com.", "type": "A", "ttl": 300,
                "records": ["10.0.0.1"], "weight": 1, "line": "default_view", "zone_id": "z",
                "status": "ACTIVE"}],
            "metadata": {"total_count": 1}
        }))
        .unwrap_or_default();
        let set = &list.recordsets[0];
        assert_eq!(set.record_type.as_deref(), Some("A"));
        assert_eq!(set.zone_id.as_deref(), Some("z"));
        assert_eq!(set.extra.get("status"), Some(&serde_json::json!("ACTIVE")));
        assert_eq!(
            list.links.unwrap_or_default().self_link.as_deref(),
            Some("s")
        );
        assert_eq!(list.metadata.unwrap_or_default().total_count, Some(1));
        let body = CreateRecordSet {
            name: "www.example.com.".into(),
            ttl: 300,
            line: "default_view".into(),
            record_type: Some("A".into()),
            ..Default::default()
        };
        assert_eq!(
            serde_json::to_value(&body).unwrap_or_default(),
            serde_json::json!({"name": "www.example.com.", "ttl": 300, "line": "default_view", "type": "A"})
        );
    }
}
