//! A serde `Serializer` that builds Python objects (dict, list, str, int, float, bool, None)
//! straight from the typed models: one pass, no JSON text or tree in between, keys made once.

use std::cell::RefCell;
use std::fmt;
use std::sync::Mutex;

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyList, PyString};
use pyo3::IntoPyObjectExt;
use rustc_hash::FxHashMap;
use serde::ser::{self, Serialize};

/// A Python error carried through serde.
pub(crate) struct Failure(pub(crate) PyErr);

impl fmt::Debug for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl std::error::Error for Failure {}

impl ser::Error for Failure {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Self(PyValueError::new_err(format!(
            "cannot convert the answer: {msg}"
        )))
    }
}

impl From<PyErr> for Failure {
    fn from(e: PyErr) -> Self {
        Self(e)
    }
}

type Out<'py> = Result<Bound<'py, PyAny>, Failure>;

/// Keys longer than this are made afresh each time (they are data, not names).
const KEY_MAX_LEN: usize = 64;
/// The cache stops growing here, so label keys of many different objects cannot swell it.
const KEYS_MAX: usize = 4096;

/// Python strings for field names and map keys, made once and kept across answers: the same few
/// hundred names repeat in every item of every list, and a kept string also keeps its hash.
#[derive(Default)]
struct KeyCache(FxHashMap<Box<str>, Py<PyString>>);

impl KeyCache {
    fn get<'py>(&mut self, py: Python<'py>, key: &str) -> Bound<'py, PyString> {
        if let Some(made) = self.0.get(key) {
            return made.bind(py).clone();
        }
        let made = PyString::intern(py, key);
        if key.len() <= KEY_MAX_LEN && self.0.len() < KEYS_MAX {
            self.0.insert(key.into(), made.clone().unbind());
        }
        made
    }
}

static KEYS: Mutex<Option<KeyCache>> = Mutex::new(None);

/// `gc.isenabled`, `gc.disable` and `gc.enable`, looked up once.
static COLLECTOR: PyOnceLock<[Py<PyAny>; 3]> = PyOnceLock::new();

/// Python's cyclic collector, paused while one answer is built and resumed when dropped.
///
/// Building an answer only allocates dicts and lists that hold no cycles, yet every 700 of them
/// start a collection, and the older generations' collections walk every object the process
/// holds: on a page of 500 clusters that was a fifth to a quarter of the call's CPU time. No
/// Python code runs while the answer is built (the GIL is held throughout, and with the collector
/// paused no finalizer runs), so no other code sees the pause. A collector the caller turned off
/// is left off. (`PyGC_Disable` is not in the 3.9 stable ABI, hence the `gc` module.)
struct CollectorPause<'py> {
    enable: Option<Bound<'py, PyAny>>,
}

impl<'py> CollectorPause<'py> {
    fn start(py: Python<'py>) -> Self {
        let pause = || -> PyResult<Option<Bound<'py, PyAny>>> {
            let [is_enabled, disable, enable] = COLLECTOR.get_or_try_init(py, || {
                let gc = py.import("gc")?;
                Ok::<_, PyErr>([
                    gc.getattr("isenabled")?.unbind(),
                    gc.getattr("disable")?.unbind(),
                    gc.getattr("enable")?.unbind(),
                ])
            })?;
            if !is_enabled.bind(py).call0()?.is_truthy()? {
                return Ok(None);
            }
            disable.bind(py).call0()?;
            Ok(Some(enable.bind(py).clone()))
        };
        // Without the pause the answer is still built, only slower.
        Self {
            enable: pause().ok().flatten(),
        }
    }
}

impl Drop for CollectorPause<'_> {
    fn drop(&mut self) {
        if let Some(enable) = self.enable.take() {
            if let Err(e) = enable.call0() {
                e.write_unraisable(enable.py(), None);
            }
        }
    }
}

