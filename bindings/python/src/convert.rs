//! Python arguments (dict, list, str, int, float, bool, None) as JSON values; answers go the other
//! way through `to_python`. Written here because `pythonize` has no release for pyo3 0.30 yet.

use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use serde_json::{Map, Number, Value};

use crate::errors::to_py_err;

/// `InvalidArgumentError` naming the argument.
fn refuse(py: Python<'_>, path: &str, reason: impl std::fmt::Display) -> PyErr {
    to_py_err(py, &ucs_sdk::Error::invalid(path, reason.to_string()))
}

/// A Python object as JSON; `path` names the argument in errors (`body.metadata.name`).
pub(crate) fn from_py(obj: &Bound<'_, PyAny>, path: &str) -> PyResult<Value> {
    if obj.is_none() {
        return Ok(Value::Null);
    }
    // bool before int: a Python bool is an int.
    if let Ok(b) = obj.cast::<PyBool>() {
        return Ok(Value::Bool(b.is_true()));
    }
    if obj.is_instance_of::<PyInt>() {
        if let Ok(i) = obj.extract::<i64>() {
            return Ok(Value::from(i));
        }
        return obj
            .extract::<u64>()
            .map(Value::from)
            .map_err(|_| refuse(obj.py(), path, "integer out of range"));
    }
    if let Ok(f) = obj.cast::<PyFloat>() {
        return Number::from_f64(f.value())
            .map(Value::Number)
            .ok_or_else(|| refuse(obj.py(), path, "NaN and infinity are not JSON"));
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(Value::String(s.to_cow()?.into_owned()));
    }
    if let Ok(dict) = obj.cast::<PyDict>() {
        let mut map = Map::new();
        for (k, v) in dict.iter() {
            let key = k
                .cast::<PyString>()
                .map_err(|_| refuse(obj.py(), path, "dict keys must be str"))?
                .to_cow()?
                .into_owned();
            let child = format!("{path}.{key}");
            map.insert(key, from_py(&v, &child)?);
        }
        return Ok(Value::Object(map));
    }
    if obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>() {
        let mut items = Vec::new();
        for (i, item) in obj.try_iter()?.enumerate() {
            items.push(from_py(&item?, &format!("{path}[{i}]"))?);
        }
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
