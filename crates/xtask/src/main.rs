//! `cargo run -p xtask -- schema`: prints the JSON Schema of every model; `-- ops`: the operation
//! catalogue. They are the one source the Python and TypeScript layers are generated from
//! (`scripts/generate-bindings.py`).

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
        ucs_sdk::ProgressEvent,
    );
    let defs: Map<String, Value> = gen
        .definitions()
        .iter()
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    json!({ "roots": roots, "$defs": defs })
}

fn main() {
    let document = match std::env::args().nth(1).as_deref() {
        Some("schema") => schema(),
        Some("ops") => ucs_bridge::catalogue_json(),
        _ => {
            eprintln!("usage: cargo run -p xtask -- schema|ops");
            std::process::exit(2);
        }
    };
    match serde_json::to_string_pretty(&document) {
        Ok(text) => println!("{text}"),
        Err(e) => {
            eprintln!("xtask: cannot print the document: {e}");
            std::process::exit(1);
        }
    }
}
