//! The catalogue the bindings' generators read (`xtask ops`): the operation table of
//! `ucs_models::operations` as JSON, with result types spelled for Python and TypeScript
//! (`string`, `string[]`, `Cluster[]`, none) and each group's pager (`iter`) after its `list`.

use serde_json::{json, Value};
pub use ucs_sdk::operations::{Operation, OperationInfo, PagesInfo, PAGES};

/// A Rust type of the table as the generators name it: `Vec<Cluster>` is `Cluster[]`, `String`
/// is `string`, `()` is none.
pub fn wire_type(rust: &str) -> Option<String> {
    let compact: String = rust.chars().filter(|c| !c.is_whitespace()).collect();
    if compact == "()" {
        return None;
    }
    let scalar = |t: &str| {
        if t == "String" {
            "string".to_owned()
        } else {
            t.to_owned()
        }
    };
    Some(
        match compact
            .strip_prefix("Vec<")
            .and_then(|rest| rest.strip_suffix('>'))
        {
            Some(item) => format!("{}[]", scalar(item)),
            None => scalar(&compact),
        },
    )
}

fn operation_json(info: &OperationInfo) -> Value {
    json!({
        "resource": info.resource,
        "name": info.name,
        "official": info.official,
        "http": format!("{} {}", info.method, info.path),
        "ids": info.ids,
        "body": info.body.and_then(wire_type),
        "query": info.query,
        "result": wire_type(info.result),
        "item": null,
        "doc": info.doc.trim(),
    })
}

fn pages_json(pages: &PagesInfo) -> Value {
    json!({
        "resource": pages.resource,
        "name": "iter",
        "official": null,
        "http": "",
        "ids": [],
        "body": null,
        "query": pages.query,
        "result": null,
        "item": pages.item,
        "doc": "Every item, page after page (`limit` is the page size).",
    })
}

/// The catalogue as JSON, for the code generators and the bindings' `catalogue()`.
pub fn catalogue_json() -> Value {
    let mut rows = Vec::new();
    for op in Operation::ALL {
        let info = op.info();
        rows.push(operation_json(info));
        if info.name == "list" {
            rows.extend(
                PAGES
                    .iter()
                    .filter(|p| p.resource == info.resource)
                    .map(pages_json),
            );
        }
    }
    Value::Array(rows)
}

#[cfg(test)]
mod tests {
    use super::wire_type;

    #[test]
    fn wire_types() {
        assert_eq!(wire_type("()"), None);
        assert_eq!(wire_type("String").as_deref(), Some("string"));
        assert_eq!(wire_type("Vec < String >").as_deref(), Some("string[]"));
        assert_eq!(wire_type("Vec<Cluster>").as_deref(), Some("Cluster[]"));
        assert_eq!(wire_type("Job").as_deref(), Some("Job"));
    }
}
