//! Printing results as a table, JSON or YAML; the JSON and YAML are the wire shapes.

use comfy_table::presets::NOTHING;
use comfy_table::Table;
use serde::Serialize;
use serde_json::Value;

use crate::args::OutputFormat;
use crate::{CliResult, Failure};

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

/// Prints results in the chosen format, after the `--query` expression when one is given.
pub(crate) struct Printer {
    format: OutputFormat,
    query: Option<jmespath::Expression<'static>>,
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

/// Aligned columns without borders, as kubectl prints them: two spaces between columns.
pub(crate) fn grid(headers: &[&str], rows: &[Vec<String>]) -> String {
    let mut t = Table::new();
    t.load_preset(NOTHING);
    t.set_header(headers.iter().copied());
    for row in rows {
        t.add_row(row.iter().map(String::as_str));
    }
    let last = headers.len().saturating_sub(1);
    for (i, column) in t.column_iter_mut().enumerate() {
        column.set_padding((0, if i == last { 0 } else { 2 }));
    }
    t.lines()
        .map(|line| format!("{}\n", line.trim_end()))
        .collect()
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
    // comfy-table measures cells by display width, so CJK and other wide text stays aligned.
    let mut t = Table::new();
    t.load_preset(NOTHING);
    t.set_header(columns.iter().map(|(h, _)| *h));
    for i in 0..rows.len() {
        t.add_row(columns.iter().map(|(_, cells)| cells[i].as_str()));
    }
    let last = columns.len() - 1;
    for (i, column) in t.column_iter_mut().enumerate() {
        column.set_padding((0, if i == last { 0 } else { 2 }));
    }
    t.lines()
        .map(|line| format!("{}\n", line.trim_end()))
        .collect()
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
    /// Compiles `query` now, so a bad expression is refused before any call is made.
    pub fn new(format: OutputFormat, query: Option<&str>) -> CliResult<Self> {
        let query = query
            .map(|q| {
                jmespath::compile(q).map_err(|e| {
                    Failure::Invalid(format!(
                        "invalid argument `--query`: {} (at column {})",
                        e.reason, e.column
                    ))
                })
            })
            .transpose()?;
        Ok(Self { format, query })
    }

    /// The data the output shows: the result, or what `--query` selects from it.
    fn select(&self, value: Value) -> CliResult<Value> {
        let Some(query) = &self.query else {
            return Ok(value);
        };
        let found = query
            .search(value)
            .map_err(|e| Failure::Invalid(format!("invalid argument `--query`: {}", e.reason)))?;
        serde_json::to_value(&*found)
            .map_err(|e| Failure::Other(format!("cannot encode the query result: {e}")))
    }

    /// Prints a result in the wire JSON shape; tables show the queried data too.
    pub fn print<T: Serialize>(&self, result: &T) -> CliResult {
        let value =
            serde_json::to_value(result).map_err(|e| format!("cannot encode the result: {e}"))?;
        let value = self.select(value)?;
        let text = match self.format {
            OutputFormat::Json => {
                let mut s = serde_json::to_string_pretty(&value).map_err(|e| e.to_string())?;
                s.push('\n');
                s
            }
            OutputFormat::Yaml => serde_norway::to_string(&value).map_err(|e| e.to_string())?,
            OutputFormat::Table => describe(&value),
        };
        crate::write_stdout(text.as_bytes())
    }

    /// Reports an operation that returns nothing: a line for people, `{}` for scripts.
    pub fn done(&self, message: &str) -> CliResult {
        match self.format {
            OutputFormat::Table => {
                println!("{message}");
                Ok(())
            }
            OutputFormat::Json | OutputFormat::Yaml => self.print(&serde_json::json!({})),
        }
    }

    /// Whether `--query` was given (then tables show the queried data, not a command's own).
    pub fn has_query(&self) -> bool {
        self.query.is_some()
    }

    /// Whether progress may be drawn as bars: only for people, never around JSON or YAML.
    pub fn for_people(&self) -> bool {
        self.format == OutputFormat::Table
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

    #[test]
    fn wide_text_is_aligned_by_display_width() {
        let v = serde_json::json!([
            {"metadata": {"name": "舰队一号"}, "spec": {"description": "x"}},
            {"metadata": {"name": "ab"}, "spec": {"description": "y"}}
        ]);
        // A CJK character takes two columns: "舰队一号" is 8 wide, so DESCRIPTION starts at 10.
        assert_eq!(
            describe(&v),
            "NAME      DESCRIPTION\n舰队一号  x\nab        y\n"
        );
    }

    #[test]
    fn a_query_selects_before_printing_and_a_bad_one_is_refused_early() {
        let p = Printer::new(OutputFormat::Json, Some("items[].metadata.name")).expect("compiles");
        let v = serde_json::json!({"items": [
            {"metadata": {"name": "a"}},
            {"metadata": {"name": "b"}}
        ]});
        assert_eq!(p.select(v).expect("search"), serde_json::json!(["a", "b"]));
        let bad = Printer::new(OutputFormat::Json, Some("items["))
            .err()
            .expect("refused");
        assert!(
            matches!(&bad, Failure::Invalid(m) if m.contains("--query")),
            "{bad:?}"
        );
    }
}
