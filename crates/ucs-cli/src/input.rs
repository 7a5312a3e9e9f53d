//! Request bodies from a file or stdin, as JSON or YAML, decoded into the core's models.

use std::io::Read;
use std::path::Path;

use serde::de::DeserializeOwned;

use crate::{CliResult, Failure};

/// Reads `path` (`-` for stdin) and decodes it; the error names the file and the bad field.
/// Every failure is an invalid `--file` argument (exit code 3).
pub(crate) fn read_body<T: DeserializeOwned>(path: &Path) -> CliResult<T> {
    decode(path).map_err(Failure::Invalid)
}

fn decode<T: DeserializeOwned>(path: &Path) -> Result<T, String> {
    let (text, name) = if path == Path::new("-") {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|e| format!("cannot read the body from stdin: {e}"))?;
        (text, "stdin".to_owned())
    } else {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        (text, path.display().to_string())
    };
    // YAML is a superset of JSON, but JSON errors read better for JSON input.
    if text.trim_start().starts_with('{') || text.trim_start().starts_with('[') {
        serde_json::from_str(&text).map_err(|e| format!("{name} is not a valid body: {e}"))
    } else {
        serde_norway::from_str(&text).map_err(|e| format!("{name} is not a valid body: {e}"))
    }
}