/// Anything serializable (a typed answer, a JSON value) as Python objects.
pub(crate) fn to_py<'py, T: Serialize + ?Sized>(
    py: Python<'py>,
    value: &T,
) -> PyResult<Bound<'py, PyAny>> {
    let _paused = CollectorPause::start(py);
    // Never wait for the lock: a finalizer run during the conversion may let another thread
    // convert too, and that one must not block while holding the GIL. It uses a cache of its own.
    let mut shared = KEYS.try_lock().ok();
    let mut own = None;
    let keys = shared.as_deref_mut().unwrap_or(&mut own);
    let keys = RefCell::new(keys.get_or_insert_with(KeyCache::default));
    let to = ToPython {
        py,
        keys: &keys,
        as_key: false,
    };
    value.serialize(to).map_err(|e| e.0)
}

/// Builds Python objects with the GIL held.
#[derive(Clone, Copy)]
pub(crate) struct ToPython<'py, 'k> {
    py: Python<'py>,
    keys: &'k RefCell<&'k mut KeyCache>,
    /// Serializing a map key: strings come from the key cache.
    as_key: bool,
}

impl<'py> ToPython<'py, '_> {
    fn value<T: Serialize + ?Sized>(self, value: &T) -> Out<'py> {
        value.serialize(self)
    }

    fn key(self, key: &str) -> Bound<'py, PyString> {
        self.keys.borrow_mut().get(self.py, key)
    }

    fn int<T: IntoPyObject<'py>>(self, v: T) -> Out<'py> {
        Ok(v.into_bound_py_any(self.py)?)
    }
}

/// Lists and tuples.
pub(crate) struct Items<'py, 'k> {
    to: ToPython<'py, 'k>,
    list: Bound<'py, PyList>,
}

/// Maps and structs (a struct with flattened fields arrives as a map).
pub(crate) struct Fields<'py, 'k> {
    to: ToPython<'py, 'k>,
    dict: Bound<'py, PyDict>,
    key: Option<Bound<'py, PyAny>>,
    /// For `{variant: {...}}` encodings.
    variant: Option<&'static str>,
}

// Booleans and integers convert the same way.
macro_rules! scalars {
    ($($method:ident : $ty:ty),*) => {$(
        fn $method(self, v: $ty) -> Out<'py> {
            self.int(v)
        }
    )*};
}

impl<'py, 'k> ser::Serializer for ToPython<'py, 'k> {
    type Ok = Bound<'py, PyAny>;
    type Error = Failure;
    type SerializeSeq = Items<'py, 'k>;
    type SerializeTuple = Items<'py, 'k>;
    type SerializeTupleStruct = Items<'py, 'k>;
    type SerializeTupleVariant = Items<'py, 'k>;
    type SerializeMap = Fields<'py, 'k>;
    type SerializeStruct = Fields<'py, 'k>;
    type SerializeStructVariant = Fields<'py, 'k>;

