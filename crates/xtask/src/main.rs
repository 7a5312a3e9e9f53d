//! `cargo run -p xtask -- schema`: prints the JSON Schema of every model, the one source the
//! Python TypedDicts and the TypeScript declarations are generated from.

use schemars::generate::SchemaSettings;
use schemars::JsonSchema;
use serde_json::{json, Map, Value};
use ucs_sdk::models::*;

fn add<T: JsonSchema>(gen: &mut schemars::SchemaGenerator, roots: &mut Map<String, Value>) {
    let schema = gen.subschema_for::<T>();
    roots.insert(T::schema_name().into_owned(), schema.to_value());
}

fn schema() -> Value {
    let mut gen = SchemaSettings::draft2020_12().into_generator();
    let mut roots = Map::new();
    macro_rules! all {
        ($($t:ty),* $(,)?) => { $( add::<$t>(&mut gen, &mut roots); )* };
    }
    all!(
        Cluster,
        ClusterList,
        RegisterCluster,
        UpdateCluster,
        ListClustersQuery,
        AccessInfoQuery,
        ListManagedQuery,
        SupportedVersions,
        JoinFleet,
        AssociateRules,
        Created,
        PageQuery,
        ClusterGroup,
        ClusterGroupList,
        RegisterFleet,
        AddClusters,
        UpdateDescription,
        UpdateZones,
        EnableFederationQuery,
        FederationKubeconfigRequest,
        FederationConnectionRequest,
        FederationConnection,
        DownloadKubeconfigRequest,
        Job,
        Kubeconfig,
        Rule,
        RuleList,
        CreateRule,
        UpdateRule,
        CreateMulticloudCluster,
        CreateMulticloudClusterQuery,
        MulticloudClusterCreated,
    );
    let defs: Map<String, Value> = gen
        .definitions()
        .iter()
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    json!({ "roots": roots, "$defs": defs })
}

fn main() {
    match std::env::args().nth(1).as_deref() {
        Some("schema") => match serde_json::to_string_pretty(&schema()) {
            Ok(text) => println!("{text}"),
            Err(e) => {
                eprintln!("xtask: cannot print the schema: {e}");
                std::process::exit(1);
            }
        },
        _ => {
            eprintln!("usage: cargo run -p xtask -- schema");
            std::process::exit(2);
        }
    }
}
