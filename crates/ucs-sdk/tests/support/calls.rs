//! Calls several tests make against the emulator, spelled once.

use ucs_sdk::models::{CreateMulticloudCluster, CreateMulticloudClusterQuery};
use ucs_sdk::Client;

/// Registers a multi-cloud cluster through HSS (a project-scoped call); its id.
pub async fn create_hss_cluster(client: &Client) -> String {
    let made = client
        .hss()
        .create_multicloud_cluster(
            &CreateMulticloudCluster {
                name: Some("mc".into()),
                provider: Some("tencent".into()),
                kube_config: Some("apiVersion: v1\nkind: Config\n".into()),
                ..Default::default()
            },
            &CreateMulticloudClusterQuery::default(),
        )
        .await
        .expect("HSS call");
    assert!(!made.cluster_id.is_empty());
    made.cluster_id
}
