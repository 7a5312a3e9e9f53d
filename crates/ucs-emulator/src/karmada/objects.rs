//! The gateway's object store written from UCS handlers (federated workloads): the same
//! server-owned metadata as the gateway's own writes (uid, creationTimestamp, resourceVersion,
//! generation), so kubectl and the Karmada client see these objects like any other.

use chrono::Utc;
use serde_json::{json, Map, Value};

use crate::ids::new_uid;
use crate::state::Account;

/// The object `name` of a fleet's collection.
pub(crate) fn get<'a>(
    account: &'a Account,
    fleet: &str,
    collection: &str,
    name: &str,
) -> Option<&'a Value> {
    account.karmada.get(fleet)?.get(collection)?.get(name)
}

/// Every object of a fleet's collection, by name.
pub(crate) fn all<'a>(
    account: &'a Account,
    fleet: &str,
    collection: &str,
) -> impl Iterator<Item = (&'a String, &'a Value)> {
    account
        .karmada
        .get(fleet)
        .and_then(|c| c.get(collection))
        .into_iter()
        .flatten()
}

/// Creates or replaces `name` with `object` (a JSON object): a new object gets a uid, a creation
/// time and generation 1; a replaced one keeps its uid and creation time, its generation grows.
/// Answers what was stored.
pub(crate) fn put(
    account: &mut Account,
    fleet: &str,
    collection: &str,
    name: &str,
    object: Map<String, Value>,
) -> Value {
    let rv = account.next_seq().to_string();
    let objects = account
        .karmada
        .entry(fleet.to_owned())
        .or_default()
        .entry(collection.to_owned())
        .or_default();
    let current = objects.get(name).map(|o| &o["metadata"]);
    let mut object = object;
    let mut meta = match object.remove("metadata") {
        Some(Value::Object(m)) => m,
        _ => Map::new(),
    };
    meta.insert("name".into(), json!(name));
    match current {
        Some(old) => {
            for key in ["uid", "creationTimestamp"] {
                meta.insert(key.into(), old[key].clone());
            }
            let generation = old["generation"].as_i64().unwrap_or(1) + 1;
            meta.insert("generation".into(), json!(generation));
        }
        None => {
            meta.insert("uid".into(), json!(new_uid()));
            meta.insert(
                "creationTimestamp".into(),
                json!(crate::state::rfc3339(Utc::now())),
            );
            meta.insert("generation".into(), json!(1));
        }
    }
    meta.insert("resourceVersion".into(), json!(rv));
    object.insert("metadata".into(), Value::Object(meta));
    let object = Value::Object(object);
    objects.insert(name.to_owned(), object.clone());
    object
}

/// Removes `name`, dropping the collection once empty; answers the removed object.
pub(crate) fn remove(
    account: &mut Account,
    fleet: &str,
    collection: &str,
    name: &str,
) -> Option<Value> {
    let collections = account.karmada.get_mut(fleet)?;
    let objects = collections.get_mut(collection)?;
    let removed = objects.remove(name);
    if objects.is_empty() {
        collections.remove(collection);
    }
    removed
}
