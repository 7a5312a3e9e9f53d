//! `ucs demo`: the embedded emulator and a complete scenario against it, step by step.

use std::time::Duration;

use clap::Args;
use serde_json::json;
use ucs_emulator::{EmulatorConfig, DEMO_AK, DEMO_DOMAIN_ID, DEMO_PROJECT_ID, DEMO_SK};
use ucs_sdk::models::*;
use ucs_sdk::{Client, Credentials};

use crate::CliResult;

#[derive(Debug, Args)]
pub(crate) struct DemoArgs {
    /// Federation completes at once instead of over three seconds.
    #[arg(long)]
    fast: bool,
}

fn step(n: usize, text: &str) {
    println!("[{n:>2}] {text}");
}

fn cluster(name: &str, city: &str) -> RegisterCluster {
    RegisterCluster {
        metadata: RegisterClusterMetadata {
            name: name.into(),
            ..Default::default()
        },
        spec: RegisterClusterSpec {
            category: "attachedcluster".into(),
            cluster_type: "privatek8s".into(),
            provider: "privatek8s".into(),
            country: "CN".into(),
            city: Some(city.into()),
            manage_type: "discrete".into(),
            ..Default::default()
        },
        ..Default::default()
    }
}

pub(crate) async fn run(args: DemoArgs) -> CliResult {
    let emulator = ucs_emulator::start(EmulatorConfig {
        federation_duration: if args.fast {
            Duration::ZERO
        } else {
            Duration::from_secs(3)
        },
        ..Default::default()
    })
    .await
    .map_err(|e| e.to_string())?;
    let base = emulator.base_url();
    println!("emulator listening on {base}");
    let result = scenario(&base).await;
    emulator.shutdown().await;
    result?;
    println!("demo complete");
    Ok(())
}

