//! Cluster configuration answers (`/v1/clusters/{clusterid}/kubeconfig` and `/clusterconf`): the
//! wire shapes of the official SDKs (`huaweicloudsdkucs` 3.1.219, `huaweicloud-sdk-go-v3`
//! v0.1.207 `services/ucs/v1/model`), which the reference does not document. The kubeconfig
//! answer is the shared [`super::Kubeconfig`].

use serde::{Deserialize, Serialize};
use ucs_models_derive::TolerantDeserialize;

use super::common::Extra;
use crate::error::{InvalidInput, Result};
use crate::validate;

/// Body of `clusters.create_conf` (the official `RequiredInput`): what an on-premise cluster's
/// installation needs to know. Upper-case wire names, as the official SDKs spell them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ClusterConfRequest {
    /// The OS user the installer runs as.
    #[serde(
        rename = "USERNAME",
        alias = "username",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub username: Option<String>,
    /// Whether an external load balancer fronts the API server.
    #[serde(
        rename = "ACCESS_EXTERNAL_LOAD_BALANCE",
        alias = "access_external_load_balance",
        default,
        deserialize_with = "super::de::bool_or_string",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub access_external_load_balance: Option<bool>,
    /// The container network's CIDR (`10.0.0.0/16`).
    #[serde(
        rename = "NETWORK_CIDR",
        alias = "network_cidr",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub network_cidr: Option<String>,
    /// The DNS server's IP address.
    #[serde(
        rename = "DNS_SERVER_IP",
        alias = "dns_server_ip",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub dns_server_ip: Option<String>,
    /// The NTP server's IP address.
    #[serde(
        rename = "NTP_SERVER_IP",
        alias = "ntp_server_ip",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub ntp_server_ip: Option<String>,
    /// The account (IAM domain) the cluster belongs to.
    #[serde(
        rename = "IAM_DOMAIN_ID",
        alias = "iam_domain_id",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub iam_domain_id: Option<String>,
}

/// Answer of `clusters.create_conf`: the installation configuration, a free-form object (the
/// official SDKs model it as a map), kept whole.
#[derive(Debug, Clone, Default, PartialEq, Serialize, TolerantDeserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ClusterConf {
    /// Every key of the answer.
    #[serde(flatten)]
    #[cfg_attr(feature = "schema", schemars(skip))]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub values: Extra,
}

impl ClusterConfRequest {
    /// The addresses are addresses (`NETWORK_CIDR` an IP network, the servers IP addresses) and
    /// the names are not blank, when given.
    pub fn check(&self) -> Result<()> {
        if let Some(cidr) = self.network_cidr.as_deref() {
            check_cidr("NETWORK_CIDR", cidr)?;
        }
        for (field, value) in [
            ("DNS_SERVER_IP", &self.dns_server_ip),
            ("NTP_SERVER_IP", &self.ntp_server_ip),
        ] {
            if let Some(ip) = value.as_deref() {
                ip.parse::<std::net::IpAddr>().map_err(|_| {
                    InvalidInput::new(field, format!("{ip:?} is not an IP address"))
                })?;
            }
        }
        if let Some(user) = self.username.as_deref() {
            validate::required("USERNAME", user)?;
            validate::length("USERNAME", user, 1, 64)?;
        }
        if let Some(domain) = self.iam_domain_id.as_deref() {
            validate::id("IAM_DOMAIN_ID", domain)?;
        }
        Ok(())
    }
}

/// `address/prefix` with the prefix within the address family's width.
fn check_cidr(field: &str, value: &str) -> Result<()> {
    let refuse = || InvalidInput::new(field, format!("{value:?} is not a CIDR (10.0.0.0/16)"));
    let (addr, prefix) = value.split_once('/').ok_or_else(refuse)?;
    let addr: std::net::IpAddr = addr.parse().map_err(|_| refuse())?;
    let prefix: u8 = prefix.parse().map_err(|_| refuse())?;
    let width = if addr.is_ipv4() { 32 } else { 128 };
    if prefix > width {
        return Err(refuse());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_request_uses_the_official_upper_case_names_and_reads_string_bools() {
        let body = ClusterConfRequest {
            username: Some("root".into()),
            network_cidr: Some("10.0.0.0/16".into()),
            ..Default::default()
        };
        let wire = serde_json::to_value(&body).unwrap_or_default();
        assert_eq!(
            wire,
            serde_json::json!({"USERNAME": "root", "NETWORK_CIDR": "10.0.0.0/16"})
        );
        let read: ClusterConfRequest =
            serde_json::from_str(r#"{"ACCESS_EXTERNAL_LOAD_BALANCE": "true"}"#).unwrap_or_default();
        assert_eq!(read.access_external_load_balance, Some(true));
    }

    #[test]
    fn checks_name_the_refused_field() {
        let field = |body: ClusterConfRequest| body.check().err().map(|e| e.field);
        assert_eq!(field(ClusterConfRequest::default()), None);
        let good = ClusterConfRequest {
            network_cidr: Some("172.16.0.0/12".into()),
            dns_server_ip: Some("8.8.8.8".into()),
            ntp_server_ip: Some("fd00::1".into()),
            username: Some("root".into()),
            ..Default::default()
        };
        assert_eq!(field(good.clone()), None);
        for bad in ["10.0.0.0", "10.0.0.0/33", "x/8", "10.0.0.0/"] {
            let body = ClusterConfRequest {
                network_cidr: Some(bad.into()),
                ..good.clone()
            };
            assert_eq!(field(body).as_deref(), Some("NETWORK_CIDR"), "{bad}");
        }
        let body = ClusterConfRequest {
            ntp_server_ip: Some("ntp.example.com".into()),
            ..good.clone()
        };
        assert_eq!(field(body).as_deref(), Some("NTP_SERVER_IP"));
        let body = ClusterConfRequest {
            username: Some(" ".into()),
            ..good
        };
        assert_eq!(field(body).as_deref(), Some("USERNAME"));
    }

    #[test]
    fn the_answer_keeps_every_key() {
        let conf: ClusterConf =
            serde_json::from_str(r#"{"CLUSTER_ID": "c", "nested": {"a": 1}}"#).unwrap_or_default();
        assert_eq!(conf.values.get("CLUSTER_ID"), Some(&serde_json::json!("c")));
        let back = serde_json::to_value(&conf).unwrap_or_default();
        assert_eq!(back["nested"]["a"], 1);
    }
}
