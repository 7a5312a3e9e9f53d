//! Request extractors that refuse bad input with the reference's codes instead of axum's defaults.

use std::collections::HashMap;

use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::header::CONTENT_TYPE;
use axum::http::request::Parts;
use percent_encoding::percent_decode_str;
use serde::de::DeserializeOwned;

use crate::error::{ApiFailure, ApiResult};

/// A JSON body decoded into `T`: another Content-Type is 400 `UCS.00000016`; a malformed body or
/// one of the wrong shape is 400 `UCS.00000012` naming the field serde stopped at.
pub(crate) struct JsonBody<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for JsonBody<T> {
    type Rejection = ApiFailure;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let is_json = req
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.to_ascii_lowercase().contains("json"));
        if !is_json {
            return Err(ApiFailure::bad_header(
                "invalid header `Content-Type`: the body must be JSON (application/json)",
            ));
        }
        let bytes = axum::body::Bytes::from_request(req, state)
            .await
            .map_err(|e| ApiFailure::bad_body(format!("cannot read the body: {e}")))?;
        decode_json(&bytes).map(JsonBody)
    }
}

/// Decodes a JSON body, naming the path of the first bad field.
pub(crate) fn decode_json<T: DeserializeOwned>(bytes: &[u8]) -> ApiResult<T> {
    let de = &mut serde_json::Deserializer::from_slice(bytes);
    serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        if path == "." || path.is_empty() {
            ApiFailure::bad_body(inner)
        } else {
            ApiFailure::bad_body(format!("field `{path}`: {inner}"))
        }
    })
}

/// Decoded query parameters (last value wins), with typed accessors answering 400 `UCS.00000011`.
#[derive(Debug, Default, Clone)]
pub(crate) struct Params(pub HashMap<String, String>);

/// Splits a raw query into decoded pairs, keeping order and empty values.
pub(crate) fn query_pairs(raw: &str) -> Vec<(String, String)> {
    raw.split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            let decode = |s: &str| percent_decode_str(s).decode_utf8_lossy().into_owned();
            (decode(k), decode(v))
        })
        .collect()
}

impl<S: Send + Sync> FromRequestParts<S> for Params {
    type Rejection = ApiFailure;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let raw = parts.uri.query().unwrap_or_default();
        Ok(Params(query_pairs(raw).into_iter().collect()))
    }
}

impl Params {
    pub fn str(&self, name: &str) -> Option<&str> {
        self.0
            .get(name)
            .map(String::as_str)
            .filter(|v| !v.is_empty())
    }

    pub fn bool(&self, name: &str) -> ApiResult<Option<bool>> {
        match self.str(name) {
            None => Ok(None),
            Some("true") => Ok(Some(true)),
            Some("false") => Ok(Some(false)),
            Some(other) => Err(ApiFailure::bad_query(format!(
                "`{name}` must be true or false (got {other:?})"
            ))),
        }
    }

    pub fn int(&self, name: &str, min: i64, max: i64) -> ApiResult<Option<i64>> {
        let Some(raw) = self.str(name) else {
            return Ok(None);
        };
        match raw.parse::<i64>() {
            Ok(v) if (min..=max).contains(&v) => Ok(Some(v)),
            _ => Err(ApiFailure::bad_query(format!(
                "`{name}` must be an integer from {min} to {max} (got {raw:?})"
            ))),
        }
    }

    pub fn one_of(&self, name: &str, allowed: &[&str]) -> ApiResult<Option<String>> {
        match self.str(name) {
            None => Ok(None),
            Some(v) if allowed.contains(&v) => Ok(Some(v.to_owned())),
            Some(v) => Err(ApiFailure::bad_query(format!(
                "`{name}` must be one of {} (got {v:?})",
                allowed.join(", ")
            ))),
        }
    }
}