async fn scenario(base: &str) -> CliResult {
    let client = Client::builder()
        .endpoint(base)
        .hss_endpoint(base)
        .iam_endpoint(base)
        .karmada_endpoint(format!("{base}/karmada/{{fleet}}"))
        .credentials(Credentials::aksk(DEMO_AK, DEMO_SK))
        .domain_id(DEMO_DOMAIN_ID)
        .project_id(DEMO_PROJECT_ID)
        .build()?;

    step(1, "supported Kubernetes versions");
    let versions = client.clusters().supported_versions().await?;
    println!("     {}", versions.versions.join(", "));

    step(
        2,
        "register three attached clusters (Beijing, Shanghai, Guangzhou)",
    );
    let mut ids = Vec::new();
    for (name, city) in [
        ("beijing-prod", "110000"),
        ("shanghai-prod", "310000"),
        ("guangzhou-dev", "440100"),
    ] {
        let uid = client.clusters().register(&cluster(name, city)).await?.uid;
        println!("     {name}: {uid}");
        ids.push(uid);
    }
    let access = client
        .clusters()
        .access_info(&ids[0], &Default::default())
        .await?;
    println!(
        "     agent access info for beijing-prod: {} lines",
        access.len()
    );

    step(3, "list the clusters");
    let list = client.clusters().list(&Default::default()).await?;
    for c in &list.items {
        println!(
            "     {:<16} {}",
            c.name(),
            c.spec
                .as_ref()
                .and_then(|s| s.manage_type.as_deref())
                .unwrap_or("")
        );
    }

    step(4, "create a fleet with two of them, then add the third");
    let fleet = client
        .fleets()
        .register(&RegisterFleet {
            metadata: NameMeta {
                name: "demo-fleet".into(),
            },
            spec: Some(RegisterFleetSpec {
                cluster_ids: Some(ids[..2].to_vec()),
                description: Some("created by ucs demo".into()),
            }),
        })
        .await?
        .uid;
    client
        .clusters()
        .join_fleet(
            &ids[2],
            &JoinFleet {
                cluster_group_id: fleet.clone(),
            },
        )
        .await?;
    let members = client
        .clusters()
        .list(&ListClustersQuery {
            clustergroupid: Some(fleet.clone()),
            ..Default::default()
        })
        .await?;
    println!("     fleet {fleet} holds {} clusters", members.items.len());

    step(
        5,
        "create a read-only permission rule and associate it with the fleet",
    );
    let rule = client
        .rules()
        .create(&CreateRule {
            metadata: NameMeta {
                name: "readers".into(),
            },
            spec: RuleSpec {
                rule_type: Some("readonly".into()),
                iam_user_ids: Some(vec!["0123456789abcdef0123456789abcdef".into()]),
                description: Some("read-only access for the demo".into()),
                ..Default::default()
            },
        })
        .await?
        .uid;
    client
        .fleets()
        .associate_rules(
            &fleet,
            &AssociateRules {
                rule_id_namespaces: vec![RuleIdNamespaces {
                    rule_ids: vec![rule.clone()],
                    namespaces: vec!["default".into()],
                }],
            },
        )
        .await?;
    println!("     rule {rule} associated with namespace default");

    step(6, "enable federation and follow its sub-jobs");
    client
        .fleets()
        .enable_federation(&fleet, &Default::default())
        .await?;
    let job = crate::fleets::wait(&client, &fleet, Duration::from_secs(120), true).await?;
    println!("     federation job {}: {}", job.job_type(), job.phase());

    step(
        7,
        "create the federation connection and download a kubeconfig",
    );
    let connection = client
        .fleets()
        .create_federation_connection(
            &fleet,
            &FederationConnectionRequest {
                project_id: DEMO_PROJECT_ID.into(),
                vpc_id: "vpc-demo".into(),
                subnet_id: "subnet-demo".into(),
            },
        )
        .await?;
    println!("     connection {}", connection.id);
    let kubeconfig = client
        .fleets()
        .download_federation_kubeconfig(&fleet, &DownloadKubeconfigRequest { duration: 7 })
        .await?;
    let doc = &kubeconfig.0;
    println!(
        "     kubeconfig: {} cluster(s), context {:?} (contents not shown: it holds a token)",
        doc.clusters.len(),
        doc.current_context.as_deref().unwrap_or("")
    );

    step(8, "deploy through the fleet's Karmada gateway");
    let token = doc
        .users
        .first()
        .and_then(|u| u.user["token"].as_str())
        .ok_or_else(|| "the kubeconfig holds no token".to_owned())?
        .to_owned();
    let karmada = client.karmada("demo-fleet", token)?;
    karmada
        .create(
            "apis/apps/v1/namespaces/default/deployments",
            &json!({"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "nginx"},
                    "spec": {"replicas": 2, "selector": {"matchLabels": {"app": "nginx"}},
                             "template": {"metadata": {"labels": {"app": "nginx"}},
                                          "spec": {"containers": [{"name": "nginx", "image": "nginx:latest"}]}}}}),
        )
        .await?;
    let scaled = karmada
        .patch(
            "apis/apps/v1/namespaces/default/deployments/nginx",
            &json!({"spec": {"replicas": 3}}),
        )
        .await?;
    println!(
        "     deployment nginx scaled to {} replicas",
        scaled["spec"]["replicas"]
    );

    step(9, "create an HSS multi-cloud cluster");
    let hss = client
        .hss()
        .create_multicloud_cluster(
            &CreateMulticloudCluster {
                name: Some("demo-multicloud".into()),
                provider: Some("tencent".into()),
                image_arch: Some("x86".into()),
                kube_config: Some("apiVersion: v1\nkind: Config\n".into()),
                ..Default::default()
            },
            &Default::default(),
        )
        .await?;
    println!("     HSS cluster {}", hss.cluster_id);

    step(10, "clean up: federation, fleet, rule, clusters");
    karmada
        .delete("apis/apps/v1/namespaces/default/deployments/nginx")
        .await?;
    client.fleets().disable_federation(&fleet).await?;
    for id in &ids {
        client.clusters().leave_fleet(id).await?;
    }
    client.fleets().delete(&fleet).await?;
    client.rules().delete(&rule).await?;
    for id in &ids {
        client.clusters().delete(id).await?;
    }
    let left = client.clusters().list(&Default::default()).await?;
    println!("     {} clusters left", left.items.len());
    Ok(())
}
