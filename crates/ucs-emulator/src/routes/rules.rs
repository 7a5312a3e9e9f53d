//! `/v1/permissions/rules`: permission rules; deleting one removes it from every association.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use chrono::Utc;
use ucs_models::models::{CreateRule, Created, ObjectMeta, Rule, RuleSpec, UpdateRule};

use super::{ok_empty, ok_object};
use crate::auth::Caller;
use crate::error::{ApiFailure, ApiResult};
use crate::extract::{JsonBody, Params};
use crate::ids::new_uid;
use crate::listing::{ListPage, Paging, Sortable};
use crate::server::AppState;
use crate::state::{go_time, RuleRecord};
use crate::validation;

/// Every field of a rule spec is optional (reference 3.3.1 and 3.3.4 and the official
/// `RuleSpec`); given ones are checked.
fn check_spec(spec: &RuleSpec) -> ApiResult<()> {
    validation::body(ucs_models::body_checks::rule_spec(spec))
}

/// An update changes the fields it gives and keeps the others.
fn merge_spec(old: &mut RuleSpec, new: RuleSpec) {
    if new.iam_user_ids.is_some() {
        old.iam_user_ids = new.iam_user_ids;
    }
    if new.rule_type.is_some() {
        old.rule_type = new.rule_type;
    }
    if new.contents.is_some() {
        old.contents = new.contents;
    }
    if new.description.is_some() {
        old.description = new.description;
    }
    old.extra.extend(new.extra);
}

pub(crate) async fn create(
    State(app): State<Arc<AppState>>,
    Extension(caller): Extension<Caller>,
    JsonBody(body): JsonBody<CreateRule>,
) -> ApiResult<Response> {
    validation::name("metadata.name", &body.metadata.name)?;
    check_spec(&body.spec)?;
    let quota = app.quota();
    let uid = app.write(&caller, |account| {
        if account.rules.len() >= quota {
            return Err(ApiFailure::quota("permission rules", quota));
        }
        let now = Utc::now();
        let uid = new_uid();
        let seq = account.next_seq();
        account.rules.insert(
            uid.clone(),
            RuleRecord {
                rule: Rule {
                    kind: None,
                    api_version: None,
                    metadata: Some(ObjectMeta {
                        uid: Some(uid.clone()),
                        name: Some(body.metadata.name),
                        creation_timestamp: Some(go_time(now)),
                        ..Default::default()
                    }),
                    spec: Some(body.spec),
                    extra: Default::default(),
                },
                created_at: now,
                updated_at: now,
                seq,
            },
        );
        Ok(uid)
    })?;
    Ok((StatusCode::CREATED, Json(Created { uid })).into_response())
}

pub(crate) async fn list(
    State(app): State<Arc<AppState>>,
    Extension(caller): Extension<Caller>,
    params: Params,
) -> ApiResult<Response> {
    let paging = Paging::from_params(&params)?;
    let body = app.read(&caller, |account| {
        let rows = account
            .rules
            .values()
            .map(|r| Sortable {
                created: r.created_at,
                updated: r.updated_at,
                seq: r.seq,
                item: r,
            })
            .collect();
        let (page, total) = paging.apply(rows);
        let items: Vec<Rule> = page
            .into_iter()
            .map(|r| {
                let mut rule = r.rule.clone();
                if let Some(meta) = rule.metadata.as_mut() {
                    meta.update_timestamp = Some(go_time(r.updated_at));
                }
                rule
            })
            .collect();
        Ok(ListPage { items, total })
    })?;
    Ok(Json(body).into_response())
}

pub(crate) async fn update(
    State(app): State<Arc<AppState>>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<UpdateRule>,
) -> ApiResult<Response> {
    validation::path_id("ruleid", &id)?;
    // `spec` is optional (reference 3.3.4, official `UpdateRuleRequestBody`): none changes nothing.
    if let Some(spec) = &body.spec {
        check_spec(spec)?;
    }
    app.write(&caller, |account| {
        let record = account
            .rules
            .get_mut(&id)
            .ok_or_else(|| ApiFailure::rule_not_found(&id))?;
        if let Some(new) = body.spec {
            merge_spec(record.rule.spec.get_or_insert_with(RuleSpec::default), new);
        }
        record.updated_at = Utc::now();
        Ok(ok_object())
    })
}

pub(crate) async fn delete(
    State(app): State<Arc<AppState>>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    validation::path_id("ruleid", &id)?;
    app.write(&caller, |account| {
        account
            .rules
            .remove(&id)
            .ok_or_else(|| ApiFailure::rule_not_found(&id))?;
        // A deleted rule leaves every association it was in.
        let strip = |assocs: &mut Vec<ucs_models::models::RuleIdNamespaces>| {
            for a in assocs.iter_mut() {
                a.rule_ids.retain(|r| *r != id);
            }
            assocs.retain(|a| !a.rule_ids.is_empty());
        };
        account
            .clusters
            .values_mut()
            .for_each(|c| strip(&mut c.rules));
        account
            .fleets
            .values_mut()
            .for_each(|f| strip(&mut f.rules));
        Ok(ok_empty())
    })
}
