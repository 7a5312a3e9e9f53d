//! `cargo run -p xtask -- schema`: prints the JSON Schema of every model of the operation table;
//! `-- ops`: the operation catalogue; `-- options`: the client options; `-- errors`: the error
//! kinds. They are the one source the Python and TypeScript layers are generated from
//! (`scripts/generate-bindings.py`).

use schemars::generate::SchemaSettings;
use schemars::JsonSchema;
use serde_json::{json, Map, Value};
use ucs_sdk::models::*;

/// Adds `T` as a root when it is a model (not `()`, `String` or a `Vec` of one).
fn add<T: JsonSchema>(gen: &mut schemars::SchemaGenerator, roots: &mut Map<String, Value>) {
    let schema = gen.subschema_for::<T>();
    let name = T::schema_name();
    let is_model =
        name.starts_with(|c: char| c.is_ascii_uppercase()) && !name.starts_with("Array_of");
    if is_model {
        roots.insert(name.into_owned(), schema.to_value());
    }
}

/// Every body, query and result model of the operation table is a root.
macro_rules! schema_roots {
    ($(
        $(#[doc = $group_doc:literal])*
        $group:ident $Group:ident $(pages($pages_query:ident => $item:ident))? {
            $(
                $(#[doc = $doc:literal])*
                $official:ident $name:ident ( $($id:ident),* ) $method:ident $path:literal
                    $(body($body:ty))? $(query($query:ty))? -> $result:ty;
            )*
        }
    )*) => {
        fn table_roots(gen: &mut schemars::SchemaGenerator, roots: &mut Map<String, Value>) {
            $($(
                $(add::<$body>(gen, roots);)?
                $(add::<$query>(gen, roots);)?
                add::<$result>(gen, roots);
            )*)*
        }
    };
}

ucs_sdk::for_each_operation!(schema_roots);

fn schema() -> Value {
    let mut gen = SchemaSettings::draft2020_12().into_generator();
    let mut roots = Map::new();
    table_roots(&mut gen, &mut roots);
    // Not an operation's model: what the federation waiter reports.
    add::<ucs_sdk::ProgressEvent>(&mut gen, &mut roots);
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
        Some("options") => ucs_bridge::options_json(),
        Some("errors") => ucs_bridge::errors_json(),
        _ => {
            eprintln!("usage: cargo run -p xtask -- schema|ops|options|errors");
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
