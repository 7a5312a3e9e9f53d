//! uniffi custom types for the model fields uniffi cannot carry as they are (feature `uniffi`).
//!
//! Free-form JSON (`extra`, resource summaries, `extendparam`, `maxSurge`, ...) crosses the FFI
//! as JSON text; `BTreeMap` labels cross as a plain string map. Serde behaviour is untouched.

use std::collections::{BTreeMap, HashMap};

use serde_json::{Map, Value};

/// Any JSON value, carried as its JSON text.
type JsonValue = Value;
/// A JSON object (unknown fields, free-form maps), carried as its JSON text; "" means empty.
type JsonObject = Map<String, Value>;
/// A string map (labels, annotations), carried as a map.
type StringMap = BTreeMap<String, String>;

uniffi::custom_type!(JsonValue, String, {
    remote,
    lower: |value| value.to_string(),
    try_lift: |text| Ok(serde_json::from_str(&text)?),
});

uniffi::custom_type!(JsonObject, String, {
    remote,
    lower: |map| Value::Object(map).to_string(),
    try_lift: |text| {
        if text.trim().is_empty() {
            return Ok(Map::new());
        }
        match serde_json::from_str(&text)? {
            Value::Object(map) => Ok(map),
            _ => Err(uniffi::deps::anyhow::anyhow!("expected a JSON object")),
        }
    },
});

uniffi::custom_type!(StringMap, HashMap<String, String>, {
    remote,
    lower: |map| map.into_iter().collect(),
    try_lift: |map| Ok(map.into_iter().collect()),
});
