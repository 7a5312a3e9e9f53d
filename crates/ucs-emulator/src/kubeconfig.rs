//! Kubeconfigs for federated fleets: the gateway's https address, its CA, and a fresh bearer token.

use base64::Engine as _;
use serde_json::json;
use ucs_models::models::{
    Extra, KubeCluster, KubeContext, Kubeconfig, KubeconfigDoc, NamedCluster, NamedContext,
    NamedUser,
};

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
) -> Kubeconfig {
    let user = format!("{fleet_name}-user");
    let ca = base64::engine::general_purpose::STANDARD.encode(ca_pem);
    let mut extra = Extra::new();
    extra.insert("ucs-emulator-valid-days".into(), days.into());
    Kubeconfig(KubeconfigDoc {
        kind: Some("Config".into()),
        api_version: Some("v1".into()),
        clusters: vec![NamedCluster {
            name: fleet_name.into(),
            cluster: KubeCluster {
                server: Some(server.into()),
                certificate_authority_data: Some(ca),
                ..KubeCluster::default()
            },
        }],
        contexts: vec![NamedContext {
            name: fleet_name.into(),
            context: KubeContext {
                cluster: Some(fleet_name.into()),
                user: Some(user.clone()),
                namespace: Some("default".into()),
            },
        }],
        current_context: Some(fleet_name.into()),
        users: vec![NamedUser {
            name: user,
            user: json!({ "token": token }),
        }],
        preferences: Some(json!({})),
        extra,
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
