//! Printing results as a table, JSON or YAML; the JSON and YAML are the wire shapes.

use serde::Serialize;
use serde_json::Value;

use crate::args::OutputFormat;
use crate::CliResult;

/// Columns of a table row: header and where the value is in the wire JSON.
const COLUMNS: &[(&str, &[&str])] = &[
    ("NAME", &["/metadata/name", "/name"]),
    ("ID", &["/metadata/uid", "/uid", "/id", "/cluster_id"]),
    ("CATEGORY", &["/spec/category"]),
    ("TYPE", &["/spec/type"]),
    ("PHASE", &["/status/phase"]),
    ("FLEET", &["/spec/clusterGroupID"]),
    ("DESCRIPTION", &["/spec/description"]),
    ("CREATED", &["/metadata/creationTimestamp"]),
];

/// Prints results in the chosen format.
pub(crate) struct Printer {
    format: OutputFormat,
}

fn cell(row: &Value, pointers: &[&str]) -> String {
    pointers
        .iter()
        .find_map(|p| match row.pointer(p) {
            Some(Value::String(s)) => Some(s.clone()),
            Some(Value::Null) | None => None,
            Some(other) => Some(other.to_string()),
        })
        .unwrap_or_default()
}

fn table(rows: &[Value]) -> String {
    let columns: Vec<(&str, Vec<String>)> = COLUMNS
        .iter()
        .map(|(header, pointers)| {
            (
                *header,
                rows.iter().map(|r| cell(r, pointers)).collect::<Vec<_>>(),
            )
        })
        .filter(|(_, cells)| cells.iter().any(|c| !c.is_empty()))
        .collect();
    if columns.is_empty() {
        return rows.iter().map(|r| format!("{r}\n")).collect();
    }
    let widths: Vec<usize> = columns
        .iter()
        .map(|(h, cells)| {
            cells
                .iter()
                .map(|c| c.chars().count())
                .chain([h.len()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    let line = |values: Vec<&str>, out: &mut String| {
        let cells: Vec<String> = values
            .iter()
            .zip(&widths)
            .map(|(v, w)| format!("{v:<w$}"))
            .collect();
        out.push_str(cells.join("  ").trim_end());
        out.push('\n');
    };
    line(columns.iter().map(|(h, _)| *h).collect(), &mut out);
    for i in 0..rows.len() {
        line(
            columns.iter().map(|(_, cells)| cells[i].as_str()).collect(),
            &mut out,
        );
    }
    out
}

fn describe(value: &Value) -> String {
    match value {
        Value::Object(map) if map.get("items").is_some_and(Value::is_array) => {
            let rows = map["items"].as_array().cloned().unwrap_or_default();
            let mut out = table(&rows);
            if let Some(total) = map.get("total") {
                out.push_str(&format!("total: {total}\n"));
            }
            out
        }
        Value::Array(rows) if rows.iter().all(Value::is_string) => rows
            .iter()
            .filter_map(Value::as_str)
            .map(|s| format!("{s}\n"))
            .collect(),
        Value::Array(rows) => table(rows),
        Value::Object(map) => map
            .iter()
            .map(|(k, v)| match v {
                Value::String(s) => format!("{k}: {s}\n"),
                other => format!("{k}: {other}\n"),
            })
            .collect(),
        Value::String(s) => format!("{s}\n"),
        other => format!("{other}\n"),
    }
}

impl Printer {
    pub fn new(format: OutputFormat) -> Self {
        Self { format }
    }

    /// Prints a result in the wire JSON shape.
    pub fn print<T: Serialize>(&self, result: &T) -> CliResult {
        let value =
            serde_json::to_value(result).map_err(|e| format!("cannot encode the result: {e}"))?;
        let text = match self.format {
            OutputFormat::Json => {
                let mut s = serde_json::to_string_pretty(&value).map_err(|e| e.to_string())?;
                s.push('\n');
                s
            }
            OutputFormat::Yaml => serde_yaml::to_string(&value).map_err(|e| e.to_string())?,
            OutputFormat::Table => describe(&value),
        };
        print!("{text}");
        Ok(())
    }

    /// Reports an operation that returns nothing: a line for people, `{}` for scripts.
    pub fn done(&self, message: &str) -> CliResult {
        match self.format {
            OutputFormat::Table => println!("{message}"),
            OutputFormat::Json => println!("{{}}"),
            OutputFormat::Yaml => println!("{{}}"),
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_become_tables_with_only_filled_columns() {
        let v = serde_json::json!({"items": [
            {"metadata": {"name": "a", "uid": "1"}, "spec": {"category": "self"}},
            {"metadata": {"name": "bb", "uid": "2"}}
        ], "total": 2});
        assert_eq!(
            describe(&v),
            "NAME  ID  CATEGORY\na     1   self\nbb    2\ntotal: 2\n"
        );
    }
}
