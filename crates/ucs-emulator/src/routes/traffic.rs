//! `/v1/traffic/recordsets`: DNS record sets kept per zone (the `X-Zone-ID` header of the
//! create call), listed across zones in creation order. A record set with the name, type and
//! line of one already in the zone is refused with 400 `UCS.01050001`.

use std::collections::BTreeMap;
use std::sync::Arc;

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use chrono::Utc;
use serde::{Deserialize, Serialize};
use ucs_models::models::{
    check_record_sets, CreateRecordSet, RecordSet, RecordSetLinks, RecordSetList, RecordSetListMeta,
};
use ucs_models::validate;

use crate::auth::Caller;
use crate::error::{ApiFailure, ApiResult};
use crate::extract::JsonBody;
use crate::ids::new_uid;
use crate::server::AppState;
use crate::state::rfc3339;
use crate::validation;

/// A record set and its creation order.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct RecordSetRecord {
    pub set: RecordSet,
    pub seq: u64,
}

/// Record sets by zone id (`Account::record_sets`).
pub(crate) type Zones = BTreeMap<String, Vec<RecordSetRecord>>;

/// A required header, refused as the service refuses a malformed one.
fn header<'a>(headers: &'a HeaderMap, name: &str) -> ApiResult<&'a str> {
    let value = headers
        .get(name)
        .map(|v| {
            v.to_str()
                .map_err(|_| ApiFailure::bad_header(format!("header `{name}` is not text")))
        })
        .transpose()?
        .unwrap_or("");
    validate::id(name, value).map_err(|e| ApiFailure::bad_header(e.to_string()))?;
    Ok(value)
}

pub(crate) async fn list_record_sets(
    State(app): State<Arc<AppState>>,
    Extension(caller): Extension<Caller>,
) -> ApiResult<Json<RecordSetList>> {
    app.read(&caller, |account| {
        let mut records: Vec<&RecordSetRecord> = account.record_sets.values().flatten().collect();
        records.sort_by_key(|r| r.seq);
        let recordsets: Vec<RecordSet> = records.into_iter().map(|r| r.set.clone()).collect();
        Ok(Json(RecordSetList {
            links: Some(RecordSetLinks {
                self_link: Some("/v1/traffic/recordsets".into()),
                next: None,
            }),
            metadata: Some(RecordSetListMeta {
                total_count: i64::try_from(recordsets.len()).ok(),
            }),
            recordsets,
        }))
    })
}

pub(crate) async fn create_record_sets(
    State(app): State<Arc<AppState>>,
    Extension(caller): Extension<Caller>,
    headers: HeaderMap,
    JsonBody(body): JsonBody<Vec<CreateRecordSet>>,
) -> ApiResult<Response> {
    let project = header(&headers, "X-Zone-Project-ID")?.to_owned();
    let zone = header(&headers, "X-Zone-ID")?.to_owned();
    validation::body(check_record_sets(&body))?;
    let created = app.write(&caller, |account| {
        let same = |a: &RecordSet, b: &CreateRecordSet| {
            a.name.eq_ignore_ascii_case(&b.name)
                && a.record_type.as_deref().unwrap_or("A")
                    == b.record_type.as_deref().unwrap_or("A")
                && a.line == b.line
        };
        let existing = account
            .record_sets
            .get(&zone)
            .map(Vec::as_slice)
            .unwrap_or_default();
        for (i, set) in body.iter().enumerate() {
            let in_zone = existing.iter().any(|r| same(&r.set, set));
            let in_body = body[..i].iter().any(|earlier| {
                earlier.name.eq_ignore_ascii_case(&set.name)
                    && earlier.record_type == set.record_type
                    && earlier.line == set.line
            });
            if in_zone || in_body {
                return Err(ApiFailure::new(
                    "UCS.01050001",
                    format!(
                        "[{i}]: zone {zone} already has a {} record set {:?} on line {:?}",
                        set.record_type.as_deref().unwrap_or("A"),
                        set.name,
                        set.line
                    ),
                ));
            }
        }
        let now = rfc3339(Utc::now());
        let mut created = Vec::with_capacity(body.len());
        for set in &body {
            let record = RecordSetRecord {
                set: RecordSet {
                    id: new_uid(),
                    description: None,
                    zone_id: Some(zone.clone()),
                    zone_name: None,
                    record_type: Some(set.record_type.clone().unwrap_or_else(|| "A".into())),
                    project_id: Some(project.clone()),
                    name: set.name.clone(),
                    ttl: set.ttl,
                    records: set.records.clone().unwrap_or_default(),
                    weight: set.weight.unwrap_or(1),
                    line: set.line.clone(),
                    create_at: Some(now.clone()),
                    update_at: Some(now.clone()),
                    default: Some(false),
                    extra: Default::default(),
                },
                seq: account.next_seq(),
            };
            created.push(record.set.clone());
            account
                .record_sets
                .entry(zone.clone())
                .or_default()
                .push(record);
        }
        Ok(created)
    })?;
    Ok((StatusCode::CREATED, Json(created)).into_response())
}
