//! Python arguments (dict, list, str, int, float, bool, None) as JSON values; answers go the other
//! way through `to_python`. Written here because `pythonize` has no release for pyo3 0.30 yet.

use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use serde_json::{Map, Number, Value};

use crate::errors::to_py_err;

/// How deeply containers may nest (napi's limit too): deeper is refused, not a stack overflow.
pub(crate) const MAX_DEPTH: usize = 128;
/// How many values one argument may hold in all.
pub(crate) const MAX_NODES: usize = 1_000_000;
/// How much of a path an error shows.
const PATH_SHOWN: usize = 120;

/// `InvalidArgumentError` naming the argument.
fn refuse(py: Python<'_>, path: &str, reason: impl std::fmt::Display) -> PyErr {
    to_py_err(
        py,
        &ucs_sdk::Error::invalid(shorten(path), reason.to_string()),
    )
}

/// A path cut to `PATH_SHOWN` characters (a 128-deep path is long).
fn shorten(path: &str) -> String {
    match path.char_indices().nth(PATH_SHOWN) {
        Some((end, _)) => format!("{}...", &path[..end]),
        None => path.to_owned(),
    }
}

/// A Python object as JSON; `path` names the argument in errors (`body.metadata.name`). Refuses
/// values nested deeper than `MAX_DEPTH`, larger than `MAX_NODES` and containers holding
/// themselves.
pub(crate) fn from_py(obj: &Bound<'_, PyAny>, path: &str) -> PyResult<Value> {
    Walk::default().value(obj, path)
}

/// One conversion's budget: the containers being converted (outermost first) and the values seen.
#[derive(Default)]
struct Walk {
    open: Vec<*mut pyo3::ffi::PyObject>,
    nodes: usize,
}

impl Walk {
    /// Enters a container: refused when too deep or already open (a cycle).
    fn enter(&mut self, obj: &Bound<'_, PyAny>, path: &str) -> PyResult<()> {
        let ptr = obj.as_ptr();
        if self.open.contains(&ptr) {
            return Err(refuse(obj.py(), path, "contains itself (a cycle)"));
        }
        if self.open.len() >= MAX_DEPTH {
            return Err(refuse(
                obj.py(),
                path,
                format!("nested more than {MAX_DEPTH} levels deep"),
            ));
        }
        self.open.push(ptr);
        Ok(())
    }

    fn value(&mut self, obj: &Bound<'_, PyAny>, path: &str) -> PyResult<Value> {
        self.nodes += 1;
        if self.nodes > MAX_NODES {
            return Err(refuse(
                obj.py(),
                path,
                format!("holds more than {MAX_NODES} values"),
            ));
        }
        if let Some(value) = scalar(obj, path)? {
            return Ok(value);
        }
        if let Ok(dict) = obj.cast::<PyDict>() {
            self.enter(obj, path)?;
            let mut map = Map::new();
            for (k, v) in dict.iter() {
                let key = k
                    .cast::<PyString>()
                    .map_err(|_| refuse(obj.py(), path, "dict keys must be str"))?
                    .to_cow()?
                    .into_owned();
                let child = format!("{path}.{key}");
                map.insert(key, self.value(&v, &child)?);
            }
            self.open.pop();
            return Ok(Value::Object(map));
        }
        if obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>() {
            self.enter(obj, path)?;
            let mut items = Vec::new();
            for (i, item) in obj.try_iter()?.enumerate() {
                items.push(self.value(&item?, &format!("{path}[{i}]"))?);
            }
            self.open.pop();
            return Ok(Value::Array(items));
        }
        let type_name = obj.get_type().name()?;
        Err(refuse(
            obj.py(),
            path,
            format!(
                "a {type_name} cannot be sent as JSON (use dict, list, str, int, float, bool or None)"
            ),
        ))
    }
}

/// None, bool, int, float or str as JSON; `None` for anything else.
fn scalar(obj: &Bound<'_, PyAny>, path: &str) -> PyResult<Option<Value>> {
    if obj.is_none() {
        return Ok(Some(Value::Null));
    }
    // bool before int: a Python bool is an int.
    if let Ok(b) = obj.cast::<PyBool>() {
        return Ok(Some(Value::Bool(b.is_true())));
    }
    if obj.is_instance_of::<PyInt>() {
        if let Ok(i) = obj.extract::<i64>() {
            return Ok(Some(Value::from(i)));
        }
        return obj
            .extract::<u64>()
            .map(|u| Some(Value::from(u)))
            .map_err(|_| refuse(obj.py(), path, "integer out of range"));
    }
    if let Ok(f) = obj.cast::<PyFloat>() {
        return Number::from_f64(f.value())
            .map(|n| Some(Value::Number(n)))
            .ok_or_else(|| refuse(obj.py(), path, "NaN and infinity are not JSON"));
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(Some(Value::String(s.to_cow()?.into_owned())));
    }
    Ok(None)
}
