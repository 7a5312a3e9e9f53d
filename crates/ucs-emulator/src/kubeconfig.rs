//! Kubeconfigs for federated fleets: the gateway address, a CA, and a fresh bearer token.

use serde_json::{json, Value};

/// A base64 placeholder CA the gateway "presents"; the emulator serves plain http.
const FAKE_CA: &str =
    "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUJlbXVsYXRvckNBCi0tLS0tRU5EIENFUlRJRklDQVRFLS0tLS0K";

/// A kubeconfig whose cluster is the fleet's gateway at `server` and whose user holds `token`.
pub(crate) fn for_fleet(fleet_name: &str, server: &str, token: &str, days: i64) -> Value {
    let user = format!("{fleet_name}-user");
    json!({
        "kind": "Config",
        "apiVersion": "v1",
        "preferences": {},
        "clusters": [{
            "name": fleet_name,
            "cluster": {"server": server, "certificate-authority-data": FAKE_CA}
        }],
        "users": [{"name": user, "user": {"token": token}}],
        "contexts": [{
            "name": fleet_name,
            "context": {"cluster": fleet_name, "user": user, "namespace": "default"}
        }],
        "current-context": fleet_name,
        "ucs-emulator-valid-days": days,
    })
}
