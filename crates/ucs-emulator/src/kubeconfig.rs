//! Kubeconfigs for federated fleets: the gateway's https address, its CA, and a fresh bearer token.

use base64::Engine as _;
use serde_json::{json, Value};

/// The fleet's gateway on the emulator's TLS listener, under the host name the caller used.
///
/// `host_header` is the `Host` of the request that asked for the kubeconfig; its port is
/// replaced by the TLS listener's.
pub(crate) fn gateway_server(host_header: &str, tls_port: u16, fleet_name: &str) -> String {
    let host = host_header
        .parse::<http::uri::Authority>()
        .ok()
        .map(|a| a.host().to_owned())
        .filter(|h| !h.is_empty() && h != "0.0.0.0" && h != "[::]")
        .unwrap_or_else(|| "127.0.0.1".to_owned());
    format!("https://{host}:{tls_port}/karmada/{fleet_name}")
}

/// A kubeconfig whose cluster is the fleet's gateway at `server`, trusting `ca_pem`, and whose
/// user holds `token`.
pub(crate) fn for_fleet(
    fleet_name: &str,
    server: &str,
    ca_pem: &str,
    token: &str,
    days: i64,
) -> Value {
    let user = format!("{fleet_name}-user");
    let ca = base64::engine::general_purpose::STANDARD.encode(ca_pem);
    json!({
        "kind": "Config",
        "apiVersion": "v1",
        "preferences": {},
        "clusters": [{
            "name": fleet_name,
            "cluster": {"server": server, "certificate-authority-data": ca}
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_server_keeps_the_callers_host_and_takes_the_tls_port() {
        assert_eq!(
            gateway_server("localhost:8080", 9443, "f"),
            "https://localhost:9443/karmada/f"
        );
        assert_eq!(
            gateway_server("[::1]:8080", 9443, "f"),
            "https://[::1]:9443/karmada/f"
        );
        assert_eq!(
            gateway_server("0.0.0.0:1", 9443, "f"),
            "https://127.0.0.1:9443/karmada/f"
        );
    }
}