    scalars!(
        serialize_bool: bool,
        serialize_i8: i8,
        serialize_i16: i16,
        serialize_i32: i32,
        serialize_i64: i64,
        serialize_u8: u8,
        serialize_u16: u16,
        serialize_u32: u32,
        serialize_u64: u64
    );
    fn serialize_f32(self, v: f32) -> Out<'py> {
        self.int(f64::from(v))
    }
    fn serialize_f64(self, v: f64) -> Out<'py> {
        self.int(v)
    }
    fn serialize_char(self, v: char) -> Out<'py> {
        self.serialize_str(v.encode_utf8(&mut [0; 4]))
    }
    fn serialize_str(self, v: &str) -> Out<'py> {
        if self.as_key {
            return Ok(self.key(v).into_any());
        }
        Ok(PyString::new(self.py, v).into_any())
    }
    fn serialize_bytes(self, v: &[u8]) -> Out<'py> {
        let list = PyList::empty(self.py);
        for b in v {
            list.append(*b)?;
        }
        Ok(list.into_any())
    }
    fn serialize_none(self) -> Out<'py> {
        Ok(self.py.None().into_bound(self.py))
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Out<'py> {
        self.value(value)
    }
    fn serialize_unit(self) -> Out<'py> {
        self.serialize_none()
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Out<'py> {
        self.serialize_none()
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Out<'py> {
        Ok(PyString::intern(self.py, variant).into_any())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Out<'py> {
        self.value(value)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Out<'py> {
        let dict = PyDict::new(self.py);
        dict.set_item(PyString::intern(self.py, variant), self.value(value)?)?;
        Ok(dict.into_any())
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Items<'py, 'k>, Failure> {
        Ok(Items {
            to: self,
            list: PyList::empty(self.py),
        })
    }
    fn serialize_tuple(self, len: usize) -> Result<Items<'py, 'k>, Failure> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        len: usize,
    ) -> Result<Items<'py, 'k>, Failure> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        len: usize,
    ) -> Result<Items<'py, 'k>, Failure> {
        self.serialize_seq(Some(len))
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Fields<'py, 'k>, Failure> {
        Ok(Fields {
            to: self,
            dict: PyDict::new(self.py),
            key: None,
            variant: None,
        })
    }
    fn serialize_struct(self, _name: &'static str, len: usize) -> Result<Fields<'py, 'k>, Failure> {
        self.serialize_map(Some(len))
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Fields<'py, 'k>, Failure> {
        Ok(Fields {
            to: self,
            dict: PyDict::new(self.py),
            key: None,
            variant: Some(variant),
        })
    }
}

impl<'py> ser::SerializeSeq for Items<'py, '_> {
    type Ok = Bound<'py, PyAny>;
    type Error = Failure;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Failure> {
        self.list.append(self.to.value(value)?)?;
        Ok(())
    }
    fn end(self) -> Out<'py> {
        Ok(self.list.into_any())
    }
}

// Tuples of every kind are lists too: the three serde traits all forward to `SerializeSeq`.
macro_rules! tuple_as_list {
    ($($trait:ident :: $method:ident),*) => {$(
        impl<'py> ser::$trait for Items<'py, '_> {
            type Ok = Bound<'py, PyAny>;
            type Error = Failure;
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Failure> {
                ser::SerializeSeq::serialize_element(self, value)
            }
            fn end(self) -> Out<'py> {
                ser::SerializeSeq::end(self)
            }
        }
    )*};
}

tuple_as_list!(
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

impl<'py> Fields<'py, '_> {
    fn finish(self) -> Out<'py> {
        match self.variant {
            None => Ok(self.dict.into_any()),
            Some(variant) => {
                let outer = PyDict::new(self.to.py);
                outer.set_item(PyString::intern(self.to.py, variant), self.dict)?;
                Ok(outer.into_any())
            }
        }
    }
}

impl<'py> ser::SerializeMap for Fields<'py, '_> {
    type Ok = Bound<'py, PyAny>;
    type Error = Failure;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Failure> {
        let as_key = ToPython {
            as_key: true,
            ..self.to
        };
        self.key = Some(as_key.value(key)?);
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Failure> {
        let key = self
            .key
            .take()
            .ok_or_else(|| <Failure as ser::Error>::custom("a map value came without its key"))?;
        self.dict.set_item(key, self.to.value(value)?)?;
        Ok(())
    }
    fn end(self) -> Out<'py> {
        self.finish()
    }
}

// Struct fields, of plain structs and of struct variants alike.
macro_rules! struct_fields {
    ($($trait:ident),*) => {$(
        impl<'py> ser::$trait for Fields<'py, '_> {
            type Ok = Bound<'py, PyAny>;
            type Error = Failure;
            fn serialize_field<T: Serialize + ?Sized>(
                &mut self,
                key: &'static str,
                value: &T,
            ) -> Result<(), Failure> {
                self.dict.set_item(self.to.key(key), self.to.value(value)?)?;
                Ok(())
            }
            fn end(self) -> Out<'py> {
                self.finish()
            }
        }
    )*};
}

struct_fields!(SerializeStruct, SerializeStructVariant);
