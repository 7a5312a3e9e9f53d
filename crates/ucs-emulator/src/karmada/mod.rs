//! Kubernetes API semantics of the Karmada gateway: discovery, patches, selectors, bindings.

pub(crate) mod bindings;
pub(crate) mod discovery;
pub(crate) mod objects;
pub(crate) mod patch;
pub(crate) mod select;
